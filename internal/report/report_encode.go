package report

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"tuyengiao"
	"tuyengiao/internal/chart"
	"tuyengiao/internal/vn"
)

// encodeClean returns a copy of d with every text as the encoders write it (encodeText): the
// boundary of the DOCX and PDF encoders, whatever the assembler let through.
func encodeClean(d *tuyengiao.ReportDocument) *tuyengiao.ReportDocument {
	c := *d
	for _, s := range []*string{&c.Superior, &c.Issuer, &c.Number, &c.Motto, &c.PlaceDate, &c.Title,
		&c.Subject, &c.AsOf, &c.SignFor, &c.SignerTitle, &c.Signer} {
		*s = encodeText(*s)
	}
	c.Recipients = encodeTexts(d.Recipients)
	c.Blocks = make([]tuyengiao.ReportBlock, len(d.Blocks))
	for i, b := range d.Blocks {
		c.Blocks[i] = tuyengiao.ReportBlock{Kind: b.Kind}
		for _, r := range b.Runs {
			r.Text = encodeText(r.Text)
			c.Blocks[i].Runs = append(c.Blocks[i].Runs, r)
		}
		if t := b.Table; t != nil {
			ct := *t
			ct.Caption, ct.Header, ct.Total = encodeText(t.Caption), encodeTexts(t.Header), encodeTexts(t.Total)
			ct.Rows = make([][]string, len(t.Rows))
			for j, row := range t.Rows {
				ct.Rows[j] = encodeTexts(row)
			}
			c.Blocks[i].Table = &ct
		}
		if ch := b.Chart; ch != nil {
			cc := *ch
			cc.Caption, cc.Labels = encodeText(ch.Caption), encodeTexts(ch.Labels)
			c.Blocks[i].Chart = &cc
		}
	}
	return &c
}

// encodeText returns s in NFC, without the control characters and the invisible ones
// (vn.Clean) nor the two noncharacters XML forbids too, tabs and line breaks as spaces: fpdf
// does no shaping, so decomposed marks would land beside their letters, and a character XML
// forbids makes a DOCX unreadable.
func encodeText(s string) string {
	return norm.NFC.String(strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n':
			return ' '
		case '\uFFFE', '\uFFFF':
			return -1
		}
		return r
	}, vn.Clean(s)))
}

func encodeTexts(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = encodeText(s)
	}
	return out
}

// encodeChartScale draws the charts of the documents at 1,5 times the page's size: 1080
// pixels across 16 cm, about 170 dpi.
const encodeChartScale = 1.5

// encodeChartPNG draws c as the PNG both documents place, and returns its size in pixels.
func encodeChartPNG(c *tuyengiao.ReportChart) (png []byte, width, height int, err error) {
	ch := chart.Chart{Percent: c.Percent}
	for i, v := range c.Values {
		if i < len(c.Labels) {
			ch.Bars = append(ch.Bars, chart.Bar{Label: c.Labels[i], Value: v})
		}
	}
	png, err = ch.PNG(encodeChartScale)
	width, height = ch.Size()
	return png, int(float64(width) * encodeChartScale), int(float64(height) * encodeChartScale), err
}

// encodeWidths returns the share of the width of each column of t: a text column (the
// units' names) three times as wide as a numeric one.
func encodeWidths(t *tuyengiao.ReportTable) []float64 {
	shares := make([]float64, len(t.Header))
	sum := 0.0
	for j := range shares {
		shares[j] = 3
		if j < len(t.Numeric) && t.Numeric[j] {
			shares[j] = 1
		}
		sum += shares[j]
	}
	for j := range shares {
		shares[j] /= sum
	}
	return shares
}

// encodeMaxColumns is the most columns of figures a table of the DOCX or the PDF holds beside
// the units' names: six numbers fit the 165 mm of a page at 12 pt, where fifty made a header
// taller than the page and a page of every row.
const encodeMaxColumns = 6

// encodeTableParts returns t in parts of at most encodeMaxColumns columns of figures, each
// with the units' names, the parts after the first captioned "(tiếp theo)"; t itself when it
// fits. The parts hold the text of the cells, not their Values, which the XLSX writes whole.
func encodeTableParts(t *tuyengiao.ReportTable) []*tuyengiao.ReportTable {
	if len(t.Header) <= 1+encodeMaxColumns {
		return []*tuyengiao.ReportTable{t}
	}
	var parts []*tuyengiao.ReportTable
	for from := 1; from < len(t.Header); from += encodeMaxColumns {
		to := min(from+encodeMaxColumns, len(t.Header))
		cols := func(row []string) []string {
			if row == nil {
				return nil
			}
			out := []string{""}
			if len(row) > 0 {
				out[0] = row[0]
			}
			for j := from; j < to; j++ {
				out = append(out, encodeCell(row, j))
			}
			return out
		}
		part := &tuyengiao.ReportTable{Caption: t.Caption, Header: cols(t.Header), Total: cols(t.Total),
			Numeric: append([]bool{false}, make([]bool, to-from)...)}
		if from > 1 {
			part.Caption += " (tiếp theo)"
		}
		for j := from; j < to; j++ {
			part.Numeric[j-from+1] = j < len(t.Numeric) && t.Numeric[j]
		}
		for _, row := range t.Rows {
			part.Rows = append(part.Rows, cols(row))
		}
		parts = append(parts, part)
	}
	return parts
}

// encodeCell returns cell j of row, "" where the row is short of it.
func encodeCell(row []string, j int) string {
	if j < len(row) {
		return row[j]
	}
	return ""
}
