package tuyengiao

import (
	"errors"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Names the declarations must follow: a kind's code names it in URLs, its area begins its
// indicators' codes, its table and fields name SQL tables and columns.
var (
	kindCodePattern = regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	areaPattern     = regexp.MustCompile(`^[a-z]+$`)
	sqlNamePattern  = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// recordColumns are the columns every record table has besides its fields (the table
// convention of the record store), and sqlKeywords words either engine reserves: no field
// may be named as one.
var (
	recordColumns = []string{"id", "unit_id", "search", "version", "created_at", "created_by",
		"updated_at", "updated_by", "deleted_at", "deleted_by"}
	sqlKeywords = []string{"all", "and", "as", "asc", "by", "case", "check", "column", "default", "desc",
		"distinct", "else", "end", "from", "group", "in", "index", "is", "join", "key", "like", "limit",
		"not", "null", "offset", "on", "or", "order", "primary", "references", "select", "table", "then",
		"to", "union", "unique", "user", "when", "where"}
)

// TestRecordKindsWellFormed checks every declared kind, so that a kind added later is held
// to the same: codes, tables and field names usable as they are, labels and English for
// every word shown, the day and title fields of the right types, and indicators that count
// what the kind has.
func TestRecordKindsWellFormed(t *testing.T) {
	if len(RecordKinds()) == 0 {
		t.Fatal("no kind is declared")
	}
	// The codes, tables and names taken, by kinds or indicators.
	taken := map[string]bool{}
	for _, k := range RecordKinds() {
		t.Run(k.Code, func(t *testing.T) {
			if !kindCodePattern.MatchString(k.Code) || taken["code "+k.Code] || taken["name "+k.Name] {
				t.Errorf("code %q is not lowercase words joined by hyphens, or it or name %q another kind's", k.Code, k.Name)
			}
			if !sqlNamePattern.MatchString(k.Table) || taken["table "+k.Table] {
				t.Errorf("table %q is not an SQL name, or another kind's", k.Table)
			}
			taken["code "+k.Code], taken["name "+k.Name], taken["table "+k.Table] = true, true, true
			if !areaPattern.MatchString(k.Area) {
				t.Errorf("area %q is not a lowercase word", k.Area)
			}
			for _, s := range []string{k.Name, k.NameEn, k.One, k.OneEn} {
				if strings.TrimSpace(s) == "" {
					t.Errorf("a name is missing: %q, %q, %q, %q", k.Name, k.NameEn, k.One, k.OneEn)
				}
			}
			checkRecordFields(t, k)
			if f := k.Field(k.Day); f == nil || f.Type != FieldDay || !f.Required {
				t.Errorf("Day %q is not a required day field", k.Day)
			}
			if f := k.Field(k.Title); f == nil || f.Type != FieldText {
				t.Errorf("Title %q is not a text field", k.Title)
			}
			if len(k.Indicators) == 0 {
				t.Error("the kind counts nothing")
			}
			checkRecordDerived(t, k)
			for _, ind := range k.Indicators {
				if taken["indicator "+ind.Code] || taken["indicator name "+ind.Name] {
					t.Errorf("indicator %s or its name %q is another's", ind.Code, ind.Name)
				}
				taken["indicator "+ind.Code], taken["indicator name "+ind.Name] = true, true
				checkRecordIndicator(t, k, ind)
			}
		})
	}
	t.Run("a word has one English everywhere", func(t *testing.T) {
		english := map[string]string{}
		for _, w := range recordWords() {
			if english[w.vi] != "" && english[w.vi] != w.en {
				t.Errorf("%q is %q and %q", w.vi, english[w.vi], w.en)
			}
			english[w.vi] = w.en
		}
	})
}

// checkRecordFields checks the fields of k: names, labels, types, limits and options.
func checkRecordFields(t *testing.T, k *RecordKind) {
	t.Helper()
	names, labels := map[string]bool{}, map[string]bool{}
	for _, f := range k.Fields {
		switch {
		case !sqlNamePattern.MatchString(f.Name) || names[f.Name]:
			t.Errorf("field %q is not an SQL name, or another field's", f.Name)
		case slices.Contains(recordColumns, f.Name) || slices.Contains(sqlKeywords, f.Name):
			t.Errorf("field %q is named as a column of every record or an SQL keyword", f.Name)
		case f.Label == "" || f.LabelEn == "" || labels[f.Label]:
			t.Errorf("field %s: label %q (%q) is missing or another field's", f.Name, f.Label, f.LabelEn)
		case (f.Hint == "") != (f.HintEn == ""):
			t.Errorf("field %s: hint %q has no English or the English no hint", f.Name, f.Hint)
		case f.Max < 0 || f.Max > 0 && f.Type != FieldText && f.Type != FieldNote && f.Type != FieldLink:
			t.Errorf("field %s: Max %d on a %s field", f.Name, f.Max, f.Type)
		case (f.Type == FieldChoice) != (len(f.Options) > 0):
			t.Errorf("field %s: a %s field with %d options", f.Name, f.Type, len(f.Options))
		case !slices.Contains([]FieldType{FieldText, FieldNote, FieldChoice, FieldLink, FieldDay, FieldCount, FieldMoney, FieldYesNo, FieldRef, FieldPerson}, f.Type):
			t.Errorf("field %s: type %q", f.Name, f.Type)
		case (f.Type == FieldRef) != (f.Ref != "") || f.Ref != "" && RecordKindByCode(f.Ref) == nil || f.Nest && f.Ref != k.Code:
			t.Errorf("field %s: a %s field naming kind %q (nested %v)", f.Name, f.Type, f.Ref, f.Nest)
		case f.Default != "" && f.Type != FieldChoice:
			t.Errorf("field %s: a default on a %s field", f.Name, f.Type)
		}
		if _, ok := f.Option(f.Default); f.Default != "" && !ok {
			t.Errorf("field %s: default %q is not an option", f.Name, f.Default)
		}
		names[f.Name], labels[f.Label] = true, true
		options := map[string]bool{}
		for _, o := range f.Options {
			if !sqlNamePattern.MatchString(o.Code) || options[o.Code] || o.Name == "" || o.NameEn == "" {
				t.Errorf("field %s: option %q is not a code, another option's, or has no names", f.Name, o.Code)
			}
			options[o.Code] = true
		}
	}
}

// checkRecordDerived checks what k derives from its records: states with a function that
// gives them, views with codes and a narrowing, and a hand-down through a ref field to the
// kind itself that keeps fields it has.
func checkRecordDerived(t *testing.T, k *RecordKind) {
	t.Helper()
	if (k.State == nil) != (len(k.States) == 0) {
		t.Errorf("State and States: one without the other")
	}
	views := map[string]bool{}
	for _, v := range k.Views {
		if !kindCodePattern.MatchString(v.Code) || views[v.Code] || v.Narrow == nil {
			t.Errorf("view %q: not a code, another view's, or narrows nothing", v.Code)
		}
		views[v.Code] = true
	}
	if h := k.HandDown; h != nil {
		if f := k.Field(h.From); f == nil || f.Type != FieldRef || f.Ref != k.Code || f.Nest {
			t.Errorf("HandDown: From %q is not a ref field to the kind itself", h.From)
		}
		for _, name := range h.Keep {
			if k.Field(name) == nil || name == h.From {
				t.Errorf("HandDown keeps %q, not a field of its own", name)
			}
		}
	}
}

// checkRecordIndicator checks an indicator of k: its code in k's area, its names, and that
// it sums count or money fields of k in the measure of money exactly when they are money,
// of records matching options k's choice fields have.
func checkRecordIndicator(t *testing.T, k *RecordKind, ind RecordIndicator) {
	t.Helper()
	whole := Indicator{Code: ind.Code, Name: ind.Name, Measure: ind.Measure, Aggregation: AggregateSum, Source: SourceComputed}
	if err := whole.Validate(); err != nil || !strings.HasPrefix(ind.Code, k.Area+".") {
		t.Errorf("indicator %s is not in area %s, or invalid: %v", ind.Code, k.Area, err)
	}
	if ind.NameEn == "" || ind.MeasureEn == "" {
		t.Errorf("indicator %s has no English", ind.Code)
	}
	for _, name := range ind.Sum {
		f := k.Field(name)
		if f == nil || f.Type != FieldCount && f.Type != FieldMoney || (f.Type == FieldMoney) != (ind.Measure == "đồng") {
			t.Errorf("indicator %s sums %q, not a count field, or money in another measure than đồng", ind.Code, name)
		}
	}
	for _, m := range ind.Where {
		checkRecordMatch(t, k, ind.Code, m)
	}
	if f := k.Field(ind.By); ind.By != "" && (f == nil || f.Type != FieldDay) {
		t.Errorf("indicator %s: By %q is not a day field", ind.Code, ind.By)
	}
	if f := k.Field(ind.Until); ind.Until != "" && (f == nil || f.Type != FieldDay || !ind.Stock) {
		t.Errorf("indicator %s: Until %q is not a day field of a stock", ind.Code, ind.Until)
	}
	if r := ind.Ratio; r != nil {
		num, den := k.Indicator(r.Num), k.Indicator(r.Den)
		if num == nil || den == nil || num.Ratio != nil || den.Ratio != nil || num.Stock != ind.Stock || den.Stock != ind.Stock ||
			ind.Measure != "%" || ind.Base == "" || ind.BaseEn == "" ||
			len(ind.Sum)+len(ind.Where) > 0 || ind.By != "" {
			t.Errorf("indicator %s: a ratio not of two counts of its kind, in %%, with its base named, and nothing else", ind.Code)
		}
	}
}

// checkRecordMatch checks that m matches a choice, yes/no or ref field of k by values it
// may hold.
func checkRecordMatch(t *testing.T, k *RecordKind, code string, m RecordMatch) {
	t.Helper()
	f := k.Field(m.Field)
	if f == nil || len(m.Options) == 0 {
		t.Errorf("indicator %s matches %q, not a field of its kind, or no value", code, m.Field)
		return
	}
	for _, o := range m.Options {
		_, isOption := f.Option(o)
		ok := f.Type == FieldChoice && isOption || f.Type == FieldYesNo && (o == "yes" || o == "no") || f.Type == FieldRef && o == "none"
		if !ok {
			t.Errorf("indicator %s matches %s %q, which a %s field does not hold", code, f.Name, o, f.Type)
		}
	}
}

// recordWord is a Vietnamese word of a declaration and its English.
type recordWord struct{ vi, en string }

// recordWords returns the words the declared kinds show, with their English, as the web
// translates them: names, labels, hints, options, indicators and measures. A kind's One is
// left out: a noun in the singular, it may be a measure too ("tin, bài"), whose English is
// in the plural.
func recordWords() []recordWord {
	var words []recordWord
	for _, k := range RecordKinds() {
		words = append(words, recordWord{k.Name, k.NameEn})
		for _, f := range k.Fields {
			words = append(words, recordWord{f.Label, f.LabelEn})
			if f.Hint != "" {
				words = append(words, recordWord{f.Hint, f.HintEn})
			}
			for _, o := range f.Options {
				words = append(words, recordWord{o.Name, o.NameEn})
			}
		}
		for _, ind := range k.Indicators {
			words = append(words, recordWord{ind.Name, ind.NameEn}, recordWord{ind.Measure, ind.MeasureEn})
			if ind.Base != "" {
				words = append(words, recordWord{ind.Base, ind.BaseEn})
			}
		}
		for _, o := range k.States {
			words = append(words, recordWord{o.Name, o.NameEn})
		}
		for _, v := range k.Views {
			words = append(words, recordWord{v.Name, v.NameEn})
		}
	}
	return words
}

// recordCase is a record of a kind made from a good one: changed values (nil removes a
// value), the field a refusal names ("" for a record that is valid), and values expected
// once a valid record is checked.
type recordCase struct {
	name   string
	change RecordValues
	field  string
	want   RecordValues
}

// testRecordKind checks that k accepts good and, for each case, refuses its record naming
// its field or accepts it with the values it wants.
func testRecordKind(t *testing.T, k *RecordKind, good RecordValues, cases []recordCase) {
	t.Helper()
	today := day(2026, 12, 1)
	cases = append([]recordCase{{name: "a good record"}}, cases...)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := maps.Clone(good)
			for name, val := range tc.change {
				if val == nil {
					delete(v, name)
				} else {
					v[name] = val
				}
			}
			err := k.Validate(v, today)
			var e *Error
			switch {
			case tc.field == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.field != "" && (!errors.As(err, &e) || e.Code != EINVALID || e.Field != tc.field):
				t.Fatalf("got %v, want a refusal naming %s", err, tc.field)
			}
			for name, want := range tc.want {
				if v[name] != want {
					t.Errorf("%s = %v, want %v", name, v[name], want)
				}
			}
		})
	}
}
