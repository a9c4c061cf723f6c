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
	return readFile(r, size, limits, func(s *sheet) ([]tuyengiao.ReportRow, error) {
		h, err := findReportHeader(s.row, tuyengiao.ReportColumns(inds))
		if err != nil {
			return nil, err
		}
		return dataRows(s.row, limits, func(n int, cells []string) (tuyengiao.ReportRow, bool) {
			return h.read(n, cells), !isEmpty(cells)
		})
	})
}

// reportHeader is where the unit code and each indicator column are in the rows.
type reportHeader struct {
	unit int
	cols map[int]tuyengiao.ReportColumn
}

// findReportHeader reads rows up to the first non-empty one of the first headerSearch that
// holds the column of unit codes, and refuses a column it does not know or one named twice.
func findReportHeader(next rowSource, cols []tuyengiao.ReportColumn) (*reportHeader, error) {
	byHeader := map[string]tuyengiao.ReportColumn{}
	for _, c := range cols {
		byHeader[strings.ToLower(c.Header)] = c
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
		h := &reportHeader{unit: -1, cols: map[int]tuyengiao.ReportColumn{}}
		named := map[string]int{}
		for i, cell := range cells {
			text := strings.ToLower(strings.TrimSpace(vn.NFC(cell)))
			c, known := byHeader[text]
			switch {
			case key(cell) == unitColumn:
				h.unit = i
			case text == "" || key(cell) == unitNameColumn:
			case !known:
				return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Cột %s (%s) không phải chỉ tiêu của bộ biểu mẫu; hãy dùng tệp mẫu tải về.", columnName(i), quote(cell))
			case named[text] > 0:
				return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Có hai cột %s (cột %s và cột %s); hãy xóa một cột.", c.Header, columnName(named[text]-1), columnName(i))
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

// read returns the unit code and values of row n.
func (h *reportHeader) read(n int, cells []string) tuyengiao.ReportRow {
	row := tuyengiao.ReportRow{Row: n}
	if h.unit < len(cells) {
		row.UnitCode = strings.TrimSpace(vn.NFC(cells[h.unit]))
	}
	at := map[string]int{}
	for i := range len(cells) {
		c, ok := h.cols[i]
		s := strings.TrimSpace(integer(cells[i]))
		if !ok || s == "" {
			continue
		}
		if thousands.MatchString(s) {
			s = strings.ReplaceAll(s, ".", "")
		}
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil || v < 0 {
			if row.Err == nil {
				row.Err = &tuyengiao.Error{Code: tuyengiao.EINVALID, Row: n, Field: c.Header,
					Message: "Dòng " + strconv.Itoa(n) + ", cột " + c.Header + ": " + quote(cells[i]) + " không phải số nguyên không âm."}
			}
			continue
		}
		j, seen := at[c.Code]
		if !seen {
			j, at[c.Code] = len(row.Values), len(row.Values)
			row.Values = append(row.Values, tuyengiao.UnitValue{Code: c.Code})
		}
		if c.Base {
			row.Values[j].Den = v
		} else {
			row.Values[j].Num = v
		}
	}
	return row
}
