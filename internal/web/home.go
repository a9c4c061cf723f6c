package web

import (
	"net/http"

	"tuyengiao"
)

// homeData is what the home page shows: the user's own units with their people counts.
type homeData struct {
	Units []*treeNode
	Kinds map[string]string
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	roots, err := s.actionRoots(r, tuyengiao.ActionUnitView)
	if err != nil {
		return err
	}
	d := &homeData{}
	if d.Kinds, err = s.kindNames(r, lang(r)); err != nil {
		return err
	}
	for _, u := range roots {
		n, err := s.subtree(r, u, false)
		if err != nil {
			return err
		}
		d.Units = append(d.Units, n)
	}
	return s.render(w, r, "home", &page{Title: "Trang chủ", Nav: "home", Data: d})
}
