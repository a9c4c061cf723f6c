package sqldb

import (
	"context"
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// personTestNow is 20:00 UTC on 14 June 2025, already 15 June in Vietnam.
var personTestNow = time.Date(2025, 6, 14, 20, 0, 0, 0, time.UTC)

// personTestUnit inserts a unit with SQL, so that these tests do not depend on the unit
// service, and returns its path. parentPath "/" makes a root.
func personTestUnit(t testing.TB, db *DB, id int64, parentPath, code string) string {
	t.Helper()
	var parent any
	if parentPath != "/" {
		segs := strings.Split(strings.Trim(parentPath, "/"), "/")
		parent, _ = strconv.ParseInt(segs[len(segs)-1], 10, 64)
	}
	path := parentPath + strconv.FormatInt(id, 10) + "/"
	now := time.Now().UTC()
	_, err := db.write.Exec(db.rebind(`INSERT INTO units (id, parent_id, path, code, code_folded, name, name_folded, kind, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, 'chi_bo', ?, ?)`), id, parent, path, code, strings.ToLower(code), "Đơn vị "+code, "don vi "+strings.ToLower(code), now, now)
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// personDate parses "2006-01-02".
func personDate(t testing.TB, s string) tuyengiao.Date {
	t.Helper()
	d, err := tuyengiao.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// createTestPerson creates a member of the unit as the system administrator, active from
// the given day ("" for today).
func createTestPerson(t *testing.T, db *DB, unitID int64, name, since string) *tuyengiao.Person {
	t.Helper()
	p := &tuyengiao.Person{UnitID: unitID, FullName: name, Category: tuyengiao.CategoryMember}
	if since != "" {
		p.StatusDate = personDate(t, since)
	}
	if err := db.CreatePerson(sysadminCtx(), p); err != nil {
		t.Fatal(err)
	}
	return p
}

// personAuditCount counts the audit records of the action on the object with the outcome.
func personAuditCount(t *testing.T, db *DB, action, object, outcome string) int {
	t.Helper()
	var n int
	err := db.queryRow(context.Background(), `SELECT COUNT(*) FROM audit_log WHERE action = ? AND object = ? AND outcome = ?`,
		action, object, outcome).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func personNames(people []*tuyengiao.Person) string {
	names := make([]string, len(people))
	for i, p := range people {
		names[i] = p.FullName
	}
	return strings.Join(names, ", ")
}

func TestPersonService(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		db.Now = func() time.Time { return personTestNow }
		city := personTestUnit(t, db, 1, "/", "TP")
		wardA := personTestUnit(t, db, 2, city, "PA")
		wardB := personTestUnit(t, db, 3, city, "PB")
		admin := sysadminCtx()

		t.Run("creates a person in NFC with a first history row from today in Vietnam", func(t *testing.T) {
			p := &tuyengiao.Person{UnitID: 2, FullName: norm.NFD.String("  Nguyễn   Văn Đức "), Category: tuyengiao.CategoryMember}
			if err := db.CreatePerson(admin, p); err != nil {
				t.Fatal(err)
			}
			got, err := db.FindPersonByID(admin, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.FullName != "Nguyễn Văn Đức" || got.Status != tuyengiao.StatusActive || got.UnitCode != "PA" {
				t.Fatalf("got %+v", got)
			}
			if d, _ := got.StatusDate.MarshalText(); string(d) != "2025-06-15" {
				t.Fatalf("status date %s, want 2025-06-15", d)
			}
			var n int
			db.queryRow(context.Background(), `SELECT COUNT(*) FROM person_status_history WHERE person_id = ? AND status = 'active' AND on_date = '2025-06-15'`, p.ID).Scan(&n)
			if n != 1 || personAuditCount(t, db, "person.create", personObject(p.ID), "ok") != 1 {
				t.Fatalf("history rows %d, or no person.create audit", n)
			}
		})

		t.Run("a viewer of one ward cannot read a person of another ward", func(t *testing.T) {
			p := createTestPerson(t, db, 3, "Trần Văn Hải", "")
			_, err := db.FindPersonByID(roleCtx(tuyengiao.RoleViewer, 2, wardA), p.ID)
			if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("err = %v", err)
			}
			if personAuditCount(t, db, "person.view", personObject(p.ID), "denied") != 1 {
				t.Fatal("no denied audit record")
			}
		})

		t.Run("every read and every search is audited without personal data", func(t *testing.T) {
			p := createTestPerson(t, db, 3, "Lê Thị Mai", "")
			viewer := roleCtx(tuyengiao.RoleViewer, 3, wardB)
			for range 2 {
				if _, err := db.FindPersonByID(viewer, p.ID); err != nil {
					t.Fatal(err)
				}
			}
			if n := personAuditCount(t, db, "person.view", personObject(p.ID), "ok"); n != 2 {
				t.Fatalf("person.view records = %d, want 2", n)
			}
			if _, _, err := db.FindPeople(viewer, tuyengiao.PersonFilter{Query: "mai"}); err != nil {
				t.Fatal(err)
			}
			recs, _, err := db.FindAuditRecords(admin, tuyengiao.AuditFilter{Action: "person.search", Limit: 1})
			if err != nil || len(recs) != 1 {
				t.Fatalf("records %v, err %v", recs, err)
			}
			if d := recs[0].Detail; strings.Contains(d, "mai") || !strings.Contains(d, "query=true") {
				t.Fatalf("detail %q", d)
			}
		})

		t.Run("a search without diacritics finds Nguyễn Văn Đức", func(t *testing.T) {
			people, total, err := db.FindPeople(admin, tuyengiao.PersonFilter{Query: "nguyen van duc"})
			if err != nil {
				t.Fatal(err)
			}
			if total != 1 || people[0].FullName != "Nguyễn Văn Đức" {
				t.Fatalf("found %d: %s", total, personNames(people))
			}
		})

		t.Run("finds by phone and party card, and a wildcard matches only itself", func(t *testing.T) {
			p := &tuyengiao.Person{UnitID: 3, FullName: "Phan Văn Toàn", Category: tuyengiao.CategoryMember,
				Phone: "0912 345 678", PartyCard: "79.012345"}
			if err := db.CreatePerson(admin, p); err != nil {
				t.Fatal(err)
			}
			for q, want := range map[string]int{"345 678": 1, "79.0123": 1, "%": 0, "_": 0} {
				if _, total, err := db.FindPeople(admin, tuyengiao.PersonFilter{Query: q}); err != nil || total != want {
					t.Errorf("query %q: %d found, want %d (err %v)", q, total, want, err)
				}
			}
		})

		t.Run("lists in Vietnamese name order, given name first", func(t *testing.T) {
			personTestUnit(t, db, 10, city, "SORT")
			for _, name := range []string{"Nguyễn Văn Đức", "Phạm Văn Dũng", "Nguyễn Văn Bình", "Lê Thị Ánh", "Trần Thị An"} {
				createTestPerson(t, db, 10, name, "")
			}
			people, total, err := db.FindPeople(admin, tuyengiao.PersonFilter{RootID: 10, Limit: 4, Offset: 1})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := personNames(people), "Lê Thị Ánh, Nguyễn Văn Bình, Phạm Văn Dũng, Nguyễn Văn Đức"; total != 5 || got != want {
				t.Fatalf("total %d, order %s, want %s after Trần Thị An", total, got, want)
			}
		})

		t.Run("a viewer lists only the people of their scope", func(t *testing.T) {
			viewer := roleCtx(tuyengiao.RoleViewer, 2, wardA)
			people, _, err := db.FindPeople(viewer, tuyengiao.PersonFilter{Status: "all"})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range people {
				if p.UnitID != 2 {
					t.Fatalf("%s of unit %d is outside the scope", p.FullName, p.UnitID)
				}
			}
			if _, _, err := db.FindPeople(viewer, tuyengiao.PersonFilter{RootID: 3}); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("another ward's list: %v", err)
			}
			if _, _, err := db.FindPeople(roleCtx(tuyengiao.RoleMember, 2, wardA), tuyengiao.PersonFilter{}); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("member's list: %v", err)
			}
		})

		t.Run("lists active people unless every status is asked for", func(t *testing.T) {
			personTestUnit(t, db, 11, city, "STATUS")
			createTestPerson(t, db, 11, "Đỗ Văn Còn", "2020-01-01")
			gone := createTestPerson(t, db, 11, "Đỗ Văn Đi", "2020-01-01")
			if _, err := db.ChangePersonStatus(admin, gone.ID, tuyengiao.StatusMovedOut, personDate(t, "2025-01-01")); err != nil {
				t.Fatal(err)
			}
			for status, want := range map[tuyengiao.PersonStatus]int{"": 1, "all": 2, tuyengiao.StatusMovedOut: 1} {
				if _, total, err := db.FindPeople(admin, tuyengiao.PersonFilter{RootID: 11, Status: status}); err != nil || total != want {
					t.Errorf("status %q: %d, want %d (err %v)", status, total, want, err)
				}
			}
		})

		t.Run("a party card held by someone is refused on the party_card field", func(t *testing.T) {
			a := &tuyengiao.Person{UnitID: 2, FullName: "Hồ Văn Một", Category: tuyengiao.CategoryMember, PartyCard: "111"}
			if err := db.CreatePerson(admin, a); err != nil {
				t.Fatal(err)
			}
			b := &tuyengiao.Person{UnitID: 3, FullName: "Hồ Văn Hai", Category: tuyengiao.CategoryMember, PartyCard: "111"}
			var e *tuyengiao.Error
			if err := db.CreatePerson(admin, b); !errors.As(err, &e) || e.Field != "party_card" || !strings.Contains(vn.Message(e), "đã có") {
				t.Fatalf("create: %v", err)
			}
			c := createTestPerson(t, db, 3, "Hồ Văn Ba", "")
			card := "111"
			if _, err := db.UpdatePerson(admin, c.ID, tuyengiao.PersonUpdate{PartyCard: &card}); !errors.As(err, &e) || e.Field != "party_card" {
				t.Fatalf("update: %v", err)
			}
		})

		t.Run("an update audits the names of the changed fields, never their values", func(t *testing.T) {
			p := createTestPerson(t, db, 2, "Vũ Văn Sửa", "")
			phone, name := "0987 654 321", "Vũ Văn Sữa"
			got, err := db.UpdatePerson(roleCtx(tuyengiao.RoleEditor, 2, wardA), p.ID, tuyengiao.PersonUpdate{Phone: &phone, FullName: &name})
			if err != nil {
				t.Fatal(err)
			}
			if got.Phone != "0987654321" || got.FullName != name {
				t.Fatalf("got %+v", got)
			}
			var detail string
			db.queryRow(context.Background(), `SELECT detail FROM audit_log WHERE action = 'person.update' AND object = ?`, personObject(p.ID)).Scan(&detail)
			if detail != "fields=full_name,phone" {
				t.Fatalf("detail %q", detail)
			}
			if people, _, _ := db.FindPeople(admin, tuyengiao.PersonFilter{Query: "vu van sua"}); len(people) != 1 || people[0].ID != p.ID {
				t.Fatalf("the new name is not searchable: %s", personNames(people))
			}
		})

		t.Run("moving a person needs the edit right at both units", func(t *testing.T) {
			p := createTestPerson(t, db, 2, "Đặng Văn Chuyển", "")
			to := int64(3)
			_, err := db.UpdatePerson(roleCtx(tuyengiao.RoleEditor, 2, wardA), p.ID, tuyengiao.PersonUpdate{UnitID: &to})
			if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("editor of the old unit only: %v", err)
			}
			_, err = db.UpdatePerson(roleCtx(tuyengiao.RoleEditor, 3, wardB), p.ID, tuyengiao.PersonUpdate{UnitID: &to})
			if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("editor of the new unit only: %v", err)
			}
			got, err := db.UpdatePerson(roleCtx(tuyengiao.RoleEditor, 1, city), p.ID, tuyengiao.PersonUpdate{UnitID: &to})
			if err != nil || got.UnitID != 3 || got.UnitCode != "PB" {
				t.Fatalf("editor of both: %+v, %v", got, err)
			}
		})

		t.Run("a closed unit takes no new person", func(t *testing.T) {
			personTestUnit(t, db, 12, city, "CLOSED")
			db.write.Exec(db.rebind(`UPDATE units SET closed_at = ? WHERE id = 12`), time.Now().UTC())
			err := db.CreatePerson(admin, &tuyengiao.Person{UnitID: 12, FullName: "Mai Văn Đóng", Category: tuyengiao.CategoryMember})
			if tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
				t.Fatalf("err = %v", err)
			}
		})

		t.Run("a back-dated status change is kept in the history and leaves the current status", func(t *testing.T) {
			p := createTestPerson(t, db, 2, "Cao Văn Lùi", "2020-01-01")
			got, err := db.ChangePersonStatus(admin, p.ID, tuyengiao.StatusMovedOut, personDate(t, "2025-05-01"))
			if err != nil || got.Status != tuyengiao.StatusMovedOut {
				t.Fatalf("current change: %+v, %v", got, err)
			}
			// Found out later: the person had left in February 2024 and come back in June.
			db.ChangePersonStatus(admin, p.ID, tuyengiao.StatusMovedOut, personDate(t, "2024-02-01"))
			got, err = db.ChangePersonStatus(admin, p.ID, tuyengiao.StatusActive, personDate(t, "2024-06-01"))
			if err != nil {
				t.Fatal(err)
			}
			if d, _ := got.StatusDate.MarshalText(); got.Status != tuyengiao.StatusMovedOut || string(d) != "2025-05-01" {
				t.Fatalf("current status %s since %s, want moved_out since 2025-05-01", got.Status, d)
			}
			var n int
			db.queryRow(context.Background(), `SELECT COUNT(*) FROM person_status_history WHERE person_id = ?`, p.ID).Scan(&n)
			if n != 4 {
				t.Fatalf("history rows = %d, want 4", n)
			}
			if _, err := db.ChangePersonStatus(admin, p.ID, tuyengiao.StatusActive, personDate(t, "2025-07-01")); tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
				t.Fatalf("a change dated after today: %v", err)
			}
		})

		t.Run("counts as of a past date follow the status history", func(t *testing.T) {
			personTestUnit(t, db, 20, city, "COUNT")
			left := createTestPerson(t, db, 20, "Người Đi Trước", "2020-01-01")
			db.ChangePersonStatus(admin, left.ID, tuyengiao.StatusMovedOut, personDate(t, "2023-06-01"))
			leftLater := createTestPerson(t, db, 20, "Người Đi Sau", "2020-01-01")
			db.ChangePersonStatus(admin, leftLater.ID, tuyengiao.StatusMovedOut, personDate(t, "2024-06-01"))
			createTestPerson(t, db, 20, "Người Đến Sau", "2024-03-01")
			cadre := &tuyengiao.Person{UnitID: 20, FullName: "Bí Thư", Category: tuyengiao.CategoryKeyCadre, StatusDate: personDate(t, "2019-01-01")}
			if err := db.CreatePerson(admin, cadre); err != nil {
				t.Fatal(err)
			}
			for asOf, want := range map[string]string{
				"2024-01-01": "key_cadre=1 member=1", // the later leaver only
				"2024-05-31": "key_cadre=1 member=2", // and the newcomer
				"2024-06-01": "key_cadre=1 member=1", // the later leaver is gone from that day
				"2025-06-15": "key_cadre=1 member=1",
				"2018-12-31": "",
			} {
				counts, err := db.CountPeople(roleCtx(tuyengiao.RoleMember, 20, city+"20/"), 20, personDate(t, asOf))
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, c := range counts {
					got = append(got, string(c.Category)+"="+strconv.FormatInt(c.Count, 10))
				}
				if slices.Sort(got); strings.Join(got, " ") != want {
					t.Errorf("as of %s: %v, want %s", asOf, got, want)
				}
			}
			if _, err := db.CountPeople(roleCtx(tuyengiao.RoleViewer, 2, wardA), 20, personDate(t, "2024-01-01")); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("count outside the scope: %v", err)
			}
		})
	})
}

// BenchmarkCountPeople counts by unit and category the people of a city of 70 wards, as of
// a day after every change, as of a day after which 5% moved out, and as of a day before
// anyone joined (every person's history is read). The city has 8.000 people, or as many as
// TUYENGIAO_BENCH_PEOPLE says (a million takes minutes to set up).
func BenchmarkCountPeople(b *testing.B) {
	size := 8_000
	if s := os.Getenv("TUYENGIAO_BENCH_PEOPLE"); s != "" {
		var err error
		if size, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	benchEngines(b, func(b *testing.B, db *DB) {
		benchCity(b, db, size)
		for _, asOf := range []string{"2025-01-01", "2024-01-01", "2019-12-31"} {
			b.Run(asOf, func(b *testing.B) {
				for b.Loop() {
					if _, err := db.CountPeople(sysadminCtx(), 1, personDate(b, asOf)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	})
}

// benchCity imports n people into 70 wards, all active since 2020-01-01, and moves every
// twentieth out on 2024-06-01, keeping people.status in step with the history as the
// service does.
func benchCity(b *testing.B, db *DB, n int) {
	codes := benchUnits(b, db, 70)
	for start := 0; start < n; start += 100_000 {
		rows := benchPeopleRows(min(100_000, n-start), codes, start/100_000)
		if res, err := db.ImportPeople(sysadminCtx(), tuyengiao.ImportRequest{RootID: 1, Rows: rows, Commit: true, Keep: keepAll(rows)}); err != nil || !res.Committed {
			b.Fatalf("import: %v %v", err, res.Errors)
		}
	}
	for _, q := range []string{
		`UPDATE person_status_history SET on_date = '2020-01-01'`,
		`UPDATE people SET status_date = '2020-01-01'`,
		`INSERT INTO person_status_history (person_id, status, on_date, recorded_at) SELECT id, 'moved_out', '2024-06-01', created_at FROM people WHERE id % 20 = 0`,
		`UPDATE people SET status = 'moved_out', status_date = '2024-06-01' WHERE id % 20 = 0`,
		`ANALYZE`,
	} {
		if _, err := db.write.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
}

func TestCountPeopleOfRoots(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		personTestUnit(t, db, 1, "/", "TP1")
		personTestUnit(t, db, 2, "/1/", "TP1-CB")
		createTestPerson(t, db, 2, "Nguyễn Văn An", "2020-01-01")
		count := func(root int64) int64 {
			counts, err := db.CountPeople(sysadminCtx(), root, db.today())
			if err != nil {
				t.Fatal(err)
			}
			var n int64
			for _, c := range counts {
				n += c.Count
			}
			return n
		}
		t.Run("the only root counts everyone", func(t *testing.T) {
			if n := count(1); n != 1 {
				t.Errorf("root counts %d people, want 1", n)
			}
		})
		t.Run("a root beside another counts its own people only", func(t *testing.T) {
			personTestUnit(t, db, 3, "/", "TP2")
			createTestPerson(t, db, 3, "Trần Thị Bình", "2020-01-01")
			if a, b := count(1), count(3); a != 1 || b != 1 {
				t.Errorf("roots count %d and %d people, want 1 and 1", a, b)
			}
		})
	})
}
