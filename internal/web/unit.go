package web

import (
	"net/http"
	"strconv"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// treeDepth is how many levels below its root the tree page shows at once: a province's
// 5.000 units are not sent to a phone at once. A unit with units below it opens them on
// demand: its <details> fetches the children part of the page (tree.js), or without
// JavaScript links to the tree from that unit.
const treeDepth = 1

// unitsData is what the tree page shows.
type unitsData struct {
	Query   string
	Results []unitRow // search results, when Query is set
	Roots   []*treeNode
	Crumbs  []*tuyengiao.Unit
	Kinds   map[string]string
	Closed  bool
}

// unitRow is a unit with the names of its ancestors, for search results.
type unitRow struct {
	Unit  *tuyengiao.Unit
	Trail string
}

// treeNode is a unit of the tree page with its rolled-up people counts and its children.
type treeNode struct {
	Unit     *tuyengiao.Unit
	Counts   counts // its subtree's people
	Own      counts // its own people, not those of the units below; on the top node only
	Children []*treeNode
	More     bool // it has children below the levels shown
}

func (s *Server) unitsPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := unitFilter(q)
	if err != nil {
		return err
	}
	d := &unitsData{Query: f.Query, Closed: f.IncludeClosed}
	if d.Kinds, err = s.kindNames(r, lang(r)); err != nil {
		return err
	}
	if f.Query != "" {
		d.Results, err = s.searchUnits(r, f)
	} else {
		err = s.loadTree(r, d, f.RootID, f.IncludeClosed)
	}
	if err != nil {
		return err
	}
	p := &page{Title: "Đơn vị", Nav: "units", Data: d, Form: q}
	if q.Get("part") == "children" && f.RootID != 0 && f.Query == "" {
		return s.renderPart(w, r, "units", "children", p)
	}
	return s.render(w, r, "units", p)
}

// loadTree fills the tree page from rootID, or from the user's own units when it is 0.
func (s *Server) loadTree(r *http.Request, d *unitsData, rootID int64, closed bool) error {
	ctx := r.Context()
	var roots []*tuyengiao.Unit
	if rootID != 0 {
		u, err := s.Units.FindUnitByID(ctx, rootID)
		if err != nil {
			return err
		}
		roots = []*tuyengiao.Unit{u}
		if d.Crumbs, err = s.ancestors(r, u, map[int64]*tuyengiao.Unit{}); err != nil {
			return err
		}
	} else {
		var err error
		if roots, err = s.actionRoots(r, tuyengiao.ActionUnitView); err != nil {
			return err
		}
	}
	for _, root := range roots {
		n, err := s.subtree(r, root, closed)
		if err != nil {
			return err
		}
		d.Roots = append(d.Roots, n)
	}
	return nil
}

// actionRoots returns the units at the top of the user's scope for the action: the units of
// their grants, or the roots of the tree for a system administrator.
func (s *Server) actionRoots(r *http.Request, action tuyengiao.Action) ([]*tuyengiao.Unit, error) {
	var out []*tuyengiao.Unit
	for _, path := range tuyengiao.PrincipalFrom(r.Context()).Scope(action) {
		if path == "/" {
			all, _, err := s.Units.FindUnits(r.Context(), tuyengiao.UnitFilter{MaxDepth: 1})
			return all, err
		}
		u, err := s.Units.FindUnitByID(r.Context(), pathUnitID(path))
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

// pathUnitID returns the ID of the unit a materialised path ends with ("/1/5/23/" gives 23).
func pathUnitID(path string) int64 {
	p := strings.TrimSuffix(path, "/")
	id, _ := strconv.ParseInt(p[strings.LastIndex(p, "/")+1:], 10, 64)
	return id
}

// subtree returns root with its descendants down to treeDepth levels, each with the people
// of its subtree as the figure service counts them today; closed units are listed only when
// closed is set, and their people count in their parents' totals all the same.
func (s *Server) subtree(r *http.Request, root *tuyengiao.Unit, closed bool) (*treeNode, error) {
	pc, err := s.Figures.PeopleCounts(r.Context(), root.ID, treeDepth, tuyengiao.Date{Time: s.today()})
	if err != nil {
		return nil, err
	}
	top := &treeNode{Unit: root, Counts: pc.Units[0].Total, Own: pc.Units[0].Own}
	nodes := map[int64]*treeNode{root.ID: top}
	for _, line := range pc.Units[1:] {
		u := line.Unit
		parent := nodes[u.ParentID]
		if parent == nil || u.Closed() && !closed {
			continue
		}
		n := &treeNode{Unit: u, Counts: line.Total, More: line.Depth == treeDepth && line.HasChildren}
		nodes[u.ID] = n
		parent.Children = append(parent.Children, n)
	}
	return top, nil
}

// ancestors returns the units above u that the user may see, top first; cache spares
// repeated look-ups across search results. A unit the user may not see is passed over
// unasked (its path is known from u's), so no refusal is recorded for it.
func (s *Server) ancestors(r *http.Request, u *tuyengiao.Unit, cache map[int64]*tuyengiao.Unit) ([]*tuyengiao.Unit, error) {
	var out []*tuyengiao.Unit
	path := "/"
	for _, id := range tuyengiao.PathIDs(u.Path) {
		if id == u.ID {
			break
		}
		path += strconv.FormatInt(id, 10) + "/"
		if tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), tuyengiao.ActionUnitView, path) != nil {
			continue
		}
		a, ok := cache[id]
		if !ok {
			var err error
			if a, err = s.Units.FindUnitByID(r.Context(), id); err != nil {
				return nil, err
			}
			cache[id] = a
		}
		out = append(out, a)
	}
	return out, nil
}

func (s *Server) searchUnits(r *http.Request, f tuyengiao.UnitFilter) ([]unitRow, error) {
	units, _, err := s.Units.FindUnits(r.Context(), f)
	if err != nil {
		return nil, err
	}
	cache := map[int64]*tuyengiao.Unit{}
	rows := make([]unitRow, 0, len(units))
	for _, u := range units {
		anc, err := s.ancestors(r, u, cache)
		if err != nil {
			return nil, err
		}
		names := make([]string, len(anc))
		for i, a := range anc {
			names[i] = a.Name
		}
		rows = append(rows, unitRow{Unit: u, Trail: strings.Join(names, " › ")})
	}
	return rows, nil
}

// kindNames maps kind codes to their names in the language.
func (s *Server) kindNames(r *http.Request, lang string) (map[string]string, error) {
	kinds, err := s.Units.FindUnitKinds(r.Context())
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(kinds))
	for _, k := range kinds {
		m[k.Code] = k.Name
		if lang == "en" && k.NameEN != "" {
			m[k.Code] = k.NameEN
		}
	}
	return m, nil
}

// unitData is what the unit page and the unit forms show.
type unitData struct {
	Unit     *tuyengiao.Unit
	Parent   *tuyengiao.Unit
	Crumbs   []*tuyengiao.Unit
	Children []*treeNode
	Counts   counts // the unit's whole subtree
	Own      counts // the unit's own people: with its children's they make Counts
	Kinds    []*tuyengiao.UnitKind
	KindName map[string]string
}

func (s *Server) unitPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.unitData(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "unit", &page{Title: d.Unit.Name, Nav: "units", Data: d})
}

// unitData loads the unit of the path with its trail, children and counts.
func (s *Server) unitData(r *http.Request) (*unitData, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	u, err := s.Units.FindUnitByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	d := &unitData{Unit: u}
	if d.Crumbs, err = s.ancestors(r, u, map[int64]*tuyengiao.Unit{}); err != nil {
		return nil, err
	}
	node, err := s.subtree(r, u, true)
	if err != nil {
		return nil, err
	}
	d.Children, d.Counts, d.Own = node.Children, node.Counts, node.Own
	if d.Kinds, err = s.Units.FindUnitKinds(r.Context()); err != nil {
		return nil, err
	}
	d.KindName, err = s.kindNames(r, lang(r))
	return d, err
}

func (s *Server) unitNewPage(w http.ResponseWriter, r *http.Request) error {
	return s.unitForm(w, r, nil, http.StatusOK)
}

// unitForm shows the new-unit form under ?parent= (or the posted parent), with err if any.
func (s *Server) unitForm(w http.ResponseWriter, r *http.Request, err error, code int) error {
	form := shownForm(r)
	d := &unitData{}
	parentID, perr := queryInt(form, "parent")
	if perr != nil {
		return perr
	}
	parentPath := ""
	if parentID != 0 {
		if d.Parent, perr = s.Units.FindUnitByID(r.Context(), parentID); perr != nil {
			return perr
		}
		parentPath = d.Parent.Path
	}
	// Offer the form only to whom the service will let create the unit.
	if perr := tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), tuyengiao.ActionUnitEdit, parentPath); perr != nil {
		return perr
	}
	if d.Kinds, perr = s.Units.FindUnitKinds(r.Context()); perr != nil {
		return perr
	}
	p := &page{Title: "Thêm đơn vị", Nav: "units", Data: d, Form: form}
	return s.renderForm(w, r, "unit_new", p, err, code)
}

func (s *Server) unitCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	f := r.PostForm
	u := &tuyengiao.Unit{Code: strings.TrimSpace(f.Get("code")), Name: vn.NFC(f.Get("name")), Kind: f.Get("kind")}
	var err error
	if u.ParentID, err = queryInt(f, "parent"); err == nil {
		var order int64
		if order, err = queryInt(f, "sort_order"); err == nil {
			u.SortOrder = int(order)
			err = s.Units.CreateUnit(r.Context(), u)
		}
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.unitForm(w, r, err, code) })
	}
	http.Redirect(w, r, "/units/"+strconv.FormatInt(u.ID, 10)+"?ok=created", http.StatusSeeOther)
	return nil
}

// unitChange re-shows the unit page with the error of a change the user can correct.
func (s *Server) unitChange(w http.ResponseWriter, r *http.Request, err error, flash string) error {
	if err == nil {
		http.Redirect(w, r, "/units/"+r.PathValue("id")+"?ok="+flash, http.StatusSeeOther)
		return nil
	}
	return formError(err, func(err error, code int) error {
		d, derr := s.unitData(r)
		if derr != nil {
			return derr
		}
		p := &page{Title: d.Unit.Name, Nav: "units", Data: d, Form: r.PostForm}
		return s.renderForm(w, r, "unit", p, err, code)
	})
}

func (s *Server) unitUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	f := r.PostForm
	code, name, kind := strings.TrimSpace(f.Get("code")), vn.NFC(f.Get("name")), f.Get("kind")
	upd := tuyengiao.UnitUpdate{Code: &code, Name: &name, Kind: &kind}
	order, err := queryInt(f, "sort_order")
	if err == nil {
		o := int(order)
		upd.SortOrder = &o
		_, err = s.Units.UpdateUnit(r.Context(), id, upd)
	}
	return s.unitChange(w, r, err, "saved")
}

func (s *Server) unitMove(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	code := strings.TrimSpace(r.PostForm.Get("parent_code"))
	parent, err := s.Units.FindUnitByCode(r.Context(), code)
	if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
		err = tuyengiao.FieldError("parent_code", "Không có đơn vị mã %q.", code)
	}
	if err == nil {
		_, err = s.Units.MoveUnit(r.Context(), id, parent.ID)
	}
	return s.unitChange(w, r, err, "moved")
}

func (s *Server) unitClose(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	_, err = s.Units.CloseUnit(r.Context(), id, s.Now())
	return s.unitChange(w, r, err, "closed")
}

func (s *Server) unitReopen(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	_, err = s.Units.ReopenUnit(r.Context(), id)
	return s.unitChange(w, r, err, "reopened")
}

func (s *Server) kindsPage(w http.ResponseWriter, r *http.Request) error {
	return s.kindsForm(w, r, nil, http.StatusOK)
}

func (s *Server) kindsForm(w http.ResponseWriter, r *http.Request, err error, code int) error {
	kinds, kerr := s.Units.FindUnitKinds(r.Context())
	if kerr != nil {
		return kerr
	}
	p := &page{Title: "Loại đơn vị", Nav: "units", Data: kinds, Form: r.PostForm}
	return s.renderForm(w, r, "kinds", p, err, code)
}

func (s *Server) kindCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	f := r.PostForm
	k := &tuyengiao.UnitKind{Code: strings.TrimSpace(f.Get("code")), Name: f.Get("name"), NameEN: f.Get("name_en"), Group: f.Get("group")}
	if err := s.Units.CreateUnitKind(r.Context(), k); err != nil {
		return formError(err, func(err error, code int) error { return s.kindsForm(w, r, err, code) })
	}
	http.Redirect(w, r, "/kinds?ok=created", http.StatusSeeOther)
	return nil
}
