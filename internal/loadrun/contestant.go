package loadrun

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/sqldb"
)

// The two ways a contests' load acts as contestants: through the storage alone (the floor of
// the app's own transactions), and over HTTP as a phone's browser does.

// stored acts through the contests' storage, batched as the server's requests are.
type stored struct {
	s         *sqldb.ContestStore
	contestID int64
}

func (a *stored) register(ctx context.Context, k, i int) (int, error) {
	c := &tuyengiao.Contestant{ContestID: a.contestID, FullName: fmt.Sprintf("Người đăng ký %d", i+1), BirthYear: 1990,
		Phone: contestPhone(2, k, i), Address: "Thử tải", Client: "192.0.2.1"}
	return statusOf(a.s.Register(ctx, c, ContestPIN))
}

func (a *stored) signIn(ctx context.Context, e *Entrant, _ int) (int, error) {
	_, err := a.s.SignIn(ctx, a.contestID, e.Phone, ContestPIN)
	e.SignedIn = err == nil
	return statusOf(err)
}

func (a *stored) start(ctx context.Context, e *Entrant, _ int) (int, error) {
	t, err := a.s.StartAttempt(ctx, e.ID)
	if err == nil {
		e.Attempt = t.ID
	}
	return statusOf(err)
}

func (a *stored) save(ctx context.Context, e *Entrant, position int) (int, error) {
	err := a.s.SaveAnswer(ctx, e.ID, e.Attempt, position, 1)
	e.Saved[position] = err == nil
	return statusOf(err)
}

func (a *stored) submit(ctx context.Context, e *Entrant) (int, error) {
	_, err := a.s.Submit(ctx, e.ID, e.Attempt, loadPrediction)
	e.Submitted = err == nil
	return statusOf(err)
}

// loadPrediction is every contestant's answer to the prediction question.
const loadPrediction = 100

// statusOf returns the status the server answers an error of the storage with, roughly: 200
// for none, 400 for a refusal, and the error itself for a fault.
func statusOf(err error) (int, error) {
	switch tuyengiao.ErrorCode(err) {
	case "":
		return http.StatusOK, nil
	case tuyengiao.EINTERNAL:
		return 0, err
	}
	return http.StatusBadRequest, nil
}

// overHTTP acts as phones' browsers over HTTP at base, the contest's page (".../thi/7"): each
// form is fetched for its proof of work, solved in Go, and posted; a redirect is not
// followed. Each contestant comes from an address of their own, sent as X-Forwarded-For,
// which the server is to believe from the loopback, so that the difficulty stays at its base.
type overHTTP struct {
	hc        *http.Client
	base      string
	contestID int64
}

// newOverHTTP returns the HTTP contestants of the contest served at server ("http://…"), for
// clients at a time.
func newOverHTTP(server string, contestID int64, clients int) *overHTTP {
	hc := NewClient(clients, time.Minute)
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &overHTTP{hc: hc, base: server + "/thi/" + strconv.FormatInt(contestID, 10), contestID: contestID}
}

// address returns the address of the i-th of a set of contestants.
func address(set, i int64) string {
	return fmt.Sprintf("%d.%d.%d.%d", 10+set, i>>16&255, i>>8&255, i&255)
}

func (a *overHTTP) register(ctx context.Context, k, i int) (int, error) {
	form := url.Values{"full_name": {fmt.Sprintf("Người đăng ký %d", i+1)}, "birth_year": {"1990"}, "phone": {contestPhone(2, k, i)},
		"address": {"Thử tải"}, "pin": {ContestPIN}, "pin2": {ContestPIN}, "consent": {"1"}}
	status, _, err := a.solved(ctx, "/dang-ky", "/dang-ky", form, nil, address(1, int64(k)<<20|int64(i)))
	return status, err
}

func (a *overHTTP) signIn(ctx context.Context, e *Entrant, _ int) (int, error) {
	form := url.Values{"phone": {e.Phone}, "pin": {ContestPIN}}
	status, resp, err := a.solved(ctx, "/vao-thi", "/vao-thi", form, nil, address(0, e.ID))
	if status == http.StatusOK {
		for _, c := range resp.Cookies() {
			if c.Name == "thi"+strconv.FormatInt(a.contestID, 10) {
				e.Cookie, e.SignedIn = c, true
			}
		}
	}
	return status, err
}

func (a *overHTTP) start(ctx context.Context, e *Entrant, _ int) (int, error) {
	status, resp, err := a.solved(ctx, "", "/bat-dau", url.Values{}, e.Cookie, address(0, e.ID))
	if status == http.StatusOK {
		loc := resp.Header.Get("Location")
		e.Attempt, _ = strconv.ParseInt(loc[strings.LastIndexByte(loc, '/')+1:], 10, 64)
	}
	return status, err
}

func (a *overHTTP) save(ctx context.Context, e *Entrant, position int) (int, error) {
	form := url.Values{"position": {strconv.Itoa(position)}, "choice": {"1"}}
	for {
		resp, err := a.send(ctx, http.MethodPost, a.attempt(e)+"/tra-loi", form, e.Cookie, address(0, e.ID))
		if err != nil || resp.StatusCode != http.StatusTooManyRequests {
			e.Saved[position] = err == nil && resp.StatusCode == http.StatusNoContent
			return statusOrError(resp, err)
		}
		time.Sleep(200 * time.Millisecond) // the page's script tries again, as the server asks
	}
}

func (a *overHTTP) submit(ctx context.Context, e *Entrant) (int, error) {
	// The form holds the answers saved, as saved (the first option shown), so that the
	// submission saves none: the saves are measured on their own.
	form := url.Values{"prediction": {strconv.Itoa(loadPrediction)}}
	for p, saved := range e.Saved {
		if saved {
			form.Set("q"+strconv.Itoa(p), "0")
		}
	}
	resp, err := a.send(ctx, http.MethodPost, a.attempt(e)+"/nop", form, e.Cookie, address(0, e.ID))
	status, err := redirected(resp, err)
	e.Submitted = e.Submitted || status == http.StatusOK && strings.HasSuffix(resp.Header.Get("Location"), "?ok=submitted")
	return status, err
}

func (a *overHTTP) attempt(e *Entrant) string {
	return a.base + "/luot/" + strconv.FormatInt(e.Attempt, 10)
}

// challengeField finds a form's proof of work in its page.
var challengeField = regexp.MustCompile(`name="pow_challenge" value="([^"]+)"`)

// solved fetches the page at base+page for its proof of work, solves it and posts form to
// base+action. It returns 200 when the post is answered with a redirect (a form done), with
// the answer; the status of the page or of the post otherwise.
func (a *overHTTP) solved(ctx context.Context, page, action string, form url.Values, cookie *http.Cookie, addr string) (int, *http.Response, error) {
	resp, err := a.send(ctx, http.MethodGet, a.base+page, nil, cookie, addr)
	if err != nil {
		return 0, nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return 0, nil, err
	}
	m := challengeField.FindSubmatch(body)
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, nil, nil
	} else if m == nil {
		return http.StatusConflict, nil, nil // no form to post (no round open, not signed in): refused
	}
	form.Set("pow_challenge", string(m[1]))
	form.Set("pow_solution", Solve(string(m[1])))
	resp, err = a.send(ctx, http.MethodPost, a.base+action, form, cookie, addr)
	status, err := redirected(resp, err)
	return status, resp, err
}

// send makes a request from addr with the contest's cookie, its body read and closed.
func (a *overHTTP) send(ctx context.Context, method, target string, form url.Values, cookie *http.Cookie, addr string) (*http.Response, error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return nil, err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if cookie != nil {
		req.AddCookie(cookie)
	}
	req.Header.Set("X-Forwarded-For", addr)
	resp, err := a.hc.Do(req)
	if err != nil {
		return nil, err
	}
	if method != http.MethodGet {
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return resp, err
}

// redirected returns 200 for a redirect (a form's post done), else the answer's status.
func redirected(resp *http.Response, err error) (int, error) {
	if err == nil && resp.StatusCode == http.StatusSeeOther {
		return http.StatusOK, nil
	}
	return statusOrError(resp, err)
}

func statusOrError(resp *http.Response, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Solve returns a solution of a proof-of-work challenge of internal/contest ("v1.<purpose>.
// <bits>.…"): the first counter whose SHA-256 with the challenge starts with bits zero bits.
func Solve(challenge string) string {
	f := strings.Split(challenge, ".")
	bits := 0
	if len(f) > 2 {
		bits, _ = strconv.Atoi(f[2])
	}
	for c := 0; ; c++ {
		s := strconv.Itoa(c)
		sum := sha256.Sum256([]byte(challenge + ":" + s))
		if zeros(sum[:], bits) {
			return s
		}
	}
}

// zeros reports whether b starts with bits zero bits.
func zeros(b []byte, bits int) bool {
	for i := 0; bits > 0; i, bits = i+1, bits-8 {
		if bits >= 8 && b[i] != 0 || bits < 8 && b[i]>>(8-bits) != 0 {
			return false
		}
	}
	return true
}
