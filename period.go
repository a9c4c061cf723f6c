package tuyengiao

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PeriodKind is the kind of a reporting period.
type PeriodKind string

// The kinds of period the commission reports on.
const (
	PeriodMonth   PeriodKind = "month"   // tháng
	PeriodQuarter PeriodKind = "quarter" // quý
	PeriodHalf    PeriodKind = "half"    // 6 tháng đầu năm (H1) or cuối năm (H2)
	PeriodNine    PeriodKind = "nine"    // 9 tháng (January to September)
	PeriodYear    PeriodKind = "year"    // năm
	PeriodRange   PeriodKind = "range"   // any range of days
)

// PeriodKinds lists the kinds of period a data set can be reported for, shortest first.
var PeriodKinds = []PeriodKind{PeriodMonth, PeriodQuarter, PeriodHalf, PeriodNine, PeriodYear}

// Name returns the Vietnamese name of the kind.
func (k PeriodKind) Name() string {
	switch k {
	case PeriodMonth:
		return "Tháng"
	case PeriodQuarter:
		return "Quý"
	case PeriodHalf:
		return "6 tháng"
	case PeriodNine:
		return "9 tháng"
	case PeriodYear:
		return "Năm"
	case PeriodRange:
		return "Khoảng thời gian"
	}
	return string(k)
}

// Valid reports whether k is one of PeriodKinds or PeriodRange.
func (k PeriodKind) Valid() bool { return k == PeriodRange || k.index() >= 0 }

func (k PeriodKind) index() int {
	for i, x := range PeriodKinds {
		if x == k {
			return i
		}
	}
	return -1
}

// Period is a span of whole days, From to To both included, of a kind. A period of a
// calendar kind starts and ends where its kind says (a quarter is three whole months); a
// PeriodRange is any span.
type Period struct {
	Kind PeriodKind `json:"kind"`
	From Date       `json:"from"`
	To   Date       `json:"to"`
}

// MonthPeriod, QuarterPeriod, HalfPeriod, NinePeriod and YearPeriod return the period of
// their kind: month 1–12, quarter 1–4, half 1–2 of year.
func MonthPeriod(year, month int) Period {
	return span(PeriodMonth, year, month, 1)
}

// QuarterPeriod returns quarter q (1–4) of year.
func QuarterPeriod(year, q int) Period { return span(PeriodQuarter, year, 3*q-2, 3) }

// HalfPeriod returns half h (1: the first six months, 2: the last six) of year.
func HalfPeriod(year, h int) Period { return span(PeriodHalf, year, 6*h-5, 6) }

// NinePeriod returns January to September of year.
func NinePeriod(year int) Period { return span(PeriodNine, year, 1, 9) }

// YearPeriod returns the calendar year.
func YearPeriod(year int) Period { return span(PeriodYear, year, 1, 12) }

// RangePeriod returns the days from to to, both included.
func RangePeriod(from, to Date) Period { return Period{Kind: PeriodRange, From: from, To: to} }

func span(k PeriodKind, year, month, months int) Period {
	from := day(year, time.Month(month), 1)
	return Period{Kind: k, From: from, To: Date{from.AddDate(0, months, -1)}}
}

// ParsePeriod reads a period from its code (Period.String): "2026" a year, "2026-H1" a
// half, "2026-Q3" a quarter, "2026-9M" nine months, "2026-09" a month, and
// "2026-01-15..2026-03-31" a range of days. Anything else is an EINVALID naming field.
func ParsePeriod(field, s string) (Period, error) {
	s = strings.TrimSpace(s)
	bad := FieldError(field, "Kỳ báo cáo %q không hợp lệ: viết 2026, 2026-H1, 2026-Q3, 2026-9M, 2026-09 hoặc 2026-01-15..2026-03-31.", s)
	if from, to, ok := strings.Cut(s, ".."); ok {
		f, err1 := ParseDate(from)
		t, err2 := ParseDate(to)
		if err1 != nil || err2 != nil || t.Before(f.Time) || t.Sub(f.Time) > 20*366*24*time.Hour {
			return Period{}, bad
		}
		return RangePeriod(f, t), nil
	}
	ys, rest, dash := strings.Cut(s, "-")
	year, err := strconv.Atoi(ys)
	if err != nil || len(ys) != 4 || year < 1930 || year > 2200 {
		return Period{}, bad
	}
	num := func(prefix string, max int) (int, bool) {
		n, err := strconv.Atoi(strings.TrimPrefix(rest, prefix))
		return n, err == nil && strings.HasPrefix(rest, prefix) && n >= 1 && n <= max
	}
	switch {
	case !dash:
		return YearPeriod(year), nil
	case rest == "9M":
		return NinePeriod(year), nil
	case strings.HasPrefix(rest, "H"):
		if h, ok := num("H", 2); ok {
			return HalfPeriod(year, h), nil
		}
	case strings.HasPrefix(rest, "Q"):
		if q, ok := num("Q", 4); ok {
			return QuarterPeriod(year, q), nil
		}
	case len(rest) == 2:
		if m, ok := num("", 12); ok {
			return MonthPeriod(year, m), nil
		}
	}
	return Period{}, bad
}

// String returns the code of the period, which ParsePeriod reads back.
func (p Period) String() string {
	y, m := p.From.Year(), int(p.From.Month())
	switch p.Kind {
	case PeriodYear:
		return strconv.Itoa(y)
	case PeriodHalf:
		return fmt.Sprintf("%d-H%d", y, (m+5)/6)
	case PeriodNine:
		return fmt.Sprintf("%d-9M", y)
	case PeriodQuarter:
		return fmt.Sprintf("%d-Q%d", y, (m+2)/3)
	case PeriodMonth:
		return fmt.Sprintf("%d-%02d", y, m)
	}
	return p.From.Format("2006-01-02") + ".." + p.To.Format("2006-01-02")
}

// Label returns the period in the words of the reports: "6 tháng đầu năm 2026", "Quý
// III/2026", "Tháng 9/2026", "9 tháng năm 2026", "Năm 2026", "Từ 15/01/2026 đến 31/03/2026".
func (p Period) Label() string {
	y, m := p.From.Year(), int(p.From.Month())
	switch p.Kind {
	case PeriodYear:
		return fmt.Sprintf("Năm %d", y)
	case PeriodHalf:
		if m == 1 {
			return fmt.Sprintf("6 tháng đầu năm %d", y)
		}
		return fmt.Sprintf("6 tháng cuối năm %d", y)
	case PeriodNine:
		return fmt.Sprintf("9 tháng năm %d", y)
	case PeriodQuarter:
		return fmt.Sprintf("Quý %s/%d", [...]string{"I", "II", "III", "IV"}[(m-1)/3], y)
	case PeriodMonth:
		return fmt.Sprintf("Tháng %d/%d", m, y)
	}
	return fmt.Sprintf("Từ %s đến %s", dayText(p.From), dayText(p.To))
}

// Contains reports whether day d lies in the period.
func (p Period) Contains(d Date) bool { return !d.Before(p.From.Time) && !d.After(p.To.Time) }

// Days returns the number of days of the period.
func (p Period) Days() int { return int(p.To.Sub(p.From.Time).Hours()/24) + 1 }

// Previous returns the period of the same kind just before p: the month, quarter or half
// before, the year before; for nine months, the nine calendar months before (April to
// December of the year before, a PeriodRange, as nine months do not follow one another);
// for a range, the span of as many days that ends the day before p starts.
func (p Period) Previous() Period {
	to := Date{p.From.AddDate(0, 0, -1)}
	switch p.Kind {
	case PeriodMonth, PeriodQuarter, PeriodHalf, PeriodYear:
		months := map[PeriodKind]int{PeriodMonth: 1, PeriodQuarter: 3, PeriodHalf: 6, PeriodYear: 12}[p.Kind]
		from := p.From.AddDate(0, -months, 0)
		return span(p.Kind, from.Year(), int(from.Month()), months)
	case PeriodNine:
		return RangePeriod(Date{p.From.AddDate(0, -9, 0)}, to)
	}
	return RangePeriod(Date{to.AddDate(0, 0, 1-p.Days())}, to)
}

// YearBefore returns the same period of the year before (cùng kỳ năm trước). A range that
// ends on 29 February ends on 28 February.
func (p Period) YearBefore() Period {
	back := func(d Date) Date {
		t := d.AddDate(-1, 0, 0)
		if t.Day() != d.Day() { // 29 February normalised to 1 March
			t = t.AddDate(0, 0, -t.Day())
		}
		return Date{t}
	}
	if p.Kind == PeriodRange {
		return RangePeriod(back(p.From), back(p.To))
	}
	q := p
	q.From = back(p.From)
	q.To = Date{span(PeriodMonth, q.From.Year(), int(p.To.Month()), 1).To.Time}
	return q
}

// PeriodContaining returns the period of kind k (not PeriodRange) that contains day d; for
// nine months, January to September of d's year, which holds d only up to September.
func PeriodContaining(k PeriodKind, d Date) Period {
	y, m := d.Year(), int(d.Month())
	switch k {
	case PeriodMonth:
		return MonthPeriod(y, m)
	case PeriodQuarter:
		return QuarterPeriod(y, (m+2)/3)
	case PeriodHalf:
		return HalfPeriod(y, (m+5)/6)
	case PeriodNine:
		return NinePeriod(y)
	}
	return YearPeriod(y)
}
