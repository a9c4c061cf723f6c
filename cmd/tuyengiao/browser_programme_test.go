package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// TestBrowserWorkProgramme is a district's six months of work as its staff keep it: a task
// added to the programme, marked done with a photo as evidence, an outreach session logged;
// the district's figures count them, and its six-month report, refreshed, says so.
func TestBrowserWorkProgramme(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	a := newTestApp(t, filepath.Join(t.TempDir(), "programme.db"))
	city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
	district := a.unit(city, "Q1", "Quận ủy Hòa Bình", "quan_uy")
	a.user("truong.ban", tuyengiao.RoleUnitAdmin, district)
	today := a.today()
	half := tuyengiao.PeriodContaining(tuyengiao.PeriodHalf, today)
	base, unit := a.srv.URL, "?unit="+id(district.ID)
	browserLogin(t, ctx, base, "truong.ban")

	// The report drafted before: nothing done yet, so it says nothing of the programme.
	do(t, ctx,
		chromedp.Navigate(base+"/reports"+unit),
		chromedp.SetValue(chromedp.CSS("#template_id"), id(sixMonthTemplate(t, a))),
		chromedp.SetValue(chromedp.CSS("#draft_period"), half.String()),
		chromedp.Click(chromedp.CSS("#draft button")),
	)
	waitLocation(t, ctx, "ok=drafted")
	report := evalRun(t, ctx, chromedp.Evaluate[string](`location.pathname`))
	if draft := text(t, ctx, "article.paper"); strings.Contains(draft, "nhiệm vụ, nhóm nhiệm vụ đến hạn") {
		t.Fatalf("the draft speaks of a programme that has no task: %q", draft)
	}

	do(t, ctx, chromedp.Navigate(base+"/records/work-tasks/new"+unit), chromedp.WaitVisible(chromedp.CSS("#f-title")))
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#f-title"), "Tổ chức hội nghị học tập Nghị quyết Đại hội Đảng bộ quận"),
		chromedp.SetValue(chromedp.CSS("#f-area"), "study"),
		chromedp.SendKeys(chromedp.CSS("#f-lead"), "Ban Tuyên giáo Quận ủy"),
		chromedp.SetValue(chromedp.CSS("#f-deadline"), vn.Date(today.Time)),
		chromedp.Click(chromedp.CSS(`form.record-form button[type="submit"]`)),
	)
	waitLocation(t, ctx, "ok=created")
	task := evalRun(t, ctx, chromedp.Evaluate[string](`location.pathname`))
	mustContain(t, "the new task", text(t, ctx, "main"), "Chưa triển khai")

	do(t, ctx, chromedp.Navigate(base+task+"/edit"), chromedp.WaitVisible(chromedp.CSS("#f-status")))
	do(t, ctx,
		chromedp.SetValue(chromedp.CSS("#f-status"), "done"),
		chromedp.SetValue(chromedp.CSS("#f-done_day"), vn.Date(today.Time)),
		chromedp.Click(chromedp.CSS(`form.record-form button[type="submit"]`)),
	)
	waitLocation(t, ctx, "ok=saved")
	mustContain(t, "the task done", text(t, ctx, "main"), "Đã hoàn thành")

	evidence := tempFile(t, "hoi-nghi.png", photo(t))
	do(t, ctx,
		chromedp.Click(chromedp.CSS("#notes details > summary")),
		chromedp.SendKeys(chromedp.CSS("#note-text"), "Hội nghị có 120 đảng viên dự."),
		chromedp.SetUploadFiles(chromedp.CSS("#note-file"), []string{evidence}),
		chromedp.Click(chromedp.CSS(`#notes form[enctype] button[type="submit"]`)),
	)
	waitLocation(t, ctx, "ok=noted")
	mustContain(t, "the evidence", text(t, ctx, "#notes"), "hoi-nghi.png")
	shot(t, ctx, "programme-task")

	do(t, ctx, chromedp.Navigate(base+"/records/outreach-sessions/new"+unit), chromedp.WaitVisible(chromedp.CSS("#f-topic")))
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#f-topic"), "Những nội dung cơ bản của Nghị quyết Đại hội"),
		chromedp.SetValue(chromedp.CSS("#f-speaker_role"), "lecturer_district"),
		chromedp.SetValue(chromedp.CSS("#f-form"), "oral"),
		chromedp.SendKeys(chromedp.CSS("#f-listeners"), "45"),
		chromedp.Click(chromedp.CSS(`form.record-form button[type="submit"]`)),
	)
	waitLocation(t, ctx, "ok=created")

	// The district's figures: the programme done, the session and its listeners.
	do(t, ctx, chromedp.Navigate(base+"/records/work-tasks"+unit), chromedp.WaitVisible(chromedp.CSS(".stats")))
	mustContain(t, "the programme's figures", text(t, ctx, ".stats"), "100%")
	shot(t, ctx, "programme-list")
	do(t, ctx, chromedp.Navigate(base+"/records/outreach-sessions"+unit), chromedp.WaitVisible(chromedp.CSS(".stats")))
	mustContain(t, "the outreach figures", text(t, ctx, ".stats"), "45")

	do(t, ctx, chromedp.Navigate(base+report), chromedp.Click(chromedp.CSS("#refresh")))
	waitLocation(t, ctx, "ok=refreshed")
	paper := text(t, ctx, "article.paper")
	mustContain(t, "the refreshed report", paper, "hoàn thành 1/1 nhiệm vụ")
	mustContain(t, "the refreshed report's outreach", paper, "tổ chức 1 buổi tuyên truyền")
}

// photo returns a small PNG, as a phone's photo of a conference would be sent.
func photo(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		img.Set(x, 15, color.RGBA{200, 30, 30, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
