package sqldb

import (
	"context"
	"strings"
	"testing"

	"tuyengiao"
	"tuyengiao/internal/sqldb/sqldbtest"
	"tuyengiao/internal/vn"
)

// vocabIssuers returns the codes of the vocabulary's issuers of the kind, in order.
func vocabIssuers(t *testing.T, db *DB, kind string) []string {
	t.Helper()
	issuers, err := db.DocumentIssuers(sysadminCtx())
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, i := range issuers {
		if i.Kind == kind {
			codes = append(codes, i.Code)
		}
	}
	return codes
}

func TestDocumentVocabulary(t *testing.T) {
	if tuyengiao.PartyDocument != string(vn.PartySymbol) || tuyengiao.StateDocument != string(vn.StateSymbol) {
		t.Fatal("the kinds of the registry are not spelled as vn's")
	}
	engines(t, func(t *testing.T, db *DB) {
		province := kindTestUnit(t, db, 1, "/", "TU", "tinh_uy")
		editor := roleCtx(tuyengiao.RoleEditor, 1, province)
		btgtxu := &tuyengiao.DocumentIssuer{Kind: tuyengiao.PartyDocument, Code: "BTGTXU", Name: "Ban Tuyên giáo Thị ủy"}

		t.Run("every account reads the built-in types and issuers, Party first, marked built-in", func(t *testing.T) {
			types, err := db.DocumentTypes(editor)
			if err != nil {
				t.Fatal(err)
			}
			issuers, err := db.DocumentIssuers(editor)
			if err != nil {
				t.Fatal(err)
			}
			def := vn.DefaultVocabulary()
			if len(types) != len(def.Types(vn.PartySymbol))+len(def.Types(vn.StateSymbol)) || types[0].Code != "NQ" ||
				types[0].Kind != tuyengiao.PartyDocument || types[len(types)-1].Kind != tuyengiao.StateDocument {
				t.Fatalf("types: %d, first %+v, last %+v", len(types), types[0], types[len(types)-1])
			}
			if issuers[0].Code != "TW" || len(issuers[0].OtherNames) != 3 {
				t.Fatalf("first issuer %+v", issuers[0])
			}
			for _, x := range types {
				if !x.Builtin {
					t.Errorf("type %s %q not marked built-in", x.Kind, x.Code)
				}
			}
			for _, x := range issuers {
				if !x.Builtin {
					t.Errorf("issuer %s %q not marked built-in", x.Kind, x.Code)
				}
			}
			_, err = db.DocumentTypes(context.Background())
			wantCode(t, err, tuyengiao.EUNAUTHORIZED)
		})

		t.Run("a symbol of an issuer not in the vocabulary is refused, saying an administrator can add it", func(t *testing.T) {
			err := db.CreateDocument(editor, &tuyengiao.Document{Symbol: "15-KH/BTGTXU", Title: "Kế hoạch", UnitID: 1})
			e := docField(t, err, "symbol")
			if !strings.Contains(vn.Message(e), "BTGTXU") || !strings.Contains(vn.Message(e), "/vocabulary") {
				t.Fatalf("message %q", vn.Message(e))
			}
			err = db.CreateDocument(editor, &tuyengiao.Document{Symbol: "01-NX/TU", Title: "Nhận xét", UnitID: 1})
			if e := docField(t, err, "symbol"); !strings.Contains(vn.Message(e), "'NX'") || !strings.Contains(vn.Message(e), "/vocabulary") {
				t.Fatalf("message for an unknown type %q", vn.Message(e))
			}
		})

		t.Run("a unit administrator may not extend the vocabulary, and nothing changes", func(t *testing.T) {
			before := vocabIssuers(t, db, tuyengiao.PartyDocument)
			admin := roleCtx(tuyengiao.RoleUnitAdmin, 1, province)
			wantCode(t, db.CreateDocumentIssuer(admin, &tuyengiao.DocumentIssuer{Kind: "party", Code: "BTGTXU", Name: "X"}), tuyengiao.EFORBIDDEN)
			wantCode(t, db.CreateDocumentType(admin, &tuyengiao.DocumentType{Kind: "party", Code: "NX", Name: "Nhận xét"}), tuyengiao.EFORBIDDEN)
			if after := vocabIssuers(t, db, tuyengiao.PartyDocument); strings.Join(after, " ") != strings.Join(before, " ") {
				t.Fatalf("issuers changed: %v", after)
			}
			if n := personAuditCount(t, db, "vocabulary.manage", "doc_issuer:party:BTGTXU", tuyengiao.OutcomeDenied); n != 1 {
				t.Fatalf("%d refusals audited", n)
			}
		})

		t.Run("a system administrator adds an issuer, audited, and its documents register and are found by it", func(t *testing.T) {
			if err := db.CreateDocumentIssuer(sysadminCtx(), btgtxu); err != nil {
				t.Fatal(err)
			}
			if got := vocabIssuers(t, db, tuyengiao.PartyDocument); got[len(got)-1] != "BTGTXU" {
				t.Fatalf("issuers end with %v", got[len(got)-3:])
			}
			if n := personAuditCount(t, db, "doc_issuer.create", "doc_issuer:party:BTGTXU", tuyengiao.OutcomeOK); n != 1 {
				t.Fatalf("%d creations audited", n)
			}
			d := docCreate(t, editor, db, 1, "15-kh/btgtxu", "", "Kế hoạch tuyên truyền")
			if d.Symbol != "15-KH/BTGTXU" || d.Issuer != "BTGTXU" {
				t.Fatalf("read as %+v", d)
			}
			if got := docFind(t, db, tuyengiao.DocumentFilter{Issuer: "BTGTXU"}); got != "15-KH/BTGTXU" {
				t.Fatalf("filter: %q", got)
			}
			if got := docFind(t, db, tuyengiao.DocumentFilter{Query: "tuyen giao thi uy"}); got != "15-KH/BTGTXU" {
				t.Fatalf("search by the issuer's name: %q", got)
			}
		})

		t.Run("a code already in the vocabulary is refused naming the code, in any case", func(t *testing.T) {
			for _, code := range []string{"BTGTXU", "btgtxu", "TW"} {
				err := db.CreateDocumentIssuer(sysadminCtx(), &tuyengiao.DocumentIssuer{Kind: "party", Code: code, Name: "Khác"})
				docField(t, err, "code")
			}
			docField(t, db.CreateDocumentType(sysadminCtx(), &tuyengiao.DocumentType{Kind: "party", Code: "NQ", Name: "Khác"}), "code")
			docField(t, db.CreateDocumentType(sysadminCtx(), &tuyengiao.DocumentType{Kind: "state", Name: "luật"}), "name")
		})

		t.Run("a badly written entry is refused naming its field", func(t *testing.T) {
			docField(t, db.CreateDocumentIssuer(sysadminCtx(), &tuyengiao.DocumentIssuer{Kind: "party", Code: "1AB", Name: "X"}), "code")
			docField(t, db.CreateDocumentIssuer(sysadminCtx(), &tuyengiao.DocumentIssuer{Kind: "party", Code: "", Name: "X"}), "code")
			docField(t, db.CreateDocumentType(sysadminCtx(), &tuyengiao.DocumentType{Kind: "party", Code: "N-X", Name: "X"}), "code")
			docField(t, db.CreateDocumentType(sysadminCtx(), &tuyengiao.DocumentType{Kind: "party", Code: "", Name: "X"}), "code")
			docField(t, db.CreateDocumentType(sysadminCtx(), &tuyengiao.DocumentType{Kind: "", Code: "NX", Name: "X"}), "kind")
			docField(t, db.CreateDocumentIssuer(sysadminCtx(), &tuyengiao.DocumentIssuer{Kind: "state", Code: "SVHTT", Name: " "}), "name")
		})

		t.Run("a type added is read in symbols and is not built-in", func(t *testing.T) {
			nx := &tuyengiao.DocumentType{Kind: "party", Code: "NX", Name: "Nhận xét", OtherNames: []string{" ", "Đánh giá"}}
			if err := db.CreateDocumentType(sysadminCtx(), nx); err != nil {
				t.Fatal(err)
			}
			types, _ := db.DocumentTypes(sysadminCtx())
			var got tuyengiao.DocumentType
			for _, x := range types {
				if x.Code == "NX" {
					got = x
				}
			}
			if got.Builtin || got.Name != "Nhận xét" || strings.Join(got.OtherNames, ",") != "Đánh giá" {
				t.Fatalf("listed as %+v", got)
			}
			docCreate(t, editor, db, 1, "01-NX/TU", "", "Nhận xét cán bộ")
		})

		t.Run("the issuer filter finds the body jointly, with its drafting unit and with its term", func(t *testing.T) {
			docCreate(t, editor, db, 1, "54/2017/QH14", "", "Luật")
			docCreate(t, editor, db, 1, "123/UBND-VX", "", "Công văn")
			if got := docFind(t, db, tuyengiao.DocumentFilter{Issuer: "QH"}); got != "54/2017/QH14" {
				t.Fatalf("QH: %q", got)
			}
			if got := docFind(t, db, tuyengiao.DocumentFilter{Issuer: "UBND"}); got != "123/UBND-VX" {
				t.Fatalf("UBND: %q", got)
			}
		})

		t.Run("a system administrator sets the unit kinds of a local issuer, and a document follows them", func(t *testing.T) {
			_, err := db.SetIssuerUnitKinds(editor, "party", "QU", []string{"tinh_uy"})
			if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("an editor sets unit kinds: %v", err)
			}
			err = db.CreateDocument(editor, &tuyengiao.Document{Symbol: "31-KH/QU", Title: "Kế hoạch", UnitID: 1, IssuingUnitID: 1})
			docField(t, err, "issuing_unit_id")
			i, err := db.SetIssuerUnitKinds(sysadminCtx(), "party", "QU", []string{"quan_uy", " tinh_uy "})
			if err != nil || strings.Join(i.UnitKinds, ",") != "quan_uy,tinh_uy" {
				t.Fatalf("set %+v, %v", i, err)
			}
			if n := personAuditCount(t, db, "doc_issuer.unit_kinds", "doc_issuer:party:QU", tuyengiao.OutcomeOK); n != 1 {
				t.Fatalf("%d changes audited", n)
			}
			docCreate(t, editor, db, 1, "31-KH/QU", "", "Kế hoạch")
			_, err = db.SetIssuerUnitKinds(sysadminCtx(), "party", "QU", []string{"quan_uy", "ban_khac"})
			docField(t, err, "unit_kinds")
			_, err = db.SetIssuerUnitKinds(sysadminCtx(), "party", "TW", []string{"quan_uy"})
			docField(t, err, "unit_kinds")
			if _, err = db.SetIssuerUnitKinds(sysadminCtx(), "party", "XYZ", nil); tuyengiao.ErrorCode(err) != tuyengiao.ENOTFOUND {
				t.Fatalf("a missing issuer: %v", err)
			}
		})

		t.Run("a document whose issuer is not in the vocabulary keeps its symbol when changed", func(t *testing.T) {
			d := docCreate(t, editor, db, 1, "16-KH/TU", "", "Kế hoạch")
			if _, err := db.write.Exec(db.rebind(`UPDATE documents SET symbol = '16-KH/ABCX', issuer = 'ABCX', issuing_unit_id = NULL WHERE id = ?`), d.ID); err != nil {
				t.Fatal(err)
			}
			title := "Kế hoạch mới"
			if _, err := db.UpdateDocument(editor, d.ID, tuyengiao.DocumentUpdate{Title: &title}); err != nil {
				t.Fatal(err)
			}
			other := "16-KH/ABCY"
			docField(t, func() error {
				_, err := db.UpdateDocument(editor, d.ID, tuyengiao.DocumentUpdate{Symbol: &other})
				return err
			}(), "symbol")
		})
	})
}

// TestDocumentIssuerMigration migrates doc_issuers as they stood before local issuers,
// holding every built-in issuer: migration 00008, which cannot read vn's list, marks local
// the very codes vn.DefaultVocabulary does, and Migrate gives each its unit kinds.
func TestDocumentIssuerMigration(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := migratedTo(t, dsn, 7)
		def := vn.DefaultVocabulary()
		for _, kind := range []vn.SymbolKind{vn.PartySymbol, vn.StateSymbol} {
			for _, i := range def.Issuers(kind) {
				_, err := db.write.Exec(db.rebind(`INSERT INTO doc_issuers (kind, code, name) VALUES (?, ?, ?)`), i.Kind, i.Code, i.Name)
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		issuers, err := db.DocumentIssuers(sysadminCtx())
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]tuyengiao.DocumentIssuer{}
		for _, i := range issuers {
			got[i.Kind+" "+i.Code] = i
		}
		for _, kind := range []vn.SymbolKind{vn.PartySymbol, vn.StateSymbol} {
			for _, want := range def.Issuers(kind) {
				i := got[string(kind)+" "+want.Code]
				if i.Local != want.Local || strings.Join(i.UnitKinds, ",") != strings.Join(want.UnitKinds, ",") {
					t.Errorf("%s %s migrated as local %v, unit kinds %v; vn has %v, %v", kind, want.Code, i.Local, i.UnitKinds, want.Local, want.UnitKinds)
				}
			}
		}
	})
}
