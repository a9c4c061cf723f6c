package main

import (
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"tuyengiao"
)

// TestBrowserMediaItem logs a media item through the form on a phone-sized screen: the form
// refuses a quantity that is no number at its field, keeping what was typed, then takes it;
// the item is in the list, and the list's total of media items has grown by its quantity.
func TestBrowserMediaItem(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	a := newTestApp(t, filepath.Join(t.TempDir(), "browser.db"))
	ward := a.unit(nil, "HS-P01", "Đảng ủy phường Đông Kinh", "dang_uy_phuong")
	a.user("capnhat", tuyengiao.RoleEditor, ward)
	a.record(tuyengiao.MediaItems, ward, tuyengiao.RecordValues{"day": a.today(), "channel": "fanpage", "form": "post",
		"title": "Tin đã có", "quantity": int64(7)})
	base := a.srv.URL
	list := base + "/records/media-items?unit=" + id(ward.ID)
	browserLogin(t, ctx, base, "capnhat")
	do(t, ctx, chromedp.EmulateViewport(360, 800), chromedp.Navigate(list), chromedp.WaitVisible(chromedp.CSS(".stats .stat b")))
	if got := text(t, ctx, ".stats .stat b"); got != "7" {
		t.Fatalf("the total before is %q", got)
	}

	do(t, ctx, chromedp.Click(chromedp.CSS(`a.button[href^="/records/media-items/new"]`)), chromedp.WaitVisible(chromedp.CSS("#f-title")))
	do(t, ctx,
		chromedp.SetValue(chromedp.CSS("#f-channel"), "press"),
		chromedp.SetValue(chromedp.CSS("#f-form"), "article"),
		chromedp.SendKeys(chromedp.CSS("#f-title"), "Phóng sự về phường"),
		chromedp.SendKeys(chromedp.CSS("#f-quantity"), "mười hai"),
		chromedp.Click(chromedp.CSS(`form.record-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("#f-quantity-error")),
	)
	mustContain(t, "the field's message", text(t, ctx, "#f-quantity-error"), "không phải một số nguyên")
	if v := evalRun(t, ctx, chromedp.Value(chromedp.CSS("#f-title"))); v != "Phóng sự về phường" {
		t.Fatalf("the title typed became %q", v)
	}
	do(t, ctx,
		chromedp.SetValue(chromedp.CSS("#f-quantity"), "12"),
		chromedp.Click(chromedp.CSS(`form.record-form button[type="submit"]`)),
	)
	waitLocation(t, ctx, "ok=created")
	mustContain(t, "the record's page", text(t, ctx, "main"), "Báo chí")

	do(t, ctx, chromedp.Navigate(list), chromedp.WaitVisible(chromedp.CSS("table.records")))
	mustContain(t, "the list", text(t, ctx, "table.records"), "Phóng sự về phường")
	if got := text(t, ctx, ".stats .stat b"); got != "19" {
		t.Errorf("the total after is %q, want 19", got)
	}
	// The list is cards on the phone: nothing scrolls sideways.
	if w := evalRun(t, ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
		t.Errorf("the list is %d px wide on a 360 px screen", w)
	}
}
