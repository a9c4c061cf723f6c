package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tuyengiao"
)

func TestPasswordPage(t *testing.T) {
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		u := &tuyengiao.User{Login: "moi.tp", DisplayName: "Người mới", MustChangePassword: true,
			Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleViewer, UnitID: city.ID}}}
		if err := a.db.CreateUser(a.admin(), u, testPassword); err != nil {
			t.Fatal(err)
		}
		c := a.login("moi.tp")
		const nav = `<nav class="nav"`
		t.Run("while the password must be changed, the page says so and shows no menu", func(t *testing.T) {
			res := c.get("/password")
			if res.StatusCode != http.StatusOK || strings.Contains(res.body, nav) || strings.Contains(res.body, `href="/units"`) ||
				!strings.Contains(res.body, "Bạn cần đổi mật khẩu trước khi dùng hệ thống.") {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
		})
		for _, tc := range []struct{ name, old, new, confirm, field, message string }{
			{"a wrong current password", "sai-mat-khau-roi", "mat-khau-moi-cua-toi", "mat-khau-moi-cua-toi", "old_password", "Mật khẩu hiện tại không đúng."},
			{"a short new password", testPassword, "ngan", "ngan", "new_password", "Mật khẩu phải có ít nhất 10 ký tự."},
			{"a confirmation that differs", testPassword, "mat-khau-moi-cua-toi", "mat-khau-khac-han", "confirm", "Mật khẩu nhập lại không khớp."},
		} {
			t.Run(tc.name+" is marked on its field, with its message", func(t *testing.T) {
				res := c.post("/password", url.Values{"old_password": {tc.old}, "new_password": {tc.new}, "confirm": {tc.confirm}})
				marked := `aria-invalid="true" aria-describedby="` + tc.field + `-error"`
				if tc.field == "new_password" {
					marked = `aria-describedby="new_password-error new_password-hint" aria-invalid="true"`
				}
				if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "các ô được đánh dấu đỏ") ||
					!strings.Contains(res.body, marked) || !strings.Contains(res.body, `id="`+tc.field+`-error">`+tc.message+`</p>`) ||
					strings.Count(res.body, `aria-invalid="true"`) != 1 || strings.Contains(res.body, nav) {
					t.Fatalf("status %d: %s", res.StatusCode, res.body)
				}
			})
		}
		t.Run("once changed, the menu is back", func(t *testing.T) {
			res := c.post("/password", url.Values{"old_password": {testPassword}, "new_password": {"mat-khau-moi-cua-toi"}, "confirm": {"mat-khau-moi-cua-toi"}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("change: %d %s", res.StatusCode, res.message())
			}
			if res := c.get("/password"); !strings.Contains(res.body, nav) || strings.Contains(res.body, "Bạn cần đổi mật khẩu") {
				t.Fatalf("after the change: %s", res.body)
			}
		})
	})
}
