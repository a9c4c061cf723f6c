package figures_test

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/dbtest"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/sqldb/sqldbtest"
)

// rebind writes the placeholders ? of q as the engine of dsn reads them.
func rebind(dsn, q string) string {
	if sqldb.IsPostgres(dsn) {
		for i := 1; strings.Contains(q, "?"); i++ {
			q = strings.Replace(q, "?", fmt.Sprintf("$%d", i), 1)
		}
	}
	return q
}

// rawInsert runs an INSERT written with ? on the raw database of dsn and returns the id of
// the row.
func rawInsert(t *testing.T, raw *sql.DB, dsn, q string, args ...any) int64 {
	t.Helper()
	var id int64
	if err := raw.QueryRow(rebind(dsn, q+" RETURNING id"), args...).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestStudyFigures(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		c := newCity(t, dsn)
		c.service.Sources = append(c.service.Sources, c.db.StudyFigures())
		raw := dbtest.Raw(t, dsn)
		since, err := tuyengiao.ParseDate("2020-01-01")
		if err != nil {
			t.Fatal(err)
		}
		member := func(u *tuyengiao.Unit) *tuyengiao.Person {
			p := &tuyengiao.Person{UnitID: u.ID, FullName: "Nguyễn Văn An", Category: tuyengiao.CategoryMember, StatusDate: since}
			if err := c.db.CreatePerson(sysadmin(), p); err != nil {
				t.Fatal(err)
			}
			return p
		}
		now := time.Now().UTC()
		plan := rawInsert(t, raw, dsn, `INSERT INTO campaigns (unit_id, title, search, start_on, end_on, created_at, updated_at)
			VALUES (?, 'Học tập nghị quyết', 'hoc tap nghi quyet', '2025-03-01', '2025-03-31', ?, ?)`, c.city.ID, now, now)
		class := func(u *tuyengiao.Unit, people ...*tuyengiao.Person) {
			starts := time.Date(2025, 3, 10, 1, 0, 0, 0, time.UTC)
			id := rawInsert(t, raw, dsn, `INSERT INTO conferences (campaign_id, unit_id, title, starts_at, ends_at, form, secret, created_at, updated_at)
				VALUES (?, ?, 'Lớp học tập', ?, ?, 'in_person', 's', ?, ?)`, plan, u.ID, starts, starts.Add(time.Hour), now, now)
			for _, p := range people {
				_, err := raw.Exec(rebind(dsn, `INSERT INTO attendance (conference_id, person_id, campaign_id, unit_id, category, method, recorded_at)
					VALUES (?, ?, ?, ?, 'member', 'roster', ?)`), id, p.ID, plan, p.UnitID, starts)
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		// Q1: one member of two attended (the one at the ward did not); Q2: three of four,
		// and a fifth moved out on 1 July.
		class(c.d1, member(c.d1))
		member(c.ward)
		q2 := []*tuyengiao.Person{member(c.d2), member(c.d2), member(c.d2), member(c.d2), member(c.d2)}
		class(c.d2, q2[:3]...)
		july1, _ := tuyengiao.ParseDate("2025-07-01")
		if _, err := c.db.ChangePersonStatus(sysadmin(), q2[4].ID, tuyengiao.StatusMovedOut, july1); err != nil {
			t.Fatal(err)
		}
		year, june := tuyengiao.YearPeriod(2025), tuyengiao.MonthPeriod(2025, 6)
		share := "study.participation." + string(tuyengiao.CategoryMember)
		people := "people." + string(tuyengiao.CategoryMember)

		tb, err := c.service.Figures(sysadmin(), tuyengiao.FigureQuery{Codes: []string{share, people, "study.attendances"},
			UnitID: c.city.ID, Depth: 1, Periods: []tuyengiao.Period{year, june}})
		if err != nil {
			t.Fatal(err)
		}
		row := map[string]int{}
		for u, fu := range tb.Units {
			if !fu.Own {
				row[fu.Code] = u
			}
		}

		t.Run("a rate rolls up as the ratio of the sums, not the average of the rates", func(t *testing.T) {
			for code, want := range map[string]tuyengiao.Value{"Q1": {Num: 1, Den: 2}, "Q2": {Num: 3, Den: 4}, "TP": {Num: 4, Den: 6}} {
				if got := tb.Value(row[code], 0, 0); got != want {
					t.Errorf("%s: %+v, want %+v", code, got, want)
				}
			}
			if rate, _ := tb.Value(row["TP"], 0, 0).Rate(); rate < 66.6 || rate > 66.7 {
				t.Errorf("city rate %.2f%%, want 66,67%% (not 62,5%%, the average of 50%% and 75%%)", rate)
			}
			if got := tb.Value(row["TP"], 2, 0).Num; got != 4 {
				t.Errorf("attendances %d, want 4", got)
			}
		})

		t.Run("people over a year are those on its last day, not a sum of its months", func(t *testing.T) {
			if got := tb.Value(row["Q2"], 1, 0).Num; got != 4 {
				t.Errorf("members of Q2 in 2025: %d, want 4 (on 31/12/2025)", got)
			}
			if got := tb.Value(row["Q2"], 1, 1).Num; got != 5 {
				t.Errorf("members of Q2 in June 2025: %d, want 5 (on 30/06/2025)", got)
			}
			if got := tb.Value(row["TP"], 1, 0).Num; got != 6 {
				t.Errorf("members of the city in 2025: %d, want 6", got)
			}
			if got := tb.Value(row["Q2"], 0, 1); got != (tuyengiao.Value{Num: 0, Den: 5}) {
				t.Errorf("share of Q2 in June, when nobody attended: %+v, want 0/5", got)
			}
		})

		t.Run("a figure asked again counts what was written since, however it was written", func(t *testing.T) {
			class(c.ward, member(c.ward)) // by hand, past the services: the tables' triggers see it
			again, err := c.service.Figures(sysadmin(), tuyengiao.FigureQuery{Codes: []string{share, people, "study.attendances"},
				UnitID: c.city.ID, Depth: 1, Periods: []tuyengiao.Period{year, june}})
			if err != nil {
				t.Fatal(err)
			}
			for i, want := range []tuyengiao.Value{{Num: 5, Den: 7}, {Num: 7}, {Num: 5}} {
				if got := again.Value(row["TP"], i, 0); got != want {
					t.Errorf("%s of the city in 2025: %+v, want %+v", again.Indicators[i].Code, got, want)
				}
			}
		})
	})
}
