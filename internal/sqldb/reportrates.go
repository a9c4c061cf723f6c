package sqldb

import (
	"context"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// subtreeUnits returns the units of the subtree at path, in tree order.
func (db *DB) subtreeUnits(ctx context.Context, path string) ([]*tuyengiao.Unit, error) {
	lo, hi := subtreeRange(path)
	return db.unitsInOrder(ctx, `WHERE path >= ? AND path < ?`, lo, hi)
}

// mustReport reports whether the unit must report the data set for the period: its kind
// reports it and it was not closed before the period began.
func mustReport(ds *tuyengiao.DataSet, u *tuyengiao.Unit, p tuyengiao.Period) bool {
	return ds.Reports(u.Kind) && (u.ClosedAt == nil || !u.ClosedAt.Before(p.From.Time))
}

// ImportValues implements tuyengiao.ReportingService: every bad row is listed, with its row
// and column, and nothing is written unless every row is good.
func (s *Reporting) ImportValues(ctx context.Context, req tuyengiao.ReportImport) (*tuyengiao.ReportImportResult, error) {
	ds, err := loadDataSet(ctx, s.db, req.DataSetID)
	if err != nil {
		return nil, err
	}
	root, err := s.db.authorize(ctx, tuyengiao.ActionReportEnter, req.RootID, formObject(ds.ID, req.RootID, req.Period))
	if err != nil {
		return nil, err
	}
	if req.Period.Kind != ds.PeriodKind {
		return nil, tuyengiao.FieldError("period", "Bộ biểu mẫu %q báo cáo theo kỳ loại %s, không theo kỳ %s.",
			ds.Name, strings.ToLower(ds.PeriodKind.Name()), req.Period.Label())
	}
	units, err := s.db.subtreeUnits(ctx, root)
	if err != nil {
		return nil, err
	}
	byCode := make(map[string]*tuyengiao.Unit, len(units))
	for _, u := range units {
		byCode[strings.ToLower(vn.NFC(u.Code))] = u
	}
	inds, err := formIndicators(ctx, s.db, ds)
	if err != nil {
		return nil, err
	}
	res := &tuyengiao.ReportImportResult{Errors: []*tuyengiao.Error{}}
	targets := make([]*tuyengiao.Unit, len(req.Rows))
	seen := map[int64]int{}
	for i, r := range req.Rows {
		u, bad := importRow(ds, inds, byCode, seen, req.Period, r)
		if bad == nil {
			bad, err = s.openForImport(ctx, ds, u, req.Period, r.Row)
		}
		if err != nil {
			return nil, err
		} else if bad != nil {
			res.Errors = append(res.Errors, bad)
			continue
		}
		targets[i], seen[u.ID] = u, r.Row
	}
	if len(res.Errors) > 0 || !req.Commit {
		return res, nil
	}
	err = s.db.update(ctx, func(tx *Tx) error {
		for i, r := range req.Rows {
			if err := s.enter(ctx, tx, ds, targets[i], req.Period, r.Values); tuyengiao.ErrorCode(err) == tuyengiao.EINTERNAL {
				return err
			} else if err != nil {
				return rowError(r.Row, "", "%s", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	res.Forms, res.Written = len(req.Rows), true
	return res, nil
}

// cellError is rowError about a cell: its message names the row and the column col
// ("Dòng 4, cột Mã đơn vị: …").
func cellError(row int, col, format string, args ...any) *tuyengiao.Error {
	return &tuyengiao.Error{Code: tuyengiao.EINVALID, Field: col, Row: row,
		Key: "Dòng %v, cột %s: %s", Args: []any{row, col, tuyengiao.Errorf(tuyengiao.EINVALID, format, args...)}}
}

// importRow checks one row of an import and returns its unit: known, in the subtree, of a
// kind that reports, once in the file, and its values acceptable.
func importRow(ds *tuyengiao.DataSet, inds map[string]tuyengiao.Indicator, byCode map[string]*tuyengiao.Unit, seen map[int64]int,
	p tuyengiao.Period, r tuyengiao.ReportRow) (*tuyengiao.Unit, *tuyengiao.Error) {
	if r.Err != nil {
		return nil, r.Err
	}
	u := byCode[strings.ToLower(vn.NFC(strings.TrimSpace(r.UnitCode)))]
	switch {
	case strings.TrimSpace(r.UnitCode) == "":
		return nil, cellError(r.Row, "Mã đơn vị", "chưa ghi mã đơn vị.")
	case u == nil:
		return nil, cellError(r.Row, "Mã đơn vị", "không có đơn vị mã %q trong phạm vi đơn vị đang nhập.", r.UnitCode)
	case !mustReport(ds, u, p):
		return nil, cellError(r.Row, "Mã đơn vị", "đơn vị %s không phải báo cáo bộ biểu mẫu %q.", u.Name, ds.Name)
	case seen[u.ID] != 0:
		return nil, cellError(r.Row, "Mã đơn vị", "đơn vị %s đã có ở dòng %v.", u.Name, seen[u.ID])
	}
	for _, v := range r.Values {
		if err := acceptValue(ds, inds, v); err != nil {
			return nil, cellError(r.Row, v.Code, "%s", err)
		}
	}
	return u, nil
}

// openForImport returns a row error when the unit's form takes no value now, saying why.
func (s *Reporting) openForImport(ctx context.Context, ds *tuyengiao.DataSet, u *tuyengiao.Unit, p tuyengiao.Period, row int) (*tuyengiao.Error, error) {
	form, err := loadFormRow(ctx, s.db, ds.ID, u.ID, p)
	if err != nil {
		return nil, err
	}
	if _, why := lockState(ds, p, s.db.today(), form.reopened()); why != "" {
		return cellError(row, "Mã đơn vị", "%s: %s", u.Name, why), nil
	}
	return nil, nil
}

// Completeness implements tuyengiao.ReportingService: the units of the subtree that must
// report, counted on time, late and missing, for the unit and for each of its children.
func (s *Reporting) Completeness(ctx context.Context, dataSetID, unitID int64, p tuyengiao.Period) (*tuyengiao.Completeness, error) {
	ds, root, err := loadTarget(ctx, s.db, dataSetID, unitID)
	if err != nil {
		return nil, err
	}
	if err := s.db.check(ctx, tuyengiao.ActionUnitView, root.Path, root.ID, formObject(ds.ID, root.ID, p)); err != nil {
		return nil, err
	}
	if p.Kind != ds.PeriodKind {
		return nil, tuyengiao.FieldError("period", "Bộ biểu mẫu %q báo cáo theo kỳ loại %s, không theo kỳ %s.",
			ds.Name, strings.ToLower(ds.PeriodKind.Name()), p.Label())
	}
	units, err := s.db.subtreeUnits(ctx, root.Path)
	if err != nil {
		return nil, err
	}
	status, err := s.formStatuses(ctx, ds, root.Path, p)
	if err != nil {
		return nil, err
	}
	out := &tuyengiao.Completeness{DataSet: ds, Unit: root, Period: p, Deadline: ds.Deadline(p), Lines: []tuyengiao.CompletenessLine{}}
	line := map[int64]int{} // line of a unit: the root's and its children's
	depth := len(tuyengiao.PathIDs(root.Path))
	for _, u := range units {
		ids, must := tuyengiao.PathIDs(u.Path), mustReport(ds, u, p)
		st, ok := status[u.ID]
		if !ok {
			st.Status = tuyengiao.FormMissing
		}
		if len(ids) <= depth+1 {
			l := tuyengiao.CompletenessLine{Unit: u}
			if must {
				l.Status, l.ReportedAt = st.Status, st.ReportedAt
			}
			line[u.ID] = len(out.Lines)
			out.Lines = append(out.Lines, l)
		}
		if !must {
			continue
		}
		countStatus(&out.Total, st.Status)
		if len(ids) > depth {
			countStatus(&out.Lines[line[ids[depth]]].Count, st.Status)
		} else {
			countStatus(&out.Lines[0].Count, st.Status)
		}
	}
	return out, nil
}

// countStatus adds a unit of the status to c.
func countStatus(c *tuyengiao.CompletenessCount, st tuyengiao.FormStatus) {
	c.Expected++
	switch st {
	case tuyengiao.FormOnTime:
		c.OnTime++
	case tuyengiao.FormLate:
		c.Late++
	default:
		c.Missing++
	}
}

// formStatuses returns the status of each form of the data set and period in the subtree
// that has one; a unit without is missing.
func (s *Reporting) formStatuses(ctx context.Context, ds *tuyengiao.DataSet, path string, p tuyengiao.Period) (map[int64]tuyengiao.CompletenessLine, error) {
	lo, hi := subtreeRange(path)
	rows, err := s.db.query(ctx, `SELECT unit_id, reported_at, late FROM report_forms WHERE data_set_id = ? AND period = ?
		AND reported_at IS NOT NULL AND unit_id`+inSubtreeSQL, ds.ID, p.String(), lo, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]tuyengiao.CompletenessLine{}
	for rows.Next() {
		var id int64
		var row formRow
		if err := rows.Scan(&id, &row.reportedAt, &row.late); err != nil {
			return nil, err
		}
		l := tuyengiao.CompletenessLine{Status: tuyengiao.FormOnTime, ReportedAt: utcPtr(row.reportedAt)}
		if row.late {
			l.Status = tuyengiao.FormLate
		}
		out[id] = l
	}
	return out, rows.Err()
}
