package web

import (
	"net/http"

	"tuyengiao"
)

func (s *Server) apiReportedIndicators(w http.ResponseWriter, r *http.Request) error {
	inds, err := s.Reporting.ReportedIndicators(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(inds, len(inds)))
	return nil
}

func (s *Server) apiReportedIndicatorCreate(w http.ResponseWriter, r *http.Request) error {
	return s.apiSaveIndicator(w, r, "", false)
}

func (s *Server) apiReportedIndicatorUpdate(w http.ResponseWriter, r *http.Request) error {
	return s.apiSaveIndicator(w, r, r.PathValue("code"), true)
}

// apiSaveIndicator reads an indicator and creates it, or changes the one of the code.
func (s *Server) apiSaveIndicator(w http.ResponseWriter, r *http.Request, code string, update bool) error {
	var ind tuyengiao.Indicator
	if err := decodeJSON(r, &ind); err != nil {
		return err
	}
	if update {
		ind.Code = code
	}
	if err := s.Reporting.SaveReportedIndicator(r.Context(), &ind, update); err != nil {
		return err
	}
	writeJSON(w, map[bool]int{false: http.StatusCreated, true: http.StatusOK}[update], &ind)
	return nil
}

func (s *Server) apiDataSets(w http.ResponseWriter, r *http.Request) error {
	sets, err := s.Reporting.DataSets(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(sets, len(sets)))
	return nil
}

func (s *Server) apiDataSet(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ds, err := s.Reporting.FindDataSet(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ds)
	return nil
}

func (s *Server) apiDataSetCreate(w http.ResponseWriter, r *http.Request) error {
	var ds tuyengiao.DataSet
	if err := decodeJSON(r, &ds); err != nil {
		return err
	}
	ds.ID = 0
	if err := s.Reporting.SaveDataSet(r.Context(), &ds); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, &ds)
	return nil
}

func (s *Server) apiDataSetUpdate(w http.ResponseWriter, r *http.Request) error {
	var ds tuyengiao.DataSet
	id, err := jsonID(r, &ds)
	if err != nil {
		return err
	}
	ds.ID = id
	if err := s.Reporting.SaveDataSet(r.Context(), &ds); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, &ds)
	return nil
}

func (s *Server) apiReportForm(w http.ResponseWriter, r *http.Request) error {
	ds, unitID, p, err := s.reportTarget(r, r.URL.Query())
	if err != nil {
		return err
	}
	v, err := s.formView(r, ds, unitID, p)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

// valueInput is a value of a form sent to the API.
type valueInput struct {
	Code  string `json:"code"`
	Value int64  `json:"value"`
	Base  int64  `json:"base"`
}

func (s *Server) apiReportFormEnter(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Values []valueInput `json:"values"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	ds, unitID, p, err := s.reportTarget(r, r.URL.Query())
	if err != nil {
		return err
	}
	e := tuyengiao.Entry{DataSetID: ds.ID, UnitID: unitID, Period: p}
	for _, v := range in.Values {
		e.Values = append(e.Values, tuyengiao.UnitValue{Code: v.Code, Value: tuyengiao.Value{Num: v.Value, Den: v.Base}})
	}
	if _, err := s.Reporting.EnterValues(r.Context(), e); err != nil {
		return err
	}
	return s.apiReportForm(w, r)
}

func (s *Server) apiReportReopen(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Until string `json:"until"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	ds, unitID, p, err := s.reportTarget(r, r.URL.Query())
	if err != nil {
		return err
	}
	until, err := optionalDate(in.Until)
	if err != nil {
		return err
	}
	f, err := s.Reporting.ReopenForm(r.Context(), ds.ID, unitID, p, until)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, f)
	return nil
}

func (s *Server) apiCompleteness(w http.ResponseWriter, r *http.Request) error {
	c, err := s.completeness(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, c)
	return nil
}

// apiReportImport checks, and with commit=true writes, a spreadsheet of a data set in one
// request; bad rows are listed in the answer and nothing is written.
func (s *Server) apiReportImport(w http.ResponseWriter, r *http.Request) error {
	commit, err := commitParam(r)
	if err != nil {
		return err
	}
	up, err := readUpload(r)
	if err != nil {
		return err
	}
	ds, unitID, p, err := s.reportTarget(r, r.URL.Query())
	if err != nil {
		return err
	}
	res, err := s.importReport(r, ds, unitID, p, up, commit)
	if err != nil {
		return err
	}
	body := struct {
		Forms   int             `json:"forms"`
		Written bool            `json:"written"`
		Errors  []importRowBody `json:"errors"`
	}{Forms: res.Forms, Written: res.Written, Errors: make([]importRowBody, len(res.Errors))}
	for i, e := range res.Errors {
		body.Errors[i] = importRowBody{Row: e.Row, Field: e.Field, Message: message(answerLang(r), e)}
	}
	writeJSON(w, http.StatusOK, body)
	return nil
}
