package web

import (
	"net/http"
	"time"

	"tuyengiao"
)

// essaySummary is where a member's essay stands, without its text: the study API lists it.
type essaySummary struct {
	ID          int64                 `json:"id"`
	Status      tuyengiao.EssayStatus `json:"status"`
	Level       string                `json:"level,omitempty"`
	Revision    int                   `json:"revision"`
	SubmittedAt time.Time             `json:"submitted_at"`
}

// studyBody is the JSON form of the member's study page: the Study schema.
type studyBody struct {
	Campaigns   []studyCampaignBody   `json:"campaigns"`
	Conferences []studyConferenceBody `json:"conferences"` // of campaigns not listed
}

type studyCampaignBody struct {
	Campaign    *tuyengiao.Campaign   `json:"campaign"`
	EssayOpen   bool                  `json:"essay_open"`
	Essay       *essaySummary         `json:"essay,omitempty"`
	Conferences []studyConferenceBody `json:"conferences"`
}

type studyConferenceBody struct {
	Conference *tuyengiao.Conference `json:"conference"`
	CheckIn    string                `json:"checkin"` // soon, open or over
}

func studyConferences(cs []*studyConference) []studyConferenceBody {
	out := []studyConferenceBody{}
	for _, c := range cs {
		out = append(out, studyConferenceBody{Conference: c.Conference, CheckIn: c.CheckIn})
	}
	return out
}

func (s *Server) apiStudy(w http.ResponseWriter, r *http.Request) error {
	d, err := s.study(r)
	if err != nil {
		return err
	}
	if d.NoPerson {
		return tuyengiao.Errorf(tuyengiao.EFORBIDDEN, "Tài khoản của bạn chưa gắn với hồ sơ đảng viên, đoàn viên nào. Hãy liên hệ quản trị viên đơn vị.")
	}
	body := studyBody{Campaigns: []studyCampaignBody{}, Conferences: studyConferences(d.Other)}
	for _, c := range d.Campaigns {
		cb := studyCampaignBody{Campaign: c.Campaign, EssayOpen: c.EssayOpen, Conferences: studyConferences(c.Conferences)}
		if e := c.Essay; e != nil {
			cb.Essay = &essaySummary{ID: e.ID, Status: e.Status, Level: e.Level, Revision: e.Revision, SubmittedAt: e.SubmittedAt}
		}
		body.Campaigns = append(body.Campaigns, cb)
	}
	writeJSON(w, http.StatusOK, body)
	return nil
}

// myEssayBody is the caller's own essay with who may read it and who has: the MyEssay
// schema.
type myEssayBody struct {
	*tuyengiao.Essay
	Access *tuyengiao.EssayAccess `json:"access"`
}

func (s *Server) apiMyEssay(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	e, err := s.Essays.MyEssay(r.Context(), id)
	if err != nil {
		return err
	}
	access, err := s.Essays.EssayAccess(r.Context(), e.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, myEssayBody{Essay: e, Access: access})
	return nil
}

func (s *Server) apiEssaySubmit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, err := readEssayForm(r)
	if err != nil {
		return err
	}
	e, err := s.submitEssay(r, id, f)
	if err != nil {
		return renameField(err, "name", "file")
	}
	writeJSON(w, http.StatusOK, e)
	return nil
}

func (s *Server) apiEssay(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	e, err := s.Essays.FindEssayByID(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, e)
	return nil
}

func (s *Server) apiEssayReview(w http.ResponseWriter, r *http.Request) error {
	var in tuyengiao.EssayReview
	id, err := jsonID(r, &in)
	if err != nil {
		return err
	}
	e, err := s.Essays.ReviewEssay(r.Context(), id, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, e)
	return nil
}

// essayUnit reads the required ?unit= of the essay lists and counts.
func essayUnit(r *http.Request) (int64, error) {
	unit, err := queryInt(r.URL.Query(), "unit")
	if err == nil && unit == 0 {
		err = tuyengiao.FieldError("unit", "Chưa chọn đơn vị (?unit=).")
	}
	return unit, err
}

func (s *Server) apiCampaignEssays(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	unit, err := essayUnit(r)
	if err != nil {
		return err
	}
	essays, err := s.Essays.FindEssays(r.Context(), id, unit)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(essays, len(essays)))
	return nil
}

func (s *Server) apiEssayCounts(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	unit, err := essayUnit(r)
	if err != nil {
		return err
	}
	counts, err := s.Essays.EssayCounts(r.Context(), id, unit)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(counts, len(counts)))
	return nil
}

func (s *Server) apiCheckIn(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Code string `json:"code"`
	}
	id, err := jsonID(r, &in)
	if err != nil {
		return err
	}
	entry, _, err := s.Campaigns.CheckIn(r.Context(), id, in.Code)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, entry)
	return nil
}
