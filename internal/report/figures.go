package report

import (
	"tuyengiao"
)

// FigureTable returns the table of an export of figures, the rows and the numbers of the page
// that shows the same tuyengiao.FigureTable: a line per unit row (the own line named by
// FigureUnit.Label), and for each indicator and period one column of the value, or for a
// ratio three: the numerator, the base and the rate (kept as its numerator and denominator).
// Every header names the indicator, its measure or base, and the period.
func FigureTable(title string, ft *tuyengiao.FigureTable) Table {
	t := Table{Title: title, Columns: []Column{{"Mã đơn vị", Text}, {"Đơn vị", Text}}}
	for _, ind := range ft.Indicators {
		for _, p := range ft.Periods {
			head := ind.Name + " – " + p.Label()
			if ind.Aggregation == tuyengiao.AggregateRatio {
				t.Columns = append(t.Columns, Column{head + ": số " + ind.Measure, Integer},
					Column{head + ": " + ind.Base, Integer}, Column{head + ": tỉ lệ", Percent})
			} else {
				t.Columns = append(t.Columns, Column{head + " (" + ind.Measure + ")", Integer})
			}
		}
	}
	for u, unit := range ft.Units {
		line := []any{unit.Code, unit.Label()}
		for i, ind := range ft.Indicators {
			for p := range ft.Periods {
				v := ft.Value(u, i, p)
				if ind.Aggregation == tuyengiao.AggregateRatio {
					line = append(line, v.Num, v.Den, Ratio{v.Num, v.Den})
				} else {
					line = append(line, v.Num)
				}
			}
		}
		t.Rows = append(t.Rows, line)
	}
	return t
}
