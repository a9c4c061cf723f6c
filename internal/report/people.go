package report

import (
	"strconv"

	"tuyengiao"
)

// categoryNames, genderNames and statusNames are the Vietnamese words of the values of a
// person, as the import template writes them.
var (
	categoryNames = map[tuyengiao.Category]string{
		tuyengiao.CategoryKeyCadre:  "Cán bộ chủ chốt",
		tuyengiao.CategoryMember:    "Đảng viên",
		tuyengiao.CategoryProbation: "Đảng viên dự bị",
		tuyengiao.CategoryUnion:     "Đoàn viên/Hội viên",
		tuyengiao.CategoryMasses:    "Quần chúng",
	}
	genderNames = map[tuyengiao.Gender]string{tuyengiao.GenderMale: "Nam", tuyengiao.GenderFemale: "Nữ"}
	statusNames = map[tuyengiao.PersonStatus]string{
		tuyengiao.StatusActive:   "Đang sinh hoạt",
		tuyengiao.StatusMovedOut: "Đã chuyển đi",
		tuyengiao.StatusDeceased: "Đã từ trần",
	}
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
		t.Rows[i] = []any{p.UnitCode, p.UnitName, p.FullName, year, p.BirthDate, genderNames[p.Gender],
			categoryNames[p.Category], p.Position, p.Phone, p.PartyCard, statusNames[p.Status]}
	}
	return t
}
