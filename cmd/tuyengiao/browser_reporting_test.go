package main

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tuyengiao"
)

// TestBrowserReporting enters a reported figure in a ward's form on a phone-sized screen and
// sees the rates of the district above change: one ward on time, one still missing; then the
// district finds the figure in its table and opens its dashboard with the charts.
func TestBrowserReporting(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	a := newTestApp(t, filepath.Join(t.TempDir(), "browser.db"))
	city := a.unit(nil, "HS", "Thành ủy Hoa Sơn", "thanh_uy")
	district := a.unit(city, "HS-Q1", "Quận ủy Đông Kinh", "quan_uy")
	ward := a.unit(district, "HS-Q1-P1", "Đảng ủy phường 1", "dang_uy_phuong")
	a.unit(district, "HS-Q1-P2", "Đảng ủy phường 2", "dang_uy_phuong")
	rep := a.reporting()
	ind := &tuyengiao.Indicator{Code: "security.teams", Name: "Tổ tự quản an ninh", Measure: "tổ", Aggregation: tuyengiao.AggregateSum, Stock: true}
	if err := rep.SaveReportedIndicator(a.admin(), ind, false); err != nil {
		t.Fatal(err)
	}
	ds := &tuyengiao.DataSet{Name: "Báo cáo tháng", Indicators: []string{ind.Code}, UnitKinds: []string{"dang_uy_phuong"},
		PeriodKind: tuyengiao.PeriodMonth, DeadlineDays: 366}
	if err := rep.SaveDataSet(a.admin(), ds); err != nil {
		t.Fatal(err)
	}
	a.user("vanphong.quan", tuyengiao.RoleViewer, district)
	a.user("bithu.phuong", tuyengiao.RoleEditor, ward)
	base := a.srv.URL
	rates := fmt.Sprintf("%s/reporting/data-sets/%d/completeness?unit=%d", base, ds.ID, district.ID)
	logout := chromedp.Click(chromedp.CSS(`form[action="/logout"] button`))

	browserLogin(t, ctx, base, "vanphong.quan")
	do(t, ctx, chromedp.Navigate(rates), chromedp.WaitVisible(chromedp.CSS("#completeness")))
	if got := text(t, ctx, "#missing"); got != "2" {
		t.Fatalf("missing before: %q", got)
	}
	do(t, ctx, logout, chromedp.WaitVisible(chromedp.CSS("#login")))

	browserLogin(t, ctx, base, "bithu.phuong")
	do(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/reporting/data-sets/%d/units/%d", base, ds.ID, ward.ID)),
		chromedp.SendKeys(chromedp.CSS(`input[name="v.security.teams"]`), "12"),
		chromedp.Click(chromedp.CSS(`main form button[type="submit"]`)),
	)
	waitLocation(t, ctx, "ok=saved")
	mustContain(t, "the ward's form", text(t, ctx, "main"), "Đã báo cáo đúng hạn")
	do(t, ctx, logout, chromedp.WaitVisible(chromedp.CSS("#login")))

	browserLogin(t, ctx, base, "vanphong.quan")
	do(t, ctx, chromedp.Navigate(rates), chromedp.WaitVisible(chromedp.CSS("#completeness")))
	if onTime, missing := text(t, ctx, "#on-time"), text(t, ctx, "#missing"); onTime != "1" || missing != "1" {
		t.Errorf("after the ward reported: on time %q, missing %q", onTime, missing)
	}
	mustContain(t, "the district's list", text(t, ctx, "main table"), "Đúng hạn")

	month := tuyengiao.PeriodContaining(tuyengiao.PeriodMonth, tuyengiao.DateOf(time.Now())).Previous()
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/figures?unit=%d&indicator=%s&period=%s", base, district.ID, ind.Code, month)),
		chromedp.WaitVisible(chromedp.CSS("table.figures")))
	mustContain(t, "the district's table", text(t, ctx, "table.figures tr.depth0"), "12")
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/dashboard?unit=%d&period=%s", base, district.ID, month)),
		chromedp.WaitVisible(chromedp.CSS("figure.chart svg")))
}
