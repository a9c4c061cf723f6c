package main

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// shownPassword returns the password an account page shows once after it was made.
func shownPassword(t *testing.T, res *response) string {
	t.Helper()
	m := regexp.MustCompile(`id="new-password">([^<]+)<`).FindStringSubmatch(res.body)
	if m == nil {
		t.Fatalf("no password shown (status %d): %s", res.StatusCode, res.body)
	}
	return m[1]
}

// userByLogin returns the account with the login, or nil, as a system administrator sees it.
func (a *testApp) userByLogin(login string) *tuyengiao.User {
	a.t.Helper()
	users, _, err := a.db.FindUsers(a.admin(), tuyengiao.UserFilter{Query: login})
	if err != nil {
		a.t.Fatal(err)
	}
	for _, u := range users {
		if u.Login == login {
			return u
		}
	}
	return nil
}

func accountPath(u *tuyengiao.User) string { return "/accounts/" + strconv.FormatInt(u.ID, 10) }

func TestAccount(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		q1 := a.unit(city, "Q1", "Quận ủy Bình Minh", "quan_uy")
		p1 := a.unit(q1, "Q1P1", "Đảng ủy phường Đông Kinh", "dang_uy_phuong")
		q2 := a.unit(city, "Q2", "Quận ủy Sông Cầu", "quan_uy")
		a.user("qt.q1", tuyengiao.RoleUnitAdmin, q1)
		a.user("xem.p1", tuyengiao.RoleViewer, p1)
		a.user("qt.q2", tuyengiao.RoleUnitAdmin, q2)
		admin := a.login("qt.q1")

		t.Run("a district administrator creates an editor of a ward, who must change the password first", func(t *testing.T) {
			res := admin.post("/accounts", url.Values{"login": {"BienTap.P1"}, "display_name": {"Lê Thị Hoa"},
				"role": {"editor"}, "unit_code": {"q1p1"}, "password_mode": {"random"}})
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Đã tạo mới.") || !strings.Contains(res.body, "Đảng ủy phường Đông Kinh") {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
			pw := shownPassword(t, res)
			u := a.userByLogin("bientap.p1")
			if u == nil || !u.MustChangePassword || len(u.Grants) != 1 || u.Grants[0].Role != tuyengiao.RoleEditor || u.Grants[0].UnitID != p1.ID {
				t.Fatalf("account: %+v", u)
			}
			// The password is shown once: the account page does not show it again.
			if res := admin.get(accountPath(u)); res.StatusCode != 200 || strings.Contains(res.body, pw) {
				t.Fatalf("account page: %d, password shown again: %v", res.StatusCode, strings.Contains(res.body, pw))
			}
			c := a.anonymous()
			if res := c.post("/login", url.Values{"login": {"bientap.p1"}, "password": {pw}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("login: %d %s", res.StatusCode, res.message())
			}
			if res := c.get("/units"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/password" {
				t.Fatalf("before the change: %d %q", res.StatusCode, res.Header.Get("Location"))
			}
			res = c.post("/password", url.Values{"old_password": {pw}, "new_password": {"mat-khau-rieng-cua-hoa"}, "confirm": {"mat-khau-rieng-cua-hoa"}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("change: %d %s", res.StatusCode, res.message())
			}
			if res := c.get("/units"); res.StatusCode != 200 || !strings.Contains(res.body, "Đảng ủy phường Đông Kinh") {
				t.Fatalf("after the change: %d", res.StatusCode)
			}
		})

		t.Run("a typed password is checked against its confirmation and the form keeps what was typed", func(t *testing.T) {
			form := url.Values{"login": {"hoa.p1"}, "display_name": {"Trần Văn Hòa"}, "role": {"viewer"}, "unit_code": {"Q1P1"},
				"password_mode": {"manual"}, "password": {"mot-mat-khau-dai"}, "confirm": {"mot-mat-khau-khac"}}
			res := admin.post("/accounts", form)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Mật khẩu nhập lại không khớp.") ||
				!strings.Contains(res.body, `value="hoa.p1"`) || !strings.Contains(res.body, `value="Trần Văn Hòa"`) ||
				strings.Contains(res.body, "mot-mat-khau") {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
			form.Set("confirm", "mot-mat-khau-dai")
			res = admin.post("/accounts", form)
			if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "?ok=created") {
				t.Fatalf("status %d: %s", res.StatusCode, res.message())
			}
			form.Set("display_name", "Người khác")
			res = admin.post("/accounts", form)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "đã được dùng") {
				t.Fatalf("same login again: %d: %s", res.StatusCode, res.message())
			}
		})

		t.Run("an administrator cannot give a role at a sibling district, nor sysadmin", func(t *testing.T) {
			res := admin.post("/accounts", url.Values{"login": {"lan.q2"}, "display_name": {"Phạm Thị Lan"},
				"role": {"editor"}, "unit_code": {"Q2"}, "password_mode": {"random"}})
			if res.StatusCode != http.StatusForbidden || !strings.Contains(res.body, "không có quyền") ||
				!strings.Contains(res.body, `value="lan.q2"`) || !strings.Contains(res.body, `<form method="post" action="/accounts">`) {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
			if u := a.userByLogin("lan.q2"); u != nil {
				t.Fatalf("created: %+v", u)
			}
			page := admin.get("/accounts/new")
			if page.StatusCode != 200 || strings.Contains(page.body, `value="sysadmin"`) || !strings.Contains(page.body, `value="unitadmin"`) {
				t.Fatalf("new account form: %d: %s", page.StatusCode, page.body)
			}
			res = admin.post("/accounts", url.Values{"login": {"lan.tp"}, "display_name": {"Phạm Thị Lan"},
				"role": {"sysadmin"}, "password_mode": {"random"}})
			if res.StatusCode != http.StatusForbidden || !strings.Contains(res.body, "không có quyền") || !strings.Contains(res.body, `value="lan.tp"`) {
				t.Fatalf("sysadmin: status %d: %s", res.StatusCode, res.body)
			}
			if u := a.userByLogin("lan.tp"); u != nil {
				t.Fatalf("created: %+v", u)
			}
		})

		t.Run("a viewer may not open the account form", func(t *testing.T) {
			viewer := a.login("xem.p1")
			if res := viewer.get("/accounts/new"); res.StatusCode != http.StatusForbidden {
				t.Fatalf("status %d", res.StatusCode)
			}
			if res := viewer.get("/accounts"); res.StatusCode != http.StatusForbidden {
				t.Fatalf("list: status %d", res.StatusCode)
			}
		})

		t.Run("the list shows the accounts of the subtree with their roles and state", func(t *testing.T) {
			res := admin.get("/accounts")
			if res.StatusCode != 200 || !strings.Contains(res.body, "bientap.p1") || !strings.Contains(res.body, "Cập nhật dữ liệu · Đảng ủy phường Đông Kinh") ||
				!strings.Contains(res.body, "Đang hoạt động") || strings.Contains(res.body, "qt.q2") {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
			if res := admin.get("/accounts?q=hoa"); !strings.Contains(res.body, "hoa.p1") || strings.Contains(res.body, "xem.p1") {
				t.Fatalf("search: %s", res.body)
			}
			if res := admin.get("/accounts?root=" + strconv.FormatInt(q2.ID, 10)); res.StatusCode != http.StatusForbidden {
				t.Fatalf("sibling root: %d", res.StatusCode)
			}
		})

		t.Run("grants are given and taken back on the account page", func(t *testing.T) {
			u := a.userByLogin("hoa.p1")
			res := admin.post(accountPath(u)+"/grants", url.Values{"role": {"editor"}, "unit_code": {"Q1"}})
			if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "?ok=granted") {
				t.Fatalf("grant: %d %s", res.StatusCode, res.message())
			}
			res = admin.post(accountPath(u)+"/grants", url.Values{"role": {"editor"}, "unit_code": {"Q2"}})
			if res.StatusCode != http.StatusForbidden || !strings.Contains(res.body, "không có quyền") || !strings.Contains(res.body, `value="Q2"`) {
				t.Fatalf("sibling grant: %d %s", res.StatusCode, res.body)
			}
			res = admin.post(accountPath(u)+"/grants", url.Values{"role": {"editor"}, "unit_code": {"KHONG-CO"}})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Không có đơn vị mã") {
				t.Fatalf("unknown unit: %d %s", res.StatusCode, res.body)
			}
			u = a.userByLogin("hoa.p1")
			if len(u.Grants) != 2 {
				t.Fatalf("grants: %+v", u.Grants)
			}
			var editor tuyengiao.Grant
			for _, g := range u.Grants {
				if g.Role == tuyengiao.RoleEditor {
					editor = g
				}
			}
			res = admin.post(fmt.Sprintf("%s/grants/%d/delete", accountPath(u), editor.ID), url.Values{})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("revoke: %d %s", res.StatusCode, res.message())
			}
			if u = a.userByLogin("hoa.p1"); len(u.Grants) != 1 || u.Grants[0].Role != tuyengiao.RoleViewer {
				t.Fatalf("after revoke: %+v", u.Grants)
			}
		})

		t.Run("the display name is changed, and a blank one is refused naming the field", func(t *testing.T) {
			u := a.userByLogin("hoa.p1")
			if res := admin.post(accountPath(u), url.Values{"display_name": {"Trần Văn Hòa (P1)"}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("rename: %d %s", res.StatusCode, res.message())
			}
			res := admin.post(accountPath(u), url.Values{"display_name": {"  "}})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Họ tên người dùng không được để trống.") {
				t.Fatalf("blank: %d %s", res.StatusCode, res.body)
			}
			if u = a.userByLogin("hoa.p1"); u.DisplayName != "Trần Văn Hòa (P1)" {
				t.Fatalf("name %q", u.DisplayName)
			}
		})

		t.Run("an account is linked to a person on the page: one account per person, and a reviewer is a person of the cell", func(t *testing.T) {
			mai := a.person(p1, "Vũ Thị Mai", tuyengiao.CategoryMember)
			hung := a.person(p1, "Đặng Văn Hùng", tuyengiao.CategoryMember)
			form := url.Values{"login": {"mai.p1"}, "display_name": {"Vũ Thị Mai"}, "person_id": {strconv.FormatInt(mai.ID, 10)},
				"role": {"member"}, "unit_code": {"Q1P1"}, "password_mode": {"random"}}
			if res := admin.post("/accounts", form); res.StatusCode != http.StatusOK {
				t.Fatalf("create: %d %s", res.StatusCode, res.message())
			}
			form.Set("login", "mai.thu.hai")
			res := admin.post("/accounts", form)
			if res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "đã được gắn với một tài khoản khác") ||
				!strings.Contains(res.body, `id="person_id" name="person_id" value="`+strconv.FormatInt(mai.ID, 10)+`" inputmode="numeric" aria-invalid="true"`) {
				t.Fatalf("a second account of Mai: %d %s", res.StatusCode, res.body)
			}
			u := a.userByLogin("hoa.p1")
			res = admin.post(accountPath(u)+"/grants", url.Values{"role": {"reviewer"}, "unit_code": {"Q1P1"}})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "chưa gắn với hồ sơ") {
				t.Fatalf("reviewer of an account without a person: %d %s", res.StatusCode, res.body)
			}
			link := url.Values{"display_name": {u.DisplayName}, "person_id": {strconv.FormatInt(mai.ID, 10)}}
			if res := admin.post(accountPath(u), link); res.StatusCode != http.StatusConflict || !strings.Contains(res.body, "đã được gắn với một tài khoản khác") {
				t.Fatalf("link to Mai: %d %s", res.StatusCode, res.message())
			}
			link.Set("person_id", strconv.FormatInt(hung.ID, 10))
			if res := admin.post(accountPath(u), link); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("link to Hùng: %d %s", res.StatusCode, res.message())
			}
			res = admin.post(accountPath(u)+"/grants", url.Values{"role": {"reviewer"}, "unit_code": {"Q1P1"}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("reviewer of Hùng's account: %d %s", res.StatusCode, res.message())
			}
			if res := admin.get(accountPath(u)); !strings.Contains(res.body, `value="`+strconv.FormatInt(hung.ID, 10)+`"`) {
				t.Fatalf("the edit form does not show the linked person: %s", res.body)
			}
		})

		t.Run("disabling an account ends its sessions and enabling lets it log in again", func(t *testing.T) {
			u := a.user("khoa.p1", tuyengiao.RoleEditor, p1)
			c := a.login("khoa.p1")
			if res := c.get("/units"); res.StatusCode != 200 {
				t.Fatalf("before: %d", res.StatusCode)
			}
			if res := admin.post(accountPath(u)+"/disable", url.Values{}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("disable: %d %s", res.StatusCode, res.message())
			}
			if res := c.get("/units"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
				t.Fatalf("after: %d %q", res.StatusCode, res.Header.Get("Location"))
			}
			if res := admin.get(accountPath(u)); !strings.Contains(res.body, "Đã khóa") || !strings.Contains(res.body, "/enable") {
				t.Fatalf("account page: %s", res.body)
			}
			res := a.anonymous().post("/login", url.Values{"login": {"khoa.p1"}, "password": {testPassword}})
			if res.StatusCode != http.StatusUnauthorized || !strings.Contains(res.body, "Tài khoản đã bị khóa") {
				t.Fatalf("login while disabled: %d", res.StatusCode)
			}
			if res := admin.post(accountPath(u)+"/enable", url.Values{}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("enable: %d %s", res.StatusCode, res.message())
			}
			a.login("khoa.p1")
		})

		t.Run("a reset password is shown once and must be changed", func(t *testing.T) {
			u := a.user("quen.p1", tuyengiao.RoleEditor, p1)
			c := a.login("quen.p1")
			res := admin.post(accountPath(u)+"/password", url.Values{"password_mode": {"random"}})
			if res.StatusCode != 200 || !strings.Contains(res.body, "Đã đặt lại mật khẩu.") {
				t.Fatalf("reset: %d %s", res.StatusCode, res.body)
			}
			pw := shownPassword(t, res)
			if res := c.get("/units"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
				t.Fatalf("old session: %d %q", res.StatusCode, res.Header.Get("Location"))
			}
			c = a.anonymous()
			if res := c.post("/login", url.Values{"login": {"quen.p1"}, "password": {pw}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("login: %d", res.StatusCode)
			}
			if res := c.get("/"); res.Header.Get("Location") != "/password" {
				t.Fatalf("must change: %d %q", res.StatusCode, res.Header.Get("Location"))
			}
			res = admin.post(accountPath(u)+"/password", url.Values{"password_mode": {"manual"}, "password": {"ngan"}, "confirm": {"ngan"}})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Mật khẩu phải có ít nhất 10 ký tự.") {
				t.Fatalf("short: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("nobody locks, resets or grants a role to their own account", func(t *testing.T) {
			me := a.userByLogin("qt.q1")
			if res := admin.get(accountPath(me)); res.StatusCode != 200 || strings.Contains(res.body, "/disable") || strings.Contains(res.body, accountPath(me)+"/password") ||
				strings.Contains(res.body, accountPath(me)+"/grants") {
				t.Fatalf("own page: %d", res.StatusCode)
			}
			res := admin.post(accountPath(me)+"/grants", url.Values{"role": {"reviewer"}, "unit_code": {"Q1P1"}})
			if res.StatusCode != http.StatusForbidden || !strings.Contains(res.body, "Không ai được tự cấp") {
				t.Fatalf("grant self: %d %s", res.StatusCode, res.message())
			}
			if res := admin.post(accountPath(me)+"/disable", url.Values{}); res.StatusCode != http.StatusForbidden {
				t.Fatalf("disable self: %d", res.StatusCode)
			}
		})

		t.Run("the API creates an account and grants and revokes a role", func(t *testing.T) {
			c := a.api("qt.q1")
			res := c.json("POST", "/api/v1/users", map[string]any{"login": "api.p1", "display_name": "Võ Minh Tâm",
				"password": "mat-khau-api-123", "grants": []map[string]any{{"role": "editor", "unit_id": p1.ID}}})
			if res.StatusCode != http.StatusCreated {
				t.Fatalf("create: %d %s", res.StatusCode, res.body)
			}
			var u tuyengiao.User
			res.decode(&u)
			if u.ID == 0 || u.Login != "api.p1" || !u.MustChangePassword || len(u.Grants) != 1 || u.Grants[0].UnitName != "Đảng ủy phường Đông Kinh" {
				t.Fatalf("created: %+v", u)
			}
			base := "/api/v1/users/" + strconv.FormatInt(u.ID, 10)
			res = c.json("POST", base+"/grants", map[string]any{"role": "viewer", "unit_id": q1.ID})
			if res.StatusCode != http.StatusCreated {
				t.Fatalf("grant: %d %s", res.StatusCode, res.body)
			}
			var g tuyengiao.Grant
			res.decode(&g)
			if res := c.json("POST", base+"/grants", map[string]any{"role": "viewer", "unit_id": q2.ID}); res.StatusCode != http.StatusForbidden {
				t.Fatalf("sibling grant: %d %s", res.StatusCode, res.body)
			}
			res = c.get(base)
			var got tuyengiao.User
			res.decode(&got)
			if len(got.Grants) != 2 {
				t.Fatalf("grants: %s", res.body)
			}
			if res := c.json("DELETE", fmt.Sprintf("%s/grants/%d", base, g.ID), nil); res.StatusCode != http.StatusNoContent {
				t.Fatalf("revoke: %d %s", res.StatusCode, res.body)
			}
			other := a.userByLogin("qt.q2")
			if res := c.json("DELETE", fmt.Sprintf("%s/grants/%d", base, other.Grants[0].ID), nil); res.StatusCode != http.StatusNotFound {
				t.Fatalf("grant of another account: %d %s", res.StatusCode, res.body)
			}
			res = c.get(base)
			got = tuyengiao.User{}
			res.decode(&got)
			if len(got.Grants) != 1 || got.Grants[0].Role != tuyengiao.RoleEditor {
				t.Fatalf("after revoke: %s", res.body)
			}
			if res := c.json("PATCH", base, map[string]any{"display_name": "Võ Minh Tâm (P1)"}); res.StatusCode != 200 || !strings.Contains(res.body, "(P1)") {
				t.Fatalf("update: %d %s", res.StatusCode, res.body)
			}
			if res := c.json("POST", base+"/password", map[string]any{"password": "dat-lai-qua-api"}); res.StatusCode != http.StatusNoContent {
				t.Fatalf("password: %d %s", res.StatusCode, res.body)
			}
			if res := c.json("POST", base+"/disable", nil); res.StatusCode != http.StatusNoContent {
				t.Fatalf("disable: %d %s", res.StatusCode, res.body)
			}
			if res := c.json("POST", base+"/enable", nil); res.StatusCode != http.StatusNoContent {
				t.Fatalf("enable: %d %s", res.StatusCode, res.body)
			}
			res = c.get("/api/v1/users?q=api")
			var list struct {
				Items []tuyengiao.User
				Total int
			}
			res.decode(&list)
			if list.Total != 1 || list.Items[0].Login != "api.p1" {
				t.Fatalf("list: %s", res.body)
			}
			res = c.json("POST", "/api/v1/users", map[string]any{"login": "x", "display_name": "X", "password": "mat-khau-api-123",
				"grants": []map[string]any{{"role": "editor", "unit_id": p1.ID}}})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"login"`) {
				t.Fatalf("short login: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("the API changes the caller's own password", func(t *testing.T) {
			a.user("doi.p1", tuyengiao.RoleViewer, p1)
			c := a.api("doi.p1")
			res := c.json("POST", "/api/v1/auth/password", map[string]any{"old_password": "sai-mat-khau", "new_password": "mat-khau-moi-cua-toi"})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"old_password"`) {
				t.Fatalf("wrong old: %d %s", res.StatusCode, res.body)
			}
			res = c.json("POST", "/api/v1/auth/password", map[string]any{"old_password": testPassword, "new_password": "mat-khau-moi-cua-toi"})
			if res.StatusCode != http.StatusNoContent {
				t.Fatalf("change: %d %s", res.StatusCode, res.body)
			}
		})
	})
}

func TestAudit(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		q1 := a.unit(city, "Q1", "Quận ủy Bình Minh", "quan_uy")
		p1 := a.unit(q1, "Q1P1", "Đảng ủy phường Đông Kinh", "dang_uy_phuong")
		q2 := a.unit(city, "Q2", "Quận ủy Sông Cầu", "quan_uy")
		p2 := a.unit(q2, "Q2P1", "Đảng ủy phường Tây Sơn", "dang_uy_phuong")
		own := a.person(p1, "Nguyễn Văn Đức", tuyengiao.CategoryMember)
		other := a.person(p2, "Trần Thị Mai", tuyengiao.CategoryMember)
		a.user("qt.q1", tuyengiao.RoleUnitAdmin, q1)
		a.user("bt.p1", tuyengiao.RoleEditor, p1)
		a.user("qt.tp", tuyengiao.RoleSysadmin, nil)
		objectCell := func(p *tuyengiao.Person) string {
			return fmt.Sprintf(`/people/%d">person:%d<`, p.ID, p.ID)
		}

		t.Run("a district administrator sees the records of the district and not of a sibling", func(t *testing.T) {
			res := a.login("qt.q1").get("/audit")
			if res.StatusCode != 200 || !strings.Contains(res.body, objectCell(own)) || !strings.Contains(res.body, "Thêm nhân sự") ||
				!strings.Contains(res.body, "Đảng ủy phường Đông Kinh") || !strings.Contains(res.body, "outcome-ok") {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
			if strings.Contains(res.body, objectCell(other)) || strings.Contains(res.body, "Đảng ủy phường Tây Sơn") {
				t.Fatalf("a sibling's record is shown: %s", res.body)
			}
			if res := a.login("qt.q1").get("/audit?root=" + strconv.FormatInt(q2.ID, 10)); res.StatusCode != http.StatusForbidden {
				t.Fatalf("sibling root: %d", res.StatusCode)
			}
		})

		t.Run("refusals are recorded and filtered by outcome and action", func(t *testing.T) {
			admin := a.login("qt.q1")
			admin.post("/accounts", url.Values{"login": {"lan.p1"}, "display_name": {"Lan"}, "role": {"editor"}, "unit_code": {"Q1P1"},
				"password_mode": {"random"}})
			a.login("bt.p1").post("/units/"+strconv.FormatInt(p1.ID, 10)+"/close", url.Values{})
			res := admin.get("/audit?outcome=denied")
			if res.StatusCode != 200 || !strings.Contains(res.body, "Bị từ chối") || !strings.Contains(res.body, "bt.p1") ||
				strings.Contains(res.body, "Thêm nhân sự") {
				t.Fatalf("denied: %d %s", res.StatusCode, res.body)
			}
			res = admin.get("/audit?action=account.")
			if !strings.Contains(res.body, "Tạo tài khoản") || strings.Contains(res.body, "Thêm nhân sự") || !strings.Contains(res.body, `<option value="account." selected>`) {
				t.Fatalf("account actions: %s", res.body)
			}
			if res := admin.get("/audit?login=BT.P1"); !strings.Contains(res.body, "bt.p1") || strings.Contains(res.body, "Tạo tài khoản") {
				t.Fatalf("by login: %s", res.body)
			}
		})

		t.Run("days are read in Vietnam's time and a wrong date names the field", func(t *testing.T) {
			admin := a.login("qt.q1")
			today := time.Now().In(vn.Zone).Format("02/01/2006")
			if res := admin.get("/audit?from=" + today + "&to=" + today); !strings.Contains(res.body, objectCell(own)) {
				t.Fatalf("today: %s", res.body)
			}
			if res := admin.get("/audit?to=01/01/2020"); strings.Contains(res.body, objectCell(own)) || !strings.Contains(res.body, "Không có bản ghi nào khớp.") {
				t.Fatalf("2019: %s", res.body)
			}
			res := admin.get("/audit?from=31/02/2024&login=bt.p1")
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="from" name="from" value="31/02/2024"`) ||
				!strings.Contains(res.body, "không hợp lệ") || !strings.Contains(res.body, `value="bt.p1"`) {
				t.Fatalf("bad date: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("an editor may not read the log", func(t *testing.T) {
			if res := a.login("bt.p1").get("/audit"); res.StatusCode != http.StatusForbidden {
				t.Fatalf("status %d", res.StatusCode)
			}
			if res := a.login("bt.p1").get("/audit?from=xx"); res.StatusCode != http.StatusForbidden {
				t.Fatalf("bad filter: status %d", res.StatusCode)
			}
		})

		t.Run("a system administrator sees logins, which belong to no unit, and pages through the log", func(t *testing.T) {
			c := a.login("qt.tp")
			res := c.get("/audit?action=auth.&limit=2")
			if res.StatusCode != 200 || !strings.Contains(res.body, "Đăng nhập") || !strings.Contains(res.body, "Trang sau") ||
				strings.Contains(res.body, "Trang trước") {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
			next := regexp.MustCompile(`href="(/audit\?[^"]*offset=2[^"]*)"`).FindStringSubmatch(res.body)
			if next == nil {
				t.Fatalf("no link to the next page: %s", res.body)
			}
			res = c.get(strings.ReplaceAll(next[1], "&amp;", "&"))
			if res.StatusCode != 200 || !strings.Contains(res.body, "Trang trước") || !strings.Contains(res.body, "3–4") {
				t.Fatalf("page 2: %d %s", res.StatusCode, res.body)
			}
		})
	})
}

func TestAuditLogins(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy", "thanh_uy")
		d1 := a.unit(city, "Q1", "Quận ủy 1", "quan_uy")
		w1 := a.unit(d1, "Q1P1", "Đảng ủy phường 1", "dang_uy_phuong")
		d2 := a.unit(city, "Q2", "Quận ủy 2", "quan_uy")
		a.user("qt.q1", tuyengiao.RoleUnitAdmin, d1)
		a.user("bithu.p1", tuyengiao.RoleEditor, w1)
		a.user("bithu.q2", tuyengiao.RoleEditor, d2)
		a.anonymous().post("/login", url.Values{"login": {"bithu.p1"}, "password": {"sai-mat-khau"}})
		a.login("bithu.q2")
		t.Run("a district administrator sees the failed logins of the district's accounts, not of another district", func(t *testing.T) {
			res := a.api("qt.q1").get("/api/v1/audit?action=auth.")
			if !strings.Contains(res.body, `"object":"bithu.p1"`) || !strings.Contains(res.body, `"outcome":"failed"`) {
				t.Fatalf("the ward's failed login is missing: %s", res.body)
			}
			if strings.Contains(res.body, "bithu.q2") {
				t.Fatalf("another district's login is shown: %s", res.body)
			}
		})
		t.Run("a login that is no account is shown as such, never as typed", func(t *testing.T) {
			a.user("qt.tp", tuyengiao.RoleSysadmin, nil)
			res := a.anonymous().json("POST", "/api/v1/auth/login", map[string]string{"login": "Nguyễn Văn Minh 0912345678", "password": "x"})
			if res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
			res = a.login("qt.tp").get("/audit?action=auth.&outcome=failed")
			if !strings.Contains(res.body, "(tên đăng nhập không tồn tại)") || strings.Contains(res.body, "0912345678") ||
				strings.Contains(strings.ToLower(res.body), "minh") {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
		})
	})
}
