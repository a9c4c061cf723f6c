package web

import (
	"net/http"
	"net/url"
	"strconv"

	"tuyengiao"
)

// heldData is the page of the conferences held in a unit's subtree in a period: the records
// behind its study figures.
type heldData struct {
	Unit             *tuyengiao.Unit
	Filter           tuyengiao.HeldFilter
	Conferences      []*tuyengiao.HeldConference
	Totals           *tuyengiao.HeldTotals
	Elsewhere        int64 // the conferences organised outside the subtree
	Page, Pages      int
	PrevURL, NextURL string
	Figures          string // the table of figures of the unit for the same days
	Attended         string // the people of the subtree who attended (shown to those who may see them)
}

// heldList is the API's answer: a page of the conferences, the number of them all, and
// the totals of them all.
type heldList struct {
	list[*tuyengiao.HeldConference]
	Totals *tuyengiao.HeldTotals `json:"totals"`
}

// heldFilter reads the question of the page and the API: unit (default: the first the
// caller may view), from and to (31/01/2026 or 2026-01-31, as a figure's records link
// writes them; default: the current month), offset and limit.
func (s *Server) heldFilter(r *http.Request) (tuyengiao.HeldFilter, error) {
	q := r.URL.Query()
	var f tuyengiao.HeldFilter
	var err error
	if f.UnitID, err = queryInt(q, "unit"); err != nil {
		return f, err
	}
	if f.UnitID == 0 {
		if f.UnitID, err = s.firstViewRoot(r); err != nil {
			return f, err
		}
	}
	if f.From, err = formDay(q, "from"); err != nil {
		return f, err
	}
	if f.To, err = formDay(q, "to"); err != nil {
		return f, err
	}
	if f.From.IsZero() && f.To.IsZero() {
		month := tuyengiao.PeriodContaining(tuyengiao.PeriodMonth, tuyengiao.Date{Time: s.today()})
		f.From, f.To = month.From, month.To
	}
	f.Offset, f.Limit, err = pageParams(q)
	return f, err
}

// heldURL returns the address of the page at path for f at offset.
func heldURL(path string, f tuyengiao.HeldFilter, offset int) string {
	v := url.Values{"unit": {strconv.FormatInt(f.UnitID, 10)},
		"from": {f.From.Format("2006-01-02")}, "to": {f.To.Format("2006-01-02")}}
	if offset > 0 {
		v.Set("offset", strconv.Itoa(offset))
	}
	return path + "?" + v.Encode()
}

func (s *Server) conferencesPage(w http.ResponseWriter, r *http.Request) error {
	f, err := s.heldFilter(r)
	if err != nil {
		return err
	}
	d := &heldData{Filter: f}
	if d.Conferences, d.Totals, err = s.Campaigns.HeldConferences(r.Context(), f); err != nil {
		return err
	}
	if d.Unit, err = s.Units.FindUnitByID(r.Context(), f.UnitID); err != nil {
		return err
	}
	d.Elsewhere = int64(d.Totals.Total) - d.Totals.Organised
	d.Page, d.Pages = f.Offset/f.Limit+1, max(1, (d.Totals.Total+f.Limit-1)/f.Limit)
	if f.Offset > 0 {
		d.PrevURL = heldURL("/conferences", f, max(0, f.Offset-f.Limit))
	}
	if f.Offset+f.Limit < d.Totals.Total {
		d.NextURL = heldURL("/conferences", f, f.Offset+f.Limit)
	}
	d.Attended = heldURL("/conferences/attended", f, 0)
	d.Figures = "/figures?" + url.Values{"unit": {strconv.FormatInt(f.UnitID, 10)}, "kind": {string(tuyengiao.PeriodRange)},
		"from": {f.From.Format("2006-01-02")}, "to": {f.To.Format("2006-01-02")},
		"indicator": {"study.conferences", "study.bridge_points", "study.attendances", "study.headcount"}}.Encode()
	return s.render(w, r, "conferences", &page{Title: "Hội nghị, lớp học tập, quán triệt", Nav: "figures", Data: d, Form: r.URL.Query()})
}

func (s *Server) apiConferences(w http.ResponseWriter, r *http.Request) error {
	f, err := s.heldFilter(r)
	if err != nil {
		return err
	}
	cs, totals, err := s.Campaigns.HeldConferences(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, heldList{newList(cs, totals.Total), totals})
	return nil
}

// attendedData is the page of the people of a unit's subtree who attended a conference held
// in a period.
type attendedData struct {
	Unit             *tuyengiao.Unit
	Filter           tuyengiao.HeldFilter
	People           []*tuyengiao.Person
	Total            int
	PrevURL, NextURL string
	Conferences      string // the conferences of the same days
}

func (s *Server) attendedPage(w http.ResponseWriter, r *http.Request) error {
	f, err := s.heldFilter(r)
	if err != nil {
		return err
	}
	d := &attendedData{Filter: f, Conferences: heldURL("/conferences", f, 0)}
	if d.People, d.Total, err = s.Campaigns.Attended(r.Context(), f); err != nil {
		return err
	}
	if d.Unit, err = s.Units.FindUnitByID(r.Context(), f.UnitID); err != nil {
		return err
	}
	if f.Offset > 0 {
		d.PrevURL = heldURL("/conferences/attended", f, max(0, f.Offset-f.Limit))
	}
	if f.Offset+f.Limit < d.Total {
		d.NextURL = heldURL("/conferences/attended", f, f.Offset+f.Limit)
	}
	return s.render(w, r, "attended", &page{Title: "Người đã tham dự học tập, quán triệt", Nav: "figures", Data: d})
}

func (s *Server) apiAttended(w http.ResponseWriter, r *http.Request) error {
	f, err := s.heldFilter(r)
	if err != nil {
		return err
	}
	people, total, err := s.Campaigns.Attended(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(people, total))
	return nil
}
