package sqldb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"tuyengiao"
)

// engines runs fn against a fresh, migrated SQLite database and, when TUYENGIAO_TEST_POSTGRES
// holds a URL, against a fresh schema of that PostgreSQL database too.
func engines(t *testing.T, fn func(t *testing.T, db *DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, openTestDB(t, filepath.Join(t.TempDir(), "test.db"))) })
	if pg := os.Getenv("TUYENGIAO_TEST_POSTGRES"); pg != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, openTestDB(t, postgresSchema(t, pg))) })
	}
}

// postgresSchema creates an empty schema for one test and returns a URL whose search_path
// points at it; the schema is dropped when the test ends.
func postgresSchema(t testing.TB, base string) string {
	t.Helper()
	ctx := context.Background()
	admin, err := Open(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	if _, err := admin.write.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.write.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
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
