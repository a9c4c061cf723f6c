package sqldb

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// reportCity is a city with two districts, Q1 and Q2, and a closed one, Q3; a six-month
// template; and the accounts of Q1: its unit administrator, an editor, a viewer and the
// deputy head of its commission, a viewer whom the tests name to sign.
type reportCity struct {
	db                    *DB
	store                 *ReportStore
	city, q1, q2, q3      *tuyengiao.Unit
	tpl                   *tuyengiao.ReportTemplate
	admin, editor, deputy context.Context
	viewer, otherViewer   context.Context
	deputyID              int64
	half                  tuyengiao.Period
	now                   time.Time
}

func newReportCity(t *testing.T, db *DB) *reportCity {
	t.Helper()
	c := &reportCity{db: db, store: db.ReportStore(), half: tuyengiao.HalfPeriod(2026, 1),
		now: time.Date(2026, 6, 20, 3, 0, 0, 0, time.UTC)}
	db.Now = func() time.Time { return c.now }
	ctx := sysadminCtx()
	c.city = newUnit(t, ctx, db, 0, "TP", "Thành ủy Hoa Sơn", "thanh_uy", 0)
	c.q1 = newUnit(t, ctx, db, c.city.ID, "Q1", "Quận ủy Q1", "quan_uy", 1)
	c.q2 = newUnit(t, ctx, db, c.city.ID, "Q2", "Quận ủy Q2", "quan_uy", 2)
	c.q3 = newUnit(t, ctx, db, c.city.ID, "Q3", "Quận ủy Q3", "quan_uy", 3)
	if _, err := db.CloseUnit(ctx, c.q3.ID, c.now); err != nil {
		t.Fatal(err)
	}
	if err := c.store.EnsureReportTemplates(context.Background(), []tuyengiao.ReportTemplate{sixMonthTemplate()}); err != nil {
		t.Fatal(err)
	}
	ts, err := c.store.Templates(ctx)
	if err != nil || len(ts) != 1 {
		t.Fatalf("templates %v, %v", ts, err)
	}
	c.tpl = &ts[0]
	c.admin = c.account(t, "q1.admin", "Nguyễn Văn Quản", tuyengiao.RoleUnitAdmin, c.q1)
	c.editor = c.account(t, "q1.editor", "Trần Thị Biên", tuyengiao.RoleEditor, c.q1)
	c.viewer = c.account(t, "q1.viewer", "Lê Văn Xem", tuyengiao.RoleViewer, c.q1)
	c.otherViewer = c.account(t, "q2.viewer", "Phạm Thị Khác", tuyengiao.RoleViewer, c.q2)
	c.deputy = c.account(t, "q1.phoban", "Hoàng Văn Phó", tuyengiao.RoleViewer, c.q1)
	c.deputyID = tuyengiao.PrincipalFrom(c.deputy).UserID
	return c
}

// account creates an account holding role at u and returns a context acting as it.
func (c *reportCity) account(t *testing.T, login, name string, role tuyengiao.Role, u *tuyengiao.Unit) context.Context {
	t.Helper()
	a := &tuyengiao.User{Login: login, DisplayName: name, Grants: []tuyengiao.Grant{{Role: role, UnitID: u.ID}}}
	if err := c.db.CreateUser(sysadminCtx(), a, "mật khẩu ban đầu"); err != nil {
		t.Fatal(err)
	}
	return tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{UserID: a.ID, Login: login, Name: name,
		Address: "127.0.0.1", Grants: []tuyengiao.Grant{{Role: role, UnitID: u.ID, UnitPath: u.Path}}})
}

func sixMonthTemplate() tuyengiao.ReportTemplate {
	return tuyengiao.ReportTemplate{Code: "so-ket-6-thang", Name: "Báo cáo sơ kết 6 tháng", PeriodKind: tuyengiao.PeriodHalf,
		Subject: "Sơ kết công tác tuyên giáo {period}, phương hướng nhiệm vụ {next}",
		Sections: []tuyengiao.ReportSection{
			{Title: "I. Công tác học tập, quán triệt", Text: "Tổ chức {study.conferences} hội nghị.", Table: []string{"study.conferences"}},
			{Title: "II. Phương hướng", Text: "- Tiếp tục quán triệt nghị quyết."}},
		Signing: tuyengiao.ReportSigningPart{Issuer: "BAN TUYÊN GIÁO", SignFor: "T/M BAN TUYÊN GIÁO", SignerTitle: "TRƯỞNG BAN"}}
}

// figures returns the figures of a report of u counted at asOf, conferences n.
func (c *reportCity) figures(u *tuyengiao.Unit, n int64, asOf time.Time) tuyengiao.ReportFigures {
	return tuyengiao.ReportFigures{
		Main: &tuyengiao.FigureTable{
			Indicators: []tuyengiao.Indicator{{Code: "study.conferences", Name: "Hội nghị", Measure: "hội nghị",
				Aggregation: tuyengiao.AggregateSum, Source: tuyengiao.SourceComputed}},
			Periods: []tuyengiao.Period{c.half, c.half.Previous(), c.half.YearBefore()},
			Units:   []tuyengiao.FigureUnit{{ID: u.ID, Code: u.Code, Name: u.Name, Kind: u.Kind}},
			Values:  []tuyengiao.Value{{Num: n}, {Num: 20}, {Num: 22}},
			AsOf:    asOf,
		},
		Months: &tuyengiao.FigureTable{
			Indicators: []tuyengiao.Indicator{{Code: "study.attendance.rate", Name: "Tỷ lệ tham dự", Aggregation: tuyengiao.AggregateRatio}},
			Periods:    []tuyengiao.Period{tuyengiao.MonthPeriod(2026, 1), tuyengiao.MonthPeriod(2026, 2)},
			Units:      []tuyengiao.FigureUnit{{ID: u.ID, Code: u.Code, Name: u.Name}},
			Values:     []tuyengiao.Value{{Num: 974, Den: 1000}, {Num: 965, Den: 1000}},
			AsOf:       asOf,
		},
	}
}

// draft drafts the six-month report of u as ctx.
func (c *reportCity) draft(ctx context.Context, u *tuyengiao.Unit) (*tuyengiao.Report, error) {
	tpl := c.tpl
	r := &tuyengiao.Report{UnitID: u.ID, TemplateID: tpl.ID, Period: c.half, Subject: "Sơ kết công tác tuyên giáo 6 tháng đầu năm 2026",
		Sections: tpl.Sections, ReportSigningPart: tpl.Signing, Figures: c.figures(u, 25, c.now)}
	return r, c.store.CreateReport(ctx, r)
}

// mustDraft drafts the six-month report of u as an editor of u (Q1's account there).
func (c *reportCity) mustDraft(t *testing.T, u *tuyengiao.Unit) *tuyengiao.Report {
	t.Helper()
	ctx := c.editor
	if u != c.q1 {
		ctx = roleCtx(tuyengiao.RoleEditor, u.ID, u.Path)
	}
	r, err := c.draft(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// finalise signs r as ctx with the number.
func (c *reportCity) finalise(ctx context.Context, r *tuyengiao.Report, number string) error {
	signed := tuyengiao.Date{Time: time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC)}
	r.Number, r.SignedOn, r.Signer = number, &signed, "Nguyễn Văn Quản"
	return c.store.UpdateReport(ctx, r, "finalise")
}

func TestReportStore(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		c := newReportCity(t, db)

		t.Run("keeps the sections and the figures exactly, in the report and in its first version", func(t *testing.T) {
			r := c.mustDraft(t, c.q1)
			want := c.figures(c.q1, 25, c.now)
			got, err := c.store.Report(c.viewer, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Sections, c.tpl.Sections) || !reflect.DeepEqual(got.Figures, want) {
				t.Errorf("sections %+v\nfigures %+v %+v", got.Sections, got.Figures.Main, got.Figures.Months)
			}
			if got.Status != tuyengiao.ReportDraft || got.Version != 1 || got.UnitName != c.q1.Name || got.UpdatedBy != "Trần Thị Biên" ||
				got.Period != c.half || got.ReportSigningPart.SignFor != "T/M BAN TUYÊN GIÁO" {
				t.Errorf("report %+v", got)
			}
			first, err := c.store.ReportAt(c.viewer, r.ID, 1)
			if err != nil || !reflect.DeepEqual(first, got) {
				t.Errorf("version 1 %+v, %v\nwant %+v", first, err, got)
			}
		})

		t.Run("stores the text typed in NFC, one paragraph apart", func(t *testing.T) {
			r := c.mustDraft(t, c.q2)
			r.Sections[0].Text = "Tuye\u0302n truye\u0302\u0300n  mie\u0302\u0323ng.\r\n\r\n\r\n- Ho\u0323c ta\u0302\u0323p"
			if err := c.store.UpdateReport(roleCtx(tuyengiao.RoleEditor, c.q2.ID, c.q2.Path), r, "edit"); err != nil {
				t.Fatal(err)
			}
			if got := r.Sections[0].Text; got != "Tuyên truyền miệng.\n\n- Học tập" {
				t.Errorf("text %q", got)
			}
		})

		t.Run("a stale version is ECONFLICT and changes nothing", func(t *testing.T) {
			r := c.mustDraft(t, c.q1)
			mine, _ := c.store.Report(c.editor, r.ID)
			theirs, _ := c.store.Report(c.admin, r.ID)
			theirs.Sections[0].Text = "Bản của quản trị."
			if err := c.store.UpdateReport(c.admin, theirs, "edit"); err != nil || theirs.Version != 2 {
				t.Fatalf("first save: version %d, %v", theirs.Version, err)
			}
			mine.Sections[0].Text = "Bản của biên tập."
			err := c.store.UpdateReport(c.editor, mine, "edit")
			wantCode(t, err, tuyengiao.ECONFLICT)
			if msg := vn.Message(err); !strings.Contains(msg, "Nguyễn Văn Quản") || !strings.Contains(msg, "tải lại trang") {
				t.Errorf("message %q", msg)
			}
			got, _ := c.store.Report(c.viewer, r.ID)
			vs, _ := c.store.Versions(c.viewer, r.ID)
			if got.Sections[0].Text != "Bản của quản trị." || got.Version != 2 || len(vs) != 2 {
				t.Errorf("after the stale save: %q, version %d, %d versions", got.Sections[0].Text, got.Version, len(vs))
			}
		})

		t.Run("of two saves made at once on one version, one is kept and the other is ECONFLICT", func(t *testing.T) {
			r := c.mustDraft(t, c.q1)
			errs := make(chan error, 2)
			for _, who := range []context.Context{c.editor, c.admin} {
				mine := *r
				mine.Sections = []tuyengiao.ReportSection{{Title: tuyengiao.PrincipalFrom(who).Login}}
				go func() { errs <- c.store.UpdateReport(who, &mine, "edit") }()
			}
			var codes []string
			for range 2 {
				codes = append(codes, tuyengiao.ErrorCode(<-errs))
			}
			slices.Sort(codes)
			vs, _ := c.store.Versions(c.viewer, r.ID)
			if !slices.Equal(codes, []string{"", tuyengiao.ECONFLICT}) || len(vs) != 2 {
				t.Errorf("errors %q, %d versions", codes, len(vs))
			}
		})

		t.Run("a refresh keeps the text, and each version reads back with the figures it had", func(t *testing.T) {
			r := c.mustDraft(t, c.q1)
			r.Sections[0].Text = "Văn bản đã sửa."
			if err := c.store.UpdateReport(c.editor, r, "edit"); err != nil {
				t.Fatal(err)
			}
			later := c.now.Add(time.Hour)
			r.Figures = c.figures(c.q1, 30, later)
			if err := c.store.UpdateReport(c.editor, r, "refresh"); err != nil {
				t.Fatal(err)
			}
			for v, want := range map[int]int64{1: 25, 2: 25, 3: 30} {
				at, err := c.store.ReportAt(c.viewer, r.ID, v)
				if err != nil || at.Figures.Main.Values[0].Num != want || at.Version != v {
					t.Errorf("version %d: %+v, %v", v, at, err)
				}
			}
			if at, _ := c.store.ReportAt(c.viewer, r.ID, 3); at.Sections[0].Text != "Văn bản đã sửa." || !at.Figures.Main.AsOf.Equal(later) {
				t.Errorf("refreshed: %q as of %v", at.Sections[0].Text, at.Figures.Main.AsOf)
			}
			_, err := c.store.ReportAt(c.viewer, r.ID, 4)
			wantCode(t, err, tuyengiao.ENOTFOUND)
		})

		t.Run("finalising needs a number and a signing day within the period, not before the figures' cut-off nor ahead", func(t *testing.T) {
			r := c.mustDraft(t, c.q1)
			r.SignedOn = nil
			r.Number = "15-BC/BTGQU"
			err := c.store.UpdateReport(c.admin, r, "finalise")
			if e, ok := err.(*tuyengiao.Error); !ok || e.Field != "signed_on" {
				t.Errorf("no signing day: %v", err)
			}
			err = c.finalise(c.admin, r, " ")
			if e, ok := err.(*tuyengiao.Error); !ok || e.Field != "number" {
				t.Errorf("no number: %v", err)
			}
			early := tuyengiao.Date{Time: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}
			r.Number, r.SignedOn = "15-BC/BTGQU", &early
			wantCode(t, c.store.UpdateReport(c.admin, r, "finalise"), tuyengiao.EINVALID)
			ahead := tuyengiao.Date{Time: time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)}
			r.SignedOn = &ahead
			wantCode(t, c.store.UpdateReport(c.admin, r, "finalise"), tuyengiao.EINVALID)
			beforeCount := tuyengiao.Date{Time: time.Date(2026, 6, 19, 0, 0, 0, 0, time.UTC)} // counted on the 20th
			r.SignedOn = &beforeCount
			if e, ok := c.store.UpdateReport(c.admin, r, "finalise").(*tuyengiao.Error); !ok || e.Field != "signed_on" {
				t.Errorf("signed the day before its figures were counted: %v", e)
			}
			if got, _ := c.store.Report(c.viewer, r.ID); got.Status != tuyengiao.ReportDraft || got.Version != 1 {
				t.Errorf("refused finalising changed the report: %+v", got)
			}
		})

		t.Run("a final report refuses edits and refreshes, and is submitted once, unchanged", func(t *testing.T) {
			r := c.mustDraft(t, c.q1)
			if err := c.finalise(c.admin, r, "12-BC/BTGQU"); err != nil {
				t.Fatal(err)
			}
			if r.Status != tuyengiao.ReportFinal || r.Number != "12-BC/BTGQU" || r.FinalisedBy != "Nguyễn Văn Quản" || r.FinalisedAt == nil {
				t.Errorf("final %+v", r)
			}
			edited := *r
			edited.Sections = []tuyengiao.ReportSection{{Title: "Khác"}}
			wantCode(t, c.store.UpdateReport(c.admin, &edited, "edit"), tuyengiao.EINVALID)
			refreshed := *r
			refreshed.Figures = c.figures(c.q1, 99, c.now)
			wantCode(t, c.store.UpdateReport(c.admin, &refreshed, "refresh"), tuyengiao.EINVALID)
			wantCode(t, c.store.UpdateReport(c.editor, &refreshed, "submit"), tuyengiao.EINVALID)
			if err := c.store.UpdateReport(c.editor, r, "submit"); err != nil {
				t.Fatal(err)
			}
			if r.SubmittedBy != "Trần Thị Biên" || r.Version != 3 || r.Figures.Main.Values[0].Num != 25 {
				t.Errorf("submitted %+v", r)
			}
			wantCode(t, c.store.UpdateReport(c.editor, r, "submit"), tuyengiao.EINVALID)
			if at, _ := c.store.ReportAt(c.viewer, r.ID, 2); at.Status != tuyengiao.ReportFinal || at.SubmittedAt != nil || at.FinalisedAt == nil {
				t.Errorf("version 2 %+v", at)
			}
		})

		t.Run("a draft is not submitted", func(t *testing.T) {
			r := c.mustDraft(t, c.q1)
			wantCode(t, c.store.UpdateReport(c.editor, r, "submit"), tuyengiao.EINVALID)
		})

		t.Run("the number is unique per unit among final reports", func(t *testing.T) {
			a, b := c.mustDraft(t, c.q1), c.mustDraft(t, c.q1)
			if err := c.finalise(c.admin, a, "20-BC/BTGQU"); err != nil {
				t.Fatal(err)
			}
			err := c.finalise(c.admin, b, "20-BC/BTGQU")
			if e, ok := err.(*tuyengiao.Error); !ok || e.Field != "number" || !strings.Contains(vn.Message(e), "20-BC/BTGQU") {
				t.Errorf("the number twice: %v", err)
			}
			other, err := c.draft(roleCtx(tuyengiao.RoleUnitAdmin, c.q2.ID, c.q2.Path), c.q2)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.finalise(roleCtx(tuyengiao.RoleUnitAdmin, c.q2.ID, c.q2.Path), other, "20-BC/BTGQU"); err != nil {
				t.Errorf("another unit's same number: %v", err)
			}
		})

		t.Run("an editor drafts but does not sign; named signers replace the unit administrators", func(t *testing.T) {
			r := c.mustDraft(t, c.q1)
			wantCode(t, c.finalise(c.editor, r, "30-BC/BTGQU"), tuyengiao.EFORBIDDEN)
			wantCode(t, c.store.SetSigners(c.editor, c.q1.ID, []int64{c.deputyID}), tuyengiao.EFORBIDDEN)
			if err := c.store.SetSigners(c.admin, c.q1.ID, []int64{c.deputyID}); err != nil {
				t.Fatal(err)
			}
			signers, err := c.store.Signers(c.viewer, c.q1.ID)
			if err != nil || len(signers) != 1 || signers[0].DisplayName != "Hoàng Văn Phó" {
				t.Errorf("signers %+v, %v", signers, err)
			} else if s := signers[0]; s.Login != "" || s.CreatedAt != (time.Time{}) {
				t.Errorf("a viewer reads the signer's account: %+v", s)
			}
			if signers, _ := c.store.Signers(c.admin, c.q1.ID); len(signers) != 1 || signers[0].Login == "" {
				t.Errorf("the unit administrator's view of the signers: %+v", signers)
			}
			wantCode(t, c.finalise(c.admin, r, "30-BC/BTGQU"), tuyengiao.EFORBIDDEN)
			forged := *r
			forged.Sections = slices.Clone(r.Sections)
			forged.Sections[0].Text = "Đoạn người ký tự sửa khi ký."
			wantCode(t, c.finalise(c.deputy, &forged, "30-BC/BTGQU"), tuyengiao.EINVALID)
			if err := c.finalise(c.deputy, r, "30-BC/BTGQU"); err != nil {
				t.Errorf("the named signer: %v", err)
			}
			if err := c.store.SetSigners(c.admin, c.q1.ID, nil); err != nil {
				t.Fatal(err)
			}
			again := c.mustDraft(t, c.q1)
			wantCode(t, c.finalise(c.deputy, again, "31-BC/BTGQU"), tuyengiao.EFORBIDDEN)
			if err := c.finalise(c.admin, again, "31-BC/BTGQU"); err != nil {
				t.Errorf("the unit admin once no signer is named: %v", err)
			}
		})

		t.Run("an edit keeps the figures as counted, whatever it carries", func(t *testing.T) {
			r := c.mustDraft(t, c.q1)
			r.Figures = c.figures(c.q1, 99, c.now)
			if err := c.store.UpdateReport(c.editor, r, "edit"); err != nil {
				t.Fatal(err)
			}
			if got := r.Figures.Main.Values[0].Num; got != 25 {
				t.Errorf("an edit stored the figure %d", got)
			}
		})

		t.Run("refuses to name a signer who does not see the unit", func(t *testing.T) {
			other := tuyengiao.PrincipalFrom(c.otherViewer).UserID
			err := c.store.SetSigners(c.admin, c.q1.ID, []int64{other})
			if e, ok := err.(*tuyengiao.Error); !ok || e.Field != "user_ids" || !strings.Contains(vn.Message(e), "q2.viewer") {
				t.Errorf("signer of another district: %v", err)
			}
		})

		t.Run("a viewer reads but cannot write; a viewer elsewhere does not find it", func(t *testing.T) {
			r := c.mustDraft(t, c.q1)
			if _, err := c.store.Report(c.viewer, r.ID); err != nil {
				t.Errorf("read: %v", err)
			}
			_, err := c.draft(c.viewer, c.q1)
			wantCode(t, err, tuyengiao.EFORBIDDEN)
			wantCode(t, c.store.UpdateReport(c.viewer, r, "edit"), tuyengiao.EFORBIDDEN)
			wantCode(t, c.finalise(c.viewer, r, "40-BC/BTGQU"), tuyengiao.EFORBIDDEN)
			_, err = c.store.Report(c.otherViewer, r.ID)
			wantCode(t, err, tuyengiao.ENOTFOUND)
			_, err = c.store.Versions(c.otherViewer, r.ID)
			wantCode(t, err, tuyengiao.ENOTFOUND)
			_, err = c.store.Reports(c.otherViewer, tuyengiao.ReportFilter{UnitID: c.q1.ID})
			wantCode(t, err, tuyengiao.ENOTFOUND)
		})

		t.Run("every write has its audit record and its version", func(t *testing.T) {
			r := c.mustDraft(t, c.q2)
			q2 := roleCtx(tuyengiao.RoleUnitAdmin, c.q2.ID, c.q2.Path)
			if err := c.store.UpdateReport(q2, r, "edit"); err != nil {
				t.Fatal(err)
			} else if err := c.store.UpdateReport(q2, r, "refresh"); err != nil {
				t.Fatal(err)
			} else if err := c.finalise(q2, r, "50-BC/BTGQU"); err != nil {
				t.Fatal(err)
			} else if err := c.store.UpdateReport(q2, r, "submit"); err != nil {
				t.Fatal(err)
			}
			rows, err := db.query(context.Background(), `SELECT action FROM audit_log WHERE object = ? AND outcome = 'ok' ORDER BY id`, reportObject(r.ID))
			if err != nil {
				t.Fatal(err)
			}
			var audited []string
			for rows.Next() {
				var a string
				rows.Scan(&a)
				audited = append(audited, a)
			}
			rows.Close()
			vs, _ := c.store.Versions(q2, r.ID)
			var saved []string
			for _, v := range vs {
				saved = append([]string{v.Action}, saved...)
			}
			if strings.Join(audited, " ") != "report.draft report.edit report.refresh report.finalise report.submit" ||
				strings.Join(saved, " ") != "create edit refresh finalise submit" {
				t.Errorf("audited %v, versions %v", audited, saved)
			}
			var denied int
			db.queryRow(context.Background(), `SELECT COUNT(*) FROM audit_log WHERE outcome = 'denied' AND action = 'report.sign'`).Scan(&denied)
			if denied == 0 {
				t.Error("the refused signing was not audited")
			}
		})

		t.Run("lists the unit's reports, with Below its subtree's, newest period first", func(t *testing.T) {
			city := roleCtx(tuyengiao.RoleViewer, c.city.ID, c.city.Path)
			before := tuyengiao.HalfPeriod(2025, 2)
			r := &tuyengiao.Report{UnitID: c.q1.ID, TemplateID: c.tpl.ID, Period: before, Figures: c.figures(c.q1, 1, c.now)}
			if err := c.store.CreateReport(c.editor, r); err != nil {
				t.Fatal(err)
			}
			own, err := c.store.Reports(city, tuyengiao.ReportFilter{UnitID: c.city.ID})
			if err != nil || len(own) != 0 {
				t.Errorf("the city's own: %d, %v", len(own), err)
			}
			all, err := c.store.Reports(city, tuyengiao.ReportFilter{UnitID: c.city.ID, Below: true})
			if err != nil || len(all) < 3 || all[len(all)-1].ID != r.ID || all[0].Period != c.half || all[0].Figures.Main != nil {
				t.Errorf("below: %d, %v", len(all), err)
			} else if len(all[0].Sections) != 0 || all[0].Sections == nil || all[0].Subject == "" {
				t.Errorf("a report of the list carries its sections %d or no subject %q", len(all[0].Sections), all[0].Subject)
			}
			mine, err := c.store.Reports(c.viewer, tuyengiao.ReportFilter{Period: &before})
			if err != nil || len(mine) != 1 || mine[0].ID != r.ID {
				t.Errorf("the viewer's scope for the period before: %+v, %v", mine, err)
			}
		})

		t.Run("submissions list the open units below, with and without a report", func(t *testing.T) {
			city := roleCtx(tuyengiao.RoleViewer, c.city.ID, c.city.Path)
			subs, err := c.store.Submissions(city, c.city.ID, c.tpl.ID, c.half)
			if err != nil {
				t.Fatal(err)
			}
			if len(subs) != 2 || subs[0].UnitID != c.q1.ID || subs[1].UnitID != c.q2.ID || subs[0].UnitName != c.q1.Name {
				t.Fatalf("submissions %+v", subs)
			}
			if q2 := subs[1].Report; q2 == nil || q2.SubmittedAt == nil {
				t.Errorf("Q2's submitted report: %+v", q2)
			}
			if q1 := subs[0].Report; q1 == nil || q1.Status != tuyengiao.ReportFinal || q1.SubmittedAt == nil {
				t.Errorf("Q1's report: %+v", q1)
			}
			none, err := c.store.Submissions(city, c.city.ID, c.tpl.ID, tuyengiao.HalfPeriod(2026, 2))
			if err != nil || len(none) != 2 || none[0].Report != nil || none[1].Report != nil {
				t.Errorf("a period without reports: %+v, %v", none, err)
			}
			_, err = c.store.Submissions(c.otherViewer, c.city.ID, c.tpl.ID, c.half)
			wantCode(t, err, tuyengiao.ENOTFOUND)
		})
	})
}

func TestReportTemplates(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		c := newReportCity(t, db)

		t.Run("the defaults are added once, audited as the system, and keep what an administrator changed", func(t *testing.T) {
			c.tpl.Name = "Báo cáo sơ kết 6 tháng (sửa)"
			if err := c.store.SaveTemplate(sysadminCtx(), c.tpl); err != nil {
				t.Fatal(err)
			}
			year := tuyengiao.ReportTemplate{Code: "tong-ket-nam", Name: "Báo cáo tổng kết năm", PeriodKind: tuyengiao.PeriodYear}
			if err := c.store.EnsureReportTemplates(context.Background(), []tuyengiao.ReportTemplate{sixMonthTemplate(), year}); err != nil {
				t.Fatal(err)
			}
			ts, _ := c.store.Templates(c.viewer)
			if len(ts) != 2 || ts[0].Name != "Báo cáo sơ kết 6 tháng (sửa)" || ts[1].Code != "tong-ket-nam" {
				t.Errorf("templates %+v", ts)
			}
			var n int
			db.queryRow(context.Background(), `SELECT COUNT(*) FROM audit_log WHERE action = 'report.template' AND login = 'system'`).Scan(&n)
			if n != 2 {
				t.Errorf("%d records of the system adding templates, want 2", n)
			}
		})

		t.Run("a default nobody saved is brought up to date once, one an administrator saved is not", func(t *testing.T) {
			year := tuyengiao.ReportTemplate{Code: "tong-ket-nam", Name: "Báo cáo tổng kết năm", PeriodKind: tuyengiao.PeriodYear,
				Sections: []tuyengiao.ReportSection{{Title: "Truyền thông", Text: "Đăng {media.items} tin, bài."}}}
			six := sixMonthTemplate()
			six.Sections = year.Sections
			for range 2 {
				if err := c.store.EnsureReportTemplates(context.Background(), []tuyengiao.ReportTemplate{six, year}); err != nil {
					t.Fatal(err)
				}
			}
			ts, _ := c.store.Templates(c.viewer)
			if len(ts) != 2 || len(ts[0].Sections) == len(year.Sections) || len(ts[1].Sections) != 1 ||
				ts[1].Sections[0].Text != year.Sections[0].Text {
				t.Errorf("templates %+v", ts)
			}
			var n int
			db.queryRow(context.Background(), `SELECT COUNT(*) FROM audit_log WHERE action = 'report.template' AND login = 'system'
				AND detail LIKE 'Cập nhật%'`).Scan(&n)
			if n != 1 {
				t.Errorf("%d records of the system updating templates, want 1", n)
			}
		})

		t.Run("only a system administrator saves a template", func(t *testing.T) {
			tpl := sixMonthTemplate()
			tpl.Code = "bao-cao-ky"
			wantCode(t, c.store.SaveTemplate(c.admin, &tpl), tuyengiao.EFORBIDDEN)
			if err := c.store.SaveTemplate(sysadminCtx(), &tpl); err != nil || tpl.ID == 0 {
				t.Errorf("sysadmin: %v", err)
			}
			dup := sixMonthTemplate()
			err := c.store.SaveTemplate(sysadminCtx(), &dup)
			if e, ok := err.(*tuyengiao.Error); !ok || e.Field != "code" {
				t.Errorf("a code taken: %v", err)
			}
		})

		t.Run("refuses a template or a report beyond the limits, naming the field", func(t *testing.T) {
			tpl := sixMonthTemplate()
			tpl.Code, tpl.Sections = "qua-dai", make([]tuyengiao.ReportSection, 201)
			err := c.store.SaveTemplate(sysadminCtx(), &tpl)
			if e, ok := err.(*tuyengiao.Error); !ok || e.Field != "sections" {
				t.Errorf("201 sections: %v", err)
			}
			r := &tuyengiao.Report{UnitID: c.q1.ID, TemplateID: c.tpl.ID, Period: c.half,
				Sections: []tuyengiao.ReportSection{{Title: "Dài", Text: strings.Repeat("chữ ", 25001)}}}
			err = c.store.CreateReport(c.editor, r)
			if e, ok := err.(*tuyengiao.Error); !ok || e.Field != "sections" || !strings.Contains(vn.Message(e), "100.000") {
				t.Errorf("a section of 100.004 characters: %v", err)
			}
			r.Sections, r.Period = nil, tuyengiao.YearPeriod(2026)
			err = c.store.CreateReport(c.editor, r)
			if e, ok := err.(*tuyengiao.Error); !ok || e.Field != "period" {
				t.Errorf("a year's report from the six-month template: %v", err)
			}
			r.Period = tuyengiao.Period{Kind: tuyengiao.PeriodHalf, From: c.half.From, To: c.half.From}
			err = c.store.CreateReport(c.editor, r)
			if e, ok := err.(*tuyengiao.Error); !ok || e.Field != "period" {
				t.Errorf("a half-year of one day: %v", err)
			}
		})
	})
}
