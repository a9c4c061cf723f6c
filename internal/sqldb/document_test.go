package sqldb

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tuyengiao"
	"tuyengiao/internal/sqldb/sqldbtest"
	"tuyengiao/internal/vn"
)

// docCreate registers a document as the caller of ctx and fails the test on an error; the
// document of a local issuer (12-CTr/TU) is issued by the unit that registers it.
func docCreate(t *testing.T, ctx context.Context, db *DB, unitID int64, symbol, issued, title string, fields ...string) *tuyengiao.Document {
	t.Helper()
	d := &tuyengiao.Document{Symbol: symbol, Title: title, UnitID: unitID, Fields: fields}
	v, err := documentVocabulary(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if sym, err := vn.ParseSymbol(symbol, v); err == nil && isLocal(sym, v) {
		d.IssuingUnitID = unitID
	}
	if issued != "" {
		d.IssuedOn = personDate(t, issued)
	}
	if err := db.CreateDocument(ctx, d); err != nil {
		t.Fatalf("create %s: %v", symbol, err)
	}
	return d
}

// docField fails the test unless err is an EINVALID error about the field.
func docField(t *testing.T, err error, field string) *tuyengiao.Error {
	t.Helper()
	var e *tuyengiao.Error
	if !errors.As(err, &e) || e.Code != tuyengiao.EINVALID || e.Field != field {
		t.Fatalf("err = %v, want invalid %s", err, field)
	}
	return e
}

// docSymbols lists the symbols of the documents, in their order.
func docSymbols(docs []*tuyengiao.Document) string {
	s := make([]string, len(docs))
	for i, d := range docs {
		s[i] = d.Symbol
	}
	return strings.Join(s, " ")
}

// docFind returns the symbols FindDocuments gives for the filter, as a sysadmin.
func docFind(t *testing.T, db *DB, f tuyengiao.DocumentFilter) string {
	t.Helper()
	docs, total, err := db.FindDocuments(sysadminCtx(), f)
	if err != nil {
		t.Fatal(err)
	}
	if total != len(docs) {
		t.Fatalf("total = %d, returned %d", total, len(docs))
	}
	return docSymbols(docs)
}

// docDOCX returns a minimal DOCX: a zip with word/document.xml.
func docDOCX(t *testing.T, extra ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range append([]string{"[Content_Types].xml", "word/document.xml"}, extra...) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<?xml version=\"1.0\"?><x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDocumentRegistry(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		province := kindTestUnit(t, db, 1, "/", "TU", "tinh_uy")
		district := kindTestUnit(t, db, 2, province, "QU1", "quan_uy")
		sibling := kindTestUnit(t, db, 3, province, "QU2", "quan_uy")
		provinceEditor := roleCtx(tuyengiao.RoleEditor, 1, province)
		districtEditor := roleCtx(tuyengiao.RoleEditor, 2, district)
		var nq35, ctr02, ctr12, kh138 *tuyengiao.Document

		t.Run("an editor registers documents and their symbols are read", func(t *testing.T) {
			nq35 = docCreate(t, provinceEditor, db, 1, " 35-nq/tw ", "2018-10-22",
				"Nghị quyết về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới",
				"xay_dung_dang", "tu_tuong_ly_luan", "xay_dung_dang")
			if nq35.Symbol != "35-NQ/TW" || nq35.Number != "35" || nq35.Type != "NQ" || nq35.Issuer != "TW" || nq35.Year != 2018 ||
				strings.Join(nq35.Fields, ",") != "tu_tuong_ly_luan,xay_dung_dang" {
				t.Fatalf("35-NQ/TW read as %+v", nq35)
			}
			ctr02 = docCreate(t, provinceEditor, db, 1, "02-CTr/TU", "2019-01-15", "Chương trình hành động thực hiện Nghị quyết 35-NQ/TW")
			ctr12 = docCreate(t, provinceEditor, db, 1, "12-CTr/TU", "2021-03-02", "Chương trình cập nhật, bổ sung Chương trình 02-CTr/TU", "tu_tuong_ly_luan")
			kh138 = docCreate(t, districtEditor, db, 2, "138-KH/QU", "2021-05-10", "Kế hoạch thực hiện Chương trình 12-CTr/TU của Tỉnh ủy")
			state := docCreate(t, provinceEditor, db, 1, "13/2023/nđ-cp", "", "Nghị định về bảo vệ dữ liệu cá nhân")
			if state.Symbol != "13/2023/NĐ-CP" || state.Year != 2023 {
				t.Fatalf("13/2023/NĐ-CP read as %+v", state)
			}
			if n := personAuditCount(t, db, "document.create", documentObject(kh138.ID), tuyengiao.OutcomeOK); n != 1 {
				t.Fatalf("document.create records = %d", n)
			}
			got, err := db.FindDocumentByID(districtEditor, nq35.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != nq35.Title || strings.Join(got.Fields, ",") != "tu_tuong_ly_luan,xay_dung_dang" || !got.IssuedOn.Equal(nq35.IssuedOn.Time) {
				t.Fatalf("read back %+v", got)
			}
		})

		t.Run("a symbol that does not parse gets the parser's message on symbol", func(t *testing.T) {
			for _, s := range []string{"35-XYZ/TW", "NQ/TW", "35-NQ"} {
				_, perr := vn.ParseSymbol(s, vn.DefaultVocabulary())
				if perr == nil {
					t.Fatalf("%q parses", s)
				}
				err := db.CreateDocument(provinceEditor, &tuyengiao.Document{Symbol: s, Title: "Thử", UnitID: 1})
				if e := docField(t, err, "symbol"); !strings.HasPrefix(vn.Message(e), perr.Error()) {
					t.Fatalf("%q: message %q, parser says %q", s, vn.Message(e), perr.Error())
				}
			}
		})

		t.Run("an issue date against the year of the symbol or in the future is refused", func(t *testing.T) {
			d := &tuyengiao.Document{Symbol: "14/2023/NĐ-CP", Title: "Nghị định", UnitID: 1, IssuedOn: personDate(t, "2022-12-30")}
			docField(t, db.CreateDocument(provinceEditor, d), "issued_on")
			d = &tuyengiao.Document{Symbol: "05-CT/TW", Title: "Chỉ thị", UnitID: 1, IssuedOn: tuyengiao.Date{Time: db.today().AddDate(0, 0, 2)}}
			docField(t, db.CreateDocument(provinceEditor, d), "issued_on")
		})

		t.Run("a symbol already registered is refused, however it is written", func(t *testing.T) {
			for _, s := range []string{"35-NQ/TW", "35-nq/tw", "035-NQ/TW"} {
				err := db.CreateDocument(provinceEditor, &tuyengiao.Document{Symbol: s, Title: "Bản trùng", UnitID: 1})
				docField(t, err, "symbol")
			}
		})

		t.Run("search ignores diacritics and case and finds a symbol typed loosely", func(t *testing.T) {
			for _, q := range []string{"nghi quyet 35", "NGHỊ QUYẾT 35", "35-nq", "35 nq", "nq 35", "35/NQ-TW", "phan bac quan diem sai trai"} {
				if got := docFind(t, db, tuyengiao.DocumentFilter{Query: q, Type: "NQ"}); got != "35-NQ/TW" {
					t.Errorf("%q found %q", q, got)
				}
			}
			if got := docFind(t, db, tuyengiao.DocumentFilter{Query: "quyet 5"}); got != "" {
				t.Errorf("a number is matched from its start: %q", got)
			}
			if got := docFind(t, db, tuyengiao.DocumentFilter{Query: "dang"}); got != "35-NQ/TW" {
				t.Errorf("dang found %q", got)
			}
			if got := docFind(t, db, tuyengiao.DocumentFilter{Query: "chuong trinh"}); got != "138-KH/QU 12-CTr/TU 02-CTr/TU" {
				t.Errorf("newest first: %q", got)
			}
		})

		t.Run("filters by type, issuer, field and year", func(t *testing.T) {
			if got := docFind(t, db, tuyengiao.DocumentFilter{Type: "CTr", Issuer: "TU"}); got != "12-CTr/TU 02-CTr/TU" {
				t.Errorf("type and issuer: %q", got)
			}
			if got := docFind(t, db, tuyengiao.DocumentFilter{Field: "tu_tuong_ly_luan"}); got != "12-CTr/TU 35-NQ/TW" {
				t.Errorf("field: %q", got)
			}
			if got := docFind(t, db, tuyengiao.DocumentFilter{Year: 2021}); got != "138-KH/QU 12-CTr/TU" {
				t.Errorf("year: %q", got)
			}
			if got := docFind(t, db, tuyengiao.DocumentFilter{}); got != "138-KH/QU 12-CTr/TU 02-CTr/TU 35-NQ/TW 13/2023/NĐ-CP" {
				t.Errorf("all, undated last: %q", got)
			}
			_, _, err := db.FindDocuments(sysadminCtx(), tuyengiao.DocumentFilter{Field: "nope"})
			docField(t, err, "field")
		})

		t.Run("the chain runs from the central resolution to the district's plan", func(t *testing.T) {
			for _, r := range []struct {
				ctx      context.Context
				from, to *tuyengiao.Document
				kind     tuyengiao.RelationKind
			}{
				{provinceEditor, ctr02, nq35, tuyengiao.RelImplements},
				{provinceEditor, ctr12, ctr02, tuyengiao.RelUpdates},
				{districtEditor, kh138, ctr12, tuyengiao.RelImplements},
			} {
				if err := db.RelateDocuments(r.ctx, r.from.ID, r.to.ID, r.kind); err != nil {
					t.Fatalf("%s %s %s: %v", r.from.Symbol, r.kind, r.to.Symbol, err)
				}
			}
			docs, rels, err := db.DocumentChain(roleCtx(tuyengiao.RoleViewer, 3, sibling), kh138.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got := docSymbols(docs); got != "35-NQ/TW 02-CTr/TU 12-CTr/TU 138-KH/QU" {
				t.Fatalf("chain %q", got)
			}
			if len(rels) != 3 {
				t.Fatalf("relations %+v", rels)
			}
			got, err := db.FindDocumentByID(sysadminCtx(), ctr12.ID)
			if err != nil {
				t.Fatal(err)
			}
			var both []string
			for _, r := range got.Relations {
				both = append(both, r.FromSymbol+" "+string(r.Kind)+" "+r.ToSymbol)
			}
			if strings.Join(both, "; ") != "12-CTr/TU updates 02-CTr/TU; 138-KH/QU implements 12-CTr/TU" {
				t.Fatalf("relations of 12-CTr/TU: %q", both)
			}
			if n := personAuditCount(t, db, "document.relate", documentObject(kh138.ID), tuyengiao.OutcomeOK); n != 1 {
				t.Fatalf("document.relate records = %d", n)
			}
		})

		t.Run("a relation that closes a cycle is refused, as is one to itself", func(t *testing.T) {
			err := db.RelateDocuments(sysadminCtx(), nq35.ID, kh138.ID, tuyengiao.RelGuides)
			docField(t, err, "to_id")
			err = db.RelateDocuments(sysadminCtx(), ctr02.ID, ctr12.ID, tuyengiao.RelReplaces)
			docField(t, err, "to_id")
			err = db.RelateDocuments(sysadminCtx(), nq35.ID, nq35.ID, tuyengiao.RelUpdates)
			docField(t, err, "to_id")
			err = db.RelateDocuments(sysadminCtx(), kh138.ID, ctr12.ID, "contradicts")
			docField(t, err, "kind")
		})

		t.Run("a relation is removed and the removal audited", func(t *testing.T) {
			if err := db.RelateDocuments(sysadminCtx(), kh138.ID, nq35.ID, tuyengiao.RelImplements); err != nil {
				t.Fatal(err)
			}
			if err := db.UnrelateDocuments(districtEditor, kh138.ID, nq35.ID, tuyengiao.RelImplements); err != nil {
				t.Fatal(err)
			}
			wantCode(t, db.UnrelateDocuments(districtEditor, kh138.ID, nq35.ID, tuyengiao.RelImplements), tuyengiao.ENOTFOUND)
			if n := personAuditCount(t, db, "document.unrelate", documentObject(kh138.ID), tuyengiao.OutcomeOK); n != 1 {
				t.Fatalf("document.unrelate records = %d", n)
			}
		})

		t.Run("a viewer reads documents but may not register one", func(t *testing.T) {
			viewer := roleCtx(tuyengiao.RoleViewer, 1, province)
			if _, err := db.FindDocumentByID(viewer, nq35.ID); err != nil {
				t.Fatal(err)
			}
			if _, _, err := db.FindDocuments(viewer, tuyengiao.DocumentFilter{Query: "35"}); err != nil {
				t.Fatal(err)
			}
			err := db.CreateDocument(viewer, &tuyengiao.Document{Symbol: "05-CT/TW", Title: "Chỉ thị", UnitID: 1})
			wantCode(t, err, tuyengiao.EFORBIDDEN)
			if n := personAuditCount(t, db, string(tuyengiao.ActionDocumentEdit), "document:new", tuyengiao.OutcomeDenied); n != 1 {
				t.Fatalf("denied records = %d", n)
			}
			if _, _, err := db.FindDocuments(context.Background(), tuyengiao.DocumentFilter{}); tuyengiao.ErrorCode(err) != tuyengiao.EUNAUTHORIZED {
				t.Fatalf("the public: %v", err)
			}
		})

		t.Run("an editor of a sibling district may not change another district's document", func(t *testing.T) {
			siblingEditor := roleCtx(tuyengiao.RoleEditor, 3, sibling)
			title := "Kế hoạch đã sửa"
			_, err := db.UpdateDocument(siblingEditor, kh138.ID, tuyengiao.DocumentUpdate{Title: &title})
			wantCode(t, err, tuyengiao.EFORBIDDEN)
			_, err = db.AddDocumentFile(siblingEditor, kh138.ID, "a.pdf", []byte("%PDF-1.7\n"))
			wantCode(t, err, tuyengiao.EFORBIDDEN)
			wantCode(t, db.RelateDocuments(siblingEditor, kh138.ID, nq35.ID, tuyengiao.RelGuides), tuyengiao.EFORBIDDEN)
			if n := personAuditCount(t, db, string(tuyengiao.ActionDocumentEdit), documentObject(kh138.ID), tuyengiao.OutcomeDenied); n != 3 {
				t.Fatalf("denied records = %d", n)
			}
			got, err := db.UpdateDocument(districtEditor, kh138.ID, tuyengiao.DocumentUpdate{Title: &title})
			if err != nil || got.Title != title {
				t.Fatalf("the district's own editor: %v, %+v", err, got)
			}
		})

		t.Run("an update re-reads the symbol and the search follows", func(t *testing.T) {
			symbol, summary := "138-kh/qu", "Học tập, quán triệt tới chi bộ.\n\n\nLần hai."
			got, err := db.UpdateDocument(districtEditor, kh138.ID, tuyengiao.DocumentUpdate{Symbol: &symbol, Summary: &summary})
			if err != nil {
				t.Fatal(err)
			}
			if got.Symbol != "138-KH/QU" || got.Summary != "Học tập, quán triệt tới chi bộ.\n\nLần hai." {
				t.Fatalf("updated %+v", got)
			}
			if got := docFind(t, db, tuyengiao.DocumentFilter{Query: "quan triet"}); got != "138-KH/QU" {
				t.Fatalf("summary search %q", got)
			}
			symbol = "02-CTr/TU"
			_, err = db.UpdateDocument(provinceEditor, ctr12.ID, tuyengiao.DocumentUpdate{Symbol: &symbol})
			docField(t, err, "symbol")
			if n := personAuditCount(t, db, "document.update", documentObject(kh138.ID), tuyengiao.OutcomeOK); n != 2 {
				t.Fatalf("document.update records = %d", n)
			}
		})

		t.Run("a PDF attaches and reads back with its sha256", func(t *testing.T) {
			content := []byte("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n")
			name := norm.NFD.String(`C:\Users\cv\Tài liệu\Nghị quyết 35.pdf`)
			f, err := db.AddDocumentFile(provinceEditor, nq35.ID, name, content)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(content)
			if f.Name != "Nghị quyết 35.pdf" || f.ContentType != "application/pdf" || f.SHA256 != hex.EncodeToString(sum[:]) || f.Size != int64(len(content)) {
				t.Fatalf("file %+v", f)
			}
			back, got, err := db.DocumentFileContent(roleCtx(tuyengiao.RoleMember, 3, sibling), f.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, content) || back.SHA256 != f.SHA256 || back.Name != f.Name {
				t.Fatalf("read back %+v, %q", back, got)
			}
			d, err := db.FindDocumentByID(sysadminCtx(), nq35.ID)
			if err != nil || len(d.Files) != 1 || d.Files[0].ID != f.ID {
				t.Fatalf("files of the document: %v, %+v", err, d)
			}
			if n := personAuditCount(t, db, "document.file", documentObject(nq35.ID), tuyengiao.OutcomeOK); n != 1 {
				t.Fatalf("document.file records = %d", n)
			}
			_, _, err = db.DocumentFileContent(context.Background(), f.ID)
			wantCode(t, err, tuyengiao.EUNAUTHORIZED)
		})

		t.Run("a DOCX is known by its content", func(t *testing.T) {
			f, err := db.AddDocumentFile(provinceEditor, nq35.ID, "../../ke-hoach.docx", docDOCX(t))
			if err != nil {
				t.Fatal(err)
			}
			if f.Name != "ke-hoach.docx" || f.ContentType != contentTypeDOCX {
				t.Fatalf("file %+v", f)
			}
		})

		t.Run("a renamed program, a spreadsheet and a macro document are refused", func(t *testing.T) {
			var xlsx bytes.Buffer
			zw := zip.NewWriter(&xlsx)
			zw.Create("xl/workbook.xml")
			zw.Close()
			for name, content := range map[string][]byte{
				"nghi-quyet.pdf":  []byte("MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode."),
				"nghi-quyet.docx": xlsx.Bytes(),
				"macro.docx":      docDOCX(t, "word/vbaProject.bin"),
				"empty.pdf":       nil,
			} {
				_, err := db.AddDocumentFile(provinceEditor, nq35.ID, name, content)
				if e := docField(t, err, "file"); vn.Message(e) != "Chỉ nhận tệp PDF hoặc DOCX" {
					t.Fatalf("%s: %q", name, vn.Message(e))
				}
			}
		})

		t.Run("a file over the limit is refused", func(t *testing.T) {
			big := make([]byte, tuyengiao.MaxDocumentFileBytes+1)
			copy(big, "%PDF-1.7\n")
			_, err := db.AddDocumentFile(provinceEditor, nq35.ID, "big.pdf", big)
			wantCode(t, err, tuyengiao.ETOOLARGE)
		})

		t.Run("a migrated database has the built-in types and issuers, and migrating again adds none", func(t *testing.T) {
			var types, issuers int
			if err := db.queryRow(context.Background(), `SELECT COUNT(*) FROM doc_types`).Scan(&types); err != nil {
				t.Fatal(err)
			}
			if err := db.queryRow(context.Background(), `SELECT COUNT(*) FROM doc_issuers`).Scan(&issuers); err != nil {
				t.Fatal(err)
			}
			if err := db.ensureDefaultDocumentVocabulary(context.Background()); err != nil {
				t.Fatal(err) // a second filling adds nothing and fails on nothing
			}
			def := vn.DefaultVocabulary()
			wantTypes := len(def.Types(vn.PartySymbol)) + len(def.Types(vn.StateSymbol))
			wantIssuers := len(def.Issuers(vn.PartySymbol)) + len(def.Issuers(vn.StateSymbol))
			if types != wantTypes || issuers != wantIssuers {
				t.Fatalf("types %d issuers %d, want %d and %d", types, issuers, wantTypes, wantIssuers)
			}
		})
	})
}

// FuzzDocumentFileType feeds the content check with anything: it never panics, and a file
// it takes is a PDF or a zip holding word/document.xml.
func FuzzDocumentFileType(f *testing.F) {
	f.Add([]byte("%PDF-1.7\n"))
	f.Add([]byte("MZ\x90\x00"))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.Create("word/document.xml")
	zw.Close()
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, content []byte) {
		switch ct, _ := documentFileType(content); ct {
		case "":
		case contentTypePDF:
			if !bytes.HasPrefix(content, []byte("%PDF-")) {
				t.Fatalf("%q taken as a PDF", content)
			}
		case contentTypeDOCX:
			if _, err := zip.NewReader(bytes.NewReader(content), int64(len(content))); err != nil {
				t.Fatalf("%q taken as a DOCX: %v", content, err)
			}
		default:
			t.Fatal("unknown content type")
		}
	})
}

func TestDocumentIssuingUnit(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		city := kindTestUnit(t, db, 1, "/", "TP", "thanh_uy")
		haiChau := kindTestUnit(t, db, 2, city, "HC", "quan_uy")
		sonTra := kindTestUnit(t, db, 3, city, "ST", "quan_uy")
		ward := kindTestUnit(t, db, 4, haiChau, "HC-P1", "dang_uy_phuong")
		cityEditor := roleCtx(tuyengiao.RoleEditor, 1, city)
		haiChauEditor := roleCtx(tuyengiao.RoleEditor, 2, haiChau)
		sonTraEditor := roleCtx(tuyengiao.RoleEditor, 3, sonTra)
		wardEditor := roleCtx(tuyengiao.RoleEditor, 4, ward)
		var hc08, st08 *tuyengiao.Document

		t.Run("two district committees each register their own 08-CTr/QU", func(t *testing.T) {
			hc08 = docCreate(t, haiChauEditor, db, 2, "08-CTr/QU", "2021-04-01", "Chương trình hành động của Quận ủy Hải Châu")
			st08 = docCreate(t, sonTraEditor, db, 3, "08-CTr/QU", "2021-04-02", "Chương trình hành động của Quận ủy Sơn Trà")
			got, err := db.FindDocumentByID(wardEditor, st08.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.IssuingUnitID != 3 || got.IssuingUnit != "Đơn vị ST" {
				t.Fatalf("issued by %d %q, want Sơn Trà", got.IssuingUnitID, got.IssuingUnit)
			}
		})

		t.Run("the same committee registering its 08-CTr/QU twice is refused on the symbol, naming the committee", func(t *testing.T) {
			for _, s := range []string{"08-CTr/QU", "8-ctr/qu"} {
				err := db.CreateDocument(haiChauEditor, &tuyengiao.Document{Symbol: s, Title: "Bản trùng", UnitID: 2, IssuingUnitID: 2})
				if e := docField(t, err, "symbol"); !strings.Contains(vn.Message(e), "Đơn vị HC") {
					t.Fatalf("message %q does not name the committee", vn.Message(e))
				}
			}
		})

		t.Run("a local issuer needs its issuing unit, a central one refuses one", func(t *testing.T) {
			err := db.CreateDocument(haiChauEditor, &tuyengiao.Document{Symbol: "09-CTr/QU", Title: "Chương trình", UnitID: 2})
			docField(t, err, "issuing_unit_id")
			err = db.CreateDocument(haiChauEditor, &tuyengiao.Document{Symbol: "35-NQ/TW", Title: "Nghị quyết", UnitID: 2, IssuingUnitID: 2})
			docField(t, err, "issuing_unit_id")
			err = db.CreateDocument(haiChauEditor, &tuyengiao.Document{Symbol: "09-CTr/QU", Title: "Chương trình", UnitID: 2, IssuingUnitID: 999})
			docField(t, err, "issuing_unit_id")
		})

		t.Run("a ward registers the city's plan as issued by the city", func(t *testing.T) {
			d := &tuyengiao.Document{Symbol: "138-KH/TU", Title: "Kế hoạch của Thành ủy", UnitID: 4, IssuingUnitID: 1}
			if err := db.CreateDocument(wardEditor, d); err != nil {
				t.Fatal(err)
			}
			if d.UnitID != 4 || d.IssuingUnitID != 1 || d.IssuingUnit != "Đơn vị TP" {
				t.Fatalf("registered %+v", d)
			}
		})

		t.Run("an issuing unit of a kind that does not issue under the code is refused", func(t *testing.T) {
			// The ward registering the city's 12-KH/TU cannot sign it itself.
			err := db.CreateDocument(wardEditor, &tuyengiao.Document{Symbol: "12-KH/TU", Title: "Kế hoạch của Thành ủy", UnitID: 4, IssuingUnitID: 4})
			if e := docField(t, err, "issuing_unit_id"); !strings.Contains(vn.Message(e), "Thành ủy hoặc Tỉnh ủy") ||
				!strings.Contains(vn.Message(e), "Đơn vị HC-P1 là Đảng ủy phường") {
				t.Fatalf("message %q", vn.Message(e))
			}
			d := docCreate(t, wardEditor, db, 4, "06-KH/ĐU", "", "Kế hoạch của phường")
			city := int64(1)
			_, err = db.UpdateDocument(wardEditor, d.ID, tuyengiao.DocumentUpdate{IssuingUnitID: &city})
			docField(t, err, "issuing_unit_id")
			// A local issuer an administrator added without unit kinds takes any unit.
			err = db.CreateDocumentIssuer(sysadminCtx(), &tuyengiao.DocumentIssuer{Kind: tuyengiao.PartyDocument, Code: "BTGTXU",
				Name: "Ban Tuyên giáo Thị ủy", Local: true})
			if err != nil {
				t.Fatal(err)
			}
			docCreate(t, wardEditor, db, 4, "15-KH/BTGTXU", "", "Kế hoạch tuyên truyền")
		})

		t.Run("a number restarts with the term and with the year", func(t *testing.T) {
			a := &tuyengiao.Document{Symbol: "01-NQ/TW", Term: "XII", Title: "Nghị quyết khóa XII", UnitID: 1}
			b := &tuyengiao.Document{Symbol: "01-NQ/TW", Term: "XIII", Title: "Nghị quyết khóa XIII", UnitID: 1}
			for _, d := range []*tuyengiao.Document{a, b} {
				if err := db.CreateDocument(cityEditor, d); err != nil {
					t.Fatal(err)
				}
			}
			again := &tuyengiao.Document{Symbol: "01-NQ/TW", Term: "XIII", Title: "Bản trùng", UnitID: 1}
			if e := docField(t, db.CreateDocument(cityEditor, again), "symbol"); !strings.Contains(vn.Message(e), "khóa XIII") {
				t.Fatalf("message %q does not name the term", vn.Message(e))
			}
			for _, issued := range []string{"2022-03-01", "2023-03-01"} {
				d := &tuyengiao.Document{Symbol: "123/QĐ-UBND", Title: "Quyết định " + issued, UnitID: 2, IssuingUnitID: 2, IssuedOn: personDate(t, issued)}
				if err := db.CreateDocument(haiChauEditor, d); err != nil {
					t.Fatal(err)
				}
			}
			d := &tuyengiao.Document{Symbol: "123/QĐ-UBND", Title: "Bản trùng", UnitID: 2, IssuingUnitID: 2, IssuedOn: personDate(t, "2023-06-01")}
			docField(t, db.CreateDocument(haiChauEditor, d), "symbol")
		})

		t.Run("a number already used in a named term or year is refused without one, and the other way round, naming who registered it", func(t *testing.T) {
			noTerm := &tuyengiao.Document{Symbol: "01-NQ/TW", Title: "Bản không ghi khóa", UnitID: 1}
			if e := docField(t, db.CreateDocument(cityEditor, noTerm), "term"); !strings.Contains(vn.Message(e), "khóa XII, do Đơn vị TP đăng ký") {
				t.Fatalf("message %q does not name the term registered", vn.Message(e))
			}
			noYear := &tuyengiao.Document{Symbol: "123/QĐ-UBND", Title: "Bản không ghi ngày", UnitID: 2, IssuingUnitID: 2}
			docField(t, db.CreateDocument(haiChauEditor, noYear), "issued_on")
			// Another committee's number, and one registered without term first.
			docCreate(t, haiChauEditor, db, 2, "02-NQ/QU", "", "Nghị quyết chưa ghi khóa")
			withTerm := &tuyengiao.Document{Symbol: "02-NQ/QU", Term: "XXII", Title: "Nghị quyết khóa XXII", UnitID: 2, IssuingUnitID: 2}
			if e := docField(t, db.CreateDocument(haiChauEditor, withTerm), "term"); !strings.Contains(vn.Message(e), "chưa ghi khóa (do Đơn vị HC đăng ký)") {
				t.Fatalf("message %q", vn.Message(e))
			}
			if err := db.CreateDocument(sonTraEditor, &tuyengiao.Document{Symbol: "02-NQ/QU", Term: "XXII", Title: "Nghị quyết của Sơn Trà",
				UnitID: 3, IssuingUnitID: 3}); err != nil {
				t.Fatalf("another committee's 02-NQ/QU: %v", err)
			}
		})

		t.Run("a symbol finds every document registered under it, however it is written", func(t *testing.T) {
			docs, err := db.FindDocumentsBySymbol(wardEditor, " 8-ctr/qu ")
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 2 || docs[0].ID != hc08.ID || docs[1].ID != st08.ID || docs[1].IssuingUnit != "Đơn vị ST" {
				t.Fatalf("found %d documents", len(docs))
			}
			if docs, err = db.FindDocumentsBySymbol(wardEditor, "77-CTr/QU"); err != nil || len(docs) != 0 {
				t.Fatalf("an unknown symbol: %d documents, %v", len(docs), err)
			}
			_, err = db.FindDocumentsBySymbol(wardEditor, "08/CTr")
			docField(t, err, "symbol")
			if got := docFind(t, db, tuyengiao.DocumentFilter{Query: "08 ctr don vi st"}); got != "08-CTr/QU" {
				t.Fatalf("a search with the issuing unit's name finds %q", got)
			}
		})

		t.Run("a relation to one committee's 08-CTr/QU stays out of the other's chain", func(t *testing.T) {
			plan := docCreate(t, wardEditor, db, 4, "05-KH/ĐU", "2021-05-01", "Kế hoạch thực hiện Chương trình 08-CTr/QU")
			if err := db.RelateDocuments(wardEditor, plan.ID, hc08.ID, tuyengiao.RelImplements); err != nil {
				t.Fatal(err)
			}
			docs, _, err := db.DocumentChain(wardEditor, st08.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 1 {
				t.Fatalf("the chain of Sơn Trà's 08-CTr/QU holds %d documents", len(docs))
			}
			if docs, _, err = db.DocumentChain(wardEditor, hc08.ID); err != nil || len(docs) != 2 {
				t.Fatalf("the chain of Hải Châu's 08-CTr/QU holds %d documents, %v", len(docs), err)
			}
		})

		t.Run("the issuing unit is changed and the change audited", func(t *testing.T) {
			// The city registered a district's plan, then finds it was the other district's.
			d := &tuyengiao.Document{Symbol: "10-KH/QU", Title: "Kế hoạch", UnitID: 1, IssuingUnitID: 2}
			if err := db.CreateDocument(cityEditor, d); err != nil {
				t.Fatal(err)
			}
			sonTraID := int64(3)
			got, err := db.UpdateDocument(cityEditor, d.ID, tuyengiao.DocumentUpdate{IssuingUnitID: &sonTraID})
			if err != nil {
				t.Fatal(err)
			}
			if got.IssuingUnitID != 3 || got.IssuingUnit != "Đơn vị ST" {
				t.Fatalf("issued by %d %q", got.IssuingUnitID, got.IssuingUnit)
			}
			var detail string
			err = db.queryRow(context.Background(), `SELECT detail FROM audit_log WHERE action = 'document.update' AND object = ?`,
				documentObject(d.ID)).Scan(&detail)
			if err != nil || !strings.Contains(detail, "issuing_unit: 2 → 3") {
				t.Fatalf("audit %q, %v", detail, err)
			}
			// Moving it onto Sơn Trà's own 08-CTr/QU is refused, naming who registered that one.
			sym := "08-CTr/QU"
			_, err = db.UpdateDocument(cityEditor, d.ID, tuyengiao.DocumentUpdate{Symbol: &sym})
			if e := docField(t, err, "symbol"); !strings.Contains(vn.Message(e), "do Đơn vị ST đăng ký") {
				t.Fatalf("message %q", vn.Message(e))
			}
		})

		t.Run("the offered issuing units are the editor's and those above", func(t *testing.T) {
			units, err := db.IssuingUnits(wardEditor, 4)
			if err != nil {
				t.Fatal(err)
			}
			var codes []string
			for _, u := range units {
				codes = append(codes, u.Code)
			}
			if strings.Join(codes, " ") != "TP HC HC-P1" {
				t.Fatalf("offered %v", codes)
			}
		})
	})
}

// TestDocumentIssuingUnitLine checks that a document names as its issuer the unit that
// registers it, a unit above it or one below it: a ward naming its sibling as the issuer
// would take the sibling's number before the sibling registers it.
func TestDocumentIssuingUnitLine(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		city := kindTestUnit(t, db, 1, "/", "TP", "thanh_uy")
		haiChau := kindTestUnit(t, db, 2, city, "HC", "quan_uy")
		sonTra := kindTestUnit(t, db, 3, city, "ST", "quan_uy")
		ward := kindTestUnit(t, db, 4, haiChau, "HC-P1", "dang_uy_phuong")
		sibling := kindTestUnit(t, db, 5, haiChau, "HC-P2", "dang_uy_phuong")
		kindTestUnit(t, db, 6, sonTra, "ST-P1", "dang_uy_phuong")
		kindTestUnit(t, db, 7, ward, "HC-P1-CB1", "chi_bo")
		haiChauEditor := roleCtx(tuyengiao.RoleEditor, 2, haiChau)
		wardEditor := roleCtx(tuyengiao.RoleEditor, 4, ward)
		siblingEditor := roleCtx(tuyengiao.RoleEditor, 5, sibling)
		create := func(ctx context.Context, symbol string, unitID, issuingID int64) (*tuyengiao.Document, error) {
			d := &tuyengiao.Document{Symbol: symbol, Title: "Kế hoạch " + symbol, UnitID: unitID, IssuingUnitID: issuingID}
			return d, db.CreateDocument(ctx, d)
		}

		t.Run("a ward naming its sibling as the issuer is refused, and the sibling registers its own number", func(t *testing.T) {
			_, err := create(wardEditor, "777-KH/ĐU", 4, 5)
			if e := docField(t, err, "issuing_unit_id"); !strings.Contains(vn.Message(e), "Đơn vị HC-P1 không đăng ký được văn bản do Đơn vị HC-P2") {
				t.Fatalf("message %q", vn.Message(e))
			}
			if _, err := create(siblingEditor, "777-KH/ĐU", 5, 5); err != nil {
				t.Fatalf("the sibling's own 777-KH/ĐU: %v", err)
			}
		})

		t.Run("a unit elsewhere in the tree is refused as the issuer", func(t *testing.T) {
			_, err := create(wardEditor, "778-KH/ĐU", 4, 6)
			docField(t, err, "issuing_unit_id")
			_, err = create(wardEditor, "12-KH/QU", 4, 3)
			docField(t, err, "issuing_unit_id")
		})

		t.Run("changing the issuer to a sibling is refused and leaves the document as it was", func(t *testing.T) {
			d, err := create(wardEditor, "779-KH/ĐU", 4, 4)
			if err != nil {
				t.Fatal(err)
			}
			other := int64(5)
			_, err = db.UpdateDocument(wardEditor, d.ID, tuyengiao.DocumentUpdate{IssuingUnitID: &other})
			docField(t, err, "issuing_unit_id")
			if got, err := db.FindDocumentByID(wardEditor, d.ID); err != nil || got.IssuingUnitID != 4 {
				t.Fatalf("issued by %d, %v", got.IssuingUnitID, err)
			}
		})

		t.Run("a ward registers the city's and its district's plans, a district its ward's and a cell's", func(t *testing.T) {
			for _, c := range []struct {
				ctx               context.Context
				symbol            string
				unitID, issuingID int64
			}{{wardEditor, "138-KH/TU", 4, 1}, {wardEditor, "13-KH/QU", 4, 2}, {haiChauEditor, "780-KH/ĐU", 2, 4}, {haiChauEditor, "01-KH/CB", 2, 7}} {
				if _, err := create(c.ctx, c.symbol, c.unitID, c.issuingID); err != nil {
					t.Fatalf("%s issued by %d at %d: %v", c.symbol, c.issuingID, c.unitID, err)
				}
			}
		})

		t.Run("a district's document naming a cell as its issuer is refused on the unit's kind", func(t *testing.T) {
			_, err := create(haiChauEditor, "14-KH/QU", 2, 7)
			if e := docField(t, err, "issuing_unit_id"); !strings.Contains(vn.Message(e), "Quận ủy") {
				t.Fatalf("message %q", vn.Message(e))
			}
		})

		t.Run("the ward registering the number its district registered for it is told who registered it", func(t *testing.T) {
			_, err := create(wardEditor, "780-KH/ĐU", 4, 4)
			if e := docField(t, err, "symbol"); !strings.Contains(vn.Message(e), "780-KH/ĐU của Đơn vị HC-P1 đã có trong hệ thống, do Đơn vị HC đăng ký") {
				t.Fatalf("message %q", vn.Message(e))
			}
		})

		t.Run("the issuers offered are the registering unit's line: above it, itself and below it, never a sibling", func(t *testing.T) {
			for _, c := range []struct {
				ctx    context.Context
				unitID int64
				want   string
			}{{wardEditor, 4, "TP HC HC-P1 HC-P1-CB1"}, {haiChauEditor, 2, "TP HC HC-P1 HC-P2"}, {haiChauEditor, 5, "TP HC HC-P2"}, {wardEditor, 5, ""}} {
				units, err := db.IssuingUnits(c.ctx, c.unitID)
				if err != nil {
					t.Fatal(err)
				}
				var codes []string
				for _, u := range units {
					codes = append(codes, u.Code)
				}
				if got := strings.Join(codes, " "); got != c.want {
					t.Fatalf("offered at unit %d: %q, want %q", c.unitID, got, c.want)
				}
			}
		})
	})
}

// TestDocumentIssuingUnitMigration migrates a registry of the schema before issuing units:
// its rows, fields and relations stay, the document of a local issuer is issued by the
// nearest unit of the issuer's kinds at or above the unit that registered it (or by none,
// to be named by an editor), and the numbering series comes from the term or the year.
func TestDocumentIssuingUnitMigration(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := migratedTo(t, dsn, 5)
		if err := db.ensureDefaultKinds(ctx); err != nil {
			t.Fatal(err)
		}
		city := kindTestUnit(t, db, 1, "/", "TP", "thanh_uy")
		ward := kindTestUnit(t, db, 2, city, "P1", "dang_uy_phuong")
		kindTestUnit(t, db, 3, ward, "P1-CB1", "chi_bo")
		for _, q := range []string{
			`INSERT INTO doc_issuers (kind, code, name) VALUES ('party', 'TW', 'Trung ương'), ('party', 'TU', 'Tỉnh ủy'), ('state', 'CP', 'Chính phủ'),
			('party', 'ĐU', 'Đảng ủy'), ('party', 'QU', 'Quận ủy')`,
			// The ward registered the city's programme, the cell the ward's plan, the ward a
			// district's plan with no district above it.
			`INSERT INTO documents (id, symbol, symbol_key, number, type, issuer, year, term, title, search, unit_id, created_at, updated_at)
			VALUES (1, '35-NQ/TW', '35-NQ/TW', '35', 'NQ', 'TW', 2018, 'XII', 'Nghị quyết', ' ', 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
			(2, '12-CTr/TU', '12-CTr/TU', '12', 'CTr', 'TU', 2021, '', 'Chương trình', ' ', 2, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
			(3, '13/2023/NĐ-CP', '13/2023/NĐ-CP', '13', 'NĐ', 'CP', 2023, '', 'Nghị định', ' ', 1, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
			(4, '05-KH/ĐU', '5-KH/ĐU', '05', 'KH', 'ĐU', 2021, '', 'Kế hoạch', ' ', 3, '2024-01-01 00:00:00', '2024-01-01 00:00:00'),
			(5, '07-KH/QU', '7-KH/QU', '07', 'KH', 'QU', 2021, '', 'Kế hoạch của quận', ' ', 2, '2024-01-01 00:00:00', '2024-01-01 00:00:00')`,
			`INSERT INTO document_fields (document_id, field) VALUES (2, 'tuyen_truyen')`,
			`INSERT INTO document_relations (from_id, to_id, kind) VALUES (2, 1, 'implements')`,
		} {
			if _, err := db.write.Exec(db.rebind(q)); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		rows, err := db.query(ctx, `SELECT id, COALESCE(issuing_unit_id, 0), series FROM documents ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rows.Next() {
			var id, issuing int64
			var series string
			if err := rows.Scan(&id, &issuing, &series); err != nil {
				t.Fatal(err)
			}
			got = append(got, fmt.Sprintf("%d:%d:%s", id, issuing, series))
		}
		rows.Close()
		if strings.Join(got, " ") != "1:0:XII 2:1: 3:0:2023 4:2: 5:0:" {
			t.Fatalf("migrated documents %v", got)
		}
		d, err := db.FindDocumentByID(sysadminCtx(), 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Fields) != 1 || len(d.Relations) != 1 || d.IssuingUnit != "Đơn vị TP" || d.IssuingUnitUnknown {
			t.Fatalf("document 2 after the migration: %+v", d)
		}
		if docs := docFind(t, db, tuyengiao.DocumentFilter{Query: "don vi tp"}); docs != "12-CTr/TU" {
			t.Fatalf("found by its issuing unit: %q", docs)
		}
		var detail string
		err = db.queryRow(ctx, `SELECT detail FROM audit_log WHERE action = 'document.update' AND object = ? AND login = 'system'`,
			documentObject(2)).Scan(&detail)
		if err != nil || !strings.Contains(detail, "issuing_unit: 0 → 1") {
			t.Fatalf("audit %q, %v", detail, err)
		}
		for id, unknown := range map[int64]bool{1: false, 3: false, 4: false, 5: true} {
			if d, err := db.FindDocumentByID(sysadminCtx(), id); err != nil || d.IssuingUnitUnknown != unknown {
				t.Fatalf("document %d: issuing unit unknown %v, %v", id, d.IssuingUnitUnknown, err)
			}
		}
		// Its next change must name the issuing unit, of the issuer's kind.
		title := "Kế hoạch của quận (sửa)"
		_, err = db.UpdateDocument(sysadminCtx(), 5, tuyengiao.DocumentUpdate{Title: &title})
		docField(t, err, "issuing_unit_id")
		if !db.postgres {
			var n int
			if err := db.queryRow(ctx, `SELECT COUNT(*) FROM pragma_foreign_key_check`).Scan(&n); err != nil || n != 0 {
				t.Fatalf("foreign key violations after the rebuild: %d, %v", n, err)
			}
		}
		// The migrated rows obey the new constraint.
		err = db.CreateDocument(sysadminCtx(), &tuyengiao.Document{Symbol: "12-CTr/TU", Title: "Bản trùng", UnitID: 1, IssuingUnitID: 1})
		docField(t, err, "symbol")
	})
}

// kindTestUnit adds a unit of the kind, as personTestUnit does.
func kindTestUnit(t testing.TB, db *DB, id int64, parentPath, code, kind string) string {
	t.Helper()
	path := personTestUnit(t, db, id, parentPath, code)
	if _, err := db.write.Exec(db.rebind(`UPDATE units SET kind = ? WHERE id = ?`), kind, id); err != nil {
		t.Fatal(err)
	}
	return path
}

// isLocal reports whether the symbol's issuer is local in v.
func isLocal(sym vn.Symbol, v *vn.Vocabulary) bool {
	local, _ := localIssuer(sym, v)
	return local
}
