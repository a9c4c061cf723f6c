package sqldb

import (
	"context"
	"database/sql"

	"tuyengiao"
)

// Implementation implements tuyengiao.DocumentService: the units that must implement the
// document are those dueUnits names below its issuing unit, in the order of their
// sort_order and name; a unit implements it with a document it issued itself (its
// issuing unit) that implements it directly. The list of the units below is the issuing
// unit's business: it needs ActionUnitView there, and a refusal is audited.
func (db *DB) Implementation(ctx context.Context, documentID int64) (*tuyengiao.DocumentImplementation, error) {
	if err := requirePrincipal(ctx); err != nil {
		return nil, err
	}
	d, _, err := db.loadDocument(ctx, db, documentID)
	if err != nil {
		return nil, err
	}
	out := &tuyengiao.DocumentImplementation{DocumentID: d.ID, IssuingUnitID: d.IssuingUnitID, IssuingUnit: d.IssuingUnit,
		Units: []tuyengiao.ImplementingUnit{}}
	if d.IssuingUnitID == 0 {
		return out, nil
	}
	if _, err := db.authorize(ctx, tuyengiao.ActionUnitView, d.IssuingUnitID, documentObject(d.ID)); err != nil {
		return nil, err
	}
	due, dueArgs, err := dueUnits(ctx, db, "k", "?")
	if err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT k.id, k.code, k.name, c.id, c.symbol, c.title, c.issued_on FROM units k
		LEFT JOIN (SELECT c.id, c.symbol, c.title, c.issued_on, c.issuing_unit_id FROM document_relations r
			JOIN documents c ON c.id = r.from_id WHERE r.to_id = ? AND r.kind = ?) c ON c.issuing_unit_id = k.id
		WHERE `+due+` ORDER BY k.sort_order, k.name, k.id, c.issued_on, c.id`,
		append([]any{d.ID, tuyengiao.RelImplements, d.IssuingUnitID}, dueArgs...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var u tuyengiao.ImplementingUnit
		var id sql.NullInt64
		var symbol, title, issued sql.NullString
		if err := rows.Scan(&u.ID, &u.Code, &u.Name, &id, &symbol, &title, &issued); err != nil {
			return nil, err
		}
		if n := len(out.Units); n == 0 || out.Units[n-1].ID != u.ID {
			u.Documents = []tuyengiao.ImplementingDocument{}
			out.Units = append(out.Units, u)
		}
		if !id.Valid {
			continue
		}
		doc := tuyengiao.ImplementingDocument{ID: id.Int64, Symbol: symbol.String, Title: title.String}
		if issued.Valid {
			if doc.IssuedOn, err = tuyengiao.ParseDate(issued.String); err != nil {
				return nil, err
			}
		}
		last := &out.Units[len(out.Units)-1]
		last.Documents = append(last.Documents, doc)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out.Share.Den = int64(len(out.Units))
	for _, u := range out.Units {
		if len(u.Documents) > 0 {
			out.Share.Num++
		}
	}
	return out, nil
}
