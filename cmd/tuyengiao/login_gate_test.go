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
