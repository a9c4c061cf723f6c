package web

import (
	"encoding/json"
	"maps"
	"net/http"
	"strings"
	"unicode"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// schemaName names the schemas and operations of kind k: its code in camel case ("media-items"
// gives MediaItems).
func schemaName(k *tuyengiao.RecordKind) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(k.Code, func(r rune) bool { return r == '-' || r == '_' }) {
		r := []rune(w)
		b.WriteString(string(unicode.ToUpper(r[0])) + string(r[1:]))
	}
	return b.String()
}

func (s *Server) apiRecords(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	f, err := s.recordFilter(r, k, r.URL.Query())
	if err != nil {
		return err
	}
	recs, total, err := s.Records.FindRecords(r.Context(), k, f)
	if err != nil {
		return err
	}
	for i, rec := range recs {
		recs[i] = recordAnswer(rec)
	}
	writeJSON(w, http.StatusOK, newList(recs, total))
	return nil
}

// recordAnswer returns rec as the API writes it: a day not given as null, as its schema
// says, where the Date would write "".
func recordAnswer(rec *tuyengiao.Record) *tuyengiao.Record {
	out := *rec
	out.Values = maps.Clone(rec.Values)
	for name, v := range out.Values {
		if d, ok := v.(tuyengiao.Date); ok && d.IsZero() {
			out.Values[name] = nil
		}
	}
	return &out
}

func (s *Server) apiRecord(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rec, err := s.Records.FindRecord(r.Context(), k, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, recordAnswer(rec))
	return nil
}

// recordInput is the body of a record sent to the API: its values by field name are read by
// the kind (tuyengiao.RecordKind.DecodeValues).
type recordInput struct {
	UnitID  int64                      `json:"unit_id"`
	Version int                        `json:"version"`
	Values  map[string]json.RawMessage `json:"values"`
}

// record returns the record of kind k the input holds, its texts cleaned as every text of a
// body is (vn.Clean), which values read by the kind escape.
func (in *recordInput) record(k *tuyengiao.RecordKind) (*tuyengiao.Record, error) {
	v, err := k.DecodeValues(in.Values)
	if err != nil {
		return nil, err
	}
	for name, val := range v {
		if s, ok := val.(string); ok {
			if err := checkText(name, s); err != nil {
				return nil, err
			}
			v[name] = vn.NFC(vn.Clean(s))
		}
	}
	return &tuyengiao.Record{Kind: k.Code, UnitID: in.UnitID, Version: in.Version, Values: v}, nil
}

func (s *Server) apiRecordCreate(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	var in recordInput
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	rec, err := in.record(k)
	if err != nil {
		return err
	}
	if err := s.Records.CreateRecord(r.Context(), k, rec); err != nil {
		return err
	}
	// CreateRecord read the record back as stored.
	writeJSON(w, http.StatusCreated, recordAnswer(rec))
	return nil
}

// apiRecordUpdate replaces the values of a record at the version given; without unit_id it
// stays at its unit.
func (s *Server) apiRecordUpdate(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	var in recordInput
	id, err := jsonID(r, &in)
	if err != nil {
		return err
	}
	rec, err := in.record(k)
	if err != nil {
		return err
	}
	rec.ID = id
	if err := s.Records.UpdateRecord(r.Context(), k, rec); err != nil {
		return err
	}
	// UpdateRecord kept the unit for a unit_id of 0, and read the record back as stored.
	writeJSON(w, http.StatusOK, recordAnswer(rec))
	return nil
}

func (s *Server) apiRecordDelete(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	version, err := queryInt(r.URL.Query(), "version")
	if err != nil {
		return err
	}
	if err := s.Records.DeleteRecord(r.Context(), k, id, int(version)); err != nil {
		return err
	}
	return noContent(w)
}

// apiRecordImport checks, and with commit=true stores, a spreadsheet of records in one
// request. Bad rows are not a failure of the request: the answer lists every one of them
// and says nothing was stored.
func (s *Server) apiRecordImport(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	commit, err := commitParam(r)
	if err != nil {
		return err
	}
	d, err := s.recordImport(r, k)
	if err != nil {
		return err
	}
	up, err := readUpload(r)
	if err != nil {
		return err
	}
	recs, rows, err := s.checkRecordUpload(r, d, up)
	if err != nil {
		return err
	}
	body := struct {
		Rows      int             `json:"rows"`
		Committed bool            `json:"committed"`
		Created   int             `json:"created"`
		Errors    []importRowBody `json:"errors"`
	}{Rows: d.Rows}
	if commit && len(d.Errors) == 0 {
		if err := s.importRecords(r, d, recs, rows, 0); err != nil {
			return err
		}
		body.Committed = len(d.Errors) == 0
		if body.Committed {
			body.Created = len(recs)
		}
	}
	body.Errors = make([]importRowBody, len(d.Errors))
	for i, e := range d.Errors {
		body.Errors[i] = importRowBody{Row: e.Row, Field: e.Field, Message: message(answerLang(r), e)}
	}
	writeJSON(w, http.StatusOK, body)
	return nil
}

// recordSchemas returns the schemas of every declared kind, by the names its routes use:
// its values, generated from its fields, a record, a list, and the bodies that create and
// update one.
func recordSchemas() obj {
	out := obj{"RecordImportResult": props([]string{"rows", "committed", "created", "errors"}, obj{
		"rows": integer, "committed": boolean, "created": integer,
		"errors": obj{"type": "array", "items": props(nil, obj{"row": integer, "field": str, "message": str})}})}
	for _, k := range tuyengiao.RecordKinds() {
		name := schemaName(k)
		out[name+"Values"] = recordValuesSchema(k)
		out[name] = props([]string{"id", "kind", "unit_id", "values", "version"}, obj{"id": integer,
			"kind": enum(k.Code), "unit_id": integer, "unit_name": obj{"type": "string", "readOnly": true},
			"values": ref(name + "Values"), "version": integer, "created_at": instant, "updated_at": instant,
			"updated_by": obj{"type": "string", "readOnly": true},
			"state":      obj{"type": "string", "readOnly": true, "description": "the state derived as of today, for a kind that has states"},
			"names": obj{"type": "object", "readOnly": true, "additionalProperties": str,
				"description": "the titles of the records the ref fields name, by field"}})
		out[name+"List"] = listOf(name)
		if k.HandDown != nil {
			out[name+"HandDown"] = props([]string{"units"}, obj{"units": obj{"type": "array", "minItems": 1,
				"items": obj{"type": "integer", "format": "int64"}, "description": "units right below the record's, without a copy yet"}})
			out[name+"Copies"] = props([]string{"copies"}, obj{"copies": obj{"type": "array", "items": ref(name)}})
		}
		out[name+"Input"] = props([]string{"unit_id", "values"}, obj{"unit_id": integer, "values": ref(name + "Values")})
		out[name+"Update"] = props([]string{"version", "values"}, obj{
			"unit_id": obj{"type": "integer", "format": "int64", "description": "moves the record to this unit; absent or 0: it stays"},
			"version": obj{"type": "integer", "description": "the version the change is made to"}, "values": ref(name + "Values")})
	}
	return out
}

// recordValuesSchema describes the values of a record of k by its fields: their types and
// limits, the codes of a choice, the required ones. A field left out of a request is its
// zero; an answer holds every field.
func recordValuesSchema(k *tuyengiao.RecordKind) obj {
	p := obj{}
	var required []string
	for _, f := range k.Fields {
		var s obj
		switch f.Type {
		case tuyengiao.FieldText, tuyengiao.FieldNote, tuyengiao.FieldLink:
			s = obj{"type": "string"}
		case tuyengiao.FieldChoice:
			var codes []string
			if !f.Required {
				codes = append(codes, "")
			}
			for _, o := range f.Options {
				codes = append(codes, o.Code)
			}
			s = enum(codes...)
		case tuyengiao.FieldDay:
			s = obj{"type": "string", "format": "date", "nullable": true}
		case tuyengiao.FieldCount, tuyengiao.FieldMoney:
			s = obj{"type": "integer", "format": "int64", "minimum": 0, "maximum": tuyengiao.MaxValue}
		case tuyengiao.FieldYesNo:
			s = obj{"type": "boolean"}
		case tuyengiao.FieldRef, tuyengiao.FieldPerson:
			s = obj{"type": "integer", "format": "int64", "minimum": 0}
		}
		s["description"] = fieldDescription(f)
		p[f.Name] = s
		if f.Required {
			required = append(required, f.Name)
		}
	}
	o := props(required, p)
	o["additionalProperties"] = false
	return o
}

// fieldDescription describes a field in English for the OpenAPI document: its label, its
// hint, what a value of its type is written as.
func fieldDescription(f tuyengiao.RecordField) string {
	d := f.LabelEn
	if f.HintEn != "" {
		d += ": " + f.HintEn
	}
	switch f.Type {
	case tuyengiao.FieldMoney:
		d += " (đồng, a whole number)"
	case tuyengiao.FieldLink:
		d += " (an http or https address)"
	case tuyengiao.FieldNote:
		d += " (paragraphs)"
	case tuyengiao.FieldRef:
		d += " (the id of a record of " + f.Ref + ", 0 for none)"
	case tuyengiao.FieldPerson:
		d += " (the id of a person of the register, 0 for none)"
	}
	return d
}
