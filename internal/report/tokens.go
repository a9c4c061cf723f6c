package report

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// tokenPart is a piece of a report's text: text as written, or a token ({name} or
// {name:form}) with its name and form. text always holds the piece as written, so that the
// parts joined give the text back.
type tokenPart struct {
	text, name, form string
}

// tokenMaxName bounds a token's name and form: an indicator code is at most 80 characters.
const tokenMaxName = 80

// tokenParse splits text into literal pieces and tokens. A token is "{", a name of
// lowercase letters, digits, "_" and ".", optionally ":" and a form of lowercase letters,
// then "}"; anything else, a lone "{" included, is literal text. It never fails: the text
// is the editor's, and what is not a token stays as it was typed. It reads the text once,
// whatever its braces, so that a section of 100.000 characters of "{" costs no more than
// one of words.
func tokenParse(text string) []tokenPart {
	var parts []tokenPart
	lit := 0 // where the literal text not yet added starts
	for from := 0; from < len(text); {
		end := strings.IndexByte(text[from:], '}')
		if end < 0 {
			break
		}
		end += from
		// Only the last "{" before a "}" may open a token, as a token holds no "{".
		open := strings.LastIndexByte(text[from:end], '{')
		start := from + open
		from = end + 1
		if open < 0 {
			continue
		}
		name, form, colon := strings.Cut(text[start+1:end], ":")
		if !tokenWord(name, true) || !tokenWord(form, false) || colon && form == "" {
			continue
		}
		if lit < start {
			parts = append(parts, tokenPart{text: text[lit:start]})
		}
		parts = append(parts, tokenPart{text: text[start : end+1], name: name, form: form})
		lit = end + 1
	}
	if lit < len(text) {
		parts = append(parts, tokenPart{text: text[lit:]})
	}
	return parts
}

// tokenWord reports whether s is a token's name (name: lowercase letters, digits, "_" and
// ".", not empty) or form (lowercase letters, possibly empty).
func tokenWord(s string, name bool) bool {
	if len(s) > tokenMaxName || name && s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || name && (r >= '0' && r <= '9' || r == '_' || r == '.')) {
			return false
		}
	}
	return true
}

// tokenIsCode reports whether a token's name is an indicator code: codes name their area
// first ("study.conferences"), words such as {unit} have no dot.
func tokenIsCode(name string) bool { return strings.Contains(name, ".") }

// tokenCodes adds to codes, each once, the indicator codes the tokens of text name.
func tokenCodes(codes []string, text string) []string {
	for _, p := range tokenParse(text) {
		if tokenIsCode(p.name) && !slices.Contains(codes, p.name) {
			codes = append(codes, p.name)
		}
	}
	return codes
}

// tokenScope is what the tokens of one report write: its unit and period, its figures, and
// for a final report the same figures counted now (live), to mark those that changed.
type tokenScope struct {
	unitID   int64
	unitName string
	unitKind string
	period   tuyengiao.Period
	figures  *tuyengiao.FigureTable
	live     *tuyengiao.FigureTable // nil: nothing to compare with
}

// tokenMissing stands in the text for a figure whose indicator is not in the catalogue.
const tokenMissing = "…"

// runs writes text, its tokens replaced, as runs: literal text, and a run per figure with
// where it came from. A figure phrase that has nothing to say (no value to compare with)
// is left out with the comma or space before it, so that "…, {x:change}." still reads; a
// zero {x:some} is left out with the rest of its item of a list, so that "trong đó có
// {a:some} kế hoạch, {b:some} hướng dẫn" never reads "0 hướng dẫn".
func (sc *tokenScope) runs(text string) []tuyengiao.ReportRun {
	var out []tuyengiao.ReportRun
	// lit gathers the text since the last figure, so that a text of many names or literal
	// pieces is copied once, not once per piece.
	var lit []byte
	flush := func() {
		if len(lit) > 0 {
			out = append(out, tuyengiao.ReportRun{Text: string(lit)})
			lit = lit[:0]
		}
	}
	parts := tokenParse(text)
	// cut: a zero "some" figure went and the rest of its item goes too; orphan: an item of the
	// list went, and none was written since.
	cut, orphan := false, false
	for k, p := range parts {
		if cut && p.name == "" {
			var ends bool
			if p.text, ends = tokenCutItem(p.text); ends {
				lit = tokenEndList(lit, orphan)
			}
			orphan = !ends
		} else if cut {
			orphan = true
		}
		cut = false
		s, ref, ok := sc.token(p)
		switch {
		case !ok:
			lit = append(lit, p.text...)
		case ref == nil:
			if tokenSentenceStart(lit, len(out) == 0) {
				s = tokenCapital(s)
			}
			lit = append(lit, s...)
		case s != "":
			flush()
			out = append(out, tuyengiao.ReportRun{Text: s, Figure: ref})
			orphan = false
		case p.form == "some":
			cut = true
		case len(lit) > 0 && tokenEndsClause(parts[k+1:]):
			lit = bytes.TrimRight(lit, " ,")
		}
	}
	if cut {
		lit = tokenEndList(lit, orphan)
	}
	flush()
	return out
}

// tokenRegisters are the words {body}, {committee} and {cells} write, by the kind of the
// report's unit: a city's report speaks of "toàn đảng bộ" and "cấp ủy các cấp", a ward's of
// its "đảng bộ phường" and its "đảng ủy", a cell's of the "chi bộ" alone. A kind not listed
// (a committee, a commission, a kind an administrator added) speaks as a city's.
var tokenRegisters = map[string]map[string]string{
	"":                 {"body": "toàn đảng bộ", "committee": "cấp ủy các cấp", "cells": "các chi bộ"},
	"dang_uy_phuong":   {"body": "đảng bộ phường", "committee": "đảng ủy", "cells": "các chi bộ"},
	"dang_uy_xa":       {"body": "đảng bộ xã", "committee": "đảng ủy", "cells": "các chi bộ"},
	"dang_uy_thi_tran": {"body": "đảng bộ thị trấn", "committee": "đảng ủy", "cells": "các chi bộ"},
	"dang_bo_co_so":    {"body": "đảng bộ", "committee": "đảng ủy", "cells": "các chi bộ"},
	"chi_bo_co_so":     {"body": "chi bộ", "committee": "chi bộ", "cells": "chi bộ"},
	"chi_bo":           {"body": "chi bộ", "committee": "chi bộ", "cells": "chi bộ"},
}

// tokenRegister returns the word name ("body", "committee", "cells") for a unit of kind.
func tokenRegister(kind, name string) string {
	if words, ok := tokenRegisters[kind]; ok {
		return words[name]
	}
	return tokenRegisters[""][name]
}

// tokenSentenceStart reports whether a word written after lit starts a sentence: nothing
// before it in the text (first: no run either), or an end of sentence.
func tokenSentenceStart(lit []byte, first bool) bool {
	lit = bytes.TrimRight(lit, " \n")
	if len(lit) == 0 {
		return first
	}
	return bytes.IndexByte([]byte(".!?"), lit[len(lit)-1]) >= 0
}

// tokenCapital writes the first letter of s as a capital: "cấp ủy các cấp" starting a
// sentence reads "Cấp ủy các cấp".
func tokenCapital(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

// tokenCutItem cuts from text, the literal after a zero "some" figure, the rest of its item
// up to the next punctuation, and reports whether the item ended its list (";", ".", ":",
// ")" or a line end follow) rather than a comma and another item.
func tokenCutItem(text string) (rest string, ends bool) {
	i := strings.IndexAny(text, ",;.:)\n")
	switch {
	case i < 0:
		return "", false
	case text[i] == ',':
		return strings.TrimLeft(text[i+1:], " "), false
	}
	return text[i:], true
}

// tokenEndList ends, in lit, a list whose last item went: the comma or " và" before the
// item goes, and when the items before it went too (orphan), what led into the list since
// the last punctuation, so that no "; trong đó có" is left hanging.
func tokenEndList(lit []byte, orphan bool) []byte {
	lit = bytes.TrimSuffix(bytes.TrimRight(lit, " ,"), []byte(" và"))
	if i := bytes.LastIndexAny(lit, ",;."); orphan && i >= 0 {
		lit = lit[:i]
	}
	return lit
}

// tokenEndsClause reports whether the text after a token that wrote nothing ends its clause
// (punctuation, or nothing more), so that the comma or space before the token goes too.
func tokenEndsClause(rest []tokenPart) bool {
	if len(rest) == 0 {
		return true
	}
	return rest[0].name == "" && strings.IndexAny(rest[0].text[:1], ".,;:)\n") == 0
}

// token writes one token: its text, the figure it shows (nil for a name or period), and
// false when the token is not one the report knows, to be left as written.
func (sc *tokenScope) token(p tokenPart) (string, *tuyengiao.ReportFigureRef, bool) {
	switch {
	case p.name == "":
		return "", nil, false
	case !tokenIsCode(p.name):
		if p.form != "" {
			return "", nil, false
		}
		switch p.name {
		case "unit":
			return sc.unitName, nil, true
		case "period":
			return phrasePeriod(sc.period), nil, true
		case "previous":
			return phrasePeriod(sc.period.Previous()), nil, true
		case "next":
			return phrasePeriod(phraseNext(sc.period)), nil, true
		case "body", "committee", "cells":
			return tokenRegister(sc.unitKind, p.name), nil, true
		}
		return "", nil, false
	}
	ref := &tuyengiao.ReportFigureRef{Code: p.name, UnitID: sc.unitID, Period: sc.period}
	text, ind, known, ok := tokenFigure(sc.figures, p.name, p.form)
	switch {
	case !ok:
		return "", nil, false
	case !known:
		ref.Missing = true
		return tokenMissing, ref, true
	}
	ref.Indicator = ind.Name
	if ind.Records != "" {
		ref.Records = strings.NewReplacer("{unit}", strconv.FormatInt(sc.unitID, 10),
			"{from}", sc.period.From.Format("2006-01-02"), "{to}", sc.period.To.Format("2006-01-02")).Replace(ind.Records)
	}
	if sc.live != nil {
		if now, _, found, _ := tokenFigure(sc.live, p.name, p.form); found && now != text {
			ref.Live = now
		}
	}
	return text, ref, true
}

// tokenFigure writes indicator code of the unit (row 0 of ft, periods: the report's, the one
// before, the year before) in form: known is false when ft does not hold the indicator, ok
// false for a form there is no such thing as (base of a count, a form misspelt).
func tokenFigure(ft *tuyengiao.FigureTable, code, form string) (text string, ind tuyengiao.Indicator, known, ok bool) {
	i := tokenIndex(ft, code)
	if i >= 0 {
		ind = ft.Indicators[i]
	}
	ratio := i >= 0 && ind.Aggregation == tuyengiao.AggregateRatio
	switch form {
	case "", "approx", "change", "previous", "num", "some":
	case "base":
		if i >= 0 && !ratio {
			return "", ind, true, false
		}
	default:
		return "", ind, false, false
	}
	if i < 0 {
		return "", ind, false, true
	}
	v := ft.Value(0, i, 0)
	switch form {
	case "approx":
		text = phraseApprox(ind, v)
	case "change":
		text = phraseChange(ind, v, ft.Value(0, i, 2), "cùng kỳ")
	case "previous":
		text = phraseChange(ind, v, ft.Value(0, i, 1), phrasePeriod(ft.Periods[1]))
	case "num":
		text = vn.Int(v.Num)
	case "base":
		text = vn.Int(v.Den)
	case "some":
		if v.Num != 0 {
			text = phraseValue(ind, v)
		}
	default:
		text = phraseValue(ind, v)
	}
	return text, ind, true, true
}

// tokenIndex returns the column of indicator code in ft, a table of the report's figures
// (row 0 its unit, three periods), or -1 when ft holds no such figure.
func tokenIndex(ft *tuyengiao.FigureTable, code string) int {
	i := -1
	if ft != nil && len(ft.Units) > 0 && len(ft.Periods) == 3 {
		for j := range ft.Indicators {
			if ft.Indicators[j].Code == code {
				i = j
			}
		}
	}
	return i
}

// counted returns text without its sentences whose every figure is zero for the report's
// period, a rate only when it has no base ("Trong 6 tháng đầu năm 2026, chi bộ đã ban hành 0
// văn bản…"): a sentence with no figure, or with one not counted ("…"), stays. The text
// itself keeps them, so that a sentence reads again once its figures are counted.
func (sc *tokenScope) counted(text string) string {
	var b strings.Builder
	for rest := text; rest != ""; {
		end := len(rest)
		if i := tokenSentenceEnd(rest); i >= 0 {
			end = i
		}
		if sentence := rest[:end]; !sc.allZero(sentence) {
			b.WriteString(sentence)
		}
		rest = rest[end:]
	}
	return strings.TrimRight(b.String(), " ")
}

// tokenSentenceEnd returns where the first sentence of text ends, after its ".", "?" or "!"
// and the spaces that follow, or -1 when text is one sentence. A token holds no space, so
// that the dots of its code end no sentence.
func tokenSentenceEnd(text string) int {
	for i := 0; i+1 < len(text); i++ {
		if strings.IndexByte(".?!", text[i]) >= 0 && text[i+1] == ' ' {
			return i + 1 + len(text[i+1:]) - len(strings.TrimLeft(text[i+1:], " "))
		}
	}
	return -1
}

// allZero reports whether sentence names figures and every one of them is zero for the
// report's unit and period (a rate: without a base).
func (sc *tokenScope) allZero(sentence string) bool {
	n := 0
	for _, p := range tokenParse(sentence) {
		if !tokenIsCode(p.name) {
			continue
		}
		// A rate has a base: 0% of the members is a figure to report, a rate of no one is not.
		i := tokenIndex(sc.figures, p.name)
		if i < 0 {
			return false
		}
		if v := sc.figures.Value(0, i, 0); v.Num != 0 || v.Den != 0 {
			return false
		}
		n++
	}
	return n > 0
}

// runText joins the text of runs.
func runText(runs []tuyengiao.ReportRun) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	return b.String()
}
