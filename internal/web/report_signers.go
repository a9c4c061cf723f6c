package web

import (
	"net/http"
	"slices"
	"strconv"

	"tuyengiao"
)

// signersData is the form naming the accounts that sign a unit's reports: the accounts of
// its subtree and those it names already, which are checked.
type signersData struct {
	Unit     *tuyengiao.Unit
	Accounts []*tuyengiao.User
	Signers  map[int64]bool
}

func (s *Server) signersPage(w http.ResponseWriter, r *http.Request) error {
	return s.signersShow(w, r, nil, http.StatusOK)
}

func (s *Server) signersShow(w http.ResponseWriter, r *http.Request, err error, code int) error {
	id, ierr := pathID(r, "id")
	if ierr != nil {
		return ierr
	}
	u, ierr := s.Units.FindUnitByID(r.Context(), id)
	if ierr != nil {
		return ierr
	}
	accounts, _, ierr := s.Users.FindUsers(r.Context(), tuyengiao.UserFilter{RootID: id, Limit: maxLimit})
	if ierr != nil {
		return ierr
	}
	signers, ierr := s.Reports.Signers(r.Context(), id)
	if ierr != nil {
		return ierr
	}
	d := &signersData{Unit: u, Accounts: accounts, Signers: map[int64]bool{}}
	for _, sg := range signers {
		d.Signers[sg.ID] = true
		if !slices.ContainsFunc(accounts, func(a *tuyengiao.User) bool { return a.ID == sg.ID }) {
			d.Accounts = append(d.Accounts, &sg)
		}
	}
	pg := &page{Title: "Người ký báo cáo", Nav: "units", Data: d}
	return s.renderForm(w, r, "report_signers", pg, err, code)
}

// signersSave names the accounts checked (user, repeated) to sign the unit's reports; none
// leaves it to the unit administrators.
func (s *Server) signersSave(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	var ids []int64
	for _, v := range r.PostForm["user"] {
		n, perr := strconv.ParseInt(v, 10, 64)
		if perr != nil {
			err = tuyengiao.FieldError("user", "Tài khoản %q không hợp lệ.", v)
		}
		ids = append(ids, n)
	}
	if err == nil {
		err = s.Reports.SetSigners(r.Context(), id, ids)
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.signersShow(w, r, err, code) })
	}
	http.Redirect(w, r, "/units/"+strconv.FormatInt(id, 10)+"/signers?ok=saved", http.StatusSeeOther)
	return nil
}
