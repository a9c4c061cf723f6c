package vn

import "strings"

// Phone returns a phone number as the system stores and searches it: its digits alone, the
// country code of Vietnam (+84, or 84 before the nine or ten digits of a national number)
// written as the leading 0, so that "0912 345 678", "098.765.4321", "+84 912 345 678" and
// "(024) 3825-1234" become "0912345678", "0987654321", "0912345678" and "02438251234". A
// text holding anything else than digits, spaces, dots, dashes, parentheses and a leading +
// is returned trimmed, unchanged, for the validation to refuse.
func Phone(s string) string {
	s = strings.TrimSpace(s)
	international := strings.HasPrefix(s, "+")
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')' || r == '\u00a0' || r == '+' && i == 0:
		default:
			return s
		}
	}
	d := b.String()
	if rest, ok := strings.CutPrefix(d, "84"); ok && (international || len(rest) == 9 || len(rest) == 10) {
		// "+84 0912 345 678": the national number written whole after the country code.
		return "0" + strings.TrimPrefix(rest, "0")
	}
	return d
}

// PhoneText writes a stored phone number grouped for reading: a mobile number of ten digits
// as 0912 345 678, a landline of eleven as 024 3825 1234; other numbers as they are.
func PhoneText(s string) string {
	if strings.Trim(s, "0123456789") != "" {
		return s
	}
	switch len(s) {
	case 10:
		return s[:4] + " " + s[4:7] + " " + s[7:]
	case 11:
		return s[:3] + " " + s[3:7] + " " + s[7:]
	}
	return s
}
