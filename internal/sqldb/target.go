package sqldb

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// TargetStore keeps the targets (chỉ tiêu kế hoạch): it implements tuyengiao.TargetService
// and reads them for the figure service.
type TargetStore struct{ db *DB }

// Targets returns the TargetStore of db.
func (db *DB) Targets() *TargetStore { return &TargetStore{db} }

// SetTargets implements tuyengiao.TargetService: all the targets or none, each checked at
// its unit and audited there. A bad target's error names the field target_<unit id>.
func (s *TargetStore) SetTargets(ctx context.Context, targets []tuyengiao.Target) error {
	if err := requirePrincipal(ctx); err != nil {
		return err
	}
	login := tuyengiao.PrincipalFrom(ctx).Login
	now := s.db.now()
	return s.db.update(ctx, func(tx *Tx) error {
		for i := range targets {
			t := &targets[i]
			t.Code, t.Period = vn.NFC(t.Code), vn.NFC(t.Period)
			if err := t.Validate(); err != nil {
				return onField(err, "target_"+strconv.FormatInt(t.UnitID, 10))
			}
			t.Normalize()
			path, err := s.db.unitPath(ctx, tx, t.UnitID)
			if err != nil {
				return err
			}
			if err := tx.check(ctx, tuyengiao.ActionFigureEdit, path, t.UnitID, unitObject(t.UnitID)); err != nil {
				return err
			}
			if err := s.save(ctx, tx, t, login, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// save writes one checked target, or removes it when its value is zero, and audits it.
func (s *TargetStore) save(ctx context.Context, tx *Tx, t *tuyengiao.Target, login string, now time.Time) error {
	action, detail := "target.remove", t.Code+" "+t.Period
	var err error
	if t.Value == (tuyengiao.Value{}) {
		_, err = tx.exec(ctx, `DELETE FROM targets WHERE unit_id = ? AND indicator = ? AND period = ?`, t.UnitID, t.Code, t.Period)
	} else {
		action, detail = "target.set", fmt.Sprintf("%s %s = %d", t.Code, t.Period, t.Num)
		if t.Den != 0 {
			detail += fmt.Sprintf("/%d", t.Den)
		}
		t.SetBy, t.SetAt = login, now
		_, err = tx.exec(ctx, `INSERT INTO targets (unit_id, indicator, period, num, den, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (unit_id, indicator, period) DO UPDATE SET num = excluded.num, den = excluded.den,
			set_by = excluded.set_by, set_at = excluded.set_at`, t.UnitID, t.Code, t.Period, t.Num, t.Den, login, now)
	}
	if err != nil {
		return err
	}
	return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: action, Object: unitObject(t.UnitID), UnitID: t.UnitID, Detail: detail})
}

// TargetValues returns the targets of the indicators codes for the periods (by code) at
// the units of the subtree at path. It checks no access: the figure service has.
func (s *TargetStore) TargetValues(ctx context.Context, codes []string, subtree string, periods []string) ([]tuyengiao.Target, error) {
	if len(codes) == 0 || len(periods) == 0 {
		return nil, nil
	}
	lo, hi := subtreeRange(subtree)
	args := []any{lo, hi}
	for _, c := range codes {
		args = append(args, c)
	}
	for _, p := range periods {
		args = append(args, p)
	}
	rows, err := s.db.query(ctx, `SELECT unit_id, indicator, period, num, den, set_by, set_at FROM targets
		WHERE unit_id`+inSubtreeSQL+` AND indicator IN (`+placeholders(len(codes))+`) AND period IN (`+placeholders(len(periods))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tuyengiao.Target
	for rows.Next() {
		var t tuyengiao.Target
		if err := rows.Scan(&t.UnitID, &t.Code, &t.Period, &t.Num, &t.Den, &t.SetBy, &t.SetAt); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// onField returns err, a field error, moved to field: the row of a list it is about.
func onField(err error, field string) error {
	var e *tuyengiao.Error
	if !errors.As(err, &e) {
		return err
	}
	moved := *e
	moved.Field = field
	return &moved
}
