package password

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"
)

// ErrBusy is returned by Gate.Do when no slot came free within the gate's wait, or the queue
// had no room for the caller.
var ErrBusy = errors.New("password: no hash slot free in time")

// Gate bounds the hashes running at once. A hash takes its 19 MiB and a core for tens of
// milliseconds: more at once than there are cores only adds memory and stretches each of
// them, so that a burst of logins once held gigabytes and answered none of them faster.
// Callers beyond the slots wait, each under a key (the client's address), and the slots
// go round the keys in turn: whoever has waiters, one waiter each, first come first within a
// key. So a thousand waiting from one address delay a caller from another by one slot's
// turn, not a thousand. The queue is bounded, and so is each key's share of it (see
// waitersPerSlot).
type Gate struct {
	slots int
	wait  time.Duration

	mu            sync.Mutex
	running, most int
	queues        map[string][]chan struct{} // each key's waiters, first come first; closed when granted
	turn          []string                   // the keys with waiters, the next to be served first
	waiting       int                        // the waiters of every key
}

// The most callers that wait for a slot, per slot, in all and of one key. More would wait
// only to time out, the slots serving some hundred in a 5 s wait, and meanwhile hold their
// memory, with nothing to bound how many a flood of logins brings; and one address may not
// fill the queue that the others need.
const (
	waitersPerSlot    = 256
	keyWaitersPerSlot = 16
)

// NewGate returns a gate of slots hashes at once whose callers wait at most wait for one.
func NewGate(slots int, wait time.Duration) *Gate {
	return &Gate{slots: max(slots, 1), wait: wait, queues: map[string][]chan struct{}{}}
}

// Do runs fn, which hashes, once a slot is free: at once if one is, otherwise in the turn of
// key. It returns ErrBusy, without running fn, when no slot came within the gate's wait, and
// ctx's error when ctx ended first; the caller leaves the queue either way.
func (g *Gate) Do(ctx context.Context, key string, fn func()) error {
	if err := g.acquire(ctx, key); err != nil {
		return err
	}
	defer g.release()
	fn()
	return nil
}

// Most returns the most hashes that have run at once through the gate.
func (g *Gate) Most() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.most
}

// Waiting returns the callers waiting for a slot now.
func (g *Gate) Waiting() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.waiting
}

// acquire takes a slot for key, waiting in its turn.
func (g *Gate) acquire(ctx context.Context, key string) error {
	g.mu.Lock()
	if g.running < g.slots && len(g.turn) == 0 {
		g.running++
		g.most = max(g.most, g.running)
		g.mu.Unlock()
		return nil
	}
	if g.waiting >= g.slots*waitersPerSlot || len(g.queues[key]) >= g.slots*keyWaitersPerSlot {
		g.mu.Unlock()
		return ErrBusy
	}
	ready := make(chan struct{})
	if len(g.queues[key]) == 0 {
		g.turn = append(g.turn, key)
	}
	g.queues[key] = append(g.queues[key], ready)
	g.waiting++
	g.mu.Unlock()

	timer := time.NewTimer(g.wait)
	defer timer.Stop()
	var err error
	select {
	case <-ready:
		return nil
	case <-ctx.Done():
		err = ctx.Err()
	case <-timer.C:
		err = ErrBusy
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	select {
	case <-ready: // granted while giving up: the slot goes to the next
		g.releaseLocked()
	default:
		g.leaveLocked(key, ready)
	}
	return err
}

// release gives the slot to the next waiter in turn, or frees it.
func (g *Gate) release() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.releaseLocked()
}

func (g *Gate) releaseLocked() {
	if len(g.turn) == 0 {
		g.running--
		return
	}
	key := g.turn[0]
	g.turn = g.turn[1:]
	q := g.queues[key]
	close(q[0]) // the slot passes on: running stays as it is
	g.waiting--
	if len(q) > 1 {
		g.queues[key] = q[1:]
		g.turn = append(g.turn, key) // the key's next waiter comes after every other key's
	} else {
		delete(g.queues, key)
	}
}

// leaveLocked takes the waiter ready of key out of the queue.
func (g *Gate) leaveLocked(key string, ready chan struct{}) {
	q := slices.DeleteFunc(g.queues[key], func(c chan struct{}) bool { return c == ready })
	g.waiting--
	if len(q) > 0 {
		g.queues[key] = q
		return
	}
	delete(g.queues, key)
	g.turn = slices.DeleteFunc(g.turn, func(k string) bool { return k == key })
}
