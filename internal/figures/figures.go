// Package figures is the figure service (tuyengiao.FigureService): every figure of the
// system, counted by the figure sources the capabilities declare and rolled up the unit
// tree, which it keeps in memory and reads again only when the tree's version in the
// database has changed, so that two app nodes agree and no request loads the tree.
package figures

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"tuyengiao"
	"tuyengiao/internal/rollup"
)

// Limits on what one question may ask, so that no request rolls up the country at every level.
const (
	maxPeriods = 24
	maxRows    = 20000
	maxColumns = 1000      // indicators × periods: an XLSX export, three columns a ratio, stays within its 16.384
	maxCells   = 2_000_000 // values in one table: some 50 MB of JSON at most
)

// Store is what the service reads of the storage besides its sources.
type Store interface {
	// TreeVersion returns a number that changes whenever any unit changes.
	TreeVersion(ctx context.Context) (int64, error)
	// Units returns every unit, closed ones included, in tree order.
	Units(ctx context.Context) ([]*tuyengiao.Unit, error)
	// Check authorizes action at the unit of path for the caller, recording a refusal.
	Check(ctx context.Context, action tuyengiao.Action, path string, unitID int64) error
}

// Service is the figure service over a Store and the figure sources of the capabilities.
type Service struct {
	Store Store
	// Sources are the figure sources, set before the first question: the service keeps each
	// one's answers while its version stays the same (memo.go).
	Sources []tuyengiao.FigureSource
	// The storage of the capabilities whose counts the service rolls up into the figures of
	// their pages (Participation, PeopleCounts, EssayCounts).
	Campaigns Campaigns
	People    People
	Essays    Essays
	// Targets reads the targets a FigureQuery may ask for (targets.go); nil: none is set.
	Targets TargetReader
	// Now returns the current time; tests replace it.
	Now func() time.Time

	mu   sync.Mutex
	tree *Tree

	memoOnce sync.Once
	memos    []*memo // one per source, in Sources' order
}

// Tree is the unit tree at one version: the units, and their rollup.Tree. It is shared by
// every request and must not be changed.
type Tree struct {
	Version int64
	*rollup.Tree
	units []*tuyengiao.Unit
}

// Unit returns unit i of the tree.
func (t *Tree) Unit(i int) *tuyengiao.Unit { return t.units[t.Source(i)] }

// Tree returns the unit tree, read again from the store when its version has changed. One
// caller reads it while the others wait for it.
func (s *Service) Tree(ctx context.Context) (*Tree, error) {
	v, err := s.Store.TreeVersion(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tree != nil && s.tree.Version >= v {
		return s.tree, nil
	}
	units, err := s.Store.Units(ctx)
	if err != nil {
		return nil, err
	}
	t, err := rollup.Build(units)
	if err != nil {
		return nil, err
	}
	// A change made while the units were read raises the version past v: the next call
	// reads them again.
	s.tree = &Tree{Version: v, Tree: t, units: units}
	return s.tree, nil
}

// Subtree returns the tree and the index of unitID in it, once the caller may do action
// there: ENOTFOUND for a unit that does not exist, EFORBIDDEN (audited) outside the
// caller's scope.
func (s *Service) Subtree(ctx context.Context, action tuyengiao.Action, unitID int64) (*Tree, int, error) {
	t, err := s.Tree(ctx)
	if err != nil {
		return nil, 0, err
	}
	i, ok := t.Index(unitID)
	if !ok {
		return nil, 0, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy đơn vị.")
	}
	if err := s.Store.Check(ctx, action, t.Unit(i).Path, unitID); err != nil {
		return nil, 0, err
	}
	return t, i, nil
}

// source is an indicator of the catalogue with the memo of the source that computes it, and
// the version of that source's data read for the question being answered.
type source struct {
	ind     tuyengiao.Indicator
	m       *memo
	version int64
}

// catalogue returns every indicator of every source, in the sources' order, by code. Sources
// of computed indicators come first (newFigures): a reported indicator whose code one of them
// declares too is left out rather than break every figure.
func (s *Service) catalogue(ctx context.Context) ([]source, map[string]int, error) {
	s.memoOnce.Do(func() { s.memos = newMemos(s.Sources) })
	var all []source
	at := map[string]int{}
	for _, m := range s.memos {
		version, err := m.src.Version(ctx)
		if err != nil {
			return nil, nil, err
		}
		inds, err := m.Indicators(ctx, version)
		if err != nil {
			return nil, nil, err
		}
		for _, ind := range inds {
			if _, dup := at[ind.Code]; dup && ind.Source == tuyengiao.SourceReported {
				// A code defined for the units to report before a capability came to compute
				// it (a document type added later): the records count it now.
				continue
			} else if dup {
				return nil, nil, tuyengiao.Errorf(tuyengiao.EINTERNAL, "Chỉ tiêu %s được khai báo hai lần.", ind.Code)
			}
			at[ind.Code] = len(all)
			all = append(all, source{ind, m, version})
		}
	}
	return all, at, nil
}

// Indicators returns the catalogue of every indicator.
func (s *Service) Indicators(ctx context.Context) ([]tuyengiao.Indicator, error) {
	all, _, err := s.catalogue(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]tuyengiao.Indicator, len(all))
	for i, a := range all {
		out[i] = a.ind
	}
	return out, nil
}

// pick returns the indicators codes names, in that order and each once, or all of them when
// codes is empty.
func (s *Service) pick(ctx context.Context, codes []string) ([]source, error) {
	all, at, err := s.catalogue(ctx)
	if err != nil || len(codes) == 0 {
		return all, err
	}
	out := make([]source, 0, len(codes))
	seen := make(map[string]bool, len(codes))
	for _, c := range codes {
		j, ok := at[c]
		if !ok {
			return nil, tuyengiao.FieldError("indicator", "Không có chỉ tiêu mã %q.", c)
		}
		if !seen[c] { // a code asked twice is one column, not a second one left at zero
			seen[c] = true
			out = append(out, all[j])
		}
	}
	return out, nil
}

// Figures returns the values the query asks for, rolled up.
func (s *Service) Figures(ctx context.Context, q tuyengiao.FigureQuery) (*tuyengiao.FigureTable, error) {
	switch {
	case len(q.Periods) == 0:
		return nil, tuyengiao.FieldError("period", "Chưa chọn kỳ báo cáo.")
	case len(q.Periods) > maxPeriods:
		return nil, tuyengiao.FieldError("period", "Chọn nhiều nhất %d kỳ báo cáo.", maxPeriods)
	case q.Depth < 0:
		return nil, tuyengiao.FieldError("depth", "Số cấp đơn vị không hợp lệ.")
	}
	t, root, err := s.Subtree(ctx, tuyengiao.ActionUnitView, q.UnitID)
	if err != nil {
		return nil, err
	}
	picked, err := s.pick(ctx, q.Codes)
	if err != nil {
		return nil, err
	}
	columns := max(1, len(picked)*len(q.Periods))
	if columns > maxColumns {
		return nil, tuyengiao.FieldError("indicator", "Bảng có hơn %d cột (chỉ tiêu × kỳ): chọn ít chỉ tiêu hoặc ít kỳ hơn.", maxColumns)
	}
	rowCap := min(maxRows, maxCells/columns)
	// The periods are counted side by side, a core each: a report's fifteen periods (its year,
	// the year before and twelve months) wait for the longest rather than for their sum.
	sums := make([]*rollup.Levels, len(q.Periods))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for p, period := range q.Periods {
		g.Go(func() (err error) {
			sums[p], err = s.sum(gctx, t, root, q.Depth, picked, period, rowCap)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	out := &tuyengiao.FigureTable{Periods: q.Periods, AsOf: s.now()}
	for _, pk := range picked {
		out.Indicators = append(out.Indicators, pk.ind)
	}
	hasOwn := len(sums[0].Units) > 1 && slices.ContainsFunc(sums, func(l *rollup.Levels) bool {
		return slices.ContainsFunc(l.Own, func(v int64) bool { return v != 0 })
	})
	for r, i := range sums[0].Units {
		u := t.Unit(i)
		line := tuyengiao.FigureUnit{ID: u.ID, Code: u.Code, Name: u.Name, Kind: u.Kind,
			Depth: t.Depth(i) - t.Depth(root), HasChildren: t.End(i) > i+1}
		out.Units = append(out.Units, line)
		out.Values = appendValues(out.Values, picked, sums, func(l *rollup.Levels) []int64 { return l.Total.Row(r) })
		if r == 0 && hasOwn {
			line.Own, line.HasChildren = true, false
			out.Units = append(out.Units, line)
			out.Values = appendValues(out.Values, picked, sums, func(l *rollup.Levels) []int64 { return l.Own })
		}
	}
	if q.Targets {
		if err := s.fillTargets(ctx, t.Unit(root).Path, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// appendValues appends to vals the values of a row, indicator by indicator and period by
// period, as FigureTable.Values orders them; cells returns the row of a period's sums.
func appendValues(vals []tuyengiao.Value, picked []source, sums []*rollup.Levels, cells func(*rollup.Levels) []int64) []tuyengiao.Value {
	for k := range picked {
		for _, l := range sums {
			c := cells(l)
			vals = append(vals, tuyengiao.Value{Num: c[2*k], Den: c[2*k+1]})
		}
	}
	return vals
}

// sum asks each source for its indicators among picked and sums their own values for
// period into the totals of the subtree of root down to depth levels: the numerator of
// indicator k in column 2k and its denominator in column 2k+1.
func (s *Service) sum(ctx context.Context, t *Tree, root, depth int, picked []source, period tuyengiao.Period, rowCap int) (*rollup.Levels, error) {
	sums := t.NewLevels(root, depth, 2*len(picked), rowCap)
	if sums == nil {
		return nil, tuyengiao.FieldError("depth", "Bảng có hơn %d đơn vị: chọn ít cấp, ít chỉ tiêu hoặc ít kỳ hơn, hoặc một đơn vị cấp dưới.", rowCap)
	}
	col := make(map[string]int, len(picked))
	var order []source
	codes := map[*memo][]string{}
	for c, pk := range picked {
		col[pk.ind.Code] = c
		if _, seen := codes[pk.m]; !seen {
			order = append(order, pk)
		}
		codes[pk.m] = append(codes[pk.m], pk.ind.Code)
	}
	path := t.Unit(root).Path
	for _, pk := range order {
		vals, err := pk.m.OwnValues(ctx, pk.version, t.Version, codes[pk.m], path, period)
		if err != nil {
			return nil, err
		}
		for _, v := range vals {
			c, ok := col[v.Code]
			i, in := t.Index(v.UnitID)
			if !ok || !in {
				continue
			}
			sums.Add(i, 2*c, v.Num)
			sums.Add(i, 2*c+1, v.Den)
		}
	}
	return sums, nil
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}
