// Package sqldbtest gives tests fresh databases to open with sqldb: a SQLite file in the
// test's temporary folder, and, when TUYENGIAO_TEST_POSTGRES holds a URL, a fresh schema of
// that PostgreSQL database. It deals in connection strings only, so that sqldb's own tests
// can use it too.
package sqldbtest

import (
	"crypto/rand"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// PostgresEnv names the variable that holds the URL of the test PostgreSQL database.
const PostgresEnv = "TUYENGIAO_TEST_POSTGRES"

// Engines runs fn with the DSN of a fresh SQLite file and, when PostgresEnv is set, with
// the DSN of a fresh PostgreSQL schema, each in a subtest named after its engine.
func Engines(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	if os.Getenv(PostgresEnv) != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
	}
}

// SQLite returns the path of a SQLite file in the test's temporary folder.
func SQLite(t testing.TB) string { return filepath.Join(t.TempDir(), "test.db") }

// Postgres creates an empty schema in the database of PostgresEnv and returns a URL whose
// search_path points at it; the schema is dropped when the test ends. It fails the test
// when PostgresEnv is not set.
func Postgres(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Fatalf("%s is not set", PostgresEnv)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	schema := "t_" + strings.ToLower(rand.Text()[:12])
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
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
