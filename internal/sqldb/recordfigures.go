package sqldb

import (
	"context"
	"fmt"
	"strings"

	"tuyengiao"
)

// RecordFigures computes the indicators of every declared kind of record
// (RecordKind.Indicators), flows all: at each unit, its records whose day falls in the
// period, counted, or their Sum fields added up, of those matching every Where. Days are
// stored as 'YYYY-MM-DD', which compare as text in the order of the days. A record deleted
// counts nowhere.
type RecordFigures struct{ db *DB }

// RecordFigures returns the figure source of the declared kinds of record.
func (db *DB) RecordFigures() *RecordFigures { return &RecordFigures{db} }

// recordsSource names the version of the records' data (figure_versions, migration 00023),
// which the RecordStore raises in every write.
const recordsSource = "records"

// Indicators returns the indicators of every declared kind, grouped by the kind's area; each
// names the list of the kind's records of the unit's subtree in the period as the page of its
// records.
func (s *RecordFigures) Indicators(context.Context) ([]tuyengiao.Indicator, error) {
	var out []tuyengiao.Indicator
	for _, k := range tuyengiao.RecordKinds() {
		for _, ind := range k.Indicators {
			out = append(out, tuyengiao.Indicator{Code: ind.Code, Name: ind.Name, NameEn: ind.NameEn, Measure: ind.Measure,
				MeasureEn: ind.MeasureEn, Group: k.Area, Aggregation: tuyengiao.AggregateSum, Source: tuyengiao.SourceComputed,
				Records: "/records/" + k.Code + "?unit={unit}&from={from}&to={to}"})
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
// whole, the whole tree, which needs no condition) in period p: a column per indicator.
func (s *RecordFigures) kindValues(ctx context.Context, k *tuyengiao.RecordKind, inds []*tuyengiao.RecordIndicator,
	subtree string, whole bool, p tuyengiao.Period) ([]tuyengiao.UnitValue, error) {
	t, err := tableOf(k)
	if err != nil {
		return nil, err
	}
	columns := make([]string, len(inds))
	var args []any
	for i, ind := range inds {
		col, colArgs, err := t.measure(ind)
		if err != nil {
			return nil, err
		}
		columns[i], args = col, append(args, colArgs...)
	}
	where := "deleted_at IS NULL AND " + t.day + " >= ? AND " + t.day + " <= ?"
	args = append(args, recordDay(p.From), recordDay(p.To))
	if !whole {
		lo, hi := subtreeRange(subtree)
		where += " AND unit_id" + inSubtreeSQL
		args = append(args, lo, hi)
	}
	rows, err := s.db.query(ctx, `SELECT unit_id, `+strings.Join(columns, ", ")+` FROM `+t.table+` WHERE `+where+
		` GROUP BY unit_id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tuyengiao.UnitValue
	var unitID int64
	values := make([]int64, len(inds))
	dest := []any{&unitID}
	for i := range values {
		dest = append(dest, &values[i])
	}
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		for i, v := range values {
			if v != 0 {
				out = append(out, tuyengiao.UnitValue{Code: inds[i].Code, UnitID: unitID, Value: tuyengiao.Value{Num: v}})
			}
		}
	}
	return out, rows.Err()
}

// measure returns the column of a GROUP BY over the kind's records that counts ind, and
// its arguments (the options of its Where): the sum, over the records matching every Where,
// of their Sum fields added up, or of 1 for each.
func (t *recordTable) measure(ind *tuyengiao.RecordIndicator) (string, []any, error) {
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
		if f := t.k.Field(m.Field); f == nil || f.Type != tuyengiao.FieldChoice || len(m.Options) == 0 {
			return "", nil, fmt.Errorf("indicator %s: Where %q is not a choice field with options", ind.Code, m.Field)
		}
		cond += " AND " + quoteName(m.Field) + " IN (" + strings.Repeat(", ?", len(m.Options))[2:] + ")"
		for _, o := range m.Options {
			args = append(args, o)
		}
	}
	return "CAST(SUM(CASE WHEN " + cond + " THEN " + what + " ELSE 0 END) AS BIGINT)", args, nil
}
