package web

import (
	"strings"
	"testing"

	"tuyengiao"
)

// dashTable is a district with two wards for the first half of 2026: attendances (a flow)
// and the members' participation rate, over H1, the half before and the same half of 2025;
// and the attendances of the district over the six months of 2026.
func dashTable() (t, months *tuyengiao.FigureTable) {
	p := tuyengiao.HalfPeriod(2026, 1)
	t = &tuyengiao.FigureTable{
		Indicators: []tuyengiao.Indicator{
			{Code: "study.attendances", Name: "Lượt người dự học tập", Measure: "lượt", Aggregation: tuyengiao.AggregateSum},
			{Code: "study.participation.member", Name: "Tỉ lệ đảng viên tham gia", Measure: "người", Base: "đảng viên", Aggregation: tuyengiao.AggregateRatio},
		},
		Periods: []tuyengiao.Period{p, p.Previous(), p.YearBefore()},
		Units: []tuyengiao.FigureUnit{{ID: 1, Name: "Quận ủy 1"}, {ID: 2, Name: "Phường Bình An", Depth: 1},
			{ID: 3, Name: "Phường Hòa Bình", Depth: 1}},
	}
	// Per unit and indicator, 3 periods: H1, H2 2025, H1 2025.
	rows := [][][2]int64{
		{{300, 0}, {200, 0}, {250, 0}},
		{{90, 100}, {80, 100}, {85, 100}},
		{{200, 0}, {150, 0}, {150, 0}},
		{{60, 60}, {50, 60}, {55, 60}},
		{{100, 0}, {50, 0}, {100, 0}},
		{{30, 40}, {30, 40}, {30, 40}},
	}
	for _, row := range rows {
		for _, v := range row {
			t.Values = append(t.Values, tuyengiao.Value{Num: v[0], Den: v[1]})
		}
	}
	months = &tuyengiao.FigureTable{Indicators: t.Indicators[:1], Periods: monthsOf(p), Units: t.Units[:1]}
	for _, n := range []int64{10, 20, 30, 40, 100, 100} {
		months.Values = append(months.Values, tuyengiao.Value{Num: n})
	}
	return t, months
}

func TestDashboard(t *testing.T) {
	t.Run("charts the units below, their rate and the months of a flow", func(t *testing.T) {
		ft, months := dashTable()
		charts, err := dashCharts(ft, months, ft.Periods[0])
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, c := range charts {
			titles = append(titles, c.Title)
			if !strings.HasPrefix(string(c.SVG), "<svg") {
				t.Errorf("%s is not an SVG", c.Title)
			}
		}
		want := "Lượt người dự học tập (lượt) theo đơn vị trực thuộc, 6 tháng đầu năm 2026|" +
			"Tỉ lệ đảng viên tham gia (người) theo đơn vị trực thuộc, 6 tháng đầu năm 2026|" +
			"Lượt người dự học tập (lượt) theo tháng năm 2026"
		if strings.Join(titles, "|") != want {
			t.Errorf("charts %q", titles)
		}
		if !strings.Contains(string(charts[1].SVG), ">100%<") || !strings.Contains(string(charts[1].SVG), ">75%<") {
			t.Errorf("the rates are not drawn as percentages: %.300s", charts[1].SVG)
		}
	})
	t.Run("a change is a difference and a share of a count, points of a rate", func(t *testing.T) {
		ft, _ := dashTable()
		for _, c := range []struct {
			i, before int
			want      change
		}{
			{0, 1, change{"+100 (+50%)", "up"}}, {0, 2, change{"+50 (+20%)", "up"}}, {1, 1, change{"+10 điểm %", "up"}},
		} {
			if got := changeOf(ft.Indicators[c.i], ft.Value(0, c.i, 0), ft.Value(0, c.i, c.before)); got != c.want {
				t.Errorf("change of %s against period %d: %+v, want %+v", ft.Indicators[c.i].Code, c.before, got, c.want)
			}
		}
		if got := changeOf(ft.Indicators[1], tuyengiao.Value{Num: 5, Den: 10}, tuyengiao.Value{}); got.Text != "–" {
			t.Errorf("a rate against no base: %+v", got)
		}
	})
	t.Run("lists the units below furthest from their targets, only when the table has targets", func(t *testing.T) {
		ft, _ := dashTable()
		if behind(ft) != nil {
			t.Error("units behind without targets")
		}
		ft.Targets = make([]tuyengiao.Value, len(ft.Values))
		at := func(u, i int) int { return (u*len(ft.Indicators)+i)*len(ft.Periods) + 0 }
		ft.Targets[at(1, 0)] = tuyengiao.Value{Num: 400}          // 200 of 400: 50%
		ft.Targets[at(2, 0)] = tuyengiao.Value{Num: 125}          // 100 of 125: 80%
		ft.Targets[at(1, 1)] = tuyengiao.Value{Num: 95, Den: 100} // 100% of 95%: reached
		ft.Targets[at(2, 1)] = tuyengiao.Value{Num: 90, Den: 100} // 75% of 90%: 83,3%
		got := behind(ft)
		if len(got) != 2 || len(got[0].Lines) != 2 || got[0].Lines[0].Unit.Name != "Phường Bình An" || got[0].Lines[0].Reached != "50%" ||
			got[0].Lines[1].Reached != "80%" || len(got[1].Lines) != 1 || got[1].Lines[0].Target != "90%" || got[1].Lines[0].Reached != "83,3%" {
			t.Errorf("behind: %+v", got)
		}
	})
}
