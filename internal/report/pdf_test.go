package report

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"tuyengiao"
)

func TestWritePDF(t *testing.T) {
	for _, draft := range []bool{true, false} {
		name := map[bool]string{true: "draft", false: "final"}[draft]
		var buf bytes.Buffer
		if err := WritePDF(&buf, encodeDocument(draft, 2)); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "report.pdf")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		encodeShots(t, "report-"+name+".pdf", buf.Bytes())
		text := pdfToText(t, file)
		t.Run("the "+name+" report gives back its numbers and Vietnamese words in NFC", func(t *testing.T) {
			if !norm.NFC.IsNormalString(text) {
				t.Error("the text is not NFC")
			}
			words := strings.Join(strings.Fields(text), " ")
			for _, want := range []string{"ĐẢNG CỘNG SẢN VIỆT NAM", "Hoa Sơn, ngày 15 tháng 6 năm 2026",
				"Nguyễn Thị Hồng Nhung kiểm tra, giám sát", "tham dự, tăng 12,5% so với cùng kỳ", "97,4%", "20.012",
				encodeDiacritics, "- Tổ chức 164 lớp học tập", "Đảng ủy phường Hòa Bình số 40", "2.480", "70.340",
				"Tổng cộng", "Nơi nhận:", "- Lưu VT.", "TRƯỞNG BAN", "85%."} {
				if !strings.Contains(words, want) {
					t.Errorf("no %q in the text", want)
				}
			}
			if strings.Contains(words, "- -") {
				t.Error("an item or a recipient has its dash twice")
			}
			if strings.Contains(words, "DỰ THẢO") != draft {
				t.Errorf("draft %v, but the mark says otherwise", draft)
			}
		})
		pages := pdfPages(t, file, name)
		t.Run("the "+name+" report repeats the header of a table on the page it crosses to", func(t *testing.T) {
			if len(pages) < 3 {
				t.Fatalf("%d pages", len(pages))
			}
			for i, page := range pages[1:] {
				if strings.Contains(page, "Đảng ủy phường Hòa Bình số") && !strings.Contains(page, "Tỉ lệ tham gia") {
					t.Errorf("page %d has rows of a table without its header", i+2)
				}
			}
		})
		t.Run("the "+name+" report numbers its pages", func(t *testing.T) {
			for i, page := range pages {
				lines := strings.Fields(page)
				if len(lines) == 0 || lines[len(lines)-1] != fmt.Sprint(i+1) {
					t.Errorf("page %d ends %q", i+1, lines[max(0, len(lines)-3):])
				}
			}
		})
		t.Run("the "+name+" report never leaves a total alone on a page", func(t *testing.T) {
			for i, page := range pages {
				if at := strings.Index(page, "Tổng cộng"); at >= 0 && !strings.Contains(page[:at], "Đảng ủy phường Hòa Bình số 40") {
					t.Errorf("page %d: the total without the last row", i+1)
				}
			}
		})
	}
}

// pdfToText returns the text of the PDF file, its pages separated by form feeds.
func pdfToText(t *testing.T, file string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext (Debian poppler-utils): %v", err)
	}
	return string(out)
}

// pdfPages renders every page of the PDF file at 60 dpi, checks that each gave an image, and
// returns the text of each page. The images go to TUYENGIAO_TEST_SHOTS when it is set.
func pdfPages(t *testing.T, file, name string) []string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("pdftoppm", "-png", "-r", "60", file, filepath.Join(dir, name)).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	pages := strings.Split(strings.TrimSuffix(pdfToText(t, file), "\f"), "\f")
	images, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	if len(images) != len(pages) {
		t.Errorf("%d pages rendered of %d", len(images), len(pages))
	}
	for _, img := range images {
		b, err := os.ReadFile(img)
		if err != nil || len(b) < 1000 {
			t.Errorf("page %s: %d bytes (%v)", img, len(b), err)
		}
		encodeShots(t, filepath.Base(img), b)
	}
	return pages
}

func TestPDFParagraphAcrossPages(t *testing.T) {
	body := pdfText{align: "J", size: 14, indent: pdfIndent}
	h := pdfLine(14)
	for _, c := range []struct {
		name            string
		lines, room     int
		onPage, nextTop int // the page the paragraph ends on, and its lines on that page
	}{
		{"keeps a paragraph on the page when it fits", 3, 3, 1, 3},
		{"leaves two lines at the foot of a page and takes two to the next", 4, 3, 2, 2},
		{"moves a paragraph to the next page rather than leave one line at the foot", 4, 1, 2, 4},
		{"moves a paragraph to the next page rather than take one line to the next", 3, 2, 2, 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := newPDFWriter("")
			runs := pdfRunsOfLines(t, p, body, c.lines)
			p.f.SetY(pdfBottom - float64(c.room)*h - 0.1)
			p.paragraph(runs, body)
			top := pdfTop
			if c.onPage == 1 {
				top = pdfBottom - float64(c.room)*h - 0.1
			}
			if p.f.PageNo() != c.onPage || math.Abs(p.f.GetY()-(top+float64(c.nextTop)*h)) > 0.01 {
				t.Errorf("ends on page %d at %.1f mm, want page %d at %.1f", p.f.PageNo(), p.f.GetY(), c.onPage, top+float64(c.nextTop)*h)
			}
		})
	}
}

// pdfRunsOfLines returns a paragraph of n lines set as t.
func pdfRunsOfLines(t *testing.T, p *pdfWriter, body pdfText, n int) []tuyengiao.ReportRun {
	for words := 1; words < 200; words++ {
		runs := []tuyengiao.ReportRun{{Text: strings.Repeat("tuyên truyền ", words)}}
		if len(p.lines(p.words(runs, body), body, p.space(body.size))) == n {
			return runs
		}
	}
	t.Fatalf("no paragraph of %d lines", n)
	return nil
}
