package web

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"tuyengiao"
	"tuyengiao/internal/contest"
)

// The contests' public pages serve contestants without an account: a contest's page, its
// registration and the way back in by phone and PIN, the timed attempt, the results of a
// closed round. A contestant's browser is known by a signed cookie; every POST is bounded
// by a proof of work (registration, sign-in, start) or by a count per contestant (answer
// saves), and by a small body.

// publicFormBytes bounds the body of a public POST: the largest, a submission of an attempt
// of MaxQuestionsPerAttempt questions with every option of each chosen, takes some 6 KB.
const publicFormBytes = 16 << 10

// contestPublicRoutes lists the contests' public pages, for contestants without an account.
func contestPublicRoutes() []route {
	p := func(method, pattern string, f func(*Server, http.ResponseWriter, *http.Request) error) route {
		rt := route{method: method, pattern: pattern, handle: public(f)}
		if method == "POST" {
			rt.maxBody = publicFormBytes
		}
		return rt
	}
	return []route{
		p("GET", "/thi", (*Server).contestList),
		p("GET", "/thi/{id}", (*Server).publicContestPage),
		p("GET", "/thi/{id}/dang-ky", (*Server).contestRegisterPage),
		p("POST", "/thi/{id}/dang-ky", (*Server).contestRegister),
		p("GET", "/thi/{id}/don-vi", (*Server).contestUnits),
		p("GET", "/thi/{id}/vao-thi", (*Server).contestSignInPage),
		p("POST", "/thi/{id}/vao-thi", (*Server).contestSignIn),
		p("POST", "/thi/{id}/thoat", (*Server).contestSignOut),
		p("POST", "/thi/{id}/bat-dau", (*Server).contestStart),
		p("GET", "/thi/{id}/luot/{attempt}", (*Server).attemptPage),
		p("POST", "/thi/{id}/luot/{attempt}/tra-loi", (*Server).attemptSave),
		p("POST", "/thi/{id}/luot/{attempt}/nop", (*Server).attemptSubmit),
		p("GET", "/thi/{id}/ket-qua/{round}", (*Server).contestResults),
	}
}

// public shows the errors of a public page on a page of the contests' own layout: a GET
// that needs the contestant's cookie goes to the sign-in form instead, and a fault of the
// system goes to fail, which logs it.
func public(f func(*Server, http.ResponseWriter, *http.Request) error) func(*Server, http.ResponseWriter, *http.Request) error {
	return func(s *Server, w http.ResponseWriter, r *http.Request) error {
		err := f(s, w, r)
		code := tuyengiao.ErrorCode(err)
		switch {
		case code == "" || code == tuyengiao.EINTERNAL:
			return err
		case code == tuyengiao.EUNAUTHORIZED && r.Method == http.MethodGet && r.PathValue("id") != "":
			http.Redirect(w, r, "/thi/"+r.PathValue("id")+"/vao-thi", http.StatusSeeOther)
			return nil
		}
		retryAfter(w, code)
		title := "Không thực hiện được"
		if code == tuyengiao.ENOTFOUND {
			title = "Không tìm thấy"
		}
		back := "/thi"
		if _, perr := pathID(r, "id"); perr == nil {
			back += "/" + r.PathValue("id")
		}
		return s.renderContest(w, r, "contest_error", &page{Title: title, Message: message(lang(r), err), Data: back}, status(code))
	}
}

// contestFlashes are the confirmations a redirect of the public pages can show (?ok=).
var contestFlashes = map[string]string{
	"registered": "Đăng ký thành công. Hãy ghi nhớ mã PIN để vào thi trên máy khác.",
	"signedin":   "Đã vào thi.",
	"submitted":  "Đã nộp bài.",
}

// contestPages are the templates of the public pages, each joined with contest_layout.html,
// parsed at the first of them.
var contestPages = sync.OnceValue(func() *pageSet {
	names, err := fs.Glob(templateFS, "templates/contest_*.html")
	if err != nil {
		panic(err)
	}
	names = slices.DeleteFunc(names, func(n string) bool { return n == "templates/contest_layout.html" })
	return newPageSet(func(lang string) map[string]*template.Template {
		return parsePages(lang, names, "contest_layout.html")
	})
})

// renderContest executes a public page in its light layout into a buffer, then sends it
// with the status code.
func (s *Server) renderContest(w http.ResponseWriter, r *http.Request, name string, p *page, code int) error {
	p.Lang, p.Path = lang(r), r.URL.RequestURI()
	if p.err != nil {
		p.showError()
	}
	if f := r.URL.Query().Get("ok"); f != "" && p.Flash == "" {
		p.Flash = contestFlashes[f]
	}
	var buf bytes.Buffer
	if err := contestPages().page(p.Lang, name).ExecuteTemplate(&buf, "contest_layout.html", p); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, err := buf.WriteTo(w)
	return err
}

// contestSecrets is what the public pages of one server derive from the contests' key: the
// key itself, read from the database once, the puzzles signed with it, and the answer saves
// counted per contestant.
type contestSecrets struct {
	mu      sync.Mutex
	key     []byte
	puzzles *contest.Puzzles
	saves   saveLimiter
}

// contestKey returns the contests' key and the puzzles signed with it, read from the
// database at the first call that succeeds.
func (s *Server) contestKey(ctx context.Context) ([]byte, *contest.Puzzles, error) {
	cs := &s.contestSecrets
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.key == nil {
		key, err := s.ContestKey(ctx)
		if err != nil {
			return nil, nil, err
		} else if len(key) < 32 {
			return nil, nil, errors.New("contest key shorter than 32 bytes")
		}
		cs.key, cs.puzzles = key, contest.NewPuzzles(key, s.Now)
	}
	return cs.key, cs.puzzles, nil
}

// issuePuzzle returns a challenge for purpose at the difficulty the client's address has
// earned.
func (s *Server) issuePuzzle(r *http.Request, purpose string) (string, error) {
	_, pz, err := s.contestKey(r.Context())
	if err != nil {
		return "", err
	}
	return pz.Issue(purpose, s.Pressure.Bits(clientAddress(r))), nil
}

// checkPuzzle checks the proof of work of a posted form for purpose.
func (s *Server) checkPuzzle(r *http.Request, purpose string) error {
	_, pz, err := s.contestKey(r.Context())
	if err != nil {
		return err
	}
	return pz.Check(purpose, r.PostForm.Get("pow_challenge"), r.PostForm.Get("pow_solution"))
}

// contestantLife is how long the cookie of a contestant's browser lasts: a contest's rounds
// are usually weekly, and the phone and PIN bring the contestant back after it ends.
const contestantLife = 30 * 24 * time.Hour

// contestantCookie names the cookie of a contest: one per contest, so that a browser may
// take part in two at once.
func contestantCookie(contestID int64) string { return "thi" + strconv.FormatInt(contestID, 10) }

// signContestant returns the cookie's value "<contestant>.<contest>.<expires unix>.<credential>.<mac>",
// the mac an HMAC-SHA256 under the contests' key of what precedes it, prefixed with a name
// no puzzle starts with. The credential is the contestant's (Contestant.Credential), which a
// new PIN changes.
func signContestant(key []byte, contestantID, contestID, expires int64, credential string) string {
	body := strconv.FormatInt(contestantID, 10) + "." + strconv.FormatInt(contestID, 10) + "." + strconv.FormatInt(expires, 10) + "." + credential
	return body + "." + base64.RawURLEncoding.EncodeToString(contestantMAC(key, body))
}

func contestantMAC(key []byte, body string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("contestant." + body))
	return m.Sum(nil)
}

// verifyContestant returns the contestant a cookie's value names for the contest and the
// credential it was signed with, or 0 when it is forged, expired, of another contest or
// malformed.
func verifyContestant(key []byte, value string, contestID int64, now time.Time) (int64, string) {
	dot := strings.LastIndexByte(value, '.')
	if dot < 0 || len(value) > 160 {
		return 0, ""
	}
	// Strict: one mac has one spelling, without spare bits in its last character.
	mac, err := base64.RawURLEncoding.Strict().DecodeString(value[dot+1:])
	if err != nil || !hmac.Equal(mac, contestantMAC(key, value[:dot])) {
		return 0, ""
	}
	f := strings.Split(value[:dot], ".")
	if len(f) != 4 {
		return 0, ""
	}
	id, _ := strconv.ParseInt(f[0], 10, 64)
	contestOf, _ := strconv.ParseInt(f[1], 10, 64)
	expires, _ := strconv.ParseInt(f[2], 10, 64)
	if contestOf != contestID || now.Unix() >= expires {
		return 0, ""
	}
	return id, f[3]
}

// setContestant gives the browser the cookie of the contestant.
func (s *Server) setContestant(w http.ResponseWriter, r *http.Request, c *tuyengiao.Contestant) error {
	key, _, err := s.contestKey(r.Context())
	if err != nil {
		return err
	}
	expires := s.Now().Add(contestantLife)
	http.SetCookie(w, &http.Cookie{Name: contestantCookie(c.ContestID), Value: signContestant(key, c.ID, c.ContestID, expires.Unix(), c.Credential),
		Path: "/thi/", Expires: expires, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: isHTTPS(r)})
	return nil
}

// contestant returns the contestant the browser's cookie names for the contest, or nil when
// it names none (no cookie, a forged or expired one, one signed before a new PIN, a
// contestant purged).
func (s *Server) contestant(r *http.Request, contestID int64) (*tuyengiao.Contestant, error) {
	ck, err := r.Cookie(contestantCookie(contestID))
	if err != nil {
		return nil, nil
	}
	key, _, err := s.contestKey(r.Context())
	if err != nil {
		return nil, err
	}
	id, credential := verifyContestant(key, ck.Value, contestID, s.Now())
	if id == 0 {
		return nil, nil
	}
	c, err := s.Contests.FindContestant(r.Context(), id)
	// A cookie signed before the PIN last changed (a reset by the organiser) names nobody.
	if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND || err == nil && (c.ContestID != contestID || !hmac.Equal([]byte(c.Credential), []byte(credential))) {
		return nil, nil
	}
	return c, err
}

// mustContestant is contestant for a page that needs one: EUNAUTHORIZED without.
func (s *Server) mustContestant(r *http.Request, contestID int64) (*tuyengiao.Contestant, error) {
	c, err := s.contestant(r, contestID)
	if err == nil && c == nil {
		err = tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Vui lòng vào thi bằng số điện thoại và mã PIN đã đăng ký.")
	}
	return c, err
}

// pathContest reads the contest of the path's id.
func (s *Server) pathContest(r *http.Request) (*tuyengiao.Contest, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.Contests.FindContestByID(r.Context(), id)
}

// roundView is a round with where it stands for the public: "soon", "open", "over" (ended,
// results not yet counted) or "results".
type roundView struct {
	tuyengiao.Round
	State string
}

func publicRoundState(r *tuyengiao.Round, now time.Time) string {
	switch {
	case !r.ClosedAt.IsZero():
		return "results"
	case r.Open(now):
		return "open"
	case now.Before(r.OpensAt):
		return "soon"
	}
	return "over"
}

// currentRound returns the round open at now, or else the next to open; nil when none is
// left.
func currentRound(c *tuyengiao.Contest, now time.Time) *roundView {
	for _, r := range c.Rounds {
		if st := publicRoundState(&r, now); st == "open" || st == "soon" {
			return &roundView{Round: r, State: st}
		}
	}
	return nil
}

// contestListItem is a contest on the list of contests with its round open or next to come.
type contestListItem struct {
	*tuyengiao.Contest
	Round *roundView
}

func (s *Server) contestList(w http.ResponseWriter, r *http.Request) error {
	all, err := s.Contests.CurrentContests(r.Context())
	if err != nil {
		return err
	}
	now := s.Now()
	var list []contestListItem
	for _, c := range all {
		if cur := currentRound(c, now); cur != nil {
			list = append(list, contestListItem{Contest: c, Round: cur})
		}
	}
	return s.renderContest(w, r, "contest_list", &page{Title: "Cuộc thi trực tuyến", Data: list}, http.StatusOK)
}

// contestPageData is what a contest's page shows: never, before a round closes, a count
// its prediction question asks for.
type contestPageData struct {
	Contest    *tuyengiao.Contest
	Rules      []string // the paragraphs of the rules
	Rounds     []roundView
	Current    *roundView
	Contestant *tuyengiao.Contestant // nil when the browser is not known
	Challenge  string                // the proof of work of the start, when it may start
	// Attempts are the contestant's attempts, the latest first; Left how many the current
	// round still allows them.
	Attempts []*tuyengiao.Attempt
	Left     int
}

// running reports whether the contestant has an attempt of the current round not submitted.
func (d *contestPageData) running() bool {
	for _, a := range d.Attempts {
		if a.RoundID == d.Current.ID && a.SubmittedAt.IsZero() {
			return true
		}
	}
	return false
}

// RoundNumber returns the number of the round of the id.
func (d *contestPageData) RoundNumber(id int64) int {
	for _, r := range d.Rounds {
		if r.ID == id {
			return r.Number
		}
	}
	return 0
}

func (s *Server) publicContestPage(w http.ResponseWriter, r *http.Request) error {
	c, err := s.pathContest(r)
	if err != nil {
		return err
	}
	d := &contestPageData{Contest: c, Rules: paragraphs(c.Rules)}
	if d.Contestant, err = s.contestant(r, c.ID); err != nil {
		return err
	}
	now := s.Now()
	for _, rd := range c.Rounds {
		d.Rounds = append(d.Rounds, roundView{Round: rd, State: publicRoundState(&rd, now)})
	}
	d.Current = currentRound(c, now)
	if d.Contestant != nil {
		if d.Attempts, err = s.Contests.Attempts(r.Context(), d.Contestant.ID); err != nil {
			return err
		}
	}
	if d.Current != nil {
		d.Left = c.AttemptsPerRound
		for _, a := range d.Attempts {
			if a.RoundID == d.Current.ID {
				d.Left--
			}
		}
	}
	// A contestant with no attempt left and none running has nothing to start.
	if d.Contestant != nil && d.Current != nil && d.Current.State == "open" && (d.Left > 0 || d.running()) {
		if d.Challenge, err = s.issuePuzzle(r, "start"); err != nil {
			return err
		}
	}
	return s.renderContest(w, r, "contest_page", &page{Title: "Cuộc thi", Data: d}, http.StatusOK)
}

// paragraphs splits a text at its line breaks into its non-empty lines.
func paragraphs(text string) []string {
	var out []string
	for line := range strings.SplitSeq(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// contestUnitsLimit bounds the units the registration's picker offers at once.
const contestUnitsLimit = 30

// contestUnits answers the registration's unit picker: [{"id":…,"name":…}] of the units of
// the contest's subtree whose name or code holds ?q=.
func (s *Server) contestUnits(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var units []*tuyengiao.Unit
	// A name is never this long: a longer query finds nothing, without asking the database.
	if q := r.URL.Query().Get("q"); len(q) <= 100 {
		if units, err = s.Contests.ContestUnits(r.Context(), id, q, contestUnitsLimit); err != nil {
			return err
		}
	}
	type item struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	}
	out := make([]item, len(units))
	for i, u := range units {
		out[i] = item{u.ID, u.Name}
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) contestSignOut(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: contestantCookie(id), Value: "", Path: "/thi/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: isHTTPS(r)})
	http.Redirect(w, r, "/thi/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}

// Minutes writes the contest's time limit as "10:00".
func (d *contestPageData) Minutes() string {
	return fmt.Sprintf("%d:%02d", d.Contest.TimeLimit/60, d.Contest.TimeLimit%60)
}
