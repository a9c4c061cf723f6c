package report_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/dbtest"
	"tuyengiao/internal/demo"
	"tuyengiao/internal/figures"
	"tuyengiao/internal/report"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/sqldb/sqldbtest"
	"tuyengiao/internal/vn"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata")

// TestDemoReport reads the six-month reports of the demo, loaded on 20 July 2026, as plain
// text against testdata: the one the demo drafts for its city (demo-so-ket-6-thang.golden),
// and those drafted for its first ward (demo-so-ket-6-thang-phuong.golden) and that ward's
// first cell (demo-so-ket-6-thang-chi-bo.golden), which speak of their own đảng bộ or chi
// bộ and leave out the sentences they have no figure for. A change of wording or
// of a figure is a diff to review. Run with -update to rewrite them, then read them: they
// must read like the seed articles.
func TestDemoReport(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		db := dbtest.Open(t, dsn)
		loaded := time.Date(2026, 7, 20, 10, 0, 0, 0, vn.Zone)
		db.Now = func() time.Time { return loaded }
		svc := reportService(t, db)
		ctx := sysadmin()
		err := demo.Load(context.Background(), demo.Services{Units: db, People: db, Users: db, Documents: db, Campaigns: db,
			Essays: db, Reporting: db.Reporting(svc.Figures.Indicators), Reports: svc, Records: db.RecordStore(), Contests: db.ContestStore(), Now: &db.Now}, io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		t.Run("drafts the city's report as the golden reads", func(t *testing.T) {
			city, err := db.FindUnitByCode(ctx, "HS")
			if err != nil {
				t.Fatal(err)
			}
			list, err := svc.Reports(ctx, tuyengiao.ReportFilter{UnitID: city.ID})
			if err != nil || len(list) != 1 {
				t.Fatalf("%d reports of the city, %v", len(list), err)
			}
			r, err := svc.Report(ctx, list[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			demoGolden(t, svc, r, "demo-so-ket-6-thang.golden")
		})
		for _, c := range []struct{ name, code, golden string }{
			{"a ward's", "HS-P01", "demo-so-ket-6-thang-phuong.golden"},
			{"a cell's", "HS-P01-CB01", "demo-so-ket-6-thang-chi-bo.golden"},
		} {
			t.Run("drafts "+c.name+" report in its own words, without its zero sentences", func(t *testing.T) {
				u, err := db.FindUnitByCode(ctx, c.code)
				if err != nil {
					t.Fatal(err)
				}
				r, err := svc.Draft(ctx, u.ID, demoTemplate(t, svc, "so-ket-6-thang"), tuyengiao.HalfPeriod(2026, 1))
				if err != nil {
					t.Fatal(err)
				}
				demoGolden(t, svc, r, c.golden)
			})
		}
	})
}

// demoTemplate returns the ID of the template of code.
func demoTemplate(t *testing.T, svc *report.Service, code string) int64 {
	t.Helper()
	list, err := svc.Templates(sysadmin())
	if err != nil {
		t.Fatal(err)
	}
	for _, tpl := range list {
		if tpl.Code == code {
			return tpl.ID
		}
	}
	t.Fatalf("no template %s", code)
	return 0
}

// demoGolden compares report r, assembled, as plain text with testdata/name (rewritten
// with -update).
func demoGolden(t *testing.T, svc *report.Service, r *tuyengiao.Report, name string) {
	t.Helper()
	d, err := svc.Assemble(sysadmin(), r)
	if err != nil {
		t.Fatal(err)
	}
	got := plainText(d)
	golden := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the demo's report differs from %s (go test -run TestDemoReport -update rewrites it):\n%s", golden, got)
	}
}

// reportService returns the report service over db with the default templates stored.
func reportService(t *testing.T, db *sqldb.DB) *report.Service {
	t.Helper()
	store := db.ReportStore()
	if err := store.EnsureReportTemplates(context.Background(), report.DefaultTemplates()); err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return db.Now() }
	figs := &figures.Service{Store: db.Figures(),
		Sources:   []tuyengiao.FigureSource{db.PeopleFigures(), db.StudyFigures(), db.DocumentFigures(), db.ReportedFigures(), db.RecordFigures()},
		Campaigns: db, People: db, Essays: db, Now: now}
	return &report.Service{Store: store, Figures: figs, Units: db, Now: now}
}

// plainText writes a report as a reader sees it, line by line.
func plainText(d *tuyengiao.ReportDocument) string {
	var b strings.Builder
	line := func(parts ...string) { fmt.Fprintln(&b, strings.Join(parts, "")) }
	line(d.Superior, " | ", d.Motto)
	line(d.Issuer)
	line(d.Number, " | ", d.PlaceDate)
	if d.Draft {
		line("DỰ THẢO")
	}
	line(d.Title)
	line(d.Subject)
	line("(", d.AsOf, ")")
	for _, bl := range d.Blocks {
		switch bl.Kind {
		case tuyengiao.BlockTable:
			line("")
			line("[Bảng] ", bl.Table.Caption)
			for _, row := range append(append([][]string{bl.Table.Header}, bl.Table.Rows...), bl.Table.Total) {
				line(strings.Join(row, " | "))
			}
		case tuyengiao.BlockChart:
			c := bl.Chart
			line("")
			line("[Biểu đồ] ", c.Caption)
			var bars []string
			for i, l := range c.Labels {
				bars = append(bars, l+": "+vn.Decimal(c.Values[i], 1))
			}
			line(strings.Join(bars, "; "))
		default:
			var text strings.Builder
			for _, r := range bl.Runs {
				text.WriteString(r.Text)
			}
			line("")
			line(text.String())
		}
	}
	line("")
	line(d.SignFor)
	line(d.SignerTitle)
	line(d.Signer)
	line("Nơi nhận:")
	for _, r := range d.Recipients {
		line(r)
	}
	return b.String()
}
