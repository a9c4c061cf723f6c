package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"tuyengiao"
)

// The JSON API of study campaigns, their conferences and the attendance. Access is decided by
// the CampaignService (and the UnitService for the dashboard's tree), never here.

// campaignFields are the editable fields of a campaign: the body of PUT /api/v1/campaigns/{id}
// (the CampaignUpdate schema). What the server sets (the id, the documents' symbols, the
// times) is not taken from the request.
type campaignFields struct {
	Title         string                       `json:"title"`
	Description   string                       `json:"description"`
	DocumentIDs   []int64                      `json:"document_ids"`
	Audiences     []tuyengiao.CampaignAudience `json:"audiences"`
	StartOn       tuyengiao.Date               `json:"start_on"`
	EndOn         tuyengiao.Date               `json:"end_on"`
	UnitIDs       []int64                      `json:"unit_ids"`
	EssayDue      tuyengiao.Date               `json:"essay_due"`
	EssayCriteria []string                     `json:"essay_criteria"`
	EssayLevels   []string                     `json:"essay_levels"`
}

// campaignInput is the body of POST /api/v1/campaigns (the CampaignInput schema): the
// editable fields and the organising unit, which does not change afterwards.
type campaignInput struct {
	UnitID int64 `json:"unit_id"`
	campaignFields
}

// campaign returns the campaign of the fields, organised by unitID.
func (in *campaignFields) campaign(id, unitID int64) *tuyengiao.Campaign {
	return &tuyengiao.Campaign{ID: id, UnitID: unitID, Title: in.Title, Description: in.Description,
		DocumentIDs: nonNil(in.DocumentIDs), Audiences: in.Audiences, StartOn: in.StartOn, EndOn: in.EndOn,
		UnitIDs: nonNil(in.UnitIDs), EssayDue: in.EssayDue, EssayCriteria: in.EssayCriteria, EssayLevels: in.EssayLevels}
}

// nonNil returns s, or an empty slice for nil, so that JSON shows [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (s *Server) apiCampaigns(w http.ResponseWriter, r *http.Request) error {
	f, err := campaignFilter(r.URL.Query())
	if err != nil {
		return err
	}
	cs, total, err := s.Campaigns.FindCampaigns(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(cs, total))
	return nil
}

func (s *Server) apiCampaignCreate(w http.ResponseWriter, r *http.Request) error {
	var in campaignInput
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	c := in.campaign(0, in.UnitID)
	if err := s.Campaigns.CreateCampaign(r.Context(), c); err != nil {
		return err
	}
	return s.writeCampaign(w, r, http.StatusCreated, c.ID)
}

// writeCampaign answers with the campaign as stored, with what the queries fill in (the
// documents' symbols, the unit's name).
func (s *Server) writeCampaign(w http.ResponseWriter, r *http.Request, code int, id int64) error {
	c, err := s.Campaigns.FindCampaignByID(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, code, c)
	return nil
}

func (s *Server) apiCampaign(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.writeCampaign(w, r, http.StatusOK, id)
}

func (s *Server) apiCampaignUpdate(w http.ResponseWriter, r *http.Request) error {
	var in campaignFields
	id, err := jsonID(r, &in)
	if err != nil {
		return err
	}
	// The organising unit does not change: the service keeps the stored one.
	if err := s.Campaigns.UpdateCampaign(r.Context(), in.campaign(id, 0)); err != nil {
		return err
	}
	return s.writeCampaign(w, r, http.StatusOK, id)
}

func (s *Server) apiCampaignParticipation(w http.ResponseWriter, r *http.Request) error {
	// The unit as on the page: ?unit=, else the organiser, else the top of the caller's view.
	d, err := s.campaignDashboard(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, d)
	return nil
}

func (s *Server) apiCampaignNotAttended(w http.ResponseWriter, r *http.Request) error {
	d, err := s.notAttended(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(d.People, d.Total))
	return nil
}

func (s *Server) apiCampaignConferences(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	// The campaign first: one the caller may not read is refused, not shown empty.
	if _, err := s.Campaigns.FindCampaignByID(r.Context(), id); err != nil {
		return err
	}
	cs, err := s.Campaigns.FindConferences(r.Context(), tuyengiao.ConferenceFilter{CampaignID: id})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(cs, len(cs)))
	return nil
}

// conferenceFields are the editable fields of a conference: the body of PUT
// /api/v1/conferences/{id} (the ConferenceUpdate schema). The numbers counted at a bridge
// point are recorded by its host with PUT /api/v1/bridge-points/{id}/headcount.
type conferenceFields struct {
	Title        string                   `json:"title"`
	StartsAt     time.Time                `json:"starts_at"`
	EndsAt       time.Time                `json:"ends_at"`
	Form         tuyengiao.ConferenceForm `json:"form"`
	Materials    string                   `json:"materials"`
	Presenters   []presenterInput         `json:"presenters"`
	BridgePoints []bridgePointInput       `json:"bridge_points"`
}

type presenterInput struct {
	PersonID int64 `json:"person_id"`
}

type bridgePointInput struct {
	UnitID   int64                        `json:"unit_id"`
	Place    string                       `json:"place"`
	Expected map[tuyengiao.Category]int64 `json:"expected"`
}

// conferenceInput is the body of POST /api/v1/conferences (the ConferenceInput schema): the
// editable fields, the campaign and the organising unit, which do not change afterwards.
type conferenceInput struct {
	CampaignID int64 `json:"campaign_id"`
	UnitID     int64 `json:"unit_id"`
	conferenceFields
}

// conference returns the conference of the fields.
func (in *conferenceFields) conference(id, campaignID, unitID int64) *tuyengiao.Conference {
	c := &tuyengiao.Conference{ID: id, CampaignID: campaignID, UnitID: unitID, Title: in.Title, StartsAt: in.StartsAt,
		EndsAt: in.EndsAt, Form: in.Form, Materials: in.Materials,
		Presenters: []tuyengiao.Presenter{}, BridgePoints: []tuyengiao.BridgePoint{}}
	for _, p := range in.Presenters {
		c.Presenters = append(c.Presenters, tuyengiao.Presenter{PersonID: p.PersonID})
	}
	for _, b := range in.BridgePoints {
		// Counted stays nil: a host that stays keeps the numbers counted there.
		c.BridgePoints = append(c.BridgePoints, tuyengiao.BridgePoint{UnitID: b.UnitID, Place: b.Place, Expected: b.Expected})
	}
	return c
}

func (s *Server) apiConferenceCreate(w http.ResponseWriter, r *http.Request) error {
	var in conferenceInput
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	c := in.conference(0, in.CampaignID, in.UnitID)
	if err := s.Campaigns.CreateConference(r.Context(), c); err != nil {
		return err
	}
	return s.writeConference(w, r, http.StatusCreated, c.ID)
}

// writeConference answers with the conference as stored, with its bridge points' ids and
// what the queries fill in.
func (s *Server) writeConference(w http.ResponseWriter, r *http.Request, code int, id int64) error {
	c, err := s.Campaigns.FindConferenceByID(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, code, c)
	return nil
}

func (s *Server) apiConference(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.writeConference(w, r, http.StatusOK, id)
}

func (s *Server) apiConferenceUpdate(w http.ResponseWriter, r *http.Request) error {
	var in conferenceFields
	id, err := jsonID(r, &in)
	if err != nil {
		return err
	}
	// The campaign and the organising unit do not change: the service keeps the stored ones.
	if err := s.Campaigns.UpdateConference(r.Context(), in.conference(id, 0, 0)); err != nil {
		return err
	}
	return s.writeConference(w, r, http.StatusOK, id)
}

// conferenceUnit returns the id of the conference of the path and the unit of the query's
// "unit", or, when there is none, the unit the page's roster opens on (rosterUnit).
func (s *Server) conferenceUnit(r *http.Request) (id, unitID int64, err error) {
	if id, err = pathID(r, "id"); err != nil {
		return 0, 0, err
	}
	if unitID, err = queryInt(r.URL.Query(), "unit"); err != nil || unitID != 0 {
		return id, unitID, err
	}
	c, err := s.Campaigns.FindConferenceByID(r.Context(), id)
	if err != nil {
		return 0, 0, err
	}
	u, err := s.rosterUnit(r, c)
	if err != nil {
		return 0, 0, err
	}
	return id, u.ID, nil
}

func (s *Server) apiRoster(w http.ResponseWriter, r *http.Request) error {
	id, unitID, err := s.conferenceUnit(r)
	if err != nil {
		return err
	}
	return s.writeRoster(w, r, id, unitID, &tuyengiao.RosterSaved{})
}

// rosterAnswer is the answer of the roster API (the RosterList and RosterSaved schemas): the
// roster, when it was read, and after a change the people marked absent whose record stayed
// and those marked present who stayed absent.
type rosterAnswer struct {
	list[tuyengiao.RosterEntry]
	OpenedAt    time.Time `json:"opened_at"`
	Kept        []int64   `json:"kept,omitempty"`
	StillAbsent []int64   `json:"still_absent,omitempty"`
}

// writeRoster answers with the roster as it is now and what the change saved did not do.
func (s *Server) writeRoster(w http.ResponseWriter, r *http.Request, id, unitID int64, saved *tuyengiao.RosterSaved) error {
	ro, err := s.Campaigns.Roster(r.Context(), id, unitID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rosterAnswer{list: newList(ro.Entries, len(ro.Entries)), OpenedAt: ro.OpenedAt,
		Kept: saved.Kept, StillAbsent: saved.StillAbsent})
	return nil
}

// apiRosterMark saves the body, a tuyengiao.RosterChange (the RosterChange schema): the
// people marked present, those marked absent, and opened_at, when the roster they were
// marked on was read.
func (s *Server) apiRosterMark(w http.ResponseWriter, r *http.Request) error {
	id, unitID, err := s.conferenceUnit(r)
	if err != nil {
		return err
	}
	var in tuyengiao.RosterChange
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	if len(in.Present)+len(in.Absent) == 0 {
		return tuyengiao.FieldError("present", "Chưa gửi ai có mặt (present) hay vắng mặt (absent).")
	}
	saved, err := s.Campaigns.MarkAttendance(r.Context(), id, unitID, in)
	if err != nil {
		return err
	}
	return s.writeRoster(w, r, id, unitID, saved)
}

// checkInCode is the answer of GET /api/v1/conferences/{id}/checkin-code: the signed code and
// the address of the check-in page that the QR code holds.
type checkInCode struct {
	Code string `json:"code"`
	URL  string `json:"url"`
}

func (s *Server) apiCheckInCode(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	code, err := s.Campaigns.CheckInCode(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, checkInCode{Code: code, URL: "/checkin/" + strconv.FormatInt(id, 10) + "?code=" + url.QueryEscape(code)})
	return nil
}

// headcount is the body of PUT /api/v1/bridge-points/{id}/headcount.
type headcount struct {
	Counted map[tuyengiao.Category]int64 `json:"counted"`
}

func (s *Server) apiHeadcount(w http.ResponseWriter, r *http.Request) error {
	var in headcount
	id, err := jsonID(r, &in)
	if err != nil {
		return err
	}
	if in.Counted == nil {
		return tuyengiao.FieldError("counted", "Chưa nhập số người tham dự theo đối tượng (counted).")
	}
	if err := s.Campaigns.RecordHeadcount(r.Context(), id, in.Counted); err != nil {
		return err
	}
	return noContent(w)
}
