package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"tuyengiao"
)

// RecordFigures computes the indicators of every declared kind of record
// (RecordKind.Indicators): at each unit, its records whose day falls in the period (a flow)
// or that are in force at its end (a stock), counted, or their Sum fields added up, of those
// matching every Where. Days are
// stored as 'YYYY-MM-DD', which compare as text in the order of the days. A record deleted
// counts nowhere.
type RecordFigures struct{ db *DB }

// RecordFigures returns the figure source of the declared kinds of record.
func (db *DB) RecordFigures() *RecordFigures { return &RecordFigures{db} }

// recordsSource names the version of the records' data (figure_versions, migration 00023),
// which the RecordStore raises in every write.
const recordsSource = "records"

// Indicators returns the indicators of every declared kind, grouped by the kind's area; each
// names the list of the kind's records of the unit's subtree in the period (up to its end,
// for a stock) as the page of its records.
func (s *RecordFigures) Indicators(context.Context) ([]tuyengiao.Indicator, error) {
	var out []tuyengiao.Indicator
	for _, k := range tuyengiao.RecordKinds() {
		for _, ind := range k.Indicators {
			agg := tuyengiao.AggregateSum
			if ind.Ratio != nil {
				agg = tuyengiao.AggregateRatio
			}
			records := "/records/" + k.Code + "?unit={unit}&from={from}&to={to}"
			if ind.Stock {
				records = "/records/" + k.Code + "?unit={unit}&to={to}"
			}
			out = append(out, tuyengiao.Indicator{Code: ind.Code, Name: ind.Name, NameEn: ind.NameEn, Measure: ind.Measure,
				MeasureEn: ind.MeasureEn, Group: k.Area, Aggregation: agg, Source: tuyengiao.SourceComputed, Stock: ind.Stock,
				Base: ind.Base, BaseEn: ind.BaseEn, Records: records})
		}
	}
	return out, nil
}

// Version returns the version of the records of every declared kind.
func (s *RecordFigures) Version(ctx context.Context) (int64, error) {
	return s.db.figureVersion(ctx, recordsSource)
}

// OwnValues returns the own values of the indicators codes at each unit of the subtree for
// period p: one GROUP BY per kind that has any of them.
func (s *RecordFigures) OwnValues(ctx context.Context, codes []string, subtree string, p tuyengiao.Period) ([]tuyengiao.UnitValue, error) {
	whole, err := s.db.wholeTree(ctx, subtree)
	if err != nil {
		return nil, err
	}
	want := make(map[string]bool, len(codes))
	for _, c := range codes {
		want[c] = true
	}
	var out []tuyengiao.UnitValue
	for _, k := range tuyengiao.RecordKinds() {
		var inds []*tuyengiao.RecordIndicator
		for i := range k.Indicators {
			if want[k.Indicators[i].Code] {
				inds = append(inds, &k.Indicators[i])
			}
		}
		if len(inds) == 0 {
			continue
		}
		values, err := s.kindValues(ctx, k, inds, subtree, whole, p)
		if err != nil {
			return nil, err
		}
		out = append(out, values...)
	}
	return out, nil
}

// kindValues counts the indicators inds of kind k over its records in the subtree (with
// whole, the whole tree, which needs no condition) in period p, unit by unit.
func (s *RecordFigures) kindValues(ctx context.Context, k *tuyengiao.RecordKind, inds []*tuyengiao.RecordIndicator,
	subtree string, whole bool, p tuyengiao.Period) ([]tuyengiao.UnitValue, error) {
	t, err := tableOf(k)
	if err != nil {
		return nil, err
	}
	cond, args := "1 = 1", []any{}
	if !whole {
		lo, hi := subtreeRange(subtree)
		cond, args = "unit_id"+inSubtreeSQL, []any{lo, hi}
	}
	var out []tuyengiao.UnitValue
	err = s.db.countRecords(ctx, t, inds, p, "unit_id", cond, args, func(group any, values []tuyengiao.Value) {
		for i, v := range values {
			if v.Num != 0 || v.Den != 0 {
				out = append(out, tuyengiao.UnitValue{Code: inds[i].Code, UnitID: group.(int64), Value: v})
			}
		}
	})
	return out, err
}

// countRecords counts the indicators inds of the kind of t in period p over its records, not
// deleted, that cond keeps (with its arguments), grouped by the column group (all in one
// group "" when group is ""): each group's values go to each, in the order of inds. The rows read are those of the period, or up to
// its end when a stock is counted.
func (db *DB) countRecords(ctx context.Context, t *recordTable, inds []*tuyengiao.RecordIndicator, p tuyengiao.Period,
	group, cond string, condArgs []any, each func(group any, values []tuyengiao.Value)) error {
	counted, err := countedIndicators(t.k, inds)
	if err != nil {
		return err
	}
	open := slices.ContainsFunc(counted, func(ind *tuyengiao.RecordIndicator) bool { return ind.Stock })
	columns := make([]string, len(counted))
	var args []any
	for i, ind := range counted {
		col, colArgs, err := t.measure(ind, p, open)
		if err != nil {
			return err
		}
		columns[i], args = col, append(args, colArgs...)
	}
	where := "deleted_at IS NULL AND " + t.day + " <= ?"
	args = append(args, recordDay(p.To))
	if !open {
		where += " AND " + t.day + " >= ?"
		args = append(args, recordDay(p.From))
	}
	args = append(args, condArgs...)
	key, groupBy := group, " GROUP BY "+group
	if group == "" {
		key, groupBy = "CAST('' AS TEXT)", ""
	}
	rows, err := db.query(ctx, `SELECT `+key+`, `+strings.Join(columns, ", ")+` FROM `+t.table+` r WHERE `+where+
		` AND `+cond+groupBy, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var g any
	values := make([]int64, len(counted))
	dest := []any{&g}
	for i := range values {
		dest = append(dest, &values[i])
	}
	of := func(ind *tuyengiao.RecordIndicator) int64 { return values[slices.Index(counted, ind)] }
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		out := make([]tuyengiao.Value, len(inds))
		for i, ind := range inds {
			if ind.Ratio == nil {
				out[i].Num = of(ind)
			} else {
				out[i] = tuyengiao.Value{Num: of(t.k.Indicator(ind.Ratio.Num)), Den: of(t.k.Indicator(ind.Ratio.Den))}
			}
		}
		each(g, out)
	}
	return rows.Err()
}

// countedIndicators returns the indicators of k a GROUP BY counts to give inds: each of inds
// that is not a ratio, and the two each ratio divides, once each.
func countedIndicators(k *tuyengiao.RecordKind, inds []*tuyengiao.RecordIndicator) ([]*tuyengiao.RecordIndicator, error) {
	var out []*tuyengiao.RecordIndicator
	add := func(ind *tuyengiao.RecordIndicator) {
		if !slices.Contains(out, ind) {
			out = append(out, ind)
		}
	}
	for _, ind := range inds {
		if ind.Ratio == nil {
			add(ind)
			continue
		}
		num, den := k.Indicator(ind.Ratio.Num), k.Indicator(ind.Ratio.Den)
		if num == nil || den == nil || num.Ratio != nil || den.Ratio != nil {
			return nil, fmt.Errorf("indicator %s: Ratio does not name two counts of its kind", ind.Code)
		}
		add(num)
		add(den)
	}
	return out, nil
}

// measure returns the column of a GROUP BY over the kind's records that counts ind in period
// p, and its arguments: the sum, over the records matching every Where (and By), of their
// Sum fields added up, or of 1 for each; the records of the period for a flow, those in
// force at its end for a stock. With open, the rows read begin before the period, so that a
// flow keeps those of the period itself.
func (t *recordTable) measure(ind *tuyengiao.RecordIndicator, p tuyengiao.Period, open bool) (string, []any, error) {
	what := "1"
	if len(ind.Sum) > 0 {
		terms := make([]string, len(ind.Sum))
		for i, name := range ind.Sum {
			f := t.k.Field(name)
			if f == nil || f.Type != tuyengiao.FieldCount && f.Type != tuyengiao.FieldMoney {
				return "", nil, fmt.Errorf("indicator %s: Sum %q is not a count or money field", ind.Code, name)
			}
			terms[i] = quoteName(name)
		}
		what = strings.Join(terms, " + ")
	}
	cond, args := "1 = 1", []any{}
	for _, m := range ind.Where {
		c, cArgs, err := t.match("", m)
		if err != nil {
			return "", nil, fmt.Errorf("indicator %s: Where %q: %w", ind.Code, m.Field, err)
		}
		cond, args = cond+" AND "+c, append(args, cArgs...)
	}
	if ind.By != "" {
		if f := t.k.Field(ind.By); f == nil || f.Type != tuyengiao.FieldDay {
			return "", nil, fmt.Errorf("indicator %s: By %q is not a day field", ind.Code, ind.By)
		}
		cond += " AND " + quoteName(ind.By) + " <> '' AND " + quoteName(ind.By) + " <= ?"
		args = append(args, recordDay(p.To))
	}
	if open && !ind.Stock {
		cond += " AND " + t.day + " >= ?"
		args = append(args, recordDay(p.From))
	}
	if ind.Until != "" {
		if f := t.k.Field(ind.Until); f == nil || f.Type != tuyengiao.FieldDay || !ind.Stock {
			return "", nil, fmt.Errorf("indicator %s: Until %q is not a day field of a stock", ind.Code, ind.Until)
		}
		cond += " AND (" + quoteName(ind.Until) + " = '' OR " + quoteName(ind.Until) + " > ?)"
		args = append(args, recordDay(p.To))
	}
	// COALESCE: without GROUP BY, no row at all sums to NULL.
	return "CAST(COALESCE(SUM(CASE WHEN " + cond + " THEN " + what + " ELSE 0 END), 0) AS BIGINT)", args, nil
}

// CountRecords implements tuyengiao.RecordService: the kind's indicators over the records f
// finds, its days aside (the period bounds them), by the options of the choice field by.
func (s *RecordStore) CountRecords(ctx context.Context, k *tuyengiao.RecordKind, f tuyengiao.RecordFilter, p tuyengiao.Period,
	by string) (map[string][]tuyengiao.Value, error) {
	t, err := tableOf(k)
	if err != nil {
		return nil, err
	}
	group := ""
	if by != "" {
		if fd := k.Field(by); fd == nil || fd.Type != tuyengiao.FieldChoice {
			return nil, tuyengiao.FieldError("by", "Chỉ chia theo trường chọn từ danh sách; %q không phải trường như vậy.", by)
		}
		group = "r." + quoteName(by)
	}
	f.From, f.To = tuyengiao.Date{}, tuyengiao.Date{}
	where, args, err := s.where(ctx, t, f)
	if err != nil {
		return nil, err
	}
	inds := make([]*tuyengiao.RecordIndicator, len(k.Indicators))
	for i := range k.Indicators {
		inds[i] = &k.Indicators[i]
	}
	out := map[string][]tuyengiao.Value{}
	err = s.db.countRecords(ctx, t, inds, p, group, where, args, func(g any, values []tuyengiao.Value) {
		out[fmt.Sprint(g)] = values
	})
	return out, err
}
