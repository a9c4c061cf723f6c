package record

import (
	"testing"

	"tuyengiao"
)

func TestParseReadsWhatPeopleType(t *testing.T) {
	k, day := tuyengiao.MediaItems, mustDay(t, "2026-01-31")
	cases := []struct {
		field, text string
		want        any
	}{
		{"day", "31/01/2026", day},
		{"day", " 2026-01-31 ", day},
		{"day", "", tuyengiao.Date{}},
		{"quantity", "20.012", int64(20012)},
		{"quantity", "20 012", int64(20012)},
		{"quantity", "1.234.567", int64(1234567)},
		{"quantity", "", int64(0)},
		{"channel", "fanpage", "fanpage"},
		{"channel", "trang facebook (FANPAGE)", "fanpage"},
		{"channel", "Press", "press"},
		{"channel", "Tivi", "Tivi"}, // left for Validate to refuse
		{"title", "  Hội nghị  ", "Hội nghị"},
	}
	for _, c := range cases {
		got, err := Parse(k.Field(c.field), c.text)
		if err != nil || got != c.want {
			t.Errorf("Parse(%s, %q) = %#v, %v; want %#v", c.field, c.text, got, err, c.want)
		}
	}
	for _, c := range []struct{ field, text string }{{"day", "31/13/2026"}, {"quantity", "1,5"}, {"quantity", "1.5"}, {"quantity", "20.01"}, {"quantity", "+3"}, {"quantity", "mười"}} {
		if _, err := Parse(k.Field(c.field), c.text); tuyengiao.UserError(err).Field != c.field {
			t.Errorf("Parse(%s, %q): %v, want an error naming the field", c.field, c.text, err)
		}
	}
}

func TestTextWritesTheVietnameseWay(t *testing.T) {
	k, day := tuyengiao.MediaItems, mustDay(t, "2026-01-31")
	for _, c := range []struct {
		field string
		val   any
		lang  string
		want  string
	}{
		{"day", day, "vi", "31/01/2026"},
		{"quantity", int64(20012), "vi", "20.012"},
		{"channel", "press", "vi", "Báo chí"},
		{"channel", "press", "en", "Press"},
		{"title", "Hội nghị", "en", "Hội nghị"},
	} {
		if got := Text(k.Field(c.field), c.val, c.lang); got != c.want {
			t.Errorf("Text(%s, %v, %s) = %q, want %q", c.field, c.val, c.lang, got, c.want)
		}
		if back, err := Parse(k.Field(c.field), Text(k.Field(c.field), c.val, c.lang)); err != nil || back != c.val {
			t.Errorf("Parse(Text(%s, %v)) = %#v, %v: does not read back", c.field, c.val, back, err)
		}
	}
}

// mustDay returns the given day s ("2006-01-02"), as Parse returns it.
func mustDay(t *testing.T, s string) tuyengiao.Date {
	d, err := tuyengiao.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return tuyengiao.GivenDate(d.Time)
}

func TestParseKeepsTheParagraphsOfANote(t *testing.T) {
	f := tuyengiao.Inspections.Field("findings")
	if f == nil || f.Type != tuyengiao.FieldNote {
		t.Fatalf("inspections have no note field findings: %+v", f)
	}
	if got, _ := Parse(f, " Ưu điểm.\n\nHạn chế.\n"); got != "Ưu điểm.\n\nHạn chế." {
		t.Errorf("note read as %q", got)
	}
}
