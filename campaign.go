package tuyengiao

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Campaign is a study campaign (đợt học tập, quán triệt): the study of one or more documents,
// organised by a unit for audiences of people over a period, which the units listed in UnitIDs
// must each carry out by organising a conference or hosting a bridge point of one.
type Campaign struct {
	ID          int64              `json:"id"`
	UnitID      int64              `json:"unit_id"` // the organising unit; its editors change the campaign
	UnitName    string             `json:"unit_name,omitempty"`
	Title       string             `json:"title"`
	Description string             `json:"description,omitempty"`
	DocumentIDs []int64            `json:"document_ids"`
	Documents   []CampaignDocument `json:"documents,omitempty"` // filled by queries
	Audiences   []CampaignAudience `json:"audiences"`
	StartOn     Date               `json:"start_on"`
	EndOn       Date               `json:"end_on"`
	// UnitIDs are the units that must organise the study; each is done once it organised a
	// conference of the campaign or hosted a bridge point of one.
	UnitIDs []int64 `json:"unit_ids"`
	// EssayDue is the last day to hand in a reflection essay; zero when the campaign asks none.
	EssayDue      Date      `json:"essay_due,omitzero"`
	EssayCriteria []string  `json:"essay_criteria,omitempty"` // the rubric; DefaultEssayCriteria when empty
	EssayLevels   []string  `json:"essay_levels,omitempty"`   // best first; DefaultEssayLevels when empty
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// CampaignDocument names a document a campaign studies.
type CampaignDocument struct {
	ID     int64  `json:"id"`
	Symbol string `json:"symbol"`
	Title  string `json:"title"`
}

// CampaignAudience is one audience of a campaign, a category of people, with the
// participation rate the campaign aims at. A roster audience is counted person by person
// (roster and QR check-in) against the people of the category; a headcount audience (the
// people, the core masses) by the numbers counted at the bridge points against the numbers
// expected there.
type CampaignAudience struct {
	Category  Category `json:"category"`
	Headcount bool     `json:"headcount"`
	Target    float64  `json:"target"` // percent, 0 to 100
}

// DefaultEssayLevels are the grades of a reflection essay, best first.
var DefaultEssayLevels = []string{"Tốt", "Khá", "Đạt", "Chưa đạt"}

// DefaultEssayCriteria are the criteria of the default rubric.
var DefaultEssayCriteria = []string{
	"Nhận thức nội dung cốt lõi",
	"Liên hệ với thực tiễn cơ quan, đơn vị",
	"Trách nhiệm và giải pháp của bản thân",
}

// Levels returns the essay grades of the campaign, best first.
func (c *Campaign) Levels() []string {
	if len(c.EssayLevels) == 0 {
		return DefaultEssayLevels
	}
	return c.EssayLevels
}

// Criteria returns the criteria of the campaign's essay rubric.
func (c *Campaign) Criteria() []string {
	if len(c.EssayCriteria) == 0 {
		return DefaultEssayCriteria
	}
	return c.EssayCriteria
}

// Audience returns the campaign's audience of the category, and false when it has none.
func (c *Campaign) Audience(cat Category) (CampaignAudience, bool) {
	for _, a := range c.Audiences {
		if a.Category == cat {
			return a, true
		}
	}
	return CampaignAudience{}, false
}

// Validate checks what a user enters; the dates against their plausible ranges as of today
// (PlausibleDate).
func (c *Campaign) Validate(today Date) error {
	if strings.TrimSpace(c.Title) == "" {
		return FieldError("title", "Chưa nhập tên đợt học tập, quán triệt.")
	} else if utf8.RuneCountInString(c.Title) > 300 {
		return FieldError("title", "Tên đợt học tập dài quá 300 ký tự.")
	}
	if utf8.RuneCountInString(c.Description) > 20000 {
		return FieldError("description", "Nội dung dài quá 20.000 ký tự.")
	}
	if c.UnitID == 0 {
		return FieldError("unit_id", "Chưa chọn đơn vị tổ chức.")
	}
	if c.StartOn.IsZero() {
		return FieldError("start_on", "Chưa nhập ngày bắt đầu.")
	}
	if c.EndOn.IsZero() {
		return FieldError("end_on", "Chưa nhập ngày kết thúc.")
	}
	for _, f := range []struct {
		field string
		day   Date
	}{{"start_on", c.StartOn}, {"end_on", c.EndOn}, {"essay_due", c.EssayDue}} {
		if err := PlausibleDate(f.field, f.day, today); err != nil {
			return err
		}
	}
	if c.EndOn.Before(c.StartOn.Time) {
		return FieldError("end_on", "Ngày kết thúc phải từ ngày bắt đầu trở đi.")
	}
	if !c.EssayDue.IsZero() && c.EssayDue.Before(c.StartOn.Time) {
		return FieldError("essay_due", "Hạn nộp bài thu hoạch phải từ ngày bắt đầu trở đi.")
	}
	if len(c.Audiences) == 0 {
		return FieldError("audiences", "Chưa chọn đối tượng học tập.")
	}
	seen := map[Category]bool{}
	for _, a := range c.Audiences {
		if !a.Category.Valid() {
			return FieldError("audiences", "Đối tượng %q không có trong danh mục.", a.Category)
		}
		if seen[a.Category] {
			return FieldError("audiences", "Đối tượng %s được chọn hai lần.", a.Category.Name())
		}
		seen[a.Category] = true
		if a.Target < 0 || a.Target > 100 {
			return FieldError("audiences", "Chỉ tiêu của đối tượng %s phải từ 0 đến 100%%.", a.Category.Name())
		}
	}
	if err := validList("essay_criteria", "tiêu chí", c.EssayCriteria, 20); err != nil {
		return err
	}
	return validList("essay_levels", "mức xếp loại", c.EssayLevels, 10)
}

// validList checks a list of short names: none empty, none repeated, at most max.
func validList(field, what string, names []string, max int) error {
	if len(names) > max {
		return FieldError(field, "Có nhiều hơn %d %s.", max, what)
	}
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || utf8.RuneCountInString(n) > 200 {
			return FieldError(field, "Mỗi %s phải có tên, dài không quá 200 ký tự.", what)
		}
		if seen[n] {
			return FieldError(field, "%s %q bị lặp.", strings.ToUpper(what[:1])+what[1:], n)
		}
		seen[n] = true
	}
	return nil
}

// CampaignFilter selects campaigns.
type CampaignFilter struct {
	// RootID keeps the campaigns organised in this unit's subtree or by one of its
	// ancestors (those that reach it); 0 means the caller's whole view scope.
	RootID int64
	// OrganisedIn keeps, of those, the campaigns organised in RootID's subtree only: those
	// its figure of campaigns (study.campaigns) counts.
	OrganisedIn bool
	Query       string // title or a document symbol, ignoring case and diacritics
	ActiveOn    Date   // only campaigns whose period holds this day, when set
	// StartFrom and StartTo keep the campaigns that start on those days or between, when set.
	StartFrom, StartTo Date
	DocumentIDs        []int64 // only campaigns studying one of these documents, when set
	Offset, Limit      int
}

// ConferenceForm is how a conference is held.
type ConferenceForm string

// The forms of a conference.
const (
	FormInPerson ConferenceForm = "in_person" // trực tiếp
	FormOnline   ConferenceForm = "online"    // trực tuyến
	FormBoth     ConferenceForm = "both"      // trực tiếp kết hợp trực tuyến
)

// Valid reports whether f is a known form.
func (f ConferenceForm) Valid() bool {
	return f == FormInPerson || f == FormOnline || f == FormBoth
}

// Name returns the Vietnamese name of the form.
func (f ConferenceForm) Name() string {
	switch f {
	case FormInPerson:
		return "Trực tiếp"
	case FormOnline:
		return "Trực tuyến"
	case FormBoth:
		return "Trực tiếp kết hợp trực tuyến"
	}
	return string(f)
}

// Conference is a conference or class (hội nghị, lớp học tập) of a campaign, held by a unit
// at one time, in person, online or both, at one or more bridge points (điểm cầu).
type Conference struct {
	ID           int64          `json:"id"`
	CampaignID   int64          `json:"campaign_id"`
	UnitID       int64          `json:"unit_id"` // the organising unit
	UnitName     string         `json:"unit_name,omitempty"`
	Title        string         `json:"title"`
	StartsAt     time.Time      `json:"starts_at"`
	EndsAt       time.Time      `json:"ends_at"`
	Form         ConferenceForm `json:"form"`
	Materials    string         `json:"materials,omitempty"` // tài liệu: titles and links, one per line
	Presenters   []Presenter    `json:"presenters"`          // báo cáo viên, people of the registry
	BridgePoints []BridgePoint  `json:"bridge_points"`
	// Attended is the attendance of the roster audiences, in all (whether or not a bridge
	// point's host holds the person's unit); filled only by FindConferenceByID.
	Attended AttendanceCounts `json:"attended,omitzero"`
	// OrganisedHere is set by FindConferences with ConferenceFilter.RootID for the
	// conferences organised in that subtree, not only followed there at a bridge point.
	OrganisedHere bool `json:"organised_here,omitempty"`
	// AttendedAt is when the person of ConferenceFilter.PersonID was recorded as attending,
	// by roster or check-in; filled only by FindConferences with PersonID.
	AttendedAt time.Time `json:"attended_at,omitzero"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Presenter is a person who presents at a conference.
type Presenter struct {
	PersonID int64  `json:"person_id"`
	FullName string `json:"full_name,omitempty"` // filled by queries
}

// BridgePoint is a place where a conference is followed (điểm cầu): a host unit, the place,
// and by audience the number of people expected and the number counted there. The counted
// numbers are the headcount of the headcount audiences; roster audiences are counted person
// by person in the attendance.
type BridgePoint struct {
	ID       int64              `json:"id"`
	UnitID   int64              `json:"unit_id"`
	UnitName string             `json:"unit_name,omitempty"` // read only, filled by queries
	UnitCode string             `json:"unit_code,omitempty"` // read only
	UnitKind string             `json:"unit_kind,omitempty"` // read only: the level of the point
	Place    string             `json:"place,omitempty"`
	Expected map[Category]int64 `json:"expected"`
	Counted  map[Category]int64 `json:"counted"`
	// Attended is the attendance of the people of the host's subtree, but of those whose
	// unit a deeper bridge point of the conference holds; filled only by FindConferenceByID.
	Attended AttendanceCounts `json:"attended,omitzero"`
}

// Present returns how many of audience a were at the bridge point: the headcount of a
// headcount audience, the people ticked on the roster or checked in of a roster audience.
func (b BridgePoint) Present(a CampaignAudience) int64 {
	if a.Headcount {
		return b.Counted[a.Category]
	}
	return b.Attended.Roster[a.Category] + b.Attended.CheckIn[a.Category]
}

// AttendanceCounts are the attendance records of the roster audiences of a conference, by
// category and by how they were recorded: ticked on the roster, or checked in with the QR
// code. Each record is one person at this conference.
type AttendanceCounts struct {
	Roster  map[Category]int64 `json:"roster"`
	CheckIn map[Category]int64 `json:"checkin"`
}

// Add counts n records of category cat recorded by method.
func (a *AttendanceCounts) Add(cat Category, method AttendanceMethod, n int64) {
	if a.Roster == nil {
		a.Roster, a.CheckIn = map[Category]int64{}, map[Category]int64{}
	}
	if method == MethodCheckIn {
		a.CheckIn[cat] += n
	} else {
		a.Roster[cat] += n
	}
}

// BridgePointRow is a row of a spreadsheet of bridge points: the host unit's code, the place
// and the number expected of each audience, the cells left blank left out.
type BridgePointRow struct {
	Row      int
	UnitCode string
	Place    string
	Expected map[Category]int64
	Err      *Error // set by the reader when a cell could not be read
}

// CheckInLead is how long before a conference starts its members may check in.
const CheckInLead = 30 * time.Minute

// CheckInOpen reports whether a member may check in to c at t: from CheckInLead before it
// starts until it ends.
func (c *Conference) CheckInOpen(t time.Time) bool {
	return !t.Before(c.StartsAt.Add(-CheckInLead)) && !t.After(c.EndsAt)
}

// Validate checks what a user enters; the times against their plausible ranges as of today
// (PlausibleDate). That they lie within the campaign's period is for the service, which
// reads the campaign.
func (c *Conference) Validate(today Date) error {
	if strings.TrimSpace(c.Title) == "" {
		return FieldError("title", "Chưa nhập tên hội nghị, lớp học.")
	} else if utf8.RuneCountInString(c.Title) > 300 {
		return FieldError("title", "Tên hội nghị dài quá 300 ký tự.")
	}
	if c.CampaignID == 0 {
		return FieldError("campaign_id", "Chưa chọn đợt học tập.")
	}
	if c.UnitID == 0 {
		return FieldError("unit_id", "Chưa chọn đơn vị tổ chức.")
	}
	if c.StartsAt.IsZero() {
		return FieldError("starts_at", "Chưa nhập thời gian bắt đầu.")
	}
	if err := PlausibleDate("starts_at", DateOf(c.StartsAt), today); err != nil {
		return err
	}
	if err := PlausibleDate("ends_at", DateOf(c.EndsAt), today); err != nil {
		return err
	}
	if !c.EndsAt.After(c.StartsAt) {
		return FieldError("ends_at", "Thời gian kết thúc phải sau thời gian bắt đầu.")
	} else if c.EndsAt.Sub(c.StartsAt) > 7*24*time.Hour {
		return FieldError("ends_at", "Một hội nghị, lớp học kéo dài không quá 7 ngày.")
	}
	if !c.Form.Valid() {
		return FieldError("form", "Chưa chọn hình thức (trực tiếp, trực tuyến, kết hợp).")
	}
	if utf8.RuneCountInString(c.Materials) > 5000 {
		return FieldError("materials", "Tài liệu dài quá 5.000 ký tự.")
	}
	if len(c.BridgePoints) > 20000 {
		return FieldError("bridge_points", "Một hội nghị có không quá 20.000 điểm cầu.")
	}
	hosts := map[int64]bool{}
	for i, b := range c.BridgePoints {
		if b.UnitID == 0 {
			return FieldError("bridge_points", "Điểm cầu chưa chọn đơn vị.")
		}
		if hosts[b.UnitID] {
			return FieldError("bridge_points", "Một đơn vị có hai điểm cầu của cùng hội nghị.")
		}
		hosts[b.UnitID] = true
		if utf8.RuneCountInString(b.Place) > 300 {
			return FieldError("bridge_points", "Địa điểm dài quá 300 ký tự.")
		}
		if err := validCounts(b.Expected); err != nil {
			return err
		}
		if err := validCounts(b.Counted); err != nil {
			return err
		}
		if err := b.CheckCounted("bridge_points", i+1, b.Counted); err != nil {
			return err
		}
	}
	return nil
}

// MaxHeadcountRatio bounds the people a bridge point counts of an audience by the number
// expected there: more than five times as many is a typing error (a zero too many), not a
// crowd.
const MaxHeadcountRatio = 5

// MaxUnexpectedHeadcount bounds the people a bridge point counts of an audience when none
// were expected. A bridge point is one hall; the largest halls where provinces hold their
// conferences seat from 1.000 to 3.700 (the National Convention Center's main hall), so
// 5.000 at one point is more than any of them holds.
const MaxUnexpectedHeadcount = 5000

// HeadcountBound returns the most people a bridge point may count of an audience of which
// it expected expected.
func HeadcountBound(expected int64) int64 {
	if expected == 0 {
		return MaxUnexpectedHeadcount
	}
	return MaxHeadcountRatio * expected
}

// CheckCounted refuses on field the numbers counted at b, by audience, beyond
// HeadcountBound of those it expected, naming the bridge point (its host unit, place, or
// else its 1-based line in the list given, 0 for none) and the audience.
func (b *BridgePoint) CheckCounted(field string, line int, counted map[Category]int64) error {
	for _, cat := range Categories {
		n, bound := counted[cat], HeadcountBound(b.Expected[cat])
		if n <= bound {
			continue
		}
		if b.Expected[cat] == 0 {
			return FieldError(field, "Điểm cầu %s, đối tượng %s: có mặt %d người, quá %d người mà một điểm cầu không nêu số dự kiến có thể có. Hãy kiểm tra lại, hoặc nhập số dự kiến trước.",
				b.name(line), cat.Name(), n, bound)
		}
		return FieldError(field, "Điểm cầu %s, đối tượng %s: có mặt %d người, quá %d lần số dự kiến (%d người). Hãy kiểm tra lại.",
			b.name(line), cat.Name(), n, MaxHeadcountRatio, b.Expected[cat])
	}
	return nil
}

// name names the bridge point in a message: its host unit and place, or its line when
// neither is known (a point not stored yet), as a message of its own, to be translated.
func (b *BridgePoint) name(line int) any {
	switch {
	case b.UnitName != "" && b.Place != "":
		return b.UnitName + " (" + b.Place + ")"
	case b.UnitName != "" || b.Place != "":
		return b.UnitName + b.Place
	case line == 0:
		return ""
	}
	return Errorf(EINVALID, "dòng %v", line)
}

func validCounts(m map[Category]int64) error {
	for cat, n := range m {
		if !cat.Valid() {
			return FieldError("bridge_points", "Đối tượng %q không có trong danh mục.", cat)
		}
		if n < 0 || n > 10_000_000 {
			return FieldError("bridge_points", "Số người của đối tượng %s không hợp lệ.", cat.Name())
		}
	}
	return nil
}

// AttendanceMethod is how an attendance was recorded.
type AttendanceMethod string

// The ways a person's attendance is recorded.
const (
	MethodRoster  AttendanceMethod = "roster"  // ticked on the roster by the cell's secretary
	MethodCheckIn AttendanceMethod = "checkin" // checked in by the person with the conference's QR code
)

// RosterEntry is a person on the roster of a conference for a unit: someone of the
// campaign's roster audiences, and whether they attended.
type RosterEntry struct {
	PersonID   int64            `json:"person_id"`
	FullName   string           `json:"full_name"`
	UnitID     int64            `json:"unit_id"`
	UnitName   string           `json:"unit_name"`
	Category   Category         `json:"category"`
	HasPhone   bool             `json:"has_phone"`
	Present    bool             `json:"present"`
	Method     AttendanceMethod `json:"method,omitempty"`
	RecordedAt time.Time        `json:"recorded_at,omitzero"`
}

// Roster is the roster of a conference for a unit as it was read.
type Roster struct {
	// OpenedAt is when it was read: a change made on it sends it back (RosterChange), so
	// that what others recorded since is not undone.
	OpenedAt time.Time     `json:"opened_at"`
	Entries  []RosterEntry `json:"items"`
}

// RosterChange is a save of a conference's roster: only the rows the user changed, each
// naming a person of the roster; the rows not named stay as they are.
type RosterChange struct {
	// OpenedAt is when the roster the user changed was read (Roster.OpenedAt). A person
	// marked absent whose record was made after it keeps it, and a person marked present
	// whose record was removed after it stays absent: the user never saw either. It is
	// required to mark anyone absent; without it, the people marked present are marked.
	OpenedAt time.Time `json:"opened_at"`
	Present  []int64   `json:"present"` // the people marked present
	Absent   []int64   `json:"absent"`  // the people marked absent
}

// RosterSaved says what a RosterChange did.
type RosterSaved struct {
	Added, Removed int
	// Kept are the people marked absent whose record stays, in id order: they checked in
	// with the QR code themselves, or were recorded after the roster was opened.
	Kept []int64
	// StillAbsent are the people marked present who stay absent, in id order: someone
	// marked them absent after the roster was opened, and the user saw not that but the
	// roster before. Marked present again on a roster read since, they are.
	StillAbsent []int64
}

// RosterUnit is a unit of a conference's roster: how many people of its subtree are on the
// roster, and how many of them are present.
type RosterUnit struct {
	Unit           *Unit
	Total, Present int
}

// CampaignCounts are the figures of a campaign in a subtree, each counted at its own unit
// (not rolled up), from which the participation rates are rolled up the tree.
type CampaignCounts struct {
	// AsOf is the day the people are counted on: the campaign's last day, or today while it
	// runs.
	AsOf Date `json:"as_of"`
	// Attended are the people of People (on the register on AsOf) who attended a
	// conference of the campaign, at the unit and in the category the register gives them.
	// A person counts once however many sessions they attended; one who attended and then
	// left counts in Attendances only.
	Attended []UnitCount `json:"attended"`
	// Attendances are the attendance records (lượt) of each category, at the unit and in
	// the category of the person when recorded: one at three sessions counts three.
	Attendances []UnitCount `json:"attendances"`
	// People are the people of each category active on AsOf.
	People []UnitCount `json:"people"`
	// Expected and Counted are the bridge point figures by host unit.
	Expected []UnitCount `json:"expected"`
	Counted  []UnitCount `json:"counted"`
	// Required are the units of the subtree that must organise the study; Organised those of
	// them that have.
	Required  []int64 `json:"required"`
	Organised []int64 `json:"organised"`
	// Conferences counts the conferences by organising unit, Category empty.
	Conferences []UnitCount `json:"conferences"`
}

// ConferenceFilter selects conferences.
type ConferenceFilter struct {
	CampaignID int64
	// RootID keeps those organised in this unit's subtree, or with a bridge point in it or
	// at one of its ancestors (where its people follow a conference organised above); 0: all.
	RootID   int64
	PersonID int64 // those with a bridge point at the person's unit or one of its ancestors
	From, To time.Time
	Limit    int
}

// CampaignService keeps study campaigns, their conferences and the attendance. Campaigns
// and conferences are the organisation's work: every account that may view a unit reads
// those reaching it; ActionCampaignEdit at the organising unit changes them. The attendance
// is personal data: ActionAttendanceEdit at a person's unit records it, and reading who
// attended needs ActionPersonView. Figures are counts: ActionUnitView suffices. Every change
// is audited.
type CampaignService interface {
	FindCampaignByID(ctx context.Context, id int64) (*Campaign, error)
	// FindCampaignSummary returns the campaign as FindCampaignByID does but for its UnitIDs,
	// which it leaves empty: what its dashboard and lists of people need, as a national
	// campaign names 52.000 units that must organise it.
	FindCampaignSummary(ctx context.Context, id int64) (*Campaign, error)
	// FindCampaigns returns the matching campaigns, latest start first, and the total.
	FindCampaigns(ctx context.Context, f CampaignFilter) ([]*Campaign, int, error)
	// CreateCampaign stores c; its documents must exist and its units lie in the
	// organising unit's subtree.
	CreateCampaign(ctx context.Context, c *Campaign) error
	// UpdateCampaign replaces the editable fields of campaign c.ID with those of c.
	UpdateCampaign(ctx context.Context, c *Campaign) error

	FindConferenceByID(ctx context.Context, id int64) (*Conference, error)
	// CheckInConference returns what the check-in page of a conference shows: its title,
	// times, form and organising unit, without its parts and counts, for a caller its campaign
	// reaches. A check-in reads it, thousands a minute, so it costs no more than the check-in.
	CheckInConference(ctx context.Context, id int64) (*Conference, error)
	// FindConferences returns the matching conferences, soonest first.
	FindConferences(ctx context.Context, f ConferenceFilter) ([]*Conference, error)
	// CreateConference stores c with its presenters and bridge points; the organising unit
	// and the hosts of the bridge points must lie in the campaign organiser's subtree.
	CreateConference(ctx context.Context, c *Conference) error
	// UpdateConference replaces the editable fields, presenters and bridge points of c.ID.
	UpdateConference(ctx context.Context, c *Conference) error
	// RecordHeadcount sets the numbers counted at a bridge point, by category; the editors
	// of the host unit record them.
	RecordHeadcount(ctx context.Context, bridgePointID int64, counted map[Category]int64) error

	// Roster returns the people of unitID's subtree in the campaign's roster audiences, in
	// name order, with their attendance at the conference, and when it was read.
	Roster(ctx context.Context, conferenceID, unitID int64) (*Roster, error)
	// RosterUnits returns unitID's unit, then the units of its subtree that people of the
	// conference's roster belong to, in tree order, each with the counts of its own subtree:
	// the parts a roster too long for one page is taken in. Counts only: ActionPersonView at
	// unitID.
	RosterUnits(ctx context.Context, conferenceID, unitID int64) ([]RosterUnit, error)
	// MarkAttendance saves the rows of the roster of unitID's subtree that the user changed,
	// all or none: a person marked present is recorded (method roster) unless already
	// recorded, or their roster record was removed at or after ch.OpenedAt (they stay
	// absent, named in RosterSaved.StillAbsent); a person marked absent loses their roster
	// record unless it was made after ch.OpenedAt; check-ins stay. The records of the people not named are never touched. A
	// person named who is not on that roster, or named twice, refuses the whole change.
	MarkAttendance(ctx context.Context, conferenceID, unitID int64, ch RosterChange) (*RosterSaved, error)
	// CheckInCode returns the signed code of a conference's QR check-in: for the editors of its
	// organising unit, and for those who take attendance at a host of one of its bridge
	// points, who show the code there.
	CheckInCode(ctx context.Context, conferenceID int64) (string, error)
	// ShownCheckInCode is CheckInCode for a page that shows the code to whom may have it:
	// it returns "" to the others, and records no refusal.
	ShownCheckInCode(ctx context.Context, conferenceID int64) (string, error)
	// CheckIn records the calling member's own attendance with the conference's code,
	// within the check-in window; a second check-in is an ECONFLICT. It returns the record,
	// and the conference as CheckInConference does, for the page that answers.
	CheckIn(ctx context.Context, conferenceID int64, code string) (*RosterEntry, *Conference, error)

	// CampaignCounts returns the campaign's figures in rootID's subtree.
	CampaignCounts(ctx context.Context, campaignID, rootID int64) (*CampaignCounts, error)
	// NotAttended returns the people of unitID's subtree in the campaign's roster audiences,
	// on the register on the day CampaignCounts counts on (CampaignCounts.AsOf), who have
	// not attended yet, of category only when it is set, in name order, and their
	// total.
	NotAttended(ctx context.Context, campaignID, unitID int64, category Category, offset, limit int) ([]*Person, int, error)
	// NotAttendedCount returns the total NotAttended returns, without the people;
	// ActionUnitView at the unit reads it.
	NotAttendedCount(ctx context.Context, campaignID, unitID int64) (int, error)
	// AttendanceRecorded returns, by conference, the number of people of unitID's subtree
	// recorded as attending it (by roster or check-in); ActionUnitView at the unit.
	AttendanceRecorded(ctx context.Context, unitID int64, conferenceIDs []int64) (map[int64]int, error)
	// MyCampaigns returns the campaigns that reach the calling member: organised at their
	// unit or above, with an audience of their category, ending on or after from.
	MyCampaigns(ctx context.Context, from Date) ([]*Campaign, error)
	// HeldConferences returns the conferences behind the study figures of a unit's subtree
	// for a period (HeldFilter), soonest first, a page of them, and the totals of them all;
	// ActionUnitView at the unit reads them.
	HeldConferences(ctx context.Context, f HeldFilter) ([]*HeldConference, *HeldTotals, error)
	// Attended returns the people now in the subtree of the unit of f who were recorded
	// there as attending a conference held in its period, in name order, a page of them, and
	// their total: the people behind study.participants. ActionPersonView at the unit reads
	// them, and the read is audited.
	Attended(ctx context.Context, f HeldFilter) ([]*Person, int, error)
}

// HeldFilter selects the conferences and classes held in a period, From to To (days in
// Vietnam: a conference belongs to the day on which it starts), in which the subtree of
// UnitID took part: organised by one of its units, with a bridge point hosted by one, or
// attended by one of its people. Offset and Limit page them.
type HeldFilter struct {
	UnitID        int64
	From, To      Date
	Offset, Limit int
}

// HeldConference is a conference held in the period as seen from the subtree: whether a
// unit of the subtree organised it (it then counts in the subtree's number of conferences
// held), the bridge points the subtree hosted with the headcount counted and expected
// there, and the attendances (lượt) of the subtree's people.
type HeldConference struct {
	ID            int64          `json:"id"`
	Title         string         `json:"title"`
	CampaignID    int64          `json:"campaign_id"`
	CampaignTitle string         `json:"campaign_title"`
	UnitID        int64          `json:"unit_id"` // the organising unit
	UnitName      string         `json:"unit_name"`
	StartsAt      time.Time      `json:"starts_at"`
	Form          ConferenceForm `json:"form"`
	OrganisedHere bool           `json:"organised_here"`
	BridgePoints  int64          `json:"bridge_points"`
	Attendances   int64          `json:"attendances"`
	Headcount     int64          `json:"headcount"`
	Expected      int64          `json:"expected"`
}

// HeldTotals adds up all the conferences a HeldFilter selects, not only a page: Total of
// them, Organised by the subtree, and the sums of their columns. These are the study
// figures of the subtree for the period (study.conferences, study.bridge_points,
// study.attendances, study.headcount, study.headcount.expected).
type HeldTotals struct {
	Total        int   `json:"total"`
	Organised    int64 `json:"organised"`
	BridgePoints int64 `json:"bridge_points"`
	Attendances  int64 `json:"attendances"`
	Headcount    int64 `json:"headcount"`
	Expected     int64 `json:"expected"`
}

// ParticipationRow is a unit's line of a campaign's dashboard: the participation of its whole
// subtree by audience, and the units of the subtree that must organise the study and have.
type ParticipationRow struct {
	UnitID      int64          `json:"unit_id"`
	UnitCode    string         `json:"unit_code"`
	UnitName    string         `json:"unit_name"`
	HasChildren bool           `json:"has_children"`
	Audiences   []AudienceRate `json:"audiences"` // in the campaign's order
	Required    int64          `json:"required"`
	Organised   int64          `json:"organised"`
	Conferences int64          `json:"conferences"`
}

// Idle reports whether the line has nothing to show: nobody of the audiences, no attendance,
// nothing to organise and no conference (a residential group, most often).
func (r ParticipationRow) Idle() bool {
	return r.Required == 0 && r.Conferences == 0 && !slices.ContainsFunc(r.Audiences, func(a AudienceRate) bool {
		return a.Base > 0 || a.Attendances > 0
	})
}

// AudienceRate is the participation of one audience. For a roster audience Took is the
// distinct people (người) who attended, of Base, its people on the register; Attendances
// their attendance records (lượt người: one at three sessions counts three). For a
// Headcount audience Took and Attendances are both the people counted at the bridge points
// summed over the sessions (lượt), of Base, the number expected there.
type AudienceRate struct {
	Category    Category `json:"category"`
	Headcount   bool     `json:"headcount"`
	Took        int64    `json:"took"`
	Attendances int64    `json:"attendances"`
	Base        int64    `json:"base"`
	Target      float64  `json:"target"` // percent
}

// ExceededNote is what the dashboard, its export and its API (as "exceeded") show in place
// of a rate above 100%: more took part than there are people, or than were expected, which
// is a figure to check (a digit too many, a wrong audience), not a result.
const ExceededNote = "Vượt số dự kiến — kiểm tra lại"

// Exceeded reports whether more took part than the base, a rate above 100%; it decides for
// every view whether the rate is shown or ExceededNote.
func (a AudienceRate) Exceeded() bool { return a.Base > 0 && a.Took > a.Base }

// MarshalJSON writes the fields and "exceeded" (Exceeded), so that API clients warn where
// the page does.
func (a AudienceRate) MarshalJSON() ([]byte, error) {
	type fields AudienceRate // without this method
	return json.Marshal(struct {
		fields
		Exceeded bool `json:"exceeded"`
	}{fields(a), a.Exceeded()})
}

// Rate returns Took/Base in percent, and false when there is no base.
func (a AudienceRate) Rate() (float64, bool) {
	if a.Base == 0 {
		return 0, false
	}
	return 100 * float64(a.Took) / float64(a.Base), true
}

// Behind reports whether the rate is below the target; without a base nothing is behind.
func (a AudienceRate) Behind() bool {
	r, ok := a.Rate()
	return ok && r < a.Target
}
