package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// documentColumns are the columns scanDocument reads, in its order.
// The issuing unit's name is read without an access check: it is part of the document, which
// every account reads.
const documentColumns = `d.id, d.symbol, d.number, d.type, d.issuer, d.year, d.issued_on, d.term, d.title, d.summary,
	d.unit_id, d.created_at, d.updated_at, d.issuing_unit_id, (SELECT iu.name FROM units iu WHERE iu.id = d.issuing_unit_id), ` +
	issuingUnitUnknown

// issuingUnitUnknown tells a local issuer's document d without its issuing unit: a code of
// the symbol's issuer is local; a State symbol is one whose number is followed by '/'.
const issuingUnitUnknown = `(d.issuing_unit_id IS NULL AND EXISTS (SELECT 1 FROM doc_issuers i WHERE i.local
		AND i.kind = CASE WHEN SUBSTR(d.symbol, LENGTH(d.number) + 1, 1) = '/' THEN 'state' ELSE 'party' END
		AND '-' || d.issuer || '-' LIKE '%-' || i.code || '-%'))`

// scanDocument reads a row of documentColumns; the fields, files and relations are read
// apart.
func scanDocument(row interface{ Scan(...any) error }) (*tuyengiao.Document, error) {
	d := &tuyengiao.Document{}
	var year, issuing sql.NullInt64
	var issued, issuingName sql.NullString
	err := row.Scan(&d.ID, &d.Symbol, &d.Number, &d.Type, &d.Issuer, &year, &issued, &d.Term, &d.Title, &d.Summary,
		&d.UnitID, &d.CreatedAt, &d.UpdatedAt, &issuing, &issuingName, &d.IssuingUnitUnknown)
	if err != nil {
		return nil, err
	}
	d.Year, d.CreatedAt, d.UpdatedAt = int(year.Int64), d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	d.IssuingUnitID, d.IssuingUnit = issuing.Int64, issuingName.String
	if issued.Valid {
		if d.IssuedOn, err = tuyengiao.ParseDate(issued.String); err != nil {
			return nil, fmt.Errorf("document %d: issued_on: %w", d.ID, err)
		}
	}
	return d, nil
}

func documentObject(id int64) string { return "document:" + strconv.FormatInt(id, 10) }

// loadDocument reads a document with its fields and the path of its unit, without an access
// check, or returns ENOTFOUND.
func (db *DB) loadDocument(ctx context.Context, q interface {
	querier
	rowsQuerier
}, id int64) (*tuyengiao.Document, string, error) {
	var path string
	d, err := scanDocument(scanWithPath(q.queryRow(ctx, `SELECT `+documentColumns+`, u.path
		FROM documents d JOIN units u ON u.id = d.unit_id WHERE d.id = ?`, id), &path))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy văn bản.")
	} else if err != nil {
		return nil, "", err
	}
	fields, err := documentFields(ctx, q, []int64{id})
	if err != nil {
		return nil, "", err
	}
	d.Fields = fields[id]
	if d.Contents, err = documentContents(ctx, q, id); err != nil {
		return nil, "", err
	}
	return d, path, nil
}

// documentContents returns the contents of a document in their order, never nil.
func documentContents(ctx context.Context, q rowsQuerier, id int64) ([]tuyengiao.DocumentContent, error) {
	rows, err := q.query(ctx, `SELECT position, kind, text FROM document_contents WHERE document_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuyengiao.DocumentContent{}
	for rows.Next() {
		var c tuyengiao.DocumentContent
		if err := rows.Scan(&c.Position, &c.Kind, &c.Text); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// insertDocumentContents writes the contents of a document, numbered as they stand.
func insertDocumentContents(ctx context.Context, tx *Tx, id int64, cs []tuyengiao.DocumentContent) error {
	for _, c := range cs {
		_, err := tx.exec(ctx, `INSERT INTO document_contents (document_id, position, kind, text) VALUES (?, ?, ?, ?)`,
			id, c.Position, c.Kind, c.Text)
		if err != nil {
			return err
		}
	}
	return nil
}

// scanWithPath scans a row whose last column is a unit path into path.
func scanWithPath(row *sql.Row, path *string) interface{ Scan(...any) error } {
	return scanFunc(func(dest ...any) error { return row.Scan(append(dest, path)...) })
}

type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }

// documentFields returns the fields of the documents, each list in the order of
// tuyengiao.DocumentFields and never nil. The IDs go in batches, so that no statement
// exceeds the engines' limits on parameters.
func documentFields(ctx context.Context, q rowsQuerier, ids []int64) (map[int64][]string, error) {
	out := make(map[int64][]string, len(ids))
	for _, id := range ids {
		out[id] = []string{}
	}
	for batch := range slices.Chunk(ids, 500) {
		args := make([]any, len(batch))
		for i, id := range batch {
			args[i] = id
		}
		rows, err := q.query(ctx, `SELECT document_id, field FROM document_fields WHERE document_id IN (`+placeholders(len(batch))+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var f string
			if err := rows.Scan(&id, &f); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = append(out[id], f)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	for _, fs := range out {
		slices.SortFunc(fs, func(a, b string) int { return fieldOrder(a) - fieldOrder(b) })
	}
	return out, nil
}

func fieldOrder(code string) int {
	return slices.IndexFunc(tuyengiao.DocumentFields, func(f tuyengiao.DocumentField) bool { return f.Code == code })
}

// requirePrincipal refuses the public: documents are read by every account, but only by an
// account.
func requirePrincipal(ctx context.Context) error {
	if tuyengiao.PrincipalFrom(ctx) == nil {
		return tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	return nil
}

// FindDocumentByID implements tuyengiao.DocumentService.
func (db *DB) FindDocumentByID(ctx context.Context, id int64) (*tuyengiao.Document, error) {
	if err := requirePrincipal(ctx); err != nil {
		return nil, err
	}
	d, _, err := db.loadDocument(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if d.Files, err = db.documentFiles(ctx, id); err != nil {
		return nil, err
	}
	d.Relations, err = db.documentRelations(ctx, "", `r.from_id = ? OR r.to_id = ?`, id, id)
	return d, err
}

// documentFiles lists the files of a document without their content, oldest first.
func (db *DB) documentFiles(ctx context.Context, documentID int64) ([]tuyengiao.DocumentFile, error) {
	rows, err := db.query(ctx, `SELECT id, document_id, name, content_type, size, sha256, created_at
		FROM document_files WHERE document_id = ? ORDER BY id`, documentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuyengiao.DocumentFile{}
	for rows.Next() {
		var f tuyengiao.DocumentFile
		if err := rows.Scan(&f.ID, &f.DocumentID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.CreatedAt); err != nil {
			return nil, err
		}
		f.CreatedAt = f.CreatedAt.UTC()
		out = append(out, f)
	}
	return out, rows.Err()
}

// documentRelations returns the relations that satisfy the condition on r, with the symbols
// and titles of both ends; with is a WITH clause the condition uses, or "".
func (db *DB) documentRelations(ctx context.Context, with, where string, args ...any) ([]tuyengiao.DocumentRelation, error) {
	rows, err := db.query(ctx, with+` SELECT r.from_id, r.to_id, r.kind, f.symbol, f.title, t.symbol, t.title
		FROM document_relations r JOIN documents f ON f.id = r.from_id JOIN documents t ON t.id = r.to_id
		WHERE `+where+` ORDER BY r.from_id, r.to_id, r.kind`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuyengiao.DocumentRelation{}
	for rows.Next() {
		var r tuyengiao.DocumentRelation
		if err := rows.Scan(&r.FromID, &r.ToID, &r.Kind, &r.FromSymbol, &r.FromTitle, &r.ToSymbol, &r.ToTitle); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// documentOrder puts the documents without an issue date last on both engines (SQLite sorts
// NULL first, PostgreSQL last).
const documentOrder = ` ORDER BY d.issued_on IS NULL, d.issued_on DESC, d.id DESC`

// maxQueryWords bounds the conditions a search query makes.
const maxQueryWords = 12

// FindDocuments implements tuyengiao.DocumentService. Each word of the query, folded, must
// begin a word of the document's search text: "nghi quyet 35", "35-nq", "nq 35" and
// "35 NQ/TW" all find 35-NQ/TW Nghị quyết.
func (db *DB) FindDocuments(ctx context.Context, f tuyengiao.DocumentFilter) ([]*tuyengiao.Document, int, error) {
	if err := requirePrincipal(ctx); err != nil {
		return nil, 0, err
	}
	where, args := searchCondition("d.search", f.Query)
	if m := searchMatch(f.Query); m != "" && !db.postgres {
		// The documents whose words the query's begin, from FTS5 (PostgreSQL's trigram index
		// serves the LIKEs themselves); the LIKEs are then checked on those alone.
		where += ` AND d.id IN (SELECT rowid FROM documents_search WHERE documents_search MATCH ?)`
		args = append(args, m)
	}
	if t := vn.NFC(f.Type); t != "" {
		where += " AND d.type = ?"
		args = append(args, t)
	}
	if i := vn.NFC(f.Issuer); i != "" {
		// The body alone, jointly with others or with its drafting unit (UBND-VX), or with
		// its term or number (QH14 for QH).
		where += ` AND (d.issuer = ? OR d.issuer LIKE ? ESCAPE '\' OR RTRIM(d.issuer, '0123456789') = ?)`
		args = append(args, i, likeEscape(i)+"-%", i)
	}
	if f.Field != "" {
		if fieldOrder(f.Field) < 0 {
			return nil, 0, tuyengiao.FieldError("field", "Lĩnh vực %q không có trong danh mục.", f.Field)
		}
		where += " AND EXISTS (SELECT 1 FROM document_fields df WHERE df.document_id = d.id AND df.field = ?)"
		args = append(args, f.Field)
	}
	if f.Year != 0 {
		where += " AND d.year = ?"
		args = append(args, f.Year)
	}
	if f.IssuingRoot != 0 {
		path, err := db.unitPath(ctx, db, f.IssuingRoot)
		if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
			return nil, 0, tuyengiao.FieldError("issuing_root", "Không tìm thấy đơn vị ban hành.")
		} else if err != nil {
			return nil, 0, err
		}
		lo, hi := subtreeRange(path)
		where += " AND d.issuing_unit_id IN (SELECT id FROM units WHERE path >= ? AND path < ?)"
		args = append(args, lo, hi)
	}
	if !f.From.IsZero() {
		where += " AND d.issued_on >= ?"
		args = append(args, dateText(f.From))
	}
	if !f.To.IsZero() {
		where += " AND d.issued_on <= ?"
		args = append(args, dateText(f.To))
	}
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM documents d WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := db.query(ctx, `SELECT `+documentColumns+` FROM documents d WHERE `+where+documentOrder+
		limitClause(f.Offset, f.Limit), args...)
	if err != nil {
		return nil, 0, err
	}
	out, err := scanDocuments(ctx, db, rows)
	return out, total, err
}

// FindDocumentsBySymbol implements tuyengiao.DocumentService.
func (db *DB) FindDocumentsBySymbol(ctx context.Context, symbol string) ([]*tuyengiao.Document, error) {
	if err := requirePrincipal(ctx); err != nil {
		return nil, err
	}
	v, err := documentVocabulary(ctx, db)
	if err != nil {
		return nil, err
	}
	sym, err := parseSymbolField(vn.NFC(symbol), v)
	if err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT `+documentColumns+` FROM documents d LEFT JOIN units iu ON iu.id = d.issuing_unit_id
		WHERE d.symbol_key = ? ORDER BY iu.id IS NOT NULL, iu.path, d.series, d.id`, sym.Key())
	if err != nil {
		return nil, err
	}
	return scanDocuments(ctx, db, rows)
}

// issuingUnitVersion and issuerUnitKindsVersion are the migrations after which Migrate
// resolves the issuing units of the documents registered before (resolveIssuingUnits).
const (
	issuingUnitVersion     = 8
	issuerUnitKindsVersion = 11
)

// resolveIssuingUnits gives, for Migrate, each local issuer's document without an issuing
// unit (one registered before the unit was recorded) the nearest unit at or above the unit
// that registered it whose kind issues under its code: a ward's copy of the city's
// 12-KH/TU goes to the Thành ủy, not to the ward. A document with no such unit, or whose
// symbol that unit already has in its series, keeps none and shows as not yet known until
// an editor names it. Each change is audited.
func (db *DB) resolveIssuingUnits(ctx context.Context) error {
	return db.update(ctx, func(tx *Tx) error {
		v, err := documentVocabulary(ctx, tx)
		if err != nil {
			return err
		}
		docs, err := unresolvedDocuments(ctx, tx)
		if err != nil {
			return err
		}
		for _, u := range docs {
			if err := db.resolveIssuingUnit(ctx, tx, v, u); err != nil {
				return err
			}
		}
		return nil
	})
}

// unresolvedDocument is a local issuer's document without an issuing unit and the path of
// the unit that registered it.
type unresolvedDocument struct {
	*tuyengiao.Document
	path string
}

// unresolvedDocuments reads the local issuers' documents without an issuing unit, closing
// its rows before the caller writes in the same transaction.
func unresolvedDocuments(ctx context.Context, tx *Tx) ([]unresolvedDocument, error) {
	rows, err := tx.query(ctx, `SELECT `+documentColumns+`, u.path FROM documents d JOIN units u ON u.id = d.unit_id
		WHERE `+issuingUnitUnknown+` ORDER BY d.id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []unresolvedDocument
	for rows.Next() {
		var path string
		d, err := scanDocument(scanFunc(func(dest ...any) error { return rows.Scan(append(dest, &path)...) }))
		if err != nil {
			return nil, err
		}
		out = append(out, unresolvedDocument{d, path})
	}
	return out, rows.Err()
}

// resolveIssuingUnit sets the issuing unit of u when its issuer is local, with unit kinds,
// and a unit of them stands at or above its registering unit.
func (db *DB) resolveIssuingUnit(ctx context.Context, tx *Tx, v *vn.Vocabulary, u unresolvedDocument) error {
	sym, err := vn.ParseSymbol(u.Symbol, v)
	if err != nil {
		return nil // a symbol the vocabulary no longer reads waits for an editor
	}
	local, kinds := localIssuer(sym, v)
	if !local || len(kinds) == 0 {
		return nil
	}
	issuing, err := nearestUnitOfKinds(ctx, tx, u.path, kinds)
	if err != nil || issuing == 0 {
		return err
	}
	var taken bool
	err = tx.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM documents WHERE issuing_unit_id = ? AND symbol_key = ?
		AND series = (SELECT series FROM documents WHERE id = ?))`, issuing, sym.Key(), u.ID).Scan(&taken)
	if err != nil || taken {
		return err
	}
	d := u.Document
	d.IssuingUnitID = issuing
	if err := tx.queryRow(ctx, `SELECT name FROM units WHERE id = ?`, issuing).Scan(&d.IssuingUnit); err != nil {
		return err
	}
	typeName, issuerName := v.Names(sym)
	res, err := tx.exec(ctx, `UPDATE documents SET issuing_unit_id = ?, search = ? WHERE id = ? AND issuing_unit_id IS NULL`,
		issuing, documentSearch(d, typeName, issuerName), d.ID)
	if err != nil {
		return err
	}
	// Another app node migrating at once may have set it first.
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	return db.audit(ctx, tx, &tuyengiao.AuditRecord{Login: "system", Action: "document.update", Object: documentObject(d.ID),
		UnitID: d.UnitID, Detail: fmt.Sprintf("issuing_unit: 0 → %d (the nearest %s above the registering unit)", issuing, strings.Join(kinds, "/"))})
}

// nearestUnitOfKinds returns the unit of one of the kinds nearest to the end of the path
// (the unit itself first, then up the tree), or 0.
func nearestUnitOfKinds(ctx context.Context, q rowsQuerier, path string, kinds []string) (int64, error) {
	ids := tuyengiao.PathIDs(path)
	if len(ids) == 0 {
		return 0, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := q.query(ctx, `SELECT id, kind FROM units WHERE id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	kindOf := map[int64]string{}
	for rows.Next() {
		var id int64
		var kind string
		if err := rows.Scan(&id, &kind); err != nil {
			return 0, err
		}
		kindOf[id] = kind
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for i := len(ids) - 1; i >= 0; i-- {
		if slices.Contains(kinds, kindOf[ids[i]]) {
			return ids[i], nil
		}
	}
	return 0, nil
}

// IssuingUnits implements tuyengiao.DocumentService: the units above unitID, the unit and
// those directly below it, the ones checkIssuingPlace lets a document registered there name
// (a deeper unit would pass it too, but a list of a whole city's cells helps no one).
func (db *DB) IssuingUnits(ctx context.Context, unitID int64) ([]tuyengiao.IssuingUnit, error) {
	pr := tuyengiao.PrincipalFrom(ctx)
	if pr == nil {
		return nil, requirePrincipal(ctx)
	}
	out := []tuyengiao.IssuingUnit{}
	path, err := db.unitPath(ctx, db, unitID)
	if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
		return out, nil
	} else if err != nil {
		return nil, err
	}
	// Who may not register documents there is offered nothing: the page shows no form.
	if tuyengiao.Authorize(pr, tuyengiao.ActionDocumentEdit, path) != nil {
		return out, nil
	}
	ids := []any{}
	for _, id := range tuyengiao.PathIDs(path) {
		ids = append(ids, id)
	}
	rows, err := db.query(ctx, `SELECT id, code, name FROM units WHERE id IN (`+placeholders(len(ids))+`) OR parent_id = ?
		ORDER BY path`, append(ids, unitID)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var u tuyengiao.IssuingUnit
		if err := rows.Scan(&u.ID, &u.Code, &u.Name); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// scanDocuments reads the rows of documentColumns, closes them and fills the fields.
func scanDocuments(ctx context.Context, db *DB, rows *sql.Rows) ([]*tuyengiao.Document, error) {
	defer rows.Close()
	var out []*tuyengiao.Document
	var ids []int64
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
		ids = append(ids, d.ID)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	fields, err := documentFields(ctx, db, ids)
	if err != nil {
		return nil, err
	}
	for _, d := range out {
		d.Fields = fields[d.ID]
	}
	return out, nil
}

// searchWords returns the folded words of s: runs of letters and digits, so that the parts
// of a symbol ("35-NQ/TW") are words of their own.
func searchWords(s string) []string {
	return strings.FieldsFunc(vn.Fold(vn.NFC(s)), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// queryWords returns the folded words of a search query, the first maxQueryWords of them.
func queryWords(query string) []string {
	words := searchWords(query)
	return words[:min(len(words), maxQueryWords)]
}

// searchText returns the search text of the parts: their folded words between single
// spaces, with one at each end, for searchCondition to match.
func searchText(parts ...string) string {
	return " " + strings.Join(searchWords(strings.Join(parts, " ")), " ") + " "
}

// searchCondition returns the condition that each folded word of the query (the first
// maxQueryWords of them) begins a word of the search text in column, and its arguments;
// "1 = 1" when the query has no words.
func searchCondition(column, query string) (string, []any) {
	where, args := "1 = 1", []any{}
	for _, w := range queryWords(query) {
		where += " AND " + column + ` LIKE ? ESCAPE '\'`
		args = append(args, "% "+likeEscape(w)+"%")
	}
	return where, args
}

// searchMatch returns the FTS5 query of the documents in which each folded word of the query
// (the first maxQueryWords of them) begins a word, as searchCondition does: '"nghi"* AND
// "35"*'; "" when the query has no words. The words hold letters and digits only, which FTS5
// reads literally between double quotes.
func searchMatch(query string) string {
	words := queryWords(query)
	for i, w := range words {
		words[i] = `"` + w + `"*`
	}
	return strings.Join(words, " AND ")
}

// documentSearch returns the search text of d: the folded words of its symbol, its number
// without leading zeros, the names of its type, issuer and issuing unit (which tells one
// 08-CTr/QU from another), its title and summary.
func documentSearch(d *tuyengiao.Document, typeName, issuerName string) string {
	return searchText(d.Symbol, strings.TrimLeft(d.Number, "0"), typeName, issuerName, d.IssuingUnit, d.Title, d.Summary)
}

// normalizeDocument puts the text a user typed into NFC, the summary keeping its line breaks,
// and the fields into the order of tuyengiao.DocumentFields without repeats.
func normalizeDocument(d *tuyengiao.Document) {
	d.Symbol, d.Term, d.Title, d.Summary = vn.NFC(d.Symbol), vn.NFC(d.Term), vn.NFC(d.Title), nfcText(d.Summary)
	for i, f := range d.Fields {
		d.Fields[i] = vn.NFC(f)
	}
	slices.SortFunc(d.Fields, func(a, b string) int { return cmp.Or(fieldOrder(a)-fieldOrder(b), strings.Compare(a, b)) })
	d.Fields = slices.Compact(d.Fields)
	if d.Contents == nil {
		d.Contents = []tuyengiao.DocumentContent{}
	}
	for i := range d.Contents {
		c := &d.Contents[i]
		c.Position, c.Kind, c.Text = i+1, tuyengiao.ContentKind(strings.TrimSpace(string(c.Kind))), nfcText(c.Text)
	}
}

// nfcText is vn.NFC line by line: a summary keeps its paragraphs, but not runs of blank
// lines or spaces.
func nfcText(s string) string {
	var lines []string
	blank := false
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		line = vn.NFC(line)
		if line == "" {
			blank = len(lines) > 0
			continue
		}
		if blank {
			lines = append(lines, "")
			blank = false
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// symbolParts is what the registry keeps of a parsed symbol besides the document's fields.
type symbolParts struct {
	key                  string   // vn.Symbol.Key: 05-CT/TW and 5-CT/TW are one
	series               string   // where the numbering restarts: the term, or the year of a State symbol
	local                bool     // the issuer is local: the issuing unit tells which committee
	unitKinds            []string // the kinds of unit a local issuer's documents are issued by; none: any
	state                bool     // a State symbol, numbered per year; a Party one is numbered per term
	typeName, issuerName string
}

// parseDocumentSymbol reads the symbol of d against the vocabulary and fills its number,
// type, issuer, year and canonical symbol; it returns the parts under which the registry
// keeps symbols unique (the key, the series, whether the issuing unit counts) and the names
// of its type and issuer.
func parseDocumentSymbol(d *tuyengiao.Document, v *vn.Vocabulary) (symbolParts, error) {
	sym, err := parseSymbolField(d.Symbol, v)
	if err != nil {
		return symbolParts{}, err
	}
	d.Symbol, d.Number, d.Type, d.Issuer, d.Year = sym.String(), sym.Number, sym.Type, sym.Issuer, sym.Year
	if sym.Year == 0 && !d.IssuedOn.IsZero() {
		d.Year = d.IssuedOn.Year()
	} else if sym.Year != 0 && !d.IssuedOn.IsZero() && d.IssuedOn.Year() != sym.Year {
		return symbolParts{}, tuyengiao.FieldError("issued_on", "Ngày ban hành %s không khớp với năm %v trong số, ký hiệu %s.",
			d.IssuedOn, sym.Year, d.Symbol)
	}
	p := symbolParts{key: sym.Key(), series: d.Term}
	p.local, p.unitKinds = localIssuer(sym, v)
	if p.state = sym.Kind == vn.StateSymbol; p.state {
		// A State symbol without its year (123/QĐ-UBND) is numbered anew each year too.
		p.series = ""
		if d.Year != 0 {
			p.series = strconv.Itoa(d.Year)
		}
	}
	p.typeName, p.issuerName = v.Names(sym)
	return p, nil
}

// parseSymbolField reads a symbol against the vocabulary; what the parser refuses is an
// EINVALID on "symbol".
func parseSymbolField(symbol string, v *vn.Vocabulary) (vn.Symbol, error) {
	sym, err := vn.ParseSymbol(symbol, v)
	var se *vn.SymbolError
	if errors.As(err, &se) {
		return sym, symbolFieldError(se)
	}
	return sym, err
}

// localIssuer reports whether a code of the symbol's issuer is local in the vocabulary (a
// joint plan of a Tỉnh ủy and a ministry is the Tỉnh ủy's as well), and the kinds of unit
// that issue under its local codes: none when one of them leaves it open.
func localIssuer(sym vn.Symbol, v *vn.Vocabulary) (local bool, unitKinds []string) {
	codes := strings.Split(sym.Issuer, "-")
	open := false
	for _, i := range v.Issuers(sym.Kind) {
		if i.Local && slices.Contains(codes, i.Code) {
			local, open = true, open || len(i.UnitKinds) == 0
			unitKinds = append(unitKinds, i.UnitKinds...)
		}
	}
	if open {
		return local, nil
	}
	return local, unitKinds
}

// checkIssuingUnit checks the issuing unit of d against its issuer, which a local issuer
// needs, of one of its unit kinds, and any other refuses, and fills its name: the unit is
// read without an access check, since an editor of a ward names the city committee whose
// plan it registers.
func checkIssuingUnit(ctx context.Context, q querier, d *tuyengiao.Document, p symbolParts) error {
	switch {
	case p.local && d.IssuingUnitID == 0:
		return tuyengiao.FieldError("issuing_unit_id", "Văn bản của %s (%s) phải ghi đơn vị ban hành: mỗi cấp ủy tự đánh số văn bản của mình.",
			cmp.Or(p.issuerName, d.Issuer), d.Issuer)
	case !p.local && d.IssuingUnitID != 0:
		return tuyengiao.FieldError("issuing_unit_id", "Văn bản của %s (%s) được xác định bằng số, ký hiệu; không ghi đơn vị ban hành.",
			cmp.Or(p.issuerName, d.Issuer), d.Issuer)
	case d.IssuingUnitID == 0:
		d.IssuingUnit = ""
		return nil
	}
	var kind, kindName string
	err := q.queryRow(ctx, `SELECT u.name, u.kind, COALESCE(k.name, u.kind) FROM units u LEFT JOIN unit_kinds k ON k.code = u.kind
		WHERE u.id = ?`, d.IssuingUnitID).Scan(&d.IssuingUnit, &kind, &kindName)
	if errors.Is(err, sql.ErrNoRows) {
		return tuyengiao.FieldError("issuing_unit_id", "Không tìm thấy đơn vị ban hành văn bản.")
	} else if err != nil || len(p.unitKinds) == 0 || slices.Contains(p.unitKinds, kind) {
		return err
	}
	names, err := unitKindNames(ctx, q, p.unitKinds)
	if err != nil {
		return err
	}
	return tuyengiao.FieldError("issuing_unit_id", "Văn bản của %s (%s) do %s ban hành; %s là %s.",
		cmp.Or(p.issuerName, d.Issuer), d.Issuer, strings.Join(names, " hoặc "), d.IssuingUnit, kindName)
}

// checkIssuingPlace refuses an issuing unit of d outside the line of the unit registering
// it, at path: the issuer is that unit, a unit above it (a ward registers the city's plan it
// implements) or one inside its subtree (a district registers a ward's plan), never a
// sibling or a unit elsewhere in the tree, whose number it would take before its own
// committee registers it. checkIssuingUnit has filled the issuing unit's name.
func checkIssuingPlace(ctx context.Context, q querier, d *tuyengiao.Document, path string) error {
	if d.IssuingUnitID == 0 {
		return nil
	}
	var issuing, registering string
	err := q.queryRow(ctx, `SELECT i.path, r.name FROM units i, units r WHERE i.id = ? AND r.id = ?`,
		d.IssuingUnitID, d.UnitID).Scan(&issuing, &registering)
	if err != nil || tuyengiao.InSubtree(path, issuing) || tuyengiao.InSubtree(issuing, path) {
		return err
	}
	return tuyengiao.FieldError("issuing_unit_id", "%s không đăng ký được văn bản do %s ban hành: đơn vị ban hành phải là chính đơn vị đăng ký, đơn vị cấp trên hoặc đơn vị trực thuộc.",
		registering, d.IssuingUnit)
}

// unitKindNames returns the names of the unit kinds of the codes, in their order; a code
// without a kind is given as it is.
func unitKindNames(ctx context.Context, q querier, codes []string) ([]string, error) {
	out := make([]string, len(codes))
	for i, c := range codes {
		err := q.queryRow(ctx, `SELECT name FROM unit_kinds WHERE code = ?`, c).Scan(&out[i])
		if errors.Is(err, sql.ErrNoRows) {
			out[i] = c
		} else if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// documentUnitPath returns the path of the unit that registers a document, checking that
// the caller may edit documents there.
func (db *DB) documentUnitPath(ctx context.Context, unitID int64, object string) (string, error) {
	path, err := db.unitPath(ctx, db, unitID)
	if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
		return "", tuyengiao.FieldError("unit_id", "Không tìm thấy đơn vị đăng ký văn bản.")
	} else if err != nil {
		return "", err
	}
	return path, db.check(ctx, tuyengiao.ActionDocumentEdit, path, unitID, object)
}

// CreateDocument implements tuyengiao.DocumentService.
func (db *DB) CreateDocument(ctx context.Context, d *tuyengiao.Document) error {
	normalizeDocument(d)
	if err := d.Validate(db.today()); err != nil {
		return err
	}
	path, err := db.documentUnitPath(ctx, d.UnitID, "document:new")
	if err != nil {
		return err
	}
	now := db.now()
	return db.update(ctx, func(tx *Tx) error {
		v, err := documentVocabulary(ctx, tx)
		if err != nil {
			return err
		}
		p, err := parseDocumentSymbol(d, v)
		if err != nil {
			return err
		}
		if err := checkKnownIssuer(d.Symbol, v); err != nil {
			return err
		}
		if err := checkIssuingUnit(ctx, tx, d, p); err != nil {
			return err
		}
		if err := checkIssuingPlace(ctx, tx, d, path); err != nil {
			return err
		}
		if err := db.checkSeries(ctx, tx, d, p); err != nil {
			return err
		}
		if err := checkDuplicate(ctx, tx, d, p); err != nil {
			return err
		}
		err = tx.queryRow(ctx, `INSERT INTO documents (symbol, symbol_key, number, type, issuer, year, issued_on, term, title,
			summary, search, unit_id, created_at, updated_at, issuing_unit_id, series)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			d.Symbol, p.key, d.Number, d.Type, d.Issuer, nullInt64(int64(d.Year)), dateText(d.IssuedOn), d.Term, d.Title,
			d.Summary, documentSearch(d, p.typeName, p.issuerName), d.UnitID, now, now, nullInt64(d.IssuingUnitID), p.series).Scan(&d.ID)
		if err != nil {
			return documentWriteError(err, d, p)
		}
		if err := insertDocumentFields(ctx, tx, d.ID, d.Fields); err != nil {
			return err
		}
		if err := insertDocumentContents(ctx, tx, d.ID, d.Contents); err != nil {
			return err
		}
		d.CreatedAt, d.UpdatedAt = now, now
		d.Files, d.Relations = []tuyengiao.DocumentFile{}, []tuyengiao.DocumentRelation{}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "document.create", Object: documentObject(d.ID), UnitID: d.UnitID,
			Detail: fmt.Sprintf("symbol: %s; issuing_unit: %d; title: %s; contents: %s", d.Symbol, d.IssuingUnitID, d.Title, contentCounts(d.Contents))})
	})
}

// seriesLockKey names the PostgreSQL advisory lock that serialises checkSeries: two
// registrations of one number at once, one with its term and one without, could each pass
// it.
const seriesLockKey = 7310003

// checkSeries refuses d when the same issuer registered its number in another series and
// either of the two leaves the series out (no term, or a State symbol without year or
// date): the numbering restarts with each term and year, so the two could not be told
// apart, and the unique index, to which a missing series is a series of its own, would let
// one document in twice. Documents of two named series (01-NQ/TW khóa XII and XIII) stand
// side by side.
func (db *DB) checkSeries(ctx context.Context, tx *Tx, d *tuyengiao.Document, p symbolParts) error {
	if db.postgres {
		if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(?)`, seriesLockKey); err != nil {
			return err
		}
	}
	var other, registering string
	err := tx.queryRow(ctx, `SELECT o.series, u.name FROM documents o JOIN units u ON u.id = o.unit_id WHERE o.symbol_key = ?
		AND COALESCE(o.issuing_unit_id, 0) = ? AND o.id <> ? AND o.series <> ? AND (o.series = '' OR ? = '') ORDER BY o.id LIMIT 1`,
		p.key, d.IssuingUnitID, d.ID, p.series, p.series).Scan(&other, &registering)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	field, what := "term", "khóa"
	if p.state {
		field, what = "issued_on", "năm"
	}
	if p.series == "" {
		return tuyengiao.FieldError(field, "Văn bản số %s%s đã có (%s %s, do %s đăng ký); văn bản cùng số phải ghi %s để phân biệt.",
			d.Symbol, issuedBy(d), what, other, registering, what)
	}
	return tuyengiao.FieldError(field, "Văn bản số %s%s đã có mà chưa ghi %s (do %s đăng ký); hãy ghi %s cho văn bản đó trước.",
		d.Symbol, issuedBy(d), what, registering, what)
}

// checkDuplicate refuses d when its issuing unit's number is registered in its series
// already, naming the unit that registered it: that may be another than the issuer (a
// district registered its ward's plan), and the two have to settle which one keeps it. The
// unique index stays the guard against a registration at the same moment.
func checkDuplicate(ctx context.Context, tx *Tx, d *tuyengiao.Document, p symbolParts) error {
	var registering string
	err := tx.queryRow(ctx, `SELECT u.name FROM documents o JOIN units u ON u.id = o.unit_id WHERE o.symbol_key = ?
		AND COALESCE(o.issuing_unit_id, 0) = ? AND o.series = ? AND o.id <> ? ORDER BY o.id LIMIT 1`,
		p.key, d.IssuingUnitID, p.series, d.ID).Scan(&registering)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	return tuyengiao.FieldError("symbol", "Văn bản số %s%s đã có trong hệ thống, do %s đăng ký.", d.Symbol, documentIssue(d, p), registering)
}

// documentWriteError names the field of a constraint failure on writing d: the symbol is
// unique per issuing unit and series, and the units have been read already.
func documentWriteError(err error, d *tuyengiao.Document, p symbolParts) error {
	if uniqueViolation(err) {
		return tuyengiao.FieldError("symbol", "Văn bản số %s%s đã có trong hệ thống.", d.Symbol, documentIssue(d, p))
	} else if foreignKeyViolation(err) {
		return tuyengiao.FieldError("unit_id", "Không tìm thấy đơn vị đăng ký văn bản.")
	}
	return err
}

// documentIssue names, for a message, what sets d apart from the same symbol of another
// issuer or series: " của Quận ủy Hải Châu (khóa XXII)", or "" for a central symbol
// without term.
func documentIssue(d *tuyengiao.Document, p symbolParts) string {
	out := issuedBy(d)
	switch {
	case p.series == "" || strings.Contains(d.Symbol, "/"+p.series+"/"):
	case p.state:
		out += " (năm " + p.series + ")"
	default:
		out += " (khóa " + p.series + ")"
	}
	return out
}

// issuedBy names the issuing unit of d for a message: " của Quận ủy Hải Châu", or "".
func issuedBy(d *tuyengiao.Document) string {
	if d.IssuingUnit == "" {
		return ""
	}
	return " của " + d.IssuingUnit
}

func insertDocumentFields(ctx context.Context, tx *Tx, id int64, fields []string) error {
	for _, f := range fields {
		if _, err := tx.exec(ctx, `INSERT INTO document_fields (document_id, field) VALUES (?, ?)`, id, f); err != nil {
			return err
		}
	}
	return nil
}

// UpdateDocument implements tuyengiao.DocumentService: a new symbol is parsed as on
// creation; a change to nothing writes nothing. The audit record names the changed fields
// and the old and new symbol.
func (db *DB) UpdateDocument(ctx context.Context, id int64, upd tuyengiao.DocumentUpdate) (*tuyengiao.Document, error) {
	old, path, err := db.loadDocument(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if err := db.check(ctx, tuyengiao.ActionDocumentEdit, path, old.UnitID, documentObject(id)); err != nil {
		return nil, err
	}
	d := *old
	applyDocumentUpdate(&d, upd)
	normalizeDocument(&d)
	if err := d.Validate(db.today()); err != nil {
		return nil, err
	}
	err = db.update(ctx, func(tx *Tx) error {
		v, err := documentVocabulary(ctx, tx)
		if err != nil {
			return err
		}
		p, err := parseDocumentSymbol(&d, v)
		if err != nil {
			return err
		}
		if err := checkIssuingUnit(ctx, tx, &d, p); err != nil {
			return err
		}
		if err := checkIssuingPlace(ctx, tx, &d, path); err != nil {
			return err
		}
		if err := db.checkSeries(ctx, tx, &d, p); err != nil {
			return err
		}
		if err := checkDuplicate(ctx, tx, &d, p); err != nil {
			return err
		}
		// A document registered before its issuer had to be known keeps its symbol.
		if d.Symbol != old.Symbol {
			if err := checkKnownIssuer(d.Symbol, v); err != nil {
				return err
			}
		}
		changes := documentChanges(old, &d)
		if len(changes) == 0 {
			return nil
		}
		// The unit in the condition is the one access was checked at.
		res, err := tx.exec(ctx, `UPDATE documents SET symbol = ?, symbol_key = ?, number = ?, type = ?, issuer = ?, year = ?,
			issued_on = ?, term = ?, title = ?, summary = ?, search = ?, issuing_unit_id = ?, series = ?, updated_at = ?
			WHERE id = ? AND unit_id = ?`,
			d.Symbol, p.key, d.Number, d.Type, d.Issuer, nullInt64(int64(d.Year)), dateText(d.IssuedOn), d.Term, d.Title,
			d.Summary, documentSearch(&d, p.typeName, p.issuerName), nullInt64(d.IssuingUnitID), p.series, db.now(), id, old.UnitID)
		if err != nil {
			return documentWriteError(err, &d, p)
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return tuyengiao.Errorf(tuyengiao.ECONFLICT, "Văn bản vừa được người khác thay đổi. Vui lòng tải lại rồi sửa.")
		}
		if !slices.Equal(old.Fields, d.Fields) {
			if _, err := tx.exec(ctx, `DELETE FROM document_fields WHERE document_id = ?`, id); err != nil {
				return err
			}
			if err := insertDocumentFields(ctx, tx, id, d.Fields); err != nil {
				return err
			}
		}
		if !slices.Equal(old.Contents, d.Contents) {
			if _, err := tx.exec(ctx, `DELETE FROM document_contents WHERE document_id = ?`, id); err != nil {
				return err
			}
			if err := insertDocumentContents(ctx, tx, id, d.Contents); err != nil {
				return err
			}
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "document.update", Object: documentObject(id), UnitID: d.UnitID,
			Detail: strings.Join(changes, "; ")})
	})
	if err != nil {
		return nil, err
	}
	return db.FindDocumentByID(ctx, id)
}

// applyDocumentUpdate copies the fields set in upd onto d.
func applyDocumentUpdate(d *tuyengiao.Document, upd tuyengiao.DocumentUpdate) {
	if upd.Symbol != nil {
		d.Symbol = *upd.Symbol
	}
	if upd.IssuingUnitID != nil {
		d.IssuingUnitID = *upd.IssuingUnitID
	}
	if upd.IssuedOn != nil {
		d.IssuedOn = *upd.IssuedOn
	}
	if upd.Term != nil {
		d.Term = *upd.Term
	}
	if upd.Title != nil {
		d.Title = *upd.Title
	}
	if upd.Summary != nil {
		d.Summary = *upd.Summary
	}
	if upd.Fields != nil {
		d.Fields = slices.Clone(*upd.Fields)
	}
	if upd.Contents != nil {
		d.Contents = slices.Clone(*upd.Contents)
	}
}

// documentChanges names what differs between old and d: the symbol with its old and new
// form, the other fields by name.
func documentChanges(old, d *tuyengiao.Document) []string {
	var out []string
	if old.Symbol != d.Symbol {
		out = append(out, fmt.Sprintf("symbol: %s → %s", old.Symbol, d.Symbol))
	}
	if old.IssuingUnitID != d.IssuingUnitID {
		out = append(out, fmt.Sprintf("issuing_unit: %d → %d", old.IssuingUnitID, d.IssuingUnitID))
	}
	if !old.IssuedOn.Equal(d.IssuedOn.Time) {
		out = append(out, "issued_on")
	}
	if old.Term != d.Term {
		out = append(out, "term")
	}
	if old.Title != d.Title {
		out = append(out, "title")
	}
	if old.Summary != d.Summary {
		out = append(out, "summary")
	}
	if !slices.Equal(old.Fields, d.Fields) {
		out = append(out, "fields")
	}
	if !slices.Equal(old.Contents, d.Contents) {
		out = append(out, fmt.Sprintf("contents: %s → %s", contentCounts(old.Contents), contentCounts(d.Contents)))
	}
	return out
}

// contentCounts writes the number of contents of each kind, for the audit log:
// "key 7, breakthrough 2, other 0".
func contentCounts(cs []tuyengiao.DocumentContent) string {
	parts := make([]string, len(tuyengiao.ContentKinds))
	for i, k := range tuyengiao.ContentKinds {
		n := 0
		for _, c := range cs {
			if c.Kind == k {
				n++
			}
		}
		parts[i] = fmt.Sprintf("%s %d", k, n)
	}
	return strings.Join(parts, ", ")
}

// AddDocumentFile implements tuyengiao.DocumentService: the content decides the type (a
// PDF, or a DOCX without macros), the name loses any folder a browser sent with it.
func (db *DB) AddDocumentFile(ctx context.Context, documentID int64, name string, content []byte) (*tuyengiao.DocumentFile, error) {
	d, path, err := db.loadDocument(ctx, db, documentID)
	if err != nil {
		return nil, err
	}
	if err := db.check(ctx, tuyengiao.ActionDocumentEdit, path, d.UnitID, documentObject(documentID)); err != nil {
		return nil, err
	}
	checked, err := checkFile(name, content, tuyengiao.MaxDocumentFileBytes)
	if err != nil {
		return nil, err
	}
	f := &tuyengiao.DocumentFile{DocumentID: documentID, Name: checked.Name, ContentType: checked.ContentType,
		Size: checked.Size, SHA256: checked.SHA256, CreatedAt: db.now()}
	err = db.update(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `INSERT INTO document_files (document_id, name, content_type, size, sha256, content, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, f.DocumentID, f.Name, f.ContentType, f.Size, f.SHA256, content, f.CreatedAt).Scan(&f.ID)
		if foreignKeyViolation(err) {
			return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy văn bản.")
		} else if err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "document.file", Object: documentObject(documentID), UnitID: d.UnitID,
			Detail: fmt.Sprintf("file: %d; name: %s; size: %d; sha256: %s", f.ID, f.Name, f.Size, f.SHA256)})
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}

// DocumentFileContent implements tuyengiao.DocumentService: any account reads an attached
// file.
func (db *DB) DocumentFileContent(ctx context.Context, fileID int64) (*tuyengiao.DocumentFile, []byte, error) {
	if err := requirePrincipal(ctx); err != nil {
		return nil, nil, err
	}
	f := &tuyengiao.DocumentFile{}
	var content []byte
	err := db.queryRow(ctx, `SELECT id, document_id, name, content_type, size, sha256, created_at, content
		FROM document_files WHERE id = ?`, fileID).
		Scan(&f.ID, &f.DocumentID, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.CreatedAt, &content)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy tệp.")
	} else if err != nil {
		return nil, nil, err
	}
	f.CreatedAt = f.CreatedAt.UTC()
	return f, content, nil
}

// relationLockKey names the PostgreSQL advisory lock that serialises new relations: two
// relations added at once on two app nodes could each pass the cycle check and together
// close a cycle.
const relationLockKey = 7310002

// reachQuery tells whether the document of the second argument can be reached from the
// document of the first by following relations from their source to their target.
const reachQuery = `WITH RECURSIVE reach (id) AS (
		SELECT CAST(? AS BIGINT)
		UNION
		SELECT r.to_id FROM document_relations r JOIN reach ON r.from_id = reach.id
	)
	SELECT COUNT(*) FROM reach WHERE id = ?`

// RelateDocuments implements tuyengiao.DocumentService: the caller must be allowed to edit
// the document the relation starts from. A relation whose target already reaches its
// source would make a cycle and is refused.
func (db *DB) RelateDocuments(ctx context.Context, fromID, toID int64, kind tuyengiao.RelationKind) error {
	from, to, err := db.relationEnds(ctx, fromID, toID, kind)
	if err != nil {
		return err
	}
	if fromID == toID {
		return tuyengiao.FieldError("to_id", "Văn bản không thể liên quan đến chính nó.")
	}
	return db.update(ctx, func(tx *Tx) error {
		if db.postgres {
			if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(?)`, relationLockKey); err != nil {
				return err
			}
		}
		var n int
		if err := tx.queryRow(ctx, reachQuery, toID, fromID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return tuyengiao.FieldError("to_id", "Không thể ghi %s %s %s: %s đã dẫn về %s qua các quan hệ khác, sẽ thành vòng lặp.",
				from.Symbol, relationName(kind), to.Symbol, to.Symbol, from.Symbol)
		}
		_, err := tx.exec(ctx, `INSERT INTO document_relations (from_id, to_id, kind) VALUES (?, ?, ?)`, fromID, toID, kind)
		if uniqueViolation(err) {
			return tuyengiao.FieldError("kind", "Đã ghi %s %s %s rồi.", from.Symbol, relationName(kind), to.Symbol)
		} else if foreignKeyViolation(err) {
			return tuyengiao.FieldError("to_id", "Không tìm thấy văn bản.")
		} else if err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "document.relate", Object: documentObject(fromID), UnitID: from.UnitID,
			Detail: fmt.Sprintf("%s %s %s (%s)", from.Symbol, kind, to.Symbol, documentObject(toID))})
	})
}

// UnrelateDocuments implements tuyengiao.DocumentService, with the access rule of
// RelateDocuments.
func (db *DB) UnrelateDocuments(ctx context.Context, fromID, toID int64, kind tuyengiao.RelationKind) error {
	from, to, err := db.relationEnds(ctx, fromID, toID, kind)
	if err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM document_relations WHERE from_id = ? AND to_id = ? AND kind = ?`, fromID, toID, kind)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không có quan hệ %s %s %s.", from.Symbol, relationName(kind), to.Symbol)
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "document.unrelate", Object: documentObject(fromID), UnitID: from.UnitID,
			Detail: fmt.Sprintf("%s %s %s (%s)", from.Symbol, kind, to.Symbol, documentObject(toID))})
	})
}

// relationEnds checks the kind, reads both documents and checks that the caller may edit
// the first.
func (db *DB) relationEnds(ctx context.Context, fromID, toID int64, kind tuyengiao.RelationKind) (from, to *tuyengiao.Document, err error) {
	if !kind.Valid() {
		return nil, nil, tuyengiao.FieldError("kind", "Quan hệ %q không có trong danh mục.", kind)
	}
	from, path, err := db.loadDocument(ctx, db, fromID)
	if err != nil {
		return nil, nil, err
	}
	if err := db.check(ctx, tuyengiao.ActionDocumentEdit, path, from.UnitID, documentObject(fromID)); err != nil {
		return nil, nil, err
	}
	to, _, err = db.loadDocument(ctx, db, toID)
	if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
		return nil, nil, tuyengiao.FieldError("to_id", "Không tìm thấy văn bản liên quan.")
	}
	return from, to, err
}

// relationName is the Vietnamese verb of a relation, for messages.
func relationName(k tuyengiao.RelationKind) string {
	switch k {
	case tuyengiao.RelImplements:
		return "thực hiện"
	case tuyengiao.RelUpdates:
		return "cập nhật, bổ sung"
	case tuyengiao.RelReplaces:
		return "thay thế"
	case tuyengiao.RelContinues:
		return "tiếp tục thực hiện"
	case tuyengiao.RelGuides:
		return "hướng dẫn thực hiện"
	}
	return string(k)
}

// chainIDs is the set of documents connected to the document of its argument through
// relations followed either way; UNION keeps each once, so a loop ends.
const chainIDs = `WITH RECURSIVE chain (id) AS (
		SELECT CAST(? AS BIGINT)
		UNION
		SELECT CASE WHEN r.from_id = chain.id THEN r.to_id ELSE r.from_id END
		FROM document_relations r JOIN chain ON r.from_id = chain.id OR r.to_id = chain.id
	)`

// DocumentChain implements tuyengiao.DocumentService: the documents oldest issue date first
// (those without one last), with every relation among them.
func (db *DB) DocumentChain(ctx context.Context, id int64) ([]*tuyengiao.Document, []tuyengiao.DocumentRelation, error) {
	if err := requirePrincipal(ctx); err != nil {
		return nil, nil, err
	}
	rows, err := db.query(ctx, chainIDs+` SELECT `+documentColumns+` FROM documents d WHERE d.id IN (SELECT id FROM chain)
		ORDER BY d.issued_on IS NULL, d.issued_on, d.id`, id)
	if err != nil {
		return nil, nil, err
	}
	docs, err := scanDocuments(ctx, db, rows)
	if err != nil {
		return nil, nil, err
	}
	if len(docs) == 0 {
		return nil, nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy văn bản.")
	}
	// Every relation of a member of the chain joins two members, so one end decides.
	rels, err := db.documentRelations(ctx, chainIDs, `r.from_id IN (SELECT id FROM chain)`, id)
	if err != nil {
		return nil, nil, err
	}
	return docs, rels, nil
}

// documentVocabulary returns the vocabulary that symbols are read against, from the
// doc_types and doc_issuers tables inside tx; Migrate has filled them with the entries of
// vn.DefaultVocabulary.
func documentVocabulary(ctx context.Context, tx rowsQuerier) (*vn.Vocabulary, error) {
	v := &vn.Vocabulary{}
	rows, err := tx.query(ctx, `SELECT kind, code, name, other_names FROM doc_types ORDER BY sort_order, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var t vn.DocType
		var other string
		if err := rows.Scan(&t.Kind, &t.Code, &t.Name, &other); err != nil {
			return nil, err
		}
		t.OtherNames = splitNames(other)
		if err := v.AddType(t); err != nil {
			return nil, fmt.Errorf("doc_types %s %q: %w", t.Kind, t.Code, err)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	rows, err = tx.query(ctx, `SELECT kind, code, name, other_names, term, local, COALESCE(unit_kinds, '') FROM doc_issuers
		ORDER BY sort_order, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var i vn.Issuer
		var other, kinds string
		if err := rows.Scan(&i.Kind, &i.Code, &i.Name, &other, &i.Term, &i.Local, &kinds); err != nil {
			return nil, err
		}
		i.OtherNames, i.UnitKinds = splitNames(other), splitNames(kinds)
		if err := v.AddIssuer(i); err != nil {
			return nil, fmt.Errorf("doc_issuers %s %q: %w", i.Kind, i.Code, err)
		}
	}
	return v, rows.Err()
}

// ensureDefaultDocumentVocabulary adds, for Migrate, the entries of vn.DefaultVocabulary that
// doc_types and doc_issuers lack, in one transaction.
func (db *DB) ensureDefaultDocumentVocabulary(ctx context.Context) error {
	return db.update(ctx, func(tx *Tx) error { return ensureDocumentVocabulary(ctx, tx) })
}

// ensureDocumentVocabulary adds the entries of vn.DefaultVocabulary missing from doc_types
// and doc_issuers, leaving those an administrator has renamed as they are. It reads first,
// so that the usual call writes nothing; ON CONFLICT keeps two calls at once harmless.
func ensureDocumentVocabulary(ctx context.Context, tx *Tx) error {
	have := map[string]bool{}
	rows, err := tx.query(ctx, `SELECT 't', kind, code, name_key FROM doc_types UNION ALL SELECT 'i', kind, code, '' FROM doc_issuers`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var table, kind, code, nameKey string
		if err := rows.Scan(&table, &kind, &code, &nameKey); err != nil {
			return err
		}
		have[table+"\x00"+kind+"\x00"+code+"\x00"+nameKey] = true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	def := vn.DefaultVocabulary()
	order := 0
	for _, kind := range []vn.SymbolKind{vn.PartySymbol, vn.StateSymbol} {
		for _, t := range def.Types(kind) {
			order += 10
			nameKey := typeNameKey(t)
			if have["t\x00"+string(t.Kind)+"\x00"+t.Code+"\x00"+nameKey] {
				continue
			}
			_, err := tx.exec(ctx, `INSERT INTO doc_types (kind, code, name_key, name, other_names, sort_order)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, code, name_key) DO NOTHING`,
				t.Kind, t.Code, nameKey, t.Name, strings.Join(t.OtherNames, "\n"), order)
			if err != nil {
				return err
			}
		}
	}
	order = 0
	for _, kind := range []vn.SymbolKind{vn.PartySymbol, vn.StateSymbol} {
		for _, i := range def.Issuers(kind) {
			order += 10
			if have["i\x00"+string(i.Kind)+"\x00"+i.Code+"\x00"] {
				continue
			}
			_, err := tx.exec(ctx, `INSERT INTO doc_issuers (kind, code, name, other_names, term, local, unit_kinds, sort_order)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, code) DO NOTHING`,
				i.Kind, i.Code, i.Name, strings.Join(i.OtherNames, "\n"), i.Term, i.Local, strings.Join(i.UnitKinds, "\n"), order)
			if err != nil {
				return err
			}
		}
	}
	return fillIssuerUnitKinds(ctx, tx, def)
}

// fillIssuerUnitKinds gives the issuers that have no unit kinds yet (unit_kinds NULL: those
// from before the column) the built-in ones of their code, or none.
func fillIssuerUnitKinds(ctx context.Context, tx *Tx, def *vn.Vocabulary) error {
	var unfilled bool
	if err := tx.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM doc_issuers WHERE unit_kinds IS NULL)`).Scan(&unfilled); err != nil || !unfilled {
		return err
	}
	for _, kind := range []vn.SymbolKind{vn.PartySymbol, vn.StateSymbol} {
		for _, i := range def.Issuers(kind) {
			_, err := tx.exec(ctx, `UPDATE doc_issuers SET unit_kinds = ? WHERE kind = ? AND code = ? AND unit_kinds IS NULL`,
				strings.Join(i.UnitKinds, "\n"), i.Kind, i.Code)
			if err != nil {
				return err
			}
		}
	}
	_, err := tx.exec(ctx, `UPDATE doc_issuers SET unit_kinds = '' WHERE unit_kinds IS NULL`)
	return err
}

// typeNameKey is what tells a type apart besides its kind and code: nothing for a coded
// type, the folded name for a State type without a code (Luật, Pháp lệnh), as
// vn.Vocabulary.AddType does.
func typeNameKey(t vn.DocType) string {
	if t.Code != "" {
		return ""
	}
	return vn.Fold(t.Name)
}

// splitNames reads the other names of a vocabulary entry, stored one a line: vn.NFC leaves
// no line break inside a name.
func splitNames(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
