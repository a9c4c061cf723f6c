package xlsximport_test

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/vn"
	"tuyengiao/internal/xlsximport"
)

// everyType is a kind of record with a field of every type, one of whose options holds a
// comma, as a spreadsheet list may not.
var everyType = &tuyengiao.RecordKind{
	Code: "test-every", Name: "Bản ghi thử", NameEn: "Test records", One: "bản ghi", OneEn: "record",
	Area: "test", Table: "test_records", Day: "start_on", Title: "title",
	Fields: []tuyengiao.RecordField{
		{Name: "start_on", Label: "Ngày", LabelEn: "Date", Type: tuyengiao.FieldDay, Required: true, Hint: "Ngày tổ chức."},
		{Name: "title", Label: "Tên", LabelEn: "Name", Type: tuyengiao.FieldText, Required: true},
		{Name: "note", Label: "Nội dung", LabelEn: "Content", Type: tuyengiao.FieldNote},
		{Name: "form", Label: "Hình thức", LabelEn: "Form", Type: tuyengiao.FieldChoice, Required: true, Options: []tuyengiao.RecordOption{
			{Code: "direct", Name: "Trực tiếp", NameEn: "In person"},
			{Code: "online", Name: "Trực tuyến", NameEn: "Online"},
			{Code: "mixed", Name: "Trực tiếp, trực tuyến", NameEn: "In person and online"},
		}},
		{Name: "link", Label: "Đường dẫn", LabelEn: "Link", Type: tuyengiao.FieldLink},
		{Name: "listeners", Label: "Số người nghe", LabelEn: "Listeners", Type: tuyengiao.FieldCount},
		{Name: "value", Label: "Giá trị (đồng)", LabelEn: "Value (đồng)", Type: tuyengiao.FieldMoney},
		{Name: "done", Label: "Đã hoàn thành", LabelEn: "Completed", Type: tuyengiao.FieldYesNo},
	},
}

// today is the day the records are read as of.
var today = day(2026, 6, 15)

func template(t *testing.T, k *tuyengiao.RecordKind) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsximport.WriteRecordTemplate(&buf, k); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readRecords(t *testing.T, k *tuyengiao.RecordKind, b []byte) []tuyengiao.RecordRow {
	t.Helper()
	rows, err := xlsximport.ReadRecords(bytes.NewReader(b), int64(len(b)), k, today, xlsximport.DefaultLimits())
	if err != nil {
		t.Fatal(vn.Message(err))
	}
	return rows
}

// fill returns the workbook b with rows set on its first sheet from A2 down.
func fill(t *testing.T, b []byte, rows ...[]any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRecordTemplate(t *testing.T) {
	b := template(t, everyType)
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "Danh sách"

	t.Run("has the sheet of records first, the guide second and the lists hidden", func(t *testing.T) {
		if got := f.GetSheetList(); !slices.Equal(got, []string{sheet, "Hướng dẫn", "Danh mục"}) {
			t.Fatalf("sheets = %q", got)
		}
		if visible, _ := f.GetSheetVisible("Danh mục"); visible {
			t.Fatal("the lists are visible")
		}
	})
	t.Run("the header row names the unit code, then every field by its label, required ones marked", func(t *testing.T) {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"Mã đơn vị", "Ngày *", "Tên *", "Nội dung", "Hình thức *", "Đường dẫn", "Số người nghe", "Giá trị (đồng)", "Đã hoàn thành"}
		if len(rows) != 1 || !slices.Equal(rows[0], want) {
			t.Fatalf("rows = %q", rows)
		}
		if panes, _ := f.GetPanes(sheet); !panes.Freeze || panes.YSplit != 1 {
			t.Fatalf("panes = %+v", panes)
		}
	})
	t.Run("the day and code columns are formatted as text, the numbers are not", func(t *testing.T) {
		for cell, text := range map[string]bool{"A5": true, "B5": true, "C5": true, "G5": false, "H5": false} {
			id, _ := f.GetCellStyle(sheet, cell)
			if style, _ := f.GetStyle(id); (style.NumFmt == 49) != text {
				t.Errorf("style of %s = %+v", cell, style)
			}
		}
	})
	t.Run("the options and yes or no are chosen from lists", func(t *testing.T) {
		dvs, err := f.GetDataValidations(sheet)
		if err != nil || len(dvs) != 2 {
			t.Fatalf("validations = %v, %v", dvs, err)
		}
		form, done := dvs[0], dvs[1]
		if form.Type != "list" || form.Sqref != "E2:E1048576" || form.Formula1 != "'Danh mục'!$A$1:$A$3" {
			t.Errorf("validation of Hình thức = %+v", form)
		}
		var options []string
		for _, cell := range []string{"A1", "A2", "A3"} {
			v, _ := f.GetCellValue("Danh mục", cell)
			options = append(options, v)
		}
		if !slices.Equal(options, []string{"Trực tiếp", "Trực tuyến", "Trực tiếp, trực tuyến"}) {
			t.Errorf("options = %q", options)
		}
		if done.Type != "list" || done.Sqref != "I2:I1048576" || !strings.Contains(done.Formula1, "Có,Không") {
			t.Errorf("validation of Đã hoàn thành = %+v", done)
		}
	})
	t.Run("the guide explains every field: type, required, hint and options", func(t *testing.T) {
		rows, err := f.GetRows("Hướng dẫn")
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, r := range rows {
			text.WriteString(strings.Join(r, " | ") + "\n")
		}
		for _, s := range []string{"Bản ghi thử", "Mã đơn vị | Một dòng chữ",
			"Ngày | Ngày/tháng/năm, ví dụ 31/01/2026 | Có | Ngày tổ chức.",
			"Hình thức | Một trong danh sách | Có |  | Trực tiếp\nTrực tuyến\nTrực tiếp, trực tuyến",
			"Giá trị (đồng) | Số tiền bằng đồng", "Đã hoàn thành | Có hoặc không"} {
			if !strings.Contains(text.String(), s) {
				t.Errorf("guide lacks %q:\n%s", s, text.String())
			}
		}
	})
	t.Run("reads back as no records", func(t *testing.T) {
		if rows := readRecords(t, everyType, b); len(rows) != 0 {
			t.Fatalf("rows = %+v", rows)
		}
	})
	t.Run("of every declared kind reads back", func(t *testing.T) {
		for _, k := range tuyengiao.RecordKinds() {
			if rows := readRecords(t, k, template(t, k)); len(rows) != 0 {
				t.Errorf("%s: rows = %+v", k.Code, rows)
			}
		}
	})
}

func TestReadRecords(t *testing.T) {
	t.Run("reads a filled template into the Go types of the fields", func(t *testing.T) {
		b := fill(t, template(t, everyType),
			[]any{nil, time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC), "Hội nghị quán triệt", "Đoạn một, đoạn hai", "Trực tuyến",
				"https://tuyengiao.vn/a", 20012, "626.000.000.000", "Có"},
			[]any{"CB-01", "15/02/2026", "NguyÔn V¨n An nãi chuyÖn", nil, "trực tiếp, TRỰC TUYẾN", nil, "20.012", 626e9, "không"},
			[]any{" CB-02 ", "2026-03-01", "Leâ Thò Hoàng", nil, "online", nil, "2.0012E4", nil, "x"},
			[]any{nil, "01/04/2026", "Tọa đàm", nil, "In person and online", nil, 3.0, "1.000.000.000.000.000 đồng", "no"},
		)
		rows := readRecords(t, everyType, b)
		want := []tuyengiao.RecordRow{
			{Row: 2, Values: tuyengiao.RecordValues{"start_on": day(2026, 1, 31), "title": "Hội nghị quán triệt", "note": "Đoạn một, đoạn hai",
				"form": "online", "link": "https://tuyengiao.vn/a", "listeners": int64(20012), "value": int64(626e9), "done": true}},
			{Row: 3, UnitCode: "CB-01", Converted: "TCVN3", Values: tuyengiao.RecordValues{"start_on": day(2026, 2, 15), "title": "Nguyễn Văn An nói chuyện",
				"note": "", "form": "mixed", "link": "", "listeners": int64(20012), "value": int64(626e9), "done": false}},
			{Row: 4, UnitCode: "CB-02", Converted: "VNI", Values: tuyengiao.RecordValues{"start_on": day(2026, 3, 1), "title": "Lê Thị Hồng",
				"note": "", "form": "online", "link": "", "listeners": int64(20012), "value": int64(0), "done": true}},
			{Row: 5, Values: tuyengiao.RecordValues{"start_on": day(2026, 4, 1), "title": "Tọa đàm", "note": "", "form": "mixed", "link": "",
				"listeners": int64(3), "value": int64(tuyengiao.MaxValue), "done": false}},
		}
		assertRecordRows(t, rows, want)
	})
	t.Run("finds the columns by their labels in either language, in any order, ignoring others", func(t *testing.T) {
		csv := "DANH SÁCH HỘI NGHỊ\n\nSTT;Form;DATE *;Ghi chú;ten;unit code;Số người nghe (*)\n1;Trực tiếp;31/01/2026;x;An;CB-01;1.234\n"
		rows := readRecords(t, everyType, []byte(csv))
		want := []tuyengiao.RecordRow{{Row: 4, UnitCode: "CB-01", Values: tuyengiao.RecordValues{"start_on": day(2026, 1, 31), "title": "An",
			"note": "", "form": "direct", "link": "", "listeners": int64(1234), "value": int64(0), "done": false}}}
		assertRecordRows(t, rows, want)
	})
	t.Run("a missing required column is named", func(t *testing.T) {
		_, err := xlsximport.ReadRecords(strings.NewReader("Mã đơn vị,Ngày,Số người nghe\nCB-01,31/01/2026,3\n"), -1, everyType, today, xlsximport.Limits{})
		if tuyengiao.ErrorCode(err) != tuyengiao.EINVALID || vn.Message(err) != "Thiếu cột Tên, Hình thức ở dòng tiêu đề." {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("a sheet without a header row names the columns needed", func(t *testing.T) {
		_, err := xlsximport.ReadRecords(strings.NewReader("Tên đơn vị\nA\n"), -1, everyType, today, xlsximport.Limits{})
		if msg := vn.Message(err); tuyengiao.ErrorCode(err) != tuyengiao.EINVALID || !strings.Contains(msg, "ví dụ Ngày, Tên, Hình thức") {
			t.Fatalf("err = %v", msg)
		}
	})
	t.Run("every bad row is refused with its number and the field's label, and the good ones are kept", func(t *testing.T) {
		b := xlsx(t, []any{"Mã đơn vị", "Ngày", "Tên", "Hình thức", "Số người nghe", "Đường dẫn"},
			[]any{"CB-01", "31/02/2026", "An", "Trực tiếp", 1},
			[]any{"CB-01", "31/01/2026", "Bình", "Tivi", 1},
			[]any{"CB-01", "31/01/2026", nil, "Trực tiếp", 1},
			[]any{"CB-01", "31/01/2026", "Cường", "Trực tiếp", 1.5},
			[]any{"CB-01", "31/01/2026", "Dung", "Trực tiếp", 1, "tuyengiao.vn"},
			[]any{"CB-01", "31/01/1926", "Em", "Trực tiếp"},
			[]any{"CB-01", "31/01/2026", "Giang", "Trực tiếp", 2},
		)
		rows, err := xlsximport.ReadRecords(bytes.NewReader(b), int64(len(b)), everyType, today, xlsximport.Limits{})
		if tuyengiao.ErrorCode(err) != tuyengiao.EINVALID || len(rows) != 7 {
			t.Fatalf("%d rows, err = %v", len(rows), err)
		}
		var list interface{ Unwrap() []error }
		if !errors.As(err, &list) || len(list.Unwrap()) != 6 {
			t.Fatalf("err = %v", err)
		}
		want := []struct {
			field string
			msg   string
		}{
			{"start_on", `Dòng 2: ngày: "31/02/2026" không phải một ngày (cần dạng 31/01/2026)`},
			{"form", `Dòng 3: hình thức "Tivi" không có trong danh sách`},
			{"title", "Dòng 4: chưa nhập Tên"},
			{"listeners", `Dòng 5: số người nghe: "1,5" không phải một số nguyên (viết như 20.012)`},
			{"link", "Dòng 6: đường dẫn phải là địa chỉ bắt đầu bằng http:// hoặc https://"},
			{"start_on", "Dòng 7: "},
		}
		for i, e := range list.Unwrap() {
			got := tuyengiao.UserError(e)
			if got.Row != i+2 || rows[i].Err != got || got.Field != want[i].field || !strings.HasPrefix(vn.Message(got), want[i].msg) {
				t.Errorf("error %d = %#v: %s", i, got, vn.Message(got))
			}
		}
		if last := rows[6]; last.Err != nil || last.Values.Number("listeners") != 2 {
			t.Errorf("good row = %+v", last)
		}
	})
	t.Run("refuses a file beyond the limits", func(t *testing.T) {
		b := fill(t, template(t, everyType), []any{nil, "31/01/2026", "An", "Trực tiếp"}, []any{nil, "31/01/2026", "Bình", "Trực tiếp"})
		for _, limits := range []xlsximport.Limits{{UploadBytes: int64(len(b) - 1)}, {Rows: 1}} {
			_, err := xlsximport.ReadRecords(bytes.NewReader(b), int64(len(b)), everyType, today, limits)
			if tuyengiao.ErrorCode(err) != tuyengiao.ETOOLARGE {
				t.Errorf("limits %+v: err = %v", limits, err)
			}
		}
	})
}

func assertRecordRows(t *testing.T, got, want []tuyengiao.RecordRow) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Err != nil || g.Row != w.Row || g.UnitCode != w.UnitCode || g.Converted != w.Converted || !sameValues(g.Values, w.Values) {
			t.Errorf("row %d:\n got %+v (err %v)\nwant %+v", i, g, vn.Message(g.Err), w)
		}
	}
}

// sameValues tells whether a and b hold the same values of the same types, days compared as
// days.
func sameValues(a, b tuyengiao.RecordValues) bool {
	if len(a) != len(b) {
		return false
	}
	for name, v := range a {
		if d, ok := v.(tuyengiao.Date); ok {
			if e, ok := b[name].(tuyengiao.Date); !ok || !d.Equal(e.Time) {
				return false
			}
		} else if v != b[name] {
			return false
		}
	}
	return true
}

// units are the units of the records written, by id.
var units = map[int64][2]string{1: {"TU", "Thành ủy"}, 7: {"CB-07", "Chi bộ Khu phố 7"}}

func unitOf(id int64) (string, string) { return units[id][0], units[id][1] }

// export writes rs of kind k in lang.
func export(t *testing.T, k *tuyengiao.RecordKind, rs []*tuyengiao.Record, lang string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsximport.WriteRecords(&buf, k, rs, unitOf, lang); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// validRecord returns a record of kind k at unit with values, checked by k.Validate.
func validRecord(t *testing.T, k *tuyengiao.RecordKind, unit int64, v tuyengiao.RecordValues) *tuyengiao.Record {
	t.Helper()
	if err := k.Validate(v, today); err != nil {
		t.Fatalf("%s: %v", k.Code, vn.Message(err))
	}
	return &tuyengiao.Record{ID: unit * 10, Kind: k.Code, UnitID: unit, Values: v}
}

// assertRoundTrip checks that rows read back the records rs.
func assertRoundTrip(t *testing.T, rs []*tuyengiao.Record, rows []tuyengiao.RecordRow) {
	t.Helper()
	want := make([]tuyengiao.RecordRow, len(rs))
	for i, r := range rs {
		want[i] = tuyengiao.RecordRow{Row: i + 2, UnitCode: units[r.UnitID][0], Values: r.Values}
	}
	assertRecordRows(t, rows, want)
}

func TestWriteRecords(t *testing.T) {
	rs := []*tuyengiao.Record{
		validRecord(t, everyType, 1, tuyengiao.RecordValues{"start_on": day(2026, 1, 31), "title": "Hội nghị quán triệt Nghị quyết 35-NQ/TW",
			"note": "Nội dung: 20.012 lượt", "form": "mixed", "link": "https://tuyengiao.vn/a?b=1", "listeners": int64(20012),
			"value": int64(626_000_000_000), "done": true}),
		validRecord(t, everyType, 7, tuyengiao.RecordValues{"start_on": day(2026, 6, 15), "title": "=1+1", "form": "direct",
			"value": int64(tuyengiao.MaxValue)}),
		validRecord(t, everyType, 7, tuyengiao.RecordValues{"start_on": day(2026, 2, 1), "title": "0123", "form": "online"}),
	}
	for _, lang := range []string{"vi", "en"} {
		t.Run("reads back unchanged in "+lang, func(t *testing.T) {
			assertRoundTrip(t, rs, readRecords(t, everyType, export(t, everyType, rs, lang)))
		})
	}
	t.Run("has the template's columns with the units' names, values written the Vietnamese way", func(t *testing.T) {
		f, err := excelize.OpenReader(bytes.NewReader(export(t, everyType, rs, "vi")))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows("Danh sách")
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{
			{"Mã đơn vị", "Tên đơn vị", "Ngày *", "Tên *", "Nội dung", "Hình thức *", "Đường dẫn", "Số người nghe", "Giá trị (đồng)", "Đã hoàn thành"},
			{"TU", "Thành ủy", "31/01/2026", "Hội nghị quán triệt Nghị quyết 35-NQ/TW", "Nội dung: 20.012 lượt", "Trực tiếp, trực tuyến",
				"https://tuyengiao.vn/a?b=1", "20,012", "626,000,000,000", "Có"},
			{"CB-07", "Chi bộ Khu phố 7", "15/06/2026", "=1+1", "", "Trực tiếp", "", "0", "1.000.000.000.000.000", "Không"},
		}
		for i, w := range want {
			if !slices.Equal(rows[i], w) {
				t.Errorf("row %d = %q, want %q", i+1, rows[i], w)
			}
		}
		if formula, _ := f.GetCellFormula("Danh sách", "D3"); formula != "" {
			t.Errorf("a text became the formula %q", formula)
		}
		if dvs, _ := f.GetDataValidations("Danh sách"); len(dvs) != 2 || dvs[0].Sqref != "F2:F1048576" {
			t.Errorf("validations = %+v", dvs)
		}
	})
}

// sampleValues returns values of every field of k: a day for a required day field, a text
// of each text field, the first option of a choice, a sum of money, yes, count for a count;
// no optional day, which a kind's checks most often compare with another.
func sampleValues(k *tuyengiao.RecordKind, count int64) tuyengiao.RecordValues {
	v := tuyengiao.RecordValues{}
	for _, f := range k.Fields {
		switch f.Type {
		case tuyengiao.FieldDay:
			if f.Required {
				v[f.Name] = day(2026, 3, 2)
			}
		case tuyengiao.FieldText, tuyengiao.FieldNote:
			v[f.Name] = "Nội dung của " + f.Label
		case tuyengiao.FieldLink:
			v[f.Name] = "https://tuyengiao.vn/" + f.Name
		case tuyengiao.FieldChoice:
			v[f.Name] = f.Options[0].Code
		case tuyengiao.FieldMoney:
			v[f.Name] = int64(626_000_000_000)
		case tuyengiao.FieldYesNo:
			v[f.Name] = true
		case tuyengiao.FieldCount:
			v[f.Name] = count
		}
	}
	return v
}

func TestWriteRecordsOfEveryKind(t *testing.T) {
	for _, k := range tuyengiao.RecordKinds() {
		// Counts of zero pass the checks that parts do not exceed a whole, counts of one those
		// that ask for a count.
		v := sampleValues(k, 0)
		if k.Validate(v, today) != nil {
			v = sampleValues(k, 1)
		}
		if err := k.Validate(v, today); err != nil {
			// A kind whose checks refuse both samples is still read by the tests above.
			t.Logf("%s: the sample is refused: %s", k.Code, vn.Message(err))
			continue
		}
		rs := []*tuyengiao.Record{{UnitID: 7, Values: v}}
		for _, lang := range []string{"vi", "en"} {
			t.Run(k.Code+" reads back unchanged in "+lang, func(t *testing.T) {
				assertRoundTrip(t, rs, readRecords(t, k, export(t, k, rs, lang)))
			})
		}
	}
}

func TestWriteRecordBadRows(t *testing.T) {
	b := xlsx(t, []any{"TIN BÀI"}, []any{"STT", "Mã đơn vị", "Ngày", "Tên", "Hình thức", "Số người nghe"},
		[]any{1, "CB-07", time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC), "An", "Trực tiếp", 3},
		[]any{2, "CB-07", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), "Bình", "Tivi", 2.0012e4},
		[]any{3, "CB-07", "31/02/2026", "Cường", "Trực tuyến", 1},
	)
	rows, err := xlsximport.ReadRecords(bytes.NewReader(b), int64(len(b)), everyType, today, xlsximport.Limits{})
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
	if err := xlsximport.WriteRecordBadRows(&buf, b, everyType, xlsximport.Limits{}, reasons); err != nil {
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
		{"STT", "Mã đơn vị", "Ngày", "Tên", "Hình thức", "Số người nghe", "Lỗi"},
		{"2", "CB-07", "01/02/2026", "Bình", "Tivi", "20012", `Dòng 4: hình thức "Tivi" không có trong danh sách`},
		{"3", "CB-07", "31/02/2026", "Cường", "Trực tuyến", "1", `Dòng 5: ngày: "31/02/2026" không phải một ngày (cần dạng 31/01/2026)`},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("bad rows = %q", got)
	}
	t.Run("read again once fixed, the reasons ignored", func(t *testing.T) {
		_ = f.SetCellStr(sheet, "E2", "Trực tiếp")
		_ = f.SetCellStr(sheet, "C3", "28/02/2026")
		fixed, _ := f.WriteToBuffer()
		rows := readRecords(t, everyType, fixed.Bytes())
		if len(rows) != 2 || rows[0].Values.Number("listeners") != 20012 || !rows[1].Values.Day("start_on").Equal(day(2026, 2, 28).Time) {
			t.Fatalf("rows = %+v", rows)
		}
	})
}

// FuzzReadRecords feeds arbitrary bytes to ReadRecords: it must never panic, and must answer
// with rows or with *tuyengiao.Error values, never with an internal error; every refused row
// is named.
func FuzzReadRecords(f *testing.F) {
	f.Add(xlsx(f, []any{"Mã đơn vị", "Ngày", "Tên", "Hình thức", "Số người nghe", "Giá trị (đồng)"},
		[]any{"CB-01", "31/01/2026", "NguyÔn V¨n An", "Trực tiếp", 20012, "626.000.000 đồng"}))
	f.Add([]byte("\ufeffNgày;Tên;Hình thức;Số người nghe\r\n31/01/2026;An;online;1.5\r\n"))
	f.Add([]byte("date,name,form,value,completed\n45000,\"An, B\",Online,6.26E+11,x\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, err := xlsximport.ReadRecords(bytes.NewReader(b), int64(len(b)), everyType, today, xlsximport.Limits{Rows: 1000})
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
			if r.Err != nil && (r.Err.Row != r.Row || r.Err.Code != tuyengiao.EINVALID) || r.Err == nil && everyType.Validate(r.Values, today) != nil {
				t.Fatalf("row %d: %#v %v", r.Row, r.Err, r.Values)
			}
		}
	})
}

// BenchmarkReadRecords50k writes 50.000 records of everyType with WriteRecords, as an export
// of a province's year would be, and reads them back, reporting rows/s of each.
func BenchmarkReadRecords50k(b *testing.B) {
	rs := make([]*tuyengiao.Record, 50_000)
	for i := range rs {
		rs[i] = &tuyengiao.Record{UnitID: 7, Values: tuyengiao.RecordValues{"start_on": day(2026, 1, 1+i%28),
			"title": "Hội nghị quán triệt lần " + strconv.Itoa(i), "note": "", "form": []string{"direct", "online", "mixed"}[i%3],
			"link": "", "listeners": int64(i), "value": int64(i) * 1000, "done": i%2 == 0}}
	}
	var file bytes.Buffer
	start := time.Now()
	if err := xlsximport.WriteRecords(&file, everyType, rs, unitOf, "vi"); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(50_000/time.Since(start).Seconds(), "written-rows/s")
	b.SetBytes(int64(file.Len()))
	for b.Loop() {
		rows, err := xlsximport.ReadRecords(bytes.NewReader(file.Bytes()), int64(file.Len()), everyType, today, xlsximport.Limits{})
		if err != nil || len(rows) != 50_000 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
	b.ReportMetric(float64(b.N)*50_000/b.Elapsed().Seconds(), "rows/s")
}
