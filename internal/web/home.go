package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// Limits of what the home page lists.
const (
	homeRecentDays  = 7  // conferences of the past days still without attendance
	homeDueSoonDays = 15 // the current period's reporting deadline coming within these days
	homeMaxItems    = 5  // campaigns, essays, conferences of a list
	homeMaxUnits    = 3  // units of a section, when the roles are held at many
)

// homeData is the home page: what the person has to do and see now, a section for each kind
// of role they hold. A member, and any account linked to a person, studies: Study. Who takes
// attendance at a grassroots organisation or cell: Attendance. A reviewer grades essays:
// Essays. Staff at a committee or commission steer the units below: Staff, and with those who
// enter a grassroots unit's figures, Reports.
type homeData struct {
	Study       *studyData // nil for an account neither a member nor linked to a person
	Attendance  []*homeAttendance
	Reviewer    bool
	Essays      []*essayGroup // the longest waiting, by campaign and unit
	EssaysShown int
	EssaysTotal int
	Staff       []*homeStaff
	Reports     []*homeReport
}

// essayGroup is essays of one campaign written at one unit, whose list of essays the
// reviewer opens: /campaigns/{CampaignID}/essays?unit={UnitID}.
type essayGroup struct {
	CampaignID, UnitID int64
	Title              string
	Essays             []*tuyengiao.Essay
}

// groupEssays groups essays by campaign and unit, in the order each group first appears.
func groupEssays(essays []*tuyengiao.Essay) []*essayGroup {
	var out []*essayGroup
	for _, e := range essays {
		i := slices.IndexFunc(out, func(g *essayGroup) bool { return g.CampaignID == e.CampaignID && g.UnitID == e.UnitID })
		if i < 0 {
			i = len(out)
			out = append(out, &essayGroup{CampaignID: e.CampaignID, UnitID: e.UnitID, Title: e.CampaignTitle})
		}
		out[i].Essays = append(out[i].Essays, e)
	}
	return out
}

// homeAttendance is a grassroots unit where the person takes attendance: its conferences of
// today and of the past days still without attendance, and its people not yet attended in
// the campaigns under way.
type homeAttendance struct {
	Unit        *tuyengiao.Unit
	Conferences []*homeConference
	Campaigns   []*homeNotAttended
}

// homeConference is a conference to take attendance for, with the people of the unit
// recorded so far.
type homeConference struct {
	*tuyengiao.Conference
	Today    bool
	Recorded int
}

// homeNotAttended is a campaign under way and how many of the unit's people on its roster
// have not attended it yet.
type homeNotAttended struct {
	Campaign *tuyengiao.Campaign
	Count    int
}

// homeStaff is a unit the person steers: its campaigns under way and, for the first such
// unit, the units below furthest behind their targets in Period.
type homeStaff struct {
	Unit           *tuyengiao.Unit
	Campaigns      []*tuyengiao.Campaign
	CampaignsTotal int
	Behind         []behindGroup
	Period         tuyengiao.Period
	// Figures tells that the figures were asked; Targeted that a unit below has a target.
	Figures, Targeted bool
}

// homeReport is a data set's forms of a period in a unit's subtree that are not in while
// their deadline comes (or has passed: Late).
type homeReport struct {
	DataSet  *tuyengiao.DataSet
	Unit     *tuyengiao.Unit
	Period   tuyengiao.Period
	Deadline tuyengiao.Date
	Late     bool
	Count    tuyengiao.CompletenessCount
	Link     string // the unit's own form when it reports the data set, else the rates below
}

// homeRoles returns the units of the person's grants by the sections they open: grassroots
// units where they take attendance, units they steer or follow (the other grants but a
// reviewer's; a system administrator: the tops of the tree), and the units whose reporting
// deadlines concern them (those where they steer, and grassroots units where they enter
// figures). A unit inside another of the same list is left out.
func (s *Server) homeRoles(r *http.Request) (attend, staff, report []*tuyengiao.Unit, err error) {
	p := tuyengiao.PrincipalFrom(r.Context())
	if p.IsSysadmin() {
		if staff, err = s.actionRoots(r, tuyengiao.ActionUnitView); err != nil {
			return nil, nil, nil, err
		}
		report = slices.Clone(staff)
	}
	for _, g := range p.Grants {
		if g.Role == tuyengiao.RoleSysadmin || g.Role == tuyengiao.RoleMember {
			continue
		}
		u, err := s.Units.FindUnitByID(r.Context(), g.UnitID)
		if err != nil {
			return nil, nil, nil, err
		}
		switch {
		case tuyengiao.GrassrootsKind(u.Kind) && g.Role.Permits(tuyengiao.ActionAttendanceEdit):
			attend = addUnit(attend, u)
			if g.Role.Permits(tuyengiao.ActionReportEnter) {
				report = addUnit(report, u)
			}
		case g.Role != tuyengiao.RoleReviewer: // a viewer of a grassroots unit follows it as staff do
			staff, report = addUnit(staff, u), addUnit(report, u)
		}
	}
	return attend, staff, report, nil
}

// addUnit adds u to units unless it lies in the subtree of one of them, and drops those
// that lie in its subtree.
func addUnit(units []*tuyengiao.Unit, u *tuyengiao.Unit) []*tuyengiao.Unit {
	for _, x := range units {
		if tuyengiao.InSubtree(u.Path, x.Path) {
			return units
		}
	}
	units = slices.DeleteFunc(units, func(x *tuyengiao.Unit) bool { return tuyengiao.InSubtree(x.Path, u.Path) })
	return append(units, u)
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	attend, staff, report, err := s.homeRoles(r)
	if err != nil {
		return err
	}
	p := tuyengiao.PrincipalFrom(r.Context())
	d := &homeData{}
	member := slices.ContainsFunc(p.Grants, func(g tuyengiao.Grant) bool { return g.Role == tuyengiao.RoleMember })
	if p.PersonID != 0 || member {
		if d.Study, err = s.study(r); err != nil {
			return err
		}
	}
	for _, u := range attend[:min(len(attend), homeMaxUnits)] {
		a, err := s.homeAttendance(r, u)
		if err != nil {
			return err
		}
		d.Attendance = append(d.Attendance, a)
	}
	if d.Reviewer = slices.ContainsFunc(p.Grants, func(g tuyengiao.Grant) bool { return g.Role == tuyengiao.RoleReviewer }); d.Reviewer {
		essays, total, err := s.Essays.WaitingEssays(r.Context(), homeMaxItems)
		if err != nil {
			return err
		}
		d.Essays, d.EssaysShown, d.EssaysTotal = groupEssays(essays), len(essays), total
	}
	for i, u := range staff[:min(len(staff), homeMaxUnits)] {
		st, err := s.homeStaff(r, u, i == 0)
		if err != nil {
			return err
		}
		d.Staff = append(d.Staff, st)
	}
	if d.Reports, err = s.homeReports(r, report[:min(len(report), homeMaxUnits)]); err != nil {
		return err
	}
	return s.render(w, r, "home", &page{Title: "Trang chủ", Nav: "home", Data: d})
}

// homeAttendance gathers a grassroots unit's conferences of today and of the past
// homeRecentDays without anyone of the unit recorded, and its people not yet attended in
// each campaign under way that counts people one by one.
func (s *Server) homeAttendance(r *http.Request, u *tuyengiao.Unit) (*homeAttendance, error) {
	ctx := r.Context()
	dayStart := time.Date(s.today().Year(), s.today().Month(), s.today().Day(), 0, 0, 0, 0, vn.Zone)
	dayEnd := dayStart.AddDate(0, 0, 1)
	confs, err := s.Campaigns.FindConferences(ctx, tuyengiao.ConferenceFilter{RootID: u.ID,
		From: dayStart.AddDate(0, 0, -homeRecentDays), To: dayEnd})
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(confs))
	for i, c := range confs {
		ids[i] = c.ID
	}
	recorded, err := s.Campaigns.AttendanceRecorded(ctx, u.ID, ids)
	if err != nil {
		return nil, err
	}
	a := &homeAttendance{Unit: u}
	for _, c := range slices.Backward(confs) {
		hc := &homeConference{Conference: c, Today: c.EndsAt.After(dayStart), Recorded: recorded[c.ID]}
		if hc.Today || hc.Recorded == 0 {
			a.Conferences = append(a.Conferences, hc)
		}
	}
	a.Conferences = a.Conferences[:min(len(a.Conferences), homeMaxItems)]
	camps, _, err := s.Campaigns.FindCampaigns(ctx, tuyengiao.CampaignFilter{RootID: u.ID,
		ActiveOn: tuyengiao.Date{Time: s.today()}, Limit: homeMaxItems})
	if err != nil {
		return nil, err
	}
	for _, c := range camps {
		if !slices.ContainsFunc(c.Audiences, func(a tuyengiao.CampaignAudience) bool { return !a.Headcount }) {
			continue
		}
		n, err := s.Campaigns.NotAttendedCount(ctx, c.ID, u.ID)
		if err != nil {
			return nil, err
		}
		if n > 0 {
			a.Campaigns = append(a.Campaigns, &homeNotAttended{Campaign: c, Count: n})
		}
	}
	return a, nil
}

// homeStaff gathers a unit's campaigns under way and, with figures set, the units below
// furthest behind their targets in the period the dashboard opens on: one question to the
// figure service, as the dashboard asks it.
func (s *Server) homeStaff(r *http.Request, u *tuyengiao.Unit, figures bool) (*homeStaff, error) {
	ctx := r.Context()
	st := &homeStaff{Unit: u}
	var err error
	if st.Campaigns, st.CampaignsTotal, err = s.Campaigns.FindCampaigns(ctx, tuyengiao.CampaignFilter{RootID: u.ID,
		ActiveOn: tuyengiao.Date{Time: s.today()}, Limit: homeMaxItems}); err != nil {
		return nil, err
	}
	if !figures {
		return st, nil
	}
	periods, err := s.readPeriods(url.Values{})
	if err != nil {
		return nil, err
	}
	catalogue, err := s.Figures.Indicators(ctx)
	if err != nil {
		return nil, err
	}
	st.Period = periods[0]
	t, err := s.Figures.Figures(ctx, tuyengiao.FigureQuery{Codes: defaultTable(catalogue), UnitID: u.ID,
		Periods: []tuyengiao.Period{st.Period}, Depth: 1, Targets: true})
	if err != nil {
		return nil, err
	}
	st.Figures, st.Behind = true, behind(t)
	for _, u := range children(t) {
		for i := range t.Indicators {
			if _, ok := t.Target(u, i, 0); ok {
				st.Targeted = true
			}
		}
	}
	return st, nil
}

// homeReports returns, for each unit and data set, the forms of the unit's subtree not in
// for the period that ended last (due or late) and for the current period when its deadline
// comes within homeDueSoonDays.
func (s *Server) homeReports(r *http.Request, units []*tuyengiao.Unit) ([]*homeReport, error) {
	if len(units) == 0 {
		return nil, nil
	}
	ctx := r.Context()
	sets, err := s.Reporting.DataSets(ctx)
	if err != nil {
		return nil, err
	}
	today := tuyengiao.Date{Time: s.today()}
	var out []*homeReport
	for _, u := range units {
		for _, ds := range sets {
			cur := tuyengiao.PeriodContaining(ds.PeriodKind, today)
			for _, p := range []tuyengiao.Period{cur.Previous(), cur} {
				deadline := ds.Deadline(p)
				if p == cur && deadline.After(today.AddDate(0, 0, homeDueSoonDays)) {
					continue
				}
				c, err := s.Reporting.Completeness(ctx, ds.ID, u.ID, p)
				if err != nil {
					return nil, err
				}
				if c.Total.Missing == 0 {
					continue
				}
				rep := &homeReport{DataSet: ds, Unit: u, Period: p, Deadline: deadline, Late: today.After(deadline.Time), Count: c.Total,
					Link: fmt.Sprintf("/reporting/data-sets/%d/completeness?unit=%d&period=%s", ds.ID, u.ID, p)}
				if ds.Reports(u.Kind) && c.Total.Expected == 1 {
					rep.Link = formURL(ds.ID, u.ID, p)
				}
				out = append(out, rep)
			}
		}
	}
	return out, nil
}
