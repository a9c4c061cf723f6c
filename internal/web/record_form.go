package web

import (
	"net/http"
	"net/url"
	"strconv"

	"tuyengiao"
	"tuyengiao/internal/record"
)

// recordData is what the page of a record and the form of a new or changed record show.
type recordData struct {
	Kind   *tuyengiao.RecordKind
	Record *tuyengiao.Record // nil for a new record
	Unit   *tuyengiao.Unit   // the record's unit, or the unit a new record is added to
	// Values are the texts of the form's fields by name: what was posted when the form is
	// shown again, the record's values otherwise; yes is "1".
	Values map[string]string
	Action string // the address the form posts to
	Verb   string // what the form does: "Thêm" or "Sửa"
	// HandDown is what the record's page shows of a kind handed down, Related the records
	// that name it.
	HandDown *handDown
	Related  []relatedRecords
}

// recordURL returns the address of the record id of k.
func recordURL(k *tuyengiao.RecordKind, id int64) string {
	return "/records/" + k.Code + "/" + strconv.FormatInt(id, 10)
}

// recordFormValues returns the values of a record as the form's fields hold them: a choice by its
// code, yes as "1", the rest as record.Text writes them.
func recordFormValues(k *tuyengiao.RecordKind, v tuyengiao.RecordValues) map[string]string {
	out := make(map[string]string, len(k.Fields))
	for i := range k.Fields {
		f := &k.Fields[i]
		switch f.Type {
		case tuyengiao.FieldChoice:
			out[f.Name] = v.Text(f.Name)
		case tuyengiao.FieldYesNo:
			if b, _ := v[f.Name].(bool); b {
				out[f.Name] = "1"
			}
		default:
			out[f.Name] = record.Text(f, v[f.Name], "vi")
		}
	}
	return out
}

// readRecordForm reads the values of a record of k from the fields of a form (record.Parse);
// a field not sent, a yes/no box left empty, is left out.
func readRecordForm(k *tuyengiao.RecordKind, form url.Values) (tuyengiao.RecordValues, error) {
	return record.ParseValues(k, func(name string) (string, bool) {
		v, ok := form[name]
		if !ok || len(v) == 0 {
			return "", false
		}
		return v[0], true
	})
}

func (s *Server) recordPage(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	return s.recordPageWith(w, r, k, nil, http.StatusOK)
}

// recordShown loads the record of the path with its unit.
func (s *Server) recordShown(r *http.Request, k *tuyengiao.RecordKind) (*recordData, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	d := &recordData{Kind: k}
	if d.Record, err = s.Records.FindRecord(r.Context(), k, id); err != nil {
		return nil, err
	}
	d.Unit, err = s.Units.FindUnitByID(r.Context(), d.Record.UnitID)
	d.Values, d.Action = recordFormValues(k, d.Record.Values), recordURL(k, id)
	return d, err
}

func (s *Server) recordNewPage(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	return s.recordNewForm(w, r, k, nil, http.StatusOK)
}

// recordNewForm shows the form of a new record of k at ?unit= (the posted unit_code, when
// it is shown again), for a caller who may add one there, with err if any.
func (s *Server) recordNewForm(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind, err error, code int) error {
	unitID, uerr := s.queryUnit(r, r.URL.Query())
	if uerr != nil {
		return uerr
	}
	// The form posts its unit back, to be shown again at it after an error.
	d := &recordData{Kind: k, Values: map[string]string{}, Action: "/records/" + k.Code + "?unit=" + strconv.FormatInt(unitID, 10)}
	if d.Unit, uerr = s.Units.FindUnitByID(r.Context(), unitID); uerr != nil {
		return uerr
	}
	// Offer the form only to whom the service will let add a record there.
	if uerr := tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), rw, d.Unit.Path); uerr != nil {
		return uerr
	}
	if day := k.Field(k.Day); day != nil {
		d.Values[day.Name] = record.Text(day, tuyengiao.Date{Time: s.today()}, "vi")
	}
	return s.recordForm(w, r, d, "Thêm", err, code)
}

func (s *Server) recordEditPage(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	d, err := s.recordShown(r, k)
	if err != nil {
		return err
	}
	if err := tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), rw, d.Unit.Path); err != nil {
		return err
	}
	return s.recordForm(w, r, d, "Sửa", nil, http.StatusOK)
}

// recordForm renders the form of d titled by what it does (Thêm, Sửa) with err, if any,
// keeping what was posted.
func (s *Server) recordForm(w http.ResponseWriter, r *http.Request, d *recordData, verb string, err error, code int) error {
	d.Verb = verb
	p := &page{Title: d.Kind.Name, Nav: "records", Data: d}
	if r.Method == http.MethodPost {
		p.Form = r.PostForm
		d.Values = map[string]string{}
		for _, f := range d.Kind.Fields {
			d.Values[f.Name] = r.PostForm.Get(f.Name)
		}
	}
	return s.renderForm(w, r, "record_form", p, err, code)
}

// postedRecord reads the record of a form: its unit by unit_code, its version and its
// values.
func (s *Server) postedRecord(r *http.Request, k *tuyengiao.RecordKind) (*tuyengiao.Record, error) {
	if err := r.ParseForm(); err != nil {
		return nil, err
	}
	rec := &tuyengiao.Record{Kind: k.Code}
	u, err := s.unitByCode(r, "unit_code", r.PostForm.Get("unit_code"))
	if err != nil {
		return nil, err
	}
	rec.UnitID = u.ID
	version, err := queryInt(r.PostForm, "version")
	if err != nil {
		return nil, err
	}
	rec.Version = int(version)
	rec.Values, err = readRecordForm(k, r.PostForm)
	return rec, err
}

func (s *Server) recordCreate(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	rec, err := s.postedRecord(r, k)
	if err == nil {
		err = s.Records.CreateRecord(r.Context(), k, rec)
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.recordNewForm(w, r, k, err, code) })
	}
	http.Redirect(w, r, recordURL(k, rec.ID)+"?ok=created", http.StatusSeeOther)
	return nil
}

func (s *Server) recordUpdate(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rec, err := s.postedRecord(r, k)
	if err == nil {
		rec.ID = id
		err = s.Records.UpdateRecord(r.Context(), k, rec)
	}
	if err != nil {
		return formError(err, func(err error, code int) error {
			d, derr := s.recordShown(r, k)
			if derr != nil {
				return derr
			}
			return s.recordForm(w, r, d, "Sửa", err, code)
		})
	}
	http.Redirect(w, r, recordURL(k, id)+"?ok=saved", http.StatusSeeOther)
	return nil
}

// recordDelete deletes the record of the path at the version its page showed, and goes back
// to the list of its unit.
func (s *Server) recordDelete(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	version, err := queryInt(r.PostForm, "version")
	if err != nil {
		return err
	}
	rec, err := s.Records.FindRecord(r.Context(), k, id)
	if err != nil {
		return err
	}
	if err := s.Records.DeleteRecord(r.Context(), k, id, int(version)); err != nil {
		return err
	}
	http.Redirect(w, r, "/records/"+k.Code+"?unit="+strconv.FormatInt(rec.UnitID, 10)+"&ok=deleted", http.StatusSeeOther)
	return nil
}
