package xlsximport

import (
	"io"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// PlaceHeader is the header of the column of places of a spreadsheet of bridge points.
const PlaceHeader = "Địa điểm"

// ReadBridgePoints reads the bridge points of a conference whose campaign reaches the
// audiences auds: the first sheet of an XLSX or a CSV, as ReadPeople, whose header row holds
// "Mã đơn vị", "Địa điểm" and a column of the number expected of each audience headed by
// its name (Category.Name), in any order, the place and the numbers optional; the column
// "Tên đơn vị" is left unread and any other refused. Each data row gives a BridgePointRow; a
// number that is not a whole one sets the row's Err naming the row and the column.
func ReadBridgePoints(r io.Reader, size int64, limits Limits, auds []tuyengiao.Category) ([]tuyengiao.BridgePointRow, error) {
	limits = limits.orDefaults()
	headers := []string{PlaceHeader}
	for _, c := range auds {
		headers = append(headers, c.Name())
	}
	return readFile(r, size, limits, func(s *sheet) ([]tuyengiao.BridgePointRow, error) {
		h, err := findUnitHeader(s.row, headers, "cột của danh sách điểm cầu (mã đơn vị, địa điểm, số dự kiến của từng đối tượng của đợt học tập)")
		if err != nil {
			return nil, err
		}
		return dataRows(s.row, limits, func(n int, cells []string) (tuyengiao.BridgePointRow, bool) {
			return h.bridgeRow(n, cells, headers, auds), !isEmpty(cells)
		})
	})
}

// bridgeRow returns the bridge point of row n.
func (h *unitHeader) bridgeRow(n int, cells, headers []string, auds []tuyengiao.Category) tuyengiao.BridgePointRow {
	row := tuyengiao.BridgePointRow{Row: n, UnitCode: h.code(cells), Expected: map[tuyengiao.Category]int64{}}
	for i := range len(cells) {
		j, ok := h.cols[i]
		if !ok || strings.TrimSpace(cells[i]) == "" {
			continue
		}
		if j == 0 {
			row.Place = strings.TrimSpace(vn.NFC(cells[i]))
			continue
		}
		if v, ok := count(cells[i]); ok {
			row.Expected[auds[j-1]] = v
		} else if row.Err == nil {
			row.Err = cellError(n, headers[j], cells[i], "không phải số người dự kiến (số nguyên không âm).")
		}
	}
	return row
}
