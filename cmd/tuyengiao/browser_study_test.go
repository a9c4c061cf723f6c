package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// browserLogout ends the session through the button of the page's header.
func browserLogout(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	do(t, ctx,
		chromedp.Navigate(base+"/"),
		chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`form[action="/login"]`)),
	)
}

// TestBrowserStudy walks through a study campaign on a phone-sized screen: the cell's
// secretary marks a member without a phone on the roster, another member checks in with the
// QR link and hands in the essay, the cell's reviewer grades it, and the district sees the
// rate and the grades change.
func TestBrowserStudy(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	a := newTestApp(t, filepath.Join(t.TempDir(), "study.db"))
	district := a.unit(nil, "Q1", "Quận ủy Đông Hải", "quan_uy")
	ward := a.unit(district, "Q1-P1", "Đảng ủy phường Bình An", "dang_uy_phuong")
	cell := a.unit(ward, "Q1-P1-CB1", "Chi bộ khu phố 1", "chi_bo")
	an := a.person(cell, "Nguyễn Văn An", tuyengiao.CategoryMember)
	binh := a.person(cell, "Trần Thị Bình", tuyengiao.CategoryMember)
	phone := "0912345678"
	if _, err := a.db.UpdatePerson(a.admin(), an.ID, tuyengiao.PersonUpdate{Phone: &phone}); err != nil {
		t.Fatal(err)
	}
	a.user("bithu", tuyengiao.RoleEditor, cell)
	// The reviewer is Bình, a member of the cell: the reviewer role goes only to a person of it.
	reviewer := &tuyengiao.User{Login: "chambai", DisplayName: binh.FullName, PersonID: binh.ID,
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleReviewer, UnitID: cell.ID}}}
	if err := a.db.CreateUser(a.admin(), reviewer, testPassword); err != nil {
		t.Fatal(err)
	}
	a.user("banquan", tuyengiao.RoleViewer, district)
	member := a.user("dangvien.an", tuyengiao.RoleMember, cell)
	if _, err := a.db.UpdateUser(a.admin(), member.ID, tuyengiao.UserUpdate{PersonID: &an.ID}); err != nil {
		t.Fatal(err)
	}
	today := a.db.Now().In(vn.Zone)
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	camp := &tuyengiao.Campaign{UnitID: district.ID, Title: "Học tập, quán triệt Nghị quyết 35",
		Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember, Target: 95}},
		StartOn:   tuyengiao.Date{Time: day.AddDate(0, 0, -1)}, EndOn: tuyengiao.Date{Time: day.AddDate(0, 0, 30)},
		EssayDue: tuyengiao.Date{Time: day.AddDate(0, 0, 20)}, UnitIDs: []int64{ward.ID}}
	if err := a.db.CreateCampaign(a.admin(), camp); err != nil {
		t.Fatal(err)
	}
	start := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, vn.Zone)
	conf := &tuyengiao.Conference{CampaignID: camp.ID, UnitID: ward.ID, Title: "Hội nghị quán triệt Nghị quyết 35",
		StartsAt: start, EndsAt: start.Add(24*time.Hour - time.Minute), Form: tuyengiao.FormBoth,
		BridgePoints: []tuyengiao.BridgePoint{{UnitID: cell.ID, Place: "Nhà văn hóa khu phố 1"}}}
	if err := a.db.CreateConference(a.admin(), conf); err != nil {
		t.Fatal(err)
	}
	code, err := a.db.CheckInCode(a.admin(), conf.ID)
	if err != nil {
		t.Fatal(err)
	}
	base := a.srv.URL
	dashboard := fmt.Sprintf("%s/campaigns/%d?unit=%d", base, camp.ID, ward.ID)

	t.Run("the district sees nobody has attended yet", func(t *testing.T) {
		browserLogin(t, ctx, base, "banquan")
		do(t, ctx, chromedp.Navigate(dashboard), chromedp.WaitVisible(chromedp.CSS("main .stats")))
		mustContain(t, "dashboard", text(t, ctx, "main .stats"), "0/2")
		browserLogout(t, ctx, base)
	})
	t.Run("the secretary marks a member without a phone", func(t *testing.T) {
		browserLogin(t, ctx, base, "bithu")
		do(t, ctx,
			chromedp.Navigate(fmt.Sprintf("%s/conferences/%d/roster?unit=%d", base, conf.ID, cell.ID)),
			chromedp.WaitVisible(chromedp.CSS("table.roster")),
		)
		if roster := text(t, ctx, "table.roster"); strings.Count(roster, "không có điện thoại") != 1 {
			t.Fatalf("the roster does not tell the one member without a phone: %q", roster)
		}
		do(t, ctx,
			chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name="present"][value="%d"]`, binh.ID))),
			chromedp.Click(chromedp.CSS(`.roster-bar button[type="submit"]`)),
		)
		waitLocation(t, ctx, "ok=marked")
		mustContain(t, "after marking", text(t, ctx, "main"), "1/2")
		browserLogout(t, ctx, base)
	})
	t.Run("a member checks in with the QR link and hands in the essay", func(t *testing.T) {
		browserLogin(t, ctx, base, "dangvien.an")
		do(t, ctx,
			chromedp.Navigate(fmt.Sprintf("%s/checkin/%d?code=%s", base, conf.ID, code)),
			chromedp.Click(chromedp.CSS(`form[action^="/checkin/"] button`)),
			chromedp.WaitVisible(chromedp.CSS(`main p[role="status"]`)),
		)
		mustContain(t, "check-in", text(t, ctx, "main"), "Đã ghi nhận bạn tham dự")
		shot(t, ctx, "member-checkin")
		do(t, ctx,
			chromedp.Navigate(fmt.Sprintf("%s/me/essays/%d", base, camp.ID)),
			chromedp.SendKeys(chromedp.CSS("#text"), "Nghị quyết 35 giúp tôi nhận rõ trách nhiệm bảo vệ nền tảng tư tưởng của Đảng."),
			chromedp.Click(chromedp.CSS(`form[action^="/me/essays/"] button[type="submit"]`)),
		)
		waitLocation(t, ctx, "ok=")
		mustContain(t, "essay", text(t, ctx, "main"), "Chờ chấm")
		browserLogout(t, ctx, base)
	})
	t.Run("the cell's reviewer grades the essay", func(t *testing.T) {
		browserLogin(t, ctx, base, "chambai")
		do(t, ctx,
			chromedp.Navigate(fmt.Sprintf("%s/campaigns/%d/essays?unit=%d", base, camp.ID, cell.ID)),
			chromedp.Click(chromedp.CSS(`main a[href^="/essays/"]`)),
			chromedp.WaitVisible(chromedp.CSS(`form[action$="/review"]`)),
		)
		mustContain(t, "essay", text(t, ctx, "main"), "bảo vệ nền tảng tư tưởng")
		steps := []chromedp.Action[chromedp.Void]{}
		for i := range tuyengiao.DefaultEssayCriteria {
			steps = append(steps, chromedp.SetValue(chromedp.CSS(fmt.Sprintf("#score_%d", i)), "Tốt"))
		}
		steps = append(steps, chromedp.SetValue(chromedp.CSS("#level"), "Tốt"),
			chromedp.SendKeys(chromedp.CSS("#comment"), "Bài viết sâu sắc, liên hệ tốt."),
			chromedp.Click(chromedp.CSS(`button[name="decision"][value="grade"]`)))
		do(t, ctx, steps...)
		waitLocation(t, ctx, "ok=")
		mustContain(t, "graded", text(t, ctx, "main"), "Đã chấm")
		browserLogout(t, ctx, base)
	})
	t.Run("the district sees the rate and the grades change, never the text", func(t *testing.T) {
		browserLogin(t, ctx, base, "banquan")
		do(t, ctx, chromedp.Navigate(dashboard), chromedp.WaitVisible(chromedp.CSS("main .stats")))
		stats := text(t, ctx, "main .stats")
		mustContain(t, "dashboard", stats, "2/2")
		mustContain(t, "dashboard", stats, "100%")
		do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/campaigns/%d/essays?unit=%d", base, camp.ID, ward.ID)),
			chromedp.WaitVisible(chromedp.CSS("main")))
		page := text(t, ctx, "main")
		mustContain(t, "essay counts", page, "Tốt")
		if strings.Contains(page, "bảo vệ nền tảng tư tưởng") {
			t.Fatalf("the district reads the essay: %q", page)
		}
	})
}
