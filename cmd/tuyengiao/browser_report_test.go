package main

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"tuyengiao"
)

// download is what fetching a download link answers: its status, type, size and first bytes.
type download struct {
	Status int    `json:"status"`
	Type   string `json:"type"`
	Size   int    `json:"size"`
	Head   string `json:"head"`
}

// fetchJS fetches the link of the element %q in the page, as the browser downloads it.
const fetchJS = `fetch(document.querySelector(%q).href).then(async r => {
	const b = new Uint8Array(await r.arrayBuffer());
	return {status: r.status, type: r.headers.get('content-type'), size: b.length, head: String.fromCharCode(...b.slice(0, 4))};
})`

// TestBrowserReport drafts a district's six-month report on a phone, edits a paragraph,
// refreshes the figures after a record changed without losing the edit, signs the report and
// downloads it as DOCX and PDF.
func TestBrowserReport(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	a := newTestApp(t, t.TempDir()+"/report.db")
	city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
	d1 := a.unit(city, "Q1", "Quận ủy Hòa Bình", "quan_uy")
	w1 := a.unit(d1, "Q1P1", "Đảng ủy phường Bình An", "dang_uy_phuong")
	for i := range 12 {
		a.person(w1, fmt.Sprintf("Lê Văn Bình %d", i), tuyengiao.CategoryMember)
	}
	a.user("truong.ban", tuyengiao.RoleUnitAdmin, d1)
	sixMonths := sixMonthTemplate(t, a)
	browserLogin(t, ctx, a.srv.URL, "truong.ban")
	const edited = "Đảng bộ quận đã bám sát nghị quyết, triển khai kịp thời."

	do(t, ctx,
		chromedp.Navigate(a.srv.URL+"/reports?unit="+id(d1.ID)),
		chromedp.SetValue(chromedp.CSS("#template_id"), id(sixMonths)),
		chromedp.Click(chromedp.CSS("#draft button")),
	)
	waitLocation(t, ctx, "ok=drafted")
	shot(t, ctx, "report-draft")
	mustContain(t, "the draft", text(t, ctx, "#report-status"), "Dự thảo")

	do(t, ctx, chromedp.Click(chromedp.CSS("#edit")))
	waitLocation(t, ctx, "/edit")
	do(t, ctx,
		chromedp.WaitVisible(chromedp.CSS("#section_text_0")),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector('#section_text_0').value = %q + '\n\n' + document.querySelector('#section_text_0').value`, edited)),
		chromedp.Click(chromedp.CSS("form.report-edit > button")),
	)
	waitLocation(t, ctx, "ok=saved")
	mustContain(t, "the edited report", text(t, ctx, "article.paper"), edited)

	a.person(w1, "Nguyễn Văn Mới", tuyengiao.CategoryMember)
	do(t, ctx, chromedp.Click(chromedp.CSS("#refresh")))
	waitLocation(t, ctx, "ok=refreshed")
	mustContain(t, "the refreshed report", text(t, ctx, "article.paper"), edited)
	mustContain(t, "the version after the refresh", text(t, ctx, "#report-version"), "3")

	do(t, ctx, chromedp.Click(chromedp.CSS("#finalise")))
	waitLocation(t, ctx, "/finalise")
	shot(t, ctx, "report-finalise")
	do(t, ctx,
		chromedp.WaitVisible(chromedp.CSS("#number")),
		chromedp.SendKeys(chromedp.CSS("#number"), "15-BC/BTGQU"),
		chromedp.SetValue(chromedp.CSS("#signer"), "Nguyễn Văn An"),
		chromedp.Click(chromedp.CSS("#sign")),
	)
	waitLocation(t, ctx, "ok=finalised")
	mustContain(t, "the signed report", text(t, ctx, "#report-status"), "Đã ký ban hành")
	mustContain(t, "the signed report's number", text(t, ctx, "article.paper"), "15-BC/BTGQU")
	shot(t, ctx, "report-signed")

	for sel, want := range map[string]download{
		"#download-docx": {Type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Head: "PK\x03\x04"},
		"#download-pdf":  {Type: "application/pdf", Head: "%PDF"},
	} {
		got := evalRun(t, ctx, chromedp.Evaluate[download](fmt.Sprintf(fetchJS, sel), chromedp.EvalAwaitPromise))
		if got.Status != 200 || got.Type != want.Type || got.Head != want.Head || got.Size < 1000 {
			t.Errorf("%s downloads %+v", sel, got)
		}
	}
}

// sixMonthTemplate returns the id of the template of the six-month report.
func sixMonthTemplate(t *testing.T, a *testApp) int64 {
	t.Helper()
	ts, err := a.reports.Templates(a.admin())
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range ts {
		if tm.PeriodKind == tuyengiao.PeriodHalf {
			return tm.ID
		}
	}
	t.Fatal("no template of a half-year")
	return 0
}
