package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"tuyengiao"
)

// formQuerier reads inside or outside a transaction, one row or many.
type formQuerier interface {
	querier
	rowsQuerier
}

// formRow is what is stored of a form; id 0 for a form nobody has touched.
type formRow struct {
	id            int64
	reportedAt    sql.NullTime
	late          bool
	reopenedUntil sql.NullString
}

func loadFormRow(ctx context.Context, q querier, dataSetID, unitID int64, p tuyengiao.Period) (formRow, error) {
	var f formRow
	err := q.queryRow(ctx, `SELECT id, reported_at, late, reopened_until FROM report_forms
		WHERE data_set_id = ? AND unit_id = ? AND period = ?`, dataSetID, unitID, p.String()).
		Scan(&f.id, &f.reportedAt, &f.late, &f.reopenedUntil)
	if errors.Is(err, sql.ErrNoRows) {
		return formRow{}, nil
	}
	return f, err
}

// reopened returns the last day of the form's reopening, or nil.
func (f formRow) reopened() *tuyengiao.Date {
	if !f.reopenedUntil.Valid {
		return nil
	}
	d, err := tuyengiao.ParseDate(f.reopenedUntil.String)
	if err != nil {
		return nil
	}
	return &d
}

// formObject names a form in the audit log.
func formObject(dataSetID, unitID int64, p tuyengiao.Period) string {
	return fmt.Sprintf("report_form:%d:%d:%s", dataSetID, unitID, p)
}

// loadTarget reads the data set and the unit of a form; the caller checks access before
// checkTarget says more about them.
func loadTarget(ctx context.Context, q formQuerier, dataSetID, unitID int64) (*tuyengiao.DataSet, *tuyengiao.Unit, error) {
	ds, err := loadDataSet(ctx, q, dataSetID)
	if err != nil {
		return nil, nil, err
	}
	u, err := loadUnit(ctx, q, unitID)
	return ds, u, err
}

// checkTarget refuses a period of another kind than the data set's, a unit whose kind does
// not report it and a unit closed before the period.
func checkTarget(ds *tuyengiao.DataSet, u *tuyengiao.Unit, p tuyengiao.Period) error {
	if p.Kind != ds.PeriodKind {
		return tuyengiao.FieldError("period", "Bộ biểu mẫu %q báo cáo theo kỳ loại %s, không theo kỳ %s.",
			ds.Name, strings.ToLower(ds.PeriodKind.Name()), p.Label())
	}
	if !ds.Reports(u.Kind) {
		return tuyengiao.FieldError("unit", "Đơn vị %s không thuộc loại đơn vị phải báo cáo bộ biểu mẫu %q.", u.Name, ds.Name)
	} else if !mustReport(ds, u, p) {
		return tuyengiao.FieldError("unit", "Đơn vị %s đã đóng trước %s: không báo cáo kỳ này.", u.Name, lowerFirst(p.Label()))
	}
	return nil
}

// lockState tells whether a form of period p takes values on day today: why says, in
// Vietnamese, why not; late marks a value taken after the deadline, while reopened.
func lockState(ds *tuyengiao.DataSet, p tuyengiao.Period, today tuyengiao.Date, reopened *tuyengiao.Date) (late bool, why string) {
	deadline := ds.Deadline(p)
	switch {
	case today.Before(p.From.Time):
		return false, fmt.Sprintf("%s chưa bắt đầu: chưa nhập được số liệu của kỳ này.", p.Label())
	case !today.After(deadline.Time):
		return false, ""
	case reopened != nil && !today.After(reopened.Time):
		return true, ""
	case reopened != nil:
		return true, fmt.Sprintf("Biểu mẫu đã khóa: hạn nộp %s là %s (%d ngày sau khi hết kỳ), lần mở lại gần nhất đến hết %s. Đề nghị đơn vị cấp trên mở lại để nhập.",
			lowerFirst(p.Label()), deadline.Format("02/01/2006"), ds.DeadlineDays, reopened.Format("02/01/2006"))
	}
	return true, fmt.Sprintf("Biểu mẫu đã khóa: hạn nộp %s là %s (%d ngày sau khi hết kỳ). Đề nghị đơn vị cấp trên mở lại để nhập.",
		lowerFirst(p.Label()), deadline.Format("02/01/2006"), ds.DeadlineDays)
}

// Form implements tuyengiao.ReportingService.
func (s *Reporting) Form(ctx context.Context, dataSetID, unitID int64, p tuyengiao.Period) (*tuyengiao.Form, error) {
	ds, u, err := loadTarget(ctx, s.db, dataSetID, unitID)
	if err != nil {
		return nil, err
	}
	if err := s.db.check(ctx, tuyengiao.ActionUnitView, u.Path, u.ID, formObject(ds.ID, u.ID, p)); err != nil {
		return nil, err
	}
	if err := checkTarget(ds, u, p); err != nil {
		return nil, err
	}
	return s.form(ctx, s.db, ds, u, p)
}

// form reads the form of the unit for the period through q.
func (s *Reporting) form(ctx context.Context, q formQuerier, ds *tuyengiao.DataSet, u *tuyengiao.Unit, p tuyengiao.Period) (*tuyengiao.Form, error) {
	row, err := loadFormRow(ctx, q, ds.ID, u.ID, p)
	if err != nil {
		return nil, err
	}
	f := &tuyengiao.Form{DataSet: ds, Unit: u, Period: p, Deadline: ds.Deadline(p), Values: []tuyengiao.ReportedValue{},
		Status: tuyengiao.FormMissing, ReopenedUntil: row.reopened()}
	_, f.LockedWhy = lockState(ds, p, s.db.today(), f.ReopenedUntil)
	f.Locked = f.LockedWhy != ""
	if row.reportedAt.Valid {
		f.ReportedAt, f.Status = utcPtr(row.reportedAt), tuyengiao.FormOnTime
		if row.late {
			f.Status = tuyengiao.FormLate
		}
	}
	if row.id == 0 {
		return f, nil
	}
	cur, err := currentValues(ctx, q, row.id)
	if err != nil {
		return nil, err
	}
	for _, c := range ds.Indicators {
		if v, ok := cur[c]; ok {
			f.Values = append(f.Values, v)
		}
	}
	return f, nil
}

// currentValues returns the current values of a form by indicator, with who entered them.
func currentValues(ctx context.Context, q rowsQuerier, formID int64) (map[string]tuyengiao.ReportedValue, error) {
	rows, err := q.query(ctx, `SELECT v.indicator, v.num, v.den, COALESCE(v.entered_by, 0), COALESCE(us.login, ''), v.entered_at,
		v.on_behalf, v.late FROM reported_values v LEFT JOIN users us ON us.id = v.entered_by
		WHERE v.form_id = ? AND v.replaced_at IS NULL`, formID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]tuyengiao.ReportedValue{}
	for rows.Next() {
		var v tuyengiao.ReportedValue
		if err := rows.Scan(&v.Code, &v.Num, &v.Den, &v.EnteredBy, &v.EnteredLogin, &v.EnteredAt, &v.OnBehalf, &v.Late); err != nil {
			return nil, err
		}
		v.EnteredAt = v.EnteredAt.UTC()
		out[v.Code] = v
	}
	return out, rows.Err()
}

// EnterValues implements tuyengiao.ReportingService.
func (s *Reporting) EnterValues(ctx context.Context, e tuyengiao.Entry) (*tuyengiao.Form, error) {
	var f *tuyengiao.Form
	err := s.db.update(ctx, func(tx *Tx) error {
		ds, u, err := loadTarget(ctx, tx, e.DataSetID, e.UnitID)
		if err != nil {
			return err
		}
		if err := tx.check(ctx, tuyengiao.ActionReportEnter, u.Path, u.ID, formObject(ds.ID, u.ID, e.Period)); err != nil {
			return err
		}
		if err := checkTarget(ds, u, e.Period); err != nil {
			return err
		}
		if err := s.enter(ctx, tx, ds, u, e.Period, e.Values); err != nil {
			return err
		}
		f, err = s.form(ctx, tx, ds, u, e.Period)
		return err
	})
	return f, err
}

// formIndicators returns the reported indicators of the data set by code.
func formIndicators(ctx context.Context, q rowsQuerier, ds *tuyengiao.DataSet) (map[string]tuyengiao.Indicator, error) {
	all, err := reportedIndicators(ctx, q, "")
	if err != nil {
		return nil, err
	}
	out := map[string]tuyengiao.Indicator{}
	for _, ind := range all {
		if slices.Contains(ds.Indicators, ind.Code) {
			out[ind.Code] = ind
		}
	}
	return out, nil
}

// lowerFirst lowers the first letter of a label that goes inside a sentence ("tháng 3/2026").
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToLower(r[0])
	}
	return string(r)
}

// acceptValue is the one place a reported value is accepted, whether typed in a form or
// imported: it refuses, naming the indicator, a value that cannot be one. The checks of
// data quality between values belong here too.
func acceptValue(ds *tuyengiao.DataSet, inds map[string]tuyengiao.Indicator, v tuyengiao.UnitValue) error {
	ind, ok := inds[v.Code]
	switch {
	case !ok:
		return tuyengiao.FieldError(v.Code, "Chỉ tiêu %q không thuộc bộ biểu mẫu %q.", v.Code, ds.Name)
	case v.Num < 0 || v.Den < 0:
		return tuyengiao.FieldError(v.Code, "Số liệu của chỉ tiêu %q (%s) không được âm.", ind.Name, ind.Code)
	case tuyengiao.CheckValue(v.Code, v.Value) != nil:
		return tuyengiao.FieldError(v.Code, "Số liệu của chỉ tiêu %q (%s) vượt quá 1.000.000.000.000.000.", ind.Name, ind.Code)
	case ind.Aggregation == tuyengiao.AggregateRatio && v.Den == 0:
		return tuyengiao.FieldError(v.Code, "Chỉ tiêu %q (%s) là tỷ lệ: cần nhập cả mẫu số (%s) lớn hơn 0.", ind.Name, ind.Code, ind.Base)
	case ind.Aggregation == tuyengiao.AggregateSum && v.Den != 0:
		return tuyengiao.FieldError(v.Code, "Chỉ tiêu %q (%s) không có mẫu số.", ind.Name, ind.Code)
	}
	return nil
}

// onBehalf reports whether the principal enters a form of the unit at path from a unit
// above: it holds the right to enter nowhere at the unit itself.
func onBehalf(p *tuyengiao.Principal, path string) bool {
	if p == nil {
		return true
	}
	for _, g := range p.Grants {
		if g.UnitPath == path && g.Role != tuyengiao.RoleSysadmin && g.Role.Permits(tuyengiao.ActionReportEnter) {
			return false
		}
	}
	return true
}

// enter writes values in the form of the unit for the period inside tx, once the caller may
// and the form takes them: a changed value adds a row and marks the one it replaces, audited
// with both; the form is reported when its last missing value comes.
func (s *Reporting) enter(ctx context.Context, tx *Tx, ds *tuyengiao.DataSet, u *tuyengiao.Unit, p tuyengiao.Period, vals []tuyengiao.UnitValue) error {
	row, err := loadFormRow(ctx, tx, ds.ID, u.ID, p)
	if err != nil {
		return err
	}
	late, why := lockState(ds, p, s.db.today(), row.reopened())
	if why != "" {
		return tuyengiao.Errorf(tuyengiao.ECONFLICT, "%s", why)
	}
	inds, err := formIndicators(ctx, tx, ds)
	if err != nil {
		return err
	}
	seen := make(map[string]bool, len(vals))
	for _, v := range vals {
		if seen[v.Code] {
			return tuyengiao.FieldError(v.Code, "Chỉ tiêu %q được ghi hai lần.", v.Code)
		}
		seen[v.Code] = true
		if err := acceptValue(ds, inds, v); err != nil {
			return err
		}
	}
	if row.id == 0 {
		if row.id, err = createForm(ctx, tx, ds.ID, u.ID, p); err != nil {
			return err
		}
	}
	cur, err := currentValues(ctx, tx, row.id)
	if err != nil {
		return err
	}
	now, behalf := s.db.now(), onBehalf(tuyengiao.PrincipalFrom(ctx), u.Path)
	var changes []string
	for _, v := range vals {
		old, had := cur[v.Code]
		if had && old.Value == v.Value {
			continue
		}
		if _, err := tx.exec(ctx, `UPDATE reported_values SET replaced_at = ? WHERE form_id = ? AND indicator = ? AND replaced_at IS NULL`,
			now, row.id, v.Code); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO reported_values (form_id, unit_id, indicator, period_from, period_to, num, den,
			entered_by, on_behalf, late, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, row.id, u.ID, v.Code,
			p.From.Format(time.DateOnly), p.To.Format(time.DateOnly), v.Num, v.Den, actingUser(ctx), behalf, late, now); err != nil {
			return err
		}
		cur[v.Code] = tuyengiao.ReportedValue{Code: v.Code, Value: v.Value}
		changes = append(changes, valueChange(v.Code, old.Value, had, v.Value))
	}
	if len(changes) == 0 {
		return nil
	}
	if err := s.markReported(ctx, tx, ds, row, cur, late, now); err != nil {
		return err
	}
	detail := p.Label() + ": " + strings.Join(changes, "; ")
	if behalf {
		detail += " (nhập thay đơn vị)"
	}
	if late {
		detail += " (sau hạn nộp)"
	}
	return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "report.enter", Object: formObject(ds.ID, u.ID, p), UnitID: u.ID, Detail: detail})
}

// createForm makes the form of the unit for the period and returns its id; when another
// entry made it meanwhile, it returns that one's id (the first two entries into a new form
// may come at once).
func createForm(ctx context.Context, tx *Tx, dataSetID, unitID int64, p tuyengiao.Period) (int64, error) {
	if _, err := tx.exec(ctx, `INSERT INTO report_forms (data_set_id, unit_id, period) VALUES (?, ?, ?)
		ON CONFLICT (data_set_id, unit_id, period) DO NOTHING`, dataSetID, unitID, p.String()); err != nil {
		return 0, err
	}
	var id int64
	err := tx.queryRow(ctx, `SELECT id FROM report_forms WHERE data_set_id = ? AND unit_id = ? AND period = ?`,
		dataSetID, unitID, p.String()).Scan(&id)
	return id, err
}

// valueChange writes a change of value for the audit log: "code: 12 → 15", the previous
// value kept so that nothing entered is lost from the record.
func valueChange(code string, old tuyengiao.Value, had bool, v tuyengiao.Value) string {
	text := func(v tuyengiao.Value) string {
		if v.Den != 0 {
			return fmt.Sprintf("%d/%d", v.Num, v.Den)
		}
		return fmt.Sprint(v.Num)
	}
	if !had {
		return code + ": " + text(v)
	}
	return code + ": " + text(old) + " → " + text(v)
}

// markReported records that the form is reported, on time or late, when it holds a value
// for every indicator of the data set and was not reported before.
func (s *Reporting) markReported(ctx context.Context, tx *Tx, ds *tuyengiao.DataSet, row formRow, cur map[string]tuyengiao.ReportedValue, late bool, now time.Time) error {
	if row.reportedAt.Valid {
		return nil
	}
	for _, c := range ds.Indicators {
		if _, ok := cur[c]; !ok {
			return nil
		}
	}
	_, err := tx.exec(ctx, `UPDATE report_forms SET reported_at = ?, late = ? WHERE id = ?`, now, late, row.id)
	return err
}

// ReopenForm implements tuyengiao.ReportingService.
func (s *Reporting) ReopenForm(ctx context.Context, dataSetID, unitID int64, p tuyengiao.Period, until tuyengiao.Date) (*tuyengiao.Form, error) {
	var f *tuyengiao.Form
	err := s.db.update(ctx, func(tx *Tx) error {
		ds, u, err := loadTarget(ctx, tx, dataSetID, unitID)
		if err != nil {
			return err
		}
		object := formObject(ds.ID, u.ID, p)
		if parent := tuyengiao.ParentPath(u.Path); parent == "/" {
			return tuyengiao.Errorf(tuyengiao.EFORBIDDEN, "Đơn vị %s không có đơn vị cấp trên để mở lại biểu mẫu.", u.Name)
		} else if err := tx.check(ctx, tuyengiao.ActionReportEnter, parent, u.ParentID, object); err != nil {
			return err
		}
		if err := checkTarget(ds, u, p); err != nil {
			return err
		}
		today := s.db.today()
		if deadline := ds.Deadline(p); !today.After(deadline.Time) {
			return tuyengiao.Errorf(tuyengiao.ECONFLICT, "Biểu mẫu chưa quá hạn nộp (%s): đơn vị vẫn nhập được, không cần mở lại.", deadline.Format("02/01/2006"))
		}
		if until.IsZero() {
			until = tuyengiao.Date{Time: today.AddDate(0, 0, max(ds.DeadlineDays, 1))}
		}
		if until.Before(today.Time) || until.After(today.AddDate(1, 0, 0)) {
			return tuyengiao.FieldError("until", "Ngày mở lại đến phải từ hôm nay đến một năm sau.")
		}
		_, err = tx.exec(ctx, `INSERT INTO report_forms (data_set_id, unit_id, period, reopened_until, reopened_by, reopened_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (data_set_id, unit_id, period) DO UPDATE SET reopened_until = excluded.reopened_until,
			reopened_by = excluded.reopened_by, reopened_at = excluded.reopened_at`,
			ds.ID, u.ID, p.String(), until.Format(time.DateOnly), actingUser(ctx), s.db.now())
		if err != nil {
			return err
		}
		detail := fmt.Sprintf("Mở lại biểu mẫu %q, %s của %s đến hết %s", ds.Name, lowerFirst(p.Label()), u.Name, until.Format("02/01/2006"))
		if err := s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "report.reopen", Object: object, UnitID: u.ID, Detail: detail}); err != nil {
			return err
		}
		f, err = s.form(ctx, tx, ds, u, p)
		return err
	})
	return f, err
}
