package rollup

import "tuyengiao"

// Participation is a campaign's figures rolled up a subtree: for each audience of the
// campaign the number who took part, their attendances and the base they are measured
// against, and the units that must organise the study and have. Its rows are those of
// Levels: row r holds the totals of the subtree of Levels.Units[r].
type Participation struct {
	Audiences []tuyengiao.CampaignAudience
	Levels    *Levels
}

// The columns of an audience a, from perAudience*a, and those after the audiences'.
const (
	colTook = iota
	colAttendances
	colBase
	perAudience
)
const (
	colRequired = iota
	colOrganised
	colConferences
	extraCols
)

// ParticipationColumns returns the number of columns the Levels given to
// CampaignParticipation must have for campaign c.
func ParticipationColumns(c *tuyengiao.Campaign) int { return perAudience*len(c.Audiences) + extraCols }

// CampaignParticipation tallies the counts of CampaignService.CampaignCounts into l, empty
// sums of ParticipationColumns(c) columns, and returns them. A roster audience takes part by
// its distinct attendees against its people, with their attendance records; a headcount
// audience by the numbers counted at bridge points against those expected there, the
// numbers counted being its attendances too. Counts of categories the campaign does not
// address, and of units outside l's subtree, are left out.
func CampaignParticipation(l *Levels, c *tuyengiao.Campaign, counts *tuyengiao.CampaignCounts) *Participation {
	p := &Participation{Audiences: c.Audiences, Levels: l}
	aud := make(map[tuyengiao.Category]int, len(c.Audiences))
	for a, x := range c.Audiences {
		aud[x.Category] = a
	}
	add := func(rows []tuyengiao.UnitCount, headcount bool, cols ...int) {
		for _, r := range rows {
			a, ok := aud[r.Category]
			if !ok || p.Audiences[a].Headcount != headcount {
				continue
			}
			if i, ok := l.t.Index(r.UnitID); ok {
				for _, c := range cols {
					l.Add(i, perAudience*a+c, r.Count)
				}
			}
		}
	}
	add(counts.Attended, false, colTook)
	add(counts.Attendances, false, colAttendances)
	add(counts.People, false, colBase)
	add(counts.Counted, true, colTook, colAttendances)
	add(counts.Expected, true, colBase)
	base := perAudience * len(c.Audiences)
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

// Line is one line of a Participation: the totals of a subtree, or the root's own.
type Line struct {
	cells     []int64
	audiences int
}

// Line returns the totals of the subtree of row r, or for r = -1 the root's own: its
// records not under any unit listed below it, so that with the rows right below the root
// it adds up to the root's row.
func (p *Participation) Line(r int) Line {
	if r < 0 {
		return Line{p.Levels.Own, len(p.Audiences)}
	}
	return Line{p.Levels.Total.Row(r), len(p.Audiences)}
}

// Took returns how many of audience a took part, their attendances, and the base of the
// rate: the audience's people, or the number expected for a headcount audience. Their ratio
// is the rate of the sums, never an average of the units' rates.
func (l Line) Took(a int) (took, attendances, base int64) {
	c := l.cells[perAudience*a:]
	return c[colTook], c[colAttendances], c[colBase]
}

// Units returns how many units must organise the study and how many of them have.
func (l Line) Units() (required, organised int64) {
	c := l.cells[perAudience*l.audiences:]
	return c[colRequired], c[colOrganised]
}

// Conferences returns the number of conferences organised.
func (l Line) Conferences() int64 {
	return l.cells[perAudience*l.audiences+colConferences]
}
