package chart

import (
	"bytes"
	"image/png"
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

func TestSVG(t *testing.T) {
	svg, err := Chart{Bars: []Bar{{"Đảng ủy phường <Bình An>", 94}, {"Chi bộ khu phố 1 của một tên rất dài không vừa nhãn", 3}}, Horizontal: true}.SVG()
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
	t.Run("writes a rate as a percentage", func(t *testing.T) {
		svg, err := Chart{Bars: []Bar{{"Chi bộ 1", 97.4}}, Percent: true}.SVG()
		if err != nil || !strings.Contains(string(svg), ">97,4%<") {
			t.Errorf("rate chart (%v): %.600s", err, svg)
		}
	})
}

func TestPNG(t *testing.T) {
	c := Chart{Bars: []Bar{{"T1", 1250}, {"T2", 20012}, {"T3", 0}, {"T4", 7246}, {"T5", 94}, {"T6", 11499}}}
	b, err := c.PNG(1.5)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("draws the chart's size times the scale, for print", func(t *testing.T) {
		img, err := png.DecodeConfig(bytes.NewReader(b))
		w, h := c.Size()
		if err != nil || img.Width != w*3/2 || img.Height != h*3/2 {
			t.Errorf("png %dx%d (%v), want 1,5 × %dx%d", img.Width, img.Height, err, w, h)
		}
	})
}
