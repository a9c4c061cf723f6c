// Package report assembles the reports of the system format-neutrally (tables now; sections,
// figures and charts with the six-month report) and encodes them, for now as XLSX.
package report

import (
	"fmt"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// Kind is the kind of the values of a column, which decides how an encoder writes them.
type Kind int

// The kinds of columns, with the Go type of their values. A nil value is an empty cell.
const (
	Text    Kind = iota // string
	Integer             // int or int64, written with thousands grouped: 20.012
	Percent             // Ratio, written with one decimal: 97,4%; or a string, a note in place of a rate
	Date                // time.Time or tuyengiao.Date, written as the day in Vietnam: 31/01/2023
)

func (k Kind) String() string {
	switch k {
	case Text:
		return "text"
	case Integer:
		return "integer"
	case Percent:
		return "percent"
	case Date:
		return "date"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Column is a column of a Table.
type Column struct {
	Header string
	Kind   Kind
}

// Ratio is the value of a Percent cell. The numerator and the denominator are kept rather
// than their quotient so that a rate is always a sum over a sum (never an average of rates)
// and a zero denominator shows as "–", since no rate exists then.
type Ratio struct {
	Num, Den int64
}

// Table is a titled grid of values, the same whatever the format it is encoded to.
type Table struct {
	Title   string // a sheet name in XLSX, a caption elsewhere
	Columns []Column
	Rows    [][]any // one value per column, of the Go type of the column's Kind, or nil
}

// check returns an error for a table that an encoder could not write: a programming error,
// never the user's.
func (t *Table) check() error {
	if len(t.Columns) == 0 {
		return fmt.Errorf("report: table %q has no columns", t.Title)
	}
	for i, row := range t.Rows {
		if len(row) != len(t.Columns) {
			return fmt.Errorf("report: table %q row %d has %d values for %d columns", t.Title, i, len(row), len(t.Columns))
		}
		for j, v := range row {
			if !t.Columns[j].Kind.holds(v) {
				return fmt.Errorf("report: table %q row %d column %q: %T is not a %s value", t.Title, i, t.Columns[j].Header, v, t.Columns[j].Kind)
			}
		}
	}
	return nil
}

// holds reports whether v is a value of kind k.
func (k Kind) holds(v any) bool {
	switch v.(type) {
	case nil:
		return true
	case string:
		return k == Text || k == Percent
	case int, int64:
		return k == Integer
	case Ratio:
		return k == Percent
	case time.Time, tuyengiao.Date:
		return k == Date
	}
	return false
}

// day returns the calendar day in Vietnam of a Date value, at midnight UTC, or false for a
// zero date. A tuyengiao.Date, midnight UTC, keeps its day (UTC+7 is later the same day).
func day(v any) (time.Time, bool) {
	var t time.Time
	switch v := v.(type) {
	case tuyengiao.Date:
		t = v.Time
	case time.Time:
		t = v
	}
	if t.IsZero() {
		return time.Time{}, false
	}
	t = t.In(vn.Zone)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
}
