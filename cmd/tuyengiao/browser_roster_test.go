package main

import (
	"maps"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// TestBrowserRoster takes attendance for a whole ward of 2.000 members on a phone-sized
// screen: a search typed without diacritics shows the people it names, select all ticks
// them and the save records them; select none of another search unticks those shown alone:
// the rows a search hides keep what they had. It logs how long the page takes to be ready
// and a save to come back.
func TestBrowserRoster(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	a := newTestApp(t, filepath.Join(t.TempDir(), "roster.db"))
	w := newWardRoster(a, 2000)
	var before []int64
	for id := range w.names {
		if id%3 == 0 {
			before = append(before, id)
		}
	}
	w.mark(tuyengiao.RosterChange{Present: before})
	want := w.present()
	base := a.srv.URL
	browserLogin(t, ctx, base, "phuong")

	// shown counts the rows the search leaves, and reads the live count of those ticked.
	shown := func(t *testing.T) (rows int, ticked string) {
		t.Helper()
		rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("table.roster tbody tr:not([hidden])").length`))
		if err != nil {
			t.Fatal(err)
		}
		return rows, text(t, ctx, "#roster-present")
	}
	// search types the words into the search box.
	search := func(t *testing.T, words string) {
		t.Helper()
		do(t, ctx, chromedp.SendKeys(chromedp.CSS("#roster-q"), words))
	}
	// open loads the ward's whole roster and waits for its script.
	open := func(t *testing.T) {
		t.Helper()
		start := time.Now()
		do(t, ctx, chromedp.Navigate(base+w.path(w.ward)), chromedp.WaitVisible(chromedp.CSS(".roster-tools")))
		timing, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(n => [n.responseStart, n.responseEnd, n.domInteractive, n.domContentLoadedEventEnd, n.loadEventEnd])(performance.getEntriesByType("navigation")[0])`))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("the roster of 2.000 is ready in %s (ms: first byte %.0f, last %.0f, interactive %.0f, script done %.0f, loaded %.0f)", time.Since(start).Round(time.Millisecond),
			timing[0], timing[1], timing[2], timing[3], timing[4])
	}
	// save sends the form and waits for the page it leads to.
	save := func(t *testing.T) {
		t.Helper()
		start := time.Now()
		// The page saved from has no notice: the one it leads to has.
		do(t, ctx, chromedp.Click(chromedp.CSS(`.roster-bar button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
		waitLocation(t, ctx, "ok=marked")
		t.Logf("saved and shown again in %s", time.Since(start).Round(time.Millisecond))
	}
	check := func(t *testing.T) {
		t.Helper()
		got := w.present()
		for id := range w.names {
			if got[id] != want[id] {
				t.Fatalf("%s: present %v, want %v", w.names[id], got[id], want[id])
			}
		}
	}

	t.Run("a search without diacritics, select all and save tick the people found alone", func(t *testing.T) {
		open(t)
		search(t, "nguyen van an")
		found := w.matching("nguyen van an")
		if rows, _ := shown(t); rows != len(found) || rows == 0 {
			t.Fatalf("%d rows shown, want %d", rows, len(found))
		}
		do(t, ctx, chromedp.Click(chromedp.CSS(`button[data-tick="1"]`)))
		maps.Copy(want, found)
		if _, ticked := shown(t); ticked != vn.Int(int64(len(want))) {
			t.Fatalf("the count of those ticked reads %s, want %d", ticked, len(want))
		}
		save(t)
		check(t)
	})
	t.Run("select none of another search unticks those shown; the hidden rows stay ticked", func(t *testing.T) {
		open(t)
		search(t, "Trần thị")
		found := w.matching("tran thi")
		if rows, _ := shown(t); rows != len(found) {
			t.Fatalf("%d rows shown, want %d", rows, len(found))
		}
		do(t, ctx, chromedp.Click(chromedp.CSS(`button[data-tick="0"]`)))
		for id := range found {
			delete(want, id)
		}
		save(t)
		check(t)
	})
	t.Run("a number finds the row of that number on the printed sheet", func(t *testing.T) {
		open(t)
		search(t, "12")
		if rows, _ := shown(t); rows != 1 || text(t, ctx, "table.roster tbody tr:not([hidden]) td") != strconv.Itoa(12) {
			t.Fatalf("%d rows shown for the number 12", rows)
		}
	})
}
