package main

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"tuyengiao"
)

// studyConference plans a conference of the campaign at the district starting at start and
// lasting two hours, followed at a bridge point of the ward.
func studyConference(t *testing.T, a *testApp, w *essayWorld, title string, start time.Time) *tuyengiao.Conference {
	t.Helper()
	c := &tuyengiao.Conference{CampaignID: w.campaign.ID, UnitID: w.district.ID, Title: title,
		StartsAt: start.UTC().Truncate(time.Second), EndsAt: start.UTC().Truncate(time.Second).Add(2 * time.Hour),
		Form: tuyengiao.FormBoth, Presenters: []tuyengiao.Presenter{},
		BridgePoints: []tuyengiao.BridgePoint{{UnitID: w.ward.ID, Place: "Hội trường phường",
			Expected: map[tuyengiao.Category]int64{}, Counted: map[tuyengiao.Category]int64{}}}}
	if err := a.db.CreateConference(a.admin(), c); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMemberStudy(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		w := newEssayWorld(t, a)
		now := a.db.Now()
		open := studyConference(t, a, w, "Hội nghị quán triệt Nghị quyết 35", now.Add(10*time.Minute))
		later := studyConference(t, a, w, "Lớp bồi dưỡng chuyên đề", now.Add(72*time.Hour))
		code, err := a.db.CheckInCode(a.admin(), open.ID)
		if err != nil {
			t.Fatal(err)
		}
		a.memberAccount("lan", w.lan)
		a.memberAccount("anvan", w.an)
		a.user("xemquan", tuyengiao.RoleViewer, w.district)
		checkin := "/checkin/" + strconv.FormatInt(open.ID, 10)
		qr := checkin + "?code=" + url.QueryEscape(code)

		t.Run("the study page lists the campaign, its documents, the conferences and the essay", func(t *testing.T) {
			res := a.login("lan").get("/me/study")
			if res.StatusCode != http.StatusOK {
				t.Fatalf("study page: %d %s", res.StatusCode, res.message())
			}
			for _, want := range []string{w.campaign.Title, `href="/documents/` + strconv.FormatInt(w.doc.ID, 10) + `"`, "35-NQ/TW",
				open.Title, later.Title, "Đang mở điểm danh", "Điểm danh mở 30 phút trước giờ bắt đầu", "Chưa nộp", "Viết bài thu hoạch",
				`href="/me/study" aria-current="page"`} {
				if !strings.Contains(res.body, escapeHTML(want)) && !strings.Contains(res.body, want) {
					t.Errorf("the study page lacks %q", want)
				}
			}
			if strings.Index(res.body, open.Title) > strings.Index(res.body, later.Title) {
				t.Error("the conferences are not soonest first")
			}
		})

		t.Run("the study page speaks English when asked", func(t *testing.T) {
			c := a.login("lan")
			c.post("/lang", url.Values{"lang": {"en"}, "next": {"/me/study"}})
			res := c.get("/me/study")
			for _, want := range []string{"My study", "Documents to study", "Check-in is open: scan the QR code at the conference",
				"Check-in opens 30 minutes before the start", "Not handed in", "Write the essay"} {
				if !strings.Contains(res.body, want) {
					t.Errorf("the English study page lacks %q", want)
				}
			}
		})

		t.Run("the QR code sends a logged-out member to log in and back", func(t *testing.T) {
			c := a.anonymous()
			res := c.get(qr)
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login?next="+url.QueryEscape(qr) {
				t.Fatalf("logged out: %d %s", res.StatusCode, res.Header.Get("Location"))
			}
			res = c.post("/login", url.Values{"login": {"lan"}, "password": {testPassword}, "next": {qr}})
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != qr {
				t.Fatalf("login: %d back to %s", res.StatusCode, res.Header.Get("Location"))
			}
			res = c.get(qr)
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, open.Title) || !strings.Contains(res.body, `action="`+checkin+`"`) ||
				!strings.Contains(res.body, `name="code" value="`+escapeHTML(code)+`"`) {
				t.Fatalf("the check-in page: %d %s", res.StatusCode, res.message())
			}
			res = c.post(checkin, url.Values{"code": {code}})
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Đã ghi nhận bạn tham dự lúc") {
				t.Fatalf("check in: %d %s", res.StatusCode, res.message())
			}
			res = c.post(checkin, url.Values{"code": {code}})
			if res.StatusCode != http.StatusConflict || !strings.Contains(res.message(), "đã điểm danh") {
				t.Fatalf("a second check-in: %d %s", res.StatusCode, res.message())
			}
			if res = c.get("/me/study"); !strings.Contains(res.body, "Đã điểm danh lúc") {
				t.Errorf("the study page does not say the member has checked in: %s", res.message())
			}
		})

		t.Run("a wrong code is told on the page and records nothing", func(t *testing.T) {
			res := a.login("anvan").post(checkin, url.Values{"code": {"sai-ma"}})
			if res.StatusCode != http.StatusForbidden || !strings.Contains(res.message(), "Mã điểm danh không đúng") {
				t.Fatalf("a wrong code: %d %s", res.StatusCode, res.message())
			}
			roster, err := a.db.Roster(a.admin(), open.ID, w.cellA.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range roster.Entries {
				if e.Present != (e.PersonID == w.lan.ID) {
					t.Errorf("%s present: %t", e.FullName, e.Present)
				}
			}
		})

		t.Run("the API checks in and lists the member's study", func(t *testing.T) {
			c := a.api("anvan")
			path := "/api/v1/conferences/" + strconv.FormatInt(open.ID, 10) + "/checkin"
			res := c.json("POST", path, map[string]string{"code": code})
			if res.StatusCode != http.StatusCreated || !strings.Contains(res.body, `"method":"checkin"`) {
				t.Fatalf("check in: %d %s", res.StatusCode, res.body)
			}
			if res = c.json("POST", path, map[string]string{"code": code}); res.StatusCode != http.StatusConflict {
				t.Fatalf("a second check-in: %d %s", res.StatusCode, res.body)
			}
			res = c.get("/api/v1/me/study")
			var body struct {
				Campaigns []struct {
					Campaign    tuyengiao.Campaign
					EssayOpen   bool `json:"essay_open"`
					Conferences []struct {
						Conference tuyengiao.Conference
						CheckIn    string `json:"checkin"`
					}
				}
			}
			res.decode(&body)
			if res.StatusCode != http.StatusOK || len(body.Campaigns) != 1 || body.Campaigns[0].Campaign.ID != w.campaign.ID ||
				!body.Campaigns[0].EssayOpen || len(body.Campaigns[0].Conferences) != 2 || body.Campaigns[0].Conferences[0].CheckIn != "open" ||
				body.Campaigns[0].Conferences[1].CheckIn != "soon" {
				t.Fatalf("study: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("an account without a person record has no study of its own", func(t *testing.T) {
			res := a.login("xemquan").get("/me/study")
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "chưa gắn với hồ sơ") {
				t.Fatalf("study page: %d %s", res.StatusCode, res.message())
			}
			if strings.Contains(res.body, `href="/me/study"`) {
				t.Error("the navigation offers an account without a person record its own study")
			}
			if res := a.api("xemquan").get("/api/v1/me/study"); res.StatusCode != http.StatusForbidden {
				t.Fatalf("API: %d %s", res.StatusCode, res.body)
			}
			if res := a.api("xemquan").json("POST", "/api/v1/conferences/"+strconv.FormatInt(open.ID, 10)+"/checkin", map[string]string{"code": code}); res.StatusCode != http.StatusForbidden {
				t.Fatalf("check in without a person: %d %s", res.StatusCode, res.body)
			}
		})
	})
}
