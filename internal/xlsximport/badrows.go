package xlsximport

import (
	"bytes"
	"io"
	"slices"

	"tuyengiao/internal/vn"

	"github.com/xuri/excelize/v2"
)

// badRowsSheet is the sheet of the bad rows, and reasonTitle the header of its last column.
const (
	badRowsSheet = "Dòng lỗi"
	reasonTitle  = "Lỗi"
)

// WriteBadRows writes an XLSX of the rows of the people spreadsheet b that reasons names by row
// number: the header row of b, then each of those rows as b holds it (text in a legacy font
// converted to Unicode), with the reason in a last column "Lỗi", which ReadPeople ignores, so
// that the user fixes the rows there and uploads the file again. The cells are written as
// text, which ReadPeople reads as it reads b: a full date in a date column (a date cell, an
// Excel serial, a date-time) as the day ReadPeople reads there, "15/03/1985", whatever the
// date system of b. The errors are those of ReadPeople.
func WriteBadRows(w io.Writer, b []byte, limits Limits, reasons map[int]string) error {
	return writeBadRows(w, b, limits, reasons, peopleColumns, func(h *header, row []string, date1904 bool) {
		for _, f := range []field{fieldBirthDate, fieldSince} {
			if i := h.col[f]; i >= 0 && i < len(row) {
				if d, _, ok := parseDate(vn.NFC(row[i]), date1904); ok && !d.IsZero() {
					row[i] = vn.Date(d.Time)
				}
			}
		}
	})
}

// writeBadRows writes the bad rows of the spreadsheet b whose columns are set, as
// WriteBadRows describes; asRead rewrites in place the cells of a bad row (the reason's cell
// left out) that the reader reads otherwise than as their text, such as a date cell, to the
// text it reads there.
func writeBadRows(w io.Writer, b []byte, limits Limits, reasons map[int]string, set *columnSet,
	asRead func(h *header, row []string, date1904 bool)) error {
	limits = limits.orDefaults()
	f := excelize.NewFile()
	defer f.Close()
	bk := &book{f: f}
	bk.check(f.SetSheetName("Sheet1", badRowsSheet))
	reasonCol := 0 // the index of the column Lỗi
	_, err := readFile(bytes.NewReader(b), int64(len(b)), limits, func(s *sheet) (struct{}, error) {
		var last []string
		next := func() (int, []string, error) {
			n, cells, err := s.row()
			last = slices.Clone(cells)
			return n, cells, err
		}
		h, err := set.findHeader(next)
		if err != nil {
			return struct{}{}, err
		}
		header := append(last, reasonTitle)
		reasonCol = len(header) - 1
		bk.row(1, header)
		out := 2
		for {
			n, cells, err := s.row()
			if err == io.EOF {
				return struct{}{}, nil
			} else if err != nil {
				return struct{}{}, err
			}
			reason, ok := reasons[n]
			if !ok {
				continue
			}
			row := make([]string, len(header))
			copy(row, cells[:min(len(cells), len(header)-1)])
			asRead(h, row[:len(row)-1], s.date1904)
			row[len(row)-1] = reason
			bk.row(out, row)
			out++
		}
	})
	if err != nil {
		return err
	}
	style, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	bk.check(err)
	bk.check(f.SetRowStyle(badRowsSheet, 1, 1, style))
	bk.check(f.SetColWidth(badRowsSheet, columnName(reasonCol), columnName(reasonCol), 60))
	bk.check(f.SetPanes(badRowsSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	if bk.err != nil {
		return bk.err
	}
	_, err = f.WriteTo(w)
	return err
}

// row writes the cells of row n of the sheet of bad rows as text.
func (b *book) row(n int, cells []string) {
	values := make([]any, len(cells))
	for i, c := range cells {
		values[i] = c
	}
	cell, err := excelize.CoordinatesToCellName(1, n)
	b.check(err)
	b.check(b.f.SetSheetRow(badRowsSheet, cell, &values))
}
