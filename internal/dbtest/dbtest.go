// Package dbtest opens the databases of the tests of the packages above sqldb: a migrated
// sqldb.DB, and the same database through database/sql for the rows a test checks that no
// method of sqldb reads. sqldb's own tests cannot use it, as it imports sqldb; they share
// sqldbtest, which deals in connection strings only.
package dbtest

import (
	"context"
	"database/sql"
	"testing"

	"tuyengiao/internal/sqldb"
)

// Open opens the database of dsn and migrates it; the test closes it when it ends.
func Open(t testing.TB, dsn string) *sqldb.DB {
	t.Helper()
	db, err := sqldb.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

// Raw opens the database of dsn through database/sql, with the driver sqldb registers for
// its engine; the test closes it when it ends.
func Raw(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	driver := "sqlite"
	if sqldb.IsPostgres(dsn) {
		driver = "pgx"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Column returns the first column of the rows of query on db, in order.
func Column[T any](t testing.TB, db *sql.DB, query string) []T {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
