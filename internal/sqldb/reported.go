package sqldb

import (
	"context"
	"database/sql"
	"errors"
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

// OwnValues returns, for each unit of the subtree, the values entered for the periods lying
// within p: a flow summed over them, a stock the value of the latest of them.
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
	rows, err := s.db.query(ctx, `SELECT unit_id, indicator, period_to, num, den FROM reported_values
		WHERE replaced_at IS NULL AND indicator IN (`+placeholders(len(codes))+`) AND period_from >= ? AND period_to <= ?
		AND unit_id`+inSubtreeSQL+` ORDER BY unit_id, indicator, period_to`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tuyengiao.UnitValue
	for rows.Next() {
		var v tuyengiao.UnitValue
		var to string
		if err := rows.Scan(&v.UnitID, &v.Code, &to, &v.Num, &v.Den); err != nil {
			return nil, err
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

const dataSetColumns = `id, name, indicators, computed, unit_kinds, period_kind, deadline_days`

// DataSets implements tuyengiao.ReportingService.
func (s *Reporting) DataSets(ctx context.Context) ([]*tuyengiao.DataSet, error) {
	if err := requirePrincipal(ctx); err != nil {
		return nil, err
	}
	rows, err := s.db.query(ctx, `SELECT `+dataSetColumns+` FROM data_sets ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*tuyengiao.DataSet{}
	for rows.Next() {
		d, err := scanDataSet(rows.Scan)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func scanDataSet(scan func(...any) error) (*tuyengiao.DataSet, error) {
	var d tuyengiao.DataSet
	var inds, computed, kinds string
	if err := scan(&d.ID, &d.Name, &inds, &computed, &kinds, &d.PeriodKind, &d.DeadlineDays); err != nil {
		return nil, err
	}
	d.Indicators, d.Computed, d.UnitKinds = splitCodes(inds), splitCodes(computed), splitCodes(kinds)
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

func loadDataSet(ctx context.Context, q querier, id int64) (*tuyengiao.DataSet, error) {
	d, err := scanDataSet(q.queryRow(ctx, `SELECT `+dataSetColumns+` FROM data_sets WHERE id = ?`, id).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy bộ biểu mẫu báo cáo.")
	}
	return d, err
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
		if err := checkOwnIndicators(ctx, tx, d); err != nil {
			return err
		}
		now := s.db.now()
		vals := []any{d.Name, strings.Join(d.Indicators, "\n"), strings.Join(d.Computed, "\n"), strings.Join(d.UnitKinds, "\n"),
			d.PeriodKind, d.DeadlineDays, now}
		action := "data_set.update"
		if d.ID == 0 {
			action = "data_set.create"
			err = tx.queryRow(ctx, `INSERT INTO data_sets (name, indicators, computed, unit_kinds, period_kind, deadline_days,
				updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, append(vals, now)...).Scan(&d.ID)
		} else {
			var res sql.Result
			res, err = tx.exec(ctx, `UPDATE data_sets SET name = ?, indicators = ?, computed = ?, unit_kinds = ?, period_kind = ?,
				deadline_days = ?, updated_at = ? WHERE id = ?`, append(vals, d.ID)...)
			if n, _ := rowsAffected(res, err); err == nil && n == 0 {
				return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy bộ biểu mẫu báo cáo.")
			}
		}
		if uniqueViolation(err) {
			return tuyengiao.FieldError("name", "Đã có bộ biểu mẫu tên %q.", d.Name)
		} else if err != nil {
			return err
		}
		detail := fmt.Sprintf("%s: %s; %s; hạn %d ngày; %s", d.Name, strings.Join(d.Indicators, ", "), d.PeriodKind, d.DeadlineDays,
			strings.Join(d.UnitKinds, ", "))
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: action, Object: "data_set:" + fmt.Sprint(d.ID), Detail: detail})
	})
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

// checkOwnIndicators refuses an indicator another data set already holds.
func checkOwnIndicators(ctx context.Context, tx *Tx, d *tuyengiao.DataSet) error {
	rows, err := tx.query(ctx, `SELECT `+dataSetColumns+` FROM data_sets WHERE id <> ?`, d.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		other, err := scanDataSet(rows.Scan)
		if err != nil {
			return err
		}
		for _, c := range d.Indicators {
			if slices.Contains(other.Indicators, c) {
				return tuyengiao.FieldError("indicators", "Chỉ tiêu %q đã thuộc bộ biểu mẫu %q: mỗi chỉ tiêu báo cáo chỉ thuộc một bộ.", c, other.Name)
			}
		}
	}
	return rows.Err()
}
