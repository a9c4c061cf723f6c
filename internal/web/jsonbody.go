package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// decodeJSON reads the JSON body of r into v, a pointer (see unmarshalBody). A body beyond
// the route's limit stays an *http.MaxBytesError, which fail words.
func decodeJSON(r *http.Request, v any) error {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return err
	}
	return unmarshalBody(b, v)
}

// unmarshalBody reads the JSON body b into v, a pointer, more strictly than encoding/json:
// one value and nothing after it; no field that v does not have, so that a typo in a field
// name is an error rather than a silent no-op; no null where v cannot hold one (a number, a
// string, a struct: encoding/json would keep the zero value, "target": null storing 0),
// while a pointer, a slice, a map or a type that reads JSON itself (tuyengiao.Date) takes
// null as absent; every string cleaned by vn.Clean. Every error is an EINVALID
// *tuyengiao.Error in Vietnamese naming the field by its path ("audiences[1].target").
//
// The body is first read as plain JSON values and checked against v's type, then decoded
// into v, written again first when cleaning changed a string: the check is where the
// messages come from, the second decoding only fills v.
func unmarshalBody(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var body any
	if err := dec.Decode(&body); err != nil {
		return jsonSyntaxError(err)
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		return tuyengiao.Errorf(tuyengiao.EINVALID, "Dữ liệu JSON còn phần thừa sau giá trị đầu tiên (từ vị trí %d).", end)
	}
	c := &bodyCheck{}
	body, err := c.checkJSON(body, reflect.TypeOf(v).Elem(), "")
	if err != nil {
		return err
	}
	if c.cleaned {
		// body holds only what encoding/json produced, which it can always write again.
		b, _ = json.Marshal(body)
	}
	dec = json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		// checkJSON refused everything encoding/json refuses; this is a fault of the check.
		return tuyengiao.Errorf(tuyengiao.EINTERNAL, "decode checked JSON: %v", err)
	}
	return nil
}

// jsonSyntaxError words an error of reading JSON that is not valid.
func jsonSyntaxError(err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return tuyengiao.Errorf(tuyengiao.EINVALID, "Dữ liệu JSON sai cú pháp ở vị trí %d.", se.Offset)
	case errors.Is(err, io.EOF):
		return tuyengiao.Errorf(tuyengiao.EINVALID, "Chưa có dữ liệu JSON.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return tuyengiao.Errorf(tuyengiao.EINVALID, "Dữ liệu JSON bị cắt cụt.")
	}
	return tuyengiao.Errorf(tuyengiao.EINVALID, "Dữ liệu JSON không đọc được.")
}

var jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()

// bodyCheck checks a JSON body and cleans its strings, noting whether that changed any.
type bodyCheck struct{ cleaned bool }

// clean returns s cleaned (vn.Clean).
func (c *bodyCheck) clean(s string) string {
	cs := vn.Clean(s)
	c.cleaned = c.cleaned || cs != s
	return cs
}

// checkJSON checks the JSON value val, as encoding/json decodes into any (with UseNumber),
// against the Go type t of field path, and returns it with its strings cleaned; a string or
// map key that is not text, which encoding/json made of an invalid byte or a lone surrogate,
// is refused (checkText).
func (c *bodyCheck) checkJSON(val any, t reflect.Type, path string) (any, error) {
	if s, ok := val.(string); ok {
		if err := checkText(path, s); err != nil {
			return nil, err
		}
	}
	if reflect.PointerTo(t).Implements(jsonUnmarshaler) {
		return val, checkUnmarshaler(val, t, path)
	}
	if val == nil {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
			return nil, nil
		}
		return nil, tuyengiao.FieldError(path, "Trường %s không nhận giá trị null.", fieldName(path))
	}
	switch t.Kind() {
	case reflect.Pointer:
		return c.checkJSON(val, t.Elem(), path)
	case reflect.Interface:
		return c.cleanJSON(val), nil
	case reflect.Struct:
		if obj, ok := val.(map[string]any); ok {
			return c.checkObject(obj, t, path)
		}
	case reflect.Map:
		if obj, ok := val.(map[string]any); ok && t.Key().Kind() == reflect.String {
			return c.checkMap(obj, t, path)
		}
	case reflect.Slice, reflect.Array:
		if arr, ok := val.([]any); ok {
			return c.checkArray(arr, t, path)
		}
	case reflect.String:
		if s, ok := val.(string); ok {
			return c.clean(s), nil
		}
	case reflect.Bool:
		if _, ok := val.(bool); ok {
			return val, nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := val.(json.Number); ok {
			if _, err := strconv.ParseInt(n.String(), 10, t.Bits()); err == nil {
				return val, nil
			}
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if n, ok := val.(json.Number); ok {
			if _, err := strconv.ParseUint(n.String(), 10, t.Bits()); err == nil {
				return val, nil
			}
		}
	case reflect.Float32, reflect.Float64:
		if n, ok := val.(json.Number); ok {
			if _, err := strconv.ParseFloat(n.String(), t.Bits()); err == nil {
				return val, nil
			}
		}
	}
	return nil, jsonTypeError(t, path)
}

// checkObject checks the members of a JSON object against the fields of the struct type t.
func (c *bodyCheck) checkObject(obj map[string]any, t reflect.Type, path string) (any, error) {
	fields := jsonFields(t)
	for k, v := range obj {
		ft, ok := fields.lookup(k)
		sub := joinPath(path, k)
		if !ok {
			return nil, tuyengiao.FieldError(sub, "Không có trường %s (kiểm tra lại tên trường).", sub)
		}
		cv, err := c.checkJSON(v, ft, sub)
		if err != nil {
			return nil, err
		}
		obj[k] = cv
	}
	return obj, nil
}

// checkMap checks the members of a JSON object decoded into a map with string keys; the keys
// are text that comes in too, and are cleaned.
func (c *bodyCheck) checkMap(obj map[string]any, t reflect.Type, path string) (any, error) {
	out := make(map[string]any, len(obj))
	for k, v := range obj {
		if err := checkText(joinPath(path, k), k); err != nil {
			return nil, err
		}
		cv, err := c.checkJSON(v, t.Elem(), joinPath(path, k))
		if err != nil {
			return nil, err
		}
		out[c.clean(k)] = cv
	}
	return out, nil
}

// checkArray checks the elements of a JSON array against the element type of t.
func (c *bodyCheck) checkArray(arr []any, t reflect.Type, path string) (any, error) {
	if t.Kind() == reflect.Array && len(arr) > t.Len() {
		return nil, tuyengiao.FieldError(path, "Trường %s có nhiều nhất %d phần tử.", fieldName(path), t.Len())
	}
	for i, v := range arr {
		cv, err := c.checkJSON(v, t.Elem(), path+"["+strconv.Itoa(i)+"]")
		if err != nil {
			return nil, err
		}
		arr[i] = cv
	}
	return arr, nil
}

// checkUnmarshaler decodes val into a new value of t, a type that reads JSON itself (a
// time, a tuyengiao.Date), so that its error names the field. Its strings are its own syntax
// and are not cleaned.
func checkUnmarshaler(val any, t reflect.Type, path string) error {
	raw, _ := json.Marshal(val)
	err := json.Unmarshal(raw, reflect.New(t).Interface())
	var e *tuyengiao.Error
	switch {
	case err == nil:
		return nil
	case t == reflect.TypeFor[time.Time]():
		return tuyengiao.FieldError(path, "Trường %s phải là thời điểm dạng \"2023-01-31T08:00:00+07:00\".", fieldName(path))
	case errors.As(err, &e):
		return tuyengiao.FieldError(path, "Trường %s: %s", fieldName(path), e.Message)
	}
	return tuyengiao.FieldError(path, "Giá trị của trường %s không hợp lệ.", fieldName(path))
}

// cleanJSON cleans the strings of a JSON value of any shape, keys included.
func (c *bodyCheck) cleanJSON(val any) any {
	switch v := val.(type) {
	case string:
		return c.clean(v)
	case []any:
		for i := range v {
			v[i] = c.cleanJSON(v[i])
		}
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[c.clean(k)] = c.cleanJSON(e)
		}
		return out
	}
	return val
}

// jsonTypeError says what the field of type t should have been.
func jsonTypeError(t reflect.Type, path string) error {
	var want string
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		want = "một đối tượng JSON {…}"
	case reflect.Slice, reflect.Array:
		want = "một danh sách […]"
	case reflect.String:
		want = "một chuỗi ký tự"
	case reflect.Bool:
		want = "true hoặc false"
	case reflect.Float32, reflect.Float64:
		want = "một số"
	default:
		want = "một số nguyên trong giới hạn cho phép"
	}
	if path == "" {
		return tuyengiao.Errorf(tuyengiao.EINVALID, "Dữ liệu JSON gửi lên phải là %s.", want)
	}
	return tuyengiao.FieldError(path, "Trường %s phải là %s.", path, want)
}

// fieldName is path for messages; a value at the top has none.
func fieldName(path string) string {
	if path == "" {
		return "(toàn bộ dữ liệu)"
	}
	return path
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// structFields maps the JSON names of a struct's fields to their types.
type structFields map[string]reflect.Type

// lookup finds a member's field as encoding/json does: by exact name, else ignoring case.
func (f structFields) lookup(key string) (reflect.Type, bool) {
	if t, ok := f[key]; ok {
		return t, true
	}
	for name, t := range f {
		if strings.EqualFold(name, key) {
			return t, true
		}
	}
	return nil, false
}

var fieldCache sync.Map // reflect.Type → structFields

// jsonFields returns the fields encoding/json decodes into the struct type t: exported
// fields by their tag name or Go name, those of embedded structs promoted, "-" left out.
func jsonFields(t reflect.Type) structFields {
	if f, ok := fieldCache.Load(t); ok {
		return f.(structFields)
	}
	fields := structFields{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if tag == "-" {
			continue
		}
		if ft := f.Type; f.Anonymous && name == "" {
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				for n, et := range jsonFields(ft) {
					if _, taken := fields[n]; !taken {
						fields[n] = et
					}
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = f.Type
	}
	fieldCache.Store(t, fields)
	return fields
}
