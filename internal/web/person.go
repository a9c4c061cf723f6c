package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// Gender names a gender in the page's language; "" when not recorded.
func (p *page) Gender(g tuyengiao.Gender) string {
	if g == "" {
		return ""
	}
	return p.T(g.Name())
}

// Statuses lists the statuses of people, the current one first.
func (p *page) Statuses() []tuyengiao.PersonStatus {
	return []tuyengiao.PersonStatus{tuyengiao.StatusActive, tuyengiao.StatusMovedOut, tuyengiao.StatusDeceased}
}

// peopleData is what the people list shows.
type peopleData struct {
	Root      *tuyengiao.Unit // nil: the user's whole view scope
	Crumbs    []*tuyengiao.Unit
	Filter    tuyengiao.PersonFilter
	People    []*tuyengiao.Person
	Total     int
	Page      int // 1-based
	Pages     int
	PrevURL   string
	NextURL   string
	ExportURL string
}

func (s *Server) peoplePage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := personFilter(q)
	if err != nil {
		return err
	}
	d := &peopleData{Filter: f}
	if f.RootID != 0 {
		if d.Root, err = s.Units.FindUnitByID(r.Context(), f.RootID); err != nil {
			return err
		}
		if d.Crumbs, err = s.ancestors(r, d.Root, map[int64]*tuyengiao.Unit{}); err != nil {
			return err
		}
	}
	if d.People, d.Total, err = s.People.FindPeople(r.Context(), f); err != nil {
		return err
	}
	d.Page, d.Pages = f.Offset/f.Limit+1, max(1, (d.Total+f.Limit-1)/f.Limit)
	if f.Offset > 0 {
		d.PrevURL = peopleURL("/people", q, max(0, f.Offset-f.Limit))
	}
	if f.Offset+f.Limit < d.Total {
		d.NextURL = peopleURL("/people", q, f.Offset+f.Limit)
	}
	d.ExportURL = peopleURL("/people/export.xlsx", q, -1)
	p := &page{Title: "Nhân sự", Nav: "people", Data: d, Form: q}
	if n, err := strconv.Atoi(q.Get("n")); err == nil && q.Get("ok") == "imported" {
		dropped, _ := strconv.Atoi(q.Get("dropped"))
		p.Flash = importedFlash(r, n, dropped)
	}
	return s.render(w, r, "people", p)
}

// peopleURL returns path with the list filter of q and the given offset (-1: none, for the
// export, which takes every page); empty values are left out.
func peopleURL(path string, q url.Values, offset int) string {
	v := url.Values{}
	for _, k := range []string{"root", "q", "category", "status", "limit"} {
		if x := strings.TrimSpace(q.Get(k)); x != "" && (k != "limit" || offset >= 0) {
			v.Set(k, x)
		}
	}
	if offset > 0 {
		v.Set("offset", strconv.Itoa(offset))
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// personData is what the person page and the new-person form show.
type personData struct {
	Person *tuyengiao.Person
	Unit   *tuyengiao.Unit   // the person's unit, or the unit a new person is added to
	Crumbs []*tuyengiao.Unit // the units above Unit
	Def    url.Values        // the values of the forms before the user types
	Open   string            // the form to show open: "edit" or "status"
}

func (s *Server) personPage(w http.ResponseWriter, r *http.Request) error {
	return s.personShow(w, r, nil, http.StatusOK, "")
}

// personShow shows the person of the path with the error of a form the user can correct;
// open names the form the error is about.
func (s *Server) personShow(w http.ResponseWriter, r *http.Request, err error, code int, open string) error {
	id, perr := pathID(r, "id")
	if perr != nil {
		return perr
	}
	// FindPersonByID audits the read: the page discloses personal data.
	person, perr := s.People.FindPersonByID(r.Context(), id)
	if perr != nil {
		return perr
	}
	d := &personData{Person: person, Def: personValues(person), Open: open}
	d.Def.Set("on", vn.Date(s.today()))
	if d.Unit, perr = s.Units.FindUnitByID(r.Context(), person.UnitID); perr != nil {
		return perr
	}
	if d.Crumbs, perr = s.ancestors(r, d.Unit, map[int64]*tuyengiao.Unit{}); perr != nil {
		return perr
	}
	p := &page{Title: person.FullName, Nav: "people", Data: d}
	if r.URL.Query().Get("ok") == "backdated" {
		// A change dated before the current status goes into the history only; say so, or
		// the user would think it was lost.
		p.Flash = fmt.Sprintf("Đã ghi vào lịch sử trạng thái. Trạng thái hiện tại không đổi vì đã có thay đổi từ ngày %s.", vn.Date(person.StatusDate.Time))
	}
	if err != nil {
		p.Form = r.PostForm
		p.setError(err)
	}
	return s.renderCode(w, r, "person", p, code)
}

// personValues returns the fields of a person as the forms write them.
func personValues(p *tuyengiao.Person) url.Values {
	v := url.Values{}
	v.Set("unit_code", p.UnitCode)
	v.Set("full_name", p.FullName)
	if p.BirthYear != 0 {
		v.Set("birth_year", strconv.Itoa(p.BirthYear))
	}
	v.Set("birth_date", vn.Date(p.BirthDate.Time))
	v.Set("gender", string(p.Gender))
	v.Set("category", string(p.Category))
	v.Set("position", p.Position)
	v.Set("phone", vn.PhoneText(p.Phone))
	v.Set("party_card", p.PartyCard)
	v.Set("status", string(p.Status))
	return v
}

// personForm reads the fields of the person forms (all but the unit); a value that cannot be
// read is an error naming its field.
func personForm(f url.Values) (*tuyengiao.Person, error) {
	p := &tuyengiao.Person{FullName: vn.NFC(f.Get("full_name")), Gender: tuyengiao.Gender(f.Get("gender")),
		Category: tuyengiao.Category(f.Get("category")), Position: vn.NFC(f.Get("position")),
		Phone: vn.NFC(f.Get("phone")), PartyCard: vn.NFC(f.Get("party_card"))}
	year, err := queryInt(f, "birth_year")
	if err != nil {
		return nil, tuyengiao.FieldError("birth_year", "Năm sinh %q không hợp lệ (bốn chữ số, ví dụ 1985).", f.Get("birth_year"))
	}
	p.BirthYear = int(year)
	if s := strings.TrimSpace(f.Get("birth_date")); s != "" {
		t, err := vn.ParseDate(s)
		if err != nil {
			return nil, tuyengiao.FieldError("birth_date", "Ngày sinh %q không hợp lệ (ví dụ 15/03/1985).", s)
		}
		p.BirthDate = tuyengiao.GivenDate(t)
	}
	return p, nil
}

// unitByCode finds the unit of a code typed in a form; a code that gives no unit the user
// may see is an error on the field.
func (s *Server) unitByCode(r *http.Request, field, code string) (*tuyengiao.Unit, error) {
	if code == "" {
		return nil, tuyengiao.FieldError(field, "Chưa nhập mã đơn vị.")
	}
	u, err := s.Units.FindUnitByCode(r.Context(), code)
	switch tuyengiao.ErrorCode(err) {
	case "":
		return u, nil
	case tuyengiao.ENOTFOUND:
		return nil, tuyengiao.FieldError(field, "Không có đơn vị mã %q.", code)
	case tuyengiao.EFORBIDDEN:
		// Still a refusal, but about the field, so that the form can say which one.
		return nil, &tuyengiao.Error{Code: tuyengiao.EFORBIDDEN, Field: field,
			Key: "Bạn không có quyền tại đơn vị mã %q.", Args: []any{code}}
	}
	return nil, err
}

// personFormError re-shows a person form after an error the user can correct: a wrong field,
// a conflict, or a unit code typed where the user has no right, which keeps its status 403.
// Any other error is returned as it is.
func personFormError(err error, show func(error, int) error) error {
	var e *tuyengiao.Error
	if errors.As(err, &e) && e.Code == tuyengiao.EFORBIDDEN && e.Field != "" {
		return show(err, http.StatusForbidden)
	}
	return formError(err, show)
}

// renameField returns err with the field from named to, for a form or a JSON body that calls
// a field otherwise than the service.
func renameField(err error, from, to string) error {
	var e *tuyengiao.Error
	if errors.As(err, &e) && e.Field == from {
		renamed := *e
		renamed.Field = to
		return &renamed
	}
	return err
}

func (s *Server) personUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	err = func() error {
		p, err := personForm(f)
		if err != nil {
			return err
		}
		upd := tuyengiao.PersonUpdate{FullName: &p.FullName, BirthYear: &p.BirthYear, BirthDate: &p.BirthDate,
			Gender: &p.Gender, Category: &p.Category, Position: &p.Position, Phone: &p.Phone, PartyCard: &p.PartyCard}
		// The unit changes only when the user typed another code: looking up the same one
		// would need nothing but could fail on a unit the user no longer sees.
		if code := strings.TrimSpace(f.Get("unit_code")); !strings.EqualFold(code, f.Get("old_unit_code")) {
			u, err := s.unitByCode(r, "unit_code", code)
			if err != nil {
				return err
			}
			upd.UnitID = &u.ID
		}
		_, err = s.People.UpdatePerson(r.Context(), id, upd)
		return err
	}()
	if err != nil {
		return personFormError(err, func(err error, code int) error { return s.personShow(w, r, err, code, "edit") })
	}
	http.Redirect(w, r, "/people/"+strconv.FormatInt(id, 10)+"?ok=saved", http.StatusSeeOther)
	return nil
}

func (s *Server) personStatus(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	// The day is "on", as in the API; a missing one is the service's to refuse, after it has
	// checked access.
	f := r.PostForm
	on, err := formDay(f, "on")
	var person *tuyengiao.Person
	if err == nil {
		person, err = s.People.ChangePersonStatus(r.Context(), id, tuyengiao.PersonStatus(f.Get("status")), on)
		err = renameField(err, "status_date", "on")
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.personShow(w, r, err, code, "status") })
	}
	flash := "saved"
	if !person.StatusDate.Equal(on.Time) {
		flash = "backdated"
	}
	http.Redirect(w, r, "/people/"+strconv.FormatInt(id, 10)+"?ok="+flash, http.StatusSeeOther)
	return nil
}

func (s *Server) personNewPage(w http.ResponseWriter, r *http.Request) error {
	return s.personNewForm(w, r, nil, http.StatusOK)
}

// personNewForm shows the new-person form for ?unit= (or the posted unit), with err if any.
func (s *Server) personNewForm(w http.ResponseWriter, r *http.Request, err error, code int) error {
	form := shownForm(r)
	unitID, uerr := queryInt(form, "unit")
	if uerr != nil {
		return uerr
	}
	d := &personData{Def: url.Values{}}
	if unitID != 0 {
		if d.Unit, uerr = s.Units.FindUnitByID(r.Context(), unitID); uerr != nil {
			return uerr
		}
		if d.Crumbs, uerr = s.ancestors(r, d.Unit, map[int64]*tuyengiao.Unit{}); uerr != nil {
			return uerr
		}
	}
	// Offer the form only to whom the service will let add a person there.
	pr := tuyengiao.PrincipalFrom(r.Context())
	if d.Unit != nil {
		if uerr := tuyengiao.Authorize(pr, tuyengiao.ActionPersonEdit, d.Unit.Path); uerr != nil {
			return uerr
		}
	} else if len(pr.Scope(tuyengiao.ActionPersonEdit)) == 0 {
		return tuyengiao.Authorize(pr, tuyengiao.ActionPersonEdit, "")
	}
	p := &page{Title: "Thêm người", Nav: "people", Data: d}
	if r.Method == http.MethodPost {
		p.Form = form
	}
	return s.renderForm(w, r, "person_new", p, err, code)
}

func (s *Server) personCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	f := r.PostForm
	var person *tuyengiao.Person
	err := func() error {
		var err error
		if person, err = personForm(f); err != nil {
			return err
		}
		if code := strings.TrimSpace(f.Get("unit_code")); code != "" {
			u, err := s.unitByCode(r, "unit_code", code)
			if err != nil {
				return err
			}
			person.UnitID = u.ID
		} else if person.UnitID, err = queryInt(f, "unit"); err != nil {
			return err
		}
		return s.People.CreatePerson(r.Context(), person)
	}()
	if err != nil {
		return personFormError(err, func(err error, code int) error { return s.personNewForm(w, r, err, code) })
	}
	http.Redirect(w, r, "/people/"+strconv.FormatInt(person.ID, 10)+"?ok=created", http.StatusSeeOther)
	return nil
}
