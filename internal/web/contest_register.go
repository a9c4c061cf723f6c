package web

import (
	"net/http"
	"strconv"
	"strings"

	"tuyengiao"
)

// registerData is what the registration form shows: the contest (its consent text), the
// units its picker offers, and the proof of work to solve.
type registerData struct {
	Contest   *tuyengiao.Contest
	Units     []*tuyengiao.Unit
	Challenge string
}

func (s *Server) contestRegisterPage(w http.ResponseWriter, r *http.Request) error {
	c, err := s.pathContest(r)
	if err != nil {
		return err
	}
	return s.registerForm(w, r, c, nil, http.StatusOK)
}

// registerForm shows the registration form, again with err and what was typed but the PIN
// when err is set. The picker offers the units matching the search typed (unit_q), or the
// organising subtree's shallowest.
func (s *Server) registerForm(w http.ResponseWriter, r *http.Request, c *tuyengiao.Contest, err error, code int) error {
	d := &registerData{Contest: c}
	var ferr error
	if d.Units, ferr = s.Contests.ContestUnits(r.Context(), c.ID, r.PostForm.Get("unit_q"), contestUnitsLimit); ferr != nil {
		return ferr
	} else if d.Challenge, ferr = s.issuePuzzle(r, "register"); ferr != nil {
		return ferr
	}
	p := &page{Title: "Đăng ký dự thi", Data: d}
	if err != nil {
		p.Form = r.PostForm
		p.Form.Del("pin")
		p.Form.Del("pin2")
		p.setError(err)
	}
	return s.renderContest(w, r, "contest_register", p, code)
}

func (s *Server) contestRegister(w http.ResponseWriter, r *http.Request) error {
	c, err := s.pathContest(r)
	if err != nil {
		return err
	} else if err := r.ParseForm(); err != nil {
		return err
	}
	f := r.PostForm
	k := &tuyengiao.Contestant{ContestID: c.ID, FullName: f.Get("full_name"), Phone: f.Get("phone"),
		Address: f.Get("address"), Client: clientAddress(r)}
	k.BirthYear, _ = strconv.Atoi(strings.TrimSpace(f.Get("birth_year")))
	err = s.checkPuzzle(r, "register")
	if err == nil {
		k.UnitID, err = s.pickedUnit(r, c.ID)
	}
	switch {
	case err != nil:
	case f.Get("pin") != f.Get("pin2"):
		err = tuyengiao.FieldError("pin2", "Hai lần nhập mã PIN không giống nhau.")
	case f.Get("consent") != "1":
		err = tuyengiao.FieldError("consent", "Cần đồng ý với nội dung trên để đăng ký dự thi.")
	default:
		err = s.Contests.Register(r.Context(), k, f.Get("pin"))
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.registerForm(w, r, c, err, code) })
	}
	if err := s.setContestant(w, r, k); err != nil {
		return err
	}
	http.Redirect(w, r, "/thi/"+strconv.FormatInt(c.ID, 10)+"?ok=registered", http.StatusSeeOther)
	return nil
}

// pickedUnit returns the unit of the registration: the one chosen in the picker; without
// one, and without an address, the only unit matching the search typed (a browser without
// scripts searches by sending the form); 0 for none.
func (s *Server) pickedUnit(r *http.Request, contestID int64) (int64, error) {
	f := r.PostForm
	if v := f.Get("unit_id"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return 0, tuyengiao.FieldError("unit_id", "Đơn vị đã chọn không thuộc phạm vi cuộc thi.")
		}
		return id, nil
	}
	q := strings.TrimSpace(f.Get("unit_q"))
	if q == "" || strings.TrimSpace(f.Get("address")) != "" {
		return 0, nil
	}
	units, err := s.Contests.ContestUnits(r.Context(), contestID, q, 2)
	switch {
	case err != nil:
		return 0, err
	case len(units) == 0:
		return 0, tuyengiao.FieldError("unit_id", "Không tìm thấy đơn vị nào có tên hoặc mã chứa %q.", q)
	case len(units) > 1:
		return 0, tuyengiao.FieldError("unit_id", "Có nhiều đơn vị khớp với %q: hãy chọn một đơn vị trong danh sách.", q)
	}
	return units[0].ID, nil
}

// signInData is what the sign-in form shows.
type signInData struct {
	Contest   *tuyengiao.Contest
	Challenge string
}

func (s *Server) contestSignInPage(w http.ResponseWriter, r *http.Request) error {
	c, err := s.pathContest(r)
	if err != nil {
		return err
	}
	return s.signInForm(w, r, c, nil, http.StatusOK)
}

// signInForm shows the sign-in form, again with err and the phone typed when err is set.
func (s *Server) signInForm(w http.ResponseWriter, r *http.Request, c *tuyengiao.Contest, err error, code int) error {
	d := &signInData{Contest: c}
	var ferr error
	if d.Challenge, ferr = s.issuePuzzle(r, "signin"); ferr != nil {
		return ferr
	}
	p := &page{Title: "Vào thi", Data: d}
	if err != nil {
		p.Form = r.PostForm
		p.Form.Del("pin")
		p.setError(err)
	}
	return s.renderContest(w, r, "contest_signin", p, code)
}

func (s *Server) contestSignIn(w http.ResponseWriter, r *http.Request) error {
	c, err := s.pathContest(r)
	if err != nil {
		return err
	} else if err := r.ParseForm(); err != nil {
		return err
	}
	var who *tuyengiao.Contestant
	err = s.checkPuzzle(r, "signin")
	if err == nil {
		who, err = s.Contests.SignIn(r.Context(), c.ID, r.PostForm.Get("phone"), r.PostForm.Get("pin"))
	}
	// A wrong PIN, a phone locked out and a stale proof of work are told on the form.
	switch code := tuyengiao.ErrorCode(err); code {
	case "":
	case tuyengiao.EINVALID, tuyengiao.EUNAUTHORIZED, tuyengiao.ETOOMANY:
		return s.signInForm(w, r, c, err, status(code))
	default:
		return err
	}
	if err := s.setContestant(w, r, who); err != nil {
		return err
	}
	http.Redirect(w, r, "/thi/"+strconv.FormatInt(c.ID, 10)+"?ok=signedin", http.StatusSeeOther)
	return nil
}

// Consent returns the paragraphs of the contest's consent text.
func (d *registerData) Consent() []string { return paragraphs(d.Contest.Consent) }
