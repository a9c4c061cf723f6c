package web

import (
	"math"
	"net/http"
	"time"

	"tuyengiao"
)

func (s *Server) apiUnits(w http.ResponseWriter, r *http.Request) error {
	f, err := unitFilter(r.URL.Query())
	if err != nil {
		return err
	}
	units, total, err := s.findUnits(r, f)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(units, total))
	return nil
}

// findUnits lists the units of f: a search by name from the database, any other list from
// the tree the figure service keeps, as a page of a large subtree would otherwise read and
// sort the whole subtree at every request.
func (s *Server) findUnits(r *http.Request, f tuyengiao.UnitFilter) ([]*tuyengiao.Unit, int, error) {
	if f.Query != "" {
		return s.Units.FindUnits(r.Context(), f)
	}
	return s.Figures.Units(r.Context(), f)
}

func (s *Server) apiUnitCreate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		ParentID  int64  `json:"parent_id"`
		Code      string `json:"code"`
		Name      string `json:"name"`
		Kind      string `json:"kind"`
		SortOrder int    `json:"sort_order"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	u := &tuyengiao.Unit{ParentID: in.ParentID, Code: in.Code, Name: in.Name, Kind: in.Kind, SortOrder: in.SortOrder}
	if err := s.Units.CreateUnit(r.Context(), u); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, u)
	return nil
}

func (s *Server) apiUnit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u, err := s.Units.FindUnitByID(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, u)
	return nil
}

// unitResult answers a change of a unit with the unit as it is now.
func unitResult(w http.ResponseWriter, u *tuyengiao.Unit, err error) error {
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, u)
	return nil
}

func (s *Server) apiUnitUpdate(w http.ResponseWriter, r *http.Request) error {
	var upd tuyengiao.UnitUpdate
	id, err := jsonID(r, &upd)
	if err != nil {
		return err
	}
	u, err := s.Units.UpdateUnit(r.Context(), id, upd)
	return unitResult(w, u, err)
}

func (s *Server) apiUnitMove(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in struct {
		ParentID int64 `json:"parent_id"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	u, err := s.Units.MoveUnit(r.Context(), id, in.ParentID)
	return unitResult(w, u, err)
}

func (s *Server) apiUnitClose(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u, err := s.Units.CloseUnit(r.Context(), id, s.Now())
	return unitResult(w, u, err)
}

func (s *Server) apiUnitReopen(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u, err := s.Units.ReopenUnit(r.Context(), id)
	return unitResult(w, u, err)
}

// unitCountsRow is one unit of the counts answer: its own people and its subtree's, per
// category.
type unitCountsRow struct {
	Unit  *tuyengiao.Unit              `json:"unit"`
	Own   map[tuyengiao.Category]int64 `json:"own"`
	Total map[tuyengiao.Category]int64 `json:"total"`
}

func (s *Server) apiUnitCounts(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	q := r.URL.Query()
	asOf, err := queryDate(q, "as_of")
	if err != nil {
		return err
	}
	if asOf.IsZero() {
		asOf = s.today()
	}
	depth, err := queryInt(q, "depth")
	if err != nil {
		return err
	}
	if depth == 0 {
		depth = math.MaxInt32 // the whole subtree
	}
	pc, err := s.Figures.PeopleCounts(r.Context(), id, int(depth), tuyengiao.Date{Time: asOf})
	if err != nil {
		return err
	}
	rows := make([]unitCountsRow, len(pc.Units))
	for i, line := range pc.Units {
		rows[i] = unitCountsRow{Unit: line.Unit, Own: counts(line.Own).byCategory(), Total: counts(line.Total).byCategory()}
	}
	writeJSON(w, http.StatusOK, map[string]any{"as_of": asOf.Format(time.DateOnly), "units": rows})
	return nil
}

func (s *Server) apiKinds(w http.ResponseWriter, r *http.Request) error {
	kinds, err := s.Units.FindUnitKinds(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(kinds, len(kinds)))
	return nil
}

func (s *Server) apiKindCreate(w http.ResponseWriter, r *http.Request) error {
	var k tuyengiao.UnitKind
	if err := decodeJSON(r, &k); err != nil {
		return err
	}
	if err := s.Units.CreateUnitKind(r.Context(), &k); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, &k)
	return nil
}
