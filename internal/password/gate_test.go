package password

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// hold takes every slot of g with calls that run until the returned func is called, and
// returns once they all run.
func hold(t *testing.T, g *Gate) (release func()) {
	t.Helper()
	done, started := make(chan struct{}), make(chan struct{})
	for range g.slots {
		go g.Do(context.Background(), "holder", func() {
			started <- struct{}{}
			<-done
		})
		<-started
	}
	return func() { close(done) }
}

// waiting returns once key has n callers waiting in g.
func waiting(t *testing.T, g *Gate, key string, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
		g.mu.Lock()
		got := len(g.queues[key])
		g.mu.Unlock()
		if got == n {
			return
		} else if time.Now().After(deadline) {
			t.Fatalf("%d callers of %q waiting, want %d", got, key, n)
		}
	}
}

func TestGate(t *testing.T) {
	t.Run("more callers than slots all run, never more than the slots at once", func(t *testing.T) {
		g := NewGate(2, 10*time.Second)
		var now, most, ran atomic.Int64
		var wg sync.WaitGroup
		for i := range 40 {
			wg.Go(func() {
				err := g.Do(context.Background(), string(rune('a'+i%3)), func() {
					n := now.Add(1)
					for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
					}
					time.Sleep(time.Millisecond)
					now.Add(-1)
					ran.Add(1)
				})
				if err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if ran.Load() != 40 || most.Load() != 2 || g.Most() != 2 {
			t.Fatalf("%d ran, %d at once (the gate counted %d), want 40 and 2", ran.Load(), most.Load(), g.Most())
		}
	})
	t.Run("a caller from a second key runs after one of a key with many waiting", func(t *testing.T) {
		g := NewGate(1, 10*time.Second)
		release := hold(t, g)
		var mu sync.Mutex
		var order []string
		var wg sync.WaitGroup
		call := func(key string) {
			wg.Go(func() {
				g.Do(context.Background(), key, func() {
					mu.Lock()
					order = append(order, key)
					mu.Unlock()
				})
			})
		}
		for range 10 {
			call("flood")
		}
		waiting(t, g, "flood", 10)
		call("other")
		waiting(t, g, "other", 1)
		release()
		wg.Wait()
		if len(order) != 11 || order[1] != "other" {
			t.Fatalf("order %v: the other key's caller should come second", order)
		}
	})
	t.Run("a caller that waits past the deadline gets ErrBusy, does not run and leaves the queue", func(t *testing.T) {
		g := NewGate(1, 20*time.Millisecond)
		release := hold(t, g)
		defer release()
		ran := false
		start := time.Now()
		if err := g.Do(context.Background(), "late", func() { ran = true }); !errors.Is(err, ErrBusy) || ran {
			t.Fatalf("err %v, ran %v", err, ran)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("waited %v for a 20 ms deadline", d)
		}
		if len(g.queues) != 0 || len(g.turn) != 0 {
			t.Errorf("queue left: %v %v", g.queues, g.turn)
		}
	})
	t.Run("a cancelled caller leaves the queue and the slot goes to the next", func(t *testing.T) {
		g := NewGate(1, 10*time.Second)
		release := hold(t, g)
		ctx, cancel := context.WithCancel(context.Background())
		errc := make(chan error)
		go func() { errc <- g.Do(ctx, "gone", func() { t.Error("a cancelled caller ran") }) }()
		waiting(t, g, "gone", 1)
		next := make(chan error)
		go func() { next <- g.Do(context.Background(), "next", func() {}) }()
		waiting(t, g, "next", 1)
		cancel()
		if err := <-errc; !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v", err)
		}
		release()
		if err := <-next; err != nil {
			t.Fatal(err)
		}
		if g.running != 0 || len(g.queues) != 0 || len(g.turn) != 0 {
			t.Errorf("running %d, queue %v %v", g.running, g.queues, g.turn)
		}
	})
	t.Run("a key with its share of the queue waiting, or a full queue, refuses the next caller at once", func(t *testing.T) {
		g := NewGate(1, 10*time.Second)
		release := hold(t, g)
		var wg sync.WaitGroup
		queue := func(key string, n int) {
			for range n {
				wg.Go(func() { g.Do(context.Background(), key, func() {}) })
			}
			waiting(t, g, key, n)
		}
		queue("flood", keyWaitersPerSlot)
		start := time.Now()
		if err := g.Do(context.Background(), "flood", func() { t.Error("a caller beyond its key's share ran") }); !errors.Is(err, ErrBusy) || time.Since(start) > time.Second {
			t.Fatalf("err %v after %v, want ErrBusy at once", err, time.Since(start))
		}
		for k := 1; g.Waiting() < waitersPerSlot; k++ {
			queue(string(rune('a'+k)), min(keyWaitersPerSlot, waitersPerSlot-g.Waiting()))
		}
		if err := g.Do(context.Background(), "newcomer", func() { t.Error("a caller beyond the queue ran") }); !errors.Is(err, ErrBusy) {
			t.Fatalf("err %v, want ErrBusy", err)
		}
		release()
		wg.Wait()
		if g.Waiting() != 0 || g.running != 0 || len(g.queues) != 0 || len(g.turn) != 0 {
			t.Errorf("waiting %d, running %d, queue %v %v", g.Waiting(), g.running, g.queues, g.turn)
		}
	})
}
