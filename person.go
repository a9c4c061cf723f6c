package tuyengiao

import (
	"context"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"
)

// Category is the audience a person belongs to, as the participation rates of the reports
// count them.
type Category string

// The categories of people.
const (
	CategoryKeyCadre  Category = "key_cadre" // cán bộ chủ chốt
	CategoryMember    Category = "member"    // đảng viên (chính thức)
	CategoryProbation Category = "probation" // đảng viên dự bị
	CategoryUnion     Category = "union"     // đoàn viên, hội viên
	CategoryMasses    Category = "masses"    // quần chúng
)

// Categories lists every category in report order.
var Categories = []Category{CategoryKeyCadre, CategoryMember, CategoryProbation, CategoryUnion, CategoryMasses}

// Valid reports whether c is one of Categories.
func (c Category) Valid() bool {
	for _, x := range Categories {
		if c == x {
			return true
		}
	}
	return false
}

// PersonStatus is whether a person still belongs to their unit.
type PersonStatus string

// The statuses of a person.
const (
	StatusActive   PersonStatus = "active"    // đang sinh hoạt
	StatusMovedOut PersonStatus = "moved_out" // đã chuyển đi
	StatusDeceased PersonStatus = "deceased"  // đã từ trần
)

// Valid reports whether s is a known status.
func (s PersonStatus) Valid() bool {
	return s == StatusActive || s == StatusMovedOut || s == StatusDeceased
}

// Gender of a person; empty when not recorded.
type Gender string

// The genders.
const (
	GenderMale   Gender = "male"
	GenderFemale Gender = "female"
)

// Date is a calendar date without a time zone, "2023-01-31" in JSON. The zero Date is no
// date; a day that was given is made with GivenDate, which never returns it.
type Date struct{ time.Time }

// GivenDate returns the day t, at midnight UTC, as a user gave it. time.Time's zero is the
// midnight of 0001-01-01, which Date takes for no date; that day, given, is kept one
// nanosecond past its midnight, still 0001-01-01 and not zero, so that the plausible ranges
// refuse it (PlausibleDate) instead of taking it for absent.
func GivenDate(t time.Time) Date {
	if t.IsZero() {
		return Date{t.Add(time.Nanosecond)}
	}
	return Date{t}
}

// ParseDate parses "2006-01-02".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	return Date{t}, err
}

// MarshalText writes the date as "2006-01-02", or nothing for the zero date.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return []byte(d.Format(time.DateOnly)), nil
}

// UnmarshalText reads "2006-01-02" as a given day (GivenDate); an empty text is the zero
// date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	t, err := time.Parse(time.DateOnly, string(b))
	if err != nil {
		return Errorf(EINVALID, "Ngày %q không hợp lệ (cần dạng năm-tháng-ngày).", string(b))
	}
	*d = GivenDate(t)
	return nil
}

// MarshalJSON writes the date as "2006-01-02"; without it the embedded time.Time would write
// a full timestamp.
func (d Date) MarshalJSON() ([]byte, error) {
	b, _ := d.MarshalText()
	return json.Marshal(string(b))
}

// UnmarshalJSON reads "2006-01-02", "" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return Errorf(EINVALID, "Ngày phải có dạng năm-tháng-ngày, ví dụ \"1985-03-15\".")
	}
	return d.UnmarshalText([]byte(s))
}

// Person is a person of a unit: a key cadre, a party member, a union or association member or
// one of the core masses.
type Person struct {
	ID         int64        `json:"id"`
	UnitID     int64        `json:"unit_id"`
	UnitCode   string       `json:"unit_code,omitempty"` // read only, filled by queries
	UnitName   string       `json:"unit_name,omitempty"` // read only, filled by queries
	FullName   string       `json:"full_name"`
	BirthYear  int          `json:"birth_year,omitempty"`
	BirthDate  Date         `json:"birth_date,omitzero"` // when known; its year is BirthYear
	Gender     Gender       `json:"gender,omitempty"`
	Category   Category     `json:"category"`
	Position   string       `json:"position,omitempty"` // chức vụ
	Phone      string       `json:"phone,omitempty"`
	PartyCard  string       `json:"party_card,omitempty"` // số thẻ đảng viên, unique when set
	Status     PersonStatus `json:"status"`
	StatusDate Date         `json:"status_date"` // when the current status began
	CreatedAt  time.Time    `json:"created_at"`
	UpdatedAt  time.Time    `json:"updated_at"`
}

// Validate checks the fields a user enters; the dates against their plausible ranges as of
// today (PlausibleDate).
func (p *Person) Validate(today Date) error {
	name := strings.TrimSpace(p.FullName)
	if name == "" {
		return FieldError("full_name", "Họ và tên không được để trống.")
	} else if utf8.RuneCountInString(name) > 120 {
		return FieldError("full_name", "Họ và tên dài quá 120 ký tự.")
	}
	if p.UnitID == 0 {
		return FieldError("unit_id", "Chưa chọn đơn vị.")
	}
	if err := PlausibleDate("birth_date", p.BirthDate, today); err != nil {
		return err
	} else if !p.BirthDate.IsZero() {
		p.BirthYear = p.BirthDate.Year()
	}
	if err := PlausibleYear("birth_year", p.BirthYear, today); err != nil {
		return err
	}
	if err := PlausibleDate("status_date", p.StatusDate, today); err != nil {
		return err
	}
	if p.Gender != "" && p.Gender != GenderMale && p.Gender != GenderFemale {
		return FieldError("gender", "Giới tính không hợp lệ.")
	}
	if !p.Category.Valid() {
		return FieldError("category", "Chưa chọn đối tượng (cán bộ chủ chốt, đảng viên, đảng viên dự bị, đoàn viên/hội viên, quần chúng).")
	}
	since := p.StatusDate
	if since.IsZero() {
		since = today // a new person without a status date is active from today
	}
	// The birth is named: the status date of a new person is often today, and an update
	// does not change it.
	birth := "birth_year"
	if !p.BirthDate.IsZero() {
		birth = "birth_date"
	}
	if err := p.CheckStatusDate(birth, since); err != nil {
		return err
	}
	if err := validatePhone(p.Phone); err != nil {
		return err
	}
	if len(p.PartyCard) > 20 {
		return FieldError("party_card", "Số thẻ đảng viên dài quá 20 ký tự.")
	}
	if p.Status == "" {
		p.Status = StatusActive
	} else if !p.Status.Valid() {
		return FieldError("status", "Trạng thái không hợp lệ.")
	}
	if utf8.RuneCountInString(p.Position) > 120 {
		return FieldError("position", "Chức vụ dài quá 120 ký tự.")
	}
	return nil
}

// CheckStatusDate refuses, on field, a status from the day on that p could not have had then:
// one before their birth, or one before the year they reach the minimum age of their
// category (Category.MinAge). Ages count by the year of birth, which is all most records
// know: a party member born in 2000 may have a status from 2018 on. Without a birth year
// nothing is checked.
func (p *Person) CheckStatusDate(field string, on Date) error {
	if p.BirthYear == 0 || on.IsZero() {
		return nil
	}
	// born is a part of the messages below, kept as a message so that it is translated.
	born := Errorf(EINVALID, "năm sinh %v", p.BirthYear)
	if !p.BirthDate.IsZero() {
		born = Errorf(EINVALID, "ngày sinh %s", p.BirthDate)
	}
	if on.Year() < p.BirthYear || !p.BirthDate.IsZero() && on.Before(p.BirthDate.Time) {
		return FieldError(field, "Ngày bắt đầu trạng thái %s trước %s.", on, born)
	}
	if min := p.Category.MinAge(); on.Year()-p.BirthYear < min {
		return FieldError(field, "%s phải đủ %d tuổi trở lên: người có %s đến ngày bắt đầu trạng thái %s chưa đủ %d tuổi.",
			p.Category.Name(), min, born, on, min)
	}
	return nil
}

func validatePhone(phone string) error {
	if phone == "" {
		return nil
	}
	digits := 0
	for _, c := range phone {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ' ' || c == '.' || c == '-' || c == '+':
		default:
			return FieldError("phone", "Số điện thoại chỉ gồm chữ số.")
		}
	}
	if digits < 9 || digits > 12 {
		return FieldError("phone", "Số điện thoại phải có từ 9 đến 12 chữ số.")
	}
	return nil
}

// PersonFilter selects people. People outside the caller's view scope are never returned.
type PersonFilter struct {
	RootID   int64  // only people of this unit's subtree (0: the caller's whole view scope)
	Query    string // name, phone or party card, ignoring case and diacritics
	Category Category
	Status   PersonStatus // "" means active only; "all" means every status
	Offset   int
	Limit    int // 0 means no limit
}

// PersonUpdate holds the fields to change; nil leaves a field as it is. The status changes
// only through ChangePersonStatus, so that its history is kept.
type PersonUpdate struct {
	UnitID    *int64    `json:"unit_id"`
	FullName  *string   `json:"full_name"`
	BirthYear *int      `json:"birth_year"`
	BirthDate *Date     `json:"birth_date"`
	Gender    *Gender   `json:"gender"`
	Category  *Category `json:"category"`
	Position  *string   `json:"position"`
	Phone     *string   `json:"phone"`
	PartyCard *string   `json:"party_card"`
}

// ImportRow is one row of a people spreadsheet as read, before it is checked against the
// database. Row is the 1-based row number in the sheet, for messages.
type ImportRow struct {
	Row       int
	UnitCode  string
	FullName  string
	BirthYear int
	BirthDate Date
	Gender    Gender
	Category  Category
	Position  string
	Phone     string
	PartyCard string
	Since     Date // from when the person is active at the unit; zero for the day of the import
	// Converted names the legacy encoding the row's text was converted from to Unicode, if
	// any: the charset of a CSV not in UTF-8 ("Windows-1258", "Windows-1252") or the font
	// of an old spreadsheet ("TCVN3", "VNI").
	Converted string
	Err       *Error // set by the reader when the row could not be read (bad date, ...)
}

// ImportRequest asks to check, and with Commit to write, the rows of a people spreadsheet
// under the unit RootID.
type ImportRequest struct {
	RootID int64
	Rows   []ImportRow
	Commit bool
	// UploadID names the caller's stored upload the rows were read from, if any. A commit
	// consumes it in the same transaction, so that one file is never imported twice (a
	// double click, a reload of the page); a second commit gets ECONFLICT.
	UploadID int64
	// Keep and Drop are the user's answers about likely duplicates (ImportDuplicate), by row
	// number: a row in Drop is left out of the import, a row in Keep goes in although it
	// looks like someone already there.
	Keep, Drop []int
}

// ImportDuplicate is a row of an import that likely repeats someone: an earlier row of the
// file, identical (Exact) or with the same folded name and birth in the same unit or the same
// phone, or a person already in the register under the unit imported into, with the same
// folded name and birth in the same unit, the same phone or the same party card.
//
// An exact repeat and a party card already held are dropped unless the user keeps them (a
// kept card fails as taken); the others wait for the user's answer (Undecided), and a commit
// writes nothing while one does.
type ImportDuplicate struct {
	Row       int    `json:"row"`
	FullName  string `json:"full_name"`
	Of        int    `json:"of,omitempty"`        // the earlier row of the file it repeats
	PersonID  int64  `json:"person_id,omitempty"` // the person of the register it matches
	Exact     bool   `json:"exact"`
	Reason    string `json:"reason"` // what matched, as a sentence naming the other row or person
	CanKeep   bool   `json:"can_keep"`
	Drop      bool   `json:"drop"` // what the import does with the row as things stand
	Undecided bool   `json:"undecided"`
}

// ImportResult is the outcome of checking or committing an import. Errors holds one error per
// bad row (Row set); when it is not empty nothing was written.
type ImportResult struct {
	Rows      int      `json:"rows"`
	Valid     int      `json:"valid"`
	Errors    []*Error `json:"errors"`
	Committed bool     `json:"committed"`
	Created   int      `json:"created"`
	// Duplicates are the rows that likely repeat someone, in row order; Dropped counts those
	// left out and Undecided those waiting for an answer.
	Duplicates []ImportDuplicate `json:"duplicates"`
	Dropped    int               `json:"dropped"`
	Undecided  int               `json:"undecided"`
}

// PersonService keeps people. Every method checks access with Authorize against the principal
// in ctx; every change and every read of personal data is written to the audit log.
type PersonService interface {
	FindPersonByID(ctx context.Context, id int64) (*Person, error)
	// FindPeople returns the matching people sorted by Vietnamese name order (given name
	// first) and the total count before Offset and Limit.
	FindPeople(ctx context.Context, f PersonFilter) ([]*Person, int, error)
	CreatePerson(ctx context.Context, p *Person) error
	UpdatePerson(ctx context.Context, id int64, upd PersonUpdate) (*Person, error)
	// ChangePersonStatus records a change of status from the given date on; the history is
	// kept so that counts as of a past date stay right.
	ChangePersonStatus(ctx context.Context, id int64, status PersonStatus, on Date) (*Person, error)
	// ImportPeople checks the rows against the database (unit codes inside the caller's enter
	// scope under RootID, duplicate party cards in the file and in the database), finds the
	// likely duplicates (ImportDuplicate) and, when Commit is set, every row is good and every
	// duplicate answered, creates the people of the rows kept in one transaction. Any bad row
	// or unanswered duplicate means nothing is written.
	ImportPeople(ctx context.Context, req ImportRequest) (*ImportResult, error)
	// CountPeople returns, for each unit of rootID's subtree that has people, the number of
	// people of each category who were active on the given date, counted at their own unit
	// (not rolled up).
	CountPeople(ctx context.Context, rootID int64, asOf Date) ([]UnitCount, error)
}

// UnitCount is a count of people of one category at one unit.
type UnitCount struct {
	UnitID   int64
	Category Category
	Count    int64
}

// MinAge is the youngest age at which a person is of category c, as the statutes say: 18 for
// party members, full or probationary (Điều lệ Đảng, Điều 1: công dân Việt Nam từ mười tám
// tuổi trở lên), and for key cadres, whose offices only adults hold (Luật Cán bộ, công chức:
// đủ 18 tuổi trở lên); 15 for union and association members, the youngest any of the
// organisations takes (Hội Liên hiệp Thanh niên Việt Nam from 15, Đoàn Thanh niên from 16);
// none for the masses.
func (c Category) MinAge() int {
	switch c {
	case CategoryMember, CategoryProbation, CategoryKeyCadre:
		return 18
	case CategoryUnion:
		return 15
	}
	return 0
}

// Name returns the Vietnamese name of the category, as reports and spreadsheets write it.
func (c Category) Name() string {
	switch c {
	case CategoryKeyCadre:
		return "Cán bộ chủ chốt"
	case CategoryMember:
		return "Đảng viên"
	case CategoryProbation:
		return "Đảng viên dự bị"
	case CategoryUnion:
		return "Đoàn viên/Hội viên"
	case CategoryMasses:
		return "Quần chúng"
	}
	return string(c)
}

// Name returns the Vietnamese name of the status.
func (s PersonStatus) Name() string {
	switch s {
	case StatusActive:
		return "Đang sinh hoạt"
	case StatusMovedOut:
		return "Đã chuyển đi"
	case StatusDeceased:
		return "Đã từ trần"
	}
	return string(s)
}

// Name returns the Vietnamese name of the gender, "" when not recorded.
func (g Gender) Name() string {
	switch g {
	case GenderMale:
		return "Nam"
	case GenderFemale:
		return "Nữ"
	}
	return string(g)
}
