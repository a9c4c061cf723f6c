package xlsximport_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/vn"
	"tuyengiao/internal/xlsximport"
)

// xlsx returns a workbook whose first sheet holds rows from A1 down; a nil row stays empty.
func xlsx(t testing.TB, rows ...[]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func read(t *testing.T, b []byte) []tuyengiao.ImportRow {
	t.Helper()
	rows, err := xlsximport.ReadPeople(bytes.NewReader(b), int64(len(b)), xlsximport.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// refused reads b and returns the message of the error, which must have the code.
func refused(t *testing.T, b []byte, limits xlsximport.Limits, code string) string {
	t.Helper()
	rows, err := xlsximport.ReadPeople(bytes.NewReader(b), -1, limits)
	if tuyengiao.ErrorCode(err) != code {
		t.Fatalf("err = %v (rows %v), want %s", err, rows, code)
	}
	return vn.Message(err)
}

var header = []any{"Mã đơn vị", "Họ và tên", "Năm sinh", "Ngày sinh", "Giới tính", "Đối tượng", "Chức vụ", "Số điện thoại", "Số thẻ đảng viên"}

func day(y int, m time.Month, d int) tuyengiao.Date {
	return tuyengiao.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

func TestReadPeopleXLSX(t *testing.T) {
	t.Run("reads every column, text and number and date cells alike", func(t *testing.T) {
		rows := read(t, xlsx(t, header,
			[]any{"CB-01", "Nguyễn Văn An", 1985, "15/03/1985", "Nam", "Đảng viên", "Bí thư chi bộ", "0912345678", "79012345"},
			[]any{"CB-01", "Trần Thị Bình", nil, time.Date(1990, 1, 31, 0, 0, 0, 0, time.UTC), "nữ", "Đoàn viên", nil, 912345679, 79012346},
			[]any{"CB-02", "Lê Văn Cường", "1970", "1970-07-02", "male", "Quần chúng", nil, "0281234567"},
		))
		want := []tuyengiao.ImportRow{
			{Row: 2, UnitCode: "CB-01", FullName: "Nguyễn Văn An", BirthYear: 1985, BirthDate: day(1985, 3, 15), Gender: tuyengiao.GenderMale,
				Category: tuyengiao.CategoryMember, Position: "Bí thư chi bộ", Phone: "0912345678", PartyCard: "79012345"},
			{Row: 3, UnitCode: "CB-01", FullName: "Trần Thị Bình", BirthYear: 1990, BirthDate: day(1990, 1, 31), Gender: tuyengiao.GenderFemale,
				Category: tuyengiao.CategoryUnion, Phone: "0912345679", PartyCard: "79012346"},
			{Row: 4, UnitCode: "CB-02", FullName: "Lê Văn Cường", BirthYear: 1970, BirthDate: day(1970, 7, 2), Gender: tuyengiao.GenderMale,
				Category: tuyengiao.CategoryMasses, Phone: "0281234567"},
		}
		assertRows(t, rows, want)
	})
	t.Run("finds the columns by header in any case, with or without diacritics, or in English", func(t *testing.T) {
		for _, h := range [][]any{
			{"Mã đơn vị", "Họ và tên"}, {"MÃ ĐƠN VỊ", "HỌ VÀ TÊN"}, {"ma don vi", "ho va ten"},
			{"Mã ĐV", "Họ tên"}, {"Mã đơn vị (*)", "  Họ  và   tên "}, {"Unit code", "Full name"},
		} {
			rows := read(t, xlsx(t, []any{"STT", h[1], "Ghi chú", h[0]}, []any{1, "Phạm Thị Dung", "x", "CB-03"}))
			if len(rows) != 1 || rows[0].FullName != "Phạm Thị Dung" || rows[0].UnitCode != "CB-03" {
				t.Errorf("header %q: rows = %+v", h, rows)
			}
		}
	})
	t.Run("skips empty rows and a title above the header, and numbers rows as the sheet does", func(t *testing.T) {
		rows := read(t, xlsx(t, []any{"DANH SÁCH ĐẢNG VIÊN CHI BỘ 3"}, nil, header,
			[]any{"CB-03", "Võ Văn Em"}, nil, []any{nil, nil, nil, nil, "   "},
			[]any{"CB-03", "Đỗ Thị Giang"}))
		if len(rows) != 2 || rows[0].Row != 4 || rows[1].Row != 7 || rows[1].FullName != "Đỗ Thị Giang" {
			t.Fatalf("rows = %+v", rows)
		}
	})
	t.Run("a row with only unknown columns filled is empty", func(t *testing.T) {
		rows := read(t, xlsx(t, []any{"STT", "Mã đơn vị", "Họ và tên"}, []any{1, "CB-03", "Võ Văn Em"}, []any{2}, []any{3}))
		if len(rows) != 1 {
			t.Fatalf("rows = %+v", rows)
		}
	})
	t.Run("a bad date names the row and the column, and the other rows are read", func(t *testing.T) {
		rows := read(t, xlsx(t, header, []any{"CB-01", "Nguyễn Văn An"}, []any{"CB-01", "Trần Văn Bảo", nil, "31/02/1990"}))
		if len(rows) != 2 || rows[0].Err != nil {
			t.Fatalf("rows = %+v", rows)
		}
		err := rows[1].Err
		if err == nil || err.Code != tuyengiao.EINVALID || err.Row != 3 || err.Field != "birth_date" ||
			vn.Message(err) != "Dòng 3, cột Ngày sinh: '31/02/1990' không phải ngày hợp lệ" {
			t.Fatalf("err = %#v", err)
		}
	})
	t.Run("names the column as the sheet writes it", func(t *testing.T) {
		rows := read(t, xlsx(t, []any{"MÃ ĐƠN VỊ", "HỌ VÀ TÊN", "GIỚI TÍNH"}, []any{"CB-01", "An", "X"}))
		if rows[0].Err == nil || vn.Message(rows[0].Err) != "Dòng 2, cột GIỚI TÍNH: 'X' không hợp lệ (ghi Nam hoặc Nữ)" {
			t.Fatalf("err = %v", rows[0].Err)
		}
	})
	t.Run("names the column without the mark of a required one", func(t *testing.T) {
		rows := read(t, xlsx(t, []any{"Mã đơn vị *", "Họ và tên", "Giới tính (*)"}, []any{"CB-01", "An", "X"}))
		if rows[0].Err == nil || vn.Message(rows[0].Err) != "Dòng 2, cột Giới tính: 'X' không hợp lệ (ghi Nam hoặc Nữ)" {
			t.Fatalf("err = %v", rows[0].Err)
		}
	})
	t.Run("writes a number cell stored in scientific notation with all its digits", func(t *testing.T) {
		f := excelize.NewFile()
		defer f.Close()
		_ = f.SetSheetRow("Sheet1", "A1", &[]any{"Mã đơn vị", "Họ và tên", "Số điện thoại", "Số thẻ đảng viên"})
		_ = f.SetSheetRow("Sheet1", "A2", &[]any{"CB-01", "An"})
		// SetCellDefault stores the text as it is, as a number cell when it is one.
		_ = f.SetCellDefault("Sheet1", "C2", "9.12345678E8")
		_ = f.SetCellDefault("Sheet1", "D2", "7.9012345E7")
		buf, _ := f.WriteToBuffer()
		if rows := read(t, buf.Bytes()); rows[0].Phone != "0912345678" || rows[0].PartyCard != "79012345" {
			t.Fatalf("rows = %+v", rows)
		}
	})
	t.Run("reads a date cell of a workbook counting from 1904", func(t *testing.T) {
		f := excelize.NewFile()
		defer f.Close()
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
		_ = f.SetSheetRow("Sheet1", "A1", &[]any{"Mã đơn vị", "Họ và tên", "Ngày sinh"})
		_ = f.SetSheetRow("Sheet1", "A2", &[]any{"CB-01", "An", time.Date(1990, 1, 31, 0, 0, 0, 0, time.UTC)})
		buf, _ := f.WriteToBuffer()
		if rows := read(t, buf.Bytes()); !rows[0].BirthDate.Equal(day(1990, 1, 31).Time) {
			t.Fatalf("rows = %+v", rows)
		}
	})
	t.Run("a year alone in the date column is the year of birth", func(t *testing.T) {
		rows := read(t, xlsx(t, header, []any{"CB-01", "An", nil, 1962}))
		if rows[0].Err != nil || rows[0].BirthYear != 1962 || !rows[0].BirthDate.IsZero() {
			t.Fatalf("rows = %+v", rows)
		}
	})
	t.Run("a year that disagrees with the date is an error", func(t *testing.T) {
		rows := read(t, xlsx(t, header, []any{"CB-01", "An", 1961, "01/01/1962"}))
		if rows[0].Err == nil || rows[0].Err.Field != "birth_year" {
			t.Fatalf("rows = %+v", rows)
		}
	})
}

func assertRows(t *testing.T, got, want []tuyengiao.ImportRow) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Err != nil || !g.BirthDate.Equal(w.BirthDate.Time) {
			t.Errorf("row %d: %+v (err %v), want %+v", i, g, g.Err, w)
			continue
		}
		g.BirthDate, w.BirthDate = tuyengiao.Date{}, tuyengiao.Date{}
		if g != w {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

func TestReadPeopleHeader(t *testing.T) {
	t.Run("a missing required column is refused by name", func(t *testing.T) {
		msg := refused(t, xlsx(t, []any{"Họ và tên", "Ngày sinh", "Đối tượng"}, []any{"An", "01/01/1990", "Đảng viên"}),
			xlsximport.Limits{}, tuyengiao.EINVALID)
		if msg != "Thiếu cột Mã đơn vị ở dòng tiêu đề." {
			t.Fatal(msg)
		}
	})
	t.Run("a sheet without a header row is refused", func(t *testing.T) {
		msg := refused(t, xlsx(t, []any{"Tên"}, []any{"An"}), xlsximport.Limits{}, tuyengiao.EINVALID)
		if !strings.Contains(msg, "Mã đơn vị") || !strings.Contains(msg, "Họ và tên") {
			t.Fatal(msg)
		}
	})
	t.Run("a column named twice is refused", func(t *testing.T) {
		msg := refused(t, xlsx(t, []any{"Mã đơn vị", "Họ và tên", "Họ tên"}), xlsximport.Limits{}, tuyengiao.EINVALID)
		if msg != "Có hai cột Họ và tên (cột B và cột C); hãy xóa một cột." {
			t.Fatal(msg)
		}
	})
}

func TestReadPeopleCSV(t *testing.T) {
	t.Run("reads a CSV of Vietnamese Excel: BOM, ';' and CRLF", func(t *testing.T) {
		csv := "\ufeffMã đơn vị;Họ và tên;Ngày sinh;Số điện thoại;Chức vụ\r\n" +
			"CB-01;Nguyễn Văn An;15-03-1985;0912345678;\"Bí thư; chủ tịch\"\r\n" +
			";;;;\r\n" +
			"CB-01;Trần Thị Bình;31/01/1990;9.12345678E+08;\r\n"
		rows := read(t, []byte(csv))
		want := []tuyengiao.ImportRow{
			{Row: 2, UnitCode: "CB-01", FullName: "Nguyễn Văn An", BirthYear: 1985, BirthDate: day(1985, 3, 15), Phone: "0912345678", Position: "Bí thư; chủ tịch"},
			{Row: 4, UnitCode: "CB-01", FullName: "Trần Thị Bình", BirthYear: 1990, BirthDate: day(1990, 1, 31), Phone: "0912345678"},
		}
		assertRows(t, rows, want)
	})
	t.Run("reads a CSV with ',' and every category by its template name", func(t *testing.T) {
		csv := "unit code,full name,category,gender\n" +
			"A,An,Cán bộ chủ chốt,Nam\nA,Bình,Đảng viên,Nữ\nA,Cường,Đảng viên dự bị,\n" +
			"A,Dung,Đoàn viên/Hội viên,\nA,Em,Quần chúng,\nA,Giang,hội viên,\n"
		rows := read(t, []byte(csv))
		want := append(append([]tuyengiao.Category{}, tuyengiao.Categories...), tuyengiao.CategoryUnion)
		for i, r := range rows {
			if r.Err != nil || r.Category != want[i] {
				t.Errorf("row %d: %+v", r.Row, r)
			}
		}
	})
	t.Run("text in NFD comes out in NFC", func(t *testing.T) {
		rows := read(t, []byte("Mã đơn vị,Họ và tên\nA,Nguye\u0302\u0303n\n"))
		if rows[0].FullName != "Nguyễn" {
			t.Fatalf("%q", rows[0].FullName)
		}
	})
	t.Run("a CSV in Windows-1258 is read, each row saying so", func(t *testing.T) {
		rows := read(t, []byte("Ma\xde \xf0\xf5n vi\xf2;Ho\xf2 v\xe0 t\xean\r\nA;Nguy\xea\xden V\xe3n An\r\n"))
		if len(rows) != 1 || rows[0].FullName != "Nguyễn Văn An" || rows[0].Converted != "Windows-1258" {
			t.Fatalf("%+v", rows)
		}
	})
	t.Run("a CSV in Windows-1252 is read, each row saying so", func(t *testing.T) {
		rows := read(t, []byte("unit code,full name\nA,Jos\xe9 M\xfcller\n"))
		if len(rows) != 1 || rows[0].FullName != "José Müller" || rows[0].Converted != "Windows-1252" {
			t.Fatalf("%+v", rows)
		}
	})
	t.Run("a CSV of TCVN3 saved in Windows-1252 comes out in Unicode", func(t *testing.T) {
		rows := read(t, []byte("M\xb7 \xae\xacn v\xde,H\xe4 v\xb5 t\xaan\nA,Nguy\xd4n V\xa8n An\n"))
		if len(rows) != 1 || rows[0].FullName != "Nguyễn Văn An" || rows[0].Converted != "TCVN3" {
			t.Fatalf("%+v", rows)
		}
	})
	t.Run("a CSV in no charset the reader knows is refused, saying it is not UTF-8", func(t *testing.T) {
		msg := refused(t, []byte("M\x81 \x8dn;H\x90\nA;An\n"), xlsximport.Limits{}, tuyengiao.EINVALID)
		if !strings.HasPrefix(msg, "Tệp không phải XLSX hay CSV") || !strings.Contains(msg, "không mã hóa UTF-8") {
			t.Fatal(msg)
		}
	})
}

// zipOf returns a zip holding the named parts.
func zipOf(t *testing.T, parts ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte("x"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadPeopleRefuses(t *testing.T) {
	for _, c := range []struct {
		name, says string
		file       []byte
	}{
		{"a zip that is not a workbook", "ZIP", zipOf(t, "a.txt")},
		{"a PDF renamed .xlsx", "PDF", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")},
		{"an Excel 97-2003 file", ".xls", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 504)...)},
		{"an OpenDocument spreadsheet", ".ods", zipOf(t, "mimetype", "content.xml")},
		{"a binary workbook", ".xlsb", zipOf(t, "[Content_Types].xml", "xl/workbook.bin")},
		{"an HTML page saved as .xls", "HTML", []byte("<html><table><tr><td>Họ và tên</td></tr></table></html>")},
		{"a binary file", "", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")},
	} {
		t.Run("refuses "+c.name, func(t *testing.T) {
			msg := refused(t, c.file, xlsximport.Limits{}, tuyengiao.EINVALID)
			if !strings.HasPrefix(msg, "Tệp không phải XLSX hay CSV") || !strings.Contains(msg, c.says) {
				t.Fatal(msg)
			}
		})
	}
	t.Run("refuses a broken workbook", func(t *testing.T) {
		msg := refused(t, zipOf(t, "[Content_Types].xml", "xl/workbook.xml"), xlsximport.Limits{}, tuyengiao.EINVALID)
		if !strings.Contains(msg, "bị hỏng") {
			t.Fatal(msg)
		}
	})
	t.Run("refuses an empty file", func(t *testing.T) {
		refused(t, nil, xlsximport.Limits{}, tuyengiao.EINVALID)
	})
}

func TestReadPeopleLimits(t *testing.T) {
	rows := [][]any{header}
	for range 5 {
		rows = append(rows, []any{"CB-01", "Nguyễn Văn An"})
	}
	file := xlsx(t, rows...)
	t.Run("refuses more data rows than the limit, naming it", func(t *testing.T) {
		msg := refused(t, file, xlsximport.Limits{Rows: 4}, tuyengiao.ETOOLARGE)
		if !strings.Contains(msg, "hơn 4 dòng") {
			t.Fatal(msg)
		}
	})
	t.Run("accepts as many rows as the limit", func(t *testing.T) {
		got, err := xlsximport.ReadPeople(bytes.NewReader(file), -1, xlsximport.Limits{Rows: 5})
		if err != nil || len(got) != 5 {
			t.Fatalf("%d rows, %v", len(got), err)
		}
	})
	t.Run("refuses a file larger than the upload limit, as read or as announced", func(t *testing.T) {
		msg := refused(t, file, xlsximport.Limits{UploadBytes: 1000}, tuyengiao.ETOOLARGE)
		if msg != "Tệp vượt quá giới hạn 1 KB." {
			t.Fatal(msg)
		}
		_, err := xlsximport.ReadPeople(strings.NewReader(""), 11<<20, xlsximport.Limits{})
		if tuyengiao.ErrorCode(err) != tuyengiao.ETOOLARGE || vn.Message(err) != "Tệp vượt quá giới hạn 10 MB." {
			t.Fatal(err)
		}
	})
	t.Run("refuses a workbook that unpacks beyond the limit", func(t *testing.T) {
		msg := refused(t, file, xlsximport.Limits{UnpackedBytes: 2000}, tuyengiao.ETOOLARGE)
		if msg != "Tệp XLSX khi giải nén vượt quá giới hạn 2 KB." {
			t.Fatal(msg)
		}
	})
}

func TestCellsLoseControlCharacters(t *testing.T) {
	t.Run("a name cell loses its control and direction characters", func(t *testing.T) {
		rows := read(t, []byte("Mã đơn vị,Họ và tên\nCB-01,\u202eVõ Văn\a Em\u2066\n"))
		if len(rows) != 1 || rows[0].FullName != "Võ Văn Em" || rows[0].UnitCode != "CB-01" {
			t.Fatalf("rows %+v", rows)
		}
	})
}

// TestReadDayOne: a cell of 01/01/0001 is that day, left for the import to refuse as
// implausible, not an empty cell that would make the start today.
func TestReadDayOne(t *testing.T) {
	rows := read(t, []byte("Mã đơn vị,Họ và tên,Ngày sinh,Sinh hoạt từ ngày\nA,An,01/01/0001,0001-01-01\n"))
	r := rows[0]
	if r.Err != nil || r.Since.IsZero() || r.BirthDate.IsZero() || r.Since.Format(time.DateOnly) != "0001-01-01" || r.BirthDate.Year() != 1 {
		t.Fatalf("%+v", r)
	}
}

func TestReadPeopleLegacyFonts(t *testing.T) {
	t.Run("TCVN3 and VNI cells of an XLSX come out in Unicode, each row naming its font", func(t *testing.T) {
		rows := read(t, xlsx(t,
			[]any{"Mã đơn vị", "Hä vµ tªn", "Chøc vô", "§èi t­îng"},
			[]any{"A", "NguyÔn V¨n An", "BÝ th­ chi bé", "§¶ng viªn"},
			[]any{"A", "Lª ThÞ Hµ", "", "§¶ng viªn"},
		))
		if len(rows) != 2 || rows[0].FullName != "Nguyễn Văn An" || rows[0].Position != "Bí thư chi bộ" ||
			rows[0].Category != tuyengiao.CategoryMember || rows[0].Converted != "TCVN3" || rows[1].FullName != "Lê Thị Hà" {
			t.Fatalf("%+v", rows)
		}
		rows = read(t, xlsx(t,
			[]any{"Mã đơn vị", "Họ và tên", "Đối tượng"},
			[]any{"A", "Nguyeãn Vaên An", "Ñaûng vieân"},
			[]any{"A", "Trần Thị Bình", "Đảng viên"},
		))
		if len(rows) != 2 || rows[0].FullName != "Nguyễn Văn An" || rows[0].Category != tuyengiao.CategoryMember ||
			rows[0].Converted != "VNI" || rows[1].FullName != "Trần Thị Bình" || rows[1].Converted != "" {
			t.Fatalf("%+v", rows)
		}
	})
}

func TestWriteBadRows(t *testing.T) {
	t.Run("the bad rows come out with their reasons, and read again as the same people", func(t *testing.T) {
		in := xlsx(t,
			[]any{"DANH SÁCH"},
			[]any{"Mã đơn vị", "Hä vµ tªn", "Ngày sinh", "Số điện thoại", "Ghi chú"},
			[]any{"A", "NguyÔn V¨n An", "15/03/1985", "0912 345 678", "x"},
			[]any{"B", "Lª ThÞ Hµ", "31/02/1990", "", ""},
			[]any{"A", "TrÇn B×nh", "", "", ""},
		)
		var buf bytes.Buffer
		err := xlsximport.WriteBadRows(&buf, in, xlsximport.Limits{}, map[int]string{3: "Dòng 3: không có đơn vị mã \"A\"", 5: "Dòng 5: thiếu đối tượng"})
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.GetRows("Dòng lỗi")
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{
			{"Mã đơn vị", "Họ và tên", "Ngày sinh", "Số điện thoại", "Ghi chú", "Lỗi"},
			{"A", "Nguyễn Văn An", "15/03/1985", "0912 345 678", "x", "Dòng 3: không có đơn vị mã \"A\""},
			{"A", "Trần Bình", "", "", "", "Dòng 5: thiếu đối tượng"},
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("got %q\nwant %q", got, want)
		}
		var again bytes.Buffer
		f.Write(&again)
		rows := read(t, again.Bytes())
		if len(rows) != 2 || rows[0].FullName != "Nguyễn Văn An" || rows[0].Phone != "0912345678" || rows[0].BirthYear != 1985 || rows[1].FullName != "Trần Bình" {
			t.Fatalf("read again: %+v", rows)
		}
	})
	for _, date1904 := range []bool{false, true} {
		t.Run(fmt.Sprintf("a date cell comes out as the day it reads as (1904 dates: %v)", date1904), func(t *testing.T) {
			f := excelize.NewFile()
			defer f.Close()
			if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}); err != nil {
				t.Fatal(err)
			}
			_ = f.SetSheetRow("Sheet1", "A1", &[]any{"Mã đơn vị", "Họ và tên", "Ngày sinh", "Sinh hoạt từ ngày"})
			_ = f.SetSheetRow("Sheet1", "A2", &[]any{"A", "An", time.Date(1985, 3, 15, 0, 0, 0, 0, time.UTC), time.Date(2010, 9, 2, 0, 0, 0, 0, time.UTC)})
			in, _ := f.WriteToBuffer()
			var buf bytes.Buffer
			if err := xlsximport.WriteBadRows(&buf, in.Bytes(), xlsximport.Limits{}, map[int]string{2: "Dòng 2: không có đơn vị mã \"A\""}); err != nil {
				t.Fatal(err)
			}
			out, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := out.GetRows("Dòng lỗi"); len(got) != 2 || got[1][2] != "15/03/1985" || got[1][3] != "02/09/2010" {
				t.Fatalf("got %q", got)
			}
			rows := read(t, buf.Bytes())
			if len(rows) != 1 || !rows[0].BirthDate.Equal(day(1985, 3, 15).Time) || !rows[0].Since.Equal(day(2010, 9, 2).Time) {
				t.Fatalf("read again: %+v", rows)
			}
		})
	}
}
