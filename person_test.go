package tuyengiao

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestDateJSON(t *testing.T) {
	t.Run("a date is written and read as year-month-day", func(t *testing.T) {
		var p struct {
			Born Date `json:"born"`
		}
		if err := json.Unmarshal([]byte(`{"born":"1995-04-30"}`), &p); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(p)
		if string(b) != `{"born":"1995-04-30"}` {
			t.Fatalf("got %s", b)
		}
	})
	t.Run("a bad date is refused with a Vietnamese message", func(t *testing.T) {
		var d Date
		err := json.Unmarshal([]byte(`"30/04/1995"`), &d)
		if ErrorCode(err) != EINVALID {
			t.Fatalf("err = %v", err)
		}
	})
}

// TestPersonAges: a person cannot have a status from before their birth, nor be a party
// member, probationary member or key cadre before 18 or a union member before 15.
func TestPersonAges(t *testing.T) {
	today := day(2026, 12, 1)
	for _, tc := range []struct {
		name  string
		p     Person
		field string // "" when valid
		says  string
	}{
		{"a party member born this year", Person{Category: CategoryMember, BirthYear: 2026}, "birth_year", "Đảng viên phải đủ 18 tuổi"},
		{"a probationary member 17 by year", Person{Category: CategoryProbation, BirthYear: 2009}, "birth_year", "năm sinh 2009"},
		{"a probationary member 18 by year", Person{Category: CategoryProbation, BirthYear: 2008}, "", ""},
		{"a key cadre 17 at the status date", Person{Category: CategoryKeyCadre, BirthDate: day(1990, 5, 1), StatusDate: day(2007, 12, 31)}, "birth_date", "ngày sinh 1990-05-01"},
		{"a union member 14", Person{Category: CategoryUnion, BirthYear: 2012}, "birth_year", "15 tuổi"},
		{"a union member 15", Person{Category: CategoryUnion, BirthYear: 2011}, "", ""},
		{"one of the masses born this year", Person{Category: CategoryMasses, BirthYear: 2026}, "", ""},
		{"a status from before the birth year", Person{Category: CategoryMasses, BirthYear: 1960, StatusDate: day(1950, 1, 1)}, "birth_year", "1950-01-01 trước năm sinh 1960"},
		{"a status from the day before the birth", Person{Category: CategoryMasses, BirthDate: day(1960, 5, 1), StatusDate: day(1960, 4, 30)}, "birth_date", "trước ngày sinh 1960-05-01"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.p
			p.FullName, p.UnitID = "Nguyễn Văn A", 1
			err := p.Validate(today)
			var e *Error
			switch {
			case tc.field == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.field != "" && (!errors.As(err, &e) || e.Field != tc.field || !strings.Contains(e.Error(), tc.says)):
				t.Errorf("err = %v, want on %s saying %q", err, tc.field, tc.says)
			}
		})
	}
}
