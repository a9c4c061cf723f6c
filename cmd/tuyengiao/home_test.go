package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// homeWorld is a city with two wards, a cell of the first with three party members, a
// campaign of the city under way with its essay due in 20 days, a conference of the ward
// today followed at the cell, an essay handed in by one member, a monthly report the wards
// owe, the wards' targets of conferences held this half-year, and an account of each role,
// with a viewer of a ward besides, who follows it as staff do.
type homeWorld struct {
	city, ward, ward2, cell *tuyengiao.Unit
	camp                    *tuyengiao.Campaign
	conf                    *tuyengiao.Conference
	essay                   *tuyengiao.Essay
	ds                      *tuyengiao.DataSet
}

// homeAccount creates an account of the role at the unit, shown under name and linked to
// the person when one is given.
func homeAccount(t *testing.T, a *testApp, login, name string, role tuyengiao.Role, at *tuyengiao.Unit, person *tuyengiao.Person) {
	t.Helper()
	u := &tuyengiao.User{Login: login, DisplayName: name, Grants: []tuyengiao.Grant{{Role: role, UnitID: at.ID}}}
	if person != nil {
		u.PersonID = person.ID
	}
	if err := a.db.CreateUser(a.admin(), u, testPassword); err != nil {
		t.Fatal(err)
	}
}

func newHomeWorld(t *testing.T, a *testApp) *homeWorld {
	t.Helper()
	w := &homeWorld{}
	w.city = a.unit(nil, "HS", "Thành ủy Hoa Sơn", "thanh_uy")
	w.ward = a.unit(w.city, "HS-P01", "Đảng ủy phường Bắc Sơn", "dang_uy_phuong")
	w.ward2 = a.unit(w.city, "HS-P02", "Đảng ủy phường Nam Sơn", "dang_uy_phuong")
	w.cell = a.unit(w.ward, "HS-P01-CB01", "Chi bộ khu phố 1", "chi_bo")
	an := a.person(w.cell, "Nguyễn Văn An", tuyengiao.CategoryMember)
	binh := a.person(w.cell, "Trần Thị Bình", tuyengiao.CategoryMember)
	cuong := a.person(w.cell, "Lê Văn Cường", tuyengiao.CategoryMember)
	homeAccount(t, a, "dangvien.an", "Nguyễn Văn An", tuyengiao.RoleMember, w.cell, an)
	homeAccount(t, a, "capnhat.phuong", "Văn phòng Đảng ủy phường Bắc Sơn", tuyengiao.RoleEditor, w.ward, nil)
	homeAccount(t, a, "chambai", "Trần Thị Bình", tuyengiao.RoleReviewer, w.cell, binh)
	homeAccount(t, a, "quantri", "Ban Tuyên giáo Thành ủy", tuyengiao.RoleUnitAdmin, w.city, nil)
	homeAccount(t, a, "xem", "Văn phòng Thành ủy", tuyengiao.RoleViewer, w.city, nil)
	homeAccount(t, a, "xem.phuong", "Đảng ủy phường Nam Sơn", tuyengiao.RoleViewer, w.ward2, nil)

	now := a.db.Now().In(vn.Zone)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	w.camp = &tuyengiao.Campaign{UnitID: w.city.ID, Title: "Học tập, quán triệt Nghị quyết 35",
		Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember, Target: 95}},
		StartOn:   tuyengiao.Date{Time: day.AddDate(0, 0, -1)}, EndOn: tuyengiao.Date{Time: day.AddDate(0, 0, 30)},
		EssayDue: tuyengiao.Date{Time: day.AddDate(0, 0, 20)}, UnitIDs: []int64{w.ward.ID, w.ward2.ID}}
	if err := a.db.CreateCampaign(a.admin(), w.camp); err != nil {
		t.Fatal(err)
	}
	start := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, vn.Zone)
	w.conf = &tuyengiao.Conference{CampaignID: w.camp.ID, UnitID: w.ward.ID, Title: "Lớp học tập chuyên đề Nghị quyết 35",
		StartsAt: start, EndsAt: start.Add(24*time.Hour - time.Minute), Form: tuyengiao.FormInPerson,
		BridgePoints: []tuyengiao.BridgePoint{{UnitID: w.cell.ID, Place: "Nhà văn hóa khu phố 1"}}}
	if err := a.db.CreateConference(a.admin(), w.conf); err != nil {
		t.Fatal(err)
	}
	author := tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{Login: "fixture", PersonID: cuong.ID,
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleMember, UnitID: w.cell.ID, UnitPath: w.cell.Path}}})
	var err error
	if w.essay, err = a.db.SubmitEssay(author, w.camp.ID, tuyengiao.EssaySubmission{Text: "Bài thu hoạch của Cường."}); err != nil {
		t.Fatal(err)
	}

	rep := a.reporting()
	ind := &tuyengiao.Indicator{Code: "security.teams", Name: "Tổ tự quản an ninh", Measure: "tổ", Aggregation: tuyengiao.AggregateSum, Stock: true}
	if err := rep.SaveReportedIndicator(a.admin(), ind, false); err != nil {
		t.Fatal(err)
	}
	w.ds = &tuyengiao.DataSet{Name: "Báo cáo tháng", Indicators: []string{ind.Code}, UnitKinds: []string{"dang_uy_phuong"},
		PeriodKind: tuyengiao.PeriodMonth, DeadlineDays: 10}
	if err := rep.SaveDataSet(a.admin(), w.ds); err != nil {
		t.Fatal(err)
	}
	half := tuyengiao.PeriodContaining(tuyengiao.PeriodHalf, tuyengiao.Date{Time: day}).String()
	var targets []tuyengiao.Target
	for _, u := range []*tuyengiao.Unit{w.ward, w.ward2} {
		targets = append(targets, tuyengiao.Target{Code: "study.conferences", UnitID: u.ID, Period: half, Value: tuyengiao.Value{Num: 4}})
	}
	if err := a.db.Targets().SetTargets(a.admin(), targets); err != nil {
		t.Fatal(err)
	}
	return w
}

// homeCase is what an account's home page must show and must not, and the address of the
// one step it offers first.
type homeCase struct {
	login, name  string
	shows, hides []string
	step         string
}

// homeCases are the home pages of w's accounts.
func (w *homeWorld) homeCases() []homeCase {
	due := vn.Date(w.camp.EssayDue.Time)
	roster := fmt.Sprintf("/conferences/%d/roster?unit=", w.conf.ID)
	notAttended := fmt.Sprintf("/campaigns/%d/not-attended?unit=", w.camp.ID)
	attendance, essays, staff, reports := "Hội nghị, lớp học cần điểm danh", "Bài thu hoạch chờ chấm", "Đợt học tập đang diễn ra", "Hạn báo cáo"
	return []homeCase{
		{"dangvien.an", "Nguyễn Văn An",
			[]string{"Học tập của tôi", w.camp.Title, w.conf.Title, "Viết bài thu hoạch", "hạn nộp <b>" + due + "</b>",
				fmt.Sprintf(`href="/me/essays/%d"`, w.camp.ID)},
			[]string{attendance, essays, staff, reports}, "/me/essays/"},
		{"capnhat.phuong", "Văn phòng Đảng ủy phường Bắc Sơn",
			[]string{"Điểm danh: Đảng ủy phường Bắc Sơn", w.conf.Title, "Chưa điểm danh", roster + fmt.Sprint(w.ward.ID),
				notAttended + fmt.Sprint(w.ward.ID) + `"><b>3</b> người chưa tham gia`, reports, "Báo cáo tháng", "Chưa báo cáo"},
			[]string{essays, staff, "Học tập của tôi</h2>"}, "/conferences/"},
		{"chambai", "Trần Thị Bình",
			[]string{essays, "<b>1</b> bài đã nộp", "Lê Văn Cường", fmt.Sprintf(`href="/essays/%d"`, w.essay.ID),
				fmt.Sprintf(`/campaigns/%d/essays?unit=%d`, w.camp.ID, w.cell.ID),
				"Điểm danh: Chi bộ khu phố 1", roster + fmt.Sprint(w.cell.ID), "Học tập của tôi</h2>"},
			[]string{staff, reports}, "/essays/"},
		{"quantri", "Ban Tuyên giáo Thành ủy",
			[]string{staff, w.camp.Title, fmt.Sprintf(`href="/dashboard?unit=%d"`, w.city.ID), "Đơn vị còn xa chỉ tiêu nhất",
				"Đảng ủy phường Nam Sơn</a>: 0 / chỉ tiêu 4", reports, "2/2 đơn vị chưa báo cáo"},
			[]string{attendance, essays, "Học tập của tôi</h2>"}, "/dashboard"},
		{"xem", "Văn phòng Thành ủy",
			[]string{staff, w.camp.Title, fmt.Sprintf(`href="/dashboard?unit=%d"`, w.city.ID), "Đơn vị còn xa chỉ tiêu nhất", reports},
			[]string{attendance, essays}, "/dashboard"},
		{"xem.phuong", "Đảng ủy phường Nam Sơn",
			[]string{staff, w.camp.Title, fmt.Sprintf(`href="/dashboard?unit=%d"`, w.ward2.ID), reports, "Báo cáo tháng"},
			[]string{attendance, essays, "Đảng ủy phường Bắc Sơn"}, "/dashboard"},
	}
}

// TestHomePages checks that each role's home page lists its own work, greets the person by
// name (as /api/v1/me names them) and writes no refusal to the audit log.
func TestHomePages(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		w := newHomeWorld(t, a)
		for _, c := range w.homeCases() {
			t.Run(c.login, func(t *testing.T) {
				res := a.login(c.login).get("/")
				if res.StatusCode != 200 {
					t.Fatalf("status %d: %s", res.StatusCode, res.message())
				}
				page := strings.ReplaceAll(res.body, "&#39;", "'")
				for _, s := range append(c.shows, "Xin chào, "+c.name, fmt.Sprintf(`title="%s">%s</a>`, c.login, c.name)) {
					if !strings.Contains(page, s) {
						t.Errorf("the page does not show %q", s)
					}
				}
				for _, s := range c.hides {
					if strings.Contains(page, s) {
						t.Errorf("the page shows %q", s)
					}
				}
			})
		}
		if res := a.api("xem").get("/api/v1/me"); !strings.Contains(res.body, `"name":"Văn phòng Thành ủy"`) {
			t.Errorf("the API does not name the account: %s", res.body)
		}
		denied, _, err := a.db.FindAuditRecords(a.admin(), tuyengiao.AuditFilter{Outcome: tuyengiao.OutcomeDenied})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range denied {
			t.Errorf("a home page wrote a refusal: %s %s at unit %d", r.Action, r.Object, r.UnitID)
		}
	})
}
