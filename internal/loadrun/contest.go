package loadrun

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"

	"tuyengiao"
	"tuyengiao/internal/contest"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/vn"
)

// ContestPIN is the PIN of every contestant a contests' load makes.
const ContestPIN = "246810"

// ContestWorld is what a contests' load works on: a contest of a unit of its own with one
// round open now, a bank of 5 categories of 20 questions (an attempt draws 2 of each), and
// groups of contestants registered in bulk, one for each level of the load (and the burst's).
type ContestWorld struct {
	UnitID, ContestID, RoundID int64
	Groups                     [][]*Entrant
}

// Entrant is a contestant of a load and what the load was told of them.
type Entrant struct {
	ID       int64
	Phone    string
	SignedIn bool
	Cookie   *http.Cookie // the contest's cookie, once signed in over HTTP
	// Attempt is the attempt started; Saved the answers of it saved, by position (each
	// written by the one request that saves it); Submitted whether its submission was
	// acknowledged.
	Attempt   int64
	Saved     [loadCategories * loadDraw]bool
	Submitted bool
}

// asAdministrator returns ctx with a system administrator of the load run, who sets up what
// the load works on.
func asAdministrator(ctx context.Context) context.Context {
	return tuyengiao.NewContext(ctx, &tuyengiao.Principal{Login: "loadrun", Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin, UnitPath: "/"}}})
}

// loadQuestions, loadCategories and loadDraw shape the bank: every question has 4 options,
// the first right.
const (
	loadCategories = 5
	loadQuestions  = 20 // per category
	loadDraw       = 2  // per category, so an attempt has 10 questions
)

// PrepareContest fills the empty database db with a province of its own, a contest of it
// with one round open now for a day and its question bank (through the service), and a
// group of contestants of each size in sizes (sqldb.ContestantsInBulk: the PIN hashed once).
func PrepareContest(ctx context.Context, db *sqldb.DB, sizes []int) (*ContestWorld, error) {
	admin := asAdministrator(ctx)
	u := &tuyengiao.Unit{Code: "THI", Name: "Tỉnh ủy thử tải", Kind: "tinh_uy"}
	if err := db.CreateUnit(admin, u); err != nil {
		return nil, err
	}
	c, err := createContest(admin, db, u.ID, 24*time.Hour)
	if err != nil {
		return nil, err
	}
	w := &ContestWorld{UnitID: u.ID, ContestID: c.ID, RoundID: c.Rounds[0].ID}
	now := time.Now()
	if err := db.MoveRound(ctx, w.RoundID, now.Add(-time.Minute), now.Add(24*time.Hour)); err != nil {
		return nil, err
	}
	for k, size := range sizes {
		g, err := bulkEntrants(ctx, db, c.ID, k, size)
		if err != nil {
			return nil, err
		}
		w.Groups = append(w.Groups, g)
	}
	return w, nil
}

// createContest creates a contest of the unit with one round of the given length opening in
// a minute, its bank and its draw, for the administrator of ctx.
func createContest(ctx context.Context, db *sqldb.DB, unitID int64, length time.Duration) (*tuyengiao.Contest, error) {
	s := db.ContestStore()
	c := &tuyengiao.Contest{UnitID: unitID, Title: "Cuộc thi thử tải", Rules: "Mỗi người dự thi tối đa 3 lượt trong vòng.",
		Consent: "Tôi đồng ý.", RetentionDays: 30, TimeLimit: 3600, AttemptsPerRound: 3, Counts: tuyengiao.CountBest,
		ShowAnswers: tuyengiao.AnswersAfterClose, Prediction: tuyengiao.PredictAllCorrect,
		PredictionText: "Có bao nhiêu bài trả lời đúng tất cả các câu?",
		Ranking:        []tuyengiao.RankKey{tuyengiao.RankScore, tuyengiao.RankPrediction, tuyengiao.RankDuration, tuyengiao.RankSubmitted},
		Prizes:         []tuyengiao.Prize{{Name: "Giải Nhất", Count: 1}, {Name: "Giải Nhì", Count: 2}, {Name: "Giải Ba", Count: 5}}}
	opens := time.Now().Add(time.Minute)
	rounds := []tuyengiao.Round{{OpensAt: opens, ClosesAt: opens.Add(length)}}
	if err := s.CreateContest(ctx, c, rounds); err != nil {
		return nil, err
	}
	var qs []*tuyengiao.Question
	for k := range loadCategories * loadQuestions {
		q := &tuyengiao.Question{Category: fmt.Sprintf("Chủ đề %d", k%loadCategories+1), Text: fmt.Sprintf("Câu hỏi thử tải số %d?", k+1)}
		for o := range 4 {
			q.Options = append(q.Options, tuyengiao.Option{Text: fmt.Sprintf("Phương án %c", 'A'+o), Correct: o == 0})
		}
		qs = append(qs, q)
	}
	if err := s.ImportQuestions(ctx, c.ID, qs); err != nil {
		return nil, err
	}
	cats, err := s.Categories(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	for _, k := range cats {
		c.Draw = append(c.Draw, tuyengiao.DrawRule{CategoryID: k.ID, Count: loadDraw})
	}
	return c, s.UpdateContest(ctx, c, rounds)
}

// contestPhone returns the phone of the i-th contestant of group k: made in bulk (kind 1) or
// registering in the load (kind 2).
func contestPhone(kind, k, i int) string {
	return fmt.Sprintf("09%d%d%06d", kind, k, i)
}

// bulkEntrants registers size contestants of group k in bulk.
func bulkEntrants(ctx context.Context, db *sqldb.DB, contestID int64, k, size int) ([]*Entrant, error) {
	phones := make([]string, size)
	for i := range phones {
		phones[i] = contestPhone(1, k, i)
	}
	ids, err := db.ContestantsInBulk(ctx, contestID, phones, ContestPIN)
	if err != nil {
		return nil, err
	}
	out := make([]*Entrant, len(ids))
	for i, id := range ids {
		out[i] = &Entrant{ID: id, Phone: phones[i]}
	}
	return out, nil
}

// A contestant is the way a load acts as contestants: over HTTP, or through the storage alone.
// Each returns the status of the answer, 200 for the outcome wanted (a form's redirect), or an
// error when there was none.
type contestant interface {
	register(ctx context.Context, k, i int) (int, error)
	signIn(ctx context.Context, e *Entrant, i int) (int, error)
	start(ctx context.Context, e *Entrant, i int) (int, error)
	save(ctx context.Context, e *Entrant, position int) (int, error)
	submit(ctx context.Context, e *Entrant) (int, error)
}

// ContestLevel is the result of one level of a contests' load: each kind of request, in the
// order a contestant makes them, and the ledger checked after.
type ContestLevel struct {
	Name   string
	Phases []ContestPhase
	Ledger *Ledger
}

// ContestPhase is the result of one kind of request of a level.
type ContestPhase struct {
	Name string
	*Batched
}

// runLevel has the contestants of group k act through act, clients at a time, each kind of
// request in turn for at most limit: registrations of as many new contestants as the group
// holds, then the group's sign-ins (all of them), attempt starts, every answer of each attempt started, and
// submissions; then checks the ledger of the round.
func runLevel(ctx context.Context, db *sqldb.DB, w *ContestWorld, k int, act contestant, clients int, limit time.Duration) (*ContestLevel, error) {
	g := w.Groups[k]
	l := &ContestLevel{}
	phase := func(name string, total int, limit time.Duration, do func(ctx context.Context, i int) (int, error)) {
		l.Phases = append(l.Phases, ContestPhase{Name: name, Batched: DriveBatched(ctx, db, clients, total, limit, do)})
	}
	phase("đăng ký / registrations", len(g), limit, func(ctx context.Context, i int) (int, error) {
		return act.register(ctx, k, i)
	})
	// Every contestant of the group signs in, however long it takes (a PIN's hash is checked
	// each time), so that the writes after have the whole group.
	phase("vào thi / sign-ins", len(g), 0, func(ctx context.Context, i int) (int, error) { return act.signIn(ctx, g[i], i) })
	in := pick(g, func(e *Entrant) bool { return e.SignedIn })
	phase("bắt đầu / attempt starts", len(in), limit, func(ctx context.Context, i int) (int, error) { return act.start(ctx, in[i], i) })
	started := pick(in, func(e *Entrant) bool { return e.Attempt != 0 })
	// One answer of each attempt in turn, so that a contestant's saves come seconds apart.
	questions := loadCategories * loadDraw
	phase("lưu đáp án / answer saves", questions*len(started), limit, func(ctx context.Context, i int) (int, error) {
		return act.save(ctx, started[i%len(started)], i/len(started))
	})
	phase("nộp bài / submissions", len(started), limit, func(ctx context.Context, i int) (int, error) { return act.submit(ctx, started[i]) })
	var err error
	l.Ledger, err = CheckSubmissions(ctx, db, w)
	return l, err
}

// pick returns the entrants of g for which keep is true.
func pick(g []*Entrant, keep func(*Entrant) bool) []*Entrant {
	var out []*Entrant
	for _, e := range g {
		if keep(e) {
			out = append(out, e)
		}
	}
	return out
}

// Print writes each phase of the level as Result.Print does, with its commits, then the ledger.
func (l *ContestLevel) Print(out io.Writer) {
	fmt.Fprintln(out, l.Name)
	for _, p := range l.Phases {
		p.Result.Print(out, "  "+p.Name)
		fmt.Fprintf(out, "%-14s %s\n", "", p.CommitFigures())
	}
	l.Ledger.Print(out)
}

// Ledger is the check of a round's submissions against those acknowledged to the load.
type Ledger struct {
	// Acked counts the submissions acknowledged; Stored the attempts submitted in time.
	Acked, Stored int
	// Lost counts the acknowledged submissions not stored with their one audit record; Odd
	// the attempts stored submitted without exactly one audit record of it, or audited more
	// than once or without being submitted.
	Lost, Odd int
}

// OK reports whether every acknowledged submission is stored exactly once with its audit
// record, and nothing is doubled.
func (l *Ledger) OK() bool { return l.Lost == 0 && l.Odd == 0 }

// CheckSubmissions checks the submissions of w's round against those its entrants were told
// were stored.
func CheckSubmissions(ctx context.Context, db *sqldb.DB, w *ContestWorld) (*Ledger, error) {
	submitted, audited, err := db.RoundSubmissions(ctx, w.RoundID)
	if err != nil {
		return nil, err
	}
	l := &Ledger{Stored: len(submitted)}
	for _, g := range w.Groups {
		for _, e := range g {
			if e.Submitted {
				l.Acked++
				if submitted[e.Attempt] != 1 || audited[e.Attempt] != 1 {
					l.Lost++
				}
			}
		}
	}
	for id := range submitted {
		if audited[id] != 1 {
			l.Odd++
		}
	}
	for id := range audited {
		if submitted[id] == 0 {
			l.Odd++
		}
	}
	return l, nil
}

// Print writes the ledger in a line, saying WRONG when it does not hold.
func (l *Ledger) Print(out io.Writer) {
	verdict := "= đúng / holds"
	if !l.OK() {
		verdict = "SAI / WRONG"
	}
	fmt.Fprintf(out, "%-14s sổ / ledger: %s bài nộp được xác nhận / submissions acknowledged; %s lượt đã nộp trong vòng / attempts submitted in the round; mất / lost %d, không đúng một lần với một nhật ký / not once with one audit record %d %s\n",
		"", vn.Int(int64(l.Acked)), vn.Int(int64(l.Stored)), l.Lost, l.Odd, verdict)
}

// StoredContest runs level k of the load through the storage alone (sqldb.ContestStore,
// batched as the server's requests are) from clients goroutines: the floor of the app's own
// transactions, without HTTP.
func StoredContest(ctx context.Context, db *sqldb.DB, w *ContestWorld, k, clients int, limit time.Duration) (*ContestLevel, error) {
	l, err := runLevel(ctx, db, w, k, &stored{s: db.ContestStore(), contestID: w.ContestID}, clients, limit)
	if l != nil {
		l.Name = fmt.Sprintf("sàn / floor: lưu trữ, %d luồng / storage alone, %d goroutines", clients, clients)
	}
	return l, err
}

// ContestOverHTTP runs level k of the load over HTTP against the server at server
// ("http://127.0.0.1:…") from clients concurrent clients, each contestant from an address of
// their own (X-Forwarded-For, to be believed from the loopback).
func ContestOverHTTP(ctx context.Context, db *sqldb.DB, w *ContestWorld, k int, server string, clients int, limit time.Duration) (*ContestLevel, error) {
	act := newOverHTTP(server, w.ContestID, clients)
	defer act.hc.CloseIdleConnections()
	l, err := runLevel(ctx, db, w, k, act, clients, limit)
	if l != nil {
		l.Name = fmt.Sprintf("%d clients", clients)
	}
	return l, err
}

// StartBurst signs the contestants of group k in over HTTP and fetches each one's proof of
// work of the start (200 at a time), then releases them all at once to start their attempts
// (Burst): the time until the last is answered is the Result's Elapsed.
func StartBurst(ctx context.Context, w *ContestWorld, k int, server string) (*Result, error) {
	g := w.Groups[k]
	prep := newOverHTTP(server, w.ContestID, 200)
	forms := make([]url.Values, len(g))
	r := Drive(ctx, 200, len(g), 0, func(ctx context.Context, i int) (int, error) {
		if status, err := prep.signIn(ctx, g[i], i); status != http.StatusOK {
			return status, err
		}
		resp, err := prep.send(ctx, http.MethodGet, prep.base, nil, g[i].Cookie, address(0, g[i].ID))
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if m := challengeField.FindSubmatch(body); m != nil {
			forms[i] = url.Values{"pow_challenge": {string(m[1])}, "pow_solution": {Solve(string(m[1]))}}
		}
		return resp.StatusCode, err
	})
	prep.hc.CloseIdleConnections()
	if r.OK != len(g) {
		return nil, fmt.Errorf("loadrun: %d of %d contestants of the burst signed in", r.OK, len(g))
	}
	act := newOverHTTP(server, w.ContestID, len(g))
	defer act.hc.CloseIdleConnections()
	return Burst(ctx, len(g), func(ctx context.Context, i int) (int, error) {
		resp, err := act.send(ctx, http.MethodPost, act.base+"/bat-dau", forms[i], g[i].Cookie, address(0, g[i].ID))
		return redirected(resp, err)
	}), nil
}

// RoundTimes is how long the closing of a large round took, and the statistics of its
// questions (ContestStore.QuestionStats), asked first and again.
type RoundTimes struct {
	Close, Stats, StatsAgain time.Duration
}

// RankRound makes a contest of the unit with a round that ended minutes ago, loads it with
// entries submitted attempts from people contestants (sqldb.AttemptsInBulk; spread over them
// in turn, 10 questions answered each), times its closing (ContestStore.CloseRound: the
// prediction target counted, every counted attempt ranked, the prizes named, the ranking
// stored), then the statistics of its questions twice. Scores crowd near the top, as in a real
// round, so that most entries tie on score and the later keys of the chain decide.
func RankRound(ctx context.Context, db *sqldb.DB, unitID int64, people, entries int) (*RoundTimes, error) {
	admin := asAdministrator(ctx)
	c, err := createContest(admin, db, unitID, time.Hour)
	if err != nil {
		return nil, err
	}
	phones := make([]string, people)
	for i := range phones {
		phones[i] = contestPhone(3, 0, i)
	}
	ids, err := db.ContestantsInBulk(ctx, c.ID, phones, ContestPIN)
	if err != nil {
		return nil, err
	}
	closes := time.Now().Add(-5 * time.Minute)
	opens := closes.Add(-7 * 24 * time.Hour)
	round := c.Rounds[0].ID
	if err := db.AttemptsInBulk(ctx, round, roundTries(ids, entries, opens, closes)); err != nil {
		return nil, err
	}
	if err := db.MoveRound(ctx, round, opens, closes); err != nil {
		return nil, err
	}
	s, t := db.ContestStore(), &RoundTimes{}
	stats := func() error { _, err := s.QuestionStats(admin, round); return err }
	if t.Close, err = timed(func() error { return s.CloseRound(admin, round) }); err != nil {
		return nil, err
	} else if t.Stats, err = timed(stats); err != nil {
		return nil, err
	}
	t.StatsAgain, err = timed(stats)
	return t, err
}

// timed runs fn and returns how long it took.
func timed(fn func() error) (time.Duration, error) {
	began := time.Now()
	err := fn()
	return time.Since(began), err
}

// roundTries spreads entries tries over the contestants of ids and the week from opens to
// closes: scores of 10 questions each right with a chance of 0,8, durations of 1 to 10
// minutes to the millisecond, predictions around a fifth of the entries.
func roundTries(ids []int64, entries int, opens, closes time.Time) []contest.Try {
	rng := rand.New(rand.NewPCG(1, 2))
	tries := make([]contest.Try, 0, entries)
	for n := range entries {
		t := contest.Try{ContestantID: ids[n%len(ids)], Prediction: int64(entries/5 + rng.IntN(entries/10+1) - entries/20),
			Duration:    time.Minute + time.Duration(rng.Int64N(int64(9*time.Minute/time.Millisecond)))*time.Millisecond,
			SubmittedAt: opens.Add(time.Duration(rng.Int64N(int64(closes.Sub(opens)/time.Second))) * time.Second)}
		for range loadCategories * loadDraw {
			if rng.Float64() < 0.8 {
				t.Score++
			}
		}
		tries = append(tries, t)
	}
	return tries
}
