package web

import (
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// figureParams are what the target and data-quality pages are about: a unit (by default
// the first the caller may view), a period (by default the one of kind holding today), and
// for the quality page the levels below the unit to list (1 by default).
type figureParams struct {
	UnitID int64
	Period tuyengiao.Period
	Depth  int
}

// Pick is the state of the period picker that shows fp.Period.
func (fp figureParams) Pick() periodPick { return newPeriodPick([]tuyengiao.Period{fp.Period}, false) }

// readFigureParams reads ?unit=&period=&depth= from v.
func (s *Server) readFigureParams(r *http.Request, v url.Values, kind tuyengiao.PeriodKind) (figureParams, error) {
	var fp figureParams
	var err error
	if fp.UnitID, err = queryInt(v, "unit"); err != nil {
		return fp, err
	}
	if fp.UnitID == 0 {
		if fp.UnitID, err = s.firstViewRoot(r); err != nil {
			return fp, err
		}
	}
	fp.Period = tuyengiao.PeriodContaining(kind, tuyengiao.Date{Time: s.today()})
	if v.Get("kind") != "" || v.Get("period") != "" {
		periods, err := s.readPeriods(v) // the period picker's fields, or a period's code
		if err != nil {
			return fp, err
		}
		fp.Period = periods[0]
	}
	depth, err := queryInt(v, "depth")
	if _, set := v["depth"]; !set {
		depth = 1
	}
	fp.Depth = int(depth)
	return fp, err
}

// Query returns the parameters as the query of the page's address.
func (fp figureParams) Query() string {
	return url.Values{"unit": {strconv.FormatInt(fp.UnitID, 10)}, "period": {fp.Period.String()}, "depth": {strconv.Itoa(fp.Depth)}}.Encode()
}

// unitFiguresLink is the table of a unit's figures for a period, which the data-quality page
// links each row to.
func unitFiguresLink(unitID int64, p tuyengiao.Period) string {
	return "/figures?unit=" + strconv.FormatInt(unitID, 10) + "&period=" + p.String()
}

// qualityData is what the data-quality page shows.
type qualityData struct {
	*tuyengiao.QualityReport
	Params figureParams
	Roots  []*tuyengiao.Unit // the units to choose from, the one shown included
}

// Link returns the page of the figures of a unit row.
func (d *qualityData) Link(u tuyengiao.FigureUnit) string { return unitFiguresLink(u.ID, d.Period) }

// qualityPage shows the rule violations and the outliers of a unit and of the units below
// it for a period (a quarter by default), with a form to confirm each outlier.
func (s *Server) qualityPage(w http.ResponseWriter, r *http.Request) error {
	return s.qualityForm(w, r, r.URL.Query(), nil)
}

// qualityForm shows the data-quality page of the parameters in v, with the error of a
// confirmation when err is set.
func (s *Server) qualityForm(w http.ResponseWriter, r *http.Request, v url.Values, err error) error {
	fp, perr := s.readFigureParams(r, v, tuyengiao.PeriodQuarter)
	if perr != nil {
		return perr
	}
	rep, qerr := s.Quality.Quality(r.Context(), fp.UnitID, fp.Period, fp.Depth)
	if qerr != nil {
		return qerr
	}
	_, roots, rerr := s.rootChoices(r, tuyengiao.ActionUnitView, fp.UnitID)
	if rerr != nil {
		return rerr
	}
	p := &page{Title: "Chất lượng số liệu", Nav: "quality", Form: r.PostForm, Data: &qualityData{QualityReport: rep, Params: fp, Roots: roots}}
	return s.renderShown(w, r, "quality", p, err)
}

// renderShown shows a page with the error of its form, if any, and the status it calls for.
func (s *Server) renderShown(w http.ResponseWriter, r *http.Request, name string, p *page, err error) error {
	code := http.StatusOK
	if err != nil {
		code = status(tuyengiao.ErrorCode(err))
	}
	return s.renderForm(w, r, name, p, err, code)
}

// readConfirmation reads an outlier's confirmation from a form.
func readConfirmation(f url.Values) (*tuyengiao.OutlierConfirmation, error) {
	unitID, err := queryInt(f, "unit_id")
	if err != nil {
		return nil, err
	}
	value, err := strconv.ParseInt(f.Get("value"), 10, 64)
	if err != nil {
		return nil, tuyengiao.FieldError("value", "Giá trị %q không phải số hợp lệ.", f.Get("value"))
	}
	return &tuyengiao.OutlierConfirmation{Code: f.Get("indicator"), UnitID: unitID, Period: f.Get("period"), Value: value,
		Comment: f.Get("comment")}, nil
}

// qualityConfirm records the confirmation of an outlier and goes back to the page it was
// confirmed on (?back= holds that page's query).
func (s *Server) qualityConfirm(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	back, _ := url.ParseQuery(r.PostForm.Get("back"))
	c, err := readConfirmation(r.PostForm)
	if err == nil {
		err = s.Quality.ConfirmOutlier(r.Context(), c)
	}
	if err != nil {
		return formError(err, func(err error, _ int) error { return s.qualityForm(w, r, back, err) })
	}
	back.Set("ok", "confirmed")
	http.Redirect(w, r, "/quality?"+back.Encode(), http.StatusSeeOther)
	return nil
}

// rulesData is what the page of validation rules shows.
type rulesData struct {
	Rules []tuyengiao.ValidationRule
	Ops   []string
}

// rulesPage lists the validation rules, the defaults then those a system administrator
// added, with the form to add one.
func (s *Server) rulesPage(w http.ResponseWriter, r *http.Request) error {
	return s.rulesForm(w, r, nil, http.StatusOK)
}

func (s *Server) rulesForm(w http.ResponseWriter, r *http.Request, err error, code int) error {
	rules, rerr := s.Rules.ValidationRules(r.Context())
	if rerr != nil {
		return rerr
	}
	d := &rulesData{Rules: rules, Ops: []string{tuyengiao.RuleAtLeast, tuyengiao.RuleAtMost, tuyengiao.RuleEqual}}
	p := &page{Title: "Quy tắc kiểm tra số liệu", Nav: "quality", Data: d, Form: r.PostForm}
	return s.renderForm(w, r, "quality_rules", p, err, code)
}

// ruleCreate adds a validation rule (system administrator).
func (s *Server) ruleCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	f := r.PostForm
	rule := &tuyengiao.ValidationRule{Left: f.Get("left"), Op: f.Get("op"), Right: f.Get("right"), Message: f.Get("message")}
	if err := s.Rules.CreateValidationRule(r.Context(), rule); err != nil {
		return formError(err, func(err error, code int) error { return s.rulesForm(w, r, err, code) })
	}
	http.Redirect(w, r, "/quality/rules?ok=created", http.StatusSeeOther)
	return nil
}

// ruleDelete removes a validation rule (system administrator).
func (s *Server) ruleDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	if err := s.Rules.DeleteValidationRule(r.Context(), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/quality/rules?ok=deleted", http.StatusSeeOther)
	return nil
}

// targetRow is a unit's line of the targets page: its value and its target, as text, and
// the target as the form shows it.
type targetRow struct {
	Unit          tuyengiao.FigureUnit
	Value, Target string
	Input, Field  string
}

// targetsData is what the targets page shows: the targets of an indicator for a period at
// a unit and its children.
type targetsData struct {
	Params     figureParams
	Roots      []*tuyengiao.Unit // the units to choose from, the one shown included
	Indicators []tuyengiao.Indicator
	Indicator  tuyengiao.Indicator
	Rows       []targetRow
}

// Ratio reports whether the indicator's target is a rate, entered in percent.
func (d *targetsData) Ratio() bool { return d.Indicator.Aggregation == tuyengiao.AggregateRatio }

// valueText writes a value in the words of the reports: 20.012, or 97,4% for a ratio; ""
// for a ratio without a base.
func valueText(v tuyengiao.Value, ratio bool) string {
	if !ratio {
		return vn.Int(v.Num)
	}
	if v.Den == 0 {
		return ""
	}
	return vn.Percent(v.Num, v.Den)
}

// targetInput writes a target as the form takes it: a count, or a percent with one
// decimal for a ratio; "" for none.
func targetInput(v tuyengiao.Value, ratio bool) string {
	switch {
	case v == tuyengiao.Value{}:
		return ""
	case ratio && v.Den > 0:
		return vn.Decimal(100*float64(v.Num)/float64(v.Den), 1)
	}
	return vn.Int(v.Num)
}

// parseTarget reads a target typed in field: a count (20.012) or, for a ratio, a percent
// with at most one decimal (97,4), kept as Num/1000. Nothing typed is no target.
func parseTarget(field, s string, ratio bool) (tuyengiao.Value, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return tuyengiao.Value{}, nil
	}
	if ratio {
		x, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(strings.TrimSuffix(s, "%")), ",", ".", 1), 64)
		if err != nil || x < 0 || x > 100 || math.IsNaN(x) {
			return tuyengiao.Value{}, tuyengiao.FieldError(field, "Tỉ lệ %q không hợp lệ: ghi số phần trăm từ 0 đến 100, ví dụ 97,4.", s)
		}
		return tuyengiao.Value{Num: int64(math.Round(x * 10)), Den: 1000}, nil
	}
	n, err := strconv.ParseInt(strings.NewReplacer(".", "", " ", "").Replace(s), 10, 64)
	if err != nil || n < 0 {
		return tuyengiao.Value{}, tuyengiao.FieldError(field, "Số %q không hợp lệ: ghi số nguyên không âm, ví dụ 20.012.", s)
	}
	return tuyengiao.Value{Num: n}, nil
}

// targetTable returns the values and targets of the indicator code (the catalogue's first
// when ""), for the period of fp, at the unit of fp and its children, with the catalogue.
func (s *Server) targetTable(r *http.Request, fp figureParams, code string) (*tuyengiao.FigureTable, []tuyengiao.Indicator, error) {
	inds, err := s.Figures.Indicators(r.Context())
	if err != nil {
		return nil, nil, err
	}
	if code == "" && len(inds) > 0 {
		code = inds[0].Code
	}
	tb, err := s.Figures.Figures(r.Context(), tuyengiao.FigureQuery{Codes: []string{code}, UnitID: fp.UnitID, Depth: 1,
		Periods: []tuyengiao.Period{fp.Period}, Targets: true})
	return tb, inds, err
}

// targetsPage shows the targets of an indicator for a period (a year by default) at a unit
// and its children, as a form to set them.
func (s *Server) targetsPage(w http.ResponseWriter, r *http.Request) error {
	return s.targetsForm(w, r, r.URL.Query(), nil)
}

// targetsForm shows the targets page for the query v, with what was typed and its error
// when err is set.
func (s *Server) targetsForm(w http.ResponseWriter, r *http.Request, v url.Values, err error) error {
	fp, perr := s.readFigureParams(r, v, tuyengiao.PeriodYear)
	if perr != nil {
		return perr
	}
	tb, inds, terr := s.targetTable(r, fp, v.Get("indicator"))
	if terr != nil {
		return terr
	}
	_, roots, rerr := s.rootChoices(r, tuyengiao.ActionUnitView, fp.UnitID)
	if rerr != nil {
		return rerr
	}
	d := &targetsData{Params: fp, Roots: roots, Indicators: inds, Indicator: tb.Indicators[0]}
	for u, unit := range tb.Units {
		if unit.Own {
			continue
		}
		target := tb.Targets[u*len(tb.Indicators)*len(tb.Periods)]
		d.Rows = append(d.Rows, targetRow{Unit: unit, Value: valueText(tb.Value(u, 0, 0), d.Ratio()), Target: valueText(target, d.Ratio()),
			Input: targetInput(target, d.Ratio()), Field: "target_" + strconv.FormatInt(unit.ID, 10)})
	}
	p := &page{Title: "Chỉ tiêu kế hoạch", Nav: "quality", Data: d, Form: r.PostForm}
	return s.renderShown(w, r, "targets", p, err)
}

// targetsSubmit sets the targets typed for the unit and its children, all or none.
func (s *Server) targetsSubmit(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	f := r.PostForm
	fp, err := s.readFigureParams(r, f, tuyengiao.PeriodYear)
	if err != nil {
		return err
	}
	targets, err := s.readTargets(r, fp, f)
	if err == nil {
		err = s.Targets.SetTargets(r.Context(), targets)
	}
	if err != nil {
		return formError(err, func(err error, _ int) error { return s.targetsForm(w, r, f, err) })
	}
	http.Redirect(w, r, "/targets?"+url.Values{"unit": {f.Get("unit")}, "indicator": {f.Get("indicator")},
		"period": {fp.Period.String()}, "ok": {"saved"}}.Encode(), http.StatusSeeOther)
	return nil
}

// readTargets reads the targets of the form f, one per unit row of the table it was shown
// for (field target_<unit id>).
func (s *Server) readTargets(r *http.Request, fp figureParams, f url.Values) ([]tuyengiao.Target, error) {
	tb, _, err := s.targetTable(r, fp, f.Get("indicator"))
	if err != nil {
		return nil, err
	}
	ind := tb.Indicators[0]
	var out []tuyengiao.Target
	for _, unit := range tb.Units {
		field := "target_" + strconv.FormatInt(unit.ID, 10)
		if _, typed := f[field]; unit.Own || !typed {
			continue
		}
		v, err := parseTarget(field, f.Get(field), ind.Aggregation == tuyengiao.AggregateRatio)
		if err != nil {
			return nil, err
		}
		out = append(out, tuyengiao.Target{Code: ind.Code, UnitID: unit.ID, Period: fp.Period.String(), Value: v})
	}
	return out, nil
}

// apiTargets answers the values and targets of an indicator for a period at a unit and
// its children: a FigureTable with its targets.
func (s *Server) apiTargets(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	fp, err := s.readFigureParams(r, q, tuyengiao.PeriodYear)
	if err != nil {
		return err
	}
	tb, _, err := s.targetTable(r, fp, q.Get("indicator"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, tb)
	return nil
}

// apiTargetsSet sets targets of one indicator and period, all or none.
func (s *Server) apiTargetsSet(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Indicator string `json:"indicator"`
		Period    string `json:"period"`
		Targets   []struct {
			UnitID int64 `json:"unit_id"`
			Value  int64 `json:"value"`
			Base   int64 `json:"base"`
		} `json:"targets"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	targets := make([]tuyengiao.Target, len(in.Targets))
	for i, t := range in.Targets {
		targets[i] = tuyengiao.Target{Code: in.Indicator, UnitID: t.UnitID, Period: in.Period, Value: tuyengiao.Value{Num: t.Value, Den: t.Base}}
	}
	if err := s.Targets.SetTargets(r.Context(), targets); err != nil {
		return err
	}
	return noContent(w)
}

// apiQuality answers the data quality of a unit and the units below it for a period.
func (s *Server) apiQuality(w http.ResponseWriter, r *http.Request) error {
	fp, err := s.readFigureParams(r, r.URL.Query(), tuyengiao.PeriodQuarter)
	if err != nil {
		return err
	}
	rep, err := s.Quality.Quality(r.Context(), fp.UnitID, fp.Period, fp.Depth)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

// apiConfirmOutlier records the confirmation of an outlier.
func (s *Server) apiConfirmOutlier(w http.ResponseWriter, r *http.Request) error {
	var c tuyengiao.OutlierConfirmation
	if err := decodeJSON(r, &c); err != nil {
		return err
	}
	if err := s.Quality.ConfirmOutlier(r.Context(), &c); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, c)
	return nil
}

// apiRules lists the validation rules, the defaults first.
func (s *Server) apiRules(w http.ResponseWriter, r *http.Request) error {
	rules, err := s.Rules.ValidationRules(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(rules, len(rules)))
	return nil
}

// apiRuleCreate adds a validation rule (system administrator).
func (s *Server) apiRuleCreate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Left    string `json:"left"`
		Op      string `json:"op"`
		Right   string `json:"right"`
		Message string `json:"message"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	rule := &tuyengiao.ValidationRule{Left: in.Left, Op: in.Op, Right: in.Right, Message: in.Message}
	if err := s.Rules.CreateValidationRule(r.Context(), rule); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, rule)
	return nil
}

// apiRuleDelete removes a validation rule (system administrator).
func (s *Server) apiRuleDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.Rules.DeleteValidationRule(r.Context(), id); err != nil {
		return err
	}
	return noContent(w)
}
