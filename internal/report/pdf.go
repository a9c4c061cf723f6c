package report

import (
	"io"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"tuyengiao"
	"tuyengiao/internal/fonts"
)

// WritePDF writes d as a PDF in the layout of WriteDOCX: A4, the same margins, header, title,
// body, tables, charts and signature block, with Liberation Serif (the metrics of Times New
// Roman) embedded in its four faces. Paragraphs are broken into lines here, as fpdf indents no
// first line: the first line indented 1 cm, every line but the last justified, never one line
// of a paragraph alone at the foot or the head of a page. A table that crosses pages repeats
// its header row; its caption, header and first two rows stay together and its total never
// stands alone. Pages are numbered in the footer. The text is written in NFC without control
// characters, whatever d holds: fpdf does no shaping, and decomposed marks would be misplaced.
func WritePDF(w io.Writer, d *tuyengiao.ReportDocument) error {
	d = encodeClean(d)
	p := newPDFWriter(strings.TrimSpace(d.Title + " " + d.Subject))
	p.head(d)
	for _, b := range d.Blocks {
		if err := p.block(b); err != nil {
			return err
		}
	}
	p.signature(d)
	if err := p.f.Error(); err != nil {
		return err
	}
	return p.f.Output(w)
}

// newPDFWriter returns a writer at the top of the first page of a document of the title: A4
// with the margins, the fonts and the footer of WritePDF.
func newPDFWriter(title string) *pdfWriter {
	f := fpdf.New("P", "mm", "A4", "")
	for _, face := range []struct {
		style string
		ttf   []byte
	}{{"", fonts.LiberationSerif}, {"B", fonts.LiberationSerifBold}, {"I", fonts.LiberationSerifItalic}, {"BI", fonts.LiberationSerifBoldItalic}} {
		f.AddUTF8FontFromBytes(pdfFamily, face.style, face.ttf)
	}
	f.SetMargins(pdfLeft, pdfTop, pdfPageWidth-pdfRight)
	f.SetAutoPageBreak(false, pdfPageHeight-pdfBottom) // pages are broken here, by the rules of WritePDF
	f.SetCellMargin(0)
	f.SetTitle(title, true)
	f.SetLang("vi-VN")
	f.SetFooterFunc(func() {
		f.SetFont(pdfFamily, "", 13)
		f.SetXY(pdfLeft, pdfBottom+6)
		f.CellFormat(pdfWidth, 6, strconv.Itoa(f.PageNo()), "", 0, "C", false, 0, "")
	})
	f.AddPage()
	return &pdfWriter{f: f}
}

// The page, in millimetres: A4 with the margins of Hướng dẫn 36-HD/VPTW.
const (
	pdfFamily      = "LiberationSerif"
	pdfPageWidth   = 210.0
	pdfPageHeight  = 297.0
	pdfLeft        = 30.0
	pdfRight       = 195.0 // 15 mm from the right edge
	pdfTop         = 20.0
	pdfBottom      = 277.0 // 20 mm from the bottom edge
	pdfWidth       = pdfRight - pdfLeft
	pdfLeftColumn  = 82.0 // the issuing body; the motto has the other 83 mm
	pdfIndent      = 10.0 // the first line of a paragraph
	pdfAfter       = 2.1  // 6 pt after a paragraph
	pdfChartWidth  = 160.0
	pdfCellPadding = 1.2
)

// pdfWriter writes the report's blocks down the pages.
type pdfWriter struct {
	f      *fpdf.Fpdf
	charts int
}

// pdfLine returns the height of a line of text of size points with lines 1,2 apart, as the
// DOCX's "1,2 lines": Times's single line is 1,15 times its size.
func pdfLine(size float64) float64 { return size * 1.15 * 1.2 * 25.4 / 72 }

// pdfStyle returns fpdf's style of a run: "", "B", "I" or "BI".
func pdfStyle(bold, italic bool) string {
	s := ""
	if bold {
		s += "B"
	}
	if italic {
		s += "I"
	}
	return s
}

// room starts a new page unless h millimetres fit below the current position.
func (p *pdfWriter) room(h float64) {
	if p.f.GetY()+h > pdfBottom {
		p.f.AddPage()
	}
}

// centred writes text centred between x and x+w from y in style and size, wrapped to the
// width, and returns the y below it and the width of its widest line.
func (p *pdfWriter) centred(x, y, w float64, text, style string, size float64) (below, widest float64) {
	p.f.SetFont(pdfFamily, style, size)
	for _, line := range p.f.SplitText(text, w) {
		p.f.SetXY(x, y)
		p.f.CellFormat(w, pdfLine(size), line, "", 0, "C", false, 0, "")
		widest, y = max(widest, p.f.GetStringWidth(line)), y+pdfLine(size)
	}
	return y, widest
}

// head writes the draft mark, the issuing body and the motto side by side, the title, the
// subject under a short rule and the cut-off of the figures.
func (p *pdfWriter) head(d *tuyengiao.ReportDocument) {
	f := p.f
	top := pdfTop
	if d.Draft {
		// A box at the top right, as a draft is marked by hand.
		f.SetLineWidth(0.3)
		f.Rect(pdfRight-32, top, 32, 8, "D")
		p.centred(pdfRight-32, top+0.4, 32, "DỰ THẢO", "B", 13)
		top += 11
	}
	y, _ := p.centred(pdfLeft, top, pdfLeftColumn, strings.ToUpper(d.Superior), "", 14)
	y, w := p.centred(pdfLeft, y, pdfLeftColumn, strings.ToUpper(d.Issuer), "B", 14)
	f.SetLineWidth(0.25)
	mid := pdfLeft + pdfLeftColumn/2
	f.Line(mid-min(w, 40)/4, y+0.8, mid+min(w, 40)/4, y+0.8)
	left, _ := p.centred(pdfLeft, y+1.6, pdfLeftColumn, d.Number, "", 14)
	x, width := pdfLeft+pdfLeftColumn, pdfWidth-pdfLeftColumn
	y, w = p.centred(x, top, width, d.Motto, "B", 15)
	f.Line(x+(width-w)/2, y-0.6, x+(width+w)/2, y-0.6)
	right, _ := p.centred(x, y+2.8, width, d.PlaceDate, "I", 14)
	y, _ = p.centred(pdfLeft, max(left, right)+6, pdfWidth, d.Title, "B", 16)
	f.SetY(y)
	p.paragraph([]tuyengiao.ReportRun{{Text: d.Subject, Bold: true}}, pdfText{align: "C", size: 14})
	f.Line(pdfLeft+pdfWidth/2-15, f.GetY()+0.6, pdfLeft+pdfWidth/2+15, f.GetY()+0.6)
	f.SetY(f.GetY() + 2)
	if d.AsOf != "" {
		p.paragraph([]tuyengiao.ReportRun{{Text: d.AsOf, Italic: true}}, pdfText{align: "C", size: 13})
	}
	f.SetY(f.GetY() + 2*pdfAfter)
}

// block writes a heading, a paragraph, a list item, a table or a chart.
func (p *pdfWriter) block(b tuyengiao.ReportBlock) error {
	body := pdfText{align: "J", size: 14, indent: pdfIndent, after: pdfAfter}
	switch b.Kind {
	case tuyengiao.BlockHeading:
		// A heading stays with two lines of what follows it.
		p.room(2*pdfLine(14) + pdfAfter + pdfLine(14))
		body.bold = true
		p.paragraph(b.Runs, body)
	case tuyengiao.BlockParagraph, tuyengiao.BlockItem:
		// An item is a paragraph that starts "- ", as Party documents list.
		p.paragraph(b.Runs, body)
	case tuyengiao.BlockTable:
		for _, part := range encodeTableParts(b.Table) {
			p.table(part)
		}
	case tuyengiao.BlockChart:
		return p.chart(b.Chart)
	}
	return nil
}

// chart writes the chart c 16 cm wide and centred, its caption under it in italics, both on
// one page.
func (p *pdfWriter) chart(c *tuyengiao.ReportChart) error {
	png, w, h, err := encodeChartPNG(c)
	if err != nil {
		return err
	}
	p.charts++
	name := "chart" + strconv.Itoa(p.charts)
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	p.f.RegisterImageOptionsReader(name, opt, strings.NewReader(string(png)))
	height := pdfChartWidth * float64(h) / float64(w)
	caption := pdfText{align: "C", size: 13, after: pdfAfter}
	p.room(2 + height + p.height([]tuyengiao.ReportRun{{Text: c.Caption, Italic: true}}, caption))
	y := p.f.GetY() + 2
	p.f.ImageOptions(name, pdfLeft+(pdfWidth-pdfChartWidth)/2, y, pdfChartWidth, height, false, opt, 0, "")
	p.f.SetY(y + height + 1)
	p.paragraph([]tuyengiao.ReportRun{{Text: c.Caption, Italic: true}}, caption)
	return nil
}

// signature writes "Nơi nhận:" left and the signature block right, side by side, on one page.
func (p *pdfWriter) signature(d *tuyengiao.ReportDocument) {
	h, small := pdfLine(14), pdfLine(11)/1.2
	p.room(max(3*h+25, pdfLine(12)+float64(len(d.Recipients))*small) + 4)
	top := p.f.GetY() + 4
	x, width := pdfLeft+pdfLeftColumn, pdfWidth-pdfLeftColumn
	y, _ := p.centred(x, top, width, d.SignFor, "B", 14)
	y, _ = p.centred(x, y, width, d.SignerTitle, "B", 14)
	// Room for the signature and the seal.
	p.centred(x, y+25, width, d.Signer, "B", 14)
	p.f.SetFont(pdfFamily, "BI", 12)
	p.f.SetXY(pdfLeft, top)
	p.f.CellFormat(pdfLeftColumn, pdfLine(12), "Nơi nhận:", "", 0, "L", false, 0, "")
	p.f.SetFont(pdfFamily, "", 11)
	for i, r := range d.Recipients {
		p.f.SetXY(pdfLeft, top+pdfLine(12)+float64(i)*small)
		p.f.CellFormat(pdfLeftColumn, small, r, "", 0, "L", false, 0, "")
	}
}
