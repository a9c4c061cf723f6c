package xlsximport

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// The columns of a question bank spreadsheet, in the order of the template: the options A to
// H, one column each from qOptions, follow the type.
const (
	qCategory = iota
	qText
	qType
	qOptions
)

const (
	qAnswer = qOptions + tuyengiao.MaxOptions + iota
	qExplanation
	qDocument
	qSource
	numQuestionColumns
)

// optionLetters are the letters of the options, A to H.
const optionLetters = "ABCDEFGH"

var questionColumnList = func() []column {
	cols := make([]column, numQuestionColumns)
	cols[qCategory] = column{title: "Chủ đề", json: "category", required: true, width: 22,
		aliases: []string{"chu de", "chuyen de", "nhom cau hoi", "category", "topic"},
		hint:    "Tên chủ đề (nhóm câu hỏi) của cuộc thi, ví dụ Bảo vệ nền tảng tư tưởng của Đảng. Chủ đề chưa có được tạo khi nhập; mỗi lượt thi rút câu hỏi theo số câu đặt cho từng chủ đề."}
	cols[qText] = column{title: "Câu hỏi", json: "text", required: true, width: 50,
		aliases: []string{"cau hoi", "noi dung cau hoi", "noi dung", "question", "question text"},
		hint:    "Nội dung câu hỏi, tối đa 2.000 ký tự."}
	cols[qType] = column{title: "Loại", json: "multiple", width: 16,
		aliases: []string{"loai", "loai cau hoi", "kieu", "kieu cau hoi", "type", "question type"},
		hint:    "Một lựa chọn hoặc Nhiều lựa chọn (chọn trong danh sách). Bỏ trống: một lựa chọn, hoặc nhiều lựa chọn khi cột Đáp án ghi nhiều phương án."}
	for i := range tuyengiao.MaxOptions {
		l := optionLetters[i : i+1]
		c := column{title: "Phương án " + l, json: "options", required: i < 2, width: 24,
			aliases: []string{"phuong an " + strings.ToLower(l), "lua chon " + strings.ToLower(l), "dap an " + strings.ToLower(l),
				"option " + strings.ToLower(l), strings.ToLower(l)},
			hint: "Tối đa 500 ký tự. Có thể bỏ trống."}
		if i < 2 {
			c.hint = "Bắt buộc với mọi câu hỏi. Tối đa 500 ký tự."
		} else if i == 2 {
			c.hint = "Các phương án ghi liền nhau từ A: đã ghi phương án D thì phải ghi phương án C. Tối đa 500 ký tự. Có thể bỏ trống."
		}
		cols[qOptions+i] = c
	}
	cols[qAnswer] = column{title: "Đáp án", json: "options", required: true, width: 10,
		aliases: []string{"dap an", "dap an dung", "phuong an dung", "answer", "answers", "correct answer"},
		hint:    "Chữ cái của phương án đúng, ví dụ B; câu nhiều lựa chọn ghi các chữ cái cách nhau bằng dấu phẩy hoặc chấm phẩy, ví dụ A, C."}
	cols[qExplanation] = column{title: "Giải thích", json: "explanation", width: 40,
		aliases: []string{"giai thich", "giai thich dap an", "explanation"},
		hint:    "Hiện cho người dự thi khi công bố đáp án. Có thể bỏ trống."}
	cols[qDocument] = column{title: "Văn bản", json: "document", width: 14,
		aliases: []string{"van ban", "van ban can cu", "so hieu van ban", "so ky hieu van ban", "document", "document symbol"},
		hint:    "Số, ký hiệu của văn bản làm căn cứ đáp án, như ở trang Văn bản, ví dụ 35-NQ/TW. Có thể bỏ trống."}
	cols[qSource] = column{title: "Trích dẫn", json: "source", width: 30,
		aliases: []string{"trich dan", "nguon", "source", "citation"},
		hint:    "Đoạn, mục, điều khoản của văn bản có đáp án, ví dụ Mục II, điểm 1. Có thể bỏ trống."}
	return cols
}()

// questionColumns are the columns of a question bank spreadsheet.
var questionColumns = newColumnSet(questionColumnList, key, noHeaderLike(questionColumnList))

// questionTypes maps the values of the column Loại, folded by key, to whether the question
// has several right options.
var questionTypes = map[string]bool{
	"mot lua chon": false, "mot dap an": false, "single": false, "single choice": false,
	"nhieu lua chon": true, "nhieu dap an": true, "multiple": true, "multiple choice": true,
}

// ReadQuestions reads a contest's question bank from a spreadsheet: the first sheet of an XLSX
// or a CSV, told apart by content and read within limits, as ReadPeople. Its header row names
// the columns of the template (WriteQuestionTemplate) in Vietnamese, without diacritics or in
// English, in any order: "Chủ đề", "Câu hỏi", "Phương án A", "Phương án B" and "Đáp án" are
// required, "Loại", "Phương án C" to "Phương án H", "Giải thích", "Văn bản" and "Trích dẫn"
// optional, other columns ignored; the option columns must follow on from A.
//
// Every data row gives a tuyengiao.QuestionRow in sheet order; rows whose known columns are all empty are
// skipped. A row holds one question: options A and B and the following ones up to the last
// filled, without a gap; the answer as the letters of the right options ("B", "A, C", "a;c");
// the type Một lựa chọn or Nhiều lựa chọn, or blank for several right options when the answer
// names several. The question has CategoryID 0 and Category the category's name, and Document
// the document's symbol as written. A row that is refused has its Err set, naming the row and
// the column ("Dòng 7, cột Đáp án: đáp án 'E' không có phương án tương ứng").
//
// The import is all or nothing, as ReadRecords: when any row is refused the error joins every
// refused row's Err, and the rows are returned too, for a preview. The other errors are those
// of ReadPeople.
func ReadQuestions(r io.Reader, size int64, limits Limits) ([]tuyengiao.QuestionRow, error) {
	limits = limits.orDefaults()
	rows, err := readFile(r, size, limits, func(s *sheet) ([]tuyengiao.QuestionRow, error) {
		h, err := questionColumns.findHeader(s.row)
		if err != nil {
			return nil, err
		} else if err := checkOptionColumns(h); err != nil {
			return nil, err
		}
		return dataRows(s.row, limits, func(n int, cells []string) (tuyengiao.QuestionRow, bool) {
			row, ok := h.question(n, cells)
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

// checkOptionColumns refuses a header whose option columns skip a letter, since the options
// of every row after it would have a gap.
func checkOptionColumns(h *header) error {
	for i := 2; i < tuyengiao.MaxOptions; i++ {
		if h.col[qOptions+i] >= 0 && h.col[qOptions+i-1] < 0 {
			return tuyengiao.Errorf(tuyengiao.EINVALID, "Thiếu cột %s ở dòng tiêu đề, mà có cột %s: các cột phương án phải liền nhau từ A.",
				questionColumnList[qOptions+i-1].title, h.title[qOptions+i])
		}
	}
	return nil
}

// question returns the question of row n, or false when the row's known columns are all empty.
func (h *header) question(n int, cells []string) (tuyengiao.QuestionRow, bool) {
	v, empty := h.cells(cells)
	if empty {
		return tuyengiao.QuestionRow{}, false
	}
	row := tuyengiao.QuestionRow{Row: n}
	q := &tuyengiao.Question{Category: v[qCategory], Text: v[qText],
		Explanation: v[qExplanation], Document: v[qDocument], Source: v[qSource]}
	if c, err := h.choices(q, v); err != nil {
		row.Err = h.cellError(n, c, err)
	} else if err := q.Validate(); err != nil {
		e := tuyengiao.UserError(err)
		row.Err = h.cellError(n, validatedColumn[e.Field], tuyengiao.Clause{Err: e})
	} else {
		row.Question = q
	}
	return row, true
}

// validatedColumn is the column of each field that Question.Validate may refuse once
// choices has accepted the options.
var validatedColumn = map[string]int{"category": qCategory, "text": qText, "options": qAnswer}

// cellError returns the EINVALID error of row n about column c, named as the sheet writes it:
// why is an *tuyengiao.Error written in lower case, or a tuyengiao.Clause.
func (h *header) cellError(n, c int, why any) *tuyengiao.Error {
	return &tuyengiao.Error{Code: tuyengiao.EINVALID, Field: questionColumnList[c].json, Row: n,
		Key: "Dòng %v, cột %s: %s", Args: []any{n, h.title[c], why}}
}

// choices fills the options, their answer and the type of q from the cells v of a row, or
// returns the column at fault and why.
func (h *header) choices(q *tuyengiao.Question, v []string) (int, *tuyengiao.Error) {
	last := -1
	for i := range tuyengiao.MaxOptions {
		if v[qOptions+i] != "" {
			last = i
		}
	}
	for i := range max(last+1, 2) {
		text := v[qOptions+i]
		switch {
		case text == "" && i < 2:
			return qOptions + i, tuyengiao.Errorf(tuyengiao.EINVALID, "chưa ghi phương án (mỗi câu hỏi cần ít nhất phương án A và B)")
		case text == "":
			return qOptions + i, tuyengiao.Errorf(tuyengiao.EINVALID, "phương án trống mà cột %s có nội dung: các phương án phải liền nhau từ A",
				h.title[qOptions+last])
		case utf8.RuneCountInString(text) > tuyengiao.MaxOptionRunes:
			return qOptions + i, tuyengiao.Errorf(tuyengiao.EINVALID, "phương án dài quá %d ký tự", tuyengiao.MaxOptionRunes)
		}
		q.Options = append(q.Options, tuyengiao.Option{Text: text})
	}
	right, err := answer(v[qAnswer], len(q.Options))
	if err != nil {
		return qAnswer, err
	}
	for _, i := range right {
		q.Options[i].Correct = true
	}
	q.Multiple = len(right) > 1
	if s := v[qType]; s != "" {
		multiple, ok := questionTypes[key(s)]
		switch {
		case !ok:
			return qType, tuyengiao.Errorf(tuyengiao.EINVALID, "%s không hợp lệ (ghi Một lựa chọn hoặc Nhiều lựa chọn, hoặc bỏ trống)", quote(s))
		case !multiple && len(right) > 1:
			return qAnswer, tuyengiao.Errorf(tuyengiao.EINVALID, "câu hỏi một lựa chọn (cột %s) chỉ có một đáp án, mà ghi %s",
				h.title[qType], quote(v[qAnswer]))
		}
		q.Multiple = multiple
	}
	return 0, nil
}

// answer reads the letters of the right options among n ("B", "A, C", "a;c", "AC"), and
// returns their indexes in order, each once.
func answer(s string, n int) ([]int, *tuyengiao.Error) {
	if s == "" {
		return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "chưa ghi đáp án (chữ cái của phương án đúng, ví dụ B hoặc A, C)")
	}
	// Folding drops the separators, and with them a cell of separators alone.
	words := strings.Fields(fold(s))
	if len(words) == 0 {
		words = []string{s}
	}
	var right [tuyengiao.MaxOptions]bool
	for _, word := range words {
		if strings.Trim(word, "abcdefghijklmnopqrstuvwxyz") != "" {
			return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "đáp án %s không hợp lệ: ghi chữ cái của phương án đúng, ví dụ B hoặc A, C", quote(s))
		}
		for _, c := range word {
			i := int(c - 'a')
			if i >= n {
				return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "đáp án %s không có phương án tương ứng", quote(strings.ToUpper(string(c))))
			}
			right[i] = true
		}
	}
	var out []int
	for i, ok := range right {
		if ok {
			out = append(out, i)
		}
	}
	return out, nil
}

// WriteQuestionBadRows writes an XLSX of the rows of the question bank spreadsheet b that
// reasons names by row number, as WriteBadRows does for people: the header row of b, those
// rows as b holds them, and the reason in a last column "Lỗi", which ReadQuestions ignores, so
// that the user fixes the rows there and uploads the file again. The errors are those of
// ReadQuestions.
func WriteQuestionBadRows(w io.Writer, b []byte, limits Limits, reasons map[int]string) error {
	// Every cell is read as its text: nothing to rewrite.
	return writeBadRows(w, b, limits, reasons, questionColumns, func(*header, []string, bool) {})
}

// questionSheet is the sheet of questions of the template.
const questionSheet = "Câu hỏi"

// questionExamples are the rows 2 and 3 of the template, a question of each type about a
// resolution every unit has studied; the guide asks to delete them before an upload.
var questionExamples = [...][numQuestionColumns]string{{
	qCategory: "Bảo vệ nền tảng tư tưởng của Đảng",
	qText: "Nghị quyết số 35-NQ/TW về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, " +
		"thù địch trong tình hình mới do cơ quan nào ban hành?",
	qType:        "Một lựa chọn",
	qOptions:     "Ban Chấp hành Trung ương Đảng",
	qOptions + 1: "Bộ Chính trị",
	qOptions + 2: "Ban Bí thư",
	qOptions + 3: "Quốc hội",
	qAnswer:      "B",
	qExplanation: "Nghị quyết số 35-NQ/TW do Bộ Chính trị khóa XII ban hành ngày 22/10/2018.",
	qDocument:    "35-NQ/TW",
	qSource:      "Phần tiêu đề và phần ký ban hành của Nghị quyết",
}, {
	qCategory:    "Bảo vệ nền tảng tư tưởng của Đảng",
	qText:        "Nền tảng tư tưởng của Đảng mà Nghị quyết số 35-NQ/TW yêu cầu kiên quyết bảo vệ gồm những nội dung nào?",
	qType:        "Nhiều lựa chọn",
	qOptions:     "Chủ nghĩa Mác - Lênin",
	qOptions + 1: "Chủ nghĩa thực dụng",
	qOptions + 2: "Tư tưởng Hồ Chí Minh",
	qOptions + 3: "Chủ nghĩa dân tộc hẹp hòi",
	qAnswer:      "A, C",
	qExplanation: "Đảng lấy chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh làm nền tảng tư tưởng, kim chỉ nam cho hành động.",
	qDocument:    "35-NQ/TW",
}}

// WriteQuestionTemplate writes the XLSX that organisers download to fill in a question bank:
// the sheet "Câu hỏi" with a styled, frozen header row of the columns ReadQuestions knows, the
// required ones marked *, and two example rows, a question with one right option and one with
// several; Loại chosen from a list; every column formatted as text, so that Excel keeps an
// option such as 3/2/1930 as typed instead of making it a date. The sheet "Hướng dẫn"
// explains every column. ReadQuestions reads it back as the two examples.
func WriteQuestionTemplate(w io.Writer) error {
	return writeTemplate(w, questionSheet, (*book).questionSheet, (*book).questionGuide)
}

func (b *book) questionSheet() {
	f, sheet := b.f, questionSheet
	text := b.style(&excelize.Style{NumFmt: textFormat})
	for i, c := range questionColumnList {
		name := columnName(i)
		b.check(f.SetColWidth(sheet, name, name, c.width))
		b.check(f.SetColStyle(sheet, name, text))
		title := c.title
		if c.required {
			title += " *"
		}
		b.check(f.SetCellStr(sheet, name+"1", title))
		for j, ex := range questionExamples {
			b.check(f.SetCellStr(sheet, name+strconv.Itoa(j+2), ex[i]))
		}
	}
	last := columnName(numQuestionColumns - 1)
	b.check(f.SetCellStyle(sheet, "A1", last+"1", b.style(headerStyle)))
	b.check(f.SetCellStyle(sheet, "A2", last+strconv.Itoa(len(questionExamples)+1), b.style(&excelize.Style{NumFmt: textFormat,
		Font: &excelize.Font{Italic: true, Color: "808080"}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})))
	b.check(f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	b.dropList(sheet, qType, questionColumnList[qType].title, []string{"Một lựa chọn", "Nhiều lựa chọn"})
}

func (b *book) questionGuide() {
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
		b.check(f.SetCellStyle(sheet, cell, "C"+strconv.Itoa(row), style))
		row++
	}
	put(b.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}), "Hướng dẫn nhập ngân hàng câu hỏi")
	limits := DefaultLimits()
	for _, s := range []string{
		"Mỗi câu hỏi một dòng ở trang " + questionSheet + ", bắt đầu từ dòng 2. Dòng 2 và 3 là hai câu ví dụ (một lựa chọn, nhiều lựa chọn): xóa đi trước khi tải lên.",
		"Giữ nguyên tên cột ở dòng 1; có thể đổi thứ tự cột, bỏ cột không bắt buộc. Cột có dấu * là bắt buộc. Cột khác (STT, Ghi chú, ...) được bỏ qua.",
		"Nếu có dòng lỗi thì không câu hỏi nào được nhập: sửa các dòng lỗi (tải về ở trang xem trước) rồi tải tệp lên lại.",
		"Tệp tối đa " + bytesText(limits.UploadBytes) + " và " + vn.Int(int64(limits.Rows)) + " dòng. Cũng nhận tệp CSV UTF-8, phân cách bằng dấu phẩy hoặc chấm phẩy.",
	} {
		put(plain, "– "+s) // unwrapped, to run over the empty cells to its right
	}
	row++
	put(head, "Cột", "Bắt buộc", "Cách ghi")
	for _, c := range questionColumnList {
		required := ""
		if c.required {
			required = "Có"
		}
		put(wrap, c.title, required, c.hint)
	}
}
