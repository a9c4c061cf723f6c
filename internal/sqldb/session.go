package sqldb

import (
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"time"

	"tuyengiao"
	"tuyengiao/internal/password"
	"tuyengiao/internal/vn"
)

// Sessions live in the database so that every app node sees them. A session's id is the
// SHA-256 (hex) of its token: the token itself is only ever in the client's hands, so a copy
// of the database opens no session. A session dies after tuyengiao.IdleTimeout without a
// request and tuyengiao.AbsoluteTimeout after login, whichever comes first.

// touchEvery is how stale last_seen_at may get before Authenticate notes it for writing: one
// write a minute per session instead of one per request. The idle timeout is therefore measured
// from a moment up to a minute before the last request.
const touchEvery = time.Minute

// errBadLogin is the one answer to an unknown login and to a wrong password, so that the
// answer does not tell which logins exist.
var errBadLogin = tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Tên đăng nhập hoặc mật khẩu không đúng.")

// errSessionEnded is the answer to a token that opens no live session.
var errSessionEnded = tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.")

// dummyHash is checked against when the login is unknown, so that the answer takes as long
// as for a known login with a wrong password.
var dummyHash = sync.OnceValue(func() string { return password.Hash(password.Random(20)) })

// hashWait is how long a request waits for a slot of DB.Hashes before it is answered errBusy:
// 64 logins at once on two idle cores are all answered within about 1,5 s, while a client that
// would wait longer is better told to come back than held.
const hashWait = 5 * time.Second

// errBusy is the answer to a request that found no hash slot within hashWait.
var errBusy = tuyengiao.Errorf(tuyengiao.EBUSY, "Máy chủ đang bận, vui lòng thử lại sau ít giây.")

// hashing runs fn, which hashes passwords, in a slot of db.Hashes, waiting in the turn of the
// client's address; errBusy when no slot came within hashWait, ctx's error when the request
// ended first. Lock-outs are checked before: a refused request does not queue.
func (db *DB) hashing(ctx context.Context, address string, fn func()) error {
	err := db.Hashes.Do(ctx, turnOf(address), fn)
	if errors.Is(err, password.ErrBusy) {
		return errBusy
	}
	return err
}

// turnOf returns whose turn a client address waits in: an IPv6 client's /64, since one host
// has a whole /64 to send from, and an IPv4 address itself.
func turnOf(address string) string {
	a, err := netip.ParseAddr(address)
	if err != nil || a.Unmap().Is4() {
		return address
	}
	network, err := a.WithZone("").Prefix(64)
	if err != nil {
		return address
	}
	return network.String()
}

// hash returns the hash of a password being set by the caller of ctx, hashed in its turn
// (hashing) under the caller's address.
func (db *DB) hash(ctx context.Context, pw string) (string, error) {
	var address, hash string
	if p := tuyengiao.PrincipalFrom(ctx); p != nil {
		address = p.Address
	}
	err := db.hashing(ctx, address, func() { hash = password.Hash(pw) })
	return hash, err
}

// tokenID returns the stored id of a session token.
func tokenID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Login implements tuyengiao.AuthService. Failed attempts are counted in the audit log,
// which every node shares, and limit further attempts as loginAllowed says: an account is
// locked from an address that guessed wrong too often, never from everywhere, and slowed
// down for the addresses it has not logged in from lately. Refused attempts get ETOOMANY,
// even with the right password. (Attempts running at the same instant may each pass the
// count, so a limit can be overshot by the number of concurrent requests.) A disabled account is
// refused only once its password is right, so the refusal tells nothing to a guesser.
// The password is checked in a slot of db.Hashes (hashing), in the turn of the address, and
// only once the limits have let the attempt through, so a refused attempt does not queue; an
// attempt that finds no slot in time gets EBUSY. An unknown login is checked against
// dummyHash the same way.
// Success opens a new session (a new id at every login, so a planted id is worthless) and
// returns its token: 32 random bytes in unpadded base64url.
func (db *DB) Login(ctx context.Context, login, pw, address string, kind tuyengiao.SessionKind) (string, error) {
	if kind != tuyengiao.SessionWeb && kind != tuyengiao.SessionAPI {
		return "", tuyengiao.Errorf(tuyengiao.EINVALID, "Loại phiên đăng nhập không hợp lệ.")
	}
	login = normalizeLogin(login)
	rec := &tuyengiao.AuditRecord{Action: "auth.login", Address: address}
	var hash string
	var disabled sql.NullTime
	err := db.queryRow(ctx, `SELECT id, password_hash, disabled_at FROM users WHERE login = ?`, login).Scan(&rec.UserID, &hash, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		if rec.Object, err = db.unknownLogin(ctx, login); err != nil {
			return "", err
		}
	} else if err != nil {
		return "", err
	} else {
		rec.Login, rec.Object = login, login
	}
	if err := db.loginAllowed(ctx, rec); err != nil {
		return "", err
	}
	if rec.UserID != 0 {
		if rec.UnitID, err = db.homeUnit(ctx, rec.UserID); err != nil {
			return "", err
		}
	}
	// The password is checked, and rehashed when its hash is of older parameters, in one slot.
	var ok bool
	var hashErr error
	newHash := hash
	if err := db.hashing(ctx, address, func() {
		if rec.UserID == 0 {
			hash = dummyHash()
		}
		if ok, hashErr = password.Verify(hash, pw); ok && hashErr == nil && rec.UserID != 0 {
			newHash, hashErr = rehash(hash, pw)
		}
	}); err != nil {
		return "", err
	} else if hashErr != nil {
		return "", hashErr
	} else if !ok || rec.UserID == 0 {
		rec.Outcome = tuyengiao.OutcomeFailed
		return "", errors.Join(errBadLogin, db.auditAlone(ctx, rec))
	} else if disabled.Valid {
		rec.Outcome, rec.Detail = tuyengiao.OutcomeDenied, "tài khoản đã bị khóa"
		return "", errors.Join(tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Tài khoản đã bị khóa. Vui lòng liên hệ quản trị viên."),
			db.auditAlone(ctx, rec))
	}
	return db.openSession(ctx, rec, hash, newHash, kind)
}

// unknownLogin returns the audited object of a login that is no account:
// tuyengiao.UnknownLoginPrefix and the hex HMAC-SHA256 of the login keyed with loginKey. The
// text typed there may be anyone's name or phone, which the audit log, kept for ever, must
// not hold; the same login gets the same object, so that its failures are still counted. A
// plain hash would not do: the phone numbers are few enough to try them all.
func (db *DB) unknownLogin(ctx context.Context, login string) (string, error) {
	key, err := db.loginKey(ctx)
	if err != nil {
		return "", err
	}
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(login))
	return tuyengiao.UnknownLoginPrefix + hex.EncodeToString(mac.Sum(nil)), nil
}

// loginSecret names the key of unknownLogin in the secrets table.
const loginSecret = "login"

// ensureSecret makes the secret name, 32 random bytes in hex, unless it exists: nodes that
// migrate together keep whichever was written first.
func (db *DB) ensureSecret(ctx context.Context, name string) error {
	return db.update(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`,
			name, hex.EncodeToString(randomBytes(32)))
		return err
	})
}

// loginKey returns the key of unknownLogin: the random secret Migrate made, the same on
// every node, which no page, export or record shows.
func (db *DB) loginKey(ctx context.Context) (string, error) {
	var key string
	err := db.queryRow(ctx, `SELECT value FROM secrets WHERE name = ?`, loginSecret).Scan(&key)
	return key, err
}

// homeUnit returns the highest unit where the account holds a role, 0 when none (a
// sysadmin's): logins are recorded at it, so that the administrators of that unit see the
// logins of their accounts in the audit log.
func (db *DB) homeUnit(ctx context.Context, userID int64) (int64, error) {
	var unitID int64
	err := db.queryRow(ctx, `SELECT g.unit_id FROM grants g JOIN units u ON u.id = g.unit_id
		WHERE g.user_id = ? ORDER BY length(u.path), u.path LIMIT 1`, userID).Scan(&unitID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return unitID, err
}

// Login delays of an account that someone guesses at from many addresses (loginAllowed).
const (
	// firstLoginDelay is the delay at the account's limit of failures; it doubles with
	// every further failure, up to tuyengiao.LoginWindow.
	firstLoginDelay = time.Second
	// knownAddressPeriod is how recent a successful login from an address must be for the
	// account to skip the delay there.
	knownAddressPeriod = 30 * 24 * time.Hour
	// knownIPv4Bits and knownIPv6Bits are the prefixes within which an address counts as one
	// the account logged in from: a phone's or a CGNAT's address changes within its /24, an
	// IPv6 privacy address within its /64.
	knownIPv4Bits, knownIPv6Bits = 24, 64
)

// loginAllowed refuses, with ETOOMANY and an audited denial, a login that has reached a limit
// of failures within tuyengiao.LoginWindow:
//   - the account from this address: tuyengiao.MaxFailedLoginsPerAccount failures lock the
//     account from there only, so that someone guessing elsewhere cannot lock its owner out;
//   - the address: tuyengiao.MaxFailedLoginsPerAddress failures for any accounts (an empty
//     address, a caller with no network peer, is not counted);
//   - the account as a whole, from an address outside the networks (sameNetwork) where it
//     has logged in within knownAddressPeriod: once it has tuyengiao.MaxFailedLoginsPerAccount
//     failures from anywhere within the window, an attempt must wait firstLoginDelay after
//     the last failure, twice as long for each further failure in the window, at most
//     tuyengiao.LoginWindow; the delay shrinks as failures leave the window. Guessing from many
//     addresses thus gets a dozen tries per window, while the owner at their usual network is
//     not held.
func (db *DB) loginAllowed(ctx context.Context, rec *tuyengiao.AuditRecord) error {
	limit, cond, args := "tài khoản từ địa chỉ này", "object = ? AND address = ?", []any{rec.Object, rec.Address}
	err := db.failureLimit(ctx, rec.Action, "Tài khoản này đã nhập sai mật khẩu quá nhiều lần từ địa chỉ mạng của bạn",
		cond, tuyengiao.MaxFailedLoginsPerAccount, args...)
	if err == nil && rec.Address != "" {
		limit, cond, args = "địa chỉ", "address = ?", []any{rec.Address}
		err = db.underLimit(ctx, rec.Action, "address", rec.Address, tuyengiao.MaxFailedLoginsPerAddress)
	}
	if err == nil {
		limit, cond, args = "tài khoản", "object = ?", []any{rec.Object}
		err = db.accountDelay(ctx, rec)
	}
	if tuyengiao.ErrorCode(err) == tuyengiao.ETOOMANY {
		return errors.Join(err, db.auditRefusal(ctx, rec, refusalDetail+limit, cond, args...))
	}
	return err
}

// refusalDetail begins the detail of the record of a login refused by loginAllowed, which
// then names the limit that held: the account from this address, the address, the account.
const refusalDetail = "quá số lần thử: "

// auditRefusal records, with detail, that a limit of loginAllowed refused rec, unless a
// refusal by the same limit (detail) whose record meets cond with args (the limit's own
// condition on object and address) is recorded within tuyengiao.LoginWindow: one record per
// lock tells that the limit held, and a client retrying in a loop cannot grow the chained log
// by a record a request. (Nodes refusing at the same instant may each record one.) Refusals
// are never counted as failures.
func (db *DB) auditRefusal(ctx context.Context, rec *tuyengiao.AuditRecord, detail, cond string, args ...any) error {
	all := append([]any{rec.Action, tuyengiao.OutcomeDenied, db.now().Add(-tuyengiao.LoginWindow), detail}, args...)
	var one int
	err := db.queryRow(ctx, `SELECT 1 FROM audit_log WHERE action = ? AND outcome = ? AND at > ? AND detail = ? AND `+cond+` LIMIT 1`,
		all...).Scan(&one)
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	denied := *rec
	denied.Outcome, denied.Detail = tuyengiao.OutcomeDenied, detail
	return db.auditAlone(ctx, &denied)
}

// failedWhere selects the failures of an action within tuyengiao.LoginWindow, with the
// arguments of failedArgs, followed by a condition on object or address (both indexed with
// action and at).
const failedWhere = ` FROM audit_log WHERE action = ? AND outcome = ? AND at > ? AND `

func (db *DB) failedArgs(action string, args ...any) []any {
	return append([]any{action, tuyengiao.OutcomeFailed, db.now().Add(-tuyengiao.LoginWindow)}, args...)
}

// underLimit returns ETOOMANY when the audit log holds limit or more failures of the action
// within tuyengiao.LoginWindow whose column ("object" or "address") is value.
func (db *DB) underLimit(ctx context.Context, action, column, value string, limit int) error {
	who := "Tài khoản này đã nhập sai mật khẩu quá nhiều lần"
	if column == "address" {
		who = "Địa chỉ mạng của bạn đã nhập sai mật khẩu quá nhiều lần"
	}
	return db.failureLimit(ctx, action, who, column+" = ?", limit, value)
}

// failureLimit returns ETOOMANY, starting with who, when the audit log holds limit or more
// failures of the action within tuyengiao.LoginWindow that meet cond with args. The message
// says when the count drops below the limit: when the (n-limit+1)th oldest of the n failures
// leaves the window.
func (db *DB) failureLimit(ctx context.Context, action, who, cond string, limit int, args ...any) error {
	all := db.failedArgs(action, args...)
	var n int
	if err := db.queryRow(ctx, `SELECT COUNT(*)`+failedWhere+cond, all...).Scan(&n); err != nil || n < limit {
		return err
	}
	var at time.Time
	err := db.queryRow(ctx, `SELECT at`+failedWhere+cond+` ORDER BY at LIMIT 1 OFFSET `+itoa(n-limit), all...).Scan(&at)
	if err != nil {
		return err
	}
	retry := at.Add(tuyengiao.LoginWindow)
	minutes := int((retry.Sub(db.now()) + time.Minute - 1) / time.Minute)
	return tuyengiao.Errorf(tuyengiao.ETOOMANY, "%s. Vui lòng thử lại sau %d phút (lúc %s).",
		who, max(minutes, 1), retry.In(vn.Zone).Format("15:04"))
}

// accountDelay returns ETOOMANY while the account of rec waits out its delay (loginAllowed),
// unless it logged in from rec's network within knownAddressPeriod (knownAddress).
func (db *DB) accountDelay(ctx context.Context, rec *tuyengiao.AuditRecord) error {
	args := db.failedArgs(rec.Action, rec.Object)
	var n int
	if err := db.queryRow(ctx, `SELECT COUNT(*)`+failedWhere+`object = ?`, args...).Scan(&n); err != nil || n < tuyengiao.MaxFailedLoginsPerAccount {
		return err
	}
	var last time.Time
	if err := db.queryRow(ctx, `SELECT at`+failedWhere+`object = ? ORDER BY at DESC LIMIT 1`, args...).Scan(&last); err != nil {
		return err
	}
	delay := tuyengiao.LoginWindow
	if doublings := n - tuyengiao.MaxFailedLoginsPerAccount; doublings < 20 {
		delay = min(firstLoginDelay<<doublings, delay)
	}
	wait := last.Add(delay).Sub(db.now())
	if wait <= 0 {
		return nil
	}
	if known, err := db.knownAddress(ctx, rec); err != nil || known {
		return err
	}
	n, unit := int((wait+time.Second-1)/time.Second), "giây"
	if wait > time.Minute {
		n, unit = int((wait+time.Minute-1)/time.Minute), "phút"
	}
	return tuyengiao.Errorf(tuyengiao.ETOOMANY, "Tài khoản này đang bị thử mật khẩu nhiều lần. Vui lòng thử lại sau %d %s.", n, unit)
}

// knownAddress tells whether the account of rec logged in within knownAddressPeriod from an
// address in the network of rec's (sameNetwork).
func (db *DB) knownAddress(ctx context.Context, rec *tuyengiao.AuditRecord) (bool, error) {
	rows, err := db.query(ctx, `SELECT DISTINCT address FROM audit_log WHERE action = ? AND outcome = ? AND object = ? AND at > ?`,
		rec.Action, tuyengiao.OutcomeOK, rec.Object, db.now().Add(-knownAddressPeriod))
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var address string
		if err := rows.Scan(&address); err != nil {
			return false, err
		}
		if sameNetwork(address, rec.Address) {
			return true, nil
		}
	}
	return false, rows.Err()
}

// sameNetwork tells whether the addresses a and b share their /24 (IPv4) or /64 (IPv6)
// network; what is not an IP address (none, for a caller with no network peer) matches only
// itself.
func sameNetwork(a, b string) bool {
	pa, errA := netip.ParseAddr(a)
	pb, errB := netip.ParseAddr(b)
	if errA != nil || errB != nil {
		return a == b
	}
	pa, pb = pa.Unmap().WithZone(""), pb.Unmap().WithZone("")
	bits := knownIPv6Bits
	if pa.Is4() {
		bits = knownIPv4Bits
	}
	network, err := pa.Prefix(bits)
	return err == nil && network.Contains(pb)
}

// rehash returns the hash to store for a password that has just matched hash: hash itself,
// or a new one when hash was made with older parameters.
func rehash(hash, pw string) (string, error) {
	if needs, err := password.NeedsRehash(hash); err != nil || !needs {
		return hash, err
	}
	return password.Hash(pw), nil
}

// openSession stores a new session for the account of rec, whose password has just matched
// hash, and returns its token. The account's dead sessions are swept on the way, and newHash
// replaces hash (rehash).
func (db *DB) openSession(ctx context.Context, rec *tuyengiao.AuditRecord, hash, newHash string, kind tuyengiao.SessionKind) (string, error) {
	b := make([]byte, 32)
	rand.Read(b) // never fails: crypto/rand aborts the program rather than return an error
	token := base64.RawURLEncoding.EncodeToString(b)
	now := db.now()
	err := db.update(ctx, func(tx *Tx) error {
		// The account must still have the password just checked and be enabled: a reset or
		// a disable that committed since then wins over this login.
		res, err := tx.exec(ctx, `UPDATE users SET last_login_at = ?, password_hash = ?
			WHERE id = ? AND password_hash = ? AND disabled_at IS NULL`, now, newHash, rec.UserID, hash)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n != 1 {
			return errBadLogin
		}
		dead := append([]any{rec.UserID}, db.deadArgs()...)
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ? AND `+deadSession, dead...); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO sessions (id, user_id, kind, created_at, last_seen_at, expires_at, address)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, tokenID(token), rec.UserID, kind, now, now, now.Add(tuyengiao.AbsoluteTimeout), rec.Address)
		if err != nil {
			return err
		}
		rec.Detail = string(kind)
		return db.audit(ctx, tx, rec)
	})
	if err != nil {
		return "", err
	}
	return token, nil
}

// deadSession is the condition on sessions that have expired or been idle too long, with
// the arguments of deadArgs; Authenticate applies the same rule in Go.
const deadSession = `(expires_at <= ? OR last_seen_at < ?)`

func (db *DB) deadArgs() []any {
	now := db.now()
	return []any{now, now.Add(-tuyengiao.IdleTimeout)}
}

// PurgeSessions deletes every expired or idle session and returns how many. Login sweeps
// the sessions of the account logging in; the application calls this now and then (every
// hour, say) for accounts that never return.
func (db *DB) PurgeSessions(ctx context.Context) (int64, error) {
	var n int64
	err := db.update(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM sessions WHERE `+deadSession, db.deadArgs()...)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n, err
}

// Authenticate implements tuyengiao.AuthService. It returns the principal of the session,
// with the account's current grants (so a revoked role is gone at the next request) and
// address as the client address, or EUNAUTHORIZED when the token opens no session, the
// session has expired or been idle past tuyengiao.IdleTimeout, or the account is disabled.
//
// An account that must change its password gets BOTH a principal and an error with code
// tuyengiao.EPASSWORD: the session is valid, but the web layer lets such a principal reach
// only the change-password page and logout, and answers every other request with the error.
// So a caller that only checks err != nil treats it as not logged in, which is safe; the
// principal is never returned with any other error.
//
// It reads the session with its account and the versions of the account's grants and of the
// unit tree, in one statement with the grants themselves at the node's first request of the
// session (readSession); later the grants come from the node's cache while those versions stay
// (grantsFor). last_seen_at is noted at most once a minute (see touchEvery) and written in the
// background (flushSeen), never in the request.
func (db *DB) Authenticate(ctx context.Context, token, address string) (*tuyengiao.Principal, error) {
	p := &tuyengiao.Principal{SessionID: tokenID(token), Address: address}
	s, err := db.readSession(ctx, p)
	if err != nil {
		return nil, err
	}
	now := db.now()
	lastSeen := db.lastSeen(p.SessionID, s.lastSeen.UTC())
	if !now.Before(s.expires) || now.Sub(lastSeen) > tuyengiao.IdleTimeout || s.disabled.Valid {
		// The session can never come back: delete it now rather than at the next purge.
		return nil, errors.Join(errSessionEnded, db.endSession(ctx, p.SessionID))
	}
	if now.Sub(lastSeen) >= touchEvery {
		db.touch(p.SessionID, now)
	}
	grants := s.grants
	if s.withGrants {
		db.cache.grants.put(p.UserID, s.stamp, grants)
		db.cache.sessions.put(p.SessionID, struct{}{}, p.UserID)
		grants = slices.Clone(grants)
	} else if grants, err = db.grantsFor(ctx, p.UserID, s.stamp); err != nil {
		return nil, err
	}
	p.PersonID, p.Grants = s.person.Int64, grants
	if s.mustChange {
		return p, tuyengiao.Errorf(tuyengiao.EPASSWORD, "Bạn cần đổi mật khẩu trước khi tiếp tục.")
	}
	return p, nil
}

// sessionRow is a session as readSession reads it, with what Authenticate decides on.
type sessionRow struct {
	lastSeen, expires time.Time
	person            sql.NullInt64
	disabled          sql.NullTime
	mustChange        bool
	stamp             grantsStamp
	// withGrants says that grants were read in the same statement.
	withGrants bool
	grants     []tuyengiao.Grant
}

// readSession reads the session p.SessionID and its account into p and the row it returns, or
// returns errSessionEnded. It reads the account's grants in the same statement
// (sessionGrantsSQL) unless the node holds them from an earlier request of the session; then
// it reads their stamp alone (sessionSQL), for grantsFor to check.
func (db *DB) readSession(ctx context.Context, p *tuyengiao.Principal) (*sessionRow, error) {
	s := &sessionRow{}
	cols := []any{&p.UserID, &s.lastSeen, &s.expires, &p.Login, &p.Name, &s.person, &s.mustChange, &s.disabled, &s.stamp.grants, &s.stamp.tree}
	if user, ok := db.cache.sessions.get(p.SessionID, struct{}{}); ok && db.cache.grants.holds(user) {
		err := db.preparedRow(ctx, sessionSQL, p.SessionID).Scan(cols...)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, errSessionEnded
		}
		return s, err
	}
	rows, err := preparedQuerier{db}.query(ctx, sessionGrantsSQL, p.SessionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	found := false
	for rows.Next() {
		var id sql.NullInt64
		var g tuyengiao.Grant
		if err := rows.Scan(append(cols, &id, &g.Role, &g.UnitID, &g.UnitPath, &g.UnitCode, &g.UnitName)...); err != nil {
			return nil, err
		}
		found = true
		if id.Valid {
			g.ID, g.UserID = id.Int64, p.UserID
			s.grants = append(s.grants, g)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	} else if !found {
		return nil, errSessionEnded
	}
	// In grantsOf's order, sorted here: an ORDER BY made SQLite build a sorter for a row or two.
	slices.SortFunc(s.grants, func(a, b tuyengiao.Grant) int {
		return cmp.Or(strings.Compare(a.UnitPath, b.UnitPath), strings.Compare(string(a.Role), string(b.Role)))
	})
	s.withGrants = true
	return s, nil
}

// sessionSQL reads, by a session's id, the session, its account and the stamp of the
// account's grants (grantsStamp); sessionGrantsSQL reads the same with the account's grants
// after, a row for each, or one row of NULL grant when it has none.
const (
	sessionColumns = `s.user_id, s.last_seen_at, s.expires_at, u.login,
	COALESCE(NULLIF(u.display_name, ''), pe.full_name, u.login), u.person_id, u.must_change_password, u.disabled_at,
	u.grants_version, t.version`
	sessionFrom = ` FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN people pe ON pe.id = u.person_id
	CROSS JOIN unit_tree_version t`
	sessionSQL       = `SELECT ` + sessionColumns + sessionFrom + ` WHERE s.id = ? AND t.id = 1`
	sessionGrantsSQL = `SELECT ` + sessionColumns + `, g.id, COALESCE(g.role, ''), COALESCE(g.unit_id, 0), COALESCE(gu.path, '/'),
	COALESCE(gu.code, ''), COALESCE(gu.name, '')` + sessionFrom + `
	LEFT JOIN grants g ON g.user_id = s.user_id LEFT JOIN units gu ON gu.id = g.unit_id
	WHERE s.id = ? AND t.id = 1`
)

// endSession deletes one session.
func (db *DB) endSession(ctx context.Context, id string) error {
	return db.update(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM sessions WHERE id = ?`, id)
		return err
	})
}

// Logout implements tuyengiao.AuthService: it deletes the session of the token and audits
// "auth.logout". A token that opens no session is not an error, so logging out twice is
// harmless.
func (db *DB) Logout(ctx context.Context, token string) error {
	return db.update(ctx, func(tx *Tx) error {
		rec := &tuyengiao.AuditRecord{Action: "auth.logout"}
		err := tx.queryRow(ctx, `DELETE FROM sessions WHERE id = ? RETURNING user_id`, tokenID(token)).Scan(&rec.UserID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		if err := tx.queryRow(ctx, `SELECT login FROM users WHERE id = ?`, rec.UserID).Scan(&rec.Login); err != nil {
			return err
		}
		rec.Object = rec.Login
		return db.audit(ctx, tx, rec)
	})
}
