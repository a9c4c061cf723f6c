package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// vnTime returns the instant of a wall-clock time in Vietnam.
func vnTime(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, vn.Zone).UTC()
}

// studyRows inserts the records of the study figures with SQL, at the times a test chooses,
// which the services would refuse as too far from today.
type studyRows struct {
	t  *testing.T
	db *DB
}

func (r studyRows) insert(q string, args ...any) int64 {
	r.t.Helper()
	var id int64
	if err := r.db.write.QueryRow(r.db.rebind(q+` RETURNING id`), args...).Scan(&id); err != nil {
		r.t.Fatal(err)
	}
	return id
}

func (r studyRows) exec(q string, args ...any) {
	r.t.Helper()
	if _, err := r.db.write.Exec(r.db.rebind(q), args...); err != nil {
		r.t.Fatal(err)
	}
}

// campaign inserts a campaign of the unit starting on the day.
func (r studyRows) campaign(unitID int64, start string) int64 {
	now := time.Now().UTC()
	return r.insert(`INSERT INTO campaigns (unit_id, title, search, start_on, end_on, created_at, updated_at)
		VALUES (?, 'Học tập nghị quyết', 'hoc tap nghi quyet', ?, '2025-12-31', ?, ?)`, unitID, start, now, now)
}

// conference inserts a conference of the campaign held by the unit from starts.
func (r studyRows) conference(campaignID, unitID int64, starts time.Time) int64 {
	now := time.Now().UTC()
	return r.insert(`INSERT INTO conferences (campaign_id, unit_id, title, starts_at, ends_at, form, secret, created_at, updated_at)
		VALUES (?, ?, 'Hội nghị', ?, ?, 'in_person', 's', ?, ?)`, campaignID, unitID, starts, starts.Add(2*time.Hour), now, now)
}

// bridge inserts a bridge point of the conference at the unit, with a headcount of the masses.
func (r studyRows) bridge(conferenceID, unitID, expected, counted int64) {
	id := r.insert(`INSERT INTO bridge_points (conference_id, unit_id) VALUES (?, ?)`, conferenceID, unitID)
	r.exec(`INSERT INTO bridge_point_counts (bridge_point_id, category, expected, counted) VALUES (?, 'masses', ?, ?)`, id, expected, counted)
}

// attended records the person at the conference, at the unit and in the category given.
func (r studyRows) attended(conferenceID, campaignID int64, p *tuyengiao.Person, cat tuyengiao.Category) {
	r.exec(`INSERT INTO attendance (conference_id, person_id, campaign_id, unit_id, category, method, recorded_at)
		VALUES (?, ?, ?, ?, ?, 'roster', ?)`, conferenceID, p.ID, campaignID, p.UnitID, cat, time.Now().UTC())
}

// essay inserts the person's essay for the campaign; a zero reviewed leaves it unreviewed.
func (r studyRows) essay(campaignID int64, p *tuyengiao.Person, status tuyengiao.EssayStatus, level string, submitted, reviewed time.Time) {
	var at any
	if !reviewed.IsZero() {
		at = reviewed
	}
	r.exec(`INSERT INTO essays (campaign_id, person_id, unit_id, status, level, submitted_at, reviewed_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		campaignID, p.ID, p.UnitID, status, level, submitted, at)
}

// ownValues returns the own values of the codes in the subtree for the period, each code's
// as sorted "unit=value" or "unit=num/den", summed by unit.
func ownValues(t *testing.T, db *DB, codes []string, subtree string, p tuyengiao.Period) map[string]string {
	t.Helper()
	vals, err := db.StudyFigures().OwnValues(context.Background(), codes, subtree, p)
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string]map[int64]tuyengiao.Value{}
	for _, v := range vals {
		if !slices.Contains(codes, v.Code) {
			t.Errorf("%s was not asked", v.Code)
		}
		if sums[v.Code] == nil {
			sums[v.Code] = map[int64]tuyengiao.Value{}
		}
		s := sums[v.Code][v.UnitID]
		s.Num, s.Den = s.Num+v.Num, s.Den+v.Den
		sums[v.Code][v.UnitID] = s
	}
	out := map[string]string{}
	for code, units := range sums {
		var parts []string
		for u, v := range units {
			if v.Den != 0 || strings.HasPrefix(code, codeParticipation) {
				parts = append(parts, fmt.Sprintf("%d=%d/%d", u, v.Num, v.Den))
			} else {
				parts = append(parts, fmt.Sprintf("%d=%d", u, v.Num))
			}
		}
		slices.Sort(parts)
		out[code] = strings.Join(parts, " ")
	}
	return out
}

// checkValues compares the values of each code with want ("" for none).
func checkValues(t *testing.T, got, want map[string]string) {
	t.Helper()
	for code, w := range want {
		if got[code] != w {
			t.Errorf("%s: %q, want %q", code, got[code], w)
		}
	}
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestStudyFigures(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		r := studyRows{t, db}
		city := personTestUnit(t, db, 1, "/", "TP")
		ward2 := personTestUnit(t, db, 2, city, "P2")
		personTestUnit(t, db, 3, city, "P3")
		personTestUnit(t, db, 4, ward2, "CB4")
		other := personTestUnit(t, db, 9, "/", "TK")
		an := createCategoryPerson(t, db, 4, "Nguyễn Thị An", tuyengiao.CategoryMember)
		binh := createCategoryPerson(t, db, 4, "Trần Văn Bình", tuyengiao.CategoryMember)
		chi := createCategoryPerson(t, db, 4, "Lê Văn Chí", tuyengiao.CategoryKeyCadre)
		giang := createCategoryPerson(t, db, 4, "Hà Thị Giang", tuyengiao.CategoryMember)
		dan := createCategoryPerson(t, db, 2, "Phạm Văn Dân", tuyengiao.CategoryProbation)
		em := createCategoryPerson(t, db, 3, "Đỗ Văn Em", tuyengiao.CategoryMember)
		xa := createCategoryPerson(t, db, 9, "Vũ Văn Xa", tuyengiao.CategoryMember)

		plan := r.campaign(1, "2025-01-31") // on the last day of January
		r.campaign(2, "2025-02-01")
		far := r.campaign(9, "2025-01-10") // another city
		k1 := r.conference(plan, 2, vnTime(2025, 1, 10, 9, 0))
		r.bridge(k1, 2, 50, 40)
		r.bridge(k1, 4, 30, 25)
		k2 := r.conference(plan, 2, vnTime(2025, 1, 20, 9, 0))
		k3 := r.conference(plan, 4, vnTime(2025, 1, 31, 23, 30)) // 16:30 UTC on 31 January
		k4 := r.conference(plan, 3, vnTime(2025, 2, 1, 0, 0))    // 17:00 UTC on 31 January
		k9 := r.conference(far, 9, vnTime(2025, 1, 15, 9, 0))
		r.bridge(k9, 9, 100, 90)
		for _, k := range []int64{k1, k2, k3} {
			r.attended(k, plan, an, tuyengiao.CategoryMember)
		}
		r.attended(k1, plan, binh, tuyengiao.CategoryMember)
		r.attended(k1, plan, chi, tuyengiao.CategoryKeyCadre)
		r.attended(k1, plan, dan, tuyengiao.CategoryMasses) // admitted to the party between the two classes
		r.attended(k2, plan, dan, tuyengiao.CategoryProbation)
		r.attended(k4, plan, em, tuyengiao.CategoryMember)
		r.attended(k9, far, xa, tuyengiao.CategoryMember)

		jan, feb := tuyengiao.MonthPeriod(2025, 1), tuyengiao.MonthPeriod(2025, 2)
		inds, err := db.StudyFigures().Indicators(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var all []string
		for _, ind := range inds {
			all = append(all, ind.Code)
		}

		t.Run("every indicator is valid, named once, a flow; participation is a ratio with its base", func(t *testing.T) {
			for _, ind := range inds {
				if err := ind.Validate(); err != nil {
					t.Errorf("%s: %v", ind.Code, err)
				}
				if ind.Stock || ind.NameEn == "" || ind.MeasureEn == "" {
					t.Errorf("%s: %+v", ind.Code, ind)
				}
				ratio := strings.HasPrefix(ind.Code, codeParticipation+".")
				if ratio != (ind.Aggregation == tuyengiao.AggregateRatio) || ratio != (ind.Base != "") || ratio != (ind.Measure == "%") {
					t.Errorf("%s: aggregation %s, base %q, measure %q", ind.Code, ind.Aggregation, ind.Base, ind.Measure)
				}
			}
			sorted := slices.Clone(all)
			slices.Sort(sorted)
			if len(slices.Compact(sorted)) != len(all) {
				t.Errorf("a code twice: %v", all)
			}
			for _, code := range []string{"study.attendances.key_cadre", "study.participation.masses", "essays.grade.tot",
				"essays.grade.chua_dat", "essays.grade.other"} {
				if !slices.Contains(all, code) {
					t.Errorf("no %s in %v", code, all)
				}
			}
			if i := slices.IndexFunc(inds, func(ind tuyengiao.Indicator) bool { return ind.Code == "study.participation.member" }); inds[i].Base != "đảng viên trong danh sách" {
				t.Errorf("base %q", inds[i].Base)
			}
		})

		t.Run("one person at three classes is three attendances and one participant", func(t *testing.T) {
			got := ownValues(t, db, all, city, jan)
			checkValues(t, got, map[string]string{
				"study.attendances.member":  "4=4",
				"study.participants.member": "4=2",
				"study.attendances":         "2=2 4=5",
				"study.participants":        "2=1 4=3",
			})
		})

		t.Run("audiences are counted apart; one recorded in two counts once, in the first in report order", func(t *testing.T) {
			got := ownValues(t, db, all, city, jan)
			checkValues(t, got, map[string]string{
				"study.attendances.key_cadre":   "4=1",
				"study.participants.key_cadre":  "4=1",
				"study.attendances.masses":      "2=1",
				"study.attendances.probation":   "2=1",
				"study.participants.probation":  "2=1",
				"study.participants.masses":     "",
				"study.participation.member":    "3=0/1 4=2/3",
				"study.participation.probation": "2=1/1",
				"study.participation.key_cadre": "4=1/1",
			})
		})

		t.Run("conferences, bridge points, headcounts and campaigns by the unit that holds them", func(t *testing.T) {
			checkValues(t, ownValues(t, db, all, city, jan), map[string]string{
				"study.campaigns":          "1=1",
				"study.conferences":        "2=2 4=1",
				"study.bridge_points":      "2=1 4=1",
				"study.headcount":          "2=40 4=25",
				"study.headcount.expected": "2=50 4=30",
			})
		})

		t.Run("a class at 23:30 on the last day of the month is that month's; one at midnight the next month's", func(t *testing.T) {
			checkValues(t, ownValues(t, db, all, city, feb), map[string]string{
				"study.campaigns":            "2=1",
				"study.conferences":          "3=1",
				"study.attendances":          "3=1",
				"study.participants":         "3=1",
				"study.participation.member": "3=1/1 4=0/3",
				"study.headcount":            "",
			})
			two := tuyengiao.RangePeriod(jan.From, feb.To)
			checkValues(t, ownValues(t, db, all, city, two), map[string]string{
				"study.conferences":         "2=2 3=1 4=1",
				"study.attendances.member":  "3=1 4=4",
				"study.participants.member": "3=1 4=2",
			})
		})

		t.Run("a unit outside the subtree is not counted", func(t *testing.T) {
			checkValues(t, ownValues(t, db, all, ward2, jan), map[string]string{
				"study.conferences":          "2=2 4=1",
				"study.participation.member": "4=2/3",
				"study.headcount":            "2=40 4=25",
				"study.campaigns":            "",
			})
			checkValues(t, ownValues(t, db, all, ward2, feb), map[string]string{"study.conferences": "", "study.attendances": ""})
			checkValues(t, ownValues(t, db, all, other, jan), map[string]string{
				"study.campaigns": "9=1", "study.conferences": "9=1", "study.headcount": "9=90", "study.attendances": "9=1",
			})
		})

		t.Run("only the indicators asked are counted", func(t *testing.T) {
			got := ownValues(t, db, []string{"study.attendances.member", "study.participation.key_cadre"}, city, jan)
			if k := keys(got); len(k) != 2 {
				t.Errorf("got %v", got)
			}
			checkValues(t, got, map[string]string{"study.attendances.member": "4=4", "study.participation.key_cadre": "4=1/1"})
		})

		t.Run("one who moved in the period counts once, at the ward they attended last, in the first audience recorded there", func(t *testing.T) {
			mar := tuyengiao.MonthPeriod(2025, 3)
			atWard2 := *em
			atWard2.UnitID = 2
			k5 := r.conference(plan, 2, vnTime(2025, 3, 5, 9, 0))
			k6 := r.conference(plan, 3, vnTime(2025, 3, 20, 9, 0))
			k7 := r.conference(plan, 2, vnTime(2025, 3, 20, 9, 0)) // starts with k6, entered after it: the last
			r.attended(k5, plan, &atWard2, tuyengiao.CategoryKeyCadre)
			r.attended(k6, plan, em, tuyengiao.CategoryMember)
			checkValues(t, ownValues(t, db, all, city, mar), map[string]string{
				"study.attendances":            "2=1 3=1",
				"study.participants":           "3=1",
				"study.participants.key_cadre": "",
				"study.participants.member":    "3=1",
			})
			checkValues(t, ownValues(t, db, all, ward2, mar), map[string]string{"study.attendances": "2=1", "study.participants": ""})
			r.attended(k7, plan, &atWard2, tuyengiao.CategoryMember)
			checkValues(t, ownValues(t, db, all, city, mar), map[string]string{"study.participants": "2=1"})
			checkValues(t, ownValues(t, db, all, ward2, mar), map[string]string{"study.participants.key_cadre": "2=1"})
			checkValues(t, ownValues(t, db, all, city+"3/", mar), map[string]string{"study.attendances": "3=1", "study.participants": ""})
		})

		r.essay(plan, an, tuyengiao.EssayGraded, "Tốt", vnTime(2025, 1, 5, 8, 0), vnTime(2025, 1, 31, 23, 30))
		r.essay(plan, binh, tuyengiao.EssayGraded, "Khá", vnTime(2025, 1, 20, 8, 0), vnTime(2025, 2, 1, 0, 0))
		r.essay(plan, chi, tuyengiao.EssayReturned, "", vnTime(2025, 1, 6, 8, 0), vnTime(2025, 1, 10, 8, 0))
		r.essay(plan, dan, tuyengiao.EssaySubmitted, "", vnTime(2025, 2, 2, 8, 0), time.Time{})
		r.essay(plan, giang, tuyengiao.EssayGraded, "Xuất sắc", vnTime(2025, 1, 3, 8, 0), vnTime(2025, 1, 15, 8, 0))
		r.essay(plan, em, tuyengiao.EssayGraded, "tốt", vnTime(2025, 1, 2, 8, 0), vnTime(2025, 1, 12, 8, 0))
		r.essay(far, xa, tuyengiao.EssayGraded, "Tốt", vnTime(2025, 1, 4, 8, 0), vnTime(2025, 1, 5, 8, 0))

		t.Run("essays handed in, graded by grade and returned, in the period they were", func(t *testing.T) {
			checkValues(t, ownValues(t, db, all, city, jan), map[string]string{
				"essays.submitted":      "3=1 4=4",
				"essays.graded":         "3=1 4=2",
				"essays.returned":       "4=1",
				"essays.grade.tot":      "3=1 4=1",
				"essays.grade.kha":      "",
				"essays.grade.other":    "4=1",
				"essays.grade.chua_dat": "",
			})
			checkValues(t, ownValues(t, db, all, city, feb), map[string]string{
				"essays.submitted": "2=1", "essays.graded": "4=1", "essays.grade.kha": "4=1", "essays.returned": "",
			})
		})

		t.Run("a rate is of the people on the register at the period's end: one who attended and then left is in neither part", func(t *testing.T) {
			if _, err := db.ChangePersonStatus(sysadminCtx(), binh.ID, tuyengiao.StatusMovedOut, personDate(t, "2025-01-25")); err != nil {
				t.Fatal(err)
			}
			checkValues(t, ownValues(t, db, all, city, jan), map[string]string{
				"study.participation.member": "3=0/1 4=1/2",
				"study.participants.member":  "4=2", // who attended is who attended
			})
		})
	})
}
