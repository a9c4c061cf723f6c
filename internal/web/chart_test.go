package web

import (
	"strings"
	"testing"

	"tuyengiao/internal/chart"
)

func TestBarsSVG(t *testing.T) {
	svg, err := barsSVG([]chart.Bar{{Label: "Đảng ủy phường Bình An", Value: 94}}, true, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("has no inline style, which the Content-Security-Policy blocks", func(t *testing.T) {
		if s := string(svg); strings.Contains(s, "style=") || !strings.Contains(s, `font-family="Liberation Serif`) {
			t.Errorf("svg: %.400s", s)
		}
	})
}
