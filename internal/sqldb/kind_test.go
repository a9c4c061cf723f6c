package sqldb

import (
	"testing"

	"tuyengiao"
)

func TestUnitKinds(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		t.Run("a new database has the Vietnamese default kinds", func(t *testing.T) {
			kinds, err := db.FindUnitKinds(sysadminCtx())
			if err != nil {
				t.Fatal(err)
			}
			if len(kinds) != len(tuyengiao.DefaultUnitKinds) || kinds[0].Name != "Thành ủy" || !kinds[0].Builtin {
				t.Fatalf("kinds = %d, first %+v", len(kinds), kinds[0])
			}
		})
		t.Run("a sysadmin adds a kind and a duplicate code is refused", func(t *testing.T) {
			k := &tuyengiao.UnitKind{Code: "khu_pho", Name: "Khu phố", Group: "residential"}
			if err := db.CreateUnitKind(sysadminCtx(), k); err != nil {
				t.Fatal(err)
			}
			err := db.CreateUnitKind(sysadminCtx(), &tuyengiao.UnitKind{Code: "khu_pho", Name: "Khác", Group: "residential"})
			if tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
				t.Fatalf("duplicate: %v", err)
			}
		})
		t.Run("a unit administrator may not extend the vocabulary", func(t *testing.T) {
			err := db.CreateUnitKind(roleCtx(tuyengiao.RoleUnitAdmin, 1, "/1/"), &tuyengiao.UnitKind{Code: "x", Name: "X", Group: "mass"})
			if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("err = %v", err)
			}
		})
	})
}
