package sqldb

import (
	"context"
	"strconv"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// QualityStore keeps what data quality needs stored: the validation rules a system
// administrator adds and the confirmations of outliers. The figure service's quality
// checker (figures.Quality) reads them.
type QualityStore struct{ db *DB }

// Quality returns the QualityStore of db.
func (db *DB) Quality() *QualityStore { return &QualityStore{db} }

// ruleObject names a stored rule in the audit log.
func ruleObject(id int64) string { return "validation_rule:" + strconv.FormatInt(id, 10) }

// StoredRules returns the rules a system administrator added, oldest first, to every
// account.
func (s *QualityStore) StoredRules(ctx context.Context) ([]tuyengiao.ValidationRule, error) {
	if err := requirePrincipal(ctx); err != nil {
		return nil, err
	}
	rows, err := s.db.query(ctx, `SELECT id, left_side, op, right_side, message, created_by, created_at FROM validation_rules ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tuyengiao.ValidationRule
	for rows.Next() {
		var r tuyengiao.ValidationRule
		if err := rows.Scan(&r.ID, &r.Left, &r.Op, &r.Right, &r.Message, &r.CreatedBy, &r.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CreateValidationRule stores a rule (ActionIndicatorManage), audited, and sets its ID.
func (s *QualityStore) CreateValidationRule(ctx context.Context, r *tuyengiao.ValidationRule) error {
	if err := s.db.check(ctx, tuyengiao.ActionIndicatorManage, "", 0, "validation_rule"); err != nil {
		return err
	}
	r.Left, r.Right, r.Message, r.Builtin = vn.NFC(r.Left), vn.NFC(r.Right), vn.NFC(r.Message), false
	if err := r.Validate(); err != nil {
		return err
	}
	r.CreatedBy, r.CreatedAt = tuyengiao.PrincipalFrom(ctx).Login, s.db.now()
	return s.db.update(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `INSERT INTO validation_rules (left_side, op, right_side, message, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, r.Left, r.Op, r.Right, r.Message, r.CreatedBy, r.CreatedAt).Scan(&r.ID)
		if err != nil {
			return err
		}
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "validation_rule.create", Object: ruleObject(r.ID),
			Detail: r.Left + " " + r.Op + " " + r.Right})
	})
}

// DeleteValidationRule removes a stored rule (ActionIndicatorManage), audited; ENOTFOUND
// when there is none of that id.
func (s *QualityStore) DeleteValidationRule(ctx context.Context, id int64) error {
	if err := s.db.check(ctx, tuyengiao.ActionIndicatorManage, "", 0, ruleObject(id)); err != nil {
		return err
	}
	return s.db.update(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM validation_rules WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy quy tắc kiểm tra.")
		}
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "validation_rule.delete", Object: ruleObject(id)})
	})
}

// ConfirmOutlier records that the caller has checked the value and finds it right
// (ActionFigureEdit at its unit), audited there; confirming it again replaces the
// confirmation.
func (s *QualityStore) ConfirmOutlier(ctx context.Context, c *tuyengiao.OutlierConfirmation) error {
	c.Code, c.Period, c.Comment = vn.NFC(c.Code), vn.NFC(c.Period), vn.NFC(c.Comment)
	if err := c.Validate(); err != nil {
		return err
	}
	c.Normalize()
	if _, err := s.db.authorize(ctx, tuyengiao.ActionFigureEdit, c.UnitID, unitObject(c.UnitID)); err != nil {
		return err
	}
	c.ConfirmedBy, c.ConfirmedAt = tuyengiao.PrincipalFrom(ctx).Login, s.db.now()
	return s.db.update(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO outlier_confirmations (unit_id, indicator, period, value, comment, confirmed_by, confirmed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id, indicator, period) DO UPDATE SET value = excluded.value,
			comment = excluded.comment, confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at`,
			c.UnitID, c.Code, c.Period, c.Value, c.Comment, c.ConfirmedBy, c.ConfirmedAt)
		if err != nil {
			return err
		}
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "outlier.confirm", Object: unitObject(c.UnitID), UnitID: c.UnitID,
			Detail: c.Code + " " + c.Period + " = " + strconv.FormatInt(c.Value, 10) + ": " + c.Comment})
	})
}

// Confirmations returns the confirmations of the values of period (by code) at the units
// of the subtree at path. It checks no access: the quality checker has.
func (s *QualityStore) Confirmations(ctx context.Context, subtree, period string) ([]tuyengiao.OutlierConfirmation, error) {
	lo, hi := subtreeRange(subtree)
	rows, err := s.db.query(ctx, `SELECT unit_id, indicator, period, value, comment, confirmed_by, confirmed_at FROM outlier_confirmations
		WHERE unit_id`+inSubtreeSQL+` AND period = ?`, lo, hi, period)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tuyengiao.OutlierConfirmation
	for rows.Next() {
		var c tuyengiao.OutlierConfirmation
		if err := rows.Scan(&c.UnitID, &c.Code, &c.Period, &c.Value, &c.Comment, &c.ConfirmedBy, &c.ConfirmedAt); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
