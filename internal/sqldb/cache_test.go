package sqldb

import (
	"context"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/sqldb/sqldbtest"
)

// TestCachesOnTwoNodes runs two app nodes on one database (two handles on one SQLite file,
// two pools on one PostgreSQL schema), each with its own caches, and checks that a change
// made through one node takes effect at the very next request on both, though each node has
// just served the account, the person or the unit from its cache.
func TestCachesOnTwoNodes(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		a, b := openTestDB(t, dsn), openTestDB(t, dsn)
		w := newCampaignWorld(t, a)
		b.Now = a.Now
		ctx := context.Background()
		nodes := []*DB{a, b}
		// onBoth authenticates the token on each node and returns the principals, or the
		// errors: twice, so that the second answer of each comes from a warm cache.
		onBoth := func(token string) ([]*tuyengiao.Principal, []error) {
			var ps []*tuyengiao.Principal
			var errs []error
			for _, n := range nodes {
				for range 2 {
					p, err := n.Authenticate(ctx, token, "192.0.2.1")
					ps, errs = append(ps, p), append(errs, err)
				}
			}
			return ps, errs
		}
		live := func(t *testing.T, token string) []*tuyengiao.Principal {
			t.Helper()
			ps, errs := onBoth(token)
			for i, err := range errs {
				if err != nil {
					t.Fatalf("node %d: %v", i/2, err)
				}
			}
			return ps
		}
		ended := func(t *testing.T, token string) {
			t.Helper()
			_, errs := onBoth(token)
			for i, err := range errs {
				if tuyengiao.ErrorCode(err) != tuyengiao.EUNAUTHORIZED {
					t.Fatalf("node %d still serves the session: %v", i/2, err)
				}
			}
		}

		// conference creates a campaign with a conference open for check-in and returns the
		// conference and its code.
		conference := func(t *testing.T, title string) (*tuyengiao.Campaign, *tuyengiao.Conference, string) {
			t.Helper()
			plan := w.create(t, a, w.newCampaign(title))
			conf := w.conference(t, a, plan.ID, 2, personTestNow.Add(10*time.Minute), 2, 4)
			code, err := a.CheckInCode(sysadminCtx(), conf.ID)
			if err != nil {
				t.Fatal(err)
			}
			return plan, conf, code
		}

		t.Run("a revoked grant is gone at the next request on both nodes", func(t *testing.T) {
			u := acctUser(t, a, "thu.hoi", tuyengiao.Grant{Role: tuyengiao.RoleEditor, UnitID: 4}, tuyengiao.Grant{Role: tuyengiao.RoleViewer, UnitID: 1})
			token := acctLogin(t, a, "thu.hoi", acctPassword, "192.0.2.1")
			live(t, token)
			if err := a.RemoveGrant(sysadminCtx(), u.Grants[0].ID); err != nil {
				t.Fatal(err)
			}
			for i, p := range live(t, token) {
				if len(p.Grants) != 1 || p.Grants[0].Role != tuyengiao.RoleViewer {
					t.Fatalf("node %d: grants %+v", i/2, p.Grants)
				}
			}
		})
		t.Run("a disabled account is cut off at the next request on both nodes", func(t *testing.T) {
			u := acctUser(t, a, "khoa", tuyengiao.Grant{Role: tuyengiao.RoleViewer, UnitID: 1})
			token := acctLogin(t, a, "khoa", acctPassword, "192.0.2.1")
			live(t, token)
			if err := b.DisableUser(sysadminCtx(), u.ID); err != nil {
				t.Fatal(err)
			}
			ended(t, token)
		})
		t.Run("a changed password ends the account's other sessions on both nodes", func(t *testing.T) {
			acctUser(t, a, "doi.mk", tuyengiao.Grant{Role: tuyengiao.RoleViewer, UnitID: 1})
			mine := acctLogin(t, a, "doi.mk", acctPassword, "192.0.2.1")
			other := acctLogin(t, b, "doi.mk", acctPassword, "192.0.2.1")
			p := live(t, mine)[0]
			live(t, other)
			if err := a.ChangePassword(tuyengiao.NewContext(ctx, p), acctPassword, "mật khẩu mới đủ dài 2025"); err != nil {
				t.Fatal(err)
			}
			ended(t, other)
			live(t, mine)
		})
		t.Run("logging out on one node ends the session on both", func(t *testing.T) {
			acctUser(t, a, "dang.xuat", tuyengiao.Grant{Role: tuyengiao.RoleViewer, UnitID: 1})
			token := acctLogin(t, a, "dang.xuat", acctPassword, "192.0.2.1")
			live(t, token)
			if err := b.Logout(ctx, token); err != nil {
				t.Fatal(err)
			}
			ended(t, token)
		})
		t.Run("a unit moved on one node moves the grants held there on both", func(t *testing.T) {
			acctUser(t, a, "chuyen.don.vi", tuyengiao.Grant{Role: tuyengiao.RoleEditor, UnitID: 5})
			token := acctLogin(t, a, "chuyen.don.vi", acctPassword, "192.0.2.1")
			if p := live(t, token)[3]; p.Grants[0].UnitPath != "/1/3/5/" {
				t.Fatalf("grant at %s", p.Grants[0].UnitPath)
			}
			if _, err := a.MoveUnit(sysadminCtx(), 5, 2); err != nil {
				t.Fatal(err)
			}
			for i, p := range live(t, token) {
				if p.Grants[0].UnitPath != "/1/2/5/" {
					t.Fatalf("node %d: grant at %s", i/2, p.Grants[0].UnitPath)
				}
			}
		})
		t.Run("last_seen_at is written after the request, at the latest when the node closes", func(t *testing.T) {
			acctUser(t, a, "lan.cuoi", tuyengiao.Grant{Role: tuyengiao.RoleViewer, UnitID: 1})
			token := acctLogin(t, a, "lan.cuoi", acctPassword, "192.0.2.1")
			c, err := Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			seen := personTestNow.Add(2 * time.Minute)
			c.Now, c.flushEvery = func() time.Time { return seen }, time.Hour
			if _, err := c.Authenticate(ctx, token, "192.0.2.1"); err != nil {
				t.Fatal(err)
			}
			stored := func() time.Time {
				var at time.Time
				if err := a.queryRow(ctx, `SELECT last_seen_at FROM sessions WHERE id = ?`, tokenID(token)).Scan(&at); err != nil {
					t.Fatal(err)
				}
				return at.UTC()
			}
			if at := stored(); !at.Equal(personTestNow) {
				t.Fatalf("written in the request: %v", at)
			}
			if err := c.Close(); err != nil {
				t.Fatal(err)
			}
			if at := stored(); !at.Equal(seen) {
				t.Fatalf("after Close: %v, want %v", at, seen)
			}
		})
		t.Run("a person moved into the campaign on one node checks in on the other", func(t *testing.T) {
			_, conf, code := conference(t, "Học tập Nghị quyết 35")
			p := createCategoryPerson(t, a, 9, "Nguyễn Văn Chuyển", tuyengiao.CategoryMember)
			member := memberCtx(p.ID, 9, w.other)
			for _, n := range nodes {
				for range 2 {
					if _, _, err := n.CheckIn(member, conf.ID, code); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
						t.Fatalf("check-in from outside the campaign: %v", err)
					}
				}
			}
			to := int64(4)
			if _, err := a.UpdatePerson(sysadminCtx(), p.ID, tuyengiao.PersonUpdate{UnitID: &to}); err != nil {
				t.Fatal(err)
			}
			e, _, err := b.CheckIn(member, conf.ID, code)
			if err != nil || e.UnitID != 4 {
				t.Fatalf("check-in on the other node: %+v, %v", e, err)
			}
		})
		t.Run("a campaign's audience changed on one node is the rule of the other's next check-in", func(t *testing.T) {
			plan, conf, code := conference(t, "Học tập Nghị quyết 36")
			p := createCategoryPerson(t, a, 4, "Trần Thị Quần Chúng", tuyengiao.CategoryMasses)
			member := memberCtx(p.ID, 4, w.cell4)
			if _, _, err := b.CheckIn(member, conf.ID, code); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("check-in of a headcount audience: %v", err)
			}
			for i := range plan.Audiences {
				plan.Audiences[i].Headcount = false
			}
			if err := a.UpdateCampaign(roleCtx(tuyengiao.RoleEditor, 1, w.city), plan); err != nil {
				t.Fatal(err)
			}
			if _, _, err := b.CheckIn(member, conf.ID, code); err != nil {
				t.Fatalf("check-in once the masses are on the roster: %v", err)
			}
		})
	})
}

// TestVersionedBound checks that a cache serves a value only under the stamp it was read
// under and holds no more entries than its bound.
func TestVersionedBound(t *testing.T) {
	c := newVersioned[int64, int64, string](2)
	c.put(1, 10, "một")
	if _, ok := c.get(1, 11); ok {
		t.Fatal("served under another stamp")
	}
	if v, ok := c.get(1, 10); !ok || v != "một" {
		t.Fatalf("got %q, %v", v, ok)
	}
	for id := range int64(100) {
		c.put(id, 1, "x")
	}
	if len(c.entries) != 2 {
		t.Fatalf("%d entries kept, bound 2", len(c.entries))
	}
}
