package sqldb

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// newUnit creates a unit as ctx and fails the test on an error.
func newUnit(t *testing.T, ctx context.Context, db *DB, parentID int64, code, name, kind string, sortOrder int) *tuyengiao.Unit {
	t.Helper()
	u := &tuyengiao.Unit{ParentID: parentID, Code: code, Name: name, Kind: kind, SortOrder: sortOrder}
	if err := db.CreateUnit(ctx, u); err != nil {
		t.Fatalf("create %s: %v", code, err)
	}
	return u
}

// codes lists the codes of units, in their order.
func codes(units []*tuyengiao.Unit) string {
	out := make([]string, len(units))
	for i, u := range units {
		out[i] = u.Code
	}
	return strings.Join(out, " ")
}

// findCodes returns the codes FindUnits gives for f as ctx, failing the test on an error.
func findCodes(t *testing.T, ctx context.Context, db *DB, f tuyengiao.UnitFilter) string {
	t.Helper()
	units, total, err := db.FindUnits(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if f.Limit == 0 && total != len(units) {
		t.Fatalf("total %d, %d units", total, len(units))
	}
	return codes(units)
}

// wantCode fails the test unless err carries the code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if tuyengiao.ErrorCode(err) != code {
		t.Fatalf("err = %v, want %s", err, code)
	}
}

func TestUnitTree(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		admin := sysadminCtx()
		city := newUnit(t, admin, db, 0, "TP", "Thành ủy Hải Phòng", "thanh_uy", 0)
		q1 := newUnit(t, admin, db, city.ID, "Q1", "Quận ủy Hồng Bàng", "quan_uy", 0)
		q2 := newUnit(t, admin, db, city.ID, "Q2", "Quận ủy Lê Chân", "quan_uy", 0)
		p1 := newUnit(t, admin, db, q1.ID, "P1", "Đảng ủy phường Minh Khai", "dang_uy_phuong", 0)

		t.Run("a sysadmin creates a tree and each unit gets its path", func(t *testing.T) {
			want := fmt.Sprintf("/%d/%d/%d/", city.ID, q1.ID, p1.ID)
			if p1.Path != want || p1.Depth() != 3 || city.Path != fmt.Sprintf("/%d/", city.ID) {
				t.Fatalf("paths %q %q", city.Path, p1.Path)
			}
			if q1.SortOrder != 10 || q2.SortOrder != 20 || p1.CreatedAt.IsZero() || p1.CreatedAt.Location() != time.UTC {
				t.Fatalf("sort orders %d %d, created %v", q1.SortOrder, q2.SortOrder, p1.CreatedAt)
			}
			got, err := db.FindUnitByCode(admin, "p1")
			if err != nil || got.ID != p1.ID || got.ParentID != q1.ID || got.Path != want || !got.CreatedAt.Equal(p1.CreatedAt) {
				t.Fatalf("by code: %+v, %v", got, err)
			}
		})
		t.Run("a unit admin of a district cannot create or see under a sibling district", func(t *testing.T) {
			ctx := roleCtx(tuyengiao.RoleUnitAdmin, q1.ID, q1.Path)
			err := db.CreateUnit(ctx, &tuyengiao.Unit{ParentID: q2.ID, Code: "X", Name: "X", Kind: "chi_bo"})
			wantCode(t, err, tuyengiao.EFORBIDDEN)
			wantCode(t, db.CreateUnit(ctx, &tuyengiao.Unit{Code: "R", Name: "Gốc", Kind: "thanh_uy"}), tuyengiao.EFORBIDDEN)
			_, err = db.FindUnitByID(ctx, q2.ID)
			wantCode(t, err, tuyengiao.EFORBIDDEN)
			_, _, err = db.FindUnits(ctx, tuyengiao.UnitFilter{RootID: q2.ID})
			wantCode(t, err, tuyengiao.EFORBIDDEN)
			if got := findCodes(t, ctx, db, tuyengiao.UnitFilter{}); got != "Q1 P1" {
				t.Fatalf("scope = %q", got)
			}
			newUnit(t, ctx, db, p1.ID, "CB1", "Chi bộ khu dân cư số 1", "chi_bo", 0)
		})
		t.Run("a duplicate code, whatever its case, and an unknown kind are refused", func(t *testing.T) {
			err := db.CreateUnit(admin, &tuyengiao.Unit{ParentID: q2.ID, Code: "q1", Name: "Khác", Kind: "quan_uy"})
			if e, ok := err.(*tuyengiao.Error); !ok || e.Code != tuyengiao.EINVALID || e.Field != "code" {
				t.Fatalf("duplicate: %v", err)
			}
			err = db.CreateUnit(admin, &tuyengiao.Unit{ParentID: q2.ID, Code: "Z", Name: "Khác", Kind: "khong_co"})
			if e, ok := err.(*tuyengiao.Error); !ok || e.Code != tuyengiao.EINVALID || e.Field != "kind" {
				t.Fatalf("unknown kind: %v", err)
			}
			_, err = db.UpdateUnit(admin, q2.ID, tuyengiao.UnitUpdate{Code: new("Q1")})
			if e, ok := err.(*tuyengiao.Error); !ok || e.Field != "code" {
				t.Fatalf("update to a duplicate: %v", err)
			}
		})
		t.Run("an update changes the fields given and is audited", func(t *testing.T) {
			u, err := db.UpdateUnit(admin, q2.ID, tuyengiao.UnitUpdate{Name: new("  Quận ủy  Lê Chân mới "), Kind: new("huyen_uy")})
			if err != nil || u.Name != "Quận ủy Lê Chân mới" || u.Kind != "huyen_uy" || u.Code != "Q2" {
				t.Fatalf("update: %+v, %v", u, err)
			}
			recs, _, err := db.FindAuditRecords(admin, tuyengiao.AuditFilter{Action: "unit.update"})
			if err != nil || len(recs) != 1 || recs[0].Object != unitObject(q2.ID) || recs[0].UnitID != q2.ID ||
				!strings.Contains(recs[0].Detail, "name: Quận ủy Lê Chân → Quận ủy Lê Chân mới") {
				t.Fatalf("audit: %+v, %v", recs, err)
			}
		})
	})
}

func TestUnitOrder(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		admin := sysadminCtx()
		city := newUnit(t, admin, db, 0, "TP", "Thành phố", "thanh_uy", 0)
		// Twelve districts, so that IDs of two digits sort before IDs of one digit as text;
		// sort orders reverse the creation order, and the last two tie and go by name.
		var ds []*tuyengiao.Unit
		for i := range 12 {
			ds = append(ds, newUnit(t, admin, db, city.ID, fmt.Sprintf("D%02d", i), fmt.Sprintf("Quận %02d", i), "quan_uy", 200-10*i))
		}
		newUnit(t, admin, db, city.ID, "DB", "Bình Thủy", "quan_uy", 5)
		newUnit(t, admin, db, city.ID, "DA", "Ấp Đông", "quan_uy", 5)
		newUnit(t, admin, db, ds[11].ID, "W2", "Phường 2", "dang_uy_phuong", 20)
		newUnit(t, admin, db, ds[11].ID, "W1", "Phường 1", "dang_uy_phuong", 10)
		newUnit(t, admin, db, ds[0].ID, "W0", "Phường 0", "dang_uy_phuong", 0)

		want := "TP DA DB D11 W1 W2 D10 D09 D08 D07 D06 D05 D04 D03 D02 D01 D00 W0"
		t.Run("units come in tree order, siblings by sort order then Vietnamese name", func(t *testing.T) {
			if got := findCodes(t, admin, db, tuyengiao.UnitFilter{}); got != want {
				t.Fatalf("order\n got %s\nwant %s", got, want)
			}
		})
		t.Run("a page keeps the order and the total", func(t *testing.T) {
			units, total, err := db.FindUnits(admin, tuyengiao.UnitFilter{Offset: 3, Limit: 3})
			if err != nil || total != 18 || codes(units) != "D11 W1 W2" {
				t.Fatalf("page %s of %d, %v", codes(units), total, err)
			}
		})
		t.Run("a depth limit keeps the levels above it", func(t *testing.T) {
			if got := findCodes(t, admin, db, tuyengiao.UnitFilter{MaxDepth: 1}); got != "TP" {
				t.Fatalf("roots %s", got)
			}
			if got := findCodes(t, admin, db, tuyengiao.UnitFilter{MaxDepth: 2, Query: "phuong"}); got != "" {
				t.Fatalf("wards above depth 2: %s", got)
			}
			if got := findCodes(t, admin, db, tuyengiao.UnitFilter{MaxDepth: 3, Query: "phuong"}); got != "W1 W2 W0" {
				t.Fatalf("wards at depth 3: %s", got)
			}
		})
		t.Run("units of different branches keep the order of their branches", func(t *testing.T) {
			if got := findCodes(t, admin, db, tuyengiao.UnitFilter{Kind: "dang_uy_phuong"}); got != "W1 W2 W0" {
				t.Fatalf("wards %s", got)
			}
			if got := findCodes(t, admin, db, tuyengiao.UnitFilter{ParentID: city.ID, Query: "quan 0"}); !strings.HasPrefix(got, "D09 D08") {
				t.Fatalf("children %s", got)
			}
		})
	})
}

func TestUnitMove(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		admin := sysadminCtx()
		city := newUnit(t, admin, db, 0, "TP", "Thành phố", "thanh_uy", 0)
		a := newUnit(t, admin, db, city.ID, "A", "Quận A", "quan_uy", 0)
		b := newUnit(t, admin, db, city.ID, "B", "Quận B", "quan_uy", 0)
		// A deep and wide subtree under A: a chain of 8 levels with two children each.
		chain := []*tuyengiao.Unit{a}
		for i := range 8 {
			parent := chain[len(chain)-1]
			newUnit(t, admin, db, parent.ID, fmt.Sprintf("S%d", i), fmt.Sprintf("Nhánh %d", i), "chi_bo", 0)
			chain = append(chain, newUnit(t, admin, db, parent.ID, fmt.Sprintf("C%d", i), fmt.Sprintf("Cấp %d", i), "chi_bo", 0))
		}

		t.Run("a move rewrites the paths of the whole subtree", func(t *testing.T) {
			for _, target := range []*tuyengiao.Unit{b, city, b} {
				moved, err := db.MoveUnit(admin, a.ID, target.ID)
				if err != nil {
					t.Fatal(err)
				}
				if moved.ParentID != target.ID || moved.Path != fmt.Sprintf("%s%d/", target.Path, a.ID) {
					t.Fatalf("moved %+v", moved)
				}
				units, _, err := db.FindUnits(admin, tuyengiao.UnitFilter{RootID: a.ID})
				if err != nil || len(units) != 17 {
					t.Fatalf("subtree %d, %v", len(units), err)
				}
				checkPaths(t, db)
			}
		})
		t.Run("moving a unit under its own subtree or moving a root is refused", func(t *testing.T) {
			_, err := db.MoveUnit(admin, a.ID, chain[5].ID)
			wantCode(t, err, tuyengiao.EINVALID)
			_, err = db.MoveUnit(admin, a.ID, a.ID)
			wantCode(t, err, tuyengiao.EINVALID)
			_, err = db.MoveUnit(admin, city.ID, b.ID)
			wantCode(t, err, tuyengiao.EINVALID)
		})
		t.Run("a unit admin may not move a unit out of their subtree", func(t *testing.T) {
			got, err := db.FindUnitByID(admin, chain[2].ID)
			if err != nil {
				t.Fatal(err)
			}
			ctx := roleCtx(tuyengiao.RoleUnitAdmin, b.ID, b.Path)
			_, err = db.MoveUnit(roleCtx(tuyengiao.RoleUnitAdmin, got.ID, got.Path), got.ID, city.ID)
			wantCode(t, err, tuyengiao.EFORBIDDEN)
			if _, err := db.MoveUnit(ctx, chain[4].ID, b.ID); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("creates and moves at the same time keep every path right", func(t *testing.T) {
			var wg sync.WaitGroup
			errs := make(chan error, 40)
			for i := range 20 {
				wg.Go(func() {
					errs <- db.CreateUnit(admin, &tuyengiao.Unit{ParentID: chain[3].ID, Code: fmt.Sprintf("N%d", i), Name: "Chi bộ mới", Kind: "chi_bo"})
				})
				wg.Go(func() {
					_, err := db.MoveUnit(admin, a.ID, []int64{city.ID, b.ID}[i%2])
					errs <- err
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			checkPaths(t, db)
		})
		t.Run("every move is audited", func(t *testing.T) {
			recs, total, err := db.FindAuditRecords(admin, tuyengiao.AuditFilter{Action: "unit.move"})
			if err != nil || total < 5 || !strings.Contains(recs[total-1].Detail, "units: 17") {
				t.Fatalf("audit %d: %+v, %v", total, recs, err)
			}
		})
	})
}

// checkPaths fails the test unless the path of every unit is its parent's path and its ID.
func checkPaths(t *testing.T, db *DB) {
	t.Helper()
	units, _, err := db.FindUnits(sysadminCtx(), tuyengiao.UnitFilter{IncludeClosed: true})
	if err != nil {
		t.Fatal(err)
	}
	paths := map[int64]string{0: "/"}
	for _, u := range units {
		paths[u.ID] = u.Path
		if want := paths[u.ParentID] + fmt.Sprint(u.ID) + "/"; u.Path != want {
			t.Fatalf("path of %s is %s, want %s", u.Code, u.Path, want)
		}
	}
}

func TestUnitClose(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		admin := sysadminCtx()
		city := newUnit(t, admin, db, 0, "TP", "Thành phố", "thanh_uy", 0)
		ward := newUnit(t, admin, db, city.ID, "W", "Phường Đông", "dang_uy_phuong", 0)
		cell := newUnit(t, admin, db, ward.ID, "CB", "Chi bộ 1", "chi_bo", 0)
		newUnit(t, admin, db, city.ID, "W2", "Phường Tây", "dang_uy_phuong", 0)
		at := time.Date(2024, 6, 30, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))

		t.Run("closing a unit closes and hides its subtree", func(t *testing.T) {
			u, err := db.CloseUnit(admin, ward.ID, at)
			if err != nil || u.ClosedAt == nil || !u.ClosedAt.Equal(at) || u.ClosedAt.Location() != time.UTC {
				t.Fatalf("close: %+v, %v", u, err)
			}
			if got := findCodes(t, admin, db, tuyengiao.UnitFilter{}); got != "TP W2" {
				t.Fatalf("open units %s", got)
			}
			if got := findCodes(t, admin, db, tuyengiao.UnitFilter{IncludeClosed: true}); got != "TP W CB W2" {
				t.Fatalf("all units %s", got)
			}
			got, err := db.FindUnitByID(admin, cell.ID)
			if err != nil || got.ClosedAt == nil || !got.ClosedAt.Equal(at) {
				t.Fatalf("cell: %+v, %v", got, err)
			}
			_, err = db.CloseUnit(admin, ward.ID, time.Time{})
			wantCode(t, err, tuyengiao.ECONFLICT)
		})
		t.Run("a closed unit takes no new children", func(t *testing.T) {
			err := db.CreateUnit(admin, &tuyengiao.Unit{ParentID: ward.ID, Code: "CB2", Name: "Chi bộ 2", Kind: "chi_bo"})
			wantCode(t, err, tuyengiao.ECONFLICT)
		})
		t.Run("reopening needs an open parent and reopens the unit alone", func(t *testing.T) {
			_, err := db.ReopenUnit(admin, cell.ID)
			wantCode(t, err, tuyengiao.ECONFLICT)
			if _, err := db.ReopenUnit(admin, ward.ID); err != nil {
				t.Fatal(err)
			}
			if got := findCodes(t, admin, db, tuyengiao.UnitFilter{}); got != "TP W W2" {
				t.Fatalf("open units %s", got)
			}
		})
	})
}

func TestUnitSearch(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		admin := sysadminCtx()
		city := newUnit(t, admin, db, 0, "TP", "Thành ủy", "thanh_uy", 0)
		newUnit(t, admin, db, city.ID, "HD", "Huyện ủy Minh Đức", "huyen_uy", 0)
		newUnit(t, admin, db, city.ID, "DU-KHOI", "Đảng ủy Khối Doanh nghiệp", "dang_uy_khoi", 0)
		newUnit(t, admin, db, city.ID, "X_10", "Xã 10%", "dang_uy_xa", 0)
		newUnit(t, admin, db, city.ID, "X-10", "Xã 100", "dang_uy_xa", 0)

		for _, c := range []struct{ query, want string }{
			{"duc", "HD"},
			{"dang", "DU-KHOI"},
			{"ĐẢNG ỦY", "DU-KHOI"},
			{"du-k", "DU-KHOI"},
			{"10%", "X_10"},
			{"x_", "X_10"},
			{"xa 10", "X_10 X-10"},
		} {
			t.Run(fmt.Sprintf("%q finds %s, ignoring case and diacritics", c.query, c.want), func(t *testing.T) {
				if got := findCodes(t, admin, db, tuyengiao.UnitFilter{Query: c.query}); got != c.want {
					t.Fatalf("got %q", got)
				}
			})
		}
	})
}

func TestUnitAudit(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		admin := sysadminCtx()
		city := newUnit(t, admin, db, 0, "TP", "Thành phố", "thanh_uy", 0)
		a := newUnit(t, admin, db, city.ID, "A", "Quận A", "quan_uy", 0)
		b := newUnit(t, admin, db, city.ID, "B", "Quận B", "quan_uy", 0)

		t.Run("every write leaves a record naming the unit", func(t *testing.T) {
			if _, err := db.CloseUnit(admin, b.ID, time.Time{}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ReopenUnit(admin, b.ID); err != nil {
				t.Fatal(err)
			}
			recs, _, err := db.FindAuditRecords(admin, tuyengiao.AuditFilter{Action: "unit."})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range recs {
				got = append(got, r.Action+" "+r.Object+" "+r.Outcome)
			}
			want := fmt.Sprintf("unit.reopen unit:%[1]d ok|unit.close unit:%[1]d ok|unit.create unit:%[1]d ok|unit.create unit:%d ok|unit.create unit:%d ok",
				b.ID, a.ID, city.ID)
			if strings.Join(got, "|") != want {
				t.Fatalf("records\n got %s\nwant %s", strings.Join(got, "|"), want)
			}
		})
		t.Run("a refused write leaves a denied record and changes nothing", func(t *testing.T) {
			ctx := roleCtx(tuyengiao.RoleUnitAdmin, a.ID, a.Path)
			_, err := db.UpdateUnit(ctx, b.ID, tuyengiao.UnitUpdate{Name: new("Đổi tên")})
			wantCode(t, err, tuyengiao.EFORBIDDEN)
			recs, _, err := db.FindAuditRecords(admin, tuyengiao.AuditFilter{Outcome: tuyengiao.OutcomeDenied})
			if err != nil || len(recs) != 1 || recs[0].Object != unitObject(b.ID) || recs[0].Login != "test-unitadmin" {
				t.Fatalf("denied: %+v, %v", recs, err)
			}
			if u, _ := db.FindUnitByID(admin, b.ID); u.Name != "Quận B" {
				t.Fatalf("name %q", u.Name)
			}
		})
		t.Run("the audit log refuses UPDATE and DELETE", func(t *testing.T) {
			if _, err := db.write.Exec(`UPDATE audit_log SET detail = 'x'`); err == nil {
				t.Fatal("UPDATE accepted")
			}
			if _, err := db.write.Exec(`DELETE FROM audit_log`); err == nil {
				t.Fatal("DELETE accepted")
			}
		})
	})
}

// insertCity bulk-inserts a city of n units straight into the units table, in the shape of a
// real one: the city committee, 30 districts, 25 wards each, 40 grassroots organisations per
// ward, and the remaining units as cells. It returns the ID of the first district.
func insertCity(b *testing.B, db *DB, n int) int64 {
	b.Helper()
	ctx, now := context.Background(), db.now()
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, db.rebind(`INSERT INTO units (id, parent_id, path, code, code_folded, name, name_folded, kind, sort_order, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		b.Fatal(err)
	}
	paths, id := map[int64]string{0: "/"}, int64(0)
	add := func(parent int64, count int, kind, name string) []int64 {
		var out []int64
		for j := range count {
			id++
			paths[id] = paths[parent] + fmt.Sprint(id) + "/"
			code, full := fmt.Sprintf("U%d", id), fmt.Sprintf("%s %d", name, j+1)
			if _, err := stmt.ExecContext(ctx, id, nullInt64(parent), paths[id], code, strings.ToLower(code), full, vn.Fold(full),
				kind, 10*(j+1), now, now); err != nil {
				b.Fatal(err)
			}
			out = append(out, id)
		}
		return out
	}
	var grassroots []int64
	districts := add(0, 1, "thanh_uy", "Thành ủy")
	districts = add(districts[0], 30, "quan_uy", "Quận ủy")
	for _, d := range districts {
		for _, w := range add(d, 25, "dang_uy_phuong", "Đảng ủy phường") {
			grassroots = append(grassroots, add(w, 40, "dang_bo_co_so", "Đảng bộ cơ sở")...)
		}
	}
	cells := n - int(id)
	for j, g := range grassroots {
		add(g, cells/len(grassroots)+min(1, max(0, cells%len(grassroots)-j)), "chi_bo", "Chi bộ")
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return districts[0]
}

// BenchmarkSubtreeQuery measures FindUnits on a SQLite database of 300.000 units: the whole
// tree in tree order, as a sysadmin loads it for the roll-up, and the subtree of one
// district (about 10.000 units).
func BenchmarkSubtreeQuery(b *testing.B) {
	db := openTestDB(b, filepath.Join(b.TempDir(), "bench.db"))
	const n = 300_000
	start := time.Now()
	district := insertCity(b, db, n)
	b.Logf("inserted %d units in %v", n, time.Since(start).Round(time.Millisecond))
	for _, c := range []struct {
		name string
		f    tuyengiao.UnitFilter
		want int
	}{
		{"whole tree", tuyengiao.UnitFilter{}, n},
		{"one district", tuyengiao.UnitFilter{RootID: district}, n / 30},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				units, _, err := db.FindUnits(sysadminCtx(), c.f)
				if err != nil || len(units) < c.want*9/10 || len(units) > c.want*11/10 {
					b.Fatalf("%d units, %v", len(units), err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
		})
	}
}
