package sqldb

import (
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// TestImplausibleDates refuses, on the way into storage, the dates no user means: a
// conference outside its campaign or on 0000-01-01, a campaign period that leaves a
// conference out, a status from before the Party.
func TestImplausibleDates(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		w := newCampaignWorld(t, db)
		plan := w.create(t, db, w.newCampaign("Học tập Nghị quyết 35")) // June 2025
		ward := roleCtx(tuyengiao.RoleEditor, 2, w.ward2)
		conf := func(starts time.Time) *tuyengiao.Conference {
			return &tuyengiao.Conference{CampaignID: plan.ID, UnitID: 2, Title: "Hội nghị", StartsAt: starts, EndsAt: starts.Add(2 * time.Hour),
				Form: tuyengiao.FormInPerson}
		}
		ict := func(y int, m time.Month, d, h int) time.Time {
			return time.Date(y, m, d, h, 0, 0, 0, time.FixedZone("ICT", 7*3600))
		}

		t.Run("a conference outside its campaign's period is refused on the time that lies outside", func(t *testing.T) {
			for name, tc := range map[string]struct {
				c     *tuyengiao.Conference
				field string
			}{
				"the day before": {conf(ict(2025, 5, 31, 8)), "starts_at"},
				"on 0000-01-01":  {conf(time.Date(0, 1, 1, 1, 0, 0, 0, time.UTC)), "starts_at"},
				"running past the end": {&tuyengiao.Conference{CampaignID: plan.ID, UnitID: 2, Title: "Lớp học", StartsAt: ict(2025, 6, 30, 8),
					EndsAt: ict(2025, 7, 1, 11), Form: tuyengiao.FormInPerson}, "ends_at"},
			} {
				if e := docField(t, db.CreateConference(ward, tc.c), tc.field); name != "on 0000-01-01" && !strings.Contains(vn.Message(e), "Học tập Nghị quyết 35") {
					t.Errorf("%s: %q does not name the campaign", name, vn.Message(e))
				}
			}
			// The first and the last day in Vietnam are inside, whatever the day in UTC.
			for _, starts := range []time.Time{ict(2025, 6, 1, 6), ict(2025, 6, 30, 20)} {
				if err := db.CreateConference(ward, conf(starts)); err != nil {
					t.Errorf("a conference at %s: %v", starts, err)
				}
			}
		})

		t.Run("moving a conference out of its campaign is refused, and nothing changes", func(t *testing.T) {
			c := w.conference(t, db, plan.ID, 2, ict(2025, 6, 15, 8))
			moved := *c
			moved.StartsAt, moved.EndsAt = ict(2025, 7, 15, 8), ict(2025, 7, 15, 10)
			docField(t, db.UpdateConference(ward, &moved), "starts_at")
			if got, _ := db.FindConferenceByID(sysadminCtx(), c.ID); !got.StartsAt.Equal(c.StartsAt) {
				t.Fatalf("moved to %s", got.StartsAt)
			}
		})

		t.Run("a campaign period that would leave a conference out is refused, naming it", func(t *testing.T) {
			shorter := *plan
			shorter.EndOn = personDate(t, "2025-06-10")
			if e := docField(t, db.UpdateCampaign(roleCtx(tuyengiao.RoleEditor, 1, w.city), &shorter), "end_on"); !strings.Contains(vn.Message(e), "Hội nghị") {
				t.Errorf("message %q", vn.Message(e))
			}
			later := *plan
			later.StartOn = personDate(t, "2025-06-02")
			docField(t, db.UpdateCampaign(roleCtx(tuyengiao.RoleEditor, 1, w.city), &later), "start_on")
		})

		t.Run("a status from before 1930 or a birth in the future is refused", func(t *testing.T) {
			p := createCategoryPerson(t, db, 4, "Nguyễn Văn Mốc", tuyengiao.CategoryMember)
			_, err := db.ChangePersonStatus(sysadminCtx(), p.ID, tuyengiao.StatusMovedOut, personDate(t, "1925-01-01"))
			docField(t, err, "status_date")
			future := personDate(t, "2025-06-16") // the test's today is 15/06/2025 in Vietnam
			docField(t, db.CreatePerson(sysadminCtx(), &tuyengiao.Person{UnitID: 4, FullName: "Người Chưa Sinh",
				Category: tuyengiao.CategoryMember, BirthDate: future}), "birth_date")
		})
	})
}

// TestAgesAtStatusDate refuses, on every way a person comes in, a party member younger than
// 18 at their status date and a status from before the birth.
func TestAgesAtStatusDate(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		db.Now = func() time.Time { return personTestNow }
		city := personTestUnit(t, db, 1, "/", "TP")
		personTestUnit(t, db, 2, city, "CB1")
		ctx := roleCtx(tuyengiao.RoleEditor, 1, city)

		t.Run("an import names the rows of a 15-year-old party member and of a status before the birth", func(t *testing.T) {
			young, union, unborn := importTestRow(2, "CB1", "Nguyễn Văn Trẻ"), importTestRow(3, "CB1", "Lê Thị Đoàn"), importTestRow(4, "CB1", "Phạm Văn Sớm")
			young.BirthYear = 2010
			union.BirthYear, union.Category = 2010, tuyengiao.CategoryUnion
			unborn.BirthYear, unborn.Category, unborn.Since = 2000, tuyengiao.CategoryMasses, personDate(t, "1995-01-01")
			res, err := db.ImportPeople(ctx, tuyengiao.ImportRequest{RootID: 1, Rows: []tuyengiao.ImportRow{young, union, unborn}, Commit: true})
			if err != nil {
				t.Fatal(err)
			}
			got := importMessages(res)
			for _, want := range []string{"2|Dòng 2: đảng viên phải đủ 18 tuổi", "4|Dòng 4: ngày bắt đầu trạng thái 01/01/1995 trước năm sinh 2000"} {
				if !strings.Contains(got, want) {
					t.Errorf("messages\n%s\ndo not say %q", got, want)
				}
			}
			if res.Committed || len(res.Errors) != 2 || importPeopleCount(t, db, city) != 0 {
				t.Fatalf("%+v: committed, or the union member of 15 refused", res)
			}
		})

		t.Run("a status change dated before the birth is refused and nothing changes", func(t *testing.T) {
			p := &tuyengiao.Person{UnitID: 2, FullName: "Trần Văn Sinh", Category: tuyengiao.CategoryMember, BirthYear: 1980,
				StatusDate: personDate(t, "2020-01-01")}
			if err := db.CreatePerson(ctx, p); err != nil {
				t.Fatal(err)
			}
			_, err := db.ChangePersonStatus(ctx, p.ID, tuyengiao.StatusMovedOut, personDate(t, "1979-12-31"))
			if e := docField(t, err, "status_date"); !strings.Contains(vn.Message(e), "trước năm sinh 1980") {
				t.Errorf("message %q", vn.Message(e))
			}
			_, err = db.ChangePersonStatus(ctx, p.ID, tuyengiao.StatusMovedOut, personDate(t, "1997-06-01"))
			if e := docField(t, err, "status_date"); !strings.Contains(vn.Message(e), "18 tuổi") {
				t.Errorf("a party member moved out at 17: %q", vn.Message(e))
			}
			if got, err := db.FindPersonByID(ctx, p.ID); err != nil || got.Status != tuyengiao.StatusActive {
				t.Fatalf("after the refusals: %+v %v", got, err)
			}
		})
	})
}
