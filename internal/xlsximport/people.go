package xlsximport

import (
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// field is a column of a people spreadsheet that the reader knows.
type field int

const (
	fieldUnit field = iota
	fieldName
	fieldBirthYear
	fieldBirthDate
	fieldGender
	fieldCategory
	fieldPosition
	fieldPhone
	fieldPartyCard
	fieldSince
	numFields
)

// column describes a field: its header in the template, the JSON name of the Person field for
// errors, the headers that name it once folded by key, and how the template presents it.
type column struct {
	title    string
	json     string
	aliases  []string
	required bool    // the header must be present
	width    float64 // in the template, in characters
	text     bool    // formatted as text in the template, see PeopleTemplate
	hint     string  // how to fill it, for the sheet "Hướng dẫn"
}

var columns = [numFields]column{
	fieldSince: {title: "Sinh hoạt từ ngày", json: "status_date", width: 14, text: true,
		aliases: []string{"sinh hoat tu ngay", "tu ngay", "ngay bat dau sinh hoat", "ngay sinh hoat", "since", "active since"},
		hint:    "Ngày bắt đầu sinh hoạt ở đơn vị, để số liệu tính đúng theo thời điểm, ví dụ 01/06/2015. Bỏ trống: tính từ ngày nhập."},
	fieldUnit: {title: "Mã đơn vị", json: "unit_code", required: true, width: 14, text: true,
		aliases: []string{"ma don vi", "ma dv", "unit code", "unit"},
		hint:    "Mã của đơn vị (chi bộ, tổ chức) mà người đó sinh hoạt, như ở trang Đơn vị, ví dụ CB-01."},
	fieldName: {title: "Họ và tên", json: "full_name", required: true, width: 28,
		aliases: []string{"ho va ten", "ho ten", "full name", "name"},
		hint:    "Họ, tên đệm và tên, viết có dấu."},
	fieldBirthYear: {title: "Năm sinh", json: "birth_year", width: 10,
		aliases: []string{"nam sinh", "year of birth", "birth year"},
		hint:    "Bốn chữ số, ví dụ 1985. Không cần khi đã ghi ngày sinh."},
	fieldBirthDate: {title: "Ngày sinh", json: "birth_date", width: 12, text: true,
		aliases: []string{"ngay sinh", "ngay thang nam sinh", "date of birth", "birth date", "birthday"},
		hint:    "Ngày/tháng/năm, ví dụ 15/03/1985 (cũng nhận 15-03-1985 và 1985-03-15). Có thể bỏ trống."},
	fieldGender: {title: "Giới tính", json: "gender", width: 10,
		aliases: []string{"gioi tinh", "gender", "sex"},
		hint:    "Nam hoặc Nữ (chọn trong danh sách). Có thể bỏ trống."},
	fieldCategory: {title: "Đối tượng", json: "category", width: 20,
		aliases: []string{"doi tuong", "category"},
		hint:    "Chọn trong danh sách, xem bảng dưới. Mỗi người phải có đối tượng."},
	fieldPosition: {title: "Chức vụ", json: "position", width: 24,
		aliases: []string{"chuc vu", "chuc danh", "position", "job title"},
		hint:    "Ví dụ Bí thư chi bộ. Có thể bỏ trống."},
	fieldPhone: {title: "Số điện thoại", json: "phone", width: 14, text: true,
		aliases: []string{"so dien thoai", "dien thoai", "sdt", "so dt", "phone", "phone number", "mobile"},
		hint:    "Ghi cả số 0 ở đầu, ví dụ 0912345678. Có thể bỏ trống."},
	fieldPartyCard: {title: "Số thẻ đảng viên", json: "party_card", width: 16, text: true,
		aliases: []string{"so the dang vien", "so the dang", "the dang vien", "party card", "party card number"},
		hint:    "Chỉ với đảng viên; hai người không trùng số thẻ. Có thể bỏ trống."},
}

// categories maps the values of the column Đối tượng, folded by key, to categories: the names
// of the template, the usual variants and English.
var categories = map[string]tuyengiao.Category{
	"can bo chu chot":          tuyengiao.CategoryKeyCadre,
	"key cadre":                tuyengiao.CategoryKeyCadre,
	"dang vien":                tuyengiao.CategoryMember,
	"dang vien chinh thuc":     tuyengiao.CategoryMember,
	"party member":             tuyengiao.CategoryMember,
	"member":                   tuyengiao.CategoryMember,
	"dang vien du bi":          tuyengiao.CategoryProbation,
	"probationary member":      tuyengiao.CategoryProbation,
	"probation":                tuyengiao.CategoryProbation,
	"doan vien hoi vien":       tuyengiao.CategoryUnion,
	"doan vien":                tuyengiao.CategoryUnion,
	"hoi vien":                 tuyengiao.CategoryUnion,
	"union member":             tuyengiao.CategoryUnion,
	"union association member": tuyengiao.CategoryUnion,
	"union":                    tuyengiao.CategoryUnion,
	"quan chung":               tuyengiao.CategoryMasses,
	"quan chung nong cot":      tuyengiao.CategoryMasses,
	"masses":                   tuyengiao.CategoryMasses,
	"core masses":              tuyengiao.CategoryMasses,
}

// genders maps the values of the column Giới tính, folded by key, to genders.
var genders = map[string]tuyengiao.Gender{
	"nam": tuyengiao.GenderMale, "male": tuyengiao.GenderMale, "m": tuyengiao.GenderMale,
	"nu": tuyengiao.GenderFemale, "female": tuyengiao.GenderFemale, "f": tuyengiao.GenderFemale,
}

// peopleColumns are the columns of a people spreadsheet.
var peopleColumns = newColumnSet(columns[:], key, func() error {
	return tuyengiao.Errorf(tuyengiao.EINVALID,
		"Không tìm thấy dòng tiêu đề trong %d dòng đầu của trang tính đầu tiên: cần ít nhất các cột %s và %s.",
		headerSearch, columns[fieldUnit].title, columns[fieldName].title)
})

// readTable reads the rows that next yields, up to io.EOF: the header, then the people.
func readTable(s *sheet, limits Limits) ([]tuyengiao.ImportRow, error) {
	h, err := peopleColumns.findHeader(s.row)
	if err != nil {
		return nil, err
	}
	return dataRows(s.row, limits, func(n int, cells []string) (tuyengiao.ImportRow, bool) {
		row, ok := h.read(n, cells, s.date1904)
		row.Converted = s.converted
		return row, ok
	})
}

// dataRows reads the rows after the header up to io.EOF, each with read, which says false
// for a row to skip; more than limits.Rows rows is ETOOLARGE.
func dataRows[T any](next func() (int, []string, error), limits Limits, read func(n int, cells []string) (T, bool)) ([]T, error) {
	var out []T
	for {
		n, cells, err := next()
		if err == io.EOF {
			return out, nil
		} else if err != nil {
			return nil, err
		}
		row, ok := read(n, cells)
		if !ok {
			continue
		} else if len(out) == limits.Rows {
			return nil, tuyengiao.Errorf(tuyengiao.ETOOLARGE, "Tệp có hơn %d dòng dữ liệu, vượt quá giới hạn; hãy chia thành nhiều tệp.",
				limits.Rows)
		}
		out = append(out, row)
	}
}

// read returns the person of row n, or false when the row's known columns are all empty. Cells
// are raw XLSX values or CSV text.
func (h *header) read(n int, cells []string, date1904 bool) (tuyengiao.ImportRow, bool) {
	v, empty := h.cells(cells)
	if empty {
		return tuyengiao.ImportRow{}, false
	}
	p := &rowParser{h: h, row: tuyengiao.ImportRow{Row: n, UnitCode: v[fieldUnit], FullName: v[fieldName],
		Position: v[fieldPosition], Phone: phone(v[fieldPhone]), PartyCard: integer(v[fieldPartyCard])}}
	p.birth(v[fieldBirthYear], v[fieldBirthDate], date1904)
	if s := v[fieldSince]; s != "" {
		if d, _, ok := parseDate(s, date1904); ok {
			p.row.Since = d
		} else {
			p.fail(fieldSince, "%s không phải ngày hợp lệ", quote(s))
		}
	}
	if s := v[fieldGender]; s != "" {
		if g, ok := lookup(genders, s); ok {
			p.row.Gender = g
		} else {
			p.fail(fieldGender, "%s không hợp lệ (ghi Nam hoặc Nữ)", quote(s))
		}
	}
	if s := v[fieldCategory]; s != "" {
		if c, ok := lookup(categories, s); ok {
			p.row.Category = c
		} else {
			p.fail(fieldCategory, "%s không hợp lệ (ghi một trong: %s)", quote(s), categoryList())
		}
	}
	return p.row, true
}

// lookup finds the value s in m, whose keys are folded by key. The words of the template
// ("Đảng viên", "Nữ") are looked up as they are first: folding decomposes the text and would
// cost more than the rest of the parsing of the row.
func lookup[T any](m map[string]T, s string) (T, bool) {
	k, ok := exact[s]
	if !ok {
		k = key(s)
	}
	x, ok := m[k]
	return x, ok
}

// exact maps the words of the template to their keys.
var exact = func() map[string]string {
	m := map[string]string{}
	for _, g := range []tuyengiao.Gender{tuyengiao.GenderMale, tuyengiao.GenderFemale} {
		m[g.Name()] = key(g.Name())
	}
	for _, c := range tuyengiao.Categories {
		m[c.Name()] = key(c.Name())
	}
	return m
}()

// rowParser fills one ImportRow and keeps the first problem of the row as its Err.
type rowParser struct {
	h   *header
	row tuyengiao.ImportRow
}

func (p *rowParser) fail(f field, format string, args ...any) {
	if p.row.Err == nil {
		p.row.Err = &tuyengiao.Error{Code: tuyengiao.EINVALID, Field: columns[f].json, Row: p.row.Row, Key: "Dòng %v, cột %s: %s",
			Args: []any{p.row.Row, p.h.title[f], tuyengiao.Errorf(tuyengiao.EINVALID, format, args...)}}
	}
}

// birth reads the year and the date of birth; when both are given they must agree.
func (p *rowParser) birth(year, date string, date1904 bool) {
	if year != "" {
		y, ok := parseYear(year)
		if !ok {
			p.fail(fieldBirthYear, "%s không phải năm hợp lệ", quote(year))
			return
		}
		p.row.BirthYear = y
	}
	if date == "" {
		return
	}
	d, y, ok := parseDate(date, date1904)
	switch {
	case !ok:
		p.fail(fieldBirthDate, "%s không phải ngày hợp lệ", quote(date))
	case p.row.BirthYear != 0 && p.row.BirthYear != y:
		p.fail(fieldBirthYear, "năm sinh %v khác năm của ngày sinh %s", p.row.BirthYear, quote(date))
	default:
		p.row.BirthDate, p.row.BirthYear = d, y
	}
}

// parseYear reads a year written as digits, or a number cell.
func parseYear(s string) (int, bool) {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || x != math.Trunc(x) || x < 1 || x > 9999 {
		return 0, false
	}
	return int(x), true
}

// maxSerial is the Excel serial of 31/12/9999, the last day a spreadsheet holds.
const maxSerial = 2958465

// parseDate reads a date of birth: the text of a date (day first unless the year comes first,
// see vn.ParseDate), an Excel date serial, an ISO date-time of a date cell, or a year alone,
// which users write when they do not know the day. It returns the date, zero for a year alone,
// and the year.
func parseDate(s string, date1904 bool) (tuyengiao.Date, int, bool) {
	if x, err := strconv.ParseFloat(s, 64); err == nil {
		switch {
		case x == math.Trunc(x) && x >= 1000 && x <= 9999:
			// A serial of these would fall in 1902-1927, not a birth date of a living person.
			return tuyengiao.Date{}, int(x), true
		case x >= 1 && x <= maxSerial:
			t, err := excelize.ExcelDateToTime(x, date1904)
			if err != nil {
				return tuyengiao.Date{}, 0, false
			}
			d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
			return tuyengiao.GivenDate(d), d.Year(), true
		}
		return tuyengiao.Date{}, 0, false
	}
	// A date cell of type "d" holds "1990-01-31T00:00:00Z"; exports often add "00:00:00".
	if i := strings.IndexAny(s, "T "); i >= 8 {
		s = s[:i]
	}
	t, err := vn.ParseDate(s)
	if err != nil {
		return tuyengiao.Date{}, 0, false
	}
	return tuyengiao.GivenDate(t), t.Year(), true
}

// integer writes a number in scientific notation ("9.12345678E+08", as some programs store a
// number cell or a CSV export shows it) with all its digits; other text stays as it is, so
// that a leading zero of a text cell is kept.
func integer(s string) string {
	if !strings.ContainsAny(s, "eE") {
		return s
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || x != math.Trunc(x) || math.Abs(x) >= 1e15 {
		return s
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// phone reads a phone number as its digits (vn.Phone) and restores the leading zero that
// Excel drops when the number was typed into a cell formatted as a number: Vietnamese numbers
// written nationally always begin with 0, and have 10 digits (mobile) or 11 (landline), so 9
// or 10 digits without it lost it.
func phone(s string) string {
	s = vn.Phone(integer(s))
	if n := len(s); (n == 9 || n == 10) && s[0] != '0' && strings.Trim(s, "0123456789") == "" {
		return "0" + s
	}
	return s
}

// quote writes a cell value for a message, shortened so that a pasted paragraph does not fill
// the list of errors.
func quote(s string) string {
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return "'" + s + "'"
}

// categoryValues returns the values of the column Đối tượng the template offers, in report
// order.
func categoryValues() []string {
	names := make([]string, len(tuyengiao.Categories))
	for i, c := range tuyengiao.Categories {
		names[i] = c.Name()
	}
	return names
}

func categoryList() string { return strings.Join(categoryValues(), ", ") }
