package main

import (
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"tuyengiao"
	"tuyengiao/internal/web"
)

func TestShell(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		ward := a.unit(city, "P1", "Đảng ủy phường Đông Kinh", "dang_uy_phuong")
		a.person(ward, "Nguyễn Văn Đức", tuyengiao.CategoryMember)
		a.user("bithu", tuyengiao.RoleEditor, ward)

		t.Run("healthz answers when the database does", func(t *testing.T) {
			if res := a.anonymous().get("/healthz"); res.StatusCode != 200 {
				t.Fatalf("status %d", res.StatusCode)
			}
		})
		t.Run("a page asks an anonymous visitor to log in", func(t *testing.T) {
			res := a.anonymous().get("/units")
			if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
				t.Fatalf("status %d location %q", res.StatusCode, res.Header.Get("Location"))
			}
		})
		t.Run("a wrong password is refused in Vietnamese and keeps the login typed", func(t *testing.T) {
			res := a.anonymous().post("/login", url.Values{"login": {"bithu"}, "password": {"sai-mat-khau"}})
			if res.StatusCode != http.StatusUnauthorized || !strings.Contains(res.body, `value="bithu"`) || !strings.Contains(res.body, "mật khẩu") {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
		})
		t.Run("the tree opens at the user's own unit with its people counted", func(t *testing.T) {
			res := a.login("bithu").get("/units")
			if res.StatusCode != 200 || !strings.Contains(res.body, "Đảng ủy phường Đông Kinh") || strings.Contains(res.body, "Thành ủy Hoa Sơn") {
				t.Fatalf("status %d body %s", res.StatusCode, res.body)
			}
			if !strings.Contains(res.body, "<b>1</b><span>Đảng viên</span>") {
				t.Fatalf("member count missing: %s", res.body)
			}
		})
		t.Run("a cross-site form post is refused", func(t *testing.T) {
			c := a.login("bithu")
			req, _ := http.NewRequest("POST", c.base+"/logout", nil)
			req.Header.Set("Sec-Fetch-Site", "cross-site")
			if res := c.do(req); res.StatusCode != http.StatusForbidden {
				t.Fatalf("status %d", res.StatusCode)
			}
		})
		t.Run("the API logs in with a token and the token can be revoked", func(t *testing.T) {
			c := a.api("bithu")
			if res := c.get("/api/v1/me"); res.StatusCode != 200 || !strings.Contains(res.body, `"login":"bithu"`) {
				t.Fatalf("me: %d %s", res.StatusCode, res.body)
			}
			if res := c.json("POST", "/api/v1/auth/logout", nil); res.StatusCode != http.StatusNoContent {
				t.Fatalf("logout: %d %s", res.StatusCode, res.body)
			}
			if res := c.get("/api/v1/me"); res.StatusCode != http.StatusUnauthorized || !strings.Contains(res.body, `"code":"unauthorized"`) {
				t.Fatalf("after logout: %d %s", res.StatusCode, res.body)
			}
		})
	})
}

func TestOpenAPI(t *testing.T) {
	t.Parallel()
	a := newTestApp(t, filepath.Join(t.TempDir(), "app.db"))
	res := a.anonymous().get("/api/v1/openapi.json")
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	res.decode(&doc)
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	t.Run("every API route is in the document", func(t *testing.T) {
		for _, rt := range web.Routes() {
			key := rt.Method + " " + rt.Pattern
			if strings.HasPrefix(rt.Pattern, "/api/") && !documented[key] {
				t.Errorf("%s is served but not documented", key)
			}
		}
	})
	t.Run("every documented operation is served", func(t *testing.T) {
		c := a.anonymous()
		for key := range documented {
			method, path, _ := strings.Cut(key, " ")
			req, _ := http.NewRequest(method, c.base+strings.NewReplacer("{id}", "1", "{grant}", "1").Replace(path), nil)
			res := c.do(req)
			// An address no route takes answers 405 or this 404.
			if res.StatusCode == http.StatusMethodNotAllowed || strings.Contains(res.body, "Không có trang nào ở địa chỉ này.") {
				t.Errorf("%s is documented but not served (%d)", key, res.StatusCode)
			}
		}
	})
	t.Run("the document is valid, names every operation once and lists its 4xx answers", func(t *testing.T) {
		valid, _, err := loadOpenAPI(a.srv.URL)
		if err != nil {
			t.Fatalf("the document is not valid OpenAPI 3: %v", err)
		}
		named := map[string]string{}
		for path, item := range valid.Paths.Map() {
			for method, op := range item.Operations() {
				where := method + " " + path
				if op.OperationID == "" {
					t.Errorf("%s has no operationId", where)
				} else if other, ok := named[op.OperationID]; ok {
					t.Errorf("%s and %s are both %s", where, other, op.OperationID)
				}
				named[op.OperationID] = where
				public := op.Security != nil && len(*op.Security) == 0
				if public != (path == "/api/v1/auth/login" || path == "/api/v1/openapi.json") {
					t.Errorf("%s: public %v", where, public)
				}
				if !public && (op.Responses.Status(http.StatusUnauthorized) == nil || op.Responses.Status(http.StatusForbidden) == nil) {
					t.Errorf("%s does not list 401 and 403", where)
				}
			}
		}
	})
	if doc.OpenAPI != "3.0.3" || len(documented) < 30 {
		t.Fatalf("openapi %q with %d operations", doc.OpenAPI, len(documented))
	}
}

func TestMetrics(t *testing.T) {
	t.Parallel()
	a := newTestApp(t, filepath.Join(t.TempDir(), "app.db"))
	a.anonymous().get("/healthz")
	res := a.anonymous().get("/metrics")
	if res.StatusCode != 200 || !strings.Contains(res.body, `tuyengiao_http_requests_total{method="GET",route="/healthz",status="200"} 1`) {
		t.Fatalf("status %d: %.500s", res.StatusCode, res.body)
	}
}
