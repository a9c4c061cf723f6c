// Package tuyengiao holds the domain of the work-management system of a Party propaganda and
// education commission (Ban Tuyên giáo): its types, their validation, the access rules, the
// service interfaces the adapters implement, and the error codes. It imports only the
// standard library.
package tuyengiao

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Error codes. Every error a user can see carries one of them; the web layer maps each to an
// HTTP status.
const (
	ECONFLICT     = "conflict"             // the change clashes with existing data (duplicate code, ...)
	EFORBIDDEN    = "forbidden"            // the caller may not do this
	EINTERNAL     = "internal"             // a fault of the system, not of the caller
	EINVALID      = "invalid"              // the input is wrong; Field or Row names where
	ENOTFOUND     = "not_found"            // no such object (or not visible to the caller)
	ETOOLARGE     = "too_large"            // an upload or a request exceeds a limit
	ETOOMANY      = "too_many"             // rate limited
	EUNAUTHORIZED = "unauthorized"         // not logged in, or the session has ended
	EPASSWORD     = "must_change_password" // logged in, but the password must be changed first
	EMETHOD       = "method_not_allowed"   // the address does not take the request's method
	EBUSY         = "busy"                 // the server is at its capacity; the same request may succeed in a few seconds
)

// Error is the one error type of the system: a code, a message, and where known the field or
// the spreadsheet row it is about. The message is kept as a key with its arguments and written
// in the reader's language only where it is shown (internal/vn writes it in Vietnamese,
// internal/web in the language of the request), so that every language gets all of it.
type Error struct {
	Code string
	// Key is the message in Vietnamese as a fmt format ("Dòng %v: thiếu họ và tên"): the text
	// Vietnamese readers see, and the key of its translations.
	Key string
	// Args are the values of Key's verbs as values rather than text, so that each language
	// writes them its way: integers (under %d a quantity, written 20.012 in Vietnamese; under
	// %v a number that names something, a year, a row or an identifier, written as its
	// digits), floats, text, Dates, times, errors whose message is part of this one, and
	// Clauses.
	Args  []any
	Field string // form or JSON field name, when the error is about one field
	Row   int    // 1-based spreadsheet row, when the error is about one row of an import
}

// Error writes the error for logs: its code, its field and its message written plainly.
func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("tuyengiao error: code=%s field=%s message=%s", e.Code, e.Field, e.plain())
	}
	return fmt.Sprintf("tuyengiao error: code=%s message=%s", e.Code, e.plain())
}

// plain writes the message with its arguments as fmt writes them, but a Date as 2006-01-02
// and a message inside as its own text, not as an error.
func (e *Error) plain() string {
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		switch a := a.(type) {
		case Date:
			args[i] = a.Format(time.DateOnly)
		case *Error:
			args[i] = a.plain()
		case Clause:
			args[i] = a.Err.plain()
		default:
			args[i] = a
		}
	}
	return fmt.Sprintf(e.Key, args...)
}

// Errorf returns an *Error with the code, the message key format and its arguments.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Key: format, Args: args}
}

// FieldError returns an EINVALID *Error about one field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Key: format, Args: args}
}

// Clause is an argument of a message that holds another message as a clause after a colon
// ("Dòng 3: số điện thoại chỉ gồm chữ số"): written with its first letter in lower case and
// without its final full stop.
type Clause struct{ Err *Error }

// ErrorCode returns the code of err, EINTERNAL for an error that is not an *Error, and ""
// for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// UserError returns err as the *Error a user may be shown: err's own, or for any other error
// (a fault of the system, whose text is not for users) a generic EINTERNAL one; nil for nil.
func UserError(err error) *Error {
	var e *Error
	if err == nil {
		return nil
	} else if errors.As(err, &e) {
		return e
	}
	return Errorf(EINTERNAL, "Lỗi hệ thống. Vui lòng thử lại sau hoặc báo cho quản trị viên.")
}

type contextKey int

const principalKey contextKey = iota

// NewContext returns a copy of ctx carrying the principal on whose behalf the work is done.
func NewContext(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey, p)
}

// PrincipalFrom returns the principal carried by ctx, or nil when there is none (the public).
func PrincipalFrom(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey).(*Principal)
	return p
}
