package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/password"
)

// TestLoginBusy: a login that finds every hash slot taken past the wait is answered 503 with
// Retry-After and a message saying to try again, on the page and through the API; once a
// slot is free the same login goes through.
func TestLoginBusy(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		a.user("ban.ron", tuyengiao.RoleSysadmin, nil)
		a.db.Hashes = password.NewGate(1, 50*time.Millisecond)
		done, started := make(chan struct{}), make(chan struct{})
		go a.db.Hashes.Do(context.Background(), "holder", func() {
			close(started)
			<-done
		})
		<-started
		form := url.Values{"login": {"ban.ron"}, "password": {testPassword}}

		t.Run("the login page says the server is busy, with Retry-After", func(t *testing.T) {
			res := a.anonymous().post("/login", form)
			if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") != "2" ||
				!strings.Contains(res.message(), "Máy chủ đang bận, vui lòng thử lại sau ít giây.") {
				t.Fatalf("status %d, Retry-After %q: %s", res.StatusCode, res.Header.Get("Retry-After"), res.message())
			}
		})
		t.Run("the API answers busy, in English to a client that asks for it", func(t *testing.T) {
			c := a.anonymous()
			req, _ := http.NewRequest("POST", c.base+"/api/v1/auth/login", strings.NewReader(`{"login":"ban.ron","password":"`+testPassword+`"}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept-Language", "en")
			res := c.do(req)
			var body struct {
				Error struct{ Code, Message string }
			}
			res.decode(&body)
			if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") != "2" || body.Error.Code != tuyengiao.EBUSY ||
				body.Error.Message != "The server is busy; please try again in a few seconds." {
				t.Fatalf("status %d, Retry-After %q: %s", res.StatusCode, res.Header.Get("Retry-After"), res.body)
			}
		})
		t.Run("once a slot is free the login goes through", func(t *testing.T) {
			close(done)
			a.login("ban.ron")
		})
	})
}

// TestBenchLogin: the load command logs its accounts in at each level and prints the answers,
// the peak resident memory and the last level against the best.
func TestBenchLogin(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	err := run(context.Background(), []string{"bench", "login", "--db", t.TempDir() + "/l.db", "--accounts", "3", "--clients", "1,2",
		"--logins", "4", "--seconds", "30s"}, nil, &out, &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"3 tài khoản / accounts", "1 clients", "2 clients", "4 yêu cầu / requests: 2xx 4, khác / other 0, lỗi / errors 0",
		"bộ nhớ thường trú đỉnh / peak resident (VmHWM", "2 clients: ", "của mức tốt nhất / of the best"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in:\n%s", want, out.String())
		}
	}
}
