package main

import (
	"context"
	"net/url"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// contestFixture is a fresh contest organised by the fixture's fresh unit, its first round
// opening in an hour, with a bank of one question and one contestant registered.
type contestFixture struct {
	c          *tuyengiao.Contest
	question   *tuyengiao.Question
	contestant *tuyengiao.Contestant
}

// Contest returns the fixture's contest, made on first use.
func (f *fixture) Contest() *contestFixture {
	if f.contest != nil {
		return f.contest
	}
	ctx, store := f.a.admin(), f.a.db.ContestStore()
	k := &contestFixture{c: matrixContest(f.Unit().ID)}
	opens := f.a.db.Now().UTC().Add(time.Hour).Truncate(time.Minute)
	if err := store.CreateContest(ctx, k.c, []tuyengiao.Round{{OpensAt: opens, ClosesAt: opens.Add(7 * 24 * time.Hour)}}); err != nil {
		f.a.t.Fatal(err)
	}
	k.question = &tuyengiao.Question{Category: "Lịch sử Đảng", Text: "Đảng Cộng sản Việt Nam ra đời năm nào?",
		Options: []tuyengiao.Option{{Text: "1925"}, {Text: "1930", Correct: true}}}
	if err := store.ImportQuestions(ctx, k.c.ID, []*tuyengiao.Question{k.question}); err != nil {
		f.a.t.Fatal(err)
	}
	k.contestant = &tuyengiao.Contestant{ContestID: k.c.ID, FullName: "Lê Văn Dự Thi", BirthYear: 1990, Phone: "0912345678", UnitID: f.Unit().ID}
	if err := store.Register(context.Background(), k.contestant, "123456"); err != nil {
		f.a.t.Fatal(err)
	}
	f.contest = k
	return k
}

// matrixContest is a contest of the unit, ready to be created.
func matrixContest(unitID int64) *tuyengiao.Contest {
	return &tuyengiao.Contest{UnitID: unitID, Title: "Tìm hiểu lịch sử Đảng", Rules: "Mỗi tuần một vòng.", Consent: "Tôi đồng ý.",
		RetentionDays: 90, TimeLimit: 600, AttemptsPerRound: 1, Counts: tuyengiao.CountBest, ShowAnswers: tuyengiao.AnswersAfterClose,
		Ranking: []tuyengiao.RankKey{tuyengiao.RankScore, tuyengiao.RankDuration}, Prizes: []tuyengiao.Prize{{Name: "Giải Nhất", Count: 1}}}
}

// matrixContestForm is the contest form of a new contest of u.
func matrixContestForm(f *fixture, u *tuyengiao.Unit) url.Values {
	opens := f.a.db.Now().Add(2 * time.Hour)
	return url.Values{"unit_id": {id(u.ID)}, "title": {"Tìm hiểu lịch sử Đảng"}, "rules": {"Mỗi tuần một vòng."}, "consent": {"Tôi đồng ý."},
		"retention_days": {"90"}, "time_minutes": {"10"}, "time_seconds": {"0"}, "attempts_per_round": {"1"}, "counts": {"best"},
		"show_answers": {"after_close"}, "rank": {"duration"}, "prize_name": {"Giải Nhất"}, "prize_count": {"1"},
		"round_opens": {vn.DateTime(opens)}, "round_closes": {vn.DateTime(opens.Add(24 * time.Hour))}}
}

// matrixContestInput is the API body of a new contest of u.
func matrixContestInput(f *fixture, u *tuyengiao.Unit) map[string]any {
	c, opens := matrixContest(u.ID), f.a.db.Now().UTC().Add(2*time.Hour).Truncate(time.Minute)
	return map[string]any{"unit_id": u.ID, "title": c.Title, "rules": c.Rules, "consent": c.Consent, "retention_days": c.RetentionDays,
		"time_limit": c.TimeLimit, "attempts_per_round": 1, "counts": "best", "show_answers": "after_close", "ranking": []string{"score"},
		"prizes": c.Prizes, "rounds": []map[string]any{{"opens_at": opens, "closes_at": opens.Add(24 * time.Hour)}}}
}

// init adds the contests' routes for their organisers to the authorization matrix. A round
// of the fixture's contest is not over: closing it, and the ranking, answer a refusal of the
// moment (422) to whoever may ask, and only them.
func init() {
	contest := func(f *fixture, rest string) string { return "/contests/" + id(f.Contest().c.ID) + rest }
	api := func(f *fixture, rest string) string { return "/api/v1/contests/" + id(f.Contest().c.ID) + rest }
	get := func(path func(f *fixture) string) func(f *fixture) *matrixReq {
		return func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: path(f)} }
	}
	post := func(path func(f *fixture) string, form func(f *fixture) url.Values) func(f *fixture) *matrixReq {
		return func(f *fixture) *matrixReq { return &matrixReq{method: "POST", path: path(f), form: form(f)} }
	}
	at := func(rest string) func(f *fixture) string { return func(f *fixture) string { return contest(f, rest) } }
	question := func(f *fixture) string { return contest(f, "/questions/"+id(f.Contest().question.ID)) }
	questionForm := func(f *fixture) url.Values {
		return url.Values{"category_id": {id(f.Contest().question.CategoryID)}, "text": {"Đại hội XIII họp năm nào?"},
			"option_text": {"2016", "2021"}, "option_correct": {"1"}}
	}
	bank := []byte("Chủ đề,Câu hỏi,Phương án A,Phương án B,Đáp án\nLịch sử Đảng,Đại hội XIII họp năm nào?,2016,2021,B\n")
	for key, build := range map[string]func(f *fixture) *matrixReq{
		"GET /contests":                                  get(func(f *fixture) string { return "/contests?unit=" + id(f.Unit().ID) }),
		"GET /contests/new":                              get(func(f *fixture) string { return "/contests/new?unit=" + id(f.Unit().ID) }),
		"POST /contests":                                 post(func(*fixture) string { return "/contests" }, func(f *fixture) url.Values { return matrixContestForm(f, f.Unit()) }),
		"GET /contests/{id}":                             get(at("")),
		"GET /contests/{id}/edit":                        get(at("/edit")),
		"POST /contests/{id}":                            post(at(""), func(*fixture) url.Values { return url.Values{"title": {"Tìm hiểu lịch sử Đảng bộ"}} }),
		"POST /contests/{id}/rounds/{round}/close":       post(at("/rounds/1/close"), func(*fixture) url.Values { return url.Values{} }),
		"GET /contests/{id}/rounds/{round}/results":      get(at("/rounds/1/results")),
		"GET /contests/{id}/rounds/{round}/results.xlsx": get(at("/rounds/1/results.xlsx")),
		"GET /contests/{id}/questions":                   get(at("/questions")),
		"POST /contests/{id}/categories":                 post(at("/categories"), func(*fixture) url.Values { return url.Values{"name": {"Nghị quyết"}} }),
		"GET /contests/{id}/questions/new":               get(at("/questions/new")),
		"POST /contests/{id}/questions":                  post(at("/questions"), questionForm),
		"GET /contests/{id}/questions/{question}":        get(question),
		"POST /contests/{id}/questions/{question}":       post(question, questionForm),
		"GET /contests/questions/template.xlsx":          get(func(*fixture) string { return "/contests/questions/template.xlsx" }),
		"POST /contests/{id}/questions/import": func(f *fixture) *matrixReq {
			return &matrixReq{method: "POST", path: contest(f, "/questions/import"), form: url.Values{}, file: bank}
		},
		"POST /contests/{id}/questions/import/{upload}/commit": func(f *fixture) *matrixReq {
			up := f.upload("contest-questions:"+id(f.Contest().c.ID), bank)
			return &matrixReq{method: "POST", path: contest(f, "/questions/import/"+id(up)+"/commit"), form: url.Values{}}
		},
		"GET /contests/{id}/contestants":      get(at("/contestants")),
		"GET /contests/{id}/contestants.xlsx": get(at("/contestants.xlsx")),
		"POST /contests/{id}/contestants/{contestant}/pin": func(f *fixture) *matrixReq {
			return &matrixReq{method: "POST", path: contest(f, "/contestants/"+id(f.Contest().contestant.ID)+"/pin"), form: url.Values{"pin": {"654321"}}}
		},
		"GET /contests/{id}/suspicious": get(at("/suspicious")),
		"GET /api/v1/contests":          get(func(f *fixture) string { return "/api/v1/contests?unit=" + id(f.Unit().ID) }),
		"POST /api/v1/contests": func(f *fixture) *matrixReq {
			return &matrixReq{method: "POST", path: "/api/v1/contests", json: matrixContestInput(f, f.Unit())}
		},
		"GET /api/v1/contests/{id}": get(func(f *fixture) string { return api(f, "") }),
		"PUT /api/v1/contests/{id}": func(f *fixture) *matrixReq {
			k := f.Contest().c
			in := matrixContestInput(f, f.Unit())
			in["rounds"] = []map[string]any{{"opens_at": k.Rounds[0].OpensAt, "closes_at": k.Rounds[0].ClosesAt}}
			return &matrixReq{method: "PUT", path: api(f, ""), json: in}
		},
		"POST /api/v1/contests/{id}/rounds/{round}/close": func(f *fixture) *matrixReq {
			return &matrixReq{method: "POST", path: api(f, "/rounds/1/close")}
		},
		"GET /api/v1/contests/{id}/rounds/{round}/ranking": get(func(f *fixture) string { return api(f, "/rounds/1/ranking") }),
		"GET /api/v1/contests/{id}/stats":                  get(func(f *fixture) string { return api(f, "/stats?round=1") }),
	} {
		matrix[key] = build
	}
}
