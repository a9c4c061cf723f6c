package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/password"
	"tuyengiao/internal/vn"
)

// Who may act on an account is decided from the account's grants, each checked with
// tuyengiao.Authorize at the grant's unit:
//
//   - view: the caller may view accounts at the unit of at least one grant of the account;
//     everybody sees their own account.
//   - edit (rename, link to a person, disable, enable, reset the password): the caller may
//     edit accounts at the unit of every grant of the account. So a district administrator
//     cannot disable or reset the city administrator, who holds a grant above the district,
//     nor an account that also works in another district. An account without grants is a
//     system administrator's alone.
//   - grant and revoke: tuyengiao.AuthorizeGrant on the grant itself, whatever else the
//     account holds: an administrator gives roles they hold in their subtree to any account
//     and takes back any grant they could have given.
//   - nobody disables or resets their own account nor gives or revokes their own grants:
//     another administrator must, so that the last system administrator cannot lock
//     everybody out by mistake, and nobody gives themselves a way into the essays of a cell.
//   - the reviewer role reads the essays of one cell, so it goes only to an account linked
//     to an active person of exactly that unit (its secretary, a member), and its grant is
//     audited as what it is, "essay.access.grant" (checkReviewer).
//   - an account is linked to one person and a person to one account (the unique index
//     users_person), so that nobody reads or hands in an essay as its author through a
//     second account; nobody changes the person of their own account (refuseOwnLink).
//     Moving the link is still a way to act as the person, so every link, unlink and
//     password set by someone else on a linked account is audited as a change of who can
//     act as that person (linkRecord), which the author sees beside the reads of their essay;
//     and an account reads as the author only the essays it handed in itself
//     (tuyengiao.IsEssayAuthor).

// userColumns are the columns scanUser reads, in its order.
const userColumns = `id, login, display_name, person_id, must_change_password, disabled_at, last_login_at, created_at`

// scanUser reads one row of userColumns through the Scan method of a row; Grants stay empty.
func scanUser(scan func(dest ...any) error) (*tuyengiao.User, error) {
	u := &tuyengiao.User{}
	var person sql.NullInt64
	var disabled, lastLogin sql.NullTime
	err := scan(&u.ID, &u.Login, &u.DisplayName, &person, &u.MustChangePassword, &disabled, &lastLogin, &u.CreatedAt)
	if err != nil {
		return nil, err
	}
	u.PersonID, u.CreatedAt = person.Int64, u.CreatedAt.UTC()
	u.DisabledAt, u.LastLoginAt = utcPtr(disabled), utcPtr(lastLogin)
	return u, nil
}

// utcPtr returns the time of a nullable column in UTC, or nil for NULL.
func utcPtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	at := t.Time.UTC()
	return &at
}

func userObject(id int64) string { return fmt.Sprintf("user:%d", id) }

// normalizeLogin gives the stored form of a login: trimmed and in lower case, so that
// "NguyenVanA" logs in as "nguyenvana". Anything longer than a valid login is cut (on a rune
// boundary), since it can match no account and should not bloat the audit log.
func normalizeLogin(login string) string {
	login = strings.ToLower(strings.TrimSpace(login))
	if len(login) > 64 {
		login = strings.ToValidUTF8(login[:64], "")
	}
	return login
}

// grantSelect reads grants with the path, code and name of their unit; a sysadmin grant has
// no unit and gets the path "/".
const grantSelect = `SELECT g.id, g.user_id, g.role, COALESCE(g.unit_id, 0), COALESCE(u.path, '/'),
	COALESCE(u.code, ''), COALESCE(u.name, '') FROM grants g LEFT JOIN units u ON u.id = g.unit_id`

func scanGrant(scan func(dest ...any) error) (tuyengiao.Grant, error) {
	var g tuyengiao.Grant
	err := scan(&g.ID, &g.UserID, &g.Role, &g.UnitID, &g.UnitPath, &g.UnitCode, &g.UnitName)
	return g, err
}

// rowsQuerier reads many rows inside or outside a transaction.
type rowsQuerier interface {
	query(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// grantsOf returns the grants of the users by user ID, each user's highest unit first. The
// IDs go in batches so that no statement exceeds the engines' limits on parameters.
func grantsOf(ctx context.Context, q rowsQuerier, userIDs ...int64) (map[int64][]tuyengiao.Grant, error) {
	out := make(map[int64][]tuyengiao.Grant, len(userIDs))
	for len(userIDs) > 0 {
		batch := userIDs[:min(len(userIDs), 500)]
		userIDs = userIDs[len(batch):]
		args := make([]any, len(batch))
		for i, id := range batch {
			args[i] = id
		}
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(batch)), ", ")
		rows, err := q.query(ctx, grantSelect+` WHERE g.user_id IN (`+marks+`) ORDER BY 2, 5, 3`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			g, err := scanGrant(rows.Scan)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[g.UserID] = append(out[g.UserID], g)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// loadUser reads the account with its grants, or returns ENOTFOUND.
func (db *DB) loadUser(ctx context.Context, id int64) (*tuyengiao.User, error) {
	u, err := scanUser(db.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy tài khoản.")
	} else if err != nil {
		return nil, err
	}
	grants, err := grantsOf(ctx, db, id)
	u.Grants = grants[id]
	return u, err
}

// checkAccount applies the view or edit rule above to the caller and the account. A refusal
// goes through db.check at the unit of a refused grant (or, for an account without grants,
// at no unit, which only a sysadmin passes), so that it is audited like any other.
func (db *DB) checkAccount(ctx context.Context, action tuyengiao.Action, u *tuyengiao.User) error {
	p := tuyengiao.PrincipalFrom(ctx)
	view := action.Scope() == "view"
	if view && p != nil && p.UserID == u.ID {
		return nil
	}
	var refused *tuyengiao.Grant
	allowed := 0
	for i, g := range u.Grants {
		if tuyengiao.Authorize(p, action, g.UnitPath) == nil {
			allowed++
		} else if refused == nil {
			refused = &u.Grants[i]
		}
	}
	if allowed > 0 && (view || refused == nil) {
		return nil
	}
	path, unitID := "", int64(0)
	if refused != nil {
		path, unitID = refused.UnitPath, refused.UnitID
	}
	return db.check(ctx, action, path, unitID, userObject(u.ID))
}

// editableAccount loads the account and checks that the caller may edit it.
func (db *DB) editableAccount(ctx context.Context, id int64) (*tuyengiao.User, error) {
	u, err := db.loadUser(ctx, id)
	if err != nil {
		return nil, err
	}
	return u, db.checkAccount(ctx, tuyengiao.ActionAccountEdit, u)
}

// refuseSelf returns EFORBIDDEN with the message format when the caller is the account id
// itself.
func refuseSelf(ctx context.Context, id int64, format string) error {
	if p := tuyengiao.PrincipalFrom(ctx); p != nil && p.UserID == id {
		return tuyengiao.Errorf(tuyengiao.EFORBIDDEN, format)
	}
	return nil
}

// accountUnit is the unit under which changes to the account are audited: that of its
// highest grant, so that the administrators above it find them in their audit log.
func accountUnit(u *tuyengiao.User) int64 {
	if len(u.Grants) == 0 {
		return 0
	}
	return u.Grants[0].UnitID
}

// grantText describes a grant for the audit log: "editor@P3", or "sysadmin".
func grantText(g tuyengiao.Grant) string {
	if g.Role == tuyengiao.RoleSysadmin {
		return string(g.Role)
	}
	return string(g.Role) + "@" + g.UnitCode
}

// FindUserByID implements tuyengiao.UserService: the account with its grants, when the caller
// may view it.
func (db *DB) FindUserByID(ctx context.Context, id int64) (*tuyengiao.User, error) {
	u, err := db.loadUser(ctx, id)
	if err != nil {
		return nil, err
	}
	return u, db.checkAccount(ctx, tuyengiao.ActionAccountView, u)
}

// FindUsers implements tuyengiao.UserService: the accounts with a grant inside the caller's
// account-view scope (for a sysadmin every account, those without grants too), by login.
// Query matches login and display name ignoring case and diacritics; since users has no
// folded column, that match is made here over the accounts in scope, which number in the
// thousands, not in SQL.
func (db *DB) FindUsers(ctx context.Context, f tuyengiao.UserFilter) ([]*tuyengiao.User, int, error) {
	where, args, err := db.usersWhere(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	page := ""
	if f.Query == "" {
		page = limitClause(f.Offset, f.Limit)
	}
	users, err := db.scanUsers(ctx, `SELECT `+userColumns+` FROM users WHERE `+where+` ORDER BY login`+page, args...)
	if err != nil {
		return nil, 0, err
	}
	var total int
	if f.Query == "" {
		err = db.queryRow(ctx, `SELECT COUNT(*) FROM users WHERE `+where, args...).Scan(&total)
	} else {
		users = matchUsers(users, f.Query)
		total = len(users)
		users = users[min(max(f.Offset, 0), total):]
		if f.Limit > 0 && f.Limit < len(users) {
			users = users[:f.Limit]
		}
	}
	if err != nil {
		return nil, 0, err
	}
	ids := make([]int64, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	grants, err := grantsOf(ctx, db, ids...)
	for _, u := range users {
		u.Grants = grants[u.ID]
	}
	return users, total, err
}

// usersWhere returns the condition on users of FindUsers with its arguments.
func (db *DB) usersWhere(ctx context.Context, f tuyengiao.UserFilter) (string, []any, error) {
	p := tuyengiao.PrincipalFrom(ctx)
	if p == nil {
		return "", nil, tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	where, args := "1 = 1", []any(nil)
	if !p.IsSysadmin() {
		roots := p.Scope(tuyengiao.ActionAccountView)
		if len(roots) == 0 {
			return "", nil, db.check(ctx, tuyengiao.ActionAccountView, "", 0, "users")
		}
		var clause string
		clause, args = scopeClause("su.path", roots)
		where = `EXISTS (SELECT 1 FROM grants sg JOIN units su ON su.id = sg.unit_id
			WHERE sg.user_id = users.id AND ` + clause + `)`
	}
	if f.RootID != 0 {
		path, err := db.authorize(ctx, tuyengiao.ActionAccountView, f.RootID, "users")
		if err != nil {
			return "", nil, err
		}
		lo, hi := subtreeRange(path)
		where += ` AND EXISTS (SELECT 1 FROM grants rg JOIN units ru ON ru.id = rg.unit_id
			WHERE rg.user_id = users.id AND ru.path >= ? AND ru.path < ?)`
		args = append(args, lo, hi)
	}
	return where, args, nil
}

func (db *DB) scanUsers(ctx context.Context, q string, args ...any) ([]*tuyengiao.User, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*tuyengiao.User
	for rows.Next() {
		u, err := scanUser(rows.Scan)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// matchUsers keeps the accounts whose login or display name contains the query, compared in
// folded form.
func matchUsers(users []*tuyengiao.User, query string) []*tuyengiao.User {
	q := vn.Fold(query)
	var out []*tuyengiao.User
	for _, u := range users {
		if strings.Contains(u.Login, q) || strings.Contains(vn.Fold(u.DisplayName), q) {
			out = append(out, u)
		}
	}
	return out
}

// resolveGrant checks the role and unit of a grant to be given and fills in the unit's path,
// code and name. A sysadmin grant has no unit; every other role needs an existing one.
func resolveGrant(ctx context.Context, q querier, g *tuyengiao.Grant) error {
	switch {
	case !g.Role.Valid():
		return tuyengiao.FieldError("role", "Vai trò %q không hợp lệ.", g.Role)
	case g.Role == tuyengiao.RoleSysadmin && g.UnitID != 0:
		return tuyengiao.FieldError("unit_id", "Vai trò quản trị hệ thống áp dụng cho toàn hệ thống, không gắn với đơn vị.")
	case g.Role == tuyengiao.RoleSysadmin:
		g.UnitPath, g.UnitCode, g.UnitName = "/", "", ""
		return nil
	case g.UnitID == 0:
		return tuyengiao.FieldError("unit_id", "Chưa chọn đơn vị cho vai trò này.")
	}
	err := q.queryRow(ctx, `SELECT path, code, name FROM units WHERE id = ?`, g.UnitID).Scan(&g.UnitPath, &g.UnitCode, &g.UnitName)
	if errors.Is(err, sql.ErrNoRows) {
		return tuyengiao.FieldError("unit_id", "Không tìm thấy đơn vị.")
	}
	return err
}

// grantAction is the audited action of giving ("grant") or taking back ("revoke") the
// grant: a reviewer's grant is access to the essays of its unit and is recorded as that,
// "essay.access.grant", so that it is found among the essay records; any other is
// "account.grant".
func grantAction(g *tuyengiao.Grant, verb string) string {
	if g.Role == tuyengiao.RoleReviewer {
		return "essay.access." + verb
	}
	return "account." + verb
}

// grantDenial is the audit record of the refused giving or taking back of the grant, with
// why in the detail.
func grantDenial(verb string, g *tuyengiao.Grant, object, why string) *tuyengiao.AuditRecord {
	detail := grantText(*g)
	if why != "" {
		detail += "; " + why
	}
	return &tuyengiao.AuditRecord{Action: grantAction(g, verb), Object: object, UnitID: g.UnitID,
		Outcome: tuyengiao.OutcomeDenied, Detail: detail}
}

// denyGrant writes grantDenial to the audit log and returns err with any failure of the
// writing.
func (db *DB) denyGrant(ctx context.Context, err error, verb string, g *tuyengiao.Grant, object, why string) error {
	return errors.Join(err, db.auditAlone(ctx, grantDenial(verb, g, object, why)))
}

// checkGrant is tuyengiao.AuthorizeGrant for the caller with the refusal audited under
// grantAction(g, verb) ("grant" or "revoke"); a refused grant of the caller's own account
// says so in the record.
func (db *DB) checkGrant(ctx context.Context, verb string, g *tuyengiao.Grant, object string) error {
	p := tuyengiao.PrincipalFrom(ctx)
	err := tuyengiao.AuthorizeGrant(p, *g)
	if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
		return err
	}
	why := ""
	if g.UserID != 0 && g.UserID == p.UserID {
		why = "self-" + verb
	}
	return db.denyGrant(ctx, err, verb, g, object, why)
}

// checkReviewer applies the rule of the reviewer role to a grant for the account linked to
// personID (0 for none): it reads the essays of one cell, so it goes only to an account of
// an active person of exactly the grant's unit. A refusal is an EINVALID error on field,
// saying why; any other role passes.
func checkReviewer(ctx context.Context, q querier, g *tuyengiao.Grant, personID int64, field string) error {
	if g.Role != tuyengiao.RoleReviewer {
		return nil
	}
	if personID == 0 {
		return tuyengiao.FieldError(field, "Vai trò chấm bài thu hoạch chỉ cấp cho tài khoản đã gắn với hồ sơ một người của %s (bí thư, đảng viên của chi bộ); tài khoản này chưa gắn với hồ sơ nào.", g.UnitName)
	}
	var unitID int64
	var status tuyengiao.PersonStatus
	err := q.queryRow(ctx, `SELECT unit_id, status FROM people WHERE id = ?`, personID).Scan(&unitID, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return tuyengiao.FieldError("person_id", "Không tìm thấy người này.")
	} else if err != nil {
		return err
	}
	if unitID != g.UnitID {
		return tuyengiao.FieldError(field, "Vai trò chấm bài thu hoạch chỉ cấp tại đơn vị của chính người được gắn với tài khoản: người này không thuộc %s, nên không được đọc bài thu hoạch ở đó.", g.UnitName)
	}
	if status != tuyengiao.StatusActive {
		return tuyengiao.FieldError(field, "Người được gắn với tài khoản không còn sinh hoạt tại %s nên không được cấp vai trò chấm bài thu hoạch.", g.UnitName)
	}
	return nil
}

// grantReviewer is checkReviewer inside tx for a grant given to an account, with a refusal
// queued as a denied access to the essays of the grant's unit (Tx.deny). Inside the
// transaction, after the account's row is locked, it sees the person the account is linked
// to when the grant is written.
func grantReviewer(ctx context.Context, tx *Tx, g *tuyengiao.Grant, personID int64, object string) error {
	err := checkReviewer(ctx, tx, g, personID, "unit_id")
	if tuyengiao.ErrorCode(err) == tuyengiao.EINVALID {
		tx.deny(grantDenial("grant", g, object, "the account's person is not of the unit"))
	}
	return err
}

// linkRecord is the audit record of a change of who can act as the person personID of the
// unit unitID: the account userID linked to them ("link"), unlinked from them ("unlink"),
// or given a password by someone else ("password"). It is recorded as what it is, access to
// the person's essays: "essay.access.<verb>" on the person at their unit, which the author
// sees (essayAccessChanges); the detail starts with the account, "user:<id>".
func linkRecord(verb string, personID, unitID, userID int64, note string) *tuyengiao.AuditRecord {
	detail := userObject(userID)
	if note != "" {
		detail += "; " + note
	}
	return &tuyengiao.AuditRecord{Action: "essay.access." + verb, Object: personObject(personID), UnitID: unitID, Detail: detail}
}

// unitOfPerson returns the unit of the person, or sql.ErrNoRows.
func unitOfPerson(ctx context.Context, q querier, personID int64) (int64, error) {
	var unitID int64
	err := q.queryRow(ctx, `SELECT unit_id FROM people WHERE id = ?`, personID).Scan(&unitID)
	return unitID, err
}

// personLinkRecord is the linkRecord of the account and the person, at the person's unit.
func personLinkRecord(ctx context.Context, tx *Tx, verb string, personID, userID int64, note string) (*tuyengiao.AuditRecord, error) {
	unitID, err := unitOfPerson(ctx, tx, personID)
	if err != nil {
		return nil, err
	}
	return linkRecord(verb, personID, unitID, userID, note), nil
}

// auditLink queues inside tx the personLinkRecord of the account and the person; no person
// (0) records nothing.
func (db *DB) auditLink(ctx context.Context, tx *Tx, verb string, personID, userID int64, note string) error {
	if personID == 0 {
		return nil
	}
	rec, err := personLinkRecord(ctx, tx, verb, personID, userID, note)
	if err != nil {
		return err
	}
	if tuyengiao.PrincipalFrom(ctx) == nil {
		rec.Login = "operator" // the command line (AddUserAsOperator) acts without a principal
	}
	return db.audit(ctx, tx, rec)
}

// personLink is an account linked to a person.
type personLink struct{ userID, personID int64 }

// oneAccountPerPersonVersion is the migration that drops every link of a person but that of
// their oldest account (00007_one_account_per_person).
const oneAccountPerPersonVersion = 7

// duplicateLinks returns the links oneAccountPerPersonVersion drops: each account linked to a
// person after an older account of the same person. Migrate reads them before it runs the
// migration, which cannot chain audit records, and auditDroppedLinks records them after.
func (db *DB) duplicateLinks(ctx context.Context) ([]personLink, error) {
	rows, err := db.query(ctx, `SELECT id, person_id FROM users WHERE person_id IS NOT NULL
		AND EXISTS (SELECT 1 FROM users o WHERE o.person_id = users.person_id AND o.id < users.id) ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []personLink
	for rows.Next() {
		var l personLink
		if err := rows.Scan(&l.userID, &l.personID); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// auditDroppedLinks records each link the migration dropped as the unlink it was
// (linkRecord), by "system", so that the administrators and the person see it.
func (db *DB) auditDroppedLinks(ctx context.Context, links []personLink) error {
	if len(links) == 0 {
		return nil
	}
	return db.update(ctx, func(tx *Tx) error {
		for _, l := range links {
			rec, err := personLinkRecord(ctx, tx, "unlink", l.personID, l.userID, "migration 00007: one account per person, an older account keeps the person")
			if err != nil {
				return err
			}
			rec.Login = "system"
			if err := db.audit(ctx, tx, rec); err != nil {
				return err
			}
		}
		return nil
	})
}

// refuseOwnLink refuses, audited as denied, a change of the person linked to the caller's
// own account id, from the person from to the person to (0 for none): whoever linked their
// own account to a person would read that person's essays and hand one in in their name.
// Another administrator makes the change, and it is recorded (linkRecord).
func (db *DB) refuseOwnLink(ctx context.Context, id, from, to int64) error {
	if p := tuyengiao.PrincipalFrom(ctx); p == nil || p.UserID != id {
		return nil
	}
	verb, person := "link", to
	if to == 0 {
		verb, person = "unlink", from
	}
	// A person who does not exist is recorded at no unit; the refusal stands all the same.
	unitID, err := unitOfPerson(ctx, db, person)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	rec := linkRecord(verb, person, unitID, id, "self-link")
	rec.Outcome = tuyengiao.OutcomeDenied
	refusal := &tuyengiao.Error{Code: tuyengiao.EFORBIDDEN, Field: "person_id",
		Key: "Không ai được tự gắn hay đổi hồ sơ người của tài khoản của chính mình, kể cả quản trị hệ thống; hãy đề nghị một quản trị viên khác."}
	return errors.Join(refusal, db.auditAlone(ctx, rec))
}

// grantRecord is the audit record of the account getting g; a reviewer's grant is recorded
// as the access to the essays of its unit that it gives.
func grantRecord(userID int64, g *tuyengiao.Grant) *tuyengiao.AuditRecord {
	detail := grantText(*g)
	if g.Role == tuyengiao.RoleReviewer {
		detail += "; reads and grades the essays of the unit"
	}
	return &tuyengiao.AuditRecord{Action: grantAction(g, "grant"), Object: userObject(userID), UnitID: g.UnitID, Detail: detail}
}

// auditEssayAccess records inside tx, besides the account's creation, each reviewer's grant
// among grants as the access to essays it is.
func (db *DB) auditEssayAccess(ctx context.Context, tx *Tx, userID int64, grants []tuyengiao.Grant) error {
	for i := range grants {
		if grants[i].Role != tuyengiao.RoleReviewer {
			continue
		}
		if err := db.audit(ctx, tx, grantRecord(userID, &grants[i])); err != nil {
			return err
		}
	}
	return nil
}

// personTaken reports whether err is the violation of users_person: another account is
// already linked to the person.
func personTaken(err error) bool {
	return uniqueViolation(err) && strings.Contains(err.Error(), "person")
}

// errPersonTaken is the answer to a second account linked to one person.
func errPersonTaken() error {
	return &tuyengiao.Error{Code: tuyengiao.ECONFLICT, Field: "person_id",
		Key: "Người này đã được gắn với một tài khoản khác; mỗi người chỉ có một tài khoản."}
}

// checkPerson checks that the person an account is linked to exists and that the caller may
// see them; 0 (no person) passes.
func (db *DB) checkPerson(ctx context.Context, personID int64) error {
	if personID == 0 {
		return nil
	}
	var unitID int64
	var path string
	err := db.queryRow(ctx, `SELECT u.id, u.path FROM people p JOIN units u ON u.id = p.unit_id WHERE p.id = ?`,
		personID).Scan(&unitID, &path)
	if errors.Is(err, sql.ErrNoRows) {
		return tuyengiao.FieldError("person_id", "Không tìm thấy người này.")
	} else if err != nil {
		return err
	}
	return db.check(ctx, tuyengiao.ActionPersonView, path, unitID, fmt.Sprintf("person:%d", personID))
}

// insertUser inserts the account with the hash and sets its ID and CreatedAt. A duplicate
// login comes back as the raw unique violation, for the caller to word.
func (db *DB) insertUser(ctx context.Context, tx *Tx, u *tuyengiao.User, hash string) error {
	now := db.now()
	u.CreatedAt, u.DisabledAt, u.LastLoginAt = now, nil, nil
	return tx.queryRow(ctx, `INSERT INTO users (login, display_name, password_hash, person_id, must_change_password, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		u.Login, u.DisplayName, hash, nullInt64(u.PersonID), u.MustChangePassword, now, now).Scan(&u.ID)
}

// insertGrant inserts a resolved grant of the user, given by the caller, and sets its ID.
func (db *DB) insertGrant(ctx context.Context, tx *Tx, userID int64, g *tuyengiao.Grant) error {
	by := actingUser(ctx)
	g.UserID = userID
	err := tx.queryRow(ctx, `INSERT INTO grants (user_id, role, unit_id, created_at, created_by) VALUES (?, ?, ?, ?, ?) RETURNING id`,
		userID, g.Role, nullInt64(g.UnitID), db.now(), by).Scan(&g.ID)
	if uniqueViolation(err) {
		return tuyengiao.Errorf(tuyengiao.ECONFLICT, "Tài khoản đã có vai trò %s.", grantText(*g))
	}
	return err
}

// endSessions deletes the user's sessions except the one with the id keep ("" keeps none).
func endSessions(ctx context.Context, tx *Tx, userID int64, keep string) error {
	_, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = ? AND id <> ?`, userID, keep)
	return err
}

// normalizeUser brings the fields of a new account to their stored form.
func normalizeUser(u *tuyengiao.User) {
	u.Login, u.DisplayName = normalizeLogin(u.Login), vn.NFC(u.DisplayName)
}

// CreateUser implements tuyengiao.UserService. The account needs at least one grant, and the
// caller must be allowed to give each (tuyengiao.AuthorizeGrant). The login is kept in lower
// case; a login already taken is an EINVALID error on "login". The account and its grants
// are written in one transaction with the audit record, which names the login and the grants,
// never the password.
func (db *DB) CreateUser(ctx context.Context, u *tuyengiao.User, pw string) error {
	normalizeUser(u)
	if err := u.Validate(); err != nil {
		return err
	} else if err := tuyengiao.ValidatePassword(u.Login, pw); err != nil {
		return err
	} else if len(u.Grants) == 0 {
		return tuyengiao.FieldError("grants", "Tài khoản cần ít nhất một vai trò tại một đơn vị.")
	}
	object := "login:" + u.Login
	detail := make([]string, len(u.Grants))
	for i := range u.Grants {
		if err := resolveGrant(ctx, db, &u.Grants[i]); err != nil {
			return err
		} else if err := db.checkGrant(ctx, "grant", &u.Grants[i], object); err != nil {
			return err
		}
		detail[i] = grantText(u.Grants[i])
	}
	if err := db.checkPerson(ctx, u.PersonID); err != nil {
		return err
	}
	hash, err := db.hash(ctx, pw) // before the transaction: tens of milliseconds must not hold the writer
	if err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		for i := range u.Grants {
			if err := grantReviewer(ctx, tx, &u.Grants[i], u.PersonID, object); err != nil {
				return err
			}
		}
		err := db.insertUser(ctx, tx, u, hash)
		if personTaken(err) {
			return errPersonTaken()
		} else if uniqueViolation(err) {
			return tuyengiao.FieldError("login", "Tên đăng nhập %q đã được dùng.", u.Login)
		} else if err != nil {
			return err
		}
		for i := range u.Grants {
			if err := db.insertGrant(ctx, tx, u.ID, &u.Grants[i]); err != nil {
				return err
			}
		}
		if err := db.auditEssayAccess(ctx, tx, u.ID, u.Grants); err != nil {
			return err
		} else if err := db.auditLink(ctx, tx, "link", u.PersonID, u.ID, "new account, password set by its creator"); err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "account.create", Object: userObject(u.ID),
			UnitID: accountUnit(u), Detail: "login " + u.Login + "; " + strings.Join(detail, ", ")})
	})
}

// UpdateUser implements tuyengiao.UserService: the caller must be allowed to edit the
// account; a linked person must exist, be visible to the caller and be linked to no other
// account (ECONFLICT on person_id), nobody changes the person of their own account
// (refuseOwnLink), and an account that reviews essays stays linked to a person of each unit
// where it does (checkReviewer). A change of the person is audited as the unlink and the
// link it is (linkRecord).
func (db *DB) UpdateUser(ctx context.Context, id int64, upd tuyengiao.UserUpdate) (*tuyengiao.User, error) {
	u, err := db.editableAccount(ctx, id)
	if err != nil {
		return nil, err
	}
	var changed []string
	if upd.DisplayName != nil {
		u.DisplayName = vn.NFC(*upd.DisplayName)
		changed = append(changed, "display_name")
	}
	old := u.PersonID
	if upd.PersonID != nil && *upd.PersonID != old {
		if err := db.refuseOwnLink(ctx, id, old, *upd.PersonID); err != nil {
			return nil, err
		} else if err := db.checkPerson(ctx, *upd.PersonID); err != nil {
			return nil, err
		}
		u.PersonID = *upd.PersonID
		changed = append(changed, "person_id")
	}
	if err := u.Validate(); err != nil {
		return nil, err
	} else if len(changed) == 0 {
		return u, nil
	}
	return u, db.update(ctx, func(tx *Tx) error {
		// The row is written first: it locks the account, so that a reviewer's grant given
		// meanwhile (AddGrant) is written before or after this, and seen below.
		_, err := tx.exec(ctx, `UPDATE users SET display_name = ?, person_id = ?, updated_at = ? WHERE id = ?`,
			u.DisplayName, nullInt64(u.PersonID), db.now(), id)
		if personTaken(err) {
			return errPersonTaken()
		} else if err != nil {
			return err
		}
		if u.PersonID != old {
			if err := db.relink(ctx, tx, id, old, u.PersonID); err != nil {
				return err
			}
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "account.update", Object: userObject(id),
			UnitID: accountUnit(u), Detail: strings.Join(changed, ", ")})
	})
}

// relink checks inside tx that the account id, moved from the person from to the person to
// (0 for none), stays linked to a person of each unit where it reviews essays
// (checkReviewer), and audits the unlink and the link (linkRecord).
func (db *DB) relink(ctx context.Context, tx *Tx, id, from, to int64) error {
	grants, err := grantsOf(ctx, tx, id)
	if err != nil {
		return err
	}
	for _, g := range grants[id] {
		if err := checkReviewer(ctx, tx, &g, to, "person_id"); err != nil {
			return err
		}
	}
	if err := db.auditLink(ctx, tx, "unlink", from, id, ""); err != nil {
		return err
	}
	return db.auditLink(ctx, tx, "link", to, id, "")
}

// AddGrant implements tuyengiao.UserService: the caller must be allowed to give the role at
// the unit to the account (tuyengiao.AuthorizeGrant: never their own), whatever else the
// account holds; a reviewer's grant follows checkReviewer. Refusals are audited. The
// grant takes effect at the account's next request, since Authenticate reads grants afresh.
func (db *DB) AddGrant(ctx context.Context, g *tuyengiao.Grant) error {
	object := userObject(g.UserID)
	if err := resolveGrant(ctx, db, g); err != nil {
		return err
	} else if err := db.checkGrant(ctx, "grant", g, object); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		// The account's row is written first: it locks the account, so that a change of its
		// person meanwhile (UpdateUser) is written before or after this, and seen here.
		var person sql.NullInt64
		err := tx.queryRow(ctx, `UPDATE users SET updated_at = ? WHERE id = ? RETURNING person_id`, db.now(), g.UserID).Scan(&person)
		if errors.Is(err, sql.ErrNoRows) {
			return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy tài khoản.")
		} else if err != nil {
			return err
		} else if err := grantReviewer(ctx, tx, g, person.Int64, object); err != nil {
			return err
		}
		if err := db.insertGrant(ctx, tx, g.UserID, g); err != nil {
			return err
		}
		return db.audit(ctx, tx, grantRecord(g.UserID, g))
	})
}

// RemoveGrant implements tuyengiao.UserService: the caller must be allowed to give the grant
// being taken back, and may not revoke their own (tuyengiao.AuthorizeGrant, through
// checkGrant, which audits the refusal as a "self-revoke"). The account loses the rights at
// its next request.
func (db *DB) RemoveGrant(ctx context.Context, grantID int64) error {
	g, err := scanGrant(db.queryRow(ctx, grantSelect+` WHERE g.id = ?`, grantID).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy vai trò này.")
	} else if err != nil {
		return err
	}
	if err := db.checkGrant(ctx, "revoke", &g, userObject(g.UserID)); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM grants WHERE id = ?`, grantID); err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: grantAction(&g, "revoke"), Object: userObject(g.UserID),
			UnitID: g.UnitID, Detail: grantText(g)})
	})
}

// DisableUser implements tuyengiao.UserService: nobody disables their own account, and only
// a caller who may edit the account (every grant in scope) disables it. Its sessions are
// deleted in the same transaction, so it is logged out everywhere at once.
func (db *DB) DisableUser(ctx context.Context, id int64) error {
	if err := refuseSelf(ctx, id, "Bạn không thể tự khóa tài khoản của chính mình."); err != nil {
		return err
	}
	u, err := db.editableAccount(ctx, id)
	if err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		now := db.now()
		if _, err := tx.exec(ctx, `UPDATE users SET disabled_at = COALESCE(disabled_at, ?), updated_at = ? WHERE id = ?`, now, now, id); err != nil {
			return err
		} else if err := endSessions(ctx, tx, id, ""); err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "account.disable", Object: userObject(id), UnitID: accountUnit(u)})
	})
}

// EnableUser implements tuyengiao.UserService, under the same rule as DisableUser.
func (db *DB) EnableUser(ctx context.Context, id int64) error {
	u, err := db.editableAccount(ctx, id)
	if err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `UPDATE users SET disabled_at = NULL, updated_at = ? WHERE id = ?`, db.now(), id); err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "account.enable", Object: userObject(id), UnitID: accountUnit(u)})
	})
}

// ResetPassword implements tuyengiao.UserService, under the same rule as DisableUser: the
// account must change the new password at its next login, and its sessions end. A caller
// changes their own password with ChangePassword, which asks for the old one. Whoever sets
// the password of an account linked to a person can act as that person, so that is also
// audited as a change of who can (linkRecord).
func (db *DB) ResetPassword(ctx context.Context, id int64, pw string) error {
	if err := refuseSelf(ctx, id, "Hãy dùng chức năng đổi mật khẩu để đổi mật khẩu của chính mình."); err != nil {
		return err
	}
	u, err := db.editableAccount(ctx, id)
	if err != nil {
		return err
	} else if err := tuyengiao.ValidatePassword(u.Login, pw); err != nil {
		return err
	}
	hash, err := db.hash(ctx, pw)
	if err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		var person sql.NullInt64
		err := tx.queryRow(ctx, `UPDATE users SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE id = ? RETURNING person_id`,
			hash, true, db.now(), id).Scan(&person)
		if err != nil {
			return err
		} else if err := endSessions(ctx, tx, id, ""); err != nil {
			return err
		} else if err := db.auditLink(ctx, tx, "password", person.Int64, id, "set by another account"); err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "account.reset_password", Object: userObject(id), UnitID: accountUnit(u)})
	})
}

// ChangePassword implements tuyengiao.UserService for the caller's own account: the old
// password is checked (wrong guesses count against tuyengiao.MaxFailedLoginsPerAccount like
// failed logins, so a stolen session cannot try passwords at full speed), MustChangePassword
// is cleared and every other session of the account ends; the caller's stays.
func (db *DB) ChangePassword(ctx context.Context, oldPassword, newPassword string) error {
	p := tuyengiao.PrincipalFrom(ctx)
	if p == nil {
		return tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	object := userObject(p.UserID)
	if err := db.underLimit(ctx, "account.password", "object", object, tuyengiao.MaxFailedLoginsPerAccount); err != nil {
		return err
	}
	var login, hash string
	if err := db.queryRow(ctx, `SELECT login, password_hash FROM users WHERE id = ?`, p.UserID).Scan(&login, &hash); err != nil {
		return err
	}
	var ok bool
	var hashErr error
	if err := db.hashing(ctx, p.Address, func() { ok, hashErr = password.Verify(hash, oldPassword) }); err != nil {
		return err
	} else if hashErr != nil {
		return hashErr
	} else if !ok {
		rec := &tuyengiao.AuditRecord{Action: "account.password", Object: object, Outcome: tuyengiao.OutcomeFailed}
		return errors.Join(tuyengiao.FieldError("old_password", "Mật khẩu hiện tại không đúng."), db.auditAlone(ctx, rec))
	}
	if err := tuyengiao.ValidatePassword(login, newPassword); err != nil {
		return tuyengiao.FieldError("new_password", "%s", err)
	} else if newPassword == oldPassword {
		return tuyengiao.FieldError("new_password", "Mật khẩu mới phải khác mật khẩu hiện tại.")
	}
	hash, err := db.hash(ctx, newPassword)
	if err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE users SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE id = ?`,
			hash, false, db.now(), p.UserID)
		if err != nil {
			return err
		} else if err := endSessions(ctx, tx, p.UserID, p.SessionID); err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "account.password", Object: object})
	})
}

// EnsureAdmin implements tuyengiao.UserService: on a database without accounts it creates
// "admin", a system administrator who must change the random password at first login, and
// returns the login and password for the operator to read once. Several app nodes may start
// at once against one PostgreSQL: each sees no account and tries, the unique login decides,
// and the losers return "" like a node that found accounts.
func (db *DB) EnsureAdmin(ctx context.Context) (login, pw string, err error) {
	var exists bool
	if err := db.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM users)`).Scan(&exists); err != nil || exists {
		return "", "", err
	}
	u := &tuyengiao.User{Login: "admin", DisplayName: "Quản trị hệ thống", MustChangePassword: true,
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin, UnitPath: "/"}}}
	pw = password.Random(16)
	hash := password.Hash(pw)
	err = db.update(ctx, func(tx *Tx) error {
		if err := db.insertUser(ctx, tx, u, hash); err != nil {
			return err
		} else if err := db.insertGrant(ctx, tx, u.ID, &u.Grants[0]); err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Login: "system", Action: "account.create",
			Object: userObject(u.ID), Detail: "login admin; sysadmin; tài khoản quản trị đầu tiên"})
	})
	if uniqueViolation(err) {
		return "", "", nil
	} else if err != nil {
		return "", "", err
	}
	return u.Login, pw, nil
}

// AddUserAsOperator serves the command line (`tuyengiao user add`), run by whoever operates
// the server and so trusted without a principal. It gives the account the role at the unit
// with the code (none for sysadmin) and sets the password, which the account need not change;
// the account is created, named displayName (the login when empty), when the login is new.
// A disabled account stays disabled, and a password change ends the account's sessions. The
// reviewer role follows checkReviewer, so it goes only to an existing account already linked
// to a person of the unit. The audit record names "operator" as the actor.
func (db *DB) AddUserAsOperator(ctx context.Context, login, displayName string, role tuyengiao.Role, unitCode, pw string) error {
	u := &tuyengiao.User{Login: login, DisplayName: cmp.Or(displayName, login)}
	normalizeUser(u)
	g := tuyengiao.Grant{Role: role}
	if unitCode != "" {
		err := db.queryRow(ctx, `SELECT id FROM units WHERE code_folded = ?`, strings.ToLower(vn.NFC(unitCode))).Scan(&g.UnitID)
		if errors.Is(err, sql.ErrNoRows) {
			return tuyengiao.FieldError("unit", "Không tìm thấy đơn vị có mã %q.", unitCode)
		} else if err != nil {
			return err
		}
	}
	if err := u.Validate(); err != nil {
		return err
	} else if err := resolveGrant(ctx, db, &g); err != nil {
		return err
	} else if err := tuyengiao.ValidatePassword(u.Login, pw); err != nil {
		return err
	}
	hash := password.Hash(pw)
	return db.update(ctx, func(tx *Tx) error {
		action, err := db.upsertOperatorUser(ctx, tx, u, hash)
		if err != nil {
			return err
		} else if err := checkReviewer(ctx, tx, &g, u.PersonID, "role"); err != nil {
			return err
		}
		// An operator repeating a command is not an error: a grant already held stays as is.
		_, err = tx.exec(ctx, `INSERT INTO grants (user_id, role, unit_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
			u.ID, g.Role, nullInt64(g.UnitID), db.now())
		if err != nil {
			return err
		}
		err = db.audit(ctx, tx, &tuyengiao.AuditRecord{Login: "operator", Action: action, Object: userObject(u.ID),
			UnitID: g.UnitID, Detail: "login " + u.Login + "; " + grantText(g) + "; mật khẩu do người vận hành đặt"})
		if err != nil {
			return err
		} else if err := db.auditLink(ctx, tx, "password", u.PersonID, u.ID, "set by the operator"); err != nil {
			return err
		}
		if g.Role != tuyengiao.RoleReviewer {
			return nil
		}
		rec := grantRecord(u.ID, &g)
		rec.Login = "operator"
		return db.audit(ctx, tx, rec)
	})
}

// upsertOperatorUser creates the account of AddUserAsOperator, or sets the password of the
// existing one and ends its sessions, and returns the action to audit.
func (db *DB) upsertOperatorUser(ctx context.Context, tx *Tx, u *tuyengiao.User, hash string) (string, error) {
	var person sql.NullInt64
	err := tx.queryRow(ctx, `SELECT id, person_id FROM users WHERE login = ?`, u.Login).Scan(&u.ID, &person)
	u.PersonID = person.Int64
	if errors.Is(err, sql.ErrNoRows) {
		if err := db.insertUser(ctx, tx, u, hash); uniqueViolation(err) {
			return "", tuyengiao.Errorf(tuyengiao.ECONFLICT, "Tài khoản %q vừa được tạo ở nơi khác; hãy chạy lại lệnh.", u.Login)
		} else if err != nil {
			return "", err
		}
		return "account.create", nil
	} else if err != nil {
		return "", err
	}
	_, err = tx.exec(ctx, `UPDATE users SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE id = ?`,
		hash, false, db.now(), u.ID)
	if err != nil {
		return "", err
	}
	return "account.grant", endSessions(ctx, tx, u.ID, "")
}
