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
// more, each right below the record's unit and without a copy yet), all or none: each gets
// a copy of the fields the kind keeps, naming the record, at its zero otherwise.
func (s *Server) recordHandDown(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	d, err := s.recordShown(r, k)
	if err != nil {
		return err
	}
	// Handing down is a change of the record's unit's programme, as well as of the units'.
	if err := tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), rw, d.Unit.Path); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	h, err := s.handDownOf(r, k, d.Record, d.Unit)
	if err != nil {
		return err
	}
	copies, err := handDownCopies(r, k, d.Record, h.Units)
	if err == nil {
		err = s.Records.ImportRecords(r.Context(), k, copies, 1, 0)
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.recordPageWith(w, r, k, err, code) })
	}
	http.Redirect(w, r, recordURL(k, d.Record.ID)+"?ok=handed", http.StatusSeeOther)
	return nil
}

// handDownCopies returns the copies of rec for the units posted, each one of open.
func handDownCopies(r *http.Request, k *tuyengiao.RecordKind, rec *tuyengiao.Record, open []*tuyengiao.Unit) ([]*tuyengiao.Record, error) {
	var out []*tuyengiao.Record
	for _, s := range r.PostForm["unit"] {
		id, _ := strconv.ParseInt(s, 10, 64)
		i := slices.IndexFunc(open, func(u *tuyengiao.Unit) bool { return u.ID == id })
		if i < 0 {
			return nil, tuyengiao.FieldError("unit", "Đơn vị số %q không ở ngay dưới đơn vị này, đã được giao, hoặc bạn không được ghi ở đó.", s)
		}
		v := tuyengiao.RecordValues{k.HandDown.From: rec.ID}
		for _, name := range k.HandDown.Keep {
			v[name] = rec.Values[name]
		}
		out = append(out, &tuyengiao.Record{UnitID: id, Values: v})
	}
	if len(out) == 0 {
		return nil, tuyengiao.FieldError("unit", "Chưa chọn đơn vị nào để giao.")
	}
	return out, nil
}
