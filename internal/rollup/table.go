package rollup

import (
	"fmt"

	"tuyengiao"
)

// Table holds K int64 columns for every unit of a tree, row i for unit i, in one flat slice.
// A column is one figure of an indicator: a count, a sum in its smallest unit (đồng, minutes),
// or the numerator or the denominator of a ratio.
type Table struct {
	K     int
	Cells []int64 // row i is Cells[i*K : (i+1)*K]
}

// NewTable returns a table of zeros with k columns for the units of t.
func NewTable(t *Tree, k int) *Table {
	return &Table{K: k, Cells: make([]int64, t.Len()*k)}
}

// Row returns the K cells of unit i; writing to it changes the table, and indexing it past
// K panics rather than spill into the next unit.
func (tb *Table) Row(i int) []int64 {
	return tb.Cells[i*tb.K : (i+1)*tb.K : (i+1)*tb.K]
}

// Ratio returns cell num divided by cell den of unit i, and false when den is 0. On a table
// of totals it is the ratio of the subtree's sums, the only right roll-up of a ratio: never
// the average of the units' own ratios.
func (tb *Table) Ratio(i, num, den int) (float64, bool) {
	row := tb.Row(i)
	if row[den] == 0 {
		return 0, false
	}
	return float64(row[num]) / float64(row[den]), true
}

// Tally returns the own values of the units of t: a table of k columns where cell (i, col)
// is the sum of the values of the rows of unit i in that column, as cell reads them from a
// row (rows of records, or of a GROUP BY). Rows of a unit outside t or with a column outside
// 0 to k-1 are left out and counted in skipped. It takes O(len(rows)).
func Tally[R any](t *Tree, k int, rows []R, cell func(R) (unitID int64, col int, v int64)) (own *Table, skipped int) {
	own = NewTable(t, k)
	for _, r := range rows {
		id, col, v := cell(r)
		i, ok := t.index[id]
		if !ok || col < 0 || col >= k {
			skipped++
			continue
		}
		own.Cells[int(i)*k+col] += v
	}
	return own, skipped
}

// RollUp returns the subtree totals of own, a table of the units' own values made for t:
// row i of the result is the sum of the rows of own over the subtree of unit i, the unit
// included. It is one pass from the last unit to the first, O(Len() × K).
func (t *Tree) RollUp(own *Table) *Table {
	if len(own.Cells) != t.Len()*own.K {
		panic(fmt.Sprintf("rollup: table of %d cells for %d units of %d columns", len(own.Cells), t.Len(), own.K))
	}
	k := own.K
	total := &Table{K: k, Cells: append([]int64(nil), own.Cells...)}
	// Children come after their parent, so when unit i is reached its subtree is summed.
	for i := t.Len() - 1; i >= 0; i-- {
		if p := int(t.parent[i]); p >= 0 {
			dst, src := total.Cells[p*k:p*k+k], total.Cells[i*k:i*k+k]
			for c, v := range src {
				dst[c] += v
			}
		}
	}
	return total
}

// CategoryColumn returns the column of a category of people in tables counted by category:
// its position in tuyengiao.Categories, or -1 for an unknown category.
func CategoryColumn(c tuyengiao.Category) int {
	for i, x := range tuyengiao.Categories {
		if x == c {
			return i
		}
	}
	return -1
}

// CountsByCategory tallies the people counts of PersonService.CountPeople into a table with
// a column per category, in the order of tuyengiao.Categories; see Tally for skipped.
func CountsByCategory(t *Tree, counts []tuyengiao.UnitCount) (own *Table, skipped int) {
	return Tally(t, len(tuyengiao.Categories), counts, func(c tuyengiao.UnitCount) (int64, int, int64) {
		return c.UnitID, CategoryColumn(c.Category), c.Count
	})
}
