package figures_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"tuyengiao"
	"tuyengiao/internal/figures"
	"tuyengiao/internal/sqldb/sqldbtest"
)

// meetings is a figure source for tests: the meetings a unit held in a period (a flow), and
// a rate, each value set by the test per period code and unit.
type meetings struct {
	values  map[string]map[int64]int64 // period code → unit → meetings
	version int64
}

// Version is a new one at every question: the test sets the values as it goes.
func (m *meetings) Version(context.Context) (int64, error) {
	m.version++
	return m.version, nil
}

func (m *meetings) Indicators(context.Context) ([]tuyengiao.Indicator, error) {
	return []tuyengiao.Indicator{
		{Code: "test.meetings", Name: "Số cuộc họp", Measure: "cuộc", Aggregation: tuyengiao.AggregateSum, Source: tuyengiao.SourceReported},
		{Code: "test.rate", Name: "Tỉ lệ", Measure: "%", Aggregation: tuyengiao.AggregateRatio, Source: tuyengiao.SourceReported},
	}, nil
}

func (m *meetings) OwnValues(_ context.Context, codes []string, _ string, p tuyengiao.Period) ([]tuyengiao.UnitValue, error) {
	var out []tuyengiao.UnitValue
	for unit, n := range m.values[p.String()] {
		out = append(out, tuyengiao.UnitValue{Code: "test.meetings", UnitID: unit, Value: tuyengiao.Value{Num: n}})
	}
	return out, nil
}

// as returns a context acting as an account holding the role at the unit.
func as(role tuyengiao.Role, u *tuyengiao.Unit) context.Context {
	return tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{Login: "test-" + string(role) + "-" + u.Code,
		Grants: []tuyengiao.Grant{{Role: role, UnitID: u.ID, UnitPath: u.Path}}})
}

// quality wires the checker over the city's people and the meetings source.
func (c *city) quality(m *meetings) *figures.Quality {
	svc := &figures.Service{Store: c.db.Figures(), Sources: []tuyengiao.FigureSource{c.db.PeopleFigures(), m}, Targets: c.db.Targets()}
	return &figures.Quality{Figures: svc, Store: c.db.Quality()}
}

// audited reports whether the audit log holds a record of the action at the unit.
func (c *city) audited(t *testing.T, action string, unitID int64) bool {
	t.Helper()
	recs, _, err := c.db.FindAuditRecords(sysadmin(), tuyengiao.AuditFilter{Action: action, Outcome: tuyengiao.OutcomeOK, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.UnitID == unitID {
			return true
		}
	}
	return false
}

func TestTargets(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		c := newCity(t, dsn)
		q := c.quality(&meetings{})
		year, half := tuyengiao.YearPeriod(2026), tuyengiao.HalfPeriod(2026, 1)
		set := func(ctx context.Context, targets ...tuyengiao.Target) error {
			return c.db.Targets().SetTargets(ctx, targets)
		}

		t.Run("an editor of a district sets the targets of the district and of a ward below, audited", func(t *testing.T) {
			err := set(as(tuyengiao.RoleEditor, c.d1),
				tuyengiao.Target{Code: "test.meetings", UnitID: c.d1.ID, Period: "2026", Value: tuyengiao.Value{Num: 40}},
				tuyengiao.Target{Code: "test.meetings", UnitID: c.ward.ID, Period: " 2026 ", Value: tuyengiao.Value{Num: 12}},
				tuyengiao.Target{Code: "test.rate", UnitID: c.ward.ID, Period: "2026", Value: tuyengiao.Value{Num: 974, Den: 1000}})
			if err != nil {
				t.Fatal(err)
			}
			if !c.audited(t, "target.set", c.ward.ID) {
				t.Error("no audit record of the ward's target")
			}
		})

		t.Run("the figures carry the targets of exactly their period, none on the own line", func(t *testing.T) {
			tb, err := q.Figures.Figures(sysadmin(), tuyengiao.FigureQuery{Codes: []string{"test.meetings", "test.rate"}, UnitID: c.d1.ID,
				Depth: 1, Periods: []tuyengiao.Period{year, half}, Targets: true})
			if err != nil {
				t.Fatal(err)
			}
			at := func(u, i, p int) tuyengiao.Value { return tb.Targets[(u*len(tb.Indicators)+i)*len(tb.Periods)+p] }
			last := len(tb.Units) - 1
			if tb.Units[last].Code != "P1" {
				t.Fatalf("rows %+v", tb.Units)
			}
			if got := at(0, 0, 0); got.Num != 40 {
				t.Errorf("district's target of the year %+v, want 40", got)
			}
			if got := at(last, 0, 0); got.Num != 12 {
				t.Errorf("ward's target of the year %+v, want 12", got)
			}
			if got := at(last, 1, 0); got != (tuyengiao.Value{Num: 974, Den: 1000}) {
				t.Errorf("ward's rate target %+v, want 974/1000", got)
			}
			if got := at(0, 0, 1); got != (tuyengiao.Value{}) {
				t.Errorf("the first half has a target %+v: a year's target is not a half's", got)
			}
		})

		t.Run("a query that does not ask for targets has none", func(t *testing.T) {
			tb, err := q.Figures.Figures(sysadmin(), tuyengiao.FigureQuery{UnitID: c.d1.ID, Periods: []tuyengiao.Period{year}})
			if err != nil || tb.Targets != nil {
				t.Errorf("targets %v, err %v", tb.Targets, err)
			}
		})

		t.Run("refuses the targets of another district and of the unit above, changing nothing", func(t *testing.T) {
			for _, tc := range []struct {
				who  context.Context
				unit *tuyengiao.Unit
			}{{as(tuyengiao.RoleEditor, c.d2), c.ward}, {as(tuyengiao.RoleEditor, c.ward), c.d1}, {as(tuyengiao.RoleViewer, c.d1), c.ward}} {
				err := set(tc.who, tuyengiao.Target{Code: "test.meetings", UnitID: tc.unit.ID, Period: "2026", Value: tuyengiao.Value{Num: 99}})
				if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
					t.Errorf("set at %s: %v, want forbidden", tc.unit.Code, err)
				}
			}
			tb, _ := q.Figures.Figures(sysadmin(), tuyengiao.FigureQuery{Codes: []string{"test.meetings"}, UnitID: c.ward.ID,
				Periods: []tuyengiao.Period{year}, Targets: true})
			if tb.Targets[0].Num != 12 {
				t.Errorf("ward's target is now %+v", tb.Targets[0])
			}
		})

		t.Run("refuses a rate target above 100% naming the unit's row", func(t *testing.T) {
			err := set(sysadmin(), tuyengiao.Target{Code: "test.rate", UnitID: c.ward.ID, Period: "2026", Value: tuyengiao.Value{Num: 11, Den: 10}})
			var e *tuyengiao.Error
			if !errors.As(err, &e) || e.Code != tuyengiao.EINVALID || e.Field != "target_"+strconv.FormatInt(c.ward.ID, 10) {
				t.Errorf("got %v", err)
			}
		})

		t.Run("refuses a target of no indicator of the catalogue, and a base for a count", func(t *testing.T) {
			checked := &figures.Targets{Figures: q.Figures, Store: c.db.Targets()}
			for _, tg := range []tuyengiao.Target{
				{Code: "test.unknown", UnitID: c.ward.ID, Period: "2026", Value: tuyengiao.Value{Num: 1}},
				{Code: "test.meetings", UnitID: c.ward.ID, Period: "2026", Value: tuyengiao.Value{Num: 1, Den: 2}},
				{Code: "test.rate", UnitID: c.ward.ID, Period: "2026", Value: tuyengiao.Value{Num: 1}},
			} {
				if err := checked.SetTargets(sysadmin(), []tuyengiao.Target{tg}); tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
					t.Errorf("%+v: %v", tg, err)
				}
			}
		})

		t.Run("a zero target removes it", func(t *testing.T) {
			if err := set(sysadmin(), tuyengiao.Target{Code: "test.meetings", UnitID: c.ward.ID, Period: "2026"}); err != nil {
				t.Fatal(err)
			}
			tb, _ := q.Figures.Figures(sysadmin(), tuyengiao.FigureQuery{Codes: []string{"test.meetings"}, UnitID: c.ward.ID,
				Periods: []tuyengiao.Period{year}, Targets: true})
			if tb.Targets[0] != (tuyengiao.Value{}) {
				t.Errorf("ward's target is still %+v", tb.Targets[0])
			}
		})
	})
}

func TestQuality(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		c := newCity(t, dsn)
		c.people(t, c.d1, tuyengiao.CategoryMember, 3)
		c.people(t, c.d1, tuyengiao.CategoryKeyCadre, 5)
		c.people(t, c.ward, tuyengiao.CategoryMember, 4)
		// The people are counted on the quarter's last day: this quarter holds today.
		quarter := tuyengiao.PeriodContaining(tuyengiao.PeriodQuarter, tuyengiao.DateOf(c.db.Now()))
		m := &meetings{values: map[string]map[int64]int64{quarter.String(): {c.ward.ID: 200, c.d2.ID: 3}}}
		before := quarter
		for _, n := range []int64{21, 19, 22, 20} {
			before = before.Previous()
			m.values[before.String()] = map[int64]int64{c.ward.ID: n}
		}
		q := c.quality(m)
		rule := &tuyengiao.ValidationRule{Left: "people.member", Op: tuyengiao.RuleAtMost, Right: "people.key_cadre",
			Message: "Số đảng viên không được vượt số cán bộ chủ chốt (quy tắc thử)."}

		t.Run("only a system administrator adds a rule", func(t *testing.T) {
			if err := q.CreateValidationRule(as(tuyengiao.RoleUnitAdmin, c.city), rule); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("unit administrator: %v", err)
			}
			if err := q.CreateValidationRule(sysadmin(), rule); err != nil {
				t.Fatal(err)
			}
		})

		t.Run("lists the values that break a rule, and skips the rules of indicators not in the catalogue", func(t *testing.T) {
			rep, err := q.Quality(sysadmin(), c.d1.ID, quarter, 1)
			if err != nil {
				t.Fatal(err)
			}
			var broken []string
			for _, v := range rep.Violations {
				broken = append(broken, v.Unit.Code)
				if v.Rule.ID != rule.ID {
					t.Errorf("violation of %+v", v.Rule)
				}
			}
			// Q1: 7 members, 5 cadres; its own line 3 and 5 holds; P1: 4 members, no cadre.
			if strings.Join(broken, " ") != "Q1 P1" {
				t.Errorf("violations at %v, want Q1 P1", broken)
			}
			if len(rep.Skipped) == 0 {
				t.Error("the study rules were not skipped though no study indicator is in the catalogue")
			}
		})

		t.Run("checks one unit's values as a form of reported values does", func(t *testing.T) {
			vs, err := q.CheckUnit(as(tuyengiao.RoleViewer, c.ward), c.ward.ID, quarter)
			if err != nil || len(vs) != 1 || vs[0].Left != 4 || vs[0].Right != 0 {
				t.Errorf("got %+v, %v", vs, err)
			}
		})

		open := func(t *testing.T) []tuyengiao.Outlier {
			t.Helper()
			rep, err := q.Quality(as(tuyengiao.RoleViewer, c.d1), c.d1.ID, quarter, 1)
			if err != nil {
				t.Fatal(err)
			}
			var out []tuyengiao.Outlier
			for _, o := range rep.Outliers {
				if o.Indicator.Code == "test.meetings" && o.Unit.Code == "P1" {
					out = append(out, o)
				}
			}
			return out
		}

		t.Run("flags a value far from the unit's own history, at the unit (and at the district its total makes jump)", func(t *testing.T) {
			got := open(t)
			if len(got) != 1 || got[0].Unit.Code != "P1" || got[0].Value != 200 || got[0].Against != tuyengiao.OutlierHistory {
				t.Fatalf("outliers %+v", got)
			}
		})

		confirm := &tuyengiao.OutlierConfirmation{Code: "test.meetings", UnitID: c.ward.ID, Period: quarter.String(), Value: 200,
			Comment: "Phường tổ chức 200 buổi sinh hoạt chuyên đề trong đợt cao điểm."}

		t.Run("a viewer, or an editor of another district, cannot confirm it", func(t *testing.T) {
			for _, ctx := range []context.Context{as(tuyengiao.RoleViewer, c.d1), as(tuyengiao.RoleEditor, c.d2)} {
				if err := q.ConfirmOutlier(ctx, confirm); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
					t.Errorf("got %v, want forbidden", err)
				}
			}
			if _, err := q.Quality(as(tuyengiao.RoleViewer, c.d2), c.d1.ID, quarter, 1); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("a viewer of another district read the quality: %v", err)
			}
		})

		t.Run("confirming it is audited and takes it off the open list, until the value changes", func(t *testing.T) {
			if err := q.ConfirmOutlier(as(tuyengiao.RoleEditor, c.d1), confirm); err != nil {
				t.Fatal(err)
			}
			if !c.audited(t, "outlier.confirm", c.ward.ID) {
				t.Error("the confirmation is not in the audit log")
			}
			if got := open(t); len(got) != 0 {
				t.Errorf("still open: %+v", got)
			}
			rep, _ := q.Quality(sysadmin(), c.d1.ID, quarter, 1)
			if len(rep.Confirmed) != 1 || rep.Confirmed[0].Confirmation.ConfirmedBy != "test-editor-Q1" {
				t.Errorf("confirmed %+v", rep.Confirmed)
			}
			m.values[quarter.String()][c.ward.ID] = 300
			if got := open(t); len(got) != 1 || got[0].Value != 300 {
				t.Errorf("a changed value is not flagged again: %+v", got)
			}
		})
	})
}
