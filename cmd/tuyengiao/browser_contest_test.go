package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// checkContestPage checks the page shown as a subtest: no wider than a 360 px screen and
// without a serious or critical accessibility violation; then saves its screenshots (shot).
func checkContestPage(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	t.Run("page "+name, func(t *testing.T) {
		check := evalRun(t, ctx, chromedp.Evaluate[pageCheck](pageCheckJS))
		if check.ScrollWidth > check.InnerWidth {
			t.Errorf("the page is %d px wide on a %d px screen (%s)", check.ScrollWidth, check.InnerWidth, strings.Join(check.Wide, ", "))
		}
		do(t, ctx, chromedp.Evaluate[chromedp.Void](axeSource))
		for _, v := range evalRun(t, ctx, chromedp.Evaluate[[]axeViolation](axeRunJS, chromedp.EvalAwaitPromise)) {
			if v.Impact == "serious" || v.Impact == "critical" {
				t.Errorf("axe %s (%s): %s, at %s", v.ID, v.Impact, v.Help, strings.Join(v.Targets, " "))
			}
		}
		shot(t, ctx, "contest-"+name)
	})
}

// clickRight clicks, in the questions of the attempt page from position from to position to
// (excluded), the option written "Đúng", and waits until each says it is saved.
func clickRight(t *testing.T, ctx context.Context, from, to int) {
	t.Helper()
	for pos := from; pos < to; pos++ {
		do(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`[...document.querySelectorAll('fieldset[data-pos="%d"] label.opt')]
			.find(l => l.textContent.trim().startsWith("Đúng")).querySelector("input").click()`, pos)))
	}
	waitTrue(t, ctx, fmt.Sprintf(`[...document.querySelectorAll(".saved")].filter(p => p.textContent === "Đã lưu").length >= %d`, to-from))
}

// waitTrue waits until the script js gives true.
func waitTrue(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	for range 100 {
		if evalRun(t, ctx, chromedp.Evaluate[bool](js)) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("never true: %s", js)
}

// TestBrowserContest takes a contestant through a contest on a phone-sized screen: they
// register (the browser solves the proof of work, the unit found by its name), start,
// answer, reload mid-attempt and find their answers, submit and see their score; then the
// organiser closes the round and the results list the winner. With TUYENGIAO_TEST_SHOTS
// set, every public page is saved there at 360 and 1280 px.
func TestBrowserContest(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	a := newTestApp(t, filepath.Join(t.TempDir(), "contest.db"))
	pc := newPublicContest(t, a, 5)
	base := a.srv.URL
	contestURL := fmt.Sprintf("%s/thi/%d", base, pc.c.ID)
	do(t, ctx, chromedp.EmulateViewport(360, 740), chromedp.Navigate(base+"/thi"), chromedp.WaitVisible(chromedp.CSS("main article")))
	mustContain(t, "list", text(t, ctx, "main"), pc.c.Title)
	checkContestPage(t, ctx, "list")
	do(t, ctx, chromedp.Navigate(contestURL), chromedp.WaitVisible(chromedp.CSS(`a[href$="/dang-ky"]`)))
	checkContestPage(t, ctx, "contest")
	do(t, ctx, chromedp.Navigate(contestURL+"/vao-thi"), chromedp.WaitVisible(chromedp.CSS("#phone")))
	checkContestPage(t, ctx, "signin")

	t.Run("a contestant registers with a unit found by its name", func(t *testing.T) {
		do(t, ctx,
			chromedp.Navigate(contestURL+"/dang-ky"),
			chromedp.SendKeys(chromedp.CSS("#full_name"), "Nguyễn Văn An"),
			chromedp.SendKeys(chromedp.CSS("#birth_year"), "1990"),
			chromedp.SendKeys(chromedp.CSS("#phone"), "0912 345 678"),
			chromedp.SendKeys(chromedp.CSS("#unit_q"), "Đông Kinh"),
		)
		waitTrue(t, ctx, `document.querySelectorAll("#unit_id option").length === 2`)
		if v := evalRun(t, ctx, chromedp.Value(chromedp.CSS("#unit_id"))); v != fmt.Sprint(pc.ward.ID) {
			t.Fatalf("the picker chose %q", v)
		}
		do(t, ctx,
			chromedp.SendKeys(chromedp.CSS("#pin"), "246810"),
			chromedp.SendKeys(chromedp.CSS("#pin2"), "246801"),
			chromedp.Click(chromedp.CSS(`input[name="consent"]`)),
		)
		checkContestPage(t, ctx, "register")
		do(t, ctx, chromedp.Click(chromedp.CSS(`form[data-pow] button[type="submit"]`)), chromedp.WaitVisible(chromedp.CSS("#pin2-error")))
		// What was typed is kept, the unit chosen among those of the search, but the PINs.
		if v := evalRun(t, ctx, chromedp.Value(chromedp.CSS("#unit_id"))); v != fmt.Sprint(pc.ward.ID) {
			t.Fatalf("the form came back with the unit %q", v)
		}
		mustContain(t, "form again", evalRun(t, ctx, chromedp.Value(chromedp.CSS("#full_name"))), "Nguyễn Văn An")
		checkContestPage(t, ctx, "register-error")
		do(t, ctx,
			chromedp.SendKeys(chromedp.CSS("#pin"), "246810"),
			chromedp.SendKeys(chromedp.CSS("#pin2"), "246810"),
		)
		do(t, ctx, chromedp.Click(chromedp.CSS(`form[data-pow] button[type="submit"]`)))
		waitLocation(t, ctx, "ok=registered")
		mustContain(t, "after registering", text(t, ctx, "main"), "Nguyễn Văn An")
		checkContestPage(t, ctx, "contest-signed-in")
	})
	var attempt string
	t.Run("the contestant answers, reloads and finds the answers", func(t *testing.T) {
		do(t, ctx, chromedp.Click(chromedp.CSS(`form[action$="/bat-dau"] button`)))
		waitLocation(t, ctx, "/luot/")
		clickRight(t, ctx, 0, 3)
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		attempt = loc
		do(t, ctx, chromedp.Navigate(attempt), chromedp.WaitVisible(chromedp.CSS("#attempt")))
		if n := evalRun(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#attempt input:checked").length`)); n != 3 {
			t.Fatalf("%d answers checked after the reload, want 3", n)
		}
		// The server wrote the seconds left of a 10-minute attempt started a moment ago.
		if left := evalRun(t, ctx, chromedp.Evaluate[int](`Number(document.querySelector("[data-seconds]").dataset.seconds)`)); left < 550 || left > 600 {
			t.Fatalf("the page says %d seconds are left", left)
		}
		checkContestPage(t, ctx, "attempt")
	})
	t.Run("the contestant submits and sees the score", func(t *testing.T) {
		clickRight(t, ctx, 3, 5)
		do(t, ctx,
			chromedp.SendKeys(chromedp.CSS("#prediction"), "2"),
			chromedp.Click(chromedp.CSS(`#attempt button[type="submit"]`)),
		)
		waitLocation(t, ctx, "ok=submitted")
		mustContain(t, "score", text(t, ctx, ".score"), "5/5")
		checkContestPage(t, ctx, "result")
	})
	t.Run("an attempt submits itself when its time is up", func(t *testing.T) {
		// Started with the database's clock 9 minutes 50 seconds back, the attempt has ten
		// seconds left by the server's.
		do(t, ctx, chromedp.Navigate(contestURL), chromedp.WaitVisible(chromedp.CSS(`form[action$="/bat-dau"] button`)))
		back := time.Now().Add(-590 * time.Second)
		a.db.Now = func() time.Time { return back }
		do(t, ctx, chromedp.Click(chromedp.CSS(`form[action$="/bat-dau"] button`)))
		waitLocation(t, ctx, "/luot/")
		// The page shown while the clock was back counts from 600: shown again by the true
		// clock, it has ten seconds.
		do(t, ctx, chromedp.WaitVisible(chromedp.CSS("#attempt")))
		a.db.Now = time.Now
		do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#attempt")))
		if left := evalRun(t, ctx, chromedp.Evaluate[int](`Number(document.querySelector("[data-seconds]").dataset.seconds)`)); left > 11 {
			t.Fatalf("the page says %d seconds are left", left)
		}
		clickRight(t, ctx, 0, 1)
		time.Sleep(7 * time.Second)
		waitLocation(t, ctx, "ok=submitted")
		mustContain(t, "score", text(t, ctx, ".score"), "1/5")
	})
	t.Run("the organiser closes the round and the results list the winner", func(t *testing.T) {
		r := pc.c.Rounds[0]
		after := r.ClosesAt.Add(2 * time.Minute)
		a.db.Now = func() time.Time { return after }
		defer func() { a.db.Now = time.Now }()
		if err := a.db.ContestStore().CloseRound(a.admin(), r.ID); err != nil {
			t.Fatal(err)
		}
		do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/ket-qua/%d", contestURL, r.ID)), chromedp.WaitVisible(chromedp.CSS(".ranking")))
		first := text(t, ctx, ".ranking li")
		mustContain(t, "winner", first, "Nguyễn Văn An")
		mustContain(t, "winner", first, "Giải Nhất")
		checkContestPage(t, ctx, "results")
	})
	do(t, ctx, chromedp.Navigate(contestURL+"/luot/999999"), chromedp.WaitVisible(chromedp.CSS("main")))
	checkContestPage(t, ctx, "not-found")
}
