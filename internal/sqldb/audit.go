package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"tuyengiao"
)

// querier reads inside or outside a transaction.
type querier interface {
	queryRow(ctx context.Context, q string, args ...any) *sql.Row
}

// audit appends r to the audit log of tx, so that the record commits or rolls back with the
// change it describes. It is written, chained, when tx commits (Tx.flushAudit), which sets
// r.ID. Time, user, login and address come from ctx.
func (db *DB) audit(ctx context.Context, tx *Tx, r *tuyengiao.AuditRecord) error {
	r.At = db.now()
	if p := tuyengiao.PrincipalFrom(ctx); p != nil {
		r.UserID, r.Login, r.Address = p.UserID, p.Login, p.Address
	}
	if r.Outcome == "" {
		r.Outcome = tuyengiao.OutcomeOK
	}
	tx.audits = append(tx.audits, r)
	return nil
}

// auditAlone appends r in a transaction of its own: for refusals and failures, whose own
// transaction (if any) rolls back.
func (db *DB) auditAlone(ctx context.Context, r *tuyengiao.AuditRecord) error {
	return db.update(ctx, func(tx *Tx) error { return db.audit(ctx, tx, r) })
}

// RecordAudit implements tuyengiao.AuditService.
func (db *DB) RecordAudit(ctx context.Context, r *tuyengiao.AuditRecord) error {
	return db.auditAlone(ctx, r)
}

// unitPath returns the materialised path of a unit, or ENOTFOUND.
func (db *DB) unitPath(ctx context.Context, q querier, id int64) (string, error) {
	var path string
	err := q.queryRow(ctx, `SELECT path FROM units WHERE id = ?`, id).Scan(&path)
	if errors.Is(err, sql.ErrNoRows) {
		return "", tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy đơn vị.")
	}
	return path, err
}

// authorize checks the principal in ctx against the action on an object of the unit with
// tuyengiao.Authorize and returns the unit's path. A refusal is written to the audit log,
// naming the object, before the error is returned.
func (db *DB) authorize(ctx context.Context, action tuyengiao.Action, unitID int64, object string) (string, error) {
	path, err := db.unitPath(ctx, db, unitID)
	if err != nil {
		return "", err
	}
	return path, db.check(ctx, action, path, unitID, object)
}

// check is authorize for a unit whose path is already known.
func (db *DB) check(ctx context.Context, action tuyengiao.Action, path string, unitID int64, object string) error {
	err := tuyengiao.Authorize(tuyengiao.PrincipalFrom(ctx), action, path)
	if tuyengiao.ErrorCode(err) == tuyengiao.EFORBIDDEN {
		return errors.Join(err, db.auditAlone(ctx, deniedRecord(action, unitID, object)))
	}
	return err
}

// check is db.check inside the transaction: a refusal is written once tx has rolled back
// (Tx.deny), since the transaction holds the one writer a record of its own would wait for.
func (tx *Tx) check(ctx context.Context, action tuyengiao.Action, path string, unitID int64, object string) error {
	err := tuyengiao.Authorize(tuyengiao.PrincipalFrom(ctx), action, path)
	if tuyengiao.ErrorCode(err) == tuyengiao.EFORBIDDEN {
		tx.deny(deniedRecord(action, unitID, object))
	}
	return err
}

// deny queues r, a refusal found inside tx that makes it fail, to be written as denied once
// tx has rolled back (db.update).
func (tx *Tx) deny(r *tuyengiao.AuditRecord) {
	r.Outcome = tuyengiao.OutcomeDenied
	tx.denials = append(tx.denials, r)
}

// deniedRecord is the audit record of the refused action on the object of the unit.
func deniedRecord(action tuyengiao.Action, unitID int64, object string) *tuyengiao.AuditRecord {
	return &tuyengiao.AuditRecord{Action: string(action), Object: object, UnitID: unitID, Outcome: tuyengiao.OutcomeDenied}
}

// inSubtreeSQL follows a unit column to keep the rows of the units of a subtree, given the
// bounds of subtreeRange. Both engines run it as a list of unit IDs read from the path index,
// then the rows of each unit from an index starting with the unit: for a district that reads
// only its rows, and for a whole tree of millions it spares a lookup of the unit per row,
// which a join with units costs.
const inSubtreeSQL = ` IN (SELECT id FROM units WHERE path >= ? AND path < ?)`

// subtreeRange returns the bounds of the subtree of path: every path p with lo <= p < hi.
// Paths hold digits and '/', and '0' follows '/' in byte order, so replacing the final '/'
// with '0' gives the first path past the subtree. Both engines compare paths bytewise
// (PostgreSQL through COLLATE "C"), so the range uses the path index.
func subtreeRange(path string) (lo, hi string) {
	return path, strings.TrimSuffix(path, "/") + "0"
}

// scopeClause returns a condition on the column holding a unit path that keeps the rows
// inside any of the roots, with its arguments; no roots gives a condition that is false.
func scopeClause(column string, roots []string) (string, []any) {
	if len(roots) == 0 {
		return "1 = 0", nil
	}
	parts := make([]string, len(roots))
	args := make([]any, 0, 2*len(roots))
	for i, r := range roots {
		lo, hi := subtreeRange(r)
		parts[i] = column + " >= ? AND " + column + " < ?"
		args = append(args, lo, hi)
	}
	return "((" + strings.Join(parts, ") OR (") + "))", args
}

// FindAuditRecords implements tuyengiao.AuditService: newest first, inside the caller's audit
// scope (judged by where the unit is now); records without a unit only for a sysadmin.
func (db *DB) FindAuditRecords(ctx context.Context, f tuyengiao.AuditFilter) ([]*tuyengiao.AuditRecord, int, error) {
	p := tuyengiao.PrincipalFrom(ctx)
	if p == nil {
		return nil, 0, tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	where, args, err := db.auditScope(ctx, p, f.RootID)
	if err != nil {
		return nil, 0, err
	}
	if f.Login != "" {
		where += " AND a.login = ?"
		args = append(args, f.Login)
	}
	if f.Action != "" {
		var ranges []string
		for _, lo := range strings.Split(f.Action, ",") {
			ranges = append(ranges, "a.action >= ? AND a.action < ?")
			args = append(args, lo, lo+"\U0010FFFF")
		}
		where += " AND (" + strings.Join(ranges, " OR ") + ")"
	}
	if f.Outcome != "" {
		where += " AND a.outcome = ?"
		args = append(args, f.Outcome)
	}
	if !f.From.IsZero() {
		where += " AND a.at >= ?"
		args = append(args, f.From.UTC())
	}
	if !f.To.IsZero() {
		where += " AND a.at < ?"
		args = append(args, f.To.UTC())
	}
	from := ` FROM audit_log a LEFT JOIN units u ON u.id = a.unit_id WHERE ` + where
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*)`+from, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := db.query(ctx, `SELECT a.id, a.at, a.user_id, a.login, a.action, a.object, a.unit_id, a.outcome, a.address, a.detail`+
		from+` ORDER BY a.id DESC`+limitClause(f.Offset, f.Limit), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*tuyengiao.AuditRecord
	for rows.Next() {
		r := &tuyengiao.AuditRecord{}
		var userID, unitID sql.NullInt64
		if err := rows.Scan(&r.ID, &r.At, &userID, &r.Login, &r.Action, &r.Object, &unitID, &r.Outcome, &r.Address, &r.Detail); err != nil {
			return nil, 0, err
		}
		r.UserID, r.UnitID, r.At = userID.Int64, unitID.Int64, r.At.UTC()
		out = append(out, r)
	}
	return out, total, rows.Err()
}

// auditScope returns the condition that keeps the audit records the principal may read: the
// subtree of rootID once it is authorised (its range alone, which the index serves), or else
// the whole audit scope, with the records without a unit for a sysadmin.
func (db *DB) auditScope(ctx context.Context, p *tuyengiao.Principal, rootID int64) (string, []any, error) {
	if rootID != 0 {
		path, err := db.authorize(ctx, tuyengiao.ActionAuditView, rootID, "audit")
		if err != nil {
			return "", nil, err
		}
		lo, hi := subtreeRange(path)
		return "u.path >= ? AND u.path < ?", []any{lo, hi}, nil
	}
	scope := p.Scope(tuyengiao.ActionAuditView)
	if len(scope) == 0 && !p.IsSysadmin() {
		return "", nil, db.check(ctx, tuyengiao.ActionAuditView, "", 0, "audit")
	}
	where, args := scopeClause("u.path", scope)
	if p.IsSysadmin() {
		where = "(" + where + " OR a.unit_id IS NULL)"
	}
	return where, args, nil
}

// limitClause returns " LIMIT n OFFSET m" for a page, or "" for no limit.
func limitClause(offset, limit int) string {
	if limit <= 0 {
		return ""
	}
	return " LIMIT " + itoa(limit) + " OFFSET " + itoa(max(offset, 0))
}

// personObject and unitObject name the objects of audit records.
func personObject(id int64) string { return "person:" + strconv.FormatInt(id, 10) }

func unitObject(id int64) string { return "unit:" + strconv.FormatInt(id, 10) }
