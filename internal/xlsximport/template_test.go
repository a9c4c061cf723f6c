package xlsximport_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/xlsximport"
)

func TestPeopleTemplate(t *testing.T) {
	var buf bytes.Buffer
	if err := xlsximport.PeopleTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "Danh sách"

	t.Run("has the people sheet first and the guide second", func(t *testing.T) {
		if got := f.GetSheetList(); !slices.Equal(got, []string{sheet, "Hướng dẫn"}) {
			t.Fatalf("sheets = %q", got)
		}
	})
	t.Run("the header row names every column, bold on a fill, frozen", func(t *testing.T) {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"Mã đơn vị", "Họ và tên", "Năm sinh", "Ngày sinh", "Giới tính", "Đối tượng", "Chức vụ", "Số điện thoại", "Số thẻ đảng viên", "Sinh hoạt từ ngày"}
		if !slices.Equal(rows[0], want) {
			t.Fatalf("header = %q", rows[0])
		}
		id, _ := f.GetCellStyle(sheet, "B1")
		style, err := f.GetStyle(id)
		if err != nil || style.Font == nil || !style.Font.Bold || len(style.Fill.Color) == 0 {
			t.Fatalf("header style = %+v, %v", style, err)
		}
		if panes, _ := f.GetPanes(sheet); !panes.Freeze || panes.YSplit != 1 {
			t.Fatalf("panes = %+v", panes)
		}
		if w, _ := f.GetColWidth(sheet, "B"); w < 20 {
			t.Fatalf("width of B = %v", w)
		}
	})
	t.Run("the phone column is formatted as text, to keep the leading zero", func(t *testing.T) {
		id, _ := f.GetCellStyle(sheet, "H5")
		if style, _ := f.GetStyle(id); style.NumFmt != 49 {
			t.Fatalf("style of H5 = %+v", style)
		}
	})
	t.Run("Đối tượng and Giới tính are chosen from lists", func(t *testing.T) {
		dvs, err := f.GetDataValidations(sheet)
		if err != nil || len(dvs) != 2 {
			t.Fatalf("validations = %v, %v", dvs, err)
		}
		for _, dv := range dvs {
			if dv.Type != "list" {
				t.Errorf("validation %+v", dv)
			}
		}
		lists := dvs[0].Sqref + " " + dvs[0].Formula1 + " | " + dvs[1].Sqref + " " + dvs[1].Formula1
		for _, s := range []string{"F2:F1048576", "Đảng viên dự bị", "Đoàn viên/Hội viên", "E2:E1048576", "Nam,Nữ"} {
			if !strings.Contains(lists, s) {
				t.Errorf("validations lack %q: %s", s, lists)
			}
		}
	})
	t.Run("the guide explains every column and the allowed values", func(t *testing.T) {
		rows, err := f.GetRows("Hướng dẫn")
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, r := range rows {
			text.WriteString(strings.Join(r, " | ") + "\n")
		}
		for _, s := range []string{"Mã đơn vị | Có |", "Số thẻ đảng viên", "Cán bộ chủ chốt", "Quần chúng", "Nam hoặc Nữ"} {
			if !strings.Contains(text.String(), s) {
				t.Errorf("guide lacks %q:\n%s", s, text.String())
			}
		}
	})
	t.Run("reads back as the example person", func(t *testing.T) {
		rows := read(t, buf.Bytes())
		want := []tuyengiao.ImportRow{{Row: 2, UnitCode: "VD-01", FullName: "Nguyễn Văn An", BirthYear: 1985, BirthDate: day(1985, 3, 15),
			Gender: tuyengiao.GenderMale, Category: tuyengiao.CategoryMember, Position: "Bí thư chi bộ", Phone: "0912345678", PartyCard: "79012345", Since: day(2015, 6, 1)}}
		assertRows(t, rows, want)
	})
}
