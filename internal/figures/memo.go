package figures

import (
	"context"
	"slices"
	"strings"
	"sync"

	"tuyengiao"
)

// maxMemo bounds the own values a memo keeps, some 60 MB: the study figures of a province's
// dashboard (its three periods and its months) are about 500.000.
const maxMemo = 1_500_000

// memo keeps a figure source's answers for one version of its data (FigureSource.Version):
// its indicators, and the own values asked for a subtree and period at a version of the unit
// tree. A figure asked again while neither version has changed costs the two versions' reads
// instead of the source's queries; a write the source counts from raises its version in its
// own transaction, so that no answer older than the data is served, on any node.
type memo struct {
	src tuyengiao.FigureSource

	mu         sync.Mutex
	version    int64
	indicators []tuyengiao.Indicator
	values     map[valuesKey][]tuyengiao.UnitValue
	order      []valuesKey // the keys of values, the oldest first, dropped first
	size       int         // the own values held in values
	// asked are the answers being counted, so that the pages asking one figure at once, as
	// after a write in the middle of a national conference, wait for one count of it.
	asked map[askedKey]*answer
}

// askedKey names an answer being counted at a version of the source's data.
type askedKey struct {
	version int64
	valuesKey
}

// answer is an answer of OwnValues, ready once done is closed.
type answer struct {
	done chan struct{}
	vals []tuyengiao.UnitValue
	err  error
}

// valuesKey names an answer of OwnValues.
type valuesKey struct {
	tree    int64
	codes   string
	subtree string
	period  tuyengiao.Period
}

func newMemos(sources []tuyengiao.FigureSource) []*memo {
	out := make([]*memo, len(sources))
	for i, src := range sources {
		out[i] = &memo{src: src}
	}
	return out
}

// at reports whether the memo may keep answers of version: it drops what it holds of an
// older one; an answer of a version older than its own is not kept. m.mu must be held.
func (m *memo) at(version int64) bool {
	if version > m.version {
		m.version, m.indicators, m.values, m.order, m.size = version, nil, nil, nil, 0
	}
	return version == m.version
}

// Indicators returns the source's indicators at version of its data.
func (m *memo) Indicators(ctx context.Context, version int64) ([]tuyengiao.Indicator, error) {
	m.mu.Lock()
	kept := m.at(version)
	inds := m.indicators
	if !kept || inds == nil {
		m.mu.Unlock()
		var err error
		if inds, err = m.src.Indicators(ctx); err != nil {
			return nil, err
		}
		m.mu.Lock()
		if m.at(version) {
			m.indicators = inds
		}
	}
	m.mu.Unlock()
	return inds, nil
}

// OwnValues returns FigureSource.OwnValues at version of the source's data and tree of the
// unit tree's: kept, being counted for another question (then it waits for that count), or
// counted now. The answer is shared: it must not be changed.
func (m *memo) OwnValues(ctx context.Context, version, tree int64, codes []string, subtree string, p tuyengiao.Period) ([]tuyengiao.UnitValue, error) {
	k := valuesKey{tree: tree, codes: strings.Join(codes, " "), subtree: subtree, period: p}
	ak := askedKey{version, k}
	m.mu.Lock()
	kept := m.at(version)
	if vals, ok := m.values[k]; ok && kept {
		m.mu.Unlock()
		return vals, nil
	}
	if a := m.asked[ak]; a != nil {
		m.mu.Unlock()
		select {
		case <-a.done:
			if a.err == nil {
				return a.vals, nil
			}
			// The count failed for the question that started it (its page was closed,
			// say): this one counts for itself.
			return m.src.OwnValues(ctx, codes, subtree, p)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	a := &answer{done: make(chan struct{})}
	if m.asked == nil {
		m.asked = map[askedKey]*answer{}
	}
	m.asked[ak] = a
	m.mu.Unlock()

	a.vals, a.err = m.src.OwnValues(ctx, codes, subtree, p)
	m.mu.Lock()
	delete(m.asked, ak)
	if a.err == nil {
		m.keep(version, k, a.vals)
	}
	m.mu.Unlock()
	close(a.done)
	return a.vals, a.err
}

// keep keeps vals as the answer named k at version, dropping the oldest answers kept to stay
// within maxMemo. m.mu must be held.
func (m *memo) keep(version int64, k valuesKey, vals []tuyengiao.UnitValue) {
	if _, dup := m.values[k]; !m.at(version) || dup || len(vals) > maxMemo {
		return
	}
	drop := 0
	for ; m.size+len(vals) > maxMemo; drop++ {
		m.size -= len(m.values[m.order[drop]])
		delete(m.values, m.order[drop])
	}
	m.order = append(slices.Delete(m.order, 0, drop), k)
	if m.values == nil {
		m.values = map[valuesKey][]tuyengiao.UnitValue{}
	}
	m.values[k], m.size = vals, m.size+len(vals)
}
