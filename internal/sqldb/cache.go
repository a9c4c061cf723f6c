package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"time"

	"tuyengiao"
)

// What every request or check-in reads and what rarely changes is kept in memory by each app
// node: an account's grants, a member's person record, a conference with its campaign's
// rules. A kept value is served only while the versions of the rows it was read from, read
// afresh by primary key in the request (one row), are those it was read under; triggers raise
// the versions in the same transaction as every write (migrations 00013 and 00036), so a
// change made on any node is seen by every node at its next request, and no timer decides.

// Bounds of the caches of a node, in entries: a full cache drops a random entry for each new
// one, so that memory stays bounded whatever the number of accounts and members.
const (
	maxCachedGrants      = 20000
	maxCachedPeople      = 50000
	maxCachedConferences = 2000
)

// versioned is a bounded cache of values by key, each kept with the stamp (the versions of the
// rows it was read from) under which it was read. Values are shared between requests and
// must not be changed by their readers.
type versioned[K, S comparable, V any] struct {
	mu      sync.Mutex
	max     int
	entries map[K]stamped[S, V]
}

type stamped[S comparable, V any] struct {
	stamp S
	value V
}

func newVersioned[K, S comparable, V any](max int) *versioned[K, S, V] {
	return &versioned[K, S, V]{max: max, entries: map[K]stamped[S, V]{}}
}

// get returns the value kept for key when it was read under stamp.
func (c *versioned[K, S, V]) get(key K, stamp S) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || e.stamp != stamp {
		var zero V
		return zero, false
	}
	return e.value, true
}

// holds reports whether a value is kept for key, under any stamp.
func (c *versioned[K, S, V]) holds(key K) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.entries[key]
	return ok
}

// put keeps value, read under stamp, for key; when the cache is full it first drops an
// entry, the first of Go's randomised map order.
func (c *versioned[K, S, V]) put(key K, stamp S, value V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[key]; !ok && len(c.entries) >= c.max {
		for k := range c.entries {
			delete(c.entries, k)
			break
		}
	}
	c.entries[key] = stamped[S, V]{stamp, value}
}

// caches are the caches of a DB.
type caches struct {
	grants      *versioned[int64, grantsStamp, []tuyengiao.Grant]
	people      *versioned[int64, personStamp, cachedPerson]
	conferences *versioned[int64, conferenceStamp, conferenceRules]
	// sessions holds the account of each session whose grants the node has kept, so that
	// Authenticate knows, before it reads a session, whether to read its grants too.
	sessions *versioned[string, struct{}, int64]
}

func newCaches() caches {
	return caches{
		grants:      newVersioned[int64, grantsStamp, []tuyengiao.Grant](maxCachedGrants),
		people:      newVersioned[int64, personStamp, cachedPerson](maxCachedPeople),
		conferences: newVersioned[int64, conferenceStamp, conferenceRules](maxCachedConferences),
		sessions:    newVersioned[string, struct{}, int64](maxCachedGrants),
	}
}

// grantsStamp is what an account's grants are read under: its users.grants_version, raised by
// every write to its grants, and the unit tree's version, as a grant carries its unit's path,
// code and name.
type grantsStamp struct{ grants, tree int64 }

// grantsFor returns the grants of the account, each user's highest unit first, as read under
// stamp (read by the caller just before): kept, or read and kept.
func (db *DB) grantsFor(ctx context.Context, userID int64, stamp grantsStamp) ([]tuyengiao.Grant, error) {
	if g, ok := db.cache.grants.get(userID, stamp); ok {
		return slices.Clone(g), nil
	}
	grants, err := grantsOf(ctx, preparedQuerier{db}, userID)
	if err != nil {
		return nil, err
	}
	// Read after the stamp, the grants are at least as new as it: a grant given in between
	// is kept under the older stamp, which the next request no longer finds.
	db.cache.grants.put(userID, stamp, grants[userID])
	return slices.Clone(grants[userID]), nil
}

// personStamp is what a person record is read under: its people.version and the unit tree's
// version, as the record carries its unit's path, code and name.
type personStamp struct{ person, tree int64 }

// cachedPerson is a person record with the path of its unit.
type cachedPerson struct {
	person tuyengiao.Person
	path   string
}

// personStampSQL reads a personStamp by the person's id; personStampedSQL reads the person
// with it, in one statement.
const (
	personStampSQL   = `SELECT p.version, t.version FROM people p CROSS JOIN unit_tree_version t WHERE p.id = ? AND t.id = 1`
	personStampedSQL = `SELECT ` + personColumns + `, p.version, t.version` + personFrom +
		` CROSS JOIN unit_tree_version t WHERE p.id = ? AND t.id = 1`
)

// cachedFindPerson is findPerson through the cache, in one read: of the person's stamp when
// the node holds the person, then of the record itself only when the stamp has changed; of
// the record with its stamp when the node does not hold it, as for most members checking in,
// who do it once. The caller gets a copy.
func (db *DB) cachedFindPerson(ctx context.Context, id int64) (*tuyengiao.Person, string, error) {
	var stamp personStamp
	if db.cache.people.holds(id) {
		err := db.preparedRow(ctx, personStampSQL, id).Scan(&stamp.person, &stamp.tree)
		if errors.Is(err, sql.ErrNoRows) {
			return db.findPerson(ctx, db, id) // its own answer to a missing person
		} else if err != nil {
			return nil, "", err
		}
		if c, ok := db.cache.people.get(id, stamp); ok {
			p := c.person
			return &p, c.path, nil
		}
	}
	p, path, err := scanPerson(withColumns{db.preparedRow(ctx, personStampedSQL, id), []any{&stamp.person, &stamp.tree}})
	if errors.Is(err, sql.ErrNoRows) {
		return db.findPerson(ctx, db, id)
	} else if err != nil {
		return nil, "", err
	}
	db.cache.people.put(id, stamp, cachedPerson{*p, path})
	return p, path, nil
}

// withColumns scans a row whose columns are those of a scan function followed by more, into
// the function's destinations and then more.
type withColumns struct {
	row  interface{ Scan(...any) error }
	more []any
}

func (w withColumns) Scan(dest ...any) error { return w.row.Scan(append(dest, w.more...)...) }

// conferenceStamp is what a conference and its campaign's rules are read under: the versions
// of the conference, of its campaign (raised by its audiences too) and of the unit tree.
type conferenceStamp struct{ conference, campaignID, campaign, tree int64 }

// conferenceRules is a conference with its campaign's rules (campaignRules).
type conferenceRules struct {
	conference conference
	campaign   tuyengiao.Campaign
}

// conferenceStampSQL reads a conferenceStamp by the conference's id.
const conferenceStampSQL = `SELECT f.version, c.id, c.version, t.version FROM conferences f
	JOIN campaigns c ON c.id = f.campaign_id CROSS JOIN unit_tree_version t WHERE f.id = ? AND t.id = 1`

// conferenceAndCampaign reads a conference and its campaign's rules (campaignRules), without
// an access check, through the node's cache: one read of their stamp, and the rows themselves
// only when the node does not hold them under that stamp. The caller gets copies, whose
// slices it must not change.
func (db *DB) conferenceAndCampaign(ctx context.Context, conferenceID int64) (*conference, *tuyengiao.Campaign, error) {
	var stamp conferenceStamp
	err := db.preparedRow(ctx, conferenceStampSQL, conferenceID).Scan(&stamp.conference, &stamp.campaignID, &stamp.campaign, &stamp.tree)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, nil, err
	}
	return db.conferenceUnder(ctx, conferenceID, stamp, err == nil)
}

// conferenceUnder is conferenceAndCampaign once the stamp is read, found saying whether the
// conference was.
func (db *DB) conferenceUnder(ctx context.Context, conferenceID int64, stamp conferenceStamp, found bool) (*conference, *tuyengiao.Campaign, error) {
	if found {
		if r, ok := db.cache.conferences.get(conferenceID, stamp); ok {
			return r.copies()
		}
	}
	f, err := db.loadConference(ctx, db, conferenceID)
	if err != nil {
		return nil, nil, err
	}
	c, _, err := db.campaignRules(ctx, f.CampaignID)
	if err != nil {
		return nil, nil, err
	}
	if stamp.campaignID == f.CampaignID {
		db.cache.conferences.put(conferenceID, stamp, conferenceRules{*f, *c})
	}
	return f, c, nil
}

// checkInReadSQL reads in one statement what a QR check-in checks: the member's person record
// with its stamp (as personStampedSQL) and the conference's stamp (as conferenceStampSQL).
const checkInReadSQL = `SELECT ` + personColumns + `, p.version, t.version, f.version, c.id, c.version` + personFrom +
	` CROSS JOIN unit_tree_version t CROSS JOIN conferences f JOIN campaigns c ON c.id = f.campaign_id
	WHERE p.id = ? AND t.id = 1 AND f.id = ?`

// memberAndConference is member and conferenceAndCampaign in one read (checkInReadSQL), the
// person kept in the node's cache; without a person record, or when the person or the
// conference is missing, it is the two of them, for their answers.
func (db *DB) memberAndConference(ctx context.Context, conferenceID int64) (*tuyengiao.Person, string, *conference, *tuyengiao.Campaign, error) {
	if pr := tuyengiao.PrincipalFrom(ctx); pr != nil && pr.PersonID != 0 {
		var ps personStamp
		var cs conferenceStamp
		p, path, err := scanPerson(withColumns{db.preparedRow(ctx, checkInReadSQL, pr.PersonID, conferenceID),
			[]any{&ps.person, &ps.tree, &cs.conference, &cs.campaignID, &cs.campaign}})
		if err == nil {
			db.cache.people.put(p.ID, ps, cachedPerson{*p, path})
			cs.tree = ps.tree
			f, c, err := db.conferenceUnder(ctx, conferenceID, cs, true)
			return p, path, f, c, err
		} else if !errors.Is(err, sql.ErrNoRows) {
			return nil, "", nil, nil, err
		}
	}
	p, path, err := db.member(ctx)
	if err != nil {
		return nil, "", nil, nil, err
	}
	f, c, err := db.conferenceAndCampaign(ctx, conferenceID)
	return p, path, f, c, err
}

// copies returns copies of the kept conference and campaign.
func (r conferenceRules) copies() (*conference, *tuyengiao.Campaign, error) {
	f, inner, c := r.conference, *r.conference.Conference, r.campaign
	f.Conference = &inner
	return &f, &c, nil
}

// preparedRow runs the query, prepared once per DB on the pool of keyed reads (statement compilation
// was a quarter of a check-in's CPU on SQLite), and returns its one row.
func (db *DB) preparedRow(ctx context.Context, q string, args ...any) interface{ Scan(...any) error } {
	stmt, err := db.prepare(ctx, q)
	if err != nil {
		return errRow{err}
	}
	return stmt.QueryRowContext(ctx, args...)
}

// preparedQuerier runs the queries of a rowsQuerier prepared once per DB, as preparedRow
// does: for queries whose text does not vary, such as the grants of one account, read at
// each member's first request (a QR check-in spent 7% of its CPU compiling it).
type preparedQuerier struct{ db *DB }

func (p preparedQuerier) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	stmt, err := p.db.prepare(ctx, q)
	if err != nil {
		return nil, err
	}
	return stmt.QueryContext(ctx, args...)
}

// errRow is a row whose query could not be prepared.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// prepare returns the statement of q prepared on the pool of keyed reads, preparing it at its first use:
// the tables exist only once the database is migrated, after Open.
func (db *DB) prepare(ctx context.Context, q string) (*sql.Stmt, error) {
	db.stmtsMu.Lock()
	defer db.stmtsMu.Unlock()
	if s, ok := db.stmts[q]; ok {
		return s, nil
	}
	s, err := db.keyed.PrepareContext(ctx, db.rebind(q))
	if err != nil {
		return nil, err
	}
	db.stmts[q] = s
	return s, nil
}

// closeStatements closes the prepared statements.
func (db *DB) closeStatements() error {
	db.stmtsMu.Lock()
	defer db.stmtsMu.Unlock()
	var err error
	for q, s := range db.stmts {
		err = errors.Join(err, s.Close())
		delete(db.stmts, q)
	}
	return err
}

// seenFlushEvery is how often a node writes the last_seen_at its requests have touched, in
// one transaction: a request never waits for that write, and the idle timeout, measured from
// up to touchEvery before the last request, is late by at most this much more on other nodes.
const seenFlushEvery = 5 * time.Second

// touch records that the session was seen at the time, to be written by the next flush.
func (db *DB) touch(sessionID string, at time.Time) {
	db.startFlushing.Do(func() { go db.flushSeenLoop() })
	db.seenMu.Lock()
	defer db.seenMu.Unlock()
	if at.After(db.seen[sessionID]) {
		db.seen[sessionID] = at
	}
}

// lastSeen returns the later of stored, the session's last_seen_at as read, and the time a
// request of this node saw it that is not written yet.
func (db *DB) lastSeen(sessionID string, stored time.Time) time.Time {
	db.seenMu.Lock()
	defer db.seenMu.Unlock()
	if at := db.seen[sessionID]; at.After(stored) {
		return at
	}
	return stored
}

// flushSeen writes the times touch recorded, in one transaction, never moving a session's
// last_seen_at back nor bringing back an ended session. The times stay noted until written
// (lastSeen keeps seeing them meanwhile), and on failure for the next flush.
func (db *DB) flushSeen(ctx context.Context) error {
	db.seenMu.Lock()
	seen := maps.Clone(db.seen)
	db.seenMu.Unlock()
	if len(seen) == 0 {
		return nil
	}
	err := db.update(ctx, func(tx *Tx) error {
		// In the order of their ids, so that two nodes flushing the same sessions on PostgreSQL
		// lock their rows in one order and never deadlock.
		for _, id := range slices.Sorted(maps.Keys(seen)) {
			if _, err := tx.exec(ctx, `UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?`, seen[id], id, seen[id]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	db.seenMu.Lock()
	defer db.seenMu.Unlock()
	for id, at := range seen {
		if db.seen[id].Equal(at) { // not touched again since
			delete(db.seen, id)
		}
	}
	return nil
}

// flushSeenLoop flushes every db.flushEvery until Close, which flushes once more.
func (db *DB) flushSeenLoop() {
	defer close(db.flushed)
	tick := time.NewTicker(db.flushEvery)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			if err := db.flushSeen(context.Background()); err != nil {
				slog.Error("write sessions' last_seen_at", "err", err)
			}
		case <-db.closing:
			return
		}
	}
}
