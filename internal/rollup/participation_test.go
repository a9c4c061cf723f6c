package rollup

import (
	"testing"

	"tuyengiao"
)

func TestCampaignParticipation(t *testing.T) {
	tree := mustBuild(t, sample())
	c := &tuyengiao.Campaign{Audiences: []tuyengiao.CampaignAudience{
		{Category: tuyengiao.CategoryMember, Target: 95},
		{Category: tuyengiao.CategoryUnion, Headcount: true, Target: 80},
	}}
	m, u := tuyengiao.CategoryMember, tuyengiao.CategoryUnion
	counts := &tuyengiao.CampaignCounts{
		// Unit 6 has 1 of 1 member (100%), unit 7 has 1 of 9 (11%): the average of the rates
		// would be 55,6%, the rate of unit 3 is 2 of 10.
		Attended: []tuyengiao.UnitCount{{UnitID: 6, Category: m, Count: 1}, {UnitID: 7, Category: m, Count: 1},
			{UnitID: 7, Category: tuyengiao.CategoryMasses, Count: 50}},
		People: []tuyengiao.UnitCount{{UnitID: 6, Category: m, Count: 1}, {UnitID: 7, Category: m, Count: 9},
			{UnitID: 5, Category: m, Count: 10}, {UnitID: 99, Category: m, Count: 1000}},
		// A headcount audience is measured at the bridge points, never by attendees.
		Counted:     []tuyengiao.UnitCount{{UnitID: 3, Category: u, Count: 85}, {UnitID: 2, Category: m, Count: 7}},
		Expected:    []tuyengiao.UnitCount{{UnitID: 3, Category: u, Count: 100}, {UnitID: 2, Category: u, Count: 100}},
		Required:    []int64{3, 4, 5},
		Organised:   []int64{3},
		Conferences: []tuyengiao.UnitCount{{UnitID: 3, Count: 2}, {UnitID: 1, Count: 1}},
	}
	root, _ := tree.Index(1)
	p := CampaignParticipation(tree.NewLevels(root, 9, ParticipationColumns(c), 100), c, counts)
	at := func(id int64) int {
		for r, i := range p.Levels.Units {
			if tree.ID(i) == id {
				return r
			}
		}
		t.Fatalf("unit %d not listed", id)
		return 0
	}
	t.Run("a rate is the ratio of the subtree's sums, not an average of rates", func(t *testing.T) {
		if took, _, base := p.Line(at(3)).Took(0); took != 2 || base != 10 {
			t.Errorf("unit 3 members: %d of %d, want 2 of 10", took, base)
		}
		if took, _, base := p.Line(at(1)).Took(0); took != 2 || base != 20 {
			t.Errorf("root members: %d of %d, want 2 of 20 (unit 99 outside the tree left out)", took, base)
		}
	})
	t.Run("a headcount audience is counted against the expected numbers", func(t *testing.T) {
		if took, _, base := p.Line(at(1)).Took(1); took != 85 || base != 200 {
			t.Errorf("root union: %d of %d, want 85 of 200", took, base)
		}
	})
	t.Run("a unit without people has no base", func(t *testing.T) {
		if _, _, base := p.Line(at(4)).Took(0); base != 0 {
			t.Errorf("unit 4 has a base of %d", base)
		}
	})
	t.Run("required and organised units and conferences roll up", func(t *testing.T) {
		if req, org := p.Line(at(1)).Units(); req != 3 || org != 1 {
			t.Errorf("root units: %d required, %d organised; want 3, 1", req, org)
		}
		if n := p.Line(at(1)).Conferences(); n != 3 {
			t.Errorf("root conferences %d, want 3", n)
		}
	})
}

func TestParticipationOwnLineAndAttendances(t *testing.T) {
	tree := mustBuild(t, sample())
	m, u := tuyengiao.CategoryMember, tuyengiao.CategoryUnion
	c := &tuyengiao.Campaign{Audiences: []tuyengiao.CampaignAudience{{Category: m}, {Category: u, Headcount: true}}}
	counts := &tuyengiao.CampaignCounts{
		// The root's own cadres: 3 of 5 took part, 7 attendances; one member of unit 6 at
		// three sessions is one person and three attendances.
		Attended:    []tuyengiao.UnitCount{{UnitID: 1, Category: m, Count: 3}, {UnitID: 6, Category: m, Count: 1}},
		Attendances: []tuyengiao.UnitCount{{UnitID: 1, Category: m, Count: 7}, {UnitID: 6, Category: m, Count: 3}},
		People:      []tuyengiao.UnitCount{{UnitID: 1, Category: m, Count: 5}, {UnitID: 6, Category: m, Count: 2}, {UnitID: 4, Category: m, Count: 1}},
		Counted:     []tuyengiao.UnitCount{{UnitID: 1, Category: u, Count: 40}, {UnitID: 5, Category: u, Count: 10}},
		Expected:    []tuyengiao.UnitCount{{UnitID: 1, Category: u, Count: 50}, {UnitID: 5, Category: u, Count: 20}},
		Conferences: []tuyengiao.UnitCount{{UnitID: 1, Count: 1}, {UnitID: 6, Count: 2}},
		Required:    []int64{1, 3},
		Organised:   []int64{1},
	}
	root, _ := tree.Index(1)
	l := tree.NewLevels(root, 1, ParticipationColumns(c), 100)
	p := CampaignParticipation(l, c, counts)
	if took, att, base := p.Line(-1).Took(0); took != 3 || att != 7 || base != 5 {
		t.Errorf("own members: %d people, %d attendances of %d; want 3, 7 of 5", took, att, base)
	}
	if took, att, base := p.Line(-1).Took(1); took != 40 || att != 40 || base != 50 {
		t.Errorf("own headcount: %d, %d attendances of %d; want 40, 40 of 50", took, att, base)
	}
	// The own line and the lines below add up to the root's, column by column.
	for col := range ParticipationColumns(c) {
		sum := l.Own[col]
		for r := 1; r < len(l.Units); r++ {
			sum += l.Total.Row(r)[col]
		}
		if sum != l.Total.Row(0)[col] {
			t.Errorf("column %d: own and below add up to %d, the root has %d", col, sum, l.Total.Row(0)[col])
		}
	}
	if took, att, _ := p.Line(0).Took(0); took != 4 || att != 10 {
		t.Errorf("root members: %d people, %d attendances; want 4, 10", took, att)
	}
	if req, org := p.Line(-1).Units(); req != 1 || org != 1 || p.Line(-1).Conferences() != 1 {
		t.Errorf("own units %d/%d, conferences %d", org, req, p.Line(-1).Conferences())
	}
}
