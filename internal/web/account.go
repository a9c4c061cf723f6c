package web

import "net/http"

func (s *Server) accountsPage(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) accountNewPage(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) accountCreate(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) accountUpdate(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) accountGrant(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) accountRevoke(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) accountDisable(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) accountEnable(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) accountResetPassword(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) apiUsers(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) apiUserCreate(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) apiUser(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) apiUserUpdate(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) apiGrantAdd(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) apiGrantRemove(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) apiUserDisable(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) apiUserEnable(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) apiUserPassword(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) error { return errTODO }
