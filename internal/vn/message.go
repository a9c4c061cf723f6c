package vn

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tuyengiao"
)

// Message writes err for a Vietnamese reader: the key of its tuyengiao.UserError formatted
// with its arguments by Text; "" for nil.
func Message(err error) string {
	e := tuyengiao.UserError(err)
	if e == nil {
		return ""
	}
	return Text(e.Key, e.Args...)
}

// Text writes the message key, a fmt format, with its arguments the Vietnamese way: an
// integer as a quantity with Int (20.012), except under the verb %v, which writes the digits
// alone of a number that names something (a year, a row, an identifier); a float as Decimal
// with the verb's precision (%.1f of 97.4 is 97,4); a tuyengiao.Date as Date (31/01/2023); a
// time.Time as DateTime in Vietnam; an error as its Message; a tuyengiao.Clause as a clause
// (Clause). Text and other values are written by their verb, as fmt does.
func Text(key string, args ...any) string {
	var b strings.Builder
	for {
		verb, i := nextVerb(key)
		if verb == "" {
			b.WriteString(key)
			return b.String()
		}
		b.WriteString(key[:i])
		key = key[i+len(verb):]
		switch {
		case verb == "%%":
			b.WriteByte('%')
		case len(args) == 0:
			b.WriteString(verb)
		default:
			b.WriteString(arg(verb, args[0]))
			args = args[1:]
		}
	}
}

// nextVerb returns the first verb of a format ("%d", "%.1f", "%q", "%%") and where it starts;
// "" when there is none.
func nextVerb(format string) (string, int) {
	i := strings.IndexByte(format, '%')
	if i < 0 {
		return "", 0
	}
	n := strings.IndexFunc(format[i+1:], func(r rune) bool { return !strings.ContainsRune("+-# 0123456789.", r) })
	if n < 0 {
		return "", 0
	}
	_, size := utf8.DecodeRuneInString(format[i+1+n:])
	return format[i : i+1+n+size], i
}

// arg writes one argument of Text for its verb.
func arg(verb string, a any) string {
	switch v := a.(type) {
	case int:
		if verb != "%v" {
			return Int(int64(v))
		}
	case int64:
		if verb != "%v" {
			return Int(v)
		}
	case float64:
		return Decimal(v, precision(verb))
	case tuyengiao.Date:
		return Date(v.Time)
	case time.Time:
		return DateTime(v)
	case tuyengiao.Clause:
		return Clause(Message(v.Err))
	case error:
		return Message(v)
	}
	return fmt.Sprintf(verb, a)
}

// precision returns the precision a float verb asks for (%.1f: 1), 2 when it asks none.
func precision(verb string) int {
	if _, after, ok := strings.Cut(verb, "."); ok {
		if p, err := strconv.Atoi(after[:len(after)-1]); err == nil {
			return p
		}
	}
	return 2
}

// Clause writes a message written as a sentence ("Số điện thoại chỉ gồm chữ số.") as the
// clause that follows a colon ("số điện thoại chỉ gồm chữ số"): its first letter in lower
// case, without its final full stop.
func Clause(msg string) string {
	if msg == "" {
		return msg
	}
	r, n := utf8.DecodeRuneInString(msg)
	return string(unicode.ToLower(r)) + strings.TrimSuffix(msg[n:], ".")
}
