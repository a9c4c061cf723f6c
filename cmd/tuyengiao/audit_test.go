package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/dbtest"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/sqldb/sqldbtest"
)

// tamper runs statements as the database's owner with the audit log's triggers out of the
// way (dropped on SQLite, disabled on PostgreSQL).
func tamper(t *testing.T, dsn string, stmts ...string) {
	t.Helper()
	db := dbtest.Raw(t, dsn)
	off := []string{`DROP TRIGGER IF EXISTS audit_log_no_update`, `DROP TRIGGER IF EXISTS audit_log_no_delete`}
	if sqldb.IsPostgres(dsn) {
		off = []string{`ALTER TABLE audit_log DISABLE TRIGGER USER`}
	}
	for _, s := range append(off, stmts...) {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// auditIDs returns the ids of the audit log in order.
func auditIDs(t *testing.T, dsn string) []int64 {
	t.Helper()
	return dbtest.Column[int64](t, dbtest.Raw(t, dsn), `SELECT id FROM audit_log ORDER BY id`)
}

func TestAuditVerifyCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	verify := func(dsn string, more ...string) (string, error) {
		var out bytes.Buffer
		err := run(ctx, append([]string{"audit", "verify", "--db", dsn}, more...), nil, &out, &out)
		return out.String(), err
	}
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		a := newTestApp(t, dsn)
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		for _, name := range []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"} {
			a.person(city, name, tuyengiao.CategoryMember)
		}
		a.user("qt.tp", tuyengiao.RoleSysadmin, nil)
		headFile := filepath.Join(t.TempDir(), "audit-head")
		watch := &sqldb.AuditWatch{DB: a.db, HeadFile: headFile, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
		if err := watch.Round(ctx); err != nil {
			t.Fatal(err)
		}
		// The round verified up to head and wrote it to the file, then recorded that.
		ids := auditIDs(t, dsn)
		head := ids[len(ids)-2]

		t.Run("a whole chain verifies, with the head the server wrote", func(t *testing.T) {
			out, err := verify(dsn, "--expect-head", headFile)
			if err != nil || !strings.Contains(out, "audit chain whole") || !strings.Contains(out, "is in the chain") {
				t.Fatalf("%v: %s", err, out)
			}
		})
		t.Run("the audit page shows when the chain was last verified", func(t *testing.T) {
			res := a.login("qt.tp").get("/audit")
			if !strings.Contains(res.body, "Kiểm tra các bản ghi mới lúc") || !strings.Contains(res.body, fmt.Sprintf("toàn vẹn đến bản ghi #%d.", head)) {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
		})
		t.Run("the end cut off is found only with the head file", func(t *testing.T) {
			tamper(t, dsn, fmt.Sprintf(`DELETE FROM audit_log WHERE id >= %d`, head))
			if out, err := verify(dsn); err != nil {
				t.Fatalf("without the head: %v %s", err, out)
			}
			_, err := verify(dsn, "--expect-head", headFile)
			if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("does not hold record #%d", head)) {
				t.Fatalf("with the head: %v", err)
			}
		})
		t.Run("a record rewritten in the middle is named", func(t *testing.T) {
			tamper(t, dsn, fmt.Sprintf(`UPDATE audit_log SET object = 'person:999' WHERE id = %d`, ids[2]))
			_, err := verify(dsn)
			if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("broken at record #%d (altered)", ids[2])) {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("the server records a break once and keeps the head it verified", func(t *testing.T) {
			for range 2 {
				if err := watch.Round(ctx); err != nil {
					t.Fatal(err)
				}
			}
			var n int
			var detail string
			dbtest.Raw(t, dsn).QueryRow(`SELECT COUNT(*), MAX(detail) FROM audit_log WHERE action = 'audit.verify' AND outcome = 'failed'`).Scan(&n, &detail)
			if n != 1 || detail != fmt.Sprintf("#%d head-missing", head) {
				t.Fatalf("%d failed records, detail %q", n, detail)
			}
			kept, err := sqldb.ReadAuditHead(headFile)
			if err != nil || kept.ID != head {
				t.Fatalf("head file: %+v, %v", kept, err)
			}
			res := a.login("qt.tp").get("/audit")
			if !strings.Contains(res.body, fmt.Sprintf("phát hiện sai lệch ở bản ghi #%d (chuỗi không còn bản ghi cuối đã kiểm tra", head)) {
				t.Fatalf("the audit page: %s", res.body)
			}
		})
	})
}

func TestAuditWatch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		a := newTestApp(t, dsn)
		headFile := filepath.Join(t.TempDir(), "audit-head")
		watch := &sqldb.AuditWatch{DB: a.db, HeadFile: headFile, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
		count := func() int {
			var n int
			dbtest.Raw(t, dsn).QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'audit.verify'`).Scan(&n)
			return n
		}
		a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		t.Run("a round records the head it verified, then writes nothing while nothing changes", func(t *testing.T) {
			for range 3 {
				if err := watch.Round(ctx); err != nil {
					t.Fatal(err)
				}
			}
			ids := auditIDs(t, dsn)
			head, err := sqldb.ReadAuditHead(headFile)
			if count() != 1 || err != nil || head.ID != ids[len(ids)-1] {
				t.Fatalf("%d verify records, head %+v (%v), ids %v", count(), head, err, ids)
			}
		})
		t.Run("a server started again goes on from the head file, and finds the end cut off", func(t *testing.T) {
			ids := auditIDs(t, dsn)
			tamper(t, dsn, fmt.Sprintf(`DELETE FROM audit_log WHERE id = %d`, ids[len(ids)-1]))
			again := &sqldb.AuditWatch{DB: a.db, HeadFile: headFile, Logger: watch.Logger}
			if err := again.Start(); err != nil {
				t.Fatal(err)
			}
			if err := again.Round(ctx); err != nil {
				t.Fatal(err)
			}
			check, err := a.db.LastAuditCheck(a.admin(), false)
			if err != nil || check == nil || check.Outcome != tuyengiao.OutcomeFailed || check.Detail != fmt.Sprintf("#%d head-missing", ids[len(ids)-1]) {
				t.Fatalf("last check %+v, %v", check, err)
			}
		})
	})
}

func TestAuditFullCheck(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		a := newTestApp(t, dsn)
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		for _, name := range []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"} {
			a.person(city, name, tuyengiao.CategoryMember)
		}
		a.user("qt.tp", tuyengiao.RoleSysadmin, nil)
		headFile := filepath.Join(t.TempDir(), "audit-head")
		logger := slog.New(slog.NewTextHandler(io.Discard, nil))
		watch := &sqldb.AuditWatch{DB: a.db, HeadFile: headFile, Logger: logger}
		if err := watch.FullRound(ctx); err != nil {
			t.Fatal(err)
		}
		ids := auditIDs(t, dsn)
		t.Run("the server's full check of a whole chain is recorded and shown on the audit page", func(t *testing.T) {
			check, err := a.db.LastAuditCheck(a.admin(), true)
			if err != nil || check == nil || check.Outcome != tuyengiao.OutcomeOK || check.Detail != fmt.Sprintf("#%d", ids[len(ids)-2]) {
				t.Fatalf("last full check %+v, %v", check, err)
			}
			res := a.login("qt.tp").get("/audit")
			if !strings.Contains(res.body, "Kiểm tra toàn bộ chuỗi nhật ký lúc") || !strings.Contains(res.body, "Các bản ghi mới chưa được kiểm tra.") {
				t.Fatalf("the audit page: %s", res.body)
			}
		})
		t.Run("a record rewritten in the middle, its hash left alone, escapes the rounds of new records but not the full check", func(t *testing.T) {
			a.person(city, "Phạm Thị Dung", tuyengiao.CategoryMember)
			tamper(t, dsn, fmt.Sprintf(`UPDATE audit_log SET object = 'person:999' WHERE id = %d`, ids[2]))
			if err := watch.Round(ctx); err != nil {
				t.Fatal(err)
			}
			check, err := a.db.LastAuditCheck(a.admin(), false)
			if err != nil || check == nil || check.Outcome != tuyengiao.OutcomeOK {
				t.Fatalf("last check of the new records %+v, %v", check, err)
			}
			again := &sqldb.AuditWatch{DB: a.db, HeadFile: headFile, Logger: logger}
			if err := again.Start(); err != nil {
				t.Fatal(err)
			}
			if err := again.FullRound(ctx); err != nil {
				t.Fatal(err)
			}
			full, err := a.db.LastAuditCheck(a.admin(), true)
			if err != nil || full == nil || full.Outcome != tuyengiao.OutcomeFailed || full.Detail != fmt.Sprintf("#%d altered", ids[2]) {
				t.Fatalf("last full check %+v, %v", full, err)
			}
			res := a.login("qt.tp").get("/audit")
			for _, want := range []string{
				fmt.Sprintf("phát hiện sai lệch ở bản ghi #%d (nội dung không khớp mã băm", ids[2]),
				fmt.Sprintf("toàn vẹn đến bản ghi %s.", check.Detail),
			} {
				if !strings.Contains(res.body, want) {
					t.Fatalf("the audit page lacks %q: %s", want, res.body)
				}
			}
		})
	})
}

func TestBackupCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("a copy taken under write load holds every record acknowledged before it and serves", func(t *testing.T) {
		dir := t.TempDir()
		src, dst := filepath.Join(dir, "live.db"), filepath.Join(dir, "copy.db")
		db, err := openDB(ctx, src)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		admin := tuyengiao.NewContext(ctx, &tuyengiao.Principal{Login: "fixture", Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin, UnitPath: "/"}}})
		var mu sync.Mutex
		var acked []int64
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Go(func() {
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					r := &tuyengiao.AuditRecord{Action: "person.export", Object: fmt.Sprintf("people:%d.%d", w, i)}
					if err := db.RecordAudit(admin, r); err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					acked = append(acked, r.ID)
					mu.Unlock()
				}
			})
		}
		time.Sleep(200 * time.Millisecond)
		mu.Lock()
		before := append([]int64(nil), acked...)
		mu.Unlock()
		var out bytes.Buffer
		err = run(ctx, []string{"backup", "--db", src, "--to", dst}, nil, &out, &out)
		close(stop)
		wg.Wait()
		if err != nil || !strings.Contains(out.String(), "audit chain whole") {
			t.Fatalf("%v: %s", err, out.String())
		}
		copied := map[int64]bool{}
		for _, id := range auditIDs(t, dst) {
			copied[id] = true
		}
		for _, id := range before {
			if !copied[id] {
				t.Fatalf("record %d, acknowledged before the backup, is not in it (%d of %d copied)", id, len(copied), len(before))
			}
		}
		if len(before) < 10 {
			t.Fatalf("only %d records written before the backup", len(before))
		}
		t.Logf("%d records acknowledged before the backup began, %d in the copy", len(before), len(copied))
		restored, err := openDB(ctx, dst)
		if err != nil {
			t.Fatal(err)
		}
		defer restored.Close()
		srv := httptest.NewServer(newServer(restored, slog.New(slog.NewTextHandler(io.Discard, nil))).Handler())
		defer srv.Close()
		if res, err := http.Get(srv.URL + "/login"); err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("the restored server: %v %v", res, err)
		}
		if out, err := runOut(ctx, "audit", "verify", "--db", dst); err != nil {
			t.Fatalf("the restored chain: %v %s", err, out)
		}
	})
	t.Run("a copy whose audit chain is broken is refused, naming the record", func(t *testing.T) {
		dir := t.TempDir()
		src := filepath.Join(dir, "live.db")
		if _, err := runOut(ctx, "migrate", "--db", src); err != nil {
			t.Fatal(err)
		}
		db, err := openDB(ctx, src)
		if err != nil {
			t.Fatal(err)
		}
		admin := tuyengiao.NewContext(ctx, &tuyengiao.Principal{Login: "fixture", Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin, UnitPath: "/"}}})
		for range 3 {
			if err := db.RecordAudit(admin, &tuyengiao.AuditRecord{Action: "person.export", Object: "people"}); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		ids := auditIDs(t, src)
		tamper(t, src, fmt.Sprintf(`UPDATE audit_log SET login = 'ai đó' WHERE id = %d`, ids[1]))
		_, err = runOut(ctx, "backup", "--db", src, "--to", filepath.Join(dir, "copy.db"))
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("broken at record %d (altered)", ids[1])) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("a PostgreSQL database is sent to pg_dump and point-in-time recovery", func(t *testing.T) {
		_, err := runOut(ctx, "backup", "--db", "postgres://db-host/tuyengiao", "--to", filepath.Join(t.TempDir(), "x"))
		if err == nil || !strings.Contains(err.Error(), "pg_dump") || !strings.Contains(err.Error(), "point-in-time") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("an existing file is not overwritten", func(t *testing.T) {
		dir := t.TempDir()
		src := filepath.Join(dir, "live.db")
		if _, err := runOut(ctx, "migrate", "--db", src); err != nil {
			t.Fatal(err)
		}
		if _, err := runOut(ctx, "backup", "--db", src, "--to", src); err == nil || !strings.Contains(err.Error(), "exists") {
			t.Fatalf("err = %v", err)
		}
	})
}

// runOut runs a command and returns what it printed.
func runOut(ctx context.Context, args ...string) (string, error) {
	var out bytes.Buffer
	err := run(ctx, args, nil, &out, &out)
	return out.String(), err
}

func TestServeWritesAuditHead(t *testing.T) {
	t.Parallel()
	t.Run("the server verifies the whole chain at start-up and writes the chain's head next to the SQLite file and in its log", func(t *testing.T) {
		dbPath := filepath.Join(t.TempDir(), "s.db")
		ctx, stop := context.WithCancel(context.Background())
		var out, logs lockedBuffer
		done := make(chan error, 1)
		go func() {
			done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--db", dbPath, "--audit-every", "50ms"}, nil, &out, &logs)
		}()
		// The head file is written first, then the full check recorded.
		var head sqldb.AuditHead
		var full int
		for i := 0; i < 200 && full == 0; i++ {
			time.Sleep(50 * time.Millisecond)
			if head, _ = sqldb.ReadAuditHead(dbPath + ".audit-head"); head.ID != 0 {
				dbtest.Raw(t, dbPath).QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'audit.verify_full' AND outcome = 'ok'`).Scan(&full)
			}
		}
		stop()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		if full != 1 || !strings.Contains(logs.String(), `"msg":"audit head"`) || !strings.Contains(logs.String(), head.Hash) {
			t.Fatalf("%d full checks recorded at start-up, head %+v, log %s", full, head, logs.String())
		}
		if out, err := runOut(context.Background(), "audit", "verify", "--db", dbPath, "--expect-head", dbPath+".audit-head"); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
	})
}
