package web

import (
	"net/http"
	"slices"
	"strconv"

	"tuyengiao"
)

// contestRoutes lists the pages and API of the contests for their organisers. The storage
// keeps a contest public to read, so the pages that show one ask the unit service for its
// organising unit first: that read is what checks the caller's view of it (uv), and the
// editing pages check ActionContestEdit there as the storage will.
func contestRoutes() []route {
	return append([]route{
		{method: "GET", pattern: "/contests", login: true, action: uv, handle: h((*Server).contestsPage)},
		{method: "GET", pattern: "/contests/new", login: true, action: cx, handle: h((*Server).contestNewPage)},
		{method: "POST", pattern: "/contests", login: true, action: cx, handle: h((*Server).contestCreate)},
		{method: "GET", pattern: "/contests/{id}", login: true, action: uv, handle: h((*Server).contestPage)},
		{method: "GET", pattern: "/contests/{id}/edit", login: true, action: cx, handle: h((*Server).contestEditPage)},
		{method: "POST", pattern: "/contests/{id}", login: true, action: cx, handle: h((*Server).contestUpdate)},
		{method: "POST", pattern: "/contests/{id}/rounds/{round}/close", login: true, action: cx, handle: h((*Server).contestCloseRound)},
		{method: "GET", pattern: "/contests/{id}/rounds/{round}/results", login: true, action: uv, handle: h((*Server).contestResultsPage)},
		{method: "GET", pattern: "/contests/{id}/rounds/{round}/results.xlsx", login: true, action: uv, handle: h((*Server).contestResultsExport)},
		{method: "GET", pattern: "/contests/{id}/questions", login: true, action: cx, handle: h((*Server).contestBankPage)},
		{method: "POST", pattern: "/contests/{id}/categories", login: true, action: cx, handle: h((*Server).contestCategoryCreate)},
		{method: "GET", pattern: "/contests/{id}/questions/new", login: true, action: cx, handle: h((*Server).contestQuestionNewPage)},
		{method: "POST", pattern: "/contests/{id}/questions", login: true, action: cx, handle: h((*Server).contestQuestionCreate)},
		{method: "GET", pattern: "/contests/{id}/questions/{question}", login: true, action: cx, handle: h((*Server).contestQuestionEditPage)},
		{method: "POST", pattern: "/contests/{id}/questions/{question}", login: true, action: cx, handle: h((*Server).contestQuestionUpdate)},
		{method: "GET", pattern: "/contests/questions/template.xlsx", login: true, handle: h((*Server).contestQuestionTemplate)},
		{method: "POST", pattern: "/contests/{id}/questions/import", login: true, action: cx, upload: true, handle: h((*Server).contestImportUpload)},
		{method: "POST", pattern: "/contests/{id}/questions/import/{upload}/commit", login: true, action: cx, handle: h((*Server).contestImportCommit)},
		{method: "GET", pattern: "/contests/{id}/contestants", login: true, action: cx, handle: h((*Server).contestantsPage)},
		{method: "GET", pattern: "/contests/{id}/contestants.xlsx", login: true, action: cx, handle: h((*Server).contestantsExport)},
		{method: "POST", pattern: "/contests/{id}/contestants/{contestant}/pin", login: true, action: cx, handle: h((*Server).contestantResetPIN)},
		{method: "GET", pattern: "/contests/{id}/suspicious", login: true, action: cx, handle: h((*Server).contestSuspiciousPage)},
	}, contestAPIRoutes()...)
}

// contestsData is what the list of contests shows.
type contestsData struct {
	Contests []*tuyengiao.Contest
	Unit     *tuyengiao.Unit // the unit of ?unit=, when given
}

// contestsPage lists the contests organised in the subtree of ?unit=, or of each unit the
// caller sees.
func (s *Server) contestsPage(w http.ResponseWriter, r *http.Request) error {
	d := &contestsData{}
	var err error
	if d.Contests, d.Unit, err = s.findContests(r); err != nil {
		return err
	}
	return s.render(w, r, "contests", &page{Title: "Cuộc thi trực tuyến", Nav: "contests", Data: d})
}

// findContests returns the contests organised in the subtree of ?unit= (checked to be a
// unit the caller sees), or else in the subtrees of the units the caller sees, latest first.
func (s *Server) findContests(r *http.Request) ([]*tuyengiao.Contest, *tuyengiao.Unit, error) {
	unitID, err := queryInt(r.URL.Query(), "unit")
	if err != nil {
		return nil, nil, err
	}
	var roots []*tuyengiao.Unit
	var unit *tuyengiao.Unit
	if unitID != 0 {
		if unit, err = s.Units.FindUnitByID(r.Context(), unitID); err != nil {
			return nil, nil, err
		}
		roots = []*tuyengiao.Unit{unit}
	} else if roots, err = s.actionRoots(r, uv); err != nil {
		return nil, nil, err
	}
	var out []*tuyengiao.Contest
	for _, u := range roots {
		cs, err := s.Contests.FindContests(r.Context(), u.ID)
		if err != nil {
			return nil, nil, err
		}
		for _, c := range cs {
			if !slices.ContainsFunc(out, func(x *tuyengiao.Contest) bool { return x.ID == c.ID }) {
				out = append(out, c)
			}
		}
	}
	slices.SortFunc(out, func(a, b *tuyengiao.Contest) int { return int(b.ID - a.ID) })
	return out, unit, nil
}

// viewContest loads the contest of the path and its organising unit, for a caller who sees
// the unit; with action cx, for one who may run its contests.
func (s *Server) viewContest(r *http.Request, action tuyengiao.Action) (*tuyengiao.Contest, *tuyengiao.Unit, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, nil, err
	}
	c, err := s.Contests.FindContestByID(r.Context(), id)
	if err != nil {
		return nil, nil, err
	}
	u, err := s.Units.FindUnitByID(r.Context(), c.UnitID)
	if err != nil {
		return nil, nil, err
	}
	if action != uv {
		err = tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), action, u.Path)
	}
	return c, u, err
}

// viewRound is viewContest for a round of the contest, numbered as the path's {round} says.
func (s *Server) viewRound(r *http.Request, action tuyengiao.Action) (*tuyengiao.Contest, *tuyengiao.Unit, *tuyengiao.Round, error) {
	c, u, err := s.viewContest(r, action)
	if err != nil {
		return nil, nil, nil, err
	}
	rd, err := contestRound(r, c)
	return c, u, rd, err
}

// contestRound returns the round of c numbered as the path's {round} says.
func contestRound(r *http.Request, c *tuyengiao.Contest) (*tuyengiao.Round, error) {
	n, err := pathID(r, "round")
	if err != nil || n > int64(len(c.Rounds)) {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy vòng thi.")
	}
	return &c.Rounds[n-1], nil
}

// contestData is what a contest's page shows.
type contestData struct {
	Contest *tuyengiao.Contest
	Unit    *tuyengiao.Unit
	Frozen  bool
	Rounds  []roundState
	Stats   *tuyengiao.ContestStats // of every round, for the organising unit
	Error   string                  // why the last close was refused, in the page's language
}

// roundState is a round of a contest with what the organiser can do about it.
type roundState struct {
	tuyengiao.Round
	State    string // "upcoming", "open", "over" (closing it is due), "closed"
	CanClose bool
}

func (s *Server) contestPage(w http.ResponseWriter, r *http.Request) error {
	c, u, err := s.viewContest(r, uv)
	if err != nil {
		return err
	}
	return s.showContest(w, r, c, u, nil, http.StatusOK)
}

// showContest shows the contest's page, with err about closing a round when set.
func (s *Server) showContest(w http.ResponseWriter, r *http.Request, c *tuyengiao.Contest, u *tuyengiao.Unit, err error, code int) error {
	now := s.Now()
	d := &contestData{Contest: c, Unit: u, Frozen: c.Frozen(now)}
	for _, rd := range c.Rounds {
		st := roundState{Round: rd}
		switch {
		case !rd.ClosedAt.IsZero():
			st.State = "closed"
		case now.Before(rd.OpensAt):
			st.State = "upcoming"
		case now.Before(rd.ClosesAt):
			st.State = "open"
		default:
			st.State, st.CanClose = "over", true
		}
		d.Rounds = append(d.Rounds, st)
	}
	var serr error
	if d.Stats, serr = s.Contests.ContestStats(r.Context(), c.ID, 0, c.UnitID); serr != nil {
		return serr
	}
	p := &page{Title: c.Title, Nav: "contests", Data: d}
	if err != nil {
		d.Error = message(lang(r), err)
	}
	return s.renderCode(w, r, "contest_admin", p, code)
}

// contestCloseRound closes a round that is over: the storage refuses it while the entries
// accepted before its end may still be committing, and the page says until when.
func (s *Server) contestCloseRound(w http.ResponseWriter, r *http.Request) error {
	c, u, rd, err := s.viewRound(r, cx)
	if err != nil {
		return err
	}
	if err := s.Contests.CloseRound(r.Context(), rd.ID); err != nil {
		if code := tuyengiao.ErrorCode(err); code == tuyengiao.EINVALID || code == tuyengiao.ECONFLICT {
			return s.showContest(w, r, c, u, err, status(code))
		}
		return err
	}
	http.Redirect(w, r, contestURL(c.ID)+"/rounds/"+strconv.Itoa(rd.Number)+"/results?ok=closed_round", http.StatusSeeOther)
	return nil
}

func init() { flashes["closed_round"] = "Đã tổng hợp kết quả vòng thi." }

// contestURL is the address of a contest's page.
func contestURL(id int64) string { return "/contests/" + strconv.FormatInt(id, 10) }
