package report

import (
	"tuyengiao"
)

// BridgeTemplate returns the sheets of the template of a conference's bridge points: the
// sheet "Điểm cầu" with a row per bridge point it has (to change and send back), columns of
// the host's code and name, the place, and the number expected of each audience of the
// campaign (auds, headed by their names), and the sheet "Hướng dẫn" saying how to fill them.
func BridgeTemplate(c *tuyengiao.Conference, auds []tuyengiao.Category, placeHeader string) []Table {
	points := Table{Title: "Điểm cầu", Columns: []Column{{Header: "Mã đơn vị", Kind: Text}, {Header: "Tên đơn vị", Kind: Text},
		{Header: placeHeader, Kind: Text}}}
	for _, a := range auds {
		points.Columns = append(points.Columns, Column{Header: a.Name(), Kind: Integer})
	}
	for _, b := range c.BridgePoints {
		row := []any{b.UnitCode, b.UnitName, b.Place}
		for _, a := range auds {
			row = append(row, b.Expected[a])
		}
		points.Rows = append(points.Rows, row)
	}
	guide := Table{Title: "Hướng dẫn", Columns: []Column{{Header: "Cột", Kind: Text}, {Header: "Cách ghi", Kind: Text}}}
	guide.Rows = [][]any{
		{"", "Điểm cầu của " + c.Title + ". Mỗi điểm cầu một dòng. Khi ghi, danh sách trong tệp thay cho toàn bộ điểm cầu hiện có; tệp có dòng lỗi thì không ghi dòng nào."},
		{"Mã đơn vị", "Mã của đơn vị đăng cai điểm cầu, thuộc phạm vi của đơn vị tổ chức đợt học tập; mỗi đơn vị một dòng."},
		{"Tên đơn vị", "Để đối chiếu, không được đọc khi nhập."},
		{placeHeader, "Nơi tổ chức điểm cầu (có thể để trống)."},
	}
	for _, a := range auds {
		guide.Rows = append(guide.Rows, []any{a.Name(), "Số " + a.Name() + " dự kiến tham dự ở điểm cầu: số nguyên không âm, để trống là 0."})
	}
	return []Table{points, guide}
}
