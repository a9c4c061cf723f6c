package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// reportingData is the page of reporting: the reported indicators, the data sets with a
// link to the rates of each, and the forms of a system administrator to define them.
type reportingData struct {
	Indicators []tuyengiao.Indicator
	Computed   []tuyengiao.Indicator // the computed indicators a data set may show beside
	DataSets   []*tuyengiao.DataSet
	Kinds      []*tuyengiao.UnitKind
	Periods    []tuyengiao.PeriodKind
	EditInd    *tuyengiao.Indicator // the indicator whose form is shown, ?indicator=code
	EditSet    *tuyengiao.DataSet   // the data set whose form is shown, ?set=id
}

// Has reports whether list holds code, for the checked boxes of the data set form.
func (d *reportingData) Has(list []string, code string) bool {
	return slices.Contains(list, code)
}

func (s *Server) reportingPage(w http.ResponseWriter, r *http.Request) error {
	return s.reportingShow(w, r, nil, http.StatusOK, nil)
}

// reportingShow shows the page with err, the refusal of what was posted: a reported
// indicator or a data set, shown again in its own form as it was typed (a change of one,
// posting again to the same address), while the other form stays as the address asks.
func (s *Server) reportingShow(w http.ResponseWriter, r *http.Request, err error, code int, posted any) error {
	ctx := r.Context()
	d := &reportingData{Periods: tuyengiao.PeriodKinds, EditSet: &tuyengiao.DataSet{DeadlineDays: 10, PeriodKind: tuyengiao.PeriodMonth}}
	var lerr error
	if d.Indicators, lerr = s.Reporting.ReportedIndicators(ctx); lerr != nil {
		return lerr
	}
	all, lerr := s.Figures.Indicators(ctx)
	if lerr != nil {
		return lerr
	}
	for _, ind := range all {
		if ind.Source == tuyengiao.SourceComputed {
			d.Computed = append(d.Computed, ind)
		}
	}
	if d.DataSets, lerr = s.Reporting.DataSets(ctx); lerr != nil {
		return lerr
	}
	if d.Kinds, lerr = s.Units.FindUnitKinds(ctx); lerr != nil {
		return lerr
	}
	q := r.URL.Query()
	for i := range d.Indicators {
		if d.Indicators[i].Code == q.Get("indicator") {
			d.EditInd = &d.Indicators[i]
		}
	}
	for _, ds := range d.DataSets {
		if strconv.FormatInt(ds.ID, 10) == q.Get("set") {
			d.EditSet = ds
		}
	}
	p := &page{Title: "Báo cáo từ các đơn vị", Nav: "reporting", Data: d}
	switch posted := posted.(type) {
	case *tuyengiao.DataSet:
		d.EditSet = posted
	case *tuyengiao.Indicator:
		d.EditInd, p.Form = posted, r.PostForm
		if r.PathValue("code") == "" {
			d.EditInd = nil // a new one: the form to add it, with what was typed
		}
	}
	return s.renderForm(w, r, "reporting", p, err, code)
}

// indicatorFromForm reads the fields of the reported indicator form.
func indicatorFromForm(f url.Values, code string) *tuyengiao.Indicator {
	return &tuyengiao.Indicator{Code: strings.TrimSpace(code), Name: vn.NFC(f.Get("name")), NameEn: f.Get("name_en"),
		Measure: f.Get("measure"), MeasureEn: f.Get("measure_en"), Group: f.Get("group"),
		Aggregation: tuyengiao.Aggregation(f.Get("aggregation")), Stock: f.Get("stock") == "1",
		Base: f.Get("base"), BaseEn: f.Get("base_en"), Source: tuyengiao.SourceReported}
}

func (s *Server) reportedIndicatorCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	return s.saveIndicator(w, r, indicatorFromForm(r.PostForm, r.PostForm.Get("code")), false)
}

func (s *Server) reportedIndicatorUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	return s.saveIndicator(w, r, indicatorFromForm(r.PostForm, r.PathValue("code")), true)
}

func (s *Server) saveIndicator(w http.ResponseWriter, r *http.Request, ind *tuyengiao.Indicator, update bool) error {
	if err := s.Reporting.SaveReportedIndicator(r.Context(), ind, update); err != nil {
		return formError(err, func(err error, code int) error { return s.reportingShow(w, r, err, code, ind) })
	}
	http.Redirect(w, r, "/reporting?ok=saved", http.StatusSeeOther)
	return nil
}

// dataSetFromForm reads the fields of the data set form, whose names start with set_ where
// the indicator form's are the same, so that each form shows its own after a refusal.
func dataSetFromForm(f url.Values) (*tuyengiao.DataSet, error) {
	days, err := queryInt(f, "set_deadline_days")
	return &tuyengiao.DataSet{Name: f.Get("set_name"), Indicators: f["indicators"], Computed: f["computed"], UnitKinds: f["unit_kinds"],
		PeriodKind: tuyengiao.PeriodKind(f.Get("set_period_kind")), DeadlineDays: int(days)}, err
}

func (s *Server) dataSetCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	d, err := dataSetFromForm(r.PostForm)
	return s.saveDataSet(w, r, d, err)
}

func (s *Server) dataSetUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	d, err := dataSetFromForm(r.PostForm)
	d.ID = id
	return s.saveDataSet(w, r, d, err)
}

// saveDataSet saves d unless its form could not be read (err); a refusal names the field of
// the data set form (set_name for name).
func (s *Server) saveDataSet(w http.ResponseWriter, r *http.Request, d *tuyengiao.DataSet, err error) error {
	if err == nil {
		err = s.Reporting.SaveDataSet(r.Context(), d)
	}
	var e *tuyengiao.Error
	if errors.As(err, &e) && slices.Contains([]string{"name", "period_kind", "deadline_days"}, e.Field) {
		renamed := *e
		renamed.Field = "set_" + e.Field
		err = &renamed
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.reportingShow(w, r, err, code, d) })
	}
	http.Redirect(w, r, "/reporting?ok=saved", http.StatusSeeOther)
	return nil
}
