package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tuyengiao"
)

// recordFixture is a ward with a cell below it, an editor of the ward ("capnhat") and a viewer
// of the cell ("xem"), and media items of both.
type recordFixture struct {
	a          *testApp
	ward, cell *tuyengiao.Unit
}

func newRecordFixture(a *testApp) *recordFixture {
	ward := a.unit(nil, "P01", "Đảng ủy phường Đông Kinh", "dang_uy_phuong")
	cell := a.unit(ward, "P01-CB01", "Chi bộ khu phố 1", "chi_bo")
	a.user("capnhat", tuyengiao.RoleEditor, ward)
	a.user("xem", tuyengiao.RoleViewer, cell)
	return &recordFixture{a: a, ward: ward, cell: cell}
}

// media stores a media item of the unit on the channel and form, dated the day of the
// month of this year.
func (f *recordFixture) media(u *tuyengiao.Unit, title, channel, form string, quantity int64, month time.Month, day int) *tuyengiao.Record {
	d := tuyengiao.Date{Time: time.Date(f.a.today().Year(), month, day, 0, 0, 0, 0, time.UTC)}
	return f.a.record(tuyengiao.MediaItems, u, tuyengiao.RecordValues{"day": d, "channel": channel, "form": form,
		"title": title, "quantity": quantity})
}

// mediaCount returns how many media items the ward's subtree holds.
func (f *recordFixture) mediaCount() int {
	f.a.t.Helper()
	_, n, err := f.a.db.RecordStore().FindRecords(f.a.admin(), tuyengiao.MediaItems, tuyengiao.RecordFilter{UnitID: f.ward.ID, Limit: 1})
	if err != nil {
		f.a.t.Fatal(err)
	}
	return n
}

func TestRecordPages(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		f := newRecordFixture(a)
		editor := a.login("capnhat")
		year := a.today().Year()
		t.Run("a bad value of the form is shown at its field, what was typed is kept and nothing is stored", func(t *testing.T) {
			res := editor.post("/records/media-items", url.Values{"unit_code": {"P01"}, "day": {"31/02/" + fmt.Sprint(year)},
				"channel": {"fanpage"}, "form": {"post"}, "title": {"Bài viết về Nghị quyết 35"}, "quantity": {"1"}})
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d: %s", res.StatusCode, res.message())
			}
			mustContain(t, "the field's message", res.body, `<p class="field-error" id="f-day-error">Ngày đăng: &#34;31/02/`)
			mustContain(t, "the title typed", res.body, `value="Bài viết về Nghị quyết 35"`)
			if n := f.mediaCount(); n != 0 {
				t.Fatalf("%d records stored", n)
			}
			res = editor.post("/records/media-items", url.Values{"unit_code": {"P01"}, "day": {"01/02/" + fmt.Sprint(year)},
				"channel": {"fanpage"}, "form": {"post"}, "quantity": {"1"}})
			mustContain(t, "the kind's own check", res.body, `id="f-title-error">Chưa nhập tiêu đề của tin, bài`)
		})
		t.Run("a record made through the form is shown with its values written the Vietnamese way", func(t *testing.T) {
			res := editor.post("/records/media-items", url.Values{"unit_code": {"P01-CB01"}, "day": {"15/03/" + fmt.Sprint(year)},
				"channel": {"Báo chí"}, "form": {"article"}, "title": {"Phóng sự về khu phố 1"}, "quantity": {"12.500"},
				"link": {"https://baohoason.vn/phong-su"}})
			loc := res.Header.Get("Location")
			if res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(loc, "?ok=created") {
				t.Fatalf("status %d %s: %s", res.StatusCode, loc, res.message())
			}
			page := editor.get(loc).body
			for _, want := range []string{"Phóng sự về khu phố 1", "15/03/" + fmt.Sprint(year), "Báo chí", "12.500", "Chi bộ khu phố 1", `href="https://baohoason.vn/phong-su"`} {
				mustContain(t, "the record's page", page, want)
			}
		})
		f.media(f.ward, "Tin hội nghị quán triệt", "fanpage", "post", 1, time.January, 10)
		f.media(f.ward, "Chia sẻ bài của Thành ủy", "fanpage", "share", 4, time.February, 20)
		f.media(f.cell, "Bản tin tháng tư", "bulletin", "issue", 1, time.April, 5)
		t.Run("the list filters by unit, period, choice and words typed without diacritics, and totals the kind's figures", func(t *testing.T) {
			titles := func(q string) string {
				res := editor.get("/records/media-items?" + q)
				if res.StatusCode != http.StatusOK {
					t.Fatalf("%s: status %d: %s", q, res.StatusCode, res.message())
				}
				var got []string
				for _, want := range []string{"Tin hội nghị quán triệt", "Chia sẻ bài của Thành ủy", "Bản tin tháng tư", "Phóng sự về khu phố 1"} {
					if strings.Contains(res.body, ">"+want+"</a>") {
						got = append(got, want)
					}
				}
				return strings.Join(got, "|")
			}
			ward, cell := "unit="+id(f.ward.ID), "unit="+id(f.cell.ID)
			for q, want := range map[string]string{
				ward:                      "Tin hội nghị quán triệt|Chia sẻ bài của Thành ủy|Bản tin tháng tư|Phóng sự về khu phố 1",
				cell:                      "Bản tin tháng tư|Phóng sự về khu phố 1",
				ward + "&channel=fanpage": "Tin hội nghị quán triệt|Chia sẻ bài của Thành ủy",
				ward + "&form=share":      "Chia sẻ bài của Thành ủy",
				ward + "&q=hoi+nghi":      "Tin hội nghị quán triệt",
				ward + fmt.Sprintf("&from=01/02/%d&to=31/03/%d", year, year): "Chia sẻ bài của Thành ủy|Phóng sự về khu phố 1",
			} {
				if got := titles(q); got != want {
					t.Errorf("%s lists %q, want %q", q, got, want)
				}
			}
			// 1 + 4 + 1 + 12.500 items this year, 4 of them shares, 12.500 in the press.
			body := editor.get("/records/media-items?" + ward).body
			for _, want := range []string{`<b>12.506</b><span>Số tin, bài, sản phẩm truyền thông (tin, bài)`,
				`<b>4</b><span>Số lượt chia sẻ tin, bài (lượt)`, `<b>12.500</b><span>Số tin, bài trên báo chí (tin, bài)`} {
				mustContain(t, "the totals", body, want)
			}
			mustContain(t, "the kinds by area", editor.get("/records?"+ward).body, "Tin, bài, sản phẩm truyền thông</a> <b>4</b>")
			res := editor.get("/records/media-items?" + ward + fmt.Sprintf("&from=31/03/%d&to=01/02/%d", year, year))
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("days the wrong way round: status %d", res.StatusCode)
			}
			mustContain(t, "the days' message", res.body, fmt.Sprintf("Ngày kết thúc (01/02/%d) phải từ ngày bắt đầu (31/03/%d) trở đi.", year, year))
		})
		t.Run("the list and a record read in English", func(t *testing.T) {
			en := a.login("capnhat")
			en.post("/lang", url.Values{"lang": {"en"}, "next": {"/"}})
			body := en.get("/records/media-items?unit=" + id(f.ward.ID)).body
			for _, want := range []string{"<h1>Media output: ", ">Channel</", ">Facebook page<", "Shares (shares)", "Add media item"} {
				mustContain(t, "the English list", body, want)
			}
		})
		t.Run("a change at a version saved since is refused, the form kept; a delete takes the record out of the list", func(t *testing.T) {
			r := f.media(f.ward, "Tin cần sửa", "website", "post", 1, time.May, 5)
			form := url.Values{"version": {"1"}, "unit_code": {"P01"}, "day": {"05/05/" + fmt.Sprint(year)}, "channel": {"website"},
				"form": {"post"}, "title": {"Tin đã sửa"}, "quantity": {"1"}}
			if res := editor.post("/records/media-items/"+id(r.ID), form); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("status %d: %s", res.StatusCode, res.message())
			}
			form.Set("title", "Sửa lần nữa từ trang cũ")
			res := editor.post("/records/media-items/"+id(r.ID), form)
			if res.StatusCode != http.StatusConflict {
				t.Fatalf("status %d: %s", res.StatusCode, res.message())
			}
			mustContain(t, "the form kept", res.body, `value="Sửa lần nữa từ trang cũ"`)
			if res := editor.post("/records/media-items/"+id(r.ID)+"/delete", url.Values{"version": {"2"}}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("delete: status %d: %s", res.StatusCode, res.message())
			}
			if res := editor.get("/records/media-items/" + id(r.ID)); res.StatusCode != http.StatusNotFound {
				t.Fatalf("a deleted record answers %d", res.StatusCode)
			}
		})
		t.Run("a viewer reads the records of the unit but is offered no change", func(t *testing.T) {
			viewer := a.login("xem")
			body := viewer.get("/records/media-items").body
			mustContain(t, "the viewer's list", body, "Bản tin tháng tư")
			if strings.Contains(body, "/records/media-items/new") {
				t.Error("the viewer is offered to add a record")
			}
			if res := viewer.get("/records/media-items/new?unit=" + id(f.cell.ID)); res.StatusCode != http.StatusForbidden {
				t.Errorf("the viewer's form: status %d", res.StatusCode)
			}
		})
	})
}

func TestRecordAPI(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		f := newRecordFixture(a)
		c := a.api("capnhat")
		day := a.today().Format("2006-01-02")
		res := c.json("POST", "/api/v1/records/media-items", map[string]any{"unit_id": f.cell.ID, "values": map[string]any{
			"day": day, "channel": "press", "form": "article", "title": "  Bài báo về phường  ", "quantity": 3}})
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("create: status %d: %s", res.StatusCode, res.body)
		}
		var rec struct {
			ID       int64
			UnitName string `json:"unit_name"`
			Version  int
			Values   map[string]any
		}
		res.decode(&rec)
		if rec.UnitName != "Chi bộ khu phố 1" || rec.Version != 1 || rec.Values["title"] != "Bài báo về phường" || rec.Values["quantity"] != 3.0 {
			t.Fatalf("created %+v", rec)
		}
		path := "/api/v1/records/media-items/" + id(rec.ID)
		t.Run("a bad value names its field and stores nothing", func(t *testing.T) {
			res := c.json("POST", "/api/v1/records/media-items", map[string]any{"unit_id": f.cell.ID, "values": map[string]any{
				"day": day, "channel": "tivi", "form": "article", "title": "Không lưu"}})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"channel"`) {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
			if n := f.mediaCount(); n != 1 {
				t.Fatalf("%d records", n)
			}
		})
		t.Run("reads, updates at its version, refuses an old version, deletes", func(t *testing.T) {
			if res := c.get(path); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Bài báo về phường") {
				t.Fatalf("get: %d %s", res.StatusCode, res.body)
			}
			values := map[string]any{"day": day, "channel": "press", "form": "article", "title": "Bài báo đã sửa", "quantity": 5}
			if res := c.json("PUT", path, map[string]any{"version": 1, "values": values}); res.StatusCode != http.StatusOK || !strings.Contains(res.body, `"version":2`) {
				t.Fatalf("update: %d %s", res.StatusCode, res.body)
			}
			if res := c.json("PUT", path, map[string]any{"version": 1, "values": values}); res.StatusCode != http.StatusConflict {
				t.Fatalf("update at an old version: %d %s", res.StatusCode, res.body)
			}
			if res := c.json("DELETE", path+"?version=1", nil); res.StatusCode != http.StatusConflict {
				t.Fatalf("delete at an old version: %d %s", res.StatusCode, res.body)
			}
			list := c.get("/api/v1/records/media-items?unit=" + id(f.ward.ID) + "&channel=press")
			if list.StatusCode != http.StatusOK || !strings.Contains(list.body, `"total":1`) {
				t.Fatalf("list: %d %s", list.StatusCode, list.body)
			}
			if res := c.json("DELETE", path+"?version=2", nil); res.StatusCode != http.StatusNoContent {
				t.Fatalf("delete: %d %s", res.StatusCode, res.body)
			}
			if res := c.get(path); res.StatusCode != http.StatusNotFound {
				t.Fatalf("a deleted record: %d", res.StatusCode)
			}
		})
		t.Run("a viewer reads but cannot write", func(t *testing.T) {
			v := a.api("xem")
			if res := v.get("/api/v1/records/media-items"); res.StatusCode != http.StatusOK {
				t.Fatalf("list: %d %s", res.StatusCode, res.body)
			}
			res := v.json("POST", "/api/v1/records/media-items", map[string]any{"unit_id": f.cell.ID, "values": map[string]any{
				"day": day, "channel": "press", "form": "article", "title": "Không được"}})
			if res.StatusCode != http.StatusForbidden {
				t.Fatalf("create as a viewer: %d %s", res.StatusCode, res.body)
			}
		})
	})
}

func TestRecordImportExport(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		f := newRecordFixture(a)
		editor := a.login("capnhat")
		year := fmt.Sprint(a.today().Year())
		head := "Mã đơn vị;Ngày đăng;Kênh;Loại;Tiêu đề;Số lượng\n"
		good := ";10/01/" + year + ";Trang Facebook (fanpage);Tin, bài đăng mới;Tin đầu năm;1\n" +
			"P01-CB01;31/03/" + year + ";fanpage;share;;152\n"
		bad := "P01-CB01;32/01/" + year + ";fanpage;post;Ngày sai;1\n" + "KHONGCO;01/02/" + year + ";press;article;Đơn vị lạ;1\n"
		importPath := "/records/media-items/import?unit=" + id(f.ward.ID)
		t.Run("a file with bad rows lists every one and stores nothing", func(t *testing.T) {
			res := editor.upload(importPath, url.Values{}, "tin-bai.csv", []byte(head+good+bad))
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d: %s", res.StatusCode, res.message())
			}
			mustContain(t, "the day's row", res.body, `<td class="num" data-label="Dòng">4</td><td data-label="Cột">Ngày đăng</td>`)
			mustContain(t, "the unit's row", res.body, `Dòng 5: không có đơn vị mã &#34;KHONGCO&#34; trong Đảng ủy phường Đông Kinh.`)
			if n := f.mediaCount(); n != 0 {
				t.Fatalf("%d records stored", n)
			}
		})
		t.Run("a file with its header alone is refused, with nothing to commit", func(t *testing.T) {
			res := editor.upload(importPath, url.Values{}, "tin-bai.csv", []byte(head))
			if res.StatusCode != http.StatusUnprocessableEntity || strings.Contains(res.body, `action="/records/media-items/import/`) {
				t.Fatalf("status %d: %s", res.StatusCode, res.message())
			}
			mustContain(t, "the reason", res.body, "Tệp không có dòng dữ liệu nào.")
		})
		t.Run("a good file is previewed, then stored whole", func(t *testing.T) {
			res := editor.upload(importPath, url.Values{}, "tin-bai.csv", []byte(head+good))
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", res.StatusCode, res.message())
			}
			mustContain(t, "the preview", res.body, "Tin đầu năm")
			_, rest, _ := strings.Cut(res.body, `action="/records/media-items/import/`)
			commit, _, _ := strings.Cut(rest, `"`)
			res = editor.post("/records/media-items/import/"+strings.ReplaceAll(commit, "&amp;", "&"), url.Values{})
			if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "ok=imported") {
				t.Fatalf("commit: status %d %s: %s", res.StatusCode, res.Header.Get("Location"), res.message())
			}
			recs, n, err := a.db.RecordStore().FindRecords(a.admin(), tuyengiao.MediaItems, tuyengiao.RecordFilter{UnitID: f.ward.ID, Limit: 10})
			if err != nil || n != 2 || recs[0].Values.Number("quantity") != 152 || recs[0].UnitID != f.cell.ID || recs[1].UnitID != f.ward.ID {
				t.Fatalf("stored %d: %v", n, err)
			}
			// A double click, or Back and send again: the file is stored once.
			res = editor.post("/records/media-items/import/"+strings.ReplaceAll(commit, "&amp;", "&"), url.Values{})
			if res.StatusCode != http.StatusConflict {
				t.Errorf("second commit: status %d: %s", res.StatusCode, res.message())
			}
			if n := f.mediaCount(); n != 2 {
				t.Errorf("%d records after the second commit, want 2", n)
			}
		})
		t.Run("the API checks a file, and stores it with commit", func(t *testing.T) {
			c := a.api("capnhat")
			api := "/api/v1/records/media-items/import?unit=" + id(f.ward.ID)
			res := c.upload(api+"&commit=true", url.Values{}, "tin-bai.csv", []byte(head+good+bad))
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, `"committed":false`) || !strings.Contains(res.body, `"row":5`) {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
			res = c.upload(api+"&commit=true", url.Values{}, "tin-bai.csv", []byte(head+good))
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, `"created":2`) {
				t.Fatalf("status %d: %s", res.StatusCode, res.body)
			}
		})
		t.Run("the export holds the list and is audited", func(t *testing.T) {
			res := editor.get("/records/media-items/export.xlsx?unit=" + id(f.ward.ID) + "&channel=fanpage")
			if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/vnd.openxmlformats") {
				t.Fatalf("status %d %s", res.StatusCode, res.Header.Get("Content-Type"))
			}
			recs, _, err := a.db.FindAuditRecords(a.admin(), tuyengiao.AuditFilter{Action: "record.export", Login: "capnhat"})
			if err != nil || len(recs) != 1 || recs[0].Object != "media-items" || recs[0].Detail != "count=4" {
				t.Fatalf("audit %+v, %v", recs, err)
			}
			if res := editor.get("/records/media-items/template.xlsx"); res.StatusCode != http.StatusOK {
				t.Fatalf("template: status %d", res.StatusCode)
			}
		})
	})
}

// TestHandDown hands a task of the ward's programme down to its cells through the API and
// follows it on the task's page: each cell gets one copy naming it, a second hand-down to a
// cell that has one is refused whole, and an editor of a cell may not hand down the ward's.
func TestHandDown(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		f := newRecordFixture(a)
		cell2 := a.unit(f.ward, "P01-CB02", "Chi bộ khu phố 2", "chi_bo")
		a.user("chibo", tuyengiao.RoleEditor, f.cell)
		task := a.record(tuyengiao.WorkTasks, f.ward, tuyengiao.RecordValues{"title": "Hướng dẫn sinh hoạt chi bộ chuyên đề",
			"area": "study", "deadline": a.today(), "ad_hoc": true})
		path := "/api/v1/records/work-tasks/" + id(task.ID) + "/hand-down"
		c := a.api("capnhat")
		res := c.json("POST", path, map[string]any{"units": []int64{f.cell.ID, cell2.ID}})
		if res.StatusCode != http.StatusOK || strings.Count(res.body, `"handed_from":`+id(task.ID)) != 2 ||
			strings.Count(res.body, `"status":"not_started"`) != 2 || strings.Count(res.body, `"ad_hoc":true`) != 2 {
			t.Fatalf("hand-down: %d %s", res.StatusCode, res.body)
		}
		if res := c.json("POST", path, map[string]any{"units": []int64{cell2.ID}}); res.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(res.body, `"field":"unit"`) {
			t.Errorf("a second hand-down to a cell that has it: %d %s", res.StatusCode, res.body)
		}
		if res := a.api("chibo").json("POST", path, map[string]any{"units": []int64{f.cell.ID}}); res.StatusCode != http.StatusForbidden &&
			res.StatusCode != http.StatusNotFound {
			t.Errorf("a cell's editor handing the ward's task down: %d %s", res.StatusCode, res.body)
		}
		page := c.get("/records/work-tasks/" + id(task.ID))
		mustContain(t, "the task's page", page.body, "Đã giao")
		mustContain(t, "the task's page", page.body, "Chi bộ khu phố 2")
		if _, n, err := a.db.RecordStore().FindRecords(a.admin(), tuyengiao.WorkTasks, tuyengiao.RecordFilter{UnitID: f.ward.ID, Limit: 1}); err != nil || n != 3 {
			t.Errorf("the ward's programme holds %d tasks, %v", n, err)
		}
	})
}
