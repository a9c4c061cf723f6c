// Package sqldb is the one storage implementation of tuyengiao, on SQLite (the default, a
// file) and PostgreSQL (for many app nodes). The SQL is portable, written with '?'
// placeholders that are rewritten for PostgreSQL; the dialect switches only where the engines
// really differ. Every service method checks access with tuyengiao.Authorize and writes its
// audit record in the same transaction as the change.
package sqldb

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"tuyengiao"
	"tuyengiao/internal/password"
)

//go:embed migrations
var migrations embed.FS

// DB is an open database: on SQLite one writer connection and a pool of readers, on
// PostgreSQL one pool for both and one for the statements read by their keys (keyed).
type DB struct {
	write, read *sql.DB
	// keyed is the pool of the statements prepare keeps, which read rows by their keys: the
	// read pool, or on PostgreSQL one that plans each statement once (pgSettings).
	keyed    *sql.DB
	postgres bool
	// Now returns the current time; tests replace it. Times are stored in UTC, to the second.
	Now func() time.Time
	// unchained writes audit records without the chain, for the benchmark of its cost only:
	// it is set before the database is used, on a database of its own.
	unchained bool
	// Hashes bounds the password hashes running at once, those of logins and those of the
	// passwords set, queued fairly between client addresses (hashing); Open gives it a slot
	// per core the process may use and hashWait. Tests replace it before the database is used.
	Hashes *password.Gate
	// batch is the group commit of the busy writes (batch.go).
	batch *batcher
	// contests is the store of contests, made once (ContestStore): it keeps a cache.
	contests     *ContestStore
	contestsOnce sync.Once

	cache   caches
	stmtsMu sync.Mutex
	stmts   map[string]*sql.Stmt // prepared on the pool of keyed reads (prepare)
	seenMu  sync.Mutex
	seen    map[string]time.Time // last_seen_at of sessions, not yet written (touch)
	// flushEvery is how often flushSeenLoop writes them, seenFlushEvery unless a test sets
	// it before the first request; the loop starts with the first touch.
	flushEvery    time.Duration
	startFlushing sync.Once
	// closing stops flushSeenLoop, which closes flushed once it has returned.
	closing, flushed chan struct{}
	closeOnce        sync.Once
}

// maxReaders is the size of SQLite's pool of readers, and of PostgreSQL's pool of the
// statements read by their keys.
const maxReaders = 8

// IsPostgres reports whether dsn names a PostgreSQL database rather than a SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens the database named by dsn: a postgres:// URL, or the path of a SQLite file
// (created with its folder when missing). It does not migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	// GOMAXPROCS rather than NumCPU: the cores the process may use, below the machine's
	// when a container's CPU limit says so.
	db := &DB{Now: func() time.Time { return time.Now() }, Hashes: password.NewGate(runtime.GOMAXPROCS(0), hashWait),
		cache: newCaches(), stmts: map[string]*sql.Stmt{},
		seen: map[string]time.Time{}, flushEvery: seenFlushEvery, closing: make(chan struct{}), flushed: make(chan struct{})}
	if IsPostgres(dsn) {
		pool, err := sql.Open("pgx", pgSettings(dsn, "force_custom_plan"))
		if err != nil {
			return nil, err
		}
		pool.SetMaxOpenConns(20)
		pool.SetMaxIdleConns(20)
		keyed, err := sql.Open("pgx", pgSettings(dsn, "force_generic_plan"))
		if err != nil {
			pool.Close()
			return nil, err
		}
		keyed.SetMaxOpenConns(maxReaders)
		keyed.SetMaxIdleConns(maxReaders)
		db.write, db.read, db.keyed, db.postgres = pool, pool, keyed, true
	} else {
		if dir := filepath.Dir(dsn); dir != "." {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, err
			}
		}
		// WAL lets readers run beside the one writer. synchronous=FULL syncs every commit, so
		// that nothing acknowledged is lost even on a power cut; writes that come in bursts
		// (contest entries) are batched into one transaction rather than made unsafe.
		// mmap_size reads the database through the OS's file cache: a connection that finds
		// the database written by another drops its page cache, page by page, which with a
		// full cache took 110 ms after each write on the province data set; the reports'
		// benchmark drafts twice as fast with the map (docs/benchmarks.md).
		params := "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)" +
			"&_pragma=synchronous(FULL)&_pragma=cache_size(-32768)&_pragma=mmap_size(4294967296)" +
			"&_time_format=sqlite&_txlock=immediate"
		w, err := sql.Open("sqlite", "file:"+dsn+params)
		if err != nil {
			return nil, err
		}
		w.SetMaxOpenConns(1)
		r, err := sql.Open("sqlite", "file:"+dsn+params)
		if err != nil {
			w.Close()
			return nil, err
		}
		r.SetMaxOpenConns(maxReaders)
		// Idle readers stay open: a new connection parses the whole schema again.
		r.SetMaxIdleConns(maxReaders)
		db.write, db.read, db.keyed = w, r, r
	}
	db.batch = newBatcher(db)
	if err := db.read.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	return db, nil
}

// pgSettings sets, for the connections of dsn, a commit acknowledged only once it is on disk
// (synchronous_commit), whatever the server's default or dsn say, unless dsn asks for more;
// and unless dsn says
// otherwise what the queries need from PostgreSQL: no JIT compiler, since the roll-up queries are short
// and compiling them cost more than running them; and the plan cache mode planMode. The read
// and write pool plans each run for its values (force_custom_plan), since a cached generic
// plan does not know how narrow a subtree's path range is, and read a national district's
// people in parallel (104 ms) where its own plan takes 1 ms. The pool of the statements read
// by their keys (prepare) keeps one plan for all runs (force_generic_plan): planning a
// session's or a person's row again at each request took 0,15–0,45 ms of PostgreSQL's CPU,
// more than reading it.
func pgSettings(dsn, planMode string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn
	}
	q := u.Query()
	for k, v := range map[string]string{"jit": "off", "plan_cache_mode": planMode} {
		if q.Get(k) == "" {
			q.Set(k, v)
		}
	}
	// on, or what waits for a standby too; never off or local.
	if c := q.Get("synchronous_commit"); c != "remote_write" && c != "remote_apply" {
		q.Set("synchronous_commit", "on")
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// Close commits the writes the batcher holds, writes the last_seen_at its requests touched,
// and closes the statements and the connections.
func (db *DB) Close() error {
	db.batch.close()
	var err error
	db.closeOnce.Do(func() {
		close(db.closing)
		db.startFlushing.Do(func() { close(db.flushed) }) // never started: nothing to wait for
		<-db.flushed
		err = errors.Join(db.flushSeen(context.Background()), db.closeStatements())
	})
	err = errors.Join(err, db.write.Close())
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	if db.keyed != db.read {
		err = errors.Join(err, db.keyed.Close())
	}
	return err
}

// Ping checks that the database answers, for /healthz.
func (db *DB) Ping(ctx context.Context) error { return db.read.PingContext(ctx) }

// Migrate brings the schema up to date, adds the default unit kinds and document types
// and issuers that are missing, and gives the local issuers' documents registered before
// their issuing unit was recorded the one their registering unit stands under.
// Several app nodes may call it at once on PostgreSQL: an advisory lock serialises them.
func (db *DB) Migrate(ctx context.Context) error {
	dir, dialect := "migrations/sqlite", goose.DialectSQLite3
	var opts []goose.ProviderOption
	if db.postgres {
		dir, dialect = "migrations/postgres", goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	fsys, err := fs.Sub(migrations, dir)
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(dialect, db.write, fsys, opts...)
	if err != nil {
		return err
	}
	version, err := p.GetDBVersion(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var dropped []personLink
	if version >= 1 && version < oneAccountPerPersonVersion {
		if dropped, err = db.duplicateLinks(ctx); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	}
	results, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := db.sealAuditLog(ctx); err != nil {
		return err
	}
	ran := map[int64]bool{}
	for _, r := range results {
		ran[r.Source.Version] = true
	}
	// Only the node that ran the migration records what it dropped, after the chain is sealed.
	if ran[oneAccountPerPersonVersion] {
		if err := db.auditDroppedLinks(ctx, dropped); err != nil {
			return err
		}
	}
	if err := errors.Join(db.ensureSecret(ctx, loginSecret), db.ensureSecret(ctx, contestSecret)); err != nil {
		return err
	}
	if err := db.ensureDefaultKinds(ctx); err != nil {
		return err
	}
	if err := db.ensureDefaultDocumentVocabulary(ctx); err != nil {
		return err
	}
	// The documents from before issuing units are resolved once, by the node that recorded
	// the units (00008) or the kinds that issue under a code (00011), not at every start.
	if ran[issuingUnitVersion] || ran[issuerUnitKindsVersion] {
		return db.resolveIssuingUnits(ctx)
	}
	return nil
}

// now returns the current time in UTC to the second, the precision every stored time has.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Second) }

// rebind rewrites '?' placeholders to PostgreSQL's $1, $2, ...; queries never hold a
// literal '?'.
func (db *DB) rebind(q string) string {
	if !db.postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		} else {
			b.WriteByte(q[i])
		}
	}
	return b.String()
}

func (db *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return db.read.QueryContext(ctx, db.rebind(q), args...)
}

func (db *DB) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return db.read.QueryRowContext(ctx, db.rebind(q), args...)
}

// Tx is a write transaction with placeholders rewritten for the engine, and the audit
// records it will write when it commits.
type Tx struct {
	tx     *sql.Tx
	db     *DB
	audits []*tuyengiao.AuditRecord
	// denials are the refusals found inside the transaction (Tx.deny), which fail it: they
	// are written once it has rolled back, in a transaction of their own.
	denials []*tuyengiao.AuditRecord
	// counts are what the transaction adds to campaign_counts, written at the commit
	// (flushCounts).
	counts []countDelta
}

func (tx *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return tx.tx.ExecContext(ctx, tx.db.rebind(q), args...)
}

func (tx *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return tx.tx.QueryContext(ctx, tx.db.rebind(q), args...)
}

func (tx *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(ctx, tx.db.rebind(q), args...)
}

// update runs fn in a write transaction and commits it when fn returns nil, with the audit
// records fn queued chained just before the commit. When fn fails, the refusals it queued
// with Tx.deny are written after the rollback.
func (db *DB) update(ctx context.Context, fn func(tx *Tx) error) error {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	tx := &Tx{tx: sqlTx, db: db}
	if err := fn(tx); err != nil {
		sqlTx.Rollback()
		for _, r := range tx.denials {
			err = errors.Join(err, db.auditAlone(ctx, r))
		}
		return err
	}
	return tx.commit(ctx)
}

// commit writes the counts and the audit records queued on tx, the records chained, and
// commits it; on an error it rolls back. It is the one way a Tx commits, so that no record
// queued on one is dropped. The counts go first: a transaction holding the chain's lock then
// waits for no row of campaign_counts.
func (tx *Tx) commit(ctx context.Context) error {
	err := tx.flushCounts(ctx)
	if err == nil {
		err = tx.flushAudit(ctx)
	}
	if err != nil {
		tx.tx.Rollback()
		return err
	}
	if err := tx.tx.Commit(); err != nil {
		return &commitError{err}
	}
	return nil
}

// commitError is the failure of a COMMIT itself, after every statement of the transaction ran.
type commitError struct{ err error }

func (e *commitError) Error() string { return e.err.Error() }
func (e *commitError) Unwrap() error { return e.err }

// commitUnanswered reports whether err is a COMMIT that got no answer: on PostgreSQL, one that
// failed without the server saying why (the connection lost), which may have committed. A
// SQLite commit, in the process, always answers.
func (db *DB) commitUnanswered(err error) bool {
	var ce *commitError
	var pe *pgconn.PgError
	return db.postgres && errors.As(err, &ce) && !errors.As(err, &pe)
}

// uniqueViolation reports whether err is a unique-constraint failure, so that limits live in
// constraints and the message still names the field.
func uniqueViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// checkViolation reports whether err is a CHECK constraint's refusal.
func checkViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_CHECK
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23514"
}

// nullInt64 stores 0 as NULL, for optional references.
func nullInt64(v int64) sql.NullInt64 { return sql.NullInt64{Int64: v, Valid: v != 0} }

// actingUser returns the account of ctx's principal as a record's author, NULL without one.
func actingUser(ctx context.Context) sql.NullInt64 {
	if pr := tuyengiao.PrincipalFrom(ctx); pr != nil {
		return nullInt64(pr.UserID)
	}
	return sql.NullInt64{}
}

// nullString stores "" as NULL, for optional unique values.
func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

func itoa(n int) string { return strconv.Itoa(n) }

// foreignKeyViolation reports whether err is a foreign-key failure on either engine.
func foreignKeyViolation(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23503"
}

// likeEscape escapes the LIKE wildcards of s for ESCAPE '\', so that a search for "10%"
// or "a_b" matches those characters and nothing else.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
