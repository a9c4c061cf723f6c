package sqldb

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/sqldb/sqldbtest"
)

// writeAudits writes n records through the services' path, each in a transaction of its own,
// and returns their ids.
func writeAudits(t *testing.T, db *DB, n int) []int64 {
	t.Helper()
	ids := make([]int64, n)
	for i := range ids {
		r := &tuyengiao.AuditRecord{Action: "person.view", Object: personObject(int64(i + 1)), UnitID: 1, Detail: fmt.Sprint("lần ", i)}
		if err := db.auditAlone(sysadminCtx(), r); err != nil {
			t.Fatal(err)
		}
		ids[i] = r.ID
	}
	return ids
}

// attack runs statements on the database as its owner would, outside the application.
func attack(t *testing.T, db *DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.write.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// dropAuditTriggers removes the append-only guard as the database's owner can: dropping the
// triggers on SQLite, disabling them on PostgreSQL.
func dropAuditTriggers(t *testing.T, db *DB) {
	t.Helper()
	if db.postgres {
		attack(t, db, `ALTER TABLE audit_log DISABLE TRIGGER USER`)
		return
	}
	attack(t, db, `DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`, `DROP TRIGGER audit_log_no_replace`)
}

// storedHash returns the hash column of record id.
func storedHash(t *testing.T, db *DB, id int64) string {
	t.Helper()
	var h string
	if err := db.queryRow(context.Background(), `SELECT hash FROM audit_log WHERE id = ?`, id).Scan(&h); err != nil {
		t.Fatal(err)
	}
	return h
}

// verifyWhole verifies the whole chain and fails on an error.
func verifyWhole(t *testing.T, db *DB) *AuditCheck {
	t.Helper()
	c, err := db.VerifyAudit(context.Background(), AuditHead{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func wantBreak(t *testing.T, c *AuditCheck, id int64, fault AuditFault) {
	t.Helper()
	if c.Break == nil || *c.Break != (AuditBreak{ID: id, Fault: fault}) {
		t.Fatalf("break = %+v, want record %d %s", c.Break, id, fault)
	}
}

func TestAuditChain(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		ids := writeAudits(t, db, 5)
		t.Run("records written by the services verify, each linked to the one before", func(t *testing.T) {
			c := verifyWhole(t, db)
			if c.Break != nil || c.Head.ID != ids[4] || c.Head.Hash != storedHash(t, db, ids[4]) || c.Records < 5 {
				t.Fatalf("check = %+v, want head %d", c, ids[4])
			}
			var prev int64
			db.queryRow(context.Background(), `SELECT prev_id FROM audit_log WHERE id = ?`, ids[3]).Scan(&prev)
			if prev != ids[2] {
				t.Errorf("record %d links to %d, want %d", ids[3], prev, ids[2])
			}
		})
		t.Run("a record of a transaction that rolls back leaves no trace in the chain", func(t *testing.T) {
			err := db.update(sysadminCtx(), func(tx *Tx) error {
				db.audit(sysadminCtx(), tx, &tuyengiao.AuditRecord{Action: "person.view"})
				return tuyengiao.Errorf(tuyengiao.EINVALID, "thử")
			})
			if tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
				t.Fatal(err)
			}
			if c := verifyWhole(t, db); c.Break != nil || c.Head.ID != ids[4] {
				t.Fatalf("check = %+v", c)
			}
		})
		t.Run("verification from a head reads only what follows it", func(t *testing.T) {
			more := writeAudits(t, db, 2)
			c, err := db.VerifyAudit(context.Background(), AuditHead{ID: ids[4], Hash: storedHash(t, db, ids[4])})
			if err != nil || c.Break != nil || c.Records != 2 || c.Changes != 2 || c.Head.ID != more[1] {
				t.Fatalf("check = %+v, %v", c, err)
			}
		})
		t.Run("the log refuses a replacement, an update and a deletion", func(t *testing.T) {
			replace := `INSERT OR REPLACE INTO audit_log (id, at, action, outcome) VALUES (?, ?, 'x', 'ok')`
			if db.postgres {
				replace = `INSERT INTO audit_log (id, at, action, outcome) VALUES (?, ?, 'x', 'ok') ON CONFLICT (id) DO UPDATE SET detail = 'x'`
			}
			for _, q := range []string{replace, `UPDATE audit_log SET detail = 'x' WHERE id = ? AND at <> ?`, `DELETE FROM audit_log WHERE id = ? AND at <> ?`} {
				if _, err := db.write.Exec(db.rebind(q), ids[2], time.Now()); err == nil {
					t.Errorf("%s: accepted", q)
				}
			}
			if c := verifyWhole(t, db); c.Break != nil {
				t.Fatalf("check = %+v", c)
			}
		})
	})
}

func TestAuditChainBrokenOnPurpose(t *testing.T) {
	cases := []struct {
		name   string
		tamper func(t *testing.T, db *DB, ids []int64)
		// broken returns the record verification must name, and what is wrong with it.
		broken func(ids []int64) (int64, AuditFault)
	}{
		{"a record replaced once the triggers are gone is named", func(t *testing.T, db *DB, ids []int64) {
			dropAuditTriggers(t, db)
			replace := `INSERT OR REPLACE INTO audit_log (` + auditColumns + `)
				SELECT id, at, user_id, login, action, object, unit_id, outcome, address, 'đã sửa', prev_id, hash FROM audit_log WHERE id = %d`
			if db.postgres {
				replace = `UPDATE audit_log SET detail = 'đã sửa' WHERE id = %d`
			}
			attack(t, db, fmt.Sprintf(replace, ids[2]))
		}, func(ids []int64) (int64, AuditFault) { return ids[2], FaultAltered }},
		{"a deleted record is named by the record after it", func(t *testing.T, db *DB, ids []int64) {
			dropAuditTriggers(t, db)
			attack(t, db, fmt.Sprintf(`DELETE FROM audit_log WHERE id = %d`, ids[2]))
		}, func(ids []int64) (int64, AuditFault) { return ids[3], FaultRelinked }},
		{"a record inserted in the middle, with a valid hash, is named by the record after it", func(t *testing.T, db *DB, ids []int64) {
			dropAuditTriggers(t, db)
			// Make room after ids[1] by moving the later records one id up, then forge a
			// record chained to ids[1] as the application would.
			attack(t, db, fmt.Sprintf(`UPDATE audit_log SET id = -id WHERE id > %d`, ids[1]),
				`UPDATE audit_log SET id = 1 - id WHERE id < 0`)
			forged := &tuyengiao.AuditRecord{ID: ids[1] + 1, At: time.Now().UTC().Truncate(time.Second), Action: "person.view", Outcome: "ok"}
			h := chainHash(forged, ids[1], storedHash(t, db, ids[1]))
			if _, err := db.write.Exec(db.rebind(`INSERT INTO audit_log (id, at, action, outcome, prev_id, hash) VALUES (?, ?, ?, ?, ?, ?)`),
				forged.ID, forged.At, forged.Action, forged.Outcome, ids[1], h); err != nil {
				t.Fatal(err)
			}
		}, func(ids []int64) (int64, AuditFault) { return ids[2] + 1, FaultRelinked }},
		{"a rewritten record whose hash was recomputed is named by the record after it", func(t *testing.T, db *DB, ids []int64) {
			dropAuditTriggers(t, db)
			rows, err := db.query(context.Background(), `SELECT `+auditColumns+` FROM audit_log WHERE id = ?`, ids[2])
			if err != nil {
				t.Fatal(err)
			}
			var r chainedRecord
			for rows.Next() {
				if err := scanChained(rows, &r); err != nil {
					t.Fatal(err)
				}
			}
			rows.Close()
			r.Detail = "đã sửa"
			h := chainHash(&r.AuditRecord, ids[1], storedHash(t, db, ids[1]))
			attack(t, db, fmt.Sprintf(`UPDATE audit_log SET detail = 'đã sửa', hash = '%s' WHERE id = %d`, h, ids[2]))
		}, func(ids []int64) (int64, AuditFault) { return ids[3], FaultAltered }},
		{"a record written outside the chain is named", func(t *testing.T, db *DB, ids []int64) {
			attack(t, db, fmt.Sprintf(`INSERT INTO audit_log (id, at, action, outcome) VALUES (%d, CURRENT_TIMESTAMP, 'person.view', 'ok')`, ids[4]+1))
		}, func(ids []int64) (int64, AuditFault) { return ids[4] + 1, FaultUnsealed }},
		{"a record written with an id below the chain's first is named", func(t *testing.T, db *DB, ids []int64) {
			attack(t, db, `INSERT INTO audit_log (id, at, action, outcome) VALUES (-5, CURRENT_TIMESTAMP, 'essay.view', 'ok')`)
		}, func(ids []int64) (int64, AuditFault) { return -5, FaultUnsealed }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			engines(t, func(t *testing.T, db *DB) {
				ids := writeAudits(t, db, 5)
				tc.tamper(t, db, ids)
				id, fault := tc.broken(ids)
				wantBreak(t, verifyWhole(t, db), id, fault)
			})
		})
	}
	t.Run("the end cut off is found only against a head kept outside the database", func(t *testing.T) {
		engines(t, func(t *testing.T, db *DB) {
			ids := writeAudits(t, db, 5)
			head := AuditHead{ID: ids[4], Hash: storedHash(t, db, ids[4])}
			dropAuditTriggers(t, db)
			attack(t, db, fmt.Sprintf(`DELETE FROM audit_log WHERE id >= %d`, ids[3]))
			if c := verifyWhole(t, db); c.Break != nil || c.Head.ID != ids[2] {
				t.Fatalf("whole chain: %+v", c)
			}
			if ok, err := db.HoldsAuditHead(context.Background(), head); ok || err != nil {
				t.Fatalf("holds the cut head: %v, %v", ok, err)
			}
			c, err := db.VerifyAudit(context.Background(), head)
			if err != nil {
				t.Fatal(err)
			}
			wantBreak(t, c, ids[4], FaultHeadMissing)
		})
	})
}

func TestAuditChainSeal(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		t.Run("records written before the chain are chained once by the migration", func(t *testing.T) {
			db.unchained = true
			writeAudits(t, db, 3)
			db.unchained = false
			// The migrated database already chained its own records: start again from a log
			// that holds none, as a database from before migration 6 does.
			dropAuditTriggers(t, db)
			attack(t, db, `UPDATE audit_log SET hash = NULL, prev_id = NULL`)
			if db.postgres {
				attack(t, db, `ALTER TABLE audit_log ENABLE TRIGGER USER`)
			}
			if err := db.sealAuditLog(ctx); err != nil {
				t.Fatal(err)
			}
			ids := writeAudits(t, db, 2)
			if c := verifyWhole(t, db); c.Break != nil || c.Head.ID != ids[1] || c.Records < 5 {
				t.Fatalf("check = %+v", c)
			}
		})
		t.Run("a record without a hash once the chain has begun stays a break", func(t *testing.T) {
			db.unchained = true
			ids := writeAudits(t, db, 1)
			db.unchained = false
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			wantBreak(t, verifyWhole(t, db), ids[0], FaultUnsealed)
		})
	})
}

func TestAuditChainSealMigration(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		t.Run("a log written before the chain is chained by the migration, its triggers in place, and verifies whole", func(t *testing.T) {
			ctx := context.Background()
			db := migratedTo(t, dsn, 5)
			at := time.Now().UTC().Truncate(time.Second)
			for i := range 3 {
				if _, err := db.write.Exec(db.rebind(`INSERT INTO audit_log (at, login, action, object, unit_id, outcome, address, detail)
					VALUES (?, 'ha.nguyen', 'person.view', ?, NULL, 'ok', '10.0.0.1', ?)`), at, personObject(int64(i+1)), fmt.Sprint("lần ", i)); err != nil {
					t.Fatal(err)
				}
			}
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			ids := writeAudits(t, db, 1)
			c := verifyWhole(t, db)
			if c.Break != nil || c.Head.ID != ids[0] || c.Records < 4 {
				t.Fatalf("check = %+v", c)
			}
			if h := storedHash(t, db, 1); len(h) != 64 {
				t.Fatalf("the first record's hash is %q", h)
			}
		})
	})
}

func TestAuditChainCommit(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		ctx := sysadminCtx()
		t.Run("a record queued in a transaction of a bulk load is chained when it commits, not dropped", func(t *testing.T) {
			load, err := db.OpenBulkLoad(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer load.Close()
			if err := load.Begin(ctx); err != nil {
				t.Fatal(err)
			}
			r := &tuyengiao.AuditRecord{Action: "person.view", Object: "person:1"}
			db.audit(ctx, load.tx, r)
			if err := load.Commit(ctx); err != nil {
				t.Fatal(err)
			}
			if c := verifyWhole(t, db); r.ID == 0 || c.Break != nil || c.Head.ID != r.ID {
				t.Fatalf("record %d, check %+v", r.ID, c)
			}
		})
		t.Run("a sequence behind the log, as after a restore, fails the transaction rather than reorder the chain", func(t *testing.T) {
			if !db.postgres {
				return // SQLite numbers new records after the head itself
			}
			// A log restored with ids up to 1001 and a sequence left at 500: ids 501 to 1000
			// are free, below the head.
			attack(t, db, `SELECT setval(pg_get_serial_sequence('audit_log', 'id'), 1000)`)
			head := writeAudits(t, db, 1)[0]
			attack(t, db, `SELECT setval(pg_get_serial_sequence('audit_log', 'id'), 500)`)
			err := db.auditAlone(ctx, &tuyengiao.AuditRecord{Action: "person.view", Object: "person:2"})
			if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("gives 501, not after the last record #%d", head)) {
				t.Fatalf("err = %v", err)
			}
			if c := verifyWhole(t, db); c.Break != nil || c.Head.ID != head {
				t.Fatalf("check = %+v", c)
			}
		})
	})
}

func TestAuditChainLock(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		if !db.postgres {
			return // the one writer connection of SQLite runs one transaction at a time anyway
		}
		t.Run("a transaction at work does not hold the chain: another commits its record meanwhile", func(t *testing.T) {
			other := make(chan error, 1)
			err := db.update(sysadminCtx(), func(tx *Tx) error {
				if err := db.audit(sysadminCtx(), tx, &tuyengiao.AuditRecord{Action: "person.view", Object: "person:1"}); err != nil {
					return err
				}
				go func() {
					other <- db.auditAlone(sysadminCtx(), &tuyengiao.AuditRecord{Action: "person.view", Object: "person:2"})
				}()
				select {
				case err := <-other:
					return err
				case <-time.After(5 * time.Second):
					return fmt.Errorf("the other record waited for this transaction's work")
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if c := verifyWhole(t, db); c.Break != nil || c.Records != 2 {
				t.Fatalf("check = %+v", c)
			}
		})
	})
}

func TestAuditChainNodes(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		t.Run("two app nodes writing at once keep one unbroken chain", func(t *testing.T) {
			nodes := []*DB{openTestDB(t, dsn), openTestDB(t, dsn)}
			var wg sync.WaitGroup
			errs := make(chan error, 8)
			for i := range 8 {
				wg.Go(func() {
					for j := range 20 {
						r := &tuyengiao.AuditRecord{Action: "person.view", Object: personObject(int64(100*i + j))}
						if err := nodes[i%2].auditAlone(sysadminCtx(), r); err != nil {
							errs <- err
							return
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			c := verifyWhole(t, nodes[0])
			var n int
			nodes[1].queryRow(context.Background(), `SELECT COUNT(*) FROM audit_log`).Scan(&n)
			if c.Break != nil || c.Records != n || n < 160 {
				t.Fatalf("check = %+v of %d records", c, n)
			}
		})
	})
}

// BenchmarkAuditChain measures what the chain costs the busiest audited operations, with the
// chain on and off, each on a database of its own: QR check-ins (a write and its record) and
// roster reads (a read of personal data and its record), 8 at a time, in a city of 70 wards
// and 20.000 people with a conference open in each ward. Each check-in takes a member who has
// not checked in yet: run it with -benchtime=1000x or less.
func BenchmarkAuditChain(b *testing.B) {
	for _, mode := range []struct {
		name      string
		unchained bool
	}{{"chain on", false}, {"chain off", true}} {
		b.Run(mode.name, func(b *testing.B) {
			benchEngines(b, func(b *testing.B, db *DB) {
				// Set before the database is used and on a database of its own: nothing reads
				// it while it changes, and no real chain holds the unchained records.
				db.unchained = mode.unchained
				benchAuditedLoad(b, db)
			})
		})
	}
}

// benchAuditedLoad fills db with the city of BenchmarkAuditChain and measures its check-ins
// and roster reads.
func benchAuditedLoad(b *testing.B, db *DB) {
	benchCity(b, db, 20_000)
	ctx := sysadminCtx()
	today := tuyengiao.Date{Time: time.Now().UTC().Truncate(24 * time.Hour)}
	c := &tuyengiao.Campaign{UnitID: 1, Title: "Học tập Nghị quyết", StartOn: essayDay(today, -1), EndOn: essayDay(today, 30),
		Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember}, {Category: tuyengiao.CategoryProbation}}}
	if err := db.CreateCampaign(ctx, c); err != nil {
		b.Fatal(err)
	}
	type checkIn struct {
		ctx        context.Context
		conference int64
		code       string
	}
	var queue []checkIn
	conferences := map[int64]int64{} // ward → conference
	starts := time.Now().UTC().Truncate(time.Second)
	for ward := int64(2); ward < 72; ward++ {
		f := &tuyengiao.Conference{CampaignID: c.ID, UnitID: ward, Title: "Hội nghị", StartsAt: starts, EndsAt: starts.Add(3 * time.Hour),
			Form: tuyengiao.FormInPerson}
		if err := db.CreateConference(ctx, f); err != nil {
			b.Fatal(err)
		}
		conferences[ward] = f.ID
		code, err := db.CheckInCode(ctx, f.ID)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := db.query(ctx, `SELECT id FROM people WHERE unit_id = ? AND category IN ('member', 'probation') AND status = 'active'`, ward)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			queue = append(queue, checkIn{memberCtx(id, ward, fmt.Sprintf("/1/%d/", ward)), f.ID, code})
		}
		rows.Close()
	}
	// Members of every ward in turn, as they arrive at the conferences of a city.
	slices.SortStableFunc(queue, func(x, y checkIn) int { return cmp.Compare(x.conference%7, y.conference%7) })
	var next atomic.Int64
	b.Run("check-in", func(b *testing.B) {
		b.SetParallelism(4)
		start := time.Now()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				i := next.Add(1) - 1
				if int(i) >= len(queue) {
					b.Fatalf("%d members checked in already: run with -benchtime=1000x", len(queue))
				}
				q := queue[i]
				if _, _, err := db.CheckIn(q.ctx, q.conference, q.code); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "checkins/s")
	})
	b.Run("roster", func(b *testing.B) {
		b.SetParallelism(4)
		var ward atomic.Int64
		start := time.Now()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				w := 2 + ward.Add(1)%70
				if _, err := db.Roster(ctx, conferences[w], w); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "rosters/s")
	})
}

// BenchmarkVerifyAudit verifies a chain of 100.000 records, written 1.000 to a transaction,
// and reports records/s: what "audit verify" and the server's first round take on a large log.
func BenchmarkVerifyAudit(b *testing.B) {
	benchEngines(b, func(b *testing.B, db *DB) {
		ctx := sysadminCtx()
		for range 100 {
			err := db.update(ctx, func(tx *Tx) error {
				for i := range 1000 {
					db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "person.view", Object: personObject(int64(i)), UnitID: 1, Detail: "returned=1"})
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		var records int
		for b.Loop() {
			c, err := db.VerifyAudit(context.Background(), AuditHead{})
			if err != nil || c.Break != nil {
				b.Fatal(err, c.Break)
			}
			records = c.Records
		}
		b.ReportMetric(float64(records*b.N)/b.Elapsed().Seconds(), "records/s")
	})
}

// TestLastAuditCheckInChainOrder shows the last verification in chain order: a record written
// by hand with a low id and a later time does not pass for the server's last word.
func TestLastAuditCheckInChainOrder(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		if err := db.RecordAudit(sysadminCtx(), &tuyengiao.AuditRecord{Action: ActionAuditVerify, Detail: "#1"}); err != nil {
			t.Fatal(err)
		}
		attack(t, db, `INSERT INTO audit_log (id, at, login, action, outcome, detail)
			VALUES (-1, '2030-01-01 00:00:00', 'system', 'audit.verify', 'ok', '#999999')`)
		last, err := db.LastAuditCheck(sysadminCtx(), false)
		if err != nil {
			t.Fatal(err)
		}
		if last == nil || last.Detail != "#1" {
			t.Fatalf("last check %+v, want the record #1 the chain ends with", last)
		}
	})
}
