package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tuyengiao"
)

// browser returns a chromedp context on a fresh headless Chromium, 360 px wide, for two
// minutes, when TUYENGIAO_TEST_BROWSER=1; without Chromium the test then fails rather than
// skips.
func browser(t *testing.T) context.Context {
	t.Helper()
	return browserFor(t, 2*time.Minute)
}

// browserFor is browser for a test that takes longer.
func browserFor(t *testing.T, timeout time.Duration) context.Context {
	t.Helper()
	if os.Getenv("TUYENGIAO_TEST_BROWSER") != "1" {
		t.Skip("set TUYENGIAO_TEST_BROWSER=1 to drive Chromium")
	}
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium is not installed: apt-get install -y --no-install-recommends chromium")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(360, 800),
		chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true), chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true), chromedp.Flag("disable-quic", true),
		// A phone's scroll bars take no width from the page.
		chromedp.Flag("hide-scrollbars", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
	})
	return ctx
}

// text returns the visible text of the first element matching sel.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// do runs the steps and fails the test on error.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// browserLogin logs in through the login page.
func browserLogin(t *testing.T, ctx context.Context, base, login string) {
	t.Helper()
	do(t, ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(chromedp.CSS("#login"), login),
		chromedp.SendKeys(chromedp.CSS("#password"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button`)),
		chromedp.WaitVisible(chromedp.CSS("nav.nav")),
	)
}

// waitLocation waits until the page's address holds part: the page has been replaced by the
// answer to a form, not merely still showing the one before.
func waitLocation(t *testing.T, ctx context.Context, part string) {
	t.Helper()
	for range 100 {
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		// The address changes when the new page is committed, before it is parsed: reading
		// it then can find a node the parser replaces.
		if strings.Contains(loc, part) && loaded(ctx) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the page never went to an address with %q", part)
}

// loaded reports whether the page's document has loaded.
func loaded(ctx context.Context) bool {
	state, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState`))
	return err == nil && state == "complete"
}

func mustContain(t *testing.T, what, got, want string) {
	t.Helper()
	if !strings.Contains(got, want) {
		t.Fatalf("%s: %q does not contain %q", what, got, want)
	}
}

// TestBrowserSecretary walks through the foundation as a district secretary on a phone-sized
// screen: log in, open the tree, import a people file with a bad row and see why nothing was
// imported, fix it and import it, then find a person by a name typed without diacritics.
func TestBrowserSecretary(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	a := newTestApp(t, filepath.Join(t.TempDir(), "browser.db"))
	city := a.unit(nil, "HS", "Thành ủy Hoa Sơn", "thanh_uy")
	ward := a.unit(city, "HS-P01", "Đảng ủy phường Đông Kinh", "dang_uy_phuong")
	a.unit(ward, "HS-P01-CB01", "Chi bộ khu phố 1", "chi_bo")
	a.unit(city, "HS-P02", "Đảng ủy phường Tam Thanh", "dang_uy_phuong")
	a.user("bithu.dongkinh", tuyengiao.RoleUnitAdmin, ward)
	base := a.srv.URL

	browserLogin(t, ctx, base, "bithu.dongkinh")
	t.Run("the tree opens at the secretary's own ward", func(t *testing.T) {
		do(t, ctx, chromedp.Navigate(base+"/units"), chromedp.WaitVisible(chromedp.CSS("main section.card")))
		tree := text(t, ctx, "main")
		mustContain(t, "tree", tree, "Đảng ủy phường Đông Kinh")
		mustContain(t, "tree", tree, "Chi bộ khu phố 1")
		if strings.Contains(tree, "Tam Thanh") {
			t.Fatalf("a sibling ward is shown: %q", tree)
		}
	})
	good := []any{"HS-P01-CB01", "Nguyễn Văn Đức", 1975, "Nam", "Đảng viên", "0912345678"}
	t.Run("an import with a bad row names it and imports nobody", func(t *testing.T) {
		page := uploadPeople(t, ctx, base, ward.ID, tempFile(t, "co-loi.xlsx", peopleXLSX(t, good, []any{"HS-P09", "Trần Thị Mai", 1990, "Nữ", "Đảng viên", ""})))
		mustContain(t, "preview", text(t, ctx, "tr.bad"), "Trần Thị Mai\n3\nKhông có đơn vị mã \"HS-P09\"")
		mustContain(t, "preview", page, "Chưa nhập ai")
		if n, _ := a.db.CountPeople(a.admin(), ward.ID, tuyengiao.Date{Time: time.Now()}); len(n) != 0 {
			t.Fatalf("people were imported: %v", n)
		}
	})
	t.Run("the fixed file imports everyone", func(t *testing.T) {
		fixed := []any{"HS-P01-CB01", "Trần Thị Mai", 1990, "Nữ", "Đảng viên", ""}
		page := uploadPeople(t, ctx, base, ward.ID, tempFile(t, "da-sua.xlsx", peopleXLSX(t, good, fixed)))
		mustContain(t, "preview", page, "Nhập 2 người")
		do(t, ctx,
			chromedp.Click(chromedp.CSS(`form[action$="/commit"] button`)),
			// The preview has a notice too: wait for the list the commit leads to.
			chromedp.WaitVisible(chromedp.CSS(`form[action="/people"]`)),
		)
		mustContain(t, "after import", text(t, ctx, ".flash"), "Đã nhập")
	})
	t.Run("a person is found by a name typed without diacritics", func(t *testing.T) {
		do(t, ctx,
			chromedp.Navigate(fmt.Sprintf("%s/people?root=%d", base, ward.ID)),
			chromedp.SendKeys(chromedp.CSS("#q"), "nguyen van duc"),
			chromedp.Submit(chromedp.CSS("#q")),
		)
		waitLocation(t, ctx, "q=nguyen+van+duc")
		do(t, ctx, chromedp.WaitVisible(chromedp.CSS("main table")))
		list := text(t, ctx, "main table")
		mustContain(t, "search", list, "Nguyễn Văn Đức")
		if strings.Contains(list, "Trần Thị Mai") {
			t.Fatalf("the search shows everyone: %q", list)
		}
	})
}

// tempFile writes content to a file of the test and returns its path, for a browser upload.
func tempFile(t *testing.T, name string, content []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// uploadPeople uploads the file on the import page of the unit and waits for the preview.
func uploadPeople(t *testing.T, ctx context.Context, base string, unitID int64, path string) string {
	t.Helper()
	do(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/people/import?root=%d", base, unitID)),
		chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{path}),
		chromedp.Click(chromedp.CSS(`form[enctype="multipart/form-data"] button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS("main .stats")),
	)
	return text(t, ctx, "main")
}

// TestBrowserImportDuplicates imports on a phone-sized screen a spreadsheet with a repeated
// row, a person already there, a spaced phone and a name in TCVN3: the preview shows them
// without scrolling sideways, the browser asks for the unanswered row before sending, and
// once answered the import says how many went in; a bad row names its person. With
// TUYENGIAO_TEST_SHOTS set to a folder, the previews are saved there at 360 and 1280 px.
func TestBrowserImportDuplicates(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	a := newTestApp(t, filepath.Join(t.TempDir(), "browser.db"))
	city := a.unit(nil, "HS", "Thành ủy Hoa Sơn", "thanh_uy")
	ward := a.unit(city, "HS-P01", "Đảng ủy phường Đông Kinh", "dang_uy_phuong")
	cell := a.unit(ward, "HS-P01-CB01", "Chi bộ khu phố 1", "chi_bo")
	a.person(cell, "Nguyễn Văn Đức", tuyengiao.CategoryMember)
	a.user("bithu.dongkinh", tuyengiao.RoleUnitAdmin, ward)
	base := a.srv.URL
	browserLogin(t, ctx, base, "bithu.dongkinh")

	file := sheetXLSX(t, []any{"Mã đơn vị", "Họ và tên", "Ngày sinh", "Giới tính", "Đối tượng", "Số điện thoại", "Chức vụ"},
		[]any{"HS-P01-CB01", "Nguyễn Văn Đức", "1980", "Nam", "Đảng viên", "", "Bí thư chi bộ"},
		[]any{"HS-P01-CB01", "TrÇn ThÞ Mai", "05/03/1990", "Nữ", "Đảng viên", "0912 345 678", "Phó bí thư chi bộ"},
		[]any{"HS-P01-CB01", "Lê Văn Hùng", "11/10/1988", "Nam", "Đảng viên", "098.765.4321", ""},
		[]any{"HS-P01-CB01", "Lê Văn Hùng", "11/10/1988", "Nam", "Đảng viên", "098.765.4321", ""},
	)
	page := uploadPeople(t, ctx, base, ward.ID, tempFile(t, "trung.xlsx", file))
	for _, want := range []string{"Dòng có thể trùng", "Giống hệt dòng 4.", "Trần Thị Mai", "0912 345 678", "05/03/1990", "đều có ngày không quá 12"} {
		mustContain(t, "preview", page, want)
	}
	width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelector("main").scrollWidth - document.querySelector("main").clientWidth`))
	if err != nil {
		t.Fatal(err)
	} else if width > 0 {
		t.Errorf("the preview is %d px wider than the page at 360 px", width)
	}
	shot(t, ctx, "import-preview")
	t.Run("the browser asks for the unanswered row before sending", func(t *testing.T) {
		do(t, ctx, chromedp.Click(chromedp.CSS(`form[action$="/commit"] button[type="submit"]`)))
		invalid, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('input[name="dup-2"]:invalid') !== null`))
		if err != nil {
			t.Fatal(err)
		}
		if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(loc, "/people/import") || !invalid {
			t.Fatalf("the form went at %q with row 2 unanswered", loc)
		}
	})
	t.Run("answered, the import says how many went in", func(t *testing.T) {
		do(t, ctx,
			chromedp.Click(chromedp.CSS(`input[name="dup-2"][value="drop"]`)),
			chromedp.Click(chromedp.CSS(`form[action$="/commit"] button[type="submit"]`)),
			chromedp.WaitVisible(chromedp.CSS(`form[action="/people"]`)),
		)
		mustContain(t, "after import", text(t, ctx, ".flash"), "Đã nhập 2 người; bỏ 2 dòng trùng.")
	})
	t.Run("a bad row names its person and offers the bad rows to download", func(t *testing.T) {
		bad := sheetXLSX(t, []any{"Mã đơn vị", "Họ và tên", "Đối tượng"}, []any{"HS-P09", "Phạm Thị Hoa", "Đảng viên"})
		uploadPeople(t, ctx, base, ward.ID, tempFile(t, "loi.xlsx", bad))
		mustContain(t, "preview", text(t, ctx, "tr.bad"), "Phạm Thị Hoa")
		mustContain(t, "preview", text(t, ctx, "main"), "Tải các dòng lỗi")
		shot(t, ctx, "import-errors")
	})
}

// shot saves the page at 360 and 1280 px into TUYENGIAO_TEST_SHOTS when it is set, and
// leaves the viewport at 360 px.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("TUYENGIAO_TEST_SHOTS")
	if dir == "" {
		return
	} else if err := os.MkdirAll(dir, 0o755); err != nil { // this test may come before the one that makes it
		t.Fatal(err)
	}
	for _, w := range []int64{360, 1280} {
		do(t, ctx, chromedp.EmulateViewport(w, 800))
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, w)), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	do(t, ctx, chromedp.EmulateViewport(360, 800))
}
