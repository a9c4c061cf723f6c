package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// contestClock is a clock a test moves, for the database and the pages alike.
type contestClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *contestClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *contestClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// bankXLSX writes a question bank spreadsheet of rows under the template's headers.
func bankXLSX(t *testing.T, rows [][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	header := []string{"Chủ đề", "Câu hỏi", "Loại", "Phương án A", "Phương án B", "Phương án C", "Đáp án", "Giải thích", "Văn bản"}
	for i, row := range append([][]string{header}, rows...) {
		cells := make([]any, len(row))
		for j, v := range row {
			cells[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &cells); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var contestLocation = regexp.MustCompile(`^/contests/(\d+)\?ok=created$`)

func TestContestAdmin(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		clock := &contestClock{now: time.Now().UTC().Truncate(time.Minute)}
		a.db.Now = clock.Now
		start := clock.Now()
		city := a.unit(nil, "TP", "Thành ủy", "thanh_uy")
		district := a.unit(city, "Q1", "Quận ủy 1", "quan_uy")
		ward := a.unit(district, "Q1P1", "Đảng ủy phường 1", "dang_uy_phuong")
		a.user("btg.q1", tuyengiao.RoleEditor, district)
		a.user("xem.q1", tuyengiao.RoleViewer, district)
		doc := &tuyengiao.Document{Symbol: "35-NQ/TW", Title: "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng", Fields: []string{"tuyen_truyen"}, UnitID: city.ID}
		if err := a.db.CreateDocument(a.admin(), doc); err != nil {
			t.Fatal(err)
		}
		editor := a.login("btg.q1")
		minute := func(t time.Time) string { return vn.DateTime(t) }
		week := 7 * 24 * time.Hour
		open1 := start.Add(time.Hour)
		form := url.Values{"unit_id": {id(district.ID)}, "title": {"Tìm hiểu Nghị quyết 35-NQ/TW"}, "rules": {"Mỗi tuần một vòng thi."},
			"consent": {"Tôi đồng ý cung cấp họ tên, năm sinh, số điện thoại."}, "retention_days": {"180"},
			"time_minutes": {"10"}, "time_seconds": {"30"}, "attempts_per_round": {"2"}, "counts": {"best"},
			"show_answers": {"after_close"}, "prediction": {"all_correct"}, "prediction_text": {"Có bao nhiêu bài đúng tất cả?"},
			"rank": {"prediction", "duration", "submitted"}, "prize_name": {"Giải Nhất", "Giải Nhì", ""}, "prize_count": {"1", "2", ""},
			"unit_prize": {"share"}, "unit_prizes": {"2"},
			"round_opens": {minute(open1), minute(open1.Add(week)), ""}, "round_closes": {minute(open1.Add(week)), minute(open1.Add(2 * week)), ""}}
		var contestID int64

		t.Run("creates a contest with its rounds", func(t *testing.T) {
			if res := editor.get("/contests/new"); res.StatusCode != http.StatusOK {
				t.Fatalf("new: %d %s", res.StatusCode, res.message())
			}
			bad := url.Values{}
			for k, v := range form {
				bad[k] = v
			}
			bad["round_opens"] = []string{"31/02/2026 25:00"}
			if res := editor.post("/contests", bad); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "31/02/2026 25:00") {
				t.Errorf("a bad round time: %d %s", res.StatusCode, res.message())
			}
			res := editor.post("/contests", form)
			m := contestLocation.FindStringSubmatch(res.Header.Get("Location"))
			if res.StatusCode != http.StatusSeeOther || m == nil {
				t.Fatalf("create: %d %s", res.StatusCode, res.message())
			}
			fmt.Sscan(m[1], &contestID)
			c, err := a.db.ContestStore().FindContestByID(a.admin(), contestID)
			if err != nil || len(c.Rounds) != 2 || c.TimeLimit != 630 || len(c.Prizes) != 2 || len(c.Ranking) != 4 || c.Ranking[1] != tuyengiao.RankPrediction {
				t.Fatalf("stored %+v, %v", c, err)
			}
			if page := editor.get("/contests/" + id(contestID)); page.StatusCode != http.StatusOK || !strings.Contains(page.body, "Chưa mở") {
				t.Errorf("contest page: %d %s", page.StatusCode, page.message())
			}
			if list := a.login("xem.q1").get("/contests"); !strings.Contains(list.body, "Tìm hiểu Nghị quyết 35-NQ/TW") {
				t.Errorf("a viewer of the district does not see it listed: %s", list.message())
			}
		})
		bank := "/contests/" + id(contestID) + "/questions"
		good := [][]string{
			{"Lịch sử Đảng", "Đảng Cộng sản Việt Nam ra đời năm nào?", "", "1925", "1930", "1945", "B", "Ngày 3/2/1930.", ""},
			{"Lịch sử Đảng", "Đại hội XIII của Đảng họp năm nào?", "", "2016", "2021", "2026", "B", "", ""},
			{"Nghị quyết 35", "Nghị quyết 35-NQ/TW bàn về nội dung nào?", "", "Kinh tế", "Bảo vệ nền tảng tư tưởng", "Quốc phòng", "B", "", "35-NQ/TW"},
			{"Nghị quyết 35", "Những hình thức nào góp phần bảo vệ nền tảng tư tưởng?", "", "Tuyên truyền", "Đấu tranh phản bác", "Im lặng", "A, B", "", ""},
		}

		t.Run("imports a bank from XLSX, all or nothing", func(t *testing.T) {
			tmpl := editor.get("/contests/questions/template.xlsx")
			if _, err := excelize.OpenReader(strings.NewReader(tmpl.body)); tmpl.StatusCode != http.StatusOK || err != nil {
				t.Fatalf("template: %d %v", tmpl.StatusCode, err)
			}
			rows := append([][]string{}, good...)
			rows = append(rows, []string{"Nghị quyết 35", "Câu hỏi có đáp án lạ?", "", "Có", "Không", "", "E", "", ""},
				[]string{"Nghị quyết 35", "Câu hỏi dẫn văn bản chưa có?", "", "Có", "Không", "", "A", "", "99-NQ/TW"})
			res := editor.upload(bank+"/import", nil, "ngan-hang.xlsx", bankXLSX(t, rows))
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Dòng 6") || !strings.Contains(res.body, "Dòng 7") ||
				!strings.Contains(res.body, "99-NQ/TW") {
				t.Fatalf("bad rows: %d %s", res.StatusCode, res.message())
			}
			if _, n, _ := a.db.ContestStore().Questions(a.admin(), contestID, 0, 10); n != 0 {
				t.Fatalf("%d questions stored from a file with bad rows", n)
			}
			res = editor.upload(bank+"/import", nil, "ngan-hang.xlsx", bankXLSX(t, good))
			m := regexp.MustCompile(`/questions/import/(\d+)/commit`).FindStringSubmatch(res.body)
			if res.StatusCode != http.StatusOK || m == nil {
				t.Fatalf("good file: %d %s", res.StatusCode, res.message())
			}
			if res := editor.post(bank+"/import/"+m[1]+"/commit", url.Values{}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("commit: %d %s", res.StatusCode, res.message())
			}
			qs, n, err := a.db.ContestStore().Questions(a.admin(), contestID, 0, 10)
			if err != nil || n != 4 || qs[2].DocumentID != doc.ID || !qs[3].Multiple {
				t.Fatalf("stored %d questions %+v, %v", n, qs, err)
			}
			if page := editor.get(bank); !strings.Contains(page.body, "Đại hội XIII") {
				t.Errorf("the bank does not list its questions")
			}
		})

		t.Run("sets the draw from the bank's categories", func(t *testing.T) {
			cats, err := a.db.ContestStore().Categories(a.admin(), contestID)
			if err != nil || len(cats) != 2 {
				t.Fatalf("categories %+v, %v", cats, err)
			}
			draw := url.Values{"draw_sent": {"1"}, "draw_" + id(cats[0].ID): {"3"}}
			if res := editor.post("/contests/"+id(contestID), draw); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "ít hơn 3") {
				t.Errorf("a draw above the bank: %d %s", res.StatusCode, res.message())
			}
			draw = url.Values{"draw_sent": {"1"}, "draw_" + id(cats[0].ID): {"2"}, "draw_" + id(cats[1].ID): {"1"}}
			if res := editor.post("/contests/"+id(contestID), draw); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("draw: %d %s", res.StatusCode, res.message())
			}
			c, _ := a.db.ContestStore().FindContestByID(a.admin(), contestID)
			if c.Questions() != 3 || c.Rules != "Mỗi tuần một vòng thi." {
				t.Errorf("after the draw: %d questions, rules %q", c.Questions(), c.Rules)
			}
		})

		// Two contestants take part in the first round: the first answers everything right.
		clock.set(open1.Add(time.Minute))
		store := a.db.ContestStore()
		ctx := context.Background()
		right := map[string]string{}
		for _, row := range good {
			right[row[1]] = row[3+int(row[6][0]-'A')]
		}
		var people []*tuyengiao.Contestant
		for i, name := range []string{"Nguyễn Văn An", "Trần Thị Bình"} {
			p := &tuyengiao.Contestant{ContestID: contestID, FullName: name, BirthYear: 1990, Phone: fmt.Sprintf("091234567%d", i), UnitID: ward.ID, Client: "203.0.113.7"}
			if err := store.Register(ctx, p, "123456"); err != nil {
				t.Fatal(err)
			}
			att, err := store.StartAttempt(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			for pos, q := range att.Questions {
				for j, o := range q.Options {
					if (o == right[q.Text]) == (i == 0) {
						store.SaveAnswer(ctx, p.ID, att.ID, pos, 1<<j)
						break
					}
				}
			}
			clock.set(clock.Now().Add(2 * time.Minute))
			if _, err := store.Submit(ctx, p.ID, att.ID, 1); err != nil {
				t.Fatal(err)
			}
			people = append(people, p)
		}

		// The sessions of the clock's start have expired by now.
		editor = a.login("btg.q1")
		t.Run("refuses a change of the rules once frozen", func(t *testing.T) {
			edit := editor.get("/contests/" + id(contestID) + "/edit")
			if !strings.Contains(edit.body, "không còn sửa được") || strings.Contains(edit.body, `name="rules"`) {
				t.Errorf("the edit page of a frozen contest offers its rules: %s", edit.message())
			}
			res := editor.post("/contests/"+id(contestID), url.Values{"title": {"Tìm hiểu Nghị quyết 35"}, "rules": {"Thể lệ mới."}})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Vòng thi đầu tiên đã mở nên không sửa được thể lệ") {
				t.Errorf("rules changed once frozen: %d %s", res.StatusCode, res.message())
			}
			if res := editor.post("/contests/"+id(contestID), url.Values{"title": {"Tìm hiểu Nghị quyết 35"}}); res.StatusCode != http.StatusSeeOther {
				t.Errorf("the title of a frozen contest: %d %s", res.StatusCode, res.message())
			}
		})

		closeURL := "/contests/" + id(contestID) + "/rounds/1/close"
		t.Run("closes a round only once it is over", func(t *testing.T) {
			clock.set(open1.Add(week).Add(time.Second))
			editor = a.login("btg.q1")
			res := editor.post(closeURL, url.Values{})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "mới tổng hợp kết quả được") {
				t.Fatalf("too early: %d %s", res.StatusCode, res.message())
			}
			if res := a.login("xem.q1").post(closeURL, url.Values{}); res.StatusCode != http.StatusForbidden {
				t.Errorf("a viewer closes the round: %d", res.StatusCode)
			}
			clock.set(open1.Add(week).Add(time.Minute))
			if res := editor.post(closeURL, url.Values{}); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("on time: %d %s", res.StatusCode, res.message())
			}
			results := editor.get("/contests/" + id(contestID) + "/rounds/1/results")
			first, second := strings.Index(results.body, "Nguyễn Văn An"), strings.Index(results.body, "Trần Thị Bình")
			if results.StatusCode != http.StatusOK || first < 0 || second < first || !strings.Contains(results.body, "Giải Nhất") {
				t.Errorf("results: %d %s", results.StatusCode, results.message())
			}
			if !strings.Contains(results.body, "Đảng ủy phường 1") || !strings.Contains(results.body, "<svg") {
				t.Errorf("the results lack the units' figures or the chart")
			}
			if !strings.Contains(results.body, "Thống kê câu hỏi") || !strings.Contains(results.body, "Tỷ lệ đúng") {
				t.Errorf("the results lack the questions' figures")
			}
		})

		t.Run("exports the ranking without phones", func(t *testing.T) {
			res := editor.get("/contests/" + id(contestID) + "/rounds/1/results.xlsx")
			f, err := excelize.OpenReader(strings.NewReader(res.body))
			if res.StatusCode != http.StatusOK || err != nil {
				t.Fatalf("export: %d %v", res.StatusCode, err)
			}
			rows, err := f.GetRows(f.GetSheetName(0))
			if err != nil || len(rows) < 3 {
				t.Fatalf("rows %v, %v", rows, err)
			}
			all := fmt.Sprint(rows)
			if strings.Contains(strings.ToLower(all), "điện thoại") || strings.Contains(all, "0912345670") || strings.Contains(all, "0912 345 670") {
				t.Errorf("the export holds phones: %v", rows[0])
			}
			if !strings.Contains(all, "Nguyễn Văn An") || !strings.Contains(all, "Giải Nhất") {
				t.Errorf("the export lacks the winner: %v", rows)
			}
		})
		t.Run("exports the contestants with their phones for the organiser", func(t *testing.T) {
			res := editor.get("/contests/" + id(contestID) + "/contestants.xlsx")
			f, err := excelize.OpenReader(strings.NewReader(res.body))
			if res.StatusCode != http.StatusOK || err != nil {
				t.Fatalf("export: %d %v", res.StatusCode, err)
			}
			rows, err := f.GetRows(f.GetSheetName(0))
			all := fmt.Sprint(rows)
			if err != nil || !strings.Contains(all, "Nguyễn Văn An") || !strings.Contains(all, "Số điện thoại") || !strings.Contains(all, "0912 345 670") {
				t.Fatalf("rows %v, %v", rows, err)
			}
		})

		t.Run("finds a contestant and resets their PIN", func(t *testing.T) {
			list := editor.get("/contests/" + id(contestID) + "/contestants?q=0912345671")
			if !strings.Contains(list.body, "Trần Thị Bình") || strings.Contains(list.body, "Nguyễn Văn An") {
				t.Errorf("search by phone: %s", list.message())
			}
			pinURL := "/contests/" + id(contestID) + "/contestants/" + id(people[1].ID) + "/pin"
			if res := editor.post(pinURL, url.Values{"pin": {"12"}}); res.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("a short PIN: %d", res.StatusCode)
			}
			if res := editor.post(pinURL, url.Values{"pin": {"654321"}}); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "654321") {
				t.Errorf("reset: %d %s", res.StatusCode, res.message())
			}
			if _, err := store.SignIn(ctx, contestID, people[1].Phone, "654321"); err != nil {
				t.Errorf("sign in with the new PIN: %v", err)
			}
			if res := editor.get("/contests/" + id(contestID) + "/suspicious"); res.StatusCode != http.StatusOK {
				t.Errorf("suspicious: %d %s", res.StatusCode, res.message())
			}
		})

		t.Run("serves the same through the API", func(t *testing.T) {
			api := a.api("btg.q1")
			var c tuyengiao.Contest
			res := api.json("GET", "/api/v1/contests/"+id(contestID), nil)
			if res.decode(&c); c.Title != "Tìm hiểu Nghị quyết 35" || len(c.Rounds) != 2 || c.Rounds[0].ClosedAt.IsZero() {
				t.Errorf("get: %+v", c)
			}
			var ranking struct {
				Items []tuyengiao.RankedEntry
				Total int
			}
			api.json("GET", "/api/v1/contests/"+id(contestID)+"/rounds/1/ranking", nil).decode(&ranking)
			if ranking.Total != 2 || ranking.Items[0].FullName != "Nguyễn Văn An" || ranking.Items[0].Prize != "Giải Nhất" {
				t.Errorf("ranking %+v", ranking)
			}
			if res := api.json("POST", "/api/v1/contests/"+id(contestID)+"/rounds/1/close", nil); res.StatusCode != http.StatusConflict {
				t.Errorf("a second close: %d %s", res.StatusCode, res.body)
			}
			if res := api.json("GET", "/api/v1/contests/"+id(contestID)+"/stats?round=1", nil); res.StatusCode != http.StatusOK {
				t.Errorf("stats: %d %s", res.StatusCode, res.body)
			}
		})
	})
}
