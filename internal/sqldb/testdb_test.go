package sqldb

import (
	"context"
	"io/fs"
	"testing"
	"tuyengiao/internal/sqldb/sqldbtest"

	"github.com/pressly/goose/v3"

	"tuyengiao"
)

// engines runs fn against a fresh, migrated SQLite database and, when TUYENGIAO_TEST_POSTGRES
// holds a URL, against a fresh schema of that PostgreSQL database too.
func engines(t *testing.T, fn func(t *testing.T, db *DB)) {
	t.Helper()
	sqldbtest.Engines(t, func(t *testing.T, dsn string) { fn(t, openTestDB(t, dsn)) })
}

func openTestDB(t testing.TB, dsn string) *DB {
	t.Helper()
	db, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

// migratedTo opens the database of dsn migrated up to the version only, to test what a later
// migration makes of the rows found there, with the unit kind chi_bo that the units of such
// tests use (the default kinds come after the migrations).
func migratedTo(t *testing.T, dsn string, version int64) *DB {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := migrationProvider(t, db).UpTo(ctx, version); err != nil {
		t.Fatal(err)
	}
	if _, err := db.write.Exec(`INSERT INTO unit_kinds (code, name, grp) VALUES ('chi_bo', 'Chi bộ', 'party')`); err != nil {
		t.Fatal(err)
	}
	return db
}

// migrationProvider returns the provider of db's migrations, to run them one by one.
func migrationProvider(t *testing.T, db *DB) *goose.Provider {
	t.Helper()
	dir, dialect := "migrations/sqlite", goose.DialectSQLite3
	if db.postgres {
		dir, dialect = "migrations/postgres", goose.DialectPostgres
	}
	fsys, err := fs.Sub(migrations, dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(dialect, db.write, fsys)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// sysadminCtx returns a context acting as a system administrator.
func sysadminCtx() context.Context {
	return tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{
		UserID: 0, Login: "test-admin", Address: "127.0.0.1",
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin, UnitPath: "/"}},
	})
}

// roleCtx returns a context acting as holder of role at the unit with the given path.
func roleCtx(role tuyengiao.Role, unitID int64, path string) context.Context {
	return tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{
		UserID: 0, Login: "test-" + string(role), Address: "127.0.0.1",
		Grants: []tuyengiao.Grant{{Role: role, UnitID: unitID, UnitPath: path}},
	})
}
