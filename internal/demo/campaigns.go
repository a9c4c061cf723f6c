package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// grassrootsKinds are the kinds of the grassroots party organisations, which must each
// organise the study of a city campaign.
var grassrootsKinds = map[string]bool{"dang_uy_phuong": true, "dang_uy_xa": true, "dang_uy_thi_tran": true, "dang_bo_co_so": true, "chi_bo_co_so": true}

// createCampaign plans the study of Resolution 35 by the city, begun a week ago: a city
// conference yesterday followed at a bridge point in most grassroots organisations, where the
// cells' secretaries marked most of their members on the roster and the people were counted;
// and a class today at the member account's ward, open for its QR check-in, with the member
// not yet checked in nor their essay written, while some of their cell have handed in theirs
// and most of those are graded. The rates then differ from unit to unit, some
// grassroots organisations have not organised it yet, and every way of taking part can be tried.
func createCampaign(ctx context.Context, s Services, p *plan, ids []int64, docID, memberID, reviewerID int64) error {
	cs := s.Campaigns
	r := rand.New(rand.NewPCG(seed1, seed2+35))
	day := p.today.Time
	c := &tuyengiao.Campaign{UnitID: ids[0], Title: "Học tập, quán triệt Nghị quyết số 35-NQ/TW của Bộ Chính trị",
		DocumentIDs: []int64{docID}, StartOn: tuyengiao.Date{Time: day.AddDate(0, 0, -7)}, EndOn: tuyengiao.Date{Time: day.AddDate(0, 0, 23)},
		EssayDue: tuyengiao.Date{Time: day.AddDate(0, 0, 20)},
		Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryKeyCadre, Target: 100},
			{Category: tuyengiao.CategoryMember, Target: 95}, {Category: tuyengiao.CategoryProbation, Target: 95},
			{Category: tuyengiao.CategoryUnion, Headcount: true, Target: 85}}}
	var grassroots []int
	for i, u := range p.units {
		if grassrootsKinds[u.kind] {
			c.UnitIDs = append(c.UnitIDs, ids[i])
			grassroots = append(grassroots, i)
		}
	}
	if err := cs.CreateCampaign(ctx, c); err != nil {
		return fmt.Errorf("demo: campaign: %w", err)
	}
	start := time.Date(day.Year(), day.Month(), day.Day()-1, 7, 30, 0, 0, vn.Zone)
	conf := &tuyengiao.Conference{CampaignID: c.ID, UnitID: ids[0], Title: "Hội nghị trực tuyến quán triệt Nghị quyết 35-NQ/TW",
		StartsAt: start, EndsAt: start.Add(4 * time.Hour), Form: tuyengiao.FormBoth,
		Materials: "Tài liệu học tập Nghị quyết 35-NQ/TW (Ban Tuyên giáo Trung ương)"}
	held := map[int]bool{}
	for _, i := range grassroots {
		if r.IntN(10) == 0 && i != p.editorUnit { // one in ten has not organised it yet
			continue
		}
		held[i] = true
		expected := int64(60 + r.IntN(140))
		conf.BridgePoints = append(conf.BridgePoints, tuyengiao.BridgePoint{UnitID: ids[i], Place: "Hội trường " + p.units[i].name,
			Expected: map[tuyengiao.Category]int64{tuyengiao.CategoryUnion: expected},
			Counted:  map[tuyengiao.Category]int64{tuyengiao.CategoryUnion: expected * int64(70+r.IntN(31)) / 100}})
	}
	if err := cs.CreateConference(ctx, conf); err != nil {
		return fmt.Errorf("demo: conference: %w", err)
	}
	if err := markRosters(ctx, cs, r, p, ids, conf.ID, held, memberID); err != nil {
		return err
	}
	roster, err := cs.Roster(ctx, conf.ID, ids[p.memberUnit])
	if err != nil {
		return fmt.Errorf("demo: roster of the member's cell: %w", err)
	}
	if err := writeEssays(ctx, s, c, ids[p.memberUnit], roster.Entries, memberID, reviewerID, essayTexts); err != nil {
		return err
	}
	class := &tuyengiao.Conference{CampaignID: c.ID, UnitID: ids[p.editorUnit], Title: "Lớp học tập chuyên đề Nghị quyết 35-NQ/TW",
		StartsAt: time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, vn.Zone), Form: tuyengiao.FormInPerson,
		BridgePoints: []tuyengiao.BridgePoint{{UnitID: ids[p.memberUnit], Place: "Nhà văn hóa " + p.units[p.memberUnit].name}}}
	class.EndsAt = class.StartsAt.Add(24*time.Hour - time.Minute)
	if err := cs.CreateConference(ctx, class); err != nil {
		return fmt.Errorf("demo: class: %w", err)
	}
	return nil
}

// markRosters marks on the conference's roster, in one change at the city, nine in ten of
// the people of each grassroots organisation that held it, never the member account's person.
func markRosters(ctx context.Context, cs tuyengiao.CampaignService, r *rand.Rand, p *plan, ids []int64, confID int64, held map[int]bool, memberID int64) error {
	top := map[int64]int{} // the plan index of the unit under the city that holds each unit
	for i, u := range p.units {
		top[ids[i]] = u.top
	}
	roster, err := cs.Roster(ctx, confID, ids[0])
	if err != nil {
		return fmt.Errorf("demo: roster of the city: %w", err)
	}
	var present []int64
	for _, e := range roster.Entries {
		if held[top[e.UnitID]] && e.PersonID != memberID && r.IntN(100) < 92 {
			present = append(present, e.PersonID)
		}
	}
	if _, err := cs.MarkAttendance(ctx, confID, ids[0], tuyengiao.RosterChange{Present: present}); err != nil {
		return fmt.Errorf("demo: attendance of the city: %w", err)
	}
	return nil
}
