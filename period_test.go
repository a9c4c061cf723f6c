package tuyengiao

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// spanText writes a period as "kind from..to".
func spanText(p Period) string {
	return string(p.Kind) + " " + p.From.Format(time.DateOnly) + ".." + p.To.Format(time.DateOnly)
}

func TestParsePeriod(t *testing.T) {
	for _, tc := range []struct{ code, span, label string }{
		{"2026", "year 2026-01-01..2026-12-31", "Năm 2026"},
		{"2026-H1", "half 2026-01-01..2026-06-30", "6 tháng đầu năm 2026"},
		{"2026-H2", "half 2026-07-01..2026-12-31", "6 tháng cuối năm 2026"},
		{"2026-9M", "nine 2026-01-01..2026-09-30", "9 tháng năm 2026"},
		{"2026-Q1", "quarter 2026-01-01..2026-03-31", "Quý I/2026"},
		{"2026-Q3", "quarter 2026-07-01..2026-09-30", "Quý III/2026"},
		{"2026-Q4", "quarter 2026-10-01..2026-12-31", "Quý IV/2026"},
		{"2026-09", "month 2026-09-01..2026-09-30", "Tháng 9/2026"},
		{"2024-02", "month 2024-02-01..2024-02-29", "Tháng 2/2024"},
		{"2026-01-15..2026-03-31", "range 2026-01-15..2026-03-31", "Từ 15/01/2026 đến 31/03/2026"},
		{"2026-03-05..2026-03-05", "range 2026-03-05..2026-03-05", "Từ 05/03/2026 đến 05/03/2026"},
	} {
		t.Run(tc.code+" reads back as written, with its span and its label", func(t *testing.T) {
			p, err := ParsePeriod("period", tc.code)
			if err != nil {
				t.Fatal(err)
			}
			if got := spanText(p); got != tc.span {
				t.Errorf("span %s, want %s", got, tc.span)
			}
			if p.String() != tc.code {
				t.Errorf("String() %q, want %q", p.String(), tc.code)
			}
			if p.Label() != tc.label {
				t.Errorf("Label() %q, want %q", p.Label(), tc.label)
			}
		})
	}
	t.Run("white space around the code is ignored", func(t *testing.T) {
		if p, err := ParsePeriod("period", " 2026-Q2 "); err != nil || p != QuarterPeriod(2026, 2) {
			t.Errorf("%v, %v", p, err)
		}
	})
	for _, bad := range []string{"", "2026-", "26", "02026", "2026-Q0", "2026-Q5", "2026-H3", "2026-13", "2026-00", "2026-1",
		"2026-9", "2026-M9", "1929", "2201", "abcd", "2026-03-31..2026-01-15", "2026-01-01..", "2026-02-30..2026-03-01",
		"2000-01-01..2030-01-01"} {
		t.Run("refuses "+bad+" naming the field", func(t *testing.T) {
			_, err := ParsePeriod("period", bad)
			var e *Error
			if !errors.As(err, &e) || e.Code != EINVALID || e.Field != "period" || !strings.Contains(e.Error(), "2026-H1") {
				t.Errorf("got %v", err)
			}
		})
	}
}

func TestPeriodDays(t *testing.T) {
	q := QuarterPeriod(2024, 1)
	if q.Days() != 91 {
		t.Errorf("Q1 2024 has %d days, want 91", q.Days())
	}
	if !q.Contains(day(2024, 1, 1)) || !q.Contains(day(2024, 3, 31)) || q.Contains(day(2024, 4, 1)) || q.Contains(day(2023, 12, 31)) {
		t.Error("Contains misses an edge")
	}
	for k, want := range map[PeriodKind]string{PeriodMonth: "Tháng", PeriodHalf: "6 tháng", PeriodNine: "9 tháng", PeriodRange: "Khoảng thời gian"} {
		if k.Name() != want || !k.Valid() {
			t.Errorf("%s: %q", k, k.Name())
		}
	}
	if PeriodKind("week").Valid() {
		t.Error("week is not a kind")
	}
}

// before is a period and the span of the one a method returns before it.
type before struct {
	p    Period
	want string
}

func TestPeriodsBefore(t *testing.T) {
	for name, tc := range map[string]struct {
		of    func(Period) Period
		cases []before
	}{
		"the period before": {Period.Previous, []before{
			{MonthPeriod(2026, 1), "month 2025-12-01..2025-12-31"},
			{MonthPeriod(2024, 3), "month 2024-02-01..2024-02-29"},
			{QuarterPeriod(2026, 1), "quarter 2025-10-01..2025-12-31"},
			{QuarterPeriod(2026, 3), "quarter 2026-04-01..2026-06-30"},
			{HalfPeriod(2026, 1), "half 2025-07-01..2025-12-31"},
			{HalfPeriod(2026, 2), "half 2026-01-01..2026-06-30"},
			{YearPeriod(2026), "year 2025-01-01..2025-12-31"},
			// nine months are not a calendar kind to follow: the nine months before them
			{NinePeriod(2026), "range 2025-04-01..2025-12-31"},
			{RangePeriod(day(2026, 3, 1), day(2026, 3, 31)), "range 2026-01-29..2026-02-28"},
			{RangePeriod(day(2026, 3, 5), day(2026, 3, 5)), "range 2026-03-04..2026-03-04"},
		}},
		"the same period of the year before": {Period.YearBefore, []before{
			{MonthPeriod(2024, 2), "month 2023-02-01..2023-02-28"},
			{MonthPeriod(2025, 2), "month 2024-02-01..2024-02-29"},
			{QuarterPeriod(2026, 3), "quarter 2025-07-01..2025-09-30"},
			{HalfPeriod(2026, 1), "half 2025-01-01..2025-06-30"},
			{NinePeriod(2026), "nine 2025-01-01..2025-09-30"},
			{YearPeriod(2024), "year 2023-01-01..2023-12-31"},
			{RangePeriod(day(2024, 2, 1), day(2024, 2, 29)), "range 2023-02-01..2023-02-28"},
			{RangePeriod(day(2024, 2, 29), day(2024, 3, 10)), "range 2023-02-28..2023-03-10"},
			{RangePeriod(day(2025, 1, 15), day(2025, 3, 31)), "range 2024-01-15..2024-03-31"},
		}},
	} {
		for _, c := range tc.cases {
			if got := spanText(tc.of(c.p)); got != c.want {
				t.Errorf("%s %s: %s, want %s", name, c.p, got, c.want)
			}
		}
	}
}

func TestPeriodContaining(t *testing.T) {
	for _, tc := range []struct {
		k    PeriodKind
		d    Date
		want string
	}{
		{PeriodMonth, day(2024, 2, 29), "2024-02"},
		{PeriodQuarter, day(2026, 8, 15), "2026-Q3"},
		{PeriodQuarter, day(2026, 12, 31), "2026-Q4"},
		{PeriodHalf, day(2026, 6, 30), "2026-H1"},
		{PeriodHalf, day(2026, 7, 1), "2026-H2"},
		{PeriodNine, day(2026, 9, 30), "2026-9M"},
		{PeriodYear, day(2026, 1, 1), "2026"},
	} {
		p := PeriodContaining(tc.k, tc.d)
		if p.String() != tc.want || !p.Contains(tc.d) {
			t.Errorf("the %s of %s: %s, want %s", tc.k, tc.d.Format(time.DateOnly), p, tc.want)
		}
	}
	t.Run("the nine months of a day in the last quarter are those of its year", func(t *testing.T) {
		if p := PeriodContaining(PeriodNine, day(2026, 11, 20)); p != NinePeriod(2026) {
			t.Errorf("got %s", p)
		}
	})
}
