package rollup

import "tuyengiao"

// Participation is a campaign's figures rolled up a tree: for each audience of the campaign
// the number who took part and the base it is measured against, and the units that must
// organise the study and have. Own holds each unit's own figures, Total its subtree's.
type Participation struct {
	Tree      *Tree
	Audiences []tuyengiao.CampaignAudience
	Own       *Table
	Total     *Table
}

// The columns after the two of each audience.
const (
	colRequired = iota
	colOrganised
	colConferences
	extraCols
)

// CampaignParticipation tallies the counts of CampaignService.CampaignCounts for the units of
// t and rolls them up. A roster audience takes part by its distinct attendees against its
// people; a headcount audience by the numbers counted at bridge points against those expected
// there. Counts of categories the campaign does not address are left out.
func CampaignParticipation(t *Tree, c *tuyengiao.Campaign, counts *tuyengiao.CampaignCounts) *Participation {
	p := &Participation{Tree: t, Audiences: c.Audiences}
	k := 2*len(c.Audiences) + extraCols
	p.Own = NewTable(t, k)
	col := make(map[tuyengiao.Category]int, len(c.Audiences))
	for a, aud := range c.Audiences {
		col[aud.Category] = 2 * a
	}
	add := func(rows []tuyengiao.UnitCount, headcount bool, offset int) {
		for _, r := range rows {
			c, ok := col[r.Category]
			if !ok || p.Audiences[c/2].Headcount != headcount {
				continue
			}
			if i, ok := t.Index(r.UnitID); ok {
				p.Own.Row(i)[c+offset] += r.Count
			}
		}
	}
	add(counts.Attended, false, 0)
	add(counts.People, false, 1)
	add(counts.Counted, true, 0)
	add(counts.Expected, true, 1)
	base := 2 * len(c.Audiences)
	mark := func(ids []int64, c int) {
		for _, id := range ids {
			if i, ok := t.Index(id); ok {
				p.Own.Row(i)[base+c]++
			}
		}
	}
	mark(counts.Required, colRequired)
	mark(counts.Organised, colOrganised)
	for _, r := range counts.Conferences {
		if i, ok := t.Index(r.UnitID); ok {
			p.Own.Row(i)[base+colConferences] += r.Count
		}
	}
	p.Total = t.RollUp(p.Own)
	return p
}

// Took returns how many of audience a took part in the subtree of unit i, and the base of the
// rate: the audience's people, or the number expected for a headcount audience.
func (p *Participation) Took(i, a int) (took, base int64) {
	row := p.Total.Row(i)
	return row[2*a], row[2*a+1]
}

// Rate returns the participation of audience a in the subtree of unit i as a fraction, and
// false when it has no base. It is the ratio of the subtree's sums, never an average of the
// units' rates.
func (p *Participation) Rate(i, a int) (float64, bool) {
	return p.Total.Ratio(i, 2*a, 2*a+1)
}

// Units returns how many units of the subtree of unit i must organise the study and how many
// of them have.
func (p *Participation) Units(i int) (required, organised int64) {
	row := p.Total.Row(i)
	base := 2 * len(p.Audiences)
	return row[base+colRequired], row[base+colOrganised]
}

// Conferences returns the number of conferences organised in the subtree of unit i.
func (p *Participation) Conferences(i int) int64 {
	return p.Total.Row(i)[2*len(p.Audiences)+colConferences]
}
