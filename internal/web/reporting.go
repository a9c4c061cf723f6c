package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tuyengiao"
)

// reportPeriod reads ?period= (a period code), by default the period of the data set's kind
// that ended last.
func (s *Server) reportPeriod(v url.Values, ds *tuyengiao.DataSet) (tuyengiao.Period, error) {
	if code := strings.TrimSpace(v.Get("period")); code != "" {
		return tuyengiao.ParsePeriod("period", code)
	}
	return tuyengiao.PeriodContaining(ds.PeriodKind, tuyengiao.DateOf(s.Now())).Previous(), nil
}

// reportTarget reads the data set of the path value "id", the unit of the path value "unit"
// or of ?unit= (by default the top of the caller's view), and the period.
func (s *Server) reportTarget(r *http.Request, v url.Values) (*tuyengiao.DataSet, int64, tuyengiao.Period, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, 0, tuyengiao.Period{}, err
	}
	ds, err := s.Reporting.FindDataSet(r.Context(), id)
	if err != nil {
		return nil, 0, tuyengiao.Period{}, err
	}
	unitID, err := queryInt(v, "unit")
	if r.PathValue("unit") != "" {
		unitID, err = pathID(r, "unit")
	}
	if err != nil {
		return nil, 0, tuyengiao.Period{}, err
	}
	if unitID == 0 {
		if unitID, err = s.firstViewRoot(r); err != nil {
			return nil, 0, tuyengiao.Period{}, err
		}
	}
	p, err := s.reportPeriod(v, ds)
	return ds, unitID, p, err
}

// formLine is an indicator of a form with its value, if entered.
type formLine struct {
	Indicator tuyengiao.Indicator      `json:"indicator"`
	Value     *tuyengiao.ReportedValue `json:"value,omitempty"`
	Computed  *tuyengiao.Value         `json:"computed,omitempty"`
}

// formView is a form with its indicators and, read only beside it, the computed figures of
// the unit for the period that the data set shows.
type formView struct {
	*tuyengiao.Form
	Lines    []formLine `json:"lines"`
	Computed []formLine `json:"computed"`
	// Violations are the validation rules the unit's figures for the period break once
	// values are entered: flagged where they are entered, never refused.
	Violations []tuyengiao.Violation `json:"violations"`
	// CanEnter and CanReopen say whether the caller may enter the form and reopen it from
	// the unit above; like page.CanAt they only decide what is shown.
	CanEnter  bool `json:"-"`
	CanReopen bool `json:"-"`
}

// formView reads the form of the unit and period, checks the unit's figures against the
// validation rules once it holds values, and asks the figure service for the computed
// figures the data set shows beside it.
func (s *Server) formView(r *http.Request, ds *tuyengiao.DataSet, unitID int64, p tuyengiao.Period) (*formView, error) {
	f, err := s.Reporting.Form(r.Context(), ds.ID, unitID, p)
	if err != nil {
		return nil, err
	}
	inds, err := s.Reporting.ReportedIndicators(r.Context())
	if err != nil {
		return nil, err
	}
	pr := tuyengiao.PrincipalFrom(r.Context())
	v := &formView{Form: f, Lines: []formLine{}, Computed: []formLine{}, Violations: []tuyengiao.Violation{},
		CanEnter:  tuyengiao.Authorize(pr, tuyengiao.ActionReportEnter, f.Unit.Path) == nil,
		CanReopen: f.Unit.ParentID != 0 && tuyengiao.Authorize(pr, tuyengiao.ActionReportEnter, tuyengiao.ParentPath(f.Unit.Path)) == nil}
	for _, code := range ds.Indicators {
		for _, ind := range inds {
			if ind.Code == code {
				v.Lines = append(v.Lines, formLine{Indicator: ind, Value: f.ValueOf(code)})
			}
		}
	}
	if len(f.Values) > 0 {
		if v.Violations, err = s.Quality.CheckUnit(r.Context(), unitID, p); err != nil {
			return nil, err
		}
	}
	if len(ds.Computed) == 0 {
		return v, nil
	}
	tb, err := s.Figures.Figures(r.Context(), tuyengiao.FigureQuery{Codes: ds.Computed, UnitID: unitID, Periods: []tuyengiao.Period{p}})
	if err != nil {
		return nil, err
	}
	for i, ind := range tb.Indicators {
		val := tb.Value(0, i, 0)
		v.Computed = append(v.Computed, formLine{Indicator: ind, Computed: &val})
	}
	return v, nil
}

// reportFormPage shows the form of a unit for a period.
func (s *Server) reportFormPage(w http.ResponseWriter, r *http.Request) error {
	return s.reportFormShow(w, r, nil, http.StatusOK)
}

func (s *Server) reportFormShow(w http.ResponseWriter, r *http.Request, err error, code int) error {
	ds, unitID, p, terr := s.reportTarget(r, r.URL.Query())
	if terr != nil {
		return terr
	}
	v, verr := s.formView(r, ds, unitID, p)
	if verr != nil {
		return verr
	}
	pg := &page{Title: ds.Name, Nav: "reporting", Data: v, Form: shownForm(r)}
	return s.renderForm(w, r, "report_form", pg, err, code)
}

// formValues reads the values typed in a form: v.<code> and b.<code> (the denominator of a
// ratio), a blank left out.
func formValues(f url.Values, ds *tuyengiao.DataSet) ([]tuyengiao.UnitValue, error) {
	var out []tuyengiao.UnitValue
	for _, code := range ds.Indicators {
		num, nerr := formNumber(f, "v."+code)
		den, derr := formNumber(f, "b."+code)
		if nerr != nil {
			return nil, nerr
		} else if derr != nil {
			return nil, derr
		}
		if num != nil || den != nil {
			var v tuyengiao.UnitValue
			v.Code = code
			if num != nil {
				v.Num = *num
			}
			if den != nil {
				v.Den = *den
			}
			out = append(out, v)
		}
	}
	return out, nil
}

// formNumber reads a whole number of a field, written with or without dots between
// thousands (20.012); nil for a blank.
func formNumber(f url.Values, field string) (*int64, error) {
	s := strings.ReplaceAll(strings.TrimSpace(f.Get(field)), ".", "")
	if s == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return nil, tuyengiao.FieldError(strings.TrimPrefix(strings.TrimPrefix(field, "v."), "b."), "%q không phải số nguyên.", f.Get(field))
	}
	return &n, nil
}

// reportFormSubmit enters the values of a form.
func (s *Server) reportFormSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	ds, unitID, p, err := s.reportTarget(r, r.URL.Query())
	if err != nil {
		return err
	}
	vals, err := formValues(r.PostForm, ds)
	if err == nil {
		_, err = s.Reporting.EnterValues(r.Context(), tuyengiao.Entry{DataSetID: ds.ID, UnitID: unitID, Period: p, Values: vals})
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.reportFormShow(w, r, err, code) })
	}
	http.Redirect(w, r, formURL(ds.ID, unitID, p)+"&ok=saved", http.StatusSeeOther)
	return nil
}

func formURL(dataSetID, unitID int64, p tuyengiao.Period) string {
	return fmt.Sprintf("/reporting/data-sets/%d/units/%d?period=%s", dataSetID, unitID, p)
}

// reportReopen reopens a unit's locked form, until the day of the field until if given.
func (s *Server) reportReopen(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	ds, unitID, p, err := s.reportTarget(r, r.URL.Query())
	if err != nil {
		return err
	}
	until, err := optionalDate(r.PostForm.Get("until"))
	if err == nil {
		_, err = s.Reporting.ReopenForm(r.Context(), ds.ID, unitID, p, until)
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.reportFormShow(w, r, err, code) })
	}
	http.Redirect(w, r, formURL(ds.ID, unitID, p)+"&ok=unlocked", http.StatusSeeOther)
	return nil
}

// optionalDate reads the day of the field until, as 2006-01-02 or 31/01/2006; zero when blank.
func optionalDate(s string) (tuyengiao.Date, error) {
	if strings.TrimSpace(s) == "" {
		return tuyengiao.Date{}, nil
	}
	d, err := tuyengiao.ParseDate(strings.TrimSpace(s))
	if err != nil {
		return tuyengiao.Date{}, tuyengiao.FieldError("until", "Ngày %q không hợp lệ.", s)
	}
	return d, nil
}

// completenessPage shows how the units below reported a data set for a period.
func (s *Server) completenessPage(w http.ResponseWriter, r *http.Request) error {
	return s.completenessShow(w, r, nil, http.StatusOK)
}

// completenessData is the completeness page: the rates, and an import checked, if any.
type completenessData struct {
	*tuyengiao.Completeness
	CanImport bool // the caller may import for the units below; only decides what is shown
	Import    *tuyengiao.ReportImportResult
	Upload    *tuyengiao.Upload
	Filename  string
	Limit     string
}

func (s *Server) completenessShow(w http.ResponseWriter, r *http.Request, err error, code int) error {
	return s.completenessRender(w, r, &completenessData{}, err, code)
}

// completeness reads the data set, unit and period asked and how the units below reported.
func (s *Server) completeness(r *http.Request) (*tuyengiao.Completeness, error) {
	ds, unitID, p, err := s.reportTarget(r, r.URL.Query())
	if err != nil {
		return nil, err
	}
	return s.Reporting.Completeness(r.Context(), ds.ID, unitID, p)
}

func (s *Server) completenessRender(w http.ResponseWriter, r *http.Request, d *completenessData, err error, code int) error {
	c, cerr := s.completeness(r)
	if cerr != nil {
		return cerr
	}
	d.Completeness, d.Limit = c, byteSize(maxUploadBytes)
	d.CanImport = tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), tuyengiao.ActionReportEnter, c.Unit.Path) == nil
	pg := &page{Title: "Tình hình báo cáo", Nav: "reporting", Data: d}
	return s.renderForm(w, r, "report_completeness", pg, err, code)
}

// reportTemplate sends the XLSX to fill in for the units below that must report.
func (s *Server) reportTemplate(w http.ResponseWriter, r *http.Request) error {
	c, err := s.completeness(r)
	if err != nil {
		return err
	}
	ds, p := c.DataSet, c.Period
	units, _, err := s.Units.FindUnits(r.Context(), tuyengiao.UnitFilter{RootID: c.Unit.ID})
	if err != nil {
		return err
	}
	var reporting []*tuyengiao.Unit
	for _, u := range units {
		if ds.Reports(u.Kind) && !u.Closed() {
			reporting = append(reporting, u)
		}
	}
	inds, err := s.dataSetIndicators(r, ds)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.WriteReportTemplate(&buf, ds, p, inds, reporting); err != nil {
		return err
	}
	sendXLSX(w, fmt.Sprintf("mau-bao-cao-%d-%s-%s.xlsx", ds.ID, c.Unit.Code, p), &buf)
	return nil
}

// dataSetIndicators returns the reported indicators of the data set, in its order.
func (s *Server) dataSetIndicators(r *http.Request, ds *tuyengiao.DataSet) ([]tuyengiao.Indicator, error) {
	all, err := s.Reporting.ReportedIndicators(r.Context())
	if err != nil {
		return nil, err
	}
	var out []tuyengiao.Indicator
	for _, code := range ds.Indicators {
		for _, ind := range all {
			if ind.Code == code {
				out = append(out, ind)
			}
		}
	}
	return out, nil
}

// importReport reads an upload of the data set and checks it, or with commit writes it.
func (s *Server) importReport(r *http.Request, ds *tuyengiao.DataSet, unitID int64, p tuyengiao.Period, up *tuyengiao.Upload, commit bool) (*tuyengiao.ReportImportResult, error) {
	inds, err := s.dataSetIndicators(r, ds)
	if err != nil {
		return nil, err
	}
	rows, err := s.ReadReportRows(bytes.NewReader(up.Content), int64(len(up.Content)), inds)
	if err != nil {
		return nil, err
	}
	return s.Reporting.ImportValues(r.Context(), tuyengiao.ReportImport{DataSetID: ds.ID, RootID: unitID, Period: p, Rows: rows, Commit: commit})
}

// reportImportUpload checks an uploaded file, writing nothing, and shows every bad row; a
// good file is kept, so that the commit writes exactly what was checked.
func (s *Server) reportImportUpload(w http.ResponseWriter, r *http.Request) error {
	up, err := readUpload(r)
	if err != nil {
		return formError(err, func(err error, code int) error { return s.completenessShow(w, r, err, code) })
	}
	up.Kind = "report"
	ds, unitID, p, err := s.reportTarget(r, r.URL.Query())
	if err != nil {
		return err
	}
	res, err := s.importReport(r, ds, unitID, p, up, false)
	if err == nil && len(res.Errors) == 0 {
		err = s.Uploads.SaveUpload(r.Context(), up)
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.completenessShow(w, r, err, code) })
	}
	d := &completenessData{Import: res, Filename: up.Filename}
	if len(res.Errors) == 0 {
		d.Upload = up
	}
	return s.completenessRender(w, r, d, nil, http.StatusOK)
}

// reportImportCommit writes a checked upload, all or nothing.
func (s *Server) reportImportCommit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "upload")
	if err != nil {
		return err
	}
	ds, unitID, p, err := s.reportTarget(r, r.URL.Query())
	if err != nil {
		return err
	}
	up, err := s.Uploads.FindUpload(r.Context(), id)
	if err != nil {
		return err
	} else if up.Kind != "report" {
		return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy tệp đã tải lên.")
	}
	res, err := s.importReport(r, ds, unitID, p, up, true)
	if err != nil {
		return err
	}
	if !res.Written {
		return s.completenessRender(w, r, &completenessData{Import: res, Filename: up.Filename}, nil, http.StatusConflict)
	}
	http.Redirect(w, r, fmt.Sprintf("/reporting/data-sets/%d/completeness?unit=%d&period=%s&ok=imported", ds.ID, unitID, p), http.StatusSeeOther)
	return nil
}
