package sqldb

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"tuyengiao/internal/sqldb/sqldbtest"
	"tuyengiao/internal/vn"

	"tuyengiao"
)

// importTestRow is a good row of a people spreadsheet.
func importTestRow(row int, unit, name string) tuyengiao.ImportRow {
	return tuyengiao.ImportRow{Row: row, UnitCode: unit, FullName: name, BirthYear: 1980,
		Gender: tuyengiao.GenderFemale, Category: tuyengiao.CategoryMember, Phone: fmt.Sprintf("09%08d", row)}
}

// importMessages lists the messages of the result's errors, one a line.
func importMessages(res *tuyengiao.ImportResult) string {
	var b strings.Builder
	for _, e := range res.Errors {
		fmt.Fprintf(&b, "%d|%s\n", e.Row, vn.Message(e))
	}
	return b.String()
}

// importPeopleCount counts the people of a subtree.
func importPeopleCount(t *testing.T, db *DB, path string) int {
	t.Helper()
	var n int
	lo, hi := subtreeRange(path)
	err := db.queryRow(context.Background(), `SELECT COUNT(*) FROM people p JOIN units u ON u.id = p.unit_id
		WHERE u.path >= ? AND u.path < ?`, lo, hi).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportPeople(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		db.Now = func() time.Time { return personTestNow }
		city := personTestUnit(t, db, 1, "/", "TP")
		wardA := personTestUnit(t, db, 2, city, "PA")
		personTestUnit(t, db, 3, city, "PB")
		personTestUnit(t, db, 4, wardA, "CB1")
		personTestUnit(t, db, 5, wardA, "DONG")
		personTestUnit(t, db, 6, "/", "KHAC")
		if _, err := db.write.Exec(db.rebind(`UPDATE units SET closed_at = ? WHERE id = 5`), personTestNow); err != nil {
			t.Fatal(err)
		}
		editor := roleCtx(tuyengiao.RoleEditor, 2, wardA)
		rows := []tuyengiao.ImportRow{
			importTestRow(2, "cb1", "Nguyễn Thị Hoa"),
			importTestRow(3, "CB1", "  "),
			importTestRow(4, "PA", "Trần Văn Nam"),
		}

		t.Run("an import with one bad row writes nothing and names the row", func(t *testing.T) {
			res, err := db.ImportPeople(editor, tuyengiao.ImportRequest{RootID: 2, Rows: rows, Commit: true})
			if err != nil {
				t.Fatal(err)
			}
			if got := importMessages(res); got != "3|Dòng 3: thiếu họ và tên\n" || res.Committed || res.Valid != 2 {
				t.Fatalf("result %+v, errors:\n%s", res, got)
			}
			if n := importPeopleCount(t, db, wardA); n != 0 {
				t.Fatalf("%d people written", n)
			}
		})

		t.Run("a check without commit writes nothing", func(t *testing.T) {
			res, err := db.ImportPeople(editor, tuyengiao.ImportRequest{RootID: 2, Rows: []tuyengiao.ImportRow{rows[0]}, Commit: false})
			if err != nil || res.Valid != 1 || len(res.Errors) != 0 || res.Committed {
				t.Fatalf("result %+v, err %v", res, err)
			}
			if n := importPeopleCount(t, db, wardA); n != 0 {
				t.Fatalf("%d people written", n)
			}
		})

		t.Run("a fixed import creates all rows in one audited transaction", func(t *testing.T) {
			fixed := append([]tuyengiao.ImportRow(nil), rows...)
			fixed[1].FullName = "Lê Văn Đông"
			res, err := db.ImportPeople(editor, tuyengiao.ImportRequest{RootID: 2, Rows: fixed, Commit: true})
			if err != nil {
				t.Fatal(err)
			}
			if !res.Committed || res.Created != 3 || len(res.Errors) != 0 {
				t.Fatalf("result %+v:\n%s", res, importMessages(res))
			}
			var history int
			db.queryRow(context.Background(), `SELECT COUNT(*) FROM person_status_history h JOIN people p ON p.id = h.person_id
				WHERE p.unit_id IN (2, 4) AND h.status = 'active' AND h.on_date = '2025-06-15'`).Scan(&history)
			if n := importPeopleCount(t, db, wardA); n != 3 || history != 3 {
				t.Fatalf("%d people, %d history rows", n, history)
			}
			if personAuditCount(t, db, "person.import", "unit:2", "ok") != 1 {
				t.Fatal("no person.import audit record")
			}
			people, _, err := db.FindPeople(editor, tuyengiao.PersonFilter{Query: "le van dong"})
			if err != nil || len(people) != 1 || people[0].UnitCode != "CB1" {
				t.Fatalf("imported person not found: %s %v", personNames(people), err)
			}
		})

		t.Run("duplicate party cards in the file and in the database are both reported", func(t *testing.T) {
			if err := db.CreatePerson(sysadminCtx(), &tuyengiao.Person{UnitID: 3, FullName: "Chủ Thẻ", Category: tuyengiao.CategoryMember, PartyCard: "500"}); err != nil {
				t.Fatal(err)
			}
			in := []tuyengiao.ImportRow{importTestRow(2, "PA", "Một"), importTestRow(3, "PA", "Hai"), importTestRow(4, "PA", "Ba")}
			in[0].PartyCard, in[1].PartyCard, in[2].PartyCard = "600", "600", "500"
			res, err := db.ImportPeople(editor, tuyengiao.ImportRequest{RootID: 2, Rows: in, Commit: true})
			if err != nil {
				t.Fatal(err)
			}
			want := "3|Dòng 3: số thẻ đảng viên 600 trùng với dòng 2\n4|Dòng 4: số thẻ đảng viên 500 đã có trong hệ thống\n"
			if got := importMessages(res); got != want || res.Committed {
				t.Fatalf("errors:\n%swant:\n%s", got, want)
			}
		})

		t.Run("a card taken between the check and the insert rolls back every batch and names its row", func(t *testing.T) {
			in := make([]tuyengiao.ImportRow, importBatch+100)
			for i := range in {
				in[i] = importTestRow(i+2, "PA", "Người Nhập")
				in[i].PartyCard = fmt.Sprintf("R%05d", i)
			}
			before := importPeopleCount(t, db, wardA)
			c, err := db.checkImport(editor, wardA, tuyengiao.ImportRequest{Rows: in})
			if err != nil {
				t.Fatal(err)
			}
			last := len(in) - 1
			meanwhile := &tuyengiao.Person{UnitID: 3, FullName: "Người Nhanh Tay", Category: tuyengiao.CategoryMember, PartyCard: in[last].PartyCard}
			if err := db.CreatePerson(sysadminCtx(), meanwhile); err != nil {
				t.Fatal(err)
			}
			err = db.update(editor, func(tx *Tx) error { return db.insertImport(editor, tx, 2, c.people) })
			if !uniqueViolation(err) {
				t.Fatalf("insert: %v", err)
			}
			res, err := db.takenMeanwhile(editor, c, err)
			want := fmt.Sprintf("%d|Dòng %d: số thẻ đảng viên R%05d đã có trong hệ thống\n", last+2, last+2, last)
			if err != nil || importMessages(res) != want {
				t.Fatalf("err %v, errors:\n%swant:\n%s", err, importMessages(res), want)
			}
			if n := importPeopleCount(t, db, wardA); n != before {
				t.Fatalf("%d people written", n-before)
			}
		})

		t.Run("names the unit code that is unknown, outside the subtree or closed", func(t *testing.T) {
			in := []tuyengiao.ImportRow{importTestRow(2, "XYZ", "Một"), importTestRow(3, "PB", "Hai"),
				importTestRow(4, "KHAC", "Ba"), importTestRow(5, "dong", "Bốn"), importTestRow(6, "", "Năm")}
			res, err := db.ImportPeople(editor, tuyengiao.ImportRequest{RootID: 2, Rows: in, Commit: false})
			if err != nil {
				t.Fatal(err)
			}
			want := `2|Dòng 2: không có đơn vị mã "XYZ"
3|Dòng 3: đơn vị mã "PB" nằm ngoài đơn vị đang nhập
4|Dòng 4: đơn vị mã "KHAC" nằm ngoài đơn vị đang nhập
5|Dòng 5: đơn vị mã "dong" đã đóng
6|Dòng 6: thiếu mã đơn vị
`
			if got := importMessages(res); got != want {
				t.Fatalf("errors:\n%swant:\n%s", got, want)
			}
		})

		t.Run("reports reader errors, categories, years and other fields by row", func(t *testing.T) {
			in := make([]tuyengiao.ImportRow, 6)
			for i := range in {
				in[i] = importTestRow(i+2, "PA", "Người Thứ "+fmt.Sprint(i))
			}
			in[0].Err = tuyengiao.Errorf(tuyengiao.EINVALID, "Ngày sinh %q không hợp lệ.", "31/02/1990")
			in[1].Category = "cadre"
			in[2].Category = ""
			in[3].BirthYear = 1800
			in[4].BirthDate = personDate(t, "1979-05-01")
			in[5].Phone = "số máy"
			res, err := db.ImportPeople(editor, tuyengiao.ImportRequest{RootID: 2, Rows: in, Commit: true})
			if err != nil {
				t.Fatal(err)
			}
			want := `2|Dòng 2: ngày sinh "31/02/1990" không hợp lệ
3|Dòng 3: đối tượng "cadre" không hợp lệ
4|Dòng 4: thiếu đối tượng
5|Dòng 5: năm sinh 1800 không hợp lệ: phải từ 1900 đến 2025
6|Dòng 6: năm sinh 1980 không khớp với ngày sinh 01/05/1979
7|Dòng 7: số điện thoại chỉ gồm chữ số
`
			if got := importMessages(res); got != want || res.Valid != 0 {
				t.Fatalf("errors:\n%swant:\n%s", got, want)
			}
		})

		t.Run("reports at most 1.000 errors but counts every row", func(t *testing.T) {
			in := make([]tuyengiao.ImportRow, 1500)
			for i := range in {
				in[i] = importTestRow(i+2, "PA", "")
			}
			in[0].FullName = "Người Tốt"
			res, err := db.ImportPeople(editor, tuyengiao.ImportRequest{RootID: 2, Rows: in, Commit: false})
			if err != nil || len(res.Errors) != maxImportErrors || res.Valid != 1 || res.Rows != 1500 {
				t.Fatalf("rows %d, valid %d, errors %d, err %v", res.Rows, res.Valid, len(res.Errors), err)
			}
		})

		t.Run("an editor of another ward may not import", func(t *testing.T) {
			_, err := db.ImportPeople(roleCtx(tuyengiao.RoleEditor, 3, city+"3/"), tuyengiao.ImportRequest{RootID: 2, Rows: rows, Commit: false})
			if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("err = %v", err)
			}
			if personAuditCount(t, db, "person.edit", "unit:2", "denied") != 1 {
				t.Fatal("no denied audit record")
			}
		})
	})
}

// benchEngines runs a benchmark on a fresh SQLite database and, when TUYENGIAO_TEST_POSTGRES
// is set, on a fresh PostgreSQL schema.
func benchEngines(b *testing.B, fn func(b *testing.B, db *DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, openTestDB(b, sqldbtest.SQLite(b))) })
	if os.Getenv(sqldbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { fn(b, openTestDB(b, sqldbtest.Postgres(b))) })
	}
}

// benchPeopleRows returns n good rows spread over the given unit codes; tag keeps the party
// cards of one call apart from those of another.
func benchPeopleRows(n int, codes []string, tag int) []tuyengiao.ImportRow {
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"}
	middle := []string{"Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Quốc"}
	given := []string{"An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Long",
		"Mai", "Nam", "Ngọc", "Phương", "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Vân", "Việt", "Yến"}
	cats := tuyengiao.Categories
	rows := make([]tuyengiao.ImportRow, n)
	for i := range rows {
		rows[i] = tuyengiao.ImportRow{Row: i + 2, UnitCode: codes[i%len(codes)],
			FullName:  family[i%len(family)] + " " + middle[i/7%len(middle)] + " " + given[i/3%len(given)],
			BirthYear: 1950 + i%55, Gender: tuyengiao.GenderMale, Category: cats[i%len(cats)],
			Phone: fmt.Sprintf("09%08d", i), PartyCard: fmt.Sprintf("%03d%08d", tag, i)}
	}
	return rows
}

// keepAll answers keep for every row: the namesakes born the same year in one ward of
// benchPeopleRows, and the people of an earlier batch, are different people.
func keepAll(rows []tuyengiao.ImportRow) []int {
	keep := make([]int, len(rows))
	for i, r := range rows {
		keep[i] = r.Row
	}
	return keep
}

// benchUnits inserts a city with n wards and returns the wards' codes.
func benchUnits(b *testing.B, db *DB, n int) []string {
	personTestUnit(b, db, 1, "/", "TP")
	codes := make([]string, n)
	for i := range codes {
		codes[i] = fmt.Sprintf("P%03d", i)
		personTestUnit(b, db, int64(i+2), "/1/", codes[i])
	}
	return codes
}

// BenchmarkImportPeople100k checks and commits 100.000 people in 70 wards, as one import.
func BenchmarkImportPeople100k(b *testing.B) {
	benchEngines(b, func(b *testing.B, db *DB) {
		codes := benchUnits(b, db, 70)
		ctx := sysadminCtx()
		const n = 100_000
		iterations := 0
		for b.Loop() {
			b.StopTimer()
			rows := benchPeopleRows(n, codes, iterations)
			b.StartTimer()
			res, err := db.ImportPeople(ctx, tuyengiao.ImportRequest{RootID: 1, Rows: rows, Commit: true, Keep: keepAll(rows)})
			if err != nil || !res.Committed {
				b.Fatalf("err %v, errors %v", err, res.Errors)
			}
			iterations++
		}
		b.ReportMetric(float64(n*iterations)/b.Elapsed().Seconds(), "rows/s")
	})
}

func TestImportConsumesUpload(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		db.Now = func() time.Time { return personTestNow }
		city := personTestUnit(t, db, 1, "/", "TP")
		personTestUnit(t, db, 2, city, "CB1")
		var userID int64
		err := db.write.QueryRow(db.rebind(`INSERT INTO users (login, display_name, password_hash, created_at, updated_at)
			VALUES ('bithu', 'Bí thư', 'x', ?, ?) RETURNING id`), personTestNow, personTestNow).Scan(&userID)
		if err != nil {
			t.Fatal(err)
		}
		ctx := tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{UserID: userID, Login: "bithu",
			Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleEditor, UnitID: 1, UnitPath: city}}})
		up := &tuyengiao.Upload{Kind: "people", Filename: "a.csv", Content: []byte("x")}
		if err := db.SaveUpload(ctx, up); err != nil {
			t.Fatal(err)
		}
		req := tuyengiao.ImportRequest{RootID: 1, Rows: []tuyengiao.ImportRow{importTestRow(2, "CB1", "Nguyễn Thị Hoa")}, Commit: true, UploadID: up.ID}

		t.Run("a second commit of the same upload is refused and writes nobody", func(t *testing.T) {
			if res, err := db.ImportPeople(ctx, req); err != nil || !res.Committed {
				t.Fatalf("first commit: %+v %v", res, err)
			}
			if _, err := db.ImportPeople(ctx, req); tuyengiao.ErrorCode(err) != tuyengiao.ECONFLICT {
				t.Fatalf("second commit: %v", err)
			}
			if n := importPeopleCount(t, db, city); n != 1 {
				t.Fatalf("%d people, want 1", n)
			}
		})
	})
}

func TestImportSince(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		db.Now = func() time.Time { return personTestNow }
		city := personTestUnit(t, db, 1, "/", "TP")
		personTestUnit(t, db, 2, city, "CB1")
		ctx := roleCtx(tuyengiao.RoleEditor, 1, city)
		since := tuyengiao.Date{Time: personTestNow.AddDate(-3, 0, 0).Truncate(24 * time.Hour)}
		t.Run("a start date in the future is refused with the row", func(t *testing.T) {
			row := importTestRow(2, "CB1", "Nguyễn Thị Hoa")
			row.Since = tuyengiao.Date{Time: personTestNow.AddDate(0, 0, 2)}
			res, err := db.ImportPeople(ctx, tuyengiao.ImportRequest{RootID: 1, Rows: []tuyengiao.ImportRow{row}, Commit: true})
			if err != nil || res.Committed || len(res.Errors) != 1 || res.Errors[0].Row != 2 {
				t.Fatalf("%+v %v", res, err)
			}
		})
		t.Run("a person imported with a start date counts from it", func(t *testing.T) {
			row := importTestRow(2, "CB1", "Nguyễn Thị Hoa")
			row.Since = since
			if res, err := db.ImportPeople(ctx, tuyengiao.ImportRequest{RootID: 1, Rows: []tuyengiao.ImportRow{row}, Commit: true}); err != nil || !res.Committed {
				t.Fatalf("%+v %v", res, err)
			}
			counts, err := db.CountPeople(ctx, 1, tuyengiao.Date{Time: since.AddDate(0, 1, 0)})
			if err != nil || len(counts) != 1 || counts[0].Count != 1 {
				t.Fatalf("counts a month after the start: %+v %v", counts, err)
			}
		})
	})
}

func TestImportDuplicates(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		db.Now = func() time.Time { return personTestNow }
		city := personTestUnit(t, db, 1, "/", "TP")
		personTestUnit(t, db, 2, city, "CB1")
		personTestUnit(t, db, 3, city, "CB2")
		editor := roleCtx(tuyengiao.RoleEditor, 1, city)
		born := tuyengiao.GivenDate(time.Date(1990, 3, 5, 0, 0, 0, 0, time.UTC))
		for _, p := range []*tuyengiao.Person{
			{UnitID: 2, FullName: "Nguyễn Văn An", BirthDate: born, Category: tuyengiao.CategoryUnion, Phone: "0912 111 111"},
			{UnitID: 3, FullName: "Lê Thị Bình", BirthYear: 1985, Category: tuyengiao.CategoryMember, Phone: "0912 222 222", PartyCard: "777"},
		} {
			if err := db.CreatePerson(sysadminCtx(), p); err != nil {
				t.Fatal(err)
			}
		}
		row := func(n int, unit, name string, date tuyengiao.Date, phone string) tuyengiao.ImportRow {
			return tuyengiao.ImportRow{Row: n, UnitCode: unit, FullName: name, BirthDate: date, BirthYear: date.Year(),
				Category: tuyengiao.CategoryUnion, Phone: phone}
		}
		other := tuyengiao.GivenDate(time.Date(1992, 7, 20, 0, 0, 0, 0, time.UTC))
		card := row(8, "CB2", "Lê Bình", other, "")
		card.Category, card.PartyCard = tuyengiao.CategoryMember, "777"
		rows := []tuyengiao.ImportRow{
			row(2, "CB1", "Trần Văn Cường", other, "0912 333 333"),
			row(3, "CB1", "Trần Văn Cường", other, "0912 333 333"), // identical to row 2
			row(4, "cb1", "NGUYEN VAN AN", born, ""),               // in the register: folded name, day of birth, unit
			row(5, "CB2", "Phạm Minh", other, "+84 912 222 222"),   // the phone of Lê Thị Bình
			row(6, "CB2", "Đỗ Hà", other, "0912 444 444"),
			row(7, "CB2", "Do Ha", other, ""),         // folded name and birth of row 6
			card,                                      // Lê Thị Bình's party card
			row(9, "CB1", "Nguyễn Văn An", other, ""), // same name, another birth: someone else
		}
		dups := func(res *tuyengiao.ImportResult) string {
			var b strings.Builder
			for _, d := range res.Duplicates {
				fmt.Fprintf(&b, "%d of=%d person=%t exact=%t keep=%t drop=%t ask=%t %s\n", d.Row, d.Of, d.PersonID != 0, d.Exact, d.CanKeep, d.Drop, d.Undecided, d.Reason)
			}
			return b.String()
		}

		t.Run("finds repeats in the file and people already there, dropping the exact repeat and asking of the others", func(t *testing.T) {
			res, err := db.ImportPeople(editor, tuyengiao.ImportRequest{RootID: 1, Rows: rows, Commit: true})
			if err != nil {
				t.Fatal(err)
			}
			want := "3 of=2 person=false exact=true keep=true drop=true ask=false Giống hệt dòng 2.\n" +
				"4 of=0 person=true exact=false keep=true drop=false ask=true Cùng họ tên và ngày sinh, cùng đơn vị với Nguyễn Văn An (sinh 05/03/1990, CB1), đã có trong danh sách.\n" +
				"5 of=0 person=true exact=false keep=true drop=false ask=true Cùng số điện thoại 0912 222 222 với Lê Thị Bình (sinh năm 1985, CB2), đã có trong danh sách.\n" +
				"7 of=6 person=false exact=false keep=true drop=false ask=true Cùng họ tên và ngày sinh, cùng đơn vị với dòng 6.\n" +
				"8 of=0 person=true exact=false keep=false drop=true ask=false Số thẻ đảng viên 777 là của Lê Thị Bình (sinh năm 1985, CB2), đã có trong danh sách; không thể nhập thêm người cùng số thẻ.\n"
			if got := dups(res); got != want || res.Committed || res.Undecided != 3 || res.Dropped != 2 || len(res.Errors) != 0 {
				t.Fatalf("result %+v, duplicates:\n%swant:\n%s", res, got, want)
			}
			if n := importPeopleCount(t, db, city); n != 2 {
				t.Fatalf("%d people written while duplicates were undecided", n)
			}
		})

		t.Run("the answers decide: the rows dropped stay out, the rows kept go in, and a kept card is refused", func(t *testing.T) {
			res, err := db.ImportPeople(editor, tuyengiao.ImportRequest{RootID: 1, Rows: rows, Keep: []int{5, 8}, Drop: []int{4, 7}})
			if err != nil {
				t.Fatal(err)
			}
			if got := importMessages(res); got != "8|Dòng 8: số thẻ đảng viên 777 đã có trong hệ thống\n" || res.Undecided != 0 || res.Dropped != 3 {
				t.Fatalf("result %+v, errors:\n%s", res, got)
			}
			res, err = db.ImportPeople(editor, tuyengiao.ImportRequest{RootID: 1, Rows: rows, Commit: true, Keep: []int{5}, Drop: []int{4, 7}})
			if err != nil || !res.Committed || res.Created != 4 || res.Dropped != 4 {
				t.Fatalf("result %+v, err %v", res, err)
			}
			if n := importPeopleCount(t, db, city); n != 6 {
				t.Fatalf("%d people, want 2 + 4", n)
			}
		})

		t.Run("the same file again finds every row already there", func(t *testing.T) {
			res, err := db.ImportPeople(editor, tuyengiao.ImportRequest{RootID: 1, Rows: rows[:2]})
			if err != nil || len(res.Duplicates) != 2 || res.Duplicates[0].PersonID == 0 || !res.Duplicates[1].Exact {
				t.Fatalf("result %+v, err %v", res, err)
			}
		})
	})
}

func TestPeopleFoundByPhoneDigits(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		db.Now = func() time.Time { return personTestNow }
		city := personTestUnit(t, db, 1, "/", "TP")
		p := &tuyengiao.Person{UnitID: 1, FullName: "Nguyễn Văn An", Category: tuyengiao.CategoryUnion, Phone: "+84 912.345-678"}
		if err := db.CreatePerson(sysadminCtx(), p); err != nil {
			t.Fatal(err)
		}
		if p.Phone != "0912345678" {
			t.Fatalf("stored %q", p.Phone)
		}
		for _, q := range []string{"0912345678", "0912 345 678", "+84912345678", "345 678"} {
			got, n, err := db.FindPeople(roleCtx(tuyengiao.RoleViewer, 1, city), tuyengiao.PersonFilter{Query: q})
			if err != nil || n != 1 || got[0].ID != p.ID {
				t.Errorf("%q: %d found, %v", q, n, err)
			}
		}
		phone := "098.765.4321"
		if _, err := db.UpdatePerson(sysadminCtx(), p.ID, tuyengiao.PersonUpdate{Phone: &phone}); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.FindPersonByID(sysadminCtx(), p.ID); got.Phone != "0987654321" {
			t.Fatalf("updated to %q", got.Phone)
		}
	})
}

func TestPhoneDigitsMigration(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		db := migratedTo(t, dsn, 19)
		personTestUnit(t, db, 1, "/", "TP")
		phones := map[string]string{
			"0912 345 678": "0912345678", "098.765.4321": "0987654321", "+84 912 345 678": "0912345678",
			"84912345678": "0912345678", "(024) 3825-1234": "02438251234", "0912345678": "0912345678", "": "",
			"8412345": "8412345", "12+3": "12+3",
		}
		for typed := range phones {
			_, err := db.write.Exec(db.rebind(`INSERT INTO people (unit_id, full_name, name_folded, sort_key, category, phone, status,
				status_date, created_at, updated_at) VALUES (1, ?, 'x', ?, 'masses', ?, 'active', '2025-01-01', ?, ?)`),
				typed, []byte(typed), typed, personTestNow, personTestNow)
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		rs, err := db.write.Query(`SELECT full_name, phone FROM people`)
		if err != nil {
			t.Fatal(err)
		}
		defer rs.Close()
		for rs.Next() {
			var typed, stored string
			if err := rs.Scan(&typed, &stored); err != nil {
				t.Fatal(err)
			}
			if want := phones[typed]; stored != want || vn.Phone(typed) != want {
				t.Errorf("%q: stored %q, vn.Phone %q, want %q", typed, stored, vn.Phone(typed), want)
			}
		}
	})
}
