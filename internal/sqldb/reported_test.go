package sqldb

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/figures"
	"tuyengiao/internal/sqldb/sqldbtest"
	"tuyengiao/internal/vn"
)

// reportingCity is a city with two districts: Q1 with wards P1 and P2, Q2 with wards P3
// and P4; wards report the data set monthly, ten days after the month.
type reportingCity struct {
	db                           *DB
	rep                          *Reporting
	figs                         *figures.Service
	city, q1, q2, p1, p2, p3, p4 *tuyengiao.Unit
	ds                           *tuyengiao.DataSet
	now                          time.Time
}

func newReportingCity(t *testing.T, db *DB) *reportingCity {
	t.Helper()
	c := &reportingCity{db: db, now: time.Date(2026, 4, 5, 3, 0, 0, 0, time.UTC)}
	db.Now = func() time.Time { return c.now }
	ctx := sysadminCtx()
	unit := func(parent *tuyengiao.Unit, code, kind string) *tuyengiao.Unit {
		u := &tuyengiao.Unit{Code: code, Name: "Đơn vị " + code, Kind: kind}
		if parent != nil {
			u.ParentID = parent.ID
		}
		if err := db.CreateUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		return u
	}
	c.city = unit(nil, "TP", "thanh_uy")
	c.q1, c.q2 = unit(c.city, "Q1", "quan_uy"), unit(c.city, "Q2", "quan_uy")
	c.p1, c.p2 = unit(c.q1, "P1", "dang_uy_phuong"), unit(c.q1, "P2", "dang_uy_phuong")
	c.p3, c.p4 = unit(c.q2, "P3", "dang_uy_phuong"), unit(c.q2, "P4", "dang_uy_phuong")
	reported := db.ReportedFigures()
	c.figs = &figures.Service{Store: db.Figures(), Sources: []tuyengiao.FigureSource{db.PeopleFigures(), reported}}
	c.rep = db.Reporting(c.figs.Indicators)
	for _, ind := range []tuyengiao.Indicator{
		{Code: "security.teams", Name: "Tổ tự quản an ninh", Measure: "tổ", Aggregation: tuyengiao.AggregateSum, Stock: true},
		{Code: "outreach.meetings", Name: "Buổi sinh hoạt", Measure: "buổi", Aggregation: tuyengiao.AggregateSum},
	} {
		if err := c.rep.SaveReportedIndicator(ctx, &ind, false); err != nil {
			t.Fatal(err)
		}
	}
	c.ds = &tuyengiao.DataSet{Name: "Báo cáo tháng của phường", Indicators: []string{"security.teams", "outreach.meetings"},
		Computed: []string{"people.member"}, UnitKinds: []string{"dang_uy_phuong"}, PeriodKind: tuyengiao.PeriodMonth, DeadlineDays: 10}
	if err := c.rep.SaveDataSet(ctx, c.ds); err != nil {
		t.Fatal(err)
	}
	return c
}

func (c *reportingCity) enter(ctx context.Context, u *tuyengiao.Unit, p tuyengiao.Period, teams, meetings int64) (*tuyengiao.Form, error) {
	return c.rep.EnterValues(ctx, tuyengiao.Entry{DataSetID: c.ds.ID, UnitID: u.ID, Period: p, Values: []tuyengiao.UnitValue{
		{Code: "security.teams", Value: tuyengiao.Value{Num: teams}}, {Code: "outreach.meetings", Value: tuyengiao.Value{Num: meetings}}}})
}

func editorAt(u *tuyengiao.Unit) context.Context { return roleCtx(tuyengiao.RoleEditor, u.ID, u.Path) }

func TestReporting(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		c := newReportingCity(t, db)
		march, april := tuyengiao.MonthPeriod(2026, 3), tuyengiao.MonthPeriod(2026, 4)

		t.Run("a ward's editor enters its own form, on time and not on behalf", func(t *testing.T) {
			f, err := c.enter(editorAt(c.p1), c.p1, march, 5, 3)
			if err != nil {
				t.Fatal(err)
			}
			if f.Status != tuyengiao.FormOnTime || len(f.Values) != 2 || f.Values[0].OnBehalf || f.Values[0].Late {
				t.Errorf("form %+v", f)
			}
		})

		t.Run("a district's editor enters a ward's form on its behalf, recorded as such", func(t *testing.T) {
			f, err := c.enter(editorAt(c.q1), c.p2, march, 2, 1)
			if err != nil {
				t.Fatal(err)
			}
			if !f.Values[0].OnBehalf || !f.Values[1].OnBehalf {
				t.Errorf("values %+v, want on behalf", f.Values)
			}
			var detail string
			if err := db.queryRow(context.Background(), `SELECT detail FROM audit_log WHERE action = 'report.enter' AND object = ?`,
				formObject(c.ds.ID, c.p2.ID, march)).Scan(&detail); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(detail, "nhập thay đơn vị") {
				t.Errorf("audit detail %q does not say on behalf", detail)
			}
		})

		t.Run("an editor or viewer of another district can neither enter nor read a ward's form", func(t *testing.T) {
			if _, err := c.enter(editorAt(c.q2), c.p1, march, 9, 9); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("enter: %v", err)
			}
			viewer := roleCtx(tuyengiao.RoleViewer, c.q2.ID, c.q2.Path)
			if _, err := c.rep.Form(viewer, c.ds.ID, c.p1.ID, march); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("form: %v", err)
			}
			if _, err := c.rep.Completeness(viewer, c.ds.ID, c.q1.ID, march); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("completeness: %v", err)
			}
			if _, err := c.enter(roleCtx(tuyengiao.RoleViewer, c.p1.ID, c.p1.Path), c.p1, march, 9, 9); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("a viewer entered: %v", err)
			}
		})

		t.Run("a changed value is a new row and the audit keeps the previous one", func(t *testing.T) {
			if _, err := c.enter(editorAt(c.p1), c.p1, march, 5, 4); err != nil {
				t.Fatal(err)
			}
			var n int
			if err := db.queryRow(context.Background(), `SELECT COUNT(*) FROM reported_values WHERE unit_id = ? AND indicator = 'outreach.meetings'`,
				c.p1.ID).Scan(&n); err != nil || n != 2 {
				t.Errorf("%d rows (%v), want the old and the new", n, err)
			}
			var detail string
			if err := db.queryRow(context.Background(), `SELECT detail FROM audit_log WHERE action = 'report.enter' AND object = ? ORDER BY id DESC`,
				formObject(c.ds.ID, c.p1.ID, march)).Scan(&detail); err != nil || !strings.Contains(detail, "outreach.meetings: 3 → 4") {
				t.Errorf("audit detail %q (%v)", detail, err)
			}
		})

		t.Run("refuses a value past a million billion and an indicator given twice, naming it", func(t *testing.T) {
			for _, vals := range [][]tuyengiao.UnitValue{
				{{Code: "outreach.meetings", Value: tuyengiao.Value{Num: 9223372036854775807}}},
				{{Code: "outreach.meetings", Value: tuyengiao.Value{Num: 1}}, {Code: "outreach.meetings", Value: tuyengiao.Value{Num: 2}}},
			} {
				_, err := c.rep.EnterValues(editorAt(c.p1), tuyengiao.Entry{DataSetID: c.ds.ID, UnitID: c.p1.ID, Period: march, Values: vals})
				if tuyengiao.ErrorCode(err) != tuyengiao.EINVALID || err.(*tuyengiao.Error).Field != "outreach.meetings" {
					t.Errorf("%+v: %v", vals, err)
				}
			}
		})

		c.now = time.Date(2026, 4, 12, 3, 0, 0, 0, time.UTC)
		t.Run("refuses a value after the deadline and says why", func(t *testing.T) {
			_, err := c.enter(editorAt(c.p3), c.p3, march, 7, 0)
			if tuyengiao.ErrorCode(err) != tuyengiao.ECONFLICT || !strings.Contains(vn.Message(err), "10/04/2026") {
				t.Errorf("got %v, want a conflict naming the deadline 10/04/2026", err)
			}
			f, err := c.rep.Form(editorAt(c.p3), c.ds.ID, c.p3.ID, march)
			if err != nil || !f.Locked || !strings.Contains(f.LockedWhy, "đã khóa") {
				t.Errorf("form %+v (%v), want locked", f, err)
			}
		})

		t.Run("only the unit above reopens a form, audited, and entry then is late", func(t *testing.T) {
			if _, err := c.rep.ReopenForm(editorAt(c.p3), c.ds.ID, c.p3.ID, march, tuyengiao.Date{}); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("the ward reopened its own form: %v", err)
			}
			until := tuyengiao.Date{Time: time.Date(2026, 4, 15, 0, 0, 0, 0, time.UTC)}
			f, err := c.rep.ReopenForm(editorAt(c.q2), c.ds.ID, c.p3.ID, march, until)
			if err != nil || f.Locked || f.ReopenedUntil == nil || !f.ReopenedUntil.Equal(until.Time) {
				t.Fatalf("form %+v (%v)", f, err)
			}
			if n := personAuditCount(t, db, "report.reopen", formObject(c.ds.ID, c.p3.ID, march), tuyengiao.OutcomeOK); n != 1 {
				t.Errorf("%d reopen records, want 1", n)
			}
			f, err = c.enter(editorAt(c.p3), c.p3, march, 7, 0)
			if err != nil || f.Status != tuyengiao.FormLate || !f.Values[0].Late {
				t.Errorf("form %+v (%v), want late", f, err)
			}
		})

		t.Run("completeness counts on time, late and missing and rolls up", func(t *testing.T) {
			cp, err := c.rep.Completeness(roleCtx(tuyengiao.RoleViewer, c.city.ID, c.city.Path), c.ds.ID, c.city.ID, march)
			if err != nil {
				t.Fatal(err)
			}
			if want := (tuyengiao.CompletenessCount{Expected: 4, OnTime: 2, Late: 1, Missing: 1}); cp.Total != want {
				t.Errorf("total %+v, want %+v", cp.Total, want)
			}
			if len(cp.Lines) != 3 || cp.Lines[1].Count != (tuyengiao.CompletenessCount{Expected: 2, OnTime: 2}) ||
				cp.Lines[2].Count != (tuyengiao.CompletenessCount{Expected: 2, Late: 1, Missing: 1}) {
				t.Errorf("lines %+v", cp.Lines)
			}
			cp, err = c.rep.Completeness(editorAt(c.q2), c.ds.ID, c.q2.ID, march)
			if err != nil || len(cp.Lines) != 3 || cp.Lines[1].Status != tuyengiao.FormLate || cp.Lines[2].Status != tuyengiao.FormMissing {
				t.Errorf("district lines %+v (%v)", cp.Lines, err)
			}
		})

		t.Run("an import with a bad row writes nothing and names the row and column", func(t *testing.T) {
			rows := []tuyengiao.ReportRow{
				{Row: 2, UnitCode: "p1", Values: []tuyengiao.UnitValue{{Code: "security.teams", Value: tuyengiao.Value{Num: 6}},
					{Code: "outreach.meetings", Value: tuyengiao.Value{Num: 2}}}},
				{Row: 3, UnitCode: "P3", Values: []tuyengiao.UnitValue{{Code: "security.teams", Value: tuyengiao.Value{Num: 1}}}},
				{Row: 4, UnitCode: "P2", Values: []tuyengiao.UnitValue{{Code: "outreach.meetings", Value: tuyengiao.Value{Num: -1}}}},
			}
			req := tuyengiao.ReportImport{DataSetID: c.ds.ID, RootID: c.q1.ID, Period: april, Rows: rows, Commit: true}
			res, err := c.rep.ImportValues(editorAt(c.q1), req)
			if err != nil {
				t.Fatal(err)
			}
			if res.Written || len(res.Errors) != 2 || res.Errors[0].Row != 3 || res.Errors[1].Row != 4 ||
				!strings.Contains(vn.Message(res.Errors[1]), "Dòng 4, cột outreach.meetings") {
				t.Errorf("result %+v %v", res, res.Errors)
			}
			if f, _ := c.rep.Form(editorAt(c.p1), c.ds.ID, c.p1.ID, april); len(f.Values) != 0 {
				t.Errorf("a bad import wrote %+v", f.Values)
			}
			req.Rows = rows[:1]
			if res, err := c.rep.ImportValues(editorAt(c.q1), req); err != nil || !res.Written || res.Forms != 1 {
				t.Fatalf("result %+v (%v)", res, err)
			}
			if f, _ := c.rep.Form(editorAt(c.p1), c.ds.ID, c.p1.ID, april); f.Status != tuyengiao.FormOnTime || !f.Values[0].OnBehalf {
				t.Errorf("imported form %+v", f)
			}
		})

		t.Run("reported values roll up: a flow is summed, a stock takes its latest period", func(t *testing.T) {
			tb, err := c.figs.Figures(sysadminCtx(), tuyengiao.FigureQuery{Codes: []string{"security.teams", "outreach.meetings"},
				UnitID: c.city.ID, Depth: 1, Periods: []tuyengiao.Period{tuyengiao.YearPeriod(2026), march}})
			if err != nil {
				t.Fatal(err)
			}
			// Q1: P1 has 5 teams in March and 6 in April, P2 2 in March; meetings 4+2 and 1.
			// Q2: P3 has 7 teams and no meetings.
			type cell struct{ teams, meetings, marchTeams int64 }
			want := []cell{{15, 7, 14}, {8, 7, 7}, {7, 0, 7}}
			for u, w := range want {
				if got := (cell{tb.Value(u, 0, 0).Num, tb.Value(u, 1, 0).Num, tb.Value(u, 0, 1).Num}); got != w {
					t.Errorf("row %s: %+v, want %+v", tb.Units[u].Code, got, w)
				}
			}
		})

		t.Run("a data set refuses an unknown computed code and a reported indicator of another set", func(t *testing.T) {
			d := *c.ds
			d.ID, d.Name, d.Computed = 0, "Khác", []string{"study.nothing"}
			if err := c.rep.SaveDataSet(sysadminCtx(), &d); tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
				t.Errorf("unknown computed code: %v", err)
			}
			d.Computed = nil
			err := c.rep.SaveDataSet(sysadminCtx(), &d)
			if tuyengiao.ErrorCode(err) != tuyengiao.ECONFLICT || !strings.Contains(vn.Message(err), `"security.teams" đã thuộc bộ biểu mẫu "Báo cáo tháng của phường"`) {
				t.Errorf("indicator of another set: %v", err)
			}
			if all, _ := c.rep.DataSets(sysadminCtx()); len(all) != 1 {
				t.Errorf("the refused data set was saved: %d data sets", len(all))
			}
			if err := c.rep.SaveDataSet(editorAt(c.city), &d); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("an editor defined a data set: %v", err)
			}
		})
	})
}

func TestReportedValuesAfterChanges(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		c := newReportingCity(t, db)
		ctx := sysadminCtx()
		if _, err := c.enter(editorAt(c.p1), c.p1, tuyengiao.MonthPeriod(2026, 3), 5, 3); err != nil {
			t.Fatal(err)
		}
		// quarterly holds a flow and a stock reported by the wards each quarter.
		for _, ind := range []tuyengiao.Indicator{
			{Code: "outreach.talks", Name: "Buổi nói chuyện", Measure: "buổi", Aggregation: tuyengiao.AggregateSum},
			{Code: "outreach.clubs", Name: "Câu lạc bộ", Measure: "câu lạc bộ", Aggregation: tuyengiao.AggregateSum, Stock: true},
		} {
			if err := c.rep.SaveReportedIndicator(ctx, &ind, false); err != nil {
				t.Fatal(err)
			}
		}
		quarterly := &tuyengiao.DataSet{Name: "Báo cáo quý", Indicators: []string{"outreach.talks", "outreach.clubs"},
			UnitKinds: []string{"dang_uy_phuong"}, PeriodKind: tuyengiao.PeriodQuarter, DeadlineDays: 10}
		if err := c.rep.SaveDataSet(ctx, quarterly); err != nil {
			t.Fatal(err)
		}
		enter := func(ds int64, p tuyengiao.Period, code string, n int64) {
			t.Helper()
			if _, err := c.rep.EnterValues(editorAt(c.p1), tuyengiao.Entry{DataSetID: ds, UnitID: c.p1.ID, Period: p,
				Values: []tuyengiao.UnitValue{{Code: code, Value: tuyengiao.Value{Num: n}}}}); err != nil {
				t.Fatal(err)
			}
		}
		year := func(code string) int64 {
			t.Helper()
			tb, err := c.figs.Figures(ctx, tuyengiao.FigureQuery{Codes: []string{code}, UnitID: c.p1.ID,
				Periods: []tuyengiao.Period{tuyengiao.YearPeriod(2026)}})
			if err != nil {
				t.Fatal(err)
			}
			return tb.Value(0, 0, 0).Num
		}
		sql := func(q string, args ...any) {
			t.Helper()
			if _, err := db.write.Exec(db.rebind(q), args...); err != nil {
				t.Fatal(err)
			}
		}

		t.Run("refuses to change how an indicator adds up once values were entered, and changes nothing", func(t *testing.T) {
			for field, ind := range map[string]tuyengiao.Indicator{
				"stock":       {Code: "security.teams", Name: "Tổ tự quản an ninh", Measure: "tổ", Aggregation: tuyengiao.AggregateSum},
				"aggregation": {Code: "outreach.meetings", Name: "Buổi sinh hoạt", Measure: "buổi", Aggregation: tuyengiao.AggregateRatio, Base: "buổi dự kiến"},
			} {
				var e *tuyengiao.Error
				if err := c.rep.SaveReportedIndicator(ctx, &ind, true); !errors.As(err, &e) || e.Code != tuyengiao.ECONFLICT || e.Field != field {
					t.Errorf("%s: %v", field, err)
				}
			}
			inds, _ := c.rep.ReportedIndicators(ctx)
			for _, ind := range inds {
				if ind.Code == "security.teams" && !ind.Stock || ind.Code == "outreach.meetings" && ind.Aggregation != tuyengiao.AggregateSum {
					t.Errorf("changed: %+v", ind)
				}
			}
			renamed := tuyengiao.Indicator{Code: "security.teams", Name: "Tổ an ninh tự quản", Measure: "tổ", Aggregation: tuyengiao.AggregateSum, Stock: true}
			if err := c.rep.SaveReportedIndicator(ctx, &renamed, true); err != nil {
				t.Errorf("a new name was refused: %v", err)
			}
		})

		t.Run("refuses to change a data set's kind of period or drop an indicator with values, and changes nothing", func(t *testing.T) {
			d := *c.ds
			d.PeriodKind = tuyengiao.PeriodQuarter
			var e *tuyengiao.Error
			if err := c.rep.SaveDataSet(ctx, &d); !errors.As(err, &e) || e.Code != tuyengiao.ECONFLICT || e.Field != "period_kind" {
				t.Errorf("kind of period: %v", err)
			}
			d = *c.ds
			d.Indicators = []string{"outreach.meetings"}
			if err := c.rep.SaveDataSet(ctx, &d); !errors.As(err, &e) || e.Code != tuyengiao.ECONFLICT || e.Field != "indicators" ||
				!strings.Contains(vn.Message(e), "security.teams") {
				t.Errorf("indicator dropped: %v", err)
			}
			if got, _ := c.rep.FindDataSet(ctx, c.ds.ID); got.PeriodKind != tuyengiao.PeriodMonth || len(got.Indicators) != 2 {
				t.Errorf("data set changed: %+v", got)
			}
			d = *quarterly
			d.PeriodKind = tuyengiao.PeriodHalf
			if err := c.rep.SaveDataSet(ctx, &d); err != nil {
				t.Errorf("a data set without values could not change its kind of period: %v", err)
			}
			if err := c.rep.SaveDataSet(ctx, quarterly); err != nil {
				t.Fatal(err)
			}
		})

		t.Run("a stock takes its latest period, whatever the order of entry", func(t *testing.T) {
			enter(quarterly.ID, tuyengiao.QuarterPeriod(2026, 2), "outreach.clubs", 6)
			c.now = c.now.Add(time.Hour)
			enter(quarterly.ID, tuyengiao.QuarterPeriod(2026, 1), "outreach.clubs", 4)
			if got := year("outreach.clubs"); got != 6 {
				t.Errorf("clubs in 2026: %d, want 6 (the second quarter)", got)
			}
		})

		t.Run("values under a former kind of period or data set are not counted again into the year", func(t *testing.T) {
			enter(quarterly.ID, tuyengiao.QuarterPeriod(2026, 1), "outreach.talks", 3)
			// As a change made before the rule could leave it: the data set turned half-yearly.
			sql(`UPDATE data_sets SET period_kind = 'half' WHERE id = ?`, quarterly.ID)
			enter(quarterly.ID, tuyengiao.HalfPeriod(2026, 1), "outreach.talks", 10)
			enter(quarterly.ID, tuyengiao.HalfPeriod(2026, 1), "outreach.clubs", 9)
			if talks, clubs := year("outreach.talks"), year("outreach.clubs"); talks != 10 || clubs != 9 {
				t.Errorf("2026: talks %d, clubs %d; want 10 and 9 (the first half only)", talks, clubs)
			}
			// And the talks moved into the monthly data set.
			sql(`UPDATE data_set_indicators SET data_set_id = ?, position = 3 WHERE indicator = 'outreach.talks'`, c.ds.ID)
			enter(c.ds.ID, tuyengiao.MonthPeriod(2026, 4), "outreach.talks", 2)
			if talks := year("outreach.talks"); talks != 2 {
				t.Errorf("2026: talks %d, want 2 (April in the monthly data set only)", talks)
			}
		})
	})
}

// TestDataSetIndicatorsMigration: the codes data sets held one a line become rows of
// data_set_indicators, in their order, and the key then refuses a second holder.
func TestDataSetIndicatorsMigration(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := migratedTo(t, dsn, 17)
		for _, q := range []string{
			`INSERT INTO reported_indicators (code, name, measure, aggregation, created_at, updated_at) VALUES
			('a.one', 'Một', 'lần', 'sum', '2026-01-01 00:00:00', '2026-01-01 00:00:00'),
			('a.two', 'Hai', 'lần', 'sum', '2026-01-01 00:00:00', '2026-01-01 00:00:00'),
			('b.one', 'Ba', 'lần', 'sum', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
			`INSERT INTO data_sets (id, name, indicators, unit_kinds, period_kind, deadline_days, created_at, updated_at) VALUES
			(1, 'Bộ A', 'a.two` + "\n" + `a.one', 'chi_bo', 'month', 5, '2026-01-01 00:00:00', '2026-01-01 00:00:00'),
			(2, 'Bộ B', 'b.one', 'chi_bo', 'year', 5, '2026-01-01 00:00:00', '2026-01-01 00:00:00')`,
		} {
			if _, err := db.write.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		rep := db.Reporting(db.ReportedFigures().Indicators)
		all, err := rep.DataSets(sysadminCtx())
		if err != nil || len(all) != 2 || strings.Join(all[0].Indicators, " ") != "a.two a.one" || strings.Join(all[1].Indicators, " ") != "b.one" {
			t.Fatalf("data sets %+v, %v", all, err)
		}
		_, err = db.write.Exec(db.rebind(`INSERT INTO data_set_indicators (indicator, data_set_id, position) VALUES ('a.one', 2, 2)`))
		if !uniqueViolation(err) {
			t.Errorf("a second data set took a.one: %v", err)
		}
	})
}

func TestReportFormFirstEntriesAtOnce(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		c := newReportingCity(t, db)
		t.Run("two entries into a new form at once both keep their values", func(t *testing.T) {
			var wg sync.WaitGroup
			errs := make(chan error, 16)
			for _, u := range []*tuyengiao.Unit{c.p1, c.p2, c.p3, c.p4} {
				for _, p := range []tuyengiao.Period{tuyengiao.MonthPeriod(2026, 3), tuyengiao.MonthPeriod(2026, 4)} {
					for _, code := range []string{"security.teams", "outreach.meetings"} {
						wg.Add(1)
						go func() {
							defer wg.Done()
							_, err := c.rep.EnterValues(editorAt(u), tuyengiao.Entry{DataSetID: c.ds.ID, UnitID: u.ID, Period: p,
								Values: []tuyengiao.UnitValue{{Code: code, Value: tuyengiao.Value{Num: 1}}}})
							errs <- err
						}()
					}
				}
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Error(err)
				}
			}
			f, err := c.rep.Form(editorAt(c.p4), c.ds.ID, c.p4.ID, tuyengiao.MonthPeriod(2026, 4))
			if err != nil || len(f.Values) != 2 || f.Status != tuyengiao.FormOnTime {
				t.Errorf("form %+v, %v", f, err)
			}
		})
	})
}
