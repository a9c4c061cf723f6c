package sqldb

import (
	"context"
	"time"

	"tuyengiao"
)

func errUnitNotFound() error {
	return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy đơn vị.")
}

// Reports implements tuyengiao.ReportStore: the reports of f.UnitID, with Below of its
// whole subtree, or with f.UnitID 0 of the caller's whole view scope; of f.Period when set;
// the newest period first. A unit the caller may not see is ENOTFOUND. The list carries the
// reports without their figures and sections, which Report and ReportAt read.
func (s *ReportStore) Reports(ctx context.Context, f tuyengiao.ReportFilter) ([]tuyengiao.Report, error) {
	roots, err := s.db.viewRoots(ctx, f.UnitID, "report")
	if err := hidden(err, errUnitNotFound()); err != nil {
		return nil, err
	}
	where, args := scopeClause("u.path", roots)
	if f.UnitID != 0 && !f.Below {
		where, args = "r.unit_id = ?", []any{f.UnitID}
	}
	if p := f.Period; p != nil {
		where += " AND r.period_kind = ? AND r.period_from = ? AND r.period_to = ?"
		args = append(args, p.Kind, p.From.Format(time.DateOnly), p.To.Format(time.DateOnly))
	}
	return s.list(ctx, where+" ORDER BY r.period_to DESC, r.period_from DESC, u.path, r.id DESC", args...)
}

// list returns the reports, without their figures and sections, that the condition (with its
// ORDER BY) keeps: a list of thousands of reports keeps no text of tens of kilobytes each.
func (s *ReportStore) list(ctx context.Context, where string, args ...any) ([]tuyengiao.Report, error) {
	rows, err := s.db.query(ctx, reportSelect("''")+` WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuyengiao.Report{}
	for rows.Next() {
		r, err := scanReport(rows.Scan)
		if err != nil {
			return nil, err
		}
		r.Sections = []tuyengiao.ReportSection{}
		out = append(out, *r.Report)
	}
	return out, rows.Err()
}

// Submissions implements tuyengiao.ReportStore, for a caller who may view the unit: its
// open units right below in tree order, each with the report of the template and period
// that says most of how it stands (the submitted one, else a final one, else the newest
// draft), without its figures and sections.
func (s *ReportStore) Submissions(ctx context.Context, unitID, templateID int64, p tuyengiao.Period) ([]tuyengiao.ReportSubmission, error) {
	_, err := s.db.authorize(ctx, tuyengiao.ActionUnitView, unitID, unitObject(unitID))
	if err := hidden(err, errUnitNotFound()); err != nil {
		return nil, err
	}
	if _, err := loadTemplate(ctx, s.db, templateID); err != nil {
		return nil, err
	}
	children, err := s.openChildren(ctx, unitID)
	if err != nil {
		return nil, err
	}
	reports, err := s.list(ctx, `u.parent_id = ? AND r.template_id = ? AND r.period_kind = ? AND r.period_from = ?
		AND r.period_to = ? ORDER BY r.unit_id, r.submitted_at IS NULL, r.status = 'draft', r.id DESC`,
		unitID, templateID, p.Kind, p.From.Format(time.DateOnly), p.To.Format(time.DateOnly))
	if err != nil {
		return nil, err
	}
	best := map[int64]*tuyengiao.Report{}
	for i := range reports {
		if _, ok := best[reports[i].UnitID]; !ok {
			best[reports[i].UnitID] = &reports[i]
		}
	}
	out := make([]tuyengiao.ReportSubmission, len(children))
	for i, c := range children {
		out[i] = tuyengiao.ReportSubmission{UnitID: c.ID, UnitName: c.Name, Report: best[c.ID]}
	}
	return out, nil
}

// openChildren returns the open units right below the unit, in tree order.
func (s *ReportStore) openChildren(ctx context.Context, unitID int64) ([]*tuyengiao.Unit, error) {
	rows, err := s.db.query(ctx, `SELECT `+unitColumns+` FROM units WHERE parent_id = ? AND closed_at IS NULL`, unitID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*tuyengiao.Unit
	for rows.Next() {
		u, err := scanUnit(rows.Scan)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, s.db.treeOrder(ctx, out)
}
