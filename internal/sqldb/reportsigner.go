package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"

	"tuyengiao"
)

// reportMaxSigners is how many accounts a unit names to sign: its leaders, never a roster.
const reportMaxSigners = 20

// signerIDs returns the accounts the unit names to sign its reports.
func signerIDs(ctx context.Context, q rowsQuerier, unitID int64) ([]int64, error) {
	return queryIDs(ctx, q, `SELECT user_id FROM report_signers WHERE unit_id = ? ORDER BY user_id`, unitID)
}

// maySign checks that the caller may finalise a report of the unit at path: when the unit
// names signers, only they (while they still see the unit) and a system administrator do;
// when it names none, whoever holds ActionReportSign over it. A refusal is audited as
// report.sign once tx has rolled back.
func maySign(ctx context.Context, tx *Tx, path string, unitID int64, object string) error {
	signers, err := signerIDs(ctx, tx, unitID)
	if err != nil {
		return err
	} else if len(signers) == 0 {
		return tx.check(ctx, tuyengiao.ActionReportSign, path, unitID, object)
	}
	p := tuyengiao.PrincipalFrom(ctx)
	if err := tuyengiao.Authorize(p, tuyengiao.ActionUnitView, path); tuyengiao.ErrorCode(err) == tuyengiao.EUNAUTHORIZED {
		return err
	} else if p.IsSysadmin() || err == nil && slices.Contains(signers, p.UserID) {
		return nil
	}
	tx.deny(deniedRecord(tuyengiao.ActionReportSign, unitID, object))
	return tuyengiao.Errorf(tuyengiao.EFORBIDDEN, "Chỉ người được đơn vị phân công ký báo cáo mới ký ban hành được báo cáo này.")
}

// Signers implements tuyengiao.ReportStore, for a caller who may view the unit, by name. A
// caller who may not view its accounts (ActionAccountView) learns who signs, their ID and
// name, and nothing of their accounts: no login, no last login.
func (s *ReportStore) Signers(ctx context.Context, unitID int64) ([]tuyengiao.User, error) {
	path, err := s.db.authorize(ctx, tuyengiao.ActionUnitView, unitID, unitObject(unitID))
	if err := hidden(err, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy đơn vị.")); err != nil {
		return nil, err
	}
	users, err := s.db.scanUsers(ctx, `SELECT `+userColumns+` FROM users WHERE id IN
		(SELECT user_id FROM report_signers WHERE unit_id = ?) ORDER BY display_name, id`, unitID)
	accounts := tuyengiao.Authorize(tuyengiao.PrincipalFrom(ctx), tuyengiao.ActionAccountView, path) == nil
	out := make([]tuyengiao.User, len(users))
	for i, u := range users {
		out[i] = *u
		if !accounts {
			out[i] = tuyengiao.User{ID: u.ID, DisplayName: u.DisplayName}
		}
	}
	return out, err
}

// SetSigners implements tuyengiao.ReportStore. Each account named must be enabled and see
// the unit (a role at it or above), so that it can read what it signs; none gives the
// signing back to the unit administrators.
func (s *ReportStore) SetSigners(ctx context.Context, unitID int64, userIDs []int64) error {
	u, err := loadUnit(ctx, s.db, unitID)
	if err != nil {
		return err
	} else if err := s.db.check(ctx, tuyengiao.ActionAccountEdit, u.Path, u.ID, unitObject(u.ID)); err != nil {
		return err
	}
	ids := slices.Compact(slices.Sorted(slices.Values(userIDs)))
	if len(ids) > reportMaxSigners {
		return tuyengiao.FieldError("user_ids", "Đơn vị phân công tối đa 20 người ký báo cáo.")
	}
	return s.db.update(ctx, func(tx *Tx) error {
		logins, err := checkSigners(ctx, tx, u, ids)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM report_signers WHERE unit_id = ?`, u.ID); err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := tx.exec(ctx, `INSERT INTO report_signers (unit_id, user_id) VALUES (?, ?)`, u.ID, id); err != nil {
				return err
			}
		}
		detail := "Không phân công người ký báo cáo: quản trị đơn vị ký"
		if len(logins) > 0 {
			detail = "Người ký báo cáo: " + strings.Join(logins, ", ")
		}
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "report.signers", Object: unitObject(u.ID), UnitID: u.ID, Detail: detail})
	})
}

// checkSigners refuses an account that does not exist, is disabled or does not see the unit
// u, naming it, and returns the logins of the accounts.
func checkSigners(ctx context.Context, tx *Tx, u *tuyengiao.Unit, ids []int64) ([]string, error) {
	grants, err := grantsOf(ctx, tx, ids...)
	if err != nil {
		return nil, err
	}
	logins := make([]string, len(ids))
	for i, id := range ids {
		a, err := scanUser(tx.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id).Scan)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, tuyengiao.FieldError("user_ids", "Không tìm thấy tài khoản số %d.", id)
		} else if err != nil {
			return nil, err
		}
		if a.DisabledAt != nil {
			return nil, tuyengiao.FieldError("user_ids", "Tài khoản %s đã bị khóa: không phân công ký báo cáo được.", a.Login)
		}
		if tuyengiao.Authorize(&tuyengiao.Principal{Grants: grants[id]}, tuyengiao.ActionUnitView, u.Path) != nil {
			return nil, tuyengiao.FieldError("user_ids", "Tài khoản %s không có vai trò tại %s hay đơn vị cấp trên: không ký báo cáo của đơn vị được.",
				a.Login, u.Name)
		}
		logins[i] = a.Login
	}
	return logins, nil
}
