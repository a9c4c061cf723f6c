package sqldb

import (
	"context"
	"net/url"
	"slices"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// DocumentFigures computes the indicators of the document registry: the documents each unit
// issued in a period, in all, by type and by field of work; the key and breakthrough
// contents they list; and the share of the units right below that have issued their own
// document implementing them. A document counts at its issuing unit, on its issue date: one
// without an issuing unit (a central or State body's: TW, QH, NĐ-CP) is no unit's own work
// and is left out, as is one without an issue date. The unit that registered it does not
// matter: a ward registering the city's plan does not issue it.
type DocumentFigures struct{ db *DB }

// DocumentFigures returns the figure source of the document registry.
func (db *DB) DocumentFigures() *DocumentFigures { return &DocumentFigures{db} }

// The codes of the document indicators; a type's and a field's are documentsIssued and
// documentsField followed by "." and the folded type code (typeIndicatorCode) or the field
// code.
const (
	documentsIssued        = "documents.issued"
	documentsField         = "documents.field"
	documentsKey           = "documents.contents.key"
	documentsBreakthrough  = "documents.contents.breakthrough"
	documentsImplemented   = "documents.implemented"
	documentsRecords       = "/documents?issuing_root={unit}&from={from}&to={to}"
	documentsGroup         = "documents"
	documentsMeasure       = "văn bản"
	documentsMeasureEn     = "documents"
	documentContentMeasure = "nội dung"
)

// typeIndicatorCode folds a document type code to the letters of an indicator code: đ is
// written dd, as Vietnamese typists do, so that ĐA (Đề án) and DA (Dự án) stay apart;
// anything but a-z and 0-9 becomes _. A type without a code gives "".
func typeIndicatorCode(code string) string {
	folded := vn.Fold(strings.NewReplacer("đ", "dd", "Đ", "dd").Replace(code))
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, strings.ToLower(folded))
}

// documentIndicator is an indicator of documents, counted in văn bản, a flow.
func documentIndicator(code, name, nameEn, records string) tuyengiao.Indicator {
	return tuyengiao.Indicator{Code: code, Name: name, NameEn: nameEn, Measure: documentsMeasure, MeasureEn: documentsMeasureEn,
		Group: documentsGroup, Aggregation: tuyengiao.AggregateSum, Source: tuyengiao.SourceComputed, Records: records}
}

// Indicators returns the indicators of documents: issued in all, per type of the vocabulary
// (read now, so that a type an administrator adds has its indicator; a Party and a State
// type of the same code are one, since a document keeps the code alone), per field of work,
// the contents by kind and the implementation share.
func (s *DocumentFigures) Indicators(ctx context.Context) ([]tuyengiao.Indicator, error) {
	out := []tuyengiao.Indicator{documentIndicator(documentsIssued, "Văn bản đã ban hành", "Documents issued", documentsRecords)}
	types, err := s.types(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range types {
		out = append(out, documentIndicator(documentsIssued+"."+t.folded, "Văn bản đã ban hành: "+strings.Join(t.names, " / ")+" ("+t.code+")",
			"Documents issued: "+t.code, documentsRecords+"&type="+url.QueryEscape(t.code)))
	}
	for _, f := range tuyengiao.DocumentFields {
		out = append(out, documentIndicator(documentsField+"."+f.Code, "Văn bản đã ban hành thuộc lĩnh vực "+f.Name,
			"Documents issued in the field "+f.Code, documentsRecords+"&field="+f.Code))
	}
	key := documentIndicator(documentsKey, "Nội dung trọng tâm trong văn bản đã ban hành", "Key contents of the documents issued", documentsRecords)
	breakthrough := documentIndicator(documentsBreakthrough, "Khâu đột phá trong văn bản đã ban hành", "Breakthrough contents of the documents issued",
		documentsRecords)
	for _, ind := range []*tuyengiao.Indicator{&key, &breakthrough} {
		ind.Measure, ind.MeasureEn = documentContentMeasure, "contents"
	}
	share := documentIndicator(documentsImplemented, "Tỷ lệ cấp ủy trực thuộc đã ban hành văn bản triển khai",
		"Share of the committees below that have issued a document implementing the documents issued", documentsRecords)
	share.Measure, share.MeasureEn, share.Aggregation = "%", "%", tuyengiao.AggregateRatio
	share.Base = "lượt cấp ủy trực thuộc phải ban hành văn bản triển khai văn bản đã ban hành"
	share.BaseEn = "committees right below that must implement a document issued, once per document"
	return append(out, key, breakthrough, share), nil
}

// docTypeCode is a code of the vocabulary of types with the names written with it.
type docTypeCode struct {
	code, folded string
	names        []string
}

// types returns the coded types of the vocabulary, one per folded code, in the
// vocabulary's order.
func (s *DocumentFigures) types(ctx context.Context) ([]docTypeCode, error) {
	rows, err := s.db.query(ctx, `SELECT code, name FROM doc_types WHERE code <> '' ORDER BY kind, sort_order, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []docTypeCode
	for rows.Next() {
		var code, name string
		if err := rows.Scan(&code, &name); err != nil {
			return nil, err
		}
		folded := typeIndicatorCode(code)
		i := slices.IndexFunc(out, func(t docTypeCode) bool { return t.folded == folded })
		if i < 0 {
			out = append(out, docTypeCode{code: code, folded: folded})
			i = len(out) - 1
		}
		if !slices.Contains(out[i].names, name) {
			out[i].names = append(out[i].names, name)
		}
	}
	return out, rows.Err()
}

// issuedIn returns the FROM and WHERE clauses that keep the documents d whose issuing unit
// u lies in a subtree and whose issue date lies in a period, with the further joins of
// join; issuedArgs are their arguments, after those of join.
func issuedIn(join string) string {
	return ` FROM documents d JOIN units u ON u.id = d.issuing_unit_id ` + join +
		` WHERE u.path >= ? AND u.path < ? AND d.issued_on >= ? AND d.issued_on <= ?`
}

func issuedArgs(subtree string, p tuyengiao.Period) []any {
	lo, hi := subtreeRange(subtree)
	return []any{lo, hi, dateText(p.From), dateText(p.To)}
}

// Version returns the version of the document registry's data.
func (s *DocumentFigures) Version(ctx context.Context) (int64, error) {
	return s.db.figureVersion(ctx, "documents")
}

// OwnValues returns the documents each unit of the subtree issued in p, their contents and
// the implementation share, for the codes asked; each group is counted only when one of its
// codes is asked.
func (s *DocumentFigures) OwnValues(ctx context.Context, codes []string, subtree string, p tuyengiao.Period) ([]tuyengiao.UnitValue, error) {
	want := make(map[string]bool, len(codes))
	for _, c := range codes {
		want[c] = true
	}
	asked := func(prefix string) bool {
		return slices.ContainsFunc(codes, func(c string) bool { return c == prefix || strings.HasPrefix(c, prefix+".") })
	}
	args := issuedArgs(subtree, p)
	var out []tuyengiao.UnitValue
	add := func(vs []tuyengiao.UnitValue, err error) error {
		for _, v := range vs {
			if want[v.Code] {
				out = append(out, v)
			}
		}
		return err
	}
	if asked(documentsIssued) {
		err := add(s.db.documentCounts(ctx, `SELECT d.issuing_unit_id, d.type, COUNT(*)`+issuedIn("")+` GROUP BY d.issuing_unit_id, d.type`,
			typeCodes, args...))
		if err != nil {
			return nil, err
		}
	}
	if asked(documentsField) {
		err := add(s.db.documentCounts(ctx, `SELECT d.issuing_unit_id, f.field, COUNT(*)`+
			issuedIn("JOIN document_fields f ON f.document_id = d.id")+` GROUP BY d.issuing_unit_id, f.field`,
			func(field string) []string { return []string{documentsField + "." + field} }, args...))
		if err != nil {
			return nil, err
		}
	}
	if asked("documents.contents") {
		err := add(s.db.documentCounts(ctx, `SELECT d.issuing_unit_id, c.kind, COUNT(*)`+
			issuedIn("JOIN document_contents c ON c.document_id = d.id")+` GROUP BY d.issuing_unit_id, c.kind`,
			func(kind string) []string { return []string{"documents.contents." + kind} }, args...))
		if err != nil {
			return nil, err
		}
	}
	if want[documentsImplemented] {
		if err := add(s.db.implementationShares(ctx, args)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// typeCodes gives the indicators a document of a type counts in: all documents, and its
// type's when it has one.
func typeCodes(typ string) []string {
	if t := typeIndicatorCode(typ); t != "" {
		return []string{documentsIssued, documentsIssued + "." + t}
	}
	return []string{documentsIssued}
}

// documentCounts runs q, whose rows are a unit, a key and a count, and adds each count to the
// indicators codes gives for its key, per unit.
func (db *DB) documentCounts(ctx context.Context, q string, codes func(key string) []string, args ...any) ([]tuyengiao.UnitValue, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type cell struct {
		unit int64
		code string
	}
	at := map[cell]int{}
	var out []tuyengiao.UnitValue
	for rows.Next() {
		var unit, n int64
		var key string
		if err := rows.Scan(&unit, &key, &n); err != nil {
			return nil, err
		}
		for _, code := range codes(key) {
			if i, ok := at[cell{unit, code}]; ok {
				out[i].Num += n
				continue
			}
			at[cell{unit, code}] = len(out)
			out = append(out, tuyengiao.UnitValue{Code: code, UnitID: unit, Value: tuyengiao.Value{Num: n}})
		}
	}
	return out, rows.Err()
}

// implementationShares returns, per issuing unit, the share of documentsImplemented over the
// documents issuedIn: for each document, the units that must implement it (dueUnits) and
// those of them that have.
func (db *DB) implementationShares(ctx context.Context, args []any) ([]tuyengiao.UnitValue, error) {
	due, dueArgs, err := dueUnits(ctx, db, "k", "d.issuing_unit_id")
	if err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT d.issuing_unit_id, COUNT(*), COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM document_relations r
		JOIN documents c ON c.id = r.from_id WHERE r.to_id = d.id AND r.kind = ? AND c.issuing_unit_id = k.id) THEN 1 ELSE 0 END), 0)`+
		issuedIn("JOIN units k ON "+due)+` GROUP BY d.issuing_unit_id`,
		append(append([]any{tuyengiao.RelImplements}, dueArgs...), args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tuyengiao.UnitValue
	for rows.Next() {
		v := tuyengiao.UnitValue{Code: documentsImplemented}
		if err := rows.Scan(&v.UnitID, &v.Den, &v.Num); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// dueUnits returns the condition that the unit k (its alias) must implement a document of
// the unit of the column parent: it is an open unit right below it, of a kind that issues
// Party documents under a local code (the unit kinds of the vocabulary's local Party
// issuers: a Quận ủy, a Đảng ủy phường, a Chi bộ, not a commission's own office); with no
// such kinds set, every open unit right below.
func dueUnits(ctx context.Context, q rowsQuerier, k, parent string) (string, []any, error) {
	rows, err := q.query(ctx, `SELECT COALESCE(unit_kinds, '') FROM doc_issuers WHERE kind = ? AND local`, tuyengiao.PartyDocument)
	if err != nil {
		return "", nil, err
	}
	defer rows.Close()
	var kinds []any
	for rows.Next() {
		var list string
		if err := rows.Scan(&list); err != nil {
			return "", nil, err
		}
		for _, kind := range splitNames(list) {
			if !slices.Contains(kinds, any(kind)) {
				kinds = append(kinds, kind)
			}
		}
	}
	cond := k + ".parent_id = " + parent + " AND " + k + ".closed_at IS NULL"
	if len(kinds) > 0 {
		cond += " AND " + k + ".kind IN (" + placeholders(len(kinds)) + ")"
	}
	return cond, kinds, rows.Err()
}
