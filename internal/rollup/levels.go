package rollup

// Levels sums values into the subtree totals of the units of a subtree down to a depth: the
// root, the units below it to depth levels, and, apart, the root's own values. It touches
// only those rows, so a question about a country's first level costs its values, not a
// table of every unit.
type Levels struct {
	t    *Tree
	root int
	// Units are the units listed, the root first, then those below in tree order.
	Units []int
	// Total holds row r for the subtree of Units[r]; Own holds the root's own values.
	Total *Table
	Own   []int64
	row   map[int]int // unit → its row in Units
}

// NewLevels returns the empty sums of k columns of the subtree of root down to depth levels
// below it, or nil when they would be more than maxRows rows.
func (t *Tree) NewLevels(root, depth, k, maxRows int) *Levels {
	l := &Levels{t: t, root: root, row: map[int]int{}}
	base := t.Depth(root)
	for i := root; i < t.End(root); i++ {
		if len(l.Units) == maxRows {
			return nil
		}
		l.row[i] = len(l.Units)
		l.Units = append(l.Units, i)
		if t.Depth(i)-base == depth {
			i = t.End(i) - 1 // the units below are deeper than asked
		}
	}
	l.Total = &Table{K: k, Cells: make([]int64, len(l.Units)*k)}
	l.Own = make([]int64, k)
	return l
}

// Add adds v in column col to the subtree totals unit i lies in: its nearest listed
// ancestor (itself when listed) and every listed unit above it up to the root, and to Own
// when i is the root. A unit outside the subtree is left out.
func (l *Levels) Add(i, col int, v int64) {
	if i < l.root || i >= l.t.End(l.root) {
		return
	}
	if i == l.root {
		l.Own[col] += v
	}
	for i >= l.root {
		if r, ok := l.row[i]; ok {
			l.Total.Cells[r*l.Total.K+col] += v
		}
		if i == l.root {
			return
		}
		i = l.t.Parent(i)
	}
}

// RowOf returns the row of unit i in Units, and false when it is not listed.
func (l *Levels) RowOf(i int) (int, bool) {
	r, ok := l.row[i]
	return r, ok
}
