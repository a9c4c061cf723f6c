package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/password"
	"tuyengiao/internal/vn"
)

// generatedPasswordLength is the length of a password the system makes for an account: 12
// characters of password.Random's readable alphabet carry about 70 bits, plenty for a
// password that must be changed at the first login, and few enough to read out or copy.
const generatedPasswordLength = 12

// maxUnitChoices is how many units the account forms offer as a list of codes to pick from;
// a user with more units in scope types the code.
const maxUnitChoices = 300

// accountRow is an account with its state in words, for the templates.
type accountRow struct{ *tuyengiao.User }

// State names the state of the account: locked, waiting for a password change, or active.
func (a accountRow) State() string {
	switch {
	case a.DisabledAt != nil:
		return "Đã khóa"
	case a.MustChangePassword:
		return "Phải đổi mật khẩu"
	}
	return "Đang hoạt động"
}

// StateClass is the CSS class of the state's badge.
func (a accountRow) StateClass() string {
	switch {
	case a.DisabledAt != nil:
		return "bad"
	case a.MustChangePassword:
		return "warn"
	}
	return "ok"
}

// accountsData is what the account list shows.
type accountsData struct {
	Query   string
	Root    *tuyengiao.Unit   // the unit whose accounts are listed; nil for the whole scope
	Choices []*tuyengiao.Unit // the units to filter by: the user's own, and Root
	Users   []accountRow
	Pages   pageNav
}

func (s *Server) accountsPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := userFilter(q)
	if err != nil {
		return err
	}
	users, total, err := s.Users.FindUsers(r.Context(), f)
	if err != nil {
		return err
	}
	d := &accountsData{Query: f.Query, Pages: newPageNav(r, f.Offset, f.Limit, total)}
	for _, u := range users {
		d.Users = append(d.Users, accountRow{u})
	}
	if d.Root, d.Choices, err = s.rootChoices(r, tuyengiao.ActionAccountView, f.RootID); err != nil {
		return err
	}
	return s.render(w, r, "accounts", &page{Title: "Tài khoản", Nav: "accounts", Data: d, Form: q})
}

// rootChoices returns the unit rootID (nil for 0) and the units a list can be narrowed to:
// the top units of the user's scope for the action, and the chosen one when it lies deeper.
func (s *Server) rootChoices(r *http.Request, action tuyengiao.Action, rootID int64) (*tuyengiao.Unit, []*tuyengiao.Unit, error) {
	roots, err := s.actionRoots(r, action)
	if err != nil || rootID == 0 {
		return nil, roots, err
	}
	root, err := s.Units.FindUnitByID(r.Context(), rootID)
	if err != nil {
		return nil, nil, err
	}
	for _, u := range roots {
		if u.ID == root.ID {
			return root, roots, nil
		}
	}
	return root, append(roots, root), nil
}

// grantableRoles returns the roles, strongest first, that p may give to the account userID
// (0 for a new one) at one of the units with the paths at least. It only decides what the
// forms offer: the service decides what is given.
func grantableRoles(p *tuyengiao.Principal, userID int64, paths []string) []tuyengiao.Role {
	var out []tuyengiao.Role
	for _, role := range tuyengiao.Roles {
		for _, path := range paths {
			if tuyengiao.AuthorizeGrant(p, tuyengiao.Grant{UserID: userID, Role: role, UnitPath: path}) == nil {
				out = append(out, role)
				break
			}
		}
	}
	return out
}

// grantUnits returns the units under root (0: the user's whole scope) where the user manages
// accounts, for the forms to offer their codes; nil when there are too many to list.
func (s *Server) grantUnits(r *http.Request, rootID int64) ([]*tuyengiao.Unit, error) {
	units, total, err := s.findUnits(r, tuyengiao.UnitFilter{RootID: rootID, Limit: maxUnitChoices})
	if err != nil || total > maxUnitChoices {
		return nil, err
	}
	p := tuyengiao.PrincipalFrom(r.Context())
	var out []*tuyengiao.Unit
	for _, u := range units {
		if tuyengiao.Authorize(p, tuyengiao.ActionAccountEdit, u.Path) == nil {
			out = append(out, u)
		}
	}
	return out, nil
}

// accountNewData is what the new-account form shows.
type accountNewData struct {
	Roles []tuyengiao.Role  // the roles the user may give
	Unit  *tuyengiao.Unit   // the unit the form was opened for (?unit=), if any
	Units []*tuyengiao.Unit // units to pick a code from; nil when too many
}

func (s *Server) accountNewPage(w http.ResponseWriter, r *http.Request) error {
	return s.accountForm(w, r, nil, http.StatusOK)
}

// accountForm shows the new-account form, for the unit ?unit= when given, with err if any. A
// user who may give no role there is refused: the form would have nothing to offer.
func (s *Server) accountForm(w http.ResponseWriter, r *http.Request, err error, code int) error {
	form := shownForm(r)
	p := tuyengiao.PrincipalFrom(r.Context())
	d := &accountNewData{}
	unitID, uerr := queryInt(r.URL.Query(), "unit")
	if uerr != nil {
		return uerr
	}
	paths := p.Scope(tuyengiao.ActionAccountEdit)
	if unitID != 0 {
		if d.Unit, uerr = s.Units.FindUnitByID(r.Context(), unitID); uerr != nil {
			return uerr
		}
		paths = []string{d.Unit.Path}
	}
	if d.Roles = grantableRoles(p, 0, paths); len(d.Roles) == 0 {
		return tuyengiao.Errorf(tuyengiao.EFORBIDDEN, "Bạn không có quyền tạo tài khoản tại đơn vị này.")
	}
	if d.Units, uerr = s.grantUnits(r, unitID); uerr != nil {
		return uerr
	}
	pg := &page{Title: "Tạo tài khoản", Nav: "accounts", Data: d, Form: form}
	return s.renderForm(w, r, "account_new", pg, err, code)
}

// grantFromForm reads the role and the unit code of a form into a grant, looking the unit up
// by its code; a sysadmin grant has no unit.
func (s *Server) grantFromForm(r *http.Request, f url.Values) (tuyengiao.Grant, error) {
	g := tuyengiao.Grant{Role: tuyengiao.Role(f.Get("role"))}
	code := strings.TrimSpace(f.Get("unit_code"))
	switch {
	case !g.Role.Valid():
		return g, tuyengiao.FieldError("role", "Chưa chọn vai trò.")
	case g.Role == tuyengiao.RoleSysadmin && code != "":
		return g, tuyengiao.FieldError("unit_code", "Vai trò quản trị hệ thống áp dụng cho toàn hệ thống; hãy để trống mã đơn vị.")
	case g.Role == tuyengiao.RoleSysadmin:
		return g, nil
	case code == "":
		return g, tuyengiao.FieldError("unit_code", "Chưa nhập mã đơn vị.")
	}
	u, err := s.Units.FindUnitByCode(r.Context(), code)
	if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
		return g, tuyengiao.FieldError("unit_code", "Không có đơn vị mã %q.", code)
	} else if err != nil {
		return g, grantError(err, g.Role)
	}
	g.UnitID, g.UnitPath = u.ID, u.Path
	return g, nil
}

// grantError ties an error about a grant given on a form to the form's fields: the
// service's unit_id is the form's unit_code, and a refusal is shown at the unit (at the role
// for sysadmin, which has no unit), so that the form says what to change.
func grantError(err error, role tuyengiao.Role) error {
	var e *tuyengiao.Error
	if !errors.As(err, &e) {
		return err
	}
	out := *e
	switch {
	case e.Code == tuyengiao.EFORBIDDEN && role == tuyengiao.RoleSysadmin:
		out.Field = "role"
	case e.Code == tuyengiao.EFORBIDDEN, e.Field == "unit_id":
		out.Field = "unit_code"
	case e.Field == "grants":
		out.Field = "role"
	default:
		return err
	}
	return &out
}

// passwordFromForm returns the password of an account form and whether the system made it:
// a random one unless the administrator chose to type it (password_mode=manual, or a
// password sent without a mode), in which case it must match its confirmation when one is
// sent.
func passwordFromForm(f url.Values) (pw string, generated bool, err error) {
	mode := f.Get("password_mode")
	if mode == "random" || mode == "" && f.Get("password") == "" {
		return password.Random(generatedPasswordLength), true, nil
	}
	if _, ok := f["confirm"]; ok && f.Get("confirm") != f.Get("password") {
		return "", false, tuyengiao.FieldError("confirm", "Mật khẩu nhập lại không khớp.")
	}
	return f.Get("password"), false, nil
}

// accountCreate creates an account with its first role. The account must change its password
// at the first login. A password the system made is shown on the answer, once; a typed one
// is not shown again.
func (s *Server) accountCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	f := r.PostForm
	u := &tuyengiao.User{Login: strings.TrimSpace(f.Get("login")), DisplayName: strings.TrimSpace(vn.NFC(f.Get("display_name"))),
		MustChangePassword: true}
	pw, generated, err := passwordFromForm(f)
	if err == nil {
		u.PersonID, err = queryInt(f, "person_id")
	}
	if err == nil {
		var g tuyengiao.Grant
		if g, err = s.grantFromForm(r, f); err == nil {
			u.Grants = []tuyengiao.Grant{g}
			err = grantError(s.Users.CreateUser(r.Context(), u, pw), g.Role)
		}
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.accountForm(w, r, err, code) })
	}
	if !generated {
		http.Redirect(w, r, "/accounts/"+strconv.FormatInt(u.ID, 10)+"?ok=created", http.StatusSeeOther)
		return nil
	}
	return s.showPassword(w, r, u.ID, pw, "created")
}

// showPassword shows the account page with a password the system has just made, the only
// time it is shown.
func (s *Server) showPassword(w http.ResponseWriter, r *http.Request, id int64, pw, flash string) error {
	d, err := s.accountData(r, id)
	if err != nil {
		return err
	}
	d.NewPassword = pw
	return s.render(w, r, "account", &page{Title: d.User.Login, Nav: "accounts", Data: d, Flash: flashes[flash]})
}

// accountData is what the account page shows.
type accountData struct {
	User        accountRow
	Self        bool           // the account is the user's own
	CanEdit     bool           // the user may rename, lock, unlock and reset the account
	Revocable   map[int64]bool // grant ID → the user may take the grant back
	Roles       []tuyengiao.Role
	Units       []*tuyengiao.Unit // units to pick a code from; nil when too many
	NewPassword string            // a password the system has just made, shown once
}

// accountData loads the account with what the user may do to it. Like page.CanAt, the flags
// only decide which forms are shown; the services decide what is done.
func (s *Server) accountData(r *http.Request, id int64) (*accountData, error) {
	u, err := s.Users.FindUserByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	p := tuyengiao.PrincipalFrom(r.Context())
	d := &accountData{User: accountRow{u}, Self: p.UserID == u.ID, Revocable: map[int64]bool{}}
	d.CanEdit = len(u.Grants) > 0 || p.IsSysadmin()
	for _, g := range u.Grants {
		if tuyengiao.Authorize(p, tuyengiao.ActionAccountEdit, g.UnitPath) != nil {
			d.CanEdit = false
		}
		d.Revocable[g.ID] = tuyengiao.AuthorizeGrant(p, g) == nil
	}
	if d.Roles = grantableRoles(p, u.ID, p.Scope(tuyengiao.ActionAccountEdit)); len(d.Roles) > 0 {
		if d.Units, err = s.grantUnits(r, 0); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	d, err := s.accountData(r, id)
	if err != nil {
		return err
	}
	return s.render(w, r, "account", &page{Title: d.User.Login, Nav: "accounts", Data: d})
}

// accountChange answers a change made on the account page: back to the page with the
// confirmation, or the page again with the error when the user can correct it.
func (s *Server) accountChange(w http.ResponseWriter, r *http.Request, id int64, err error, flash string) error {
	if err == nil {
		http.Redirect(w, r, "/accounts/"+strconv.FormatInt(id, 10)+"?ok="+flash, http.StatusSeeOther)
		return nil
	}
	return formError(err, func(err error, code int) error {
		d, derr := s.accountData(r, id)
		if derr != nil {
			return derr
		}
		p := &page{Title: d.User.Login, Nav: "accounts", Data: d, Form: r.PostForm}
		return s.renderForm(w, r, "account", p, err, code)
	})
}

// accountIDAndForm reads the account ID of the path and the posted form.
func accountIDAndForm(r *http.Request) (int64, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return 0, err
	}
	return id, r.ParseForm()
}

func (s *Server) accountUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := accountIDAndForm(r)
	if err != nil {
		return err
	}
	name := strings.TrimSpace(vn.NFC(r.PostForm.Get("display_name")))
	upd := tuyengiao.UserUpdate{DisplayName: &name}
	// The form links the account to a person by the person's ID; left empty, it unlinks.
	if _, sent := r.PostForm["person_id"]; sent {
		person, err := queryInt(r.PostForm, "person_id")
		if err != nil {
			return s.accountChange(w, r, id, err, "saved")
		}
		upd.PersonID = &person
	}
	_, err = s.Users.UpdateUser(r.Context(), id, upd)
	return s.accountChange(w, r, id, err, "saved")
}

func (s *Server) accountGrant(w http.ResponseWriter, r *http.Request) error {
	id, err := accountIDAndForm(r)
	if err != nil {
		return err
	}
	g, err := s.grantFromForm(r, r.PostForm)
	if err == nil {
		g.UserID = id
		err = s.Users.AddGrant(r.Context(), &g)
		// The page of one's own account has no grant form whose fields could show the
		// refusal, so it is shown as the page's error.
		if id != tuyengiao.PrincipalFrom(r.Context()).UserID {
			err = grantError(err, g.Role)
		}
	}
	return s.accountChange(w, r, id, err, "granted")
}

// grantOfUser checks that the grant belongs to the account, which the user must be able to
// see; a grant of another account is ENOTFOUND, as if it did not exist.
func (s *Server) grantOfUser(r *http.Request, userID, grantID int64) error {
	u, err := s.Users.FindUserByID(r.Context(), userID)
	if err != nil {
		return err
	}
	for _, g := range u.Grants {
		if g.ID == grantID {
			return nil
		}
	}
	return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy vai trò này.")
}

func (s *Server) accountRevoke(w http.ResponseWriter, r *http.Request) error {
	id, err := accountIDAndForm(r)
	if err != nil {
		return err
	}
	grantID, err := pathID(r, "grant")
	if err != nil {
		return err
	}
	if err := s.grantOfUser(r, id, grantID); err != nil {
		return err
	}
	return s.accountChange(w, r, id, s.Users.RemoveGrant(r.Context(), grantID), "revoked")
}

func (s *Server) accountDisable(w http.ResponseWriter, r *http.Request) error {
	id, err := accountIDAndForm(r)
	if err != nil {
		return err
	}
	return s.accountChange(w, r, id, s.Users.DisableUser(r.Context(), id), "disabled")
}

func (s *Server) accountEnable(w http.ResponseWriter, r *http.Request) error {
	id, err := accountIDAndForm(r)
	if err != nil {
		return err
	}
	return s.accountChange(w, r, id, s.Users.EnableUser(r.Context(), id), "enabled")
}

// accountResetPassword sets a new password, made by the system (shown once on the answer) or
// typed by the administrator; the account must change it at its next login, and its
// sessions end.
func (s *Server) accountResetPassword(w http.ResponseWriter, r *http.Request) error {
	id, err := accountIDAndForm(r)
	if err != nil {
		return err
	}
	pw, generated, err := passwordFromForm(r.PostForm)
	if err == nil {
		err = s.Users.ResetPassword(r.Context(), id, pw)
	}
	if err != nil || !generated {
		return s.accountChange(w, r, id, err, "reset")
	}
	return s.showPassword(w, r, id, pw, "reset")
}

// pageNav is the position of one page of a list and the links to its neighbours, which keep
// the list's other query parameters.
type pageNav struct {
	Offset, Limit, Total int
	path                 string
	query                url.Values
}

func newPageNav(r *http.Request, offset, limit, total int) pageNav {
	return pageNav{Offset: offset, Limit: limit, Total: total, path: r.URL.Path, query: r.URL.Query()}
}

// First and Last number the first and last items shown, from 1; First is 0 for an empty list.
func (n pageNav) First() int { return min(n.Offset+1, n.Total) }
func (n pageNav) Last() int  { return min(n.Offset+n.Limit, n.Total) }

// Prev and Next are the links to the neighbouring pages, "" at either end.
func (n pageNav) Prev() string {
	if n.Offset <= 0 {
		return ""
	}
	return n.link(max(n.Offset-n.Limit, 0))
}

func (n pageNav) Next() string {
	if n.Limit <= 0 || n.Offset+n.Limit >= n.Total {
		return ""
	}
	return n.link(n.Offset + n.Limit)
}

func (n pageNav) link(offset int) string {
	q := url.Values{}
	for k, v := range n.query {
		q[k] = v
	}
	q.Del("ok")
	q.Del("offset")
	if offset > 0 {
		q.Set("offset", strconv.Itoa(offset))
	}
	if len(q) == 0 {
		return n.path
	}
	return n.path + "?" + q.Encode()
}
