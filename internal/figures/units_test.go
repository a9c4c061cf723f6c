package figures_test

import (
	"context"
	"slices"
	"testing"

	"tuyengiao"
	"tuyengiao/internal/sqldb/sqldbtest"
)

func TestUnits(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		c := newCity(t, dsn)
		d1Viewer := tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{Login: "test-viewer",
			Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleViewer, UnitID: c.d1.ID, UnitPath: c.d1.Path}}})
		codes := func(units []*tuyengiao.Unit) []string {
			out := []string{}
			for _, u := range units {
				out = append(out, u.Code)
			}
			return out
		}
		for _, tc := range []struct {
			name string
			ctx  context.Context
			f    tuyengiao.UnitFilter
		}{
			{"every unit", sysadmin(), tuyengiao.UnitFilter{}},
			{"a page of them", sysadmin(), tuyengiao.UnitFilter{Offset: 1, Limit: 2}},
			{"a subtree", sysadmin(), tuyengiao.UnitFilter{RootID: c.d1.ID}},
			{"the children of a unit", sysadmin(), tuyengiao.UnitFilter{ParentID: c.city.ID}},
			{"a kind", sysadmin(), tuyengiao.UnitFilter{Kind: "quan_uy"}},
			{"the roots", sysadmin(), tuyengiao.UnitFilter{MaxDepth: 1}},
			{"two levels", sysadmin(), tuyengiao.UnitFilter{MaxDepth: 2}},
			{"a district's viewer's scope", d1Viewer, tuyengiao.UnitFilter{}},
		} {
			t.Run(tc.name+" as the database lists them", func(t *testing.T) {
				want, wantTotal, err := c.db.FindUnits(tc.ctx, tc.f)
				if err != nil {
					t.Fatal(err)
				}
				got, total, err := c.service.Units(tc.ctx, tc.f)
				if err != nil || total != wantTotal || !slices.Equal(codes(got), codes(want)) {
					t.Errorf("got %v (%d), %v; want %v (%d)", codes(got), total, err, codes(want), wantTotal)
				}
			})
		}
		t.Run("a subtree outside the caller's scope is refused", func(t *testing.T) {
			if _, _, err := c.service.Units(d1Viewer, tuyengiao.UnitFilter{RootID: c.d2.ID}); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("err = %v", err)
			}
		})
		t.Run("a closed unit is listed only when asked", func(t *testing.T) {
			if _, err := c.db.CloseUnit(sysadmin(), c.d2.ID, c.db.Now()); err != nil {
				t.Fatal(err)
			}
			for _, closed := range []bool{false, true} {
				f := tuyengiao.UnitFilter{IncludeClosed: closed}
				want, _, _ := c.db.FindUnits(sysadmin(), f)
				got, _, err := c.service.Units(sysadmin(), f)
				if err != nil || !slices.Equal(codes(got), codes(want)) || slices.Contains(codes(got), "Q2") != closed {
					t.Errorf("closed %v: got %v, %v; want %v", closed, codes(got), err, codes(want))
				}
			}
		})
	})
}
