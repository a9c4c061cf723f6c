package tuyengiao

import (
	"slices"
	"strings"
	"testing"
)

func TestValidationRule(t *testing.T) {
	t.Run("reads the sides of a rule", func(t *testing.T) {
		terms, err := ParseExpression("left", " study.attendances.member + study.participation.member:base ")
		want := []Term{{Code: "study.attendances.member"}, {Code: "study.participation.member", Base: true}}
		if err != nil || !slices.Equal(terms, want) {
			t.Errorf("got %v, %v", terms, err)
		}
	})
	t.Run("refuses a side that is no sum of codes, naming the field", func(t *testing.T) {
		for _, s := range []string{"", "people.member +", "people.member - people.union", "people.member:num", "Người",
			strings.Repeat("people.member+", 100) + "people.member"} {
			if _, err := ParseExpression("right", s); err == nil || err.(*Error).Field != "right" {
				t.Errorf("%q: %v", s, err)
			}
		}
	})
	t.Run("refuses a comparison other than >=, <= and ==, and a rule without message", func(t *testing.T) {
		for _, r := range []ValidationRule{
			{Left: "people.member", Op: "<", Right: "people.union", Message: "x"},
			{Left: "people.member", Op: "<=", Right: "people.union", Message: " "},
		} {
			if err := r.Validate(); ErrorCode(err) != EINVALID {
				t.Errorf("%+v: %v", r, err)
			}
		}
	})
	t.Run("a rate's target stays within 100%", func(t *testing.T) {
		tg := Target{Code: "study.participation.member", UnitID: 1, Period: "2026-H1", Value: Value{Num: 1001, Den: 1000}}
		if err := tg.Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("got %v", err)
		}
		tg.Num = 974
		if err := tg.Validate(); err != nil {
			t.Error(err)
		}
	})
}

// FuzzParseExpression checks that what ParseExpression reads, written again term by term,
// reads back the same.
func FuzzParseExpression(f *testing.F) {
	for _, s := range []string{"people.member", "a.b + c.d:base", "x+y", " + ", "a:base:base"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		terms, err := ParseExpression("left", s)
		if err != nil {
			return
		}
		parts := make([]string, len(terms))
		for i, term := range terms {
			parts[i] = term.String()
		}
		again, err := ParseExpression("left", strings.Join(parts, " + "))
		if err != nil || !slices.Equal(again, terms) {
			t.Errorf("%q read as %v, written again read as %v, %v", s, terms, again, err)
		}
	})
}

func TestCheckValue(t *testing.T) {
	t.Run("a value entered by hand lies between 0 and a million billion", func(t *testing.T) {
		for _, v := range []Value{{Num: -1}, {Num: MaxValue + 1}, {Num: 1, Den: -1}, {Num: 9223372036854775807}} {
			if err := CheckValue("v", v); ErrorCode(err) != EINVALID || err.(*Error).Field != "v" {
				t.Errorf("%+v: %v", v, err)
			}
		}
		if err := CheckValue("v", Value{Num: MaxValue, Den: 1}); err != nil {
			t.Error(err)
		}
	})
}
