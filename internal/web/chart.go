package web

import (
	"html/template"
	"io"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/go-analyze/charts"

	"tuyengiao/internal/fonts"
	"tuyengiao/internal/vn"
)

// bar is one bar of a chart: its label and its value; a rate is in percent.
type bar struct {
	Label string
	Value float64
}

// chartFont installs Liberation Serif for the charts once, so that the labels are measured
// with the font the page names.
var chartFont = sync.OnceValue(func() error {
	return charts.InstallFont("Liberation Serif", fonts.LiberationSerif)
})

// Chart sizes, in the SVG's own units: the page scales it to its width.
const (
	chartWidth   = 480
	chartBarRow  = 24  // the height of a bar of a horizontal chart
	chartColumnW = 720 // a chart of columns, wider: twelve months side by side
	chartColumnH = 240
	chartLabel   = 30 // the runes of a bar's label: a longer one is cut with "…"
)

// barsSVG draws bars as SVG on the server: horizontal bars, the first on top, for the units
// below a unit (long names read across), or vertical columns for the months of a year. A
// percent chart labels its values 97,4%; every other one as whole numbers 20.012.
func barsSVG(bars []bar, horizontal, percent bool) (template.HTML, error) {
	if err := chartFont(); err != nil {
		return "", err
	}
	values := make([]float64, len(bars))
	labels := make([]string, len(bars))
	for i, b := range bars {
		values[i], labels[i] = b.Value, cut(b.Label, chartLabel)
	}
	width, height, labelSize := chartColumnW, chartColumnH, 10.0
	if horizontal {
		width, labelSize = chartWidth, 12
		// The chart draws the first category at the bottom.
		slices.Reverse(values)
		slices.Reverse(labels)
		height = 50 + chartBarRow*len(bars)
	}
	format := func(x float64) string { return vn.Int(int64(math.Round(x))) }
	if percent {
		format = func(x float64) string { return vn.Decimal(x, 1) + "%" }
	}
	opt := charts.NewBarChartOptionWithData([][]float64{values})
	opt.Horizontal = horizontal
	if horizontal {
		// Room on the right for the value after the longest bar and the axis's last label.
		opt.Padding = charts.NewBox(20, 20, 60, 10)
	}
	opt.CategoryAxis.Labels = labels
	opt.CategoryAxis.LabelFontStyle = chartText(13)
	opt.CategoryAxis.LabelCount = len(bars) // every month named
	top, step := niceScale(slices.Max(append(values, 0)), percent)
	axis := &opt.ValueAxis[0]
	axis.Min, axis.Max = charts.Ptr(0.0), charts.Ptr(top)
	axis.LabelCount = int(math.Round(top/step)) + 1
	axis.PreferNiceIntervals = charts.Ptr(false)
	axis.ValueFormatter = format
	axis.LabelFontStyle = chartText(13)
	opt.SeriesList[0].Label = charts.SeriesLabel{Show: charts.Ptr(true), ValueFormatter: format, FontStyle: chartText(labelSize)}
	opt.ValueFormatter = format
	p := charts.NewPainter(charts.PainterOptions{OutputFormat: charts.ChartOutputSVG, Width: width, Height: height},
		charts.PainterFontOption(charts.GetFont("Liberation Serif")))
	if err := p.BarChart(opt); err != nil {
		return "", err
	}
	svg, err := p.Bytes()
	if err != nil {
		return "", err
	}
	return template.HTML(presentational(string(svg))), nil
}

// cut returns s cut to n runes, the last of them "…", when it is longer.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// chartText is the style of a chart's text at size points.
func chartText(size float64) charts.FontStyle {
	return charts.FontStyle{FontSize: size, Font: charts.GetFont("Liberation Serif")}
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

// licenses answers the licences of what the binary ships besides its code: the fonts the
// charts are drawn with (SIL Open Font License).
func (s *Server) licenses(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, err := io.WriteString(w, fonts.License)
	return err
}

var styleAttr = regexp.MustCompile(`style="([^"]*)"`)

// presentational turns the style attributes of the library's SVG into presentation
// attributes (fill="…"), which the page's Content-Security-Policy (no inline styles) lets
// through, and names the page's serif font.
func presentational(svg string) string {
	return styleAttr.ReplaceAllStringFunc(svg, func(attr string) string {
		var out []string
		for _, decl := range strings.Split(styleAttr.FindStringSubmatch(attr)[1], ";") {
			k, v, ok := strings.Cut(decl, ":")
			if !ok {
				continue
			}
			if k == "font-family" {
				v = "Liberation Serif, Times New Roman, serif"
			}
			out = append(out, k+`="`+v+`"`)
		}
		return strings.Join(out, " ")
	})
}
