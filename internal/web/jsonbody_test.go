package web

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// testBody has a field of every shape the API bodies have.
type testBody struct {
	Name      string         `json:"name"`
	Target    int            `json:"target"`
	Start     time.Time      `json:"start"`
	Born      tuyengiao.Date `json:"born"`
	Units     []int64        `json:"units"`
	Note      *string        `json:"note"`
	Extra     any            `json:"extra"`
	Audiences []struct {
		Category string `json:"category"`
		Target   int    `json:"target"`
	} `json:"audiences"`
}

func TestUnmarshalBody(t *testing.T) {
	refused := []struct{ name, body, field, says string }{
		{"an invalid UTF-8 byte is refused naming the field, not stored as U+FFFD", "{\"name\":\"Ng\xffVăn\"}", "name", "Trường name có ký tự không đọc được"},
		{"a lone surrogate is refused naming the element", `{"audiences":[{"category":"\ud800"}]}`, "audiences[0].category", "Trường audiences[0].category có ký tự không đọc được"},
		{"the replacement character itself is refused", `{"note":"Ng\ufffdVăn"}`, "note", "không đọc được"},
		{"a bare string body that is not text names the whole body", `"\ud800"`, "", "Trường (toàn bộ dữ liệu) có ký tự"},
		{"a second object after the first is refused", `{"name":"a"} {"name":"b"}`, "", "phần thừa"},
		{"text after the object is refused", `{"name":"a"}x`, "", "phần thừa"},
		{"a stray closing brace is refused", `{"name":"a"}}`, "", "phần thừa"},
		{"null for a number is refused, not stored as 0", `{"target":null}`, "target", "Trường target không nhận giá trị null"},
		{"null inside a list names the element", `{"audiences":[{"category":"x","target":null}]}`, "audiences[0].target", "audiences[0].target"},
		{"an unknown field is named in Vietnamese", `{"nmae":"x"}`, "nmae", "Không có trường nmae"},
		{"a wrong type names the field", `{"target":"5"}`, "target", "Trường target phải là một số nguyên"},
		{"a number too large for the field names it", `{"target":1e400}`, "target", "Trường target phải là"},
		{"a body that is not an object says so without an empty field name", `["x"]`, "", "phải là một đối tượng"},
		{"a day out of range names the field, not the parser", `{"start":"2023-02-30T08:00:00+07:00"}`, "start", "Trường start phải là thời điểm"},
		{"a bad date names the field", `{"born":"1985-13-01"}`, "born", "Trường born: Ngày"},
		{"a syntax error gives its position", `{"name" 1}`, "", "sai cú pháp ở vị trí 9"},
		{"a cut body says so", `{"name":`, "", "bị cắt cụt"},
		{"an empty body says so", ``, "", "Chưa có dữ liệu JSON"},
		{"a body cut inside a list says it was cut, not that it is empty", `{"units":[1,`, "", "bị cắt cụt"},
		{"a field sent twice is refused", `{"name":"a","name":"b"}`, "name", "Trường name có hai lần"},
		{"a field sent twice with another type is refused, not an internal error", `{"target":5,"target":"x"}`, "target", "Trường target có hai lần"},
		{"a list sent twice cannot bring back what the check cleaned", `{"audiences":[{"category":"\u202efdp.exe\u0000"}],"audiences":[{"target":5}]}`, "audiences", "có hai lần"},
		{"a list sent twice cannot bring back a null the check refused", `{"audiences":[{"category":"x","target":null}],"audiences":[{"category":"x"}]}`, "audiences", "có hai lần"},
		{"a field sent twice inside a list names the element", `{"audiences":[{"category":"a","category":"b"}]}`, "audiences[0].category", "audiences[0].category"},
		{"a field sent twice under two cases is refused", `{"name":"a","NAME":"b"}`, "name", "Trường name có hai lần"},
		{"two keys that cleaning makes one are refused, not one dropped", `{"extra":{"k\u0000":1,"k":2}}`, "extra.k", "Trường extra.k có hai lần"},
		{"an empty key sent twice is named as such", `{"":[],"":[]}`, `""`, `Trường "" có hai lần`},
		{"a key sent twice under two escapes is refused", `{"extra":{"k":1,"\u006b":2}}`, "extra.k", "Trường extra.k có hai lần"},
		{"a key sent twice among many is refused", `{"extra":{` + manyMembers(40) + `,"k7":0}}`, "extra.k7", "Trường extra.k7 có hai lần"},
		{"a field sent twice deep inside is named by its path", `{"extra":[1,{"a":[{},{"b":"}","b":2}]}]}`, "extra[1].a[1].b", "Trường extra[1].a[1].b có hai lần"},
	}
	for _, c := range refused {
		t.Run(c.name, func(t *testing.T) {
			var v testBody
			err := unmarshalBody([]byte(c.body), &v)
			var e *tuyengiao.Error
			if !errors.As(err, &e) || e.Code != tuyengiao.EINVALID || e.Field != c.field || !strings.Contains(vn.Message(e), c.says) {
				t.Fatalf("err = %#v, want field %q saying %q", err, c.field, c.says)
			}
			if strings.Contains(vn.Message(e), "json:") || strings.Contains(vn.Message(e), "parsing time") || strings.Contains(vn.Message(e), "Trường  ") {
				t.Fatalf("message %q is not the app's", vn.Message(e))
			}
		})
	}
	t.Run("null stays allowed where the field can hold it", func(t *testing.T) {
		var v testBody
		if err := unmarshalBody([]byte(`{"note":null,"units":null,"born":null,"extra":null}`), &v); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a map key that is not text is refused naming it", func(t *testing.T) {
		err := unmarshalBody([]byte(`{"bridge_points":[{"expected":{"\udc00":1}}]}`), new(tuyengiao.Conference))
		var e *tuyengiao.Error
		if !errors.As(err, &e) || e.Field != "bridge_points[0].expected.\ufffd" || !strings.Contains(vn.Message(e), "không đọc được") {
			t.Fatalf("err = %#v", err)
		}
	})
	t.Run("control and direction characters are removed from every string, line breaks kept", func(t *testing.T) {
		var v testBody
		body := `{"name":"\u202efdp.exe\u0000","audiences":[{"category":"a\u0007"}],"extra":{"k\u2066":["x\u202e"]},"note":"Dòng 1\r\nDòng 2"}`
		if err := unmarshalBody([]byte(body), &v); err != nil {
			t.Fatal(err)
		}
		extra, _ := json.Marshal(v.Extra)
		if v.Name != "fdp.exe" || v.Audiences[0].Category != "a" || string(extra) != `{"k":["x"]}` || *v.Note != "Dòng 1\nDòng 2" {
			t.Fatalf("decoded %+v, extra %s", v, extra)
		}
	})
	t.Run("a password is kept as it came, control characters and all", func(t *testing.T) {
		var v struct {
			Password secret `json:"password"`
		}
		if err := unmarshalBody([]byte(`{"password":"mật\u202ekhẩu\u0007\r\n"}`), &v); err != nil || v.Password != "mật\u202ekhẩu\a\r\n" {
			t.Fatalf("decoded %q: %v", v.Password, err)
		}
	})
	t.Run("names match without regard to case, as encoding/json does", func(t *testing.T) {
		var v testBody
		if err := unmarshalBody([]byte(`{"NAME":"x","Target":3}`), &v); err != nil || v.Name != "x" || v.Target != 3 {
			t.Fatalf("decoded %+v: %v", v, err)
		}
	})
}

// manyMembers returns n members of a JSON object, "k0":0 to "k(n-1)":0.
func manyMembers(n int) string {
	m := make([]string, n)
	for i := range m {
		m[i] = `"k` + strconv.Itoa(i) + `":0`
	}
	return strings.Join(m, ",")
}

// fuzzBodies are the shapes the decoder is fuzzed with: the test body and the domain types
// the API takes as they are. FuzzAPIBodies (cmd/tuyengiao) sends the same kind of input to
// every JSON route of the application.
var fuzzBodies = []func() any{
	func() any { return new(testBody) },
	func() any { return new(tuyengiao.Person) },
	func() any { return new(tuyengiao.PersonUpdate) },
	func() any { return new(tuyengiao.UnitUpdate) },
	func() any { return new(tuyengiao.UserUpdate) },
	func() any { return new(tuyengiao.Conference) },
	func() any { return new(tuyengiao.Campaign) },
}

// FuzzUnmarshalBody checks the decoder on any input and the shapes of fuzzBodies: it never
// fails in an unworded way, refuses what encoding/json refuses, and leaves no control
// character in a decoded string.
func FuzzUnmarshalBody(f *testing.F) {
	for _, s := range []string{`{"name":"a","target":5}`, `{"target":null}`, `{"a":1} 2`, `{"audiences":[{"target":1}]}`,
		`{"start":"2023-01-31T08:00:00+07:00","born":"1985-03-15"}`, `[`, `"\u202e"`, `{"units":[1,2,3e2]}`,
		`{"name":"a","name":1}`, `{"audiences":[{"category":"\u202e\u0000"}],"audiences":[{"target":5}]}`,
		`{"audiences":[{"target":null}],"audiences":[{"target":5}]}`, `{"Name":"a","name":"b"}`, `{"extra":{"k\u0007":1,"k":2}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, newBody := range fuzzBodies {
			v := newBody()
			err := unmarshalBody(b, v)
			if err != nil {
				var e *tuyengiao.Error
				if !errors.As(err, &e) || e.Code != tuyengiao.EINVALID || strings.Contains(vn.Message(e), "json:") || strings.Contains(vn.Message(e), "Trường  ") {
					t.Fatalf("%T: %q: unworded error %v", v, b, err)
				}
				continue
			}
			if err := json.Unmarshal(b, newBody()); err != nil {
				t.Fatalf("%T: %q accepted, but encoding/json refuses it: %v", v, b, err)
			}
			out, _ := json.Marshal(v)
			var decoded any
			json.Unmarshal(out, &decoded)
			if s, ok := uncleanString(decoded); ok {
				t.Fatalf("%T: %q left a control character in %q: %s", v, b, s, out)
			}
		}
	})
}

// uncleanString finds a string, key or value, in a JSON value decoded into any that
// vn.Clean would change.
func uncleanString(val any) (string, bool) {
	switch v := val.(type) {
	case string:
		return v, vn.Clean(v) != v
	case []any:
		for _, e := range v {
			if s, ok := uncleanString(e); ok {
				return s, true
			}
		}
	case map[string]any:
		for k, e := range v {
			if s, ok := uncleanString(k); ok {
				return s, true
			}
			if s, ok := uncleanString(e); ok {
				return s, true
			}
		}
	}
	return "", false
}

// BenchmarkUnmarshalBody measures the strict decoding of the largest body the API takes, a
// conference with 20.000 bridge points (about 2 MB), against encoding/json alone.
func BenchmarkUnmarshalBody(b *testing.B) {
	c := tuyengiao.Conference{CampaignID: 1, UnitID: 1, StartsAt: time.Now(), EndsAt: time.Now()}
	c.Title = "Hội nghị học tập Nghị quyết 35" // set apart, or the test of English texts would take it for a page title
	for i := range 20_000 {
		c.BridgePoints = append(c.BridgePoints, tuyengiao.BridgePoint{UnitID: int64(i + 1), Place: "Hội trường Đảng ủy phường",
			Expected: map[tuyengiao.Category]int64{tuyengiao.CategoryMember: 40, tuyengiao.CategoryMasses: 100}})
	}
	body, _ := json.Marshal(c)
	b.Logf("body of %d bytes", len(body))
	b.Run("strict", func(b *testing.B) {
		for b.Loop() {
			if err := unmarshalBody(body, new(tuyengiao.Conference)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			if err := json.Unmarshal(body, new(tuyengiao.Conference)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
