package report

import (
	"io"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
)

// WriteReportXLSX writes the tables of report d as the sheets of one workbook, in order, each
// named after its caption as WriteXLSX names them (at most 31 characters, distinct). Above
// each table stand the report's subject, its cut-off (AsOf) and the table's caption; its
// header row is bold on a fill and frozen; its total bold. The numbers are numbers, from the
// table's Values: counts in the format #,##0, ratios (the cells that show a "%") as fractions
// in 0.0%; a cell without a value is its text. The text is written in NFC without control
// characters, whatever d holds.
func WriteReportXLSX(w io.Writer, d *tuyengiao.ReportDocument) error {
	d = encodeClean(d)
	var tables []*tuyengiao.ReportTable
	var titled []Table // only their titles, to name the sheets as WriteXLSX does
	for _, b := range d.Blocks {
		if b.Kind == tuyengiao.BlockTable && b.Table != nil {
			tables = append(tables, b.Table)
			titled = append(titled, Table{Title: b.Table.Caption})
		}
	}
	if len(tables) == 0 {
		// The editor's to mend, not a failure: a report whose sections have no table.
		return tuyengiao.Errorf(tuyengiao.EINVALID, "Báo cáo không có bảng số liệu nào để xuất ra tệp Excel.")
	}
	return writeWorkbook(w, sheetNames(titled), func(f *excelize.File) (func(int, string) error, error) {
		st, err := newReportStyles(f)
		if err != nil {
			return nil, err
		}
		return func(i int, name string) error { return st.sheet(f, name, d, tables[i]) }, nil
	})
}

// reportStyles are the styles of WriteXLSX and those of the lines above a table and of its
// total.
type reportStyles struct {
	*styles
	subject, note, caption, total, totalInteger, totalPercent int
}

func newReportStyles(f *excelize.File) (*reportStyles, error) {
	base, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	percent := "0.0%"
	st := &reportStyles{styles: base}
	for _, s := range []struct {
		id    *int
		style *excelize.Style
	}{
		{&st.subject, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}}},
		{&st.note, &excelize.Style{Font: &excelize.Font{Italic: true}}},
		{&st.caption, &excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&st.total, &excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&st.totalInteger, &excelize.Style{Font: &excelize.Font{Bold: true}, NumFmt: 3}},
		{&st.totalPercent, &excelize.Style{Font: &excelize.Font{Bold: true}, CustomNumFmt: &percent, Alignment: &excelize.Alignment{Horizontal: "right"}}},
	} {
		if *s.id, err = f.NewStyle(s.style); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// reportHead is the number of rows above a table's header: the subject, the cut-off and
// the caption.
const reportHead = 3

// sheet streams table t of report d into the empty sheet name.
func (st *reportStyles) sheet(f *excelize.File, name string, d *tuyengiao.ReportDocument, t *tuyengiao.ReportTable) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for j, w := range reportWidths(t) {
		if err := sw.SetColWidth(j+1, j+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: reportHead + 1, TopLeftCell: "A5", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	rows := [][]any{
		{excelize.Cell{StyleID: st.subject, Value: escapeFormula(d.Subject)}},
		{excelize.Cell{StyleID: st.note, Value: escapeFormula(d.AsOf)}},
		{excelize.Cell{StyleID: st.caption, Value: escapeFormula(t.Caption)}},
	}
	header := make([]any, len(t.Header))
	for j, h := range t.Header {
		header[j] = excelize.Cell{StyleID: st.header, Value: escapeFormula(h)}
	}
	rows = append(rows, header)
	for i, r := range t.Rows {
		rows = append(rows, st.row(t, i, r, false))
	}
	if t.Total != nil {
		rows = append(rows, st.row(t, len(t.Rows), t.Total, true))
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, r); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// row returns the cells of row i of t (the total when i is len(t.Rows)) showing cells: a
// number where Values has one, else the text.
func (st *reportStyles) row(t *tuyengiao.ReportTable, i int, cells []string, total bool) []any {
	out := make([]any, len(cells))
	for j, text := range cells {
		var v *float64
		if i < len(t.Values) && j < len(t.Values[i]) {
			v = t.Values[i][j]
		}
		switch {
		case v == nil && total:
			out[j] = excelize.Cell{StyleID: st.total, Value: escapeFormula(text)}
		case v == nil && text != "":
			out[j] = escapeFormula(text)
		case v == nil: // an empty cell
		case strings.HasSuffix(text, "%"):
			out[j] = excelize.Cell{StyleID: reportPick(total, st.totalPercent, st.percent), Value: *v}
		case *v == math.Trunc(*v):
			out[j] = excelize.Cell{StyleID: reportPick(total, st.totalInteger, st.integer), Value: *v}
		default:
			out[j] = excelize.Cell{StyleID: reportPick(total, st.total, 0), Value: *v}
		}
	}
	return out
}

// reportPick returns the style ifTotal in a total row, else otherwise.
func reportPick(total bool, ifTotal, otherwise int) int {
	if total {
		return ifTotal
	}
	return otherwise
}

// reportWidths returns the width of each column of t, in characters: its longest cell or
// header, within the limits of WriteXLSX.
func reportWidths(t *tuyengiao.ReportTable) []float64 {
	w := make([]float64, len(t.Header))
	for _, r := range append([][]string{t.Header, t.Total}, t.Rows...) {
		for j, s := range r {
			if j < len(w) {
				w[j] = max(w[j], float64(utf8.RuneCountInString(s)+1))
			}
		}
	}
	for j := range w {
		w[j] = min(max(w[j], minWidth), maxWidth)
	}
	return w
}
