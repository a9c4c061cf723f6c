package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// ReportStore is the tuyengiao.ReportStore: the templates, the reports with every state they
// were saved in, and the accounts each unit names to sign its reports.
type ReportStore struct{ db *DB }

var _ tuyengiao.ReportStore = (*ReportStore)(nil)

// ReportStore returns the store of the reports.
func (db *DB) ReportStore() *ReportStore { return &ReportStore{db} }

// reportBody is the text of a template or of a report as stored: one JSON document, since a
// template or a report is read and saved whole.
type reportBody struct {
	Subject  string                      `json:"subject"`
	Sections []tuyengiao.ReportSection   `json:"sections"`
	Signing  tuyengiao.ReportSigningPart `json:"signing"`
}

func (b reportBody) encode() (string, error) {
	text, err := json.Marshal(b)
	return string(text), err
}

func decodeBody(text string) (reportBody, error) {
	var b reportBody
	err := json.Unmarshal([]byte(text), &b)
	if b.Sections == nil {
		b.Sections = []tuyengiao.ReportSection{}
	}
	return b, err
}

// normalizeReportText puts what a user typed into NFC: the lines of the head and the foot as
// one line each, the sections' text paragraph by paragraph (nfcText), the codes trimmed; no
// section is nil, and empty lines of "Nơi nhận" go. The sections are copied, so that the
// caller's (a template's, drafted from) stay as they were.
func normalizeReportText(b *reportBody) {
	b.Subject = vn.NFC(b.Subject)
	sections := make([]tuyengiao.ReportSection, len(b.Sections))
	for i, s := range b.Sections {
		s.Title, s.Text, s.Chart = vn.NFC(s.Title), nfcText(s.Text), strings.TrimSpace(s.Chart)
		if s.Table != nil {
			s.Table = slices.Clone(s.Table)
		}
		for j := range s.Table {
			s.Table[j] = strings.TrimSpace(s.Table[j])
		}
		sections[i] = s
	}
	b.Sections = sections
	g := &b.Signing
	g.Superior, g.Issuer, g.Place = vn.NFC(g.Superior), vn.NFC(g.Issuer), vn.NFC(g.Place)
	g.SignFor, g.SignerTitle, g.Signer = vn.NFC(g.SignFor), vn.NFC(g.SignerTitle), vn.NFC(g.Signer)
	recipients := []string{}
	for _, r := range g.Recipients {
		if r = vn.NFC(r); r != "" {
			recipients = append(recipients, r)
		}
	}
	g.Recipients = recipients
}

// templateObject names a template in the audit log.
func templateObject(code string) string { return "report_template:" + code }

const templateColumns = `id, code, name, period_kind, body, updated_at`

func scanTemplate(scan func(dest ...any) error) (*tuyengiao.ReportTemplate, error) {
	t := &tuyengiao.ReportTemplate{}
	var body string
	if err := scan(&t.ID, &t.Code, &t.Name, &t.PeriodKind, &body, &t.UpdatedAt); err != nil {
		return nil, err
	}
	b, err := decodeBody(body)
	if err != nil {
		return nil, fmt.Errorf("report template %d: %w", t.ID, err)
	}
	t.Subject, t.Sections, t.Signing, t.UpdatedAt = b.Subject, b.Sections, b.Signing, t.UpdatedAt.UTC()
	return t, nil
}

// loadTemplate reads a template through q, or returns ENOTFOUND.
func loadTemplate(ctx context.Context, q querier, id int64) (*tuyengiao.ReportTemplate, error) {
	t, err := scanTemplate(q.queryRow(ctx, `SELECT `+templateColumns+` FROM report_templates WHERE id = ?`, id).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy mẫu báo cáo.")
	}
	return t, err
}

// Templates implements tuyengiao.ReportStore: every account reads the templates, in the order
// they were made.
func (s *ReportStore) Templates(ctx context.Context) ([]tuyengiao.ReportTemplate, error) {
	if err := requirePrincipal(ctx); err != nil {
		return nil, err
	}
	rows, err := s.db.query(ctx, `SELECT `+templateColumns+` FROM report_templates ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuyengiao.ReportTemplate{}
	for rows.Next() {
		t, err := scanTemplate(rows.Scan)
		if err != nil {
			return nil, err
		}
		out = append(out, *t)
	}
	return out, rows.Err()
}

// Template implements tuyengiao.ReportStore.
func (s *ReportStore) Template(ctx context.Context, id int64) (*tuyengiao.ReportTemplate, error) {
	if err := requirePrincipal(ctx); err != nil {
		return nil, err
	}
	return loadTemplate(ctx, s.db, id)
}

// templateBody normalises the text of t and returns it as stored, once valid.
func templateBody(t *tuyengiao.ReportTemplate) (string, error) {
	b := reportBody{Subject: t.Subject, Sections: t.Sections, Signing: t.Signing}
	normalizeReportText(&b)
	t.Code, t.Name = strings.TrimSpace(t.Code), vn.NFC(t.Name)
	t.Subject, t.Sections, t.Signing = b.Subject, b.Sections, b.Signing
	if err := t.Validate(); err != nil {
		return "", err
	}
	return b.encode()
}

// SaveTemplate implements tuyengiao.ReportStore. A template keeps its code once made (the
// defaults are told by it, EnsureReportTemplates): a replaced one takes its stored code. A
// code taken is EINVALID on "code".
func (s *ReportStore) SaveTemplate(ctx context.Context, t *tuyengiao.ReportTemplate) error {
	if err := s.db.check(ctx, tuyengiao.ActionReportTemplate, "", 0, templateObject(t.Code)); err != nil {
		return err
	}
	if t.ID != 0 {
		old, err := loadTemplate(ctx, s.db, t.ID)
		if err != nil {
			return err
		}
		t.Code = old.Code
	}
	body, err := templateBody(t)
	if err != nil {
		return err
	}
	now, by := s.db.now(), actingUser(ctx)
	err = s.db.update(ctx, func(tx *Tx) error {
		detail := fmt.Sprintf("Thêm mẫu báo cáo %q, %d phần", t.Name, len(t.Sections))
		var err error
		if t.ID == 0 {
			err = tx.queryRow(ctx, `INSERT INTO report_templates (code, name, period_kind, body, updated_at, updated_by)
				VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, t.Code, t.Name, t.PeriodKind, body, now, by).Scan(&t.ID)
		} else {
			detail = fmt.Sprintf("Sửa mẫu báo cáo %q, %d phần", t.Name, len(t.Sections))
			_, err = tx.exec(ctx, `UPDATE report_templates SET name = ?, period_kind = ?, body = ?, updated_at = ?, updated_by = ?,
				by_system = FALSE WHERE id = ?`, t.Name, t.PeriodKind, body, now, by, t.ID)
		}
		if uniqueViolation(err) {
			return tuyengiao.FieldError("code", "Mã mẫu báo cáo %q đã có.", t.Code)
		} else if err != nil {
			return err
		}
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "report.template", Object: templateObject(t.Code), Detail: detail})
	})
	if err == nil {
		t.UpdatedAt = now
	}
	return err
}

// EnsureReportTemplates adds the templates of ts whose code is not stored yet, and brings up
// to date those stored as the system made them (no system administrator has saved them since)
// when ts words them otherwise, so that the indicators a new capability registers reach the
// reports of an existing database; a template a system administrator saved stays as they
// made it. It runs at start-up, as the migrations do, without a principal: its audit records
// name "system". Several nodes may run it at once; the unique code decides.
func (s *ReportStore) EnsureReportTemplates(ctx context.Context, ts []tuyengiao.ReportTemplate) error {
	now := s.db.now()
	return s.db.update(ctx, func(tx *Tx) error {
		for _, t := range ts {
			body, err := templateBody(&t)
			if err != nil {
				return fmt.Errorf("default report template %s: %w", t.Code, err)
			}
			detail := "Thêm mẫu báo cáo mặc định %q"
			res, err := tx.exec(ctx, `INSERT INTO report_templates (code, name, period_kind, body, updated_at, by_system)
				VALUES (?, ?, ?, ?, ?, TRUE) ON CONFLICT (code) DO NOTHING`, t.Code, t.Name, t.PeriodKind, body, now)
			if n, _ := rowsAffected(res, err); n == 0 && err == nil {
				detail = "Cập nhật mẫu báo cáo mặc định %q theo phiên bản mới của hệ thống"
				res, err = tx.exec(ctx, `UPDATE report_templates SET name = ?, period_kind = ?, body = ?, updated_at = ?
					WHERE code = ? AND by_system AND (body <> ? OR name <> ? OR period_kind <> ?)`,
					t.Name, t.PeriodKind, body, now, t.Code, body, t.Name, t.PeriodKind)
			}
			if n, err := rowsAffected(res, err); err != nil {
				return err
			} else if n == 0 {
				continue
			}
			err = s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Login: "system", Action: "report.template",
				Object: templateObject(t.Code), Detail: fmt.Sprintf(detail, t.Name)})
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// reportObject names a report in the audit log.
func reportObject(id int64) string { return fmt.Sprintf("report:%d", id) }

func errReportNotFound() error {
	return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy báo cáo.")
}

// hidden turns a refusal to read, already audited as denied, into notFound, the answer about
// what does not exist, so that the IDs of what the caller may not see cannot be probed;
// other errors come back as they are.
func hidden(err, notFound error) error {
	if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
		return err
	}
	return errors.Join(notFound, err)
}

// storedReport is a report as read, with what its access check and its next save need.
type storedReport struct {
	*tuyengiao.Report
	path          string // of its unit
	body, figures string // as stored; figures "" where the read left them out
}

// reportSelect reads the columns scanReport takes; figures is the expression of the figures
// column: r.figures, or the empty text to leave them out.
func reportSelect(figures string) string {
	return `SELECT r.id, r.unit_id, u.name, u.path, r.template_id, r.period_kind, r.period_from, r.period_to, r.status,
		r.version, COALESCE(r.number, ''), r.signed_on, r.body, ` + figures + `, r.created_at, r.updated_at,
		COALESCE(ub.display_name, ''), r.finalised_at, COALESCE(fb.display_name, ''), r.submitted_at, COALESCE(sb.display_name, '')
		FROM reports r JOIN units u ON u.id = r.unit_id LEFT JOIN users ub ON ub.id = r.updated_by
		LEFT JOIN users fb ON fb.id = r.finalised_by LEFT JOIN users sb ON sb.id = r.submitted_by`
}

func scanReport(scan func(dest ...any) error) (*storedReport, error) {
	r := &storedReport{Report: &tuyengiao.Report{}}
	var from, to string
	var signed sql.NullString
	var finalised, submitted sql.NullTime
	err := scan(&r.ID, &r.UnitID, &r.UnitName, &r.path, &r.TemplateID, &r.Period.Kind, &from, &to, &r.Status, &r.Version,
		&r.Number, &signed, &r.body, &r.figures, &r.CreatedAt, &r.UpdatedAt, &r.UpdatedBy, &finalised, &r.FinalisedBy,
		&submitted, &r.SubmittedBy)
	if err != nil {
		return nil, err
	}
	r.CreatedAt, r.UpdatedAt = r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	r.FinalisedAt, r.SubmittedAt = utcPtr(finalised), utcPtr(submitted)
	var err1, err2 error
	r.Period.From, err1 = tuyengiao.ParseDate(from)
	r.Period.To, err2 = tuyengiao.ParseDate(to)
	if err := errors.Join(err1, err2, decodeReport(r.Report, signed, r.body, r.figures)); err != nil {
		return nil, fmt.Errorf("report %d: %w", r.ID, err)
	}
	return r, nil
}

// decodeReport sets the signing day, the text and the figures of r from their stored form;
// figures "" leaves them empty.
func decodeReport(r *tuyengiao.Report, signed sql.NullString, body, figures string) error {
	var err error
	r.SignedOn = nil
	if signed.Valid {
		var d tuyengiao.Date
		d, err = tuyengiao.ParseDate(signed.String)
		r.SignedOn = &d
	}
	b, errBody := decodeBody(body)
	r.Subject, r.Sections, r.ReportSigningPart = b.Subject, b.Sections, b.Signing
	r.Figures = tuyengiao.ReportFigures{}
	if figures != "" {
		err = errors.Join(err, json.Unmarshal([]byte(figures), &r.Figures))
	}
	return errors.Join(err, errBody)
}

// loadReport reads a report through q, with its figures or without, or returns ENOTFOUND.
func loadReport(ctx context.Context, q querier, id int64, figures bool) (*storedReport, error) {
	column := "''"
	if figures {
		column = "r.figures"
	}
	r, err := scanReport(q.queryRow(ctx, reportSelect(column)+` WHERE r.id = ?`, id).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errReportNotFound()
	}
	return r, err
}

// visible reads a report the caller may see (ActionUnitView at its unit), else ENOTFOUND.
func (s *ReportStore) visible(ctx context.Context, id int64, figures bool) (*storedReport, error) {
	r, err := loadReport(ctx, s.db, id, figures)
	if err != nil {
		return nil, err
	}
	return r, hidden(s.db.check(ctx, tuyengiao.ActionUnitView, r.path, r.UnitID, reportObject(id)), errReportNotFound())
}

// Report implements tuyengiao.ReportStore.
func (s *ReportStore) Report(ctx context.Context, id int64) (*tuyengiao.Report, error) {
	r, err := s.visible(ctx, id, true)
	if err != nil {
		return nil, err
	}
	return r.Report, nil
}

// reportContent normalises the text of r (normalizeReportText) and its number, and returns
// its text and its figures as stored.
func reportContent(r *tuyengiao.Report) (body, figures string, err error) {
	b := reportBody{Subject: r.Subject, Sections: r.Sections, Signing: r.ReportSigningPart}
	normalizeReportText(&b)
	r.Subject, r.Sections, r.ReportSigningPart = b.Subject, b.Sections, b.Signing
	r.Number = vn.NFC(r.Number)
	if body, err = b.encode(); err != nil {
		return "", "", err
	}
	f, err := json.Marshal(r.Figures)
	return body, string(f), err
}

// draftTarget reads the unit and the template of a new report and checks that the caller
// may draft it at the unit, an open one, for a period the template reports on.
func (s *ReportStore) draftTarget(ctx context.Context, r *tuyengiao.Report) (*tuyengiao.Unit, *tuyengiao.ReportTemplate, error) {
	u, err := loadUnit(ctx, s.db, r.UnitID)
	if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
		return nil, nil, tuyengiao.FieldError("unit_id", "Không tìm thấy đơn vị.")
	} else if err != nil {
		return nil, nil, err
	}
	if err := s.db.check(ctx, tuyengiao.ActionReportEdit, u.Path, u.ID, unitObject(u.ID)); err != nil {
		return nil, nil, err
	}
	t, err := loadTemplate(ctx, s.db, r.TemplateID)
	if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
		return nil, nil, tuyengiao.FieldError("template_id", "Không tìm thấy mẫu báo cáo.")
	} else if err != nil {
		return nil, nil, err
	}
	p := r.Period
	switch {
	case u.ClosedAt != nil:
		return nil, nil, tuyengiao.FieldError("unit_id", "Đơn vị %s đã đóng: không lập báo cáo mới.", u.Name)
	case !wellFormed(p):
		return nil, nil, tuyengiao.FieldError("period", "Chưa chọn kỳ báo cáo hợp lệ.")
	case t.PeriodKind != "" && p.Kind != t.PeriodKind:
		return nil, nil, tuyengiao.FieldError("period", "Mẫu %q dùng cho kỳ %s, không dùng cho %s.",
			t.Name, strings.ToLower(t.PeriodKind.Name()), lowerFirst(p.Label()))
	}
	return u, t, nil
}

// wellFormed reports whether p is a period ParsePeriod reads back from its code: a range of
// days, or a calendar period of the days its kind says.
func wellFormed(p tuyengiao.Period) bool {
	q, err := tuyengiao.ParsePeriod("period", p.String())
	return err == nil && !p.From.IsZero() && q.Kind == p.Kind && q.From.Equal(p.From.Time) && q.To.Equal(p.To.Time)
}

// CreateReport implements tuyengiao.ReportStore: r is stored as a draft, version 1, with
// its text normalised, and read back into r.
func (s *ReportStore) CreateReport(ctx context.Context, r *tuyengiao.Report) error {
	u, t, err := s.draftTarget(ctx, r)
	if err != nil {
		return err
	}
	r.Status, r.Number, r.SignedOn = tuyengiao.ReportDraft, "", nil
	body, figures, err := reportContent(r)
	if err != nil {
		return err
	} else if err := r.Validate(); err != nil {
		return err
	}
	now, by := s.db.now(), actingUser(ctx)
	err = s.db.update(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `INSERT INTO reports (unit_id, template_id, period_kind, period_from, period_to, status, version,
			body, figures, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?) RETURNING id`,
			u.ID, t.ID, r.Period.Kind, r.Period.From.Format(time.DateOnly), r.Period.To.Format(time.DateOnly), r.Status,
			body, figures, now, by, now, by).Scan(&r.ID)
		if err != nil {
			return err
		}
		st := reportState{id: r.ID, version: 1, action: "create", status: r.Status, body: body, figures: figures, newFigures: true}
		if err := st.keep(ctx, tx, by, now); err != nil {
			return err
		}
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "report.draft", Object: reportObject(r.ID), UnitID: u.ID,
			Detail: fmt.Sprintf("Lập dự thảo báo cáo %s theo mẫu %q", lowerFirst(r.Period.Label()), t.Name)})
	})
	if err != nil {
		return err
	}
	return s.reload(ctx, r)
}

// reload reads r again as stored, with its figures.
func (s *ReportStore) reload(ctx context.Context, r *tuyengiao.Report) error {
	fresh, err := loadReport(ctx, s.db, r.ID, true)
	if err == nil {
		*r = *fresh.Report
	}
	return err
}

// reportState is what a save of a report writes: to the report, and as its version, to its
// history.
type reportState struct {
	id                     int64
	version                int
	action, status, number string
	signedOn               *tuyengiao.Date
	body, figures          string
	newFigures             bool // the figures differ from the version before's
}

// keep writes st as a version of the report, saved by by at now; its figures only when new.
func (st reportState) keep(ctx context.Context, tx *Tx, by sql.NullInt64, now time.Time) error {
	figures := sql.NullString{String: st.figures, Valid: st.newFigures}
	_, err := tx.exec(ctx, `INSERT INTO report_versions (report_id, version, action, status, number, signed_on, body, figures,
		saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, st.id, st.version, st.action, st.status,
		nullString(st.number), signedText(st.signedOn), st.body, figures, by, now)
	return err
}

// signedText stores a signing day as "YYYY-MM-DD", none as NULL.
func signedText(d *tuyengiao.Date) sql.NullString {
	if d == nil {
		return sql.NullString{}
	}
	return dateText(*d)
}
