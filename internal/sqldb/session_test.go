package sqldb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// acctLogin logs the account in from the address and fails the test on an error.
func acctLogin(t *testing.T, db *DB, login, pw, address string) string {
	t.Helper()
	token, err := db.Login(context.Background(), login, pw, address, tuyengiao.SessionWeb)
	if err != nil {
		t.Fatalf("login %s: %v", login, err)
	}
	return token
}

func TestLogin(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		advance := acctClock(db)
		q1 := acctUnit(t, db, nil, "Q1")
		ctx := context.Background()

		t.Run("a right password opens a session stored only as the hash of its token", func(t *testing.T) {
			u := acctUser(t, db, "nguyen.van.a", acctGrant(tuyengiao.RoleEditor, q1))
			token := acctLogin(t, db, "Nguyen.Van.A", acctPassword, "192.0.2.1")
			sum := sha256.Sum256([]byte(token))
			var id string
			var lastLogin time.Time
			err := db.queryRow(ctx, `SELECT s.id, u.last_login_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.user_id = ?`,
				u.ID).Scan(&id, &lastLogin)
			if err != nil || len(token) != 43 || id != hex.EncodeToString(sum[:]) || !lastLogin.Equal(db.now()) {
				t.Fatalf("token %q, stored %q at %v: %v", token, id, lastLogin, err)
			}
			if acctAudits(t, db, "auth.login", tuyengiao.OutcomeOK) != 1 {
				t.Fatal("login not audited")
			}
		})
		t.Run("an unknown login and a wrong password get the same answer", func(t *testing.T) {
			acctUser(t, db, "tran.van.b", acctGrant(tuyengiao.RoleEditor, q1))
			_, errUnknown := db.Login(ctx, "khong.co", acctPassword, "192.0.2.2", tuyengiao.SessionWeb)
			_, errWrong := db.Login(ctx, "tran.van.b", "sai mật khẩu rồi", "192.0.2.2", tuyengiao.SessionWeb)
			acctWant(t, errUnknown, tuyengiao.EUNAUTHORIZED)
			if vn.Message(errUnknown) != vn.Message(errWrong) || tuyengiao.ErrorCode(errWrong) != tuyengiao.EUNAUTHORIZED {
				t.Fatalf("unknown: %v; wrong: %v", errUnknown, errWrong)
			}
			if acctAudits(t, db, "auth.login", tuyengiao.OutcomeFailed) != 2 {
				t.Fatal("failures not audited")
			}
		})
		t.Run("five wrong passwords lock the account from that address, even with the right password", func(t *testing.T) {
			acctUser(t, db, "le.thi.c", acctGrant(tuyengiao.RoleEditor, q1))
			for range tuyengiao.MaxFailedLoginsPerAccount {
				advance(time.Minute)
				_, err := db.Login(ctx, "le.thi.c", "sai mật khẩu rồi", "192.0.2.3", tuyengiao.SessionWeb)
				acctWant(t, err, tuyengiao.EUNAUTHORIZED)
			}
			denied := acctAudits(t, db, "auth.login", tuyengiao.OutcomeDenied)
			_, err := db.Login(ctx, "le.thi.c", acctPassword, "192.0.2.3", tuyengiao.SessionWeb)
			acctWant(t, err, tuyengiao.ETOOMANY)
			// The failures were at 08:01 to 08:05 UTC; the first leaves the window at 08:16 UTC,
			// 15:16 in Vietnam, 11 minutes from now.
			if msg := vn.Message(err); !strings.Contains(msg, "từ địa chỉ mạng của bạn") || !strings.Contains(msg, "11 phút (lúc 15:16)") {
				t.Fatalf("message %q", msg)
			}
			if acctAudits(t, db, "auth.login", tuyengiao.OutcomeDenied) != denied+1 {
				t.Fatal("refusal not audited")
			}
			advance(10 * time.Minute)
			_, err = db.Login(ctx, "le.thi.c", acctPassword, "192.0.2.3", tuyengiao.SessionWeb)
			acctWant(t, err, tuyengiao.ETOOMANY)
			advance(time.Minute)
			acctLogin(t, db, "le.thi.c", acctPassword, "192.0.2.3")
		})
		t.Run("an attacker's failures do not stop the owner from their own address", func(t *testing.T) {
			acctUser(t, db, "hoang.van.f", acctGrant(tuyengiao.RoleEditor, q1))
			acctLogin(t, db, "hoang.van.f", acctPassword, "192.0.2.10")
			advance(time.Hour)
			for i := range 3 * tuyengiao.MaxFailedLoginsPerAccount {
				advance(time.Minute)
				// From one address, then from others once it is locked there.
				db.Login(ctx, "hoang.van.f", "doan-mo", "198.51.100."+strconv.Itoa(20+i/tuyengiao.MaxFailedLoginsPerAccount), tuyengiao.SessionWeb)
			}
			_, err := db.Login(ctx, "hoang.van.f", acctPassword, "198.51.100.20", tuyengiao.SessionWeb)
			acctWant(t, err, tuyengiao.ETOOMANY)
			acctLogin(t, db, "hoang.van.f", acctPassword, "192.0.2.10")
			// From a network it never logged in from, the owner waits out the account's delay.
			_, err = db.Login(ctx, "hoang.van.f", acctPassword, "192.0.3.11", tuyengiao.SessionWeb)
			if tuyengiao.ErrorCode(err) != tuyengiao.ETOOMANY || !strings.Contains(vn.Message(err), "giây") {
				t.Fatalf("err = %v", err)
			}
			advance(tuyengiao.LoginWindow)
			acctLogin(t, db, "hoang.van.f", acctPassword, "192.0.3.11")
		})
		// fail records n failed logins of the account from the addresses address(i), as
		// another node would have, to spare the tests the password checks.
		fail := func(login string, n int, address func(i int) string) {
			for i := range n {
				rec := &tuyengiao.AuditRecord{Login: login, Action: "auth.login", Object: login, Address: address(i), Outcome: tuyengiao.OutcomeFailed}
				if err := db.auditAlone(ctx, rec); err != nil {
					t.Fatal(err)
				}
			}
		}
		t.Run("the owner is not held anywhere in the networks they logged in from, only outside them", func(t *testing.T) {
			acctUser(t, db, "ngo.thi.h", acctGrant(tuyengiao.RoleEditor, q1))
			acctLogin(t, db, "ngo.thi.h", acctPassword, "192.0.2.200")
			acctLogin(t, db, "ngo.thi.h", acctPassword, "2001:db8:1:2::1")
			advance(time.Hour)
			fail("ngo.thi.h", 3*tuyengiao.MaxFailedLoginsPerAccount, func(i int) string { return "198.51.100." + strconv.Itoa(100+i) })
			// A phone's next address in its operator's /24, an IPv6 privacy address in its /64.
			acctLogin(t, db, "ngo.thi.h", acctPassword, "192.0.2.37")
			acctLogin(t, db, "ngo.thi.h", acctPassword, "2001:db8:1:2:a8f3:11ff:fe22:3344")
			for _, address := range []string{"192.0.3.200", "2001:db8:1:3::1"} {
				if _, err := db.Login(ctx, "ngo.thi.h", acctPassword, address, tuyengiao.SessionWeb); tuyengiao.ErrorCode(err) != tuyengiao.ETOOMANY {
					t.Fatalf("from %s: err = %v", address, err)
				}
			}
		})
		t.Run("the account's delay counts only the failures still in the window", func(t *testing.T) {
			acctUser(t, db, "bui.van.k", acctGrant(tuyengiao.RoleEditor, q1))
			address := func(i int) string { return "203.0.113." + strconv.Itoa(100+i) }
			fail("bui.van.k", tuyengiao.MaxFailedLoginsPerAccount, address)
			advance(10 * time.Minute)
			fail("bui.van.k", 10, address)
			// 15 failures in the window: the longest delay.
			_, err := db.Login(ctx, "bui.van.k", acctPassword, "203.0.113.250", tuyengiao.SessionWeb)
			if tuyengiao.ErrorCode(err) != tuyengiao.ETOOMANY || !strings.Contains(vn.Message(err), "sau 15 phút") {
				t.Fatalf("err = %v", err)
			}
			// The first five leave the window: 10 failures, a delay of 32 seconds, long past.
			advance(5*time.Minute + time.Second)
			acctLogin(t, db, "bui.van.k", acctPassword, "203.0.113.250")
		})
		t.Run("guessing from many addresses waits a delay that doubles with every failure", func(t *testing.T) {
			acctUser(t, db, "dang.thi.g", acctGrant(tuyengiao.RoleEditor, q1))
			addr := 0
			guess := func() error {
				addr++
				_, err := db.Login(ctx, "dang.thi.g", "doan-mo", "203.0.113."+strconv.Itoa(addr), tuyengiao.SessionWeb)
				return err
			}
			for range tuyengiao.MaxFailedLoginsPerAccount {
				acctWant(t, guess(), tuyengiao.EUNAUTHORIZED)
			}
			for _, delay := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second} {
				advance(delay - time.Millisecond)
				err := guess()
				if tuyengiao.ErrorCode(err) != tuyengiao.ETOOMANY || !strings.Contains(vn.Message(err), "sau 1 giây") {
					t.Fatalf("%v after the failure: %v", delay-time.Millisecond, err)
				}
				advance(time.Millisecond)
				acctWant(t, guess(), tuyengiao.EUNAUTHORIZED)
			}
		})
		t.Run("an address with too many failures is refused for every account", func(t *testing.T) {
			acctUser(t, db, "pham.van.d", acctGrant(tuyengiao.RoleEditor, q1))
			// The audit log is the counter every node shares: all failures but the last are
			// recorded as another node would have, to spare the test 19 password checks.
			for i := range tuyengiao.MaxFailedLoginsPerAddress - 1 {
				rec := &tuyengiao.AuditRecord{Login: "doan.mo", Action: "auth.login", Object: "doan.mo." + strconv.Itoa(i),
					Address: "198.51.100.7", Outcome: tuyengiao.OutcomeFailed}
				if err := db.auditAlone(ctx, rec); err != nil {
					t.Fatal(err)
				}
			}
			_, err := db.Login(ctx, "doan.mo", "sai mật khẩu rồi", "198.51.100.7", tuyengiao.SessionWeb)
			acctWant(t, err, tuyengiao.EUNAUTHORIZED)
			_, err = db.Login(ctx, "pham.van.d", acctPassword, "198.51.100.7", tuyengiao.SessionWeb)
			if tuyengiao.ErrorCode(err) != tuyengiao.ETOOMANY || !strings.Contains(vn.Message(err), "Địa chỉ mạng") {
				t.Fatalf("err = %v", err)
			}
			acctLogin(t, db, "pham.van.d", acctPassword, "198.51.100.8")
		})
		t.Run("a login that is no account leaves no trace of its text in the audit log, and is still limited", func(t *testing.T) {
			advance(time.Hour)
			const typed = "Nguyễn Văn Minh 0912345678"
			for range tuyengiao.MaxFailedLoginsPerAccount {
				_, err := db.Login(ctx, typed, "x", "192.0.2.40", tuyengiao.SessionWeb)
				acctWant(t, err, tuyengiao.EUNAUTHORIZED)
			}
			_, err := db.Login(ctx, typed, "x", "192.0.2.40", tuyengiao.SessionWeb)
			acctWant(t, err, tuyengiao.ETOOMANY)
			var traces, objects int
			err = db.queryRow(ctx, `SELECT COUNT(*) FROM audit_log WHERE login || object || detail LIKE ? OR lower(login || object || detail) LIKE ?`,
				"%0912345678%", "%minh%").Scan(&traces)
			if err != nil || traces != 0 {
				t.Fatalf("%d records hold the login typed: %v", traces, err)
			}
			err = db.queryRow(ctx, `SELECT COUNT(DISTINCT object) FROM audit_log WHERE action = 'auth.login' AND address = ? AND login = '' AND object LIKE ?`,
				"192.0.2.40", tuyengiao.UnknownLoginPrefix+"_%").Scan(&objects)
			if err != nil || objects != 1 {
				t.Fatalf("%d objects for one unknown login: %v", objects, err)
			}
			// Another node derives the same key from the database.
			other, err := db.unknownLogin(ctx, normalizeLogin(typed))
			if err != nil || other == tuyengiao.UnknownLoginPrefix {
				t.Fatalf("object %q: %v", other, err)
			}
		})
		t.Run("an address guessing logins that are no accounts is refused for every account", func(t *testing.T) {
			advance(time.Hour)
			acctUser(t, db, "mai.van.l", acctGrant(tuyengiao.RoleEditor, q1))
			for i := range tuyengiao.MaxFailedLoginsPerAddress {
				_, err := db.Login(ctx, "Trần Thị Lan 09"+strconv.Itoa(10000000+i), "x", "192.0.2.41", tuyengiao.SessionWeb)
				acctWant(t, err, tuyengiao.EUNAUTHORIZED)
			}
			_, err := db.Login(ctx, "mai.van.l", acctPassword, "192.0.2.41", tuyengiao.SessionWeb)
			if tuyengiao.ErrorCode(err) != tuyengiao.ETOOMANY || !strings.Contains(vn.Message(err), "Địa chỉ mạng") {
				t.Fatalf("err = %v", err)
			}
		})
		t.Run("500 attempts while locked add one record to the audit log", func(t *testing.T) {
			advance(time.Hour)
			acctUser(t, db, "ly.thi.m", acctGrant(tuyengiao.RoleEditor, q1))
			fail("ly.thi.m", tuyengiao.MaxFailedLoginsPerAccount, func(int) string { return "192.0.2.42" })
			fail("doan.mo", tuyengiao.MaxFailedLoginsPerAddress, func(int) string { return "192.0.2.43" })
			records := func() int {
				var n int
				if err := db.queryRow(ctx, `SELECT COUNT(*) FROM audit_log`).Scan(&n); err != nil {
					t.Fatal(err)
				}
				return n
			}
			for _, c := range []struct{ what, address, limit string }{
				{"the same account", "192.0.2.42", "quá số lần thử: tài khoản từ địa chỉ này"},
				{"another login each time", "192.0.2.43", "quá số lần thử: địa chỉ"},
			} {
				before := records()
				for i := range 500 {
					login := "ly.thi.m"
					if c.address == "192.0.2.43" {
						login = "doan.mo." + strconv.Itoa(i)
					}
					_, err := db.Login(ctx, login, acctPassword, c.address, tuyengiao.SessionWeb)
					acctWant(t, err, tuyengiao.ETOOMANY)
				}
				if n := records() - before; n != 1 {
					t.Fatalf("%s: %d records for 500 refusals", c.what, n)
				}
				var detail string
				if err := db.queryRow(ctx, `SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&detail); err != nil || detail != c.limit {
					t.Fatalf("%s: the refusal reads %q (%v), want the limit that held: %q", c.what, detail, err, c.limit)
				}
			}
			// A new lock, once the last one has passed, is recorded again.
			advance(tuyengiao.LoginWindow)
			fail("ly.thi.m", tuyengiao.MaxFailedLoginsPerAccount, func(int) string { return "192.0.2.42" })
			before := acctAudits(t, db, "auth.login", tuyengiao.OutcomeDenied)
			_, err := db.Login(ctx, "ly.thi.m", acctPassword, "192.0.2.42", tuyengiao.SessionWeb)
			acctWant(t, err, tuyengiao.ETOOMANY)
			if acctAudits(t, db, "auth.login", tuyengiao.OutcomeDenied) != before+1 {
				t.Fatal("the new lock's refusal not audited")
			}
		})
		t.Run("a hash made with older parameters is replaced at login", func(t *testing.T) {
			u := acctUser(t, db, "vo.van.e", acctGrant(tuyengiao.RoleEditor, q1))
			const old = "$argon2id$v=19$m=8192,t=1,p=2$c2FsdHNhbHRzYWx0c2FsdA$mbxFu2ARX+sfEV99tftj9NFjqBr13PtO" // "correct horse"
			if _, err := db.write.Exec(db.rebind(`UPDATE users SET password_hash = ? WHERE id = ?`), old, u.ID); err != nil {
				t.Fatal(err)
			}
			acctLogin(t, db, "vo.van.e", "correct horse", "192.0.2.5")
			var hash string
			db.queryRow(ctx, `SELECT password_hash FROM users WHERE id = ?`, u.ID).Scan(&hash)
			if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") {
				t.Fatalf("hash %q", hash)
			}
			acctLogin(t, db, "vo.van.e", "correct horse", "192.0.2.5")
		})
	})
}

func TestSession(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		advance := acctClock(db)
		q1 := acctUnit(t, db, nil, "Q1")
		p1 := acctUnit(t, db, q1, "P1")
		u := acctUser(t, db, "nguyen.van.a", acctGrant(tuyengiao.RoleEditor, p1), acctGrant(tuyengiao.RoleViewer, q1))
		ctx := context.Background()
		lastSeen := func(token string) time.Time {
			if err := db.flushSeen(ctx); err != nil {
				t.Fatal(err)
			}
			var at time.Time
			db.queryRow(ctx, `SELECT last_seen_at FROM sessions WHERE id = ?`, tokenID(token)).Scan(&at)
			return at.UTC()
		}

		t.Run("the principal carries the grants with their unit paths, the session and the address", func(t *testing.T) {
			token := acctLogin(t, db, "nguyen.van.a", acctPassword, "192.0.2.1")
			p, err := db.Authenticate(ctx, token, "192.0.2.99")
			if err != nil {
				t.Fatal(err)
			}
			if p.UserID != u.ID || p.Login != "nguyen.van.a" || p.SessionID != tokenID(token) || p.Address != "192.0.2.99" ||
				len(p.Grants) != 2 || p.Grants[0].UnitPath != q1.path || p.Grants[1].UnitPath != p1.path {
				t.Fatalf("principal %+v", p)
			}
			again, err := db.Authenticate(ctx, token, "192.0.2.99")
			if err != nil || !reflect.DeepEqual(again.Grants, p.Grants) {
				t.Fatalf("the second request, with the grants the node kept: %+v, %v; want %+v", again, err, p.Grants)
			}
			_, err = db.Authenticate(ctx, token+"x", "192.0.2.99")
			acctWant(t, err, tuyengiao.EUNAUTHORIZED)
		})
		t.Run("an account whose grants were all revoked opens a session with none", func(t *testing.T) {
			b := acctUser(t, db, "tran.thi.b", acctGrant(tuyengiao.RoleViewer, p1))
			token := acctLogin(t, db, "tran.thi.b", acctPassword, "192.0.2.1")
			if err := db.RemoveGrant(sysadminCtx(), b.Grants[0].ID); err != nil {
				t.Fatal(err)
			}
			for range 2 {
				if p, err := db.Authenticate(ctx, token, "192.0.2.1"); err != nil || p.Login != "tran.thi.b" || len(p.Grants) != 0 {
					t.Fatalf("principal %+v, %v", p, err)
				}
			}
			if err := db.endSession(ctx, tokenID(token)); err != nil { // not to be counted by the subtests below
				t.Fatal(err)
			}
		})
		t.Run("last_seen_at is written at most once a minute", func(t *testing.T) {
			token := acctLogin(t, db, "nguyen.van.a", acctPassword, "192.0.2.1")
			start := db.now()
			advance(59 * time.Second)
			db.Authenticate(ctx, token, "192.0.2.1")
			if got := lastSeen(token); !got.Equal(start) {
				t.Fatalf("last seen %v after 59 s, want %v", got, start)
			}
			advance(time.Second)
			db.Authenticate(ctx, token, "192.0.2.1")
			if got := lastSeen(token); !got.Equal(db.now()) {
				t.Fatalf("last seen %v after 60 s, want %v", got, db.now())
			}
		})
		t.Run("a session idle beyond the idle timeout has ended", func(t *testing.T) {
			token := acctLogin(t, db, "nguyen.van.a", acctPassword, "192.0.2.1")
			advance(tuyengiao.IdleTimeout)
			if _, err := db.Authenticate(ctx, token, "192.0.2.1"); err != nil {
				t.Fatalf("after exactly the idle timeout: %v", err)
			}
			advance(tuyengiao.IdleTimeout + time.Second)
			_, err := db.Authenticate(ctx, token, "192.0.2.1")
			acctWant(t, err, tuyengiao.EUNAUTHORIZED)
		})
		t.Run("a session in constant use ends at the absolute timeout", func(t *testing.T) {
			token := acctLogin(t, db, "nguyen.van.a", acctPassword, "192.0.2.1")
			for elapsed := time.Duration(0); elapsed < tuyengiao.AbsoluteTimeout-time.Second; elapsed += 20 * time.Minute {
				if _, err := db.Authenticate(ctx, token, "192.0.2.1"); err != nil {
					t.Fatalf("after %v: %v", elapsed, err)
				}
				advance(20 * time.Minute)
			}
			_, err := db.Authenticate(ctx, token, "192.0.2.1")
			acctWant(t, err, tuyengiao.EUNAUTHORIZED)
		})
		t.Run("logout ends the session, is audited and may be repeated", func(t *testing.T) {
			token := acctLogin(t, db, "nguyen.van.a", acctPassword, "192.0.2.1")
			if err := db.Logout(ctx, token); err != nil {
				t.Fatal(err)
			}
			_, err := db.Authenticate(ctx, token, "192.0.2.1")
			acctWant(t, err, tuyengiao.EUNAUTHORIZED)
			if err := db.Logout(ctx, token); err != nil || acctAudits(t, db, "auth.logout", tuyengiao.OutcomeOK) != 1 {
				t.Fatalf("second logout: %v", err)
			}
		})
		t.Run("purging deletes the dead sessions and keeps the live ones", func(t *testing.T) {
			other := acctUser(t, db, "tran.van.b", acctGrant(tuyengiao.RoleViewer, q1))
			acctLogin(t, db, "tran.van.b", acctPassword, "192.0.2.1")
			advance(tuyengiao.IdleTimeout + time.Second)
			live := acctLogin(t, db, "nguyen.van.a", acctPassword, "192.0.2.1")
			n, err := db.PurgeSessions(ctx)
			if err != nil || n != 1 || acctSessions(t, db, other.ID) != 0 || acctSessions(t, db, u.ID) != 1 {
				t.Fatalf("purged %d, %v", n, err)
			}
			if _, err := db.Authenticate(ctx, live, "192.0.2.1"); err != nil {
				t.Fatal(err)
			}
		})
	})
}

func TestMustChangePassword(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		acctClock(db)
		q1 := acctUnit(t, db, nil, "Q1")
		u := acctUser(t, db, "nguyen.van.a", acctGrant(tuyengiao.RoleEditor, q1))
		ctx := context.Background()
		const reset, chosen = "mật khẩu tạm thời", "mật khẩu tự chọn"

		t.Run("a reset ends the sessions and the next login must change the password", func(t *testing.T) {
			old := acctLogin(t, db, "nguyen.van.a", acctPassword, "192.0.2.1")
			if err := db.ResetPassword(sysadminCtx(), u.ID, reset); err != nil {
				t.Fatal(err)
			}
			_, err := db.Authenticate(ctx, old, "192.0.2.1")
			acctWant(t, err, tuyengiao.EUNAUTHORIZED)
			other := acctLogin(t, db, "nguyen.van.a", reset, "192.0.2.2")
			token := acctLogin(t, db, "nguyen.van.a", reset, "192.0.2.1")
			p, err := db.Authenticate(ctx, token, "192.0.2.1")
			if tuyengiao.ErrorCode(err) != tuyengiao.EPASSWORD || p == nil || p.UserID != u.ID {
				t.Fatalf("principal %+v, %v", p, err)
			}
			pctx := tuyengiao.NewContext(ctx, p)

			acctField(t, db.ChangePassword(pctx, "không phải nó đâu", chosen), "old_password")
			acctField(t, db.ChangePassword(pctx, reset, reset), "new_password")
			acctField(t, db.ChangePassword(pctx, reset, "ngắn"), "new_password")
			if err := db.ChangePassword(pctx, reset, chosen); err != nil {
				t.Fatal(err)
			}
			if p, err := db.Authenticate(ctx, token, "192.0.2.1"); err != nil || p.UserID != u.ID {
				t.Fatalf("after the change: %+v, %v", p, err)
			}
			_, err = db.Authenticate(ctx, other, "192.0.2.2")
			acctWant(t, err, tuyengiao.EUNAUTHORIZED)
		})
		t.Run("wrong old passwords are limited like failed logins", func(t *testing.T) {
			token := acctLogin(t, db, "nguyen.van.a", chosen, "192.0.2.1")
			p, _ := db.Authenticate(ctx, token, "192.0.2.1")
			pctx := tuyengiao.NewContext(ctx, p)
			// One wrong guess was made in the subtest above.
			for range tuyengiao.MaxFailedLoginsPerAccount - 1 {
				acctWant(t, db.ChangePassword(pctx, "đoán bừa một lần", "mật khẩu mới nữa"), tuyengiao.EINVALID)
			}
			acctWant(t, db.ChangePassword(pctx, chosen, "mật khẩu mới nữa"), tuyengiao.ETOOMANY)
		})
	})
}

func TestSameNetwork(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"192.0.2.1", "192.0.2.254", true},
		{"192.0.2.1", "192.0.3.1", false},
		{"::ffff:192.0.2.1", "192.0.2.9", true},
		{"2001:db8:1:2::1", "2001:db8:1:2:ffff::1", true},
		{"2001:db8:1:2::1", "2001:db8:1:3::1", false},
		{"fe80::1%eth0", "fe80::2", true},
		{"192.0.2.1", "2001:db8::1", false},
		{"", "", true},
		{"", "192.0.2.1", false},
	} {
		if got := sameNetwork(c.a, c.b); got != c.same {
			t.Errorf("sameNetwork(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

// TestLoginKey keys the stand-in of a login that is no account with a random secret made at
// migration: there before any audit record, kept when another node migrates, and not
// something the audit log or its head file shows.
func TestLoginKey(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		key, err := db.loginKey(ctx)
		if err != nil || len(key) != 64 {
			t.Fatalf("key %q, %v: want 32 random bytes in hex from the migration", key, err)
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if again, err := db.loginKey(ctx); err != nil || again != key {
			t.Fatalf("after migrating again the key is %q (%v), was %q", again, err, key)
		}
		var shown int
		if err := db.queryRow(ctx, `SELECT COUNT(*) FROM audit_log WHERE hash = ? OR detail LIKE ?`, key, "%"+key+"%").Scan(&shown); err != nil || shown != 0 {
			t.Fatalf("the key is in %d audit records (%v)", shown, err)
		}
	})
}
