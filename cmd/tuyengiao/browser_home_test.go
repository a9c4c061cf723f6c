package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserHome opens the home page of each role on a phone-sized screen and reads what it
// shows: the person's name, the sections of their roles and none of the others.
func TestBrowserHome(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	a := newTestApp(t, filepath.Join(t.TempDir(), "home.db"))
	w := newHomeWorld(t, a)
	base := a.srv.URL
	for _, c := range w.homeCases() {
		t.Run(c.login, func(t *testing.T) {
			browserLogin(t, ctx, base, c.login)
			do(t, ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("main h1")))
			mustContain(t, "greeting", text(t, ctx, "main h1"), "Xin chào, "+c.name)
			mustContain(t, "header", text(t, ctx, "header .who"), c.name)
			main := text(t, ctx, "main")
			// The texts of the page, not its markup nor its addresses.
			for _, s := range c.shows {
				if !strings.ContainsAny(s, `<"?`) && !strings.Contains(main, s) {
					t.Errorf("the page does not show %q: %q", s, main)
				}
			}
			for _, s := range c.hides {
				if !strings.ContainsAny(s, `<"?`) && strings.Contains(main, s) {
					t.Errorf("the page shows %q", s)
				}
			}
			if c.step != "" {
				do(t, ctx, chromedp.Click(chromedp.CSS(`main a[href^="`+c.step+`"]`)))
				waitLocation(t, ctx, c.step)
			}
			browserLogout(t, ctx, base)
		})
	}
}
