package figures

import (
	"context"
	"slices"

	"tuyengiao"
	"tuyengiao/internal/rollup"
)

// Campaigns is what the service reads of the study campaigns. Both methods check what the
// caller may see.
type Campaigns interface {
	FindCampaignSummary(ctx context.Context, id int64) (*tuyengiao.Campaign, error)
	CampaignCounts(ctx context.Context, campaignID, rootID int64) (*tuyengiao.CampaignCounts, error)
}

// People is what the service reads of the people register; it checks what the caller may see.
type People interface {
	CountPeople(ctx context.Context, rootID int64, asOf tuyengiao.Date) ([]tuyengiao.UnitCount, error)
}

// Essays is what the service reads of the essays; it checks what the caller may see.
type Essays interface {
	EssayCounts(ctx context.Context, campaignID, rootID int64) ([]tuyengiao.EssayCount, error)
}

// levels returns the empty sums of k columns of the subtree of root down to depth levels.
func levels(t *Tree, root, depth, k int) (*rollup.Levels, error) {
	l := t.NewLevels(root, depth, k, maxRows)
	if l == nil {
		return nil, tuyengiao.FieldError("depth", "Bảng có hơn %d đơn vị: chọn ít cấp hơn hoặc một đơn vị cấp dưới.", maxRows)
	}
	return l, nil
}

// hasChildren reports whether unit i of t has units below it.
func hasChildren(t *Tree, i int) bool { return t.End(i) > i+1 }

// campaignAt returns the tree and the index of the unit in it, once the caller may view the
// unit, and the campaign, once the caller may see it.
func (s *Service) campaignAt(ctx context.Context, campaignID, unitID int64) (*Tree, int, *tuyengiao.Campaign, error) {
	t, root, err := s.Subtree(ctx, tuyengiao.ActionUnitView, unitID)
	if err != nil {
		return nil, 0, nil, err
	}
	c, err := s.Campaigns.FindCampaignSummary(ctx, campaignID)
	return t, root, c, err
}

// Participation returns the dashboard of a campaign at a unit: the campaign's counts in the
// unit's subtree rolled up to the unit and the units right below it. The caller must be
// allowed ActionUnitView at the unit and see the campaign.
func (s *Service) Participation(ctx context.Context, campaignID, unitID int64) (*tuyengiao.CampaignParticipation, error) {
	t, root, c, err := s.campaignAt(ctx, campaignID, unitID)
	if err != nil {
		return nil, err
	}
	counts, err := s.Campaigns.CampaignCounts(ctx, campaignID, unitID)
	if err != nil {
		return nil, err
	}
	l, err := levels(t, root, 1, rollup.ParticipationColumns(c))
	if err != nil {
		return nil, err
	}
	p := rollup.CampaignParticipation(l, c, counts)
	out := &tuyengiao.CampaignParticipation{AsOf: counts.AsOf, Total: participationRow(t, p.Line(0), c, root),
		Own: participationRow(t, p.Line(-1), c, root), Children: []tuyengiao.ParticipationRow{}, Late: late(t, root, counts)}
	out.Own.HasChildren = false
	for r := 1; r < len(l.Units); r++ {
		if row := participationRow(t, p.Line(r), c, l.Units[r]); !row.Idle() {
			out.Children = append(out.Children, row)
		} else {
			out.Idle++
		}
	}
	return out, nil
}

// participationRow returns the line of unit i of t.
func participationRow(t *Tree, line rollup.Line, c *tuyengiao.Campaign, i int) tuyengiao.ParticipationRow {
	u := t.Unit(i)
	row := tuyengiao.ParticipationRow{UnitID: u.ID, UnitCode: u.Code, UnitName: u.Name,
		HasChildren: hasChildren(t, i), Conferences: line.Conferences()}
	row.Required, row.Organised = line.Units()
	for a, aud := range c.Audiences {
		took, attendances, base := line.Took(a)
		row.Audiences = append(row.Audiences, tuyengiao.AudienceRate{Category: aud.Category, Headcount: aud.Headcount,
			Took: took, Attendances: attendances, Base: base, Target: aud.Target})
	}
	return row
}

// late returns the open units of the subtree of root that must organise the study and have
// not, in tree order.
func late(t *Tree, root int, counts *tuyengiao.CampaignCounts) []tuyengiao.ParticipationRow {
	organised := make(map[int64]bool, len(counts.Organised))
	for _, id := range counts.Organised {
		organised[id] = true
	}
	var at []int
	for _, id := range counts.Required {
		if i, ok := t.Index(id); ok && i >= root && i < t.End(root) && !organised[id] && !t.Unit(i).Closed() {
			at = append(at, i)
		}
	}
	slices.Sort(at)
	out := make([]tuyengiao.ParticipationRow, len(at))
	for k, i := range at {
		u := t.Unit(i)
		out[k] = tuyengiao.ParticipationRow{UnitID: u.ID, UnitCode: u.Code, UnitName: u.Name}
	}
	return out
}

// PeopleCounts returns the people active on asOf of a unit's subtree by category, at the
// unit and the units below it down to depth levels, each line with its own people and its
// subtree's. The caller must be allowed ActionUnitView at the unit.
func (s *Service) PeopleCounts(ctx context.Context, unitID int64, depth int, asOf tuyengiao.Date) (*tuyengiao.PeopleCounts, error) {
	switch {
	case depth < 0:
		return nil, tuyengiao.FieldError("depth", "Số cấp đơn vị không hợp lệ.")
	case asOf.IsZero():
		return nil, tuyengiao.FieldError("as_of", "Chưa chọn ngày tính số liệu.")
	}
	t, root, err := s.Subtree(ctx, tuyengiao.ActionUnitView, unitID)
	if err != nil {
		return nil, err
	}
	counts, err := s.People.CountPeople(ctx, unitID, asOf)
	if err != nil {
		return nil, err
	}
	k := len(tuyengiao.Categories)
	l, err := levels(t, root, depth, k)
	if err != nil {
		return nil, err
	}
	own := make([]int64, len(l.Units)*k)
	for _, c := range counts {
		i, in := t.Index(c.UnitID)
		col := rollup.CategoryColumn(c.Category)
		if !in || col < 0 {
			continue
		}
		l.Add(i, col, c.Count)
		if r, ok := l.RowOf(i); ok {
			own[r*k+col] += c.Count
		}
	}
	out := &tuyengiao.PeopleCounts{AsOf: asOf, Units: make([]tuyengiao.UnitPeople, len(l.Units))}
	for r, i := range l.Units {
		u := *t.Unit(i)
		out.Units[r] = tuyengiao.UnitPeople{Unit: &u, Depth: t.Depth(i) - t.Depth(root), HasChildren: hasChildren(t, i),
			Own: own[r*k : (r+1)*k : (r+1)*k], Total: l.Total.Row(r)}
	}
	return out, nil
}

// The columns of the essay counts: submitted, returned, then graded at each of the
// campaign's levels, best first, and last at a level the campaign no longer has.
const (
	colSubmitted = 0
	colReturned  = 1
	colGraded    = 2
)

// EssayCounts returns the essays of a campaign handed in in a unit's subtree by status and
// level, at the unit and the units right below it. The caller must be allowed ActionUnitView
// at the unit and see the campaign.
func (s *Service) EssayCounts(ctx context.Context, campaignID, unitID int64) (*tuyengiao.EssayFigures, error) {
	t, root, c, err := s.campaignAt(ctx, campaignID, unitID)
	if err != nil {
		return nil, err
	}
	counts, err := s.Essays.EssayCounts(ctx, campaignID, unitID)
	if err != nil {
		return nil, err
	}
	lv := c.Levels()
	l, err := levels(t, root, 1, colGraded+len(lv)+1)
	if err != nil {
		return nil, err
	}
	for _, e := range counts {
		if i, ok := t.Index(e.UnitID); ok {
			l.Add(i, essayColumn(lv, e), e.Count)
		}
	}
	out := &tuyengiao.EssayFigures{Levels: lv, Children: []tuyengiao.EssayRow{}}
	for r, i := range l.Units {
		cells := l.Total.Row(r)
		u := t.Unit(i)
		row := tuyengiao.EssayRow{UnitID: u.ID, UnitCode: u.Code, UnitName: u.Name, HasChildren: hasChildren(t, i),
			Submitted: cells[colSubmitted], Returned: cells[colReturned], Graded: cells[colGraded : colGraded+len(lv)]}
		for _, v := range cells {
			row.Total += v
		}
		if r == 0 {
			out.Total = row
		} else {
			out.Children = append(out.Children, row)
		}
	}
	return out, nil
}

// essayColumn returns the column of the essays of count e, for a campaign of levels lv.
func essayColumn(lv []string, e tuyengiao.EssayCount) int {
	switch e.Status {
	case tuyengiao.EssaySubmitted:
		return colSubmitted
	case tuyengiao.EssayReturned:
		return colReturned
	}
	if i := slices.Index(lv, e.Level); i >= 0 {
		return colGraded + i
	}
	return colGraded + len(lv)
}
