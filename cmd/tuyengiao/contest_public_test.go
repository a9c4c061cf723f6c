package main

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"tuyengiao"
)

// publicContest is a contest of a city, its one round open now and closing in two hours,
// with a bank of questions whose right option is the one written "Đúng".
type publicContest struct {
	c    *tuyengiao.Contest
	ward *tuyengiao.Unit
}

// newPublicContest sets the contest up with the database's clock an hour back, since a
// round may only be set to open later than now, then gives the clock back.
func newPublicContest(t *testing.T, a *testApp, questions int) *publicContest {
	t.Helper()
	city := a.unit(nil, "HS", "Thành ủy Hoa Sơn", "thanh_uy")
	ward := a.unit(city, "HS-P01", "Đảng ủy phường Đông Kinh", "dang_uy_phuong")
	now := time.Now()
	a.db.Now = func() time.Time { return now.Add(-time.Hour) }
	defer func() { a.db.Now = time.Now }()
	c := &tuyengiao.Contest{UnitID: city.ID, Title: "Tìm hiểu lịch sử Đảng bộ thành phố Hoa Sơn",
		Rules:   "Mỗi tuần một vòng thi.\nMỗi người được thi hai lượt mỗi vòng; lượt cao điểm nhất được tính.",
		Consent: "Tôi đồng ý cung cấp họ tên, năm sinh, số điện thoại cho Ban tổ chức.", RetentionDays: 180, TimeLimit: 600,
		AttemptsPerRound: 2, Counts: tuyengiao.CountBest, ShowAnswers: tuyengiao.AnswersAfterSubmit,
		Prediction: tuyengiao.PredictEntries, PredictionText: "Có bao nhiêu bài dự thi trong vòng này?",
		Ranking: []tuyengiao.RankKey{tuyengiao.RankScore, tuyengiao.RankPrediction, tuyengiao.RankDuration},
		Prizes:  []tuyengiao.Prize{{Name: "Giải Nhất", Count: 1}, {Name: "Giải Nhì", Count: 1}}}
	rounds := []tuyengiao.Round{{OpensAt: now.Add(-30 * time.Minute), ClosesAt: now.Add(2 * time.Hour)},
		{OpensAt: now.Add(7 * 24 * time.Hour), ClosesAt: now.Add(8 * 24 * time.Hour)}}
	s := a.db.ContestStore()
	if err := s.CreateContest(a.admin(), c, rounds); err != nil {
		t.Fatal(err)
	}
	var qs []*tuyengiao.Question
	for i := range questions {
		qs = append(qs, &tuyengiao.Question{Category: "Lịch sử", Text: fmt.Sprintf("Câu hỏi số %d về lịch sử Đảng bộ thành phố?", i+1),
			Options: []tuyengiao.Option{{Text: fmt.Sprintf("Sai A%d", i)}, {Text: fmt.Sprintf("Đúng %d", i), Correct: true},
				{Text: fmt.Sprintf("Sai C%d", i)}, {Text: fmt.Sprintf("Sai D%d", i)}}, Explanation: "Theo Lịch sử Đảng bộ thành phố."})
	}
	if err := s.ImportQuestions(a.admin(), c.ID, qs); err != nil {
		t.Fatal(err)
	}
	cats, err := s.Categories(a.admin(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	c.Draw = []tuyengiao.DrawRule{{CategoryID: cats[0].ID, Count: questions}}
	if err := s.UpdateContest(a.admin(), c, rounds); err != nil {
		t.Fatal(err)
	}
	return &publicContest{c: c, ward: ward}
}

var powChallenge = regexp.MustCompile(`name="pow_challenge" value="([^"]+)"`)

// solvePuzzle finds the proof of work of a challenge as pow.js does.
func solvePuzzle(challenge string) string {
	bits, _ := strconv.Atoi(strings.Split(challenge, ".")[2])
	for c := 0; ; c++ {
		sum := sha256.Sum256([]byte(challenge + ":" + strconv.Itoa(c)))
		if bits == 0 || binary.BigEndian.Uint32(sum[:4])>>(32-bits) == 0 {
			return strconv.Itoa(c)
		}
	}
}

// postSolved gets the page of a form with a proof of work, then posts the form with it
// solved.
func (c *client) postSolved(page, action string, form url.Values) *response {
	c.t.Helper()
	res := c.get(page)
	m := powChallenge.FindStringSubmatch(res.body)
	if m == nil {
		c.t.Fatalf("%s has no proof of work: %d %s", page, res.StatusCode, res.body)
	}
	form.Set("pow_challenge", m[1])
	form.Set("pow_solution", solvePuzzle(m[1]))
	return c.post(action, form)
}

func registration(name, phone string, unit int64) url.Values {
	return url.Values{"full_name": {name}, "birth_year": {"1990"}, "phone": {phone}, "unit_id": {strconv.FormatInt(unit, 10)},
		"pin": {"246810"}, "pin2": {"246810"}, "consent": {"1"}}
}

// register registers a contestant through the page and returns the attempt they start.
func (pc *publicContest) registerAndStart(t *testing.T, cl *client, name, phone string) string {
	t.Helper()
	base := fmt.Sprintf("/thi/%d", pc.c.ID)
	if res := cl.postSolved(base+"/dang-ky", base+"/dang-ky", registration(name, phone, pc.ward.ID)); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("register %s: %d %s", name, res.StatusCode, res.message())
	}
	res := cl.postSolved(base, base+"/bat-dau", url.Values{})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("start: %d %s", res.StatusCode, res.message())
	}
	return res.Header.Get("Location")
}

// rightChoices returns the contestant of the phone and, for each question of the attempt as
// shown, the bit of its right option.
func rightChoices(t *testing.T, a *testApp, contestID int64, phone, attemptPath string) (int64, []uint8) {
	t.Helper()
	who, err := a.db.ContestStore().SignIn(context.Background(), contestID, phone, "246810")
	if err != nil {
		t.Fatal(err)
	}
	id, _ := strconv.ParseInt(attemptPath[strings.LastIndexByte(attemptPath, '/')+1:], 10, 64)
	at, err := a.db.ContestStore().FindAttempt(context.Background(), who.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	var out []uint8
	for _, q := range at.Questions {
		for i, o := range q.Options {
			if strings.HasPrefix(o, "Đúng") {
				out = append(out, 1<<i)
			}
		}
	}
	return who.ID, out
}

// TestContestPublic takes a contestant through a contest's public pages without an account:
// registration and sign-in on a second device behind proofs of work, an attempt whose
// answers survive a reload, its submission and score, and the refusals of a late answer,
// of another contestant's attempt and of a forged cookie.
func TestContestPublic(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		pc := newPublicContest(t, a, 5)
		base := fmt.Sprintf("/thi/%d", pc.c.ID)
		phone, first := "0912345678", a.anonymous()
		t.Run("lists the contest and shows its rules without any count", func(t *testing.T) {
			if res := first.get("/thi"); !strings.Contains(res.body, pc.c.Title) {
				t.Fatalf("the list lacks the contest: %s", res.body)
			}
			res := first.get(base)
			for _, want := range []string{"Mỗi tuần một vòng thi.", "đang mở", "Đăng ký dự thi", "Giải Nhất"} {
				if !strings.Contains(res.body, want) {
					t.Errorf("the contest page lacks %q", want)
				}
			}
		})
		t.Run("refuses a registration without a proof of work and keeps what was typed but the PIN", func(t *testing.T) {
			res := first.post(base+"/dang-ky", registration("Nguyễn Văn An", phone, pc.ward.ID))
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, `value="Nguyễn Văn An"`) ||
				strings.Contains(res.body, "246810") {
				t.Fatalf("got %d: %s", res.StatusCode, res.message())
			}
		})
		t.Run("refuses PINs that differ", func(t *testing.T) {
			f := registration("Nguyễn Văn An", phone, pc.ward.ID)
			f.Set("pin2", "135790")
			if res := first.postSolved(base+"/dang-ky", base+"/dang-ky", f); res.StatusCode != http.StatusUnprocessableEntity ||
				!strings.Contains(res.body, "Hai lần nhập mã PIN không giống nhau.") {
				t.Fatalf("got %d: %s", res.StatusCode, res.message())
			}
		})
		attempt := pc.registerAndStart(t, first, "Nguyễn Văn An", phone)
		_, right := rightChoices(t, a, pc.c.ID, phone, attempt)
		t.Run("refuses a second registration of the phone", func(t *testing.T) {
			res := a.anonymous().postSolved(base+"/dang-ky", base+"/dang-ky", registration("Nguyễn Văn An", "0912 345 678", pc.ward.ID))
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.body, "đã đăng ký dự thi") {
				t.Fatalf("got %d: %s", res.StatusCode, res.message())
			}
		})
		second := a.anonymous()
		t.Run("signs in on a second device with the phone and PIN", func(t *testing.T) {
			wrong := second.postSolved(base+"/vao-thi", base+"/vao-thi", url.Values{"phone": {phone}, "pin": {"111111"}})
			if wrong.StatusCode != http.StatusUnauthorized {
				t.Fatalf("a wrong PIN got %d", wrong.StatusCode)
			}
			res := second.postSolved(base+"/vao-thi", base+"/vao-thi", url.Values{"phone": {phone}, "pin": {"246810"}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("got %d: %s", res.StatusCode, res.message())
			}
			if page := second.get(attempt); page.StatusCode != http.StatusOK || !strings.Contains(page.body, "Câu hỏi số") {
				t.Fatalf("the attempt on the second device: %d %s", page.StatusCode, page.message())
			}
		})
		t.Run("saves answers as chosen and shows them after a reload, never the right ones", func(t *testing.T) {
			for pos, choice := range right[:4] {
				res := first.post(attempt+"/tra-loi", url.Values{"position": {strconv.Itoa(pos)}, "choice": {strconv.Itoa(int(choice))}})
				if res.StatusCode != http.StatusNoContent {
					t.Fatalf("save %d: %d %s", pos, res.StatusCode, res.body)
				}
			}
			page := second.get(attempt)
			if n := strings.Count(page.body, " checked>"); n != 4 {
				t.Fatalf("%d answers checked after a reload, want 4", n)
			}
			if strings.Contains(page.body, "is-right") || !strings.Contains(page.body, `data-seconds="`) {
				t.Fatalf("the open attempt shows the answers or no time left: %s", page.body)
			}
		})
		t.Run("submits with the form's answers and shows the score and the right answers", func(t *testing.T) {
			f := url.Values{"prediction": {"3"}}
			for pos, choice := range right {
				idx := 0
				for choice>>(idx+1) != 0 {
					idx++
				}
				f.Set(fmt.Sprintf("q%d", pos), strconv.Itoa(idx))
			}
			res := second.post(attempt+"/nop", f)
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("submit: %d %s", res.StatusCode, res.message())
			}
			page := second.get(attempt)
			if !strings.Contains(page.body, "5/5") || !strings.Contains(page.body, "is-right") {
				t.Fatalf("the result page: %s", page.body)
			}
			home := second.get(base)
			if !strings.Contains(home.body, "<b>5/5</b>") || !strings.Contains(home.body, "Số lượt thi còn lại trong vòng này: <b>1</b>") {
				t.Fatalf("the contest page does not list the attempt and the one left: %s", home.body)
			}
		})
		t.Run("refuses an answer once submitted", func(t *testing.T) {
			if res := first.post(attempt+"/tra-loi", url.Values{"position": {"0"}, "choice": {"1"}}); res.StatusCode != http.StatusConflict {
				t.Fatalf("got %d %s", res.StatusCode, res.body)
			}
		})
		t.Run("finds the unit from the search typed when no unit was picked", func(t *testing.T) {
			f := registration("Lê Văn Cường", "0903123456", 0)
			f.Del("unit_id")
			f.Set("unit_q", "dong kinh")
			cl := a.anonymous()
			if res := cl.postSolved(base+"/dang-ky", base+"/dang-ky", f); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("got %d: %s", res.StatusCode, res.message())
			}
			who, err := a.db.ContestStore().SignIn(context.Background(), pc.c.ID, "0903123456", "246810")
			if err != nil || who.UnitID != pc.ward.ID {
				t.Fatalf("registered %+v, %v", who, err)
			}
		})
		t.Run("refuses answers saved faster than a person chooses", func(t *testing.T) {
			cl := a.anonymous()
			own := pc.registerAndStart(t, cl, "Phạm Thị Dung", "0903654321")
			// A hundred saves in a row, unless each took a fifth of a second, put six in one second.
			for i := range 100 {
				res := cl.post(own+"/tra-loi", url.Values{"position": {"0"}, "choice": {"1"}})
				if res.StatusCode == http.StatusTooManyRequests {
					return
				} else if res.StatusCode != http.StatusNoContent {
					t.Fatalf("save %d: %d %s", i, res.StatusCode, res.body)
				}
			}
			t.Fatal("a hundred saves in a row were all taken")
		})
		other := a.anonymous()
		late := pc.registerAndStart(t, other, "Trần Thị Bình", "0987654321")
		binh, lateRight := rightChoices(t, a, pc.c.ID, "0987654321", late)
		t.Run("refuses another contestant's attempt", func(t *testing.T) {
			if res := other.get(attempt); res.StatusCode != http.StatusNotFound {
				t.Fatalf("got %d", res.StatusCode)
			}
			if res := other.post(attempt+"/tra-loi", url.Values{"position": {"0"}, "choice": {"1"}}); res.StatusCode != http.StatusNotFound {
				t.Fatalf("a save got %d", res.StatusCode)
			}
		})
		t.Run("refuses a forged cookie", func(t *testing.T) {
			// Bình's browser keeps her signed cookie with her id changed to An's.
			u, _ := url.Parse(a.srv.URL + "/thi/")
			var value string
			for _, ck := range other.http.Jar.Cookies(u) {
				if ck.Name == fmt.Sprintf("thi%d", pc.c.ID) {
					value = ck.Value
				}
			}
			an, _ := rightChoices(t, a, pc.c.ID, phone, attempt)
			prefix := strconv.FormatInt(binh, 10) + "."
			if !strings.HasPrefix(value, prefix) {
				t.Fatalf("the cookie %q does not start with the contestant", value)
			}
			forged := a.anonymous()
			forged.http.Jar.SetCookies(u, []*http.Cookie{{Name: fmt.Sprintf("thi%d", pc.c.ID), Path: "/thi/",
				Value: strconv.FormatInt(an, 10) + "." + strings.TrimPrefix(value, prefix)}})
			if res := forged.get(attempt); res.StatusCode != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "/vao-thi") {
				t.Fatalf("got %d %s", res.StatusCode, res.Header.Get("Location"))
			}
			if res := forged.post(attempt+"/tra-loi", url.Values{"position": {"0"}, "choice": {"1"}}); res.StatusCode != http.StatusUnauthorized {
				t.Fatalf("a save got %d", res.StatusCode)
			}
		})
		t.Run("refuses an answer after the deadline and grades with those saved before", func(t *testing.T) {
			right := lateRight
			if res := other.post(late+"/tra-loi", url.Values{"position": {"0"}, "choice": {strconv.Itoa(int(right[0]))}}); res.StatusCode != http.StatusNoContent {
				t.Fatalf("save: %d %s", res.StatusCode, res.body)
			}
			after := time.Now().Add(11 * time.Minute)
			a.db.Now = func() time.Time { return after }
			defer func() { a.db.Now = time.Now }()
			if res := other.post(late+"/tra-loi", url.Values{"position": {"1"}, "choice": {strconv.Itoa(int(right[1]))}}); res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("a late save got %d %s", res.StatusCode, res.body)
			}
			f := url.Values{"prediction": {"2"}, "q1": {"1"}, "q2": {"1"}}
			if res := other.post(late+"/nop", f); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("a late submit got %d %s", res.StatusCode, res.message())
			}
			page := other.get(late)
			if !strings.Contains(page.body, "1/5") || !strings.Contains(page.body, "đã hết giờ") {
				t.Fatalf("the late result: %s", page.body)
			}
		})
		t.Run("signs every browser out when the organiser sets a new PIN", func(t *testing.T) {
			who, err := a.db.ContestStore().SignIn(context.Background(), pc.c.ID, phone, "246810")
			if err != nil {
				t.Fatal(err)
			}
			if err := a.db.ContestStore().ResetPIN(a.admin(), who.ID, "135790"); err != nil {
				t.Fatal(err)
			}
			if page := second.get(base); !strings.Contains(page.body, "/vao-thi") || strings.Contains(page.body, who.FullName) {
				t.Fatalf("the browser signed in with the old PIN still is: %s", page.body)
			}
		})
		t.Run("lists the winner once the round is closed", func(t *testing.T) {
			r := pc.c.Rounds[0]
			if res := first.get(fmt.Sprintf("%s/ket-qua/%d", base, r.ID)); res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("results before the close: %d", res.StatusCode)
			}
			after := r.ClosesAt.Add(time.Minute + time.Minute)
			a.db.Now = func() time.Time { return after }
			defer func() { a.db.Now = time.Now }()
			if err := a.db.ContestStore().CloseRound(a.admin(), r.ID); err != nil {
				t.Fatal(err)
			}
			res := first.get(fmt.Sprintf("%s/ket-qua/%d", base, r.ID))
			if !strings.Contains(res.body, "Nguyễn Văn An") || !strings.Contains(res.body, "Giải Nhất") || strings.Contains(res.body, phone) {
				t.Fatalf("the results: %s", res.body)
			}
		})
	})
}

// TestContestAttemptPageSize keeps the page of an attempt of 20 questions small for a slow
// network: under 6 KB gzipped, its script and style cached apart.
func TestContestAttemptPageSize(t *testing.T) {
	t.Parallel()
	engines(t, func(t *testing.T, a *testApp) {
		pc := newPublicContest(t, a, 20)
		cl := a.anonymous()
		attempt := pc.registerAndStart(t, cl, "Nguyễn Văn An", "0912345678")
		res := cl.getWith(attempt, "Accept-Encoding", "gzip")
		if res.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("the page is not compressed: %v", res.Header)
		}
		plain := cl.get(attempt)
		t.Logf("the attempt page of 20 questions: %d bytes, %d gzipped", len(plain.body), len(res.body))
		if len(res.body) > 6<<10 {
			t.Errorf("the attempt page of 20 questions is %d bytes gzipped", len(res.body))
		}
	})
}
