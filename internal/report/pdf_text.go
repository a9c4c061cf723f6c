package report

import (
	"strings"

	"tuyengiao"
)

// pdfText is how a paragraph is set: aligned "J" (justified), "C" or "L", at size points,
// bold throughout or as its runs say, its first line indented, with space after it (mm).
type pdfText struct {
	align         string
	size          float64
	indent, after float64
	bold          bool
}

// pdfPiece is a piece of a word in one face: a word whose runs change face is several.
type pdfPiece struct {
	text, style string
	width       float64
}

// pdfWord is a word, where a line may break after it but not inside.
type pdfWord struct {
	pieces []pdfPiece
	width  float64
}

// words returns the words of runs, measured in the faces of t.
func (p *pdfWriter) words(runs []tuyengiao.ReportRun, t pdfText) []pdfWord {
	var out []pdfWord
	glue := false // the next piece continues the last word: no space came between them
	for _, r := range runs {
		style := pdfStyle(t.bold || r.Bold, r.Italic)
		p.f.SetFont(pdfFamily, style, t.size)
		for i, part := range strings.Split(r.Text, " ") {
			if i > 0 {
				glue = false
			}
			if part == "" {
				continue
			}
			piece := pdfPiece{text: part, style: style, width: p.f.GetStringWidth(part)}
			if glue && len(out) > 0 {
				w := &out[len(out)-1]
				w.pieces, w.width = append(w.pieces, piece), w.width+piece.width
			} else {
				out = append(out, pdfWord{pieces: []pdfPiece{piece}, width: piece.width})
			}
			glue = true
		}
	}
	return out
}

// lines breaks words into the lines of a paragraph as wide as the text, the first of them
// indented; a word wider than a line has one of its own.
func (p *pdfWriter) lines(words []pdfWord, t pdfText, space float64) [][]pdfWord {
	var out [][]pdfWord
	var line []pdfWord
	width := 0.0
	for _, w := range words {
		avail := pdfWidth
		if len(out) == 0 {
			avail -= t.indent
		}
		if len(line) > 0 && width+space+w.width > avail {
			out, line, width = append(out, line), nil, 0
		}
		if len(line) > 0 {
			width += space
		}
		line, width = append(line, w), width+w.width
	}
	if len(line) > 0 {
		out = append(out, line)
	}
	return out
}

// space returns the width of a space at size points.
func (p *pdfWriter) space(size float64) float64 {
	p.f.SetFont(pdfFamily, "", size)
	return p.f.GetStringWidth(" ")
}

// height returns the height of runs set as t.
func (p *pdfWriter) height(runs []tuyengiao.ReportRun, t pdfText) float64 {
	n := len(p.lines(p.words(runs, t), t, p.space(t.size)))
	return float64(n)*pdfLine(t.size) + t.after
}

// paragraph writes runs set as t from the current position down, breaking the page where
// the lines run out of it but never leaving one line of the paragraph alone on a page
// (widow and orphan control): a page takes at least two of its lines, and leaves the next
// page at least two.
func (p *pdfWriter) paragraph(runs []tuyengiao.ReportRun, t pdfText) {
	space := p.space(t.size)
	lines := p.lines(p.words(runs, t), t, space)
	h := pdfLine(t.size)
	for i := 0; i < len(lines); {
		take := len(lines) - i
		if fit := int((pdfBottom - p.f.GetY()) / h); take > fit {
			if take = min(fit, take-2); take < 2 {
				p.f.AddPage()
				continue
			}
		}
		for _, line := range lines[i : i+take] {
			p.line(line, i == 0, i == len(lines)-1, t, space)
			i++
		}
	}
	p.f.SetY(p.f.GetY() + t.after)
}

// line writes a line of words at the current position and moves below it: justified by
// widening the spaces unless it is the last of its paragraph, or centred, or left.
func (p *pdfWriter) line(words []pdfWord, first, last bool, t pdfText, space float64) {
	x, avail := pdfLeft, pdfWidth
	if first {
		x, avail = x+t.indent, avail-t.indent
	}
	natural := space * float64(len(words)-1)
	for _, w := range words {
		natural += w.width
	}
	gap := space
	switch {
	case t.align == "J" && !last && len(words) > 1:
		gap += (avail - natural) / float64(len(words)-1)
	case t.align == "C":
		x += (avail - natural) / 2
	}
	y, h := p.f.GetY(), pdfLine(t.size)
	for _, w := range words {
		for _, piece := range w.pieces {
			p.f.SetFont(pdfFamily, piece.style, t.size)
			p.f.SetXY(x, y)
			p.f.CellFormat(piece.width, h, piece.text, "", 0, "L", false, 0, "")
			x += piece.width
		}
		x += gap
	}
	p.f.SetY(y + h)
}
