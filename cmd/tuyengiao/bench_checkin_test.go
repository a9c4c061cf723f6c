package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/sqldb/sqldbtest"
)

// TestMain lets this test binary be the server that the crash runs start and kill: run with
// TUYENGIAO_TEST_MAIN=1, it is the command itself.
func TestMain(m *testing.M) {
	if os.Getenv("TUYENGIAO_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

func TestBenchCheckin(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		t.Run("names the database, checks every member in at each level, and finds each check-in acknowledged stored with its audit record", func(t *testing.T) {
			var out bytes.Buffer
			if err := run(ctx, []string{"bench", "checkin", "--members", "300", "--clients", "5,40", "--seconds", "2m", "--db", dsn}, nil, &out, &out); err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			engine := "database: SQLite "
			if sqldb.IsPostgres(dsn) {
				engine = "database: PostgreSQL "
			}
			for _, want := range []string{engine, "one row per commit", "storage alone", "floor: HTTP, 40 clients", "5 clients", "40 clients", "2xx 300,", "records 300, nhật ký / audited 300 = 2xx"} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("no %q in:\n%s", want, out.String())
				}
			}
			if strings.Contains(out.String(), "WRONG") {
				t.Errorf("records differ from the answers:\n%s", out.String())
			}
		})
	})
}

func TestBenchCheckinCrash(t *testing.T) {
	// The server the run kills is this test binary (TestMain), in a process of its own.
	t.Setenv("TUYENGIAO_TEST_MAIN", "1")
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		var out bytes.Buffer
		err := run(context.Background(), []string{"bench", "checkin", "--members", "1500", "--clients", "20", "--crash", "2", "--db", dsn}, nil, &out, &out)
		if err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		if !strings.Contains(out.String(), "20 clients, 1 crashes") && !strings.Contains(out.String(), "20 clients, 2 crashes") {
			t.Errorf("no crash in:\n%s", out.String())
		}
		for _, want := range []string{"mất / lost 0, không đúng một bản ghi một nhật ký / not one record with one audit record 0", "audit chain verified"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("no %q in:\n%s", want, out.String())
			}
		}
	})
}
