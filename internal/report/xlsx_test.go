package report_test

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/report"
)

// write encodes the tables and opens the result again.
func write(t *testing.T, tables ...report.Table) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WriteXLSX(&buf, tables...); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

// raw returns the stored value of a cell, before any number format.
func raw(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func style(t *testing.T, f *excelize.File, sheet, cell string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var conferences = report.Table{
	Title: "Hội nghị",
	Columns: []report.Column{
		{Header: "Đơn vị", Kind: report.Text}, {Header: "Lượt tham dự", Kind: report.Integer},
		{Header: "Tỉ lệ", Kind: report.Percent}, {Header: "Ngày", Kind: report.Date},
	},
	Rows: [][]any{
		{"Đảng bộ phường Bến Nghé", int64(20012), report.Ratio{Num: 974, Den: 1000}, tuyengiao.Date{Time: time.Date(2023, 1, 31, 0, 0, 0, 0, time.UTC)}},
		{"Chi bộ 3", 8000, report.Ratio{Num: 1, Den: 0}, time.Date(2023, 1, 31, 20, 0, 0, 0, time.UTC)},
		{nil, nil, nil, nil},
	},
}

func TestWriteXLSX(t *testing.T) {
	f, file := write(t, conferences)
	const sheet = "Hội nghị"

	t.Run("writes text, integers, rates and dates as values", func(t *testing.T) {
		for cell, want := range map[string]string{
			"A2": "Đảng bộ phường Bến Nghé", "B2": "20012", "C2": "0.974", "D2": "44957",
			"B3": "8000", "C3": "–", "D3": "44958", // 20:00 UTC is the next day in Vietnam
			"A4": "", "B4": "", "C4": "", "D4": "",
		} {
			if got := raw(t, f, sheet, cell); got != want {
				t.Errorf("%s = %q, want %q", cell, got, want)
			}
		}
	})
	t.Run("formats integers #,##0, rates 0.0% and dates dd/mm/yyyy", func(t *testing.T) {
		if s := style(t, f, sheet, "B2"); s.NumFmt != 3 {
			t.Errorf("integer style %+v", s)
		}
		if s := style(t, f, sheet, "C2"); s.CustomNumFmt == nil || *s.CustomNumFmt != "0.0%" {
			t.Errorf("percent style %+v", s)
		}
		if s := style(t, f, sheet, "D2"); s.CustomNumFmt == nil || *s.CustomNumFmt != "dd/mm/yyyy" {
			t.Errorf("date style %+v", s)
		}
		if v, _ := f.GetCellValue(sheet, "D2"); v != "31/01/2023" {
			t.Errorf("D2 shows %q", v)
		}
	})
	t.Run("the header row is bold on a fill, frozen and filtered", func(t *testing.T) {
		if v, _ := f.GetCellValue(sheet, "B1"); v != "Lượt tham dự" {
			t.Errorf("B1 = %q", v)
		}
		if s := style(t, f, sheet, "A1"); s.Font == nil || !s.Font.Bold || len(s.Fill.Color) == 0 {
			t.Errorf("header style %+v", s)
		}
		if p, _ := f.GetPanes(sheet); !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
			t.Errorf("panes %+v", p)
		}
		// excelize writes the range absolute, $A$1:$D$4.
		if xml := part(t, file, "xl/worksheets/sheet1.xml"); !strings.Contains(strings.ReplaceAll(xml, "$", ""), `<autoFilter ref="A1:D4"`) {
			t.Errorf("no filter on A1:D4 in %s", xml)
		}
		var filter bool
		for _, d := range f.GetDefinedName() {
			filter = filter || d.Name == "_xlnm._FilterDatabase" && strings.Contains(d.RefersTo, "$A$1:$D$4")
		}
		if !filter {
			t.Errorf("defined names %+v", f.GetDefinedName())
		}
	})
	t.Run("columns are as wide as their content", func(t *testing.T) {
		if w, _ := f.GetColWidth(sheet, "A"); w < float64(len([]rune("Đảng bộ phường Bến Nghé"))) || w > 60 {
			t.Errorf("width of A = %v", w)
		}
	})
}

// part returns a part of the zip file.
func part(t *testing.T, file []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	r, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteXLSXFormulas(t *testing.T) {
	values := []string{`=HYPERLINK("http://example.com/x","Bấm vào đây")`, "+84912345678", "-1+2", "@SUM(A1:A3)", "\t=1+1", "\r=1+1"}
	tbl := report.Table{Title: "Người", Columns: []report.Column{{Header: "=Họ và tên", Kind: report.Text}}}
	for _, v := range values {
		tbl.Rows = append(tbl.Rows, []any{v})
	}
	tbl.Rows = append(tbl.Rows, []any{"Nguyễn Văn An"}, []any{"An = Bình"})
	f, _ := write(t, tbl)

	t.Run("text that a spreadsheet would take for a formula comes back as text behind an apostrophe", func(t *testing.T) {
		for i, v := range append([]string{"=Họ và tên"}, values...) {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			got, _ := f.GetCellValue("Người", cell)
			formula, err := f.GetCellFormula("Người", cell)
			if got != "'"+v || formula != "" || err != nil {
				t.Errorf("%s = %q, formula %q, %v", cell, got, formula, err)
			}
			if typ, _ := f.GetCellType("Người", cell); typ == excelize.CellTypeFormula {
				t.Errorf("%s is a formula cell", cell)
			}
		}
	})
	t.Run("other text is written as it is", func(t *testing.T) {
		n := len(values) + 2
		for i, want := range []string{"Nguyễn Văn An", "An = Bình"} {
			cell, _ := excelize.CoordinatesToCellName(1, n+i)
			if got, _ := f.GetCellValue("Người", cell); got != want {
				t.Errorf("%s = %q", cell, got)
			}
		}
	})
}

func TestWriteXLSXSheets(t *testing.T) {
	t.Run("names a sheet after its title, valid and distinct", func(t *testing.T) {
		one := func(title string) report.Table {
			return report.Table{Title: title, Columns: []report.Column{{Header: "A", Kind: report.Text}}}
		}
		f, _ := write(t, one("Đảng viên"), one("ĐẢNG VIÊN"), one("Báo cáo 6 tháng [đầu] năm 2025: chi tiết theo đơn vị"), one(""), one("'"))
		want := []string{"Đảng viên", "ĐẢNG VIÊN (2)", "Báo cáo 6 tháng  đầu  năm 2025", "Trang", "Trang (2)"}
		if got := f.GetSheetList(); !slices.Equal(got, want) {
			t.Fatalf("sheets = %q", got)
		}
	})
	t.Run("refuses a value of the wrong kind, a short row and no table", func(t *testing.T) {
		for _, tables := range [][]report.Table{
			{{Title: "x", Columns: []report.Column{{Header: "n", Kind: report.Integer}}, Rows: [][]any{{"12"}}}},
			{{Title: "x", Columns: []report.Column{{Header: "n", Kind: report.Percent}}, Rows: [][]any{{0.5}}}},
			{{Title: "x", Columns: []report.Column{{Header: "a", Kind: report.Text}, {Header: "b", Kind: report.Text}}, Rows: [][]any{{"a"}}}},
			{{Title: "x"}},
			nil,
		} {
			if err := report.WriteXLSX(io.Discard, tables...); err == nil {
				t.Errorf("%+v: no error", tables)
			}
		}
	})
}

func TestPeopleTable(t *testing.T) {
	people := []*tuyengiao.Person{
		{UnitCode: "CB-01", UnitName: "Chi bộ 1", FullName: "Nguyễn Văn An", BirthYear: 1985,
			BirthDate: tuyengiao.Date{Time: time.Date(1985, 3, 15, 0, 0, 0, 0, time.UTC)}, Gender: tuyengiao.GenderMale,
			Category: tuyengiao.CategoryMember, Position: "Bí thư chi bộ", Phone: "0912345678", PartyCard: "79012345",
			Status: tuyengiao.StatusActive},
		{UnitCode: "CB-01", UnitName: "Chi bộ 1", FullName: "=1+1", Category: tuyengiao.CategoryMasses, Status: tuyengiao.StatusMovedOut},
	}
	f, _ := write(t, report.PeopleTable("Danh sách", people))
	rows, err := f.GetRows("Danh sách")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Mã đơn vị", "Đơn vị", "Họ và tên", "Năm sinh", "Ngày sinh", "Giới tính", "Đối tượng", "Chức vụ", "Số điện thoại", "Số thẻ đảng viên", "Trạng thái"},
		{"CB-01", "Chi bộ 1", "Nguyễn Văn An", "1985", "15/03/1985", "Nam", "Đảng viên", "Bí thư chi bộ", "0912345678", "79012345", "Đang sinh hoạt"},
		{"CB-01", "Chi bộ 1", "'=1+1", "", "", "", "Quần chúng", "", "", "", "Đã chuyển đi"},
	}
	for i := range want {
		if !slices.Equal(rows[i], want[i]) {
			t.Errorf("row %d = %q\nwant %q", i+1, rows[i], want[i])
		}
	}
}

// BenchmarkWriteXLSX100k writes an export of 100.000 people and reports rows/s.
func BenchmarkWriteXLSX100k(b *testing.B) {
	people := make([]*tuyengiao.Person, 100_000)
	for i := range people {
		people[i] = &tuyengiao.Person{UnitCode: "CB-01", UnitName: "Chi bộ 1", FullName: "Nguyễn Văn Người",
			BirthYear: 1980, BirthDate: tuyengiao.Date{Time: time.Date(1980, 1, 1+i%365, 0, 0, 0, 0, time.UTC)},
			Gender: tuyengiao.GenderFemale, Category: tuyengiao.CategoryMember, Position: "Đảng viên",
			Phone: "0912345678", PartyCard: "79012345", Status: tuyengiao.StatusActive}
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := report.WriteXLSX(io.Discard, report.PeopleTable("Danh sách", people)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)*100_000/b.Elapsed().Seconds(), "rows/s")
}
