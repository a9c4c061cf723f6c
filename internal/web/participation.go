package web

import (
	"bytes"
	"cmp"
	"net/http"
	"net/url"
	"slices"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// dashboard is a campaign's participation in a subtree, as the figure service counts it,
// sorted for showing. The page, the API and the XLSX export all show this one.
type dashboard struct {
	*tuyengiao.CampaignParticipation
	Campaign *tuyengiao.Campaign `json:"-"`
	Unit     *tuyengiao.Unit     `json:"-"`
	Sort     string              `json:"-"`
	Desc     bool                `json:"-"`
}

// campaignDashboard returns the dashboard of the request's campaign and unit (campaignAndUnit),
// its children sorted as its query asks and the late units in name order.
func (s *Server) campaignDashboard(r *http.Request) (*dashboard, error) {
	c, root, err := s.campaignAndUnit(r)
	if err != nil {
		return nil, err
	}
	p, err := s.Figures.Participation(r.Context(), c.ID, root.ID)
	if err != nil {
		return nil, err
	}
	d := &dashboard{CampaignParticipation: p, Campaign: c, Unit: root}
	slices.SortStableFunc(d.Late, func(a, b tuyengiao.ParticipationRow) int {
		return bytes.Compare(vn.SortKey(a.UnitName), vn.SortKey(b.UnitName))
	})
	d.sortBy(r.URL.Query())
	return d, nil
}

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
