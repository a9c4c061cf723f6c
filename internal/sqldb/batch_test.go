package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"tuyengiao"
)

// holdBatcher queues a write that holds the batcher until the returned func is called, so
// that the writes submitted meanwhile wait for one batch together.
func holdBatcher(t *testing.T, db *DB) (release func()) {
	t.Helper()
	held, hold := make(chan struct{}), make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- db.batched(context.Background(), lockKey{}, false, func(context.Context, *Tx) error {
			close(held)
			<-hold
			return nil
		})
	}()
	<-held
	return func() {
		close(hold)
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// submitAll submits each fn as a write of its own once the batcher is held, waits until all
// are queued, releases the batcher and returns their answers in order.
func submitAll(t *testing.T, db *DB, fns ...func(context.Context, *Tx) error) []error {
	t.Helper()
	release := holdBatcher(t, db)
	errs := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Go(func() { errs[i] = db.batched(context.Background(), lockKey{}, false, fn) })
	}
	for deadline := time.Now().Add(10 * time.Second); len(db.batch.queue) < len(fns); {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d writes queued", len(db.batch.queue), len(fns))
		}
		time.Sleep(time.Millisecond)
	}
	release()
	wg.Wait()
	return errs
}

// insertRow returns a write of the row id of batch_rows naming parent (0: none).
func insertRow(id, parent int64) func(context.Context, *Tx) error {
	return func(ctx context.Context, tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO batch_rows (id, parent) VALUES (?, ?)`, id, nullInt64(parent))
		return err
	}
}

// batchRows returns the ids of batch_rows, read outside the batcher.
func batchRows(t *testing.T, db *DB) string {
	t.Helper()
	rows, err := db.query(context.Background(), `SELECT id FROM batch_rows ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, fmt.Sprint(id))
	}
	return strings.Join(ids, ",")
}

func TestBatcher(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		// A foreign key checked at the commit, to make a commit fail.
		if _, err := db.write.Exec(`CREATE TABLE batch_rows (id INTEGER PRIMARY KEY,
			parent INTEGER REFERENCES batch_rows (id) DEFERRABLE INITIALLY DEFERRED)`); err != nil {
			t.Fatal(err)
		}

		t.Run("the writes waiting commit together, and a write that fails fails alone", func(t *testing.T) {
			if err := db.batched(context.Background(), lockKey{}, false, insertRow(1, 0)); err != nil {
				t.Fatal(err)
			}
			before := db.Batches()
			refusal := tuyengiao.Errorf(tuyengiao.EINVALID, "không hợp lệ")
			// The writes of one batch come in any order: none depends on another.
			errs := submitAll(t, db, insertRow(3, 0), func(ctx context.Context, tx *Tx) error {
				if err := insertRow(2, 0)(ctx, tx); err != nil {
					return err
				}
				return refusal // after writing: its row goes with it
			}, insertRow(1, 0), insertRow(6, 0))
			if errs[0] != nil || !errors.Is(errs[1], refusal) || !uniqueViolation(errs[2]) || errs[3] != nil {
				t.Fatalf("answers %v", errs)
			}
			if got := batchRows(t, db); got != "1,3,6" {
				t.Fatalf("rows %q", got)
			}
			if after := db.Batches(); after.Commits-before.Commits != 2 || after.Writes-before.Writes != 5 {
				t.Fatalf("batches %+v then %+v: the four writes were not one commit", before, after)
			}
		})

		t.Run("a write that panics fails alone, and the server goes on", func(t *testing.T) {
			errs := submitAll(t, db, insertRow(4, 0), func(context.Context, *Tx) error { panic("a bug") }, insertRow(5, 0))
			if errs[0] != nil || errs[1] == nil || !strings.Contains(errs[1].Error(), "panicked") || errs[2] != nil {
				t.Fatalf("answers %v", errs)
			}
			if got := batchRows(t, db); got != "1,3,4,5,6" {
				t.Fatalf("rows %q", got)
			}
		})

		t.Run("a batch that runs out of time writes nothing, and its writers are told to try again", func(t *testing.T) {
			db.batch.timeout = 300 * time.Millisecond
			defer func() { db.batch.timeout = batchTimeout }()
			stuck := func(ctx context.Context, tx *Tx) error { // as behind another node's lock
				time.Sleep(db.batch.timeout + 200*time.Millisecond)
				return insertRow(31, 0)(ctx, tx)
			}
			errs := submitAll(t, db, insertRow(30, 0), stuck)
			for i, err := range errs {
				if tuyengiao.ErrorCode(err) != tuyengiao.EBUSY || tuyengiao.UserError(err).Key != "Máy chủ đang bận, vui lòng thử lại sau ít giây." {
					t.Errorf("write %d: %v", i, err)
				}
			}
			if got := batchRows(t, db); got != "1,3,4,5,6" {
				t.Fatalf("rows %q", got)
			}
		})

		t.Run("when the commit fails, each write is answered after a commit of its own", func(t *testing.T) {
			errs := submitAll(t, db, insertRow(10, 0), insertRow(11, 999))
			if errs[0] != nil || !foreignKeyViolation(errs[1]) {
				t.Fatalf("answers %v", errs)
			}
			if got := batchRows(t, db); got != "1,3,4,5,6,10" {
				t.Fatalf("rows %q", got)
			}
		})
	})
}

func TestBatcherClosed(t *testing.T) {
	db := openTestDB(t, filepath.Join(t.TempDir(), "closed.db"))
	db.Close()
	if err := db.batched(context.Background(), lockKey{}, false, insertRow(1, 0)); !errors.Is(err, errClosed) {
		t.Fatalf("err %v", err)
	}
}

// TestCheckInsAtOnce checks in many members at once, each several times: every member is
// recorded once, the others are told they checked in already, and the chain holds.
func TestCheckInsAtOnce(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		w := newCampaignWorld(t, db)
		plan := w.create(t, db, w.newCampaign("Học tập Nghị quyết 35"))
		conf := w.conference(t, db, plan.ID, 2, personTestNow.Add(10*time.Minute), 2, 4)
		code, err := db.CheckInCode(roleCtx(tuyengiao.RoleEditor, 2, w.ward2), conf.ID)
		if err != nil {
			t.Fatal(err)
		}
		var members []*tuyengiao.Person
		for i := range 30 {
			members = append(members, createCategoryPerson(t, db, 4, fmt.Sprintf("Đảng viên %02d", i), tuyengiao.CategoryMember))
		}
		const tries = 4
		var mu sync.Mutex
		answers := map[string]int{}
		var wg sync.WaitGroup
		for _, m := range members {
			for range tries {
				wg.Go(func() {
					_, _, err := db.CheckIn(memberCtx(m.ID, 4, w.cell4), conf.ID, code)
					mu.Lock()
					defer mu.Unlock()
					answers[tuyengiao.ErrorCode(err)]++
				})
			}
		}
		wg.Wait()
		if answers[""] != len(members) || answers[tuyengiao.ECONFLICT] != len(members)*(tries-1) {
			t.Fatalf("answers %v", answers)
		}
		var records, audited int
		if err := db.queryRow(context.Background(), `SELECT COUNT(*) FROM attendance WHERE conference_id = ?`, conf.ID).Scan(&records); err != nil {
			t.Fatal(err)
		}
		audited = personAuditCount(t, db, "attendance.checkin", conferenceObject(conf.ID), "ok")
		if records != len(members) || audited != len(members) {
			t.Fatalf("%d records and %d audit records of %d members", records, audited, len(members))
		}
		check, err := db.VerifyAudit(context.Background(), AuditHead{})
		if err != nil || check.Break != nil {
			t.Fatalf("chain: %v %+v", err, check)
		}
	})
}

// TestDurableSetting reads back, on every connection each pool hands out at once, the setting
// that makes a commit durable before it is acknowledged.
func TestDurableSetting(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		pools := map[string]*sql.DB{"write": db.write, "read": db.read}
		if db.postgres {
			pools = map[string]*sql.DB{"pool": db.write} // one pool for both
		}
		for name, p := range pools {
			for i := range p.Stats().MaxOpenConnections {
				conn, err := p.Conn(ctx)
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close()
				var got string
				q, want := `PRAGMA synchronous`, "2" // FULL
				if db.postgres {
					q, want = `SHOW synchronous_commit`, "on"
				}
				if err := conn.QueryRowContext(ctx, q).Scan(&got); err != nil {
					t.Fatal(err)
				} else if got != want {
					t.Fatalf("%s connection %d: %s = %s, want %s", name, i, q, got, want)
				}
			}
		}
	})
}
