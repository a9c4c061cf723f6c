package figures_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/figures"
	"tuyengiao/internal/sqldb/sqldbtest"
)

// counted is a figure source whose data the test changes by raising its version; it counts
// the questions that reach it, each taking a while as a province's count does.
type counted struct {
	version atomic.Int64
	asked   atomic.Int64
}

func (s *counted) Indicators(context.Context) ([]tuyengiao.Indicator, error) {
	return []tuyengiao.Indicator{{Code: "test.talks", Name: "Buổi nói chuyện", Measure: "buổi",
		Aggregation: tuyengiao.AggregateSum, Source: tuyengiao.SourceReported}}, nil
}

func (s *counted) Version(context.Context) (int64, error) { return s.version.Load(), nil }

func (s *counted) OwnValues(_ context.Context, _ []string, _ string, _ tuyengiao.Period) ([]tuyengiao.UnitValue, error) {
	s.asked.Add(1)
	time.Sleep(20 * time.Millisecond)
	return nil, nil
}

func TestMemo(t *testing.T) {
	c := newCity(t, sqldbtest.SQLite(t))
	src := &counted{}
	svc := &figures.Service{Store: c.db.Figures(), Sources: []tuyengiao.FigureSource{src}}
	q := tuyengiao.FigureQuery{UnitID: c.city.ID, Depth: 1, Periods: []tuyengiao.Period{tuyengiao.YearPeriod(2026)}}
	ask := func(n int) int64 {
		t.Helper()
		before := src.asked.Load()
		var wg sync.WaitGroup
		for range n {
			wg.Go(func() {
				if _, err := svc.Figures(sysadmin(), q); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		return src.asked.Load() - before
	}
	if got := ask(1); got != 1 {
		t.Fatalf("the first question reached the source %d times", got)
	}
	if got := ask(3); got != 0 {
		t.Errorf("asked again while nothing was written, the source counted %d times", got)
	}
	src.version.Add(1)
	if got := ask(8); got != 1 {
		t.Errorf("after a write, eight pages at once had the source count %d times, want once", got)
	}
	if _, err := c.db.MoveUnit(sysadmin(), c.ward.ID, c.d2.ID); err != nil {
		t.Fatal(err)
	}
	if got := ask(1); got != 1 {
		t.Errorf("after the tree changed, the source counted %d times, want once", got)
	}
}
