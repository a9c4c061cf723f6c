package tuyengiao

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCampaignValidate(t *testing.T) {
	day := func(s string) Date { d, _ := ParseDate(s); return d }
	good := func() *Campaign {
		return &Campaign{Title: "Học tập Nghị quyết 35", UnitID: 1, StartOn: day("2026-11-01"), EndOn: day("2026-11-30"),
			Audiences: []CampaignAudience{{Category: CategoryMember, Target: 95}}}
	}
	today := day("2026-11-15")
	if err := good().Validate(today); err != nil {
		t.Fatalf("a good campaign: %v", err)
	}
	for name, tc := range map[string]struct {
		change func(c *Campaign)
		field  string
	}{
		"an end before the start":    {func(c *Campaign) { c.EndOn = day("2026-10-31") }, "end_on"},
		"no audience":                {func(c *Campaign) { c.Audiences = nil }, "audiences"},
		"an audience twice":          {func(c *Campaign) { c.Audiences = append(c.Audiences, c.Audiences[0]) }, "audiences"},
		"a target above 100%":        {func(c *Campaign) { c.Audiences[0].Target = 101 }, "audiences"},
		"an essay due before start":  {func(c *Campaign) { c.EssayDue = day("2026-10-01") }, "essay_due"},
		"a grade level given twice":  {func(c *Campaign) { c.EssayLevels = []string{"Tốt", "Tốt"} }, "essay_levels"},
		"a blank rubric criterion":   {func(c *Campaign) { c.EssayCriteria = []string{" "} }, "essay_criteria"},
		"no organising unit":         {func(c *Campaign) { c.UnitID = 0 }, "unit_id"},
		"an unknown audience":        {func(c *Campaign) { c.Audiences[0].Category = "youth" }, "audiences"},
		"a title of blanks":          {func(c *Campaign) { c.Title = "  " }, "title"},
		"a start on 0000-01-01":      {func(c *Campaign) { c.StartOn = day("0000-01-01") }, "start_on"},
		"an end six years ahead":     {func(c *Campaign) { c.EndOn = day("2032-11-30") }, "end_on"},
		"an essay due in year 20226": {func(c *Campaign) { c.EssayDue = Date{time.Date(20226, 1, 1, 0, 0, 0, 0, time.UTC)} }, "essay_due"},
	} {
		t.Run("refuses "+name, func(t *testing.T) {
			c := good()
			tc.change(c)
			var e *Error
			if err := c.Validate(today); !errors.As(err, &e) || e.Field != tc.field {
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

func TestAudienceRateAbove100(t *testing.T) {
	over, full := AudienceRate{Took: 1_000_000, Base: 50}, AudienceRate{Took: 50, Base: 50}
	if !over.Exceeded() || full.Exceeded() || (AudienceRate{Took: 3}).Exceeded() {
		t.Errorf("exceeded: %t for 1.000.000 of 50, %t for 50 of 50", over.Exceeded(), full.Exceeded())
	}
	for a, want := range map[AudienceRate]string{over: `"exceeded":true`, full: `"exceeded":false`} {
		if b, err := json.Marshal(a); err != nil || !strings.Contains(string(b), want) || !strings.Contains(string(b), `"took":`) {
			t.Errorf("JSON %s, %v: want %s with the fields", b, err, want)
		}
	}
}

func TestHeadcountBound(t *testing.T) {
	b := &BridgePoint{UnitName: "Phường Bến Nghé", Place: "Hội trường", Expected: map[Category]int64{CategoryMasses: 50}}
	if err := b.CheckCounted("counted", 0, map[Category]int64{CategoryMasses: 250, CategoryUnion: 5000}); err != nil {
		t.Errorf("5 times the expected, and 5.000 where none were expected: %v", err)
	}
	for counted, names := range map[Category][]string{
		CategoryMasses: {"Phường Bến Nghé (Hội trường)", "Quần chúng", "251", "5 lần", "50"},
		CategoryUnion:  {"Phường Bến Nghé (Hội trường)", "Đoàn viên", "5001", "5000", "không nêu số dự kiến"},
	} {
		err := b.CheckCounted("counted", 0, map[Category]int64{counted: HeadcountBound(b.Expected[counted]) + 1})
		var e *Error
		if !errors.As(err, &e) || e.Field != "counted" {
			t.Fatalf("%s beyond the bound: %v", counted, err)
		}
		for _, n := range names {
			if !strings.Contains(e.Error(), n) {
				t.Errorf("%q does not say %q", e.Error(), n)
			}
		}
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
