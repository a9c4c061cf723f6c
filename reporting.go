package tuyengiao

import (
	"context"
	"slices"
	"strings"
	"time"
)

// ActionReportEnter enters the reported figures of a unit's forms, its own or, from a unit
// above, on behalf of the units below, and reopens a locked form of a unit below: the
// figures of a unit, which its editors and unit administrators enter.
const ActionReportEnter = ActionFigureEdit

// DataSet is what a kind of unit must report for each period of a kind (like DHIS2's data
// sets): the reported indicators of its form, the computed figures shown beside them, and
// the deadline.
type DataSet struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// Indicators are the codes of the reported indicators of the form, in its order.
	Indicators []string `json:"indicators"`
	// Computed are the codes of computed indicators shown beside the form, read only.
	Computed []string `json:"computed"`
	// UnitKinds are the codes of the kinds of unit that must report.
	UnitKinds  []string   `json:"unit_kinds"`
	PeriodKind PeriodKind `json:"period_kind"`
	// DeadlineDays is the number of days after the period's last day by which the form is
	// due; after that day it is locked.
	DeadlineDays int `json:"deadline_days"`
}

// Validate checks the fields of a data set, not that its codes exist.
func (d *DataSet) Validate() error {
	switch {
	case strings.TrimSpace(d.Name) == "":
		return FieldError("name", "Chưa nhập tên bộ biểu mẫu.")
	case len([]rune(d.Name)) > 200:
		return FieldError("name", "Tên bộ biểu mẫu dài quá 200 ký tự.")
	case len(d.Indicators) == 0:
		return FieldError("indicators", "Chưa chọn chỉ tiêu báo cáo nào cho bộ biểu mẫu.")
	case len(d.UnitKinds) == 0:
		return FieldError("unit_kinds", "Chưa chọn loại đơn vị phải báo cáo.")
	case d.PeriodKind.index() < 0:
		return FieldError("period_kind", "Loại kỳ báo cáo %q không hợp lệ: tháng, quý, 6 tháng, 9 tháng hoặc năm.", d.PeriodKind)
	case d.DeadlineDays < 0 || d.DeadlineDays > 366:
		return FieldError("deadline_days", "Hạn nộp phải từ 0 đến 366 ngày sau khi hết kỳ.")
	}
	for _, list := range [][]string{d.Indicators, d.Computed, d.UnitKinds} {
		for i, c := range list {
			if slices.Contains(list[:i], c) {
				return FieldError("indicators", "Mã %q được chọn hai lần.", c)
			}
		}
	}
	return nil
}

// Deadline returns the last day a form of period p is due: DeadlineDays after p.To.
func (d *DataSet) Deadline(p Period) Date { return Date{p.To.AddDate(0, 0, d.DeadlineDays)} }

// Reports reports whether units of the kind must report the data set.
func (d *DataSet) Reports(kind string) bool { return slices.Contains(d.UnitKinds, kind) }

// ReportedValue is a value a unit's form holds for one reported indicator, with who entered
// it and how.
type ReportedValue struct {
	Code string `json:"code"`
	Value
	EnteredBy    int64     `json:"entered_by,omitempty"`
	EnteredLogin string    `json:"entered_login,omitempty"`
	EnteredAt    time.Time `json:"entered_at"`
	// OnBehalf marks a value entered from a unit above, for the unit.
	OnBehalf bool `json:"on_behalf"`
	// Late marks a value entered after the deadline, while the form was reopened.
	Late bool `json:"late"`
}

// FormStatus is how a unit stands with a form: reported on time, late, or not at all.
type FormStatus string

// The statuses of a form.
const (
	FormOnTime  FormStatus = "on_time"
	FormLate    FormStatus = "late"
	FormMissing FormStatus = "missing"
)

// Name returns the Vietnamese name of the status.
func (s FormStatus) Name() string {
	switch s {
	case FormOnTime:
		return "Đúng hạn"
	case FormLate:
		return "Trễ hạn"
	}
	return "Chưa báo cáo"
}

// Form is the form of a data set for one unit and period: the values entered, and whether it
// takes more.
type Form struct {
	DataSet  *DataSet        `json:"data_set"`
	Unit     *Unit           `json:"unit"`
	Period   Period          `json:"period"`
	Deadline Date            `json:"deadline"`
	Values   []ReportedValue `json:"values"` // the current values, in the data set's order
	// Status is FormMissing until every indicator of the data set has a value; then
	// on time or late by when the last one came.
	Status     FormStatus `json:"status"`
	ReportedAt *time.Time `json:"reported_at,omitempty"`
	// Locked tells that the form takes no value now, and LockedWhy why, in Vietnamese.
	Locked    bool   `json:"locked"`
	LockedWhy string `json:"locked_why,omitempty"`
	// ReopenedUntil is the last day of a reopening by the unit above, if any.
	ReopenedUntil *Date `json:"reopened_until,omitempty"`
}

// Entry asks to set values of a unit's form of a data set for a period. A value of zero is
// a value (nothing happened), not a blank: a blank is left out.
type Entry struct {
	DataSetID int64
	UnitID    int64
	Period    Period
	Values    []UnitValue // Code and Value; UnitID is ignored
}

// ReportRow is a row of a spreadsheet of reported values: a unit's code and its values.
type ReportRow struct {
	Row      int
	UnitCode string
	Values   []UnitValue // Code and Value, the cells left blank left out
	Err      *Error      // set by the reader when a cell could not be read
}

// ReportImport asks to check, and with Commit to write, all the rows of a spreadsheet for a
// data set and period, entered from the unit RootID for the units of its subtree.
type ReportImport struct {
	DataSetID int64
	RootID    int64
	Period    Period
	Rows      []ReportRow
	Commit    bool
}

// ReportImportResult is what an import found: every bad row, and the number of forms
// written (none when any row is bad).
type ReportImportResult struct {
	Errors  []*Error `json:"errors"`
	Forms   int      `json:"forms"`
	Written bool     `json:"written"`
}

// Completeness is how the units that must report a data set below a unit have reported for
// a period (DHIS2's reporting rates): the counts of the whole subtree, and a line for the
// unit itself and each child with the counts of its subtree.
type Completeness struct {
	DataSet  *DataSet           `json:"data_set"`
	Unit     *Unit              `json:"unit"`
	Period   Period             `json:"period"`
	Deadline Date               `json:"deadline"`
	Total    CompletenessCount  `json:"total"`
	Lines    []CompletenessLine `json:"lines"`
}

// CompletenessCount counts the units that must report, and how they did.
type CompletenessCount struct {
	Expected int `json:"expected"`
	OnTime   int `json:"on_time"`
	Late     int `json:"late"`
	Missing  int `json:"missing"`
}

// Rate returns the share of the expected units that reported, on time or late, as a Value.
func (c CompletenessCount) Rate() Value {
	return Value{Num: int64(c.OnTime + c.Late), Den: int64(c.Expected)}
}

// CompletenessLine is the unit asked or one of its children: its own status, when it must
// report itself (Status empty otherwise), and the counts of its subtree.
type CompletenessLine struct {
	Unit       *Unit             `json:"unit"`
	Status     FormStatus        `json:"status,omitempty"`
	ReportedAt *time.Time        `json:"reported_at,omitempty"`
	Count      CompletenessCount `json:"count"`
}

// ReportingService keeps the reported indicators, the data sets, their forms and values.
type ReportingService interface {
	// ReportedIndicators returns the reported indicators, by code.
	ReportedIndicators(ctx context.Context) ([]Indicator, error)
	// SaveReportedIndicator creates the indicator, or changes the one of its code when
	// update is set; ActionIndicatorManage. Once values were entered for it, its aggregation
	// and Stock no longer change (ECONFLICT naming the field).
	SaveReportedIndicator(ctx context.Context, ind *Indicator, update bool) error
	// DataSets returns every data set, by name; FindDataSet one, or ENOTFOUND.
	DataSets(ctx context.Context) ([]*DataSet, error)
	FindDataSet(ctx context.Context, id int64) (*DataSet, error)
	// SaveDataSet creates the data set (ID 0) or changes it; ActionIndicatorManage. An
	// indicator belongs to one data set only (ECONFLICT naming the other one); once values
	// were entered in its forms, its PeriodKind no longer changes nor does an indicator with
	// values leave it (ECONFLICT naming the field).
	SaveDataSet(ctx context.Context, d *DataSet) error
	// Form returns the form of the unit for the period; ActionUnitView at the unit.
	Form(ctx context.Context, dataSetID, unitID int64, p Period) (*Form, error)
	// EnterValues sets values of a form, audited with the values they replace; a locked
	// form refuses them (ECONFLICT saying why). ActionReportEnter at the unit.
	EnterValues(ctx context.Context, e Entry) (*Form, error)
	// ReopenForm reopens the locked form of a unit until the day until (zero: for as many
	// days as the data set's deadline), audited; ActionReportEnter at the unit's parent.
	ReopenForm(ctx context.Context, dataSetID, unitID int64, p Period, until Date) (*Form, error)
	// ImportValues checks every row, and writes them all when none is bad and Commit is
	// set; ActionReportEnter at each row's unit.
	ImportValues(ctx context.Context, req ReportImport) (*ReportImportResult, error)
	// Completeness returns how the units of the subtree reported; ActionUnitView.
	Completeness(ctx context.Context, dataSetID, unitID int64, p Period) (*Completeness, error)
}

// ReportColumn is a column of a spreadsheet of reported values (one row per unit): the value
// of an indicator, or with Base the denominator of a ratio.
type ReportColumn struct {
	Header string // the code, and for a denominator the code followed by ".mau_so"
	Code   string
	Base   bool
}

// ReportColumns returns the indicator columns of a spreadsheet of the indicators, after the
// column "Mã đơn vị", which the template writes and the reader reads.
func ReportColumns(inds []Indicator) []ReportColumn {
	var out []ReportColumn
	for _, ind := range inds {
		out = append(out, ReportColumn{Header: ind.Code, Code: ind.Code})
		if ind.Aggregation == AggregateRatio {
			out = append(out, ReportColumn{Header: ind.Code + ".mau_so", Code: ind.Code, Base: true})
		}
	}
	return out
}

// ValueOf returns the current value of the indicator code in the form, or nil.
func (f *Form) ValueOf(code string) *ReportedValue {
	for i := range f.Values {
		if f.Values[i].Code == code {
			return &f.Values[i]
		}
	}
	return nil
}

// ParentPath returns the materialised path of the parent of the unit at path ("/1/5/" for
// "/1/5/23/"), and "/" for a root.
func ParentPath(path string) string {
	trimmed := strings.TrimSuffix(path, "/")
	return trimmed[:strings.LastIndex(trimmed, "/")+1]
}
