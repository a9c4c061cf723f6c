package main

import (
	"bytes"
	"html"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// mustID returns the number at the end of a path such as /campaigns/12.
func mustID(t *testing.T, path string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(path[strings.LastIndex(path, "/")+1:], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// rosterForm fills the roster form of the page as a browser sends it with the boxes of the
// people ticked: the hidden fields as the page wrote them (when it was opened, who it showed
// present) and the boxes ticked.
func rosterForm(page string, ticked ...int64) url.Values {
	f := url.Values{}
	for _, m := range regexp.MustCompile(`<input type="hidden" name="(opened_at|seen)" value="([^"]*)">`).FindAllStringSubmatch(page, -1) {
		f.Add(m[1], html.UnescapeString(m[2]))
	}
	for _, id := range ticked {
		f.Add("present", strconv.FormatInt(id, 10))
	}
	return f
}

// location returns the path a redirect points to, without its query.
func location(res *response) string {
	p, _, _ := strings.Cut(res.Header.Get("Location"), "?")
	return p
}

func TestCampaignPages(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		district := a.unit(nil, "Q1", "Quận ủy Đông Hải", "quan_uy")
		ward := a.unit(district, "P1", "Đảng ủy phường Bình An", "dang_uy_phuong")
		cellA := a.unit(ward, "P1CB1", "Chi bộ khu phố 1", "chi_bo")
		cellB := a.unit(ward, "P1CB2", "Chi bộ khu phố 2", "chi_bo")
		a.unit(ward, "P1TDP1", "Tổ dân phố 1", "to_dan_pho") // nobody of the audiences
		a.unit(district, "P2", "Đảng ủy phường Tân Lập", "dang_uy_phuong")
		var members []*tuyengiao.Person
		for _, name := range []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"} {
			members = append(members, a.person(cellA, name, tuyengiao.CategoryMember))
		}
		a.person(cellB, "Hoàng Văn Em", tuyengiao.CategoryMember)
		a.person(cellA, "Vũ Thị Giang", tuyengiao.CategoryUnion) // not of a roster audience
		nq := &tuyengiao.Document{Symbol: "35-NQ/TW", Title: "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng", UnitID: district.ID}
		if err := a.db.CreateDocument(a.admin(), nq); err != nil {
			t.Fatal(err)
		}
		a.user("banquan", tuyengiao.RoleEditor, district)
		a.user("bithu", tuyengiao.RoleEditor, cellA)
		a.user("xemquan", tuyengiao.RoleViewer, district)
		staff, secretary, viewer := a.login("banquan"), a.login("bithu"), a.login("xemquan")
		today := a.db.Now().In(vn.Zone)

		// The district plans the campaign: its members by roster, the people by headcount.
		form := url.Values{"unit_id": {unitID(district)}, "title": {"Học tập, quán triệt Nghị quyết 35"},
			"documents": {"35-NQ/TW"}, "start_on": {vn.Date(today.AddDate(0, 0, -7))}, "end_on": {vn.Date(today.AddDate(0, 1, 0))},
			"audiences": {"member", "masses"}, "target_member": {"95"}, "target_masses": {"80"}, "headcount_masses": {"1"},
			"required_kind": {"dang_uy_phuong"}}
		res := staff.post("/campaigns", form)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create campaign: %d %s", res.StatusCode, res.message())
		}
		campPath := location(res)

		t.Run("a bad target names the audiences and creates nothing", func(t *testing.T) {
			bad := url.Values{}
			for k, v := range form {
				bad[k] = v
			}
			bad.Set("target_member", "chín lăm")
			res := staff.post("/campaigns", bad)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "chín lăm") {
				t.Errorf("bad target: %d %s", res.StatusCode, res.message())
			}
			_, n, err := a.db.FindCampaigns(a.admin(), tuyengiao.CampaignFilter{})
			if err != nil || n != 1 {
				t.Errorf("campaigns after a bad form: %d, %v", n, err)
			}
		})

		t.Run("the resolution's page lists the campaign that studies it", func(t *testing.T) {
			res := viewer.get("/documents/" + id(nq.ID))
			if !strings.Contains(res.body, `href="`+campPath+`">Học tập, quán triệt Nghị quyết 35</a>`) {
				t.Errorf("document page: %s", res.message())
			}
		})

		t.Run("an edit keeps the organiser and refuses a kind of unit it does not hold", func(t *testing.T) {
			if res := staff.get(campPath + "/edit"); !strings.Contains(res.body, "Đơn vị tổ chức: <b>Quận ủy Đông Hải</b>") ||
				strings.Contains(res.body, `name="unit_id"`) {
				t.Errorf("the edit form offers to change the organiser: %s", res.message())
			}
			edit := url.Values{}
			for k, v := range form {
				edit[k] = v
			}
			edit.Set("unit_id", unitID(ward))
			edit.Set("required_kind", "thanh_uy")
			res := staff.post(campPath, edit)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "không có đơn vị nào thuộc loại đã chọn") {
				t.Errorf("a kind the organiser does not hold: %d %s", res.StatusCode, res.message())
			}
			c, err := a.db.FindCampaignByID(a.admin(), mustID(t, campPath))
			if err != nil || c.UnitID != district.ID || len(c.UnitIDs) != 2 {
				t.Errorf("after the refused edit: %+v, %v", c, err)
			}
		})

		t.Run("both wards must organise it and neither has yet", func(t *testing.T) {
			res := viewer.get(campPath)
			for _, want := range []string{"Học tập, quán triệt Nghị quyết 35", "35-NQ/TW", "0/2", "Đơn vị chưa tổ chức (2)", "Đảng ủy phường Tân Lập"} {
				if !strings.Contains(res.body, want) {
					t.Errorf("dashboard lacks %q", want)
				}
			}
		})

		// The ward holds a conference with a bridge point at each cell.
		campID := strings.TrimPrefix(campPath, "/campaigns/")
		t.Run("a conference on a day outside the campaign is refused on the day, saying the campaign's days", func(t *testing.T) {
			for _, day := range []string{vn.Date(today.AddDate(0, 0, -8)), "01/01/0000"} {
				res := staff.post("/conferences", url.Values{"campaign_id": {campID}, "unit_id": {unitID(ward)}, "title": {"Hội nghị sớm"},
					"day": {day}, "from": {"08:00"}, "to": {"10:00"}, "form": {"both"}})
				if res.StatusCode != http.StatusUnprocessableEntity || !regexp.MustCompile(`id="day"[^>]*aria-invalid="true"`).MatchString(res.body) ||
					!strings.Contains(res.body, `<p class="field-error">`) {
					t.Errorf("a conference on %s: %d %s", day, res.StatusCode, res.message())
				}
			}
		})
		res = staff.post("/conferences", url.Values{"campaign_id": {campID}, "unit_id": {unitID(ward)}, "title": {"Hội nghị quán triệt"},
			"day": {vn.Date(today)}, "from": {"00:00"}, "to": {"23:59"}, "form": {"both"},
			"bridge_points": {"P1CB1; Nhà văn hóa khu phố 1; 4; 100\nP1CB2; Nhà văn hóa khu phố 2; 1; 60"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create conference: %d %s", res.StatusCode, res.message())
		}
		confPath := location(res)

		t.Run("the secretary marks members on the roster, one without a phone included", func(t *testing.T) {
			// The conference page's button opens the secretary's own cell.
			if res := secretary.get(confPath + "/roster"); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Điểm danh: Chi bộ khu phố 1") {
				t.Fatalf("roster without a unit: %d %s", res.StatusCode, res.message())
			}
			roster := confPath + "/roster?unit=" + unitID(cellA)
			res := secretary.get(roster)
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Phạm Thị Dung") || strings.Contains(res.body, "Vũ Thị Giang") {
				t.Fatalf("roster: %d, lists the members and not the union member: %s", res.StatusCode, res.message())
			}
			res = secretary.post(roster, rosterForm(res.body, members[0].ID, members[1].ID, members[2].ID))
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("mark: %d %s", res.StatusCode, res.message())
			}
			// Unticking one marks that one absent: the form sends what changed.
			res = secretary.post(roster, rosterForm(secretary.get(roster).body, members[0].ID, members[1].ID))
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("mark again: %d %s", res.StatusCode, res.message())
			}
		})

		t.Run("the district's roster form saves only what it changed, and keeps what was recorded since it was opened", func(t *testing.T) {
			roster, cellRoster := confPath+"/roster?unit="+unitID(district), confPath+"/roster?unit="+unitID(cellA)
			opened := staff.get(roster).body
			// Meanwhile the secretary unticks Bình and ticks her again: a record newer than the page.
			for _, ticked := range [][]int64{{members[0].ID}, {members[0].ID, members[1].ID}} {
				if res := secretary.post(cellRoster, rosterForm(secretary.get(cellRoster).body, ticked...)); res.StatusCode != http.StatusSeeOther {
					t.Fatalf("the secretary marks: %d %s", res.StatusCode, res.message())
				}
			}
			// The district, on the page opened before, unticks Bình and ticks Dung.
			res := staff.post(roster, rosterForm(opened, members[0].ID, members[3].ID))
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("district: %d %s", res.StatusCode, res.message())
			}
			page := staff.get(res.Header.Get("Location")).body
			if !strings.Contains(page, "Vẫn giữ có mặt") || !strings.Contains(page, "Trần Thị Bình") {
				t.Errorf("the page does not say Bình was kept: %s", page)
			}
			for i, want := range []bool{true, true, false, true} {
				if got := regexp.MustCompile(`value="` + id(members[i].ID) + `" checked`).MatchString(page); got != want {
					t.Errorf("%s present: %t, want %t", members[i].FullName, got, want)
				}
			}
			// Dung back off, as the district would untick her, for the figures below.
			if res := staff.post(roster, rosterForm(staff.get(roster).body, members[0].ID, members[1].ID)); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("district: %d %s", res.StatusCode, res.message())
			}
		})

		t.Run("the district's roster form does not tick again someone the secretary took off after it was opened, and says so", func(t *testing.T) {
			roster, cellRoster := confPath+"/roster?unit="+unitID(district), confPath+"/roster?unit="+unitID(cellA)
			opened := staff.get(roster).body
			// Meanwhile the secretary ticks Cường, then takes him off.
			for _, ticked := range [][]int64{{members[0].ID, members[1].ID, members[2].ID}, {members[0].ID, members[1].ID}} {
				if res := secretary.post(cellRoster, rosterForm(secretary.get(cellRoster).body, ticked...)); res.StatusCode != http.StatusSeeOther {
					t.Fatalf("the secretary marks: %d %s", res.StatusCode, res.message())
				}
			}
			// The district, on the page opened before, ticks Cường.
			res := staff.post(roster, rosterForm(opened, members[0].ID, members[1].ID, members[2].ID))
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("district: %d %s", res.StatusCode, res.message())
			}
			page := staff.get(res.Header.Get("Location")).body
			if !strings.Contains(page, "Chưa ghi có mặt vì có người đã đánh dấu vắng") || !strings.Contains(page, "Lê Văn Cường") {
				t.Errorf("the page does not say Cường stayed absent: %s", page)
			}
			if regexp.MustCompile(`value="` + id(members[2].ID) + `" checked`).MatchString(page) {
				t.Errorf("Cường is ticked again")
			}
		})

		t.Run("the secretary cannot mark a cell that is not theirs and nothing changes", func(t *testing.T) {
			res := secretary.post(confPath+"/roster?unit="+unitID(cellB), url.Values{"present": {id(members[3].ID)}})
			if res.StatusCode != http.StatusForbidden {
				t.Errorf("mark another cell: %d", res.StatusCode)
			}
		})

		t.Run("the headcount of the people is recorded at a bridge point", func(t *testing.T) {
			confID, _ := strconv.ParseInt(strings.TrimPrefix(confPath, "/conferences/"), 10, 64)
			conf, err := a.db.FindConferenceByID(a.admin(), confID)
			if err != nil {
				t.Fatal(err)
			}
			res := secretary.post("/bridge-points/"+id(conf.BridgePoints[0].ID)+"/headcount",
				url.Values{"conference_id": {id(conf.ID)}, "counted_masses": {"85"}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("headcount: %d %s", res.StatusCode, res.message())
			}
			res = secretary.post("/bridge-points/"+id(conf.BridgePoints[0].ID)+"/headcount",
				url.Values{"conference_id": {id(conf.ID)}, "counted_masses": {"tám mươi"}})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.message(), "Quần chúng") {
				t.Errorf("a headcount that is no number: %d %s", res.StatusCode, res.message())
			}
		})

		t.Run("the conference shows present / expected per bridge point, by level and in total, roster and QR apart", func(t *testing.T) {
			res := viewer.get(confPath)
			// Both points are hosted by cells: one line for the level, one for the total. An
			// and Bình were ticked on the roster of cell 1, where 4 members were expected.
			if n := strings.Count(res.body, "85 / 160"); n != 2 || strings.Count(res.body, "2 / 5") != 2 {
				t.Errorf("level totals: %d lines of 85 / 160: %s", n, res.message())
			}
			point := func(name string) string {
				for _, tr := range strings.Split(res.body, "<tr") {
					if strings.Contains(tr, `<td class="name">`+name) {
						return tr
					}
				}
				return ""
			}
			if p := point("Chi bộ khu phố 1"); !strings.Contains(p, "2 / 4") || !strings.Contains(p, "danh sách 2 · QR 0") || !strings.Contains(p, "85 / 100") {
				t.Errorf("bridge point of cell 1: %s", p)
			}
			if p := point("Chi bộ khu phố 2"); !strings.Contains(p, "0 / 1") || !strings.Contains(p, "0 / 60") {
				t.Errorf("bridge point of cell 2: %s", p)
			}
			if strings.Contains(res.body, "/ —") {
				t.Error("a roster audience still shows no attendance")
			}
		})

		t.Run("the district sees the rates, rolled up, coloured against the target", func(t *testing.T) {
			res := viewer.get(campPath + "?unit=" + unitID(ward))
			// Members: 2 of 5 (40%, behind 95%); the people: 85 of 160 (53,1%).
			for _, want := range []string{"40%", "2/5", "53,1%", "85/160", "1/1"} {
				if !strings.Contains(res.body, want) {
					t.Errorf("ward dashboard lacks %q", want)
				}
			}
			if !strings.Contains(res.body, `class="stat behind"><b>40%`) {
				t.Error("40% is not marked behind the target")
			}
			if strings.Contains(res.body, "Tổ dân phố 1") || !strings.Contains(res.body, "Không hiện 1 đơn vị") {
				t.Error("a unit with nobody of the audiences is listed, or not said to be left out")
			}
			if !regexp.MustCompile(`class="num ontarget"[^>]*>85%`).MatchString(res.body) {
				t.Error("the cell's 85% of the people is not marked as meeting the 80% target")
			}
			res = viewer.get(campPath)
			if !strings.Contains(res.body, "1/2") || !strings.Contains(res.body, "Đảng ủy phường Tân Lập") {
				t.Error("the district dashboard does not show 1 of 2 wards organised and the late ward")
			}
		})

		t.Run("the list of who has not attended yet", func(t *testing.T) {
			res := viewer.get(campPath + "/not-attended?unit=" + unitID(cellA))
			if !strings.Contains(res.body, "Lê Văn Cường") || !strings.Contains(res.body, "Phạm Thị Dung") || strings.Contains(res.body, "Nguyễn Văn An") {
				t.Errorf("not attended: %s", res.message())
			}
			// Page by page: the second of two is reached from the first.
			first := viewer.get(campPath + "/not-attended?unit=" + unitID(cellA) + "&limit=1")
			next := regexp.MustCompile(`href="([^"]*offset=1[^"]*)" rel="next"`).FindStringSubmatch(first.body)
			if next == nil || strings.Count(first.body, `<td class="name">`) != 1 {
				t.Fatalf("first page of one: %s", first.message())
			}
			second := viewer.get(strings.ReplaceAll(next[1], "&amp;", "&"))
			if !strings.Contains(second.body, `rel="prev"`) || strings.Contains(second.body, `rel="next"`) {
				t.Errorf("second page: %s", second.message())
			}
		})

		t.Run("the export opens as a spreadsheet with the same figures", func(t *testing.T) {
			res := viewer.get(campPath + "/export.xlsx?unit=" + unitID(ward))
			if res.StatusCode != http.StatusOK {
				t.Fatalf("export: %d %s", res.StatusCode, res.message())
			}
			f, err := excelize.OpenReader(bytes.NewReader([]byte(res.body)))
			if err != nil {
				t.Fatal(err)
			}
			rows, err := f.GetRows(f.GetSheetName(0))
			if err != nil {
				t.Fatal(err)
			}
			text := ""
			for _, r := range rows {
				text += strings.Join(r, "|") + "\n"
			}
			// A rate is a number formatted as a percentage, whatever the reader's locale.
			for _, want := range []string{"Đảng ủy phường Bình An|2|2|5|40.0%|85|160|53.1%|1|1|1", "Chi bộ khu phố 1|2|2|4|50.0%", "Đảng viên: tỉ lệ (chỉ tiêu 95%)",
				"Đảng viên: số người đã tham gia|Đảng viên: lượt người tham dự|Đảng viên: số người trong danh sách", "Quần chúng: lượt người có mặt|Quần chúng: lượt người dự kiến tại điểm cầu"} {
				if !strings.Contains(text, want) {
					t.Errorf("export lacks %q:\n%s", want, text)
				}
			}
		})

		t.Run("the dashboard page, its export and the API give the figure service's numbers", func(t *testing.T) {
			want, err := newFigures(a.db).Participation(a.admin(), mustID(t, campPath), ward.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Children) == 0 || want.Total.Audiences[0].Took == 0 {
				t.Fatalf("nothing to compare: %+v", want)
			}
			checkDashboardPage(t, viewer.get(campPath+"?unit="+unitID(ward)).body, want)
			checkDashboardExport(t, viewer.get(campPath+"/export.xlsx?unit="+unitID(ward)).body, want)
			var api participationBody
			a.api("xemquan").get("/api/v1" + campPath + "/participation?unit=" + unitID(ward)).decode(&api)
			if !reflect.DeepEqual(api.Total, want.Total) || !reflect.DeepEqual(api.Children, want.Children) ||
				api.AsOf != want.AsOf.Format(time.DateOnly) || len(api.Late) != len(want.Late) {
				t.Errorf("API %+v\nfigure service %+v", api, want)
			}
		})

		t.Run("a headcount of a million where 100 were expected is refused, and one above 100% is a warning everywhere", func(t *testing.T) {
			conf, err := a.db.FindConferenceByID(a.admin(), mustID(t, confPath))
			if err != nil {
				t.Fatal(err)
			}
			headcount := func(n string) *response {
				return secretary.post("/bridge-points/"+id(conf.BridgePoints[0].ID)+"/headcount",
					url.Values{"conference_id": {id(conf.ID)}, "counted_masses": {n}})
			}
			if res := headcount("1.000.000"); res.StatusCode != http.StatusUnprocessableEntity ||
				!strings.Contains(res.message(), "Chi bộ khu phố 1") || !strings.Contains(res.message(), "Quần chúng") {
				t.Errorf("a million: %d %s", res.StatusCode, res.message())
			}
			if res := headcount("120"); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("120 of 100: %d %s", res.StatusCode, res.message())
			}
			const note = "Vượt số dự kiến — kiểm tra lại"
			res := viewer.get(campPath + "?unit=" + unitID(ward))
			if !regexp.MustCompile(`class="num exceeded"[^>]*>`+note).MatchString(res.body) || strings.Contains(res.body, "120%") {
				t.Errorf("the cell's 120 of 100 is not a warning on the page: %s", res.message())
			}
			var p struct {
				Children []struct {
					UnitName  string `json:"unit_name"`
					Audiences []struct {
						Category tuyengiao.Category
						Exceeded bool
					}
				}
			}
			a.api("xemquan").get("/api/v1" + campPath + "/participation?unit=" + unitID(ward)).decode(&p)
			for _, c := range p.Children {
				for _, au := range c.Audiences {
					if want := c.UnitName == "Chi bộ khu phố 1" && au.Category == tuyengiao.CategoryMasses; au.Exceeded != want {
						t.Errorf("API: %s %s exceeded %t", c.UnitName, au.Category, au.Exceeded)
					}
				}
			}
			export := viewer.get(campPath + "/export.xlsx?unit=" + unitID(ward))
			f, err := excelize.OpenReader(strings.NewReader(export.body))
			if err != nil {
				t.Fatal(err)
			}
			rows, _ := f.GetRows(f.GetSheetName(0))
			if i := slices.IndexFunc(rows, func(r []string) bool { return r[0] == "P1CB1" }); i < 0 || !slices.Contains(rows[i], note) {
				t.Errorf("the export's line of the cell: %v", rows)
			}
			if res := headcount("85"); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("back to 85: %d %s", res.StatusCode, res.message())
			}
		})

		t.Run("the QR code is shown to the organisers and the bridge points' hosts, never to a viewer", func(t *testing.T) {
			if res := staff.get(confPath + "/qr.png"); res.StatusCode != http.StatusOK || !strings.HasPrefix(res.body, "\x89PNG") {
				t.Errorf("qr for the district's editor: %d", res.StatusCode)
			}
			if res := secretary.get(confPath + "/qr.png"); res.StatusCode != http.StatusOK {
				t.Errorf("qr for the secretary of a host cell: %d", res.StatusCode)
			}
			if res := viewer.get(confPath + "/qr.png"); res.StatusCode != http.StatusForbidden {
				t.Errorf("qr for a viewer: %d", res.StatusCode)
			}
		})

		// Two more classes An attends: one the cell organises, one the district organises with
		// a bridge point at the cell.
		var classes []string
		for _, organiser := range []*tuyengiao.Unit{cellA, district} {
			res := staff.post("/conferences", url.Values{"campaign_id": {campID}, "unit_id": {unitID(organiser)}, "title": {"Lớp học của " + organiser.Name},
				"day": {vn.Date(today)}, "from": {"00:00"}, "to": {"23:59"}, "form": {"in_person"}, "bridge_points": {"P1CB1; Hội trường chi bộ; 4; 0"}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("create a class of %s: %d %s", organiser.Name, res.StatusCode, res.message())
			}
			classes = append(classes, location(res))
			roster := location(res) + "/roster?unit=" + unitID(cellA)
			if res := secretary.post(roster, rosterForm(secretary.get(roster).body, members[0].ID)); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("tick An at %s: %d %s", organiser.Name, res.StatusCode, res.message())
			}
		}

		t.Run("one member at three classes counts once in người and three times in lượt, on the page, the export and the API", func(t *testing.T) {
			want, err := newFigures(a.db).Participation(a.admin(), mustID(t, campPath), ward.ID)
			if err != nil {
				t.Fatal(err)
			}
			// An at three classes, Bình at one: 2 people of 5, 4 attendances.
			if m := want.Total.Audiences[0]; m.Took != 2 || m.Attendances != 4 || m.Base != 5 || m.Headcount {
				t.Fatalf("members at the ward: %+v", m)
			}
			if m := want.Total.Audiences[1]; !m.Headcount || m.Took != 85 || m.Attendances != 85 || m.Base != 160 {
				t.Errorf("the people at the ward: %+v", m)
			}
			res := viewer.get(campPath + "?unit=" + unitID(ward))
			for _, s := range []string{"Đảng viên: 2/5 người", "4 lượt người tham dự · tỷ lệ trên số người trong danh sách",
				"Quần chúng: 85/160 lượt người", "Tỷ lệ trên số lượt người dự kiến tại các điểm cầu"} {
				if !strings.Contains(res.body, s) {
					t.Errorf("the ward's cards lack %q", s)
				}
			}
			checkDashboardPage(t, res.body, want)
			checkDashboardExport(t, viewer.get(campPath+"/export.xlsx?unit="+unitID(ward)).body, want)
			var api participationBody
			a.api("xemquan").get("/api/v1" + campPath + "/participation?unit=" + unitID(ward)).decode(&api)
			if !reflect.DeepEqual(api.Total, want.Total) || !reflect.DeepEqual(api.Children, want.Children) {
				t.Errorf("API %+v\nfigure service %+v", api, want)
			}
		})

		t.Run("the count of conferences on the card is the length of the list under it", func(t *testing.T) {
			for _, c := range []struct {
				unit                *tuyengiao.Unit
				organised, followed int
			}{{ward, 2, 1}, {cellA, 1, 2}, {cellB, 0, 1}, {district, 3, 0}} {
				res := viewer.get(campPath + "?unit=" + unitID(c.unit))
				card := regexp.MustCompile(`<b>(\d+)</b><span>hội nghị, lớp học do đơn vị và cấp dưới tổ chức`).FindStringSubmatch(res.body)
				if card == nil || card[1] != strconv.Itoa(c.organised) ||
					!strings.Contains(res.body, "Hội nghị, lớp học do đơn vị và cấp dưới tổ chức ("+strconv.Itoa(c.organised)+")") {
					t.Errorf("%s: card %v, want %d and a list of as many", c.unit.Name, card, c.organised)
				}
				if followed := "Hội nghị do cấp trên tổ chức, đơn vị dự tại điểm cầu (" + strconv.Itoa(c.followed) + ")"; c.followed > 0 && !strings.Contains(res.body, followed) {
					t.Errorf("%s lacks %q", c.unit.Name, followed)
				}
			}
		})

		t.Run("the unit's own people are a line of their own, and the lines add up to the total", func(t *testing.T) {
			a.person(district, "Đỗ Văn Hải", tuyengiao.CategoryMember)
			want, err := newFigures(a.db).Participation(a.admin(), mustID(t, campPath), district.ID)
			if err != nil {
				t.Fatal(err)
			}
			sum := want.Own
			sum.Audiences = slices.Clone(want.Own.Audiences)
			for _, c := range want.Children {
				for i, au := range c.Audiences {
					sum.Audiences[i].Took += au.Took
					sum.Audiences[i].Attendances += au.Attendances
					sum.Audiences[i].Base += au.Base
				}
				sum.Required, sum.Organised, sum.Conferences = sum.Required+c.Required, sum.Organised+c.Organised, sum.Conferences+c.Conferences
			}
			sum.HasChildren = want.Total.HasChildren
			if want.Own.Audiences[0].Base != 1 || want.Own.Conferences != 1 || !reflect.DeepEqual(sum, want.Total) {
				t.Errorf("own %+v and the children add up to %+v, not the total %+v", want.Own, sum, want.Total)
			}
			res := viewer.get(campPath + "?unit=" + unitID(district))
			own := regexp.MustCompile(`(?s)<tr class="own">.*?</tr>`).FindString(res.body)
			if !strings.Contains(own, "Trực tiếp tại Quận ủy Đông Hải") || !strings.Contains(own, ">0/1 · 0 lượt") {
				t.Errorf("the district's own line: %q", own)
			}
			if !strings.Contains(res.body, `<tr class="total">`) {
				t.Error("the table has no total line")
			}
		})

		t.Run("every unit line drills down, and the list of who has not attended is a button, filtered by audience and exported", func(t *testing.T) {
			res := viewer.get(campPath + "?unit=" + unitID(ward))
			for _, cell := range []*tuyengiao.Unit{cellA, cellB} {
				if !strings.Contains(res.body, `<a href="`+campPath+`?unit=`+unitID(cell)+`">`+cell.Name+`</a>`) {
					t.Errorf("the line of %s is not a link", cell.Name)
				}
				if !strings.Contains(res.body, `class="button secondary small" href="`+campPath+`/not-attended?unit=`+unitID(cell)+`"`) {
					t.Errorf("the line of %s has no button to its list of who has not attended", cell.Name)
				}
			}
			if !strings.Contains(res.body, `<a class="button" href="`+campPath+`/not-attended?unit=`+unitID(ward)+`">Xem người chưa tham gia</a>`) {
				t.Error("no button to the ward's list of who has not attended")
			}
			list := viewer.get(campPath + "/not-attended?unit=" + unitID(ward) + "&category=member")
			if !strings.Contains(list.body, "Lê Văn Cường") || !strings.Contains(list.body, "Hoàng Văn Em") || strings.Contains(list.body, "Nguyễn Văn An") ||
				!strings.Contains(list.body, `<option value="member" selected>`) {
				t.Errorf("members who have not attended: %s", list.message())
			}
			if res := viewer.get(campPath + "/not-attended?unit=" + unitID(ward) + "&category=masses"); res.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("a headcount audience has no such list: %d", res.StatusCode)
			}
			export := viewer.get(campPath + "/not-attended.xlsx?unit=" + unitID(ward) + "&category=member")
			f, err := excelize.OpenReader(strings.NewReader(export.body))
			if err != nil {
				t.Fatalf("the export does not open: %v (%d %s)", err, export.StatusCode, export.message())
			}
			rows, _ := f.GetRows(f.GetSheetName(0))
			text := ""
			for _, r := range rows {
				text += strings.Join(r, "|") + "\n"
			}
			for _, name := range []string{"Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"} {
				if !strings.Contains(text, name) {
					t.Errorf("the export lacks %s:\n%s", name, text)
				}
			}
			if strings.Contains(text, "Nguyễn Văn An") || strings.Contains(text, "Vũ Thị Giang") {
				t.Errorf("the export lists someone who attended or is of no roster audience:\n%s", text)
			}
			recs, _, err := a.db.FindAuditRecords(a.admin(), tuyengiao.AuditFilter{Action: "attendance.not_attended", Limit: 1})
			if err != nil || len(recs) == 0 || !strings.Contains(recs[0].Detail, "category=member") {
				t.Errorf("the export's read is not audited: %v %v", recs, err)
			}
			recs, _, err = a.db.FindAuditRecords(a.admin(), tuyengiao.AuditFilter{Action: "person.export", Limit: 1})
			if err != nil || len(recs) == 0 || recs[0].Object != "campaign:"+strings.TrimPrefix(campPath, "/campaigns/") || recs[0].UnitID != ward.ID ||
				recs[0].Detail != "count=3 category=member status=active query=false" {
				t.Errorf("the export is not in the audit's exports, naming the campaign: %+v %v", recs, err)
			}
		})
	})
}

// checkDashboardPage checks that the dashboard page shows the figures of want: the total's
// rates and units, and each child's line.
func checkDashboardPage(t *testing.T, body string, want *tuyengiao.CampaignParticipation) {
	t.Helper()
	for _, a := range want.Total.Audiences {
		if s := a.Category.Name() + ": " + vn.Int(a.Took) + "/" + vn.Int(a.Base); !strings.Contains(body, s) {
			t.Errorf("the page's total lacks %q", s)
		}
	}
	if s := "<b>" + vn.Int(want.Total.Organised) + "/" + vn.Int(want.Total.Required) + "</b>"; !strings.Contains(body, s) {
		t.Errorf("the page's total lacks %q", s)
	}
	for _, row := range want.Children {
		line := ""
		for _, tr := range strings.Split(body, "<tr") {
			if strings.Contains(tr, ">"+row.UnitName+"</a></td>") {
				line = tr
			}
		}
		for _, a := range row.Audiences {
			s := ">" + vn.Int(a.Took) + "/" + vn.Int(a.Base)
			if !a.Headcount {
				s += " · " + vn.Int(a.Attendances) + " lượt"
			}
			if !strings.Contains(line, s) {
				t.Errorf("the page's line of %s lacks %q: %s", row.UnitName, s, line)
			}
		}
		if s := ">" + vn.Int(row.Organised) + "/" + vn.Int(row.Required) + "</td>"; !strings.Contains(line, s) {
			t.Errorf("the page's line of %s lacks %q: %s", row.UnitName, s, line)
		}
	}
}

// checkDashboardExport checks that the XLSX export has a line of the figures of want's total
// and of each of its children, by unit code.
func checkDashboardExport(t *testing.T, body string, want *tuyengiao.CampaignParticipation) {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range append([]tuyengiao.ParticipationRow{want.Total}, want.Children...) {
		wantCells := []string{row.UnitCode, row.UnitName}
		for _, a := range row.Audiences {
			if a.Headcount {
				wantCells = append(wantCells, strconv.FormatInt(a.Took, 10), strconv.FormatInt(a.Base, 10), "rate")
			} else {
				wantCells = append(wantCells, strconv.FormatInt(a.Took, 10), strconv.FormatInt(a.Attendances, 10), strconv.FormatInt(a.Base, 10), "rate")
			}
		}
		wantCells = append(wantCells, strconv.FormatInt(row.Required, 10), strconv.FormatInt(row.Organised, 10),
			strconv.FormatInt(row.Conferences, 10))
		i := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == row.UnitCode })
		if i < 0 || len(rows[i]) != len(wantCells) {
			t.Errorf("the export has no line of %d cells for %s: %v", len(wantCells), row.UnitCode, rows)
			continue
		}
		for c, cell := range rows[i] {
			if wantCells[c] != "rate" && cell != wantCells[c] {
				t.Errorf("the export's %s, column %d: %q, want %q", row.UnitCode, c+1, cell, wantCells[c])
			}
		}
	}
}

// TestRosterOfAUnitOutsideTheUsersAttendance checks that one who takes attendance in a cell
// of one ward and views the district opens, on screen and to print, the roster of a cell of
// another ward's campaign, which their own cell is no part of.
func TestRosterOfAUnitOutsideTheUsersAttendance(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		district := a.unit(nil, "Q1", "Quận ủy Đông Hải", "quan_uy")
		p1 := a.unit(district, "P1", "Đảng ủy phường Bình An", "dang_uy_phuong")
		cell1 := a.unit(p1, "P1CB1", "Chi bộ khu phố 1", "chi_bo")
		p2 := a.unit(district, "P2", "Đảng ủy phường Tân Lập", "dang_uy_phuong")
		cell2 := a.unit(p2, "P2CB1", "Chi bộ Tân Lập 1", "chi_bo")
		a.person(cell1, "Nguyễn Văn An", tuyengiao.CategoryMember)
		u := &tuyengiao.User{Login: "bithu2", DisplayName: "bithu2", Grants: []tuyengiao.Grant{
			{Role: tuyengiao.RoleEditor, UnitID: cell2.ID}, {Role: tuyengiao.RoleViewer, UnitID: district.ID}}}
		if err := a.db.CreateUser(a.admin(), u, testPassword); err != nil {
			t.Fatal(err)
		}
		today := a.db.Now().In(vn.Zone)
		day := func(d int) tuyengiao.Date {
			y, m, dd := today.AddDate(0, 0, d).Date()
			return tuyengiao.Date{Time: time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)}
		}
		c := &tuyengiao.Campaign{UnitID: p1.ID, Title: "Học tập Nghị quyết 35", StartOn: day(-7), EndOn: day(30),
			Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember, Target: 95}}}
		if err := a.db.CreateCampaign(a.admin(), c); err != nil {
			t.Fatal(err)
		}
		f := &tuyengiao.Conference{CampaignID: c.ID, UnitID: p1.ID, Title: "Hội nghị quán triệt", StartsAt: today.Add(-time.Hour),
			EndsAt: today.Add(time.Hour), Form: tuyengiao.FormInPerson, BridgePoints: []tuyengiao.BridgePoint{{UnitID: p1.ID}}}
		if err := a.db.CreateConference(a.admin(), f); err != nil {
			t.Fatal(err)
		}
		viewer := a.login("bithu2")
		for _, q := range []string{"", "&print=1"} {
			res := viewer.get("/conferences/" + id(f.ID) + "/roster?unit=" + unitID(cell1) + q)
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Nguyễn Văn An") {
				t.Errorf("roster of %s%s: %d %s", cell1.Name, q, res.StatusCode, res.message())
			}
			if !regexp.MustCompile(`<script src="/static/roster\.[0-9a-f]{10}\.js" defer>`).MatchString(res.body) {
				t.Errorf("the roster%s links no script under its hashed name", q)
			}
		}
	})
}
