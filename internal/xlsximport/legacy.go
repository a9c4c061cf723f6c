package xlsximport

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"tuyengiao"
)

// Vietnamese written before Unicode: an old government spreadsheet keeps its text in a font
// encoding, TCVN3 (ABC, the .VnTime fonts) or VNI (the VNI-Times fonts), whose bytes Excel
// holds as Latin-1 letters, so that "Nguyễn Văn An" reads "NguyÔn V¨n An" (TCVN3) or
// "Nguyeãn Vaên An" (VNI) in any other font. The reader recognises such cells and converts
// them.

// legacyFont is a Vietnamese font encoding and its conversion of a cell to Unicode (not yet
// in NFC).
type legacyFont struct {
	name    string
	convert func(string) string
}

var legacyFonts = []*legacyFont{{"TCVN3", fromTCVN3}, {"VNI", fromVNI}}

// tcvn3 maps the Latin-1 letters of the TCVN3 (TCVN 5712:1993 VN3) code points to the
// Vietnamese letters they stand for. TCVN3 has no capitals with a tone mark: a capital font
// (.VnTimeH) draws the lower case codes as capitals (see upperWords).
var tcvn3 = map[rune]rune{
	'¡': 'Ă', '¢': 'Â', '£': 'Ê', '¤': 'Ô', '¥': 'Ơ', '¦': 'Ư', '§': 'Đ',
	'¨': 'ă', '©': 'â', 'ª': 'ê', '«': 'ô', '¬': 'ơ', '\u00ad': 'ư', '®': 'đ',
	'µ': 'à', '¶': 'ả', '·': 'ã', '¸': 'á', '¹': 'ạ',
	'»': 'ằ', '¼': 'ẳ', '½': 'ẵ', '¾': 'ắ', 'Æ': 'ặ',
	'Ç': 'ầ', 'È': 'ẩ', 'É': 'ẫ', 'Ê': 'ấ', 'Ë': 'ậ',
	'Ì': 'è', 'Î': 'ẻ', 'Ï': 'ẽ', 'Ð': 'é', 'Ñ': 'ẹ',
	'Ò': 'ề', 'Ó': 'ể', 'Ô': 'ễ', 'Õ': 'ế', 'Ö': 'ệ',
	'×': 'ì', 'Ø': 'ỉ', 'Ü': 'ĩ', 'Ý': 'í', 'Þ': 'ị',
	'ß': 'ò', 'á': 'ỏ', 'â': 'õ', 'ã': 'ó', 'ä': 'ọ',
	'å': 'ồ', 'æ': 'ổ', 'ç': 'ỗ', 'è': 'ố', 'é': 'ộ',
	'ê': 'ờ', 'ë': 'ở', 'ì': 'ỡ', 'í': 'ớ', 'î': 'ợ',
	'ï': 'ù', 'ñ': 'ủ', 'ò': 'ũ', 'ó': 'ú', 'ô': 'ụ',
	'õ': 'ừ', 'ö': 'ử', '÷': 'ữ', 'ø': 'ứ', 'ù': 'ự',
	'ú': 'ỳ', 'û': 'ỷ', 'ü': 'ỹ', 'ý': 'ý', 'þ': 'ỵ',
}

// fromTCVN3 converts TCVN3 text, then writes in capitals the words that were: their other
// letters are capitals.
func fromTCVN3(s string) string {
	return upperWords(strings.Map(func(r rune) rune {
		if u, ok := tcvn3[r]; ok {
			return u
		}
		return r
	}, s), s)
}

// upperWords returns t, converted from s rune for rune, with the words whose letters that s
// kept as they were (ASCII) are capitals, at least two of them, written in capitals.
func upperWords(t, s string) string {
	src, dst := []rune(s), []rune(t)
	for start := 0; start < len(src); {
		end := start
		for end < len(src) && !unicode.IsSpace(src[end]) {
			end++
		}
		upper, lower := 0, 0
		for _, r := range src[start:end] {
			if r < 0x80 && unicode.IsUpper(r) {
				upper++
			} else if r < 0x80 && unicode.IsLower(r) {
				lower++
			}
		}
		if upper >= 2 && lower == 0 {
			for i := start; i < end; i++ {
				dst[i] = unicode.ToUpper(dst[i])
			}
		}
		start = end + 1
	}
	return string(dst)
}

// Combining marks of the VNI marks.
const (
	grave, acute, tilde, hook, dot = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
	circumflex, breve              = "\u0302", "\u0306"
)

// vniMarks maps the Latin-1 letters that VNI puts after a vowel to the marks they add to it:
// "aù" is á, "aâ" is â, "aá" is ấ, "aê" is ă, "aé" is ắ. Capitals follow capitals.
var vniMarks = map[rune]string{
	'ù': acute, 'ø': grave, 'û': hook, 'õ': tilde, 'ï': dot,
	'â': circumflex, 'á': circumflex + acute, 'à': circumflex + grave, 'å': circumflex + hook, 'ã': circumflex + tilde, 'ä': circumflex + dot,
	'ê': breve, 'é': breve + acute, 'è': breve + grave, 'ú': breve + hook, 'ü': breve + tilde, 'ë': breve + dot,
}

// vniLetters maps the Latin-1 letters that VNI uses as letters of their own.
var vniLetters = map[rune]rune{
	'ô': 'ơ', 'ö': 'ư', 'ñ': 'đ', 'í': 'í', 'ì': 'ì', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị', 'î': 'ỵ',
}

// vniBases returns the vowels that take the marks m: a breve only a, a circumflex a, e and
// o, a tone alone any vowel.
func vniBases(m string) string {
	switch {
	case strings.HasPrefix(m, breve):
		return "a"
	case strings.HasPrefix(m, circumflex):
		return "aeo"
	}
	return "aeouyơư"
}

// fromVNI converts VNI text: a mark after a vowel joins it (NFC composes them), the letters of
// their own are replaced; anything else is kept.
func fromVNI(s string) string {
	var b strings.Builder
	var prev rune
	for _, r := range s {
		lower := unicode.ToLower(r)
		if m, ok := vniMarks[lower]; ok && strings.ContainsRune(vniBases(m), unicode.ToLower(prev)) {
			b.WriteString(m)
			prev = 0
			continue
		}
		if u, ok := vniLetters[lower]; ok {
			if r != lower {
				u = unicode.ToUpper(u)
			}
			r = u
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// syllable is a Vietnamese syllable once folded: an initial consonant, one to three vowels,
// a final consonant.
var syllable = regexp.MustCompile(`^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$`)

// vietnameseLatin1 are the Vietnamese letters among the Latin-1 ones.
const vietnameseLatin1 = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ"

// vietnameseOwn are the Vietnamese letters beyond Latin-1 other than those of the block
// Latin Extended Additional (Ạ to ỹ).
const vietnameseOwn = "ăĂđĐĩĨũŨơƠưƯ"

// isTone tells the five tone marks apart from the marks of the letters ă â ê ô ơ ư.
func isTone(r rune) bool { return strings.ContainsRune(grave+acute+tilde+hook+dot, r) }

// readsVietnamese tells whether the text s (NFC) reads as Vietnamese written in Unicode: every
// word that holds a letter beyond ASCII is a Vietnamese syllable with at most one tone mark,
// has no capital after a small letter (TCVN3's "NguyÔn"), and no marked vowel after an a or
// an e (VNI's "Vaên", which Vietnamese never writes); Latin-1 letters that Vietnamese does not
// use, and Latin-1 signs inside a word, are not Vietnamese.
func readsVietnamese(s string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		if r > 0xff {
			return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r)
		}
		return r < 0x80 && !unicode.IsLetter(r) || unicode.IsSpace(r)
	}) {
		if !vietnameseWord(w) {
			return false
		}
	}
	return true
}

func vietnameseWord(w string) bool {
	ascii := true
	var prev rune
	for _, r := range w {
		switch {
		case r < 0x80:
		case r <= 0xff && !strings.ContainsRune(vietnameseLatin1, r),
			r > 0xff && !strings.ContainsRune(vietnameseOwn, r) && (r < 'Ạ' || r > 'ỹ'):
			return false
		default:
			ascii = false
		}
		if unicode.IsUpper(r) && unicode.IsLower(prev) || unicode.Is(unicode.Mn, r) {
			return false
		}
		if p := []rune(norm.NFD.String(string(prev))); len(p) > 0 && (p[0] == 'a' || p[0] == 'e' || p[0] == 'A' || p[0] == 'E') &&
			r >= 0x80 && strings.ContainsRune("aeiouy", unicode.ToLower([]rune(norm.NFD.String(string(r)))[0])) {
			return false
		}
		prev = r
	}
	if ascii {
		return true
	}
	tones := 0
	for _, r := range norm.NFD.String(w) {
		if isTone(r) {
			tones++
		}
	}
	return tones <= 1 && syllable.MatchString(foldWord(w))
}

// foldWord folds a word to its base letters in lower case, đ as d.
func foldWord(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		switch {
		case r == 'đ':
			b.WriteByte('d')
		case !unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// legacyText converts the cells of one file written in a legacy font. A cell is converted
// only when it does not read as Vietnamese and its conversion does: a cell that reads as
// Vietnamese already ("Lê Thu Hà", whose TCVN3 reading would be "Lờ Thu Hà") is left as it is,
// even in a column that showed a legacy font, since a name retyped in Unicode may follow names
// in a legacy font. The font a column showed is tried first for its later cells.
type legacyText struct {
	fonts map[int]*legacyFont // by column index
}

// convert converts in place the cells of a row that are in a legacy font and returns the
// name of the font, or "" when no cell was.
func (l *legacyText) convert(cells []string) string {
	name := ""
	for i, c := range cells {
		if t, f := l.cell(c, l.fonts[i]); f != nil {
			if l.fonts == nil {
				l.fonts = map[int]*legacyFont{}
			}
			cells[i], name, l.fonts[i] = t, f.name, f
		}
	}
	return name
}

// cell converts the cell s when it is in a legacy font: known, the font its column showed.
func (l *legacyText) cell(s string, known *legacyFont) (string, *legacyFont) {
	latin1 := false
	for _, r := range s {
		if r > 0xff {
			return s, nil // Unicode beyond Latin-1: not a legacy font
		}
		latin1 = latin1 || r >= 0x80
	}
	if !latin1 || readsVietnamese(s) {
		return s, nil
	}
	fonts := legacyFonts
	if known != nil {
		fonts = append([]*legacyFont{known}, legacyFonts...)
	}
	for _, f := range fonts {
		if t := norm.NFC.String(f.convert(s)); t != s && readsVietnamese(t) {
			return t, f
		}
	}
	return s, nil
}

// decodeText returns the text of a CSV in UTF-8 without its byte order mark, and the charset
// it was decoded from when it was not UTF-8: Windows-1258 when that reads as Vietnamese
// (most words with a letter beyond ASCII are Vietnamese syllables and no tone mark is left
// over), else Windows-1252, whose letters may still be a legacy font (legacyText). A text
// that neither decodes is refused, saying that it is not UTF-8.
func decodeText(b []byte) ([]byte, string, error) {
	b = bytes.TrimPrefix(b, utf8BOM)
	if utf8.Valid(b) {
		return b, "", nil
	}
	if t, err := charmap.Windows1258.NewDecoder().Bytes(b); err == nil && !bytes.ContainsRune(t, utf8.RuneError) {
		t = norm.NFC.Bytes(t)
		if good, bad := vietnameseWords(string(t)); good > bad {
			return t, "Windows-1258", nil
		}
	}
	if t, err := charmap.Windows1252.NewDecoder().Bytes(b); err == nil && !bytes.ContainsRune(t, utf8.RuneError) {
		return t, "Windows-1252", nil
	}
	return nil, "", tuyengiao.Errorf(tuyengiao.EINVALID, "%s: tệp văn bản không mã hóa UTF-8 và không đọc được theo bảng mã Windows-1258 hay Windows-1252. Trong Excel hãy chọn Lưu thành › CSV UTF-8, hoặc lưu dạng .xlsx.", notSpreadsheet)
}

// vietnameseWords counts the words of s with a letter beyond ASCII that are Vietnamese
// (vietnameseWord) and those that are not, a combining mark left over counting as one of
// the latter.
func vietnameseWords(s string) (good, bad int) {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) }) {
		ascii := true
		for _, r := range w {
			ascii = ascii && r < 0x80
		}
		switch {
		case ascii:
		case vietnameseWord(w):
			good++
		default:
			bad++
		}
	}
	return good, bad
}
