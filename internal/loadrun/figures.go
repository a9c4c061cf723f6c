package loadrun

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"tuyengiao"
	"tuyengiao/internal/figures"
	"tuyengiao/internal/vn"
)

// Figures measures the figure service svc, built as the server builds it, on the database it
// reads (one filled by "tuyengiao gen"), for the root of the unit tree and period p:
//
//   - the dashboard: every indicator of the catalogue for the root and its children (Depth
//     1) in three periods, p, the one before and the same one of last year; asked again,
//     as pages ask it while nothing is written (the service's memo answers), and asked
//     after a write to every source (a new service, its tree loaded before the clock starts);
//   - the indicator table: every indicator for the root and two levels below (Depth 2) in p
//     and the same period of last year, after a write, against its floor: the sources' own
//     queries alone (FigureSource.OwnValues for the root's subtree and each period), without
//     the roll-up and the table, timed source by source and added up.
//
// The first call, which loads the unit tree, is printed apart; then n rounds of the three,
// interleaved so that the noise of a shared machine falls on all alike, of which the median
// and the fastest are printed, and the ratio of the table to its floor.
func Figures(ctx context.Context, svc *figures.Service, p tuyengiao.Period, n int, out io.Writer) error {
	ctx = tuyengiao.NewContext(ctx, &tuyengiao.Principal{Login: "loadrun",
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin, UnitPath: "/"}}})
	start := time.Now()
	tree, err := svc.Tree(ctx)
	if err != nil {
		return err
	}
	treeTime, root := time.Since(start), tree.Unit(0)
	inds, err := svc.Indicators(ctx)
	if err != nil {
		return err
	}
	codes := indicatorCodes(inds)
	dashboard := tuyengiao.FigureQuery{Codes: codes, UnitID: root.ID, Depth: 1, Periods: []tuyengiao.Period{p, p.Previous(), p.YearBefore()}}
	table := tuyengiao.FigureQuery{Codes: codes, UnitID: root.ID, Depth: 2, Periods: []tuyengiao.Period{p, p.YearBefore()}}
	fmt.Fprintf(out, "%s: %s đơn vị, cây nạp trong / tree loaded in %s; %d chỉ tiêu / indicators; kỳ / period %s\n",
		root.Name, vn.Int(int64(tree.Len())), ms(treeTime), len(codes), p.Label())

	measures := []*measure{
		figuresMeasure("table (depth 2, 2 periods)", svc, table, true),
		figuresMeasure("dashboard (depth 1, 3 periods)", svc, dashboard, true),
		figuresMeasure("dashboard, asked again", svc, dashboard, false),
	}
	sources := len(measures)
	for _, src := range svc.Sources {
		inds, err := src.Indicators(ctx)
		if err != nil {
			return err
		}
		if len(inds) == 0 { // reported indicators none has defined yet
			continue
		}
		name := fmt.Sprintf("  floor: %s.* (%d)", inds[0].Group, len(inds))
		measures = append(measures, &measure{name: name, run: floorCall(src, indicatorCodes(inds), root.Path, table.Periods)})
	}
	if err := rounds(ctx, measures, n); err != nil {
		return err
	}
	floor := &measure{name: "floor of the table (sources' queries)", times: make([]time.Duration, n)}
	for _, m := range measures[sources:] {
		floor.first, floor.rows = floor.first+m.first, floor.rows+m.rows
		for i, d := range m.times {
			floor.times[i] += d
		}
	}
	measures = append(measures, floor)
	fmt.Fprintf(out, "\n%-40s %10s %12s %12s %12s\n", "", "rows", "first call", "warm median", "warm min")
	for _, m := range measures {
		fmt.Fprintf(out, "%-40s %10s %12s %12s %12s\n", m.name, vn.Int(int64(m.rows)), ms(m.first), ms(median(m.times)), ms(slices.Min(m.times)))
	}
	tbl := measures[0]
	fmt.Fprintf(out, "%-40s %10s %12s %12s %12s\n", "table / floor", "", ratio(tbl.first, floor.first),
		ratio(median(tbl.times), median(floor.times)), ratio(slices.Min(tbl.times), slices.Min(floor.times)))
	return printRoot(ctx, svc, dashboard, out)
}

// measure is one of the calls Figures times, after its preparation, untimed, if it has one.
type measure struct {
	name    string
	prepare func(ctx context.Context) error
	run     func(ctx context.Context) (rows int, err error)
	first   time.Duration
	rows    int // the unit rows of a table, the own values of the floor
	times   []time.Duration
}

// rounds runs the measures n+1 times, interleaved so that the noise of a shared machine
// falls on all alike, each after its preparation: the first round gives each its first time
// and rows, the others its times.
func rounds(ctx context.Context, measures []*measure, n int) error {
	for i := range n + 1 {
		for _, m := range measures {
			if m.prepare != nil {
				if err := m.prepare(ctx); err != nil {
					return err
				}
			}
			start := time.Now()
			rows, err := m.run(ctx)
			if err != nil {
				return fmt.Errorf("%s: %w", m.name, err)
			}
			if d := time.Since(start); i > 0 {
				m.times = append(m.times, d)
			} else {
				m.first, m.rows = d, rows
			}
		}
	}
	return nil
}

// figuresMeasure returns the measure of svc.Figures for q, which counts the unit rows of the
// table.
// After a write, every call is on a new service like svc, whose memo holds nothing, its tree
// loaded beforehand: the figures as a page asks them once something has been written.
func figuresMeasure(name string, svc *figures.Service, q tuyengiao.FigureQuery, afterWrite bool) *measure {
	on := svc
	m := &measure{name: name}
	if afterWrite {
		m.prepare = func(ctx context.Context) error {
			on = &figures.Service{Store: svc.Store, Sources: svc.Sources, Targets: svc.Targets, Now: svc.Now}
			_, err := on.Tree(ctx)
			return err
		}
	}
	m.run = func(ctx context.Context) (int, error) {
		t, err := on.Figures(ctx, q)
		if err != nil {
			return 0, err
		}
		return len(t.Units), nil
	}
	return m
}

// floorCall returns a call of the source's OwnValues for the indicators codes, the subtree
// at path and each period, which counts the own values read.
func floorCall(src tuyengiao.FigureSource, codes []string, path string, periods []tuyengiao.Period) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		n := 0
		for _, p := range periods {
			vals, err := src.OwnValues(ctx, codes, path, p)
			if err != nil {
				return 0, err
			}
			n += len(vals)
		}
		return n, nil
	}
}

// printRoot writes the root's values of the dashboard, to see that the data and the roll-up
// make sense: each indicator in the three periods.
func printRoot(ctx context.Context, svc *figures.Service, q tuyengiao.FigureQuery, out io.Writer) error {
	t, err := svc.Figures(ctx, q)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\n%s: %s | %s | %s\n", t.Units[0].Name, q.Periods[0].Label(), q.Periods[1].Label(), q.Periods[2].Label())
	for i, ind := range t.Indicators {
		fmt.Fprintf(out, "  %-40s", ind.Code)
		for p := range t.Periods {
			v := t.Value(0, i, p)
			if ind.Aggregation == tuyengiao.AggregateRatio {
				fmt.Fprintf(out, " %12s", vn.Int(v.Num)+"/"+vn.Int(v.Den))
			} else {
				fmt.Fprintf(out, " %12s", vn.Int(v.Num))
			}
		}
		fmt.Fprintf(out, " %s\n", ind.Measure)
	}
	return nil
}

// indicatorCodes returns the codes of the indicators, in order.
func indicatorCodes(inds []tuyengiao.Indicator) []string {
	codes := make([]string, len(inds))
	for i, ind := range inds {
		codes[i] = ind.Code
	}
	return codes
}
