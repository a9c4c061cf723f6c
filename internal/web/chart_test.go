package web

import (
	"strings"
	"testing"
)

func TestNiceScale(t *testing.T) {
	for _, c := range []struct {
		max       float64
		percent   bool
		top, step float64
	}{
		{94, false, 100, 20}, {7246, false, 8000, 2000}, {3, false, 3, 1}, {0, false, 5, 1},
		{97.4, true, 100, 20}, {112, true, 150, 50},
	} {
		if top, step := niceScale(c.max, c.percent); top != c.top || step != c.step {
			t.Errorf("niceScale(%v, %v) = %v, %v; want %v, %v", c.max, c.percent, top, step, c.top, c.step)
		}
	}
}

func TestBarsSVG(t *testing.T) {
	svg, err := barsSVG([]bar{{"Đảng ủy phường <Bình An>", 94}, {"Chi bộ khu phố 1 của một tên rất dài không vừa nhãn", 3}}, true, false)
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	t.Run("labels ticks with the step set, in Vietnamese numbers", func(t *testing.T) {
		for _, tick := range []string{">0<", ">20<", ">40<", ">60<", ">80<", ">100<", ">94<"} {
			if !strings.Contains(s, tick) {
				t.Errorf("no label %s", tick)
			}
		}
	})
	t.Run("escapes the names and cuts the long ones", func(t *testing.T) {
		if !strings.Contains(s, "&lt;Bình An&gt;") || strings.Contains(s, "<Bình") || !strings.Contains(s, "…") {
			t.Errorf("labels: %s", s)
		}
	})
	t.Run("has no inline style, which the Content-Security-Policy blocks", func(t *testing.T) {
		if strings.Contains(s, "style=") || !strings.Contains(s, `font-family="Liberation Serif`) {
			t.Errorf("svg: %.400s", s)
		}
	})
	t.Run("writes a rate as a percentage", func(t *testing.T) {
		svg, err := barsSVG([]bar{{"Chi bộ 1", 97.4}}, false, true)
		if err != nil || !strings.Contains(string(svg), ">97,4%<") {
			t.Errorf("rate chart (%v): %.600s", err, svg)
		}
	})
}
