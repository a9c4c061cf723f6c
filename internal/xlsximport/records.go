package xlsximport

import (
	"errors"
	"io"
	"math"
	"strconv"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/record"
	"tuyengiao/internal/vn"
)

// unitCodeColumn is the column of unit codes of a spreadsheet of records; the column of unit
// names of an export (WriteRecords) is left unread, as any column the reader does not know.
var unitCodeColumn = column{title: "Mã đơn vị", json: "unit_code", width: 14, text: true,
	aliases: []string{"ma don vi", "ma dv", "unit code"}}

// recordColumns returns the columns of a spreadsheet of records of kind k: the unit's code,
// then each field of k, in the order of k, found by its label in either language or by its
// name, written with or without diacritics, in any case, with or without the mark * of a
// required field.
func recordColumns(k *tuyengiao.RecordKind) *columnSet {
	cols := []column{unitCodeColumn}
	for _, f := range k.Fields {
		cols = append(cols, column{title: f.Label, json: f.Name, required: f.Required,
			aliases: []string{fold(f.Label), fold(f.LabelEn), fold(f.Name)}})
	}
	return newColumnSet(cols, fold, noHeaderLike(cols))
}

// noHeaderLike returns the error of a sheet without a header row of cols, which names some
// of them (headerExample).
func noHeaderLike(cols []column) func() error {
	return func() error {
		return tuyengiao.Errorf(tuyengiao.EINVALID,
			"Không tìm thấy dòng tiêu đề trong %d dòng đầu của trang tính đầu tiên: cần các cột như trong tệp mẫu, ví dụ %s.",
			headerSearch, headerExample(cols))
	}
}

// headerExample names the required columns of cols, or the second and third when none is.
func headerExample(cols []column) string {
	var titles []string
	for _, c := range cols {
		if c.required {
			titles = append(titles, c.title)
		}
	}
	if len(titles) == 0 {
		for _, c := range cols[1:min(3, len(cols))] {
			titles = append(titles, c.title)
		}
	}
	return strings.Join(titles, ", ")
}

// ReadRecords reads the records of kind k of a spreadsheet: the first sheet of an XLSX or a
// CSV, told apart by content and read within limits, as ReadPeople. Its header row names the
// columns of the import template (WriteRecordTemplate): "Mã đơn vị", optional, and the
// fields by their labels in Vietnamese or English, in any order; a required field's column
// must be there, other columns are ignored.
//
// Every data row gives a RecordRow in sheet order, with Row its number as the user sees it;
// rows whose known columns are all empty are skipped. Each cell is read by record.Parse, after
// a date or number cell of Excel is written as the text Parse reads (a date cell as
// 31/01/2026, 2.0012E4 as 20012), then the row's values are checked by k.Validate as of
// today. A row that is refused has its Err set, naming the row and the field.
//
// The import is all or nothing: when any row is refused, the error joins every refused row's
// Err (errors.Join, so that tuyengiao.ErrorCode reads EINVALID), and the rows are returned too,
// for a preview. The other errors are those of ReadPeople: a file of another kind, a broken
// file or a missing column is EINVALID, a file beyond limits ETOOLARGE.
func ReadRecords(r io.Reader, size int64, k *tuyengiao.RecordKind, today tuyengiao.Date, limits Limits) ([]tuyengiao.RecordRow, error) {
	limits = limits.orDefaults()
	set := recordColumns(k)
	rows, err := readFile(r, size, limits, func(s *sheet) ([]tuyengiao.RecordRow, error) {
		h, err := set.findHeader(s.row)
		if err != nil {
			return nil, err
		}
		return dataRows(s.row, limits, func(n int, cells []string) (tuyengiao.RecordRow, bool) {
			row, ok := readRecord(k, h, n, cells, s.date1904, today)
			row.Converted = s.converted
			return row, ok
		})
	})
	if err != nil {
		return nil, err
	}
	var bad []error
	for _, row := range rows {
		if row.Err != nil {
			bad = append(bad, row.Err)
		}
	}
	return rows, errors.Join(bad...)
}

// readRecord returns the record of row n, or false when the row's known columns are all empty.
func readRecord(k *tuyengiao.RecordKind, h *header, n int, cells []string, date1904 bool, today tuyengiao.Date) (tuyengiao.RecordRow, bool) {
	v, empty := h.cells(cells)
	if empty {
		return tuyengiao.RecordRow{}, false
	}
	row := tuyengiao.RecordRow{Row: n, UnitCode: strings.TrimSpace(v[0])}
	// Parse gets the cells as they are, since it normalises each by its type.
	values, err := record.ParseValues(k, func(name string) (string, bool) {
		for i := range k.Fields {
			if f, j := &k.Fields[i], h.col[i+1]; f.Name == name && j >= 0 {
				if j >= len(cells) {
					return "", true
				}
				return cellText(f, cells[j], date1904), true
			}
		}
		return "", false
	})
	if err == nil {
		err = k.Validate(values, today)
	}
	if err != nil {
		e := tuyengiao.UserError(err)
		row.Err = &tuyengiao.Error{Code: tuyengiao.EINVALID, Field: e.Field, Row: n,
			Key: "Dòng %v: %s", Args: []any{n, tuyengiao.Clause{Err: e}}}
		return row, true
	}
	row.Values = values
	return row, true
}

// cellText returns the text of the cell s of a column of field f as record.Parse reads it: a
// date cell, an Excel serial or a date-time in a day column as the day, 31/01/2026, whatever
// the date system of the workbook; a number cell of a count or money column by numberCell.
func cellText(f *tuyengiao.RecordField, s string, date1904 bool) string {
	switch f.Type {
	case tuyengiao.FieldDay:
		if d, _, ok := parseDate(strings.TrimSpace(s), date1904); ok && !d.IsZero() {
			return vn.Date(d.Time)
		}
	case tuyengiao.FieldCount, tuyengiao.FieldMoney:
		return numberCell(strings.TrimSpace(s))
	}
	return s
}

// numberCell writes a number as Excel holds it in a cell, with a decimal point or an exponent
// (2.0012E4, 20012.0, 1.5), as record.Parse reads it: a whole number as its digits, another
// with a decimal comma, as Vietnamese write it, which Parse refuses as not whole rather than
// read its point as a thousands separator. Digits alone, and text such as 20.012, stay as
// they are.
func numberCell(s string) string {
	if !strings.ContainsAny(s, ".eE") || strings.Trim(s, "0123456789.eE+-") != "" || thousands.MatchString(s) {
		return s
	}
	x, err := strconv.ParseFloat(s, 64)
	switch {
	case err != nil:
		return s
	case x == math.Trunc(x) && math.Abs(x) <= tuyengiao.MaxValue:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strings.Replace(s, ".", ",", 1)
}

// WriteRecordBadRows writes an XLSX of the rows of the spreadsheet b of records of kind k that
// reasons names by row number, as WriteBadRows does for people: the header row of b, those rows
// as b holds them, their cells written as text the way ReadRecords reads them (a date cell as
// 31/01/2026), and the reason in a last column "Lỗi", which ReadRecords ignores, so that the
// user fixes the rows there and uploads the file again. The errors are those of ReadRecords.
func WriteRecordBadRows(w io.Writer, b []byte, k *tuyengiao.RecordKind, limits Limits, reasons map[int]string) error {
	return writeBadRows(w, b, limits, reasons, recordColumns(k), func(h *header, row []string, date1904 bool) {
		for i := range k.Fields {
			if j := h.col[i+1]; j >= 0 && j < len(row) {
				row[j] = cellText(&k.Fields[i], vn.NFC(row[j]), date1904)
			}
		}
	})
}
