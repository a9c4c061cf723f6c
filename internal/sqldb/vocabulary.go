package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// builtinDocVocabulary is the vocabulary the system comes with; its entries are marked
// Builtin. Nothing adds to it.
var builtinDocVocabulary = vn.DefaultVocabulary()

// vocabularyHint ends the message of a symbol that names what the vocabulary lacks.
const vocabularyHint = " Nếu đúng là loại văn bản hoặc cơ quan mới, quản trị hệ thống có thể bổ sung tại trang Danh mục văn bản (/vocabulary)."

// DocumentTypes implements tuyengiao.DocumentService.
func (db *DB) DocumentTypes(ctx context.Context) ([]tuyengiao.DocumentType, error) {
	if err := requirePrincipal(ctx); err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT kind, code, name, other_names FROM doc_types ORDER BY kind, sort_order, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuyengiao.DocumentType{}
	for rows.Next() {
		var t tuyengiao.DocumentType
		var other string
		if err := rows.Scan(&t.Kind, &t.Code, &t.Name, &other); err != nil {
			return nil, err
		}
		t.OtherNames = append([]string{}, splitNames(other)...)
		t.Builtin = builtinType(t)
		out = append(out, t)
	}
	return out, rows.Err()
}

// DocumentIssuers implements tuyengiao.DocumentService.
func (db *DB) DocumentIssuers(ctx context.Context) ([]tuyengiao.DocumentIssuer, error) {
	if err := requirePrincipal(ctx); err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT kind, code, name, other_names, term, local, COALESCE(unit_kinds, '') FROM doc_issuers
		ORDER BY kind, sort_order, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuyengiao.DocumentIssuer{}
	for rows.Next() {
		var i tuyengiao.DocumentIssuer
		var other, kinds string
		if err := rows.Scan(&i.Kind, &i.Code, &i.Name, &other, &i.Term, &i.Local, &kinds); err != nil {
			return nil, err
		}
		i.OtherNames, i.UnitKinds = append([]string{}, splitNames(other)...), append([]string{}, splitNames(kinds)...)
		i.Builtin = builtinIssuer(i)
		out = append(out, i)
	}
	return out, rows.Err()
}

// builtinType reports whether t is a type of the built-in vocabulary: the same kind and
// code, and for a State type without code the same folded name.
func builtinType(t tuyengiao.DocumentType) bool {
	key := typeNameKey(vn.DocType{Code: t.Code, Name: t.Name})
	for _, b := range builtinDocVocabulary.Types(vn.SymbolKind(t.Kind)) {
		if b.Code == t.Code && typeNameKey(b) == key {
			return true
		}
	}
	return false
}

// builtinIssuer reports whether i is a body of the built-in vocabulary.
func builtinIssuer(i tuyengiao.DocumentIssuer) bool {
	for _, b := range builtinDocVocabulary.Issuers(vn.SymbolKind(i.Kind)) {
		if b.Code == i.Code {
			return true
		}
	}
	return false
}

// CreateDocumentType implements tuyengiao.DocumentService. The type is added to the
// vocabulary read from the tables first, so that vn.Vocabulary.AddType alone decides how a
// code is spelled; the unique index decides that it is new.
func (db *DB) CreateDocumentType(ctx context.Context, t *tuyengiao.DocumentType) error {
	t.Code, t.Name, t.OtherNames = vn.NFC(t.Code), vn.NFC(t.Name), vocabularyNames(t.OtherNames)
	object := "doc_type:" + t.Kind + ":" + t.Code
	if err := db.check(ctx, tuyengiao.ActionVocabularyManage, "", 0, object); err != nil {
		return err
	}
	if err := t.Validate(); err != nil {
		return err
	}
	entry := vn.DocType{Kind: vn.SymbolKind(t.Kind), Code: t.Code, Name: t.Name, OtherNames: t.OtherNames}
	return db.update(ctx, func(tx *Tx) error {
		if err := addToVocabulary(ctx, tx, func(v *vn.Vocabulary) error { return v.AddType(entry) }); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO doc_types (kind, code, name_key, name, other_names, sort_order)
			VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(sort_order), 0) + 10 FROM doc_types))`,
			t.Kind, t.Code, typeNameKey(entry), t.Name, strings.Join(t.OtherNames, "\n"))
		if uniqueViolation(err) && t.Code == "" {
			return tuyengiao.FieldError("name", "Loại văn bản %q đã có trong danh mục.", t.Name)
		} else if uniqueViolation(err) {
			return tuyengiao.FieldError("code", "Mã loại văn bản %q đã có trong danh mục.", t.Code)
		} else if err != nil {
			return err
		}
		t.Builtin = false
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "doc_type.create", Object: object, Detail: t.Name})
	})
}

// CreateDocumentIssuer implements tuyengiao.DocumentService, as CreateDocumentType does;
// the unit kinds of a local issuer must be in the vocabulary of unit kinds.
func (db *DB) CreateDocumentIssuer(ctx context.Context, i *tuyengiao.DocumentIssuer) error {
	i.Code, i.Name, i.OtherNames, i.UnitKinds = vn.NFC(i.Code), vn.NFC(i.Name), vocabularyNames(i.OtherNames), vocabularyNames(i.UnitKinds)
	object := "doc_issuer:" + i.Kind + ":" + i.Code
	if err := db.check(ctx, tuyengiao.ActionVocabularyManage, "", 0, object); err != nil {
		return err
	}
	if err := i.Validate(); err != nil {
		return err
	}
	if !i.Local {
		i.UnitKinds = []string{}
	}
	entry := vn.Issuer{Kind: vn.SymbolKind(i.Kind), Code: i.Code, Name: i.Name, OtherNames: i.OtherNames, Term: i.Term, Local: i.Local,
		UnitKinds: i.UnitKinds}
	return db.update(ctx, func(tx *Tx) error {
		if err := addToVocabulary(ctx, tx, func(v *vn.Vocabulary) error { return v.AddIssuer(entry) }); err != nil {
			return err
		}
		if err := checkUnitKinds(ctx, tx, i.UnitKinds); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `INSERT INTO doc_issuers (kind, code, name, other_names, term, local, unit_kinds, sort_order)
			VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(sort_order), 0) + 10 FROM doc_issuers))`,
			i.Kind, i.Code, i.Name, strings.Join(i.OtherNames, "\n"), i.Term, i.Local, strings.Join(i.UnitKinds, "\n"))
		if uniqueViolation(err) {
			return tuyengiao.FieldError("code", "Mã cơ quan ban hành %q đã có trong danh mục.", i.Code)
		} else if err != nil {
			return err
		}
		i.Builtin = false
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "doc_issuer.create", Object: object, Detail: i.Name})
	})
}

// SetIssuerUnitKinds implements tuyengiao.DocumentService.
func (db *DB) SetIssuerUnitKinds(ctx context.Context, kind, code string, unitKinds []string) (*tuyengiao.DocumentIssuer, error) {
	code, unitKinds = vn.NFC(code), vocabularyNames(unitKinds)
	object := "doc_issuer:" + kind + ":" + code
	if err := db.check(ctx, tuyengiao.ActionVocabularyManage, "", 0, object); err != nil {
		return nil, err
	}
	err := db.update(ctx, func(tx *Tx) error {
		var local bool
		err := tx.queryRow(ctx, `SELECT local FROM doc_issuers WHERE kind = ? AND code = ?`, kind, code).Scan(&local)
		if errors.Is(err, sql.ErrNoRows) {
			return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không có cơ quan ban hành %q trong danh mục.", code)
		} else if err != nil {
			return err
		} else if !local {
			return tuyengiao.FieldError("unit_kinds", "Cơ quan ban hành %q không phải cấp địa phương: văn bản của nó không ghi đơn vị ban hành.", code)
		}
		if err := checkUnitKinds(ctx, tx, unitKinds); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE doc_issuers SET unit_kinds = ? WHERE kind = ? AND code = ?`,
			strings.Join(unitKinds, "\n"), kind, code); err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "doc_issuer.unit_kinds", Object: object, Detail: strings.Join(unitKinds, ", ")})
	})
	if err != nil {
		return nil, err
	}
	issuers, err := db.DocumentIssuers(ctx)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(issuers, func(i tuyengiao.DocumentIssuer) bool { return i.Kind == kind && i.Code == code })
	return &issuers[i], nil
}

// checkUnitKinds refuses a code that is not a unit kind, as an EINVALID on "unit_kinds".
func checkUnitKinds(ctx context.Context, q querier, codes []string) error {
	for _, c := range codes {
		var n int
		if err := q.queryRow(ctx, `SELECT COUNT(*) FROM unit_kinds WHERE code = ?`, c).Scan(&n); err != nil {
			return err
		} else if n == 0 {
			return tuyengiao.FieldError("unit_kinds", "Loại đơn vị %q không có trong danh mục loại đơn vị.", c)
		}
	}
	return nil
}

// addToVocabulary applies add to the vocabulary as the tables hold it, and gives what it
// refuses as an EINVALID on "code": the kind and the name are checked before.
func addToVocabulary(ctx context.Context, tx *Tx, add func(*vn.Vocabulary) error) error {
	v, err := documentVocabulary(ctx, tx)
	if err != nil {
		return err
	}
	var se *vn.SymbolError
	if err := add(v); errors.As(err, &se) {
		return tuyengiao.FieldError("code", "%s", se.Err)
	} else if err != nil {
		return err
	}
	return nil
}

// vocabularyNames returns the other names of an entry in NFC, without empty ones, never nil.
func vocabularyNames(names []string) []string {
	out := []string{}
	for _, n := range names {
		if n = vn.NFC(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// checkKnownIssuer refuses a symbol whose issuing body is not in the vocabulary v, so that
// the registry's issuers are those the list filters by; a joint issuer or a State body's
// drafting unit (123/UBND-VX) needs only its first code known.
func checkKnownIssuer(symbol string, v *vn.Vocabulary) error {
	sym, err := vn.ParseSymbol(symbol, v)
	if err != nil {
		return err
	}
	body, _, _ := strings.Cut(sym.Issuer, "-")
	if _, name := v.Names(vn.Symbol{Kind: sym.Kind, Issuer: body}); name == "" {
		return tuyengiao.FieldError("symbol", "Cơ quan ban hành %q chưa có trong danh mục.%s", body, vocabularyHint)
	}
	return nil
}

// symbolFieldError gives the message of a symbol the parser refused as an EINVALID on
// "symbol", with the way to extend the vocabulary when the message says it lacks a code.
func symbolFieldError(se *vn.SymbolError) error {
	if strings.Contains(se.Err.Key, "không có trong danh mục") {
		return tuyengiao.FieldError("symbol", "%s%s", se.Err, vocabularyHint)
	}
	return tuyengiao.FieldError("symbol", "%s", se.Err)
}
