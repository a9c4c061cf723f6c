package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/chart"
	"tuyengiao/internal/vn"
)

// resultsData is what the results of a round show: its ranking, winners first, and its
// figures in a unit's subtree.
type resultsData struct {
	Contest *tuyengiao.Contest
	Round   *tuyengiao.Round
	Unit    *tuyengiao.Unit // the unit of the figures
	Ranking []tuyengiao.RankedEntry
	Total   int
	Pager   pager
	Stats   *tuyengiao.ContestStats
	Chart   template.HTML // entries over the round
	// Questions are how the questions fared, for those who run the contest, once it is closed.
	Questions []tuyengiao.QuestionStat
}

func (s *Server) contestResultsPage(w http.ResponseWriter, r *http.Request) error {
	c, u, rd, err := s.viewRound(r, uv)
	if err != nil {
		return err
	}
	d := &resultsData{Contest: c, Round: rd, Unit: u}
	q := r.URL.Query()
	offset, limit, err := pageParams(q)
	if err != nil {
		return err
	}
	if !rd.ClosedAt.IsZero() {
		if d.Ranking, d.Total, err = s.Contests.Ranking(r.Context(), rd.ID, offset, limit); err != nil {
			return err
		}
		if tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), cx, u.Path) == nil {
			if d.Questions, err = s.Contests.QuestionStats(r.Context(), rd.ID); err != nil {
				return err
			}
		}
	}
	base := fmt.Sprintf("%s/rounds/%d/results?limit=%d&offset=", contestURL(c.ID), rd.Number, limit)
	d.Pager = newPager(base, offset, limit, d.Total)
	unitID, err := queryInt(q, "unit")
	if err != nil {
		return err
	}
	if d.Stats, err = s.Contests.ContestStats(r.Context(), c.ID, rd.ID, unitID); err != nil {
		return err
	}
	if len(d.Stats.Rows) > 0 && d.Stats.Rows[0].UnitID != u.ID {
		d.Unit = &tuyengiao.Unit{ID: d.Stats.Rows[0].UnitID, Name: d.Stats.Rows[0].UnitName}
	}
	if d.Chart, err = hourlyChart(d.Stats.Hourly); err != nil {
		return err
	}
	title := fmt.Sprintf("%s · %s %d", c.Title, inLang(lang(r), "Vòng"), rd.Number)
	return s.render(w, r, "contest_admin_results", &page{Title: title, Nav: "contests", Data: d})
}

// hourlyChart draws the entries of each hour as columns, or of each day over a round longer
// than two days, whose hours would be too many to read; "" without entries.
func hourlyChart(hours []tuyengiao.ContestHour) (template.HTML, error) {
	if len(hours) == 0 {
		return "", nil
	}
	daily := hours[len(hours)-1].At.Sub(hours[0].At) > 48*time.Hour
	var bars []chart.Bar
	for _, h := range hours {
		at := h.At.In(vn.Zone)
		label := at.Format("02/01 15") + "h"
		if daily {
			label = at.Format("02/01")
		}
		if n := len(bars); n > 0 && bars[n-1].Label == label {
			bars[n-1].Value += float64(h.Entries)
			continue
		}
		bars = append(bars, chart.Bar{Label: label, Value: float64(h.Entries)})
	}
	return barsSVG(bars, false, false)
}

// Share writes a unit's people taking part against its register, as collective prizes by
// share count it.
func (d *resultsData) Share(row tuyengiao.ContestUnitRow) string {
	return vn.Percent(row.People, row.Base)
}

// Seconds writes a duration as minutes and seconds: "4:05".
func (p *page) Seconds(d time.Duration) string {
	return p.MinSec(int(d.Round(time.Second) / time.Second))
}

// MinSec writes seconds as minutes and seconds: "4:05".
func (p *page) MinSec(s int) string { return fmt.Sprintf("%d:%02d", s/60, s%60) }

// contestResultsExport sends the ranking of a closed round as XLSX: only what the rules let
// the organiser publish (name, unit, score, time, prize), never the phone nor an address.
func (s *Server) contestResultsExport(w http.ResponseWriter, r *http.Request) error {
	c, _, rd, err := s.viewRound(r, uv)
	if err != nil {
		return err
	}
	entries, err := allPages(func(offset, limit int) ([]tuyengiao.RankedEntry, int, error) {
		return s.Contests.Ranking(r.Context(), rd.ID, offset, limit)
	})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.ExportRanking(&buf, c, rd, entries); err != nil {
		return err
	}
	sendXLSX(w, fmt.Sprintf("ket-qua-cuoc-thi-%d-vong-%d.xlsx", c.ID, rd.Number), &buf)
	return nil
}

// contestantsData is a page of a contest's contestants, searched.
type contestantsData struct {
	Contest     *tuyengiao.Contest
	Query       string
	Contestants []*tuyengiao.Contestant
	Total       int
	Pager       pager
	PIN         string // the PIN just set, shown once
	PINFor      int64
}

func (s *Server) contestantsPage(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.viewContest(r, cx)
	if err != nil {
		return err
	}
	return s.showContestants(w, r, c, nil, nil, http.StatusOK)
}

// showContestants shows a page of the contestants of ?q=, with the PIN just set of who or err.
func (s *Server) showContestants(w http.ResponseWriter, r *http.Request, c *tuyengiao.Contest, who *tuyengiao.Contestant, err error, code int) error {
	q := r.URL.Query()
	offset, limit, perr := pageParams(q)
	if perr != nil {
		return perr
	}
	d := &contestantsData{Contest: c, Query: strings.TrimSpace(q.Get("q"))}
	if d.Contestants, d.Total, perr = s.Contests.Contestants(r.Context(), c.ID, vn.NFC(d.Query), offset, limit); perr != nil {
		return perr
	}
	d.Pager = newPager(fmt.Sprintf("%s/contestants?q=%s&limit=%d&offset=", contestURL(c.ID), url.QueryEscape(d.Query), limit), offset, limit, d.Total)
	if who != nil && err == nil {
		d.PIN, d.PINFor = r.PostForm.Get("pin"), who.ID
	}
	p := &page{Title: "Người dự thi", Nav: "contests", Data: d}
	return s.renderForm(w, r, "contest_admin_contestants", p, err, code)
}

// contestantResetPIN sets the PIN the organiser typed for a contestant who lost theirs and
// shows it once, to give them by phone.
func (s *Server) contestantResetPIN(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.viewContest(r, cx)
	if err != nil {
		return err
	}
	id, err := pathID(r, "contestant")
	if err != nil {
		return err
	}
	who, err := s.Contests.FindContestant(r.Context(), id)
	if err != nil {
		return err
	} else if who.ContestID != c.ID {
		return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy người dự thi.")
	}
	if err := s.Contests.ResetPIN(r.Context(), id, strings.TrimSpace(r.PostForm.Get("pin"))); err != nil {
		return formError(err, func(err error, code int) error { return s.showContestants(w, r, c, who, err, code) })
	}
	return s.showContestants(w, r, c, who, nil, http.StatusOK)
}

// suspiciousData is the list of a contest's suspicious registrations.
type suspiciousData struct {
	Contest *tuyengiao.Contest
	List    []tuyengiao.Suspicion
}

func (s *Server) contestSuspiciousPage(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.viewContest(r, cx)
	if err != nil {
		return err
	}
	d := &suspiciousData{Contest: c}
	if d.List, err = s.Contests.Suspicious(r.Context(), c.ID); err != nil {
		return err
	}
	return s.render(w, r, "contest_admin_suspicious", &page{Title: "Đăng ký đáng ngờ", Nav: "contests", Data: d})
}

// contestantsExport sends the contestants of the contest as XLSX, for the organiser: each
// page of them read is audited as a read of personal data.
func (s *Server) contestantsExport(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.viewContest(r, cx)
	if err != nil {
		return err
	}
	cs, err := allPages(func(offset, limit int) ([]*tuyengiao.Contestant, int, error) {
		return s.Contests.Contestants(r.Context(), c.ID, "", offset, limit)
	})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.ExportContestants(&buf, c, cs); err != nil {
		return err
	}
	sendXLSX(w, fmt.Sprintf("nguoi-du-thi-%d.xlsx", c.ID), &buf)
	return nil
}
