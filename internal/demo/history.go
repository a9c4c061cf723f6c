package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"
	"unicode"
	"unicode/utf8"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// topic is what a campaign of the history studies: a central document, which the city carries
// out by a plan of its own, studied by the key cadres or, when full, by every party member.
type topic struct {
	symbol, issued, term, title string
	fields                      []string
	campaign                    string
	full                        bool
}

// topics are the campaigns of the history in turn, one starting every two months from January
// of last year, so that each comes back a year later. The first, in January, is the year's
// theme of Directive 05, which every party member studies; the others are for the key cadres.
var topics = []topic{
	{symbol: "05-CT/TW", campaign: "Học tập chuyên đề năm về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", full: true},
	{"41-NQ/TW", "2023-10-10", "XIII", "Về xây dựng và phát huy vai trò của đội ngũ doanh nhân Việt Nam trong thời kỳ mới",
		[]string{"tu_tuong_ly_luan"}, "Quán triệt Nghị quyết số 41-NQ/TW cho cán bộ chủ chốt", false},
	{"43-NQ/TW", "2023-11-24", "XIII", "Về tiếp tục phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc, xây dựng đất nước ta ngày càng phồn vinh, hạnh phúc",
		[]string{"tuyen_truyen"}, "Quán triệt Nghị quyết số 43-NQ/TW về đại đoàn kết toàn dân tộc", false},
	{"144-QĐ/TW", "2024-05-09", "XIII", "Quy định về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới",
		[]string{"xay_dung_dang", "tu_tuong_ly_luan"}, "Quán triệt Quy định số 144-QĐ/TW về chuẩn mực đạo đức cách mạng", false},
	{"44-NQ/TW", "2023-11-24", "XIII", "Về Chiến lược bảo vệ Tổ quốc trong tình hình mới",
		[]string{"tu_tuong_ly_luan"}, "Quán triệt Nghị quyết số 44-NQ/TW cho cán bộ chủ chốt", false},
	{"42-NQ/TW", "2023-11-24", "XIII", "Về tiếp tục đổi mới, nâng cao chất lượng chính sách xã hội, đáp ứng yêu cầu sự nghiệp xây dựng và bảo vệ Tổ quốc trong giai đoạn mới",
		[]string{"khoa_giao", "du_luan_xa_hoi"}, "Quán triệt Nghị quyết số 42-NQ/TW về chính sách xã hội", false},
}

// classesPerCampaign is how many wards hold a class of each campaign of the history, in its
// second month: a second session for their people, so that attendances outnumber people.
const classesPerCampaign = 2

// history writes the records of the city from January of last year up to the week before
// today, each at its own date by moving the services' clock: every two months a campaign
// with the city's plan for it, a conference of the city followed at a bridge point in the
// grassroots organisations with their union members counted, and classes at two wards the
// month after with QR check-ins; for the year's theme in January, which every party member
// studies, the commission's guidance, the wards' plans and reflection essays graded by the
// cells' secretaries; the city's monthly notices and the half-year reports of the city and the
// wards; the records of the declared kinds month by month (historian.records), the work
// programmes of the city and the wards year by year (historian.programme), and the wards'
// six-month forms of reported figures (historian.reported). In all about 17.000 attendances, which take most of the time of the history. The
// register grows meanwhile: the probationary members were admitted over the last eighteen
// months (builder.admitted).
func history(ctx context.Context, s Services, clk clock, p *plan, ids []int64, cards map[string]int64, docs []int64) error {
	h := &historian{s: s, clk: clk, p: p, ids: ids, cards: cards, r: rand.New(rand.NewPCG(seed1, seed2+1)),
		index: map[int64]int{}, central: map[string]int64{},
		first: time.Date(p.today.Year()-1, 1, 1, 0, 0, 0, 0, time.UTC), end: p.today.AddDate(0, 0, -8)}
	for i, id := range ids {
		h.index[id] = i
	}
	for i, d := range documents {
		h.central[d.symbol] = docs[i]
	}
	if err := h.documents(ctx); err != nil {
		return err
	}
	for k := 0; ; k++ {
		start := h.first.AddDate(0, 2*k, 2)
		if !start.Before(h.end) {
			break
		}
		if err := h.campaign(ctx, k, start); err != nil {
			return err
		}
	}
	if err := h.lecturers(ctx); err != nil {
		return err
	}
	if err := h.records(ctx); err != nil {
		return err
	}
	if err := h.programme(ctx); err != nil {
		return err
	}
	return h.reported(ctx)
}

// historian writes the history of one load.
type historian struct {
	s          Services
	clk        clock
	p          *plan
	ids        []int64
	cards      map[string]int64
	r          *rand.Rand
	first, end time.Time              // January 1 of last year, and the last day of the history
	index      map[int64]int          // plan index by unit ID
	central    map[string]int64       // the documents registered, by symbol: the central ones of topics
	roster     map[int][]*rosterEntry // the lecturers and propagandists, by plan index of their unit
}

// wards returns the plan indexes of the ward and commune committees.
func (p *plan) wards() []int {
	var out []int
	for i, u := range p.units {
		if u.kind == "dang_uy_phuong" || u.kind == "dang_uy_xa" {
			out = append(out, i)
		}
	}
	return out
}

// grassrootsUnits returns the plan indexes of the grassroots party organisations.
func (p *plan) grassrootsUnits() []int {
	var out []int
	for i, u := range p.units {
		if grassrootsKinds[u.kind] {
			out = append(out, i)
		}
	}
	return out
}

// campaign writes the k-th campaign of the history, starting on start, with its city plan,
// its conference and its classes, each only once its day has come.
func (h *historian) campaign(ctx context.Context, k int, start time.Time) error {
	t := topics[k%len(topics)]
	docID, err := h.cityPlan(ctx, k, t, start)
	if err != nil {
		return err
	}
	c := &tuyengiao.Campaign{UnitID: h.ids[0], Title: fmt.Sprintf("%s năm %d", t.campaign, start.Year()), DocumentIDs: []int64{docID},
		StartOn: tuyengiao.Date{Time: start}, EndOn: tuyengiao.Date{Time: start.AddDate(0, 2, -3)},
		Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryKeyCadre, Target: 100},
			{Category: tuyengiao.CategoryUnion, Headcount: true, Target: 85}}}
	if t.full {
		c.EssayDue = c.EndOn
		c.Audiences = append(c.Audiences, tuyengiao.CampaignAudience{Category: tuyengiao.CategoryMember, Target: 95},
			tuyengiao.CampaignAudience{Category: tuyengiao.CategoryProbation, Target: 95})
	}
	for _, i := range h.p.grassrootsUnits() {
		c.UnitIDs = append(c.UnitIDs, h.ids[i])
	}
	h.clk.at(start.Add(time.Hour))
	if err := h.s.Campaigns.CreateCampaign(ctx, c); err != nil {
		return fmt.Errorf("demo: campaign %s: %w", c.Title, err)
	}
	if err := h.conference(ctx, c, start.AddDate(0, 0, 8)); err != nil {
		return err
	}
	wards := h.p.wards()
	for j := range classesPerCampaign {
		day := start.AddDate(0, 1, 8+7*j)
		if !day.Before(h.end) {
			break
		}
		if err := h.class(ctx, c, wards[(k*classesPerCampaign+j)%len(wards)], day); err != nil {
			return err
		}
	}
	return nil
}

// conference writes the city's conference of campaign c on day, at 7:30 in Vietnam for four
// hours, with a bridge point at nineteen in twenty grassroots organisations, and marks
// present, at its end, most of the roster of the city: each organisation's people at its
// rate, none of those of an organisation without a bridge point.
func (h *historian) conference(ctx context.Context, c *tuyengiao.Campaign, day time.Time) error {
	cs := h.s.Campaigns
	starts := time.Date(day.Year(), day.Month(), day.Day(), 7, 30, 0, 0, vn.Zone)
	f := &tuyengiao.Conference{CampaignID: c.ID, UnitID: h.ids[0], Title: "Hội nghị " + lowerFirst(c.Title),
		StartsAt: starts, EndsAt: starts.Add(4 * time.Hour), Form: tuyengiao.FormBoth}
	rate := map[int64]int{} // percent present, by the ID of the organisation under the city
	for _, i := range h.p.grassrootsUnits() {
		if h.r.IntN(20) == 0 {
			continue
		}
		rate[h.ids[i]] = 82 + h.r.IntN(18)
		expected := int64(60 + h.r.IntN(140))
		f.BridgePoints = append(f.BridgePoints, tuyengiao.BridgePoint{UnitID: h.ids[i], Place: "Hội trường " + h.p.units[i].name,
			Expected: map[tuyengiao.Category]int64{tuyengiao.CategoryUnion: expected},
			Counted:  map[tuyengiao.Category]int64{tuyengiao.CategoryUnion: expected * int64(70+h.r.IntN(31)) / 100}})
	}
	for i, u := range h.p.units { // the city's own people, its commission and mass organisations attend at the city
		if u.parent <= 0 && !grassrootsKinds[u.kind] {
			rate[h.ids[i]] = 95
		}
	}
	h.clk.at(starts.Add(-7 * 24 * time.Hour))
	if err := cs.CreateConference(ctx, f); err != nil {
		return fmt.Errorf("demo: conference %s: %w", f.Title, err)
	}
	h.clk.at(f.EndsAt)
	roster, err := cs.Roster(ctx, f.ID, h.ids[0])
	if err != nil {
		return fmt.Errorf("demo: roster of %s: %w", f.Title, err)
	}
	return h.mark(ctx, f, h.ids[0], roster, func(e tuyengiao.RosterEntry) bool {
		top := h.ids[h.p.units[h.index[e.UnitID]].top]
		return h.r.IntN(100) < rate[top]
	})
}

// class writes a class of campaign c at the ward with plan index w on day, from 14:00 to
// 16:30, held in person at the ward: four of its people with a phone check in with the QR
// code as it starts, and nine in ten of the others are marked on the roster at its end. For a
// campaign that asks for essays, members of the ward's first cell hand theirs in two days
// later and the cell's secretary grades them.
func (h *historian) class(ctx context.Context, c *tuyengiao.Campaign, w int, day time.Time) error {
	cs, ward := h.s.Campaigns, h.p.units[w]
	starts := time.Date(day.Year(), day.Month(), day.Day(), 14, 0, 0, 0, vn.Zone)
	f := &tuyengiao.Conference{CampaignID: c.ID, UnitID: h.ids[w], Title: "Lớp " + lowerFirst(c.Title) + " – " + ward.name,
		StartsAt: starts, EndsAt: starts.Add(150 * time.Minute), Form: tuyengiao.FormInPerson,
		BridgePoints: []tuyengiao.BridgePoint{{UnitID: h.ids[w], Place: "Hội trường " + ward.name}}}
	h.clk.at(starts.Add(-5 * 24 * time.Hour))
	if err := cs.CreateConference(ctx, f); err != nil {
		return fmt.Errorf("demo: class %s: %w", f.Title, err)
	}
	code, err := cs.CheckInCode(ctx, f.ID)
	if err != nil {
		return err
	}
	roster, err := cs.Roster(ctx, f.ID, h.ids[w])
	if err != nil {
		return fmt.Errorf("demo: roster of %s: %w", ward.code, err)
	}
	checked := map[int64]bool{}
	for _, e := range roster.Entries {
		if len(checked) == 4 {
			break
		}
		if e.HasPhone {
			h.clk.at(starts.Add(time.Duration(len(checked)-20) * time.Minute))
			member := tuyengiao.NewContext(ctx, &tuyengiao.Principal{Login: "demo", PersonID: e.PersonID})
			if _, _, err := cs.CheckIn(member, f.ID, code); err != nil {
				return fmt.Errorf("demo: check-in of %s: %w", e.FullName, err)
			}
			checked[e.PersonID] = true
		}
	}
	h.clk.at(f.EndsAt)
	if err := h.mark(ctx, f, h.ids[w], roster, func(e tuyengiao.RosterEntry) bool { return !checked[e.PersonID] && h.r.IntN(10) < 9 }); err != nil {
		return err
	}
	if c.EssayDue.IsZero() {
		return nil
	}
	cell := h.firstCell(w)
	h.clk.at(starts.AddDate(0, 0, 2).Add(6 * time.Hour))
	return writeEssays(ctx, h.s, c, h.ids[cell], roster.Entries, 0, h.cards[h.p.secretaries[cell]], historyEssays)
}

// mark marks present, in one change on the roster of conference f for the unit unitID, those
// of it that present picks, as a unit's secretary saves the roster.
func (h *historian) mark(ctx context.Context, f *tuyengiao.Conference, unitID int64, roster *tuyengiao.Roster, present func(tuyengiao.RosterEntry) bool) error {
	ch := tuyengiao.RosterChange{OpenedAt: roster.OpenedAt}
	for _, e := range roster.Entries {
		if !e.Present && present(e) {
			ch.Present = append(ch.Present, e.PersonID)
		}
	}
	if _, err := h.s.Campaigns.MarkAttendance(ctx, f.ID, unitID, ch); err != nil {
		return fmt.Errorf("demo: attendance of %s: %w", f.Title, err)
	}
	return nil
}

// firstCell returns the plan index of the first cell of the ward with plan index w.
func (h *historian) firstCell(w int) int {
	for i, u := range h.p.units {
		if u.parent == w && u.kind == "chi_bo" {
			return i
		}
	}
	panic("demo: a ward without cells")
}

// lowerFirst returns s with its first letter in lower case: "Học tập" → "học tập".
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
