package main

import (
	"bytes"
	"cmp"
	"context"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"tuyengiao"
)

// axeSource is axe-core, the accessibility checker, as published on npm (axe.min.js; its
// licence is in testdata/axe.min.js.LICENSE).
//
//go:embed testdata/axe.min.js
var axeSource string

// TestBrowserEveryPage visits every page of the application on a 360 px phone, in the roles
// whose pages they are, on the demo city: each page is photographed (TUYENGIAO_TEST_SHOTS=dir
// keeps the PNGs there, else in the test's artifact directory), must fit the screen's width
// (no sideways scrolling) and must have no serious or critical axe-core violation. On the way
// it opens a unit of the tree, which shows two levels and fetches the rest on demand.
func TestBrowserEveryPage(t *testing.T) {
	t.Parallel()
	ctx := browserFor(t, 20*time.Minute)
	a := newTestApp(t, filepath.Join(t.TempDir(), "pages.db"))
	var out bytes.Buffer
	if err := firstStart(context.Background(), a.db, true, &out); err != nil {
		t.Fatal(err)
	}
	passwords := demoPasswords(out.String())
	dir := os.Getenv("TUYENGIAO_TEST_SHOTS")
	if dir == "" {
		dir = t.ArtifactDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tour := &pageTour{t: t, ctx: ctx, base: a.srv.URL, dir: dir}
	// A headless window is at least 500 px wide: the phone's screen is emulated.
	do(t, ctx, chromedp.EmulateViewport(360, 800))

	tour.visit("/login")
	tour.visit("/licenses")

	tour.login("demo.admin", passwords)
	tour.visit("/")
	tour.visit("/units")
	t.Run("the unit tree shows two levels and opens a unit's units below on demand", func(t *testing.T) {
		rows := evalRun(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('main .tree li').length`))
		if rows == 0 || rows > 100 {
			t.Fatalf("the tree shows %d units at first", rows)
		}
		mustContain(t, "the way below without JavaScript", evalRun(t, ctx, chromedp.TextContent(chromedp.CSS("details.below .below-slot"))), "Mở cây từ đơn vị này")
		do(t, ctx,
			chromedp.Click(chromedp.CSS("details.below > summary")),
			chromedp.WaitVisible(chromedp.CSS("details.below[open] > ul.tree > li")),
		)
		mustContain(t, "the units below", text(t, ctx, "details.below[open] > ul.tree"), "Chi bộ")
	})
	root := tour.link("/units", "main section.card h2 a")
	tour.visit(tour.link(root, `main table a[href^="/units/"]`))
	campaign := tour.link("/campaigns", `main table a[href^="/campaigns/"]`)
	conference := tour.link("/conferences", `main table a[href^="/conferences/"]`)
	dataSet := tour.link("/reporting", `main a[href$="/completeness"]`)
	report := tour.link("/reports", `main table.reports a[href^="/reports/"]`)
	for _, path := range []string{
		root, "/units/new", "/kinds",
		"/people", "/people/new", tour.link("/people", `main table a[href^="/people/"]`), "/people/import",
		"/accounts", "/accounts/new", tour.link("/accounts", `main table a[href^="/accounts/"]`),
		"/documents", "/documents/new", tour.link("/documents", `main table a[href^="/documents/"]`), "/vocabulary",
		campaign, campaign + "/edit", campaign + "/not-attended", campaign + "/conferences/new", "/campaigns/new",
		conference, conference + "/edit", conference + "/roster", "/conferences/attended",
		dataSet, tour.link(dataSet, `main table a[href*="/units/"]`),
		"/figures", "/dashboard", "/targets", "/quality", "/quality/rules", "/audit", "/password",
		"/reports", report, report + "/edit", report + "/versions", report + "/finalise",
		"/report-templates", tour.link("/report-templates", `main table a[href^="/report-templates/"]`), root + "/signers",
	} {
		tour.visit(path)
	}
	// The pages of every declared kind of record, and a record of each the demo holds.
	tour.visit("/records")
	for _, k := range tuyengiao.RecordKinds() {
		list := "/records/" + k.Code
		paths := []string{list, list + "/new", list + "/import"}
		if rec := tour.linkIf(list, `main table.records a[href^="/records/"]`); rec != "" {
			paths = append(paths, rec, rec+"/edit")
		}
		for _, path := range paths {
			tour.visit(path)
		}
	}
	tour.logout()

	// The other staff see the pages above; their home pages are their own.
	for _, login := range []string{"demo.quantri", "demo.capnhat", "demo.xem"} {
		tour.login(login, passwords)
		tour.visit("/")
		tour.logout()
	}

	tour.login("demo.chambai", passwords)
	tour.visit("/")
	essays := tour.link(campaign, `main a[href*="/essays?unit="]`)
	tour.visit(essays)
	tour.visit(tour.link(essays, `main a[href^="/essays/"]`))
	tour.logout()

	tour.login("demo.dangvien", passwords)
	tour.visit("/")
	tour.visit("/me/study")
	tour.visit(tour.link("/me/study", `main a[href^="/me/essays/"]`))
	tour.logout()
}

// pageTour is a walk through the pages in one browser, at the phone's width.
type pageTour struct {
	t         *testing.T
	ctx       context.Context
	base, dir string
	who       string // the login of the account the pages are seen as
	shots     int
}

// login logs in as a demo account with its printed password.
func (p *pageTour) login(login string, passwords map[string]string) {
	p.t.Helper()
	if passwords[login] == "" {
		p.t.Fatalf("the demo printed no password for %s", login)
	}
	do(p.t, p.ctx,
		chromedp.Navigate(p.base+"/login"),
		chromedp.SendKeys(chromedp.CSS("#login"), login),
		chromedp.SendKeys(chromedp.CSS("#password"), passwords[login]),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button`)),
		chromedp.WaitVisible(chromedp.CSS("nav.nav")),
	)
	p.who = login
}

// logout ends the session through the header's button.
func (p *pageTour) logout() {
	p.t.Helper()
	browserLogout(p.t, p.ctx, p.base)
	p.who = ""
}

// link returns the address (path and query) of the first link matching sel on the page at
// path: the address of a record the demo holds.
func (p *pageTour) link(path, sel string) string {
	p.t.Helper()
	href := p.linkIf(path, sel)
	if href == "" {
		p.t.Fatalf("%s has no link %s", path, sel)
	}
	return href
}

// linkIf is link for a page that may have no such link: "" then.
func (p *pageTour) linkIf(path, sel string) string {
	p.t.Helper()
	do(p.t, p.ctx, chromedp.Navigate(p.base+path))
	href := evalRun(p.t, p.ctx, chromedp.Evaluate[string](fmt.Sprintf(`(document.querySelector(%q) || {}).href || ""`, sel)))
	return strings.TrimPrefix(href, p.base)
}

// visit opens the page at path and checks it as a subtest: answered with 200, no wider than
// the screen, and, an HTML page, with no serious or critical accessibility violation; its
// screenshot goes to dir.
func (p *pageTour) visit(path string) {
	p.t.Helper()
	p.t.Run(path, func(t *testing.T) {
		start := time.Now()
		res := evalRun(t, p.ctx, chromedp.NavigateResponse(p.base+path))
		if res.Status != 200 {
			t.Fatalf("status %d: %s", res.Status, text(t, p.ctx, "main"))
		}
		check := evalRun(t, p.ctx, chromedp.Evaluate[pageCheck](pageCheckJS))
		loaded := time.Now()
		png := evalRun(t, p.ctx, pageShot(check.ScrollHeight))
		shot := time.Now()
		p.shots++
		slug := strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(path, "-"), "-")
		name := fmt.Sprintf("%02d-%s-%s.png", p.shots, cmp.Or(p.who, "anonymous"), cmp.Or(slug, "home"))
		if err := os.WriteFile(filepath.Join(p.dir, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
		if check.InnerWidth != 360 {
			t.Errorf("the window is %d px wide, not 360", check.InnerWidth)
		}
		if check.ScrollWidth > check.InnerWidth {
			t.Errorf("the page is %d px wide on a %d px screen (%s); see %s", check.ScrollWidth, check.InnerWidth, strings.Join(check.Wide, ", "), name)
		}
		if res.MimeType != "text/html" {
			return
		}
		do(t, p.ctx, chromedp.Evaluate[chromedp.Void](axeSource))
		violations := evalRun(t, p.ctx, chromedp.Evaluate[[]axeViolation](axeRunJS, chromedp.EvalAwaitPromise))
		for _, v := range violations {
			msg := fmt.Sprintf("axe %s (%s): %s, at %s", v.ID, v.Impact, v.Help, strings.Join(v.Targets, " "))
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Error(msg)
			} else {
				t.Log(msg)
			}
		}
		t.Logf("%s: loaded in %v, photographed in %v, checked by axe in %v", name, loaded.Sub(start).Round(time.Millisecond),
			shot.Sub(loaded).Round(time.Millisecond), time.Since(shot).Round(time.Millisecond))
	})
}

// maxShotHeight is the height of the tallest screenshot: Chromium takes none of a page much
// taller (a ward's roster is 33.000 px), and the top of such a page shows what it looks like.
const maxShotHeight = 12000

// pageShot takes a PNG of the whole page, height px tall, or of its top maxShotHeight px.
func pageShot(height int) chromedp.Action[[]byte] {
	return func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		yes := true
		r, err := cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format: page.CaptureScreenshotFormatPng, CaptureBeyondViewport: &yes, FromSurface: &yes,
			Clip: &page.Viewport{Width: 360, Height: float64(min(height, maxShotHeight)), Scale: 1},
		})
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	}
}

// pageCheck is what pageCheckJS measures of a page.
type pageCheck struct {
	ScrollWidth  int      `json:"scrollWidth"`
	ScrollHeight int      `json:"scrollHeight"`
	InnerWidth   int      `json:"innerWidth"`
	Wide         []string `json:"wide"` // elements reaching past the screen's right edge
}

const pageCheckJS = `(() => {
	const wide = [];
	for (const el of document.querySelectorAll('body *')) {
		if (wide.length < 5 && el.getBoundingClientRect().right > window.innerWidth + 0.5) {
			wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : ''));
		}
	}
	return {scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight, innerWidth: window.innerWidth, wide};
})()`

// axeViolation is one rule axe-core found broken, with the elements breaking it.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

const axeRunJS = `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || '', help: v.help,
	targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')).concat(v.nodes.length > 3 ? ['(' + v.nodes.length + ' in all)'] : [])})))`

// demoPasswords reads the demo accounts' passwords from what the first start printed: the
// last column of each account's row.
func demoPasswords(out string) map[string]string {
	passwords := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) >= 4 && strings.HasPrefix(f[0], "demo.") {
			passwords[f[0]] = f[len(f)-1]
		}
	}
	return passwords
}

// evalRun runs the action and fails the test on error.
func evalRun[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
