package web

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"tuyengiao"
)

func (s *Server) contestStart(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	who, err := s.mustContestant(r, id)
	if err != nil {
		return err
	} else if err := s.checkPuzzle(r, "start"); err != nil {
		return err
	}
	a, err := s.Contests.StartAttempt(r.Context(), who.ID)
	if err != nil {
		return err
	}
	http.Redirect(w, r, attemptURL(id, a.ID), http.StatusSeeOther)
	return nil
}

func attemptURL(contestID, attemptID int64) string {
	return fmt.Sprintf("/thi/%d/luot/%d", contestID, attemptID)
}

// pathAttempt reads the contest of the path, the contestant of the browser's cookie and
// the attempt of the path, which must be theirs (ENOTFOUND otherwise).
func (s *Server) pathAttempt(r *http.Request) (*tuyengiao.Contest, *tuyengiao.Contestant, int64, error) {
	c, err := s.pathContest(r)
	if err != nil {
		return nil, nil, 0, err
	}
	attemptID, err := pathID(r, "attempt")
	if err != nil {
		return nil, nil, 0, err
	}
	who, err := s.mustContestant(r, c.ID)
	return c, who, attemptID, err
}

// attemptData is what an attempt's page shows. While the attempt is open: its questions
// with the answers saved and the seconds left by the server's clock (the page counts them
// down; it holds no clock time). Once submitted: the score, and the right answers when the
// contest shows them by then.
type attemptData struct {
	Contest     *tuyengiao.Contest
	Attempt     *tuyengiao.Attempt
	Questions   []attemptQuestion
	SecondsLeft int
	Revealed    bool // the right answers are shown
}

// attemptQuestion is a question of the attempt page with its options as shown.
type attemptQuestion struct {
	Pos      int
	Text     string
	Multiple bool
	Options  []attemptOption
	// Correct tells, once the answers are shown, whether the choice was right.
	Correct     bool
	Explanation string
}

type attemptOption struct {
	Index         int
	Text          string
	Chosen, Right bool
}

// Open reports whether the attempt still takes answers.
func (d *attemptData) Open() bool { return d.Attempt.SubmittedAt.IsZero() }

// Clock writes the seconds left as "9:58".
func (d *attemptData) Clock() string {
	return fmt.Sprintf("%d:%02d", d.SecondsLeft/60, d.SecondsLeft%60)
}

// Took writes how long the attempt lasted.
func (d *attemptData) Took() string { return took(d.Attempt.Duration()) }

// took writes a duration of an attempt in minutes and seconds to the tenth: "3:07,4".
func took(t time.Duration) string {
	tenths := int64(t / (100 * time.Millisecond))
	return fmt.Sprintf("%d:%02d,%d", tenths/600, tenths/10%60, tenths%10)
}

func (s *Server) attemptPage(w http.ResponseWriter, r *http.Request) error {
	c, who, attemptID, err := s.pathAttempt(r)
	if err != nil {
		return err
	}
	a, err := s.Contests.FindAttempt(r.Context(), who.ID, attemptID)
	if err != nil {
		return err
	}
	d := &attemptData{Contest: c, Attempt: a}
	if left := a.Deadline.Sub(s.Now()); left > 0 && d.Open() {
		d.SecondsLeft = int(math.Ceil(left.Seconds()))
	}
	for pos, q := range a.Questions {
		choice := a.Answers[pos]
		aq := attemptQuestion{Pos: pos, Text: q.Text, Multiple: q.Multiple, Correct: q.Right != 0 && choice == q.Right,
			Explanation: q.Explanation}
		for i, o := range q.Options {
			aq.Options = append(aq.Options, attemptOption{Index: i, Text: o, Chosen: choice&(1<<i) != 0, Right: q.Right&(1<<i) != 0})
		}
		d.Revealed = d.Revealed || q.Right != 0
		d.Questions = append(d.Questions, aq)
	}
	title := "Bài thi"
	if !d.Open() {
		title = "Kết quả bài thi"
	}
	return s.renderContest(w, r, "contest_attempt", &page{Title: title, Data: d}, http.StatusOK)
}

// Answer saves are bounded per contestant: savesPerSecond within a second of the clock, and
// at most maxSavers contestants counted in one second (beyond, the others wait for the
// next). A script saves one answer at a time, so a person choosing fast stays well within.
const (
	savesPerSecond = 5
	maxSavers      = 100_000
)

// saveLimiter counts the answer saves of each contestant in the current second.
type saveLimiter struct {
	mu     sync.Mutex
	second int64
	counts map[int64]int
}

// allow records a save of the contestant at now and reports whether it is within the limit.
func (l *saveLimiter) allow(contestantID int64, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if sec := now.Unix(); sec != l.second || l.counts == nil {
		if l.counts == nil {
			l.counts = map[int64]int{}
		}
		l.second = sec
		clear(l.counts)
	}
	n, ok := l.counts[contestantID]
	if !ok && len(l.counts) >= maxSavers {
		return false
	}
	l.counts[contestantID] = n + 1
	return n < savesPerSecond
}

// attemptSave saves one answer as the page's script sends it (position, and choice as the
// bits of the options shown) and answers 204, or an error as JSON.
func (s *Server) attemptSave(w http.ResponseWriter, r *http.Request) error {
	err := s.saveAnswer(r)
	if err == nil {
		w.WriteHeader(http.StatusNoContent)
		return nil
	} else if tuyengiao.ErrorCode(err) == tuyengiao.EINTERNAL {
		return err
	}
	var body errorBody
	code := tuyengiao.ErrorCode(err)
	body.Error.Code, body.Error.Message = code, message(lang(r), err)
	retryAfter(w, code)
	writeJSON(w, status(code), body)
	return nil
}

func (s *Server) saveAnswer(r *http.Request) error {
	_, who, attemptID, err := s.pathAttempt(r)
	if err != nil {
		return err
	} else if !s.contestSecrets.saves.allow(who.ID, s.Now()) {
		return tuyengiao.Errorf(tuyengiao.ETOOMANY, "Lưu câu trả lời quá nhanh; vui lòng thử lại sau giây lát.")
	}
	pos, perr := strconv.Atoi(r.PostForm.Get("position"))
	choice, cerr := strconv.ParseUint(r.PostForm.Get("choice"), 10, 8)
	if perr != nil || cerr != nil {
		return tuyengiao.Errorf(tuyengiao.EINVALID, "Câu trả lời gửi lên không hợp lệ.")
	}
	return s.Contests.SaveAnswer(r.Context(), who.ID, attemptID, pos, uint8(choice))
}

// attemptSubmit submits an attempt from its page's form: the answers of the form not yet
// saved as they stand are saved first (a browser without scripts saves them only here),
// then the attempt is graded with the prediction. Past the deadline no answer is saved
// any more, and the attempt is graded with those saved before.
func (s *Server) attemptSubmit(w http.ResponseWriter, r *http.Request) error {
	c, who, attemptID, err := s.pathAttempt(r)
	if err != nil {
		return err
	}
	a, err := s.Contests.FindAttempt(r.Context(), who.ID, attemptID)
	if err != nil {
		return err
	}
	if a.SubmittedAt.IsZero() {
		if err := s.saveForm(r, who.ID, a); err != nil {
			return err
		}
		var prediction int64
		if v := r.PostForm.Get("prediction"); v != "" && c.Prediction != "" {
			if prediction, err = strconv.ParseInt(v, 10, 64); err != nil {
				return tuyengiao.FieldError("prediction", "Số dự đoán phải từ 0 đến 1.000.000.000.")
			}
		}
		if _, err := s.Contests.Submit(r.Context(), who.ID, a.ID, prediction); err != nil {
			return err
		}
	}
	http.Redirect(w, r, attemptURL(c.ID, a.ID)+"?ok=submitted", http.StatusSeeOther)
	return nil
}

// saveForm saves the choices of the submitted form that differ from those saved; a refusal
// because the time is up ends the saving, as the attempt is then graded with what was saved.
func (s *Server) saveForm(r *http.Request, contestantID int64, a *tuyengiao.Attempt) error {
	for pos, q := range a.Questions {
		var choice uint8
		for _, v := range r.PostForm["q"+strconv.Itoa(pos)] {
			if i, err := strconv.Atoi(v); err == nil && i >= 0 && i < len(q.Options) {
				choice |= 1 << i
			}
		}
		if choice == a.Answers[pos] {
			continue
		}
		err := s.Contests.SaveAnswer(r.Context(), contestantID, a.ID, pos, choice)
		var e *tuyengiao.Error
		if errors.As(err, &e) && e.Code == tuyengiao.EINVALID && e.Field == "" {
			return nil
		} else if err != nil {
			return err
		}
	}
	return nil
}

// resultsPageSize is how many entries a page of a round's results lists.
const resultsPageSize = 50

// publicResults is a page of the ranking of a closed round.
type publicResults struct {
	Contest          *tuyengiao.Contest
	Round            tuyengiao.Round
	Entries          []rankedRow
	Total            int
	Page, Pages      int
	PrevURL, NextURL string
}

// rankedRow is an entry of the results with its duration written.
type rankedRow struct{ tuyengiao.RankedEntry }

func (e rankedRow) Took() string { return took(e.Duration) }

func (s *Server) contestResults(w http.ResponseWriter, r *http.Request) error {
	c, err := s.pathContest(r)
	if err != nil {
		return err
	}
	roundID, err := pathID(r, "round")
	if err != nil {
		return err
	}
	d := &publicResults{Contest: c, Page: 1}
	found := false
	for _, rd := range c.Rounds {
		if rd.ID == roundID {
			d.Round, found = rd, true
		}
	}
	if !found {
		return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy vòng thi.")
	}
	if n, err := strconv.Atoi(r.URL.Query().Get("trang")); err == nil && n > 1 && n < 1_000_000 {
		d.Page = n
	}
	entries, total, err := s.Contests.Ranking(r.Context(), roundID, (d.Page-1)*resultsPageSize, resultsPageSize)
	if err != nil {
		return err
	}
	for _, e := range entries {
		d.Entries = append(d.Entries, rankedRow{e})
	}
	d.Total, d.Pages = total, max(1, (total+resultsPageSize-1)/resultsPageSize)
	base := fmt.Sprintf("/thi/%d/ket-qua/%d?trang=", c.ID, roundID)
	if d.Page > 1 {
		d.PrevURL = base + strconv.Itoa(d.Page-1)
	}
	if d.Page < d.Pages {
		d.NextURL = base + strconv.Itoa(d.Page+1)
	}
	return s.renderContest(w, r, "contest_results", &page{Title: "Kết quả vòng thi", Data: d}, http.StatusOK)
}
