package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tuyengiao"
)

// TestBrowserPresenterSearch picks a presenter of a conference by name on a phone-sized
// screen: the search lists the people the editor may see, choosing one adds their record
// number to the field, and saving keeps them.
func TestBrowserPresenterSearch(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	a := newTestApp(t, filepath.Join(t.TempDir(), "browser.db"))
	ward := a.unit(nil, "HS-P01", "Đảng ủy phường Đông Kinh", "dang_uy_phuong")
	cell := a.unit(ward, "HS-P01-CB01", "Chi bộ khu phố 1", "chi_bo")
	presenter := a.person(cell, "Trần Văn Báo Cáo", tuyengiao.CategoryKeyCadre)
	a.user("capnhat", tuyengiao.RoleEditor, ward)
	today := a.db.Now().UTC().Truncate(24 * time.Hour)
	camp := &tuyengiao.Campaign{UnitID: ward.ID, Title: "Học tập nghị quyết",
		Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember, Target: 90}},
		StartOn:   tuyengiao.Date{Time: today.AddDate(0, -1, 0)}, EndOn: tuyengiao.Date{Time: today.AddDate(0, 1, 0)},
		UnitIDs: []int64{}, DocumentIDs: []int64{}}
	if err := a.db.CreateCampaign(a.admin(), camp); err != nil {
		t.Fatal(err)
	}
	start := today.Add(2 * time.Hour)
	conf := &tuyengiao.Conference{CampaignID: camp.ID, UnitID: ward.ID, Title: "Hội nghị quán triệt", StartsAt: start,
		EndsAt: start.Add(2 * time.Hour), Form: tuyengiao.FormInPerson, Presenters: []tuyengiao.Presenter{}, BridgePoints: []tuyengiao.BridgePoint{}}
	if err := a.db.CreateConference(a.admin(), conf); err != nil {
		t.Fatal(err)
	}
	base := a.srv.URL
	browserLogin(t, ctx, base, "capnhat")

	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/conferences/%d/edit", base, conf.ID)),
		chromedp.WaitVisible(chromedp.CSS("#presenter-search")),
		chromedp.SendKeys(chromedp.CSS("#presenter-search"), "bao cao"))
	var label string
	for range 100 {
		var err error
		if label, err = chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("#presenter-options option") || {}).value || ""`)); err != nil {
			t.Fatal(err)
		}
		if label != "" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	want := fmt.Sprintf("Trần Văn Báo Cáo – Chi bộ khu phố 1 (%d)", presenter.ID)
	if label != want {
		t.Fatalf("the search lists %q, want %q", label, want)
	}
	// Choosing an option of a datalist puts its value in the field, as typing would.
	js, _ := json.Marshal(label)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(s => { s.value = `+string(js)+`; return s.dispatchEvent(new Event("input")) })(document.querySelector("#presenter-search"))`)); err != nil {
		t.Fatal(err)
	}
	field, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#presenters")))
	if err != nil || field != fmt.Sprint(presenter.ID) {
		t.Fatalf("the presenters field holds %q", field)
	}
	mustContain(t, "added", text(t, ctx, "#presenter-added"), "Trần Văn Báo Cáo")
	do(t, ctx, chromedp.Click(chromedp.CSS(`form[action^="/conferences/"] button[type="submit"]`)))
	waitLocation(t, ctx, "ok=saved")
	got, err := a.db.FindConferenceByID(a.admin(), conf.ID)
	if err != nil || len(got.Presenters) != 1 || got.Presenters[0].PersonID != presenter.ID {
		t.Fatalf("after saving: %+v, %v", got, err)
	}
}
