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
