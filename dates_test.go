package tuyengiao

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestPlausibleDate(t *testing.T) {
	today := day(2026, 12, 1)
	for _, tc := range []struct {
		field string
		day   Date
		ok    bool
	}{
		{"birth_date", day(1900, 1, 1), true},
		{"birth_date", day(1899, 12, 31), false},
		{"birth_date", today, true},
		{"birth_date", day(2026, 12, 2), false},
		{"status_date", day(1929, 12, 31), false},
		{"issued_on", day(2026, 12, 2), false},
		{"start_on", day(1, 1, 2), false},
		{"start_on", day(1999, 12, 31), false},
		{"start_on", day(2031, 12, 1), true},
		{"end_on", day(2031, 12, 2), false},
		{"starts_at", day(0, 1, 1), false},
		{"essay_due", Date{}, true},
	} {
		err := PlausibleDate(tc.field, tc.day, today)
		var e *Error
		if tc.ok != (err == nil) || !tc.ok && (!errors.As(err, &e) || e.Field != tc.field) {
			t.Errorf("%s %s: %v", tc.field, tc.day.Format(time.DateOnly), err)
		}
	}
	t.Run("the message names the field and the range", func(t *testing.T) {
		err := PlausibleDate("birth_date", day(0, 1, 1), today)
		if msg := err.Error(); !strings.Contains(msg, "Ngày sinh 0000-01-01") || !strings.Contains(msg, "từ 1900-01-01 đến 2026-12-01") {
			t.Errorf("message %q", msg)
		}
	})
	t.Run("every field has a range", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Error("a field without a range does not panic")
			}
		}()
		PlausibleDate("someday", today, today)
	})
}

func TestPersonDates(t *testing.T) {
	today := day(2026, 12, 1)
	for name, p := range map[string]*Person{
		"birth_date":  {BirthDate: day(2027, 1, 1)},
		"birth_year":  {BirthYear: 1850},
		"status_date": {StatusDate: day(1900, 1, 1)},
	} {
		p.FullName, p.UnitID, p.Category = "Nguyễn Văn A", 1, CategoryMember
		var e *Error
		if err := p.Validate(today); !errors.As(err, &e) || e.Field != name {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestConferenceDates(t *testing.T) {
	today := day(2026, 12, 1)
	c := &Conference{Title: "Hội nghị", CampaignID: 1, UnitID: 1, Form: FormInPerson,
		StartsAt: time.Date(0, 1, 1, 8, 0, 0, 0, time.UTC), EndsAt: time.Date(0, 1, 1, 10, 0, 0, 0, time.UTC)}
	var e *Error
	if err := c.Validate(today); !errors.As(err, &e) || e.Field != "starts_at" {
		t.Errorf("a conference on 0000-01-01: %v", err)
	}
}

// TestDayOneIsNotAbsent: 0001-01-01 is time.Time's zero, which Date takes for no date; given,
// it is a day like any other, refused by the plausible ranges, while null, "" and a missing
// field stay no date.
func TestDayOneIsNotAbsent(t *testing.T) {
	today := day(2026, 12, 1)
	var p struct {
		Given   Date `json:"given"`
		Null    Date `json:"null"`
		Empty   Date `json:"empty"`
		Missing Date `json:"missing"`
	}
	if err := json.Unmarshal([]byte(`{"given":"0001-01-01","null":null,"empty":""}`), &p); err != nil {
		t.Fatal(err)
	}
	if p.Given.IsZero() || p.Given.Format(time.DateOnly) != "0001-01-01" {
		t.Errorf("0001-01-01 read as %v, zero %t", p.Given, p.Given.IsZero())
	}
	if !p.Null.IsZero() || !p.Empty.IsZero() || !p.Missing.IsZero() {
		t.Errorf("null, \"\" and missing read as %v, %v, %v", p.Null, p.Empty, p.Missing)
	}
	err := PlausibleDate("status_date", p.Given, today)
	if msg := err.Error(); !strings.Contains(msg, "Ngày bắt đầu trạng thái 0001-01-01 không hợp lệ") {
		t.Errorf("0001-01-01 given: %v", err)
	}
	if b, _ := json.Marshal(p.Given); string(b) != `"0001-01-01"` {
		t.Errorf("0001-01-01 written as %s", b)
	}
	if d := GivenDate(time.Date(2023, 1, 31, 0, 0, 0, 0, time.UTC)); d != day(2023, 1, 31) {
		t.Errorf("another day given: %v", d)
	}
}
