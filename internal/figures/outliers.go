package figures

import (
	"math"
	"slices"

	"tuyengiao"
)

// The limits of the outlier tests.
const (
	// historyPeriods is how many periods of the same kind before it a value is compared with.
	historyPeriods = 4
	// outlierFloor is the least distance from the median that is flagged, so that 2 after
	// 0, 0, 1, 0 is not.
	outlierFloor = 10
	// minSiblings is the least number of units of a kind under one parent, the unit
	// included, that are compared with each other.
	minSiblings = 5
	// minHistory is the least number of periods with a value among those before that a
	// value is compared with: fewer say too little (a unit that has just begun, work done
	// once a year), and flagged every change as an outlier.
	minHistory = 3
)

// count returns how many of xs are x.
func count(xs []int64, x int64) int {
	n := 0
	for _, v := range xs {
		if v == x {
			n++
		}
	}
	return n
}

// median returns the median of xs, which it sorts.
func median(xs []float64) float64 {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// spread returns the median of xs and their median absolute deviation.
func spread(xs []int64) (med, mad float64) {
	fs := make([]float64, len(xs))
	for i, x := range xs {
		fs[i] = float64(x)
	}
	med = median(fs)
	for i, x := range xs {
		fs[i] = math.Abs(float64(x) - med)
	}
	return med, median(fs)
}

// historyOutlier tests v against the unit's own previous values: flagged when it lies more
// than 3 median absolute deviations from their median, or, when they do not vary, when it
// is over three times their median or under a third of it; never nearer than outlierFloor
// to the median. A history of fewer than minHistory values tells nothing.
func historyOutlier(v int64, history []int64) (tuyengiao.Outlier, bool) {
	if len(history)-count(history, 0) < minHistory {
		return tuyengiao.Outlier{}, false
	}
	med, mad := spread(history)
	o := tuyengiao.Outlier{Value: v, Against: tuyengiao.OutlierHistory, Median: int64(math.Round(med)),
		Spread: int64(math.Round(mad)), Compared: len(history)}
	dist := math.Abs(float64(v) - med)
	if dist <= outlierFloor {
		return o, false
	}
	if mad > 0 {
		o.Test = tuyengiao.OutlierSpread
		return o, dist > 3*mad
	}
	o.Test = tuyengiao.OutlierJump
	return o, float64(v) > 3*med || 3*float64(v) < med
}

// siblingsOutliers tests the values of group, those of the units of one kind under one
// parent, against each other, and returns the outliers by their index in group: a value
// whose modified z-score, 0,6745 × its distance from their median / their median absolute
// deviation, is over 3,5, and that lies further than outlierFloor from the median. Fewer
// than minSiblings units, or units that do not vary, are not compared.
func siblingsOutliers(group []int64) map[int]tuyengiao.Outlier {
	if len(group) < minSiblings {
		return nil
	}
	med, mad := spread(group)
	if mad == 0 {
		return nil
	}
	out := map[int]tuyengiao.Outlier{}
	for k, v := range group {
		if dist := math.Abs(float64(v) - med); dist > outlierFloor && 0.6745*dist/mad > 3.5 {
			out[k] = tuyengiao.Outlier{Value: v, Against: tuyengiao.OutlierSiblings, Test: tuyengiao.OutlierSpread,
				Median: int64(math.Round(med)), Spread: int64(math.Round(mad)), Compared: len(group)}
		}
	}
	return out
}

// parents returns the row of the parent of each row of the table, -1 for the first row and
// for the asked unit's own line.
func parents(units []tuyengiao.FigureUnit) []int {
	out := make([]int, len(units))
	last := map[int]int{} // depth → the last row at that depth
	for r, u := range units {
		out[r] = -1
		if p, ok := last[u.Depth-1]; ok && !u.Own {
			out[r] = p
		}
		if !u.Own {
			last[u.Depth] = r
		}
	}
	return out
}

// outliers returns the values of the sum indicators of the table's rows in its first
// period that stand out against the periods after it (the same unit's history) or against
// the rows of the same kind under the same parent, in row order. Rates are checked by the
// rules, not here; the asked unit's own line is not tested.
func outliers(tb *tuyengiao.FigureTable) []tuyengiao.Outlier {
	var out []tuyengiao.Outlier
	parent := parents(tb.Units)
	for u, unit := range tb.Units {
		if unit.Own {
			continue
		}
		for i, ind := range tb.Indicators {
			if ind.Aggregation != tuyengiao.AggregateSum {
				continue
			}
			history := make([]int64, 0, len(tb.Periods)-1)
			for p := 1; p < len(tb.Periods); p++ {
				history = append(history, tb.Value(u, i, p).Num)
			}
			if o, ok := historyOutlier(tb.Value(u, i, 0).Num, history); ok {
				out = append(out, placed(o, tb, u, i))
			}
		}
	}
	return append(out, siblingOutliers(tb, parent)...)
}

// siblingOutliers returns the outliers of the rows of the table against the rows of the
// same kind under the same parent, group by group.
func siblingOutliers(tb *tuyengiao.FigureTable, parent []int) []tuyengiao.Outlier {
	type key struct {
		parent int
		kind   string
	}
	var keys []key
	groups := map[key][]int{}
	for u, unit := range tb.Units {
		if unit.Own || parent[u] < 0 {
			continue
		}
		k := key{parent[u], unit.Kind}
		if _, seen := groups[k]; !seen {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], u)
	}
	var out []tuyengiao.Outlier
	for _, k := range keys {
		rows := groups[k]
		for i, ind := range tb.Indicators {
			if ind.Aggregation != tuyengiao.AggregateSum {
				continue
			}
			vals := make([]int64, len(rows))
			for j, r := range rows {
				vals[j] = tb.Value(r, i, 0).Num
			}
			flagged := siblingsOutliers(vals)
			for j, r := range rows {
				if o, ok := flagged[j]; ok {
					out = append(out, placed(o, tb, r, i))
				}
			}
		}
	}
	return out
}

// placed returns o as the outlier of row u and indicator i in the table's first period.
func placed(o tuyengiao.Outlier, tb *tuyengiao.FigureTable, u, i int) tuyengiao.Outlier {
	o.Indicator, o.Unit, o.Period = tb.Indicators[i], tb.Units[u], tb.Periods[0]
	return o
}
