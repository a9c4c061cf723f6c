package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// campaignsData is what the campaign list shows.
type campaignsData struct {
	Filter    tuyengiao.CampaignFilter
	Campaigns []*tuyengiao.Campaign
	Total     int
	Unit      *tuyengiao.Unit // the unit of the filter, when set
}

func (s *Server) campaignsPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := campaignFilter(q)
	if err != nil {
		return err
	}
	d := &campaignsData{Filter: f}
	if d.Campaigns, d.Total, err = s.Campaigns.FindCampaigns(r.Context(), f); err != nil {
		return err
	}
	if f.RootID != 0 {
		if d.Unit, err = s.Units.FindUnitByID(r.Context(), f.RootID); err != nil {
			return err
		}
	}
	return s.render(w, r, "campaigns", &page{Title: "Học tập, quán triệt", Nav: "campaigns", Data: d, Form: q})
}

// campaignFilter reads a campaign list filter from a query: q, unit, organised (1: those
// organised in the unit's subtree only), active_on, from and to (the days the campaigns
// start on or between, as a figure's records link writes them), offset, limit.
func campaignFilter(v url.Values) (tuyengiao.CampaignFilter, error) {
	f := tuyengiao.CampaignFilter{Query: vn.NFC(strings.TrimSpace(v.Get("q"))), OrganisedIn: v.Get("organised") == "1"}
	var err error
	if f.RootID, err = queryInt(v, "unit"); err != nil {
		return f, err
	}
	if f.StartFrom, err = formDay(v, "from"); err != nil {
		return f, err
	}
	if f.StartTo, err = formDay(v, "to"); err != nil {
		return f, err
	}
	day, err := queryDate(v, "active_on")
	if err != nil {
		return f, err
	}
	f.ActiveOn = tuyengiao.Date{Time: day}
	f.Offset, f.Limit, err = pageParams(v)
	return f, err
}

// campaignData is what the campaign dashboard shows.
type campaignData struct {
	Campaign *tuyengiao.Campaign
	Dash     *dashboard
	Path     []*tuyengiao.Unit // from the top of the viewer's scope down to the unit shown
	// Organised are the conferences organised in the unit's subtree, those its figures count
	// (ParticipationRow.Conferences); Followed those organised above with a bridge point in it.
	Organised, Followed []*tuyengiao.Conference
	Organiser           *tuyengiao.Unit // nil when the viewer may not see it
}

// dashboardLine is a line of the dashboard's table: Kind "unit" for a unit below, "own" for
// the unit's own people and records, "total" for the unit's whole subtree.
type dashboardLine struct {
	Kind string
	Row  tuyengiao.ParticipationRow
}

// Lines returns the table's lines: the units below, the unit's own line when it has
// anything, and the total they add up to.
func (d *campaignData) Lines() []dashboardLine {
	var out []dashboardLine
	for _, r := range d.Dash.Children {
		out = append(out, dashboardLine{"unit", r})
	}
	if !d.Dash.Own.Idle() {
		out = append(out, dashboardLine{"own", d.Dash.Own})
	}
	return append(out, dashboardLine{"total", d.Dash.Total})
}

func (s *Server) campaignPage(w http.ResponseWriter, r *http.Request) error {
	dash, err := s.campaignDashboard(r)
	if err != nil {
		return err
	}
	c, root := dash.Campaign, dash.Unit
	d := &campaignData{Campaign: c, Dash: dash}
	confs, err := s.Campaigns.FindConferences(r.Context(), tuyengiao.ConferenceFilter{CampaignID: c.ID, RootID: root.ID})
	if err != nil {
		return err
	}
	for _, f := range confs {
		if f.OrganisedHere {
			d.Organised = append(d.Organised, f)
		} else {
			d.Followed = append(d.Followed, f)
		}
	}
	if d.Path, err = s.ancestors(r, root, map[int64]*tuyengiao.Unit{}); err != nil {
		return err
	}
	d.Path = append(d.Path, root)
	if d.Organiser, err = s.Units.VisibleUnit(r.Context(), c.UnitID); err != nil {
		return err
	}
	return s.render(w, r, "campaign", &page{Title: c.Title, Nav: "campaigns", Data: d})
}

// campaignAndUnit reads the campaign of the path, without its units (FindCampaignSummary),
// and the unit of ?unit=: by default the organising unit, or, for a viewer who may not see
// it, the top of their view scope.
func (s *Server) campaignAndUnit(r *http.Request) (*tuyengiao.Campaign, *tuyengiao.Unit, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, nil, err
	}
	c, err := s.Campaigns.FindCampaignSummary(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	unitID, err := queryInt(r.URL.Query(), "unit")
	if err != nil {
		return nil, nil, err
	}
	if unitID != 0 {
		u, err := s.Units.FindUnitByID(r.Context(), unitID)
		return c, u, err
	}
	if u, err := s.Units.VisibleUnit(r.Context(), c.UnitID); err != nil || u != nil {
		return c, u, err
	}
	roots, err := s.actionRoots(r, tuyengiao.ActionUnitView)
	if err != nil {
		return nil, nil, err
	}
	if len(roots) == 0 {
		return nil, nil, tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), tuyengiao.ActionUnitView, "")
	}
	return c, roots[0], nil
}

// SortURL returns the dashboard address sorted by key: the other direction when it is
// already sorted by key.
func (d *campaignData) SortURL(key string) string {
	v := url.Values{"unit": {strconv.FormatInt(d.Dash.Unit.ID, 10)}, "sort": {key}}
	if d.Dash.Sort == key && !d.Dash.Desc {
		v.Set("desc", "1")
	}
	return "/campaigns/" + strconv.FormatInt(d.Campaign.ID, 10) + "?" + v.Encode()
}

// Rate writes a rate for people: "97,4%", "–" without a base, or above 100% the warning
// tuyengiao.ExceededNote.
func (p *page) Rate(a tuyengiao.AudienceRate) string {
	if a.Exceeded() {
		return p.T(tuyengiao.ExceededNote)
	}
	return vn.Percent(a.Took, a.Base)
}

func (s *Server) campaignExport(w http.ResponseWriter, r *http.Request) error {
	d, err := s.campaignDashboard(r)
	if err != nil {
		return err
	}
	rows := []tuyengiao.ParticipationRow{d.Total}
	if !d.Own.Idle() {
		own := d.Own
		own.UnitName = "Trực tiếp tại " + own.UnitName
		rows = append(rows, own)
	}
	rows = append(rows, d.Children...)
	h := w.Header()
	h.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	h.Set("Content-Disposition", contentDisposition("ket-qua-hoc-tap-"+vn.Fold(d.Unit.Code)+".xlsx"))
	h.Set("Cache-Control", "private, no-cache")
	return s.ExportParticipation(w, d.Campaign, rows)
}

// notAttendedData is a page of the people who have not attended a campaign yet in a unit.
type notAttendedData struct {
	Campaign         *tuyengiao.Campaign
	Unit             *tuyengiao.Unit
	Category         tuyengiao.Category // the audience asked, "" for all
	People           []*tuyengiao.Person
	Total            int
	PrevURL, NextURL string // the pages before and after, when there are
}

// notAttendedCategory reads ?category=: empty, or a roster audience of campaign c.
func notAttendedCategory(r *http.Request, c *tuyengiao.Campaign) (tuyengiao.Category, error) {
	cat := tuyengiao.Category(r.URL.Query().Get("category"))
	if a, ok := c.Audience(cat); cat != "" && (!ok || a.Headcount) {
		return "", tuyengiao.FieldError("category", "Đối tượng %q không được điểm danh theo danh sách trong đợt học tập này.", cat)
	}
	return cat, nil
}

// notAttended reads the page of ?offset= and ?limit= of the people of the request's campaign
// and unit, and of ?category= when set, who have not attended yet: for the page and the API
// alike.
func (s *Server) notAttended(r *http.Request) (*notAttendedData, error) {
	c, u, err := s.campaignAndUnit(r)
	if err != nil {
		return nil, err
	}
	offset, limit, err := pageParams(r.URL.Query())
	if err != nil {
		return nil, err
	}
	d := &notAttendedData{Campaign: c, Unit: u}
	if d.Category, err = notAttendedCategory(r, c); err != nil {
		return nil, err
	}
	if d.People, d.Total, err = s.Campaigns.NotAttended(r.Context(), c.ID, u.ID, d.Category, offset, limit); err != nil {
		return nil, err
	}
	page := func(o int) string {
		return d.URL("") + fmt.Sprintf("&offset=%d&limit=%d", o, limit)
	}
	if offset > 0 {
		d.PrevURL = page(max(0, offset-limit))
	}
	if offset+limit < d.Total {
		d.NextURL = page(offset + limit)
	}
	return d, nil
}

// URL returns the address of the list, or with suffix ".xlsx" of its export, of the same
// unit and audience.
func (d *notAttendedData) URL(suffix string) string {
	v := url.Values{"unit": {strconv.FormatInt(d.Unit.ID, 10)}}
	if d.Category != "" {
		v.Set("category", string(d.Category))
	}
	return "/campaigns/" + strconv.FormatInt(d.Campaign.ID, 10) + "/not-attended" + suffix + "?" + v.Encode()
}

func (s *Server) notAttendedPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.notAttended(r)
	if err != nil {
		return err
	}
	return s.render(w, r, "not_attended", &page{Title: "Chưa tham gia học tập", Nav: "campaigns", Data: d, Form: r.URL.Query()})
}

// notAttendedExport writes every person of the list (all pages) as XLSX; each page read is
// audited as the list's are, and the export as the people list's is, naming the campaign.
func (s *Server) notAttendedExport(w http.ResponseWriter, r *http.Request) error {
	c, u, err := s.campaignAndUnit(r)
	if err != nil {
		return err
	}
	cat, err := notAttendedCategory(r, c)
	if err != nil {
		return err
	}
	people, err := allPages(func(offset, limit int) ([]*tuyengiao.Person, int, error) {
		return s.Campaigns.NotAttended(r.Context(), c.ID, u.ID, cat, offset, limit)
	})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := s.ExportPeople(&buf, people); err != nil {
		return err
	}
	if err := s.auditExport(r, "campaign:"+strconv.FormatInt(c.ID, 10), u.ID, len(people), cat, tuyengiao.StatusActive, false); err != nil {
		return err
	}
	sendXLSX(w, "chua-tham-gia-"+vn.Fold(u.Code)+".xlsx", &buf)
	return nil
}

// FormName names the form of a conference in the page's language.
func (p *page) FormName(f string) string { return p.T(tuyengiao.ConferenceForm(f).Name()) }
