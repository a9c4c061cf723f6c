package rollup

import "tuyengiao"

// Participation is a campaign's figures rolled up a subtree: for each audience of the
// campaign the number who took part and the base it is measured against, and the units that
// must organise the study and have. Its rows are those of Levels: row r holds the totals of
// the subtree of Levels.Units[r].
type Participation struct {
	Audiences []tuyengiao.CampaignAudience
	Levels    *Levels
}

// The columns after the two of each audience.
const (
	colRequired = iota
	colOrganised
	colConferences
	extraCols
)

// ParticipationColumns returns the number of columns the Levels given to
// CampaignParticipation must have for campaign c.
func ParticipationColumns(c *tuyengiao.Campaign) int { return 2*len(c.Audiences) + extraCols }

// CampaignParticipation tallies the counts of CampaignService.CampaignCounts into l, empty
// sums of ParticipationColumns(c) columns, and returns them. A roster audience takes part by
// its distinct attendees against its people; a headcount audience by the numbers counted at
// bridge points against those expected there. Counts of categories the campaign does not
// address, and of units outside l's subtree, are left out.
func CampaignParticipation(l *Levels, c *tuyengiao.Campaign, counts *tuyengiao.CampaignCounts) *Participation {
	p := &Participation{Audiences: c.Audiences, Levels: l}
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
			if i, ok := l.t.Index(r.UnitID); ok {
				l.Add(i, c+offset, r.Count)
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
			if i, ok := l.t.Index(id); ok {
				l.Add(i, base+c, 1)
			}
		}
	}
	mark(counts.Required, colRequired)
	mark(counts.Organised, colOrganised)
	for _, r := range counts.Conferences {
		if i, ok := l.t.Index(r.UnitID); ok {
			l.Add(i, base+colConferences, r.Count)
		}
	}
	return p
}

// Took returns how many of audience a took part in the subtree of row r, and the base of the
// rate: the audience's people, or the number expected for a headcount audience. Their ratio
// is the rate of the subtree's sums, never an average of the units' rates.
func (p *Participation) Took(r, a int) (took, base int64) {
	row := p.Levels.Total.Row(r)
	return row[2*a], row[2*a+1]
}

// Units returns how many units of the subtree of row r must organise the study and how many
// of them have.
func (p *Participation) Units(r int) (required, organised int64) {
	row := p.Levels.Total.Row(r)
	base := 2 * len(p.Audiences)
	return row[base+colRequired], row[base+colOrganised]
}

// Conferences returns the number of conferences organised in the subtree of row r.
func (p *Participation) Conferences(r int) int64 {
	return p.Levels.Total.Row(r)[2*len(p.Audiences)+colConferences]
}
