package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"tuyengiao"
	"tuyengiao/internal/record"
)

// recordSum is the sum of a count or money field over the records of a list, written as
// the field's values are.
type recordSum struct {
	Field *tuyengiao.RecordField
	Value string
}

// recordSums returns the sums of the count and money fields of k that its indicators sum
// (listeners, not each audience of them) over the records f finds, in the order of the
// fields.
func (s *Server) recordSums(r *http.Request, k *tuyengiao.RecordKind, f tuyengiao.RecordFilter) ([]recordSum, error) {
	sums, err := s.Records.SumRecords(r.Context(), k, f)
	if err != nil {
		return nil, err
	}
	var out []recordSum
	for i := range k.Fields {
		fd := &k.Fields[i]
		summed := slices.ContainsFunc(k.Indicators, func(ind tuyengiao.RecordIndicator) bool { return slices.Contains(ind.Sum, fd.Name) })
		if v, ok := sums[fd.Name]; ok && summed {
			out = append(out, recordSum{Field: fd, Value: record.Text(fd, v, "vi")})
		}
	}
	return out, nil
}

// relatedRecords are the records of a kind that name a record in one of their ref fields:
// how many, the sums of their numbers, and the address of their list (a lecturer's
// sessions, a group's tasks).
type relatedRecords struct {
	Kind  *tuyengiao.RecordKind
	Field *tuyengiao.RecordField
	Count int
	Sums  []recordSum
	URL   string
}

// relatedOf returns the records, of every kind, that name rec (of kind k) in a ref field
// and that the caller may see, kind by kind; the copies of a record handed down are left
// to its hand-down.
func (s *Server) relatedOf(r *http.Request, k *tuyengiao.RecordKind, rec *tuyengiao.Record) ([]relatedRecords, error) {
	var out []relatedRecords
	id := strconv.FormatInt(rec.ID, 10)
	for _, other := range tuyengiao.RecordKinds() {
		for i := range other.Fields {
			f := &other.Fields[i]
			if f.Type != tuyengiao.FieldRef || f.Ref != k.Code || other.HandDown != nil && other.HandDown.From == f.Name {
				continue
			}
			filter := tuyengiao.RecordFilter{Match: map[string][]string{f.Name: {id}}}
			_, n, err := s.Records.FindRecords(r.Context(), other, tuyengiao.RecordFilter{Match: filter.Match, Limit: 1})
			if err != nil {
				return nil, err
			} else if n == 0 {
				continue
			}
			sums, err := s.recordSums(r, other, filter)
			if err != nil {
				return nil, err
			}
			out = append(out, relatedRecords{Kind: other, Field: f, Count: n, Sums: sums,
				URL: "/records/" + other.Code + "?" + url.Values{f.Name: {id}}.Encode()})
		}
	}
	return out, nil
}

// recordBreakdown is the kind's indicators for the records of a list by the options of one
// of its choice fields, the options no record holds left out.
type recordBreakdown struct {
	Field *tuyengiao.RecordField
	Rows  []breakdownRow
}

type breakdownRow struct {
	Option tuyengiao.RecordOption
	Values []string
}

// breakdownField returns the choice field a list of k is broken down by: its first, not
// one its state is derived from; nil when it has none.
func breakdownField(k *tuyengiao.RecordKind) *tuyengiao.RecordField {
	for i := range k.Fields {
		if f := &k.Fields[i]; f.Type == tuyengiao.FieldChoice && !stateField(k, f) {
			return f
		}
	}
	return nil
}

// recordBreakdown counts the list d's records by the options of its breakdown field and,
// when the list is filtered beyond its unit and days, puts the totals of its own records in
// place of its unit's; a list of a group's members has neither.
func (s *Server) recordBreakdown(r *http.Request, d *recordListData) error {
	for name := range d.Filter.Match {
		if f := d.Kind.Field(name); f != nil && f.Nest {
			// The members of a group: the kind's figures count groups, not what is in them.
			d.Totals = nil
			return nil
		}
	}
	if d.Filtered() {
		all, err := s.Records.CountRecords(r.Context(), d.Kind, d.Filter, d.Period, "")
		if err != nil {
			return err
		}
		d.setTotals(all[""])
	}
	f := breakdownField(d.Kind)
	if f == nil {
		return nil
	}
	by, err := s.Records.CountRecords(r.Context(), d.Kind, d.Filter, d.Period, f.Name)
	if err != nil {
		return err
	}
	d.Breakdown = &recordBreakdown{Field: f}
	for _, o := range f.Options {
		if values, ok := by[o.Code]; ok {
			d.Breakdown.Rows = append(d.Breakdown.Rows, breakdownRow{Option: o, Values: d.texts(values)})
		}
	}
	return nil
}

// setTotals puts values, the kind's indicators in the order declared, in the list's totals.
func (d *recordListData) setTotals(values []tuyengiao.Value) {
	texts := d.texts(values)
	for i := range d.Totals {
		d.Totals[i].Value = texts[i]
	}
}

// texts writes values, the kind's indicators in the order declared, in the order of the
// list's totals, as each is written.
func (d *recordListData) texts(values []tuyengiao.Value) []string {
	out := make([]string, len(d.Totals))
	for i, t := range d.Totals {
		if j := slices.IndexFunc(d.Kind.Indicators, func(ind tuyengiao.RecordIndicator) bool { return ind.Code == t.Ind.Code }); j >= 0 && j < len(values) {
			out[i] = figureText(t.Ind, values[j])
		}
	}
	return out
}
