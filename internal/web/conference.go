package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/skip2/go-qrcode"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// conferenceData is what the conference page and its forms show.
type conferenceData struct {
	Conference *tuyengiao.Conference // nil on the new-conference form
	Campaign   *tuyengiao.Campaign
	Choices    []*tuyengiao.Unit // the units that may organise it, on the forms
	Def        url.Values
	CheckInURL string // for the editors of the organising unit
	Unit       *tuyengiao.Unit
	Levels     []bridgeLevel           // the bridge points totalled by the kind of their host
	Points     []tuyengiao.BridgePoint // the first maxBridgeRows, for the table
}

// maxBridgeRows is how many bridge points the conference page lists; a national conference has
// thousands, which the totals by level sum up.
const maxBridgeRows = 300

// bridgeLevel is the total of the bridge points hosted by units of one kind: the level of a
// conference followed at several levels (province, district, commune). Its BridgePoint holds
// the sums.
type bridgeLevel struct {
	tuyengiao.BridgePoint
	Line   string // "level" (of Kind), "other" (attendance at no bridge point) or "total"
	Kind   string
	Points int
}

// bridgeLevels totals the bridge points of c by the kind of their host, in the order each
// kind first comes, then the attendance of people under no bridge point's host when there
// is, and last the total: the conference's whole attendance.
func bridgeLevels(c *tuyengiao.Conference) []bridgeLevel {
	var out []bridgeLevel
	at := map[string]int{}
	sum := newBridgeLevel("total", "")
	for _, b := range c.BridgePoints {
		i, ok := at[b.UnitKind]
		if !ok {
			i, at[b.UnitKind] = len(out), len(out)
			out = append(out, newBridgeLevel("level", b.UnitKind))
		}
		for _, l := range []*bridgeLevel{&out[i], &sum} {
			l.Points++
			addCounts(l.Expected, b.Expected)
			addCounts(l.Counted, b.Counted)
			addCounts(l.Attended.Roster, b.Attended.Roster)
			addCounts(l.Attended.CheckIn, b.Attended.CheckIn)
		}
	}
	other := newBridgeLevel("other", "")
	for cat, n := range c.Attended.Roster {
		other.Attended.Roster[cat] = n - sum.Attended.Roster[cat]
	}
	for cat, n := range c.Attended.CheckIn {
		other.Attended.CheckIn[cat] = n - sum.Attended.CheckIn[cat]
	}
	if hasCounts(other.Attended.Roster) || hasCounts(other.Attended.CheckIn) {
		out = append(out, other)
		addCounts(sum.Attended.Roster, other.Attended.Roster)
		addCounts(sum.Attended.CheckIn, other.Attended.CheckIn)
	}
	return append(out, sum)
}

// newBridgeLevel returns an empty line.
func newBridgeLevel(line, kind string) bridgeLevel {
	m := func() map[tuyengiao.Category]int64 { return map[tuyengiao.Category]int64{} }
	return bridgeLevel{BridgePoint: tuyengiao.BridgePoint{Expected: m(), Counted: m(),
		Attended: tuyengiao.AttendanceCounts{Roster: m(), CheckIn: m()}}, Line: line, Kind: kind}
}

// addCounts adds the counts of from to to.
func addCounts(to, from map[tuyengiao.Category]int64) {
	for cat, n := range from {
		to[cat] += n
	}
}

// hasCounts reports whether any count of m is not zero.
func hasCounts(m map[tuyengiao.Category]int64) bool {
	for _, n := range m {
		if n != 0 {
			return true
		}
	}
	return false
}

// Action is where the conference form posts.
func (d *conferenceData) Action() string {
	if d.Conference == nil {
		return "/conferences"
	}
	return "/conferences/" + strconv.FormatInt(d.Conference.ID, 10)
}

func (s *Server) conferencePage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	conf, err := s.Campaigns.FindConferenceByID(r.Context(), id)
	if err != nil {
		return err
	}
	d := &conferenceData{Conference: conf}
	if d.Campaign, err = s.Campaigns.FindCampaignByID(r.Context(), conf.CampaignID); err != nil {
		return err
	}
	if code, err := s.Campaigns.ShownCheckInCode(r.Context(), id); err != nil {
		return err
	} else if code != "" {
		d.CheckInURL = checkInURL(r, id, code)
	}
	if d.Unit, err = s.Units.VisibleUnit(r.Context(), conf.UnitID); err != nil {
		return err
	}
	d.Levels, d.Points = bridgeLevels(conf), conf.BridgePoints[:min(len(conf.BridgePoints), maxBridgeRows)]
	kinds, err := s.kindNames(r, lang(r))
	if err != nil {
		return err
	}
	for i := range d.Levels {
		if d.Levels[i].Line == "level" {
			d.Levels[i].Kind = kinds[d.Levels[i].Kind]
		}
	}
	return s.render(w, r, "conference", &page{Title: conf.Title, Nav: "campaigns", Data: d})
}

// checkInURL is the address a member's phone opens from the QR code.
func checkInURL(r *http.Request, id int64, code string) string {
	scheme := "https"
	if !isHTTPS(r) {
		scheme = "http"
	}
	return scheme + "://" + r.Host + "/checkin/" + strconv.FormatInt(id, 10) + "?code=" + url.QueryEscape(code)
}

func (s *Server) conferenceQR(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	code, err := s.Campaigns.CheckInCode(r.Context(), id)
	if err != nil {
		return err
	}
	png, err := qrcode.Encode(checkInURL(r, id, code), qrcode.Medium, 512)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, no-cache")
	_, err = w.Write(png)
	return err
}

func (s *Server) conferenceNewPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.conferenceForm(w, r, id, nil, nil, http.StatusOK)
}

func (s *Server) conferenceEditPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	conf, err := s.Campaigns.FindConferenceByID(r.Context(), id)
	if err != nil {
		return err
	}
	return s.conferenceForm(w, r, conf.CampaignID, conf, nil, http.StatusOK)
}

// conferenceForm shows the form of conf, or of a new conference of the campaign, with err.
func (s *Server) conferenceForm(w http.ResponseWriter, r *http.Request, campaignID int64, conf *tuyengiao.Conference, err error, code int) error {
	d := &conferenceData{Conference: conf, Def: conferenceValues(conf)}
	var lerr error
	if d.Campaign, lerr = s.Campaigns.FindCampaignByID(r.Context(), campaignID); lerr != nil {
		return lerr
	}
	if conf != nil && len(conf.BridgePoints) <= maxBridgeRows {
		d.Def.Set("bridge_points", bridgeLines(conf.BridgePoints, d.Campaign.Audiences))
	}
	if d.Choices, lerr = s.actionRoots(r, tuyengiao.ActionCampaignEdit); lerr != nil {
		return lerr
	}
	if len(d.Choices) == 0 {
		return tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), tuyengiao.ActionCampaignEdit, "")
	}
	p := &page{Title: "Hội nghị, lớp học", Nav: "campaigns", Data: d}
	if r.Method == http.MethodPost {
		p.Form = r.PostForm
	}
	return s.renderForm(w, r, "conference_form", p, err, code)
}

// conferenceValues returns the fields of a conference as the form writes them.
func conferenceValues(c *tuyengiao.Conference) url.Values {
	v := url.Values{"form": {string(tuyengiao.FormBoth)}}
	if c == nil {
		return v
	}
	v.Set("unit_id", strconv.FormatInt(c.UnitID, 10))
	v.Set("title", c.Title)
	v.Set("form", string(c.Form))
	v.Set("materials", c.Materials)
	start, end := c.StartsAt.In(vn.Zone), c.EndsAt.In(vn.Zone)
	v.Set("day", vn.Date(start))
	v.Set("from", start.Format("15:04"))
	v.Set("to", end.Format("15:04"))
	var ids []string
	for _, p := range c.Presenters {
		ids = append(ids, strconv.FormatInt(p.PersonID, 10))
	}
	v.Set("presenters", strings.Join(ids, ", "))
	return v
}

// bridgeLines writes bridge points as the form's lines "unit code; place; expected of each
// audience".
func bridgeLines(points []tuyengiao.BridgePoint, auds []tuyengiao.CampaignAudience) string {
	var b strings.Builder
	for _, p := range points {
		b.WriteString(p.UnitCode + "; " + p.Place)
		for _, a := range auds {
			b.WriteString("; " + strconv.FormatInt(p.Expected[a.Category], 10))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// readConference reads the conference form; the bridge points are kept from c unless the
// form lists them, one per line as "unit code; place".
func (s *Server) readConference(r *http.Request, c *tuyengiao.Conference) error {
	f := r.PostForm
	var err error
	// The organiser of a conference does not change; only a new one reads it from the form.
	if c.ID == 0 {
		if c.UnitID, err = queryInt(f, "unit_id"); err != nil {
			return err
		}
	}
	c.Title, c.Materials = vn.NFC(strings.TrimSpace(f.Get("title"))), vn.NFC(strings.TrimSpace(f.Get("materials")))
	c.Form = tuyengiao.ConferenceForm(f.Get("form"))
	day, err := queryDate(f, "day")
	if err != nil {
		return err
	}
	if day.IsZero() {
		return tuyengiao.FieldError("day", "Chưa nhập ngày tổ chức.")
	}
	if c.StartsAt, err = clock(day, f.Get("from"), "from"); err != nil {
		return err
	}
	if c.EndsAt, err = clock(day, f.Get("to"), "to"); err != nil {
		return err
	}
	c.Presenters = nil
	for _, s := range strings.FieldsFunc(f.Get("presenters"), func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return tuyengiao.FieldError("presenters", "Mã hồ sơ báo cáo viên %q không hợp lệ.", s)
		}
		c.Presenters = append(c.Presenters, tuyengiao.Presenter{PersonID: id})
	}
	camp, err := s.Campaigns.FindCampaignByID(r.Context(), c.CampaignID)
	if err != nil {
		return err
	}
	return s.readBridgePoints(r, c, camp.Audiences, f.Get("bridge_points"))
}

// timeFields returns err on the form's fields of a conference's times, a day and two clock
// times: the start on the day (what is refused of it is mostly the day: outside the
// campaign, implausible), the end on its clock time.
func timeFields(err error) error {
	return renameField(renameField(err, "starts_at", "day"), "ends_at", "to")
}

// clock returns the time hh:mm of the day in Vietnam.
func clock(day time.Time, hhmm, field string) (time.Time, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(hhmm))
	if err != nil {
		return time.Time{}, tuyengiao.FieldError(field, "Giờ %q không hợp lệ (ví dụ 07:30).", hhmm)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), t.Hour(), t.Minute(), 0, 0, vn.Zone), nil
}

// readBridgePoints reads the bridge point lines "unit code; place; expected of each audience"
// into c, keeping the counted numbers of the points that stay; blank keeps c's points.
func (s *Server) readBridgePoints(r *http.Request, c *tuyengiao.Conference, auds []tuyengiao.CampaignAudience, text string) error {
	ls := lines(text)
	if len(ls) == 0 {
		return nil
	}
	rows := make([]tuyengiao.BridgePointRow, len(ls))
	for n, l := range ls {
		parts := strings.Split(l, ";")
		if len(parts) > 2+len(auds) {
			return tuyengiao.FieldError("bridge_points", "Dòng %v: nhiều hơn %d cột.", n+1, 2+len(auds))
		}
		rows[n] = tuyengiao.BridgePointRow{Row: n + 1, UnitCode: strings.TrimSpace(parts[0]), Expected: map[tuyengiao.Category]int64{}}
		if len(parts) > 1 {
			rows[n].Place = strings.TrimSpace(parts[1])
		}
		for a, p := range parts[min(2, len(parts)):] {
			if p = strings.TrimSpace(p); p == "" {
				continue
			}
			v, err := strconv.ParseInt(strings.ReplaceAll(p, ".", ""), 10, 64)
			if err != nil || v < 0 {
				return tuyengiao.FieldError("bridge_points", "Dòng %v: số dự kiến %q không hợp lệ.", n+1, p)
			}
			rows[n].Expected[auds[a].Category] = v
		}
	}
	bad, err := s.placeBridgePoints(r, c, rows)
	if err == nil && len(bad) > 0 {
		err = tuyengiao.FieldError("bridge_points", "%s", bad[0])
	}
	return err
}

// placeBridgePoints makes the bridge points of c those of rows, keeping the counted numbers
// of the points that stay. It returns the error of every bad row, in order: the reader's, a
// unit code that names no unit, a unit of a row before; with any, c is left as it was.
func (s *Server) placeBridgePoints(r *http.Request, c *tuyengiao.Conference, rows []tuyengiao.BridgePointRow) ([]*tuyengiao.Error, error) {
	var bad []*tuyengiao.Error
	rowError := func(n int, format string, args ...any) {
		bad = append(bad, &tuyengiao.Error{Code: tuyengiao.EINVALID, Row: n, Field: "Mã đơn vị",
			Key: "Dòng %v: %s", Args: []any{n, tuyengiao.Errorf(tuyengiao.EINVALID, format, args...)}})
	}
	old := map[int64]tuyengiao.BridgePoint{}
	for _, b := range c.BridgePoints {
		old[b.UnitID] = b
	}
	rowOf := map[int64]int{}
	points := make([]tuyengiao.BridgePoint, 0, len(rows))
	for _, row := range rows {
		if row.Err != nil {
			bad = append(bad, row.Err)
			continue
		}
		u, err := s.Units.FindUnitByCode(r.Context(), row.UnitCode)
		switch tuyengiao.ErrorCode(err) {
		case tuyengiao.ENOTFOUND:
			rowError(row.Row, "không tìm thấy đơn vị mã %q.", row.UnitCode)
			continue
		case tuyengiao.EFORBIDDEN:
			rowError(row.Row, "đơn vị mã %q nằm ngoài phạm vi tài khoản được xem.", row.UnitCode)
			continue
		}
		if err != nil {
			return nil, err
		}
		if n, seen := rowOf[u.ID]; seen {
			rowError(row.Row, "đơn vị %s đã có điểm cầu ở dòng %v.", u.Code, n)
			continue
		}
		rowOf[u.ID] = row.Row
		b := old[u.ID]
		b.UnitID, b.UnitCode, b.UnitName, b.Place, b.Expected = u.ID, u.Code, u.Name, row.Place, row.Expected
		points = append(points, b)
	}
	if len(bad) == 0 {
		c.BridgePoints = points
	}
	return bad, nil
}

func (s *Server) conferenceCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	campaignID, err := queryInt(r.PostForm, "campaign_id")
	if err != nil {
		return err
	}
	c := &tuyengiao.Conference{CampaignID: campaignID}
	err = s.readConference(r, c)
	if err == nil {
		err = s.Campaigns.CreateConference(r.Context(), c)
	}
	if err != nil {
		return formError(timeFields(err), func(err error, code int) error { return s.conferenceForm(w, r, campaignID, nil, err, code) })
	}
	http.Redirect(w, r, "/conferences/"+strconv.FormatInt(c.ID, 10)+"?ok=created", http.StatusSeeOther)
	return nil
}

func (s *Server) conferenceUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	c, err := s.Campaigns.FindConferenceByID(r.Context(), id)
	if err != nil {
		return err
	}
	old := *c
	err = s.readConference(r, c)
	if err == nil {
		err = s.Campaigns.UpdateConference(r.Context(), c)
	}
	if err != nil {
		return formError(timeFields(err), func(err error, code int) error { return s.conferenceForm(w, r, c.CampaignID, &old, err, code) })
	}
	http.Redirect(w, r, "/conferences/"+strconv.FormatInt(id, 10)+"?ok=saved", http.StatusSeeOther)
	return nil
}

func (s *Server) headcountSubmit(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	conf, err := queryInt(r.PostForm, "conference_id")
	if err != nil {
		return err
	}
	counted := map[tuyengiao.Category]int64{}
	for _, cat := range tuyengiao.Categories {
		field := "counted_" + string(cat)
		v := strings.ReplaceAll(strings.TrimSpace(r.PostForm.Get(field)), ".", "")
		if v == "" {
			continue
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return tuyengiao.FieldError(field, "Số người có mặt của đối tượng %s phải là một số không âm, ví dụ 1.200 (đã nhập %q).",
				cat.Name(), r.PostForm.Get(field))
		}
		counted[cat] = n
	}
	if err := s.Campaigns.RecordHeadcount(r.Context(), id, counted); err != nil {
		return err
	}
	http.Redirect(w, r, "/conferences/"+strconv.FormatInt(conf, 10)+"?ok=counted", http.StatusSeeOther)
	return nil
}

// rosterData is the roster of a conference for a unit, and the units it is taken in.
type rosterData struct {
	Conference *tuyengiao.Conference
	Unit       *tuyengiao.Unit
	*tuyengiao.Roster
	// Units are the units the selector offers, each with its counts: the unit the user
	// takes attendance at (rosterUnit), then those of the roster below it.
	Units   []tuyengiao.RosterUnit
	Present int
	// Common is the category most rows are of: the others show theirs.
	Common tuyengiao.Category
	// ManyUnits is set when the rows are of more than one unit: they then show theirs.
	ManyUnits bool
	// Kept names the people the last save marked absent whose record stayed (?kept=).
	Kept []string
	// StillAbsent names the people the last save marked present who stayed absent, as
	// someone marked them absent after the roster was opened (?still_absent=).
	StillAbsent []string
}

// OpenedText is the time the roster was read, as the form sends it back.
func (d *rosterData) OpenedText() string { return d.OpenedAt.Format(time.RFC3339Nano) }

func (s *Server) rosterPage(w http.ResponseWriter, r *http.Request) error {
	return s.rosterShow(w, r, nil, http.StatusOK)
}

// rosterShow shows the roster of the query's unit, by default the cell the user takes
// attendance for (rosterCell); with ?print=1, as the A4 sheet the people sign.
func (s *Server) rosterShow(w http.ResponseWriter, r *http.Request, err error, code int) error {
	id, perr := pathID(r, "id")
	if perr != nil {
		return perr
	}
	unitID, perr := queryInt(r.URL.Query(), "unit")
	if perr != nil {
		return perr
	}
	d := &rosterData{}
	if d.Conference, perr = s.Campaigns.FindConferenceByID(r.Context(), id); perr != nil {
		return perr
	}
	top, perr := s.rosterUnit(r, d.Conference)
	if perr != nil {
		top = nil
	}
	if unitID != 0 {
		if d.Unit, perr = s.Units.FindUnitByID(r.Context(), unitID); perr == nil && (top == nil || !tuyengiao.InSubtree(d.Unit.Path, top.Path)) {
			top, perr = s.rosterRoot(r, d.Unit)
		}
	}
	if perr != nil {
		return perr
	}
	if d.Units, perr = s.Campaigns.RosterUnits(r.Context(), id, top.ID); perr != nil {
		return perr
	}
	if d.Unit == nil {
		if d.Unit, perr = s.rosterCell(r, d.Units); perr != nil {
			return perr
		}
	}
	if d.Roster, perr = s.Campaigns.Roster(r.Context(), id, d.Unit.ID); perr != nil {
		return perr
	}
	kept, stillAbsent := queryIDSet(r, "kept"), queryIDSet(r, "still_absent")
	categories := map[tuyengiao.Category]int{}
	for _, e := range d.Entries {
		if e.Present {
			d.Present++
		}
		if categories[e.Category]++; categories[e.Category] > categories[d.Common] {
			d.Common = e.Category
		}
		d.ManyUnits = d.ManyUnits || e.UnitID != d.Entries[0].UnitID
		id := strconv.FormatInt(e.PersonID, 10)
		if kept[id] {
			d.Kept = append(d.Kept, e.FullName)
		}
		if stillAbsent[id] {
			d.StillAbsent = append(d.StillAbsent, e.FullName)
		}
	}
	if r.URL.Query().Get("print") == "1" {
		return s.render(w, r, "roster_print", &page{Title: "Danh sách ký tên", Nav: "campaigns", Data: d})
	}
	return s.renderForm(w, r, "roster", &page{Title: "Điểm danh", Nav: "campaigns", Data: d}, err, code)
}

// rosterCell chooses, of the roster's units (RosterUnits, never empty), the cell whose
// roster opens first: one the user takes attendance at, or else the first; a cell is a unit
// of the list with none of the others below it.
func (s *Server) rosterCell(r *http.Request, units []tuyengiao.RosterUnit) (*tuyengiao.Unit, error) {
	roots, err := s.actionRoots(r, tuyengiao.ActionAttendanceEdit)
	if err != nil {
		return nil, err
	}
	var first *tuyengiao.Unit
	for i, u := range units {
		if i+1 < len(units) && tuyengiao.InSubtree(units[i+1].Unit.Path, u.Unit.Path) {
			continue // tree order: a unit's subtree follows it
		}
		if first == nil {
			first = u.Unit
		}
		for _, root := range roots {
			if root.ID == u.Unit.ID {
				return u.Unit, nil
			}
		}
	}
	return first, nil
}

// queryIDSet returns the comma-separated ids of the query's field as a set.
func queryIDSet(r *http.Request, field string) map[string]bool {
	set := map[string]bool{}
	for _, id := range strings.Split(r.URL.Query().Get(field), ",") {
		set[id] = true
	}
	return set
}

// rosterUnit chooses the unit whose roster the API gives without naming one, and whose
// units the roster page offers: the user's own unit where they take attendance (a cell's
// secretary, their cell), or the conference's organising unit for whom it lies below.
func (s *Server) rosterUnit(r *http.Request, c *tuyengiao.Conference) (*tuyengiao.Unit, error) {
	org, err := s.Units.VisibleUnit(r.Context(), c.UnitID)
	if err != nil {
		return nil, err
	}
	roots, err := s.actionRoots(r, tuyengiao.ActionAttendanceEdit)
	if err != nil {
		return nil, err
	}
	for _, u := range roots {
		if org != nil && tuyengiao.InSubtree(org.Path, u.Path) {
			return org, nil
		}
	}
	if len(roots) > 0 {
		return roots[0], nil
	}
	return org, tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), tuyengiao.ActionAttendanceEdit, "")
}

// rosterRoot returns the unit whose roster units the selector offers when u is chosen: the
// unit where the user takes attendance that holds u, or else u itself (one who may read the
// roster of u but takes no attendance above it).
func (s *Server) rosterRoot(r *http.Request, u *tuyengiao.Unit) (*tuyengiao.Unit, error) {
	roots, err := s.actionRoots(r, tuyengiao.ActionAttendanceEdit)
	if err != nil {
		return nil, err
	}
	for _, root := range roots {
		if tuyengiao.InSubtree(u.Path, root.Path) {
			return root, nil
		}
	}
	return u, nil
}

func (s *Server) rosterSubmit(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	unitID, err := queryInt(r.URL.Query(), "unit")
	if err != nil {
		return err
	}
	ch, err := rosterFormChange(r.PostForm)
	var saved *tuyengiao.RosterSaved
	if err == nil {
		saved, err = s.Campaigns.MarkAttendance(r.Context(), id, unitID, ch)
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.rosterShow(w, r, err, code) })
	}
	to := "/conferences/" + strconv.FormatInt(id, 10) + "/roster?unit=" + strconv.FormatInt(unitID, 10) + "&ok=marked"
	if len(saved.Kept) > 0 {
		to += "&kept=" + joinIDs(saved.Kept)
	}
	if len(saved.StillAbsent) > 0 {
		to += "&still_absent=" + joinIDs(saved.StillAbsent)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// rosterFormChange reads the roster form as the rows the user changed: the boxes ticked
// ("present") against those the page showed ticked ("seen"), and when the page was read
// ("opened_at").
func rosterFormChange(f url.Values) (tuyengiao.RosterChange, error) {
	var ch tuyengiao.RosterChange
	ticked, err := formIDs(f, "present")
	if err != nil {
		return ch, err
	}
	seen, err := formIDs(f, "seen")
	if err != nil {
		return ch, err
	}
	if v := f.Get("opened_at"); v != "" {
		if ch.OpenedAt, err = time.Parse(time.RFC3339Nano, v); err != nil {
			return ch, tuyengiao.FieldError("opened_at", "Thời điểm mở danh sách %q không hợp lệ. Hãy tải lại trang.", v)
		}
	}
	for id := range ticked {
		if !seen[id] {
			ch.Present = append(ch.Present, id)
		}
	}
	for id := range seen {
		if !ticked[id] {
			ch.Absent = append(ch.Absent, id)
		}
	}
	return ch, nil
}

// formIDs reads the person ids of a form field that repeats.
func formIDs(f url.Values, field string) (map[int64]bool, error) {
	ids := map[int64]bool{}
	for _, v := range f[field] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return nil, tuyengiao.FieldError(field, "Mã người %q không hợp lệ.", v)
		}
		ids[n] = true
	}
	return ids, nil
}

// joinIDs writes ids as "1,2,3".
func joinIDs(ids []int64) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(out, ",")
}
