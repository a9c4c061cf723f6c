package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"tuyengiao"
)

// bridgeImportData is what the page of a bridge point import shows: the conference, and after
// an upload the outcome of the check.
type bridgeImportData struct {
	Conference *tuyengiao.Conference
	Audiences  []tuyengiao.Category
	Limit      string
	Filename   string
	Checked    bool                    // a file was read
	Rows       int                     // its bridge points
	Sample     []tuyengiao.BridgePoint // the first sampleRows of a good file
	Errors     []*tuyengiao.Error      // every bad row
	Upload     *tuyengiao.Upload       // a good file, to commit
	Current    int                     // the bridge points the conference has
}

// bridgeImport loads the conference of the path for a caller who may change it, and the
// audiences of its campaign.
func (s *Server) bridgeImport(r *http.Request) (*bridgeImportData, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	conf, err := s.Campaigns.FindConferenceByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	u, err := s.Units.FindUnitByID(r.Context(), conf.UnitID)
	if err != nil {
		return nil, err
	}
	if err := tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), tuyengiao.ActionCampaignEdit, u.Path); err != nil {
		return nil, err
	}
	camp, err := s.Campaigns.FindCampaignByID(r.Context(), conf.CampaignID)
	if err != nil {
		return nil, err
	}
	d := &bridgeImportData{Conference: conf, Limit: byteSize(maxUploadBytes), Current: len(conf.BridgePoints)}
	for _, a := range camp.Audiences {
		d.Audiences = append(d.Audiences, a.Category)
	}
	return d, nil
}

// checkBridgeUpload reads the upload up and places its bridge points on the conference, listing every
// bad row.
func (s *Server) checkBridgeUpload(r *http.Request, d *bridgeImportData, up *tuyengiao.Upload) error {
	rows, err := s.ReadBridgePoints(bytes.NewReader(up.Content), int64(len(up.Content)), d.Audiences)
	if err != nil {
		return err
	}
	d.Filename, d.Checked, d.Rows = up.Filename, true, len(rows)
	if d.Errors, err = s.placeBridgePoints(r, d.Conference, rows); err != nil {
		return err
	}
	if len(d.Errors) == 0 {
		d.Sample = d.Conference.BridgePoints[:min(len(d.Conference.BridgePoints), sampleRows)]
	}
	return nil
}

func (s *Server) bridgeImportShow(w http.ResponseWriter, r *http.Request, d *bridgeImportData, err error, code int) error {
	p := &page{Title: "Nhập điểm cầu từ tệp Excel", Nav: "campaigns", Data: d}
	return s.renderForm(w, r, "bridge_import", p, err, code)
}

// bridgeImportPage shows the upload form of a conference's bridge points.
func (s *Server) bridgeImportPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.bridgeImport(r)
	if err != nil {
		return err
	}
	return s.bridgeImportShow(w, r, d, nil, http.StatusOK)
}

// bridgeTemplate sends the XLSX of the conference's bridge points, to fill in or change.
func (s *Server) bridgeTemplate(w http.ResponseWriter, r *http.Request) error {
	d, err := s.bridgeImport(r)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.WriteBridgeTemplate(&buf, d.Conference, d.Audiences); err != nil {
		return err
	}
	sendXLSX(w, fmt.Sprintf("diem-cau-hoi-nghi-%d.xlsx", d.Conference.ID), &buf)
	return nil
}

// bridgeImportUpload checks an uploaded file of bridge points, changing nothing, and shows
// every bad row; a good file is kept, so that the commit writes exactly what was checked.
func (s *Server) bridgeImportUpload(w http.ResponseWriter, r *http.Request) error {
	d, err := s.bridgeImport(r)
	if err != nil {
		return err
	}
	return s.checkUpload(r, "bridge", func(up *tuyengiao.Upload) (bool, error) {
		err := s.checkBridgeUpload(r, d, up)
		return len(d.Errors) > 0, err
	}, func(kept *tuyengiao.Upload, err error, code int) error {
		d.Upload = kept
		return s.bridgeImportShow(w, r, d, err, code)
	})
}

// bridgeImportCommit makes the bridge points of a checked upload the conference's, all or
// nothing: a file that no longer passes, or that the service refuses, changes nothing.
func (s *Server) bridgeImportCommit(w http.ResponseWriter, r *http.Request) error {
	d, err := s.bridgeImport(r)
	if err != nil {
		return err
	}
	uid, err := pathID(r, "upload")
	if err != nil {
		return err
	}
	up, err := s.Uploads.FindUpload(r.Context(), uid)
	if err != nil {
		return err
	} else if up.Kind != "bridge" {
		return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy tệp đã tải lên.")
	}
	if err := s.checkBridgeUpload(r, d, up); err != nil {
		return formError(err, func(err error, code int) error { return s.bridgeImportShow(w, r, d, err, code) })
	}
	if len(d.Errors) > 0 {
		return s.bridgeImportShow(w, r, d, nil, http.StatusConflict)
	}
	if err := s.Campaigns.UpdateConference(r.Context(), d.Conference); err != nil {
		d.Sample = nil
		return formError(err, func(err error, code int) error { return s.bridgeImportShow(w, r, d, err, code) })
	}
	http.Redirect(w, r, "/conferences/"+strconv.FormatInt(d.Conference.ID, 10)+"?ok=imported", http.StatusSeeOther)
	return nil
}

// maxSuggestions is how many people the presenter search lists.
const maxSuggestions = 10

// personSuggestion is a person the presenter search lists.
type personSuggestion struct {
	ID    int64  `json:"id"`
	Label string `json:"label"` // name, unit and record number, as the list shows it
}

// peopleSuggest answers the presenter search of the conference form: the first people of
// the caller's view whose name, phone or party card matches q (two characters at least),
// as JSON {"items": [...]}, each labelled with their unit and record number.
func (s *Server) peopleSuggest(w http.ResponseWriter, r *http.Request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	items := []personSuggestion{}
	if utf8.RuneCountInString(q) >= 2 {
		people, _, err := s.People.FindPeople(r.Context(), tuyengiao.PersonFilter{Query: q, Limit: maxSuggestions})
		if err != nil {
			return err
		}
		for _, p := range people {
			items = append(items, personSuggestion{ID: p.ID, Label: p.FullName + " – " + p.UnitName + " (" + strconv.FormatInt(p.ID, 10) + ")"})
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
	return nil
}
