package main

import (
	"errors"
	"maps"
	"net/url"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/record"
	"tuyengiao/internal/vn"
)

// init adds to the authorization matrix the routes of every declared kind of record, each
// kind by itself, so that a kind declared later is covered without a change here.
func init() {
	matrix["GET /records"] = func(f *fixture) *matrixReq {
		return &matrixReq{method: "GET", path: "/records?unit=" + id(f.Unit().ID)}
	}
	for _, k := range tuyengiao.RecordKinds() {
		for key, build := range recordMatrix(k) {
			matrix[key] = build
		}
	}
}

// recordMatrix returns a request for each route of the records of kind k, against a fresh
// record at the fresh unit.
func recordMatrix(k *tuyengiao.RecordKind) map[string]func(f *fixture) *matrixReq {
	page, api := "/records/"+k.Code, "/api/v1/records/"+k.Code
	unit := func(f *fixture) string { return "?unit=" + id(f.Unit().ID) }
	rec := func(f *fixture) string { return "/" + id(f.Record(k).ID) }
	out := map[string]func(f *fixture) *matrixReq{
		"GET " + page: func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: page + unit(f)} },
		"GET " + page + "/new": func(f *fixture) *matrixReq {
			return &matrixReq{method: "GET", path: page + "/new" + unit(f)}
		},
		"POST " + page: func(f *fixture) *matrixReq {
			return &matrixReq{method: "POST", path: page, form: sampleForm(k, f.Unit(), f.a.today())}
		},
		"GET " + page + "/{id}": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: page + rec(f)} },
		"GET " + page + "/{id}/edit": func(f *fixture) *matrixReq {
			return &matrixReq{method: "GET", path: page + rec(f) + "/edit"}
		},
		"POST " + page + "/{id}": func(f *fixture) *matrixReq {
			form := sampleForm(k, f.Unit(), f.a.today())
			form.Set("version", "1")
			return &matrixReq{method: "POST", path: page + rec(f), form: form}
		},
		"POST " + page + "/{id}/delete": func(f *fixture) *matrixReq {
			return &matrixReq{method: "POST", path: page + rec(f) + "/delete", form: url.Values{"version": {"1"}}}
		},
		"GET " + page + "/export.xlsx": func(f *fixture) *matrixReq {
			f.Record(k)
			return &matrixReq{method: "GET", path: page + "/export.xlsx" + unit(f)}
		},
		"GET " + page + "/template.xlsx": func(f *fixture) *matrixReq {
			return &matrixReq{method: "GET", path: page + "/template.xlsx"}
		},
		"GET " + page + "/import": func(f *fixture) *matrixReq {
			return &matrixReq{method: "GET", path: page + "/import" + unit(f)}
		},
		"POST " + page + "/import": func(f *fixture) *matrixReq {
			return &matrixReq{method: "POST", path: page + "/import" + unit(f), form: url.Values{}, file: sampleCSV(k, f.a.today())}
		},
		"POST " + page + "/import/{upload}/commit": func(f *fixture) *matrixReq {
			up := f.upload("records:"+k.Code, sampleCSV(k, f.a.today()))
			return &matrixReq{method: "POST", path: page + "/import/" + id(up) + "/commit" + unit(f), form: url.Values{}}
		},
		"GET " + api: func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: api + unit(f)} },
		"POST " + api: func(f *fixture) *matrixReq {
			return &matrixReq{method: "POST", path: api, json: map[string]any{"unit_id": f.Unit().ID, "values": sampleJSON(k, f.a.today())}}
		},
		"GET " + api + "/{id}": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: api + rec(f)} },
		"PUT " + api + "/{id}": func(f *fixture) *matrixReq {
			return &matrixReq{method: "PUT", path: api + rec(f), json: map[string]any{"version": 1, "values": sampleJSON(k, f.a.today())}}
		},
		"DELETE " + api + "/{id}": func(f *fixture) *matrixReq {
			return &matrixReq{method: "DELETE", path: api + rec(f) + "?version=1"}
		},
		"POST " + api + "/import": func(f *fixture) *matrixReq {
			return &matrixReq{method: "POST", path: api + "/import" + unit(f) + "&commit=true", form: url.Values{}, file: sampleCSV(k, f.a.today())}
		},
		"GET " + api + "/export": func(f *fixture) *matrixReq {
			f.Record(k)
			return &matrixReq{method: "GET", path: api + "/export" + unit(f)}
		},
		"GET " + api + "/template": func(f *fixture) *matrixReq { return &matrixReq{method: "GET", path: api + "/template"} },

		"POST " + page + "/{id}/notes": func(f *fixture) *matrixReq {
			return &matrixReq{method: "POST", path: page + rec(f) + "/notes", form: url.Values{"text": {"Ghi nhận"}}, file: samplePNG(f.a.t)}
		},
		"GET " + page + "/{id}/notes/{note}/file": func(f *fixture) *matrixReq {
			return &matrixReq{method: "GET", path: page + rec(f) + "/notes/" + id(f.note(k).ID) + "/file"}
		},
		"POST " + page + "/{id}/notes/{note}/delete": func(f *fixture) *matrixReq {
			return &matrixReq{method: "POST", path: page + rec(f) + "/notes/" + id(f.note(k).ID) + "/delete", form: url.Values{}}
		},
		"GET " + api + "/{id}/notes": func(f *fixture) *matrixReq {
			f.note(k)
			return &matrixReq{method: "GET", path: api + rec(f) + "/notes"}
		},
		"POST " + api + "/{id}/notes": func(f *fixture) *matrixReq {
			return &matrixReq{method: "POST", path: api + rec(f) + "/notes", form: url.Values{"text": {"Ghi nhận"}}, file: samplePNG(f.a.t)}
		},
		"GET " + api + "/{id}/notes/{note}/file": func(f *fixture) *matrixReq {
			return &matrixReq{method: "GET", path: api + rec(f) + "/notes/" + id(f.note(k).ID) + "/file"}
		},
		"DELETE " + api + "/{id}/notes/{note}": func(f *fixture) *matrixReq {
			return &matrixReq{method: "DELETE", path: api + rec(f) + "/notes/" + id(f.note(k).ID)}
		},
	}
	if k.HandDown != nil {
		// The fresh unit has no unit below: an editor is told so, anyone else refused.
		out["POST "+page+"/{id}/hand-down"] = func(f *fixture) *matrixReq {
			return &matrixReq{method: "POST", path: page + rec(f) + "/hand-down", form: url.Values{"unit": {id(f.Unit().ID)}}}
		}
		out["POST "+api+"/{id}/hand-down"] = func(f *fixture) *matrixReq {
			return &matrixReq{method: "POST", path: api + rec(f) + "/hand-down", json: map[string]any{"units": []int64{f.Unit().ID}}}
		}
	}
	return out
}

// note adds a note with a photo to the fresh record of kind k (Record).
func (f *fixture) note(k *tuyengiao.RecordKind) *tuyengiao.RecordNote {
	f.a.t.Helper()
	n := &tuyengiao.RecordNote{Text: "Ghi nhận mẫu"}
	if err := f.a.db.RecordStore().AddRecordNote(f.a.admin(), k, f.Record(k).ID, n, "minh-chung.png", samplePNG(f.a.t)); err != nil {
		f.a.t.Fatal(err)
	}
	return n
}

// Record returns a fresh record of kind k at the fresh unit, of sampleValues.
func (f *fixture) Record(k *tuyengiao.RecordKind) *tuyengiao.Record {
	if f.record == nil {
		f.record = f.a.record(k, f.Unit(), sampleValues(k, f.a.today()))
	}
	return f.record
}

// record stores a record of kind k at unit u with the values v.
func (a *testApp) record(k *tuyengiao.RecordKind, u *tuyengiao.Unit, v tuyengiao.RecordValues) *tuyengiao.Record {
	a.t.Helper()
	r := &tuyengiao.Record{Kind: k.Code, UnitID: u.ID, Values: v}
	if err := a.db.RecordStore().CreateRecord(a.admin(), k, r); err != nil {
		a.t.Fatal(err)
	}
	return r
}

// today returns the day it is in Vietnam by the database's clock.
func (a *testApp) today() tuyengiao.Date {
	y, m, d := a.db.Now().In(vn.Zone).Date()
	return tuyengiao.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// sampleValues returns values a record of any kind k takes: its required fields and its
// title filled (the first option of a choice, the day today, a number 1), then each field
// the kind's own check names filled too, until the kind takes them; nil when it never does.
func sampleValues(k *tuyengiao.RecordKind, today tuyengiao.Date) tuyengiao.RecordValues {
	v := tuyengiao.RecordValues{}
	for _, f := range k.Fields {
		if f.Required || f.Name == k.Title {
			v[f.Name] = sampleValue(f, today)
		}
	}
	for range k.Fields {
		var e *tuyengiao.Error
		err := k.Validate(maps.Clone(v), today)
		if err == nil {
			return v
		} else if !errors.As(err, &e) || k.Field(e.Field) == nil || v[e.Field] != nil {
			return nil
		}
		v[e.Field] = sampleValue(*k.Field(e.Field), today)
	}
	return nil
}

// sampleValue returns a value of the field f.
func sampleValue(f tuyengiao.RecordField, today tuyengiao.Date) any {
	switch f.Type {
	case tuyengiao.FieldChoice:
		return f.Options[0].Code
	case tuyengiao.FieldLink:
		return "https://example.org/tin-bai"
	case tuyengiao.FieldDay:
		return today
	case tuyengiao.FieldCount, tuyengiao.FieldMoney:
		return int64(1)
	case tuyengiao.FieldYesNo:
		return true
	}
	return "Mẫu " + strings.ToLower(f.Label)
}

// sampleForm returns the form of a record of kind k at unit u, of sampleValues as people
// type them.
func sampleForm(k *tuyengiao.RecordKind, u *tuyengiao.Unit, today tuyengiao.Date) url.Values {
	form := url.Values{"unit_code": {u.Code}}
	for name, val := range sampleValues(k, today) {
		f := k.Field(name)
		switch val := val.(type) {
		case bool:
			if val {
				form.Set(name, "1")
			}
		case string:
			form.Set(name, val) // a choice by its code, as the select sends it
		default:
			form.Set(name, record.Text(f, val, "vi"))
		}
	}
	return form
}

// sampleJSON returns sampleValues as the API takes them.
func sampleJSON(k *tuyengiao.RecordKind, today tuyengiao.Date) map[string]any {
	out := map[string]any{}
	for name, val := range sampleValues(k, today) {
		if d, ok := val.(tuyengiao.Date); ok {
			out[name] = d.Format("2006-01-02")
			continue
		}
		out[name] = val
	}
	return out
}

// sampleCSV returns a spreadsheet of records of kind k with one row of sampleValues for the
// unit imported into: a header of the fields' labels, the values as record.Text writes them.
func sampleCSV(k *tuyengiao.RecordKind, today tuyengiao.Date) []byte {
	v := sampleValues(k, today)
	head, row := []string{"Mã đơn vị"}, []string{""}
	for i := range k.Fields {
		f := &k.Fields[i]
		head, row = append(head, f.Label), append(row, record.Text(f, v[f.Name], "vi"))
	}
	return []byte(strings.Join(head, ";") + "\n" + strings.Join(row, ";") + "\n")
}
