package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"tuyengiao"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/sqldb/sqldbtest"
)

// testApp is the whole application, wired as main wires it, on a fresh database and an
// httptest server.
type testApp struct {
	t   *testing.T
	db  *sqldb.DB
	srv *httptest.Server
	// reports is the report service as main wires it, one for the app, so that the drafts
	// the fixtures make share its figure service's memo rather than count afresh each.
	reports tuyengiao.ReportService
}

// engines runs fn against the application on a fresh SQLite database and, when
// TUYENGIAO_TEST_POSTGRES holds a URL, on a fresh PostgreSQL database too.
func engines(t *testing.T, fn func(t *testing.T, a *testApp)) {
	t.Helper()
	sqldbtest.Engines(t, func(t *testing.T, dsn string) { fn(t, newTestApp(t, dsn)) })
}

func newTestApp(t *testing.T, dsn string) *testApp {
	t.Helper()
	db, err := openDB(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := httptest.NewServer(newServer(db, logger).Handler())
	t.Cleanup(func() {
		srv.Close()
		db.Close()
	})
	return &testApp{t: t, db: db, srv: srv, reports: newReports(db, newFigures(db))}
}

// admin returns a context acting as a system administrator, to set up fixtures.
func (a *testApp) admin() context.Context {
	return tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{
		Login: "fixture", Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin, UnitPath: "/"}},
	})
}

// unit creates a unit under parent (nil for a root).
func (a *testApp) unit(parent *tuyengiao.Unit, code, name, kind string) *tuyengiao.Unit {
	a.t.Helper()
	u := &tuyengiao.Unit{Code: code, Name: name, Kind: kind}
	if parent != nil {
		u.ParentID = parent.ID
	}
	if err := a.db.CreateUnit(a.admin(), u); err != nil {
		a.t.Fatal(err)
	}
	return u
}

// person creates an active person of the category at the unit.
func (a *testApp) person(u *tuyengiao.Unit, name string, cat tuyengiao.Category) *tuyengiao.Person {
	a.t.Helper()
	p := &tuyengiao.Person{UnitID: u.ID, FullName: name, Category: cat, BirthYear: 1980}
	if err := a.db.CreatePerson(a.admin(), p); err != nil {
		a.t.Fatal(err)
	}
	return p
}

const testPassword = "mat-khau-thu-nghiem"

// user creates an account holding the role at the unit (nil for sysadmin) with testPassword.
func (a *testApp) user(login string, role tuyengiao.Role, at *tuyengiao.Unit) *tuyengiao.User {
	a.t.Helper()
	g := tuyengiao.Grant{Role: role}
	if at != nil {
		g.UnitID = at.ID
	}
	u := &tuyengiao.User{Login: login, DisplayName: login, Grants: []tuyengiao.Grant{g}}
	if err := a.db.CreateUser(a.admin(), u, testPassword); err != nil {
		a.t.Fatal(err)
	}
	return u
}

// client is a browser-like client: it keeps cookies and does not follow redirects, so that
// tests see them.
type client struct {
	t     *testing.T
	base  string
	http  *http.Client
	token string // Bearer token, for API clients
	// forwardedFor and forwardedProto, when set, are sent as a reverse proxy would.
	forwardedFor, forwardedProto string
}

func (a *testApp) anonymous() *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: a.t, base: a.srv.URL, http: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     openAPICheck{t: a.t, base: http.DefaultTransport},
	}}
}

// login returns a page client logged in as the account.
func (a *testApp) login(login string) *client {
	a.t.Helper()
	c := a.anonymous()
	res := c.post("/login", url.Values{"login": {login}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther {
		a.t.Fatalf("login %s: status %d: %s", login, res.StatusCode, res.body)
	}
	return c
}

// api returns an API client holding a Bearer token of the account.
func (a *testApp) api(login string) *client {
	a.t.Helper()
	c := a.anonymous()
	res := c.json("POST", "/api/v1/auth/login", map[string]string{"login": login, "password": testPassword})
	if res.StatusCode != http.StatusOK {
		a.t.Fatalf("api login %s: status %d: %s", login, res.StatusCode, res.body)
	}
	var tok struct{ Token string }
	res.decode(&tok)
	c.token = tok.Token
	return c
}

// response is an answer with its body read.
type response struct {
	*http.Response
	body string
	t    *testing.T
}

func (r *response) decode(v any) {
	r.t.Helper()
	if err := json.Unmarshal([]byte(r.body), v); err != nil {
		r.t.Fatalf("decode %q: %v", r.body, err)
	}
}

// message returns the error shown by a page (its role="alert" paragraph) or the JSON body.
func (r *response) message() string {
	if _, rest, ok := strings.Cut(r.body, `role="alert">`); ok {
		msg, _, _ := strings.Cut(rest, "<")
		return msg
	}
	return r.body[:min(len(r.body), 300)]
}

func (c *client) do(req *http.Request) *response {
	c.t.Helper()
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if c.forwardedFor != "" {
		req.Header.Set("X-Forwarded-For", c.forwardedFor)
	}
	if c.forwardedProto != "" {
		req.Header.Set("X-Forwarded-Proto", c.forwardedProto)
	}
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return &response{Response: res, body: string(b), t: c.t}
}

func (c *client) get(path string) *response {
	req, _ := http.NewRequest("GET", c.base+path, nil)
	return c.do(req)
}

// getWith sends a GET with one header set, which the transport then leaves as it is (an
// Accept-Encoding asked for is not decoded).
func (c *client) getWith(path, header, value string) *response {
	req, _ := http.NewRequest("GET", c.base+path, nil)
	req.Header.Set(header, value)
	return c.do(req)
}

// post sends a form the way a browser on the same site does.
func (c *client) post(path string, form url.Values) *response {
	req, _ := http.NewRequest("POST", c.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// json sends v as a JSON body (nil for none).
func (c *client) json(method, path string, v any) *response {
	var body io.Reader
	if v != nil {
		b, _ := json.Marshal(v)
		body = strings.NewReader(string(b))
	}
	req, _ := http.NewRequest(method, c.base+path, body)
	if v != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return c.do(req)
}
