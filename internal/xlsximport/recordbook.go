package xlsximport

import (
	"io"
	"iter"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/record"
	"tuyengiao/internal/vn"
)

// recordWords are the words of a workbook of records in one language.
type recordWords struct {
	sheet, lists, unitCode, unitName string
	choose                           string // the message of a value not in a list
}

// recordWordsIn returns the words of a workbook of records in lang, "vi" or "en".
func recordWordsIn(lang string) recordWords {
	if lang == "en" {
		return recordWords{sheet: "List", lists: "Lists", unitCode: "Unit code", unitName: "Unit name",
			choose: "Choose a value from the list."}
	}
	return recordWords{sheet: peopleSheet, lists: "Danh mục", unitCode: unitCodeColumn.title, unitName: "Tên đơn vị",
		choose: "Hãy chọn một giá trị trong danh sách."}
}

// WriteRecordTemplate writes the XLSX that users download to fill in records of kind k, in
// Vietnamese: the sheet "Danh sách" with a styled, frozen header row, the column "Mã đơn vị"
// then a column per field headed by its label, marked * when required; the options of a
// choice field and Có or Không to choose from in lists; day, text and code columns formatted
// as text, so that Excel keeps a day as typed, day first, rather than read it in the
// computer's regional order. The sheet "Hướng dẫn" explains every column: its type, whether it
// is required, its hint and its options. ReadRecords reads it back.
func WriteRecordTemplate(w io.Writer, k *tuyengiao.RecordKind) error {
	b := newRecordBook(k, "vi", false)
	defer b.f.Close()
	_, err := b.f.NewSheet(guideSheet) // second, before the hidden sheet of lists
	b.check(err)
	b.recordsSheet(nil)
	b.recordGuide()
	return b.write(w)
}

// WriteRecords writes the records rs of kind k as an XLSX for a reader of lang ("vi" or "en"):
// the template's sheet in that language (WriteRecordTemplate, without the guide) with the name
// of each record's unit beside its code, which unit returns, and each value written as
// record.Text writes it, a number as a number cell. ReadRecords reads it back as the same
// records, the column of unit names left unread.
func WriteRecords(w io.Writer, k *tuyengiao.RecordKind, rs []*tuyengiao.Record, unit func(id int64) (code, name string), lang string) error {
	b := newRecordBook(k, lang, true)
	defer b.f.Close()
	b.recordsSheet(func(yield func([]any) bool) {
		for _, r := range rs {
			code, name := unit(r.UnitID)
			row := []any{nonEmpty(code), nonEmpty(name)}
			for i := range k.Fields {
				row = append(row, b.cell(&k.Fields[i], r.Values[k.Fields[i].Name]))
			}
			if !yield(row) {
				return
			}
		}
	})
	return b.write(w)
}

// recordBook builds a workbook of records of a kind.
type recordBook struct {
	book
	k        *tuyengiao.RecordKind
	lang     string
	words    recordWords
	unitName bool // a column of unit names follows that of unit codes
	integer  int  // the style of a number cell
}

func newRecordBook(k *tuyengiao.RecordKind, lang string, unitName bool) *recordBook {
	b := &recordBook{book: book{f: excelize.NewFile()}, k: k, lang: lang, words: recordWordsIn(lang), unitName: unitName}
	b.check(b.f.SetSheetName("Sheet1", b.words.sheet))
	b.integer = b.style(&excelize.Style{NumFmt: 3}) // built-in #,##0: 20.012 in Vietnamese
	return b
}

// write writes the workbook to w, its first sheet active, or the first error met building it.
func (b *recordBook) write(w io.Writer) error {
	if b.err != nil {
		return b.err
	}
	b.f.SetActiveSheet(0)
	_, err := b.f.WriteTo(w)
	return err
}

// recordColumn is a column of the sheet of records: its header, width, style, and the field
// it holds (nil for the unit's code and name).
type recordColumn struct {
	title string
	width float64
	text  bool // formatted as text
	field *tuyengiao.RecordField
}

// columns returns the columns of the sheet of records.
func (b *recordBook) columns() []recordColumn {
	cols := []recordColumn{{title: b.words.unitCode, width: unitCodeColumn.width, text: true}}
	if b.unitName {
		cols = append(cols, recordColumn{title: b.words.unitName, width: 30})
	}
	for i := range b.k.Fields {
		f := &b.k.Fields[i]
		c := recordColumn{title: f.Label, width: fieldWidths[f.Type], field: f,
			text: f.Type != tuyengiao.FieldCount && f.Type != tuyengiao.FieldMoney}
		if b.lang == "en" {
			c.title = f.LabelEn
		}
		if f.Required {
			c.title += " *"
		}
		cols = append(cols, c)
	}
	return cols
}

// fieldWidths are the widths of the columns of each type of field, in characters.
var fieldWidths = map[tuyengiao.FieldType]float64{
	tuyengiao.FieldText: 32, tuyengiao.FieldNote: 50, tuyengiao.FieldChoice: 24, tuyengiao.FieldLink: 32,
	tuyengiao.FieldDay: 12, tuyengiao.FieldCount: 12, tuyengiao.FieldMoney: 20, tuyengiao.FieldYesNo: 10,
}

// recordsSheet writes the sheet of records: the lists to choose values from, then through the
// stream writer the columns, the header row and the rows that rows yields (none for the
// template).
func (b *recordBook) recordsSheet(rows iter.Seq[[]any]) {
	f, sheet, cols := b.f, b.words.sheet, b.columns()
	b.choiceLists(cols)
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		b.check(err)
		return
	}
	text := b.style(&excelize.Style{NumFmt: textFormat})
	head := b.style(headerStyle)
	header := make([]any, len(cols))
	for i, c := range cols {
		b.check(sw.SetColWidth(i+1, i+1, c.width))
		if c.text {
			b.check(sw.SetColStyle(i+1, i+1, text))
		}
		header[i] = excelize.Cell{StyleID: head, Value: c.title}
	}
	b.check(sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	b.check(sw.SetRow("A1", header))
	if rows != nil {
		n := 2
		for row := range rows {
			b.check(sw.SetRow("A"+strconv.Itoa(n), row))
			n++
		}
	}
	b.check(sw.Flush())
}

// choiceLists writes the options of the choice fields, one column each, in the hidden sheet
// of lists, and lets the cells of their columns, and of the yes or no columns, be chosen from
// them only. The options are cells, not a list in the validation itself, which allows no
// comma inside an option and 255 characters in all.
func (b *recordBook) choiceLists(cols []recordColumn) {
	lists := 0
	for i, c := range cols {
		if c.field == nil || c.field.Type == tuyengiao.FieldChoice && len(c.field.Options) == 0 {
			continue
		}
		dv := excelize.NewDataValidation(true)
		name := columnName(i)
		dv.SetSqref(name + "2:" + name + strconv.Itoa(excelize.TotalRows))
		switch c.field.Type {
		case tuyengiao.FieldChoice:
			if lists == 0 {
				_, err := b.f.NewSheet(b.words.lists)
				b.check(err)
				b.check(b.f.SetSheetVisible(b.words.lists, false))
			}
			list := columnName(lists)
			for j, o := range c.field.Options {
				b.check(b.f.SetCellStr(b.words.lists, list+strconv.Itoa(j+1), b.optionName(o)))
			}
			dv.SetSqrefDropList("'" + b.words.lists + "'!$" + list + "$1:$" + list + "$" + strconv.Itoa(len(c.field.Options)))
			lists++
		case tuyengiao.FieldYesNo:
			b.check(dv.SetDropList([]string{record.Text(c.field, true, b.lang), record.Text(c.field, false, b.lang)}))
		default:
			continue
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, c.title, b.words.choose)
		b.check(b.f.AddDataValidation(b.words.sheet, dv))
	}
}

func (b *recordBook) optionName(o tuyengiao.RecordOption) string {
	if b.lang == "en" {
		return o.NameEn
	}
	return o.Name
}

// cell returns what the stream writer writes for the value val of field f: a number as a
// number cell while a spreadsheet keeps all its digits (15), else as text; anything else as
// the text record.Text writes; nil for an empty cell.
func (b *recordBook) cell(f *tuyengiao.RecordField, val any) any {
	if n, ok := val.(int64); ok && n < 1e15 && n > -1e15 {
		return excelize.Cell{StyleID: b.integer, Value: n}
	}
	return nonEmpty(record.Text(f, val, b.lang))
}

// nonEmpty returns s, or nil for an empty cell.
func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// recordGuide writes the sheet "Hướng dẫn" of the template.
func (b *recordBook) recordGuide() {
	f, sheet := b.f, guideSheet
	head := b.style(headerStyle)
	wrap := b.style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	plain := b.style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	for col, width := range map[string]float64{"A": 24, "B": 28, "C": 10, "D": 50, "E": 36} {
		b.check(f.SetColWidth(sheet, col, col, width))
	}
	b.check(f.SetColStyle(sheet, "A:E", wrap))
	row := 1
	put := func(style int, cells ...any) {
		cell := "A" + strconv.Itoa(row)
		b.check(f.SetSheetRow(sheet, cell, &cells))
		if style != 0 {
			b.check(f.SetCellStyle(sheet, cell, "E"+strconv.Itoa(row), style))
		}
		row++
	}
	put(b.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}), "Hướng dẫn điền danh sách: "+b.k.Name)
	limits := DefaultLimits()
	for _, s := range []string{
		"Mỗi " + b.k.One + " một dòng ở trang " + b.words.sheet + ", bắt đầu từ dòng 2.",
		"Cột " + unitCodeColumn.title + ": mã của đơn vị, như ở trang Đơn vị; để trống là đơn vị được chọn khi nhập tệp.",
		"Giữ nguyên tên cột ở dòng 1 (tiếng Việt hoặc tiếng Anh); có thể đổi thứ tự cột, bỏ cột không bắt buộc. Cột khác (STT, Ghi chú, ...) được bỏ qua. Cột có dấu * là bắt buộc.",
		"Nếu có dòng lỗi thì không dòng nào được nhập: sửa các dòng lỗi (tải về ở trang xem trước) rồi tải tệp lên lại.",
		"Tệp tối đa " + bytesText(limits.UploadBytes) + " và " + vn.Int(int64(limits.Rows)) + " dòng. Cũng nhận tệp CSV UTF-8, phân cách bằng dấu phẩy hoặc chấm phẩy.",
	} {
		put(plain, "– "+s) // unwrapped, to run over the empty cells to its right
	}
	row++
	put(head, "Cột", "Kiểu", "Bắt buộc", "Cách ghi", "Giá trị được chọn")
	put(wrap, unitCodeColumn.title, record.TypeWords(tuyengiao.FieldText), "", "Để trống: đơn vị được chọn khi nhập tệp.")
	for i := range b.k.Fields {
		fd := &b.k.Fields[i]
		required := ""
		if fd.Required {
			required = "Có"
		}
		options := make([]string, len(fd.Options))
		for j, o := range fd.Options {
			options[j] = o.Name
		}
		put(wrap, fd.Label, record.TypeWords(fd.Type), required, fd.Hint, strings.Join(options, "\n"))
	}
}
