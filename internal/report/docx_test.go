package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"tuyengiao"
)

func TestWriteDOCX(t *testing.T) {
	for _, draft := range []bool{true, false} {
		name := map[bool]string{true: "draft", false: "final"}[draft]
		var buf bytes.Buffer
		if err := WriteDOCX(&buf, encodeDocument(draft, 2)); err != nil {
			t.Fatal(err)
		}
		encodeShots(t, "report-"+name+".docx", buf.Bytes())
		t.Run("the "+name+" report is valid against the schemas Word reads", func(t *testing.T) {
			docxValidate(t, buf.Bytes())
		})
		doc := docxPart(t, buf.Bytes(), "word/document.xml")
		text := docxText(t, doc)
		t.Run("the "+name+" report gives back its numbers and Vietnamese words in NFC", func(t *testing.T) {
			for _, want := range []string{"ĐẢNG CỘNG SẢN VIỆT NAM", "Số 12-BC/BTGTU", "Hoa Sơn, ngày 15 tháng 6 năm 2026",
				"Nguyễn Thị Hồng Nhung kiểm tra, giám sát", "tham dự, tăng 12,5% so với cùng kỳ", "97,4%", "20.012",
				encodeDiacritics, "- Tổ chức 164 lớp học tập", "Đảng ủy phường Hòa Bình số 40", "2.480", "70.340", "Tổng cộng",
				"Nơi nhận:", "- Lưu VT.", "TRƯỞNG BAN"} {
				if draft && want == "Số 12-BC/BTGTU" {
					continue
				}
				if !strings.Contains(text, want) {
					t.Errorf("no %q in the document", want)
				}
			}
			if strings.Contains(text, "\a") || strings.Contains(text, "\u0301") {
				t.Error("a control character or a decomposed mark got through")
			}
			if strings.Contains(text, "- -") {
				t.Error("an item or a recipient has its dash twice")
			}
		})
		t.Run("the "+name+" report is marked a draft only when it is one", func(t *testing.T) {
			if strings.Contains(text, "DỰ THẢO") != draft {
				t.Errorf("draft %v, text: %.300s", draft, text)
			}
		})
		t.Run("the "+name+" report repeats the header row of its tables and never splits a row", func(t *testing.T) {
			if n := strings.Count(doc, "<w:tblHeader/>"); n != 2 {
				t.Errorf("%d repeated header rows, want one per table", n)
			}
			if n := strings.Count(doc, "<w:cantSplit/>"); n < 2*(encodeRows+2) {
				t.Errorf("%d rows that cannot split", n)
			}
		})
	}
	t.Run("numbers its pages with a field Word does not ask to update", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteDOCX(&buf, encodeDocument(false, 1)); err != nil {
			t.Fatal(err)
		}
		footer := docxPart(t, buf.Bytes(), "word/footer1.xml")
		if !strings.Contains(footer, " PAGE ") || strings.Contains(footer, "dirty") {
			t.Errorf("footer: %s", footer)
		}
		if docxPart(t, buf.Bytes(), "word/media/chart1.png")[:8] != "\x89PNG\r\n\x1a\n" {
			t.Error("the chart is not a PNG")
		}
	})
}

// docxValidate checks the DOCX b against the ECMA-376 schemas with validate-docx, found in
// the shared folder beside the repository's checkout.
func docxValidate(t *testing.T, b []byte) {
	t.Helper()
	tool := docxValidator(t)
	file := filepath.Join(t.TempDir(), "report.docx")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(tool, file).CombinedOutput(); err != nil {
		t.Errorf("validate-docx: %v\n%s", err, out)
	}
}

// docxValidator returns the path of shared/tools/validate-docx in the nearest folder above
// the package that has it.
func docxValidator(t *testing.T) string {
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		tool := filepath.Join(dir, "shared", "tools", "validate-docx")
		if _, err := os.Stat(tool); err == nil {
			return tool
		}
	}
	t.Fatal("no shared/tools/validate-docx in a folder above the package")
	return ""
}

// docxPart returns the part name of the DOCX b.
func docxPart(t *testing.T, b []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := z.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	part, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(part)
}

// docxText returns the text of the paragraphs of document.xml, a paragraph a line.
func docxText(t *testing.T, doc string) string {
	t.Helper()
	var b strings.Builder
	dec := xml.NewDecoder(strings.NewReader(doc))
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inText = tok.Name.Local == "t"
		case xml.EndElement:
			inText = false
			if tok.Name.Local == "p" {
				b.WriteString("\n")
			}
		case xml.CharData:
			if inText {
				b.Write(tok)
			}
		}
	}
}

func TestEncodeBareReport(t *testing.T) {
	d := &tuyengiao.ReportDocument{Issuer: "BAN TUYÊN GIÁO", Title: "BÁO CÁO", Subject: "Báo cáo kỳ", Blocks: []tuyengiao.ReportBlock{
		{Kind: tuyengiao.BlockParagraph, Runs: []tuyengiao.ReportRun{{Text: strings.Repeat("Mộtchữrấtdàikhôngcókhoảngtrắng", 8) + "\x00\uffff\x1b"}}},
		{Kind: tuyengiao.BlockTable, Table: &tuyengiao.ReportTable{Header: []string{"Đơn vị"}, Rows: [][]string{{"Chi bộ 1"}}}},
		{Kind: tuyengiao.BlockChart, Chart: &tuyengiao.ReportChart{Caption: "Biểu đồ chưa có số liệu"}},
	}}
	t.Run("writes a report without recipients, cut-off, total or figures in its chart, dropping what XML forbids", func(t *testing.T) {
		var docx, pdf bytes.Buffer
		if err := WriteDOCX(&docx, d); err != nil {
			t.Fatal(err)
		}
		docxValidate(t, docx.Bytes())
		if err := WritePDF(&pdf, d); err != nil {
			t.Fatal(err)
		}
	})
}
