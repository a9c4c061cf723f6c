package sqldb

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// The batcher is the group commit of the busy writes (QR check-ins, roster saves, headcounts,
// and what comes in bursts the same way). One goroutine per DB takes the writes that wait,
// applies them in one transaction, commits it, and only then answers each: a commit's fsync
// is shared by every write of the batch instead of paid by each. A write refused on its own
// (a second check-in) fails alone; when the transaction itself fails, its writes are applied
// again one transaction each, so that only the bad one fails (see commit for when not). Audit
// records go in the batch's transaction, chained once per batch.

// Batch bounds: a batch takes what waits, up to batchSize writes, and after the first waits at
// most quietLinger for more, or busyLinger when the batch before carried more than one. An idle
// server so answers within a millisecond or two; under load a commit carries dozens of writes,
// and on SQLite each commit costs more than its sync: every reader connection drops its pages
// (and its map of the file) at its next read. Measured with bench checkin at 1.000 clients over
// HTTP: 986 check-ins/s at 4 a commit with 1 ms, 2.055/s at 59 a commit with 20 ms.
const (
	batchSize   = 256
	quietLinger = time.Millisecond
	busyLinger  = 20 * time.Millisecond
)

// errClosed answers the writes submitted after Close.
var errClosed = errors.New("sqldb: database closed")

// A writeKind applies the writes of one kind waiting in a batch, together: in tx, setting on
// each write refused on its own its refusal (w.err), having written nothing of it. It returns
// an error only when tx itself failed; then every write of the batch is applied again alone.
type writeKind struct {
	apply func(tx *Tx, ws []*write) error
}

// A write waits in the batcher for its batch's commit.
type write struct {
	ctx  context.Context
	kind *writeKind
	// item is what the kind applies.
	item any
	// lock is the advisory lock the write needs (the zero key: none), exclusive or not (see
	// attendanceLock, roundLock).
	lock      lockKey
	exclusive bool
	err       error
	done      chan error
}

// BatchStats counts the batcher's commits and the writes they carried, since Open.
type BatchStats struct {
	Commits, Writes int64
}

// batcher is the queue of writes and the goroutine that commits them.
type batcher struct {
	db    *DB
	queue chan *write
	// mu keeps submit from queuing after close: submit holds it shared while it queues.
	mu      sync.RWMutex
	closed  bool
	start   sync.Once
	stop    chan struct{}
	stopped chan struct{}
	commits atomic.Int64
	writes  atomic.Int64
	// last is the size of the batch gathered last, read and written by run's goroutine only.
	last int
	// timeout bounds a batch's transaction: batchTimeout, shorter in tests.
	timeout time.Duration
}

func newBatcher(db *DB) *batcher {
	return &batcher{db: db, queue: make(chan *write, 4*batchSize), stop: make(chan struct{}), stopped: make(chan struct{}), timeout: batchTimeout}
}

// Batches returns the batcher's counts, for load runs.
func (db *DB) Batches() BatchStats {
	return BatchStats{Commits: db.batch.commits.Load(), Writes: db.batch.writes.Load()}
}

// submit hands w to the batcher and waits for its commit: nil once the write is durable, its
// own refusal, or the error that kept its transaction from committing. A write whose ctx ends
// before its batch starts is not applied; one whose ctx ends later may still be.
func (b *batcher) submit(w *write) error {
	w.done = make(chan error, 1)
	b.mu.RLock()
	if b.closed {
		b.mu.RUnlock()
		return errClosed
	}
	b.start.Do(func() { go b.run() })
	select {
	case b.queue <- w:
		b.mu.RUnlock()
	case <-w.ctx.Done():
		b.mu.RUnlock()
		return w.ctx.Err()
	}
	select {
	case err := <-w.done:
		return err
	case <-w.ctx.Done():
		return w.ctx.Err()
	}
}

// close stops the batcher once the writes already queued are committed; the writes submitted
// after it get errClosed.
func (b *batcher) close() {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return
	}
	b.closed = true
	b.mu.Unlock()
	b.start.Do(func() { close(b.stopped) })
	close(b.stop)
	<-b.stopped
}

// run commits batches until close.
func (b *batcher) run() {
	defer close(b.stopped)
	for {
		select {
		case w := <-b.queue:
			b.commit(b.gather(w))
		case <-b.stop:
			for {
				select {
				case w := <-b.queue:
					b.commit(b.gather(w))
				default:
					return
				}
			}
		}
	}
}

// gather returns first and the writes that wait or come within the linger, up to batchSize.
func (b *batcher) gather(first *write) []*write {
	ws := []*write{first}
	linger := quietLinger
	if b.last > 1 {
		linger = busyLinger
	}
	defer func() { b.last = len(ws) }()
	timer := time.NewTimer(linger)
	defer timer.Stop()
	for len(ws) < batchSize {
		select {
		case w := <-b.queue:
			ws = append(ws, w)
		case <-timer.C:
			return ws
		}
	}
	return ws
}

// commit applies ws in one transaction and answers each. When the transaction fails, each
// write is applied again in a transaction of its own, so that only a bad one fails; but not
// when the batch ran out of time (the others would wait as long again, one after another) nor
// when its commit got no answer (it may have committed: applied again, a check-in would be
// told it was made already).
func (b *batcher) commit(ws []*write) {
	live := ws[:0]
	for _, w := range ws {
		if err := w.ctx.Err(); err != nil {
			w.done <- err
		} else {
			live = append(live, w)
		}
	}
	if len(live) == 0 {
		return
	}
	err := b.apply(live)
	for try := 1; len(live) == 1 && deadlocked(err) && try < deadlockTries; try++ {
		live[0].err = nil
		err = b.apply(live)
	}
	if err != nil && len(live) > 1 && !timedOut(err) && !b.db.commitUnanswered(err) {
		for _, w := range live {
			w.err = nil
			b.commit([]*write{w})
		}
		return
	}
	for _, w := range live {
		w.done <- cmp.Or(err, w.err)
	}
}

// deadlockTries is how many times a write alone in its batch is applied when PostgreSQL
// chooses its transaction to break a deadlock with another node's: rolled back, it wrote
// nothing, and the other transaction has since gone on.
const deadlockTries = 3

// deadlocked reports whether err is PostgreSQL ending the transaction to break a deadlock.
func deadlocked(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "40P01"
}

// batchTimeout bounds a batch's transaction: a lock held by another node's transaction that
// never ends (its node lost without closing its connection) fails the batch after it, rather
// than stopping every batched write of this node.
const batchTimeout = 20 * time.Second

// apply runs the writes of ws in one transaction, kind by kind in the order they first came,
// after the attendance locks they need, and commits it. A kind that panics fails the batch
// instead of the server.
func (b *batcher) apply(ws []*write) error {
	ctx, cancel := context.WithTimeout(context.Background(), b.timeout)
	defer cancel()
	err := b.db.update(ctx, func(tx *Tx) (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("sqldb: a batched write panicked: %v", r)
			}
		}()
		if err := b.db.genericPlans(ctx, tx); err != nil {
			return err
		}
		if err := b.db.lockAll(ctx, tx, ws); err != nil {
			return err
		}
		var kinds []*writeKind
		byKind := map[*writeKind][]*write{}
		for _, w := range ws {
			if byKind[w.kind] == nil {
				kinds = append(kinds, w.kind)
			}
			byKind[w.kind] = append(byKind[w.kind], w)
		}
		for _, k := range kinds {
			if err := k.apply(tx, byKind[k]); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		b.commits.Add(1)
		b.writes.Add(int64(len(ws)))
	} else if timedOut(err) || ctx.Err() != nil {
		// The batch ran out of time, whatever its last statement said (one begun after the
		// end finds its transaction rolled back): its writes were not applied, or, a
		// PostgreSQL commit gone unanswered, may have been and are refused as done when sent
		// again. Their writers are told to try again.
		err = errors.Join(errBusy, context.DeadlineExceeded, err)
	}
	return err
}

// genericPlans lets PostgreSQL keep the plans of tx's statements from one run to the next,
// where the pool plans each run's values (pgSettings): the foreign keys of the rows a batch
// inserts are checked by a query per row and key, planned again at every row under
// force_custom_plan, which took 26 ms of a batch of 256 check-ins, against 9 ms with kept
// plans. A batch's statements read and write rows by their keys, never a subtree's range,
// whose values are what a kept plan would not see.
func (db *DB) genericPlans(ctx context.Context, tx *Tx) error {
	if !db.postgres {
		return nil
	}
	_, err := tx.exec(ctx, `SET LOCAL plan_cache_mode = auto`)
	return err
}

// timedOut reports whether err is the end of batchTimeout, or PostgreSQL cancelling a
// statement for it.
func timedOut(err error) bool {
	var pe *pgconn.PgError
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &pe) && pe.Code == "57014"
}

// lockAll takes the advisory locks the writes need, in the order of their keys so that two
// nodes' batches never wait on each other in a circle: exclusive where one write needs it,
// shared otherwise.
func (db *DB) lockAll(ctx context.Context, tx *Tx, ws []*write) error {
	need := map[lockKey]bool{}
	for _, w := range ws {
		if w.lock != (lockKey{}) {
			need[w.lock] = need[w.lock] || w.exclusive
		}
	}
	keys := slices.SortedFunc(maps.Keys(need), func(a, b lockKey) int {
		return cmp.Or(cmp.Compare(a.space, b.space), cmp.Compare(a.id, b.id))
	})
	for _, k := range keys {
		if err := db.advisoryLock(ctx, tx, k, need[k]); err != nil {
			return err
		}
	}
	return nil
}

// batched runs fn as one write of the batcher: in the batch's transaction under a savepoint of
// its own, so that fn failing undoes what fn wrote and nothing else; the refusals fn queued
// with Tx.deny are recorded in the batch. lock names the advisory lock fn needs (the zero
// key: none) and exclusive how.
func (db *DB) batched(ctx context.Context, lock lockKey, exclusive bool, fn func(ctx context.Context, tx *Tx) error) error {
	return db.batch.submit(&write{ctx: ctx, kind: oneByOne, item: fn, lock: lock, exclusive: exclusive})
}

// oneByOne applies each write, a func(context.Context, *Tx) error, under a savepoint. The func
// is given its request's context without its end: a request that ends while its write is
// applied does not interrupt the batch's statements.
var oneByOne = &writeKind{apply: func(tx *Tx, ws []*write) error {
	for _, w := range ws {
		ctx, fn := context.WithoutCancel(w.ctx), w.item.(func(context.Context, *Tx) error)
		if err := tx.savepoint(ctx, func(tx *Tx) error { return fn(ctx, tx) }); err != nil {
			// A deadlock is the transaction's, not the write's: undone to its savepoint, the
			// write would meet the same locks its batch holds; alone, it is tried again.
			var refused *refusal
			if !errors.As(err, &refused) {
				return err
			} else if deadlocked(refused.err) {
				return refused.err
			}
			w.err = refused.err
		}
	}
	return nil
}}

// refusal is the error of a write undone to its savepoint, the transaction still sound.
type refusal struct{ err error }

func (r *refusal) Error() string { return r.err.Error() }

// savepoint runs fn under a savepoint of tx: when fn fails, what it wrote and queued to audit
// or to count (Tx.counts) is undone, its refusals (Tx.deny) are queued to audit instead, and
// the error comes back as a *refusal; an error undoing it fails the transaction.
func (tx *Tx) savepoint(ctx context.Context, fn func(*Tx) error) error {
	if _, err := tx.exec(ctx, `SAVEPOINT write`); err != nil {
		return err
	}
	audits, denials, counts := len(tx.audits), len(tx.denials), len(tx.counts)
	err := fn(tx)
	if err == nil {
		_, err = tx.exec(ctx, `RELEASE SAVEPOINT write`)
		return err
	}
	if _, undo := tx.exec(ctx, `ROLLBACK TO SAVEPOINT write`); undo != nil {
		return errors.Join(err, undo)
	}
	if _, undo := tx.exec(ctx, `RELEASE SAVEPOINT write`); undo != nil {
		return errors.Join(err, undo)
	}
	refused := tx.denials[denials:]
	tx.audits, tx.denials = append(tx.audits[:audits], refused...), tx.denials[:denials]
	tx.counts = tx.counts[:counts]
	return &refusal{err}
}
