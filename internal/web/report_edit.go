package web

import (
	"net/http"
	"net/url"
	"strings"

	"tuyengiao"
)

// reportEditData is the form that edits a draft: the report, and the text shown in the
// form, the report's or what the user typed when the form comes back with an error.
type reportEditData struct {
	Report *tuyengiao.Report
	Edit   tuyengiao.ReportEdit
}

func (s *Server) reportEditPage(w http.ResponseWriter, r *http.Request) error {
	return s.reportEditShow(w, r, nil, nil, http.StatusOK)
}

// reportEditShow shows the edit form of the report with the text of e, by default the
// report's. After a conflict the form keeps what the user typed and takes the current
// version, so that saving again replaces what was saved in between, knowingly.
func (s *Server) reportEditShow(w http.ResponseWriter, r *http.Request, e *tuyengiao.ReportEdit, err error, code int) error {
	rep, _, rerr := s.readReport(r)
	if rerr != nil {
		return rerr
	}
	if e == nil {
		if err := s.authorizeReport(r, rep, tuyengiao.ActionReportEdit); err != nil {
			return err
		}
		e = &tuyengiao.ReportEdit{Version: rep.Version, Subject: rep.Subject, Sections: rep.Sections, ReportSigningPart: rep.ReportSigningPart}
	} else if tuyengiao.ErrorCode(err) == tuyengiao.ECONFLICT {
		e.Version = rep.Version
	}
	pg := &page{Title: "Sửa báo cáo", Nav: "reports", Data: &reportEditData{Report: rep, Edit: *e}}
	return s.renderForm(w, r, "report_edit", pg, err, code)
}

// reportSave saves the text of a draft, keeping its figures.
func (s *Server) reportSave(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	e, err := reportEditFrom(r.PostForm)
	if err == nil {
		_, err = s.Reports.Edit(r.Context(), id, e)
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.reportEditShow(w, r, &e, err, code) })
	}
	http.Redirect(w, r, reportURL(id)+"?ok=saved", http.StatusSeeOther)
	return nil
}

// reportEditFrom reads the edit form: version, subject, the sections and the signing part.
func reportEditFrom(f url.Values) (tuyengiao.ReportEdit, error) {
	e := tuyengiao.ReportEdit{Subject: f.Get("subject"), ReportSigningPart: formSigning(f)}
	version, err := queryInt(f, "version")
	e.Version = int(version)
	if err != nil {
		return e, err
	}
	e.Sections, err = formSections(f)
	return e, err
}

// formSections reads the sections of a report or template form, in order: the repeated
// fields section_title, section_text, section_table (indicator codes separated by commas or
// spaces) and section_chart, one of each per section.
func formSections(f url.Values) ([]tuyengiao.ReportSection, error) {
	titles, texts, tables, charts := f["section_title"], f["section_text"], f["section_table"], f["section_chart"]
	if len(texts) != len(titles) || len(tables) != len(titles) || len(charts) != len(titles) {
		return nil, tuyengiao.FieldError("sections", "Các mục của báo cáo gửi lên không đủ trường; vui lòng tải lại trang.")
	}
	out := make([]tuyengiao.ReportSection, len(titles))
	for i := range titles {
		out[i] = tuyengiao.ReportSection{Title: strings.TrimSpace(titles[i]), Text: strings.ReplaceAll(texts[i], "\r\n", "\n"),
			Table: strings.FieldsFunc(tables[i], func(r rune) bool { return r == ',' || r == ' ' || r == '\n' }), Chart: strings.TrimSpace(charts[i])}
	}
	return out, nil
}

// formSigning reads the signing part of a report or template form; recipients one a line.
func formSigning(f url.Values) tuyengiao.ReportSigningPart {
	var recipients []string
	for _, l := range strings.Split(f.Get("recipients"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			recipients = append(recipients, l)
		}
	}
	return tuyengiao.ReportSigningPart{Superior: f.Get("superior"), Issuer: f.Get("issuer"), SignFor: f.Get("sign_for"),
		SignerTitle: f.Get("signer_title"), Signer: f.Get("signer"), Recipients: recipients, Place: f.Get("place")}
}

// reportSignData is the form that finalises a report.
type reportSignData struct {
	Report  *tuyengiao.Report
	Signing tuyengiao.ReportSigning
	Day     string // the signed day as typed, 31/01/2026
}

func (s *Server) reportSignPage(w http.ResponseWriter, r *http.Request) error {
	return s.reportSignShow(w, r, nil, http.StatusOK)
}

// reportSignShow shows the finalising form, filled with what was posted or else with the
// report's signing part and today.
func (s *Server) reportSignShow(w http.ResponseWriter, r *http.Request, err error, code int) error {
	rep, _, rerr := s.readReport(r)
	if rerr != nil {
		return rerr
	}
	d := &reportSignData{Report: rep, Day: tuyengiao.DateOf(s.today()).Format("02/01/2006"),
		Signing: tuyengiao.ReportSigning{Version: rep.Version, Number: rep.Number, SignFor: rep.SignFor, SignerTitle: rep.SignerTitle, Signer: rep.Signer}}
	if r.Method == http.MethodPost {
		d.Signing, _ = reportSigningFrom(r.PostForm)
		d.Day = r.PostForm.Get("signed_on")
	} else if err := s.authorizeReport(r, rep, tuyengiao.ActionReportSign); err != nil {
		return err
	}
	pg := &page{Title: "Ký ban hành báo cáo", Nav: "reports", Data: d}
	return s.renderForm(w, r, "report_sign", pg, err, code)
}

// reportFinalise finalises a draft: its number, the day it is signed and who signs.
func (s *Server) reportFinalise(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	sg, err := reportSigningFrom(r.PostForm)
	if err == nil {
		_, err = s.Reports.Finalise(r.Context(), id, sg)
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.reportSignShow(w, r, err, code) })
	}
	http.Redirect(w, r, reportURL(id)+"?ok=finalised", http.StatusSeeOther)
	return nil
}

// reportSigningFrom reads the finalising form: version, number, signed_on (31/01/2026),
// sign_for, signer_title, signer.
func reportSigningFrom(f url.Values) (tuyengiao.ReportSigning, error) {
	sg := tuyengiao.ReportSigning{Number: strings.TrimSpace(f.Get("number")), SignFor: f.Get("sign_for"),
		SignerTitle: f.Get("signer_title"), Signer: f.Get("signer")}
	version, err := queryInt(f, "version")
	sg.Version = int(version)
	if err != nil {
		return sg, err
	}
	if sg.SignedOn, err = formDay(f, "signed_on"); err == nil && sg.SignedOn.IsZero() {
		err = tuyengiao.FieldError("signed_on", "Chưa nhập ngày ký báo cáo.")
	}
	return sg, err
}
