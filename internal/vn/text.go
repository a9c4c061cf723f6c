// Package vn handles Vietnamese text: normalisation to NFC, the folded form used for search
// (no diacritics, đ→d, lower case), the sort order of Vietnamese names, and the Vietnamese
// way of writing numbers, percentages and dates.
package vn

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// NFC returns s cleaned (Clean) in Unicode normal form C, with surrounding space trimmed and
// runs of white space, tabs and line breaks included, collapsed to one space. Every text
// enters the system through it: decomposed input (common from some keyboards and PDFs) would
// otherwise neither match nor render right.
func NFC(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(Clean(s))), " ")
}

// Clean returns s without the characters that change how a text shows rather than what it
// says: control characters (NUL, BEL, ESC, DEL, the C1 set) and the bidirectional formatting
// characters (U+202A–U+202E, U+2066–U+2069 and the marks U+200E, U+200F, U+061C), with which
// "\u202efdp.exe" shows as "exe.pdf". Tabs and line breaks stay, for multi-line text; a line
// break is "\n" also where it came as "\r\n" or "\r". Invalid UTF-8 becomes U+FFFD.
//
// Text is cleaned at the edge: the web decoders apply it to every form value and JSON string,
// and NFC, through which names, file names and spreadsheet cells pass, applies it again.
func Clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n':
			return r
		case r == '\r':
			return '\n'
		case unicode.IsControl(r) || isBidiControl(r):
			return -1
		}
		return r
	}, strings.ReplaceAll(s, "\r\n", "\n"))
}

// isBidiControl tells whether r is one of the formatting characters that reorder the text
// around them.
func isBidiControl(r rune) bool {
	return r == '\u061c' || r == '\u200e' || r == '\u200f' ||
		(r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

// Fold returns the search form of s: lower case, without diacritics, with đ as d and white
// space collapsed, so that "Nguyễn Văn Đức" and "nguyen van duc" fold alike.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

var (
	collatorMu sync.Mutex
	collator   = collate.New(language.Vietnamese)
	keyBuf     collate.Buffer
)

// SortKey returns a binary key whose byte order is the Vietnamese order of s (a before ă
// before â, d before đ, tones after the letter).
func SortKey(s string) []byte {
	collatorMu.Lock()
	defer collatorMu.Unlock()
	k := collator.KeyFromString(&keyBuf, s)
	out := append([]byte(nil), k...)
	keyBuf.Reset()
	return out
}

// NameSortKey returns the sort key of a Vietnamese full name in the order of Vietnamese
// lists: by given name (the last word) first, then by the family and middle names, so that
// "Trần Thị An" comes before "Nguyễn Văn Bình".
func NameSortKey(fullName string) []byte {
	words := strings.Fields(fullName)
	if len(words) < 2 {
		return SortKey(fullName)
	}
	given := words[len(words)-1]
	return SortKey(given + " " + strings.Join(words[:len(words)-1], " "))
}
