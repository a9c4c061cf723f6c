package web

import (
	"net/http"
	"strings"

	"tuyengiao"
)

// apiReports lists the reports of ?unit= (by default the top of the caller's view), with
// below=1 those of its subtree, of ?period= when given.
func (s *Server) apiReports(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	unitID, err := s.queryUnit(r, q)
	if err != nil {
		return err
	}
	f := tuyengiao.ReportFilter{UnitID: unitID, Below: q.Get("below") == "1" || q.Get("below") == "true"}
	if code := strings.TrimSpace(q.Get("period")); code != "" {
		p, err := tuyengiao.ParsePeriod("period", code)
		if err != nil {
			return err
		}
		f.Period = &p
	}
	reps, err := s.Reports.Reports(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(reps, len(reps)))
	return nil
}

// apiReportDraft drafts the report of a unit for a period from a template.
func (s *Server) apiReportDraft(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		UnitID     int64  `json:"unit_id"`
		TemplateID int64  `json:"template_id"`
		Period     string `json:"period"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	p, err := tuyengiao.ParsePeriod("period", in.Period)
	if err != nil {
		return err
	}
	rep, err := s.Reports.Draft(r.Context(), in.UnitID, in.TemplateID, p)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, rep)
	return nil
}

// apiReport answers a report, or with ?version= that version of it.
func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) error {
	rep, _, err := s.readReport(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rep)
	return nil
}

func (s *Server) apiReportEdit(w http.ResponseWriter, r *http.Request) error {
	var e tuyengiao.ReportEdit
	id, err := jsonID(r, &e)
	if err != nil {
		return err
	}
	return reportAnswer(w)(s.Reports.Edit(r.Context(), id, e))
}

func (s *Server) apiReportRefresh(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Version int `json:"version"`
	}
	id, err := jsonID(r, &in)
	if err != nil {
		return err
	}
	return reportAnswer(w)(s.Reports.Refresh(r.Context(), id, in.Version))
}

func (s *Server) apiReportFinalise(w http.ResponseWriter, r *http.Request) error {
	var sg tuyengiao.ReportSigning
	id, err := jsonID(r, &sg)
	if err != nil {
		return err
	}
	return reportAnswer(w)(s.Reports.Finalise(r.Context(), id, sg))
}

func (s *Server) apiReportSubmit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return reportAnswer(w)(s.Reports.Submit(r.Context(), id))
}

// reportAnswer answers the report an action returns, or returns its error.
func reportAnswer(w http.ResponseWriter) func(*tuyengiao.Report, error) error {
	return func(rep *tuyengiao.Report, err error) error {
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, rep)
		return nil
	}
}

func (s *Server) apiReportVersions(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	vs, err := s.Reports.Versions(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(vs, len(vs)))
	return nil
}

// apiReportSubmissions answers how the units right below ?unit= stand with their report of
// ?template_id= (by default the first template) for ?period= (by default the template's).
func (s *Server) apiReportSubmissions(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	unitID, err := s.queryUnit(r, q)
	if err != nil {
		return err
	}
	ts, err := s.Reports.Templates(r.Context())
	if err != nil {
		return err
	}
	t, p, err := s.draftChoice(q, "period", ts)
	if err != nil {
		return err
	}
	subs, err := s.Reports.Submissions(r.Context(), unitID, t.ID, p)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"template_id": t.ID, "period": p, "items": subs, "total": len(subs)})
	return nil
}

func (s *Server) apiReportTemplates(w http.ResponseWriter, r *http.Request) error {
	ts, err := s.Reports.Templates(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(ts, len(ts)))
	return nil
}

func (s *Server) apiReportTemplate(w http.ResponseWriter, r *http.Request) error {
	t, err := s.pathTemplate(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, t)
	return nil
}

func (s *Server) apiReportTemplateCreate(w http.ResponseWriter, r *http.Request) error {
	var t tuyengiao.ReportTemplate
	if err := decodeJSON(r, &t); err != nil {
		return err
	}
	t.ID = 0
	if err := s.Reports.SaveTemplate(r.Context(), &t); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, &t)
	return nil
}

func (s *Server) apiReportTemplateUpdate(w http.ResponseWriter, r *http.Request) error {
	var t tuyengiao.ReportTemplate
	id, err := jsonID(r, &t)
	if err != nil {
		return err
	}
	t.ID = id
	if err := s.Reports.SaveTemplate(r.Context(), &t); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, &t)
	return nil
}

func (s *Server) apiSigners(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	us, err := s.Reports.Signers(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(us, len(us)))
	return nil
}

func (s *Server) apiSignersSet(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		UserIDs []int64 `json:"user_ids"`
	}
	id, err := jsonID(r, &in)
	if err != nil {
		return err
	}
	if err := s.Reports.SetSigners(r.Context(), id, in.UserIDs); err != nil {
		return err
	}
	return s.apiSigners(w, r)
}
