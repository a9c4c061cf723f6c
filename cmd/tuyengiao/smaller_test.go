package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tuyengiao"
)

func TestPasswordPage(t *testing.T) {
	t.Parallel()
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

// deniedSince returns the refusals recorded for the login after the record with id after.
func (a *testApp) deniedSince(login string, after int64) []string {
	a.t.Helper()
	recs, _, err := a.db.FindAuditRecords(a.admin(), tuyengiao.AuditFilter{Login: login, Outcome: tuyengiao.OutcomeDenied, Limit: 100})
	if err != nil {
		a.t.Fatal(err)
	}
	var out []string
	for _, r := range recs {
		if r.ID > after {
			out = append(out, r.Action+" "+r.Object)
		}
	}
	return out
}

// lastAuditID returns the id of the newest audit record.
func (a *testApp) lastAuditID() int64 {
	a.t.Helper()
	recs, _, err := a.db.FindAuditRecords(a.admin(), tuyengiao.AuditFilter{Limit: 1})
	if err != nil || len(recs) == 0 {
		a.t.Fatal(err)
	}
	return recs[0].ID
}

func TestAuditPage(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		w := newEssayWorld(t, a)
		start := a.db.Now().Truncate(time.Hour)
		conf := &tuyengiao.Conference{CampaignID: w.campaign.ID, UnitID: w.district.ID, Title: "Hội nghị quán triệt Nghị quyết 35",
			StartsAt: start, EndsAt: start.Add(2 * time.Hour), Form: tuyengiao.FormBoth,
			BridgePoints: []tuyengiao.BridgePoint{{UnitID: w.cellA.ID, Place: "Nhà văn hóa khu phố 1"}}}
		if err := a.db.CreateConference(a.admin(), conf); err != nil {
			t.Fatal(err)
		}
		a.user("capnhat.p1", tuyengiao.RoleEditor, w.ward)
		a.user("xem.p1", tuyengiao.RoleViewer, w.ward)
		a.user("quantri", tuyengiao.RoleSysadmin, nil)
		pages := []string{"/", fmt.Sprintf("/units/%d", w.ward.ID), fmt.Sprintf("/documents/%d", w.doc.ID), "/campaigns",
			fmt.Sprintf("/campaigns/%d", w.campaign.ID), fmt.Sprintf("/campaigns/%d/not-attended", w.campaign.ID),
			fmt.Sprintf("/conferences/%d", conf.ID), fmt.Sprintf("/conferences/%d/roster", conf.ID),
			"/figures", "/dashboard", "/reporting"}

		for _, login := range []string{"capnhat.p1", "xem.p1"} {
			t.Run(login+" opens the pages of the ward and of what the district organises, and no refusal is recorded", func(t *testing.T) {
				c := a.login(login)
				after := a.lastAuditID()
				for _, p := range pages {
					if login == "xem.p1" && strings.HasSuffix(p, "/roster") {
						continue // a viewer takes no attendance
					}
					if res := c.get(p); res.StatusCode != http.StatusOK {
						t.Fatalf("%s: status %d: %s", p, res.StatusCode, res.message())
					}
				}
				if denied := a.deniedSince(login, after); len(denied) != 0 {
					t.Fatalf("refusals recorded: %v", denied)
				}
			})
		}
		t.Run("a refused action is still recorded", func(t *testing.T) {
			c := a.login("capnhat.p1")
			after := a.lastAuditID()
			if res := c.get(fmt.Sprintf("/campaigns/%d/edit", w.campaign.ID)); res.StatusCode != http.StatusForbidden {
				t.Fatalf("status %d", res.StatusCode)
			}
			if denied := a.deniedSince("capnhat.p1", after); len(denied) != 1 {
				t.Fatalf("refusals recorded: %v", denied)
			}
		})

		admin := a.login("quantri")
		t.Run("the audit page names the actions and their details in Vietnamese", func(t *testing.T) {
			res := admin.get("/audit")
			for _, want := range []string{"Tạo đợt học tập", "Tạo hội nghị", "Đăng ký văn bản", "Xem danh sách chưa tham gia", "Xem danh sách điểm danh",
				`<span class="muted">Số dòng trả về:</span>`, `<span class="muted">Tiêu đề:</span> Học tập, quán triệt Nghị quyết 35`} {
				if !strings.Contains(res.body, want) {
					t.Errorf("no %q", want)
				}
			}
			for _, raw := range []string{"<code>", ">category=", ">campaign: "} {
				if strings.Contains(res.body, raw) {
					t.Errorf("raw %q shown", raw)
				}
			}
			if t.Failed() {
				t.Log(res.body)
			}
		})
		t.Run("the filter offers every area and keeps to the one chosen", func(t *testing.T) {
			res := admin.get("/audit?action=campaigns")
			for _, area := range []string{"Văn bản", "Đợt học tập, hội nghị", "Điểm danh", "Bài thu hoạch", "Số liệu, chỉ tiêu kế hoạch", "Báo cáo từ các đơn vị"} {
				if !strings.Contains(res.body, ">"+area+"</option>") {
					t.Errorf("no area %q", area)
				}
			}
			if !strings.Contains(res.body, `value="campaigns" selected`) || !strings.Contains(res.body, "Tạo đợt học tập") ||
				!strings.Contains(res.body, "Tạo hội nghị") || strings.Contains(res.body, "Đăng ký văn bản") || strings.Contains(res.body, "Đăng nhập<") {
				t.Errorf("campaigns: %s", res.body)
			}
		})
	})
}

func TestOwnEssayReadsAreNotAudited(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		w := newEssayWorld(t, a)
		camp := fmt.Sprint(w.campaign.ID)
		a.memberAccount("lan", w.lan)
		a.reviewerAccount("chamcb1", "Phạm Văn Bí Thư", w.cellA)
		lan := a.login("lan")
		res := lan.upload("/me/essays/"+camp, url.Values{"text": {"Nhận thức về Nghị quyết 35."}}, "Bài thu hoạch.pdf", essayPDF)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("hand in: %d %s", res.StatusCode, res.message())
		}
		essay := a.essayOf(t, w.lan, w.campaign.ID)
		reads := func(login string) int {
			t.Helper()
			recs, _, err := a.db.FindAuditRecords(a.admin(), tuyengiao.AuditFilter{Login: login, Action: "essay.view,essay.access.view"})
			if err != nil {
				t.Fatal(err)
			}
			return len(recs)
		}
		t.Run("the author opens the study page, the essay and its file again and again: nothing is recorded", func(t *testing.T) {
			for range 2 {
				for _, p := range []string{"/me/study", "/me/essays/" + camp, fmt.Sprintf("/essays/%d/file", essay.ID)} {
					if res := lan.get(p); res.StatusCode != http.StatusOK {
						t.Fatalf("%s: %d %s", p, res.StatusCode, res.message())
					}
				}
			}
			if n := reads("lan"); n != 0 {
				t.Fatalf("%d reads of her own essay recorded", n)
			}
		})
		t.Run("the reviewer's read is recorded, and the author sees it", func(t *testing.T) {
			if res := a.login("chamcb1").get(fmt.Sprintf("/essays/%d", essay.ID)); res.StatusCode != http.StatusOK {
				t.Fatalf("status %d", res.StatusCode)
			}
			if n := reads("chamcb1"); n != 1 {
				t.Fatalf("%d reads by the reviewer recorded", n)
			}
			if res := lan.get("/me/essays/" + camp); !strings.Contains(res.body, "Phạm Văn Bí Thư") {
				t.Fatalf("the author does not see the read: %s", res.body)
			}
		})
	})
}

func TestDocumentWithoutFile(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		w := newEssayWorld(t, a)
		a.memberAccount("lan", w.lan)
		res := a.login("lan").get(fmt.Sprintf("/documents/%d", w.doc.ID))
		if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Văn bản chưa có tệp toàn văn trên hệ thống. Toàn văn xin tại cơ quan ban hành (Trung ương Đảng).") {
			t.Fatalf("status %d: %s", res.StatusCode, res.body)
		}
	})
}
