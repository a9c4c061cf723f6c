package web

import (
	"net/http"
	"time"

	"tuyengiao"
	"tuyengiao/internal/rollup"
	"tuyengiao/internal/vn"
)

// counts holds the number of people of each category, in tuyengiao.Categories order.
type counts []int64

// Total returns the people of every category.
func (c counts) Total() int64 {
	var n int64
	for _, v := range c {
		n += v
	}
	return n
}

// catCount is one category's number, for templates.
type catCount struct {
	Cat tuyengiao.Category
	N   int64
}

// Items returns the count of every category, in report order, zeros included.
func (c counts) Items() []catCount {
	out := make([]catCount, len(tuyengiao.Categories))
	for i, cat := range tuyengiao.Categories {
		out[i] = catCount{Cat: cat}
		if i < len(c) {
			out[i].N = c[i]
		}
	}
	return out
}

func (c counts) byCategory() map[tuyengiao.Category]int64 {
	m := make(map[tuyengiao.Category]int64, len(tuyengiao.Categories))
	for _, it := range c.Items() {
		m[it.Cat] = it.N
	}
	return m
}

// tally is the people of a subtree counted at each unit and rolled up the tree.
type tally struct {
	tree       *rollup.Tree
	own, total *rollup.Table
}

// of returns the own and the rolled-up counts of a unit; a unit outside the tally has none.
func (t *tally) of(unitID int64) (own, total counts) {
	i, ok := t.tree.Index(unitID)
	if !ok {
		return make(counts, len(tuyengiao.Categories)), make(counts, len(tuyengiao.Categories))
	}
	return t.own.Row(i), t.total.Row(i)
}

// tallyPeople counts the people active on asOf at each unit of units (root's subtree) with
// one GROUP BY, and rolls the counts up with one bottom-up pass.
func (s *Server) tallyPeople(r *http.Request, root *tuyengiao.Unit, units []*tuyengiao.Unit, asOf time.Time) (*tally, error) {
	tree, err := rollup.Build(units)
	if err != nil {
		return nil, err
	}
	rows, err := s.People.CountPeople(r.Context(), root.ID, tuyengiao.Date{Time: asOf})
	if err != nil {
		return nil, err
	}
	own, _ := rollup.CountsByCategory(tree, rows)
	return &tally{tree: tree, own: own, total: tree.RollUp(own)}, nil
}

// today returns the current calendar day in Vietnam, as a date at midnight UTC.
func (s *Server) today() time.Time {
	y, m, d := s.Now().In(vn.Zone).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
