package figures

import (
	"fmt"
	"strings"

	"tuyengiao"
)

// DefaultRules returns the validation rules that hold for the computed indicators, by
// their codes: attendances (lượt) are never fewer than the distinct people who attended,
// in all and by audience; a participation rate never passes 100%; the audiences' parts
// never add up to more than the whole. A rule naming an indicator the catalogue lacks is
// skipped, not an error, so that the rules of a capability not yet built cost nothing.
func DefaultRules() []tuyengiao.ValidationRule {
	rule := func(left, op, right, msg string, args ...any) tuyengiao.ValidationRule {
		return tuyengiao.ValidationRule{Left: left, Op: op, Right: right, Message: fmt.Sprintf(msg, args...), Builtin: true}
	}
	out := []tuyengiao.ValidationRule{rule("study.attendances", tuyengiao.RuleAtLeast, "study.participants",
		"Số lượt người học tập không được ít hơn số người đã học (một người học ba buổi là ba lượt).")}
	var attendances, participants []string
	for _, c := range tuyengiao.Categories {
		name := strings.ToLower(c.Name())
		a, p := "study.attendances."+string(c), "study.participants."+string(c)
		attendances, participants = append(attendances, a), append(participants, p)
		out = append(out,
			rule(a, tuyengiao.RuleAtLeast, p, "Số lượt %s học tập không được ít hơn số %s đã học.", name, name),
			rule("study.participation."+string(c), tuyengiao.RuleAtMost, "study.participation."+string(c)+":base",
				"Tỉ lệ %s tham gia học tập không được quá 100%%.", name))
	}
	return append(out,
		rule(strings.Join(attendances, " + "), tuyengiao.RuleAtMost, "study.attendances",
			"Số lượt học tập của các đối tượng cộng lại không được vượt tổng số lượt."),
		rule(strings.Join(participants, " + "), tuyengiao.RuleAtMost, "study.participants",
			"Số người học tập của các đối tượng cộng lại không được vượt tổng số người đã học."))
}

// rule is a validation rule with its sides read.
type rule struct {
	tuyengiao.ValidationRule
	left, right []tuyengiao.Term
}

// usableRules reads the rules whose indicators are all in the catalogue (by code → column
// of the table) and names the others, which are skipped.
func usableRules(rules []tuyengiao.ValidationRule, known func(code string) bool) (usable []rule, skipped []string) {
	for _, r := range rules {
		left, err1 := tuyengiao.ParseExpression("left", r.Left)
		right, err2 := tuyengiao.ParseExpression("right", r.Right)
		if err1 != nil || err2 != nil {
			skipped = append(skipped, fmt.Sprintf("%s %s %s: biểu thức không hợp lệ", r.Left, r.Op, r.Right))
			continue
		}
		var missing []string
		for _, t := range append(left, right...) {
			if !known(t.Code) {
				missing = append(missing, t.Code)
			}
		}
		if len(missing) > 0 {
			skipped = append(skipped, fmt.Sprintf("%s %s %s: chưa có chỉ tiêu %s", r.Left, r.Op, r.Right, strings.Join(missing, ", ")))
			continue
		}
		usable = append(usable, rule{r, left, right})
	}
	return usable, skipped
}

// ruleCodes returns the indicators the rules name, each once.
func ruleCodes(rules []rule) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range rules {
		for _, t := range append(append([]tuyengiao.Term{}, r.left...), r.right...) {
			if !seen[t.Code] {
				seen[t.Code] = true
				out = append(out, t.Code)
			}
		}
	}
	return out
}

// violations returns the rules broken by the values of every row of the table for its
// period p, in row order.
func violations(tb *tuyengiao.FigureTable, rules []rule, p int) []tuyengiao.Violation {
	col := make(map[string]int, len(tb.Indicators))
	for i, ind := range tb.Indicators {
		col[ind.Code] = i
	}
	side := func(u int, terms []tuyengiao.Term) int64 {
		var sum int64
		for _, t := range terms {
			v := tb.Value(u, col[t.Code], p)
			if t.Base {
				sum += v.Den
			} else {
				sum += v.Num
			}
		}
		return sum
	}
	var out []tuyengiao.Violation
	for u, unit := range tb.Units {
		for _, r := range rules {
			left, right := side(u, r.left), side(u, r.right)
			if !r.Holds(left, right) {
				out = append(out, tuyengiao.Violation{Rule: r.ValidationRule, Unit: unit, Period: tb.Periods[p], Left: left, Right: right})
			}
		}
	}
	return out
}
