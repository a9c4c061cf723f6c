// Package vn handles Vietnamese text: normalisation to NFC, the folded form used for search
// (no diacritics, đ→d, lower case), the sort order of Vietnamese names, and the Vietnamese
// way of writing numbers, percentages and dates.
package vn

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/rangetable"
)

// NFC returns s cleaned (Clean) in Unicode normal form C, with surrounding space trimmed and
// runs of white space, tabs and line breaks included, collapsed to one space. Every text
// enters the system through it: decomposed input (common from some keyboards and PDFs) would
// otherwise neither match nor render right.
func NFC(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(Clean(s))), " ")
}

// Clean returns s without the characters that change how a text shows rather than what it
// says, none of which Vietnamese needs: control characters (NUL, BEL, ESC, DEL, the C1 set);
// the invisible format characters (Unicode category Cf), among them the bidirectional ones
// (U+202A–U+202E, U+2066–U+2069, the marks U+200E, U+200F, U+061C), with which
// "\u202efdp.exe" shows as "exe.pdf", the zero width space U+200B and joiners U+200C,
// U+200D, the word joiner U+2060, the soft hyphen U+00AD and the byte order mark U+FEFF,
// with which "ke\u200bhoach.pdf" looks like "kehoach.pdf" but is another name; the other
// characters Unicode says to show as nothing (the Hangul fillers U+3164, U+115F, U+1160, the
// combining grapheme joiner U+034F…); and what is not text, invalid UTF-8 and the
// replacement character U+FFFD that stands for it (see IsText). Tabs and line breaks stay,
// for multi-line text; a line break is "\n" also where it came as "\r\n" or "\r". Spaces,
// the no-break space included, stay as they are.
//
// Text is cleaned at the edge: the web decoders refuse what is not text (IsText) and apply
// Clean to every form value and JSON string, and NFC, through which names, file names and
// spreadsheet cells pass, applies it again.
func Clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n':
			return r
		case r == '\r':
			return '\n'
		case r == utf8.RuneError || unicode.IsControl(r) || isInvisible(r):
			// strings.Map reads each byte of invalid UTF-8 as utf8.RuneError.
			return -1
		}
		return r
	}, strings.ReplaceAll(s, "\r\n", "\n"))
}

// isInvisible tells whether r is a format character or another character that Unicode says
// to show as nothing where it is not supported (Default_Ignorable_Code_Point), but for the
// variation selectors, which choose how the character before them is drawn (an emoji in
// colour).
func isInvisible(r rune) bool {
	// The first of them is U+00AD: the test costs ASCII nothing.
	return r >= '\u00ad' && unicode.Is(invisible, r)
}

// invisible is the table of isInvisible, one table to search rather than two.
var invisible = rangetable.Merge(unicode.Cf, unicode.Other_Default_Ignorable_Code_Point)

// IsText tells whether s is text as it may come in: valid UTF-8 without the replacement
// character U+FFFD, which decoders put where the bytes were not text (encoding/json for an
// invalid byte or a lone surrogate "\ud800"). What is not text is refused at the edge
// rather than cleaned: the characters it stood for are lost, and a name stored as
// "Ng\ufffdVăn" would be wrong for good.
func IsText(s string) bool {
	// IndexRune looks for invalid UTF-8 too when asked for utf8.RuneError.
	return !strings.ContainsRune(s, utf8.RuneError)
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
