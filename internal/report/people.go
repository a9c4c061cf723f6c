package report

import (
	"strconv"

	"tuyengiao"
)

// PeopleTable returns the table of an export of people, in the order given. Its headers are
// those of the import template (xlsximport.PeopleTemplate) plus the unit's name and the status,
// so that staff find the same columns both ways. The year of birth is text: a year is not a
// quantity, and grouped by thousands it would read 1.985.
func PeopleTable(title string, people []*tuyengiao.Person) Table {
	t := Table{Title: title, Columns: []Column{
		{"Mã đơn vị", Text}, {"Đơn vị", Text}, {"Họ và tên", Text}, {"Năm sinh", Text},
		{"Ngày sinh", Date}, {"Giới tính", Text}, {"Đối tượng", Text}, {"Chức vụ", Text},
		{"Số điện thoại", Text}, {"Số thẻ đảng viên", Text}, {"Trạng thái", Text},
	}}
	t.Rows = make([][]any, len(people))
	for i, p := range people {
		year := ""
		if p.BirthYear != 0 {
			year = strconv.Itoa(p.BirthYear)
		}
		t.Rows[i] = []any{p.UnitCode, p.UnitName, p.FullName, year, p.BirthDate, p.Gender.Name(),
			p.Category.Name(), p.Position, p.Phone, p.PartyCard, p.Status.Name()}
	}
	return t
}
