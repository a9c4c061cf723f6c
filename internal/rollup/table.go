package rollup

import (
	"tuyengiao"
)

// Table holds K int64 columns for each of some units, row i for the i-th, in one flat slice.
// A column is one figure of an indicator: a count, a sum in its smallest unit (đồng, minutes),
// or the numerator or the denominator of a ratio.
type Table struct {
	K     int
	Cells []int64 // row i is Cells[i*K : (i+1)*K]
}

// Row returns the K cells of unit i; writing to it changes the table, and indexing it past
// K panics rather than spill into the next unit.
func (tb *Table) Row(i int) []int64 {
	return tb.Cells[i*tb.K : (i+1)*tb.K : (i+1)*tb.K]
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
