package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// Page sizes of lists.
const (
	defaultLimit = 50
	maxLimit     = 500
)

// pathID reads a numeric path value; anything else is ENOTFOUND, as no such object exists.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy.")
	}
	return id, nil
}

// formID reads the numeric path value "id" of a form post and parses the form.
func formID(r *http.Request) (int64, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return 0, err
	}
	return id, r.ParseForm()
}

// jsonID reads the numeric path value "id" of an API call and its JSON body into v.
func jsonID(r *http.Request, v any) (int64, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return 0, err
	}
	return id, decodeJSON(r, v)
}

// shownForm returns the values a form page starts from: what was posted, when it is shown
// again after an error, or else the query (?unit=, ?parent=) that opened it.
func shownForm(r *http.Request) url.Values {
	if r.Method == http.MethodPost {
		return r.PostForm
	}
	return r.URL.Query()
}

// queryInt reads an optional integer query or form value; a bad value is an EINVALID error
// naming the field.
func queryInt(v url.Values, name string) (int64, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, tuyengiao.FieldError(name, "Giá trị %q của trường %s không phải số hợp lệ.", s, name)
	}
	return n, nil
}

// page returns offset and limit from the query: ?offset=&limit= (limit at most maxLimit).
func pageParams(v url.Values) (offset, limit int, err error) {
	o, err := queryInt(v, "offset")
	if err != nil {
		return 0, 0, err
	}
	l, err := queryInt(v, "limit")
	if err != nil {
		return 0, 0, err
	}
	if l == 0 {
		l = defaultLimit
	}
	return int(o), int(min(l, maxLimit)), nil
}

// queryDate reads an optional date given as 2023-01-31 or 31/01/2023.
func queryDate(v url.Values, name string) (time.Time, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return time.Time{}, nil
	}
	t, err := vn.ParseDate(s)
	if err != nil {
		return time.Time{}, tuyengiao.FieldError(name, "Ngày %q không hợp lệ (ví dụ 31/01/2023).", s)
	}
	return t, nil
}

// formDay reads an optional day of a form as queryDate does: an empty field is the zero
// Date, a day given never is (tuyengiao.GivenDate), so that 01/01/0001 is refused as
// implausible rather than taken for no day.
func formDay(v url.Values, name string) (tuyengiao.Date, error) {
	if strings.TrimSpace(v.Get(name)) == "" {
		return tuyengiao.Date{}, nil
	}
	t, err := queryDate(v, name)
	return tuyengiao.GivenDate(t), err
}

// unitFilter reads a unit list filter from a query: root, parent, q, kind, closed, offset,
// limit.
func unitFilter(v url.Values) (tuyengiao.UnitFilter, error) {
	var f tuyengiao.UnitFilter
	var err error
	if f.RootID, err = queryInt(v, "root"); err != nil {
		return f, err
	}
	if f.ParentID, err = queryInt(v, "parent"); err != nil {
		return f, err
	}
	f.Query, f.Kind = vn.NFC(v.Get("q")), v.Get("kind")
	f.IncludeClosed = v.Get("closed") == "1" || v.Get("closed") == "true"
	f.Offset, f.Limit, err = pageParams(v)
	return f, err
}

// personFilter reads a people list filter from a query: root, q, category, status, offset,
// limit.
func personFilter(v url.Values) (tuyengiao.PersonFilter, error) {
	var f tuyengiao.PersonFilter
	var err error
	if f.RootID, err = queryInt(v, "root"); err != nil {
		return f, err
	}
	f.Query = vn.NFC(v.Get("q"))
	f.Category = tuyengiao.Category(v.Get("category"))
	if f.Category != "" && !f.Category.Valid() {
		return f, tuyengiao.FieldError("category", "Đối tượng không hợp lệ.")
	}
	f.Status = tuyengiao.PersonStatus(v.Get("status"))
	if f.Status != "" && f.Status != "all" && !f.Status.Valid() {
		return f, tuyengiao.FieldError("status", "Trạng thái không hợp lệ.")
	}
	f.Offset, f.Limit, err = pageParams(v)
	return f, err
}

// auditFilter reads an audit log filter from a query: root, login, action, outcome, from,
// to (both days, to inclusive), offset, limit.
func auditFilter(v url.Values) (tuyengiao.AuditFilter, error) {
	var f tuyengiao.AuditFilter
	var err error
	if f.RootID, err = queryInt(v, "root"); err != nil {
		return f, err
	}
	f.Login, f.Action, f.Outcome = strings.TrimSpace(v.Get("login")), v.Get("action"), v.Get("outcome")
	if f.From, err = queryDate(v, "from"); err != nil {
		return f, err
	}
	// A day is shown in Vietnam's time; the range starts and ends at its midnight there.
	if !f.From.IsZero() {
		f.From = f.From.Add(-7 * time.Hour)
	}
	to, err := queryDate(v, "to")
	if err != nil {
		return f, err
	}
	if !to.IsZero() {
		f.To = to.Add(17 * time.Hour)
	}
	f.Offset, f.Limit, err = pageParams(v)
	return f, err
}

// list is the JSON form of one page of a list.
type list[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

func newList[T any](items []T, total int) list[T] {
	if items == nil {
		items = []T{}
	}
	return list[T]{Items: items, Total: total}
}
