package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// ReportedFigures is the figure source of the reported indicators: the values the units
// entered in their forms.
type ReportedFigures struct{ db *DB }

// ReportedFigures returns the figure source of the reported indicators.
func (db *DB) ReportedFigures() *ReportedFigures { return &ReportedFigures{db} }

const indicatorColumns = `code, name, name_en, measure, measure_en, grp, aggregation, stock, base, base_en`

// Indicators returns the reported indicators, by code.
func (s *ReportedFigures) Indicators(ctx context.Context) ([]tuyengiao.Indicator, error) {
	return reportedIndicators(ctx, s.db, "")
}

// reportedIndicators reads the reported indicators that the condition where (with its
// arguments; "" for all) keeps, by code.
func reportedIndicators(ctx context.Context, q rowsQuerier, where string, args ...any) ([]tuyengiao.Indicator, error) {
	rows, err := q.query(ctx, `SELECT `+indicatorColumns+` FROM reported_indicators `+where+` ORDER BY code`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuyengiao.Indicator{}
	for rows.Next() {
		ind := tuyengiao.Indicator{Source: tuyengiao.SourceReported}
		if err := rows.Scan(&ind.Code, &ind.Name, &ind.NameEn, &ind.Measure, &ind.MeasureEn, &ind.Group,
			&ind.Aggregation, &ind.Stock, &ind.Base, &ind.BaseEn); err != nil {
			return nil, err
		}
		out = append(out, ind)
	}
	return out, rows.Err()
}

// Version returns the version of the reported figures' data.
func (s *ReportedFigures) Version(ctx context.Context) (int64, error) {
	return s.db.figureVersion(ctx, "reported")
}

// OwnValues returns, for each unit of the subtree, the values entered for the periods lying
// within p: a flow summed over them, a stock the value of the latest of them (the latest
// entered of the same end). Only the values of the forms of the data set that holds the
// indicator now, and of its kind of period, count: a value entered under another data set
// or kind of period would count twice or pick between two periods of the same end.
func (s *ReportedFigures) OwnValues(ctx context.Context, codes []string, subtree string, p tuyengiao.Period) ([]tuyengiao.UnitValue, error) {
	if len(codes) == 0 {
		return nil, nil
	}
	args := make([]any, 0, len(codes)+4)
	for _, c := range codes {
		args = append(args, c)
	}
	inds, err := reportedIndicators(ctx, s.db, `WHERE code IN (`+placeholders(len(codes))+`)`, args...)
	if err != nil {
		return nil, err
	}
	stock := map[string]bool{}
	for _, ind := range inds {
		stock[ind.Code] = ind.Stock
	}
	lo, hi := subtreeRange(subtree)
	args = append(args, p.From.Format(time.DateOnly), p.To.Format(time.DateOnly), lo, hi)
	rows, err := s.db.query(ctx, `SELECT v.unit_id, v.indicator, f.period, d.period_kind, v.num, v.den FROM reported_values v
		JOIN report_forms f ON f.id = v.form_id
		JOIN data_set_indicators i ON i.indicator = v.indicator AND i.data_set_id = f.data_set_id
		JOIN data_sets d ON d.id = f.data_set_id
		WHERE v.replaced_at IS NULL AND v.indicator IN (`+placeholders(len(codes))+`) AND v.period_from >= ? AND v.period_to <= ?
		AND v.unit_id`+inSubtreeSQL+` ORDER BY v.unit_id, v.indicator, v.period_to, v.entered_at, v.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tuyengiao.UnitValue
	for rows.Next() {
		var v tuyengiao.UnitValue
		var period string
		var kind tuyengiao.PeriodKind
		if err := rows.Scan(&v.UnitID, &v.Code, &period, &kind, &v.Num, &v.Den); err != nil {
			return nil, err
		}
		if fp, err := tuyengiao.ParsePeriod("period", period); err != nil || fp.Kind != kind {
			continue // a form of the data set's former kind of period
		}
		n := len(out)
		switch {
		case n == 0 || out[n-1].UnitID != v.UnitID || out[n-1].Code != v.Code:
			out = append(out, v)
		case stock[v.Code]: // a later period of a stock: its value replaces the earlier one
			out[n-1].Value = v.Value
		default:
			out[n-1].Num += v.Num
			out[n-1].Den += v.Den
		}
	}
	return out, rows.Err()
}

// Reporting is the tuyengiao.ReportingService: reported indicators, data sets, their forms
// and the values entered in them.
type Reporting struct {
	db *DB
	// catalogue returns every indicator the figure service knows, to check the computed
	// codes a data set shows beside its form.
	catalogue func(context.Context) ([]tuyengiao.Indicator, error)
}

// Reporting returns the reporting service; catalogue is the figure service's Indicators.
func (db *DB) Reporting(catalogue func(context.Context) ([]tuyengiao.Indicator, error)) *Reporting {
	return &Reporting{db: db, catalogue: catalogue}
}

// ReportedIndicators implements tuyengiao.ReportingService.
func (s *Reporting) ReportedIndicators(ctx context.Context) ([]tuyengiao.Indicator, error) {
	if err := requirePrincipal(ctx); err != nil {
		return nil, err
	}
	return reportedIndicators(ctx, s.db, "")
}

// SaveReportedIndicator implements tuyengiao.ReportingService. A new code must be new to
// the whole catalogue, computed indicators included.
func (s *Reporting) SaveReportedIndicator(ctx context.Context, ind *tuyengiao.Indicator, update bool) error {
	ind.Name, ind.NameEn, ind.Measure, ind.MeasureEn = vn.NFC(ind.Name), vn.NFC(ind.NameEn), vn.NFC(ind.Measure), vn.NFC(ind.MeasureEn)
	ind.Group, ind.Base, ind.BaseEn = vn.NFC(ind.Group), vn.NFC(ind.Base), vn.NFC(ind.BaseEn)
	ind.Source, ind.Records = tuyengiao.SourceReported, ""
	object := "indicator:" + ind.Code
	if err := s.db.check(ctx, tuyengiao.ActionIndicatorManage, "", 0, object); err != nil {
		return err
	}
	if err := ind.Validate(); err != nil {
		return err
	}
	if !update {
		if known, err := s.known(ctx); err != nil {
			return err
		} else if _, dup := known[ind.Code]; dup {
			return tuyengiao.FieldError("code", "Mã chỉ tiêu %q đã có trong danh mục chỉ tiêu.", ind.Code)
		}
	}
	now := s.db.now()
	vals := []any{ind.Name, ind.NameEn, ind.Measure, ind.MeasureEn, ind.Group, ind.Aggregation, ind.Stock, ind.Base, ind.BaseEn, now}
	return s.db.update(ctx, func(tx *Tx) error {
		action := "indicator.create"
		var res sql.Result
		var err error
		if update {
			action = "indicator.update"
			if err := checkIndicatorChange(ctx, tx, ind); err != nil {
				return err
			}
			res, err = tx.exec(ctx, `UPDATE reported_indicators SET name = ?, name_en = ?, measure = ?, measure_en = ?, grp = ?,
				aggregation = ?, stock = ?, base = ?, base_en = ?, updated_at = ? WHERE code = ?`, append(vals, ind.Code)...)
		} else {
			res, err = tx.exec(ctx, `INSERT INTO reported_indicators (name, name_en, measure, measure_en, grp, aggregation, stock,
				base, base_en, updated_at, code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(vals, ind.Code, now)...)
		}
		if uniqueViolation(err) {
			return tuyengiao.FieldError("code", "Mã chỉ tiêu %q đã có trong danh mục chỉ tiêu.", ind.Code)
		} else if err != nil {
			return err
		} else if n, _ := res.RowsAffected(); n == 0 {
			return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không có chỉ tiêu báo cáo mã %q.", ind.Code)
		}
		detail := fmt.Sprintf("%s (%s, %s, tồn=%t)", ind.Name, ind.Measure, ind.Aggregation, ind.Stock)
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: action, Object: object, Detail: detail})
	})
}

// checkIndicatorChange refuses (ECONFLICT), once values were entered for the indicator, to
// change how they add up: the values entered would be read another way. An unknown code
// is let through for the update to say so.
func checkIndicatorChange(ctx context.Context, tx *Tx, ind *tuyengiao.Indicator) error {
	old, err := reportedIndicators(ctx, tx, `WHERE code = ?`, ind.Code)
	if err != nil || len(old) == 0 || old[0].Aggregation == ind.Aggregation && old[0].Stock == ind.Stock {
		return err
	}
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM reported_values WHERE indicator = ?`, ind.Code).Scan(&n); err != nil || n == 0 {
		return err
	}
	if old[0].Aggregation != ind.Aggregation {
		return conflictField("aggregation", "Chỉ tiêu %q (%s) đã có số liệu nhập: không đổi được cách tổng hợp.", old[0].Name, ind.Code)
	}
	return conflictField("stock", "Chỉ tiêu %q (%s) đã có số liệu nhập: không đổi được giữa số tồn cuối kỳ và số phát sinh trong kỳ.",
		old[0].Name, ind.Code)
}

// known returns the catalogue by code.
func (s *Reporting) known(ctx context.Context) (map[string]tuyengiao.Indicator, error) {
	all, err := s.catalogue(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]tuyengiao.Indicator, len(all))
	for _, ind := range all {
		out[ind.Code] = ind
	}
	return out, nil
}

const dataSetColumns = `id, name, computed, unit_kinds, period_kind, deadline_days`

// DataSets implements tuyengiao.ReportingService.
func (s *Reporting) DataSets(ctx context.Context) ([]*tuyengiao.DataSet, error) {
	if err := requirePrincipal(ctx); err != nil {
		return nil, err
	}
	return loadDataSets(ctx, s.db, "")
}

// loadDataSets reads the data sets that the condition where (with its arguments; "" for
// all) keeps, by name, each with its indicators in the order of its form.
func loadDataSets(ctx context.Context, q rowsQuerier, where string, args ...any) ([]*tuyengiao.DataSet, error) {
	rows, err := q.query(ctx, `SELECT `+dataSetColumns+` FROM data_sets `+where+` ORDER BY name`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*tuyengiao.DataSet{}
	byID := map[int64]*tuyengiao.DataSet{}
	for rows.Next() {
		d, err := scanDataSet(rows.Scan)
		if err != nil {
			return nil, err
		}
		out, byID[d.ID] = append(out, d), d
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return out, readDataSetIndicators(ctx, q, byID, where, args...)
}

// readDataSetIndicators fills in the indicators of the data sets, by id, that the
// condition where on data_sets keeps.
func readDataSetIndicators(ctx context.Context, q rowsQuerier, byID map[int64]*tuyengiao.DataSet, where string, args ...any) error {
	rows, err := q.query(ctx, `SELECT data_set_id, indicator FROM data_set_indicators
		WHERE data_set_id IN (SELECT id FROM data_sets `+where+`) ORDER BY data_set_id, position`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return err
		}
		if d := byID[id]; d != nil {
			d.Indicators = append(d.Indicators, code)
		}
	}
	return rows.Err()
}

func scanDataSet(scan func(...any) error) (*tuyengiao.DataSet, error) {
	var d tuyengiao.DataSet
	var computed, kinds string
	if err := scan(&d.ID, &d.Name, &computed, &kinds, &d.PeriodKind, &d.DeadlineDays); err != nil {
		return nil, err
	}
	d.Indicators, d.Computed, d.UnitKinds = []string{}, splitCodes(computed), splitCodes(kinds)
	return &d, nil
}

// splitCodes reads a list of codes stored one a line, never nil.
func splitCodes(s string) []string {
	out := []string{}
	for _, c := range strings.Split(s, "\n") {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

// FindDataSet implements tuyengiao.ReportingService.
func (s *Reporting) FindDataSet(ctx context.Context, id int64) (*tuyengiao.DataSet, error) {
	if err := requirePrincipal(ctx); err != nil {
		return nil, err
	}
	return loadDataSet(ctx, s.db, id)
}

func loadDataSet(ctx context.Context, q rowsQuerier, id int64) (*tuyengiao.DataSet, error) {
	ds, err := loadDataSets(ctx, q, `WHERE id = ?`, id)
	if err != nil {
		return nil, err
	} else if len(ds) == 0 {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy bộ biểu mẫu báo cáo.")
	}
	return ds[0], nil
}

// SaveDataSet implements tuyengiao.ReportingService: the indicators must be reported ones
// that no other data set holds (a value belongs to one form), the computed codes computed
// indicators of the catalogue, the unit kinds kinds of the vocabulary.
func (s *Reporting) SaveDataSet(ctx context.Context, d *tuyengiao.DataSet) error {
	d.Name = vn.NFC(strings.TrimSpace(d.Name))
	object := "data_set:" + fmt.Sprint(d.ID)
	if err := s.db.check(ctx, tuyengiao.ActionIndicatorManage, "", 0, object); err != nil {
		return err
	}
	if err := d.Validate(); err != nil {
		return err
	}
	known, err := s.known(ctx)
	if err != nil {
		return err
	}
	if err := checkDataSetCodes(d, known); err != nil {
		return err
	}
	return s.db.update(ctx, func(tx *Tx) error {
		if err := checkUnitKinds(ctx, tx, d.UnitKinds); err != nil {
			return err
		}
		action := "data_set.update"
		if d.ID == 0 {
			action = "data_set.create"
		} else if err := checkDataSetChange(ctx, tx, d); err != nil {
			return err
		}
		if err := writeDataSet(ctx, tx, d, s.db.now()); uniqueViolation(err) {
			return tuyengiao.FieldError("name", "Đã có bộ biểu mẫu tên %q.", d.Name)
		} else if err != nil {
			return err
		}
		if err := writeDataSetIndicators(ctx, tx, d); err != nil {
			return err
		}
		detail := fmt.Sprintf("%s: %s; %s; hạn %d ngày; %s", d.Name, strings.Join(d.Indicators, ", "), d.PeriodKind, d.DeadlineDays,
			strings.Join(d.UnitKinds, ", "))
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: action, Object: "data_set:" + fmt.Sprint(d.ID), Detail: detail})
	})
}

// writeDataSet inserts a new data set (setting its ID) or updates an existing one, without
// its indicators.
func writeDataSet(ctx context.Context, tx *Tx, d *tuyengiao.DataSet, now time.Time) error {
	vals := []any{d.Name, strings.Join(d.Computed, "\n"), strings.Join(d.UnitKinds, "\n"), d.PeriodKind, d.DeadlineDays, now}
	if d.ID == 0 {
		return tx.queryRow(ctx, `INSERT INTO data_sets (name, computed, unit_kinds, period_kind, deadline_days, updated_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, append(vals, now)...).Scan(&d.ID)
	}
	_, err := tx.exec(ctx, `UPDATE data_sets SET name = ?, computed = ?, unit_kinds = ?, period_kind = ?, deadline_days = ?,
		updated_at = ? WHERE id = ?`, append(vals, d.ID)...)
	return err
}

// checkDataSetChange refuses (ECONFLICT), once values were entered in the data set's forms,
// to change its kind of period or to take out of it an indicator that has values there:
// those values would then be read under another kind of period or belong to no form.
func checkDataSetChange(ctx context.Context, tx *Tx, d *tuyengiao.DataSet) error {
	old, err := loadDataSet(ctx, tx, d.ID)
	if err != nil {
		return err
	}
	// entered tells whether the data set's forms hold a value of the indicator, of any
	// indicator for "".
	entered := func(code string) (bool, error) {
		var n int
		err := tx.queryRow(ctx, `SELECT COUNT(*) FROM reported_values v JOIN report_forms f ON f.id = v.form_id
			WHERE f.data_set_id = ? AND (v.indicator = ? OR ? = '')`, d.ID, code, code).Scan(&n)
		return n > 0, err
	}
	if old.PeriodKind != d.PeriodKind {
		if has, err := entered(""); err != nil {
			return err
		} else if has {
			return conflictField("period_kind", "Bộ biểu mẫu %q đã có số liệu nhập theo kỳ loại %s: không đổi được loại kỳ báo cáo.",
				old.Name, strings.ToLower(old.PeriodKind.Name()))
		}
	}
	for _, c := range old.Indicators {
		if slices.Contains(d.Indicators, c) {
			continue
		}
		if has, err := entered(c); err != nil {
			return err
		} else if has {
			return conflictField("indicators", "Chỉ tiêu %q đã có số liệu nhập trong bộ biểu mẫu %q: không bỏ được chỉ tiêu này khỏi bộ.",
				c, old.Name)
		}
	}
	return nil
}

// writeDataSetIndicators writes the indicators of the data set in their order. An indicator
// another data set holds is refused (ECONFLICT) by the key of data_set_indicators, naming
// that data set: a value belongs to one form.
func writeDataSetIndicators(ctx context.Context, tx *Tx, d *tuyengiao.DataSet) error {
	if _, err := tx.exec(ctx, `DELETE FROM data_set_indicators WHERE data_set_id = ?`, d.ID); err != nil {
		return err
	}
	for i, c := range d.Indicators {
		res, err := tx.exec(ctx, `INSERT INTO data_set_indicators (indicator, data_set_id, position) VALUES (?, ?, ?)
			ON CONFLICT (indicator) DO NOTHING`, c, d.ID, i+1)
		if n, err := rowsAffected(res, err); err != nil {
			return err
		} else if n == 0 {
			var other string
			if err := tx.queryRow(ctx, `SELECT d.name FROM data_set_indicators i JOIN data_sets d ON d.id = i.data_set_id
				WHERE i.indicator = ?`, c).Scan(&other); err != nil {
				return err
			}
			return conflictField("indicators", "Chỉ tiêu %q đã thuộc bộ biểu mẫu %q: mỗi chỉ tiêu báo cáo chỉ thuộc một bộ.", c, other)
		}
	}
	return nil
}

// conflictField returns an ECONFLICT error about one field.
func conflictField(field, format string, args ...any) *tuyengiao.Error {
	return &tuyengiao.Error{Code: tuyengiao.ECONFLICT, Field: field, Key: format, Args: args}
}

func rowsAffected(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// checkDataSetCodes refuses an indicator that is not a reported one of the catalogue and a
// computed code that is not a computed one.
func checkDataSetCodes(d *tuyengiao.DataSet, known map[string]tuyengiao.Indicator) error {
	for _, c := range d.Indicators {
		if ind, ok := known[c]; !ok || ind.Source != tuyengiao.SourceReported {
			return tuyengiao.FieldError("indicators", "Không có chỉ tiêu báo cáo mã %q.", c)
		}
	}
	for _, c := range d.Computed {
		if ind, ok := known[c]; !ok || ind.Source != tuyengiao.SourceComputed {
			return tuyengiao.FieldError("computed", "Không có chỉ tiêu tính từ dữ liệu mã %q.", c)
		}
	}
	return nil
}
