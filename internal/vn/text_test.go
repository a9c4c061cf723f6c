package vn

import (
	"bytes"
	"slices"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Nguyễn Văn Đức":            "nguyen van duc",
		"  ĐẢNG   ủy\tphường  ":     "dang uy phuong",
		"Nghị quyết 35-NQ/TW":       "nghi quyet 35-nq/tw",
		norm.NFD.String("Hòa Bình"): "hoa binh",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNFC(t *testing.T) {
	t.Run("decomposed text is composed and spaces collapsed", func(t *testing.T) {
		if got := NFC(" " + norm.NFD.String("Trần  Thị") + " "); got != "Trần Thị" {
			t.Fatalf("got %q", got)
		}
	})
	t.Run("a name loses its control, direction and invisible characters and its line breaks", func(t *testing.T) {
		if got := NFC("\ufeffTrần\x00 Th\u200bị\a\u202e An\n\tB\u2066\u00ad"); got != "Trần Thị An B" {
			t.Fatalf("got %q", got)
		}
	})
}

func TestClean(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"a right-to-left override no longer hides a file's real extension", "\u202efdp.exe", "fdp.exe"},
		{"NUL, BEL, ESC, DEL and C1 controls are removed", "a\x00b\x07c\x1bd\x7fe\u0085f", "abcdef"},
		{"every bidirectional formatting character is removed", "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069x", "x"},
		{"paragraphs and tabs of a multi-line text stay, with one kind of line break", "Mở đầu\r\n\r\n\tThân bài\rKết luận", "Mở đầu\n\n\tThân bài\nKết luận"},
		{"Vietnamese text, spaces and emoji are kept", "Nguyễn Văn Đức\u00a0 ❤\ufe0f", "Nguyễn Văn Đức\u00a0 ❤\ufe0f"},
		{"a zero width space no longer makes another file name that looks the same", "ke\u200bhoach.pdf", "kehoach.pdf"},
		{"byte order marks, soft hyphens, joiners and every other format character are removed",
			"\ufeffNg\u00adu\u200cy\u200d\u2060ễ\u2061n\u180e\U000e0041", "Nguyễn"},
		{"characters that show as nothing, like the Hangul filler, are removed", "\u3164Lan\u115f\u1160\u034f\uffa0", "Lan"},
		{"invalid UTF-8 and the replacement character are removed", "a\xffb\ufffdc\xed\xa0\x80d", "abcd"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Clean(c.in); got != c.want {
				t.Fatalf("Clean(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestNameSortKey(t *testing.T) {
	t.Run("names sort by given name first, in Vietnamese letter order", func(t *testing.T) {
		names := []string{"Nguyễn Văn Đức", "Trần Thị An", "Lê Văn Dũng", "Phạm Thị Ánh", "Hoàng Văn Bình", "Ngô Thị Ân"}
		slices.SortFunc(names, func(a, b string) int { return bytes.Compare(NameSortKey(a), NameSortKey(b)) })
		want := []string{"Trần Thị An", "Phạm Thị Ánh", "Ngô Thị Ân", "Hoàng Văn Bình", "Lê Văn Dũng", "Nguyễn Văn Đức"}
		if !slices.Equal(names, want) {
			t.Fatalf("got %q", names)
		}
	})
	t.Run("the same given name sorts by family and middle name", func(t *testing.T) {
		if bytes.Compare(NameSortKey("Bùi Văn An"), NameSortKey("Trần Văn An")) >= 0 {
			t.Fatal("Bùi Văn An should come before Trần Văn An")
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Nguyễn Văn Đức", "ĐẢNG", "", "\xff\xfe", "a\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := Fold(s)
		if utf8.ValidString(s) && Fold(folded) != folded {
			t.Fatalf("Fold is not idempotent on %q: %q", s, folded)
		}
		NameSortKey(s)
	})
}

func TestIsText(t *testing.T) {
	for in, want := range map[string]bool{
		"Nguyễn Văn Đức\n\t": true,
		"":                   true,
		"Ng\xffVăn":          false,
		"Ng\ufffdVăn":        false,
		"\xed\xa0\x80":       false, // a surrogate written in UTF-8
		"Nguy\xe1\xbb":       false, // a character cut short
	} {
		if got := IsText(in); got != want {
			t.Errorf("IsText(%q) = %v, want %v", in, got, want)
		}
	}
}

// FuzzClean checks that whatever comes in, what Clean leaves is text (IsText) that a second
// Clean keeps as it is, without a control character but tab and line feed, a format or
// direction character, or another character that shows as nothing.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"Nguyễn Văn Đức", "", "\xff\xfe", "a\r\n\rb", "\u202efdp.exe", "ke\u200bhoach.pdf",
		"\ufeff\u00ad\u2060\u3164\ufffd", "\xed\xa0\x80", "❤\ufe0f\u200d🔥"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		clean := Clean(s)
		if Clean(clean) != clean || !utf8.ValidString(clean) || !IsText(clean) {
			t.Fatalf("Clean(%q) = %q is not clean", s, clean)
		}
		for _, r := range clean {
			if unicode.IsControl(r) && r != '\t' && r != '\n' || unicode.In(r, unicode.Cf, unicode.Bidi_Control,
				unicode.Other_Default_Ignorable_Code_Point) || r == utf8.RuneError {
				t.Fatalf("Clean(%q) = %q keeps %U", s, clean, r)
			}
		}
	})
}
