package sqldb

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/password"
	"tuyengiao/internal/vn"
)

// holdHashes takes every one of the slots of db.Hashes until the returned func is called.
func holdHashes(t *testing.T, db *DB, slots int) (release func()) {
	t.Helper()
	done, started := make(chan struct{}), make(chan struct{})
	for range slots {
		go db.Hashes.Do(context.Background(), "holder", func() {
			started <- struct{}{}
			<-done
		})
		<-started
	}
	return func() { close(done) }
}

// hashesWaiting returns once n callers wait for a slot of db.Hashes.
func hashesWaiting(t *testing.T, db *DB, n int) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); db.Hashes.Waiting() != n; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d waiting for a hash, want %d", db.Hashes.Waiting(), n)
		}
	}
}

func TestLoginGate(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		advance := acctClock(db)
		q1 := acctUnit(t, db, nil, "Q1")
		acctUser(t, db, "dong.thoi", acctGrant(tuyengiao.RoleEditor, q1))
		ctx := context.Background()

		t.Run("more logins at once than slots all open their session, never more than the slots hashing at once", func(t *testing.T) {
			db.Hashes = password.NewGate(2, hashWait)
			var wg sync.WaitGroup
			var opened atomic.Int64
			for i := range 12 {
				wg.Go(func() {
					if _, err := db.Login(ctx, "dong.thoi", acctPassword, "192.0.2."+itoa(1+i%3), tuyengiao.SessionWeb); err != nil {
						t.Error(err)
						return
					}
					opened.Add(1)
				})
			}
			wg.Wait()
			if opened.Load() != 12 || db.Hashes.Most() > 2 {
				t.Fatalf("%d of 12 logins opened a session, %d hashed at once with 2 slots", opened.Load(), db.Hashes.Most())
			}
		})
		t.Run("a login from a second address waits for a slot or two, not for a flood from one address", func(t *testing.T) {
			db.Hashes = password.NewGate(1, time.Minute)
			release := holdHashes(t, db, 1)
			var wg sync.WaitGroup
			var flooded atomic.Int64
			for range 12 { // within one address's share of the queue
				wg.Go(func() {
					if _, err := db.Login(ctx, "dong.thoi", acctPassword, "198.51.100.1", tuyengiao.SessionWeb); err != nil {
						t.Error(err)
					}
					flooded.Add(1)
				})
			}
			hashesWaiting(t, db, 12)
			other := make(chan int64)
			go func() {
				acctLogin(t, db, "dong.thoi", acctPassword, "203.0.113.9")
				other <- flooded.Load()
			}()
			hashesWaiting(t, db, 13)
			release()
			if before := <-other; before > 2 {
				t.Errorf("%d logins of the flood were answered before the second address's one", before)
			}
			wg.Wait()
		})
		t.Run("a login that finds no slot in time is told to try again, and is not counted as a failure", func(t *testing.T) {
			db.Hashes = password.NewGate(1, 50*time.Millisecond)
			release := holdHashes(t, db, 1)
			defer release()
			failed := acctAudits(t, db, "auth.login", tuyengiao.OutcomeFailed)
			_, err := db.Login(ctx, "dong.thoi", acctPassword, "192.0.2.50", tuyengiao.SessionWeb)
			acctWant(t, err, tuyengiao.EBUSY)
			if msg := vn.Message(err); msg != "Máy chủ đang bận, vui lòng thử lại sau ít giây." {
				t.Errorf("message %q", msg)
			}
			if acctAudits(t, db, "auth.login", tuyengiao.OutcomeFailed) != failed || db.Hashes.Waiting() != 0 {
				t.Errorf("a busy answer counted as a failure, or left %d waiting", db.Hashes.Waiting())
			}
		})
		t.Run("a locked-out account is refused at once, without waiting for a slot", func(t *testing.T) {
			db.Hashes = password.NewGate(1, time.Minute)
			acctUser(t, db, "khoa.roi", acctGrant(tuyengiao.RoleEditor, q1))
			for range tuyengiao.MaxFailedLoginsPerAccount {
				advance(time.Minute)
				_, err := db.Login(ctx, "khoa.roi", "sai mật khẩu rồi", "192.0.2.60", tuyengiao.SessionWeb)
				acctWant(t, err, tuyengiao.EUNAUTHORIZED)
			}
			release := holdHashes(t, db, 1)
			defer release()
			start := time.Now()
			_, err := db.Login(ctx, "khoa.roi", acctPassword, "192.0.2.60", tuyengiao.SessionWeb)
			acctWant(t, err, tuyengiao.ETOOMANY)
			if d := time.Since(start); d > 10*time.Second || db.Hashes.Waiting() != 0 {
				t.Errorf("refused after %v with %d waiting", d, db.Hashes.Waiting())
			}
		})
		t.Run("a login whose request ends leaves the queue", func(t *testing.T) {
			db.Hashes = password.NewGate(1, time.Minute)
			release := holdHashes(t, db, 1)
			defer release()
			gone, cancel := context.WithCancel(ctx)
			errc := make(chan error)
			go func() {
				_, err := db.Login(gone, "dong.thoi", acctPassword, "192.0.2.70", tuyengiao.SessionWeb)
				errc <- err
			}()
			hashesWaiting(t, db, 1)
			cancel()
			if err := <-errc; err == nil || db.Hashes.Waiting() != 0 {
				t.Fatalf("err %v, %d waiting", err, db.Hashes.Waiting())
			}
		})
	})
}

func TestTurnOf(t *testing.T) {
	for address, want := range map[string]string{
		"203.0.113.7":          "203.0.113.7",
		"2001:db8:1:2:a::1":    "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::9": "2001:db8:1:2::/64",
		"::ffff:203.0.113.7":   "::ffff:203.0.113.7",
		"not an address":       "not an address",
	} {
		if got := turnOf(address); got != want {
			t.Errorf("turnOf(%q) = %q, want %q", address, got, want)
		}
	}
}
