package demo

import (
	"context"
	"fmt"

	"tuyengiao"
)

// reportTemplate is the code of the default template of the six-month report.
const reportTemplate = "so-ket-6-thang"

// draftReport drafts through rs the city's six-month report of the first half of the year of
// today, counted from the history just written, so that a fresh demo has a report to read,
// edit and sign; with no rs, none.
func draftReport(ctx context.Context, rs tuyengiao.ReportService, cityID int64, today tuyengiao.Date) error {
	if rs == nil {
		return nil
	}
	templates, err := rs.Templates(ctx)
	if err != nil {
		return fmt.Errorf("demo: report templates: %w", err)
	}
	for _, t := range templates {
		if t.Code == reportTemplate {
			if _, err := rs.Draft(ctx, cityID, t.ID, tuyengiao.HalfPeriod(today.Year(), 1)); err != nil {
				return fmt.Errorf("demo: the six-month report: %w", err)
			}
			return nil
		}
	}
	return fmt.Errorf("demo: no report template %s; the report store adds it at start-up", reportTemplate)
}
