package sqldb

import (
	"context"
	"fmt"
)

// The statistics of SQLite's query planner, by which it chooses indexes and join orders, are
// gathered by PRAGMA optimize: ANALYZE of every table that has rows and no statistics yet, or
// ten times more or fewer rows than when it last had them (0x02); with 0x10000 every table is
// checked, not only those the connection has read, as SQLite advises for a connection just
// opened and for one that lives long. optimizeSQL reads each index whole: on the national data
// set the first time took 20 s of CPU, and a sample would have estimated a campaign at 1.227
// attendances where it has 4,7 million. optimizeBoundedSQL reads a sample of each index
// (0x10), so that a table grown tenfold while the server runs, the attendance of a national
// conference, does not hold the writer for seconds.
const (
	optimizeSQL        = `PRAGMA optimize=0x10002`
	optimizeBoundedSQL = `PRAGMA optimize=0x10012`
)

// Optimize gathers the statistics of SQLite's query planner where they are missing or out of
// date, reading each index whole (optimizeSQL): the server runs it at start, after Migrate,
// since SQLite never gathers them by itself and several queries are planned well only with
// them. PostgreSQL gathers its own (autovacuum): nothing is done there.
func (db *DB) Optimize(ctx context.Context) error { return db.optimize(ctx, optimizeSQL) }

// OptimizeBounded is Optimize reading a sample of each index (optimizeBoundedSQL), for a
// server that writes meanwhile: it runs it on a schedule. It is cheap when no table has
// grown or shrunk tenfold.
func (db *DB) OptimizeBounded(ctx context.Context) error { return db.optimize(ctx, optimizeBoundedSQL) }

// optimize runs q on SQLite's writer. What it gathered reaches the readers as they open: a
// connection reads the statistics when it opens, and again only when the schema changes, so
// the idle readers are closed for the next queries to open new ones; a reader busy meanwhile
// keeps the old statistics until it is idle at a later round.
func (db *DB) optimize(ctx context.Context, q string) error {
	if db.postgres {
		return nil
	}
	if _, err := db.write.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("optimize: %w", err)
	}
	db.read.SetMaxIdleConns(0)
	db.read.SetMaxIdleConns(maxReaders)
	return nil
}
