package xlsximport

import (
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// The sheets of the template.
const (
	peopleSheet = "Danh sách"
	guideSheet  = "Hướng dẫn"
)

// exampleRow is the second row of the template, to show how each column is written; the guide
// asks to delete it, and its unit code matches no unit, so that an import left with it fails.
var exampleRow = [numFields]any{
	fieldUnit: "VD-01", fieldName: "Nguyễn Văn An", fieldBirthYear: 1985, fieldBirthDate: "15/03/1985",
	fieldGender: "Nam", fieldCategory: "Đảng viên", fieldPosition: "Bí thư chi bộ",
	fieldPhone: "0912345678", fieldPartyCard: "79012345", fieldSince: "01/06/2015",
}

// PeopleTemplate writes the XLSX that users download to fill in people: the sheet "Danh sách"
// with a styled, frozen header row of the columns ReadPeople knows and an example row, lists
// to choose Đối tượng and Giới tính from, and the sheet "Hướng dẫn" explaining every column and
// its allowed values. The columns of codes, dates and numbers are formatted as text, so that
// Excel keeps the leading zero of a phone number and stores a date as typed, day first, instead
// of reading it in the computer's regional order.
func PeopleTemplate(w io.Writer) error {
	return writeTemplate(w, peopleSheet, (*book).peopleSheet, (*book).guideSheet)
}

// writeTemplate writes a template of two sheets: the sheet named sheet, which fill writes,
// and the guide, which guide writes.
func writeTemplate(w io.Writer, sheet string, fill, guide func(*book)) error {
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f}
	b.check(f.SetSheetName("Sheet1", sheet))
	fill(b)
	_, err := f.NewSheet(guideSheet)
	b.check(err)
	guide(b)
	if b.err != nil {
		return b.err
	}
	f.SetActiveSheet(0)
	_, err = f.WriteTo(w)
	return err
}

// book builds a workbook and keeps the first error, so that the many steps read as a list.
type book struct {
	f   *excelize.File
	err error
}

func (b *book) check(err error) {
	if b.err == nil {
		b.err = err
	}
}

func (b *book) style(s *excelize.Style) int {
	id, err := b.f.NewStyle(s)
	b.check(err)
	return id
}

var headerStyle = &excelize.Style{
	Font:      &excelize.Font{Bold: true},
	Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
	Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
}

// textFormat is the built-in number format "@": the cell holds what is typed, as text.
const textFormat = 49

func (b *book) peopleSheet() {
	f, sheet := b.f, peopleSheet
	text := b.style(&excelize.Style{NumFmt: textFormat})
	example := b.style(&excelize.Style{NumFmt: textFormat, Font: &excelize.Font{Italic: true, Color: "808080"}})
	for i, c := range columns {
		name := columnName(i)
		b.check(f.SetColWidth(sheet, name, name, c.width))
		if c.text {
			b.check(f.SetColStyle(sheet, name, text))
		}
		b.check(f.SetCellStr(sheet, name+"1", c.title))
		b.check(f.SetCellValue(sheet, name+"2", exampleRow[i]))
	}
	last := columnName(int(numFields) - 1)
	b.check(f.SetCellStyle(sheet, "A1", last+"1", b.style(headerStyle)))
	b.check(f.SetCellStyle(sheet, "A2", last+"2", example))
	b.check(f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	b.dropList(sheet, int(fieldCategory), columns[fieldCategory].title, categoryValues())
	b.dropList(sheet, int(fieldGender), columns[fieldGender].title, []string{tuyengiao.GenderMale.Name(), tuyengiao.GenderFemale.Name()})
}

// dropList lets the cells below the header of column i of sheet, headed title, be chosen
// from values only.
func (b *book) dropList(sheet string, i int, title string, values []string) {
	name := columnName(i)
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(name + "2:" + name + strconv.Itoa(excelize.TotalRows))
	b.check(dv.SetDropList(values))
	dv.SetError(excelize.DataValidationErrorStyleStop, title+" không hợp lệ", "Hãy chọn một giá trị trong danh sách.")
	b.check(b.f.AddDataValidation(sheet, dv))
}

func (b *book) guideSheet() {
	f, sheet := b.f, guideSheet
	head := b.style(headerStyle)
	wrap := b.style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	plain := b.style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	b.check(f.SetColWidth(sheet, "A", "A", 22))
	b.check(f.SetColWidth(sheet, "B", "B", 10))
	b.check(f.SetColWidth(sheet, "C", "C", 80))
	b.check(f.SetColStyle(sheet, "A:C", wrap))
	row := 1
	put := func(style int, cells ...any) {
		cell := "A" + strconv.Itoa(row)
		b.check(f.SetSheetRow(sheet, cell, &cells))
		if style != 0 {
			b.check(f.SetCellStyle(sheet, cell, "C"+strconv.Itoa(row), style))
		}
		row++
	}
	title := b.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	put(title, "Hướng dẫn điền danh sách người")
	limits := DefaultLimits()
	for _, s := range []string{
		"Mỗi người một dòng ở trang " + peopleSheet + ", bắt đầu từ dòng 2. Xóa dòng ví dụ trước khi tải lên.",
		"Giữ nguyên tên cột ở dòng 1; có thể đổi thứ tự cột. Cột khác (STT, Ghi chú, ...) được bỏ qua.",
		"Tệp tối đa " + bytesText(limits.UploadBytes) + " và " + vn.Int(int64(limits.Rows)) + " dòng. Cũng nhận tệp CSV UTF-8, phân cách bằng dấu phẩy hoặc chấm phẩy.",
	} {
		put(plain, "– "+s) // unwrapped, to run over the empty cells to its right
	}
	row++
	put(head, "Cột", "Bắt buộc", "Cách ghi")
	for f, c := range columns {
		required := ""
		// The reader needs the column Đối tượng only to fill it, but every person needs a
		// category (Person.Validate), so the guide asks for it.
		if c.required || field(f) == fieldCategory {
			required = "Có"
		}
		put(wrap, c.title, required, c.hint)
	}
	row++
	put(head, "Đối tượng", "", "Ghi đúng một trong các giá trị sau")
	for _, name := range categoryValues() {
		put(wrap, name)
	}
	put(wrap, "", "", "Cũng nhận: Đoàn viên, Hội viên (là Đoàn viên/Hội viên).")
	row++
	put(head, "Giới tính", "", "Ghi Nam hoặc Nữ, hoặc bỏ trống")
}
