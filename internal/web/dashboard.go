package web

import (
	"cmp"
	"html/template"
	"net/http"
	"slices"
	"strconv"

	"tuyengiao"
	"tuyengiao/internal/chart"
	"tuyengiao/internal/vn"
)

// Limits of what the dashboard draws and lists.
const (
	dashMaxBars   = 25 // the units of a bar chart, the highest first
	dashMaxBehind = 5  // the units furthest from a target, per indicator
)

// dashData is what the dashboard of a unit for a period shows: the key figures against the
// period before and the same period of the year before, charts, and the units below
// furthest from their targets. It comes from one question to the figure service.
type dashData struct {
	Table         *tuyengiao.FigureTable
	Unit          tuyengiao.FigureUnit
	Path          []*tuyengiao.Unit
	Period        tuyengiao.Period
	Prev, YearAgo tuyengiao.Period
	Cards         []keyCard
	Charts        []dashChart
	Behind        []behindGroup
	Pick          periodPick
	TableLink     string
}

// keyCard is a key figure: its value for the period, and its change against the period
// before and the same period of the year before.
type keyCard struct {
	Ind            tuyengiao.Indicator
	Value, Base    string
	VsPrev, VsYear change
}

// change is a difference between two values as shown: "+12 (+5,3%)" for a count, "+1,2
// điểm %" for a rate; Dir is "up", "down" or "" (the same, or nothing to compare with).
type change struct{ Text, Dir string }

// dashChart is a chart of the dashboard, drawn as SVG on the server.
type dashChart struct {
	Title string
	SVG   template.HTML
}

// behindGroup lists, for an indicator with targets, the units below furthest from them.
type behindGroup struct {
	Ind   tuyengiao.Indicator
	Lines []behindLine
}

type behindLine struct {
	Unit                   tuyengiao.FigureUnit
	Value, Target, Reached string
}

// monthsOf returns the months of p's last year from January to p's last month, which the
// dashboard charts its monthly figure over.
func monthsOf(p tuyengiao.Period) []tuyengiao.Period {
	var out []tuyengiao.Period
	for m := 1; m <= int(p.To.Month()); m++ {
		out = append(out, tuyengiao.MonthPeriod(p.To.Year(), m))
	}
	return out
}

// monthly returns the index among inds of the figure the dashboard charts over the months:
// monthlyFigure, or else the first flow (a stock hardly moves from a month to the next, and
// each month more is a question more to every source); -1 when none is a flow.
func monthly(inds []tuyengiao.Indicator) int {
	if i := slices.IndexFunc(inds, func(ind tuyengiao.Indicator) bool { return ind.Code == monthlyFigure }); i >= 0 {
		return i
	}
	return slices.IndexFunc(inds, func(ind tuyengiao.Indicator) bool { return !ind.Stock })
}

// picked returns the indicators of the catalogue that codes name, in the order of codes.
func picked(catalogue []tuyengiao.Indicator, codes []string) []tuyengiao.Indicator {
	var out []tuyengiao.Indicator
	for _, c := range codes {
		if i := slices.IndexFunc(catalogue, func(ind tuyengiao.Indicator) bool { return ind.Code == c }); i >= 0 {
			out = append(out, catalogue[i])
		}
	}
	return out
}

func (s *Server) dashboardPage(w http.ResponseWriter, r *http.Request) error {
	fq, catalogue, err := s.figureQuery(r, defaultTable)
	if err != nil {
		return err
	}
	p := fq.Periods[0]
	table := fq
	fq.Depth, fq.Periods, fq.Targets = 1, []tuyengiao.Period{p, p.Previous(), p.YearBefore()}, true
	t, err := s.Figures.Figures(r.Context(), fq)
	if err != nil {
		return err
	}
	// The months ask for the one figure they chart, at the unit alone: every key figure
	// over twelve months would cost the sources twelve questions each.
	var months *tuyengiao.FigureTable
	keys := picked(catalogue, fq.Codes)
	if i := monthly(keys); i >= 0 {
		mq := tuyengiao.FigureQuery{Codes: []string{keys[i].Code}, UnitID: fq.UnitID, Periods: monthsOf(p)}
		if months, err = s.Figures.Figures(r.Context(), mq); err != nil {
			return err
		}
	}
	table.Periods = []tuyengiao.Period{p, p.YearBefore()}
	d := &dashData{Table: t, Unit: t.Units[0], Period: p, Prev: fq.Periods[1], YearAgo: fq.Periods[2],
		Pick: newPeriodPick([]tuyengiao.Period{p}, false), TableLink: figureLink("/figures", table, fq.UnitID)}
	if d.Path, err = s.unitPath(r, fq.UnitID); err != nil {
		return err
	}
	for i, ind := range t.Indicators {
		now := t.Value(0, i, 0)
		c := keyCard{Ind: ind, Value: figureText(ind, now),
			VsPrev: changeOf(ind, now, t.Value(0, i, 1)), VsYear: changeOf(ind, now, t.Value(0, i, 2))}
		if ind.Aggregation == tuyengiao.AggregateRatio {
			c.Base = vn.Int(now.Num) + "/" + vn.Int(now.Den)
		}
		d.Cards = append(d.Cards, c)
	}
	if d.Charts, err = dashCharts(t, months, p); err != nil {
		return err
	}
	d.Behind = behind(t)
	return s.render(w, r, "dashboard", &page{Title: "Bảng điều hành", Nav: "figures", Data: d})
}

// changeOf returns the change from before to now.
func changeOf(ind tuyengiao.Indicator, now, before tuyengiao.Value) change {
	var c change
	if ind.Aggregation == tuyengiao.AggregateRatio {
		a, ok1 := now.Rate()
		b, ok2 := before.Rate()
		if !ok1 || !ok2 {
			return change{Text: "–"}
		}
		c.Text = signed(vn.Decimal(a-b, 1)) + " điểm %"
		c.Dir = direction(cmp.Compare(a, b))
		return c
	}
	diff := now.Num - before.Num
	c.Text, c.Dir = signed(vn.Int(diff)), direction(cmp.Compare(now.Num, before.Num))
	if before.Num != 0 {
		c.Text += " (" + signed(vn.Decimal(100*float64(diff)/float64(before.Num), 1)) + "%)"
	}
	return c
}

// signed puts a plus before a number that has no minus.
func signed(s string) string {
	if s == "0" || s == "0,0" || s[0] == '-' {
		return s
	}
	return "+" + s
}

func direction(c int) string {
	return [...]string{"down", "", "up"}[c+1]
}

// children returns the rows of t that are the units one level below the first.
func children(t *tuyengiao.FigureTable) []int {
	var out []int
	for u, unit := range t.Units {
		if unit.Depth == 1 && !unit.Own {
			out = append(out, u)
		}
	}
	return out
}

// dashCharts draws the dashboard's charts for period p (period 0 of t): the first key figure
// across the units below, the first rate among the key figures across them too, and the
// monthly figure over the months of the year (the one indicator of months, at its unit),
// when there is one.
func dashCharts(t, months *tuyengiao.FigureTable, p tuyengiao.Period) ([]dashChart, error) {
	if len(t.Indicators) == 0 {
		return nil, nil
	}
	var out []dashChart
	kids := children(t)
	picks := []int{0}
	if r := slices.IndexFunc(t.Indicators, isRatio); r > 0 {
		picks = append(picks, r)
	}
	for _, i := range picks {
		if len(kids) == 0 {
			break
		}
		ind := t.Indicators[i]
		var bars []chart.Bar
		for _, u := range kids {
			bars = append(bars, chart.Bar{Label: t.Units[u].Name, Value: plotted(ind, t.Value(u, i, 0))})
		}
		slices.SortStableFunc(bars, func(a, b chart.Bar) int { return cmp.Compare(b.Value, a.Value) })
		title := ind.Name + " (" + ind.Measure + ") theo đơn vị trực thuộc, " + p.Label()
		if len(bars) > dashMaxBars {
			bars, title = bars[:dashMaxBars], title+": "+vn.Int(dashMaxBars)+" đơn vị cao nhất"
		}
		svg, err := barsSVG(bars, true, isRatio(ind))
		if err != nil {
			return nil, err
		}
		out = append(out, dashChart{title, svg})
	}
	if months == nil {
		return out, nil
	}
	ind := months.Indicators[0]
	var bars []chart.Bar
	for k, period := range months.Periods {
		bars = append(bars, chart.Bar{Label: "T" + vn.Int(int64(period.From.Month())), Value: plotted(ind, months.Value(0, 0, k))})
	}
	svg, err := barsSVG(bars, false, isRatio(ind))
	if err != nil {
		return nil, err
	}
	return append(out, dashChart{ind.Name + " (" + ind.Measure + ") theo tháng năm " + strconv.Itoa(p.To.Year()), svg}), nil
}

func isRatio(ind tuyengiao.Indicator) bool { return ind.Aggregation == tuyengiao.AggregateRatio }

// plotted returns the number a chart draws for a value: a rate in percent, a count.
func plotted(ind tuyengiao.Indicator, v tuyengiao.Value) float64 {
	if isRatio(ind) {
		r, _ := v.Rate()
		return r
	}
	return float64(v.Num)
}

// behind returns, for each indicator of t with targets at the units below for period 0,
// the units that reach the least of their target, below 100%, the furthest first; nothing
// when t holds no targets.
func behind(t *tuyengiao.FigureTable) []behindGroup {
	if t.Targets == nil {
		return nil
	}
	var out []behindGroup
	for i, ind := range t.Indicators {
		type gap struct {
			u       int
			reached float64
		}
		var gaps []gap
		for _, u := range children(t) {
			target, ok := t.Target(u, i, 0)
			if !ok {
				continue
			}
			if r, ok := tuyengiao.Achievement(ind, t.Value(u, i, 0), target); ok && r < 100 {
				gaps = append(gaps, gap{u, r})
			}
		}
		if len(gaps) == 0 {
			continue
		}
		slices.SortStableFunc(gaps, func(a, b gap) int { return cmp.Compare(a.reached, b.reached) })
		g := behindGroup{Ind: ind}
		for _, x := range gaps[:min(len(gaps), dashMaxBehind)] {
			target, _ := t.Target(x.u, i, 0)
			g.Lines = append(g.Lines, behindLine{Unit: t.Units[x.u], Value: figureText(ind, t.Value(x.u, i, 0)),
				Target: figureText(ind, target), Reached: vn.Decimal(x.reached, 1) + "%"})
		}
		out = append(out, g)
	}
	return out
}
