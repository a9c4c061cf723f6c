package loadrun

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/synthetic"
	"tuyengiao/internal/vn"
)

// CheckinWorld is what a check-in load works on: party members with open sessions, and
// conferences open for check-in, each with its code; each load level checks the members into
// a conference of its own.
type CheckinWorld struct {
	People, Conferences []int64
	Tokens, Codes       []string
}

// PrepareCheckins fills the empty database db with a district of members (synthetic.Generate,
// its study campaign under way), gives the first members sessions (sqldb.MemberSessions: no
// password hashed) and opens conferences of the campaign for check-in now, for three hours.
func PrepareCheckins(ctx context.Context, db *sqldb.DB, members, conferences int, out io.Writer) (*CheckinWorld, error) {
	spec := synthetic.Spec{Scale: "checkin", Top: "district", Grassroots: 50, Cells: 250,
		KeyCadres: 100, Members: members, Seed: 1}
	if err := synthetic.Generate(ctx, db, spec, out); err != nil {
		return nil, err
	}
	w := &CheckinWorld{}
	var err error
	if w.People, w.Tokens, err = db.MemberSessions(ctx, members); err != nil {
		return nil, err
	}
	ctx = asAdministrator(ctx)
	c, err := generatedCampaign(ctx, db)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	for k := range conferences {
		f := &tuyengiao.Conference{CampaignID: c.ID, UnitID: c.UnitID, Title: fmt.Sprintf("Hội nghị điểm danh thử tải %d", k+1),
			StartsAt: now.Add(-10 * time.Minute), EndsAt: now.Add(3 * time.Hour), Form: tuyengiao.FormInPerson}
		if err := db.CreateConference(ctx, f); err != nil {
			return nil, err
		}
		code, err := db.CheckInCode(ctx, f.ID)
		if err != nil {
			return nil, err
		}
		w.Conferences, w.Codes = append(w.Conferences, f.ID), append(w.Codes, code)
	}
	return w, nil
}

// CheckinLevel is the result of one level of the load: the answers, the commits of the
// batcher meanwhile and the records found after.
type CheckinLevel struct {
	*Batched
	// Records and Audited are the attendance records and their audit records found after;
	// Unmatched the people without exactly one of each.
	Records, Audited, Unmatched int
}

// Checkins checks in the members of w into its conference k over HTTP at base, from clients
// concurrent clients, each member once, for at most limit; and counts after the records
// stored against the check-ins acknowledged (2xx).
func Checkins(ctx context.Context, db *sqldb.DB, w *CheckinWorld, k int, base string, clients int, limit time.Duration) (*CheckinLevel, error) {
	hc := NewClient(clients, time.Minute)
	target := base + "/checkin/" + strconv.FormatInt(w.Conferences[k], 10)
	form := url.Values{"code": {w.Codes[k]}}.Encode()
	b := DriveBatched(ctx, db, clients, len(w.People), limit, func(ctx context.Context, i int) (int, error) {
		return checkIn(ctx, hc, target, form, w.Tokens[i])
	})
	hc.CloseIdleConnections()
	return measured(ctx, db, w.Conferences[k], b)
}

// checkIn posts the check-in form to target in the session of token.
func checkIn(ctx context.Context, hc *http.Client, target, form, token string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(form))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	// As a phone's browser asks. Named here, the page comes as sent and is read unzipped:
	// a phone unzips it on its own CPU, not on the server's, which the load shares.
	req.Header.Set("Accept-Encoding", "gzip")
	req.AddCookie(&http.Cookie{Name: "tg_session", Value: token})
	return Status(hc, req)
}

// A Page is an answer of the server as it was sent, its body still compressed.
type Page struct {
	Header http.Header
	Body   []byte
}

// CheckinPage fetches the page the QR code of w's conference k opens, as a member's phone
// does (gzip accepted), without checking in.
func CheckinPage(ctx context.Context, w *CheckinWorld, k int, base string) (*Page, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/checkin/"+strconv.FormatInt(w.Conferences[k], 10)+"?code="+url.QueryEscape(w.Codes[k]), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	req.AddCookie(&http.Cookie{Name: "tg_session", Value: w.Tokens[0]})
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	} else if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the check-in page answered %s", resp.Status)
	}
	return &Page{Header: resp.Header, Body: body}, nil
}

// ServeHTTP answers every request, its form read, with the page as it was sent: a server that
// does nothing but HTTP, for HTTPFloor.
func (p *Page) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	for k, v := range p.Header {
		w.Header()[k] = v
	}
	w.Write(p.Body)
}

// HTTPFloor posts check-ins of w's conference k as Checkins does, one per member, from clients
// concurrent clients for at most limit, to base, a server that answers each with a Page: the
// floor of the HTTP alone, clients included, on the same machine in the same run.
func HTTPFloor(ctx context.Context, w *CheckinWorld, k int, base string, clients int, limit time.Duration) *Result {
	hc := NewClient(clients, time.Minute)
	defer hc.CloseIdleConnections()
	target := base + "/checkin/" + strconv.FormatInt(w.Conferences[k], 10)
	form := url.Values{"code": {w.Codes[k]}}.Encode()
	return Drive(ctx, clients, len(w.Tokens), limit, func(ctx context.Context, i int) (int, error) {
		return checkIn(ctx, hc, target, form, w.Tokens[i])
	})
}

// measured completes the result b of a level on the conference with the records found.
func measured(ctx context.Context, db *sqldb.DB, conferenceID int64, b *Batched) (*CheckinLevel, error) {
	records, audited, err := db.ConferenceRecords(ctx, conferenceID)
	return &CheckinLevel{Batched: b, Records: len(records), Audited: len(audited), Unmatched: unmatched(records, audited)}, err
}

// unmatched counts the people of records or audited who have not exactly one attendance
// record and one audit record of it: a check-in lost, applied twice, or stored unaudited.
func unmatched(records, audited map[int64]int) int {
	n := 0
	for id, c := range records {
		if c != 1 || audited[id] != 1 {
			n++
		}
	}
	for id := range audited {
		if records[id] == 0 {
			n++
		}
	}
	return n
}

// StoredCheckins checks in the members of w into its conference k through the storage alone
// (sqldb.DB.CheckIn, batched as the server does), from clients goroutines, for at most limit:
// the floor of the app's own transactions, without HTTP.
func StoredCheckins(ctx context.Context, db *sqldb.DB, w *CheckinWorld, k int, clients int, limit time.Duration) (*CheckinLevel, error) {
	b := DriveBatched(ctx, db, clients, len(w.People), limit, func(ctx context.Context, i int) (int, error) {
		member := tuyengiao.NewContext(ctx, &tuyengiao.Principal{Login: "load", PersonID: w.People[i]})
		_, _, err := db.CheckIn(member, w.Conferences[k], w.Codes[k])
		if tuyengiao.ErrorCode(err) == tuyengiao.ECONFLICT {
			return http.StatusConflict, nil
		}
		return http.StatusOK, err
	})
	return measured(ctx, db, w.Conferences[k], b)
}

// Print writes the level as Result.Print does, then the commits per second, the writes per
// commit and whether the records stored are the check-ins acknowledged.
func (l *CheckinLevel) Print(out io.Writer, name string) {
	l.Result.Print(out, name)
	verdict := "= 2xx"
	if l.Records != l.OK || l.Unmatched > 0 {
		verdict = fmt.Sprintf("≠ 2xx %s: SAI / WRONG", vn.Int(int64(l.OK)))
	}
	fmt.Fprintf(out, "%-14s %s; bản ghi / records %s, nhật ký / audited %s %s\n", "", l.CommitFigures(),
		vn.Int(int64(l.Records)), vn.Int(int64(l.Audited)), verdict)
}
