package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"tuyengiao"
)

func TestCommands(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "cli.db")
	t.Run("migrate prepares an empty database", func(t *testing.T) {
		var out bytes.Buffer
		if err := run(ctx, []string{"migrate", "--db", dbPath}, nil, &out, &out); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("user add creates a sysadmin whose password need not be changed", func(t *testing.T) {
		var out bytes.Buffer
		err := run(ctx, []string{"user", "add", "--db", dbPath, "--login", "vanhanh", "--role", "sysadmin"},
			strings.NewReader("mat-khau-van-hanh\n"), &out, &out)
		if err != nil {
			t.Fatal(err)
		}
		db, err := openDB(ctx, dbPath)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		tok, err := db.Login(ctx, "vanhanh", "mat-khau-van-hanh", "127.0.0.1", tuyengiao.SessionAPI)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Authenticate(ctx, tok, "127.0.0.1"); err != nil {
			t.Fatalf("authenticate: %v", err)
		}
	})
	t.Run("user add refuses an unknown unit in Vietnamese", func(t *testing.T) {
		var out bytes.Buffer
		err := run(ctx, []string{"user", "add", "--db", dbPath, "--login", "bithu", "--role", "editor", "--unit", "KHONG-CO"},
			strings.NewReader("mat-khau-bi-thu-1\n"), &out, &out)
		if err == nil || !strings.Contains(err.Error(), "KHONG-CO") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("an unknown command prints the usage", func(t *testing.T) {
		if err := run(ctx, []string{"fly"}, nil, nil, nil); err == nil || !strings.Contains(err.Error(), "usage") {
			t.Fatalf("err = %v", err)
		}
	})
}

// freeAddr returns a loopback address no one listens on.
func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func TestServe(t *testing.T) {
	t.Parallel()
	addr, pprofAddr := freeAddr(t), freeAddr(t)
	ctx, stop := context.WithCancel(context.Background())
	var out, logs lockedBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--pprof-addr", pprofAddr, "--db", filepath.Join(t.TempDir(), "s.db")}, nil, &out, &logs)
	}()
	var err error
	// A busy machine running the race detector takes seconds to migrate a new database.
	var res *http.Response
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		if res, err = http.Get(fmt.Sprintf("http://%s/healthz", addr)); err == nil {
			res.Body.Close()
			break
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped before answering: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			break
		}
	}
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("healthz: %v", err)
	}
	t.Run("a new database prints the first administrator's password once, not in the log", func(t *testing.T) {
		if !strings.Contains(out.String(), "login: admin") || !strings.Contains(out.String(), "password: ") {
			t.Fatalf("console: %q", out.String())
		}
		if strings.Contains(logs.String(), "password") {
			t.Fatalf("the log mentions a password: %q", logs.String())
		}
	})
	t.Run("the profiler answers on its own address only", func(t *testing.T) {
		for _, c := range []struct {
			addr string
			want int
		}{{addr, http.StatusNotFound}, {pprofAddr, http.StatusOK}} {
			res, err := http.Get(fmt.Sprintf("http://%s/debug/pprof/", c.addr))
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != c.want {
				t.Errorf("%s/debug/pprof/: %d, want %d", c.addr, res.StatusCode, c.want)
			}
		}
	})
	t.Run("SIGTERM stops the server cleanly", func(t *testing.T) {
		stop()
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(35 * time.Second):
			t.Fatal("serve did not stop")
		}
	})
}

// lockedBuffer is a buffer the server writes to while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestBenchCommands(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "gen.db")
	var out bytes.Buffer
	if err := run(ctx, []string{"gen", "--scale", "city", "--db", dbPath}, nil, &out, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	t.Run("prints the dashboard and the table against their floor, with the root's values", func(t *testing.T) {
		out.Reset()
		if err := run(ctx, []string{"bench", "figures", "--n", "1", "--period", "2026-H1", "--db", dbPath}, nil, &out, &out); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"dashboard (depth 1, 3 periods)", "table (depth 2, 2 periods)", "floor: people.*",
			"table / floor", "6 tháng đầu năm 2026 | 6 tháng cuối năm 2025 | 6 tháng đầu năm 2025", "people.member"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("no %q in:\n%s", want, out.String())
			}
		}
	})
	t.Run("refuses a period it cannot read, in Vietnamese", func(t *testing.T) {
		err := run(ctx, []string{"bench", "figures", "--period", "2026-H3", "--db", dbPath}, nil, &out, &out)
		if err == nil || !strings.Contains(err.Error(), "Kỳ báo cáo") {
			t.Errorf("err = %v", err)
		}
	})
	// Last: its import stays in the database.
	t.Run("bench records lists and counts every declared kind and imports media items", func(t *testing.T) {
		out.Reset()
		if err := run(ctx, []string{"bench", "records", "--n", "1", "--year", "2025", "--rows", "3000", "--db", dbPath}, nil, &out, &out); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		for _, k := range tuyengiao.RecordKinds() {
			if !strings.Contains(out.String(), k.Code+" ") {
				t.Errorf("no %s in:\n%s", k.Code, out.String())
			}
		}
		for _, want := range []string{"3.000 dòng / rows", "XLSX read and checked (ReadRecords)", "stored (ImportRecords"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("no %q in:\n%s", want, out.String())
			}
		}
	})
}
