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
	"unicode/utf8"

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
// one value and nothing after it; no key twice in an object (encoding/json would keep the
// last copy of a value and merge the copies of an object, so that what one copy passed the
// check with another brought back); no field that v does not have, so that a typo in a field
// name is an error rather than a silent no-op; no null where v cannot hold one (a number, a
// string, a struct: encoding/json would keep the zero value, "target": null storing 0),
// while a pointer, a slice, a map or a type that reads JSON itself (tuyengiao.Date) takes
// null as absent; every string but a secret cleaned by vn.Clean. Every error is an EINVALID
// *tuyengiao.Error in Vietnamese naming the field by its path ("audiences[1].target").
//
// The body is first read as plain JSON values and checked against v's type, then decoded
// into v, written again first when cleaning changed a string: the check is where the
// messages come from, the second decoding only fills v. Decoding b as it came fills v with
// the very values checked because no member of an object can reach a field twice: a key
// repeated, two keys that name one field but for case, or two map keys that cleaning makes
// equal are refused.
func unmarshalBody(b []byte, v any) error {
	body, err := readJSON(b)
	if err != nil {
		return err
	}
	c := &bodyCheck{}
	body, err = c.checkJSON(body, reflect.TypeOf(v).Elem(), "")
	if err != nil {
		return err
	}
	if c.cleaned {
		// body holds only what encoding/json produced, which it can always write again.
		b, _ = json.Marshal(body)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		// checkJSON refused everything encoding/json refuses; this is a fault of the check.
		return tuyengiao.Errorf(tuyengiao.EINTERNAL, "decode checked JSON: %v", err)
	}
	return nil
}

// readJSON reads the one JSON value of b as encoding/json decodes it into any with
// UseNumber, refusing an object that holds a key twice and anything after the value.
func readJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var body any
	if err := dec.Decode(&body); err != nil {
		return nil, jsonSyntaxError(err)
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Dữ liệu JSON còn phần thừa sau giá trị đầu tiên (từ vị trí %v).", end)
	}
	if path, dup := duplicateKey(b[:end]); dup {
		return nil, duplicateError(path)
	}
	return body, nil
}

// keyLevel is an array or object that duplicateKey is in: the array's index, or the key of
// the object's member being read and those of its members so far, in seen once there are many.
type keyLevel struct {
	object bool
	index  int
	key    []byte
	keys   [][]byte
	seen   map[string]bool
}

// manyKeys is the number of members beyond which an object's keys are looked up in a map
// rather than compared one by one, which would take quadratic time.
const manyKeys = 16

// next tells whether the object already has a member with the key, which becomes the key of
// the member being read.
func (l *keyLevel) next(key []byte) bool {
	l.key = key
	if l.seen != nil {
		dup := l.seen[string(key)]
		l.seen[string(key)] = true
		return dup
	}
	for _, k := range l.keys {
		if bytes.Equal(k, key) {
			return true
		}
	}
	if l.keys = append(l.keys, key); len(l.keys) > manyKeys {
		l.seen = make(map[string]bool, 4*manyKeys)
		for _, k := range l.keys {
			l.seen[string(k)] = true
		}
	}
	return false
}

// duplicateKey returns the path of the first member of an object in b, one valid JSON
// value, whose key, as encoding/json decodes it, an earlier member of that object has.
func duplicateKey(b []byte) (path string, dup bool) {
	var levels []keyLevel // reused: the keys of each depth keep their room
	depth, wantKey := 0, false
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '{', '[':
			if depth == len(levels) {
				levels = append(levels, keyLevel{})
			}
			levels[depth] = keyLevel{object: b[i] == '{', keys: levels[depth].keys[:0]}
			depth++
			wantKey = b[i] == '{'
		case '}', ']':
			depth--
			wantKey = false
		case ',':
			l := &levels[depth-1]
			l.index++
			wantKey = l.object
		case '"':
			start := i
			for i++; b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++
				}
			}
			if wantKey && levels[depth-1].next(jsonKey(b[start:i+1])) {
				return keyPath(levels[:depth]), true
			}
			wantKey = false
		}
	}
	return "", false
}

// jsonKey returns the key a quoted JSON string decodes to, itself when it holds no escape and
// no byte that encoding/json might replace.
func jsonKey(quoted []byte) []byte {
	if bytes.IndexByte(quoted, '\\') < 0 && utf8.Valid(quoted) {
		return quoted[1 : len(quoted)-1]
	}
	var s string
	json.Unmarshal(quoted, &s)
	return []byte(s)
}

// keyPath is the path of the member or element being read at the innermost level.
func keyPath(levels []keyLevel) string {
	path := ""
	for _, l := range levels {
		if l.object {
			path = joinPath(path, string(l.key))
		} else {
			path += "[" + strconv.Itoa(l.index) + "]"
		}
	}
	return path
}

// duplicateError refuses a second member of an object for the field at path.
func duplicateError(path string) error {
	return tuyengiao.FieldError(path, "Trường %s có hai lần trong dữ liệu JSON; chỉ gửi một lần.", path)
}

// jsonSyntaxError words an error of reading JSON that is not valid.
func jsonSyntaxError(err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return tuyengiao.Errorf(tuyengiao.EINVALID, "Dữ liệu JSON sai cú pháp ở vị trí %v.", se.Offset)
	case errors.Is(err, io.EOF):
		return tuyengiao.Errorf(tuyengiao.EINVALID, "Chưa có dữ liệu JSON.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return tuyengiao.Errorf(tuyengiao.EINVALID, "Dữ liệu JSON bị cắt cụt.")
	}
	return tuyengiao.Errorf(tuyengiao.EINVALID, "Dữ liệu JSON không đọc được.")
}

var jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()

// secret is a string of a JSON body that unmarshalBody keeps as it came, not cleaned: a
// password (see passwordFields).
type secret string

var secretType = reflect.TypeFor[secret]()

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
		return c.checkAny(val, path)
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
		if s, ok := val.(string); ok && t == secretType {
			return s, nil
		} else if ok {
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

// checkObject checks the members of a JSON object against the fields of the struct type t;
// two members that name one field but for case ("name", "Name") are refused, as encoding/json
// would fill the field from both.
func (c *bodyCheck) checkObject(obj map[string]any, t reflect.Type, path string) (any, error) {
	fields := jsonFields(t)
	seen := make(map[string]bool, len(obj))
	for k, v := range obj {
		name, ft, ok := fields.lookup(k)
		sub := joinPath(path, k)
		if !ok {
			return nil, tuyengiao.FieldError(sub, "Không có trường %s (kiểm tra lại tên trường).", sub)
		}
		if seen[name] {
			return nil, duplicateError(joinPath(path, name))
		}
		seen[name] = true
		cv, err := c.checkJSON(v, ft, sub)
		if err != nil {
			return nil, err
		}
		obj[k] = cv
	}
	return obj, nil
}

// checkMap checks the members of a JSON object decoded into a map with string keys; the keys
// are text that comes in too, and are cleaned. Two keys that cleaning makes equal are
// refused, rather than one of them dropped.
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
		ck := c.clean(k)
		if _, dup := out[ck]; dup {
			return nil, duplicateError(joinPath(path, ck))
		}
		out[ck] = cv
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
		return tuyengiao.FieldError(path, "Trường %s: %s", fieldName(path), e)
	}
	return tuyengiao.FieldError(path, "Giá trị của trường %s không hợp lệ.", fieldName(path))
}

var (
	anyMap   = reflect.TypeFor[map[string]any]()
	anySlice = reflect.TypeFor[[]any]()
)

// checkAny checks a JSON value of any shape, decoded into an interface, as the map or slice
// encoding/json makes of it: its strings, keys included, are cleaned.
func (c *bodyCheck) checkAny(val any, path string) (any, error) {
	switch v := val.(type) {
	case string:
		return c.clean(v), nil
	case []any:
		return c.checkArray(v, anySlice, path)
	case map[string]any:
		return c.checkMap(v, anyMap, path)
	}
	return val, nil
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

// joinPath is the path of the member key of the object at path; an empty key is written "",
// so that a message never names a field by nothing.
func joinPath(path, key string) string {
	if key == "" {
		key = `""`
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

// structFields maps the JSON names of a struct's fields to their types.
type structFields map[string]reflect.Type

// lookup finds a member's field, its JSON name and type, as encoding/json does: by exact
// name, else ignoring case.
func (f structFields) lookup(key string) (string, reflect.Type, bool) {
	if t, ok := f[key]; ok {
		return key, t, true
	}
	for name, t := range f {
		if strings.EqualFold(name, key) {
			return name, t, true
		}
	}
	return "", nil, false
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
