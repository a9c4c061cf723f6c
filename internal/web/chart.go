package web

import (
	"html/template"
	"io"
	"net/http"
	"regexp"
	"strings"

	"tuyengiao/internal/chart"
	"tuyengiao/internal/fonts"
)

// barsSVG draws bars as SVG on the server (see chart.Chart), with presentation attributes in
// place of the inline styles the page's Content-Security-Policy blocks.
func barsSVG(bars []chart.Bar, horizontal, percent bool) (template.HTML, error) {
	svg, err := chart.Chart{Bars: bars, Horizontal: horizontal, Percent: percent}.SVG()
	if err != nil {
		return "", err
	}
	return template.HTML(presentational(string(svg))), nil
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
