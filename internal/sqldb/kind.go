package sqldb

import (
	"context"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// ensureDefaultKinds adds the default unit kinds that are missing, leaving any an
// administrator has renamed as they are.
func (db *DB) ensureDefaultKinds(ctx context.Context) error {
	return db.update(ctx, func(tx *Tx) error {
		for i, k := range tuyengiao.DefaultUnitKinds {
			_, err := tx.exec(ctx, `INSERT INTO unit_kinds (code, name, name_en, grp, sort_order, builtin)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`,
				k.Code, k.Name, k.NameEN, k.Group, (i+1)*10, true)
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// FindUnitKinds implements tuyengiao.UnitService; the vocabulary is not secret, so any
// caller may read it.
func (db *DB) FindUnitKinds(ctx context.Context) ([]*tuyengiao.UnitKind, error) {
	rows, err := db.query(ctx, `SELECT code, name, name_en, grp, sort_order, builtin FROM unit_kinds ORDER BY sort_order, code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*tuyengiao.UnitKind
	for rows.Next() {
		k := &tuyengiao.UnitKind{}
		if err := rows.Scan(&k.Code, &k.Name, &k.NameEN, &k.Group, &k.SortOrder, &k.Builtin); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// CreateUnitKind implements tuyengiao.UnitService: only a system administrator extends the
// vocabulary, since it is shared by every unit.
func (db *DB) CreateUnitKind(ctx context.Context, k *tuyengiao.UnitKind) error {
	k.Name, k.NameEN = vn.NFC(k.Name), vn.NFC(k.NameEN)
	if err := db.check(ctx, tuyengiao.ActionKindManage, "", 0, "unit_kind:"+k.Code); err != nil {
		return err
	}
	if err := k.Validate(); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		if k.SortOrder == 0 {
			if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(sort_order), 0) + 10 FROM unit_kinds`).Scan(&k.SortOrder); err != nil {
				return err
			}
		}
		_, err := tx.exec(ctx, `INSERT INTO unit_kinds (code, name, name_en, grp, sort_order, builtin) VALUES (?, ?, ?, ?, ?, ?)`,
			k.Code, k.Name, k.NameEN, k.Group, k.SortOrder, false)
		if uniqueViolation(err) {
			return tuyengiao.FieldError("code", "Mã loại đơn vị %q đã có.", k.Code)
		} else if err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "unit_kind.create", Object: "unit_kind:" + k.Code, Detail: k.Name})
	})
}
