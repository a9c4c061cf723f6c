package vn

import (
	"bytes"
	"slices"
	"testing"
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
	t.Run("a name loses its control and direction characters and its line breaks", func(t *testing.T) {
		if got := NFC("Trần\x00 Thị\a\u202e An\n\tB\u2066"); got != "Trần Thị An B" {
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
		{"Vietnamese text and joiners are kept", "Nguyễn Văn Đức \u200d", "Nguyễn Văn Đức \u200d"},
		{"invalid UTF-8 becomes the replacement character", "a\xffb", "a\ufffdb"},
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
		if clean := Clean(s); Clean(clean) != clean || !utf8.ValidString(clean) {
			t.Fatalf("Clean(%q) = %q is not clean", s, clean)
		}
	})
}
