package report

import (
	"fmt"
	"io"
	"strings"

	"tuyengiao"
)

// WriteDOCX writes d as a WordprocessingML document (DOCX) in the layout of Party documents
// (Hướng dẫn 36-HD/VPTW): A4, margins 20 mm top and bottom, 30 mm left, 15 mm right; the
// issuing body top left with its number and the motto top right with the place and date, as
// a borderless table of two columns; the title and subject centred; the body in Times New
// Roman 14 pt (LibreOffice shows the metric-identical Liberation Serif), justified, the first
// line indented 1 cm; tables whose header row repeats on every page and whose rows never
// split; charts as PNG images; the signature block right and "Nơi nhận:" left; the page
// number in the footer. Every part is valid against the ECMA-376 schemas, in the order of
// their elements that Word insists on. The text is written in NFC without control
// characters, whatever d holds.
func WriteDOCX(w io.Writer, d *tuyengiao.ReportDocument) error {
	d = encodeClean(d)
	x := &docxWriter{}
	x.head(d)
	for _, b := range d.Blocks {
		if err := x.block(b); err != nil {
			return err
		}
	}
	x.signature(d)
	return x.zip(w, d)
}

// Sizes in twentieths of a point (twips) and half points, the units of WordprocessingML.
const (
	docxTextWidth   = 9355 // 165 mm: A4 less the margins of 30 and 15 mm
	docxLeftColumn  = 4649 // 82 mm: the issuing body ("ĐẢNG BỘ THÀNH PHỐ …" is ~74 mm at 14 pt)
	docxRightColumn = docxTextWidth - docxLeftColumn
	docxChartWidth  = 5760000 // 16 cm in EMU, the unit of DrawingML
)

// docxWriter builds the body of word/document.xml and collects the charts' images.
type docxWriter struct {
	b      strings.Builder
	images [][]byte // word/media/chartN.png, N from 1, relationship rIdChartN
}

// docxEscape escapes text for XML character data and attribute values.
var docxEscape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace

// docxFont is how a run is set: bold, italic, underlined, its size in points (0: the
// document's 14 pt).
type docxFont struct {
	bold, italic, underline bool
	size                    float64
}

// run returns a run of text set in f.
func (f docxFont) run(text string) string {
	var p strings.Builder
	// The order of the schema: b, i, sz, u.
	if f.bold {
		p.WriteString(`<w:b/><w:bCs/>`)
	}
	if f.italic {
		p.WriteString(`<w:i/><w:iCs/>`)
	}
	if f.size > 0 {
		fmt.Fprintf(&p, `<w:sz w:val="%[1]d"/><w:szCs w:val="%[1]d"/>`, int(f.size*2))
	}
	if f.underline {
		p.WriteString(`<w:u w:val="single"/>`)
	}
	rpr := ""
	if p.Len() > 0 {
		rpr = "<w:rPr>" + p.String() + "</w:rPr>"
	}
	return `<w:r>` + rpr + `<w:t xml:space="preserve">` + docxEscape(text) + `</w:t></w:r>`
}

// para writes a paragraph of properties ppr (children of w:pPr, in the schema's order) and
// runs.
func (x *docxWriter) para(ppr string, runs ...string) {
	x.b.WriteString(`<w:p>`)
	if ppr != "" {
		x.b.WriteString(`<w:pPr>` + ppr + `</w:pPr>`)
	}
	for _, r := range runs {
		x.b.WriteString(r)
	}
	x.b.WriteString(`</w:p>`)
}

// Paragraph properties used more than once.
const (
	docxCentre = `<w:jc w:val="center"/>`
	// docxRule is an empty paragraph whose top border, between wide indents, is a short rule
	// under the issuing body and under the subject.
	docxRule = `<w:pBdr><w:top w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>` +
		`<w:spacing w:before="60" w:after="0" w:line="120" w:lineRule="exact"/><w:ind w:left="%[1]d" w:right="%[1]d"/>`
)

// head writes the header table, the title, the subject and the draft mark.
func (x *docxWriter) head(d *tuyengiao.ReportDocument) {
	if d.Draft {
		// A box at the top right, as a draft is marked by hand.
		x.para(`<w:pBdr><w:top w:val="single" w:sz="8" w:space="1" w:color="000000"/><w:left w:val="single" w:sz="8" w:space="4" w:color="000000"/>`+
			`<w:bottom w:val="single" w:sz="8" w:space="1" w:color="000000"/><w:right w:val="single" w:sz="8" w:space="4" w:color="000000"/></w:pBdr>`+
			`<w:spacing w:after="120"/><w:ind w:left="7370" w:right="57"/>`+docxCentre, docxFont{bold: true, size: 13}.run("DỰ THẢO"))
	}
	x.table([]int{docxLeftColumn, docxRightColumn}, false, func() {
		x.b.WriteString(`<w:tr>`)
		x.cell(docxLeftColumn, "", func() {
			x.para(docxCentre, docxFont{}.run(strings.ToUpper(d.Superior)))
			x.para(docxCentre, docxFont{bold: true}.run(strings.ToUpper(d.Issuer)))
			x.para(fmt.Sprintf(docxRule, 1600))
			x.para(docxCentre, docxFont{}.run(d.Number))
		})
		x.cell(docxRightColumn, "", func() {
			x.para(docxCentre, docxFont{bold: true, underline: true, size: 15}.run(d.Motto))
			x.para(`<w:spacing w:before="160"/>`+docxCentre, docxFont{italic: true}.run(d.PlaceDate))
		})
		x.b.WriteString(`</w:tr>`)
	})
	x.para(`<w:spacing w:before="360"/>`+docxCentre, docxFont{bold: true, size: 16}.run(d.Title))
	x.para(docxCentre, docxFont{bold: true}.run(d.Subject))
	x.para(fmt.Sprintf(docxRule, 3700))
	if d.AsOf != "" {
		x.para(`<w:spacing w:before="60"/>`+docxCentre, docxFont{italic: true, size: 13}.run(d.AsOf))
	}
	x.para(`<w:spacing w:after="120"/>`)
}

// block writes a heading, a paragraph, a list item, a table or a chart.
func (x *docxWriter) block(b tuyengiao.ReportBlock) error {
	switch b.Kind {
	case tuyengiao.BlockHeading:
		x.para(`<w:pStyle w:val="Heading1"/>`, docxRuns(b.Runs, true)...)
	case tuyengiao.BlockParagraph, tuyengiao.BlockItem:
		// An item is a paragraph that starts "- ", as Party documents list.
		x.para(`<w:pStyle w:val="BodyText"/>`, docxRuns(b.Runs, false)...)
	case tuyengiao.BlockTable:
		for _, part := range encodeTableParts(b.Table) {
			x.figureTable(part)
		}
	case tuyengiao.BlockChart:
		return x.chart(b.Chart)
	}
	return nil
}

// docxRuns returns the runs of a paragraph, all bold in a heading.
func docxRuns(runs []tuyengiao.ReportRun, bold bool) []string {
	out := make([]string, len(runs))
	for i, r := range runs {
		out[i] = docxFont{bold: bold || r.Bold, italic: r.Italic}.run(r.Text)
	}
	return out
}

// table writes a table of the column widths, with borders or none, its rows written by rows.
func (x *docxWriter) table(widths []int, borders bool, rows func()) {
	line := `w:val="nil"`
	if borders {
		line = `w:val="single" w:sz="4" w:space="0" w:color="000000"`
	}
	x.b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + fmt.Sprint(docxTextWidth) + `" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		x.b.WriteString(`<w:` + side + ` ` + line + `/>`)
	}
	x.b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>` +
		`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(&x.b, `<w:gridCol w:w="%d"/>`, w)
	}
	x.b.WriteString(`</w:tblGrid>`)
	rows()
	x.b.WriteString(`</w:tbl>`)
}

// cell writes a cell of width twips, of properties tcpr after its width, its paragraphs
// written by content.
func (x *docxWriter) cell(width int, tcpr string, content func()) {
	fmt.Fprintf(&x.b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>%s</w:tcPr>`, width, tcpr)
	content()
	x.b.WriteString(`</w:tc>`)
}

// figureTable writes the caption and the table of figures t: the header row repeated on every
// page, no row split across two, the caption, header and first two rows kept together and the
// total kept with the row before it, numbers right, the total bold, in 12 pt.
func (x *docxWriter) figureTable(t *tuyengiao.ReportTable) {
	if t.Caption != "" {
		x.para(`<w:pStyle w:val="Caption"/>`, docxFont{bold: true, size: 13}.run(t.Caption))
	}
	widths := docxWidths(t)
	rows := append([][]string{}, t.Rows...)
	if t.Total != nil {
		rows = append(rows, t.Total)
	}
	x.table(widths, true, func() {
		x.row(widths, t.Header, `<w:cantSplit/><w:tblHeader/>`, docxFont{bold: true, size: 12}, nil, true)
		for i, r := range rows {
			total := t.Total != nil && i == len(rows)-1
			keep := i < 1 || (t.Total != nil && i == len(rows)-2)
			x.row(widths, r, `<w:cantSplit/>`, docxFont{bold: total, size: 12}, t.Numeric, keep)
		}
	})
	x.para(`<w:spacing w:after="120"/>`)
}

// row writes a row of cells set in f, those of the numeric columns right, the others left
// (all centred when numeric is nil: a header); keep keeps it on the page of the next row.
func (x *docxWriter) row(widths []int, cells []string, trpr string, f docxFont, numeric []bool, keep bool) {
	x.b.WriteString(`<w:tr><w:trPr>` + trpr + `</w:trPr>`)
	for j, w := range widths {
		ppr := `<w:pStyle w:val="TableText"/>`
		if keep {
			ppr += `<w:keepNext/>`
		}
		switch {
		case numeric == nil:
			ppr += docxCentre
		case j < len(numeric) && numeric[j]:
			ppr += `<w:jc w:val="right"/>`
		}
		text := ""
		if j < len(cells) {
			text = cells[j]
		}
		x.cell(w, `<w:vAlign w:val="center"/>`, func() { x.para(ppr, f.run(text)) })
	}
	x.b.WriteString(`</w:tr>`)
}

// docxWidths returns the widths of t's columns in twips (encodeWidths), the whole as wide as
// the text.
func docxWidths(t *tuyengiao.ReportTable) []int {
	widths := make([]int, len(t.Header))
	left := docxTextWidth
	for j, share := range encodeWidths(t) {
		widths[j] = int(share * docxTextWidth)
		left -= widths[j]
	}
	if len(widths) > 0 {
		widths[0] += left // the rounding, to the first column
	}
	return widths
}

// chart writes the chart c as an image 16 cm wide, its caption under it in italics.
func (x *docxWriter) chart(c *tuyengiao.ReportChart) error {
	png, w, h, err := encodeChartPNG(c)
	if err != nil {
		return err
	}
	x.images = append(x.images, png)
	n := len(x.images)
	cx, cy := docxChartWidth, docxChartWidth*h/w
	x.para(`<w:keepNext/><w:spacing w:before="120"/>`+docxCentre, fmt.Sprintf(`<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">`+
		`<wp:extent cx="%[2]d" cy="%[3]d"/><wp:docPr id="%[1]d" name="Biểu đồ %[1]d" descr="%[4]s"/>`+
		`<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>`+
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>`+
		`<pic:nvPicPr><pic:cNvPr id="%[1]d" name="chart%[1]d.png"/><pic:cNvPicPr/></pic:nvPicPr>`+
		`<pic:blipFill><a:blip r:embed="rIdChart%[1]d"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`+
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%[2]d" cy="%[3]d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`+
		`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`, n, cx, cy, docxEscape(c.Caption)))
	x.para(`<w:spacing w:after="120"/>`+docxCentre, docxFont{italic: true, size: 13}.run(c.Caption))
	return nil
}

// signature writes "Nơi nhận:" left and the signature block right, side by side.
func (x *docxWriter) signature(d *tuyengiao.ReportDocument) {
	x.table([]int{docxLeftColumn, docxRightColumn}, false, func() {
		x.b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
		x.cell(docxLeftColumn, "", func() {
			x.para(`<w:keepNext/>`, docxFont{bold: true, italic: true, size: 12}.run("Nơi nhận:"))
			for _, r := range d.Recipients {
				x.para(`<w:keepNext/>`, docxFont{size: 11}.run(r))
			}
		})
		x.cell(docxRightColumn, "", func() {
			x.para(`<w:keepNext/>`+docxCentre, docxFont{bold: true}.run(d.SignFor))
			x.para(`<w:keepNext/>`+docxCentre, docxFont{bold: true}.run(d.SignerTitle))
			// Room for the signature and the seal.
			x.para(`<w:keepNext/><w:spacing w:before="1400"/>` + docxCentre)
			x.para(docxCentre, docxFont{bold: true}.run(d.Signer))
		})
		x.b.WriteString(`</w:tr>`)
	})
}
