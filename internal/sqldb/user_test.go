package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/sqldb/sqldbtest"
	"tuyengiao/internal/vn"
)

// acctPassword is the password the account tests give their accounts.
const acctPassword = "mật khẩu ban đầu"

// acctTestUnit is a unit made by acctUnit.
type acctTestUnit struct {
	id   int64
	path string
}

// acctUnit inserts a unit under parent (nil for a root) with SQL, so that these tests do not
// depend on the unit service.
func acctUnit(t *testing.T, db *DB, parent *acctTestUnit, code string) *acctTestUnit {
	t.Helper()
	ctx := context.Background()
	u, parentPath := &acctTestUnit{}, "/"
	var parentID int64
	if parent != nil {
		parentID, parentPath = parent.id, parent.path
	}
	err := db.update(ctx, func(tx *Tx) error {
		now := db.now()
		err := tx.queryRow(ctx, `INSERT INTO units (parent_id, path, code, code_folded, name, name_folded, kind, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, 'chi_bo', ?, ?) RETURNING id`,
			nullInt64(parentID), "new:"+code, code, strings.ToLower(code), "Đơn vị "+code, "don vi "+strings.ToLower(code), now, now).Scan(&u.id)
		if err != nil {
			return err
		}
		u.path = parentPath + strconv.FormatInt(u.id, 10) + "/"
		_, err = tx.exec(ctx, `UPDATE units SET path = ? WHERE id = ?`, u.path, u.id)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// acctGrant is a grant of the role at the unit (nil for sysadmin).
func acctGrant(role tuyengiao.Role, u *acctTestUnit) tuyengiao.Grant {
	if u == nil {
		return tuyengiao.Grant{Role: role}
	}
	return tuyengiao.Grant{Role: role, UnitID: u.id}
}

// acctUser creates an account with acctPassword and the grants, as a system administrator.
func acctUser(t *testing.T, db *DB, login string, grants ...tuyengiao.Grant) *tuyengiao.User {
	t.Helper()
	u := &tuyengiao.User{Login: login, DisplayName: "Người dùng " + login, Grants: grants}
	if err := db.CreateUser(sysadminCtx(), u, acctPassword); err != nil {
		t.Fatalf("create %s: %v", login, err)
	}
	return u
}

// acctCtx returns a context acting as the account, with the grants it had when created.
func acctCtx(u *tuyengiao.User) context.Context {
	return tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{
		UserID: u.ID, Login: u.Login, Grants: u.Grants, Address: "192.0.2.10"})
}

// acctWant fails the test unless err carries the code.
func acctWant(t *testing.T, err error, code string) {
	t.Helper()
	if tuyengiao.ErrorCode(err) != code {
		t.Fatalf("err = %v, want %s", err, code)
	}
}

// acctField fails the test unless err is an EINVALID error about the field.
func acctField(t *testing.T, err error, field string) {
	t.Helper()
	var e *tuyengiao.Error
	if !errors.As(err, &e) || e.Code != tuyengiao.EINVALID || e.Field != field {
		t.Fatalf("err = %v, want invalid %s", err, field)
	}
}

// acctAudits counts the audit records of the action with the outcome.
func acctAudits(t *testing.T, db *DB, action, outcome string) int {
	t.Helper()
	var n int
	err := db.queryRow(context.Background(), `SELECT COUNT(*) FROM audit_log WHERE action = ? AND outcome = ?`, action, outcome).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// acctSessions counts the live and dead sessions of the account.
func acctSessions(t *testing.T, db *DB, userID int64) int {
	t.Helper()
	var n int
	if err := db.queryRow(context.Background(), `SELECT COUNT(*) FROM sessions WHERE user_id = ?`, userID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func acctLogins(users []*tuyengiao.User) string {
	out := make([]string, len(users))
	for i, u := range users {
		out[i] = u.Login
	}
	return strings.Join(out, " ")
}

func TestUserGrants(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		city := acctUnit(t, db, nil, "TP")
		q1 := acctUnit(t, db, city, "Q1")
		p1 := acctUnit(t, db, q1, "P1")
		q2 := acctUnit(t, db, city, "Q2")
		q1Admin := acctUser(t, db, "q1.admin", acctGrant(tuyengiao.RoleUnitAdmin, q1))

		t.Run("a sysadmin creates an account with its grants, audited without the password", func(t *testing.T) {
			u := acctUser(t, db, "Tp.Admin", acctGrant(tuyengiao.RoleUnitAdmin, city), acctGrant(tuyengiao.RoleViewer, q2))
			got, err := db.FindUserByID(sysadminCtx(), u.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Login != "tp.admin" || len(got.Grants) != 2 || got.Grants[0].UnitPath != city.path ||
				got.Grants[1].UnitCode != "Q2" || got.MustChangePassword || got.DisabledAt != nil {
				t.Fatalf("user %+v", got)
			}
			var detail string
			err = db.queryRow(context.Background(), `SELECT detail FROM audit_log WHERE action = 'account.create' AND object = ?`,
				userObject(u.ID)).Scan(&detail)
			if err != nil || detail != "login tp.admin; unitadmin@TP, viewer@Q2" {
				t.Fatalf("detail %q, %v", detail, err)
			}
		})
		t.Run("a login already taken is refused on the login field", func(t *testing.T) {
			err := db.CreateUser(sysadminCtx(), &tuyengiao.User{Login: "Q1.ADMIN", DisplayName: "Khác",
				Grants: []tuyengiao.Grant{acctGrant(tuyengiao.RoleViewer, q1)}}, acctPassword)
			acctField(t, err, "login")
		})
		t.Run("a role other than sysadmin needs an existing unit, and sysadmin takes none", func(t *testing.T) {
			for _, g := range []tuyengiao.Grant{{Role: tuyengiao.RoleEditor}, {Role: tuyengiao.RoleEditor, UnitID: 9999},
				{Role: tuyengiao.RoleSysadmin, UnitID: city.id}, {Role: "chief", UnitID: city.id}} {
				u := &tuyengiao.User{Login: "thu.nghiem", DisplayName: "Thử nghiệm", Grants: []tuyengiao.Grant{g}}
				acctWant(t, db.CreateUser(sysadminCtx(), u, acctPassword), tuyengiao.EINVALID)
			}
		})
		t.Run("a unit admin gives a role in their subtree", func(t *testing.T) {
			u := &tuyengiao.User{Login: "p1.editor", DisplayName: "Biên tập P1", Grants: []tuyengiao.Grant{acctGrant(tuyengiao.RoleEditor, p1)}}
			if err := db.CreateUser(acctCtx(q1Admin), u, acctPassword); err != nil {
				t.Fatal(err)
			}
			g := acctGrant(tuyengiao.RoleViewer, q1)
			g.UserID = u.ID
			if err := db.AddGrant(acctCtx(q1Admin), &g); err != nil || g.ID == 0 {
				t.Fatalf("grant %+v: %v", g, err)
			}
			acctWant(t, db.AddGrant(acctCtx(q1Admin), &g), tuyengiao.ECONFLICT)
		})
		t.Run("a unit admin cannot grant a role at a sibling unit", func(t *testing.T) {
			denied := acctAudits(t, db, "account.grant", tuyengiao.OutcomeDenied)
			u := &tuyengiao.User{Login: "q2.editor", DisplayName: "Biên tập Q2", Grants: []tuyengiao.Grant{acctGrant(tuyengiao.RoleEditor, q2)}}
			acctWant(t, db.CreateUser(acctCtx(q1Admin), u, acctPassword), tuyengiao.EFORBIDDEN)
			g := acctGrant(tuyengiao.RoleViewer, q2)
			g.UserID = q1Admin.ID
			acctWant(t, db.AddGrant(acctCtx(q1Admin), &g), tuyengiao.EFORBIDDEN)
			if n := acctAudits(t, db, "account.grant", tuyengiao.OutcomeDenied); n != denied+2 {
				t.Fatalf("%d denials audited, want %d", n, denied+2)
			}
		})
		t.Run("a unit admin cannot grant sysadmin nor a role above their unit", func(t *testing.T) {
			for _, g := range []tuyengiao.Grant{acctGrant(tuyengiao.RoleSysadmin, nil), acctGrant(tuyengiao.RoleViewer, city)} {
				g.UserID = q1Admin.ID
				acctWant(t, db.AddGrant(acctCtx(q1Admin), &g), tuyengiao.EFORBIDDEN)
			}
		})
		t.Run("an editor manages no accounts", func(t *testing.T) {
			editor := acctUser(t, db, "q1.editor", acctGrant(tuyengiao.RoleEditor, q1))
			u := &tuyengiao.User{Login: "p1.viewer", DisplayName: "Xem P1", Grants: []tuyengiao.Grant{acctGrant(tuyengiao.RoleViewer, p1)}}
			acctWant(t, db.CreateUser(acctCtx(editor), u, acctPassword), tuyengiao.EFORBIDDEN)
		})
		t.Run("a unit admin revokes a grant they could give, audited, but not their own", func(t *testing.T) {
			u := acctUser(t, db, "p1.viewer", acctGrant(tuyengiao.RoleViewer, p1), acctGrant(tuyengiao.RoleViewer, q2))
			acctWant(t, db.RemoveGrant(acctCtx(q1Admin), u.Grants[1].ID), tuyengiao.EFORBIDDEN)
			if err := db.RemoveGrant(acctCtx(q1Admin), u.Grants[0].ID); err != nil {
				t.Fatal(err)
			}
			if got, _ := db.FindUserByID(sysadminCtx(), u.ID); len(got.Grants) != 1 || got.Grants[0].UnitID != q2.id {
				t.Fatalf("grants %+v", got.Grants)
			}
			if acctAudits(t, db, "account.revoke", tuyengiao.OutcomeOK) != 1 {
				t.Fatal("revoke not audited")
			}
			acctWant(t, db.RemoveGrant(acctCtx(q1Admin), q1Admin.Grants[0].ID), tuyengiao.EFORBIDDEN)
		})
	})
}

func TestUserAccountRules(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		city := acctUnit(t, db, nil, "TP")
		q1 := acctUnit(t, db, city, "Q1")
		p1 := acctUnit(t, db, q1, "P1")
		q2 := acctUnit(t, db, city, "Q2")
		root := acctUser(t, db, "root", acctGrant(tuyengiao.RoleSysadmin, nil))
		cityAdmin := acctUser(t, db, "tp.admin", acctGrant(tuyengiao.RoleUnitAdmin, city))
		q1Admin := acctUser(t, db, "q1.admin", acctGrant(tuyengiao.RoleUnitAdmin, q1))
		both := acctUser(t, db, "hai.noi", acctGrant(tuyengiao.RoleEditor, p1), acctGrant(tuyengiao.RoleEditor, q2))
		editor := acctUser(t, db, "p1.editor", acctGrant(tuyengiao.RoleEditor, p1))
		editor.DisplayName = "Nguyễn Văn Đức"
		if _, err := db.UpdateUser(sysadminCtx(), editor.ID, tuyengiao.UserUpdate{DisplayName: &editor.DisplayName}); err != nil {
			t.Fatal(err)
		}

		t.Run("a unit admin cannot disable an account holding a grant above them", func(t *testing.T) {
			acctWant(t, db.DisableUser(acctCtx(q1Admin), cityAdmin.ID), tuyengiao.EFORBIDDEN)
			acctWant(t, db.ResetPassword(acctCtx(q1Admin), cityAdmin.ID, "mật khẩu mới toanh"), tuyengiao.EFORBIDDEN)
			acctWant(t, db.DisableUser(acctCtx(q1Admin), root.ID), tuyengiao.EFORBIDDEN)
			if acctAudits(t, db, "account.edit", tuyengiao.OutcomeDenied) != 3 {
				t.Fatal("refusals not audited")
			}
		})
		t.Run("a unit admin cannot disable an account that also holds a grant elsewhere", func(t *testing.T) {
			acctWant(t, db.DisableUser(acctCtx(q1Admin), both.ID), tuyengiao.EFORBIDDEN)
			if err := db.DisableUser(acctCtx(cityAdmin), both.ID); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("nobody disables or resets themselves", func(t *testing.T) {
			acctWant(t, db.DisableUser(acctCtx(q1Admin), q1Admin.ID), tuyengiao.EFORBIDDEN)
			acctWant(t, db.DisableUser(acctCtx(root), root.ID), tuyengiao.EFORBIDDEN)
			acctWant(t, db.ResetPassword(acctCtx(root), root.ID, "mật khẩu mới toanh"), tuyengiao.EFORBIDDEN)
		})
		t.Run("a unit admin finds only accounts with a grant in their scope", func(t *testing.T) {
			users, total, err := db.FindUsers(acctCtx(q1Admin), tuyengiao.UserFilter{})
			if err != nil || acctLogins(users) != "hai.noi p1.editor q1.admin" || total != 3 {
				t.Fatalf("found %q (%d), %v", acctLogins(users), total, err)
			}
			acctWant(t, func() error { _, err := db.FindUserByID(acctCtx(q1Admin), cityAdmin.ID); return err }(), tuyengiao.EFORBIDDEN)
			if _, err := db.FindUserByID(acctCtx(editor), editor.ID); err != nil {
				t.Fatalf("own account: %v", err)
			}
			_, _, err = db.FindUsers(acctCtx(editor), tuyengiao.UserFilter{})
			acctWant(t, err, tuyengiao.EFORBIDDEN)
		})
		t.Run("a sysadmin finds every account, those without grants too", func(t *testing.T) {
			orphan := acctUser(t, db, "mo.coi", acctGrant(tuyengiao.RoleViewer, q2))
			if err := db.RemoveGrant(sysadminCtx(), orphan.Grants[0].ID); err != nil {
				t.Fatal(err)
			}
			users, total, err := db.FindUsers(sysadminCtx(), tuyengiao.UserFilter{Offset: 1, Limit: 2})
			if err != nil || acctLogins(users) != "mo.coi p1.editor" || total != 6 {
				t.Fatalf("found %q (%d), %v", acctLogins(users), total, err)
			}
			acctWant(t, db.DisableUser(acctCtx(cityAdmin), orphan.ID), tuyengiao.EFORBIDDEN)
		})
		t.Run("a search ignores case and diacritics, and a root narrows the scope", func(t *testing.T) {
			users, total, err := db.FindUsers(acctCtx(cityAdmin), tuyengiao.UserFilter{Query: "van duc"})
			if err != nil || acctLogins(users) != "p1.editor" || total != 1 {
				t.Fatalf("found %q (%d), %v", acctLogins(users), total, err)
			}
			users, _, err = db.FindUsers(acctCtx(cityAdmin), tuyengiao.UserFilter{RootID: q2.id})
			if err != nil || acctLogins(users) != "hai.noi" {
				t.Fatalf("found %q, %v", acctLogins(users), err)
			}
			_, _, err = db.FindUsers(acctCtx(q1Admin), tuyengiao.UserFilter{RootID: q2.id})
			acctWant(t, err, tuyengiao.EFORBIDDEN)
		})
	})
}

func TestUserDisable(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		q1 := acctUnit(t, db, nil, "Q1")
		q1Admin := acctUser(t, db, "q1.admin", acctGrant(tuyengiao.RoleUnitAdmin, q1))
		editor := acctUser(t, db, "q1.editor", acctGrant(tuyengiao.RoleEditor, q1))

		t.Run("disabling ends the account's sessions and refuses its logins", func(t *testing.T) {
			token, err := db.Login(context.Background(), "q1.editor", acctPassword, "192.0.2.20", tuyengiao.SessionWeb)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.DisableUser(acctCtx(q1Admin), editor.ID); err != nil {
				t.Fatal(err)
			}
			if n := acctSessions(t, db, editor.ID); n != 0 {
				t.Fatalf("%d sessions left", n)
			}
			_, err = db.Authenticate(context.Background(), token, "192.0.2.20")
			acctWant(t, err, tuyengiao.EUNAUTHORIZED)
			_, err = db.Login(context.Background(), "q1.editor", acctPassword, "192.0.2.20", tuyengiao.SessionWeb)
			if tuyengiao.ErrorCode(err) != tuyengiao.EUNAUTHORIZED || !strings.Contains(vn.Message(err), "khóa") {
				t.Fatalf("login of a disabled account: %v", err)
			}
		})
		t.Run("enabling lets the account log in again", func(t *testing.T) {
			if err := db.EnableUser(acctCtx(q1Admin), editor.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := db.Login(context.Background(), "q1.editor", acctPassword, "192.0.2.20", tuyengiao.SessionWeb); err != nil {
				t.Fatal(err)
			}
		})
	})
}

func TestEnsureAdmin(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		t.Run("creates exactly one admin when called twice concurrently", func(t *testing.T) {
			var wg sync.WaitGroup
			var logins, passwords [2]string
			var errs [2]error
			for i := range 2 {
				wg.Go(func() { logins[i], passwords[i], errs[i] = db.EnsureAdmin(context.Background()) })
			}
			wg.Wait()
			if errs[0] != nil || errs[1] != nil || (logins[0] == "") == (logins[1] == "") {
				t.Fatalf("logins %q, errors %v", logins, errs)
			}
			var users, grants int
			db.queryRow(context.Background(), `SELECT COUNT(*) FROM users`).Scan(&users)
			db.queryRow(context.Background(), `SELECT COUNT(*) FROM grants WHERE role = 'sysadmin' AND unit_id IS NULL`).Scan(&grants)
			if users != 1 || grants != 1 || acctAudits(t, db, "account.create", tuyengiao.OutcomeOK) != 1 {
				t.Fatalf("%d users, %d sysadmin grants", users, grants)
			}
			pw := passwords[0] + passwords[1]
			token, err := db.Login(context.Background(), "admin", pw, "192.0.2.30", tuyengiao.SessionWeb)
			if err != nil {
				t.Fatal(err)
			}
			p, err := db.Authenticate(context.Background(), token, "192.0.2.30")
			if tuyengiao.ErrorCode(err) != tuyengiao.EPASSWORD || !p.IsSysadmin() {
				t.Fatalf("principal %+v, %v", p, err)
			}
		})
		t.Run("does nothing once an account exists", func(t *testing.T) {
			if login, pw, err := db.EnsureAdmin(context.Background()); login != "" || pw != "" || err != nil {
				t.Fatalf("%q, %v", login, err)
			}
		})
	})
}

func TestAddUserAsOperator(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		q1 := acctUnit(t, db, nil, "Q1")
		ctx := context.Background()
		t.Run("creates the account with the role at the unit and a password to keep", func(t *testing.T) {
			if err := db.AddUserAsOperator(ctx, "Tran.Thi.B", "", tuyengiao.RoleUnitAdmin, "q1", "mật khẩu của vận hành"); err != nil {
				t.Fatal(err)
			}
			token, err := db.Login(ctx, "tran.thi.b", "mật khẩu của vận hành", "192.0.2.40", tuyengiao.SessionWeb)
			if err != nil {
				t.Fatal(err)
			}
			p, err := db.Authenticate(ctx, token, "192.0.2.40")
			if err != nil || len(p.Grants) != 1 || p.Grants[0].UnitPath != q1.path {
				t.Fatalf("principal %+v, %v", p, err)
			}
			var actor string
			db.queryRow(ctx, `SELECT login FROM audit_log WHERE action = 'account.create'`).Scan(&actor)
			if actor != "operator" {
				t.Fatalf("actor %q", actor)
			}
		})
		t.Run("an existing account gets the grant added and the new password", func(t *testing.T) {
			if err := db.AddUserAsOperator(ctx, "tran.thi.b", "", tuyengiao.RoleSysadmin, "", "mật khẩu thứ hai"); err != nil {
				t.Fatal(err)
			}
			_, err := db.Login(ctx, "tran.thi.b", "mật khẩu của vận hành", "192.0.2.40", tuyengiao.SessionWeb)
			acctWant(t, err, tuyengiao.EUNAUTHORIZED)
			token, err := db.Login(ctx, "tran.thi.b", "mật khẩu thứ hai", "192.0.2.40", tuyengiao.SessionWeb)
			if err != nil {
				t.Fatal(err)
			}
			if p, err := db.Authenticate(ctx, token, "192.0.2.40"); err != nil || len(p.Grants) != 2 || !p.IsSysadmin() {
				t.Fatalf("principal %+v, %v", p, err)
			}
			if err := db.AddUserAsOperator(ctx, "tran.thi.b", "", tuyengiao.RoleSysadmin, "", "mật khẩu thứ hai"); err != nil {
				t.Fatalf("the same command again: %v", err)
			}
		})
		t.Run("a password the operator sets on an account linked to a person is recorded on the person", func(t *testing.T) {
			person := createTestPerson(t, db, q1.id, "Trần Thị Bê", "")
			u, _, err := db.FindUsers(sysadminCtx(), tuyengiao.UserFilter{Query: "tran.thi.b"})
			if err != nil || len(u) != 1 {
				t.Fatalf("the account: %v %v", u, err)
			}
			if _, err := db.UpdateUser(sysadminCtx(), u[0].ID, tuyengiao.UserUpdate{PersonID: &person.ID}); err != nil {
				t.Fatal(err)
			}
			if err := db.AddUserAsOperator(ctx, "tran.thi.b", "", tuyengiao.RoleSysadmin, "", "mật khẩu thứ ba"); err != nil {
				t.Fatal(err)
			}
			var actor, detail string
			err = db.queryRow(ctx, `SELECT login, detail FROM audit_log WHERE action = 'essay.access.password' AND object = ?`,
				personObject(person.ID)).Scan(&actor, &detail)
			if err != nil || actor != "operator" || !strings.HasPrefix(detail, userObject(u[0].ID)) {
				t.Fatalf("record of the password: %q %q %v", actor, detail, err)
			}
		})
		t.Run("an unknown unit, a unit for sysadmin and a short password are refused", func(t *testing.T) {
			acctWant(t, db.AddUserAsOperator(ctx, "le.van.c", "", tuyengiao.RoleEditor, "Q9", "mật khẩu đủ dài"), tuyengiao.EINVALID)
			acctWant(t, db.AddUserAsOperator(ctx, "le.van.c", "", tuyengiao.RoleSysadmin, "Q1", "mật khẩu đủ dài"), tuyengiao.EINVALID)
			acctWant(t, db.AddUserAsOperator(ctx, "le.van.c", "", tuyengiao.RoleEditor, "Q1", "ngắn"), tuyengiao.EINVALID)
		})
	})
}

func TestPasswordsNeverInAuditLog(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		login, first, err := db.EnsureAdmin(ctx)
		if err != nil || login != "admin" {
			t.Fatalf("EnsureAdmin: %q, %v", login, err)
		}
		q1 := acctUnit(t, db, nil, "Q1")
		admin := acctUser(t, db, "q1.admin", acctGrant(tuyengiao.RoleUnitAdmin, q1))
		u := &tuyengiao.User{Login: "p1.editor", DisplayName: "Biên tập", Grants: []tuyengiao.Grant{acctGrant(tuyengiao.RoleEditor, q1)}}
		passwords := []string{acctPassword, "mật khẩu thứ nhất", "mật khẩu đặt lại", "mật khẩu đổi mới", "mật khẩu vận hành"}
		steps := []error{
			db.CreateUser(acctCtx(admin), u, passwords[1]),
			db.ResetPassword(acctCtx(admin), u.ID, passwords[2]),
			db.AddUserAsOperator(ctx, "van.hanh", "", tuyengiao.RoleEditor, "Q1", passwords[4]),
		}
		_, err = db.Login(ctx, "p1.editor", passwords[1], "192.0.2.50", tuyengiao.SessionWeb) // wrong: was reset
		acctWant(t, err, tuyengiao.EUNAUTHORIZED)
		token, err := db.Login(ctx, "p1.editor", passwords[2], "192.0.2.50", tuyengiao.SessionWeb)
		steps = append(steps, err)
		p, _ := db.Authenticate(ctx, token, "192.0.2.50")
		steps = append(steps, db.ChangePassword(tuyengiao.NewContext(ctx, p), passwords[2], passwords[3]))
		for i, err := range steps {
			if err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
		}
		rows, err := db.query(ctx, `SELECT action, login || ' ' || object || ' ' || detail FROM audit_log`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			var action, text string
			if err := rows.Scan(&action, &text); err != nil {
				t.Fatal(err)
			}
			for _, pw := range append(passwords, first) {
				if strings.Contains(text, pw) {
					t.Errorf("%s record holds a password: %q", action, text)
				}
			}
			n++
		}
		if n < 7 {
			t.Fatalf("only %d audit records", n)
		}
	})
}

// acctClock stops db's clock at a fixed moment and returns a function that moves it on.
func acctClock(db *DB) func(d time.Duration) {
	var mu sync.Mutex
	now := time.Date(2025, 6, 14, 8, 0, 0, 0, time.UTC)
	db.Now = func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return now
	}
	return func(d time.Duration) {
		mu.Lock()
		now = now.Add(d)
		mu.Unlock()
	}
}

// acctAuditDetail returns the detail of the newest audit record of the action on the object
// with the outcome, or "" when there is none.
func acctAuditDetail(t *testing.T, db *DB, action, object, outcome string) string {
	t.Helper()
	var detail string
	err := db.queryRow(context.Background(), `SELECT detail FROM audit_log WHERE action = ? AND object = ? AND outcome = ?
		ORDER BY id DESC LIMIT 1`, action, object, outcome).Scan(&detail)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		t.Fatal(err)
	}
	return detail
}

// acctConflict fails the test unless err is an ECONFLICT error about the field.
func acctConflict(t *testing.T, err error, field string) {
	t.Helper()
	var e *tuyengiao.Error
	if !errors.As(err, &e) || e.Code != tuyengiao.ECONFLICT || e.Field != field || vn.Message(e) == "" {
		t.Fatalf("err = %v, want a conflict on %s", err, field)
	}
}

func TestOneAccountPerPerson(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		city := acctUnit(t, db, nil, "TP")
		cell := acctUnit(t, db, city, "CB1")
		author := createTestPerson(t, db, cell.id, "Nguyễn Thị Lan", "")
		first := &tuyengiao.User{Login: "lan.cb1", DisplayName: "Nguyễn Thị Lan", PersonID: author.ID,
			Grants: []tuyengiao.Grant{acctGrant(tuyengiao.RoleMember, cell)}}
		if err := db.CreateUser(sysadminCtx(), first, acctPassword); err != nil {
			t.Fatal(err)
		}
		other := acctUser(t, db, "khac.cb1", acctGrant(tuyengiao.RoleMember, cell))

		t.Run("a second account for a person who has one is refused on person_id, and none is made", func(t *testing.T) {
			second := &tuyengiao.User{Login: "lan.thu.hai", DisplayName: "Nguyễn Thị Lan", PersonID: author.ID,
				Grants: []tuyengiao.Grant{acctGrant(tuyengiao.RoleMember, cell)}}
			acctConflict(t, db.CreateUser(sysadminCtx(), second, acctPassword), "person_id")
			if _, n, _ := db.FindUsers(sysadminCtx(), tuyengiao.UserFilter{Query: "lan.thu.hai"}); n != 0 {
				t.Fatalf("%d accounts made", n)
			}
		})

		t.Run("linking another account to the person is refused on person_id", func(t *testing.T) {
			_, err := db.UpdateUser(sysadminCtx(), other.ID, tuyengiao.UserUpdate{PersonID: &author.ID})
			acctConflict(t, err, "person_id")
			u, err := db.FindUserByID(sysadminCtx(), other.ID)
			if err != nil || u.PersonID != 0 {
				t.Fatalf("the account after the refusal: %v %+v", err, u)
			}
		})

		t.Run("the person may be linked to another account once the first lets go", func(t *testing.T) {
			none := int64(0)
			if _, err := db.UpdateUser(sysadminCtx(), first.ID, tuyengiao.UserUpdate{PersonID: &none}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.UpdateUser(sysadminCtx(), other.ID, tuyengiao.UserUpdate{PersonID: &author.ID}); err != nil {
				t.Fatal(err)
			}
		})

		t.Run("the database itself refuses a second link, whatever writes it", func(t *testing.T) {
			err := db.update(context.Background(), func(tx *Tx) error {
				_, err := tx.exec(context.Background(), `UPDATE users SET person_id = ? WHERE id = ?`, author.ID, first.ID)
				return err
			})
			if !uniqueViolation(err) {
				t.Fatalf("err = %v, want a unique violation", err)
			}
		})
	})
}

func TestSelfGrant(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		city := acctUnit(t, db, nil, "TP")
		q1 := acctUnit(t, db, city, "Q1")
		cell := acctUnit(t, db, q1, "CB1")
		// The administrators are members of the cell, so that only the self-grant rule stands
		// between them and the reviewer role there.
		sysPerson, q1Person := createTestPerson(t, db, cell.id, "Trần Văn Quản", ""), createTestPerson(t, db, cell.id, "Lê Văn Quận", "")
		sys := &tuyengiao.User{Login: "he.thong", DisplayName: "Quản trị", PersonID: sysPerson.ID, Grants: []tuyengiao.Grant{acctGrant(tuyengiao.RoleSysadmin, nil)}}
		q1Admin := &tuyengiao.User{Login: "q1.admin", DisplayName: "Quản trị Q1", PersonID: q1Person.ID, Grants: []tuyengiao.Grant{acctGrant(tuyengiao.RoleUnitAdmin, q1)}}
		for _, u := range []*tuyengiao.User{sys, q1Admin} {
			if err := db.CreateUser(sysadminCtx(), u, acctPassword); err != nil {
				t.Fatal(err)
			}
		}

		for name, u := range map[string]*tuyengiao.User{"a system administrator": sys, "a unit administrator": q1Admin} {
			t.Run(name+" cannot give themselves the reviewer role of a cell, and the attempt is audited", func(t *testing.T) {
				g := &tuyengiao.Grant{UserID: u.ID, Role: tuyengiao.RoleReviewer, UnitID: cell.id}
				err := db.AddGrant(acctCtx(u), g)
				acctWant(t, err, tuyengiao.EFORBIDDEN)
				if !strings.Contains(vn.Message(err), "chính mình") {
					t.Fatalf("message %q does not say why", vn.Message(err))
				}
				if d := acctAuditDetail(t, db, "essay.access.grant", userObject(u.ID), tuyengiao.OutcomeDenied); !strings.Contains(d, "self-grant") {
					t.Fatalf("denied record %q", d)
				}
				got, _ := db.loadUser(context.Background(), u.ID)
				if len(got.Grants) != 1 {
					t.Fatalf("grants after the refusal: %+v", got.Grants)
				}
			})
		}

		t.Run("a unit administrator cannot widen their own rights with any role", func(t *testing.T) {
			err := db.AddGrant(acctCtx(q1Admin), &tuyengiao.Grant{UserID: q1Admin.ID, Role: tuyengiao.RoleEditor, UnitID: cell.id})
			acctWant(t, err, tuyengiao.EFORBIDDEN)
			if d := acctAuditDetail(t, db, "account.grant", userObject(q1Admin.ID), tuyengiao.OutcomeDenied); !strings.Contains(d, "editor@CB1") {
				t.Fatalf("denied record %q", d)
			}
		})

		t.Run("an administrator cannot take back their own grant, and the attempt is audited as a self-revoke", func(t *testing.T) {
			err := db.RemoveGrant(acctCtx(q1Admin), q1Admin.Grants[0].ID)
			acctWant(t, err, tuyengiao.EFORBIDDEN)
			if !strings.Contains(vn.Message(err), "chính mình") {
				t.Fatalf("message %q does not say why", vn.Message(err))
			}
			if d := acctAuditDetail(t, db, "account.revoke", userObject(q1Admin.ID), tuyengiao.OutcomeDenied); !strings.Contains(d, "self-revoke") {
				t.Fatalf("denied record %q", d)
			}
		})

		t.Run("another administrator gives the same role", func(t *testing.T) {
			g := &tuyengiao.Grant{UserID: q1Admin.ID, Role: tuyengiao.RoleEditor, UnitID: cell.id}
			if err := db.AddGrant(acctCtx(sys), g); err != nil {
				t.Fatal(err)
			}
		})
	})
}

func TestReviewerGrant(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		city := acctUnit(t, db, nil, "TP")
		ward := acctUnit(t, db, city, "P1")
		cell := acctUnit(t, db, ward, "CB1")
		sibling := acctUnit(t, db, ward, "CB2")
		secretary := createTestPerson(t, db, cell.id, "Phạm Thị Bí Thư", "")
		elsewhere := createTestPerson(t, db, sibling.id, "Đỗ Văn Khác", "")
		admin := acctUser(t, db, "p1.admin", acctGrant(tuyengiao.RoleUnitAdmin, ward))
		unlinked := acctUser(t, db, "khong.ho.so", acctGrant(tuyengiao.RoleViewer, ward))
		linked := &tuyengiao.User{Login: "bithu.cb1", DisplayName: "Bí thư CB1", PersonID: secretary.ID,
			Grants: []tuyengiao.Grant{acctGrant(tuyengiao.RoleMember, cell)}}
		if err := db.CreateUser(sysadminCtx(), linked, acctPassword); err != nil {
			t.Fatal(err)
		}
		ctx := acctCtx(admin)

		t.Run("an account without a person does not get the reviewer role, and is told why", func(t *testing.T) {
			err := db.AddGrant(ctx, &tuyengiao.Grant{UserID: unlinked.ID, Role: tuyengiao.RoleReviewer, UnitID: cell.id})
			acctField(t, err, "unit_id")
			if !strings.Contains(vn.Message(err), "chưa gắn với hồ sơ") {
				t.Fatalf("message %q", vn.Message(err))
			}
			if acctAuditDetail(t, db, "essay.access.grant", userObject(unlinked.ID), tuyengiao.OutcomeDenied) == "" {
				t.Fatal("the refusal is not audited")
			}
		})

		t.Run("an account of a person of another cell does not review this one", func(t *testing.T) {
			u := &tuyengiao.User{Login: "khac.cb2", DisplayName: "Đỗ Văn Khác", PersonID: elsewhere.ID,
				Grants: []tuyengiao.Grant{acctGrant(tuyengiao.RoleReviewer, cell)}}
			err := db.CreateUser(ctx, u, acctPassword)
			acctField(t, err, "unit_id")
			if !strings.Contains(vn.Message(err), "không thuộc") {
				t.Fatalf("message %q", vn.Message(err))
			}
		})

		t.Run("the account of a person of the cell reviews it, audited as access to its essays", func(t *testing.T) {
			g := &tuyengiao.Grant{UserID: linked.ID, Role: tuyengiao.RoleReviewer, UnitID: cell.id}
			if err := db.AddGrant(ctx, g); err != nil {
				t.Fatal(err)
			}
			d := acctAuditDetail(t, db, "essay.access.grant", userObject(linked.ID), tuyengiao.OutcomeOK)
			if !strings.Contains(d, "reviewer@CB1") || !strings.Contains(d, "essays") {
				t.Fatalf("grant record %q", d)
			}
			if acctAuditDetail(t, db, "account.grant", userObject(linked.ID), tuyengiao.OutcomeOK) != "" {
				t.Fatal("the reviewer's grant is recorded as an ordinary account grant")
			}
		})

		t.Run("a reviewer stays linked to a person of the cell", func(t *testing.T) {
			_, err := db.UpdateUser(ctx, linked.ID, tuyengiao.UserUpdate{PersonID: &elsewhere.ID})
			acctField(t, err, "person_id")
		})

		t.Run("a new account linked to a person of the cell is created as its reviewer", func(t *testing.T) {
			member := createTestPerson(t, db, cell.id, "Vũ Văn Đảng Viên", "")
			u := &tuyengiao.User{Login: "cham.cb1", DisplayName: "Vũ Văn Đảng Viên", PersonID: member.ID,
				Grants: []tuyengiao.Grant{acctGrant(tuyengiao.RoleReviewer, cell)}}
			if err := db.CreateUser(ctx, u, acctPassword); err != nil {
				t.Fatal(err)
			}
			if acctAuditDetail(t, db, "essay.access.grant", userObject(u.ID), tuyengiao.OutcomeOK) == "" {
				t.Fatal("the access to the essays is not audited")
			}
		})

		t.Run("a person who has moved out of the cell does not get the role", func(t *testing.T) {
			gone := createTestPerson(t, db, cell.id, "Hoàng Văn Chuyển", "")
			if _, err := db.write.Exec(db.rebind(`UPDATE people SET status = 'moved_out' WHERE id = ?`), gone.ID); err != nil {
				t.Fatal(err)
			}
			u := &tuyengiao.User{Login: "chuyen.cb1", DisplayName: "Hoàng Văn Chuyển", PersonID: gone.ID,
				Grants: []tuyengiao.Grant{acctGrant(tuyengiao.RoleReviewer, cell)}}
			acctField(t, db.CreateUser(ctx, u, acctPassword), "unit_id")
		})

		t.Run("the operator cannot give the role to an account without a person either", func(t *testing.T) {
			err := db.AddUserAsOperator(context.Background(), "cham.moi", "", tuyengiao.RoleReviewer, "CB1", acctPassword)
			acctField(t, err, "role")
		})

		t.Run("taking the role back is audited as the end of the access", func(t *testing.T) {
			u, err := db.loadUser(context.Background(), linked.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range u.Grants {
				if g.Role == tuyengiao.RoleReviewer {
					if err := db.RemoveGrant(ctx, g.ID); err != nil {
						t.Fatal(err)
					}
				}
			}
			if acctAuditDetail(t, db, "essay.access.revoke", userObject(linked.ID), tuyengiao.OutcomeOK) == "" {
				t.Fatal("the revocation is not audited as such")
			}
		})
	})
}

// TestMigrationOneAccountPerPerson migrates a database whose accounts share a person, as
// those made before users_person could: the oldest account keeps the person, the others
// lose the link and stay, and the constraint is made.
func TestMigrationOneAccountPerPerson(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := migratedTo(t, dsn, 5)
		personTestUnit(t, db, 1, "/", "CB1")
		now := time.Now().UTC()
		_, err := db.write.Exec(db.rebind(`INSERT INTO people (id, unit_id, full_name, name_folded, sort_key, category, status, status_date, created_at, updated_at)
			VALUES (1, 1, 'Nguyễn Thị Lan', 'nguyen thi lan', '', 'member', 'active', '2020-01-01', ?, ?)`), now, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, login := range []string{"lan", "lan.hai", "lan.ba"} {
			_, err := db.write.Exec(db.rebind(`INSERT INTO users (login, display_name, password_hash, person_id, created_at, updated_at)
				VALUES (?, ?, 'x', 1, ?, ?)`), login, login, now, now)
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		rows, err := db.query(ctx, `SELECT login FROM users WHERE person_id = 1`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var linked []string
		for rows.Next() {
			var login string
			if err := rows.Scan(&login); err != nil {
				t.Fatal(err)
			}
			linked = append(linked, login)
		}
		if strings.Join(linked, " ") != "lan" {
			t.Fatalf("linked to the person after the migration: %v", linked)
		}
		// Each dropped link is recorded as the unlink it was, once, however often it migrates.
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		recs, err := db.query(ctx, `SELECT a.login, a.detail, u.login FROM audit_log a JOIN users u ON a.detail LIKE 'user:' || u.id || ';%'
			WHERE a.action = 'essay.access.unlink' AND a.object = 'person:1' AND a.unit_id = 1 ORDER BY a.id`)
		if err != nil {
			t.Fatal(err)
		}
		defer recs.Close()
		var unlinked []string
		for recs.Next() {
			var by, detail, login string
			if err := recs.Scan(&by, &detail, &login); err != nil {
				t.Fatal(err)
			}
			if by != "system" || !strings.Contains(detail, "migration 00007") {
				t.Fatalf("record of the dropped link: %s %q", by, detail)
			}
			unlinked = append(unlinked, login)
		}
		if strings.Join(unlinked, " ") != "lan.hai lan.ba" {
			t.Fatalf("unlinks recorded: %v", unlinked)
		}
	})
}
