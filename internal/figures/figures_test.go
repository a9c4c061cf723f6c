package figures_test

import (
	"context"
	"errors"
	"testing"

	"tuyengiao"
	"tuyengiao/internal/dbtest"
	"tuyengiao/internal/figures"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/sqldb/sqldbtest"
)

func sysadmin() context.Context {
	return tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{Login: "test-admin",
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin, UnitPath: "/"}}})
}

// city is a city with its own cadres, two districts and a ward under the first.
type city struct {
	db                 *sqldb.DB
	city, d1, d2, ward *tuyengiao.Unit
	service            *figures.Service
}

func newCity(t *testing.T, dsn string) *city {
	t.Helper()
	c := &city{db: dbtest.Open(t, dsn)}
	ctx := sysadmin()
	unit := func(parent *tuyengiao.Unit, code, kind string) *tuyengiao.Unit {
		u := &tuyengiao.Unit{Code: code, Name: "Đơn vị " + code, Kind: kind}
		if parent != nil {
			u.ParentID = parent.ID
		}
		if err := c.db.CreateUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		return u
	}
	c.city = unit(nil, "TP", "thanh_uy")
	c.d1 = unit(c.city, "Q1", "quan_uy")
	c.d2 = unit(c.city, "Q2", "quan_uy")
	c.ward = unit(c.d1, "P1", "dang_uy_phuong")
	c.service = &figures.Service{Store: c.db.Figures(), Sources: []tuyengiao.FigureSource{c.db.PeopleFigures()},
		Campaigns: c.db, People: c.db, Essays: c.db}
	return c
}

func (c *city) people(t *testing.T, u *tuyengiao.Unit, cat tuyengiao.Category, n int) {
	t.Helper()
	for range n {
		if err := c.db.CreatePerson(sysadmin(), &tuyengiao.Person{UnitID: u.ID, FullName: "Nguyễn Văn An", Category: cat}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFigures(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		c := newCity(t, dsn)
		c.people(t, c.city, tuyengiao.CategoryKeyCadre, 2)
		c.people(t, c.d1, tuyengiao.CategoryMember, 3)
		c.people(t, c.ward, tuyengiao.CategoryMember, 4)
		c.people(t, c.d2, tuyengiao.CategoryMember, 5)
		year := tuyengiao.YearPeriod(tuyengiao.DateOf(c.db.Now()).Year())
		members := "people." + string(tuyengiao.CategoryMember)
		cadres := "people." + string(tuyengiao.CategoryKeyCadre)

		t.Run("a unit's value is its own plus its subtree's, with its own line apart", func(t *testing.T) {
			tb, err := c.service.Figures(sysadmin(), tuyengiao.FigureQuery{Codes: []string{members, cadres},
				UnitID: c.city.ID, Depth: 1, Periods: []tuyengiao.Period{year}})
			if err != nil {
				t.Fatal(err)
			}
			type line struct {
				code            string
				own             bool
				members, cadres int64
			}
			var got []line
			for u, fu := range tb.Units {
				got = append(got, line{fu.Code, fu.Own, tb.Value(u, 0, 0).Num, tb.Value(u, 1, 0).Num})
			}
			want := []line{{"TP", false, 12, 2}, {"TP", true, 0, 2}, {"Q1", false, 7, 0}, {"Q2", false, 5, 0}}
			if len(got) != len(want) {
				t.Fatalf("rows %+v, want %+v", got, want)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("row %d: %+v, want %+v", i, got[i], want[i])
				}
			}
		})

		t.Run("an indicator asked twice is one column with its values", func(t *testing.T) {
			tb, err := c.service.Figures(sysadmin(), tuyengiao.FigureQuery{Codes: []string{members, members},
				UnitID: c.city.ID, Periods: []tuyengiao.Period{year}})
			if err != nil {
				t.Fatal(err)
			}
			if len(tb.Indicators) != 1 || tb.Value(0, 0, 0).Num != 12 {
				t.Errorf("%d columns, value %+v", len(tb.Indicators), tb.Value(0, 0, 0))
			}
		})

		t.Run("reads the tree again once a unit is added, and not before", func(t *testing.T) {
			before, err := c.service.Tree(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if again, _ := c.service.Tree(context.Background()); again != before {
				t.Error("the tree was read again without a change")
			}
			ward := &tuyengiao.Unit{Code: "P2", Name: "Phường 2", Kind: "dang_uy_phuong", ParentID: c.d2.ID}
			if err := c.db.CreateUnit(sysadmin(), ward); err != nil {
				t.Fatal(err)
			}
			c.people(t, ward, tuyengiao.CategoryMember, 1)
			tb, err := c.service.Figures(sysadmin(), tuyengiao.FigureQuery{Codes: []string{members},
				UnitID: c.d2.ID, Depth: 1, Periods: []tuyengiao.Period{year}})
			if err != nil {
				t.Fatal(err)
			}
			if n := len(tb.Units); n != 3 || tb.Units[2].Code != "P2" || tb.Value(2, 0, 0).Num != 1 || tb.Value(0, 0, 0).Num != 6 {
				t.Errorf("rows %+v, values %+v", tb.Units, tb.Values)
			}
		})

		t.Run("refuses a viewer of another district", func(t *testing.T) {
			viewer := tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{Login: "test-viewer",
				Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleViewer, UnitID: c.d2.ID, UnitPath: c.d2.Path}}})
			_, err := c.service.Figures(viewer, tuyengiao.FigureQuery{UnitID: c.d1.ID, Periods: []tuyengiao.Period{year}})
			if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("got %v, want forbidden", err)
			}
			if _, err := c.service.Figures(viewer, tuyengiao.FigureQuery{UnitID: c.d2.ID, Periods: []tuyengiao.Period{year}}); err != nil {
				t.Errorf("own district: %v", err)
			}
		})
	})
}

// reportedTwin is a source of a reported indicator whose code a computed source declares too.
type reportedTwin struct{}

func (reportedTwin) Indicators(context.Context) ([]tuyengiao.Indicator, error) {
	return []tuyengiao.Indicator{{Code: "people.member", Name: "Đảng viên (báo cáo)", Measure: "người",
		Aggregation: tuyengiao.AggregateSum, Source: tuyengiao.SourceReported}}, nil
}

func (reportedTwin) Version(context.Context) (int64, error) { return 1, nil }

func (reportedTwin) OwnValues(context.Context, []string, string, tuyengiao.Period) ([]tuyengiao.UnitValue, error) {
	return nil, nil
}

func TestCatalogue(t *testing.T) {
	c := newCity(t, sqldbtest.SQLite(t))
	c.service.Sources = append(c.service.Sources, reportedTwin{})
	t.Run("a reported code a computed source declares too gives way to the computed one", func(t *testing.T) {
		inds, err := c.service.Indicators(sysadmin())
		if err != nil {
			t.Fatal(err)
		}
		var twins []tuyengiao.IndicatorSource
		for _, ind := range inds {
			if ind.Code == "people.member" {
				twins = append(twins, ind.Source)
			}
		}
		if len(twins) != 1 || twins[0] != tuyengiao.SourceComputed {
			t.Errorf("people.member from %v", twins)
		}
	})
}

func TestFigureLimits(t *testing.T) {
	c := newCity(t, sqldbtest.SQLite(t))
	year := tuyengiao.YearPeriod(2026)
	many := make([]tuyengiao.Period, 25)
	for i := range many {
		many[i] = year
	}
	for _, tc := range []struct {
		name, field string
		q           tuyengiao.FigureQuery
	}{
		{"no period", "period", tuyengiao.FigureQuery{UnitID: c.city.ID}},
		{"more than 24 periods", "period", tuyengiao.FigureQuery{UnitID: c.city.ID, Periods: many}},
		{"a negative depth", "depth", tuyengiao.FigureQuery{UnitID: c.city.ID, Depth: -1, Periods: many[:1]}},
		{"an unknown indicator", "indicator", tuyengiao.FigureQuery{UnitID: c.city.ID, Codes: []string{"people.nobody"}, Periods: many[:1]}},
	} {
		t.Run("refuses "+tc.name+", naming the field", func(t *testing.T) {
			_, err := c.service.Figures(sysadmin(), tc.q)
			var e *tuyengiao.Error
			if !errors.As(err, &e) || e.Code != tuyengiao.EINVALID || e.Field != tc.field {
				t.Errorf("got %v", err)
			}
		})
	}
	t.Run("two computed sources declaring one code is a fault of the system", func(t *testing.T) {
		twice := &figures.Service{Store: c.db.Figures(), Sources: []tuyengiao.FigureSource{c.db.PeopleFigures(), c.db.PeopleFigures()}}
		if _, err := twice.Indicators(sysadmin()); tuyengiao.ErrorCode(err) != tuyengiao.EINTERNAL {
			t.Errorf("got %v", err)
		}
	})
}
