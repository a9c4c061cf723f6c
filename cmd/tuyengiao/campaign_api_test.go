package main

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// matrixCampaignBody is a good campaign for the authorization matrix, organised by the
// fixture's unit: the body of a POST (with the unit) or of a PUT.
func matrixCampaignBody(f *fixture, create bool) map[string]any {
	today := f.a.db.Now().UTC()
	body := map[string]any{"title": "Học tập chuyên đề " + f.code(""),
		"audiences": []map[string]any{{"category": "member", "target": 95}},
		"start_on":  today.AddDate(0, 0, -7).Format(time.DateOnly), "end_on": today.AddDate(0, 2, 0).Format(time.DateOnly),
		"unit_ids": []int64{f.Unit().ID}}
	if create {
		body["unit_id"] = f.Unit().ID
	}
	return body
}

// matrixConferenceBody is a good conference of the fixture's campaign, without the campaign
// and the unit, for a PUT; a POST adds them.
func matrixConferenceBody(f *fixture) map[string]any {
	start := f.a.db.Now().UTC().Add(48 * time.Hour).Truncate(time.Hour)
	return map[string]any{"title": "Lớp học tập " + f.code(""), "starts_at": start, "ends_at": start.Add(2 * time.Hour), "form": "both",
		"bridge_points": []map[string]any{{"unit_id": f.Unit().ID, "place": "Nhà văn hóa", "expected": map[string]int{"masses": 30}}}}
}

// apiError is the JSON form of an error.
type apiError struct {
	Error struct{ Code, Message, Field string }
}

// participationBody is the JSON form of a campaign's dashboard.
type participationBody struct {
	AsOf     string                       `json:"as_of"`
	Total    tuyengiao.ParticipationRow   `json:"total"`
	Children []tuyengiao.ParticipationRow `json:"children"`
	Late     []tuyengiao.ParticipationRow `json:"late"`
}

// rate returns took and base of the category in the row.
func rate(t *testing.T, row tuyengiao.ParticipationRow, cat tuyengiao.Category) (took, base int64) {
	t.Helper()
	for _, a := range row.Audiences {
		if a.Category == cat {
			return a.Took, a.Base
		}
	}
	t.Fatalf("row %s has no audience %s: %+v", row.UnitName, cat, row.Audiences)
	return 0, 0
}

func TestCampaignAPI(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		city := a.unit(nil, "TP", "Thành ủy Hoa Sơn", "thanh_uy")
		district := a.unit(city, "Q1", "Quận ủy Đông Hải", "quan_uy")
		ward := a.unit(district, "Q1P1", "Đảng ủy phường Bình Minh", "dang_uy_phuong")
		cell1 := a.unit(ward, "Q1P1C1", "Chi bộ khu phố 1", "chi_bo")
		cell2 := a.unit(ward, "Q1P1C2", "Chi bộ khu phố 2", "chi_bo")
		an := a.person(cell1, "Nguyễn Văn An", tuyengiao.CategoryMember)
		binh := a.person(cell1, "Trần Thị Bình", tuyengiao.CategoryMember)
		cuong := a.person(cell2, "Lê Văn Cường", tuyengiao.CategoryMember)
		dung := a.person(cell2, "Phạm Thị Dung", tuyengiao.CategoryMember)
		a.user("bientap", tuyengiao.RoleEditor, district)
		a.user("xem", tuyengiao.RoleViewer, district)
		ed, xem := a.api("bientap"), a.api("xem")

		// Days are Vietnam's: from 17:00 UTC it is already tomorrow there.
		today := a.db.Now().In(vn.Zone)
		day := func(d int) string { return today.AddDate(0, 0, d).Format(time.DateOnly) }
		campaignBody := map[string]any{"unit_id": district.ID, "title": "Học tập, quán triệt Nghị quyết Đại hội",
			"description": "Đợt học tập cho đảng viên và nhân dân",
			"audiences":   []map[string]any{{"category": "member", "target": 90}, {"category": "masses", "headcount": true, "target": 80}},
			"start_on":    day(-30), "end_on": day(60), "unit_ids": []int64{cell1.ID, cell2.ID}}

		var camp tuyengiao.Campaign
		t.Run("an editor plans a campaign", func(t *testing.T) {
			res := ed.json("POST", "/api/v1/campaigns", campaignBody)
			if res.StatusCode != http.StatusCreated {
				t.Fatalf("create: %d %s", res.StatusCode, res.message())
			}
			res.decode(&camp)
			if camp.ID == 0 || camp.UnitID != district.ID || len(camp.Audiences) != 2 || len(camp.UnitIDs) != 2 || camp.StartOn.Format(time.DateOnly) != day(-30) {
				t.Fatalf("created: %+v", camp)
			}
			if !strings.Contains(res.body, `"start_on":"`+day(-30)+`"`) {
				t.Errorf("the start day is not written as 2006-01-02: %s", res.body)
			}
		})
		if camp.ID == 0 {
			t.FailNow()
		}
		campPath := "/api/v1/campaigns/" + id(camp.ID)

		t.Run("a bad campaign gets a Vietnamese message naming the field and changes nothing", func(t *testing.T) {
			var before struct{ Total int }
			ed.get("/api/v1/campaigns").decode(&before)
			for field, body := range map[string]map[string]any{
				"title":     with(campaignBody, "title", "  "),
				"end_on":    with(campaignBody, "end_on", day(-40)),
				"audiences": with(campaignBody, "audiences", []map[string]any{{"category": "ai_do", "target": 50}}),
				"unit_id":   with(campaignBody, "unit_id", "Q1"),
			} {
				res := ed.json("POST", "/api/v1/campaigns", body)
				var e apiError
				res.decode(&e)
				if res.StatusCode != http.StatusUnprocessableEntity || e.Error.Field != field || !vietnamese(e.Error.Message) {
					t.Errorf("bad %s: %d %+v", field, res.StatusCode, e.Error)
				}
			}
			var after struct{ Total int }
			ed.get("/api/v1/campaigns").decode(&after)
			if after.Total != before.Total {
				t.Errorf("bad bodies changed the number of campaigns from %d to %d", before.Total, after.Total)
			}

			upd := with(campaignBody, "end_on", day(-40))
			delete(upd, "unit_id")
			res := ed.json("PUT", campPath, upd)
			var e apiError
			res.decode(&e)
			if res.StatusCode != http.StatusUnprocessableEntity || e.Error.Field != "end_on" {
				t.Errorf("bad PUT: %d %+v", res.StatusCode, e.Error)
			}
			var got tuyengiao.Campaign
			ed.get(campPath).decode(&got)
			if got.EndOn.Format(time.DateOnly) != day(60) {
				t.Errorf("a bad PUT changed the end day to %s", got.EndOn.Format(time.DateOnly))
			}
		})

		t.Run("an editor replaces the campaign's fields", func(t *testing.T) {
			upd := with(campaignBody, "title", "Học tập, quán triệt Nghị quyết Đại hội XIII")
			delete(upd, "unit_id")
			res := ed.json("PUT", campPath, upd)
			var got tuyengiao.Campaign
			res.decode(&got)
			if res.StatusCode != http.StatusOK || got.Title != "Học tập, quán triệt Nghị quyết Đại hội XIII" || got.UnitID != district.ID {
				t.Errorf("update: %d %s", res.StatusCode, res.message())
			}
			if res = xem.json("PUT", campPath, upd); res.StatusCode != http.StatusForbidden {
				t.Errorf("a viewer replaces a campaign: %d", res.StatusCode)
			}
		})

		t.Run("the list finds the campaign from a unit it reaches, by words without diacritics", func(t *testing.T) {
			for _, q := range []string{"?unit=" + id(cell1.ID), "?q=" + url.QueryEscape("quan triet nghi quyet"), "?active_on=" + day(0), ""} {
				var l struct {
					Items []tuyengiao.Campaign
					Total int
				}
				res := xem.get("/api/v1/campaigns" + q)
				res.decode(&l)
				if res.StatusCode != http.StatusOK || l.Total != 1 || len(l.Items) != 1 || l.Items[0].ID != camp.ID {
					t.Errorf("list %q: %d %s", q, res.StatusCode, res.message())
				}
			}
			var l struct{ Total int }
			if xem.get("/api/v1/campaigns?active_on=" + day(90)).decode(&l); l.Total != 0 {
				t.Errorf("a campaign ended by then is listed as active")
			}
		})

		// Conference 1 is held by the ward, followed at a bridge point in cell 1 where 100 of
		// the people are expected; conference 2 by cell 1 itself. Cell 2 organises nothing.
		start := a.db.Now().UTC().Add(-72 * time.Hour).Truncate(time.Hour)
		var conf1, conf2 tuyengiao.Conference
		t.Run("an editor plans conferences with bridge points", func(t *testing.T) {
			res := ed.json("POST", "/api/v1/conferences", map[string]any{"campaign_id": camp.ID, "unit_id": ward.ID,
				"title": "Hội nghị quán triệt cấp phường", "starts_at": start, "ends_at": start.Add(3 * time.Hour), "form": "both",
				"bridge_points": []map[string]any{{"unit_id": cell1.ID, "place": "Nhà văn hóa khu phố 1", "expected": map[string]int{"masses": 100}}}})
			if res.StatusCode != http.StatusCreated {
				t.Fatalf("conference 1: %d %s", res.StatusCode, res.message())
			}
			res.decode(&conf1)
			if conf1.ID == 0 || len(conf1.BridgePoints) != 1 || conf1.BridgePoints[0].ID == 0 || conf1.BridgePoints[0].Expected[tuyengiao.CategoryMasses] != 100 {
				t.Fatalf("conference 1: %+v", conf1)
			}
			if !strings.Contains(res.body, `"starts_at":"`+start.Format(time.RFC3339)) {
				t.Errorf("the start is not RFC 3339 %s: %s", start.Format(time.RFC3339), res.body)
			}
			res = ed.json("POST", "/api/v1/conferences", map[string]any{"campaign_id": camp.ID, "unit_id": cell1.ID,
				"title": "Sinh hoạt chi bộ chuyên đề", "starts_at": start.Add(24 * time.Hour), "ends_at": start.Add(26 * time.Hour), "form": "in_person"})
			if res.StatusCode != http.StatusCreated {
				t.Fatalf("conference 2: %d %s", res.StatusCode, res.message())
			}
			res.decode(&conf2)
		})
		if conf1.ID == 0 || conf2.ID == 0 {
			t.FailNow()
		}
		confPath := "/api/v1/conferences/" + id(conf1.ID)

		t.Run("a bad conference gets a message naming the field and changes nothing", func(t *testing.T) {
			res := ed.json("POST", "/api/v1/conferences", map[string]any{"campaign_id": camp.ID, "unit_id": ward.ID,
				"title": "Hội nghị", "starts_at": start, "ends_at": start.Add(-time.Hour), "form": "both"})
			var e apiError
			res.decode(&e)
			if res.StatusCode != http.StatusUnprocessableEntity || e.Error.Field != "ends_at" || !vietnamese(e.Error.Message) {
				t.Errorf("ends before it starts: %d %+v", res.StatusCode, e.Error)
			}
			var l struct{ Total int }
			if ed.get(campPath + "/conferences").decode(&l); l.Total != 2 {
				t.Errorf("the campaign has %d conferences, want 2", l.Total)
			}
		})

		t.Run("the campaign lists its conferences, soonest first", func(t *testing.T) {
			var l struct{ Items []tuyengiao.Conference }
			res := xem.get(campPath + "/conferences")
			res.decode(&l)
			if res.StatusCode != http.StatusOK || len(l.Items) != 2 || l.Items[0].ID != conf1.ID || l.Items[1].ID != conf2.ID {
				t.Errorf("conferences: %d %s", res.StatusCode, res.message())
			}
		})

		participation := func(t *testing.T, c *client, query string) participationBody {
			t.Helper()
			var p participationBody
			res := c.get(campPath + "/participation" + query)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("participation%s: %d %s", query, res.StatusCode, res.message())
			}
			res.decode(&p)
			return p
		}

		t.Run("before any attendance nobody took part and cell 2 is late", func(t *testing.T) {
			p := participation(t, xem, "")
			if p.Total.UnitID != district.ID {
				t.Errorf("the dashboard is not of the organising unit by default: %+v", p.Total)
			}
			if took, base := rate(t, p.Total, tuyengiao.CategoryMember); took != 0 || base != 4 {
				t.Errorf("members: %d of %d, want 0 of 4", took, base)
			}
			if p.AsOf != day(0) {
				t.Errorf("as_of %q, want today %s", p.AsOf, day(0))
			}
			p = participation(t, xem, "?unit="+id(ward.ID))
			if len(p.Children) != 2 || p.Total.Required != 2 || p.Total.Organised != 1 {
				t.Errorf("ward: %d children, %d of %d organised", len(p.Children), p.Total.Organised, p.Total.Required)
			}
			if len(p.Late) != 1 || p.Late[0].UnitID != cell2.ID {
				t.Errorf("late: %+v, want cell 2", p.Late)
			}
		})

		// roster reads the unit's roster, saves on it the people marked present and absent,
		// and returns the roster after and who was kept.
		roster := func(t *testing.T, c *client, conf tuyengiao.Conference, unit *tuyengiao.Unit, present, absent []int64) ([]tuyengiao.RosterEntry, []int64) {
			t.Helper()
			path := "/api/v1/conferences/" + id(conf.ID) + "/roster?unit=" + id(unit.ID)
			var read struct {
				OpenedAt time.Time `json:"opened_at"`
			}
			if res := c.get(path); res.StatusCode != http.StatusOK {
				t.Fatalf("read roster: %d %s", res.StatusCode, res.message())
			} else {
				res.decode(&read)
			}
			var l struct {
				Items []tuyengiao.RosterEntry
				Kept  []int64
			}
			res := c.json("PUT", path, map[string]any{"opened_at": read.OpenedAt, "present": present, "absent": absent})
			if res.StatusCode != http.StatusOK {
				t.Fatalf("mark roster: %d %s", res.StatusCode, res.message())
			}
			res.decode(&l)
			return l.Items, l.Kept
		}

		t.Run("a roster is marked and returned with who attended", func(t *testing.T) {
			var l struct {
				Items []tuyengiao.RosterEntry
				Total int
			}
			res := ed.get(confPath + "/roster?unit=" + id(cell1.ID))
			res.decode(&l)
			if res.StatusCode != http.StatusOK || l.Total != 2 || l.Items[0].Present {
				t.Fatalf("roster of cell 1: %d %s", res.StatusCode, res.message())
			}
			entries, _ := roster(t, ed, conf1, cell1, []int64{an.ID, binh.ID}, nil)
			if len(entries) != 2 || !entries[0].Present || !entries[1].Present || entries[0].Method != tuyengiao.MethodRoster {
				t.Errorf("after marking: %+v", entries)
			}
		})

		t.Run("a person in two sessions counts once", func(t *testing.T) {
			roster(t, ed, conf2, cell1, []int64{an.ID}, nil)
			p := participation(t, ed, "?unit="+id(ward.ID))
			if took, base := rate(t, p.Total, tuyengiao.CategoryMember); took != 2 || base != 4 {
				t.Errorf("members of the ward: %d of %d, want 2 of 4", took, base)
			}
			if p.Total.Conferences != 2 {
				t.Errorf("conferences: %d, want 2", p.Total.Conferences)
			}
			if took, base := rate(t, p.Children[0], tuyengiao.CategoryMember); p.Children[0].UnitID != cell1.ID || took != 2 || base != 2 {
				t.Errorf("cell 1: %+v", p.Children[0])
			}
		})

		t.Run("the dashboard sorts its children by an audience's rate", func(t *testing.T) {
			p := participation(t, ed, "?unit="+id(ward.ID)+"&sort=member")
			if len(p.Children) != 2 || p.Children[0].UnitID != cell2.ID {
				t.Errorf("ascending: %+v", p.Children)
			}
			p = participation(t, ed, "?unit="+id(ward.ID)+"&sort=member&desc=1")
			if len(p.Children) != 2 || p.Children[0].UnitID != cell1.ID {
				t.Errorf("descending: %+v", p.Children)
			}
		})

		t.Run("the not-attended list names those who did not come", func(t *testing.T) {
			var l struct {
				Items []tuyengiao.Person
				Total int
			}
			res := xem.get(campPath + "/not-attended?unit=" + id(ward.ID))
			res.decode(&l)
			if res.StatusCode != http.StatusOK || l.Total != 2 || len(l.Items) != 2 || l.Items[0].ID != cuong.ID || l.Items[1].ID != dung.ID {
				t.Errorf("not attended: %d %s", res.StatusCode, res.message())
			}
			res = xem.get(campPath + "/not-attended?unit=" + id(ward.ID) + "&limit=1&offset=1")
			res.decode(&l)
			if l.Total != 2 || len(l.Items) != 1 || l.Items[0].ID != dung.ID {
				t.Errorf("second page: %s", res.message())
			}
		})

		t.Run("marking a person absent takes them off the roster of that session only", func(t *testing.T) {
			if _, kept := roster(t, ed, conf1, cell1, nil, []int64{binh.ID}); len(kept) != 0 {
				t.Errorf("kept %v", kept)
			}
			p := participation(t, ed, "?unit="+id(ward.ID))
			if took, _ := rate(t, p.Total, tuyengiao.CategoryMember); took != 1 {
				t.Errorf("members after unticking Bình: %d, want 1 (An attended twice)", took)
			}
			roster(t, ed, conf1, cell1, []int64{binh.ID}, nil)
		})

		t.Run("marking absent someone recorded after the roster was read keeps them and says so", func(t *testing.T) {
			path := confPath + "/roster?unit=" + id(ward.ID)
			var read struct {
				OpenedAt time.Time `json:"opened_at"`
			}
			ed.get(path).decode(&read)
			roster(t, ed, conf1, cell2, []int64{cuong.ID}, nil) // another secretary, meanwhile
			res := ed.json("PUT", path, map[string]any{"opened_at": read.OpenedAt, "absent": []int64{cuong.ID}})
			var l struct {
				Items []tuyengiao.RosterEntry
				Kept  []int64
			}
			res.decode(&l)
			if res.StatusCode != http.StatusOK || !slices.Equal(l.Kept, []int64{cuong.ID}) {
				t.Fatalf("absent after a newer mark: %d kept %v %s", res.StatusCode, l.Kept, res.message())
			}
			roster(t, ed, conf1, cell2, nil, []int64{cuong.ID})
		})

		t.Run("marking present someone removed after the roster was read leaves them absent and says so", func(t *testing.T) {
			path := confPath + "/roster?unit=" + id(ward.ID)
			var read struct {
				OpenedAt time.Time `json:"opened_at"`
			}
			ed.get(path).decode(&read)
			roster(t, ed, conf1, cell2, []int64{cuong.ID}, nil) // another secretary marks Cường, then takes him off
			roster(t, ed, conf1, cell2, nil, []int64{cuong.ID})
			res := ed.json("PUT", path, map[string]any{"opened_at": read.OpenedAt, "present": []int64{cuong.ID}})
			var l struct {
				Items       []tuyengiao.RosterEntry
				StillAbsent []int64 `json:"still_absent"`
			}
			res.decode(&l)
			if res.StatusCode != http.StatusOK || !slices.Equal(l.StillAbsent, []int64{cuong.ID}) {
				t.Fatalf("present after a newer removal: %d still absent %v %s", res.StatusCode, l.StillAbsent, res.message())
			}
			for _, e := range l.Items {
				if e.PersonID == cuong.ID && e.Present {
					t.Errorf("Cường is present again: %+v", e)
				}
			}
		})

		t.Run("a roster naming someone off the unit's roster, or nobody, is refused on present and changes nothing", func(t *testing.T) {
			for _, body := range []map[string]any{{"present": []int64{an.ID, cuong.ID}}, {}} {
				res := ed.json("PUT", confPath+"/roster?unit="+id(cell1.ID), body)
				var e apiError
				res.decode(&e)
				if res.StatusCode != http.StatusUnprocessableEntity || e.Error.Field != "present" || !vietnamese(e.Error.Message) {
					t.Errorf("roster %v: %d %+v", body, res.StatusCode, e.Error)
				}
			}
			p := participation(t, ed, "?unit="+id(ward.ID))
			if took, _ := rate(t, p.Total, tuyengiao.CategoryMember); took != 2 {
				t.Errorf("members after refused rosters: %d, want 2", took)
			}
		})

		bp := conf1.BridgePoints[0].ID
		t.Run("a headcount at a bridge point counts the people", func(t *testing.T) {
			res := ed.json("PUT", "/api/v1/bridge-points/"+id(bp)+"/headcount", map[string]any{"counted": map[string]int{"masses": 85}})
			if res.StatusCode != http.StatusNoContent {
				t.Fatalf("headcount: %d %s", res.StatusCode, res.message())
			}
			p := participation(t, ed, "?unit="+id(ward.ID))
			if took, base := rate(t, p.Total, tuyengiao.CategoryMasses); took != 85 || base != 100 {
				t.Errorf("masses: %d of %d, want 85 of 100", took, base)
			}
			var c tuyengiao.Conference
			ed.get(confPath).decode(&c)
			if c.BridgePoints[0].Counted[tuyengiao.CategoryMasses] != 85 {
				t.Errorf("the conference shows %v counted", c.BridgePoints[0].Counted)
			}
		})

		t.Run("a bad headcount names the field and changes nothing", func(t *testing.T) {
			for _, body := range []map[string]any{{"counted": map[string]int{"masses": -5}}, {"counted": map[string]int{"khach": 3}}, {}} {
				res := ed.json("PUT", "/api/v1/bridge-points/"+id(bp)+"/headcount", body)
				var e apiError
				res.decode(&e)
				if res.StatusCode != http.StatusUnprocessableEntity || e.Error.Field != "counted" || !vietnamese(e.Error.Message) {
					t.Errorf("headcount %v: %d %+v", body, res.StatusCode, e.Error)
				}
			}
			res := ed.json("PUT", "/api/v1/bridge-points/"+id(bp)+"/headcount", map[string]any{"counted": map[string]string{"masses": "nhiều"}})
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("a headcount as text: %d", res.StatusCode)
			}
			p := participation(t, ed, "?unit="+id(ward.ID))
			if took, _ := rate(t, p.Total, tuyengiao.CategoryMasses); took != 85 {
				t.Errorf("masses after bad headcounts: %d, want 85", took)
			}
		})

		t.Run("replacing a conference keeps its bridge point's headcount", func(t *testing.T) {
			res := ed.json("PUT", confPath, map[string]any{"title": "Hội nghị quán triệt cấp phường (đợt 1)", "starts_at": start,
				"ends_at": start.Add(4 * time.Hour), "form": "both", "materials": "Tài liệu hỏi đáp",
				"bridge_points": []map[string]any{{"unit_id": cell1.ID, "place": "Nhà văn hóa khu phố 1", "expected": map[string]int{"masses": 100}}}})
			var c tuyengiao.Conference
			res.decode(&c)
			if res.StatusCode != http.StatusOK || c.Title != "Hội nghị quán triệt cấp phường (đợt 1)" || c.Materials != "Tài liệu hỏi đáp" {
				t.Fatalf("update: %d %s", res.StatusCode, res.message())
			}
			if len(c.BridgePoints) != 1 || c.BridgePoints[0].Counted[tuyengiao.CategoryMasses] != 85 {
				t.Errorf("bridge points after the update: %+v", c.BridgePoints)
			}
			res = ed.json("PUT", confPath, map[string]any{"title": "", "starts_at": start, "ends_at": start.Add(time.Hour), "form": "both"})
			var e apiError
			res.decode(&e)
			if res.StatusCode != http.StatusUnprocessableEntity || e.Error.Field != "title" {
				t.Errorf("a bad update: %d %+v", res.StatusCode, e.Error)
			}
			ed.get(confPath).decode(&c)
			if c.Title != "Hội nghị quán triệt cấp phường (đợt 1)" || len(c.BridgePoints) != 1 {
				t.Errorf("a bad update changed the conference: %+v", c)
			}
		})

		t.Run("the check-in code is given to editors only", func(t *testing.T) {
			var code struct{ Code, URL string }
			res := ed.get(confPath + "/checkin-code")
			res.decode(&code)
			if res.StatusCode != http.StatusOK || code.Code == "" || code.URL != "/checkin/"+id(conf1.ID)+"?code="+url.QueryEscape(code.Code) {
				t.Errorf("editor: %d %s", res.StatusCode, res.body)
			}
			if res = xem.get(confPath + "/checkin-code"); res.StatusCode != http.StatusForbidden {
				t.Errorf("viewer: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("a viewer reads but records nothing", func(t *testing.T) {
			if res := xem.get(confPath); res.StatusCode != http.StatusOK {
				t.Errorf("viewer reads a conference: %d", res.StatusCode)
			}
			res := xem.json("PUT", confPath+"/roster?unit="+id(cell2.ID), map[string]any{"present": []int64{cuong.ID}})
			if res.StatusCode != http.StatusForbidden {
				t.Errorf("viewer marks a roster: %d", res.StatusCode)
			}
			if res = xem.json("PUT", "/api/v1/bridge-points/"+id(bp)+"/headcount", map[string]any{"counted": map[string]int{"masses": 1}}); res.StatusCode != http.StatusForbidden {
				t.Errorf("viewer records a headcount: %d", res.StatusCode)
			}
			if res = xem.json("POST", "/api/v1/campaigns", campaignBody); res.StatusCode != http.StatusForbidden {
				t.Errorf("viewer plans a campaign: %d", res.StatusCode)
			}
			p := participation(t, xem, "?unit="+id(ward.ID))
			if took, _ := rate(t, p.Total, tuyengiao.CategoryMember); took != 2 {
				t.Errorf("members after the viewer's attempts: %d, want 2", took)
			}
		})

		t.Run("a viewer below the organiser sees the dashboard of their own unit by default", func(t *testing.T) {
			a.user("xemphuong", tuyengiao.RoleViewer, ward)
			p := participation(t, a.api("xemphuong"), "")
			if p.Total.UnitID != ward.ID || len(p.Children) != 2 {
				t.Errorf("dashboard of %s with %d children, want the ward's", p.Total.UnitName, len(p.Children))
			}
		})

		t.Run("the OpenAPI document defines every schema it names", func(t *testing.T) {
			res := a.anonymous().get("/api/v1/openapi.json")
			for _, m := range schemaRef.FindAllStringSubmatch(res.body, -1) {
				if !strings.Contains(res.body, `"`+m[1]+`":{`) {
					t.Errorf("schema %s is named but not defined", m[1])
				}
			}
			for _, want := range []string{"CampaignInput", "Participation", "ConferenceInput", "RosterChange", "RosterSaved", "Headcount", "CheckInCode"} {
				if !strings.Contains(res.body, `"#/components/schemas/`+want+`"`) {
					t.Errorf("no route names %s", want)
				}
			}
		})
	})
}

var schemaRef = regexp.MustCompile(`"#/components/schemas/([A-Za-z]+)"`)

// with returns a copy of m with key set to v.
func with(m map[string]any, key string, v any) map[string]any {
	out := make(map[string]any, len(m))
	for k, x := range m {
		out[k] = x
	}
	out[key] = v
	return out
}

// vietnamese reports whether s has a letter with a Vietnamese diacritic.
func vietnamese(s string) bool {
	return strings.ContainsAny(s, "ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĐ")
}
