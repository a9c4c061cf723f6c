package vn

import (
	"testing"
	"time"
)

func TestNumbers(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Int(20012), "20.012"},
		{Int(7600), "7.600"},
		{Int(999), "999"},
		{Int(-34300), "-34.300"},
		{Int(1234567), "1.234.567"},
		{Percent(974, 1000), "97,4%"},
		{Percent(965, 1000), "96,5%"},
		{Percent(85, 100), "85%"},
		{Percent(1, 0), "–"},
		{Decimal(626.5, 1), "626,5"},
		{Decimal(12345.678, 2), "12.345,68"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestDates(t *testing.T) {
	t.Run("a time is shown as its day in Vietnam", func(t *testing.T) {
		// 31/01/2023 at 20:00 UTC is already 01/02/2023 in Vietnam.
		if got := Date(time.Date(2023, 1, 31, 20, 0, 0, 0, time.UTC)); got != "01/02/2023" {
			t.Fatalf("got %q", got)
		}
		if got := DateTime(time.Date(2023, 1, 31, 2, 38, 0, 0, time.UTC)); got != "31/01/2023 09:38" {
			t.Fatalf("got %q", got)
		}
	})
	t.Run("dates are read day first in the usual ways", func(t *testing.T) {
		for _, s := range []string{"31/01/2023", "31-01-2023", "31.01.2023", "2023-01-31", " 31/1/2023 "} {
			d, err := ParseDate(s)
			if err != nil || d != time.Date(2023, 1, 31, 0, 0, 0, 0, time.UTC) {
				t.Errorf("ParseDate(%q) = %v, %v", s, d, err)
			}
		}
	})
	t.Run("an impossible date is refused", func(t *testing.T) {
		for _, s := range []string{"31/02/2023", "2023", "01/13/2023", ""} {
			if _, err := ParseDate(s); err == nil {
				t.Errorf("ParseDate(%q) accepted", s)
			}
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"31/01/2023", "2023-01-31", "1.1.1", "99/99/9999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err == nil && Date(d.Add(-7*time.Hour)) == "" {
			t.Fatalf("%q parsed to %v but does not format", s, d)
		}
	})
}
