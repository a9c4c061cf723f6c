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
		if i, _ := forest.Index(2); forest.Parent(i) != -1 {
			t.Fatalf("unit 2 has parent %d", forest.Parent(i))
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
		if tree := mustBuild(t, nil); tree.Len() != 0 || outline(tree) != "" {
			t.Fatal("not empty")
		}
	})
}

func TestLevels(t *testing.T) {
	tree := mustBuild(t, sample())
	// Two columns: people who attended (numerator) and people invited (denominator), at
	// units 6, 7, 5 (twice), 4, the root 1, and 42, which is not in the tree.
	records := [][3]int64{{6, 9, 10}, {7, 1, 10}, {5, 5, 5}, {5, 3, 3}, {4, 0, 2}, {1, 2, 2}, {42, 100, 100}}
	sums := func(root int64, depth int) *Levels {
		i, _ := tree.Index(root)
		l := tree.NewLevels(i, depth, 2, 100)
		for _, r := range records {
			if j, ok := tree.Index(r[0]); ok {
				l.Add(j, 0, r[1])
				l.Add(j, 1, r[2])
			}
		}
		return l
	}
	row := func(l *Levels, id int64) []int64 {
		for r, i := range l.Units {
			if tree.ID(i) == id {
				return l.Total.Row(r)
			}
		}
		t.Fatalf("unit %d is not listed", id)
		return nil
	}

	t.Run("lists the root and the units down to the depth asked, in tree order", func(t *testing.T) {
		for depth, want := range []string{"1", "1 3 2 4", "1 3 6 7 2 5 4"} {
			var got []string
			for _, i := range sums(1, depth).Units {
				got = append(got, fmt.Sprint(tree.ID(i)))
			}
			if strings.Join(got, " ") != want {
				t.Errorf("depth %d: %v, want %s", depth, got, want)
			}
		}
	})
	t.Run("a unit's total is its own plus its whole subtree's, listed or not", func(t *testing.T) {
		l := sums(1, 1)
		for id, want := range map[int64][]int64{1: {20, 32}, 3: {10, 20}, 2: {8, 8}, 4: {0, 2}} {
			if got := row(l, id); !slices.Equal(got, want) {
				t.Errorf("unit %d: %v, want %v", id, got, want)
			}
		}
		if !slices.Equal(l.Own, []int64{2, 2}) {
			t.Errorf("the root's own %v", l.Own)
		}
	})
	t.Run("a ratio rolls up as the sum of numerators over the sum of denominators", func(t *testing.T) {
		// The root: 20 of 32 people, 62,5%; the average of the units' own rates (90%, 10%,
		// 100%, 0%, 100%) would say 60%.
		if got := row(sums(1, 2), 1); got[0] != 20 || got[1] != 32 {
			t.Fatalf("root %v", got)
		}
	})
	t.Run("values outside the subtree asked are left out", func(t *testing.T) {
		l := sums(3, 1)
		if got := row(l, 3); !slices.Equal(got, []int64{10, 20}) || len(l.Units) != 3 {
			t.Fatalf("unit 3 %v, rows %d", got, len(l.Units))
		}
	})
	t.Run("refuses more rows than the limit", func(t *testing.T) {
		if tree.NewLevels(0, 2, 2, 6) != nil {
			t.Fatal("7 rows were listed under a limit of 6")
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
// sums 5 million people counts of its units, most of them at the cells, into the city and
// its districts.
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
		l := tree.NewLevels(0, 1, len(tuyengiao.Categories), n)
		for _, row := range rows {
			if i, ok := tree.Index(row.UnitID); ok {
				l.Add(i, CategoryColumn(row.Category), row.Count)
			}
		}
		build, roll = build+mid.Sub(start), roll+time.Since(mid)
	}
	b.ReportMetric(float64(n)*float64(b.N)/build.Seconds(), "units/s")
	b.ReportMetric(float64(nrows)*float64(b.N)/roll.Seconds(), "rows/s")
	b.ReportMetric(float64(build.Milliseconds())/float64(b.N), "build-ms/op")
	b.ReportMetric(float64(roll.Milliseconds())/float64(b.N), "rollup-ms/op")
}
