package report

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// encodeDiacritics holds every vowel of Vietnamese with every tone, and đ, in both cases.
const encodeDiacritics = "àáảãạ ăằắẳẵặ âầấẩẫậ đ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ " +
	"ÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ Đ ÈÉẺẼẸ ÊỀẾỂỄỆ ÌÍỈĨỊ ÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ ÙÚỦŨỤ ƯỪỨỬỮỰ ỲÝỶỸỴ"

// encodeRows is the number of rows of the long table, which crosses a page.
const encodeRows = 40

// encodeDocument returns a six-month report as the assembler lays it out: a head, sections of
// paragraphs, items, a table of encodeRows units with a total and a chart of six months,
// repeated sections times; draft marks it a draft. Some of its text comes decomposed (NFD)
// and with a control character, which the encoders must write as NFC.
func encodeDocument(draft bool, sections int) *tuyengiao.ReportDocument {
	d := &tuyengiao.ReportDocument{
		Superior:    "THÀNH ỦY HOA SƠN",
		Issuer:      "BAN TUYÊN GIÁO",
		Number:      "Số 12-BC/BTGTU",
		Motto:       "ĐẢNG CỘNG SẢN VIỆT NAM",
		PlaceDate:   "Hoa Sơn, ngày 15 tháng 6 năm 2026",
		Title:       "BÁO CÁO",
		Subject:     "Sơ kết công tác tuyên giáo 6 tháng đầu năm 2026, phương hướng nhiệm vụ 6 tháng cuối năm 2026",
		Draft:       draft,
		AsOf:        "Số liệu tính đến 16 giờ 30 ngày 15/6/2026",
		SignFor:     "T/M BAN TUYÊN GIÁO",
		SignerTitle: "TRƯỞNG BAN",
		Signer:      "Nguyễn Thị Hồng Nhung",
		Recipients:  []string{"- Ban Tuyên giáo Trung ương (b/c),", "- Thường trực Thành ủy (b/c),", "- Các đảng bộ trực thuộc,", "- Lưu VT."},
		FileName:    "bao-cao-12-BC-BTGTU",
	}
	if draft {
		d.Number = "Số      -BC/BTGTU"
	}
	for s := 1; s <= sections; s++ {
		d.Blocks = append(d.Blocks, encodeSection(s)...)
	}
	return d
}

// encodeSection returns the blocks of section s.
func encodeSection(s int) []tuyengiao.ReportBlock {
	para := func(runs ...tuyengiao.ReportRun) tuyengiao.ReportBlock {
		return tuyengiao.ReportBlock{Kind: tuyengiao.BlockParagraph, Runs: runs}
	}
	text := func(s string) tuyengiao.ReportRun { return tuyengiao.ReportRun{Text: s} }
	return []tuyengiao.ReportBlock{
		{Kind: tuyengiao.BlockHeading, Runs: []tuyengiao.ReportRun{text(fmt.Sprintf("%d. Công tác học tập, quán triệt và tuyên truyền nghị quyết", s))}},
		para(text("Ban Tuyên giáo Thành ủy đã tham mưu tổ chức "),
			tuyengiao.ReportRun{Text: "25", Figure: &tuyengiao.ReportFigureRef{Code: "hoi-nghi"}},
			text(" hội nghị với gần "), text("8.000"),
			text(" lượt người tham dự, tăng 12,5% so với cùng kỳ; tỉ lệ đảng viên tham gia đạt "), text("97,4%"),
			text(". Các cấp ủy đã chủ động xây dựng kế hoạch, quán triệt sâu rộng đến cán bộ, đảng viên và quần chúng nhân dân; "+
				"nội dung phong phú, hình thức đa dạng, gắn với thực tiễn của địa phương, cơ quan, đơn vị.")),
		para(text(norm.NFD.String("Nguyễn Thị Hồng Nhung kiểm tra, giám sát việc thực hiện ở các chi bộ trực thuộc; "+
			"công tác tuyên truyền trên không gian mạng được đẩy mạnh với 906 tin bài, 152 lượt chia sẻ.") + "\x07")),
		para(text(encodeDiacritics)),
		{Kind: tuyengiao.BlockItem, Runs: []tuyengiao.ReportRun{text("- Tổ chức 164 lớp học tập với 20.012 lượt cán bộ, đảng viên tham dự;")}},
		{Kind: tuyengiao.BlockItem, Runs: []tuyengiao.ReportRun{text("- Thu hoạch 11.499 bài, đạt 96,5%; số bài xếp loại khá, giỏi chiếm "), {Text: "85%", Bold: true}, text(".")}},
		{Kind: tuyengiao.BlockTable, Table: encodeTable(s)},
		{Kind: tuyengiao.BlockChart, Chart: &tuyengiao.ReportChart{
			Caption: fmt.Sprintf("Biểu đồ %d: Lượt người tham dự học tập nghị quyết theo tháng, 6 tháng đầu năm 2026", s),
			Labels:  []string{"T1", "T2", "T3", "T4", "T5", "T6"},
			Values:  []float64{1250, 20012, 0, 7246, 94, 11499},
		}},
		para(text("Tuy nhiên, việc nắm bắt tư tưởng ở một số chi bộ còn chậm; chất lượng bài thu hoạch chưa đồng đều.")),
	}
}

// encodeTable returns a table of encodeRows units with a count and a rate, and its total.
func encodeTable(s int) *tuyengiao.ReportTable {
	t := &tuyengiao.ReportTable{
		Caption: fmt.Sprintf("Bảng %d: Kết quả học tập nghị quyết của các đảng bộ trực thuộc", s),
		Header:  []string{"Đơn vị", "Hội nghị", "Lượt tham dự", "Tỉ lệ tham gia"},
		Numeric: []bool{false, true, true, true},
	}
	var meetings, people int64
	for i := 1; i <= encodeRows; i++ {
		m, p := int64(i%7+1), int64(1000+i*37)
		meetings, people = meetings+m, people+p
		rate := float64(900+i) / 1000
		t.Rows = append(t.Rows, []string{fmt.Sprintf("Đảng ủy phường Hòa Bình số %d", i), vn.Int(m), vn.Int(p), vn.Decimal(rate*100, 1) + "%"})
		t.Values = append(t.Values, []*float64{nil, encodeFloat(float64(m)), encodeFloat(float64(p)), encodeFloat(rate)})
	}
	t.Total = []string{"Tổng cộng", vn.Int(meetings), vn.Int(people), "92,1%"}
	t.Values = append(t.Values, []*float64{nil, encodeFloat(float64(meetings)), encodeFloat(float64(people)), encodeFloat(0.921)})
	return t
}

func encodeFloat(f float64) *float64 { return &f }

// encodeShots writes file name under TUYENGIAO_TEST_SHOTS when it is set, for a person to
// look at.
func encodeShots(t testing.TB, name string, b []byte) {
	dir := os.Getenv("TUYENGIAO_TEST_SHOTS")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkEncode encodes an annual report of 22 pages (10 sections, each with a table of 40
// units and a chart) as DOCX and as PDF: ns/op is the time of one encode, charts included.
func BenchmarkEncode(b *testing.B) {
	d := encodeDocument(false, 10)
	for _, enc := range []struct {
		name  string
		write func(io.Writer, *tuyengiao.ReportDocument) error
	}{{"docx", WriteDOCX}, {"pdf", WritePDF}} {
		b.Run(enc.name, func(b *testing.B) {
			var size int
			for b.Loop() {
				var buf bytes.Buffer
				if err := enc.write(&buf, d); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size)/1024, "KiB")
		})
	}
}

func TestEncodeWideTable(t *testing.T) {
	wide := &tuyengiao.ReportTable{Caption: "Bảng 1: Văn bản đã ban hành theo loại", Header: []string{"Đơn vị"}, Numeric: []bool{false}}
	for j := 1; j <= 50; j++ {
		wide.Header = append(wide.Header, fmt.Sprintf("Văn bản đã ban hành: Hướng dẫn / Hướng dẫn của cơ quan loại %d (văn bản)", j))
		wide.Numeric = append(wide.Numeric, true)
	}
	for i := 1; i <= encodeRows; i++ {
		row := []string{fmt.Sprintf("Đảng ủy phường Hòa Bình số %d", i)}
		for j := 1; j <= 50; j++ {
			row = append(row, vn.Int(int64(1000*i+j)))
		}
		wide.Rows = append(wide.Rows, row)
	}
	d := &tuyengiao.ReportDocument{Title: "BÁO CÁO", Blocks: []tuyengiao.ReportBlock{{Kind: tuyengiao.BlockTable, Table: wide}}}
	t.Run("writes a table of fifty indicators in parts of six columns that fit the page", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WritePDF(&buf, d); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "wide.pdf")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		pages := pdfPages(t, file, "wide")
		if len(pages) >= encodeRows {
			t.Errorf("%d pages for %d rows: a row a page", len(pages), encodeRows)
		}
		text := strings.Join(strings.Fields(strings.Join(pages, " ")), " ")
		if n := strings.Count(text, "(tiếp theo)"); n != 8 {
			t.Errorf("%d parts after the first, want 8", n)
		}
		for _, want := range []string{"loại 50 (văn bản)", "40.050", "1.001"} {
			if !strings.Contains(text, want) {
				t.Errorf("no %q in the text", want)
			}
		}
	})
	t.Run("writes the same parts in the DOCX", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteDOCX(&buf, d); err != nil {
			t.Fatal(err)
		}
		docxValidate(t, buf.Bytes())
		if n := strings.Count(docxPart(t, buf.Bytes(), "word/document.xml"), "(tiếp theo)"); n != 8 {
			t.Errorf("%d parts after the first, want 8", n)
		}
	})
}
