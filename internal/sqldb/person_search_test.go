package sqldb

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// likePeople returns the ids of the active people of the subtree of path whose folded name,
// phone or card contains the query, in name order: the scan of every person that searched
// people before the search terms, against which they are checked.
func likePeople(t *testing.T, db *DB, path, q string) []int64 {
	t.Helper()
	q = vn.NFC(q)
	lo, hi := subtreeRange(path)
	rows, err := db.query(context.Background(), `SELECT p.id FROM people p JOIN units u ON u.id = p.unit_id
		WHERE u.path >= ? AND u.path < ? AND p.status = 'active'
		AND (p.name_folded LIKE ? ESCAPE '\' OR p.phone LIKE ? ESCAPE '\' OR p.party_card LIKE ? ESCAPE '\')
		ORDER BY p.sort_key, p.id`,
		lo, hi, "%"+likeEscape(vn.Fold(q))+"%", "%"+likeEscape(vn.Phone(q))+"%", "%"+likeEscape(q)+"%")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// foundIDs returns the ids of the people found.
func foundIDs(people []*tuyengiao.Person) []int64 {
	ids := []int64{}
	for _, p := range people {
		ids = append(ids, p.ID)
	}
	return ids
}

func TestPeopleSearchFindsWhatTheScanFound(t *testing.T) {
	defer func(n int) { scanBelow = n }(scanBelow)
	scanBelow = 0 // the test's few people are searched through the terms
	engines(t, func(t *testing.T, db *DB) {
		db.Now = func() time.Time { return personTestNow }
		city := personTestUnit(t, db, 1, "/", "TP")
		wardA := personTestUnit(t, db, 2, city, "PA")
		wardB := personTestUnit(t, db, 3, city, "PB")
		personTestUnit(t, db, 4, wardA, "CB1")
		admin := sysadminCtx()
		people := map[string]*tuyengiao.Person{}
		for _, p := range []tuyengiao.Person{
			{UnitID: 2, FullName: "Nguyễn Văn An", Phone: "0912345678", PartyCard: "012345678"},
			{UnitID: 3, FullName: "Nguyễn Văn Anh", Phone: "0987000111"},
			{UnitID: 4, FullName: "Trần Thị Thanh", PartyCard: "ĐV-2024_07"},
			{UnitID: 2, FullName: "Lê Văn Đông"},
			{UnitID: 3, FullName: "Hoàng An"},
			{UnitID: 4, FullName: "Phạm Xuân An Khang"},
			{UnitID: 2, FullName: "Nguyễn Thị Mỹ Duyên", Phone: "0243825123"},
			{UnitID: 3, FullName: "Tôn Nữ Hoàng Anh", PartyCard: "100%"},
			{UnitID: 4, FullName: "Đặng Nguyên"},
			{UnitID: 2, FullName: "Nguyễn Văn An"},
		} {
			p.Category = tuyengiao.CategoryMember
			if err := db.CreatePerson(admin, &p); err != nil {
				t.Fatal(err)
			}
			people[p.FullName] = &p
		}
		queries := []string{"nguyen van an", "Nguyễn Văn An", "NGUYEN VAN", "van an", "van a", "an", "a", "n",
			"guyen", "uyen van", "yen van an", "n v", "thanh", "thu hang", "hằng", "dong", "đông", "hoang anh",
			"ng an", "an khang", "xuan an k", "0912", "345 678", "+84912345678", "012345", "ĐV-2024", "2024_07",
			"_", "%", "100%", "  ", "xyz", "nguyen  van   an", "-", "ánh", "vu van"}
		check := func(t *testing.T) {
			t.Helper()
			for _, c := range []struct {
				ctx  context.Context
				root int64
				path string
			}{{admin, 0, "/"}, {admin, 3, wardB}, {roleCtx(tuyengiao.RoleViewer, 2, wardA), 0, wardA}} {
				for _, q := range queries {
					want := likePeople(t, db, c.path, q)
					got, total, err := db.FindPeople(c.ctx, tuyengiao.PersonFilter{RootID: c.root, Query: q})
					if err != nil {
						t.Fatalf("%s %q: %v", c.path, q, err)
					}
					if ids := foundIDs(got); !slices.Equal(ids, append([]int64{}, want...)) || total != len(want) {
						t.Errorf("%s %q: found %v (total %d), the scan %v", c.path, q, ids, total, want)
					}
					if len(want) > 2 {
						page, total, err := db.FindPeople(c.ctx, tuyengiao.PersonFilter{RootID: c.root, Query: q, Offset: 1, Limit: 2})
						if err != nil || !slices.Equal(foundIDs(page), want[1:3]) || total != len(want) {
							t.Errorf("%s %q: page 2 of 2 %v (total %d), the scan %v; %v", c.path, q, foundIDs(page), total, want[1:3], err)
						}
					}
					if past, total, err := db.FindPeople(c.ctx, tuyengiao.PersonFilter{RootID: c.root, Query: q, Offset: len(want), Limit: 2}); err != nil || past == nil || len(past) != 0 || total != len(want) {
						t.Errorf("%s %q: the page after the last %v (total %d, want %d); %v", c.path, q, foundIDs(past), total, len(want), err)
					}
				}
			}
		}
		t.Run("as created", check)

		t.Run("a person renamed, moved to another unit, with a new phone", func(t *testing.T) {
			thanh, dong := people["Trần Thị Thanh"], people["Lê Văn Đông"]
			name := "Trần Thị Thu Hằng"
			if _, err := db.UpdatePerson(admin, thanh.ID, tuyengiao.PersonUpdate{FullName: &name}); err != nil {
				t.Fatal(err)
			}
			unit, phone := int64(3), "0912 999 888"
			if _, err := db.UpdatePerson(admin, dong.ID, tuyengiao.PersonUpdate{UnitID: &unit, Phone: &phone}); err != nil {
				t.Fatal(err)
			}
			if found, _, _ := db.FindPeople(roleCtx(tuyengiao.RoleViewer, 2, wardA), tuyengiao.PersonFilter{Query: "dong"}); len(found) != 0 {
				t.Fatalf("found in the unit left: %s", personNames(found))
			}
			if found, _, _ := db.FindPeople(admin, tuyengiao.PersonFilter{RootID: 3, Query: "999 888"}); len(found) != 1 || found[0].ID != dong.ID {
				t.Fatalf("not found by the new phone in the new unit: %s", personNames(found))
			}
			queries = append(queries, "thanh", "tran thi thu", "999")
			check(t)
		})

		t.Run("people imported", func(t *testing.T) {
			rows := []tuyengiao.ImportRow{importTestRow(2, "CB1", "Vũ Văn Ánh"), importTestRow(3, "PA", "Đỗ Văn Ân")}
			res, err := db.ImportPeople(roleCtx(tuyengiao.RoleEditor, 2, wardA), tuyengiao.ImportRequest{RootID: 2, Rows: rows, Commit: true})
			if err != nil || !res.Committed {
				t.Fatalf("%+v %v", res, err)
			}
			if found, _, _ := db.FindPeople(admin, tuyengiao.PersonFilter{Query: "vu van anh"}); len(found) != 1 {
				t.Fatalf("imported person found %d times", len(found))
			}
			check(t)
		})

		t.Run("a person who left is found only with status all", func(t *testing.T) {
			an := people["Hoàng An"]
			if _, err := db.ChangePersonStatus(admin, an.ID, tuyengiao.StatusMovedOut, personDate(t, "2025-06-01")); err != nil {
				t.Fatal(err)
			}
			check(t)
			if found, _, _ := db.FindPeople(admin, tuyengiao.PersonFilter{Query: "hoang an", Status: "all"}); len(found) != 2 {
				t.Fatalf("found %s", personNames(found))
			}
		})
	})
}

func TestDocumentSearchFindsWhatTheScanFound(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		province := kindTestUnit(t, db, 1, "/", "TU", "tinh_uy")
		editor := roleCtx(tuyengiao.RoleEditor, 1, province)
		docCreate(t, editor, db, 1, "35-NQ/TW", "2018-10-22", "Nghị quyết về tăng cường bảo vệ nền tảng tư tưởng của Đảng")
		docCreate(t, editor, db, 1, "02-CTr/TU", "2019-01-15", "Chương trình hành động thực hiện Nghị quyết 35-NQ/TW")
		ctr := docCreate(t, editor, db, 1, "12-CTr/TU", "2021-03-02", "Chương trình cập nhật, bổ sung Chương trình 02-CTr/TU")
		docCreate(t, editor, db, 1, "13/2023/NĐ-CP", "", "Nghị định về bảo vệ dữ liệu cá nhân")
		title := "Chương trình quán triệt Nghị quyết Trung ương"
		if _, err := db.UpdateDocument(editor, ctr.ID, tuyengiao.DocumentUpdate{Title: &title}); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"nghi quyet 35", "NGHỊ QUYẾT", "35-nq", "nq 35", "35 NQ/TW", "quyet 5", "ng", "n", "đảng",
			"chuong trinh", "cap nhat", "quan triet", "nd-cp 2023", "13/2023", "du lieu ca", "", "  ", "-", "%", "x_y"} {
			where, args := searchCondition("d.search", q)
			var want []string
			rows, err := db.query(context.Background(), `SELECT d.symbol FROM documents d WHERE `+where+documentOrder, args...)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var s string
				rows.Scan(&s)
				want = append(want, s)
			}
			rows.Close()
			if got := docFind(t, db, tuyengiao.DocumentFilter{Query: q}); got != strings.Join(want, " ") {
				t.Errorf("%q: found %q, the scan %q", q, got, strings.Join(want, " "))
			}
		}
	})
}
