package tuyengiao

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Session lifetimes: a session ends after IdleTimeout without a request, and in any case
// AbsoluteTimeout after login.
const (
	IdleTimeout     = 30 * time.Minute
	AbsoluteTimeout = 12 * time.Hour
)

// Login limits: after this many failed logins within LoginWindow, further attempts for the
// account from the same address, or from the address for any account, are refused until the
// window has passed; the account as a whole is only slowed down, so that nobody can lock its
// owner out by guessing from elsewhere.
const (
	MaxFailedLoginsPerAccount = 5
	MaxFailedLoginsPerAddress = 20
	LoginWindow               = 15 * time.Minute
)

// User is an account. It holds roles at units through its grants.
type User struct {
	ID                 int64      `json:"id"`
	Login              string     `json:"login"`
	DisplayName        string     `json:"display_name"`
	PersonID           int64      `json:"person_id,omitempty"` // the member this account belongs to
	MustChangePassword bool       `json:"must_change_password"`
	DisabledAt         *time.Time `json:"disabled_at,omitempty"`
	LastLoginAt        *time.Time `json:"last_login_at,omitempty"`
	CreatedAt          time.Time  `json:"created_at"`
	Grants             []Grant    `json:"grants"`
}

// Validate checks the fields an administrator enters.
func (u *User) Validate() error {
	if len(u.Login) < 3 || len(u.Login) > 64 {
		return FieldError("login", "Tên đăng nhập phải dài từ 3 đến 64 ký tự.")
	}
	for _, c := range u.Login {
		ok := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' || c == '@'
		if !ok {
			return FieldError("login", "Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số và các dấu . _ - @.")
		}
	}
	if strings.TrimSpace(u.DisplayName) == "" {
		return FieldError("display_name", "Họ tên người dùng không được để trống.")
	} else if utf8.RuneCountInString(u.DisplayName) > 120 {
		return FieldError("display_name", "Họ tên người dùng dài quá 120 ký tự.")
	}
	return nil
}

// ValidatePassword checks a new password: at least 10 characters, not the login.
func ValidatePassword(login, password string) error {
	if utf8.RuneCountInString(password) < 10 {
		return FieldError("password", "Mật khẩu phải có ít nhất 10 ký tự.")
	} else if len(password) > 256 {
		return FieldError("password", "Mật khẩu dài quá 256 ký tự.")
	} else if strings.EqualFold(password, login) {
		return FieldError("password", "Mật khẩu không được trùng tên đăng nhập.")
	}
	return nil
}

// UserFilter selects accounts; only accounts with a grant inside the caller's scope (or, for
// a sysadmin, every account) are returned.
type UserFilter struct {
	RootID        int64 // only accounts with a grant in this unit's subtree
	Query         string
	Offset, Limit int
}

// UserUpdate holds the fields to change; nil leaves a field as it is.
type UserUpdate struct {
	DisplayName *string `json:"display_name"`
	PersonID    *int64  `json:"person_id"`
}

// UserService keeps accounts, their grants and their sessions. Access is checked with
// Authorize and AuthorizeGrant; every change is audited.
type UserService interface {
	FindUserByID(ctx context.Context, id int64) (*User, error)
	FindUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	// CreateUser creates the account with the password; the caller must be allowed to give
	// every grant in u.Grants. MustChangePassword is honoured as given.
	CreateUser(ctx context.Context, u *User, password string) error
	UpdateUser(ctx context.Context, id int64, upd UserUpdate) (*User, error)
	AddGrant(ctx context.Context, g *Grant) error
	RemoveGrant(ctx context.Context, grantID int64) error
	// DisableUser disables the account and ends all its sessions; EnableUser lifts it.
	DisableUser(ctx context.Context, id int64) error
	EnableUser(ctx context.Context, id int64) error
	// ResetPassword sets a new password chosen by an administrator; the user must change it
	// at next login, and the account's sessions end.
	ResetPassword(ctx context.Context, id int64, password string) error
	// ChangePassword changes the caller's own password after checking the old one, clears
	// MustChangePassword and ends the caller's other sessions.
	ChangePassword(ctx context.Context, oldPassword, newPassword string) error
	// EnsureAdmin creates the first system administrator with a random password when there is
	// no account at all, and returns its login and password; it returns "" when accounts exist.
	EnsureAdmin(ctx context.Context) (login, password string, err error)
}

// SessionKind tells a browser session from an API token.
type SessionKind string

// The kinds of session.
const (
	SessionWeb SessionKind = "web"
	SessionAPI SessionKind = "api"
)

// AuthService logs users in and keeps their sessions in the database, so that every app node
// sees them.
type AuthService interface {
	// Login checks the password (with the per-account and per-address limits), records the
	// attempt in the audit log and on success opens a session, returning its token.
	Login(ctx context.Context, login, password, address string, kind SessionKind) (token string, err error)
	// Authenticate returns the principal of a live session, extending its idle time; an
	// unknown, ended, idle or expired token gives EUNAUTHORIZED.
	Authenticate(ctx context.Context, token, address string) (*Principal, error)
	// Logout ends the session of the token.
	Logout(ctx context.Context, token string) error
}

// AuditRecord is one entry of the audit log: who did what, to which object of which unit,
// when (UTC), from where, and with what outcome.
type AuditRecord struct {
	ID      int64     `json:"id"`
	At      time.Time `json:"at"`
	UserID  int64     `json:"user_id,omitempty"`
	Login   string    `json:"login"`
	Action  string    `json:"action"` // "person.update", "auth.login", ...
	Object  string    `json:"object"` // "person:42", "unit:7", a login for auth.login (UnknownLoginPrefix…)
	UnitID  int64     `json:"unit_id,omitempty"`
	Outcome string    `json:"outcome"` // "ok", "denied", "failed"
	Address string    `json:"address,omitempty"`
	Detail  string    `json:"detail,omitempty"` // changed fields, never a password
}

// UnknownLoginPrefix starts the object of an auth.login record whose login is no account; a
// keyed hash of the login follows, never the login typed, which may be anyone's name or phone.
const UnknownLoginPrefix = "unknown-login:"

// The outcomes of an audited action.
const (
	OutcomeOK     = "ok"
	OutcomeDenied = "denied"
	OutcomeFailed = "failed"
)

// AuditFilter selects audit records; only records of units inside the caller's audit scope
// are returned (records without a unit only to a sysadmin).
type AuditFilter struct {
	RootID        int64
	Login         string
	Action        string // prefix, "person." matches every person action; "a.,b." either
	Outcome       string
	From, To      time.Time // To exclusive; zero means open
	Offset, Limit int
}

// AuditService reads the audit log and writes the records that no other service writes
// (exports, for instance). Nothing can change or delete a record.
type AuditService interface {
	FindAuditRecords(ctx context.Context, f AuditFilter) ([]*AuditRecord, int, error)
	// RecordAudit appends a record for the principal in ctx; At, UserID, Login and Address
	// are filled in.
	RecordAudit(ctx context.Context, r *AuditRecord) error
	// LastAuditCheck returns the newest record of the server's verification of the audit
	// chain: of the whole chain when full (action audit.verify_full), else of its new records
	// (audit.verify); Detail "#N", the last record verified, or "#N fault", the first broken
	// one. It returns nil before the first, to whoever may read audit records.
	LastAuditCheck(ctx context.Context, full bool) (*AuditRecord, error)
}
