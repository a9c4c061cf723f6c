package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"tuyengiao"
	"tuyengiao/internal/web"
)

// FuzzAPIBodies sends any body to every API route that reads JSON, as a system
// administrator on SQLite: whatever the body, the answer is never an internal error, and a
// refusal is the JSON error in Vietnamese, never encoding/json's English or a message with
// an empty field name.
func FuzzAPIBodies(f *testing.F) {
	for _, s := range []string{`{}`, `{"name":"Chi bộ","code":"CB9","kind":"chi_bo","parent_id":1}`, `{"target":null}`,
		`{"login":"a","password":"b"} {}`, `{"nmae":1}`, `{"start":"2023-02-30T08:00:00+07:00"}`, `{"audiences":[{"target":null}]}`,
		`[]`, `null`, `{"text":"\u202efdp.exe"}`, `{"marks":[{"person_id":"1"}]}`, `{"date":"0000-01-01"}`, `{"unit_id":1e99}`,
		`{"name":"a","name":1}`, `{"audiences":[{"target":null}],"audiences":[{"target":5}]}`, `{"login":"a","LOGIN":"b"}`} {
		f.Add([]byte(s))
	}
	base, token := fuzzServer(f)
	var routes []web.RouteInfo
	for _, rt := range web.Routes() {
		if rt.JSONBody {
			routes = append(routes, rt)
		}
	}
	// Every path value names the one unit there is, or nothing: the body is read first.
	pathValue := regexp.MustCompile(`\{[a-z]+\}`)
	f.Fuzz(func(t *testing.T, body []byte) {
		c := &client{t: t, base: base, http: &http.Client{}, token: token}
		for _, rt := range routes {
			req, _ := http.NewRequest(rt.Method, c.base+pathValue.ReplaceAllString(rt.Pattern, "1"), strings.NewReader(string(body)))
			req.Header.Set("Content-Type", "application/json")
			res := c.do(req)
			if res.StatusCode < 400 {
				continue
			}
			var e struct {
				Error struct{ Code, Message, Field string }
			}
			if json.Unmarshal([]byte(res.body), &e) != nil || res.StatusCode >= 500 || e.Error.Message == "" ||
				strings.Contains(e.Error.Message, "json:") || strings.Contains(e.Error.Message, "parsing time") || strings.Contains(e.Error.Message, "Trường  ") {
				t.Fatalf("%s %s with %q: %d %s", rt.Method, rt.Pattern, body, res.StatusCode, res.body)
			}
		}
	})
}

// fuzzServer serves the application, for as long as f runs, on a SQLite database holding
// one unit and a system administrator, and returns its address and the administrator's
// Bearer token.
func fuzzServer(f *testing.F) (base, token string) {
	db, err := openDB(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	srv := httptest.NewServer(newServer(db, slog.New(slog.NewTextHandler(io.Discard, nil))).Handler())
	f.Cleanup(func() {
		srv.Close()
		db.Close()
	})
	ctx := (&testApp{}).admin()
	if err := db.CreateUnit(ctx, &tuyengiao.Unit{Code: "TP", Name: "Thành ủy Hoa Sơn", Kind: "thanh_uy"}); err != nil {
		f.Fatal(err)
	}
	admin := &tuyengiao.User{Login: "quantri", DisplayName: "Quản trị", Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin}}}
	if err := db.CreateUser(ctx, admin, testPassword); err != nil {
		f.Fatal(err)
	}
	res, err := http.Post(srv.URL+"/api/v1/auth/login", "application/json",
		strings.NewReader(`{"login":"quantri","password":"`+testPassword+`"}`))
	if err != nil {
		f.Fatal(err)
	}
	defer res.Body.Close()
	var tok struct{ Token string }
	if err := json.NewDecoder(res.Body).Decode(&tok); err != nil || tok.Token == "" {
		f.Fatalf("login: %d %v", res.StatusCode, err)
	}
	return srv.URL, tok.Token
}
