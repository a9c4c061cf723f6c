package report

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// WriteXLSX writes the tables as the sheets of one workbook, in order. A sheet is named after
// its table's title, without the characters Excel forbids, cut to 31 characters and numbered
// when repeated. Its header row is bold on a fill, frozen and filtered; its columns are as wide
// as their content (within limits); integers are numbers in the format #,##0, percentages
// numbers in 0.0%, dates dates in dd/mm/yyyy. The sheets are streamed, so a table of 100.000
// rows costs little beyond the table itself.
//
// Number formats are stored in the invariant syntax of the file format, where ',' groups
// thousands and '.' marks decimals, and Excel and LibreOffice show them with the separators of
// the regional settings: under Vietnamese settings #,##0 shows 20.012 and is listed as #.##0.
// Written "#.##0" in the file, the format would mean three decimals.
//
// No text becomes a formula. A value that starts with = + - @, a tab or a carriage return is
// written with an apostrophe before it. The cell is a string already, which no spreadsheet
// evaluates as it opens the file, but a user who edits the cell, or saves the sheet as CSV and
// opens that, would turn a name typed as "=HYPERLINK(...)" into a live formula (CSV injection).
// The apostrophe, visible in the cell, keeps it text in both cases: Excel reads a typed leading
// apostrophe as "this is text".
func WriteXLSX(w io.Writer, sheets ...Table) error {
	if len(sheets) == 0 {
		return errors.New("report: no table to write")
	}
	for i := range sheets {
		if err := sheets[i].check(); err != nil {
			return err
		}
	}
	return writeWorkbook(w, sheetNames(sheets), func(f *excelize.File) (func(int, string) error, error) {
		st, err := newStyles(f)
		if err != nil {
			return nil, err
		}
		return func(i int, name string) error { return writeSheet(f, st, name, &sheets[i]) }, nil
	})
}

// writeWorkbook writes to w a workbook of the sheets names, in order. prepare readies the new
// file (its styles) and returns what writes sheet i into the empty sheet of its name.
func writeWorkbook(w io.Writer, names []string, prepare func(f *excelize.File) (func(i int, name string) error, error)) error {
	f := excelize.NewFile()
	defer f.Close()
	write, err := prepare(f)
	if err != nil {
		return err
	}
	for i, name := range names {
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return err
		}
		if err := write(i, name); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// styles are the cell styles of a workbook, by the kind of value.
type styles struct {
	header, integer, percent, date int
}

func newStyles(f *excelize.File) (*styles, error) {
	percent, date := "0.0%", "dd/mm/yyyy"
	st := &styles{}
	for _, s := range []struct {
		id    *int
		style *excelize.Style
	}{
		{&st.header, &excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
			Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		}},
		{&st.integer, &excelize.Style{NumFmt: 3}}, // built-in #,##0
		// The percent style aligns right, for the "–" of a rate without a denominator.
		{&st.percent, &excelize.Style{CustomNumFmt: &percent, Alignment: &excelize.Alignment{Horizontal: "right"}}},
		{&st.date, &excelize.Style{CustomNumFmt: &date}},
	} {
		id, err := f.NewStyle(s.style)
		if err != nil {
			return nil, err
		}
		*s.id = id
	}
	return st, nil
}

// writeSheet streams the table t into the empty sheet name.
func writeSheet(f *excelize.File, st *styles, name string, t *Table) error {
	last, _ := excelize.CoordinatesToCellName(len(t.Columns), len(t.Rows)+1)
	// The filter goes on the sheet before the stream writer takes it over; the writer writes
	// it out on Flush.
	if err := f.AutoFilter(name, "A1:"+last, nil); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, w := range widths(t) {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := make([]any, len(t.Columns))
	for j, c := range t.Columns {
		row[j] = excelize.Cell{StyleID: st.header, Value: escapeFormula(c.Header)}
	}
	if err := sw.SetRow("A1", row); err != nil {
		return err
	}
	for i, r := range t.Rows {
		for j, v := range r {
			row[j] = st.cell(v)
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// cell returns what the stream writer writes for the value v (nil: an empty cell). Table.check
// has matched v with its column.
func (st *styles) cell(v any) any {
	switch v := v.(type) {
	case string:
		if v == "" {
			return nil
		}
		return escapeFormula(v)
	case int:
		return excelize.Cell{StyleID: st.integer, Value: v}
	case int64:
		return excelize.Cell{StyleID: st.integer, Value: v}
	case Ratio:
		if v.Den == 0 {
			return excelize.Cell{StyleID: st.percent, Value: "–"}
		}
		return excelize.Cell{StyleID: st.percent, Value: float64(v.Num) / float64(v.Den)}
	case time.Time, tuyengiao.Date:
		if d, ok := day(v); ok {
			return excelize.Cell{StyleID: st.date, Value: d}
		}
	}
	return nil
}

// escapeFormula returns s with an apostrophe before it when a spreadsheet would read it as a
// formula; see WriteXLSX.
func escapeFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Column widths, in characters.
const (
	minWidth = 8
	maxWidth = 60
)

// widths returns the width of each column of t: its longest value or header, which needs room
// for the filter button too.
func widths(t *Table) []float64 {
	w := make([]float64, len(t.Columns))
	for j, c := range t.Columns {
		w[j] = float64(utf8.RuneCountInString(c.Header) + 3)
	}
	for _, r := range t.Rows {
		for j, v := range r {
			w[j] = max(w[j], float64(textWidth(v)))
		}
	}
	for j := range w {
		w[j] = min(max(w[j]+1, minWidth), maxWidth)
	}
	return w
}

// textWidth returns the number of characters v shows as.
func textWidth(v any) int {
	switch v := v.(type) {
	case string:
		return utf8.RuneCountInString(v)
	case int:
		return len(vn.Int(int64(v)))
	case int64:
		return len(vn.Int(v))
	case Ratio:
		return len("100,0%")
	case time.Time, tuyengiao.Date:
		return len("31/01/2023")
	}
	return 0
}

// maxSheetName is the longest sheet name Excel accepts, in UTF-16 units.
const maxSheetName = 31

// sheetNames returns a distinct, valid sheet name for each table, from its title.
func sheetNames(tables []Table) []string {
	names := make([]string, len(tables))
	used := map[string]bool{} // lower case: Excel ignores case when it compares sheet names
	for i, t := range tables {
		base := strings.Trim(strings.Map(func(r rune) rune {
			if strings.ContainsRune(`:\/?*[]`, r) {
				return ' '
			}
			return r
		}, t.Title), " '")
		if base == "" {
			base = "Trang"
		}
		name := cut(base, maxSheetName)
		for n := 2; used[strings.ToLower(name)]; n++ {
			suffix := fmt.Sprintf(" (%d)", n)
			name = cut(base, maxSheetName-len(suffix)) + suffix
		}
		used[strings.ToLower(name)] = true
		names[i] = name
	}
	return names
}

// cut returns the longest prefix of s of at most n UTF-16 units, trimmed of spaces and
// apostrophes at its end (Excel refuses a name ending with one).
func cut(s string, n int) string {
	units := 0
	for i, r := range s {
		if units += utf16.RuneLen(r); units > n {
			s = s[:i]
			break
		}
	}
	return strings.TrimRight(s, " '")
}
