package web

import (
	"errors"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"tuyengiao"
)

// signedDocument is a final report of a district laid out: a paragraph whose figure of
// conferences changed since it was signed, a table of the wards whose total changed too, and
// a chart by month.
func signedDocument() *reportView {
	p := tuyengiao.HalfPeriod(2026, 1)
	rep := &tuyengiao.Report{ID: 7, UnitID: 3, UnitName: "Quận ủy Hòa Bình", Period: p, Status: tuyengiao.ReportFinal, Version: 4}
	doc := &tuyengiao.ReportDocument{Superior: "THÀNH ỦY HOA SƠN", Issuer: "BAN TUYÊN GIÁO QUẬN ỦY", Number: "Số 12-BC/BTGQU",
		Motto: "ĐẢNG CỘNG SẢN VIỆT NAM", PlaceDate: "Hòa Bình, ngày 15 tháng 6 năm 2026",
		Subject: "Sơ kết công tác tuyên giáo 6 tháng đầu năm 2026", AsOf: "Số liệu tính đến 16 giờ 30 ngày 15/6/2026",
		SignFor: "T/M BAN TUYÊN GIÁO", Signer: "Nguyễn Văn An", Recipients: []string{"- Thường trực Quận ủy (b/c),", "- Lưu VP."},
		Blocks: []tuyengiao.ReportBlock{
			{Kind: tuyengiao.BlockHeading, Runs: []tuyengiao.ReportRun{{Text: "I. Công tác học tập, quán triệt", Bold: true}}},
			{Kind: tuyengiao.BlockParagraph, Runs: []tuyengiao.ReportRun{{Text: "Tổ chức "},
				{Text: "25", Figure: &tuyengiao.ReportFigureRef{Code: "study.conferences", Indicator: "Hội nghị học tập, quán triệt", UnitID: 3, Period: p,
					Records: "/conferences?unit=3", Live: "27"}},
				{Text: " hội nghị."}}},
			{Kind: tuyengiao.BlockTable, Table: &tuyengiao.ReportTable{Caption: "Bảng 1", Header: []string{"Đơn vị", "Hội nghị"},
				Rows: [][]string{{"Phường Bình An", "20.012"}}, Total: []string{"Tổng số", "20.012"}, Numeric: []bool{false, true},
				Live: [][]string{{"", ""}, {"", "20.015"}}}},
			{Kind: tuyengiao.BlockChart, Chart: &tuyengiao.ReportChart{Caption: "Lượt người dự theo tháng", Labels: []string{"T1", "T2"}, Values: []float64{10, 20}}},
		}}
	// Set apart: TestEveryTextHasEnglish takes a literal after "Title:" for a page's title.
	doc.Title, doc.SignerTitle = "BÁO CÁO", "TRƯỞNG BAN"
	v := &reportView{Report: rep, Doc: doc, Template: "Báo cáo sơ kết 6 tháng"}
	for _, b := range doc.Blocks {
		rb := reportBlock{ReportBlock: b}
		if b.Chart != nil {
			rb.SVG, _ = reportChartSVG(b.Chart)
		}
		v.Blocks = append(v.Blocks, rb)
	}
	return v
}

func TestReportPage(t *testing.T) {
	s := &Server{pages: mustParsePages()}
	w := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/reports/7", nil)
	if err := s.render(w, r, "report", &page{Title: "Báo cáo sơ kết, tổng kết", Data: signedDocument()}); err != nil {
		t.Fatal(err)
	}
	body := w.Body.String()
	t.Run("links a figure to its records, named by indicator, unit and period", func(t *testing.T) {
		want := `<a href="/conferences?unit=3" title="Hội nghị học tập, quán triệt · Quận ủy Hòa Bình · 6 tháng đầu năm 2026">25</a>`
		if !strings.Contains(body, want) {
			t.Errorf("no %s in the page", want)
		}
	})
	t.Run("says beside a signed figure what it is now", func(t *testing.T) {
		if !strings.Contains(body, "(số liệu hiện nay: 27)") {
			t.Error("the figure now is not shown beside the signed one")
		}
	})
	t.Run("marks a table cell that changed since signing with what it is now, and no other", func(t *testing.T) {
		want := `<b>20.012</b><sup class="live-cell" title="số liệu hiện nay: 20.015"`
		if !strings.Contains(body, want) || strings.Count(body, `class="live-cell"`) != 1 {
			t.Errorf("the total's cell is not marked alone with %s", want)
		}
	})
	t.Run("lays out the head, the table, the chart and the signature", func(t *testing.T) {
		for _, want := range []string{"Số 12-BC/BTGQU", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số liệu tính đến 16 giờ 30 ngày 15/6/2026",
			`<td class="num"><b>20.012</b>`, "<svg", "T/M BAN TUYÊN GIÁO", "Nguyễn Văn An", "- Lưu VP."} {
			if !strings.Contains(body, want) {
				t.Errorf("no %q in the page", want)
			}
		}
	})
	t.Run("offers no edit nor signing to whoever may not", func(t *testing.T) {
		for _, id := range []string{`id="edit"`, `id="refresh"`, `id="finalise"`, `id="submit"`} {
			if strings.Contains(body, id) {
				t.Errorf("the page offers %s", id)
			}
		}
	})
}

func TestReportForms(t *testing.T) {
	t.Run("reads the sections in order, with their tables and charts", func(t *testing.T) {
		f := url.Values{"section_title": {"I. Tình hình", "II. Học tập"}, "section_text": {"Đoạn một.\r\n\r\nĐoạn hai.", "{study.conferences}"},
			"section_table": {"", "study.conferences, study.attendances"}, "section_chart": {"", "study.attendances"}}
		secs, err := formSections(f)
		if err != nil {
			t.Fatal(err)
		}
		if len(secs) != 2 || secs[0].Text != "Đoạn một.\n\nĐoạn hai." || len(secs[1].Table) != 2 || secs[1].Chart != "study.attendances" {
			t.Errorf("sections %+v", secs)
		}
	})
	t.Run("refuses sections with fields missing", func(t *testing.T) {
		if _, err := formSections(url.Values{"section_title": {"I"}, "section_text": {}}); tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
			t.Errorf("err %v", err)
		}
	})
	t.Run("refuses a finalising without a signed day, naming the field", func(t *testing.T) {
		_, err := reportSigningFrom(url.Values{"version": {"3"}, "number": {"12-BC/BTGTU"}})
		var e *tuyengiao.Error
		if !errors.As(err, &e) || e.Field != "signed_on" || !strings.Contains(e.Key, "ngày ký") {
			t.Errorf("err %v", err)
		}
	})
	t.Run("moves, adds and removes the sections of a template", func(t *testing.T) {
		var secs []tuyengiao.ReportSection
		for _, title := range []string{"A", "B", "C"} {
			secs = append(secs, tuyengiao.ReportSection{Title: title})
		}
		secs = moveSection(secs, "up-2")
		secs = moveSection(secs, "remove-0")
		secs = moveSection(secs, "add")
		secs = moveSection(secs, "down-9")
		var got []string
		for _, s := range secs {
			got = append(got, s.Title)
		}
		if strings.Join(got, ",") != "C,B," {
			t.Errorf("sections %v, want C,B and an empty one", got)
		}
	})
}

func TestReportDefaultPeriod(t *testing.T) {
	day := func(s string) tuyengiao.Date { d, _ := tuyengiao.ParseDate(s); return d }
	for _, c := range []struct {
		kind  tuyengiao.PeriodKind
		today string
		want  string
	}{
		{tuyengiao.PeriodHalf, "2026-06-10", "2026-H1"},
		{tuyengiao.PeriodHalf, "2026-09-01", "2026-H1"},
		{tuyengiao.PeriodHalf, "2026-12-02", "2026-H2"},
		{tuyengiao.PeriodHalf, "2027-01-05", "2026-H2"},
		{tuyengiao.PeriodYear, "2026-12-02", "2026"},
		{tuyengiao.PeriodYear, "2026-06-10", "2025"},
		{"", "2026-06-10", "2026-H1"},
	} {
		if got := reportDefaultPeriod(c.kind, day(c.today)).String(); got != c.want {
			t.Errorf("a %q report on %s defaults to %s, want %s", c.kind, c.today, got, c.want)
		}
	}
	t.Run("offers no period that has not begun", func(t *testing.T) {
		for _, p := range recentPeriods(day("2026-06-10")) {
			if p.From.After(day("2026-06-10").Time) {
				t.Errorf("offers %s", p)
			}
		}
	})
}
