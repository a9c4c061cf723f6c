package main

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"tuyengiao/internal/sqldb/sqldbtest"

	"tuyengiao"
)

// TestTwoNodes runs two app nodes against one PostgreSQL database, as a deployment behind a
// load balancer does: whatever one node does, the other sees.
func TestTwoNodes(t *testing.T) {
	t.Parallel()
	if os.Getenv(sqldbtest.PostgresEnv) == "" {
		t.Skip("set TUYENGIAO_TEST_POSTGRES to run two nodes against PostgreSQL")
	}
	dsn := sqldbtest.Postgres(t)
	a, b := newTestApp(t, dsn), newTestApp(t, dsn)
	city := a.unit(nil, "TP", "Thành ủy", "thanh_uy")
	a.user("bithu", tuyengiao.RoleUnitAdmin, city)
	onA := a.login("bithu")
	// The browser of a load-balanced site sends one cookie to whichever node answers.
	onB := b.anonymous()
	onB.http.Jar.SetCookies(mustParse(b.srv.URL), onA.http.Jar.Cookies(mustParse(a.srv.URL)))

	t.Run("a session opened on one node is valid on the other", func(t *testing.T) {
		if res := onB.get("/units"); res.StatusCode != http.StatusOK {
			t.Fatalf("status %d on node B", res.StatusCode)
		}
	})
	t.Run("a unit created on one node is seen on the other", func(t *testing.T) {
		res := onA.post("/units", url.Values{"parent": {id(city.ID)}, "code": {"P1"}, "name": {"Đảng ủy phường 1"}, "kind": {"dang_uy_phuong"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create on A: %d %s", res.StatusCode, res.message())
		}
		if res := onB.get("/units?q=phuong+1"); res.StatusCode != 200 || !strings.Contains(res.body, "Đảng ủy phường 1") {
			t.Fatalf("search on B: %d", res.StatusCode)
		}
	})
	t.Run("a disabled account is cut off at the next request on both nodes", func(t *testing.T) {
		canbo := a.user("canbo", tuyengiao.RoleViewer, city)
		apiA := a.api("canbo")
		apiB := b.anonymous()
		apiB.token = apiA.token
		for _, c := range []*client{apiA, apiB, apiA, apiB} {
			if res := c.get("/api/v1/me"); res.StatusCode != http.StatusOK {
				t.Fatalf("before: status %d on %s", res.StatusCode, c.base)
			}
		}
		admin := b.api("bithu")
		if res := admin.json("POST", "/api/v1/users/"+id(canbo.ID)+"/disable", nil); res.StatusCode >= 300 {
			t.Fatalf("disable on B: %d %s", res.StatusCode, res.message())
		}
		for _, c := range []*client{apiA, apiB} {
			if res := c.get("/api/v1/me"); res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("after: status %d on %s", res.StatusCode, c.base)
			}
		}
	})
	t.Run("logging out on one node ends the session on the other", func(t *testing.T) {
		if res := onB.post("/logout", url.Values{}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("logout on B: %d", res.StatusCode)
		}
		res := onA.get("/units")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Fatalf("node A still serves the ended session: %d", res.StatusCode)
		}
	})
}

// TestTreeOnTwoNodes moves a unit through one node and finds it moved in the unit tree the
// other node's figure service keeps in memory, on each engine (two handles on one SQLite file).
func TestTreeOnTwoNodes(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		a, b := newTestApp(t, dsn), newTestApp(t, dsn)
		city := a.unit(nil, "TP", "Thành ủy", "thanh_uy")
		p1 := a.unit(city, "P1", "Đảng ủy phường 1", "dang_uy_phuong")
		p2 := a.unit(city, "P2", "Đảng ủy phường 2", "dang_uy_phuong")
		cell := a.unit(p1, "CB1", "Chi bộ 1", "chi_bo")
		figs := newFigures(b.db)
		parentOnB := func() int64 {
			t.Helper()
			tree, err := figs.Tree(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			i, ok := tree.Index(cell.ID)
			if !ok {
				t.Fatalf("unit %d is not in node B's tree", cell.ID)
			}
			return tree.ID(tree.Parent(i))
		}
		if got := parentOnB(); got != p1.ID {
			t.Fatalf("before: parent %d on node B", got)
		}
		if _, err := a.db.MoveUnit(a.admin(), cell.ID, p2.ID); err != nil {
			t.Fatal(err)
		}
		if got := parentOnB(); got != p2.ID {
			t.Fatalf("after the move on node A: parent %d on node B, want %d", got, p2.ID)
		}
	})
}

func mustParse(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
