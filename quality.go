package tuyengiao

import (
	"context"
	"strings"
	"time"
)

// Target is a planned value (chỉ tiêu kế hoạch) of an indicator for a unit and a period,
// set by the unit itself or by a unit above it. It matches only the period it was set for:
// the target of the year is not the target of a quarter, nor the sum of the quarters'.
type Target struct {
	Code   string `json:"indicator"`
	UnitID int64  `json:"unit_id"`
	// Period is the code of the period (Period.String): "2026", "2026-H1", "2026-Q3".
	Period string `json:"period"`
	// Value is the target: a count for a sum, Num/Den for a ratio (974/1000 for 97,4%). A
	// zero Value removes the target.
	Value
	SetBy string    `json:"set_by,omitempty"` // the login that set it
	SetAt time.Time `json:"set_at,omitempty"`
}

// Validate checks a target's fields: a known kind of code and period, a value within
// CheckValue's bounds, and for a ratio a numerator not above its base.
func (t *Target) Validate() error {
	switch {
	case !validIndicatorCode(t.Code):
		return FieldError("indicator", "Mã chỉ tiêu %q không hợp lệ.", t.Code)
	case t.UnitID <= 0:
		return FieldError("unit_id", "Chưa chọn đơn vị của chỉ tiêu kế hoạch.")
	case t.Den > 0 && t.Num > t.Den:
		return FieldError("value", "Chỉ tiêu kế hoạch theo tỉ lệ không được quá 100%%.")
	}
	if err := CheckValue("value", t.Value); err != nil {
		return err
	}
	if _, err := ParsePeriod("period", t.Period); err != nil {
		return err
	}
	return nil
}

// canonicalPeriod returns the code of the period that code names, as Period.String writes
// it, so that " 2026" and "2026" are one period; code must have passed ParsePeriod.
func canonicalPeriod(code string) string {
	p, _ := ParsePeriod("period", code)
	return p.String()
}

// Normalize writes the target's period as Period.String does, once it is valid.
func (t *Target) Normalize() { t.Period = canonicalPeriod(t.Period) }

// Normalize writes the confirmation's period as Period.String does, once it is valid.
func (c *OutlierConfirmation) Normalize() { c.Period = canonicalPeriod(c.Period) }

// TargetService keeps the targets. They are read with the figures: FigureQuery.Targets.
type TargetService interface {
	// SetTargets sets (a zero Value removes) the targets, all or none, each audited. The
	// caller needs ActionFigureEdit at every target's unit: an editor of the unit or of a
	// unit above it.
	SetTargets(ctx context.Context, targets []Target) error
}

// The comparisons a validation rule makes between its two sides.
const (
	RuleAtLeast = ">="
	RuleAtMost  = "<="
	RuleEqual   = "=="
)

// Term is a part of a rule's side: an indicator's value, or with Base the denominator of a
// ratio indicator (written "code:base").
type Term struct {
	Code string `json:"code"`
	Base bool   `json:"base,omitempty"`
}

// String writes the term as ParseExpression reads it.
func (t Term) String() string {
	if t.Base {
		return t.Code + ":base"
	}
	return t.Code
}

// maxExpression bounds a side of a rule: some twenty indicator codes added up.
const maxExpression = 1000

// ParseExpression reads a side of a validation rule: terms joined by "+", each an indicator
// code, or "code:base" for the denominator of a ratio ("study.participation.member:base").
// Anything else is an EINVALID naming field.
func ParseExpression(field, s string) ([]Term, error) {
	if len(s) > maxExpression {
		return nil, FieldError(field, "Biểu thức dài quá %d ký tự.", maxExpression)
	}
	var out []Term
	for _, part := range strings.Split(s, "+") {
		part = strings.TrimSpace(part)
		code, base := strings.CutSuffix(part, ":base")
		if !validIndicatorCode(code) {
			return nil, FieldError(field, "Biểu thức %q không hợp lệ: viết các mã chỉ tiêu nối bằng dấu +, thêm :base để lấy mẫu số của một tỉ lệ.", s)
		}
		out = append(out, Term{Code: code, Base: base})
	}
	return out, nil
}

// ValidationRule is a check between figures (DHIS2's validation rule): for every unit and
// period, Left Op Right must hold, each side the sum of its terms. The defaults hold for the
// computed indicators and are declared in code (ID 0, Builtin); a system administrator adds
// rules over the reported ones.
type ValidationRule struct {
	ID      int64  `json:"id,omitempty"`
	Left    string `json:"left"`
	Op      string `json:"op"`
	Right   string `json:"right"`
	Message string `json:"message"` // Vietnamese, shown with every violation
	Builtin bool   `json:"builtin,omitempty"`
	// CreatedBy and CreatedAt say who added a stored rule, and when.
	CreatedBy string    `json:"created_by,omitempty"`
	CreatedAt time.Time `json:"created_at,omitempty"`
}

// Validate checks the rule's sides, its comparison and its message.
func (r *ValidationRule) Validate() error {
	if _, err := ParseExpression("left", r.Left); err != nil {
		return err
	}
	if _, err := ParseExpression("right", r.Right); err != nil {
		return err
	}
	switch {
	case r.Op != RuleAtLeast && r.Op != RuleAtMost && r.Op != RuleEqual:
		return FieldError("op", "Phép so sánh %q không hợp lệ: >=, <= hoặc ==.", r.Op)
	case strings.TrimSpace(r.Message) == "":
		return FieldError("message", "Chưa nhập thông báo khi quy tắc bị vi phạm.")
	case len([]rune(r.Message)) > 300:
		return FieldError("message", "Thông báo dài quá 300 ký tự.")
	}
	return nil
}

// Holds reports whether left Op right holds.
func (r *ValidationRule) Holds(left, right int64) bool {
	switch r.Op {
	case RuleAtLeast:
		return left >= right
	case RuleAtMost:
		return left <= right
	}
	return left == right
}

// RuleService keeps the validation rules a system administrator adds.
type RuleService interface {
	// ValidationRules returns the default rules, then the stored ones, oldest first.
	ValidationRules(ctx context.Context) ([]ValidationRule, error)
	// CreateValidationRule stores a rule (ActionIndicatorManage), audited.
	CreateValidationRule(ctx context.Context, r *ValidationRule) error
	// DeleteValidationRule removes a stored rule (ActionIndicatorManage), audited.
	DeleteValidationRule(ctx context.Context, id int64) error
}

// Violation is a rule broken by the values of a unit (its own records alone when Own) for
// a period.
type Violation struct {
	Rule   ValidationRule `json:"rule"`
	Unit   FigureUnit     `json:"unit"`
	Period Period         `json:"period"`
	Left   int64          `json:"left"`
	Right  int64          `json:"right"`
}

// The comparisons an outlier is found by.
const (
	OutlierHistory  = "history"  // the unit's own previous periods of the same kind
	OutlierSiblings = "siblings" // the units of the same kind under the same parent
)

// The tests an outlier is found by.
const (
	OutlierSpread = "spread"
	OutlierJump   = "jump"
)

// Outlier is a value far from what it is compared with: flagged for a person to confirm,
// never dropped from any figure.
type Outlier struct {
	Indicator Indicator  `json:"indicator"`
	Unit      FigureUnit `json:"unit"`
	Period    Period     `json:"period"`
	Value     int64      `json:"value"`
	Against   string     `json:"against"` // OutlierHistory or OutlierSiblings
	// Test is how it stands out: OutlierSpread, far from the median of what it was compared
	// with in median absolute deviations (Spread): more than 3 of them from its history, a
	// modified z-score (0,6745 × distance / Spread) over 3,5 among its siblings;
	// OutlierJump, over three times the median of its history, or under a third of it,
	// when that history does not vary.
	Test   string `json:"test"`
	Median int64  `json:"median"`
	Spread int64  `json:"spread"`
	// Compared is the number of values it was compared with: previous periods or units.
	Compared int `json:"compared"`
	// Confirmation is the confirmation of this very value, nil while it is open.
	Confirmation *OutlierConfirmation `json:"confirmation,omitempty"`
}

// OutlierConfirmation records that a person has checked a value flagged as an outlier and
// finds it right. It holds for that value alone: a changed value is flagged again.
type OutlierConfirmation struct {
	Code        string    `json:"indicator"`
	UnitID      int64     `json:"unit_id"`
	Period      string    `json:"period"` // Period.String
	Value       int64     `json:"value"`
	Comment     string    `json:"comment"`
	ConfirmedBy string    `json:"confirmed_by,omitempty"`
	ConfirmedAt time.Time `json:"confirmed_at,omitempty"`
}

// Validate checks the confirmation's fields; a comment is required.
func (c *OutlierConfirmation) Validate() error {
	switch {
	case !validIndicatorCode(c.Code):
		return FieldError("indicator", "Mã chỉ tiêu %q không hợp lệ.", c.Code)
	case c.UnitID <= 0:
		return FieldError("unit_id", "Chưa chọn đơn vị.")
	case strings.TrimSpace(c.Comment) == "":
		return FieldError("comment", "Hãy ghi lý do xác nhận số liệu bất thường là đúng.")
	case len([]rune(c.Comment)) > 500:
		return FieldError("comment", "Ghi chú dài quá 500 ký tự.")
	}
	_, err := ParsePeriod("period", c.Period)
	return err
}

// QualityReport is the data quality of a unit and the units below it for a period.
type QualityReport struct {
	Unit   FigureUnit `json:"unit"`
	Period Period     `json:"period"`
	// Violations are the broken rules; Outliers the values flagged and not confirmed,
	// Confirmed those a person has confirmed.
	Violations []Violation `json:"violations"`
	Outliers   []Outlier   `json:"outliers"`
	Confirmed  []Outlier   `json:"confirmed"`
	// Skipped names the rules left out because an indicator they name is not in the
	// catalogue.
	Skipped []string  `json:"skipped,omitempty"`
	AsOf    time.Time `json:"as_of"`
}

// QualityService finds what is wrong or unusual in the figures, as DHIS2's data quality
// does. Reading needs ActionUnitView at the unit asked.
type QualityService interface {
	// Quality returns the violations and the outliers of the unit and of the units below it
	// down to depth levels, for period p.
	Quality(ctx context.Context, unitID int64, p Period, depth int) (*QualityReport, error)
	// CheckUnit returns the rules broken by the values of one unit (its own plus its
	// subtree's, as the figure service gives them) for period p: what a form of reported
	// values calls once a value is entered or imported.
	CheckUnit(ctx context.Context, unitID int64, p Period) ([]Violation, error)
	// ConfirmOutlier records the confirmation of a value (ActionFigureEdit at its unit),
	// audited; confirming it again replaces the comment.
	ConfirmOutlier(ctx context.Context, c *OutlierConfirmation) error
}
