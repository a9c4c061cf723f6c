// Package chart draws the bar charts of the system once, from one description, as SVG for the
// web pages and as PNG for the DOCX and PDF reports, in Liberation Serif with the Vietnamese
// number format.
package chart

import (
	"math"
	"slices"
	"sync"

	"github.com/go-analyze/charts"

	"tuyengiao/internal/fonts"
	"tuyengiao/internal/vn"
)

// Bar is one bar of a chart: its label and its value; a rate is in percent.
type Bar struct {
	Label string
	Value float64
}

// Chart is a bar chart: horizontal bars, the first on top, for the units below a unit (long
// names read across), or vertical columns for the months of a period. A percent chart labels
// its values 97,4%; every other one as whole numbers 20.012.
type Chart struct {
	Bars       []Bar
	Horizontal bool
	Percent    bool
}

// Chart sizes, in the SVG's own units (a PNG multiplies them by its scale).
const (
	barsWidth   = 480
	barRow      = 24  // the height of a bar of a horizontal chart
	columnWidth = 720 // a chart of columns, wider: twelve months side by side
	columnH     = 240
	labelRunes  = 30 // the runes of a bar's label: a longer one is cut with "…"
)

// Size returns the size of the chart in the SVG's own units; a PNG is scale times as large.
func (c Chart) Size() (width, height int) {
	if c.Horizontal {
		return barsWidth, 50 + barRow*len(c.Bars)
	}
	return columnWidth, columnH
}

// SVG draws the chart as an SVG document of Size, its text in Liberation Serif.
func (c Chart) SVG() ([]byte, error) {
	return c.draw(charts.ChartOutputSVG, 1)
}

// PNG draws the chart as a PNG image scale times Size, every text, margin and bar scaled alike:
// the SVG's drawing at a print resolution (scale 1,5 is about 170 dpi at 16 cm wide).
func (c Chart) PNG(scale float64) ([]byte, error) {
	return c.draw(charts.ChartOutputPNG, scale)
}

// installFont installs Liberation Serif for the charts once, so that the labels are measured
// with the font the page and the documents name.
var installFont = sync.OnceValue(func() error {
	return charts.InstallFont("Liberation Serif", fonts.LiberationSerif)
})

// draw draws the chart in format at scale times Size.
func (c Chart) draw(format string, scale float64) ([]byte, error) {
	if err := installFont(); err != nil {
		return nil, err
	}
	values := make([]float64, len(c.Bars))
	labels := make([]string, len(c.Bars))
	for i, b := range c.Bars {
		values[i], labels[i] = b.Value, cut(b.Label, labelRunes)
	}
	labelSize := 10.0
	if c.Horizontal {
		labelSize = 12
		// The library draws the first category at the bottom.
		slices.Reverse(values)
		slices.Reverse(labels)
	}
	text := func(size float64) charts.FontStyle {
		return charts.FontStyle{FontSize: size * scale, Font: charts.GetFont("Liberation Serif")}
	}
	show := func(x float64) string { return vn.Int(int64(math.Round(x))) }
	if c.Percent {
		show = func(x float64) string { return vn.Decimal(x, 1) + "%" }
	}
	opt := charts.NewBarChartOptionWithData([][]float64{values})
	opt.Horizontal = c.Horizontal
	opt.Padding = scaled(charts.NewBoxEqual(20), scale) // the library's own padding
	if c.Horizontal {
		// Room on the right for the value after the longest bar and the axis's last label.
		opt.Padding = scaled(charts.NewBox(20, 20, 60, 10), scale)
	}
	opt.CategoryAxis.Labels = labels
	opt.CategoryAxis.LabelFontStyle = text(13)
	opt.CategoryAxis.LabelCount = len(c.Bars) // every month named
	top, step := niceScale(slices.Max(append(values, 0)), c.Percent)
	axis := &opt.ValueAxis[0]
	axis.Min, axis.Max = charts.Ptr(0.0), charts.Ptr(top)
	axis.LabelCount = int(math.Round(top/step)) + 1
	axis.PreferNiceIntervals = charts.Ptr(false)
	axis.ValueFormatter = show
	axis.LabelFontStyle = text(13)
	opt.SeriesList[0].Label = charts.SeriesLabel{Show: charts.Ptr(true), ValueFormatter: show, FontStyle: text(labelSize)}
	opt.ValueFormatter = show
	width, height := c.Size()
	p := charts.NewPainter(charts.PainterOptions{OutputFormat: format, Width: int(float64(width) * scale), Height: int(float64(height) * scale)},
		charts.PainterFontOption(charts.GetFont("Liberation Serif")))
	if err := p.BarChart(opt); err != nil {
		return nil, err
	}
	return p.Bytes()
}

// scaled returns box b with every side multiplied by scale.
func scaled(b charts.Box, scale float64) charts.Box {
	s := func(n int) int { return int(math.Round(float64(n) * scale)) }
	return charts.NewBox(s(b.Left), s(b.Top), s(b.Right), s(b.Bottom))
}

// cut returns s cut to n runes, the last of them "…", when it is longer.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// niceScale returns the top of a value axis from 0 that holds max, and its step: 1, 2 or 5
// times a power of ten, about five steps. The step is set rather than left to the library,
// whose step of a ninth of the range labels whole-number ticks wrongly (94 shown as 96). A
// percent axis stops at 100 when the values do.
func niceScale(max float64, percent bool) (top, step float64) {
	if max <= 0 {
		return 5, 1
	}
	if percent && max <= 100 {
		return 100, 20
	}
	raw := max / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step = 10 * mag
	for _, m := range []float64{1, 2, 5} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	step = math.Max(step, 1)
	return step * math.Ceil(max/step), step
}
