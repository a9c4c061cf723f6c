package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"tuyengiao"
)

// memberConferenceLimit bounds the conferences the study page lists.
const memberConferenceLimit = 50

// studyCampaign is a campaign on the member's study page with the member's essay and the
// conferences of it they may follow.
type studyCampaign struct {
	Campaign    *tuyengiao.Campaign
	Essay       *tuyengiao.Essay // nil when none handed in yet
	EssayOpen   bool             // an essay is asked and its due day has not passed
	Conferences []*studyConference
}

// studyConference is a conference on the study page, with where its check-in stands.
type studyConference struct {
	*tuyengiao.Conference
	// CheckIn is "soon" before the check-in opens, "open" while it is, "over" after.
	CheckIn string
}

// studyData is what the member's study page shows.
type studyData struct {
	NoPerson  bool // the account is not linked to a person record
	Campaigns []*studyCampaign
	Other     []*studyConference // conferences of campaigns not listed above
	Now       time.Time
}

// checkInState says where the check-in of c stands at t.
func checkInState(c *tuyengiao.Conference, t time.Time) string {
	switch {
	case c.CheckInOpen(t):
		return "open"
	case t.Before(c.StartsAt):
		return "soon"
	}
	return "over"
}

// study gathers the member's campaigns (those reaching them, not ended), their essays for
// them, and the conferences they may follow from now on.
func (s *Server) study(r *http.Request) (*studyData, error) {
	p := tuyengiao.PrincipalFrom(r.Context())
	now := s.Now()
	d := &studyData{Now: now}
	if p.PersonID == 0 {
		d.NoPerson = true
		return d, nil
	}
	today := tuyengiao.Date{Time: s.today()}
	campaigns, err := s.Campaigns.MyCampaigns(r.Context(), today)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*studyCampaign{}
	for _, c := range campaigns {
		sc := &studyCampaign{Campaign: c}
		if !c.EssayDue.IsZero() {
			sc.EssayOpen = !today.After(c.EssayDue.Time)
			if sc.Essay, err = s.Essays.MyEssay(r.Context(), c.ID); tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
				sc.Essay = nil
			} else if err != nil {
				return nil, err
			}
		}
		byID[c.ID] = sc
		d.Campaigns = append(d.Campaigns, sc)
	}
	confs, err := s.Campaigns.FindConferences(r.Context(), tuyengiao.ConferenceFilter{PersonID: p.PersonID, From: now, Limit: memberConferenceLimit})
	if err != nil {
		return nil, err
	}
	for _, c := range confs {
		sc := &studyConference{Conference: c, CheckIn: checkInState(c, now)}
		if camp := byID[c.CampaignID]; camp != nil {
			camp.Conferences = append(camp.Conferences, sc)
		} else {
			d.Other = append(d.Other, sc)
		}
	}
	return d, nil
}

func (s *Server) memberStudy(w http.ResponseWriter, r *http.Request) error {
	d, err := s.study(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "member_study", &page{Title: "Học tập của tôi", Nav: "study", Data: d})
}

// checkinData is what the QR check-in page shows.
type checkinData struct {
	Conference *tuyengiao.Conference
	Code       string
	State      string                 // as checkInState
	Entry      *tuyengiao.RosterEntry // the attendance just recorded
}

func (s *Server) checkinPage(w http.ResponseWriter, r *http.Request) error {
	return s.checkinShow(w, r, nil, strings.TrimSpace(r.URL.Query().Get("code")), nil, nil, http.StatusOK)
}

// checkinShow shows conference c (read when nil) of the path with its check-in button, the
// attendance just recorded, or the error of a check-in.
func (s *Server) checkinShow(w http.ResponseWriter, r *http.Request, c *tuyengiao.Conference, code string, entry *tuyengiao.RosterEntry, err error, status int) error {
	if c == nil {
		id, perr := pathID(r, "conference")
		if perr != nil {
			return perr
		}
		if c, perr = s.Campaigns.CheckInConference(r.Context(), id); perr != nil {
			return perr
		}
	}
	d := &checkinData{Conference: c, Code: code, State: checkInState(c, s.Now()), Entry: entry}
	p := &page{Title: "Điểm danh", Nav: "study", Data: d}
	if entry != nil {
		p.Flash = "Đã điểm danh."
	}
	if err != nil {
		p.Form = url.Values{"code": {code}}
	}
	return s.renderForm(w, r, "member_checkin", p, err, status)
}

func (s *Server) checkinSubmit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "conference")
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	code := strings.TrimSpace(r.PostForm.Get("code"))
	entry, conf, err := s.Campaigns.CheckIn(r.Context(), id, code)
	// A wrong code, a closed window, a second check-in and a member outside the audiences
	// are all told on the page the QR code opened, where the member is.
	switch c := tuyengiao.ErrorCode(err); c {
	case "":
	case tuyengiao.EINVALID, tuyengiao.ECONFLICT, tuyengiao.EFORBIDDEN:
		return s.checkinShow(w, r, nil, code, nil, err, status(c))
	default:
		return err
	}
	return s.checkinShow(w, r, conf, code, entry, nil, http.StatusOK)
}
