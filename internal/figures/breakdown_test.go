package figures_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/rollup"
	"tuyengiao/internal/sqldb/sqldbtest"
	"tuyengiao/internal/vn"
)

func TestPeopleCounts(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		c := newCity(t, dsn)
		c.people(t, c.city, tuyengiao.CategoryKeyCadre, 2)
		c.people(t, c.d1, tuyengiao.CategoryMember, 3)
		c.people(t, c.ward, tuyengiao.CategoryMember, 4)
		c.people(t, c.d2, tuyengiao.CategoryMember, 5)
		today := tuyengiao.DateOf(c.db.Now().In(vn.Zone))
		member := rollup.CategoryColumn(tuyengiao.CategoryMember)

		t.Run("each line has its own people and its subtree's, down to the depth asked", func(t *testing.T) {
			pc, err := c.service.PeopleCounts(sysadmin(), c.d1.ID, 1, today)
			if err != nil {
				t.Fatal(err)
			}
			if len(pc.Units) != 2 || pc.Units[0].Unit.ID != c.d1.ID || pc.Units[1].Unit.ID != c.ward.ID || pc.Units[1].Depth != 1 {
				t.Fatalf("lines %+v", pc.Units)
			}
			if d1 := pc.Units[0]; d1.Own[member] != 3 || d1.Total[member] != 7 || !d1.HasChildren {
				t.Errorf("district: own %v, total %v, has children %t; want 3 and 7 members", d1.Own, d1.Total, d1.HasChildren)
			}
			if pc, err := c.service.PeopleCounts(sysadmin(), c.city.ID, 0, today); err != nil || len(pc.Units) != 1 || pc.Units[0].Total[member] != 12 {
				t.Errorf("the city alone: %+v, %v", pc, err)
			}
		})

		t.Run("the people of a closed unit still count", func(t *testing.T) {
			if _, err := c.db.CloseUnit(sysadmin(), c.ward.ID, time.Time{}); err != nil {
				t.Fatal(err)
			}
			pc, err := c.service.PeopleCounts(sysadmin(), c.d1.ID, 1, today)
			if err != nil {
				t.Fatal(err)
			}
			if len(pc.Units) != 2 || !pc.Units[1].Unit.Closed() || pc.Units[0].Total[member] != 7 {
				t.Errorf("lines %+v", pc.Units)
			}
		})

		t.Run("refuses a bad depth and a missing day", func(t *testing.T) {
			var e *tuyengiao.Error
			if _, err := c.service.PeopleCounts(sysadmin(), c.d1.ID, -1, today); !errors.As(err, &e) || e.Field != "depth" {
				t.Errorf("depth -1: %v", err)
			}
			if _, err := c.service.PeopleCounts(sysadmin(), c.d1.ID, 1, tuyengiao.Date{}); !errors.As(err, &e) || e.Field != "as_of" {
				t.Errorf("no day: %v", err)
			}
		})

		t.Run("a viewer of one district gets none of another's figures", func(t *testing.T) {
			viewer := tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{Login: "test-viewer",
				Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleViewer, UnitID: c.d2.ID, UnitPath: c.d2.Path}}})
			if _, err := c.service.PeopleCounts(viewer, c.d1.ID, 1, today); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("people counts: %v, want forbidden", err)
			}
			if _, err := c.service.Participation(viewer, 1, c.d1.ID); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("participation: %v, want forbidden", err)
			}
			if _, err := c.service.EssayCounts(viewer, 1, c.d1.ID); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("essay counts: %v, want forbidden", err)
			}
			if pc, err := c.service.PeopleCounts(viewer, c.d2.ID, 1, today); err != nil || pc.Units[0].Total[member] != 5 {
				t.Errorf("own district: %+v, %v", pc, err)
			}
		})
	})
}
