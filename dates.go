package tuyengiao

import "time"

// dateRange is the plausible range of the days of a field, named as messages name it: from
// first to yearsAhead years after today (0: today at the latest).
type dateRange struct {
	name       string
	first      Date
	yearsAhead int
}

// earliestWork is the first day of the work the system records (campaigns, conferences,
// essays): the records of a commission that are entered afterwards do not reach further back.
var earliestWork = day(2000, 1, 1)

// plannedYears is how far ahead work is planned: one congress term of five years.
const plannedYears = 5

// dateRanges are the plausible ranges of the dates users enter, by field. A day outside is a
// typing error (0000-01-01, a year of five digits, the wrong century), refused naming the
// field, on every path the field comes in by: forms, the API and imports.
var dateRanges = map[string]dateRange{
	// Nobody alive and active was born before 1900, nor is anyone born in the future.
	"birth_date": {"Ngày sinh", day(1900, 1, 1), 0},
	"birth_year": {"Năm sinh", day(1900, 1, 1), 0},
	// A status at a unit (joining, moving out, dying) is recorded once it happened, and the
	// Party and the organisations under it date from 1930.
	"status_date": {"Ngày bắt đầu trạng thái", day(1930, 1, 1), 0},
	// A document is registered once issued; the Party's own begin in 1930.
	"issued_on": {"Ngày ban hành", day(1930, 1, 1), 0},
	// A report is signed once written, on the day or after: never ahead.
	"signed_on": {"Ngày ký", earliestWork, 0},
	// Work is recorded from earliestWork and planned up to a term ahead.
	"start_on":  {"Ngày bắt đầu", earliestWork, plannedYears},
	"end_on":    {"Ngày kết thúc", earliestWork, plannedYears},
	"essay_due": {"Hạn nộp bài thu hoạch", earliestWork, plannedYears},
	"starts_at": {"Thời gian bắt đầu", earliestWork, plannedYears},
	"ends_at":   {"Thời gian kết thúc", earliestWork, plannedYears},
}

func day(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date { return day(t.Year(), t.Month(), t.Day()) }

// PlausibleDate refuses a day entered in field outside the plausible range of the field as
// of today (the day in Vietnam), naming the field and the range. The zero day is left to
// the caller, for the fields that may be empty.
func PlausibleDate(field string, d, today Date) error {
	r, _ := rangeOf(field, today)
	return r.check(field, d, today)
}

// check refuses, naming field, a day outside r as of today; the zero day is left to the
// caller.
func (r dateRange) check(field string, d, today Date) error {
	last := r.last(today)
	if !d.IsZero() && (d.Before(r.first.Time) || d.After(last.Time)) {
		return FieldError(field, "%s %s không hợp lệ: phải từ %s đến %s.", r.name, d, r.first, last)
	}
	return nil
}

// PlausibleYear refuses a year entered in field outside the years of the field's plausible
// range as of today; 0, no year, is left to the caller.
func PlausibleYear(field string, year int, today Date) error {
	r, last := rangeOf(field, today)
	if year != 0 && (year < r.first.Year() || year > last.Year()) {
		return FieldError(field, "%s %v không hợp lệ: phải từ %v đến %v.", r.name, year, r.first.Year(), last.Year())
	}
	return nil
}

// rangeOf returns the plausible range of field and its last day as of today. A field
// without one is a programming error and panics.
func rangeOf(field string, today Date) (dateRange, Date) {
	r, ok := dateRanges[field]
	if !ok {
		panic("tuyengiao: no plausible range for the date field " + field)
	}
	return r, r.last(today)
}

// last returns the last day of r as of today.
func (r dateRange) last(today Date) Date { return Date{today.AddDate(r.yearsAhead, 0, 0)} }

// dayText writes a day as Vietnamese do: "31/01/2023".
func dayText(d Date) string { return d.Format("02/01/2006") }
