package vn

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Zone is the time zone in which times are shown: Asia/Ho_Chi_Minh (UTC+7, no daylight
// saving), fixed so that the binary needs no zoneinfo.
var Zone = time.FixedZone("ICT", 7*60*60)

// Int writes n the Vietnamese way, with '.' grouping thousands: 20012 → "20.012".
func Int(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Decimal writes x with the given number of decimals, ',' as the decimal mark and '.' grouping
// thousands, dropping a zero fraction: 97.4 → "97,4", 85.0 → "85", 626.5 → "626,5".
func Decimal(x float64, decimals int) string {
	p := math.Pow(10, float64(decimals))
	x = math.Round(x*p) / p
	whole, frac := math.Modf(math.Abs(x))
	s := Int(int64(whole))
	if x < 0 {
		s = "-" + s
	}
	if decimals > 0 && frac != 0 {
		f := strconv.FormatFloat(frac, 'f', decimals, 64)[2:]
		s += "," + strings.TrimRight(f, "0")
	}
	return s
}

// Percent writes num/den as a percentage with one decimal: 974/1000 → "97,4%". A zero
// denominator gives "–", since no rate exists.
func Percent(num, den int64) string {
	if den == 0 {
		return "–"
	}
	return Decimal(float64(num)*100/float64(den), 1) + "%"
}

// Date writes t's calendar day in Vietnam as "31/01/2023"; the zero time gives "".
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Zone).Format("02/01/2006")
}

// DateTime writes t in Vietnam as "31/01/2023 09:38".
func DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Zone).Format("02/01/2006 15:04")
}

// ParseDate reads a calendar day written "31/01/2023", "31-01-2023", "31.01.2023" or
// "2023-01-31" (the day first, as Vietnamese write it, unless the year comes first). It
// returns the day at midnight UTC.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2/1/2006", "2-1-2006", "2.1.2006", "2006-1-2"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, &time.ParseError{Value: s, Message: ": not a date"}
}
