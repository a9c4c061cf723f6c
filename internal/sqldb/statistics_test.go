package sqldb

import (
	"fmt"
	"testing"

	"tuyengiao"
)

func TestOptimize(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		admin := sysadminCtx()
		city := newUnit(t, admin, db, 0, "TP", "Thành ủy", "tinh_uy", 0)
		for i := range 20 {
			newUnit(t, admin, db, city.ID, fmt.Sprintf("Q%02d", i), fmt.Sprintf("Quận ủy %02d", i), "huyen_uy", i+1)
		}
		// A reader open before the statistics, as the server's are at its start.
		if got := findCodes(t, admin, db, tuyengiao.UnitFilter{RootID: city.ID, Limit: 2}); got != "TP Q00" {
			t.Fatalf("units before: %s", got)
		}
		// At start, then on the schedule, which finds nothing to gather.
		if err := db.Optimize(admin); err != nil {
			t.Fatal(err)
		}
		if err := db.OptimizeBounded(admin); err != nil {
			t.Fatal(err)
		}
		if got := findCodes(t, admin, db, tuyengiao.UnitFilter{RootID: city.ID, Limit: 2}); got != "TP Q00" {
			t.Errorf("units after: %s", got)
		}
		if db.postgres {
			return
		}
		t.Run("SQLite has the statistics of the units and their indexes", func(t *testing.T) {
			var n int
			if err := db.queryRow(admin, `SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'units'`).Scan(&n); err != nil || n == 0 {
				t.Errorf("statistics of units: %d rows, %v", n, err)
			}
		})
	})
}
