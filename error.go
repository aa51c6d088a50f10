package jic

import (
	"errors"
	"fmt"
)

// Error codes shared by every layer. The HTTP server maps each to one status
// and the CLI to one exit code (see internal/server and cmd/jic).
const (
	EINVALID      = "invalid"      // the input is malformed or breaks a rule
	ENOTFOUND     = "not_found"    // no such item, or the caller may not know it exists
	ECONFLICT     = "conflict"     // the change collides with the current state
	EUNAUTHORIZED = "unauthorized" // the caller is not authenticated
	EFORBIDDEN    = "forbidden"    // the caller is authenticated but may not do this
	ETOOLARGE     = "too_large"    // the input exceeds a configured limit
	ETOOMANY      = "too_many"     // too many attempts; try again later
	EINTERNAL     = "internal"     // a fault on our side; details are in the log
	EUNAVAILABLE  = "unavailable"  // a dependency is down or the node is not ready
)

// Error is a domain error: a code callers branch on, a message a user can
// read, and optionally the field of the input that is wrong.
type Error struct {
	Code    string
	Message string
	Field   string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("jic %s: %s: %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("jic %s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldErrorf returns an EINVALID-class *Error that names the offending field.
func FieldErrorf(code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the user-facing message of err: the message of the
// first *Error in its chain, or a generic one for internal faults so that
// internals never leak to users.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		if e.Field != "" {
			return e.Field + ": " + e.Message
		}
		return e.Message
	default:
		return "internal error"
	}
}

// ErrorField returns the input field named by the first *Error in err's chain.
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}
