package figures

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"tuyengiao"
)

// Units returns the units f selects, in tree order, a page of them (f.Offset, f.Limit) and
// their total, as UnitService.FindUnits gives them, read from the tree kept in memory: a
// list of the country's units asked a page at a time read and sorted its 252.764 units at
// every request (3 s). A filter with a Query, a search by name, is not for it: the caller
// asks FindUnits. The caller must be allowed ActionUnitView at f.RootID, or, without one,
// gets the units of its view scope.
func (s *Service) Units(ctx context.Context, f tuyengiao.UnitFilter) ([]*tuyengiao.Unit, int, error) {
	if f.Query != "" {
		return nil, 0, errors.New("figures: Units does not search by name")
	}
	t, ranges, err := s.unitRanges(ctx, f.RootID)
	if err != nil {
		return nil, 0, err
	}
	out, total := []*tuyengiao.Unit{}, 0
	for _, r := range ranges {
		for i := r[0]; i < r[1]; i++ {
			u := t.Unit(i)
			if f.ParentID != 0 && u.ParentID != f.ParentID || f.Kind != "" && u.Kind != f.Kind ||
				f.MaxDepth > 0 && t.Depth(i) >= f.MaxDepth || !f.IncludeClosed && u.Closed() {
				continue
			}
			if total >= f.Offset && (f.Limit <= 0 || len(out) < f.Limit) {
				c := *u // the tree's units are shared
				out = append(out, &c)
			}
			total++
		}
	}
	return out, total, nil
}

// unitRanges returns the tree and the ranges of its indexes, in tree order, of the subtree of
// rootID once the caller may view it, or without one of the caller's view scope.
func (s *Service) unitRanges(ctx context.Context, rootID int64) (*Tree, [][2]int, error) {
	if rootID != 0 {
		t, i, err := s.Subtree(ctx, tuyengiao.ActionUnitView, rootID)
		if err != nil {
			return nil, nil, err
		}
		return t, [][2]int{{i, t.End(i)}}, nil
	}
	roots := tuyengiao.PrincipalFrom(ctx).Scope(tuyengiao.ActionUnitView)
	if len(roots) == 0 {
		return nil, nil, s.Store.Check(ctx, tuyengiao.ActionUnitView, "", 0)
	}
	t, err := s.Tree(ctx)
	if err != nil {
		return nil, nil, err
	}
	var ranges [][2]int
	for _, path := range roots {
		if path == "/" {
			return t, [][2]int{{0, t.Len()}}, nil
		}
		p := strings.TrimSuffix(path, "/")
		id, _ := strconv.ParseInt(p[strings.LastIndex(p, "/")+1:], 10, 64)
		if i, ok := t.Index(id); ok {
			ranges = append(ranges, [2]int{i, t.End(i)})
		}
	}
	slices.SortFunc(ranges, func(a, b [2]int) int { return a[0] - b[0] })
	return t, ranges, nil
}
