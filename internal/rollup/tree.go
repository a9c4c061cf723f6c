// Package rollup holds the unit tree in memory and rolls indicators up it. It is pure
// computation over flat slices, sized for trees of hundreds of thousands of units: a unit is
// an index into a few slices, not an object with pointers or maps of its own.
package rollup

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"tuyengiao"
)

// Tree is a forest of units in preorder. Units are numbered 0 to Len()-1; every unit comes
// before its subtree and siblings come in sibling order, so the subtree of unit i is the
// range of indexes [i, End(i)) and a parent's index is always below its children's.
type Tree struct {
	ids    []int64
	src    []int32 // position of the unit in the slice given to Build
	parent []int32 // -1 for a root of the forest
	depth  []int32
	end    []int32
	index  map[int64]int32
}

// Build returns the tree of units, given in any order: any subtree, or any set of units,
// of the unit tree. A unit whose parent is not among units is a root of the forest. Siblings
// come in SortOrder order, and those with equal SortOrder in their order in units (the
// Vietnamese name order when units come from FindUnits). A duplicate ID or a cycle of
// parents is an error.
func Build(units []*tuyengiao.Unit) (*Tree, error) {
	if len(units) >= math.MaxInt32 {
		return nil, fmt.Errorf("rollup: %d units are too many", len(units))
	}
	index := make(map[int64]int32, len(units))
	for i, u := range units {
		if _, dup := index[u.ID]; dup {
			return nil, fmt.Errorf("rollup: unit %d appears twice", u.ID)
		}
		index[u.ID] = int32(i)
	}
	kids, start := childGroups(units, index)
	t := &Tree{
		ids:    make([]int64, len(units)),
		src:    make([]int32, len(units)),
		parent: make([]int32, len(units)),
		depth:  make([]int32, len(units)),
		end:    make([]int32, len(units)),
		index:  index,
	}
	if n := t.preorder(units, kids, start); n != len(units) {
		return nil, fmt.Errorf("rollup: %d units lie on a cycle of parents", len(units)-n)
	}
	for i := len(units) - 1; i >= 0; i-- {
		t.end[i] = max(t.end[i], int32(i+1))
		if p := t.parent[i]; p >= 0 {
			t.end[p] = max(t.end[p], t.end[i])
		}
	}
	return t, nil
}

// childGroups lists the children of every unit in sibling order, all in one slice: the
// children of the unit at position p of units are kids[start[p+1]:start[p+2]], and the
// roots are kids[start[0]:start[1]].
func childGroups(units []*tuyengiao.Unit, index map[int64]int32) (kids, start []int32) {
	group := make([]int32, len(units)) // position of the parent plus one, 0 for a root
	start = make([]int32, len(units)+2)
	for i, u := range units {
		if p, ok := index[u.ParentID]; ok {
			group[i] = p + 1
		}
		start[group[i]+1]++
	}
	for g := 1; g < len(start); g++ {
		start[g] += start[g-1]
	}
	kids = make([]int32, len(units))
	next := slices.Clone(start[:len(start)-1])
	for i, g := range group {
		kids[next[g]] = int32(i)
		next[g]++
	}
	bySortOrder := func(a, b int32) int { return cmp.Compare(units[a].SortOrder, units[b].SortOrder) }
	for g := 0; g+1 < len(start); g++ {
		if siblings := kids[start[g]:start[g+1]]; !slices.IsSortedFunc(siblings, bySortOrder) {
			slices.SortStableFunc(siblings, bySortOrder)
		}
	}
	return kids, start
}

// preorder numbers the units reachable from the roots depth first, filling every slice of t
// but end and rewriting t.index to the new numbers, and returns how many it reached.
func (t *Tree) preorder(units []*tuyengiao.Unit, kids, start []int32) int {
	type visit struct{ pos, parent int32 }
	var stack []visit
	push := func(g int, parent int32) {
		for j := start[g+1] - 1; j >= start[g]; j-- {
			stack = append(stack, visit{kids[j], parent})
		}
	}
	push(0, -1)
	n := int32(0)
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		u := units[v.pos]
		t.ids[n], t.src[n], t.parent[n], t.index[u.ID] = u.ID, v.pos, v.parent, n
		if v.parent >= 0 {
			t.depth[n] = t.depth[v.parent] + 1
		}
		push(int(v.pos)+1, n)
		n++
	}
	return int(n)
}

// Len returns the number of units.
func (t *Tree) Len() int { return len(t.ids) }

// ID returns the ID of unit i.
func (t *Tree) ID(i int) int64 { return t.ids[i] }

// Index returns the index of the unit with the given ID, and false when it is not in the
// tree.
func (t *Tree) Index(id int64) (int, bool) {
	i, ok := t.index[id]
	return int(i), ok
}

// Source returns the position of unit i in the slice given to Build, to reach its fields.
func (t *Tree) Source(i int) int { return int(t.src[i]) }

// Parent returns the index of the parent of unit i, or -1 for a root of the forest.
func (t *Tree) Parent(i int) int { return int(t.parent[i]) }

// Depth returns the depth of unit i in the forest, 0 for a root.
func (t *Tree) Depth(i int) int { return int(t.depth[i]) }

// End returns the index past the subtree of unit i: the subtree is [i, End(i)).
func (t *Tree) End(i int) int { return int(t.end[i]) }
