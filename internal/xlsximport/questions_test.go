package xlsximport_test

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/vn"
	"tuyengiao/internal/xlsximport"
)

// questionHeader is the header row of the template.
var questionHeader = []any{"Chủ đề *", "Câu hỏi *", "Loại", "Phương án A *", "Phương án B *", "Phương án C", "Phương án D",
	"Phương án E", "Phương án F", "Phương án G", "Phương án H", "Đáp án *", "Giải thích", "Văn bản", "Trích dẫn"}

// readQuestions reads b, which must hold no bad row.
func readQuestions(t *testing.T, b []byte) []tuyengiao.QuestionRow {
	t.Helper()
	rows, err := xlsximport.ReadQuestions(bytes.NewReader(b), int64(len(b)), xlsximport.Limits{})
	if err != nil {
		t.Fatal(vn.Message(err))
	}
	return rows
}

// options returns the options of texts, those at the indexes right marked right.
func options(texts []string, right ...int) []tuyengiao.Option {
	out := make([]tuyengiao.Option, len(texts))
	for i, s := range texts {
		out[i] = tuyengiao.Option{Text: s, Correct: slices.Contains(right, i)}
	}
	return out
}

func assertQuestions(t *testing.T, got []tuyengiao.QuestionRow, want map[int]*tuyengiao.Question) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d: %+v", len(got), len(want), got)
	}
	for _, r := range got {
		if r.Err != nil || !reflect.DeepEqual(r.Question, want[r.Row]) {
			t.Errorf("row %d:\n got %+v (err %v)\nwant %+v", r.Row, r.Question, vn.Message(r.Err), want[r.Row])
		}
	}
}

func TestQuestionTemplate(t *testing.T) {
	var buf bytes.Buffer
	if err := xlsximport.WriteQuestionTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "Câu hỏi"

	t.Run("has the sheet of questions first and the guide second", func(t *testing.T) {
		if got := f.GetSheetList(); !slices.Equal(got, []string{sheet, "Hướng dẫn"}) {
			t.Fatalf("sheets = %q", got)
		}
	})
	t.Run("the header row names every column, required ones marked, frozen", func(t *testing.T) {
		rows, _ := f.GetRows(sheet)
		want := make([]string, len(questionHeader))
		for i, h := range questionHeader {
			want[i] = h.(string)
		}
		if !slices.Equal(rows[0], want) {
			t.Fatalf("header = %q", rows[0])
		}
		if panes, _ := f.GetPanes(sheet); !panes.Freeze || panes.YSplit != 1 {
			t.Fatalf("panes = %+v", panes)
		}
	})
	t.Run("every column is formatted as text, so that a date stays as typed", func(t *testing.T) {
		for _, cell := range []string{"A10", "F10", "L10", "O10"} {
			id, _ := f.GetCellStyle(sheet, cell)
			if style, _ := f.GetStyle(id); style.NumFmt != 49 {
				t.Errorf("style of %s = %+v", cell, style)
			}
		}
	})
	t.Run("Loại is chosen from a list", func(t *testing.T) {
		dvs, _ := f.GetDataValidations(sheet)
		if len(dvs) != 1 || !strings.HasPrefix(dvs[0].Sqref, "C2:") || !strings.Contains(dvs[0].Formula1, "Nhiều lựa chọn") {
			t.Fatalf("validations = %+v", dvs)
		}
	})
	t.Run("the guide explains every column", func(t *testing.T) {
		rows, _ := f.GetRows("Hướng dẫn")
		var named []string
		for _, r := range rows {
			if len(r) == 3 && r[2] != "" {
				named = append(named, r[0])
			}
		}
		for _, h := range questionHeader {
			if title := strings.TrimSuffix(h.(string), " *"); !slices.Contains(named, title) {
				t.Errorf("guide lacks %s: %q", title, named)
			}
		}
	})
	t.Run("reads back as its two examples, one right option and several", func(t *testing.T) {
		rows := readQuestions(t, buf.Bytes())
		if len(rows) != 2 || rows[0].Row != 2 || rows[1].Row != 3 {
			t.Fatalf("rows = %+v", rows)
		}
		single, multiple := rows[0].Question, rows[1].Question
		if single.Multiple || single.Key() != 0b10 || len(single.Options) != 4 || single.Document != "35-NQ/TW" ||
			single.Category == "" || single.CategoryID != 0 || single.Explanation == "" || single.Source == "" {
			t.Errorf("single = %+v", single)
		}
		if !multiple.Multiple || multiple.Key() != 0b101 || len(multiple.Options) != 4 || multiple.Category != single.Category {
			t.Errorf("multiple = %+v", multiple)
		}
	})
}

func TestReadQuestions(t *testing.T) {
	abcd := []string{"Bộ Chính trị", "Ban Bí thư", "Quốc hội", "Chính phủ"}
	t.Run("reads every column into the question", func(t *testing.T) {
		rows := readQuestions(t, xlsx(t, []any{"NGÂN HÀNG CÂU HỎI TUẦN 1"}, nil, questionHeader,
			[]any{"Nghị quyết 35", "  Ai ban hành Nghị quyết 35-NQ/TW? ", "Một lựa chọn", abcd[0], abcd[1], abcd[2], abcd[3],
				nil, nil, nil, nil, "a", "Bộ Chính trị khóa XII.", "35-NQ/TW", "Điều 1"},
			[]any{"Nghị quyết 35", "Năm nào?", nil, 2018, 2019, nil, nil, nil, nil, nil, nil, "A"},
			nil,
			[]any{"Lịch sử Đảng", "Những ngày nào là ngày lễ lớn?", nil, "3/2/1930", "19/5/1890", "1/1/2000",
				nil, nil, nil, nil, nil, "A;b"},
		))
		assertQuestions(t, rows, map[int]*tuyengiao.Question{
			4: {Category: "Nghị quyết 35", Text: "Ai ban hành Nghị quyết 35-NQ/TW?", Options: options(abcd, 0),
				Explanation: "Bộ Chính trị khóa XII.", Document: "35-NQ/TW", Source: "Điều 1"},
			5: {Category: "Nghị quyết 35", Text: "Năm nào?", Options: options([]string{"2018", "2019"}, 0)},
			7: {Category: "Lịch sử Đảng", Text: "Những ngày nào là ngày lễ lớn?", Multiple: true,
				Options: options([]string{"3/2/1930", "19/5/1890", "1/1/2000"}, 0, 1)},
		})
	})
	t.Run("finds the columns without diacritics or in English, in any order", func(t *testing.T) {
		for _, h := range [][]any{
			{"Dap an", "phuong an b", "PHUONG AN A", "cau hoi", "chu de", "Loai"},
			{"Answer", "Option B", "Option A", "Question", "Category", "Type"},
			{"Đáp án đúng", "B", "A", "Nội dung câu hỏi", "Chủ đề (*)", "Loại câu hỏi"},
		} {
			rows := readQuestions(t, xlsx(t, append([]any{"STT"}, h...), []any{1, "B", "Sai", "Đúng", "Hỏi?", "Chung", "Single choice"}))
			assertQuestions(t, rows, map[int]*tuyengiao.Question{
				2: {Category: "Chung", Text: "Hỏi?", Options: options([]string{"Đúng", "Sai"}, 1)},
			})
		}
	})
	t.Run("a blank type is several right options when the answer names several", func(t *testing.T) {
		rows := readQuestions(t, xlsx(t, questionHeader,
			[]any{"C", "Hỏi?", nil, "x", "y", "z", nil, nil, nil, nil, nil, "AC"},
			[]any{"C", "Hỏi?", "Nhiều lựa chọn", "x", "y", nil, nil, nil, nil, nil, nil, "B"}))
		if !rows[0].Question.Multiple || rows[0].Question.Key() != 0b101 || !rows[1].Question.Multiple || rows[1].Question.Key() != 0b10 {
			t.Fatalf("rows = %+v, %+v", rows[0].Question, rows[1].Question)
		}
	})
	t.Run("reads a CSV separated by semicolons", func(t *testing.T) {
		b := []byte("\ufeffChủ đề;Câu hỏi;Phương án A;Phương án B;Phương án C;Đáp án\r\n" +
			"Nghị quyết 35;\"Ai ban hành; khi nào?\";Bộ Chính trị;Ban Bí thư;Quốc hội;A\r\n")
		assertQuestions(t, readQuestions(t, b), map[int]*tuyengiao.Question{
			2: {Category: "Nghị quyết 35", Text: "Ai ban hành; khi nào?", Options: options(abcd[:3], 0)},
		})
	})
	t.Run("refuses every bad row in one pass, naming its row and column, and returns the rows", func(t *testing.T) {
		long := strings.Repeat("ô", 2001)
		b := xlsx(t, questionHeader,
			[]any{"C", "Đúng?", nil, "x", "y", nil, nil, nil, nil, nil, nil, "A"},
			[]any{"C", nil, nil, "x", "y", nil, nil, nil, nil, nil, nil, "A"},
			[]any{"C", "Hỏi?", nil, "x", "y", "z", "t", nil, nil, nil, nil, "E"},
			[]any{"C", "Hỏi?", nil, "x", "y", nil, "t", nil, nil, nil, nil, "A"},
			[]any{"C", "Hỏi?", "Một lựa chọn", "x", "y", "z", nil, nil, nil, nil, nil, "A, C"},
			[]any{"C", long, nil, "x", "y", nil, nil, nil, nil, nil, nil, "A"},
			[]any{nil, "Hỏi?", nil, "x", "y", nil, nil, nil, nil, nil, nil, "A"},
			[]any{"C", "Hỏi?", nil, "x", nil, nil, nil, nil, nil, nil, nil, "A"},
			[]any{"C", "Hỏi?", nil, "x", strings.Repeat("y", 501), nil, nil, nil, nil, nil, nil, "A"},
			[]any{"C", "Hỏi?", nil, "x", "y", nil, nil, nil, nil, nil, nil, "1"},
			[]any{"C", "Hỏi?", nil, "x", "y", nil, nil, nil, nil, nil, nil, nil},
			[]any{"C", "Hỏi?", nil, "x", "y", nil, nil, nil, nil, nil, nil, "-"},
			[]any{"C", "Hỏi?", "Tự luận", "x", "y", nil, nil, nil, nil, nil, nil, "A"},
			[]any{strings.Repeat("c", 201), "Hỏi?", nil, "x", "y", nil, nil, nil, nil, nil, nil, "A"},
		)
		rows, err := xlsximport.ReadQuestions(bytes.NewReader(b), int64(len(b)), xlsximport.Limits{})
		if tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
			t.Fatalf("err = %v", err)
		}
		want := []struct {
			field, msg string
		}{
			{"text", "Dòng 3, cột Câu hỏi: chưa nhập nội dung câu hỏi"},
			{"options", "Dòng 4, cột Đáp án: đáp án 'E' không có phương án tương ứng"},
			{"options", "Dòng 5, cột Phương án C: phương án trống mà cột Phương án D có nội dung: các phương án phải liền nhau từ A"},
			{"options", "Dòng 6, cột Đáp án: câu hỏi một lựa chọn (cột Loại) chỉ có một đáp án, mà ghi 'A, C'"},
			{"text", "Dòng 7, cột Câu hỏi: câu hỏi dài quá 2.000 ký tự"},
			{"category", "Dòng 8, cột Chủ đề: chưa chọn chủ đề của câu hỏi"},
			{"options", "Dòng 9, cột Phương án B: chưa ghi phương án (mỗi câu hỏi cần ít nhất phương án A và B)"},
			{"options", "Dòng 10, cột Phương án B: phương án dài quá 500 ký tự"},
			{"options", "Dòng 11, cột Đáp án: đáp án '1' không hợp lệ: ghi chữ cái của phương án đúng, ví dụ B hoặc A, C"},
			{"options", "Dòng 12, cột Đáp án: chưa ghi đáp án (chữ cái của phương án đúng, ví dụ B hoặc A, C)"},
			{"options", "Dòng 13, cột Đáp án: đáp án '-' không hợp lệ: ghi chữ cái của phương án đúng, ví dụ B hoặc A, C"},
			{"multiple", "Dòng 14, cột Loại: 'Tự luận' không hợp lệ (ghi Một lựa chọn hoặc Nhiều lựa chọn, hoặc bỏ trống)"},
			{"category", "Dòng 15, cột Chủ đề: tên chủ đề dài quá 200 ký tự"},
		}
		if len(rows) != len(want)+1 || rows[0].Err != nil || rows[0].Question == nil {
			t.Fatalf("rows = %+v", rows)
		}
		joined := err.(interface{ Unwrap() []error }).Unwrap()
		if len(joined) != len(want) {
			t.Errorf("%d errors joined, want %d", len(joined), len(want))
		}
		for i, w := range want {
			r := rows[i+1]
			if r.Err == nil || r.Question != nil || r.Err.Row != r.Row || r.Err.Row != i+3 || r.Err.Field != w.field || vn.Message(r.Err) != w.msg {
				t.Errorf("row %d: %q (%+v), want %q", r.Row, vn.Message(r.Err), r.Err, w.msg)
			}
		}
	})
	t.Run("refuses a header without a required column, or with a gap in the options", func(t *testing.T) {
		for _, c := range []struct {
			header []any
			msg    string
		}{
			{[]any{"Chủ đề", "Câu hỏi", "Phương án A", "Phương án B"}, "Thiếu cột Đáp án ở dòng tiêu đề."},
			{[]any{"Chủ đề", "Câu hỏi", "A", "B", "D", "Đáp án"}, "Thiếu cột Phương án C ở dòng tiêu đề, mà có cột D: các cột phương án phải liền nhau từ A."},
			{[]any{"Tên", "Ghi chú"}, "Không tìm thấy dòng tiêu đề trong 10 dòng đầu của trang tính đầu tiên: cần các cột như trong tệp mẫu, ví dụ Chủ đề, Câu hỏi, Phương án A, Phương án B, Đáp án."},
		} {
			b := xlsx(t, c.header, []any{"Chung", "Hỏi?", "x", "y", "z", "A, C"})
			_, err := xlsximport.ReadQuestions(bytes.NewReader(b), int64(len(b)), xlsximport.Limits{})
			if tuyengiao.ErrorCode(err) != tuyengiao.EINVALID || vn.Message(err) != c.msg {
				t.Errorf("header %q: %q", c.header, vn.Message(err))
			}
		}
	})
	t.Run("refuses a file beyond the limits", func(t *testing.T) {
		b := xlsx(t, questionHeader, []any{"C", "Hỏi?", nil, "x", "y"}, []any{"C", "Hỏi?", nil, "x", "y"})
		for _, limits := range []xlsximport.Limits{{UploadBytes: int64(len(b) - 1)}, {Rows: 1}} {
			_, err := xlsximport.ReadQuestions(bytes.NewReader(b), int64(len(b)), limits)
			if tuyengiao.ErrorCode(err) != tuyengiao.ETOOLARGE {
				t.Errorf("limits %+v: err = %v", limits, err)
			}
		}
	})
}

func TestWriteQuestionBadRows(t *testing.T) {
	b := xlsx(t, []any{"STT", "Chủ đề", "Câu hỏi", "A", "B", "C", "Đáp án"},
		[]any{1, "Nghị quyết 35", "Ai ban hành?", "Bộ Chính trị", "Ban Bí thư", nil, "A"},
		[]any{2, "Nghị quyết 35", "Năm nào?", 2018, 2019, nil, "C"},
	)
	rows, err := xlsximport.ReadQuestions(bytes.NewReader(b), int64(len(b)), xlsximport.Limits{})
	if err == nil {
		t.Fatal("bad rows read")
	}
	reasons := map[int]string{}
	for _, r := range rows {
		if r.Err != nil {
			reasons[r.Row] = vn.Message(r.Err)
		}
	}
	var buf bytes.Buffer
	if err := xlsximport.WriteQuestionBadRows(&buf, b, xlsximport.Limits{}, reasons); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	got, _ := f.GetRows(sheet)
	want := [][]string{
		{"STT", "Chủ đề", "Câu hỏi", "A", "B", "C", "Đáp án", "Lỗi"},
		{"2", "Nghị quyết 35", "Năm nào?", "2018", "2019", "", "C", "Dòng 3, cột Đáp án: đáp án 'C' không có phương án tương ứng"},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("bad rows = %q", got)
	}
	t.Run("read again once fixed, the reasons ignored", func(t *testing.T) {
		_ = f.SetCellStr(sheet, "G2", "B")
		fixed, _ := f.WriteToBuffer()
		assertQuestions(t, readQuestions(t, fixed.Bytes()), map[int]*tuyengiao.Question{
			2: {Category: "Nghị quyết 35", Text: "Năm nào?", Options: options([]string{"2018", "2019"}, 1)},
		})
	})
}

// FuzzReadQuestions feeds arbitrary bytes to ReadQuestions: it must never panic, and must
// answer with rows or with *tuyengiao.Error values, never with an internal error; every
// refused row is named, every other holds a question that Question.Validate accepts.
func FuzzReadQuestions(f *testing.F) {
	f.Add(xlsx(f, questionHeader, []any{"Nghị quyết 35", "Ai ban hành?", "Một lựa chọn", "Bộ Chính trị", "Ban Bí thư",
		nil, nil, nil, nil, nil, nil, "A", "Khóa XII", "35-NQ/TW", "Điều 1"}))
	f.Add([]byte("\ufeffChủ đề;Câu hỏi;Phương án A;Phương án B;Phương án C;Đáp án\r\nC;Hỏi?;x;y;;A, C\r\nC;;x;;z;e\r\n"))
	f.Add([]byte("category,question,type,option a,option b,answer\nC,\"Q, R\",multiple,x,y,ab\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, err := xlsximport.ReadQuestions(bytes.NewReader(b), int64(len(b)), xlsximport.Limits{Rows: 1000})
		var list interface{ Unwrap() []error }
		if errors.As(err, &list) {
			for _, e := range list.Unwrap() {
				if tuyengiao.ErrorCode(e) != tuyengiao.EINVALID {
					t.Fatalf("row error %v", e)
				}
			}
		} else if tuyengiao.ErrorCode(err) == tuyengiao.EINTERNAL {
			t.Fatalf("internal error %v", err)
		}
		for _, r := range rows {
			if r.Err != nil && (r.Err.Row != r.Row || r.Err.Code != tuyengiao.EINVALID || r.Question != nil) ||
				r.Err == nil && (r.Question == nil || r.Question.Validate() != nil) {
				t.Fatalf("row %d: %#v %+v", r.Row, r.Err, r.Question)
			}
		}
	})
}
