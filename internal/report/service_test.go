package report_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/dbtest"
	"tuyengiao/internal/report"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/sqldb/sqldbtest"
	"tuyengiao/internal/vn"
)

func sysadmin() context.Context {
	return tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{Login: "test-admin",
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin, UnitPath: "/"}}})
}

// reportCity is a city with a ward and a cell of four party members, studying a campaign
// of 2026, and the report service over it with a template that states the study's figures.
type reportCity struct {
	db               *sqldb.DB
	city, ward, cell *tuyengiao.Unit
	members          []int64
	campaign         *tuyengiao.Campaign
	svc              *report.Service
	template         int64
	at               func(day string, hour int) // sets the clock of the services to hour:30 of day in Vietnam
}

// studyTemplate is the sentence of the test template about conferences and attendances.
const studyTemplate = "Tổ chức {study.conferences} hội nghị với {study.attendances} lượt người tham dự, {study.attendances:change}."

func newReportCity(t *testing.T, dsn string) *reportCity {
	t.Helper()
	c := &reportCity{db: dbtest.Open(t, dsn)}
	ctx := sysadmin()
	at := func(day string, hour int) {
		d, err := tuyengiao.ParseDate(day)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(d.Year(), d.Month(), d.Day(), hour, 30, 0, 0, vn.Zone)
		c.db.Now = func() time.Time { return now }
	}
	at("2025-01-02", 8)
	unit := func(parent *tuyengiao.Unit, code, name, kind string) *tuyengiao.Unit {
		u := &tuyengiao.Unit{Code: code, Name: name, Kind: kind}
		if parent != nil {
			u.ParentID = parent.ID
		}
		if err := c.db.CreateUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		return u
	}
	c.city = unit(nil, "HS", "Thành ủy Hoa Sơn", "thanh_uy")
	c.ward = unit(c.city, "HS-DK", "Đảng ủy phường Đông Kinh", "dang_uy_phuong")
	c.cell = unit(c.ward, "HS-DK-CB01", "Chi bộ Khối 1", "chi_bo")
	since, _ := tuyengiao.ParseDate("2020-01-01")
	for _, name := range []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"} {
		p := &tuyengiao.Person{UnitID: c.cell.ID, FullName: name, Category: tuyengiao.CategoryMember, StatusDate: since}
		if err := c.db.CreatePerson(ctx, p); err != nil {
			t.Fatal(err)
		}
		c.members = append(c.members, p.ID)
	}
	start, _ := tuyengiao.ParseDate("2025-01-05")
	end, _ := tuyengiao.ParseDate("2026-12-31")
	c.campaign = &tuyengiao.Campaign{UnitID: c.city.ID, Title: "Học tập Nghị quyết năm 2026", StartOn: start, EndOn: end,
		UnitIDs: []int64{c.ward.ID}, Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember, Target: 95}}}
	if err := c.db.CreateCampaign(ctx, c.campaign); err != nil {
		t.Fatal(err)
	}
	c.svc = reportService(t, c.db)
	tmpl := &tuyengiao.ReportTemplate{Code: "thu", Name: "Báo cáo thử", PeriodKind: tuyengiao.PeriodHalf,
		Subject: "Sơ kết {period}", Sections: []tuyengiao.ReportSection{{Title: "1. Học tập: {study.bridge_points} điểm cầu",
			Text: studyTemplate + "\n\nTrang thông tin đăng {press.items} tin, bài.", Table: []string{"study.attendances"}, Chart: "study.attendances"}},
		Signing: report.DefaultTemplates()[0].Signing}
	if err := c.svc.SaveTemplate(ctx, tmpl); err != nil {
		t.Fatal(err)
	}
	c.template = tmpl.ID
	c.at = at
	return c
}

// conference holds a class of the campaign at the ward on day, 14:00 to 16:00, where the
// first present members of the cell are marked present; the clock is left at 16:30.
func (c *reportCity) conference(t *testing.T, day string, present int) {
	t.Helper()
	ctx := sysadmin()
	c.at(day, 8)
	d, _ := tuyengiao.ParseDate(day)
	starts := time.Date(d.Year(), d.Month(), d.Day(), 14, 0, 0, 0, vn.Zone)
	f := &tuyengiao.Conference{CampaignID: c.campaign.ID, UnitID: c.ward.ID, Title: "Lớp học tập ngày " + day,
		StartsAt: starts, EndsAt: starts.Add(2 * time.Hour), Form: tuyengiao.FormInPerson,
		BridgePoints: []tuyengiao.BridgePoint{{UnitID: c.ward.ID, Place: "Hội trường phường"}}}
	if err := c.db.CreateConference(ctx, f); err != nil {
		t.Fatal(err)
	}
	c.at(day, 16)
	roster, err := c.db.Roster(ctx, f.ID, c.ward.ID)
	if err != nil {
		t.Fatal(err)
	}
	ch := tuyengiao.RosterChange{OpenedAt: roster.OpenedAt}
	for _, e := range roster.Entries {
		if len(ch.Present) < present {
			ch.Present = append(ch.Present, e.PersonID)
		}
	}
	if _, err := c.db.MarkAttendance(ctx, f.ID, c.ward.ID, ch); err != nil {
		t.Fatal(err)
	}
}

// assemble lays out report r.
func (c *reportCity) assemble(t *testing.T, r *tuyengiao.Report) *tuyengiao.ReportDocument {
	t.Helper()
	d, err := c.svc.Assemble(sysadmin(), r)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// paragraphs returns the text of the paragraphs of d.
func paragraphs(d *tuyengiao.ReportDocument) []string {
	var out []string
	for _, b := range d.Blocks {
		if b.Kind == tuyengiao.BlockParagraph {
			var s strings.Builder
			for _, r := range b.Runs {
				s.WriteString(r.Text)
			}
			out = append(out, s.String())
		}
	}
	return out
}

// figure returns the run of d that shows indicator code first.
func figure(t *testing.T, d *tuyengiao.ReportDocument, code string) tuyengiao.ReportRun {
	t.Helper()
	for _, b := range d.Blocks {
		for _, r := range b.Runs {
			if r.Figure != nil && r.Figure.Code == code {
				return r
			}
		}
	}
	t.Fatalf("no figure of %s", code)
	return tuyengiao.ReportRun{}
}

func TestDraft(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		c := newReportCity(t, dsn)
		ctx := sysadmin()
		c.conference(t, "2025-03-10", 2)
		c.conference(t, "2026-03-10", 3)
		c.at("2026-06-15", 16)
		h1 := tuyengiao.HalfPeriod(2026, 1)
		r, err := c.svc.Draft(ctx, c.city.ID, c.template, h1)
		if err != nil {
			t.Fatal(err)
		}
		d := c.assemble(t, r)

		t.Run("states the figures of the conferences and attendances entered, with the change", func(t *testing.T) {
			want := []string{"Tổ chức 1 hội nghị với 3 lượt người tham dự, tăng 50% so với cùng kỳ.", "Trang thông tin đăng … tin, bài."}
			if got := paragraphs(d); !slices.Equal(got, want) {
				t.Fatalf("got  %q\nwant %q", got, want)
			}
			ref := figure(t, d, "study.attendances").Figure
			if ref.UnitID != c.city.ID || ref.Period != h1 || ref.Indicator == "" || !strings.Contains(ref.Records, "from=2026-01-01&to=2026-06-30") {
				t.Errorf("figure %+v", ref)
			}
			if ref := figure(t, d, "press.items").Figure; !ref.Missing {
				t.Errorf("an indicator nobody declared: %+v", ref)
			}
			if h := d.Blocks[0].Runs[0].Text; h != "1. Học tập: 1 điểm cầu" {
				t.Errorf("the heading reads %q", h)
			}
		})
		t.Run("heads the city's report as its commission's, dated today", func(t *testing.T) {
			got := []string{d.Superior, d.Issuer, d.Number, d.PlaceDate, d.Subject, d.AsOf, d.SignFor, d.SignerTitle}
			want := []string{"THÀNH ỦY HOA SƠN", "BAN TUYÊN GIÁO", "Số      -BC/BTGTU", "Hoa Sơn, ngày 15 tháng 6 năm 2026",
				"Sơ kết 6 tháng đầu năm 2026", "Số liệu tính đến 16 giờ 30 ngày 15/6/2026", "T/M BAN TUYÊN GIÁO", "TRƯỞNG BAN"}
			if !slices.Equal(got, want) || !d.Draft {
				t.Fatalf("got  %q\nwant %q", got, want)
			}
		})
		t.Run("tables the ward and charts the months", func(t *testing.T) {
			var tb *tuyengiao.ReportTable
			var ch *tuyengiao.ReportChart
			for _, b := range d.Blocks {
				tb, ch = cmpOr(tb, b.Table), cmpOr(ch, b.Chart)
			}
			if tb == nil || len(tb.Rows) != 1 || tb.Rows[0][0] != c.ward.Name || tb.Rows[0][1] != "3" || tb.Total[1] != "3" {
				t.Fatalf("table %+v", tb)
			}
			if ch == nil || len(ch.Values) != 6 || ch.Values[2] != 3 || ch.Labels[2] != "T3" {
				t.Fatalf("chart %+v", ch)
			}
		})
		t.Run("heads a ward's report under the city's party organisation, signed by its secretary", func(t *testing.T) {
			w, err := c.svc.Draft(ctx, c.ward.ID, c.template, h1)
			if err != nil {
				t.Fatal(err)
			}
			wd := c.assemble(t, w)
			got := []string{wd.Superior, wd.Issuer, wd.Number, wd.PlaceDate, wd.SignFor, wd.SignerTitle, strings.Join(wd.Recipients, " ")}
			want := []string{"ĐẢNG BỘ THÀNH PHỐ HOA SƠN", "ĐẢNG ỦY PHƯỜNG ĐÔNG KINH", "Số      -BC/ĐU", "Đông Kinh, ngày 15 tháng 6 năm 2026",
				"T/M ĐẢNG ỦY", "BÍ THƯ", "- Ban Tuyên giáo Thành ủy Hoa Sơn (b/c), - Lưu VP."}
			if !slices.Equal(got, want) {
				t.Fatalf("got  %q\nwant %q", got, want)
			}
		})
		t.Run("leaves the superior body to fill in for a ward's editor, who may not see the city", func(t *testing.T) {
			editor := tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{Login: "bien-tap",
				Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleEditor, UnitID: c.ward.ID, UnitPath: c.ward.Path}}})
			w, err := c.svc.Draft(editor, c.ward.ID, c.template, h1)
			if err != nil {
				t.Fatal(err)
			}
			if w.Superior != "" || w.Issuer != "ĐẢNG ỦY PHƯỜNG ĐÔNG KINH" || w.Place != "Đông Kinh" || strings.Join(w.Recipients, " ") != "- Lưu VP." {
				t.Fatalf("head %q / %q, %q, %q", w.Superior, w.Issuer, w.Place, w.Recipients)
			}
		})
		t.Run("refuses a period the template is not for, and drafts nothing", func(t *testing.T) {
			_, err := c.svc.Draft(ctx, c.city.ID, c.template, tuyengiao.YearPeriod(2026))
			if tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
				t.Fatalf("got %v", err)
			}
			if all, err := c.svc.Reports(ctx, tuyengiao.ReportFilter{UnitID: c.city.ID}); err != nil || len(all) != 1 {
				t.Fatalf("%d reports, %v", len(all), err)
			}
		})

		t.Run("refreshing after new records recounts the figures and keeps the edited text", func(t *testing.T) {
			e := tuyengiao.ReportEdit{Version: r.Version, Subject: r.Subject, Sections: slices.Clone(r.Sections), ReportSigningPart: r.ReportSigningPart}
			e.Sections[0].Text = studyTemplate + "\n\nBan biên tập viết lại đoạn này."
			edited, err := c.svc.Edit(ctx, r.ID, e)
			if err != nil {
				t.Fatal(err)
			}
			c.conference(t, "2026-06-16", 4)
			if got := paragraphs(c.assemble(t, edited))[0]; !strings.HasPrefix(got, "Tổ chức 1 hội nghị với 3 lượt") {
				t.Fatalf("an edit recounted: %q", got)
			}
			r, err = c.svc.Refresh(ctx, r.ID, edited.Version)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"Tổ chức 2 hội nghị với 7 lượt người tham dự, gấp 3,5 lần so với cùng kỳ.", "Ban biên tập viết lại đoạn này."}
			if got := paragraphs(c.assemble(t, r)); !slices.Equal(got, want) {
				t.Fatalf("got  %q\nwant %q", got, want)
			}
			if _, err := c.svc.Refresh(ctx, r.ID, edited.Version); tuyengiao.ErrorCode(err) != tuyengiao.ECONFLICT {
				t.Fatalf("a refresh of a version saved over: %v", err)
			}
		})
		t.Run("refuses to sign a text naming an indicator its figures do not hold until they are refreshed", func(t *testing.T) {
			w, err := c.svc.Draft(ctx, c.ward.ID, c.template, h1)
			if err != nil {
				t.Fatal(err)
			}
			e := tuyengiao.ReportEdit{Version: w.Version, Subject: w.Subject, Sections: slices.Clone(w.Sections), ReportSigningPart: w.ReportSigningPart}
			e.Sections[0].Text += "\n\nCán bộ, đảng viên viết {essays.submitted} bài thu hoạch."
			if w, err = c.svc.Edit(ctx, w.ID, e); err != nil {
				t.Fatal(err)
			}
			signed, _ := tuyengiao.ParseDate("2026-06-16")
			sg := tuyengiao.ReportSigning{Version: w.Version, Number: "05-BC/ĐU", SignedOn: signed, Signer: "Nguyễn Văn An"}
			_, err = c.svc.Finalise(ctx, w.ID, sg)
			if tuyengiao.ErrorCode(err) != tuyengiao.EINVALID || !strings.Contains(vn.Message(err), "essays.submitted") {
				t.Fatalf("signing a figure never counted: %v", err)
			}
			if w, err = c.svc.Refresh(ctx, w.ID, w.Version); err != nil {
				t.Fatal(err)
			}
			sg.Version = w.Version
			if _, err := c.svc.Finalise(ctx, w.ID, sg); err != nil {
				t.Fatalf("signing once refreshed: %v", err)
			}
		})
		t.Run("a final report keeps its figures when records change, and marks those that differ now", func(t *testing.T) {
			c.at("2026-06-20", 9)
			signed, _ := tuyengiao.ParseDate("2026-06-20")
			f, err := c.svc.Finalise(ctx, r.ID, tuyengiao.ReportSigning{Version: r.Version, Number: "12-BC/BTGTU", SignedOn: signed,
				SignFor: "T/M BAN TUYÊN GIÁO", SignerTitle: "TRƯỞNG BAN", Signer: "Nguyễn Văn An"})
			if err != nil {
				t.Fatal(err)
			}
			c.conference(t, "2026-06-25", 1)
			again, err := c.svc.Report(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			fd := c.assemble(t, again)
			if got := paragraphs(fd)[0]; got != "Tổ chức 2 hội nghị với 7 lượt người tham dự, gấp 3,5 lần so với cùng kỳ." {
				t.Fatalf("the signed text changed: %q", got)
			}
			if conf, att := figure(t, fd, "study.conferences").Figure, figure(t, fd, "study.attendances").Figure; conf.Live != "3" || att.Live != "8" {
				t.Errorf("live %q and %q, want 3 and 8", conf.Live, att.Live)
			}
			if fd.Number != "Số 12-BC/BTGTU" || fd.PlaceDate != "Hoa Sơn, ngày 20 tháng 6 năm 2026" || fd.Signer != "Nguyễn Văn An" || fd.Draft {
				t.Errorf("head %q, %q, %q", fd.Number, fd.PlaceDate, fd.Signer)
			}
			if _, err := c.svc.Refresh(ctx, r.ID, f.Version); tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
				t.Errorf("refreshing a final report: %v", err)
			}
			if s, err := c.svc.Submit(ctx, r.ID); err != nil || s.SubmittedAt == nil {
				t.Fatalf("submit: %v", err)
			}
		})
	})
}

// cmpOr returns a unless it is nil, else b.
func cmpOr[T any](a, b *T) *T {
	if a != nil {
		return a
	}
	return b
}
