package web

import (
	"bytes"
	"cmp"
	"net/http"
	"net/url"
	"slices"

	"tuyengiao"
	"tuyengiao/internal/rollup"
	"tuyengiao/internal/vn"
)

// dashboard is a campaign's participation in a subtree: the line of the root unit, the lines
// of its children, and the units of the subtree that must organise the study and have not.
// The page, the API and the XLSX export all show this one computation.
type dashboard struct {
	Campaign *tuyengiao.Campaign          `json:"-"`
	Unit     *tuyengiao.Unit              `json:"-"`
	AsOf     tuyengiao.Date               `json:"as_of"`
	Total    tuyengiao.ParticipationRow   `json:"total"`
	Children []tuyengiao.ParticipationRow `json:"children"`
	Late     []tuyengiao.ParticipationRow `json:"late"` // UnitID, UnitCode and UnitName only
	// Idle counts the children left out of Children: nobody of the audiences, nothing to
	// organise and no conference in their subtree (residential groups, most often).
	Idle int                       `json:"idle"`
	Sort string                    `json:"-"`
	Desc bool                      `json:"-"`
	byID map[int64]*tuyengiao.Unit // the units of the subtree
}

// campaignDashboard returns the dashboard of the request's campaign and unit (campaignAndUnit),
// sorted as its query asks: the page, the export and the API all show this one.
func (s *Server) campaignDashboard(r *http.Request) (*dashboard, error) {
	c, root, err := s.campaignAndUnit(r)
	if err != nil {
		return nil, err
	}
	d, err := s.rollUpCampaign(r, c, root)
	if err != nil {
		return nil, err
	}
	d.sortBy(r.URL.Query())
	return d, nil
}

// rollUpCampaign loads root's subtree and the campaign's counts there, rolls them up with
// one bottom-up pass, and returns the lines of root and its children.
func (s *Server) rollUpCampaign(r *http.Request, c *tuyengiao.Campaign, root *tuyengiao.Unit) (*dashboard, error) {
	units, _, err := s.Units.FindUnits(r.Context(), tuyengiao.UnitFilter{RootID: root.ID})
	if err != nil {
		return nil, err
	}
	tree, err := rollup.Build(units)
	if err != nil {
		return nil, err
	}
	counts, err := s.Campaigns.CampaignCounts(r.Context(), c.ID, root.ID)
	if err != nil {
		return nil, err
	}
	p := rollup.CampaignParticipation(tree, c, counts)
	d := &dashboard{Campaign: c, Unit: root, AsOf: counts.AsOf, byID: make(map[int64]*tuyengiao.Unit, len(units)),
		Children: []tuyengiao.ParticipationRow{}, Late: []tuyengiao.ParticipationRow{}}
	for _, u := range units {
		d.byID[u.ID] = u
	}
	line := func(i int) tuyengiao.ParticipationRow {
		u := units[tree.Source(i)]
		row := tuyengiao.ParticipationRow{UnitID: u.ID, UnitCode: u.Code, UnitName: u.Name,
			HasChildren: tree.End(i) > i+1, Conferences: p.Conferences(i)}
		row.Required, row.Organised = p.Units(i)
		for a, aud := range c.Audiences {
			took, base := p.Took(i, a)
			row.Audiences = append(row.Audiences, tuyengiao.AudienceRate{Category: aud.Category, Took: took, Base: base, Target: aud.Target})
		}
		return row
	}
	i, ok := tree.Index(root.ID)
	if !ok {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy đơn vị.")
	}
	d.Total = line(i)
	for k := range tree.Children(i) {
		if row := line(k); row.Required > 0 || row.Conferences > 0 || slices.ContainsFunc(row.Audiences, hasBase) {
			d.Children = append(d.Children, row)
		} else {
			d.Idle++
		}
	}
	organised := make(map[int64]bool, len(counts.Organised))
	for _, id := range counts.Organised {
		organised[id] = true
	}
	for _, id := range counts.Required {
		if u := d.byID[id]; u != nil && !organised[id] {
			d.Late = append(d.Late, tuyengiao.ParticipationRow{UnitID: u.ID, UnitCode: u.Code, UnitName: u.Name})
		}
	}
	slices.SortFunc(d.Late, func(a, b tuyengiao.ParticipationRow) int {
		return bytes.Compare(vn.SortKey(a.UnitName), vn.SortKey(b.UnitName))
	})
	return d, nil
}

func hasBase(a tuyengiao.AudienceRate) bool { return a.Base > 0 }

// sortBy orders the children by the query's sort ("name", "organised" or an audience's
// category, by rate) and desc; the tree's order is kept otherwise and among equals.
func (d *dashboard) sortBy(q url.Values) {
	d.Sort, d.Desc = q.Get("sort"), q.Get("desc") == "1"
	key := func(r tuyengiao.ParticipationRow) float64 {
		if d.Sort == "organised" {
			return -float64(r.Required - r.Organised)
		}
		for _, a := range r.Audiences {
			if string(a.Category) == d.Sort {
				rate, ok := a.Rate()
				if !ok {
					return -1
				}
				return rate
			}
		}
		return 0
	}
	slices.SortStableFunc(d.Children, func(a, b tuyengiao.ParticipationRow) int {
		var c int
		if d.Sort == "name" {
			c = bytes.Compare(vn.SortKey(a.UnitName), vn.SortKey(b.UnitName))
		} else {
			c = cmp.Compare(key(a), key(b))
		}
		if d.Desc {
			return -c
		}
		return c
	})
}
