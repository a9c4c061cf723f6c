package tuyengiao

import (
	"errors"
	"testing"
	"time"
)

func TestCampaignValidate(t *testing.T) {
	day := func(s string) Date { d, _ := ParseDate(s); return d }
	good := func() *Campaign {
		return &Campaign{Title: "Học tập Nghị quyết 35", UnitID: 1, StartOn: day("2026-11-01"), EndOn: day("2026-11-30"),
			Audiences: []CampaignAudience{{Category: CategoryMember, Target: 95}}}
	}
	if err := good().Validate(); err != nil {
		t.Fatalf("a good campaign: %v", err)
	}
	for name, tc := range map[string]struct {
		change func(c *Campaign)
		field  string
	}{
		"an end before the start":   {func(c *Campaign) { c.EndOn = day("2026-10-31") }, "end_on"},
		"no audience":               {func(c *Campaign) { c.Audiences = nil }, "audiences"},
		"an audience twice":         {func(c *Campaign) { c.Audiences = append(c.Audiences, c.Audiences[0]) }, "audiences"},
		"a target above 100%":       {func(c *Campaign) { c.Audiences[0].Target = 101 }, "audiences"},
		"an essay due before start": {func(c *Campaign) { c.EssayDue = day("2026-10-01") }, "essay_due"},
		"a grade level given twice": {func(c *Campaign) { c.EssayLevels = []string{"Tốt", "Tốt"} }, "essay_levels"},
		"a blank rubric criterion":  {func(c *Campaign) { c.EssayCriteria = []string{" "} }, "essay_criteria"},
		"no organising unit":        {func(c *Campaign) { c.UnitID = 0 }, "unit_id"},
		"an unknown audience":       {func(c *Campaign) { c.Audiences[0].Category = "youth" }, "audiences"},
		"a title of blanks":         {func(c *Campaign) { c.Title = "  " }, "title"},
	} {
		t.Run("refuses "+name, func(t *testing.T) {
			c := good()
			tc.change(c)
			var e *Error
			if err := c.Validate(); !errors.As(err, &e) || e.Field != tc.field {
				t.Errorf("got %v, want an error on %s", err, tc.field)
			}
		})
	}
}

func TestAudienceRate(t *testing.T) {
	a := AudienceRate{Took: 974, Base: 1000, Target: 97.5}
	if r, ok := a.Rate(); !ok || r != 97.4 || !a.Behind() {
		t.Errorf("974 of 1.000 against 97,5%%: rate %v %t, behind %t", r, ok, a.Behind())
	}
	if (AudienceRate{Target: 95}).Behind() {
		t.Error("a unit without people is behind its target")
	}
}

func TestCheckInWindow(t *testing.T) {
	start := time.Date(2026, 11, 27, 7, 30, 0, 0, time.UTC)
	c := &Conference{StartsAt: start, EndsAt: start.Add(3 * time.Hour)}
	for _, tc := range []struct {
		at   time.Time
		open bool
	}{
		{start.Add(-31 * time.Minute), false},
		{start.Add(-30 * time.Minute), true},
		{start.Add(3 * time.Hour), true},
		{start.Add(3*time.Hour + time.Second), false},
	} {
		if got := c.CheckInOpen(tc.at); got != tc.open {
			t.Errorf("check-in at %s: open %t, want %t", tc.at.Sub(start), got, tc.open)
		}
	}
}
