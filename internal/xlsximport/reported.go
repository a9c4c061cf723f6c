package xlsximport

import (
	"io"
	"regexp"
	"strconv"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// unitColumn is the folded header of the column of unit codes of a spreadsheet of reported
// values; the column of unit names beside it is left unread.
const unitColumn, unitNameColumn = "ma don vi", "ten don vi"

// ReadReportRows reads a spreadsheet of reported values of the indicators inds: the first
// sheet of an XLSX or a CSV, as ReadPeople, whose header row holds "Mã đơn vị" and a column
// headed by each indicator's code (tuyengiao.ReportColumns, in any order, all optional). Each
// data row gives a ReportRow; a blank cell is left out, a cell that is not a whole number
// sets the row's Err naming the row and the column.
func ReadReportRows(r io.Reader, size int64, limits Limits, inds []tuyengiao.Indicator) ([]tuyengiao.ReportRow, error) {
	limits = limits.orDefaults()
	cols := tuyengiao.ReportColumns(inds)
	headers := make([]string, len(cols))
	for i, c := range cols {
		headers[i] = c.Header
	}
	return readFile(r, size, limits, func(s *sheet) ([]tuyengiao.ReportRow, error) {
		h, err := findUnitHeader(s.row, headers, "chỉ tiêu của bộ biểu mẫu")
		if err != nil {
			return nil, err
		}
		return dataRows(s.row, limits, func(n int, cells []string) (tuyengiao.ReportRow, bool) {
			return h.reportRow(n, cells, cols), !isEmpty(cells)
		})
	})
}

// unitHeader is where the unit code and each column asked for are in the rows of a sheet of
// one row per unit.
type unitHeader struct {
	unit int
	cols map[int]int // cell index → index of its header among those asked for
}

// findUnitHeader reads rows up to the first non-empty one of the first headerSearch that
// holds the column of unit codes, and refuses a column other than headers (matched in any
// case), saying that it is not one of what, and a column named twice. The column of unit
// names is left unread.
func findUnitHeader(next rowSource, headers []string, what string) (*unitHeader, error) {
	byHeader := map[string]int{}
	for i, c := range headers {
		byHeader[strings.ToLower(vn.NFC(c))] = i
	}
	for seen := 0; seen < headerSearch; {
		_, cells, err := next()
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		} else if isEmpty(cells) {
			continue
		}
		seen++
		h := &unitHeader{unit: -1, cols: map[int]int{}}
		named := map[string]int{}
		for i, cell := range cells {
			text := strings.ToLower(strings.TrimSpace(vn.NFC(cell)))
			c, known := byHeader[text]
			switch {
			case key(cell) == unitColumn:
				h.unit = i
			case text == "" || key(cell) == unitNameColumn:
			case !known:
				return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Cột %s (%s) không phải %s; hãy dùng tệp mẫu tải về.", columnName(i), quote(cell), what)
			case named[text] > 0:
				return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Có hai cột %s (cột %s và cột %s); hãy xóa một cột.", headers[c], columnName(named[text]-1), columnName(i))
			default:
				h.cols[i], named[text] = c, i+1
			}
		}
		if h.unit >= 0 {
			return h, nil
		}
	}
	return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Không tìm thấy dòng tiêu đề có cột Mã đơn vị trong %d dòng đầu của trang tính đầu tiên.", headerSearch)
}

// thousands is a whole number written with dots between thousands: 20.012.
var thousands = regexp.MustCompile(`^\d{1,3}(\.\d{3})+$`)

// count reads a cell holding a whole number not below zero, written 20012, 20.012 or as
// Excel stores a large one (2.0012E4).
func count(cell string) (int64, bool) {
	s := strings.TrimSpace(integer(cell))
	if thousands.MatchString(s) {
		s = strings.ReplaceAll(s, ".", "")
	}
	v, err := strconv.ParseInt(s, 10, 64)
	return v, err == nil && v >= 0
}

// cellError is the error of the cell of row n in the column headed header; format is the
// message key of what is wrong with it.
func cellError(n int, header, cell, format string) *tuyengiao.Error {
	return &tuyengiao.Error{Code: tuyengiao.EINVALID, Row: n, Field: header,
		Key: "Dòng %v, cột %s: %s %s", Args: []any{n, header, quote(cell), tuyengiao.Errorf(tuyengiao.EINVALID, format)}}
}

// code returns the unit code of a row.
func (h *unitHeader) code(cells []string) string {
	if h.unit < len(cells) {
		return strings.TrimSpace(vn.NFC(cells[h.unit]))
	}
	return ""
}

// reportRow returns the unit code and values of row n.
func (h *unitHeader) reportRow(n int, cells []string, cols []tuyengiao.ReportColumn) tuyengiao.ReportRow {
	row := tuyengiao.ReportRow{Row: n, UnitCode: h.code(cells)}
	at := map[string]int{}
	for i := range len(cells) {
		j, ok := h.cols[i]
		if !ok || strings.TrimSpace(cells[i]) == "" {
			continue
		}
		c := cols[j]
		v, ok := count(cells[i])
		if !ok {
			if row.Err == nil {
				row.Err = cellError(n, c.Header, cells[i], "không phải số nguyên không âm.")
			}
			continue
		}
		k, seen := at[c.Code]
		if !seen {
			k, at[c.Code] = len(row.Values), len(row.Values)
			row.Values = append(row.Values, tuyengiao.UnitValue{Code: c.Code})
		}
		if c.Base {
			row.Values[k].Den = v
		} else {
			row.Values[k].Num = v
		}
	}
	return row
}
