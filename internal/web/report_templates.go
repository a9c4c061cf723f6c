package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"tuyengiao"
)

// reportTemplatesPage lists the templates units draft their reports from.
func (s *Server) reportTemplatesPage(w http.ResponseWriter, r *http.Request) error {
	ts, err := s.Reports.Templates(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, r, "report_templates", &page{Title: "Mẫu báo cáo", Nav: "reports", Data: ts})
}

// templateData is the form of a template: the template as shown and the kinds of period
// offered.
type templateData struct {
	Template tuyengiao.ReportTemplate
	Kinds    []tuyengiao.PeriodKind
}

func (s *Server) reportTemplatePage(w http.ResponseWriter, r *http.Request) error {
	t, err := s.pathTemplate(r)
	if err != nil {
		return err
	}
	return s.templateShow(w, r, t, nil, http.StatusOK)
}

// pathTemplate returns the template of the path value "id".
func (s *Server) pathTemplate(r *http.Request) (*tuyengiao.ReportTemplate, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return s.Reports.Template(r.Context(), id)
}

func (s *Server) templateShow(w http.ResponseWriter, r *http.Request, t *tuyengiao.ReportTemplate, err error, code int) error {
	d := &templateData{Template: *t, Kinds: []tuyengiao.PeriodKind{tuyengiao.PeriodHalf, tuyengiao.PeriodYear, ""}}
	return s.renderForm(w, r, "report_template", &page{Title: "Mẫu báo cáo", Nav: "reports", Data: d}, err, code)
}

// reportTemplateSave saves a template, or with op add, remove-N, up-N or down-N changes its
// sections in the form without saving, for the system administrator to go on editing.
func (s *Server) reportTemplateSave(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	t, err := templateFrom(r.PostForm)
	t.ID = id
	if err == nil && r.PostForm.Get("op") != "save" {
		t.Sections = moveSection(t.Sections, r.PostForm.Get("op"))
		return s.templateShow(w, r, &t, nil, http.StatusOK)
	}
	if err == nil {
		err = s.Reports.SaveTemplate(r.Context(), &t)
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.templateShow(w, r, &t, err, code) })
	}
	http.Redirect(w, r, "/report-templates/"+strconv.FormatInt(id, 10)+"?ok=saved", http.StatusSeeOther)
	return nil
}

// templateFrom reads the form of a template: code, name, period_kind, subject, the sections
// and the signing defaults.
func templateFrom(f url.Values) (tuyengiao.ReportTemplate, error) {
	t := tuyengiao.ReportTemplate{Code: strings.TrimSpace(f.Get("code")), Name: f.Get("name"),
		PeriodKind: tuyengiao.PeriodKind(f.Get("period_kind")), Subject: f.Get("subject"), Signing: formSigning(f)}
	var err error
	t.Sections, err = formSections(f)
	return t, err
}

// moveSection applies an op of the template form to the sections: add appends an empty
// one, remove-N drops section N (from 0), up-N and down-N swap it with its neighbour.
func moveSection(secs []tuyengiao.ReportSection, op string) []tuyengiao.ReportSection {
	if op == "add" {
		return append(secs, tuyengiao.ReportSection{})
	}
	verb, n, _ := strings.Cut(op, "-")
	i, err := strconv.Atoi(n)
	if err != nil || i < 0 || i >= len(secs) {
		return secs
	}
	switch {
	case verb == "remove":
		return slices.Delete(secs, i, i+1)
	case verb == "up" && i > 0:
		secs[i-1], secs[i] = secs[i], secs[i-1]
	case verb == "down" && i < len(secs)-1:
		secs[i], secs[i+1] = secs[i+1], secs[i]
	}
	return secs
}
