package tuyengiao

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// FieldType is the type of a field of a kind of record, and of its value in RecordValues.
type FieldType string

// The field types, with the Go type of their values.
const (
	FieldText   FieldType = "text"   // string: one line, at most Max runes (default 500)
	FieldNote   FieldType = "note"   // string: paragraphs, at most Max runes (default 10.000)
	FieldChoice FieldType = "choice" // string: the code of one of the field's Options
	FieldLink   FieldType = "link"   // string: an http or https address
	FieldDay    FieldType = "day"    // Date
	FieldCount  FieldType = "count"  // int64: a number of things or people, 0 to MaxValue
	FieldMoney  FieldType = "money"  // int64: an amount in đồng, 0 to MaxValue, never a float
	FieldYesNo  FieldType = "yesno"  // bool
	FieldRef    FieldType = "ref"    // int64: the ID of a record of the kind Ref, 0 for none
	FieldPerson FieldType = "person" // int64: the ID of a person of the register, 0 for none
)

// Default limits of the text fields, in runes.
const (
	maxTextRunes = 500
	maxNoteRunes = 10000
)

// RecordOption is a value a choice field may take: a code kept in the records and the API,
// and its names.
type RecordOption struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameEn string `json:"name_en"`
}

// RecordField is a field of a kind of record: a column of its table, a key of its values in
// the API, a field of its form and a column of its spreadsheets.
type RecordField struct {
	// Name names the column and the key: lowercase letters, digits and underscores.
	Name    string    `json:"name"`
	Label   string    `json:"label"`
	LabelEn string    `json:"label_en"`
	Type    FieldType `json:"type"`
	// Required refuses a record without a value: an empty text, no day, no choice. A number is
	// always given (zero when left blank).
	Required bool `json:"required"`
	// Max bounds a text in runes (its type's default when 0).
	Max     int            `json:"max,omitempty"`
	Options []RecordOption `json:"options,omitempty"`
	// Default is the option a choice field left empty takes.
	Default string `json:"default,omitempty"`
	// Ref is the code of the kind whose record a ref field names. The record named is of the
	// record's unit or of a unit above it; with Nest, it is of the same kind and unit and
	// groups the records that name it (a task group), one level deep: a record naming
	// another is not itself named.
	Ref    string `json:"ref,omitempty"`
	Nest   bool   `json:"nest,omitempty"`
	Hint   string `json:"hint,omitempty"`
	HintEn string `json:"hint_en,omitempty"`
}

// Option returns the option of a choice field with code, and false when there is none.
func (f *RecordField) Option(code string) (RecordOption, bool) {
	i := slices.IndexFunc(f.Options, func(o RecordOption) bool { return o.Code == code })
	if i < 0 {
		return RecordOption{}, false
	}
	return f.Options[i], true
}

// RecordMatch keeps the records whose field Field holds one of Options, written as a
// filter writes them: a choice by its codes, a yes/no field as "yes" or "no", a ref field
// as "none" (it names no record) or by the IDs of the records it names.
type RecordMatch struct {
	Field   string
	Options []string
}

// RecordIndicator is an indicator a kind of record produces, counted from the records of a
// unit: a flow (its values add up over time) of the records whose day falls in the period,
// or with Stock the records in force on the period's last day (on a roster): whose day is
// on or before it and whose day field Until, when named, is empty or after it. It counts
// the records themselves, or sums the count or money fields Sum, of those matching every
// Where and, with By, whose day field By is given and not after the period's last day (a
// task done by then, so that a period keeps the value it had at its end). With Ratio it is
// the share one of the kind's indicators is of another: "60/85 nhiệm vụ hoàn thành".
type RecordIndicator struct {
	Code      string
	Name      string
	NameEn    string
	Measure   string
	MeasureEn string
	Sum       []string
	Where     []RecordMatch
	By        string
	Stock     bool
	Until     string
	Ratio     *RecordRatio
	// Base and BaseEn say what the denominator of a ratio counts.
	Base   string
	BaseEn string
}

// RecordRatio names the indicators of the kind whose values are the numerator and the
// denominator of a ratio.
type RecordRatio struct {
	Num, Den string
}

// RecordKind declares a kind of record a unit keeps of its work (media items, outreach
// sessions, commendations…): its fields, how it is checked and what it counts. One
// declaration gives the kind its table's columns, its pages, its API, its spreadsheet import
// and export, its access checks, audit and indicators.
type RecordKind struct {
	// Code names the kind in URLs, the API and the audit: lowercase words joined by hyphens.
	Code   string
	Name   string // of the kind, as a list's title: "Tin, bài truyền thông"
	NameEn string
	// One names a single record, in lower case, for messages: "tin, bài".
	One   string
	OneEn string
	// Area is the group of its indicators and of the menu: "media", "outreach", …
	Area string
	// Table is the SQL table that holds the kind: its fields as columns of their types.
	Table  string
	Fields []RecordField
	// Day is the day field that puts a record in a period; Title the text field that names
	// it in lists and in the audit.
	Day   string
	Title string
	// Indicators are what the kind counts; their codes begin with Area.
	Indicators []RecordIndicator
	// Check, when set, checks the values together once each field is valid (an end before
	// its start), naming the field at fault.
	Check func(v RecordValues) error
	// State, when set, is the state of a record derived from its values as of today, one of
	// States by code: a task past its deadline is overdue. It is computed when read, never
	// stored.
	State  func(v RecordValues, today Date) string
	States []RecordOption
	// Views are selections of the records the list offers by name ("Quá hạn").
	Views []RecordView
	// HandDown, when set, lets a unit hand a record down to the units below it: each gets a
	// copy of the fields Keep, naming the original in the ref field From, its other fields
	// at their zero or Default. The original follows the copies.
	HandDown *RecordHandDown
}

// RecordView is a selection of the records of a kind, as of today.
type RecordView struct {
	Code   string
	Name   string
	NameEn string
	Narrow func(f *RecordFilter, today Date)
}

// RecordHandDown says how a kind's records are handed down (RecordKind.HandDown).
type RecordHandDown struct {
	From string
	Keep []string
}

// StateOption returns the option of States with code, and false when there is none.
func (k *RecordKind) StateOption(code string) (RecordOption, bool) {
	i := slices.IndexFunc(k.States, func(o RecordOption) bool { return o.Code == code })
	if i < 0 {
		return RecordOption{}, false
	}
	return k.States[i], true
}

// View returns the kind's view with code, or nil.
func (k *RecordKind) View(code string) *RecordView {
	for i := range k.Views {
		if k.Views[i].Code == code {
			return &k.Views[i]
		}
	}
	return nil
}

// Indicator returns the kind's indicator with code, or nil.
func (k *RecordKind) Indicator(code string) *RecordIndicator {
	for i := range k.Indicators {
		if k.Indicators[i].Code == code {
			return &k.Indicators[i]
		}
	}
	return nil
}

// Field returns the kind's field named name, or nil.
func (k *RecordKind) Field(name string) *RecordField {
	for i := range k.Fields {
		if k.Fields[i].Name == name {
			return &k.Fields[i]
		}
	}
	return nil
}

// RecordValues holds a record's values by field name, of the Go types FieldType names. A
// missing text is "", a missing number 0, a missing day the zero Date.
type RecordValues map[string]any

// Text returns the text of field name.
func (v RecordValues) Text(name string) string { s, _ := v[name].(string); return s }

// Number returns the number of field name.
func (v RecordValues) Number(name string) int64 { n, _ := v[name].(int64); return n }

// Day returns the day of field name.
func (v RecordValues) Day(name string) Date { d, _ := v[name].(Date); return d }

// Record is a record of a kind, kept by a unit.
type Record struct {
	ID       int64        `json:"id"`
	Kind     string       `json:"kind"`
	UnitID   int64        `json:"unit_id"`
	UnitName string       `json:"unit_name,omitempty"` // read only
	Values   RecordValues `json:"values"`
	// State is the state derived as of today (RecordKind.State); Names the titles of the
	// records its ref fields name, by field. Read only.
	State     string            `json:"state,omitempty"`
	Names     map[string]string `json:"names,omitempty"`
	Version   int               `json:"version"` // read only; an update names the version it changes
	CreatedAt time.Time         `json:"created_at"`
	UpdatedAt time.Time         `json:"updated_at"`
	UpdatedBy string            `json:"updated_by,omitempty"`
}

// Validate checks the values of a record of kind k, filling those not given with their
// zero: every field of its type and limits, days plausible around today, then k.Check. A
// value for a field the kind does not have is refused.
func (k *RecordKind) Validate(v RecordValues, today Date) error {
	for name := range v {
		if k.Field(name) == nil {
			return FieldError(name, "Không có trường %q.", name)
		}
	}
	for i := range k.Fields {
		if err := k.Fields[i].validate(v, today); err != nil {
			return err
		}
	}
	if k.Check != nil {
		return k.Check(v)
	}
	return nil
}

// validate checks the value of f in v, storing its zero when v has none.
func (f *RecordField) validate(v RecordValues, today Date) error {
	val, given := v[f.Name]
	switch f.Type {
	case FieldText, FieldNote, FieldChoice, FieldLink:
		s, ok := val.(string)
		if given && !ok {
			return FieldError(f.Name, "%s phải là văn bản.", f.Label)
		}
		s = strings.TrimSpace(s)
		if s == "" && f.Type == FieldChoice {
			s = f.Default
		}
		v[f.Name] = s
		return f.checkText(s)
	case FieldDay:
		d, ok := val.(Date)
		if given && !ok {
			return FieldError(f.Name, "%s phải là một ngày.", f.Label)
		}
		v[f.Name] = d
		if d.IsZero() {
			if f.Required {
				return FieldError(f.Name, "Chưa nhập %s.", f.Label)
			}
			return nil
		}
		// A record's days are of the work the system records, planned up to a term ahead;
		// the plausible ranges by field name (PlausibleDate) are for the fixed fields.
		return dateRange{f.Label, earliestWork, plannedYears}.check(f.Name, d, today)
	case FieldCount, FieldMoney:
		n, ok := val.(int64)
		if given && !ok {
			return FieldError(f.Name, "%s phải là một số nguyên.", f.Label)
		}
		v[f.Name] = n
		if n < 0 || n > MaxValue {
			return FieldError(f.Name, "%s phải từ 0 đến %d.", f.Label, int64(MaxValue))
		}
		return nil
	case FieldYesNo:
		b, ok := val.(bool)
		if given && !ok {
			return FieldError(f.Name, "%s phải là có hoặc không.", f.Label)
		}
		v[f.Name] = b
		return nil
	case FieldRef, FieldPerson:
		n, ok := val.(int64)
		if given && !ok || n < 0 {
			return FieldError(f.Name, "%s phải là số của một bản ghi.", f.Label)
		}
		v[f.Name] = n
		if n == 0 && f.Required {
			return FieldError(f.Name, "Chưa chọn %s.", f.Label)
		}
		return nil
	}
	return FieldError(f.Name, "Trường %q có kiểu %q không hợp lệ.", f.Name, string(f.Type))
}

// checkText checks a trimmed text value of f.
func (f *RecordField) checkText(s string) error {
	limit := f.Max
	if limit == 0 {
		limit = maxTextRunes
		if f.Type == FieldNote {
			limit = maxNoteRunes
		}
	}
	switch {
	case s == "" && f.Required:
		return FieldError(f.Name, "Chưa nhập %s.", f.Label)
	case s == "":
		return nil
	case !utf8.ValidString(s):
		return FieldError(f.Name, "%s không phải văn bản UTF-8 hợp lệ.", f.Label)
	case utf8.RuneCountInString(s) > limit:
		return FieldError(f.Name, "%s dài quá %d ký tự.", f.Label, limit)
	case f.Type == FieldText && strings.ContainsAny(s, "\r\n"):
		return FieldError(f.Name, "%s chỉ gồm một dòng.", f.Label)
	}
	if f.Type == FieldChoice {
		if _, ok := f.Option(s); !ok {
			return FieldError(f.Name, "%s %q không có trong danh sách.", f.Label, s)
		}
	}
	if f.Type == FieldLink {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return FieldError(f.Name, "%s phải là địa chỉ bắt đầu bằng http:// hoặc https://.", f.Label)
		}
	}
	return nil
}

// DecodeValues reads the values of a record of kind k from a JSON object by field name:
// texts as strings, days as "2006-01-02", numbers as whole numbers, yes/no as booleans. It
// names the field at fault; it does not validate (Validate does).
func (k *RecordKind) DecodeValues(raw map[string]json.RawMessage) (RecordValues, error) {
	v := make(RecordValues, len(raw))
	for name, msg := range raw {
		f := k.Field(name)
		if f == nil {
			return nil, FieldError(name, "Không có trường %q.", name)
		}
		if bytes.Equal(bytes.TrimSpace(msg), []byte("null")) {
			continue
		}
		val, err := f.decode(msg)
		if err != nil {
			return nil, err
		}
		v[name] = val
	}
	return v, nil
}

// decode reads one JSON value of f.
func (f *RecordField) decode(msg json.RawMessage) (any, error) {
	switch f.Type {
	case FieldDay:
		var d Date
		if err := json.Unmarshal(msg, &d); err != nil {
			return nil, FieldError(f.Name, "%s phải có dạng năm-tháng-ngày, ví dụ \"2026-05-19\".", f.Label)
		}
		return d, nil
	case FieldCount, FieldMoney, FieldRef, FieldPerson:
		var n int64
		if err := json.Unmarshal(msg, &n); err != nil {
			return nil, FieldError(f.Name, "%s phải là một số nguyên.", f.Label)
		}
		return n, nil
	case FieldYesNo:
		var b bool
		if err := json.Unmarshal(msg, &b); err != nil {
			return nil, FieldError(f.Name, "%s phải là true hoặc false.", f.Label)
		}
		return b, nil
	}
	var s string
	if err := json.Unmarshal(msg, &s); err != nil {
		return nil, FieldError(f.Name, "%s phải là văn bản.", f.Label)
	}
	return s, nil
}

// RecordFilter selects the records of a kind.
type RecordFilter struct {
	// UnitID keeps the records of this unit and the units below it.
	UnitID int64
	// From and To keep the records whose day is on or between them; zero: no bound.
	From, To Date
	// Match keeps the records whose field (the key) holds one of the values, written as
	// RecordMatch writes them.
	Match map[string][]string
	// View keeps the records of the kind's view with this code (RecordKind.Views), as of
	// today: it narrows the rest of the filter.
	View string
	// Query keeps the records whose text fields hold these words, ignoring case and
	// diacritics.
	Query         string
	Offset, Limit int
}

// RecordService keeps the records of every declared kind. Reading them needs
// ActionUnitView, writing them ActionRecordEdit, at the record's unit; every write is
// audited with the values it changed. A record deleted is kept, out of every list and
// figure.
type RecordService interface {
	// FindRecord returns the record of kind k with id.
	FindRecord(ctx context.Context, k *RecordKind, id int64) (*Record, error)
	// FindRecords returns the matching records, the latest day first, and their total.
	FindRecords(ctx context.Context, k *RecordKind, f RecordFilter) ([]*Record, int, error)
	// SumRecords returns the sum of each count and money field, by name, over every record
	// f finds (its page aside).
	SumRecords(ctx context.Context, k *RecordKind, f RecordFilter) (map[string]int64, error)
	// CountRecords returns the kind's indicators, in the order declared, over the records f
	// finds in period p (f's own days aside: the period bounds them), by the option of the
	// choice field by, or all under "" when by is "": the totals of a filtered list and its
	// break-down. An option no record holds is left out.
	CountRecords(ctx context.Context, k *RecordKind, f RecordFilter, p Period, by string) (map[string][]Value, error)
	// CreateRecord validates r and stores it, filling its ID, version and times.
	CreateRecord(ctx context.Context, k *RecordKind, r *Record) error
	// UpdateRecord stores the values of r over the record r.ID at r.Version, refusing with
	// ECONFLICT one saved since; it may move it to another unit the caller may edit.
	UpdateRecord(ctx context.Context, k *RecordKind, r *Record) error
	// DeleteRecord deletes the record id at version.
	DeleteRecord(ctx context.Context, k *RecordKind, id int64, version int) error
	// ImportRecords validates and stores rs, all or none: a bad record names its row (the
	// index in rs plus first) and nothing is stored. The error of an import with bad records
	// joins (errors.Join) the error of each, which RowErrors lists. uploadID, when not 0, is
	// the caller's upload the records were read from: it is marked used with them, and one
	// used already is refused (ECONFLICT), so that a file committed twice is stored once.
	ImportRecords(ctx context.Context, k *RecordKind, rs []*Record, first int, uploadID int64) error
}

// RowErrors returns the errors of the rows of an import that err joins (ImportRecords), in
// the order joined; none when err is not about rows.
func RowErrors(err error) []*Error {
	var out []*Error
	var e *Error
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		for _, err := range joined.Unwrap() {
			out = append(out, RowErrors(err)...)
		}
	} else if errors.As(err, &e) && e.Row != 0 {
		out = append(out, e)
	}
	return out
}

// recordKinds are the declared kinds, in the order of the menu.
var recordKinds []*RecordKind

// declareRecordKind adds k to the declared kinds; each kind's file declares it once.
func declareRecordKind(k *RecordKind) *RecordKind {
	recordKinds = append(recordKinds, k)
	return k
}

// RecordKinds returns every declared kind of record. It must not be changed.
func RecordKinds() []*RecordKind { return recordKinds }

// RecordKindByCode returns the declared kind with code, or nil.
func RecordKindByCode(code string) *RecordKind {
	for _, k := range recordKinds {
		if k.Code == code {
			return k
		}
	}
	return nil
}
