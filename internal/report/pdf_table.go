package report

import (
	"tuyengiao"
)

// pdfTableSize is the size of the text of tables, in points.
const pdfTableSize = 12

// table writes the caption and the table of figures t: its header row repeated on every page
// it crosses, its caption, header and first two rows on one page, its total never alone on a
// page, numbers right, the total bold.
func (p *pdfWriter) table(t *tuyengiao.ReportTable) {
	widths := encodeWidths(t)
	for j := range widths {
		widths[j] *= pdfWidth
	}
	rows := append([][]string{}, t.Rows...)
	if t.Total != nil {
		rows = append(rows, t.Total)
	}
	style := func(i int) string {
		if t.Total != nil && i == len(rows)-1 {
			return "B"
		}
		return ""
	}
	caption := pdfText{align: "C", size: 13, bold: true, after: 1}
	header := p.rowHeight(t.Header, widths, "B")
	first := 0.0
	for i := range min(2, len(rows)) {
		first += p.rowHeight(rows[i], widths, style(i))
	}
	p.room(p.height([]tuyengiao.ReportRun{{Text: t.Caption}}, caption) + header + first)
	if t.Caption != "" {
		p.paragraph([]tuyengiao.ReportRun{{Text: t.Caption}}, caption)
	}
	p.row(t.Header, widths, "B", nil)
	for i, r := range rows {
		need := p.rowHeight(r, widths, style(i))
		if t.Total != nil && i == len(rows)-2 {
			need += p.rowHeight(t.Total, widths, "B")
		}
		if p.f.GetY()+need > pdfBottom {
			p.f.AddPage()
			p.row(t.Header, widths, "B", nil)
		}
		p.row(r, widths, style(i), t.Numeric)
	}
	p.f.SetY(p.f.GetY() + 2*pdfAfter)
}

// cellLines returns the lines of the text of each cell of a row in style, wrapped to its
// column.
func (p *pdfWriter) cellLines(cells []string, widths []float64, style string) [][]string {
	p.f.SetFont(pdfFamily, style, pdfTableSize)
	out := make([][]string, len(widths))
	for j, w := range widths {
		if j < len(cells) {
			out[j] = p.f.SplitText(cells[j], w-2*pdfCellPadding)
		}
	}
	return out
}

// rowHeight returns the height of a row of cells in style: its tallest cell.
func (p *pdfWriter) rowHeight(cells []string, widths []float64, style string) float64 {
	n := 1
	for _, lines := range p.cellLines(cells, widths, style) {
		n = max(n, len(lines))
	}
	return float64(n)*pdfLine(pdfTableSize)/1.2 + 2*pdfCellPadding
}

// row writes a row of cells in style with borders, each cell's lines centred vertically:
// those of the numeric columns right, the others left (all centred when numeric is nil, a
// header).
func (p *pdfWriter) row(cells []string, widths []float64, style string, numeric []bool) {
	h, lh := p.rowHeight(cells, widths, style), pdfLine(pdfTableSize)/1.2
	x, y := pdfLeft, p.f.GetY()
	p.f.SetLineWidth(0.2)
	for j, lines := range p.cellLines(cells, widths, style) {
		align := "L"
		switch {
		case numeric == nil:
			align = "C"
		case j < len(numeric) && numeric[j]:
			align = "R"
		}
		p.f.Rect(x, y, widths[j], h, "D")
		top := y + (h-float64(len(lines))*lh)/2
		for k, line := range lines {
			p.f.SetXY(x+pdfCellPadding, top+float64(k)*lh)
			p.f.CellFormat(widths[j]-2*pdfCellPadding, lh, line, "", 0, align, false, 0, "")
		}
		x += widths[j]
	}
	p.f.SetY(y + h)
}
