package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/record"
	"tuyengiao/internal/vn"
)

// kindHandler is a handler of the pages or calls of one declared kind of record.
type kindHandler func(s *Server, w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error

// withKind binds a handler of kinds to the kind k of its route.
func withKind(k *tuyengiao.RecordKind, f kindHandler) func(*Server, http.ResponseWriter, *http.Request) error {
	return func(s *Server, w http.ResponseWriter, r *http.Request) error { return f(s, w, r, k) }
}

// recordFilter reads the filter of a list of records of kind k from a query: unit (or
// unit_code, the pages' picker; by default the top of the caller's view), from and to (days),
// each choice, yes/no or ref field by its name (as RecordMatch writes them; a field given
// twice keeps either), view (a view of the kind, which narrows the rest as of today), q,
// and offset and limit or page (from 1).
func (s *Server) recordFilter(r *http.Request, k *tuyengiao.RecordKind, q url.Values) (tuyengiao.RecordFilter, error) {
	var f tuyengiao.RecordFilter
	var err error
	if f.UnitID, err = s.queryUnit(r, q); err != nil {
		return f, err
	}
	if f.From, err = formDay(q, "from"); err != nil {
		return f, err
	}
	if f.To, err = formDay(q, "to"); err != nil {
		return f, err
	}
	for _, fd := range k.Fields {
		switch fd.Type {
		case tuyengiao.FieldChoice, tuyengiao.FieldYesNo, tuyengiao.FieldRef:
			for _, v := range q[fd.Name] {
				if v = strings.TrimSpace(v); v != "" {
					if f.Match == nil {
						f.Match = map[string][]string{}
					}
					f.Match[fd.Name] = append(f.Match[fd.Name], v)
				}
			}
		}
	}
	f.View = q.Get("view")
	f.Query = vn.NFC(strings.TrimSpace(q.Get("q")))
	if f.Offset, f.Limit, err = pageParams(q); err != nil {
		return f, err
	}
	n, err := queryInt(q, "page")
	if n > 1 {
		f.Offset = int(n-1) * f.Limit
	}
	return f, err
}

// recordListURL returns the address at path of the list of f, at page n (0: none, for the
// export, which takes every page); what the filter leaves empty is left out.
func recordListURL(path string, k *tuyengiao.RecordKind, f tuyengiao.RecordFilter, n int) string {
	v := url.Values{"unit": {strconv.FormatInt(f.UnitID, 10)}}
	if !f.From.IsZero() {
		v.Set("from", vn.Date(f.From.Time))
	}
	if !f.To.IsZero() {
		v.Set("to", vn.Date(f.To.Time))
	}
	if f.View != "" {
		v.Set("view", f.View)
	}
	for _, fd := range k.Fields {
		if m := f.Match[fd.Name]; len(m) > 0 {
			v[fd.Name] = m
		}
	}
	if f.Query != "" {
		v.Set("q", f.Query)
	}
	if n > 1 {
		v.Set("page", strconv.Itoa(n))
	}
	return path + "?" + v.Encode()
}

// recordPeriod returns the period the totals of a list of f are counted over: its days, a
// bound not given taken from the other's year; this year when neither is given.
func (s *Server) recordPeriod(f tuyengiao.RecordFilter) (tuyengiao.Period, error) {
	from, to := f.From, f.To
	switch {
	case from.IsZero() && to.IsZero():
		return tuyengiao.YearPeriod(s.today().Year()), nil
	case from.IsZero():
		from = tuyengiao.YearPeriod(to.Year()).From
	case to.IsZero():
		to = tuyengiao.YearPeriod(from.Year()).To
	case to.Before(from.Time):
		return tuyengiao.Period{}, tuyengiao.FieldError("to", "Ngày kết thúc (%s) phải từ ngày bắt đầu (%s) trở đi.", to, from)
	}
	return tuyengiao.RangePeriod(from, to), nil
}

// kindCodes returns the codes of the indicators of k.
func kindCodes(k *tuyengiao.RecordKind) []string {
	var out []string
	for _, ind := range k.Indicators {
		out = append(out, ind.Code)
	}
	return out
}

// recordTotal is a total of an indicator of a kind for the unit and period of a list.
type recordTotal struct {
	Ind   tuyengiao.Indicator
	Value string
}

// recordListData is what the list of the records of a kind shows.
type recordListData struct {
	Kind    *tuyengiao.RecordKind
	Filter  tuyengiao.RecordFilter
	Columns []*tuyengiao.RecordField
	Records []*tuyengiao.Record
	Total   int
	Pager   pager
	// Path is the units down to the list's, for the unit picker; Units the rows of the
	// figure table, the units right below it.
	Path   []*tuyengiao.Unit
	Units  []tuyengiao.FigureUnit
	Period tuyengiao.Period
	// Totals are the kind's indicators at the list's unit for its period, of the list's own
	// records when it is filtered by more than its unit and days; Breakdown the same by the
	// options of a choice field.
	Totals    []recordTotal
	Breakdown *recordBreakdown
	// Export, Import and New are the addresses of the export of the list, and of the import
	// and the form of a new record at its unit.
	Export, Import, New string
}

// pager is the state of the pager of a list: the page shown (from 1), how many there are,
// and the addresses of the pages before and after it ("" at an end).
type pager struct {
	Page, Pages      int
	PrevURL, NextURL string
}

// listColumns returns the fields a list of k shows as columns besides its title and its
// state: its day, then its choices, numbers and yes/no fields, at most five in all; not a
// choice its state is derived from (every option of it a state), which the state shows.
func listColumns(k *tuyengiao.RecordKind) []*tuyengiao.RecordField {
	out := []*tuyengiao.RecordField{k.Field(k.Day)}
	for i := range k.Fields {
		f := &k.Fields[i]
		switch f.Type {
		case tuyengiao.FieldChoice, tuyengiao.FieldCount, tuyengiao.FieldMoney, tuyengiao.FieldYesNo:
			if len(out) < 5 && !stateField(k, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// stateField reports whether f is a choice of k whose every option is one of k's states.
func stateField(k *tuyengiao.RecordKind, f *tuyengiao.RecordField) bool {
	if f.Type != tuyengiao.FieldChoice || len(k.States) == 0 {
		return false
	}
	for _, o := range f.Options {
		if _, ok := k.StateOption(o.Code); !ok {
			return false
		}
	}
	return true
}

// Filtered reports whether the list keeps fewer records than its unit's of its days.
func (d *recordListData) Filtered() bool {
	return len(d.Filter.Match) > 0 || d.Filter.Query != "" || d.Filter.View != ""
}

// keptFilter is a filter of a list that its form has no field for (a yes/no or ref field,
// from a link), kept as it is when the form is sent.
type keptFilter struct{ Name, Value string }

// Kept returns the filters of the list its form has no field for.
func (d *recordListData) Kept() []keptFilter {
	var out []keptFilter
	for _, f := range d.Kind.Fields {
		if f.Type == tuyengiao.FieldChoice {
			continue
		}
		for _, v := range d.Filter.Match[f.Name] {
			out = append(out, keptFilter{f.Name, v})
		}
	}
	return out
}

// Matched reports whether the list's filter keeps the records whose field holds value.
func (d *recordListData) Matched(field, value string) bool {
	return slices.Contains(d.Filter.Match[field], value)
}

// ViewURL returns the address of the list with the view code ("" for none) in place of
// the list's own, from its first page.
func (d *recordListData) ViewURL(code string) string {
	f := d.Filter
	f.View, f.Offset = code, 0
	return recordListURL("/records/"+d.Kind.Code, d.Kind, f, 0)
}

// StateName names the state code of a record of kind k in the page's language.
func (p *page) StateName(k *tuyengiao.RecordKind, code string) string {
	o, _ := k.StateOption(code)
	return p.Word(o.Name, o.NameEn)
}

// RefNames returns the records the ref fields of rec name, as "label: title" in the page's
// language, for a list's title cell.
func (p *page) RefNames(k *tuyengiao.RecordKind, rec *tuyengiao.Record) []string {
	var out []string
	for _, f := range k.Fields {
		if name := rec.Names[f.Name]; name != "" {
			out = append(out, p.Word(f.Label, f.LabelEn)+": "+name)
		}
	}
	return out
}

func (s *Server) recordListPage(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	q := r.URL.Query()
	f, err := s.recordFilter(r, k, q)
	if err != nil {
		return err
	}
	d := &recordListData{Kind: k, Filter: f, Columns: listColumns(k)}
	if d.Records, d.Total, err = s.Records.FindRecords(r.Context(), k, f); err != nil {
		return err
	}
	if err := s.recordTotals(r, d); err != nil {
		return err
	}
	if err := s.recordBreakdown(r, d); err != nil {
		return err
	}
	if d.Path, err = s.unitPath(r, f.UnitID); err != nil {
		return err
	}
	base := "/records/" + k.Code
	d.Pager = pager{Page: f.Offset/f.Limit + 1, Pages: max(1, (d.Total+f.Limit-1)/f.Limit)}
	if f.Offset > 0 {
		d.Pager.PrevURL = recordListURL(base, k, f, d.Pager.Page-1)
	}
	if f.Offset+f.Limit < d.Total {
		d.Pager.NextURL = recordListURL(base, k, f, d.Pager.Page+1)
	}
	d.Export = recordListURL(base+"/export.xlsx", k, f, 0)
	unit := "?unit=" + strconv.FormatInt(f.UnitID, 10)
	d.Import, d.New = base+"/import"+unit, base+"/new"+unit
	return s.render(w, r, "record_list", &page{Title: k.Name, Nav: "records", Data: d, Form: q})
}

// recordTotals fills the totals of the list d: the kind's indicators at the list's unit for
// its period, asked of the figure service as the dashboard asks it, with the units right
// below for the unit picker.
func (s *Server) recordTotals(r *http.Request, d *recordListData) error {
	var err error
	if d.Period, err = s.recordPeriod(d.Filter); err != nil {
		return err
	}
	t, err := s.Figures.Figures(r.Context(), tuyengiao.FigureQuery{Codes: kindCodes(d.Kind), UnitID: d.Filter.UnitID, Depth: 1,
		Periods: []tuyengiao.Period{d.Period}})
	if err != nil {
		return err
	}
	for i, ind := range t.Indicators {
		d.Totals = append(d.Totals, recordTotal{Ind: ind, Value: figureText(ind, t.Value(0, i, 0))})
	}
	d.Units = t.Units
	return nil
}

// Choices returns the choice fields of the kind, which the list filters by.
func (d *recordListData) Choices() []*tuyengiao.RecordField {
	var out []*tuyengiao.RecordField
	for i := range d.Kind.Fields {
		if d.Kind.Fields[i].Type == tuyengiao.FieldChoice {
			out = append(out, &d.Kind.Fields[i])
		}
	}
	return out
}

// RecordText writes the value of field f of a record in the page's language (record.Text).
func (p *page) RecordText(f *tuyengiao.RecordField, v tuyengiao.RecordValues) string {
	return record.Text(f, v[f.Name], p.Lang)
}

// recordArea is an area of work on the page of the kinds: its kinds, each with the number
// of its records this year at the unit.
type recordArea struct {
	Name  string
	Kinds []recordKindCount
}

type recordKindCount struct {
	Kind  *tuyengiao.RecordKind
	Count int
}

// recordsData is what the page of the kinds of record shows.
type recordsData struct {
	Unit  *tuyengiao.Unit
	Year  int
	Areas []recordArea
}

// recordsPage lists the declared kinds by area, each with the number of its records this
// year in the subtree of the unit (?unit=, by default the top of the caller's view).
func (s *Server) recordsPage(w http.ResponseWriter, r *http.Request) error {
	unitID, err := s.queryUnit(r, r.URL.Query())
	if err != nil {
		return err
	}
	d := &recordsData{Year: s.today().Year()}
	if d.Unit, err = s.Units.FindUnitByID(r.Context(), unitID); err != nil {
		return err
	}
	year := tuyengiao.YearPeriod(d.Year)
	at := map[string]int{}
	for _, k := range tuyengiao.RecordKinds() {
		_, n, err := s.Records.FindRecords(r.Context(), k, tuyengiao.RecordFilter{UnitID: unitID, From: year.From, To: year.To, Limit: 1})
		if err != nil {
			return err
		}
		i, ok := at[k.Area]
		if !ok {
			i, at[k.Area] = len(d.Areas), len(d.Areas)
			d.Areas = append(d.Areas, recordArea{Name: areaName(k)})
		}
		d.Areas[i].Kinds = append(d.Areas[i].Kinds, recordKindCount{Kind: k, Count: n})
	}
	return s.render(w, r, "records", &page{Title: "Công tác", Nav: "records", Data: d})
}

// areaName names the area of k as the figures name the group of its indicators, or by the
// kind's own name when the area has none.
func areaName(k *tuyengiao.RecordKind) string {
	if n, ok := indicatorGroups[k.Area]; ok {
		return n
	}
	return k.Name
}

// FieldTypeWords says in Vietnamese how a value of the type t is written.
func (p *page) FieldTypeWords(t tuyengiao.FieldType) string { return record.TypeWords(t) }

// Word writes a word of a declaration (a kind's name, a field's label or hint, an option's
// name) in the page's language: en in English when it has one, vi otherwise. It reads the
// declaration's own English rather than the shared map, where two declarations may use one
// Vietnamese word differently ("tin, bài": an item, and the measure "items").
func (p *page) Word(vi, en string) string {
	if p.Lang == "en" && en != "" {
		return en
	}
	return vi
}
