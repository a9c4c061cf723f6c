// Package tuyengiao holds the domain of the work-management system of a Party propaganda and
// education commission (Ban Tuyên giáo): its types, their validation, the access rules, the
// service interfaces the adapters implement, and the error codes. It imports only the
// standard library.
package tuyengiao

import (
	"context"
	"errors"
	"fmt"
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
)

// Error is the one error type of the system: a code, a message in Vietnamese that can be shown
// to the user as it is, and where known the field or the spreadsheet row it is about.
type Error struct {
	Code    string
	Message string
	Field   string // form or JSON field name, when the error is about one field
	Row     int    // 1-based spreadsheet row, when the error is about one row of an import
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("tuyengiao error: code=%s field=%s message=%s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("tuyengiao error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the code and the formatted Vietnamese message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an EINVALID *Error about one field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}

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

// ErrorMessage returns the user-facing message of err; an error that is not an *Error gets a
// generic message so that internal details never reach the user.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Lỗi hệ thống. Vui lòng thử lại sau hoặc báo cho quản trị viên."
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
