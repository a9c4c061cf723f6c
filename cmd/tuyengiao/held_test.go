package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// heldFixture is a city with two districts, a ward under the first, and the conferences of
// a campaign of the city in the month before this one and just after it.
type heldFixture struct {
	a                      *testApp
	city, d1, w1, d2       *tuyengiao.Unit
	month                  tuyengiao.Period
	camp                   *tuyengiao.Campaign
	members                map[*tuyengiao.Unit]*tuyengiao.Person
	titles                 []string // the conferences the first district took part in, in the month
	afterMonth, otherTitle string   // the conference the day after the month, another district's
}

// conference plans a conference of the campaign held by the unit at the Vietnam time, with
// a bridge point at each host expecting 30 of the masses, and records the headcount counted
// at each (counted, by host) and the attendance of the members of the units attended.
func (f *heldFixture) conference(title string, by *tuyengiao.Unit, at time.Time, hosts []*tuyengiao.Unit, counted []int64, attended ...*tuyengiao.Unit) {
	t := f.a.t
	t.Helper()
	c := &tuyengiao.Conference{CampaignID: f.camp.ID, UnitID: by.ID, Title: title, StartsAt: at.UTC(), EndsAt: at.UTC().Add(2 * time.Hour),
		Form: tuyengiao.FormInPerson, Presenters: []tuyengiao.Presenter{}}
	for _, h := range hosts {
		c.BridgePoints = append(c.BridgePoints, tuyengiao.BridgePoint{UnitID: h.ID, Place: "Hội trường",
			Expected: map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 30}, Counted: map[tuyengiao.Category]int64{}})
	}
	ctx := f.a.admin()
	if err := f.a.db.CreateConference(ctx, c); err != nil {
		t.Fatal(err)
	}
	for i, b := range c.BridgePoints {
		if err := f.a.db.RecordHeadcount(ctx, b.ID, map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: counted[i]}); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range attended {
		ch := tuyengiao.RosterChange{Present: []int64{f.members[u].ID}}
		if _, err := f.a.db.MarkAttendance(ctx, c.ID, u.ID, ch); err != nil {
			t.Fatal(err)
		}
	}
}

func newHeldFixture(a *testApp) *heldFixture {
	f := &heldFixture{a: a, members: map[*tuyengiao.Unit]*tuyengiao.Person{}}
	f.city = a.unit(nil, "TP", "Thành ủy", "thanh_uy")
	f.d1 = a.unit(f.city, "Q1", "Quận ủy 1", "quan_uy")
	f.w1 = a.unit(f.d1, "Q1P1", "Đảng ủy phường Bình An", "dang_uy_phuong")
	f.d2 = a.unit(f.city, "Q2", "Quận ủy 2", "quan_uy")
	for _, u := range []*tuyengiao.Unit{f.d1, f.w1, f.d2} {
		f.members[u] = a.person(u, "Đảng viên "+u.Code, tuyengiao.CategoryMember)
	}
	today := a.db.Now().In(vn.Zone)
	f.month = tuyengiao.PeriodContaining(tuyengiao.PeriodMonth, tuyengiao.Date{Time: today}).Previous()
	f.camp = &tuyengiao.Campaign{UnitID: f.city.ID, Title: "Học tập, quán triệt nghị quyết của Thành ủy",
		Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember, Target: 90},
			{Category: tuyengiao.CategoryMasses, Headcount: true, Target: 80}},
		StartOn: tuyengiao.Date{Time: f.month.From.AddDate(0, 0, -10)}, EndOn: tuyengiao.Date{Time: today.AddDate(0, 1, 0)},
		UnitIDs: []int64{f.d1.ID, f.d2.ID}, DocumentIDs: []int64{}}
	if err := a.db.CreateCampaign(a.admin(), f.camp); err != nil {
		a.t.Fatal(err)
	}
	day := func(d tuyengiao.Date, add, h, m int) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day()+add, h, m, 0, 0, vn.Zone)
	}
	f.titles = []string{"Hội nghị tại phường Bình An", "Hội nghị trực tuyến của Thành ủy", "Lớp học của Thành ủy tại hội trường thành phố",
		"Lớp học buổi tối của Quận ủy 1"}
	f.conference(f.titles[0], f.w1, day(f.month.From, 2, 9, 0), []*tuyengiao.Unit{f.w1, f.d2}, []int64{25, 8})
	f.conference(f.titles[1], f.city, day(f.month.From, 5, 9, 0), []*tuyengiao.Unit{f.city, f.d1}, []int64{100, 35}, f.d1, f.d2)
	f.conference(f.titles[2], f.city, day(f.month.From, 6, 9, 0), []*tuyengiao.Unit{f.city}, []int64{50}, f.w1)
	f.conference(f.titles[3], f.d1, day(f.month.To, 0, 23, 30), []*tuyengiao.Unit{f.d1}, []int64{12}, f.w1, f.d1)
	f.afterMonth, f.otherTitle = "Hội nghị đầu tháng sau của Quận ủy 1", "Hội nghị của Quận ủy 2"
	f.conference(f.afterMonth, f.d1, day(f.month.To, 1, 8, 0), []*tuyengiao.Unit{f.d1}, []int64{0})
	f.conference(f.otherTitle, f.d2, day(f.month.From, 3, 9, 0), []*tuyengiao.Unit{f.d2}, []int64{20}, f.d2)
	return f
}

// heldAnswer is the API's list of the conferences held.
type heldAnswer struct {
	Items  []tuyengiao.HeldConference
	Total  int
	Totals tuyengiao.HeldTotals
}

func TestHeldConferences(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		f := newHeldFixture(a)
		a.user("xem.q1", tuyengiao.RoleViewer, f.d1)
		a.user("xem.q2", tuyengiao.RoleViewer, f.d2)
		a.user("xem.tp", tuyengiao.RoleViewer, f.city)
		ask := "unit=" + id(f.d1.ID) + "&from=" + f.month.From.Format("2006-01-02") + "&to=" + f.month.To.Format("2006-01-02")

		var held heldAnswer
		res := a.api("xem.q1").get("/api/v1/conferences?" + ask)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("api: %d %s", res.StatusCode, res.body)
		}
		res.decode(&held)

		t.Run("lists the conferences of the month the district took part in, and no other", func(t *testing.T) {
			var got []string
			for _, c := range held.Items {
				got = append(got, c.Title)
			}
			if strings.Join(got, "|") != strings.Join(f.titles, "|") || held.Total != len(f.titles) {
				t.Fatalf("conferences %q (total %d), want %q", got, held.Total, f.titles)
			}
			if !held.Items[0].OrganisedHere || held.Items[1].OrganisedHere || held.Items[2].OrganisedHere || !held.Items[3].OrganisedHere {
				t.Errorf("organised here: %+v", held.Items)
			}
			if c := held.Items[0]; c.BridgePoints != 1 || c.Headcount != 25 || c.Expected != 30 || c.Attendances != 0 {
				t.Errorf("the ward's conference counts the ward's bridge point only: %+v", c)
			}
			if c := held.Items[2]; c.BridgePoints != 0 || c.Attendances != 1 {
				t.Errorf("the city's class attended from the ward: %+v", c)
			}
		})

		t.Run("its totals are the district's study figures for the month", func(t *testing.T) {
			codes := []string{"study.conferences", "study.bridge_points", "study.attendances", "study.headcount", "study.headcount.expected"}
			table, err := newFigures(a.db).Figures(a.admin(), tuyengiao.FigureQuery{Codes: codes, UnitID: f.d1.ID, Periods: []tuyengiao.Period{f.month}})
			if err != nil {
				t.Fatal(err)
			}
			tt := held.Totals
			for i, want := range []int64{tt.Organised, tt.BridgePoints, tt.Attendances, tt.Headcount, tt.Expected} {
				if v := table.Value(0, i, 0); v.Num != want {
					t.Errorf("%s: the figure is %d, the list adds up to %d", codes[i], v.Num, want)
				}
			}
			if tt.Organised != 2 || tt.BridgePoints != 3 || tt.Attendances != 4 || tt.Headcount != 72 || tt.Expected != 90 {
				t.Errorf("totals %+v", tt)
			}
		})

		t.Run("the page shows the same conferences and totals, dates in Vietnamese", func(t *testing.T) {
			res := a.login("xem.q1").get("/conferences?" + ask)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("page: %d %s", res.StatusCode, res.message())
			}
			for _, s := range append(f.titles, vn.Date(f.month.From.Time), vn.Date(f.month.To.Time), "tổ chức tại đơn vị này", "nơi khác tổ chức",
				"<b>4</b> hội nghị", "<b>72</b> / 90 lượt") {
				if !strings.Contains(res.body, s) {
					t.Errorf("the page does not show %q", s)
				}
			}
			for _, s := range []string{f.afterMonth, f.otherTitle} {
				if strings.Contains(res.body, s) {
					t.Errorf("the page shows %q", s)
				}
			}
			back := a.login("xem.q1").get(hrefTo(t, res.body, "/figures?"))
			if back.StatusCode != http.StatusOK || !strings.Contains(back.body, f.month.From.Format("02/01/2006")) {
				t.Errorf("the table of figures for the same days: %d %s", back.StatusCode, back.message())
			}
		})

		t.Run("pages through a long list with the totals of it all", func(t *testing.T) {
			var p heldAnswer
			a.api("xem.q1").get("/api/v1/conferences?" + ask + "&limit=3&offset=3").decode(&p)
			if len(p.Items) != 1 || p.Items[0].Title != f.titles[3] || p.Totals != held.Totals {
				t.Errorf("second page %+v", p)
			}
		})

		t.Run("a viewer of another district is refused", func(t *testing.T) {
			if res := a.login("xem.q2").get("/conferences?" + ask); res.StatusCode != http.StatusForbidden {
				t.Errorf("page: %d", res.StatusCode)
			}
			if res := a.api("xem.q2").get("/api/v1/conferences?" + ask); res.StatusCode != http.StatusForbidden {
				t.Errorf("api: %d", res.StatusCode)
			}
		})

		t.Run("a bad day is refused naming the field", func(t *testing.T) {
			res := a.api("xem.q1").get("/api/v1/conferences?unit=" + id(f.d1.ID) + "&from=31/02/2026&to=01/03/2026")
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.message(), "31/02/2026") {
				t.Errorf("%d %s", res.StatusCode, res.message())
			}
		})

		t.Run("the number of campaigns opens those organised in the subtree that start in the period", func(t *testing.T) {
			begun := tuyengiao.PeriodContaining(tuyengiao.PeriodMonth, f.camp.StartOn)
			days := "&from=" + begun.From.Format("2006-01-02") + "&to=" + begun.To.Format("2006-01-02")
			for _, u := range []*tuyengiao.Unit{f.city, f.d1} {
				table, err := newFigures(a.db).Figures(a.admin(), tuyengiao.FigureQuery{Codes: []string{"study.campaigns"}, UnitID: u.ID,
					Periods: []tuyengiao.Period{begun, f.month}})
				if err != nil {
					t.Fatal(err)
				}
				for p, period := range table.Periods {
					var list struct{ Total int }
					a.api("xem.tp").get("/api/v1/campaigns?unit=" + id(u.ID) + "&organised=1&from=" + period.From.Format("2006-01-02") +
						"&to=" + period.To.Format("2006-01-02")).decode(&list)
					if v := table.Value(0, 0, p); int64(list.Total) != v.Num {
						t.Errorf("%s, %s: the list has %d campaigns, the figure %d", u.Name, period.Label(), list.Total, v.Num)
					}
					if u == f.city && p == 0 && table.Value(0, 0, p).Num != 1 {
						t.Errorf("the city's campaigns begun: %d, want 1", table.Value(0, 0, p).Num)
					}
				}
			}
			res := a.login("xem.tp").get("/figures?unit=" + id(f.city.ID) + "&indicator=study.campaigns&period=" + begun.String())
			link := hrefTo(t, res.body, "/campaigns?unit="+id(f.city.ID)+"&amp;organised=1")
			if !strings.Contains(link, days) {
				t.Errorf("link %s", link)
			}
			page := a.login("xem.tp").get(link)
			if page.StatusCode != http.StatusOK || !strings.Contains(page.body, f.camp.Title) || !strings.Contains(page.body, "Đợt do đơn vị này hoặc đơn vị trực thuộc tổ chức") {
				t.Errorf("campaigns page: %d %s", page.StatusCode, page.message())
			}
		})

		t.Run("those who may see people open the distinct people of the district who attended", func(t *testing.T) {
			var people struct {
				Items []tuyengiao.Person
				Total int
			}
			a.api("xem.q1").get("/api/v1/conferences/attended?" + ask).decode(&people)
			var names []string
			for _, p := range people.Items {
				names = append(names, p.FullName)
			}
			want := []string{f.members[f.d1].FullName, f.members[f.w1].FullName}
			if strings.Join(names, "|") != strings.Join(want, "|") || people.Total != 2 {
				t.Errorf("people %q (total %d), want %q", names, people.Total, want)
			}
			table, err := newFigures(a.db).Figures(a.admin(), tuyengiao.FigureQuery{Codes: []string{"study.participants"}, UnitID: f.d1.ID,
				Periods: []tuyengiao.Period{f.month}})
			if err != nil {
				t.Fatal(err)
			}
			if v := table.Value(0, 0, 0); v.Num != int64(people.Total) {
				t.Errorf("the figure counts %d people, the list %d", v.Num, people.Total)
			}
			recs, _, err := a.db.FindAuditRecords(a.admin(), tuyengiao.AuditFilter{Login: "xem.q1", Action: "attendance.attended"})
			if err != nil || len(recs) != 1 || !strings.Contains(recs[0].Detail, "total=2") {
				t.Errorf("the read is not audited: %v %+v", err, recs)
			}
			page := a.login("xem.q1").get(hrefTo(t, a.login("xem.q1").get("/conferences?"+ask).body, "/conferences/attended?"))
			if page.StatusCode != http.StatusOK || !strings.Contains(page.body, want[0]) || strings.Contains(page.body, f.members[f.d2].FullName) {
				t.Errorf("people page: %d %s", page.StatusCode, page.message())
			}
			a.user("dv.q1", tuyengiao.RoleMember, f.d1)
			if res := a.login("dv.q1").get("/conferences?" + ask); res.StatusCode != http.StatusOK || strings.Contains(res.body, "/conferences/attended?") {
				t.Errorf("a member sees the conferences (%d) but no link to the people", res.StatusCode)
			}
			if res := a.api("dv.q1").get("/api/v1/conferences/attended?" + ask); res.StatusCode != http.StatusForbidden {
				t.Errorf("a member reads the people: %d", res.StatusCode)
			}
		})

		t.Run("the number of conferences in the table of figures opens this list", func(t *testing.T) {
			res := a.login("xem.tp").get("/figures?unit=" + id(f.city.ID) + "&indicator=study.conferences&period=" + f.month.String())
			want := `href="/conferences?unit=` + id(f.d1.ID) + `&amp;from=` + f.month.From.Format("2006-01-02") + `&amp;to=` + f.month.To.Format("2006-01-02") + `"`
			if !strings.Contains(res.body, want) {
				t.Fatalf("no link %s in the table", want)
			}
		})
	})
}
