package web

import (
	"net/http"

	"tuyengiao"
)

var errTODO = tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Chưa có.")

func (s *Server) peoplePage(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) personNewPage(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) personCreate(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) personPage(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) personUpdate(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) personStatus(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) importPage(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) importCommit(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) peopleTemplate(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) peopleExport(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) apiPeople(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) apiPersonCreate(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) apiPerson(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) apiPersonUpdate(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) apiPersonStatus(w http.ResponseWriter, r *http.Request) error { return errTODO }

func (s *Server) apiPeopleImport(w http.ResponseWriter, r *http.Request) error { return errTODO }
