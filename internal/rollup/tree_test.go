package rollup

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"tuyengiao"
)

// unit returns a unit with the given ID, parent and sort order, coded "u<id>".
func unit(id, parent int64, sortOrder int) *tuyengiao.Unit {
	return &tuyengiao.Unit{ID: id, ParentID: parent, Code: fmt.Sprintf("u%d", id), SortOrder: sortOrder}
}

// sample is a small tree:
//
//	1
//	├── 3 (sort 10)
//	│   ├── 6
//	│   └── 7
//	├── 2 (sort 20)
//	│   └── 5
//	└── 4 (sort 20, given after 2)
func sample() []*tuyengiao.Unit {
	return []*tuyengiao.Unit{unit(5, 2, 0), unit(2, 1, 20), unit(7, 3, 2), unit(1, 0, 0), unit(4, 1, 20), unit(6, 3, 1), unit(3, 1, 10)}
}

// outline writes the tree as "id(depth)" in preorder.
func outline(t *Tree) string {
	var parts []string
	for i := range t.Len() {
		parts = append(parts, fmt.Sprintf("%d(%d)", t.ID(i), t.Depth(i)))
	}
	return strings.Join(parts, " ")
}

func ids(t *Tree, seq func(func(int) bool)) []int64 {
	var out []int64
	for i := range seq {
		out = append(out, t.ID(i))
	}
	return out
}

func mustBuild(tb testing.TB, units []*tuyengiao.Unit) *Tree {
	tb.Helper()
	t, err := Build(units)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func TestTree(t *testing.T) {
	units := sample()
	tree := mustBuild(t, units)

	t.Run("units come in preorder, siblings by sort order then given order", func(t *testing.T) {
		if got := outline(tree); got != "1(0) 3(1) 6(2) 7(2) 2(1) 5(2) 4(1)" {
			t.Fatalf("outline %s", got)
		}
	})
	t.Run("a unit knows its parent, children, subtree and source", func(t *testing.T) {
		i, ok := tree.Index(2)
		if !ok || tree.ID(tree.Parent(i)) != 1 || tree.End(i) != i+2 || units[tree.Source(i)].ID != 2 {
			t.Fatalf("unit 2 at %d: parent %d, end %d", i, tree.Parent(i), tree.End(i))
		}
		root, _ := tree.Index(1)
		if got := ids(tree, tree.Children(root)); !slices.Equal(got, []int64{3, 2, 4}) {
			t.Fatalf("children %v", got)
		}
		if tree.Parent(root) != -1 || tree.End(root) != tree.Len() {
			t.Fatalf("root parent %d end %d", tree.Parent(root), tree.End(root))
		}
		if _, ok := tree.Index(99); ok {
			t.Fatal("unit 99 found")
		}
	})
	t.Run("units whose parent is missing are roots of a forest", func(t *testing.T) {
		// Units 2, 3 and their children, without 1: a forest of two trees.
		forest := mustBuild(t, slices.DeleteFunc(sample(), func(u *tuyengiao.Unit) bool { return u.ID == 1 || u.ID == 4 }))
		if got := outline(forest); got != "3(0) 6(1) 7(1) 2(0) 5(1)" {
			t.Fatalf("outline %s", got)
		}
		if got := ids(forest, forest.Roots()); !slices.Equal(got, []int64{3, 2}) {
			t.Fatalf("roots %v", got)
		}
	})
	t.Run("a duplicate ID or a cycle of parents is refused", func(t *testing.T) {
		if _, err := Build(append(sample(), unit(3, 1, 0))); err == nil {
			t.Fatal("duplicate accepted")
		}
		if _, err := Build(append(sample(), unit(8, 9, 0), unit(9, 8, 0))); err == nil {
			t.Fatal("cycle accepted")
		}
	})
	t.Run("an empty set is an empty tree", func(t *testing.T) {
		if tree := mustBuild(t, nil); tree.Len() != 0 || len(ids(tree, tree.Roots())) != 0 {
			t.Fatal("not empty")
		}
	})
}

func TestRollUp(t *testing.T) {
	tree := mustBuild(t, sample())
	// Two columns: people who attended (numerator) and people invited (denominator).
	type record struct {
		unit     int64
		col      int
		attended int64
	}
	var rows []record
	for _, r := range [][3]int64{{6, 9, 10}, {7, 1, 10}, {5, 5, 5}, {5, 3, 3}, {4, 0, 2}, {1, 2, 2}, {42, 100, 100}} {
		rows = append(rows, record{r[0], 0, r[1]}, record{r[0], 1, r[2]})
	}
	own, skipped := Tally(tree, 2, rows, func(r record) (int64, int, int64) { return r.unit, r.col, r.attended })
	total := tree.RollUp(own)
	row := func(tb *Table, id int64) []int64 {
		i, _ := tree.Index(id)
		return tb.Row(i)
	}

	t.Run("rows of units outside the tree are skipped and counted", func(t *testing.T) {
		if skipped != 2 {
			t.Fatalf("skipped %d", skipped)
		}
	})
	t.Run("a unit's total is its own plus its children's totals", func(t *testing.T) {
		for i := range tree.Len() {
			want := slices.Clone(own.Row(i))
			for c := range tree.Children(i) {
				want[0] += total.Row(c)[0]
				want[1] += total.Row(c)[1]
			}
			if !slices.Equal(total.Row(i), want) {
				t.Fatalf("unit %d: total %v, want %v", tree.ID(i), total.Row(i), want)
			}
		}
		if got := row(total, 1); !slices.Equal(got, []int64{20, 32}) {
			t.Fatalf("root total %v", got)
		}
	})
	t.Run("a unit with no records has zero own but its children's total", func(t *testing.T) {
		if !slices.Equal(row(own, 3), []int64{0, 0}) || !slices.Equal(row(total, 3), []int64{10, 20}) {
			t.Fatalf("unit 3: own %v total %v", row(own, 3), row(total, 3))
		}
	})
	t.Run("a ratio rolls up as the sum of numerators over the sum of denominators", func(t *testing.T) {
		// The root: 20 of 32 people, 62,5%; the average of the units' own rates (90%, 10%,
		// 100%, 0%, 100%) would say 60%.
		i, _ := tree.Index(1)
		if r, ok := total.Ratio(i, 0, 1); !ok || r != 20.0/32 {
			t.Fatalf("root ratio %v", r)
		}
		j, _ := tree.Index(3)
		if _, ok := own.Ratio(j, 0, 1); ok {
			t.Fatal("unit 3 has no denominator of its own")
		}
	})
	t.Run("a roll-up of a forest sums each tree apart", func(t *testing.T) {
		forest := mustBuild(t, slices.DeleteFunc(sample(), func(u *tuyengiao.Unit) bool { return u.ID == 1 }))
		counts := []tuyengiao.UnitCount{
			{UnitID: 6, Category: tuyengiao.CategoryMember, Count: 4},
			{UnitID: 7, Category: tuyengiao.CategoryMasses, Count: 2},
			{UnitID: 5, Category: tuyengiao.CategoryMember, Count: 1},
			{UnitID: 1, Category: tuyengiao.CategoryMember, Count: 7},
			{UnitID: 5, Category: "other", Count: 1},
		}
		own, skipped := CountsByCategory(forest, counts)
		total := forest.RollUp(own)
		member, masses := CategoryColumn(tuyengiao.CategoryMember), CategoryColumn(tuyengiao.CategoryMasses)
		i3, _ := forest.Index(3)
		i2, _ := forest.Index(2)
		if skipped != 2 || total.Row(i3)[member] != 4 || total.Row(i3)[masses] != 2 || total.Row(i2)[member] != 1 {
			t.Fatalf("skipped %d, unit 3 %v, unit 2 %v", skipped, total.Row(i3), total.Row(i2))
		}
	})
}

// cityUnits returns a city of n units in the shape of a real one, in random order: the
// city committee, 30 districts, 25 wards or communes each, 40 grassroots organisations per
// ward, and the remaining units as cells spread over the grassroots organisations.
func cityUnits(n int) []*tuyengiao.Unit {
	units := []*tuyengiao.Unit{unit(1, 0, 0)}
	add := func(parent int64, count int) []int64 {
		var out []int64
		for j := range count {
			u := unit(int64(len(units)+1), parent, 10*(j+1))
			units = append(units, u)
			out = append(out, u.ID)
		}
		return out
	}
	var grassroots []int64
	for _, d := range add(1, 30) {
		for _, w := range add(d, 25) {
			grassroots = append(grassroots, add(w, 40)...)
		}
	}
	cells := n - len(units)
	for j, g := range grassroots {
		add(g, cells/len(grassroots)+min(1, max(0, cells%len(grassroots)-j)))
	}
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(units), func(i, j int) { units[i], units[j] = units[j], units[i] })
	return units
}

// BenchmarkTree300k builds the tree of a 300.000-unit city from units in random order and
// rolls up 5 million people counts of its units, most of them at the cells.
func BenchmarkTree300k(b *testing.B) {
	const n, nrows = 300_000, 5_000_000
	units := cityUnits(n)
	r := rand.New(rand.NewPCG(3, 4))
	rows := make([]tuyengiao.UnitCount, nrows)
	for i := range rows {
		rows[i] = tuyengiao.UnitCount{UnitID: r.Int64N(n) + 1, Category: tuyengiao.Categories[r.IntN(5)], Count: r.Int64N(30)}
	}
	var build, roll time.Duration
	for b.Loop() {
		start := time.Now()
		tree := mustBuild(b, units)
		mid := time.Now()
		own, _ := CountsByCategory(tree, rows)
		tree.RollUp(own)
		build, roll = build+mid.Sub(start), roll+time.Since(mid)
	}
	b.ReportMetric(float64(n)*float64(b.N)/build.Seconds(), "units/s")
	b.ReportMetric(float64(nrows)*float64(b.N)/roll.Seconds(), "rows/s")
	b.ReportMetric(float64(build.Milliseconds())/float64(b.N), "build-ms/op")
	b.ReportMetric(float64(roll.Milliseconds())/float64(b.N), "rollup-ms/op")
}
