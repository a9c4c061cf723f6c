package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
)

func TestWriteReportXLSX(t *testing.T) {
	d := encodeDocument(false, 2)
	var buf bytes.Buffer
	if err := WriteReportXLSX(&buf, d); err != nil {
		t.Fatal(err)
	}
	encodeShots(t, "report.xlsx", buf.Bytes())
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	get := func(sheet, cell string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	sheets := f.GetSheetList()
	t.Run("writes a sheet a table, named after its caption within 31 characters, each name its own", func(t *testing.T) {
		if len(sheets) != 2 || sheets[0] == sheets[1] || len([]rune(sheets[0])) > 31 || !strings.HasPrefix(sheets[0], "Bảng 1") {
			t.Errorf("sheets %q", sheets)
		}
	})
	t.Run("writes the subject, the cut-off and the caption above the table", func(t *testing.T) {
		if get(sheets[0], "A1") != d.Subject || get(sheets[0], "A2") != d.AsOf || get(sheets[1], "A3") != d.Blocks[len(encodeSection(1))+6].Table.Caption {
			t.Errorf("head: %q %q %q", get(sheets[0], "A1"), get(sheets[0], "A2"), get(sheets[1], "A3"))
		}
		if get(sheets[0], "D4") != "Tỉ lệ tham gia" {
			t.Errorf("header: %q", get(sheets[0], "D4"))
		}
	})
	t.Run("writes counts and ratios as numbers, the ratios as percentages", func(t *testing.T) {
		last := 4 + encodeRows
		for cell, want := range map[string]string{"B5": "2", "C5": "1037", "D5": "0.901", "A5": "Đảng ủy phường Hòa Bình số 1",
			cellName(3, last+1): "70340", cellName(4, last+1): "0.921", cellName(1, last+1): "Tổng cộng"} {
			if got := get(sheets[0], cell); got != want {
				t.Errorf("%s = %q, want %q", cell, got, want)
			}
		}
		shown, _ := f.GetCellValue(sheets[0], "D5")
		typ, _ := f.GetCellType(sheets[0], "C5")
		if shown != "90.1%" || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("D5 shows %q, C5 is of type %v", shown, typ)
		}
	})
	t.Run("refuses a report without a table, saying so in Vietnamese", func(t *testing.T) {
		empty := &tuyengiao.ReportDocument{Subject: "Báo cáo", Blocks: []tuyengiao.ReportBlock{{Kind: tuyengiao.BlockParagraph}}}
		if err := WriteReportXLSX(&bytes.Buffer{}, empty); tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
			t.Errorf("got %v", err)
		}
	})
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}
