package web

import (
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// status maps an error code to its HTTP status.
func status(code string) int {
	switch code {
	case tuyengiao.EINVALID:
		return http.StatusUnprocessableEntity
	case tuyengiao.ENOTFOUND:
		return http.StatusNotFound
	case tuyengiao.ECONFLICT:
		return http.StatusConflict
	case tuyengiao.EFORBIDDEN, tuyengiao.EPASSWORD:
		return http.StatusForbidden
	case tuyengiao.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case tuyengiao.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case tuyengiao.ETOOMANY:
		return http.StatusTooManyRequests
	case tuyengiao.EMETHOD:
		return http.StatusMethodNotAllowed
	case tuyengiao.EBUSY:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// busyRetryAfter is the Retry-After of an EBUSY answer, in seconds: long enough for a full
// queue to move on, short enough for a person trying again by hand.
const busyRetryAfter = "2"

// retryAfter tells a client answered with code when to try again, for the codes that have a
// when: EBUSY.
func retryAfter(w http.ResponseWriter, code string) {
	if code == tuyengiao.EBUSY {
		w.Header().Set("Retry-After", busyRetryAfter)
	}
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// errorBody is the JSON form of an error.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Field   string `json:"field,omitempty"`
		Row     int    `json:"row,omitempty"`
	} `json:"error"`
}

// fail is the one place where an error becomes a response: JSON under /api/, otherwise an
// HTML page, or a redirect to the login or password page. Internal errors are logged with
// the request id and shown to the user only as a generic message.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = tuyengiao.Errorf(tuyengiao.ETOOLARGE, "Dữ liệu gửi lên vượt quá giới hạn %s.", byteSize(mbe.Limit))
	}
	code := tuyengiao.ErrorCode(err)
	switch code {
	case tuyengiao.EINTERNAL:
		s.Logger.Error("internal error", "request_id", info(r).id, "route", info(r).route, "err", err)
	case tuyengiao.EBUSY: // the user is told to try again; the operator, why
		s.Logger.Warn("busy", "request_id", info(r).id, "route", info(r).route, "err", err)
	}
	retryAfter(w, code)
	if isAPI(r) {
		var body errorBody
		body.Error.Code, body.Error.Message = code, message(answerLang(r), err)
		var e *tuyengiao.Error
		if errors.As(err, &e) {
			body.Error.Field, body.Error.Row = e.Field, e.Row
		}
		writeJSON(w, status(code), body)
		return
	}
	switch {
	case code == tuyengiao.EUNAUTHORIZED && r.Method == http.MethodGet:
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	case code == tuyengiao.EPASSWORD:
		http.Redirect(w, r, "/password", http.StatusSeeOther)
		return
	}
	title := "Không thực hiện được"
	if code == tuyengiao.ENOTFOUND {
		title = "Không tìm thấy"
	}
	if rerr := s.renderCode(w, r, "error", &page{Title: title, Message: message(lang(r), err)}, status(code)); rerr != nil {
		s.Logger.Error("render error page", "request_id", info(r).id, "err", rerr)
	}
}

// message writes err for a reader of the language lang ("vi" or "en"): in Vietnamese by
// vn.Message; in English with its key and its text arguments translated by english (a text
// without English stays in Vietnamese), numbers and dates written by vn.Text as the English
// pages write them.
func message(lang string, err error) string {
	e := tuyengiao.UserError(err)
	if lang != "en" || e == nil {
		return vn.Message(err)
	}
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		switch a := a.(type) {
		case string:
			args[i] = inLang(lang, a)
		case tuyengiao.Clause:
			args[i] = vn.Clause(message(lang, a.Err))
		case error:
			args[i] = message(lang, a)
		default:
			args[i] = a
		}
	}
	return vn.Text(inLang(lang, e.Key), args...)
}

// answerLang returns the language of an API answer: the one the user chose for the pages
// (lang), or English for a client that asks for it first (Accept-Language: en, en-GB, ...),
// since a client of the API may hold no cookie.
func answerLang(r *http.Request) string {
	first, _, _ := strings.Cut(r.Header.Get("Accept-Language"), ",")
	first, _, _ = strings.Cut(first, ";")
	if tag := strings.ToLower(strings.TrimSpace(first)); tag == "en" || strings.HasPrefix(tag, "en-") {
		return "en"
	}
	return lang(r)
}

// unrouted answers what no route takes with the application's own error, a page or under
// /api/ the JSON error, instead of the mux's plain English text: an unknown address is
// ENOTFOUND (404, notFound), a method the address does not take EMETHOD (405, with the Allow
// header the mux sets). Everything else goes to the mux.
func (s *Server) unrouted(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		// The mux's own answer tells a wrong method from an unknown address.
		rec := &headerRecorder{header: http.Header{}}
		h.ServeHTTP(rec, r)
		if rec.code == http.StatusMethodNotAllowed {
			w.Header()["Allow"] = rec.header["Allow"]
			s.failUnrouted(w, r, tuyengiao.Errorf(tuyengiao.EMETHOD, "Địa chỉ này không nhận yêu cầu %s.", r.Method))
			return
		}
		s.notFound(w, r)
	})
}

// notFound answers an address that names nothing, outside any route: ENOTFOUND (404).
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.failUnrouted(w, r, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không có trang nào ở địa chỉ này."))
}

// failUnrouted is fail for a request no route's handler took, and which was therefore not
// authenticated: the page shows the logged-in user's menu, as every page does.
func (s *Server) failUnrouted(w http.ResponseWriter, r *http.Request, err error) {
	if !isAPI(r) {
		if ctx, aerr := s.authenticate(r); aerr == nil {
			r = r.WithContext(ctx)
		}
	}
	s.fail(w, r, err)
}

// checkText refuses the value s of field when it is not text (vn.IsText): invalid UTF-8, or
// the replacement character U+FFFD that a decoder put in its place.
func checkText(field, s string) error {
	if vn.IsText(s) {
		return nil
	}
	return tuyengiao.FieldError(field, "Trường %s có ký tự không đọc được (dữ liệu không đúng mã UTF-8); hãy nhập lại nội dung này.", fieldName(field))
}

// checkForm refuses a form with a value that is not text (checkText), naming the first such
// field in the order of their names.
func checkForm(form url.Values) error {
	for _, field := range slices.Sorted(maps.Keys(form)) {
		for _, v := range form[field] {
			if err := checkText(field, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// headerRecorder keeps the status and headers a handler answers with, and drops its body.
type headerRecorder struct {
	header http.Header
	code   int
}

func (h *headerRecorder) Header() http.Header         { return h.header }
func (h *headerRecorder) Write(b []byte) (int, error) { return len(b), nil }
func (h *headerRecorder) WriteHeader(code int)        { h.code = code }

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}

// byteSize writes a limit in MiB or KiB, for messages.
func byteSize(n int64) string {
	if n >= 1<<20 {
		return formatInt(n>>20) + " MB"
	}
	return formatInt(n>>10) + " KB"
}
