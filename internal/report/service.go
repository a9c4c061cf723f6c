package report

import (
	"context"
	"slices"
	"time"

	"tuyengiao"
)

// Service is the report service (tuyengiao.ReportService): it drafts a unit's report from a
// template with every figure counted by the figure service, keeps it through the store, and
// lays it out for the page and the encoders (Assemble). The store checks access, audits and
// keeps the versions; the service counts.
type Service struct {
	Store   tuyengiao.ReportStore
	Figures tuyengiao.FigureService
	Units   tuyengiao.UnitService
	// Now returns the current time, the day a draft is dated; nil: time.Now.
	Now func() time.Time
}

var _ tuyengiao.ReportService = (*Service)(nil)

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// Templates returns every template.
func (s *Service) Templates(ctx context.Context) ([]tuyengiao.ReportTemplate, error) {
	return s.Store.Templates(ctx)
}

// Template returns template id.
func (s *Service) Template(ctx context.Context, id int64) (*tuyengiao.ReportTemplate, error) {
	return s.Store.Template(ctx, id)
}

// SaveTemplate creates or replaces a template (a system administrator's).
func (s *Service) SaveTemplate(ctx context.Context, t *tuyengiao.ReportTemplate) error {
	return s.Store.SaveTemplate(ctx, t)
}

// Draft creates the report of unitID for period p from template templateID: the template's
// subject, sections and signing part, the head defaulted by the unit (draftSigning), and
// every figure counted now.
func (s *Service) Draft(ctx context.Context, unitID, templateID int64, p tuyengiao.Period) (*tuyengiao.Report, error) {
	t, err := s.Store.Template(ctx, templateID)
	if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
		return nil, tuyengiao.FieldError("template_id", "Không tìm thấy mẫu báo cáo.")
	} else if err != nil {
		return nil, err
	}
	u, err := s.Units.FindUnitByID(ctx, unitID)
	if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
		return nil, tuyengiao.FieldError("unit_id", "Không tìm thấy đơn vị.")
	} else if err != nil {
		return nil, err
	}
	if !p.Kind.Valid() || p.From.IsZero() || p.To.Before(p.From.Time) {
		return nil, tuyengiao.FieldError("period", "Chưa chọn kỳ báo cáo hợp lệ.")
	}
	r := &tuyengiao.Report{UnitID: u.ID, UnitName: u.Name, TemplateID: t.ID, Period: p, Status: tuyengiao.ReportDraft,
		Subject: t.Subject, Sections: slices.Clone(t.Sections)}
	if r.ReportSigningPart, err = s.draftSigning(ctx, u, t.Signing); err != nil {
		return nil, err
	}
	if r.Figures, err = s.count(ctx, r); err != nil {
		return nil, err
	}
	if err := s.Store.CreateReport(ctx, r); err != nil {
		return nil, err
	}
	return r, nil
}

// Report returns a report the caller may see.
func (s *Service) Report(ctx context.Context, id int64) (*tuyengiao.Report, error) {
	return s.Store.Report(ctx, id)
}

// Reports returns the reports f asks for.
func (s *Service) Reports(ctx context.Context, f tuyengiao.ReportFilter) ([]tuyengiao.Report, error) {
	return s.Store.Reports(ctx, f)
}

// Edit saves the editor's subject, sections and signing part of a draft made on version
// e.Version, keeping its figures: a table or chart the editor adds shows once the draft is
// refreshed.
func (s *Service) Edit(ctx context.Context, id int64, e tuyengiao.ReportEdit) (*tuyengiao.Report, error) {
	r, err := s.Store.Report(ctx, id)
	if err != nil {
		return nil, err
	}
	r.Version, r.Subject, r.Sections, r.ReportSigningPart = e.Version, e.Subject, e.Sections, e.ReportSigningPart
	if err := s.Store.UpdateReport(ctx, r, "edit"); err != nil {
		return nil, err
	}
	return r, nil
}

// Refresh recounts the figures of a draft made on version, keeping its text.
func (s *Service) Refresh(ctx context.Context, id int64, version int) (*tuyengiao.Report, error) {
	r, err := s.Store.Report(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.Status != tuyengiao.ReportDraft {
		return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Báo cáo số %s đã ký ban hành: nội dung và số liệu không thay đổi được nữa.", r.Number)
	}
	r.Version = version
	if r.Figures, err = s.count(ctx, r); err != nil {
		return nil, err
	}
	if err := s.Store.UpdateReport(ctx, r, "refresh"); err != nil {
		return nil, err
	}
	return r, nil
}

// Finalise signs a draft made on version sg.Version: its number, day and signer. Its figures
// stay as they were counted, with their cut-off; a draft whose text names an indicator its
// figures do not hold yet (added by an edit since they were counted) is refused, as it would
// be frozen with "…" where the figure belongs.
func (s *Service) Finalise(ctx context.Context, id int64, sg tuyengiao.ReportSigning) (*tuyengiao.Report, error) {
	r, err := s.Store.Report(ctx, id)
	if err != nil {
		return nil, err
	}
	if code, err := s.uncounted(ctx, r); err != nil {
		return nil, err
	} else if code != "" {
		return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Báo cáo nêu chỉ tiêu %s nhưng chưa có số liệu của chỉ tiêu này: cập nhật số liệu rồi mới ký ban hành.", code)
	}
	on := sg.SignedOn
	r.Version, r.Number, r.SignedOn = sg.Version, sg.Number, &on
	r.SignFor, r.SignerTitle, r.Signer = sg.SignFor, sg.SignerTitle, sg.Signer
	if err := s.Store.UpdateReport(ctx, r, "finalise"); err != nil {
		return nil, err
	}
	return r, nil
}

// Submit hands a final report to the unit above.
func (s *Service) Submit(ctx context.Context, id int64) (*tuyengiao.Report, error) {
	r, err := s.Store.Report(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.Store.UpdateReport(ctx, r, "submit"); err != nil {
		return nil, err
	}
	return r, nil
}

// Versions lists the saved states of a report.
func (s *Service) Versions(ctx context.Context, id int64) ([]tuyengiao.ReportVersion, error) {
	return s.Store.Versions(ctx, id)
}

// ReportAt returns version v of a report.
func (s *Service) ReportAt(ctx context.Context, id int64, v int) (*tuyengiao.Report, error) {
	return s.Store.ReportAt(ctx, id, v)
}

// Submissions lists the units right below unitID with their report of the template and period.
func (s *Service) Submissions(ctx context.Context, unitID, templateID int64, p tuyengiao.Period) ([]tuyengiao.ReportSubmission, error) {
	return s.Store.Submissions(ctx, unitID, templateID, p)
}

// Signers returns the accounts unitID names to sign its reports.
func (s *Service) Signers(ctx context.Context, unitID int64) ([]tuyengiao.User, error) {
	return s.Store.Signers(ctx, unitID)
}

// SetSigners replaces the accounts unitID names to sign its reports.
func (s *Service) SetSigners(ctx context.Context, unitID int64, userIDs []int64) error {
	return s.Store.SetSigners(ctx, unitID, userIDs)
}

// count counts the figures of report r as of now: Main, every indicator its subject, texts
// and tables name, for its unit and the units right below, for its period, the one before
// and the year before; Months, its charts' indicators for each month of its period. An
// indicator the catalogue does not know is left out (its token shows "…"), never an error.
func (s *Service) count(ctx context.Context, r *tuyengiao.Report) (tuyengiao.ReportFigures, error) {
	known, err := s.known(ctx)
	if err != nil {
		return tuyengiao.ReportFigures{}, err
	}
	main, charts := draftCodes(r)
	p := r.Period
	periods := []tuyengiao.Period{p, p.Previous(), p.YearBefore()}
	var f tuyengiao.ReportFigures
	if f.Main, err = s.figures(ctx, known(main), r.UnitID, 1, periods); err != nil {
		return f, err
	}
	if months := draftMonths(p); len(months) > 0 && len(known(charts)) > 0 {
		f.Months, err = s.figures(ctx, known(charts), r.UnitID, 0, months)
	}
	return f, err
}

// known returns a function that keeps, of codes, those of the catalogue.
func (s *Service) known(ctx context.Context) (func(codes []string) []string, error) {
	cat, err := s.Figures.Indicators(ctx)
	return func(codes []string) []string {
		return slices.DeleteFunc(codes, func(c string) bool {
			return !slices.ContainsFunc(cat, func(ind tuyengiao.Indicator) bool { return ind.Code == c })
		})
	}, err
}

// uncounted returns an indicator of the catalogue that the text, tables or charts of r name
// and its figures do not hold, or "" when they hold every one.
func (s *Service) uncounted(ctx context.Context, r *tuyengiao.Report) (string, error) {
	known, err := s.known(ctx)
	if err != nil {
		return "", err
	}
	holds := func(ft *tuyengiao.FigureTable, c string) bool {
		return ft != nil && slices.ContainsFunc(ft.Indicators, func(ind tuyengiao.Indicator) bool { return ind.Code == c })
	}
	main, charts := draftCodes(r)
	for _, c := range known(main) {
		if !holds(r.Figures.Main, c) {
			return c, nil
		}
	}
	for _, c := range known(charts) {
		if len(draftMonths(r.Period)) > 0 && !holds(r.Figures.Months, c) {
			return c, nil
		}
	}
	return "", nil
}

// figures asks the figure service for codes; for none, it answers an empty table counted now
// rather than ask for every indicator, which is what a query naming none means.
func (s *Service) figures(ctx context.Context, codes []string, unitID int64, depth int, periods []tuyengiao.Period) (*tuyengiao.FigureTable, error) {
	if len(codes) == 0 {
		return &tuyengiao.FigureTable{Periods: periods, AsOf: s.now()}, nil
	}
	return s.Figures.Figures(ctx, tuyengiao.FigureQuery{Codes: codes, UnitID: unitID, Depth: depth, Periods: periods})
}

// draftCodes returns the indicator codes of report r: those its subject, titles, texts and
// tables name, and those its charts draw.
func draftCodes(r *tuyengiao.Report) (main, charts []string) {
	main = tokenCodes(nil, r.Subject)
	for _, sec := range r.Sections {
		main = tokenCodes(tokenCodes(main, sec.Title), sec.Text)
		for _, c := range sec.Table {
			if !slices.Contains(main, c) {
				main = append(main, c)
			}
		}
		if sec.Chart != "" && !slices.Contains(charts, sec.Chart) {
			charts = append(charts, sec.Chart)
		}
	}
	return main, charts
}

// draftMaxMonths bounds the months of a chart, as the figure service answers at most 24
// periods at once: a longer range has no chart.
const draftMaxMonths = 24

// draftMonths returns a period per month of p, the first and last cut to p's days.
func draftMonths(p tuyengiao.Period) []tuyengiao.Period {
	var out []tuyengiao.Period
	for from := p.From; !from.After(p.To.Time); {
		if len(out) == draftMaxMonths {
			return nil
		}
		m := tuyengiao.PeriodContaining(tuyengiao.PeriodMonth, from)
		from = tuyengiao.Date{Time: m.To.AddDate(0, 0, 1)}
		if m.From.Before(p.From.Time) || m.To.After(p.To.Time) {
			m = tuyengiao.RangePeriod(draftLater(m.From, p.From), draftEarlier(m.To, p.To))
		}
		out = append(out, m)
	}
	return out
}

func draftLater(a, b tuyengiao.Date) tuyengiao.Date {
	if a.Before(b.Time) {
		return b
	}
	return a
}

func draftEarlier(a, b tuyengiao.Date) tuyengiao.Date {
	if a.After(b.Time) {
		return b
	}
	return a
}
