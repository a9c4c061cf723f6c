package sqldb

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// ownValues returns the document source's own values for the codes, written "code@unit=n"
// (or n/d for a ratio), sorted.
func docOwnValues(t *testing.T, db *DB, subtree string, p tuyengiao.Period, codes ...string) string {
	t.Helper()
	vs, err := db.DocumentFigures().OwnValues(sysadminCtx(), codes, subtree, p)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = fmt.Sprintf("%s@%d=%d", v.Code, v.UnitID, v.Num)
		if v.Den != 0 {
			out[i] += fmt.Sprintf("/%d", v.Den)
		}
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// relate records that from implements to, as a sysadmin.
func relate(t *testing.T, db *DB, from, to *tuyengiao.Document) {
	t.Helper()
	if err := db.RelateDocuments(sysadminCtx(), from.ID, to.ID, tuyengiao.RelImplements); err != nil {
		t.Fatal(err)
	}
}

func TestDocumentFigures(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		admin := sysadminCtx()
		city := kindTestUnit(t, db, 1, "/", "TU", "thanh_uy")
		qu1 := kindTestUnit(t, db, 2, city, "QU1", "quan_uy")
		kindTestUnit(t, db, 3, city, "QU2", "quan_uy")
		kindTestUnit(t, db, 4, city, "QU3", "quan_uy")
		kindTestUnit(t, db, 5, qu1, "P1", "dang_uy_phuong")
		kindTestUnit(t, db, 6, city, "BTG", "ban_tuyen_giao") // it issues under the city's code: not due
		ctr12 := docCreate(t, admin, db, 1, "12-CTr/TU", "2026-03-02", "Chương trình thực hiện Nghị quyết", "tu_tuong_ly_luan")
		nq05 := docCreate(t, admin, db, 1, "05-NQ/TU", "2026-05-10", "Nghị quyết về xây dựng Đảng", "xay_dung_dang")
		docCreate(t, admin, db, 1, "01-KH/TU", "2025-12-31", "Kế hoạch năm trước", "tu_tuong_ly_luan")
		docCreate(t, admin, db, 1, "35-NQ/TW", "2026-02-01", "Nghị quyết của Trung ương", "tu_tuong_ly_luan")
		kh08 := docCreate(t, admin, db, 2, "08-KH/QU", "2026-04-01", "Kế hoạch thực hiện 12-CTr/TU của quận 1")
		kh09 := docCreate(t, admin, db, 3, "09-KH/QU", "2026-04-02", "Kế hoạch thực hiện 12-CTr/TU của quận 2")
		docCreate(t, admin, db, 5, "03-KH/ĐU", "2026-06-01", "Kế hoạch của phường")
		relate(t, db, kh08, ctr12)
		relate(t, db, kh09, ctr12)
		h1 := tuyengiao.HalfPeriod(2026, 1)

		t.Run("documents count at their issuing unit within the period, central ones not at all", func(t *testing.T) {
			got := docOwnValues(t, db, "/", h1, "documents.issued", "documents.issued.nq", "documents.issued.kh", "documents.issued.ctr")
			want := "documents.issued.ctr@1=1 documents.issued.kh@2=1 documents.issued.kh@3=1 documents.issued.kh@5=1 documents.issued.nq@1=1 " +
				"documents.issued@1=2 documents.issued@2=1 documents.issued@3=1 documents.issued@5=1"
			if got != want {
				t.Fatalf("issued =\n%s, want\n%s", got, want)
			}
			if got := docOwnValues(t, db, "/", tuyengiao.YearPeriod(2025), "documents.issued"); got != "documents.issued@1=1" {
				t.Fatalf("2025 = %s", got)
			}
		})
		t.Run("a subtree counts only its own units", func(t *testing.T) {
			if got := docOwnValues(t, db, qu1, h1, "documents.issued"); got != "documents.issued@2=1 documents.issued@5=1" {
				t.Fatalf("district = %s", got)
			}
		})
		t.Run("documents count per field of work", func(t *testing.T) {
			got := docOwnValues(t, db, "/", h1, "documents.field.tu_tuong_ly_luan", "documents.field.xay_dung_dang")
			if got != "documents.field.tu_tuong_ly_luan@1=1 documents.field.xay_dung_dang@1=1" {
				t.Fatalf("fields = %s", got)
			}
		})
		t.Run("the implementation share adds the units due over the documents issued", func(t *testing.T) {
			// 12-CTr/TU: 2 of the 3 districts (the office is not due); 05-NQ/TU: none of 3;
			// 08-KH/QU: not its ward.
			if got := docOwnValues(t, db, "/", h1, "documents.implemented"); got != "documents.implemented@1=2/6 documents.implemented@2=0/1" {
				t.Fatalf("implemented = %s", got)
			}
		})
		t.Run("contents are counted by kind at the issuing unit", func(t *testing.T) {
			contents := []tuyengiao.DocumentContent{{Kind: "key", Text: "Một"}, {Kind: "key", Text: "Hai"},
				{Kind: "breakthrough", Text: "Ba"}, {Kind: "other", Text: "Bốn"}}
			if _, err := db.UpdateDocument(admin, nq05.ID, tuyengiao.DocumentUpdate{Contents: &contents}); err != nil {
				t.Fatal(err)
			}
			got := docOwnValues(t, db, "/", h1, "documents.contents.key", "documents.contents.breakthrough")
			if got != "documents.contents.breakthrough@1=1 documents.contents.key@1=2" {
				t.Fatalf("contents = %s", got)
			}
		})
		t.Run("a type added to the vocabulary has its indicator", func(t *testing.T) {
			if err := db.CreateDocumentType(admin, &tuyengiao.DocumentType{Kind: "party", Code: "ĐCT", Name: "Đề cương tuyên truyền"}); err != nil {
				t.Fatal(err)
			}
			inds, err := db.DocumentFigures().Indicators(admin)
			if err != nil {
				t.Fatal(err)
			}
			codes := map[string]tuyengiao.Indicator{}
			for _, ind := range inds {
				if err := ind.Validate(); err != nil {
					t.Fatalf("%s: %v", ind.Code, err)
				}
				if _, dup := codes[ind.Code]; dup {
					t.Fatalf("two indicators %s", ind.Code)
				}
				codes[ind.Code] = ind
			}
			for _, c := range []string{"documents.issued", "documents.issued.ddct", "documents.issued.dda", "documents.issued.da",
				"documents.field.khoa_giao", "documents.contents.key", "documents.contents.breakthrough", "documents.implemented"} {
				if _, ok := codes[c]; !ok {
					t.Fatalf("no indicator %s", c)
				}
			}
			if ind := codes["documents.issued"]; ind.Measure != "văn bản" || !strings.Contains(ind.Records, "issuing_root={unit}") {
				t.Fatalf("documents.issued = %+v", ind)
			}
		})
		t.Run("the records of a figure are the documents the list filter finds", func(t *testing.T) {
			got := docFind(t, db, tuyengiao.DocumentFilter{IssuingRoot: 1, From: h1.From, To: h1.To})
			if got != "03-KH/ĐU 05-NQ/TU 09-KH/QU 08-KH/QU 12-CTr/TU" {
				t.Fatalf("records = %s", got)
			}
			if got := docFind(t, db, tuyengiao.DocumentFilter{IssuingRoot: 2, To: personDate(t, "2026-05-01")}); got != "08-KH/QU" {
				t.Fatalf("district records = %s", got)
			}
		})
	})
}

func TestDocumentImplementation(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		admin := sysadminCtx()
		city := kindTestUnit(t, db, 1, "/", "TU", "thanh_uy")
		qu1 := kindTestUnit(t, db, 2, city, "QU1", "quan_uy")
		qu2 := kindTestUnit(t, db, 3, city, "QU2", "quan_uy")
		kindTestUnit(t, db, 4, city, "QU3", "quan_uy")
		kindTestUnit(t, db, 5, qu1, "P1", "dang_uy_phuong")
		ctr12 := docCreate(t, admin, db, 1, "12-CTr/TU", "2026-03-02", "Chương trình")
		kh08 := docCreate(t, admin, db, 2, "08-KH/QU", "2026-04-01", "Kế hoạch của quận 1")
		kh09 := docCreate(t, admin, db, 3, "09-KH/QU", "2026-04-02", "Kế hoạch của quận 2")
		kh10 := docCreate(t, admin, db, 3, "10-KH/QU", "2026-04-20", "Kế hoạch bổ sung của quận 2")
		relate(t, db, kh08, ctr12)
		relate(t, db, kh09, ctr12)
		relate(t, db, kh10, ctr12)

		t.Run("two of three districts have implemented, one is missing", func(t *testing.T) {
			im, err := db.Implementation(admin, ctr12.ID)
			if err != nil {
				t.Fatal(err)
			}
			var rows []string
			for _, u := range im.Units {
				var syms []string
				for _, d := range u.Documents {
					syms = append(syms, d.Symbol)
				}
				rows = append(rows, u.Code+":"+strings.Join(syms, ","))
			}
			if got := strings.Join(rows, " "); got != "QU1:08-KH/QU QU2:09-KH/QU,10-KH/QU QU3:" || im.Share != (tuyengiao.Value{Num: 2, Den: 3}) {
				t.Fatalf("implementation = %s, share %+v", got, im.Share)
			}
			if im.IssuingUnitID != 1 || im.IssuingUnit != "Đơn vị TU" {
				t.Fatalf("issuing unit = %d %q", im.IssuingUnitID, im.IssuingUnit)
			}
		})
		t.Run("a district viewer sees the implementation of its own document", func(t *testing.T) {
			im, err := db.Implementation(roleCtx(tuyengiao.RoleViewer, 2, qu1), kh08.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(im.Units) != 1 || im.Units[0].Code != "P1" || len(im.Units[0].Documents) != 0 || im.Share != (tuyengiao.Value{Den: 1}) {
				t.Fatalf("implementation = %+v", im)
			}
		})
		t.Run("a viewer of another district cannot read the list, and the refusal is audited", func(t *testing.T) {
			for _, id := range []int64{kh08.ID, ctr12.ID} {
				_, err := db.Implementation(roleCtx(tuyengiao.RoleViewer, 3, qu2), id)
				if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
					t.Fatalf("document %d: err = %v", id, err)
				}
				if n := personAuditCount(t, db, string(tuyengiao.ActionUnitView), documentObject(id), tuyengiao.OutcomeDenied); n != 1 {
					t.Fatalf("denied records = %d", n)
				}
			}
		})
		t.Run("a central document has no units below", func(t *testing.T) {
			nq := docCreate(t, admin, db, 1, "35-NQ/TW", "2018-10-22", "Nghị quyết của Trung ương")
			im, err := db.Implementation(roleCtx(tuyengiao.RoleViewer, 3, qu2), nq.ID)
			if err != nil || len(im.Units) != 0 || im.Share != (tuyengiao.Value{}) {
				t.Fatalf("implementation = %+v, %v", im, err)
			}
		})
	})
}

func TestDocumentContents(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		city := kindTestUnit(t, db, 1, "/", "TU", "thanh_uy")
		editor := roleCtx(tuyengiao.RoleEditor, 1, city)
		d := &tuyengiao.Document{Symbol: "15-KH/TU", Title: "Kế hoạch", UnitID: 1, IssuingUnitID: 1,
			Contents: []tuyengiao.DocumentContent{{Kind: "key", Text: " Nâng cao  chất lượng "}, {Kind: "breakthrough", Text: "Chuyển đổi số"}}}

		t.Run("contents are saved in order with the document and audited", func(t *testing.T) {
			if err := db.CreateDocument(editor, d); err != nil {
				t.Fatal(err)
			}
			got, err := db.FindDocumentByID(editor, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := []tuyengiao.DocumentContent{{Position: 1, Kind: "key", Text: "Nâng cao chất lượng"},
				{Position: 2, Kind: "breakthrough", Text: "Chuyển đổi số"}}
			if !slices.Equal(got.Contents, want) {
				t.Fatalf("contents = %+v", got.Contents)
			}
			var detail string
			if err := db.queryRow(editor, `SELECT detail FROM audit_log WHERE action = 'document.create' AND object = ?`, documentObject(d.ID)).Scan(&detail); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(detail, "contents: key 1, breakthrough 1, other 0") {
				t.Fatalf("audit detail = %q", detail)
			}
		})
		t.Run("an edit replaces the list and says so in the audit log", func(t *testing.T) {
			cs := []tuyengiao.DocumentContent{{Kind: "breakthrough", Text: "Chuyển đổi số"}, {Kind: "key", Text: "Một"},
				{Kind: "key", Text: "Hai"}, {Kind: "other", Text: "Ba"}}
			got, err := db.UpdateDocument(editor, d.ID, tuyengiao.DocumentUpdate{Contents: &cs})
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Contents) != 4 || got.Contents[3] != (tuyengiao.DocumentContent{Position: 4, Kind: "other", Text: "Ba"}) {
				t.Fatalf("contents = %+v", got.Contents)
			}
			var detail string
			if err := db.queryRow(editor, `SELECT detail FROM audit_log WHERE action = 'document.update' AND object = ?`, documentObject(d.ID)).Scan(&detail); err != nil {
				t.Fatal(err)
			}
			if detail != "contents: key 1, breakthrough 1, other 0 → key 2, breakthrough 1, other 1" {
				t.Fatalf("audit detail = %q", detail)
			}
		})
		t.Run("a wrong row is refused by its number and nothing changes", func(t *testing.T) {
			long := strings.Repeat("ê", 501)
			many := make([]tuyengiao.DocumentContent, 101)
			for i := range many {
				many[i] = tuyengiao.DocumentContent{Kind: "key", Text: "x"}
			}
			for _, c := range []struct {
				contents []tuyengiao.DocumentContent
				message  string
			}{
				{[]tuyengiao.DocumentContent{{Kind: "key", Text: "Một"}, {Kind: "key", Text: "  "}}, "Nội dung thứ 2: chưa nhập nội dung."},
				{[]tuyengiao.DocumentContent{{Kind: "main", Text: "Một"}}, `Nội dung thứ 1: loại "main" không hợp lệ (trọng tâm, đột phá hoặc khác).`},
				{[]tuyengiao.DocumentContent{{Kind: "key", Text: "Một"}, {Kind: "other", Text: long}}, "Nội dung thứ 2 dài quá 500 ký tự."},
				{many, "Một văn bản có nhiều nhất 100 nội dung; đã nhập 101."},
			} {
				_, err := db.UpdateDocument(editor, d.ID, tuyengiao.DocumentUpdate{Contents: &c.contents})
				if e := docField(t, err, "contents"); vn.Message(e) != c.message {
					t.Fatalf("message = %q, want %q", vn.Message(e), c.message)
				}
			}
			got, err := db.FindDocumentByID(editor, d.ID)
			if err != nil || len(got.Contents) != 4 {
				t.Fatalf("contents = %+v, %v", got.Contents, err)
			}
		})
	})
}
