package main

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// memberAccount creates the member account of the person, holding the member role at the
// person's unit, with testPassword.
func (a *testApp) memberAccount(login string, p *tuyengiao.Person) *tuyengiao.User {
	a.t.Helper()
	u := &tuyengiao.User{Login: login, DisplayName: p.FullName, PersonID: p.ID,
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleMember, UnitID: p.UnitID}}}
	if err := a.db.CreateUser(a.admin(), u, testPassword); err != nil {
		a.t.Fatal(err)
	}
	return u
}

// reviewerAccount creates the account that reviews the essays of the unit, linked to a new
// party member of it named name: the reviewer role goes only to a person of that unit.
func (a *testApp) reviewerAccount(login, name string, at *tuyengiao.Unit) *tuyengiao.User {
	a.t.Helper()
	p := a.person(at, name, tuyengiao.CategoryMember)
	u := &tuyengiao.User{Login: login, DisplayName: name, PersonID: p.ID,
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleReviewer, UnitID: at.ID}}}
	if err := a.db.CreateUser(a.admin(), u, testPassword); err != nil {
		a.t.Fatal(err)
	}
	return u
}

// essayWorld is a district with a ward and two cells, a campaign of the district asking an
// essay due in a week, and the people and accounts the essay tests use.
type essayWorld struct {
	district, ward, cellA, cellB *tuyengiao.Unit
	lan, an                      *tuyengiao.Person
	campaign                     *tuyengiao.Campaign
	doc                          *tuyengiao.Document
}

func newEssayWorld(t *testing.T, a *testApp) *essayWorld {
	t.Helper()
	w := &essayWorld{}
	w.district = a.unit(nil, "Q1", "Quận ủy Đông Hải", "quan_uy")
	w.ward = a.unit(w.district, "P1", "Đảng ủy phường Bình An", "dang_uy_phuong")
	w.cellA = a.unit(w.ward, "P1CB1", "Chi bộ khu phố 1", "chi_bo")
	w.cellB = a.unit(w.ward, "P1CB2", "Chi bộ khu phố 2", "chi_bo")
	w.lan = a.person(w.cellA, "Nguyễn Thị Lan", tuyengiao.CategoryMember)
	w.an = a.person(w.cellA, "Trần Văn An", tuyengiao.CategoryMember)
	w.doc = &tuyengiao.Document{Symbol: "35-NQ/TW", Title: "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng", UnitID: w.district.ID}
	if err := a.db.CreateDocument(a.admin(), w.doc); err != nil {
		t.Fatal(err)
	}
	y, m, d := a.db.Now().In(vn.Zone).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	w.campaign = &tuyengiao.Campaign{UnitID: w.district.ID, Title: "Học tập, quán triệt Nghị quyết 35",
		DocumentIDs: []int64{w.doc.ID}, UnitIDs: []int64{w.ward.ID},
		Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember, Target: 95}},
		StartOn:   tuyengiao.Date{Time: today.AddDate(0, 0, -7)}, EndOn: tuyengiao.Date{Time: today.AddDate(0, 1, 0)},
		EssayDue: tuyengiao.Date{Time: today.AddDate(0, 0, 7)}}
	if err := a.db.CreateCampaign(a.admin(), w.campaign); err != nil {
		t.Fatal(err)
	}
	return w
}

// essayPDF is a small PDF handed in as an essay.
var essayPDF = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// essayOf returns the person's essay for the campaign, read as its author through the account
// linked to them: not even a system administrator may read it.
func (a *testApp) essayOf(t *testing.T, p *tuyengiao.Person, campaignID int64) *tuyengiao.Essay {
	t.Helper()
	users, _, err := a.db.FindUsers(a.admin(), tuyengiao.UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// The author reads the text through the account that handed it in: the one linked to them.
	var userID int64
	for _, u := range users {
		if u.PersonID == p.ID {
			userID = u.ID
		}
	}
	ctx := tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{UserID: userID, Login: "author", PersonID: p.ID,
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleMember, UnitID: p.UnitID}}})
	e, err := a.db.MyEssay(ctx, campaignID)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestEssayPages(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		w := newEssayWorld(t, a)
		camp := strconv.FormatInt(w.campaign.ID, 10)
		a.memberAccount("lan", w.lan)
		a.reviewerAccount("chamcb1", "Phạm Văn Bí Thư", w.cellA)
		a.reviewerAccount("champhuong", "Đỗ Thị Phường", w.ward)
		a.user("xemquan", tuyengiao.RoleViewer, w.district)
		a.user("bithucb1", tuyengiao.RoleEditor, w.cellA)
		a.user("quantri", tuyengiao.RoleSysadmin, nil)
		lan, reviewer := a.login("lan"), a.login("chamcb1")
		var essayPath string

		t.Run("the member writes the essay from the study page, with a PDF", func(t *testing.T) {
			res := lan.get("/me/study")
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, `href="/me/essays/`+camp+`"`) ||
				!strings.Contains(res.body, "Viết bài thu hoạch") {
				t.Fatalf("study page: %d, no link to write the essay: %s", res.StatusCode, res.message())
			}
			res = lan.get("/me/essays/" + camp)
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, `name="text"`) || !strings.Contains(res.body, "Chưa nộp") {
				t.Fatalf("essay form: %d %s", res.StatusCode, res.message())
			}
			res = lan.upload("/me/essays/"+camp, url.Values{"text": {"Nhận thức về Nghị quyết 35.\n\nLiên hệ thực tiễn khu phố 1."}}, "Bài thu hoạch.pdf", essayPDF)
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/me/essays/"+camp+"?ok=essay" {
				t.Fatalf("hand in: %d %s", res.StatusCode, res.message())
			}
			res = lan.get(res.Header.Get("Location"))
			for _, want := range []string{"Đã nộp bài thu hoạch.", "Chờ chấm", "Bài thu hoạch.pdf", "Liên hệ thực tiễn khu phố 1."} {
				if !strings.Contains(res.body, want) {
					t.Errorf("the member's essay page lacks %q", want)
				}
			}
			e := a.essayOf(t, w.lan, w.campaign.ID)
			essayPath = "/essays/" + strconv.FormatInt(e.ID, 10)
		})

		t.Run("handing in the text again keeps the file when asked, and a program is refused on the file", func(t *testing.T) {
			res := lan.upload("/me/essays/"+camp, url.Values{"text": {"Bản sửa: liên hệ cụ thể hơn."}, "keep_file": {"1"}}, "", nil)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("hand in again: %d %s", res.StatusCode, res.message())
			}
			if e := a.essayOf(t, w.lan, w.campaign.ID); e.File == nil || e.File.Name != "Bài thu hoạch.pdf" || e.Text != "Bản sửa: liên hệ cụ thể hơn." {
				t.Fatalf("after handing in again: %+v", e)
			}
			res = lan.upload("/me/essays/"+camp, url.Values{"text": {"Bài viết giữ lại khi có lỗi"}}, "bai.pdf", []byte("MZ\x90\x00 chương trình"))
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="file-error">Chỉ nhận tệp PDF hoặc DOCX`) {
				t.Fatalf("a program as the file: %d %s", res.StatusCode, res.message())
			}
			if !strings.Contains(res.body, "Bài viết giữ lại khi có lỗi") {
				t.Error("the typed text is lost")
			}
			big := make([]byte, tuyengiao.MaxEssayFileBytes+1)
			copy(big, "%PDF-1.7\n")
			res = lan.upload("/me/essays/"+camp, url.Values{"text": {"Bài kèm tệp lớn"}}, "lon.pdf", big)
			if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(res.body, `id="file-error">Tệp lớn quá 10 MB.`) {
				t.Fatalf("a file over the limit: %d %s", res.StatusCode, res.message())
			}
			if e := a.essayOf(t, w.lan, w.campaign.ID); e.Text != "Bản sửa: liên hệ cụ thể hơn." {
				t.Fatalf("a refused file changed the essay: %+v", e)
			}
		})

		t.Run("the reviewer of the cell lists, reads and downloads the essay", func(t *testing.T) {
			res := reviewer.get("/campaigns/" + camp + "/essays?unit=" + unitID(w.cellA))
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Nguyễn Thị Lan") || !strings.Contains(res.body, `href="`+essayPath+`"`) {
				t.Fatalf("essays of the cell: %d %s", res.StatusCode, res.message())
			}
			// An and the reviewer, a member of the cell too, have not handed in.
			if !strings.Contains(res.body, "Chưa nộp (2)") || !strings.Contains(res.body, "Trần Văn An") {
				t.Errorf("the reviewer is not told who has not handed in: %s", res.message())
			}
			if res := reviewer.get("/campaigns/" + camp + "/essays"); !strings.Contains(res.body, `href="`+essayPath+`"`) {
				t.Errorf("without ?unit= the reviewer does not get the essays of their cell: %d %s", res.StatusCode, res.message())
			}
			res = reviewer.get(essayPath)
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Bản sửa: liên hệ cụ thể hơn.") || !strings.Contains(res.body, `action="`+essayPath+`/review"`) {
				t.Fatalf("the reviewer reads: %d %s", res.StatusCode, res.message())
			}
			for _, c := range tuyengiao.DefaultEssayCriteria {
				if !strings.Contains(res.body, c) {
					t.Errorf("the review form lacks the criterion %q", c)
				}
			}
			res = reviewer.get(essayPath + "/file")
			if res.StatusCode != http.StatusOK || res.body != string(essayPDF) || res.Header.Get("Content-Type") != "application/pdf" ||
				!strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
				t.Fatalf("the reviewer downloads: %d %q", res.StatusCode, res.Header)
			}
		})

		t.Run("the author's page names who may read the essay and every time they did", func(t *testing.T) {
			res := lan.get("/me/essays/" + camp)
			_, access, _ := strings.Cut(res.body, "Ai được đọc bài của bạn")
			readers, reads, _ := strings.Cut(access, "Các lần bài được đọc")
			if res.StatusCode != http.StatusOK || !strings.Contains(readers, "Phạm Văn Bí Thư") || strings.Contains(readers, "Đỗ Thị Phường") {
				t.Fatalf("who may read: %d %s", res.StatusCode, readers)
			}
			// The reviewer read the text and downloaded the file; Lan's own reads are not listed.
			if strings.Count(reads, "Phạm Văn Bí Thư") != 2 || !strings.Contains(reads, "Tệp bài viết") || strings.Contains(reads, "Nguyễn Thị Lan") {
				t.Fatalf("the reads: %s", reads)
			}
		})

		t.Run("nobody else reads the text or the file, answered as if the essay did not exist, but the levels above see the counts", func(t *testing.T) {
			for _, login := range []string{"champhuong", "xemquan", "bithucb1", "quantri"} {
				c := a.login(login)
				missing := c.get("/essays/999999")
				for _, p := range []string{essayPath, essayPath + "/file"} {
					if res := c.get(p); res.StatusCode != missing.StatusCode || res.message() != missing.message() || strings.Contains(res.body, "Bản sửa") {
						t.Errorf("%s GET %s: %d %q, a missing essay: %d %q", login, p, res.StatusCode, res.message(), missing.StatusCode, missing.message())
					}
				}
				res := c.get("/campaigns/" + camp + "/essays?unit=" + unitID(w.cellA))
				if res.StatusCode != http.StatusOK {
					t.Errorf("%s sees no counts: %d %s", login, res.StatusCode, res.message())
					continue
				}
				if strings.Contains(res.body, "Nguyễn Thị Lan") || strings.Contains(res.body, essayPath) {
					t.Errorf("%s sees who wrote what at the cell", login)
				}
			}
			res := a.login("xemquan").get("/campaigns/" + camp + "/essays?unit=" + unitID(w.district))
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Đảng ủy phường Bình An") ||
				!strings.Contains(res.body, `<b>1</b><span>Bài đã nộp</span>`) {
				t.Fatalf("the district's counts: %d %s", res.StatusCode, res.message())
			}
		})

		t.Run("returned for revision with a comment, handed in again, then graded on the rubric", func(t *testing.T) {
			res := reviewer.post(essayPath+"/review", url.Values{"decision": {"return"}})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `id="comment-error"`) {
				t.Fatalf("return without a comment: %d %s", res.StatusCode, res.message())
			}
			res = reviewer.post(essayPath+"/review", url.Values{"decision": {"return"}, "comment": {"Cần nêu giải pháp của bản thân."}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("return: %d %s", res.StatusCode, res.message())
			}
			res = lan.get("/me/essays/" + camp)
			if !strings.Contains(res.body, "Trả lại để sửa") || !strings.Contains(res.body, "Cần nêu giải pháp của bản thân.") {
				t.Fatalf("the member does not see the return: %s", res.message())
			}
			res = lan.upload("/me/essays/"+camp, url.Values{"text": {"Lần hai: giải pháp của bản thân."}}, "", nil)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("hand in the revision: %d %s", res.StatusCode, res.message())
			}
			grade := url.Values{"decision": {"grade"}, "level": {"Khá"}, "comment": {"Bài viết tốt hơn."}}
			res = reviewer.post(essayPath+"/review", grade)
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "Chưa chấm tiêu chí") {
				t.Fatalf("a grade without the criteria: %d %s", res.StatusCode, res.message())
			}
			for i, c := range tuyengiao.DefaultEssayCriteria {
				grade.Set("criterion_"+strconv.Itoa(i), c)
				grade.Set("score_"+strconv.Itoa(i), "Khá")
			}
			grade.Set("score_0", "Tốt")
			if res = reviewer.post(essayPath+"/review", grade); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("grade: %d %s", res.StatusCode, res.message())
			}
			res = lan.get("/me/essays/" + camp)
			for _, want := range []string{"Đã chấm", "<b>Khá</b>", "lần nộp thứ 2", "Lần hai: giải pháp của bản thân.", tuyengiao.DefaultEssayCriteria[0]} {
				if !strings.Contains(res.body, want) {
					t.Errorf("the graded essay's page lacks %q", want)
				}
			}
			if strings.Contains(res.body, `name="text"`) {
				t.Error("a graded essay can still be handed in again from the page")
			}
			res = a.login("xemquan").get("/campaigns/" + camp + "/essays?unit=" + unitID(w.ward))
			if !strings.Contains(res.body, `<b>1</b><span>Khá</span>`) {
				t.Errorf("the counts do not show the grade: %s", res.message())
			}
		})

		t.Run("a member outside the campaign's audiences is told why on the essay page", func(t *testing.T) {
			a.memberAccount("giang", a.person(w.cellA, "Vũ Thị Giang", tuyengiao.CategoryUnion))
			res := a.login("giang").upload("/me/essays/"+camp, url.Values{"text": {"Bài của đoàn viên"}}, "", nil)
			if res.StatusCode != http.StatusForbidden || !strings.Contains(res.message(), "không dành cho đối tượng") ||
				!strings.Contains(res.body, "Bài của đoàn viên") {
				t.Fatalf("outside the audiences: %d %s", res.StatusCode, res.message())
			}
		})

		t.Run("a logged-out visitor is sent to log in", func(t *testing.T) {
			for _, p := range []string{"/me/study", "/me/essays/" + camp, essayPath} {
				if res := a.anonymous().get(p); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login?next=") {
					t.Errorf("GET %s logged out: %d %s", p, res.StatusCode, res.Header.Get("Location"))
				}
			}
		})
	})
}

func TestEssayAPI(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		w := newEssayWorld(t, a)
		camp := "/api/v1/campaigns/" + strconv.FormatInt(w.campaign.ID, 10)
		a.memberAccount("lan", w.lan)
		a.memberAccount("anvan", w.an)
		a.reviewerAccount("chamcb1", "Phạm Văn Bí Thư", w.cellA)
		a.reviewerAccount("champhuong", "Đỗ Thị Phường", w.ward)
		a.user("xemquan", tuyengiao.RoleViewer, w.district)
		lan, an, reviewer, above := a.api("lan"), a.api("anvan"), a.api("chamcb1"), a.api("champhuong")

		var e tuyengiao.Essay
		t.Run("a member hands in the text as JSON and a file as a form", func(t *testing.T) {
			res := lan.json("POST", camp+"/essay", map[string]string{"text": "Bài thu hoạch của Lan."})
			if res.StatusCode != http.StatusOK {
				t.Fatalf("hand in: %d %s", res.StatusCode, res.body)
			}
			res.decode(&e)
			if e.Status != tuyengiao.EssaySubmitted || e.Text != "Bài thu hoạch của Lan." || e.Revision != 1 {
				t.Fatalf("essay %+v", e)
			}
			res = an.upload(camp+"/essay", url.Values{}, "bai-an.pdf", essayPDF)
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, `"name":"bai-an.pdf"`) {
				t.Fatalf("hand in a file: %d %s", res.StatusCode, res.body)
			}
			res = an.json("POST", camp+"/essay", map[string]string{"text": ""})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"text"`) {
				t.Fatalf("an empty essay: %d %s", res.StatusCode, res.body)
			}
			res = lan.get(camp + "/essay")
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Bài thu hoạch của Lan.") {
				t.Fatalf("my essay: %d %s", res.StatusCode, res.body)
			}
		})

		essay := "/api/v1/essays/" + strconv.FormatInt(e.ID, 10)
		t.Run("the reviewer of the cell lists without text and reads one essay; the reviewer above cannot", func(t *testing.T) {
			res := reviewer.get(camp + "/essays?unit=" + unitID(w.cellA))
			var list struct {
				Items []tuyengiao.Essay
				Total int
			}
			res.decode(&list)
			if res.StatusCode != http.StatusOK || list.Total != 2 || list.Items[0].Text != "" || list.Items[1].Text != "" {
				t.Fatalf("list: %d %s", res.StatusCode, res.body)
			}
			if res = reviewer.get(essay); res.StatusCode != http.StatusOK || !strings.Contains(res.body, "Bài thu hoạch của Lan.") {
				t.Fatalf("read: %d %s", res.StatusCode, res.body)
			}
			// A refused essay answers exactly as a missing one, so that IDs cannot be probed.
			missing := above.get("/api/v1/essays/999999")
			for _, p := range []string{essay, essay + "/file"} {
				if res := above.get(p); res.StatusCode != http.StatusNotFound || res.body != missing.body {
					t.Errorf("the reviewer of the ward GET %s: %d %s, a missing essay: %s", p, res.StatusCode, res.body, missing.body)
				}
			}
			if res := above.get(camp + "/essays?unit=" + unitID(w.cellA)); res.StatusCode != http.StatusForbidden {
				t.Errorf("the reviewer of the ward lists the cell's essays: %d", res.StatusCode)
			}
			if res := an.get(essay); res.StatusCode != http.StatusNotFound || res.body != missing.body {
				t.Errorf("another member of the cell reads Lan's essay: %d %s", res.StatusCode, res.body)
			}
			var mine struct {
				ID     int64                 `json:"id"`
				Access tuyengiao.EssayAccess `json:"access"`
			}
			res = lan.get(camp + "/essay")
			res.decode(&mine)
			if res.StatusCode != http.StatusOK || mine.ID != e.ID || len(mine.Access.Readers) != 1 || mine.Access.Readers[0].Name != "Phạm Văn Bí Thư" ||
				len(mine.Access.Reads) != 1 || mine.Access.Reads[0].What != "text" || mine.Access.Reads[0].At.IsZero() {
				t.Fatalf("the author's essay with its readers: %d %s", res.StatusCode, res.body)
			}
			res = a.api("xemquan").get(camp + "/essay-counts?unit=" + unitID(w.district))
			var counts struct{ Items []tuyengiao.EssayCount }
			res.decode(&counts)
			if res.StatusCode != http.StatusOK || len(counts.Items) != 1 || counts.Items[0].Count != 2 || counts.Items[0].UnitID != w.cellA.ID {
				t.Fatalf("counts: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("a review keeps to the rubric, and a graded essay stays", func(t *testing.T) {
			res := reviewer.json("POST", essay+"/review", map[string]any{"level": "Xuất sắc"})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `"field":"level"`) {
				t.Fatalf("an unknown level: %d %s", res.StatusCode, res.body)
			}
			var scores []map[string]string
			for _, c := range tuyengiao.DefaultEssayCriteria {
				scores = append(scores, map[string]string{"criterion": c, "level": "Tốt"})
			}
			res = reviewer.json("POST", essay+"/review", map[string]any{"level": "Tốt", "scores": scores, "comment": "Tốt."})
			if res.StatusCode != http.StatusOK || !strings.Contains(res.body, `"status":"graded"`) {
				t.Fatalf("grade: %d %s", res.StatusCode, res.body)
			}
			if res = lan.json("POST", camp+"/essay", map[string]string{"text": "Sửa sau khi chấm"}); res.StatusCode != http.StatusConflict {
				t.Fatalf("change a graded essay: %d %s", res.StatusCode, res.body)
			}
			if res = above.json("POST", essay+"/review", map[string]any{"return": true, "comment": "x"}); res.StatusCode != http.StatusNotFound {
				t.Fatalf("the reviewer of the ward reviews: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("the OpenAPI document describes the essay routes", func(t *testing.T) {
			res := a.anonymous().get("/api/v1/openapi.json")
			for _, want := range []string{`"/api/v1/campaigns/{id}/essay"`, `"/api/v1/essays/{id}/review"`, `"/api/v1/campaigns/{id}/essay-counts"`,
				`"/api/v1/conferences/{id}/checkin"`, `"/api/v1/me/study"`, `"EssayForm"`, `"EssayAccess"`} {
				if !strings.Contains(res.body, want) {
					t.Errorf("the OpenAPI document lacks %s", want)
				}
			}
		})
	})
}

// TestEssayLinkAttackAPI is the attack through the API of a ward administrator who moves the
// link of the author's person to an account they hold: linking their own is refused, a fresh
// account they make does not read the essay, and the author sees every change.
func TestEssayLinkAttackAPI(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		w := newEssayWorld(t, a)
		camp := "/api/v1/campaigns/" + strconv.FormatInt(w.campaign.ID, 10)
		lanUser := a.memberAccount("lan", w.lan)
		admin := a.user("quantri.p1", tuyengiao.RoleUnitAdmin, w.ward)
		lan, attacker := a.api("lan"), a.api("quantri.p1")
		var e tuyengiao.Essay
		if res := lan.json("POST", camp+"/essay", map[string]string{"text": "Bài thu hoạch của Lan."}); res.StatusCode != http.StatusOK {
			t.Fatalf("hand in: %d %s", res.StatusCode, res.body)
		} else {
			res.decode(&e)
		}
		users := func(id int64) string { return "/api/v1/users/" + strconv.FormatInt(id, 10) }

		t.Run("the administrator cannot link their own account to the author", func(t *testing.T) {
			if res := attacker.json("PATCH", users(lanUser.ID), map[string]int64{"person_id": 0}); res.StatusCode != http.StatusOK {
				t.Fatalf("unlink the author: %d %s", res.StatusCode, res.body)
			}
			res := attacker.json("PATCH", users(admin.ID), map[string]int64{"person_id": w.lan.ID})
			if res.StatusCode != http.StatusForbidden || !strings.Contains(res.body, "chính mình") {
				t.Fatalf("link their own account: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("a fresh account the administrator links to the author does not read the essay", func(t *testing.T) {
			res := attacker.json("POST", "/api/v1/users", map[string]any{"login": "lan.moi", "display_name": "Nguyễn Thị Lan",
				"password": testPassword, "person_id": w.lan.ID, "must_change_password": false,
				"grants": []map[string]any{{"role": "member", "unit_id": w.cellA.ID}}})
			if res.StatusCode != http.StatusCreated {
				t.Fatalf("create: %d %s", res.StatusCode, res.body)
			}
			var fresh tuyengiao.User
			res.decode(&fresh)
			as := a.api("lan.moi")
			if res := as.get("/api/v1/essays/" + strconv.FormatInt(e.ID, 10)); res.StatusCode != http.StatusNotFound {
				t.Fatalf("read through the fresh account: %d %s", res.StatusCode, res.body)
			}
			if res := as.get(camp + "/essay"); res.StatusCode != http.StatusOK || strings.Contains(res.body, "Bài thu hoạch của Lan.") ||
				!strings.Contains(res.body, `"withheld":true`) {
				t.Fatalf("the author's essay through the fresh account: %d %s", res.StatusCode, res.body)
			}
			if res := attacker.json("PATCH", users(fresh.ID), map[string]int64{"person_id": 0}); res.StatusCode != http.StatusOK {
				t.Fatalf("unlink the fresh account: %d %s", res.StatusCode, res.body)
			}
			if res := attacker.json("PATCH", users(lanUser.ID), map[string]int64{"person_id": w.lan.ID}); res.StatusCode != http.StatusOK {
				t.Fatalf("link the author again: %d %s", res.StatusCode, res.body)
			}
		})

		t.Run("the author reads the essay and sees every change of the accounts in their name", func(t *testing.T) {
			res := lan.get(camp + "/essay")
			var mine struct {
				Text   string
				Access tuyengiao.EssayAccess
			}
			res.decode(&mine)
			var got []string
			for _, c := range mine.Access.Changes {
				got = append(got, c.Change+" "+c.Login)
			}
			want := "link lan, unlink lan.moi, link lan.moi, unlink lan, link lan"
			if res.StatusCode != http.StatusOK || mine.Text != "Bài thu hoạch của Lan." || strings.Join(got, ", ") != want {
				t.Fatalf("the author's essay: %d, changes %q, want %q: %s", res.StatusCode, strings.Join(got, ", "), want, res.body)
			}
		})
	})
}
