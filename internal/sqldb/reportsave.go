package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// The ways a report is saved after it is drafted (UpdateReport's action), as its versions
// record them.
const (
	reportEdit     = "edit"
	reportRefresh  = "refresh"
	reportFinalise = "finalise"
	reportSubmit   = "submit"
)

// UpdateReport implements tuyengiao.ReportStore. An edit stores the text of r in a draft,
// keeping its figures; a refresh stores its text and figures; finalising stores the number,
// the signing day and the signer's lines, refusing any other change, and freezes the report; submitting hands a final report up once and
// takes r as it is stored, refusing any change. Unit, template and period never change. The
// report is read back into r.
func (s *ReportStore) UpdateReport(ctx context.Context, r *tuyengiao.Report, action string) error {
	if !slices.Contains([]string{reportEdit, reportRefresh, reportFinalise, reportSubmit}, action) {
		return tuyengiao.FieldError("action", "Thao tác %q với báo cáo không hợp lệ.", action)
	}
	err := s.db.update(ctx, func(tx *Tx) error {
		old, err := loadReport(ctx, tx, r.ID, true)
		if err != nil {
			return err
		}
		if err := s.mayUpdate(ctx, tx, old, action); err != nil {
			return err
		} else if r.Version != old.Version {
			return errReportSaved(old.Report)
		}
		st, err := s.nextState(old, r, action)
		if err != nil {
			return err
		}
		return s.save(ctx, tx, old, st)
	})
	if err != nil {
		return err
	}
	return s.reload(ctx, r)
}

// mayUpdate checks that the caller may save the report as action: finalising takes the
// right to sign (maySign), the other saves ActionReportEdit at the report's unit.
func (s *ReportStore) mayUpdate(ctx context.Context, tx *Tx, old *storedReport, action string) error {
	if action == reportFinalise {
		return maySign(ctx, tx, old.path, old.UnitID, reportObject(old.ID))
	}
	return tx.check(ctx, tuyengiao.ActionReportEdit, old.path, old.UnitID, reportObject(old.ID))
}

// errReportSaved is the answer to a save made on a version other than the stored one r.
func errReportSaved(r *tuyengiao.Report) error {
	if r.UpdatedBy == "" {
		return tuyengiao.Errorf(tuyengiao.ECONFLICT, "Báo cáo đã được lưu lúc %s (phiên bản %v) sau khi bạn mở nó. Vui lòng tải lại trang để xem bản mới nhất rồi sửa lại; những gì bạn vừa sửa chưa được lưu.", r.UpdatedAt, r.Version)
	}
	return tuyengiao.Errorf(tuyengiao.ECONFLICT, "Báo cáo đã được lưu bởi %s lúc %s (phiên bản %v) sau khi bạn mở nó. Vui lòng tải lại trang để xem bản mới nhất rồi sửa lại; những gì bạn vừa sửa chưa được lưu.", r.UpdatedBy, r.UpdatedAt, r.Version)
}

// errReportFrozen is the answer to a change of a final report.
func errReportFrozen(r *tuyengiao.Report) error {
	return tuyengiao.Errorf(tuyengiao.EINVALID, "Báo cáo số %s đã ký ban hành: nội dung và số liệu không thay đổi được nữa.", r.Number)
}

// nextState returns what saving r over old as action writes, once the save is allowed in the
// report's status and r is valid.
func (s *ReportStore) nextState(old *storedReport, r *tuyengiao.Report, action string) (reportState, error) {
	st := reportState{id: old.ID, version: old.Version + 1, action: action, status: old.Status, number: old.Number,
		signedOn: old.SignedOn, body: old.body, figures: old.figures}
	body, figures, err := reportContent(r)
	switch {
	case err != nil:
		return st, err
	case action == reportSubmit && old.Status == tuyengiao.ReportDraft:
		return st, tuyengiao.Errorf(tuyengiao.EINVALID, "Báo cáo chưa ký ban hành: cần ký ban hành trước khi gửi lên cấp trên.")
	case action == reportSubmit && old.SubmittedAt != nil:
		return st, tuyengiao.Errorf(tuyengiao.EINVALID, "Báo cáo đã gửi lên cấp trên lúc %s.", *old.SubmittedAt)
	case action == reportSubmit && (body != old.body || figures != old.figures || r.Number != old.Number):
		return st, errReportFrozen(old.Report)
	case action == reportSubmit:
		return st, nil
	case old.Status == tuyengiao.ReportFinal:
		return st, errReportFrozen(old.Report)
	}
	r.Status = tuyengiao.ReportDraft
	if action == reportFinalise {
		r.Status = tuyengiao.ReportFinal
	}
	if err := r.Validate(); err != nil {
		return st, err
	}
	switch action {
	case reportFinalise:
		if err := s.checkSigning(old, r); err != nil {
			return st, err
		} else if signed, err := signedBody(old.body, r); err != nil {
			return st, err
		} else if body != signed || figures != old.figures {
			// The signer may hold no right to edit: what they sign is the draft as saved.
			return st, tuyengiao.Errorf(tuyengiao.EINVALID, "Ký ban hành giữ nguyên nội dung và số liệu của dự thảo: lưu nội dung sửa trước rồi mới ký.")
		}
		st.number, st.signedOn = r.Number, r.SignedOn
	case reportEdit:
		figures = old.figures // an edit changes the text; the figures change by a refresh alone
	}
	st.status, st.body, st.figures, st.newFigures = r.Status, body, figures, figures != old.figures
	return st, nil
}

// signedBody returns the stored text body with the lines of the signature that finalising
// sets taken from r: what the body of r must be when r finalises it.
func signedBody(body string, r *tuyengiao.Report) (string, error) {
	b, err := decodeBody(body)
	if err != nil {
		return "", err
	}
	b.Signing.SignFor, b.Signing.SignerTitle, b.Signing.Signer = r.SignFor, r.SignerTitle, r.Signer
	return b.encode()
}

// checkSigning refuses a final report r, valid, signed on a day before its period begins,
// before the day its figures were counted (Vietnam's) or after today.
func (s *ReportStore) checkSigning(old *storedReport, r *tuyengiao.Report) error {
	if err := s.db.checkDay("signed_on", *r.SignedOn); err != nil {
		return err
	} else if r.SignedOn.Before(old.Period.From.Time) {
		return tuyengiao.FieldError("signed_on", "Ngày ký phải từ ngày đầu kỳ báo cáo (%s) trở đi.", old.Period.From)
	}
	if main := old.Figures.Main; main != nil && !main.AsOf.IsZero() {
		// A report dated before its cut-off would state figures counted after it was signed.
		if cut := tuyengiao.DateOf(main.AsOf.In(vn.Zone)); r.SignedOn.Before(cut.Time) {
			return tuyengiao.FieldError("signed_on", "Ngày ký không được trước ngày tính số liệu (%s).", cut)
		}
	}
	return nil
}

// save writes st over old, the version it was made on, with its audit record.
func (s *ReportStore) save(ctx context.Context, tx *Tx, old *storedReport, st reportState) error {
	now, by := s.db.now(), actingUser(ctx)
	set, args := "", []any{st.status, nullString(st.number), signedText(st.signedOn), st.body, st.figures, now, by}
	switch st.action {
	case reportFinalise:
		set, args = ", finalised_at = ?, finalised_by = ?", append(args, now, by)
	case reportSubmit:
		set, args = ", submitted_at = ?, submitted_by = ?", append(args, now, by)
	}
	res, err := tx.exec(ctx, `UPDATE reports SET status = ?, number = ?, signed_on = ?, body = ?, figures = ?, updated_at = ?,
		updated_by = ?, version = version + 1`+set+` WHERE id = ? AND version = ?`, append(args, old.ID, old.Version)...)
	if uniqueViolation(err) {
		return tuyengiao.FieldError("number", "Số hiệu %s đã dùng cho một báo cáo đã ký khác của %s.", st.number, old.UnitName)
	} else if err != nil {
		return err
	} else if n, _ := res.RowsAffected(); n == 0 {
		// Saved by another transaction since it was read: on PostgreSQL, two saves may read one
		// version at once.
		return errReportSaved(old.Report)
	}
	if err := st.keep(ctx, tx, by, now); err != nil {
		return err
	}
	return s.db.audit(ctx, tx, saveRecord(old, st))
}

// saveRecord is the audit record of a save of the report old as st.
func saveRecord(old *storedReport, st reportState) *tuyengiao.AuditRecord {
	period := lowerFirst(old.Period.Label())
	var action, detail string
	switch st.action {
	case reportEdit:
		action, detail = "report.edit", fmt.Sprintf("Sửa dự thảo báo cáo %s, phiên bản %d", period, st.version)
	case reportRefresh:
		action, detail = "report.refresh", fmt.Sprintf("Cập nhật số liệu dự thảo báo cáo %s, phiên bản %d", period, st.version)
	case reportFinalise:
		action, detail = "report.finalise", fmt.Sprintf("Ký ban hành báo cáo %s, số %s, ngày %s", period, st.number,
			st.signedOn.Format("02/01/2006"))
	default:
		action, detail = "report.submit", fmt.Sprintf("Gửi lên cấp trên báo cáo %s, số %s", period, st.number)
	}
	return &tuyengiao.AuditRecord{Action: action, Object: reportObject(old.ID), UnitID: old.UnitID, Detail: detail}
}

// Versions implements tuyengiao.ReportStore: the saved states of a report the caller may
// see, the newest first.
func (s *ReportStore) Versions(ctx context.Context, id int64) ([]tuyengiao.ReportVersion, error) {
	if _, err := s.visible(ctx, id, false); err != nil {
		return nil, err
	}
	rows, err := s.db.query(ctx, `SELECT v.version, v.action, COALESCE(us.display_name, ''), v.saved_at FROM report_versions v
		LEFT JOIN users us ON us.id = v.saved_by WHERE v.report_id = ? ORDER BY v.version DESC`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuyengiao.ReportVersion{}
	for rows.Next() {
		var v tuyengiao.ReportVersion
		if err := rows.Scan(&v.Version, &v.Action, &v.By, &v.At); err != nil {
			return nil, err
		}
		v.At = v.At.UTC()
		out = append(out, v)
	}
	return out, rows.Err()
}

// ReportAt implements tuyengiao.ReportStore: the report as it was saved in version v, with
// the figures it had then; ENOTFOUND for a version it never had.
func (s *ReportStore) ReportAt(ctx context.Context, id int64, v int) (*tuyengiao.Report, error) {
	r, err := s.visible(ctx, id, false)
	if err != nil {
		return nil, err
	}
	latest := r.Version
	var signed sql.NullString
	var body, figures string
	err = s.db.queryRow(ctx, `SELECT v.status, COALESCE(v.number, ''), v.signed_on, v.body, COALESCE((SELECT f.figures
		FROM report_versions f WHERE f.report_id = v.report_id AND f.version <= v.version AND f.figures IS NOT NULL
		ORDER BY f.version DESC LIMIT 1), ''), v.saved_at, COALESCE(us.display_name, '') FROM report_versions v
		LEFT JOIN users us ON us.id = v.saved_by WHERE v.report_id = ? AND v.version = ?`, id, v).
		Scan(&r.Status, &r.Number, &signed, &body, &figures, &r.UpdatedAt, &r.UpdatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Báo cáo không có phiên bản %d.", v)
	} else if err != nil {
		return nil, err
	}
	if err := decodeReport(r.Report, signed, body, figures); err != nil {
		return nil, fmt.Errorf("report %d version %d: %w", id, v, err)
	}
	r.Version, r.UpdatedAt = v, r.UpdatedAt.UTC()
	if r.Status == tuyengiao.ReportDraft {
		r.FinalisedAt, r.FinalisedBy = nil, ""
	}
	// Submitting is the last save a report has.
	if v != latest {
		r.SubmittedAt, r.SubmittedBy = nil, ""
	}
	return r.Report, nil
}
