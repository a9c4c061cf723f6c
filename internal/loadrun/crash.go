package loadrun

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/vn"
)

// A Crasher brings down what a crash run breaks (the server process, or its database) without
// warning, and brings it back.
type Crasher interface {
	// Crash stops it at once, as a power cut would (SIGKILL, an immediate shutdown).
	Crash() error
	// Restart starts it again and returns once the server answers.
	Restart(ctx context.Context) error
}

// CrashCheckins checks the members of w into its conference k over HTTP at base from clients
// concurrent clients, while c crashes what it breaks rounds times (whileCrashing); a member
// whose request gets no answer tries again after 100 ms (and may then be told they checked in
// already: the first was stored but not acknowledged). It returns the ledger of the check-ins
// acknowledged (2xx), by member, for CheckLedger.
func CrashCheckins(ctx context.Context, w *CheckinWorld, k int, base string, clients, rounds int, c Crasher, out io.Writer) ([]bool, error) {
	hc := NewClient(clients, 30*time.Second)
	target := base + "/checkin/" + strconv.FormatInt(w.Conferences[k], 10)
	form := url.Values{"code": {w.Codes[k]}}.Encode()
	acked := make([]bool, len(w.People))
	var r *Result
	crashed, err := whileCrashing(ctx, rounds, c, func(ctx context.Context) {
		r = Drive(ctx, clients, len(w.People), 0, func(ctx context.Context, i int) (int, error) {
			status, err := retried(ctx, func() (int, error) { return checkIn(ctx, hc, target, form, w.Tokens[i]) })
			acked[i] = err == nil && status/100 == 2
			return status, err
		})
	})
	if err != nil {
		return nil, err
	}
	r.Print(out, fmt.Sprintf("%d clients, %d crashes", clients, crashed))
	return acked, nil
}

// whileCrashing runs load while c crashes what it breaks rounds times, each after 0,5 to 2 s
// of load, and restarts it; load's ctx ends a second after the last restart, or when load
// returns first. It returns the crashes made.
func whileCrashing(ctx context.Context, rounds int, c Crasher, load func(ctx context.Context)) (int, error) {
	runCtx, stopLoad := context.WithCancel(ctx)
	var crashes sync.WaitGroup
	var crashErr error
	crashed := 0 // the load may end before every round
	crashes.Go(func() {
		defer stopLoad()
		for range rounds {
			select {
			case <-runCtx.Done():
				return
			case <-time.After(500*time.Millisecond + rand.N(1500*time.Millisecond)):
			}
			if crashErr = c.Crash(); crashErr != nil {
				return
			}
			crashed++
			if crashErr = c.Restart(ctx); crashErr != nil {
				return
			}
		}
		time.Sleep(time.Second) // load on the last start too
	})
	load(runCtx)
	stopLoad()
	crashes.Wait()
	return crashed, crashErr
}

// retried sends a request with send until it gets an answer, waiting 100 ms between tries as
// a person on a phone would, or until ctx ends.
func retried(ctx context.Context, send func() (int, error)) (int, error) {
	for {
		status, err := send()
		if err == nil || ctx.Err() != nil {
			return status, err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// CheckLedger opens the database at dsn and finds each check-in of the ledger (by member of w,
// into its conference k) recorded exactly once, with its audit record, and the audit chain
// whole; it returns an error naming what was lost. The server must be stopped first: the
// writes it was given before the load ended may commit still.
func CheckLedger(ctx context.Context, dsn string, w *CheckinWorld, k int, acked []bool, out io.Writer) error {
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	records, audited, err := db.ConferenceRecords(ctx, w.Conferences[k])
	if err != nil {
		return err
	}
	var ok, missing int
	for i, a := range acked {
		if a {
			ok++
			if records[w.People[i]] == 0 {
				missing++
			}
		}
	}
	odd := unmatched(records, audited)
	fmt.Fprintf(out, "%-14s sổ / ledger: %s điểm danh được xác nhận / acknowledged; bản ghi / records %s, nhật ký / audited %s; mất / lost %d, không đúng một bản ghi một nhật ký / not one record with one audit record %d\n",
		"", vn.Int(int64(ok)), vn.Int(int64(len(records))), vn.Int(int64(len(audited))), missing, odd)
	if missing > 0 || odd > 0 {
		return fmt.Errorf("bench checkin: %d acknowledged check-ins lost, %d people without exactly one record and one audit record", missing, odd)
	}
	return verifyChain(ctx, db, out)
}

// verifyChain verifies the whole audit chain of db and says so, or returns where it breaks.
func verifyChain(ctx context.Context, db *sqldb.DB, out io.Writer) error {
	check, err := db.VerifyAudit(ctx, sqldb.AuditHead{})
	if err != nil {
		return err
	} else if check.Break != nil {
		return fmt.Errorf("loadrun: the audit chain breaks at #%d (%s)", check.Break.ID, check.Break.Fault)
	}
	fmt.Fprintf(out, "%-14s chuỗi nhật ký nguyên vẹn / audit chain verified: %s bản ghi / records\n", "", vn.Int(int64(check.Records)))
	return nil
}

// CrashContest has the contestants of w's group k take part over HTTP at server, from clients
// concurrent clients, while c crashes what it breaks rounds times (whileCrashing): each signs
// in, starts an attempt and submits it with its answers in the form (the page without
// scripts), trying each step again after 100 ms when it gets no answer or a fault (5xx). Each
// entrant's Submitted is the ledger that CheckContestLedger checks.
func CrashContest(ctx context.Context, w *ContestWorld, k int, server string, clients, rounds int, c Crasher, out io.Writer) error {
	act := newOverHTTP(server, w.ContestID, clients)
	act.hc.Timeout = 30 * time.Second
	defer act.hc.CloseIdleConnections()
	g := w.Groups[k]
	var r *Result
	crashed, err := whileCrashing(ctx, rounds, c, func(ctx context.Context) {
		r = Drive(ctx, clients, len(g), 0, func(ctx context.Context, i int) (int, error) {
			for _, step := range []func() (int, error){
				func() (int, error) { return act.signIn(ctx, g[i], i) },
				func() (int, error) { return act.start(ctx, g[i], i) },
				func() (int, error) { return act.submit(ctx, g[i]) },
			} {
				if status, err := retried(ctx, unfaulted(step)); status != http.StatusOK {
					return status, err
				}
			}
			return http.StatusOK, nil
		})
	})
	if err != nil {
		return err
	}
	r.Print(out, fmt.Sprintf("%d clients, %d crashes", clients, crashed))
	return nil
}

// unfaulted turns a fault of the server (5xx) into no answer, to be tried again.
func unfaulted(send func() (int, error)) func() (int, error) {
	return func() (int, error) {
		status, err := send()
		if err == nil && status >= 500 {
			return status, fmt.Errorf("loadrun: the server answered %d", status)
		}
		return status, err
	}
}

// CheckContestLedger opens the database at dsn and checks the submissions of w's round
// against its ledger (CheckSubmissions), and the audit chain whole; it returns an error
// naming what was lost or doubled. The server must be stopped first: the writes it was given
// before the load ended may commit still.
func CheckContestLedger(ctx context.Context, dsn string, w *ContestWorld, out io.Writer) error {
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	l, err := CheckSubmissions(ctx, db, w)
	if err != nil {
		return err
	}
	l.Print(out)
	if !l.OK() {
		return fmt.Errorf("bench contest: %d acknowledged submissions lost, %d attempts not submitted once with one audit record", l.Lost, l.Odd)
	}
	return verifyChain(ctx, db, out)
}
