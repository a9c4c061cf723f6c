package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/sqldb"
)

// BenchmarkAuthenticatedGet measures an authenticated cheap API request, GET /api/v1/me with
// a Bearer token, over HTTP on the loopback from as many clients as GOMAXPROCS, and reports
// requests/s. Every request authenticates its session; the answer reads nothing else.
func BenchmarkAuthenticatedGet(b *testing.B) {
	benchEngines(b, func(b *testing.B, fresh func() *sqldb.DB) {
		db := fresh()
		city := &tuyengiao.Unit{Code: "TP", Name: "Thành ủy", Kind: "thanh_uy"}
		if err := db.CreateUnit(adminContext(), city); err != nil {
			b.Fatal(err)
		}
		u := &tuyengiao.User{Login: "can.bo", DisplayName: "Cán bộ", Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleViewer, UnitID: city.ID}}}
		if err := db.CreateUser(adminContext(), u, testPassword); err != nil {
			b.Fatal(err)
		}
		token, err := db.Login(context.Background(), u.Login, testPassword, "127.0.0.1", tuyengiao.SessionAPI)
		if err != nil {
			b.Fatal(err)
		}
		srv := httptest.NewServer(newServer(db, slog.New(slog.NewTextHandler(io.Discard, nil))).Handler())
		defer srv.Close()
		transport := &http.Transport{MaxIdleConnsPerHost: 64}
		defer transport.CloseIdleConnections()
		client := &http.Client{Transport: transport}
		get := func() {
			req, _ := http.NewRequest("GET", srv.URL+"/api/v1/me", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			res, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var me struct{ Login string }
			err = json.NewDecoder(res.Body).Decode(&me)
			res.Body.Close()
			if err != nil || res.StatusCode != http.StatusOK || !strings.EqualFold(me.Login, u.Login) {
				b.Fatalf("status %d, %v", res.StatusCode, err)
			}
		}
		get()
		var n atomic.Int64
		start := time.Now()
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				get()
				n.Add(1)
			}
		})
		b.ReportMetric(float64(n.Load())/time.Since(start).Seconds(), "requests/s")
	})
}
