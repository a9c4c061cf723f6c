package loadrun

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
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
// concurrent clients, while c crashes what it breaks rounds times, each after 0,5 to 2 s of
// load, and restarts it; a member whose request gets no answer tries again after 100 ms (and
// may then be told they checked in already: the first was stored but not acknowledged).
// It returns the ledger of the check-ins acknowledged (2xx), by member, for CheckLedger.
func CrashCheckins(ctx context.Context, w *CheckinWorld, k int, base string, clients, rounds int, c Crasher, out io.Writer) ([]bool, error) {
	hc := NewClient(clients, 30*time.Second)
	target := base + "/checkin/" + strconv.FormatInt(w.Conferences[k], 10)
	form := url.Values{"code": {w.Codes[k]}}.Encode()
	acked := make([]bool, len(w.People))
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
	r := Drive(runCtx, clients, len(w.People), 0, func(ctx context.Context, i int) (int, error) {
		for {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(form))
			if err != nil {
				return 0, err
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.AddCookie(&http.Cookie{Name: "tg_session", Value: w.Tokens[i]})
			status, err := Status(hc, req)
			if err == nil {
				acked[i] = status/100 == 2
				return status, nil
			} else if ctx.Err() != nil {
				return 0, err
			}
			time.Sleep(100 * time.Millisecond) // the member tries again, as on a phone
		}
	})
	stopLoad()
	crashes.Wait()
	if crashErr != nil {
		return nil, crashErr
	}
	r.Print(out, fmt.Sprintf("%d clients, %d crashes", clients, crashed))
	return acked, nil
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
	check, err := db.VerifyAudit(ctx, sqldb.AuditHead{})
	if err != nil {
		return err
	} else if check.Break != nil {
		return fmt.Errorf("bench checkin: the audit chain breaks at #%d (%s)", check.Break.ID, check.Break.Fault)
	}
	fmt.Fprintf(out, "%-14s chuỗi nhật ký nguyên vẹn / audit chain verified: %s bản ghi / records\n", "", vn.Int(int64(check.Records)))
	return nil
}
