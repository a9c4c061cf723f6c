package sqldb

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/figures"
	"tuyengiao/internal/vn"
)

// recordCity is a city with two districts, Q1 with wards P1 and P2 and Q2 with ward P3,
// the store of the records and a figure service over the record figures.
type recordCity struct {
	db                   *DB
	store                *RecordStore
	figs                 *figures.Service
	city, q1, q2, p1, p2 *tuyengiao.Unit
	p3                   *tuyengiao.Unit
}

func newRecordCity(t *testing.T, db *DB) *recordCity {
	t.Helper()
	now := time.Date(2026, 4, 5, 3, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	c := &recordCity{db: db, store: db.RecordStore()}
	unit := func(parent *tuyengiao.Unit, code, kind string) *tuyengiao.Unit {
		u := &tuyengiao.Unit{Code: code, Name: "Đơn vị " + code, Kind: kind}
		if parent != nil {
			u.ParentID = parent.ID
		}
		if err := db.CreateUnit(sysadminCtx(), u); err != nil {
			t.Fatal(err)
		}
		return u
	}
	c.city = unit(nil, "TP", "thanh_uy")
	c.q1, c.q2 = unit(c.city, "Q1", "quan_uy"), unit(c.city, "Q2", "quan_uy")
	c.p1, c.p2 = unit(c.q1, "P1", "dang_uy_phuong"), unit(c.q1, "P2", "dang_uy_phuong")
	c.p3 = unit(c.q2, "P3", "dang_uy_phuong")
	c.figs = &figures.Service{Store: db.Figures(), Sources: []tuyengiao.FigureSource{db.RecordFigures()}}
	return c
}

// media returns a media item of the unit, on day ("2006-01-02").
func media(t *testing.T, u *tuyengiao.Unit, day, channel, form, title string, quantity int64) *tuyengiao.Record {
	return &tuyengiao.Record{Kind: tuyengiao.MediaItems.Code, UnitID: u.ID, Values: tuyengiao.RecordValues{
		"day": personDate(t, day), "channel": channel, "form": form, "title": title, "quantity": quantity}}
}

// add stores records as a system administrator.
func (c *recordCity) add(t *testing.T, rs ...*tuyengiao.Record) {
	t.Helper()
	for _, r := range rs {
		if err := c.store.CreateRecord(sysadminCtx(), tuyengiao.MediaItems, r); err != nil {
			t.Fatal(err)
		}
	}
}

// stored counts the rows of media_items, deleted ones included.
func (c *recordCity) stored(t *testing.T) int {
	t.Helper()
	var n int
	if err := c.db.queryRow(context.Background(), `SELECT COUNT(*) FROM media_items`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// titles lists the titles of the records f finds for ctx, and checks the total.
func (c *recordCity) titles(t *testing.T, ctx context.Context, f tuyengiao.RecordFilter) string {
	t.Helper()
	rs, total, err := c.store.FindRecords(ctx, tuyengiao.MediaItems, f)
	if err != nil {
		t.Fatal(err)
	}
	if f.Limit == 0 && total != len(rs) {
		t.Errorf("total %d, %d records", total, len(rs))
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Values.Text("title")
	}
	return strings.Join(out, ", ")
}

func TestRecordStore(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		c := newRecordCity(t, db)
		k := tuyengiao.MediaItems
		editorQ1, editorQ2 := editorAt(c.q1), editorAt(c.q2)
		viewer := roleCtx(tuyengiao.RoleViewer, c.city.ID, c.city.Path)
		// "Bài viết" decomposed, as some keyboards type it.
		r := media(t, c.p1, "2026-03-10", "website", "article", "  Ba\u0300i vie\u0302\u0301t về Nghị quyết 35  ", 0)
		r.Values["link"] = "https://p1.example.vn/bai-viet"

		t.Run("an editor of the district adds a record of a ward, read back in NFC with its zeros filled", func(t *testing.T) {
			if err := c.store.CreateRecord(editorQ1, k, r); err != nil {
				t.Fatal(err)
			}
			got, err := c.store.FindRecord(viewer, k, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := tuyengiao.RecordValues{"day": personDate(t, "2026-03-10"), "channel": "website", "form": "article",
				"title": "Bài viết về Nghị quyết 35", "quantity": int64(1), "outlet": "", "link": "https://p1.example.vn/bai-viet"}
			if !maps.Equal(got.Values, want) || got.Version != 1 || got.UnitName != "Đơn vị P1" || got.Kind != k.Code {
				t.Errorf("read back %+v", got)
			}
			if d := lastDetail(t, db, "record.create"); d != `Thêm tin, bài "Bài viết về Nghị quyết 35"` {
				t.Errorf("audit %q", d)
			}
		})

		t.Run("bad values are refused naming the field, and change nothing", func(t *testing.T) {
			before := c.stored(t)
			for field, bad := range map[string]*tuyengiao.Record{
				"channel":  media(t, c.p1, "2026-03-10", "tiktok", "post", "Tin", 1),
				"title":    media(t, c.p1, "2026-03-10", "fanpage", "post", "", 1),
				"quantity": media(t, c.p1, "2026-03-10", "fanpage", "post", "Tin", -1),
				"day":      {UnitID: c.p1.ID, Values: tuyengiao.RecordValues{"channel": "fanpage", "form": "post", "title": "Tin"}},
				"colour":   {UnitID: c.p1.ID, Values: tuyengiao.RecordValues{"colour": "red"}},
				"unit_id":  media(t, &tuyengiao.Unit{ID: 999}, "2026-03-10", "fanpage", "post", "Tin", 1),
			} {
				err := c.store.CreateRecord(editorQ1, k, bad)
				if e := tuyengiao.UserError(err); e.Code != tuyengiao.EINVALID || e.Field != field {
					t.Errorf("%s: %v", field, err)
				}
			}
			if n := c.stored(t); n != before {
				t.Errorf("%d rows, want %d", n, before)
			}
		})

		t.Run("an editor of another district is refused, and the refusal is audited", func(t *testing.T) {
			err := c.store.CreateRecord(editorQ2, k, media(t, c.p1, "2026-03-11", "fanpage", "post", "Tin Q2", 1))
			if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("create: %v", err)
			}
			if n := personAuditCount(t, db, string(tuyengiao.ActionRecordEdit), k.Code, tuyengiao.OutcomeDenied); n != 1 {
				t.Errorf("%d refusals audited", n)
			}
			if _, err := c.store.FindRecord(editorQ2, k, r.ID); tuyengiao.ErrorCode(err) != tuyengiao.ENOTFOUND {
				t.Errorf("read from another district: %v", err)
			}
			upd := *r
			if err := c.store.UpdateRecord(editorQ2, k, &upd); tuyengiao.ErrorCode(err) != tuyengiao.ENOTFOUND {
				t.Errorf("update from another district: %v", err)
			}
		})

		t.Run("a viewer reads but cannot write", func(t *testing.T) {
			if err := c.store.CreateRecord(viewer, k, media(t, c.p1, "2026-03-11", "fanpage", "post", "Tin", 1)); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("create: %v", err)
			}
			upd := *r
			if err := c.store.UpdateRecord(viewer, k, &upd); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("update: %v", err)
			}
			if err := c.store.DeleteRecord(viewer, k, r.ID, r.Version); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("delete: %v", err)
			}
		})

		t.Run("an update names the fields changed, old and new, and raises the version", func(t *testing.T) {
			upd := &tuyengiao.Record{ID: r.ID, Version: 1, Values: maps.Clone(r.Values)}
			upd.Values["quantity"], upd.Values["outlet"] = int64(3), "Báo Nhân Dân"
			if err := c.store.UpdateRecord(editorQ1, k, upd); err != nil {
				t.Fatal(err)
			}
			if upd.Version != 2 || upd.UnitID != c.p1.ID || upd.Values.Number("quantity") != 3 {
				t.Errorf("updated %+v", upd)
			}
			want := `Sửa tin, bài "Bài viết về Nghị quyết 35": Số lượng: 1 → 3; Tên báo, đài, trang: "" → "Báo Nhân Dân"`
			if d := lastDetail(t, db, "record.update"); d != want {
				t.Errorf("audit %q, want %q", d, want)
			}
		})

		t.Run("an update of a version saved since is a conflict and changes nothing", func(t *testing.T) {
			stale := &tuyengiao.Record{ID: r.ID, Version: 1, Values: maps.Clone(r.Values)}
			stale.Values["title"] = "Tiêu đề khác"
			err := c.store.UpdateRecord(editorQ1, k, stale)
			if tuyengiao.ErrorCode(err) != tuyengiao.ECONFLICT {
				t.Fatalf("stale update: %v", err)
			}
			if got, _ := c.store.FindRecord(editorQ1, k, r.ID); got.Values.Text("title") != "Bài viết về Nghị quyết 35" || got.Version != 2 {
				t.Errorf("after the conflict %+v", got)
			}
			if err := c.store.DeleteRecord(editorQ1, k, r.ID, 1); tuyengiao.ErrorCode(err) != tuyengiao.ECONFLICT {
				t.Errorf("stale delete: %v", err)
			}
		})

		t.Run("a record moves only to a unit the editor may edit", func(t *testing.T) {
			got, _ := c.store.FindRecord(editorQ1, k, r.ID)
			got.UnitID = c.p3.ID
			if err := c.store.UpdateRecord(editorQ1, k, got); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("move to another district: %v", err)
			}
			got.UnitID = c.p2.ID
			if err := c.store.UpdateRecord(editorQ1, k, got); err != nil {
				t.Fatal(err)
			}
			if got.UnitID != c.p2.ID || got.Version != 3 {
				t.Errorf("moved %+v", got)
			}
			if d := lastDetail(t, db, "record.update"); !strings.Contains(d, "Đơn vị: Đơn vị P1 → Đơn vị P2") {
				t.Errorf("audit %q", d)
			}
		})

		t.Run("a record deleted is kept, out of the lists", func(t *testing.T) {
			if err := c.store.DeleteRecord(editorQ1, k, r.ID, 3); err != nil {
				t.Fatal(err)
			}
			if _, err := c.store.FindRecord(editorQ1, k, r.ID); tuyengiao.ErrorCode(err) != tuyengiao.ENOTFOUND {
				t.Errorf("read deleted: %v", err)
			}
			if got := c.titles(t, editorQ1, tuyengiao.RecordFilter{UnitID: c.q1.ID}); got != "" {
				t.Errorf("listed %q", got)
			}
			if n := c.stored(t); n != 1 {
				t.Errorf("%d rows", n)
			}
			if d := lastDetail(t, db, "record.delete"); d != `Xóa tin, bài "Bài viết về Nghị quyết 35"` {
				t.Errorf("audit %q", d)
			}
		})
	})
}

func TestRecordFilters(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		c := newRecordCity(t, db)
		k := tuyengiao.MediaItems
		c.add(t,
			media(t, c.p1, "2026-01-15", "fanpage", "post", "Đảng bộ phường học tập Nghị quyết", 1),
			media(t, c.p1, "2026-02-20", "fanpage", "share", "Chia sẻ bài của Thành ủy", 1),
			media(t, c.p2, "2026-02-25", "press", "article", "Phóng sự về đường Lê Lợi", 1),
			media(t, c.p3, "2026-03-01", "fanpage", "post", "Tin đường phố văn minh", 1),
		)
		admin := sysadminCtx()

		t.Run("a subtree's records, the latest day first", func(t *testing.T) {
			want := "Phóng sự về đường Lê Lợi, Chia sẻ bài của Thành ủy, Đảng bộ phường học tập Nghị quyết"
			if got := c.titles(t, admin, tuyengiao.RecordFilter{UnitID: c.q1.ID}); got != want {
				t.Errorf("Q1: %q", got)
			}
			if got := c.titles(t, editorAt(c.q2), tuyengiao.RecordFilter{}); got != "Tin đường phố văn minh" {
				t.Errorf("Q2's editor's scope: %q", got)
			}
			_, _, err := c.store.FindRecords(editorAt(c.q2), k, tuyengiao.RecordFilter{UnitID: c.q1.ID})
			if tuyengiao.ErrorCode(err) != tuyengiao.ENOTFOUND {
				t.Errorf("another district: %v", err)
			}
		})
		t.Run("a period takes the days on and between its bounds", func(t *testing.T) {
			f := tuyengiao.RecordFilter{From: personDate(t, "2026-02-20"), To: personDate(t, "2026-02-25")}
			if got := c.titles(t, admin, f); got != "Phóng sự về đường Lê Lợi, Chia sẻ bài của Thành ủy" {
				t.Errorf("February: %q", got)
			}
		})
		t.Run("a choice field matches its option; another field or option is refused", func(t *testing.T) {
			f := tuyengiao.RecordFilter{Match: map[string][]string{"channel": {"fanpage"}, "form": {"post"}}}
			if got := c.titles(t, admin, f); got != "Tin đường phố văn minh, Đảng bộ phường học tập Nghị quyết" {
				t.Errorf("fanpage posts: %q", got)
			}
			for field, option := range map[string]string{"title": "Tin", "channel": "tiktok", "colour": "red"} {
				_, _, err := c.store.FindRecords(admin, k, tuyengiao.RecordFilter{Match: map[string][]string{field: {option}}})
				if e := tuyengiao.UserError(err); e.Code != tuyengiao.EINVALID || e.Field != field {
					t.Errorf("match %s=%s: %v", field, option, err)
				}
			}
		})
		t.Run("a query finds the beginnings of words without diacritics; one of no words keeps every record", func(t *testing.T) {
			if got := c.titles(t, admin, tuyengiao.RecordFilter{Query: "duong"}); got != "Tin đường phố văn minh, Phóng sự về đường Lê Lợi" {
				t.Errorf("duong: %q", got)
			}
			if got := c.titles(t, admin, tuyengiao.RecordFilter{Query: "THANH uy"}); got != "Chia sẻ bài của Thành ủy" {
				t.Errorf("THANH uy: %q", got)
			}
			if got := c.titles(t, admin, tuyengiao.RecordFilter{Query: "%"}); got == "" {
				t.Errorf("a query of no words keeps every record")
			}
		})
		t.Run("a page gives its records and the total", func(t *testing.T) {
			rs, total, err := c.store.FindRecords(admin, k, tuyengiao.RecordFilter{Offset: 1, Limit: 2})
			if err != nil || total != 4 || len(rs) != 2 || rs[0].Values.Text("title") != "Phóng sự về đường Lê Lợi" {
				t.Errorf("page: %d of %d, %v", len(rs), total, err)
			}
		})
	})
}

func TestRecordImport(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		c := newRecordCity(t, db)
		k := tuyengiao.MediaItems
		editorQ1 := editorAt(c.q1)

		t.Run("an import with bad rows stores nothing and names every bad row", func(t *testing.T) {
			rs := []*tuyengiao.Record{
				media(t, c.p1, "2026-03-01", "fanpage", "post", "Tin 1", 1),
				media(t, c.p1, "2026-03-02", "tiktok", "post", "Tin 2", 1),
				media(t, c.p2, "2026-03-03", "fanpage", "share", "", 1),
				media(t, c.p3, "2026-03-04", "fanpage", "post", "Tin 4", 1),
				media(t, &tuyengiao.Unit{ID: 999}, "2026-03-05", "fanpage", "post", "Tin 5", 1),
			}
			err := c.store.ImportRecords(editorQ1, k, rs, 2, 0)
			var got []string
			for _, e := range tuyengiao.RowErrors(err) {
				got = append(got, fmt.Sprintf("%d %s %s", e.Row, e.Code, e.Field))
			}
			want := []string{"3 invalid channel", "4 invalid title", "5 forbidden ", "6 invalid unit_id"}
			if !slices.Equal(got, want) {
				t.Errorf("errors %q, want %q (%v)", got, want, err)
			}
			if n := c.stored(t); n != 0 {
				t.Errorf("%d rows stored", n)
			}
			if n := personAuditCount(t, db, string(tuyengiao.ActionRecordEdit), k.Code, tuyengiao.OutcomeDenied); n != 1 {
				t.Errorf("%d refusals audited", n)
			}
		})

		t.Run("a good import stores every row, audited once at the lowest unit above them", func(t *testing.T) {
			var rs []*tuyengiao.Record
			for i := range 1200 {
				u := []*tuyengiao.Unit{c.p1, c.p2}[i%2]
				rs = append(rs, media(t, u, "2026-03-01", "fanpage", "post", fmt.Sprintf("Tin số %d", i), 1))
			}
			if err := c.store.ImportRecords(editorQ1, k, rs, 2, 0); err != nil {
				t.Fatal(err)
			}
			if n := c.stored(t); n != 1200 {
				t.Errorf("%d rows stored", n)
			}
			var unitID int64
			var detail string
			err := db.queryRow(context.Background(), `SELECT unit_id, detail FROM audit_log WHERE action = 'record.import'`).Scan(&unitID, &detail)
			if err != nil || unitID != c.q1.ID || detail != "Nhập 1200 tin, bài" {
				t.Errorf("audit at %d: %q, %v", unitID, detail, err)
			}
			if got := c.titles(t, editorQ1, tuyengiao.RecordFilter{Query: "so 1199"}); got != "Tin số 1199" {
				t.Errorf("imported record found as %q", got)
			}
		})
	})
}

func TestRecordFigures(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		c := newRecordCity(t, db)
		k := tuyengiao.MediaItems
		c.add(t,
			media(t, c.p1, "2026-03-02", "fanpage", "post", "", 40),
			media(t, c.p1, "2026-03-03", "fanpage", "share", "", 12),
			media(t, c.p2, "2026-03-04", "press", "article", "Bài báo", 1),
			media(t, c.p2, "2026-03-05", "radio", "broadcast", "", 4),
			media(t, c.p3, "2026-03-06", "fanpage", "post", "Tin", 1),
			media(t, c.p3, "2026-04-01", "press", "article", "", 5), // April: outside March
		)
		codes := make([]string, len(k.Indicators))
		for i, ind := range k.Indicators {
			codes[i] = ind.Code
		}
		march := tuyengiao.MonthPeriod(2026, 3)
		figuresOf := func(t *testing.T) map[string][]int64 {
			t.Helper()
			tb, err := c.figs.Figures(sysadminCtx(), tuyengiao.FigureQuery{Codes: codes, UnitID: c.city.ID, Depth: 1,
				Periods: []tuyengiao.Period{march}})
			if err != nil {
				t.Fatal(err)
			}
			out := map[string][]int64{}
			for u := range tb.Units {
				for i, ind := range tb.Indicators {
					out[ind.Code] = append(out[ind.Code], tb.Value(u, i, 0).Num)
				}
			}
			return out
		}

		t.Run("each indicator sums its records matching its conditions, rolled up the tree", func(t *testing.T) {
			// Rows: the city, Q1, Q2.
			want := map[string][]int64{
				"media.items":          {58, 57, 1},
				"media.original":       {46, 45, 1},
				"media.shares":         {12, 12, 0},
				"media.fanpage.posts":  {41, 40, 1},
				"media.fanpage.shares": {12, 12, 0},
				"media.press":          {1, 1, 0},
			}
			if got := figuresOf(t); !maps.EqualFunc(got, want, slices.Equal) {
				t.Errorf("figures %v, want %v", got, want)
			}
		})
		t.Run("the indicators are computed flows of the kind's area, linking to its records", func(t *testing.T) {
			inds, err := db.RecordFigures().Indicators(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(inds, func(ind tuyengiao.Indicator) bool { return ind.Code == "media.press" })
			if i < 0 || inds[i].Group != "media" || inds[i].Stock || inds[i].Source != tuyengiao.SourceComputed ||
				inds[i].Records != "/records/media-items?unit={unit}&from={from}&to={to}" {
				t.Errorf("indicators %+v", inds)
			}
		})
		t.Run("a write raises the version, and the figures change; a record deleted counts no more", func(t *testing.T) {
			before, err := db.RecordFigures().Version(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			r := media(t, c.p3, "2026-03-20", "press", "article", "Bài mới", 1)
			c.add(t, r)
			if v, _ := db.RecordFigures().Version(context.Background()); v <= before {
				t.Errorf("version %d, then %d", before, v)
			}
			if got := figuresOf(t)["media.press"]; !slices.Equal(got, []int64{2, 1, 1}) {
				t.Errorf("press after an article: %v", got)
			}
			if err := c.store.DeleteRecord(sysadminCtx(), k, r.ID, r.Version); err != nil {
				t.Fatal(err)
			}
			if got := figuresOf(t)["media.press"]; !slices.Equal(got, []int64{1, 1, 0}) {
				t.Errorf("press after the delete: %v", got)
			}
		})
	})
}

func TestRecordClosedUnit(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		c := newRecordCity(t, db)
		k := tuyengiao.MediaItems
		kept := media(t, c.p3, "2026-02-10", "fanpage", "post", "Tin trước khi đóng", 1)
		c.add(t, kept)
		if _, err := db.CloseUnit(sysadminCtx(), c.p3.ID, time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		t.Run("a closed unit keeps its records as they are: no change, no deletion, no move", func(t *testing.T) {
			changed := *kept
			changed.Values = maps.Clone(kept.Values)
			changed.Values["title"] = "Tin đã sửa"
			for name, err := range map[string]error{
				"change": c.store.UpdateRecord(editorAt(c.q2), k, &changed),
				"delete": c.store.DeleteRecord(editorAt(c.q2), k, kept.ID, kept.Version),
			} {
				if e := tuyengiao.UserError(err); e.Field != "unit_id" {
					t.Errorf("%s at a closed unit: %v", name, err)
				}
			}
			moved := changed
			moved.UnitID = c.q2.ID
			if e := tuyengiao.UserError(c.store.UpdateRecord(editorAt(c.q2), k, &moved)); e.Field != "unit_id" {
				t.Errorf("a move out of a closed unit: %v", e)
			}
			if got, err := c.store.FindRecord(sysadminCtx(), k, kept.ID); err != nil || got.Values.Text("title") != "Tin trước khi đóng" {
				t.Errorf("the record now: %+v, %v", got, err)
			}
		})
		t.Run("a closed unit takes no record, one by one or imported, and nothing is stored", func(t *testing.T) {
			before := c.stored(t)
			err := c.store.CreateRecord(editorAt(c.q2), k, media(t, c.p3, "2026-03-10", "fanpage", "post", "Tin", 1))
			if e := tuyengiao.UserError(err); e.Field != "unit_id" || !strings.Contains(vn.Message(e), "Đơn vị P3 đã đóng") {
				t.Errorf("create at a closed unit: %v", err)
			}
			err = c.store.ImportRecords(editorAt(c.q2), k, []*tuyengiao.Record{media(t, c.p3, "2026-03-10", "fanpage", "post", "Tin", 1)}, 2, 0)
			if errs := tuyengiao.RowErrors(err); len(errs) != 1 || errs[0].Row != 2 || errs[0].Field != "unit_id" {
				t.Errorf("import at a closed unit: %v", err)
			}
			if after := c.stored(t); after != before {
				t.Errorf("%d records stored, want %d", after, before)
			}
		})
	})
}
