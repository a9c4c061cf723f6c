package web

import (
	"net/http"
	"slices"
	"strconv"

	"tuyengiao"
)

// handDown is what the page of a record of a kind handed down (RecordKind.HandDown) shows:
// its copies at the units below, how many of them have reached each state, and the open
// units right below it that have none yet, to hand it to.
type handDown struct {
	Copies []*tuyengiao.Record
	States []handDownState
	Units  []*tuyengiao.Unit
}

// handDownState is a state of the copies of a record handed down, with their number.
type handDownState struct {
	Code  string
	Count int
}

// handDownOf reads the copies of rec, a record of k at unit u, and the units below u that
// have none and where the caller may write records.
func (s *Server) handDownOf(r *http.Request, k *tuyengiao.RecordKind, rec *tuyengiao.Record, u *tuyengiao.Unit) (*handDown, error) {
	from := k.HandDown.From
	copies, _, err := s.Records.FindRecords(r.Context(), k, tuyengiao.RecordFilter{UnitID: u.ID,
		Match: map[string][]string{from: {strconv.FormatInt(rec.ID, 10)}}})
	if err != nil {
		return nil, err
	}
	h := &handDown{Copies: copies}
	for _, o := range k.States {
		n := 0
		for _, c := range copies {
			if c.State == o.Code {
				n++
			}
		}
		if n > 0 {
			h.States = append(h.States, handDownState{o.Code, n})
		}
	}
	below, _, err := s.Units.FindUnits(r.Context(), tuyengiao.UnitFilter{ParentID: u.ID})
	if err != nil {
		return nil, err
	}
	for _, b := range below {
		handed := slices.ContainsFunc(copies, func(c *tuyengiao.Record) bool { return c.UnitID == b.ID })
		if !handed && tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), rw, b.Path) == nil {
			h.Units = append(h.Units, b)
		}
	}
	return h, nil
}

// recordHandDown hands the record of the path down to the units posted (unit, one or
// more), as handDownTo does, and shows its page again.
func (s *Server) recordHandDown(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	d, err := s.recordShown(r, k)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	var units []int64
	for _, v := range r.PostForm["unit"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			id = -1 // no unit: refused as not below
		}
		units = append(units, id)
	}
	if err := s.handDownTo(r, k, d.Record, d.Unit, units); err != nil {
		return formError(err, func(err error, code int) error { return s.recordPageWith(w, r, k, err, code) })
	}
	http.Redirect(w, r, recordURL(k, d.Record.ID)+"?ok=handed", http.StatusSeeOther)
	return nil
}

// handDownTo hands rec, a record of k at unit u, down to units, all or none: each must be
// right below u, without a copy yet, and one the caller may write records at; each gets a
// copy of the fields the kind keeps, naming rec, at its zero otherwise. The caller must
// also be allowed to write records at u: handing down is a change of its programme.
func (s *Server) handDownTo(r *http.Request, k *tuyengiao.RecordKind, rec *tuyengiao.Record, u *tuyengiao.Unit, units []int64) error {
	if err := tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), rw, u.Path); err != nil {
		return err
	}
	h, err := s.handDownOf(r, k, rec, u)
	if err != nil {
		return err
	}
	var copies []*tuyengiao.Record
	slices.Sort(units)
	for _, id := range slices.Compact(units) {
		if !slices.ContainsFunc(h.Units, func(b *tuyengiao.Unit) bool { return b.ID == id }) {
			return tuyengiao.FieldError("unit", "Đơn vị số %d không ở ngay dưới đơn vị này, đã được giao, hoặc bạn không được ghi ở đó.", id)
		}
		v := tuyengiao.RecordValues{k.HandDown.From: rec.ID}
		for _, name := range k.HandDown.Keep {
			v[name] = rec.Values[name]
		}
		copies = append(copies, &tuyengiao.Record{UnitID: id, Values: v})
	}
	if len(copies) == 0 {
		return tuyengiao.FieldError("unit", "Chưa chọn đơn vị nào để giao.")
	}
	return s.Records.ImportRecords(r.Context(), k, copies, 1, 0)
}

// handDownInput is the body of a hand-down through the API.
type handDownInput struct {
	Units []int64 `json:"units"`
}

// apiRecordHandDown hands the record down to the units of the body as the page does, and
// answers with its copies, at every unit below.
func (s *Server) apiRecordHandDown(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	var in handDownInput
	id, err := jsonID(r, &in)
	if err != nil {
		return err
	}
	rec, err := s.Records.FindRecord(r.Context(), k, id)
	if err != nil {
		return err
	}
	u, err := s.Units.FindUnitByID(r.Context(), rec.UnitID)
	if err != nil {
		return err
	}
	if err := s.handDownTo(r, k, rec, u, in.Units); err != nil {
		return err
	}
	h, err := s.handDownOf(r, k, rec, u)
	if err != nil {
		return err
	}
	out := make([]*tuyengiao.Record, len(h.Copies))
	for i, c := range h.Copies {
		out[i] = recordAnswer(c)
	}
	writeJSON(w, http.StatusOK, obj{"copies": out})
	return nil
}
