package web

import (
	"net/http"
	"time"

	"tuyengiao"
)

// The JSON API of contests for their organisers: what the pages do. As on the pages, a
// contest is read for a caller who sees its organising unit (the unit service checks it),
// and the storage decides every change.

// contestAPIRoutes lists the API of contestRoutes.
func contestAPIRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/v1/contests", summary: "List the contests organised in a unit's subtree (or in those of the caller's units), latest first", login: true, action: uv, handle: h((*Server).apiContests), api: &apiDoc{resp: "ContestList", query: []string{"unit"}, id: "listContests"}},
		{method: "POST", pattern: "/api/v1/contests", summary: "Set up a contest at a unit, with its rounds; its draw waits for its question bank", login: true, action: cx, handle: h((*Server).apiContestCreate), api: &apiDoc{req: "ContestInput", resp: "Contest", created: true, id: "createContest"}},
		{method: "GET", pattern: "/api/v1/contests/{id}", summary: "Get a contest with its rounds", login: true, action: uv, handle: h((*Server).apiContest), api: &apiDoc{resp: "Contest", id: "getContest"}},
		{method: "PUT", pattern: "/api/v1/contests/{id}", summary: "Replace a contest's fields and rounds; once its first round has opened only its title and the rounds not yet open may change", login: true, action: cx, handle: h((*Server).apiContestUpdate), api: &apiDoc{req: "ContestInput", resp: "Contest", id: "updateContest"}},
		{method: "POST", pattern: "/api/v1/contests/{id}/rounds/{round}/close", summary: "Close a round once its time is over: count its prediction target, rank its entries and name the winners", login: true, action: cx, handle: h((*Server).apiContestCloseRound), api: &apiDoc{resp: "Contest", id: "closeContestRound"}},
		{method: "GET", pattern: "/api/v1/contests/{id}/rounds/{round}/ranking", summary: "The ranking of a closed round (by its number), first place first, with names and units, never phones", login: true, action: uv, handle: h((*Server).apiContestRanking), api: &apiDoc{resp: "RankingList", query: []string{"offset", "limit"}, id: "getContestRanking"}},
		{method: "GET", pattern: "/api/v1/contests/{id}/stats", summary: "Registrations, people and entries of a unit's subtree (default: the organiser) and of each unit below it, against the people of its register, and the entries of each hour; of one round (by its number) or of all", login: true, action: uv, handle: h((*Server).apiContestStats), api: &apiDoc{resp: "ContestStats", query: []string{"round", "unit"}, id: "getContestStats"}},
	}
}

// contestInput is the body of POST and PUT /api/v1/contests (the ContestInput schema): the
// fields the organiser sets, and the rounds. The organising unit of a contest never changes.
type contestInput struct {
	UnitID           int64                      `json:"unit_id"`
	Title            string                     `json:"title"`
	Rules            string                     `json:"rules"`
	Consent          string                     `json:"consent"`
	RetentionDays    int                        `json:"retention_days"`
	Draw             []tuyengiao.DrawRule       `json:"draw"`
	TimeLimit        int                        `json:"time_limit"`
	AttemptsPerRound int                        `json:"attempts_per_round"`
	Counts           tuyengiao.CountedTry       `json:"counts"`
	ShowAnswers      tuyengiao.ShowAnswers      `json:"show_answers"`
	Prediction       tuyengiao.PredictionTarget `json:"prediction"`
	PredictionText   string                     `json:"prediction_text"`
	Ranking          []tuyengiao.RankKey        `json:"ranking"`
	Prizes           []tuyengiao.Prize          `json:"prizes"`
	UnitPrize        tuyengiao.UnitPrizeRule    `json:"unit_prize"`
	UnitPrizes       int                        `json:"unit_prizes"`
	Rounds           []struct {
		OpensAt  time.Time `json:"opens_at"`
		ClosesAt time.Time `json:"closes_at"`
	} `json:"rounds"`
}

// contest returns the contest and the rounds of the input.
func (in *contestInput) contest(id int64) (*tuyengiao.Contest, []tuyengiao.Round) {
	c := &tuyengiao.Contest{ID: id, UnitID: in.UnitID, Title: in.Title, Rules: in.Rules, Consent: in.Consent,
		RetentionDays: in.RetentionDays, Draw: in.Draw, TimeLimit: in.TimeLimit, AttemptsPerRound: in.AttemptsPerRound,
		Counts: in.Counts, ShowAnswers: in.ShowAnswers, Prediction: in.Prediction, PredictionText: in.PredictionText,
		Ranking: in.Ranking, Prizes: nonNil(in.Prizes), UnitPrize: in.UnitPrize, UnitPrizes: in.UnitPrizes}
	rounds := []tuyengiao.Round{}
	for _, r := range in.Rounds {
		rounds = append(rounds, tuyengiao.Round{OpensAt: r.OpensAt, ClosesAt: r.ClosesAt})
	}
	return c, rounds
}

func (s *Server) apiContests(w http.ResponseWriter, r *http.Request) error {
	cs, _, err := s.findContests(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(cs, len(cs)))
	return nil
}

func (s *Server) apiContestCreate(w http.ResponseWriter, r *http.Request) error {
	var in contestInput
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	c, rounds := in.contest(0)
	if err := s.Contests.CreateContest(r.Context(), c, rounds); err != nil {
		return err
	}
	return s.writeContest(w, r, http.StatusCreated, c.ID)
}

// writeContest answers with the contest as stored, with its rounds.
func (s *Server) writeContest(w http.ResponseWriter, r *http.Request, code int, id int64) error {
	c, err := s.Contests.FindContestByID(r.Context(), id)
	if err != nil {
		return err
	}
	c.Draw, c.Prizes = nonNil(c.Draw), nonNil(c.Prizes)
	writeJSON(w, code, c)
	return nil
}

func (s *Server) apiContest(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.viewContest(r, uv)
	if err != nil {
		return err
	}
	return s.writeContest(w, r, http.StatusOK, c.ID)
}

func (s *Server) apiContestUpdate(w http.ResponseWriter, r *http.Request) error {
	var in contestInput
	id, err := jsonID(r, &in)
	if err != nil {
		return err
	}
	c, rounds := in.contest(id)
	if err := s.Contests.UpdateContest(r.Context(), c, rounds); err != nil {
		return err
	}
	return s.writeContest(w, r, http.StatusOK, id)
}

func (s *Server) apiContestCloseRound(w http.ResponseWriter, r *http.Request) error {
	c, _, rd, err := s.viewRound(r, cx)
	if err != nil {
		return err
	}
	if err := s.Contests.CloseRound(r.Context(), rd.ID); err != nil {
		return err
	}
	return s.writeContest(w, r, http.StatusOK, c.ID)
}

func (s *Server) apiContestRanking(w http.ResponseWriter, r *http.Request) error {
	_, _, rd, err := s.viewRound(r, uv)
	if err != nil {
		return err
	}
	offset, limit, err := pageParams(r.URL.Query())
	if err != nil {
		return err
	}
	entries, total, err := s.Contests.Ranking(r.Context(), rd.ID, offset, limit)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(entries, total))
	return nil
}

func (s *Server) apiContestStats(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.viewContest(r, uv)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	n, err := queryInt(q, "round")
	if err != nil {
		return err
	}
	var roundID int64
	if n != 0 {
		if n > int64(len(c.Rounds)) {
			return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy vòng thi.")
		}
		roundID = c.Rounds[n-1].ID
	}
	unitID, err := queryInt(q, "unit")
	if err != nil {
		return err
	}
	st, err := s.Contests.ContestStats(r.Context(), c.ID, roundID, unitID)
	if err != nil {
		return err
	}
	st.Rows, st.Hourly = nonNil(st.Rows), nonNil(st.Hourly)
	writeJSON(w, http.StatusOK, st)
	return nil
}

// contestSchemas are the components of the OpenAPI document of the contests' API.
var contestSchemas = obj{
	"Round": props(nil, obj{"id": integer, "contest_id": integer, "number": integer, "opens_at": instant, "closes_at": instant,
		"closed_at": instant, "target": obj{"type": "integer", "description": "the prediction target counted at the close"}}),
	"RoundInput": props([]string{"opens_at", "closes_at"}, obj{"opens_at": instant, "closes_at": instant}),
	"DrawRule":   props([]string{"category_id", "count"}, obj{"category_id": integer, "count": integer}),
	"Prize":      props([]string{"name", "count"}, obj{"name": str, "count": integer}),
	"Contest":    props(nil, contestProps(obj{"id": integer, "unit_name": str, "created_at": instant, "updated_at": instant, "rounds": obj{"type": "array", "items": ref("Round")}})),
	"ContestInput": props([]string{"title", "rules", "consent", "retention_days", "time_limit", "attempts_per_round", "counts", "show_answers", "ranking"},
		contestProps(obj{"rounds": obj{"type": "array", "items": ref("RoundInput"), "description": "every round, first first: those already open unchanged"}})),
	"ContestList": listOf("Contest"),
	"RankedEntry": props(nil, obj{"rank": integer, "attempt_id": integer, "contestant_id": integer, "full_name": str, "unit_name": str,
		"score": integer, "prediction": integer, "prediction_error": integer, "duration": obj{"type": "integer", "description": "nanoseconds"},
		"submitted_at": instant, "prize": str}),
	"RankingList": listOf("RankedEntry"),
	"ContestStats": props([]string{"rows", "hourly"}, obj{
		"rows": obj{"type": "array", "description": "the unit's whole subtree first, then each unit right below it", "items": props(nil, obj{
			"unit_id": integer, "unit_name": str, "registrations": integer, "people": integer, "entries": integer,
			"base": obj{"type": "integer", "description": "the people of the unit's register, the base of the share of collective prizes"}})},
		"hourly": obj{"type": "array", "items": props(nil, obj{"at": instant, "entries": integer})}}),
}

// contestProps returns the fields of a contest the organiser sets, with more.
func contestProps(more obj) obj {
	p := obj{"unit_id": obj{"type": "integer", "description": "the organising unit; it does not change"}, "title": str,
		"rules": str, "consent": str, "retention_days": integer, "draw": obj{"type": "array", "items": ref("DrawRule")},
		"time_limit": obj{"type": "integer", "description": "seconds"}, "attempts_per_round": integer,
		"counts": enum("best", "first", "last"), "show_answers": enum("after_submit", "after_close"),
		"prediction": enum("", "all_correct", "entries", "people"), "prediction_text": str,
		"ranking": obj{"type": "array", "items": enum("score", "prediction", "duration", "submitted"), "description": "the chain, score first"},
		"prizes":  obj{"type": "array", "items": ref("Prize")}, "unit_prize": enum("", "entries", "share"), "unit_prizes": integer}
	for k, v := range more {
		p[k] = v
	}
	return p
}

func init() {
	for name, schema := range contestSchemas {
		schemas[name] = schema
	}
}
