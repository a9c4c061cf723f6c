package main

import (
	"compress/gzip"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tuyengiao"
	"tuyengiao/internal/web"
)

func TestUnroutedRequests(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		a.user("bithu", tuyengiao.RoleEditor, city)

		t.Run("an unknown page answers with the application's page in Vietnamese", func(t *testing.T) {
			res := a.login("bithu").get("/khong-co-trang-nay")
			if res.StatusCode != http.StatusNotFound || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") ||
				!strings.Contains(res.body, "Không có trang nào ở địa chỉ này.") || !strings.Contains(res.body, `action="/logout"`) ||
				!strings.Contains(res.body, "<h1>Không tìm thấy</h1>") {
				t.Fatalf("status %d %q: %s", res.StatusCode, res.Header.Get("Content-Type"), res.body)
			}
		})
		t.Run("an unknown static file answers with the application's page, not cached", func(t *testing.T) {
			res := a.login("bithu").get("/static/nope.css")
			if res.StatusCode != http.StatusNotFound || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") ||
				!strings.Contains(res.body, "Không có trang nào ở địa chỉ này.") || !strings.Contains(res.body, `action="/logout"`) ||
				strings.Contains(res.Header.Get("Cache-Control"), "public") {
				t.Fatalf("status %d %q cache %q: %s", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"), res.body)
			}
		})
		t.Run("the static folder lists no files", func(t *testing.T) {
			res := a.anonymous().get("/static/")
			if res.StatusCode != http.StatusNotFound || !strings.Contains(res.body, "Không có trang nào ở địa chỉ này.") || strings.Contains(res.body, `href="app.css"`) {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
		})
		t.Run("the stylesheet is linked under the hash of its content, cached for a year", func(t *testing.T) {
			c := a.anonymous()
			href := regexp.MustCompile(`<link rel="stylesheet" href="(/static/app\.[0-9a-f]{10}\.css)">`).FindStringSubmatch(c.get("/login").body)
			if href == nil {
				t.Fatal("the login page links no hashed stylesheet")
			}
			res := c.get(href[1])
			if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") ||
				res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || !strings.Contains(res.body, ".nav") {
				t.Fatalf("status %d %q cache %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"))
			}
			plain := c.get("/static/app.css")
			if plain.StatusCode != http.StatusOK || plain.Header.Get("Cache-Control") != "public, max-age=300" || plain.body != res.body {
				t.Fatalf("the plain name: status %d cache %q", plain.StatusCode, plain.Header.Get("Cache-Control"))
			}
			if again := c.getWith("/static/app.css", "If-None-Match", res.Header.Get("ETag")); again.StatusCode != http.StatusNotModified {
				t.Fatalf("asked again with its ETag: status %d", again.StatusCode)
			}
		})
		t.Run("text is sent gzipped to a client that takes gzip, files and short answers as they are", func(t *testing.T) {
			c := a.login("bithu")
			plain := c.get("/units")
			zipped := c.getWith("/units", "Accept-Encoding", "gzip")
			if zipped.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(zipped.Header.Get("Vary"), "Accept-Encoding") ||
				plain.Header.Get("Content-Encoding") != "" || !strings.Contains(plain.Header.Get("Vary"), "Accept-Encoding") {
				t.Fatalf("gzip %q vary %q; without gzip %q vary %q", zipped.Header.Get("Content-Encoding"), zipped.Header.Get("Vary"),
					plain.Header.Get("Content-Encoding"), plain.Header.Get("Vary"))
			}
			r, err := gzip.NewReader(strings.NewReader(zipped.body))
			if err != nil {
				t.Fatal(err)
			}
			page, err := io.ReadAll(r)
			if err != nil || !strings.Contains(string(page), "Thành ủy Hoa Sơn") || len(zipped.body) >= len(page)/2 {
				t.Fatalf("%d bytes gzipped of %d: %v", len(zipped.body), len(page), err)
			}
			for _, path := range []string{"/healthz", "/people/template.xlsx"} {
				if res := c.getWith(path, "Accept-Encoding", "gzip"); res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != "" {
					t.Errorf("%s: status %d, encoding %q", path, res.StatusCode, res.Header.Get("Content-Encoding"))
				}
			}
			// The style sheet is compressed once at start, at the best level: the same bytes as
			// sent plain, a third of them or less, under an ETag of its own.
			css, cssZipped := c.getWith("/static/app.css", "Accept-Encoding", "identity"), c.getWith("/static/app.css", "Accept-Encoding", "gzip")
			r, err = gzip.NewReader(strings.NewReader(cssZipped.body))
			if err != nil {
				t.Fatal(err)
			}
			sheet, err := io.ReadAll(r)
			if err != nil || string(sheet) != css.body || cssZipped.Header.Get("Content-Encoding") != "gzip" ||
				len(cssZipped.body) > len(css.body)/3 || cssZipped.Header.Get("ETag") == css.Header.Get("ETag") {
				t.Fatalf("app.css: %d bytes gzipped of %d, ETag %q and %q: %v", len(cssZipped.body), len(css.body),
					cssZipped.Header.Get("ETag"), css.Header.Get("ETag"), err)
			}
		})
		t.Run("an unknown API address answers with the JSON error", func(t *testing.T) {
			res := a.api("bithu").get("/api/v1/khong-co")
			if res.StatusCode != http.StatusNotFound || !strings.Contains(res.body, `{"error":{"code":"not_found","message":"Không có trang nào ở địa chỉ này."}}`) {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
		})
		t.Run("a method the API address does not take answers 405 in JSON with Allow", func(t *testing.T) {
			res := a.api("bithu").json("PUT", "/api/v1/units", map[string]any{})
			if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD, POST" ||
				!strings.Contains(res.body, `"code":"method_not_allowed"`) || !strings.Contains(res.body, "không nhận yêu cầu PUT") {
				t.Fatalf("status %d allow %q: %s", res.StatusCode, res.Header.Get("Allow"), res.body)
			}
		})
		t.Run("a method a page does not take answers 405 with the page", func(t *testing.T) {
			res := a.anonymous().post("/healthz", nil)
			if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" ||
				!strings.Contains(res.body, "<html") || !strings.Contains(res.body, "không nhận yêu cầu POST") {
				t.Fatalf("status %d allow %q: %s", res.StatusCode, res.Header.Get("Allow"), res.body)
			}
		})
	})
}

func TestNextAfterLogin(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		a.user("bithu", tuyengiao.RoleEditor, city)
		for next, want := range map[string]string{
			"/units?root=1":         "/units?root=1",
			"/\t/evil.com":          "/",
			"/\n/evil.com":          "/",
			"/\\evil.com":           "/",
			"//evil.com":            "/",
			"/\x00/evil.com":        "/",
			"https://evil.com/":     "/",
			"/%2F/evil.com":         "/",
			"javascript:alert(1)//": "/",
		} {
			t.Run("login then go to "+strings.ToValidUTF8(url.PathEscape(next), ""), func(t *testing.T) {
				res := a.anonymous().post("/login", url.Values{"login": {"bithu"}, "password": {testPassword}, "next": {next}})
				if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != want {
					t.Fatalf("status %d location %q, want %q", res.StatusCode, res.Header.Get("Location"), want)
				}
				res = a.anonymous().post("/lang", url.Values{"lang": {"en"}, "next": {next}})
				if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != want {
					t.Fatalf("lang: status %d location %q, want %q", res.StatusCode, res.Header.Get("Location"), want)
				}
			})
		}
	})
}

func TestTextAtTheEdge(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		a.unit(city, "CB1", "Chi bộ khu phố 1", "chi_bo")
		a.user("bithu", tuyengiao.RoleEditor, city)
		res := a.api("bithu").json("POST", "/api/v1/documents", map[string]any{"symbol": "05-CT/TW", "title": "Chỉ thị 05", "unit_id": city.ID})
		var doc tuyengiao.Document
		res.decode(&doc)
		files := "/api/v1/documents/" + strconv.FormatInt(doc.ID, 10) + "/files"

		t.Run("invisible characters are removed from a name and a file name", func(t *testing.T) {
			c := a.api("bithu")
			res := c.json("POST", "/api/v1/people", map[string]any{
				"unit_code": "CB1", "full_name": "\ufeffNg\u200buy\u00adễn\u2060 Văn\u3164 An\u200d", "category": "masses"})
			if res.StatusCode != http.StatusCreated || !strings.Contains(res.body, `"full_name":"Nguyễn Văn An"`) {
				t.Fatalf("person: status %d: %s", res.StatusCode, res.body)
			}
			res = c.upload(files, url.Values{}, "ke\u200bhoach\ufeff.pdf", matrixPDF)
			if res.StatusCode != http.StatusCreated || !strings.Contains(res.body, `"name":"kehoach.pdf"`) {
				t.Fatalf("file: status %d: %s", res.StatusCode, res.body)
			}
		})
		t.Run("text that is not UTF-8 is refused naming the field, not stored with U+FFFD", func(t *testing.T) {
			c := a.api("bithu")
			for _, name := range []string{"Ng\xffVăn", `Ng\ud800Văn`} {
				req, _ := http.NewRequest("POST", c.base+"/api/v1/people", strings.NewReader(`{"unit_code":"CB1","full_name":"`+name+`","category":"masses"}`))
				req.Header.Set("Content-Type", "application/json")
				res := c.do(req)
				if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"full_name"`) ||
					!strings.Contains(res.body, "Trường full_name có ký tự không đọc được") {
					t.Fatalf("JSON %q: status %d: %s", name, res.StatusCode, res.body)
				}
			}
			res := a.login("bithu").post("/people", url.Values{"unit_code": {"CB1"}, "full_name": {"Ng\xffVăn"}, "category": {"masses"}})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Trường full_name có ký tự không đọc được") {
				t.Fatalf("form: status %d: %s", res.StatusCode, res.body)
			}
			if res := c.get("/api/v1/people?q=ng"); strings.Contains(res.body, "\ufffd") || strings.Contains(res.body, `\ufffd`) {
				t.Fatalf("stored anyway: %s", res.body)
			}
			res = c.upload(files, url.Values{}, "ke\xffhoach.pdf", matrixPDF)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"file"`) {
				t.Fatalf("file name: status %d: %s", res.StatusCode, res.body)
			}
		})
		t.Run("a form value loses its control and direction characters before any handler sees it", func(t *testing.T) {
			// The unit code is wrong, so the form comes back with the values as the handler got them.
			form := url.Values{"unit_code": {"KHONG"}, "full_name": {"Hoàng\u202e Văn\a Nam\x00"}, "category": {"masses"}}
			res := a.login("bithu").post("/people", form)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `value="Hoàng Văn Nam"`) {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
		})
		t.Run("a JSON string loses them too, and the name is stored clean", func(t *testing.T) {
			res := a.api("bithu").json("POST", "/api/v1/people", map[string]any{
				"unit_code": "CB1", "full_name": "\u202eTrần Thị\u2066 Lan\a", "category": "masses"})
			if res.StatusCode != http.StatusCreated || !strings.Contains(res.body, `"full_name":"Trần Thị Lan"`) {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
		})
		t.Run("a password keeps its control and direction characters on every path, so it logs in on every other", func(t *testing.T) {
			logIn := func(login, pw string) (page, api int) {
				page = a.anonymous().post("/login", url.Values{"login": {login}, "password": {pw}}).StatusCode
				api = a.anonymous().json("POST", "/api/v1/auth/login", map[string]string{"login": login, "password": pw}).StatusCode
				return page, api
			}
			// What `tuyengiao user add` does with the line it reads on standard input.
			typed := "mật\u202ekhẩu\a-của\rvận-hành"
			if err := a.db.AddUserAsOperator(context.Background(), "vanhanh", "", tuyengiao.RoleSysadmin, "", typed); err != nil {
				t.Fatal(err)
			}
			if page, api := logIn("vanhanh", typed); page != http.StatusSeeOther || api != http.StatusOK {
				t.Fatalf("set on the shell: page login %d, API login %d", page, api)
			}
			changed := "khẩu\u2066mới\x00-đủ-dài"
			c := a.anonymous()
			c.post("/login", url.Values{"login": {"vanhanh"}, "password": {typed}})
			res := c.post("/password", url.Values{"old_password": {typed}, "new_password": {changed}, "confirm": {changed}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("change on the page: status %d: %s", res.StatusCode, res.body)
			}
			if page, api := logIn("vanhanh", changed); page != http.StatusSeeOther || api != http.StatusOK {
				t.Fatalf("changed on the page: page login %d, API login %d", page, api)
			}
			created := "\u202emới\atạo-qua-API"
			res = a.anonymous().json("POST", "/api/v1/auth/login", map[string]string{"login": "vanhanh", "password": changed})
			var tok struct{ Token string }
			res.decode(&tok)
			api := &client{t: t, base: a.srv.URL, http: &http.Client{}, token: tok.Token}
			res = api.json("POST", "/api/v1/users", map[string]any{"login": "moi", "display_name": "Mới", "password": created,
				"must_change_password": false, "grants": []map[string]any{{"role": "sysadmin"}}})
			if res.StatusCode != http.StatusCreated {
				t.Fatalf("create on the API: status %d: %s", res.StatusCode, res.body)
			}
			if page, api := logIn("moi", created); page != http.StatusSeeOther || api != http.StatusOK {
				t.Fatalf("created on the API: page login %d, API login %d", page, api)
			}
		})
	})
}

func TestJSONBodies(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		a.user("bithu", tuyengiao.RoleUnitAdmin, city)
		c := a.api("bithu")
		send := func(body string) *response {
			req, _ := http.NewRequest("POST", c.base+"/api/v1/units", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			return c.do(req)
		}
		unit := `{"parent_id":` + unitID(city) + `,"code":"P1","name":"Đảng ủy phường 1","kind":"dang_uy_phuong"}`

		t.Run("data after the object is refused and nothing is created", func(t *testing.T) {
			res := send(unit + `{"code":"P2"}`)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "còn phần thừa") {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
			if res := c.get("/api/v1/units?q=P1"); strings.Contains(res.body, "Đảng ủy phường 1") {
				t.Fatalf("created anyway: %s", res.body)
			}
		})
		t.Run("null for a number is refused naming the field", func(t *testing.T) {
			res := send(`{"parent_id":null,"code":"P1","name":"Đảng ủy phường 1","kind":"dang_uy_phuong"}`)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"parent_id"`) ||
				!strings.Contains(res.body, "Trường parent_id không nhận giá trị null.") {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
		})
		t.Run("an unknown field and a wrong type are answered in Vietnamese naming the field", func(t *testing.T) {
			res := send(`{"parent_id":` + unitID(city) + `,"code":"P1","nmae":"x"}`)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"nmae"`) || strings.Contains(res.body, "json:") {
				t.Fatalf("unknown: status %d: %s", res.StatusCode, res.body)
			}
			res = send(`{"parent_id":"` + unitID(city) + `"}`)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Trường parent_id phải là một số nguyên") {
				t.Fatalf("type: status %d: %s", res.StatusCode, res.body)
			}
		})
		t.Run("the same body alone is taken", func(t *testing.T) {
			if res := send(unit + "\n"); res.StatusCode != http.StatusCreated {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
		})
		t.Run("a JSON body sent as a form, as curl -d does, is read as JSON", func(t *testing.T) {
			// The README's login example: curl sends -d bodies as a form.
			res, err := http.Post(c.base+"/api/v1/auth/login", "application/x-www-form-urlencoded",
				strings.NewReader(`{"login":"bithu","password":"`+testPassword+`"}`))
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
		})
	})
}

func TestBehindProxy(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		a.user("bithu", tuyengiao.RoleEditor, city)
		// The same application behind a proxy on the same host, which the setting trusts.
		app := newServer(a.db, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if app.TrustedProxies, _ = web.ParseTrustedProxies("127.0.0.1, ::1"); app.TrustedProxies == nil {
			t.Fatal("no proxies")
		}
		srv := httptest.NewServer(app.Handler())
		t.Cleanup(srv.Close)
		proxied := func(from string) *client {
			c := a.anonymous()
			c.base, c.forwardedFor, c.forwardedProto = srv.URL, from, "https"
			return c
		}
		direct := a.anonymous()
		direct.forwardedFor, direct.forwardedProto = "203.0.113.9", "https"

		t.Run("metrics are not public to a remote client behind the proxy", func(t *testing.T) {
			if res := proxied("203.0.113.9").get("/metrics"); res.StatusCode != http.StatusForbidden {
				t.Fatalf("status %d", res.StatusCode)
			}
			if res := proxied("").get("/metrics"); res.StatusCode != http.StatusOK {
				t.Fatalf("the local host: status %d", res.StatusCode)
			}
		})
		t.Run("forwarding headers from a peer that is not a trusted proxy are ignored", func(t *testing.T) {
			if res := direct.get("/metrics"); res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
		})
		t.Run("the session cookie is Secure when the proxy says the client came over HTTPS", func(t *testing.T) {
			form := url.Values{"login": {"bithu"}, "password": {testPassword}}
			if res := proxied("203.0.113.9").post("/login", form); !strings.Contains(res.Header.Get("Set-Cookie"), "; Secure") {
				t.Fatalf("cookie %q", res.Header.Get("Set-Cookie"))
			}
			if res := direct.post("/login", form); strings.Contains(res.Header.Get("Set-Cookie"), "Secure") {
				t.Fatalf("cookie %q without a trusted proxy", res.Header.Get("Set-Cookie"))
			}
		})
		t.Run("each client behind the proxy has its own login limit", func(t *testing.T) {
			attacker := proxied("198.51.100.66")
			for i := range tuyengiao.MaxFailedLoginsPerAddress {
				attacker.post("/login", url.Values{"login": {"khong.co." + strconv.Itoa(i)}, "password": {"doan-mo"}})
			}
			if res := attacker.post("/login", url.Values{"login": {"bithu"}, "password": {testPassword}}); res.StatusCode != http.StatusTooManyRequests {
				t.Fatalf("the attacker's address: status %d", res.StatusCode)
			}
			if res := proxied("203.0.113.9").post("/login", url.Values{"login": {"bithu"}, "password": {testPassword}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("another client: status %d: %s", res.StatusCode, res.message())
			}
		})
	})
}
