package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/chart"
)

// reportsData is the page of a unit's reports: the list, the form that drafts one, and for a
// template and period how the units right below stand with theirs.
type reportsData struct {
	Unit      *tuyengiao.Unit
	Path      []*tuyengiao.Unit
	Children  []tuyengiao.FigureUnit // the unit picker's choices below
	Below     bool                   // the list holds the reports of the whole subtree
	Period    string                 // the code of the period filter, "" for every period
	Periods   []tuyengiao.Period     // the choices of the filter and of a draft
	Reports   []tuyengiao.Report
	Templates []tuyengiao.ReportTemplate
	// Template and DraftPeriod are the template and period of the submissions shown, and
	// the defaults of the draft form.
	Template    *tuyengiao.ReportTemplate
	DraftPeriod tuyengiao.Period
	Submissions []tuyengiao.ReportSubmission
	Submitted   int // of Submissions, those handed to the unit
}

// TemplateName names the template of a report.
func (d *reportsData) TemplateName(id int64) string {
	for _, t := range d.Templates {
		if t.ID == id {
			return t.Name
		}
	}
	return ""
}

// reportsPage lists the reports of a unit: ?unit= or ?unit_code= (by default the top of the
// caller's view), ?period= (a code; none: every period), ?below=1 for the whole subtree, and
// ?template_id= with ?draft_period= for the submissions of the units below.
func (s *Server) reportsPage(w http.ResponseWriter, r *http.Request) error {
	return s.reportsShow(w, r, nil, http.StatusOK)
}

func (s *Server) reportsShow(w http.ResponseWriter, r *http.Request, err error, code int) error {
	q := shownForm(r)
	d, derr := s.reportsData(r, q)
	if derr != nil {
		return derr
	}
	pg := &page{Title: "Báo cáo sơ kết, tổng kết", Nav: "reports", Data: d, Form: q}
	return s.renderForm(w, r, "reports", pg, err, code)
}

func (s *Server) reportsData(r *http.Request, q url.Values) (*reportsData, error) {
	ctx := r.Context()
	unitID, err := s.queryUnit(r, q)
	if err != nil {
		return nil, err
	}
	d := &reportsData{Below: q.Get("below") == "1", Period: q.Get("period"), Periods: recentPeriods(tuyengiao.DateOf(s.today()))}
	if d.Path, err = s.unitPath(r, unitID); err != nil {
		return nil, err
	}
	d.Unit = d.Path[len(d.Path)-1]
	if d.Children, err = s.childChoices(r, unitID); err != nil {
		return nil, err
	}
	f := tuyengiao.ReportFilter{UnitID: unitID, Below: d.Below}
	if d.Period != "" {
		p, err := tuyengiao.ParsePeriod("period", d.Period)
		if err != nil {
			return nil, err
		}
		f.Period = &p
	}
	if d.Reports, err = s.Reports.Reports(ctx, f); err != nil {
		return nil, err
	}
	if d.Templates, err = s.Reports.Templates(ctx); err != nil || len(d.Templates) == 0 {
		return d, err
	}
	if d.Template, d.DraftPeriod, err = s.draftChoice(q, "draft_period", d.Templates); err != nil {
		return nil, err
	}
	if d.Submissions, err = s.Reports.Submissions(ctx, unitID, d.Template.ID, d.DraftPeriod); err != nil {
		return nil, err
	}
	for _, sub := range d.Submissions {
		if sub.Report != nil && sub.Report.SubmittedAt != nil {
			d.Submitted++
		}
	}
	return d, nil
}

// draftChoice reads the template (template_id, by default the first) and the period (the
// code of field period, by default the template's: reportDefaultPeriod) of a draft or of the
// submissions shown.
func (s *Server) draftChoice(q url.Values, period string, ts []tuyengiao.ReportTemplate) (*tuyengiao.ReportTemplate, tuyengiao.Period, error) {
	id, err := queryInt(q, "template_id")
	if err != nil {
		return nil, tuyengiao.Period{}, err
	}
	i := slices.IndexFunc(ts, func(t tuyengiao.ReportTemplate) bool { return t.ID == id })
	if len(ts) == 0 {
		return nil, tuyengiao.Period{}, tuyengiao.FieldError("template_id", "Chưa có mẫu báo cáo nào.")
	} else if id == 0 {
		i = 0
	} else if i < 0 {
		return nil, tuyengiao.Period{}, tuyengiao.FieldError("template_id", "Không tìm thấy mẫu báo cáo.")
	}
	t := &ts[i]
	if code := strings.TrimSpace(q.Get(period)); code != "" {
		p, err := tuyengiao.ParsePeriod(period, code)
		return t, p, err
	}
	return t, reportDefaultPeriod(t.PeriodKind, tuyengiao.DateOf(s.today())), nil
}

// reportDefaultPeriod is the period a report of the kind is drafted for by default: the
// current one in its last month, when such reports are written (the sơ kết 6 tháng in June,
// the tổng kết năm in December), else the one before; a half-year for a template of any
// period.
func reportDefaultPeriod(k tuyengiao.PeriodKind, today tuyengiao.Date) tuyengiao.Period {
	if k == "" || k == tuyengiao.PeriodRange {
		k = tuyengiao.PeriodHalf
	}
	p := tuyengiao.PeriodContaining(k, today)
	if today.Month() != p.To.Month() {
		return p.Previous()
	}
	return p
}

// recentPeriods are the periods a report is drafted for, newest first: the half-years, the
// nine months, the years and the quarters of this year and the last two, begun by today.
func recentPeriods(today tuyengiao.Date) []tuyengiao.Period {
	var out []tuyengiao.Period
	for y := today.Year(); y > today.Year()-3; y-- {
		for _, p := range []tuyengiao.Period{tuyengiao.YearPeriod(y), tuyengiao.HalfPeriod(y, 2), tuyengiao.NinePeriod(y),
			tuyengiao.HalfPeriod(y, 1), tuyengiao.QuarterPeriod(y, 4), tuyengiao.QuarterPeriod(y, 3),
			tuyengiao.QuarterPeriod(y, 2), tuyengiao.QuarterPeriod(y, 1)} {
			if !p.From.After(today.Time) {
				out = append(out, p)
			}
		}
	}
	return out
}

// childChoices returns the open units right below a unit, as the unit picker lists them.
func (s *Server) childChoices(r *http.Request, unitID int64) ([]tuyengiao.FigureUnit, error) {
	units, _, err := s.Units.FindUnits(r.Context(), tuyengiao.UnitFilter{ParentID: unitID, Limit: maxLimit})
	var out []tuyengiao.FigureUnit
	for _, u := range units {
		out = append(out, tuyengiao.FigureUnit{ID: u.ID, Code: u.Code, Name: u.Name})
	}
	return out, err
}

// reportDraft drafts the report of the form's unit, template and period, every figure
// counted now, and opens it.
func (s *Server) reportDraft(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	rep, err := s.draftFrom(r, r.PostForm)
	if err != nil {
		return formError(err, func(err error, code int) error { return s.reportsShow(w, r, err, code) })
	}
	http.Redirect(w, r, reportURL(rep.ID)+"?ok=drafted", http.StatusSeeOther)
	return nil
}

// draftFrom drafts the report that the fields unit, template_id and draft_period ask for.
func (s *Server) draftFrom(r *http.Request, f url.Values) (*tuyengiao.Report, error) {
	unitID, err := queryInt(f, "unit")
	if err != nil {
		return nil, err
	}
	ts, err := s.Reports.Templates(r.Context())
	if err != nil {
		return nil, err
	}
	t, p, err := s.draftChoice(f, "draft_period", ts)
	if err != nil {
		return nil, err
	}
	return s.Reports.Draft(r.Context(), unitID, t.ID, p)
}

func reportURL(id int64) string { return fmt.Sprintf("/reports/%d", id) }

// reportView is a report laid out as on paper, with what the caller may do with it.
type reportView struct {
	Report   *tuyengiao.Report
	Doc      *tuyengiao.ReportDocument
	Blocks   []reportBlock
	Template string // the template's name
	// Latest is the current version when an older one is read, else 0.
	Latest           int
	CanEdit, CanSign bool
	HasTable         bool // the report has a table to download as XLSX
}

// reportBlock is a block of the document with its chart drawn as SVG.
type reportBlock struct {
	tuyengiao.ReportBlock
	SVG template.HTML
}

// FigureTitle names where a figure comes from: its indicator, unit and period.
func (v *reportView) FigureTitle(f *tuyengiao.ReportFigureRef) string {
	parts := []string{f.Indicator}
	if f.UnitID == v.Report.UnitID {
		parts = append(parts, v.Report.UnitName)
	}
	return strings.Join(append(parts, f.Period.Label()), " · ")
}

// ReportStatus names the state of a report: a draft, signed, or signed and submitted.
func (p *page) ReportStatus(r *tuyengiao.Report) string {
	switch {
	case r.SubmittedAt != nil:
		return p.T("Đã gửi cấp trên")
	case r.Status == tuyengiao.ReportFinal:
		return p.T("Đã ký ban hành")
	}
	return p.T("Dự thảo")
}

// readReport returns the report of the path value "id", or with ?version= that version of
// it, and its current version number when an older one is read.
func (s *Server) readReport(r *http.Request) (*tuyengiao.Report, int, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, 0, err
	}
	rep, err := s.Reports.Report(r.Context(), id)
	if err != nil {
		return nil, 0, err
	}
	v, err := queryInt(r.URL.Query(), "version")
	if err != nil || v == 0 || int(v) == rep.Version {
		return rep, 0, err
	}
	old, err := s.Reports.ReportAt(r.Context(), id, int(v))
	return old, rep.Version, err
}

func (s *Server) reportPage(w http.ResponseWriter, r *http.Request) error {
	return s.reportShow(w, r, nil, http.StatusOK)
}

// reportShow shows a report laid out, with err about an action on it if any.
func (s *Server) reportShow(w http.ResponseWriter, r *http.Request, err error, code int) error {
	rep, latest, rerr := s.readReport(r)
	if rerr != nil {
		return rerr
	}
	v, verr := s.reportView(r, rep)
	if verr != nil {
		return verr
	}
	v.Latest = latest
	pg := &page{Title: "Báo cáo sơ kết, tổng kết", Nav: "reports", Data: v}
	return s.renderForm(w, r, "report", pg, err, code)
}

// reportView assembles a report and draws its charts, and says what the caller may do.
func (s *Server) reportView(r *http.Request, rep *tuyengiao.Report) (*reportView, error) {
	doc, err := s.Reports.Assemble(r.Context(), rep)
	if err != nil {
		return nil, err
	}
	v := &reportView{Report: rep, Doc: doc, HasTable: hasTable(doc)}
	for _, b := range doc.Blocks {
		rb := reportBlock{ReportBlock: b}
		if b.Chart != nil {
			if rb.SVG, err = reportChartSVG(b.Chart); err != nil {
				return nil, err
			}
		}
		v.Blocks = append(v.Blocks, rb)
	}
	if t, err := s.Reports.Template(r.Context(), rep.TemplateID); err == nil {
		v.Template = t.Name
	} else if tuyengiao.ErrorCode(err) != tuyengiao.ENOTFOUND {
		return nil, err
	}
	u, err := s.Units.FindUnitByID(r.Context(), rep.UnitID)
	if err != nil {
		return nil, err
	}
	v.CanEdit = tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), tuyengiao.ActionReportEdit, u.Path) == nil
	v.CanSign, err = s.maySign(r, u)
	return v, err
}

// authorizeReport returns the refusal of action on the reports of rep's unit, or nil: the
// forms of a report are refused to whoever may not send them.
func (s *Server) authorizeReport(r *http.Request, rep *tuyengiao.Report, action tuyengiao.Action) error {
	u, err := s.Units.FindUnitByID(r.Context(), rep.UnitID)
	if err != nil {
		return err
	}
	if action != tuyengiao.ActionReportSign {
		return tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), action, u.Path)
	}
	if ok, err := s.maySign(r, u); err != nil || ok {
		return err
	}
	return tuyengiao.Errorf(tuyengiao.EFORBIDDEN, "Chỉ người được đơn vị phân công ký báo cáo mới ký ban hành được báo cáo này.")
}

// maySign reports whether the caller may finalise the reports of unit u: one of the
// accounts it names to sign or, when it names none, whoever holds ActionReportSign there; a
// system administrator always. Like page.CanAt it only decides what is shown.
func (s *Server) maySign(r *http.Request, u *tuyengiao.Unit) (bool, error) {
	pr := tuyengiao.PrincipalFrom(r.Context())
	signers, err := s.Reports.Signers(r.Context(), u.ID)
	if err != nil || pr.IsSysadmin() {
		return pr.IsSysadmin(), err
	}
	if len(signers) == 0 {
		return tuyengiao.Authorize(pr, tuyengiao.ActionReportSign, u.Path) == nil, nil
	}
	return slices.ContainsFunc(signers, func(u tuyengiao.User) bool { return u.ID == pr.UserID }), nil
}

// reportChartSVG draws a chart of a report as the page shows it: a column per month.
func reportChartSVG(c *tuyengiao.ReportChart) (template.HTML, error) {
	bars := make([]chart.Bar, len(c.Labels))
	for i, l := range c.Labels {
		bars[i] = chart.Bar{Label: l, Value: c.Values[i]}
	}
	return barsSVG(bars, false, c.Percent)
}

// reportVersionsData lists the saved states of a report.
type reportVersionsData struct {
	Report   *tuyengiao.Report
	Versions []tuyengiao.ReportVersion
}

// ActionName names what a version of a report saved.
func (p *page) ActionName(action string) string { return p.T(reportActions[action]) }

var reportActions = map[string]string{
	"create": "Soạn dự thảo", "edit": "Sửa nội dung", "refresh": "Cập nhật số liệu",
	"finalise": "Ký ban hành", "submit": "Gửi cấp trên",
}

func (s *Server) reportVersionsPage(w http.ResponseWriter, r *http.Request) error {
	rep, _, err := s.readReport(r)
	if err != nil {
		return err
	}
	vs, err := s.Reports.Versions(r.Context(), rep.ID)
	if err != nil {
		return err
	}
	slices.Reverse(vs)
	return s.render(w, r, "report_versions", &page{Title: "Các phiên bản của báo cáo", Nav: "reports", Data: &reportVersionsData{Report: rep, Versions: vs}})
}

// reportAction carries out an action on a report posted from its page, by the form's
// version, and shows the report again: act returns the error to show there.
func (s *Server) reportAction(w http.ResponseWriter, r *http.Request, ok string, act func(id int64, version int) error) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	version, err := queryInt(r.PostForm, "version")
	if err == nil {
		err = act(id, int(version))
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.reportShow(w, r, err, code) })
	}
	http.Redirect(w, r, reportURL(id)+"?ok="+ok, http.StatusSeeOther)
	return nil
}

// reportRefresh recounts the figures of a draft, keeping its text.
func (s *Server) reportRefresh(w http.ResponseWriter, r *http.Request) error {
	return s.reportAction(w, r, "refreshed", func(id int64, version int) error {
		_, err := s.Reports.Refresh(r.Context(), id, version)
		return err
	})
}

// reportSubmit hands a final report to the unit above.
func (s *Server) reportSubmit(w http.ResponseWriter, r *http.Request) error {
	return s.reportAction(w, r, "submitted", func(id int64, _ int) error {
		_, err := s.Reports.Submit(r.Context(), id)
		return err
	})
}

// reportEncoder returns the encoder of a report's download format (docx, pdf, xlsx) and the
// content type of the file.
func (s *Server) reportEncoder(format string) (func(io.Writer, *tuyengiao.ReportDocument) error, string) {
	switch format {
	case "docx":
		return s.WriteReportDOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case "pdf":
		return s.WriteReportPDF, "application/pdf"
	}
	return s.WriteReportXLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
}

// reportFile sends a report (or ?version= of it) encoded in the format, named by its
// symbol or its unit and period.
func (s *Server) reportFile(w http.ResponseWriter, r *http.Request, format string) error {
	rep, _, err := s.readReport(r)
	if err != nil {
		return err
	}
	doc, err := s.Reports.Assemble(r.Context(), rep)
	if err != nil {
		return err
	}
	if format == "xlsx" && !hasTable(doc) {
		return tuyengiao.Errorf(tuyengiao.EINVALID, "Báo cáo này không có bảng số liệu nào để tải về dạng Excel.")
	}
	write, contentType := s.reportEncoder(format)
	var buf bytes.Buffer
	if err := write(&buf, doc); err != nil {
		return err
	}
	return sendFile(w, doc.FileName+"."+format, contentType, buf.Bytes(), "private, no-cache")
}

// hasTable reports whether a document holds a table, which its XLSX is made of.
func hasTable(doc *tuyengiao.ReportDocument) bool {
	return slices.ContainsFunc(doc.Blocks, func(b tuyengiao.ReportBlock) bool { return b.Table != nil })
}

func (s *Server) reportDOCX(w http.ResponseWriter, r *http.Request) error {
	return s.reportFile(w, r, "docx")
}

func (s *Server) reportPDF(w http.ResponseWriter, r *http.Request) error {
	return s.reportFile(w, r, "pdf")
}

func (s *Server) reportXLSX(w http.ResponseWriter, r *http.Request) error {
	return s.reportFile(w, r, "xlsx")
}
