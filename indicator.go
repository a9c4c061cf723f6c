package tuyengiao

import (
	"context"
	"strings"
	"time"
)

// Aggregation is how an indicator's values add up the unit tree and over time.
type Aggregation string

// The aggregations. A ratio is never an average of rates: its numerators and its
// denominators are summed apart, and divided only when shown.
const (
	AggregateSum   Aggregation = "sum"   // counts and amounts: the values add up
	AggregateRatio Aggregation = "ratio" // sum of numerators / sum of denominators
)

// IndicatorSource is where an indicator's values come from.
type IndicatorSource string

// The sources of indicators.
const (
	SourceComputed IndicatorSource = "computed" // counted from the records, by a FigureSource declared in code
	SourceReported IndicatorSource = "reported" // entered by the units per period, defined by a system administrator
)

// Indicator is a figure the system can produce for any unit and period (chỉ tiêu): what it
// counts, in what measure, and how it adds up.
type Indicator struct {
	// Code names the indicator everywhere (API, exports, report templates): lowercase words
	// with dots, the area first ("study.attendances.member").
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameEn string `json:"name_en"`
	// Measure is what one counts, in the words of the reports: "người" (distinct people),
	// "lượt" (attendances: one person at three classes is three), "hội nghị", "văn bản", "%",
	// "đồng".
	Measure   string `json:"measure"`
	MeasureEn string `json:"measure_en"`
	// Group is the area of work the indicator belongs to, for listing: "people", "study",
	// "essays", "documents", or the group a reported indicator was defined in.
	Group       string          `json:"group"`
	Aggregation Aggregation     `json:"aggregation"`
	Source      IndicatorSource `json:"source"`
	// Stock marks a value held at a moment (the members on the register): a period takes its
	// value on its last day and months are not added up. Otherwise it is a flow (conferences,
	// attendances) that adds up over time.
	Stock bool `json:"stock"`
	// Base says what the denominator of a ratio counts ("đảng viên trong danh sách"), so that
	// every rate names its base.
	Base   string `json:"base,omitempty"`
	BaseEn string `json:"base_en,omitempty"`
	// Records is the page that lists the records behind a value, with {unit}, {from} and
	// {to} (days as 2006-01-02) to fill in; empty for a reported indicator. That page checks
	// what the viewer may see.
	Records string `json:"records,omitempty"`
}

// Validate checks the fields every indicator must have.
func (ind *Indicator) Validate() error {
	switch {
	case !validIndicatorCode(ind.Code):
		return FieldError("code", "Mã chỉ tiêu %q không hợp lệ: chữ thường không dấu, chữ số, dấu gạch dưới, các phần cách nhau bằng dấu chấm.", ind.Code)
	case strings.TrimSpace(ind.Name) == "":
		return FieldError("name", "Chưa nhập tên chỉ tiêu.")
	case len([]rune(ind.Name)) > 200:
		return FieldError("name", "Tên chỉ tiêu dài quá 200 ký tự.")
	case strings.TrimSpace(ind.Measure) == "":
		return FieldError("measure", "Chưa nhập đơn vị tính của chỉ tiêu.")
	case ind.Aggregation != AggregateSum && ind.Aggregation != AggregateRatio:
		return FieldError("aggregation", "Cách cộng dồn %q không hợp lệ: sum hoặc ratio.", ind.Aggregation)
	case ind.Source != SourceComputed && ind.Source != SourceReported:
		return FieldError("source", "Nguồn số liệu %q không hợp lệ.", ind.Source)
	}
	return nil
}

func validIndicatorCode(code string) bool {
	if code == "" || len(code) > 80 {
		return false
	}
	for _, part := range strings.Split(code, ".") {
		if part == "" {
			return false
		}
		for _, r := range part {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
				return false
			}
		}
	}
	return true
}

// MaxValue bounds every value entered by hand (a reported figure, a target): a million
// billion, beyond any count or amount in đồng a unit reports, and far enough below the int64
// limit that the sums of a whole country cannot overflow.
const MaxValue = 1_000_000_000_000_000

// CheckValue refuses, naming field, a value entered by hand that is negative or above
// MaxValue.
func CheckValue(field string, v Value) error {
	if v.Num < 0 || v.Den < 0 || v.Num > MaxValue || v.Den > MaxValue {
		return FieldError(field, "Số liệu phải từ 0 đến 1.000.000.000.000.000.")
	}
	return nil
}

// Value is an indicator's value for a unit and period. For a sum, Num is the value and Den
// is 0; for a ratio, Num over Den, kept apart until it is shown, so that a rate rolls up as
// a ratio of sums.
type Value struct {
	Num int64 `json:"value"`
	Den int64 `json:"base,omitempty"`
}

// Rate returns Num/Den in percent, and false without a base.
func (v Value) Rate() (float64, bool) {
	if v.Den == 0 {
		return 0, false
	}
	return 100 * float64(v.Num) / float64(v.Den), true
}

// UnitValue is an indicator's own value at one unit: counted from the records of that unit
// alone, or reported by it, before anything is rolled up.
type UnitValue struct {
	Code   string
	UnitID int64
	Value
}

// FigureSource computes the own values of some indicators from the records a capability
// keeps. A capability declares its indicators once, in its source, and they appear in the
// catalogue, the table, the dashboard, the API and the reports without other changes.
type FigureSource interface {
	// Indicators returns the indicators the source computes.
	Indicators(ctx context.Context) ([]Indicator, error)
	// OwnValues returns the own values, for period p, of the indicators codes (all of this
	// source) at each unit of the subtree at path subtree that has any; a unit without a row
	// has zero. A stock is taken on p.To. It checks no access: the figure service has.
	OwnValues(ctx context.Context, codes []string, subtree string, p Period) ([]UnitValue, error)
	// Version returns the version of the data the source counts from, raised in the same
	// transaction as every write that may change what Indicators or OwnValues return: while
	// it and the unit tree's version stay the same, so do their answers, and the figure
	// service keeps them. Nothing else may change them, not even the time of day.
	Version(ctx context.Context) (int64, error)
}

// FigureQuery asks for indicators of a unit and the units below it, for periods.
type FigureQuery struct {
	Codes   []string // the indicators, in this order; none: every indicator of the catalogue
	UnitID  int64
	Depth   int // the levels below UnitID to list: 0 the unit alone, 1 its children too, ...
	Periods []Period
	// Targets asks for FigureTable.Targets too.
	Targets bool
}

// FigureUnit is a row of a FigureTable: a unit's subtree, or (Own) the unit's own records
// alone, the line that makes its children add up to its total.
type FigureUnit struct {
	ID          int64  `json:"id"`
	Code        string `json:"code"`
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Depth       int    `json:"depth"` // below the asked unit: 0 for it
	HasChildren bool   `json:"has_children"`
	Own         bool   `json:"own,omitempty"`
}

// FigureTable is the answer to a FigureQuery: a value per unit row, indicator and period.
// The asked unit comes first, then its own line if it holds any records of its own, then the
// units below in tree order.
type FigureTable struct {
	Indicators []Indicator  `json:"indicators"`
	Periods    []Period     `json:"periods"`
	Units      []FigureUnit `json:"units"`
	// Values holds the value of unit row u, indicator i and period p at
	// (u*len(Indicators)+i)*len(Periods)+p.
	Values []Value `json:"values"`
	// Targets holds, indexed as Values, the target (chỉ tiêu kế hoạch) set for the value,
	// or nil when the query did not ask for them; a zero Value is no target. The target of
	// a ratio is Num/Den (974/1000 for 97,4%).
	Targets []Value `json:"targets,omitempty"`
	// AsOf is when the figures were counted: records made later are not in them.
	AsOf time.Time `json:"as_of"`
}

// Value returns the value of unit row u, indicator i and period p.
func (t *FigureTable) Value(u, i, p int) Value {
	return t.Values[(u*len(t.Indicators)+i)*len(t.Periods)+p]
}

// FigureService is the one place every figure comes from: pages, exports, the API, reports
// and load runs all ask it. A value for a unit is its own plus its whole subtree's; distinct
// people are counted at the unit they belong to, so they add up without double counting.
// Reading figures needs ActionUnitView at the unit asked.
type FigureService interface {
	// Indicators returns the catalogue: every computed and reported indicator.
	Indicators(ctx context.Context) ([]Indicator, error)
	// Figures returns the values the query asks for.
	Figures(ctx context.Context, q FigureQuery) (*FigureTable, error)
	// Participation returns the dashboard of campaign campaignID at unit unitID, from the
	// campaign's counts (CampaignService.CampaignCounts) rolled up: ENOTFOUND for a
	// campaign the caller may not see or a unit that does not exist.
	Participation(ctx context.Context, campaignID, unitID int64) (*CampaignParticipation, error)
	// PeopleCounts returns the people active on asOf of the subtree of unitID by category,
	// for the unit and the units below it down to depth levels (0: the unit alone); asOf
	// is required.
	PeopleCounts(ctx context.Context, unitID int64, depth int, asOf Date) (*PeopleCounts, error)
	// EssayCounts returns the essays of campaign campaignID handed in in the subtree of
	// unitID, by status and level, for the unit and the units right below it.
	EssayCounts(ctx context.Context, campaignID, unitID int64) (*EssayFigures, error)
	// Units returns the units of a UnitFilter without a Query as UnitService.FindUnits does,
	// read from the unit tree the service keeps, for the lists that page through a large
	// subtree.
	Units(ctx context.Context, f UnitFilter) ([]*Unit, int, error)
}
