package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// userFilter reads an account list filter from a query: root, q, offset, limit.
func userFilter(v url.Values) (tuyengiao.UserFilter, error) {
	var f tuyengiao.UserFilter
	var err error
	if f.RootID, err = queryInt(v, "root"); err != nil {
		return f, err
	}
	f.Query = strings.TrimSpace(vn.NFC(v.Get("q")))
	f.Offset, f.Limit, err = pageParams(v)
	return f, err
}

// grantInput is a role to give at a unit (none for sysadmin).
type grantInput struct {
	Role   tuyengiao.Role `json:"role"`
	UnitID int64          `json:"unit_id"`
}

func (s *Server) apiUsers(w http.ResponseWriter, r *http.Request) error {
	f, err := userFilter(r.URL.Query())
	if err != nil {
		return err
	}
	users, total, err := s.Users.FindUsers(r.Context(), f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(users, total))
	return nil
}

// apiUserCreate creates an account with its grants. must_change_password defaults to true:
// an account made by an administrator changes its password at the first login unless the
// request says otherwise.
func (s *Server) apiUserCreate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Login              string       `json:"login"`
		DisplayName        string       `json:"display_name"`
		Password           secret       `json:"password"`
		PersonID           int64        `json:"person_id"`
		MustChangePassword *bool        `json:"must_change_password"`
		Grants             []grantInput `json:"grants"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	u := &tuyengiao.User{Login: in.Login, DisplayName: in.DisplayName, PersonID: in.PersonID, MustChangePassword: true}
	if in.MustChangePassword != nil {
		u.MustChangePassword = *in.MustChangePassword
	}
	for _, g := range in.Grants {
		u.Grants = append(u.Grants, tuyengiao.Grant{Role: g.Role, UnitID: g.UnitID})
	}
	if err := s.Users.CreateUser(r.Context(), u, string(in.Password)); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/users/"+strconv.FormatInt(u.ID, 10))
	writeJSON(w, http.StatusCreated, u)
	return nil
}

func (s *Server) apiUser(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u, err := s.Users.FindUserByID(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, u)
	return nil
}

func (s *Server) apiUserUpdate(w http.ResponseWriter, r *http.Request) error {
	var upd tuyengiao.UserUpdate
	id, err := jsonID(r, &upd)
	if err != nil {
		return err
	}
	u, err := s.Users.UpdateUser(r.Context(), id, upd)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, u)
	return nil
}

// apiGrantAdd gives the account a role at a unit and answers 201 with the grant.
func (s *Server) apiGrantAdd(w http.ResponseWriter, r *http.Request) error {
	var in grantInput
	id, err := jsonID(r, &in)
	if err != nil {
		return err
	}
	g := &tuyengiao.Grant{UserID: id, Role: in.Role, UnitID: in.UnitID}
	if err := s.Users.AddGrant(r.Context(), g); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, g)
	return nil
}

func (s *Server) apiGrantRemove(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	grantID, err := pathID(r, "grant")
	if err != nil {
		return err
	}
	if err := s.grantOfUser(r, id, grantID); err != nil {
		return err
	}
	if err := s.Users.RemoveGrant(r.Context(), grantID); err != nil {
		return err
	}
	return noContent(w)
}

func (s *Server) apiUserDisable(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.Users.DisableUser(r.Context(), id); err != nil {
		return err
	}
	return noContent(w)
}

func (s *Server) apiUserEnable(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := s.Users.EnableUser(r.Context(), id); err != nil {
		return err
	}
	return noContent(w)
}

func (s *Server) apiUserPassword(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in struct {
		Password secret `json:"password"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	if err := s.Users.ResetPassword(r.Context(), id, string(in.Password)); err != nil {
		return err
	}
	return noContent(w)
}
