package sqldb

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/sqldb/sqldbtest"
)

// The queries CampaignCounts ran before migration 00042 kept the counts, each taking the
// campaign (attended: and the day twice), then the subtree's condition in place of %[1]s
// (campaignScope.in): a full recount over the people and the attendance records.
const (
	recountAttendedSQL = `SELECT p.unit_id, p.category, COUNT(*) FROM people p
		WHERE EXISTS (SELECT 1 FROM campaign_attendees ca WHERE ca.campaign_id = ? AND ca.person_id = p.id) AND ` + activeOnSQL + `%[1]s
		GROUP BY p.unit_id, p.category`
	recountAttendancesSQL = `SELECT a.unit_id, a.category, COUNT(*) FROM attendance a
		WHERE a.campaign_id = ?%[1]s GROUP BY a.unit_id, a.category`
)

// checkKept fails the test unless campaign_counts holds what a recount of it gives, and the
// attended and attendances CampaignCounts reads of each campaign, whole and for each of the
// subtrees of units, equal a full recount as of the campaign's day.
func checkKept(t *testing.T, db *DB, campaigns []*tuyengiao.Campaign, units ...int64) {
	t.Helper()
	ctx := context.Background()
	kept := countRowsText(t, db, `SELECT campaign_id, unit_id, category, attended, attendances FROM campaign_counts
		WHERE attended <> 0 OR attendances <> 0 ORDER BY campaign_id, unit_id, category`)
	if recount := countRowsText(t, db, recountCampaignCountsSQL+` ORDER BY campaign_id, unit_id, category`); kept != recount {
		t.Errorf("campaign_counts\n%s\nrecount\n%s", kept, recount)
	}
	for _, c := range campaigns {
		for _, unitID := range append([]int64{c.UnitID}, units...) {
			got, err := db.CampaignCounts(sysadminCtx(), c.ID, unitID)
			if err != nil {
				t.Fatal(err)
			}
			path, err := db.unitPath(ctx, db, unitID)
			if err != nil {
				t.Fatal(err)
			}
			scope := campaignScope{whole: unitID == c.UnitID}
			scope.lo, scope.hi = subtreeRange(path)
			day := got.AsOf.Format(time.DateOnly)
			cond, args := scope.in("p.unit_id", c.ID, day, day)
			attended, err := db.unitCounts(ctx, fmt.Sprintf(recountAttendedSQL, cond), args...)
			if err != nil {
				t.Fatal(err)
			}
			cond, args = scope.in("a.unit_id", c.ID)
			attendances, err := db.unitCounts(ctx, fmt.Sprintf(recountAttendancesSQL, cond), args...)
			if err != nil {
				t.Fatal(err)
			}
			if countsText(got.Attended) != countsText(attended) || countsText(got.Attendances) != countsText(attendances) {
				t.Errorf("%s at unit %d as of %s: attended %s, attendances %s; recount %s, %s", c.Title, unitID, day,
					countsText(got.Attended), countsText(got.Attendances), countsText(attended), countsText(attendances))
			}
		}
	}
}

// countRowsText writes the rows of the query, of the columns of campaign_counts, one a line.
func countRowsText(t *testing.T, db *DB, q string) string {
	t.Helper()
	rows, err := db.query(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var campaignID, unitID, attended, attendances int64
		var category string
		if err := rows.Scan(&campaignID, &unitID, &category, &attended, &attendances); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%d %d/%s attended=%d attendances=%d", campaignID, unitID, category, attended, attendances))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, "\n")
}

// TestKeptCampaignCounts checks the kept counts of two campaigns, one under way and one
// ended, against a full recount after each kind of write that moves them: check-ins, roster
// saves, people moved, recategorised, gone and back, a status dated after the day counted,
// and the migration run again over the data.
func TestKeptCampaignCounts(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		w := newCampaignWorld(t, db)
		plan := w.create(t, db, w.newCampaign("Học tập Nghị quyết 35"))
		past := w.newCampaign("Đợt tháng Năm")
		past.StartOn, past.EndOn = personDate(t, "2025-05-01"), personDate(t, "2025-05-31")
		w.create(t, db, past)
		campaigns := []*tuyengiao.Campaign{plan, past}
		var people []*tuyengiao.Person
		for i, unit := range []int64{4, 4, 4, 4, 5, 5, 2, 2} {
			people = append(people, createCategoryPerson(t, db, unit, fmt.Sprintf("Đảng viên %d", i), tuyengiao.CategoryMember))
		}
		cellOf := func(p *tuyengiao.Person) (int64, string) {
			switch p.UnitID {
			case 4:
				return 4, w.cell4
			case 5:
				return 5, w.cell5
			}
			return 2, w.ward2
		}
		conf := w.conference(t, db, plan.ID, 2, personTestNow.Add(10*time.Minute), 2, 4)
		again := w.conference(t, db, plan.ID, 3, personTestNow.Add(10*time.Minute), 5)
		may := w.conference(t, db, past.ID, 1, time.Date(2025, 5, 20, 1, 0, 0, 0, time.UTC))
		city := roleCtx(tuyengiao.RoleEditor, 1, w.city)
		mark(t, db, city, may.ID, 1, tuyengiao.RosterChange{Present: []int64{people[0].ID, people[1].ID, people[4].ID, people[6].ID}})
		check := func(t *testing.T) { t.Helper(); checkKept(t, db, campaigns, 2, 3, 4, 5) }

		t.Run("check-ins made at once through the batcher, some at two conferences, one twice", func(t *testing.T) {
			var wg sync.WaitGroup
			errs := make(chan error, 2*len(people))
			checkIn := func(p *tuyengiao.Person, f *tuyengiao.Conference) {
				defer wg.Done()
				code, err := db.CheckInCode(sysadminCtx(), f.ID)
				if err == nil {
					unit, path := cellOf(p)
					_, _, err = db.CheckIn(memberCtx(p.ID, unit, path), f.ID, code)
				}
				if err != nil && tuyengiao.ErrorCode(err) != tuyengiao.ECONFLICT {
					errs <- err
				}
			}
			for i, p := range people[:6] {
				wg.Add(1)
				go checkIn(p, conf)
				if i%2 == 0 {
					wg.Add(2)
					go checkIn(p, again)
					go checkIn(p, again) // the second is a conflict
				}
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			check(t)
			c, _ := db.CampaignCounts(sysadminCtx(), plan.ID, 1)
			if countsText(c.Attended) != "4/member=4 5/member=2" || countsText(c.Attendances) != "4/member=6 5/member=3" {
				t.Errorf("attended %s, attendances %s", countsText(c.Attended), countsText(c.Attendances))
			}
		})

		t.Run("a roster save adds people and removes others, a check-in staying", func(t *testing.T) {
			ward := roleCtx(tuyengiao.RoleEditor, 2, w.ward2)
			mark(t, db, ward, conf.ID, 2, tuyengiao.RosterChange{Present: []int64{people[6].ID, people[7].ID}})
			check(t)
			// people[6] loses their only record, people[0] keeps their check-in at again.
			mark(t, db, city, again.ID, 1, tuyengiao.RosterChange{Present: []int64{people[7].ID, people[1].ID}})
			saved := mark(t, db, city, conf.ID, 1, tuyengiao.RosterChange{OpenedAt: later(t, db, time.Minute),
				Absent: []int64{people[6].ID, people[7].ID, people[0].ID}})
			if saved.Removed != 2 || len(saved.Kept) != 1 {
				t.Fatalf("saved %+v", saved)
			}
			check(t)
		})

		t.Run("a write undone to its savepoint in a batch adds nothing", func(t *testing.T) {
			p := people[6] // without a record of the campaign since the roster save
			var undone error = tuyengiao.Errorf(tuyengiao.EINVALID, "undone")
			err := db.batched(context.Background(), lockKey{}, false, func(ctx context.Context, tx *Tx) error {
				_, err := insertAttendance(ctx, tx, []attendance{{again.ID, plan.ID, attendee{p.ID, p.UnitID, p.Category},
					tuyengiao.MethodRoster, actingUser(ctx), db.instant()}})
				return cmp.Or(err, undone)
			})
			if err != undone {
				t.Fatalf("err = %v", err)
			}
			check(t)
		})

		t.Run("a person moved to another unit, inside and outside the campaign", func(t *testing.T) {
			for p, unit := range map[*tuyengiao.Person]int64{people[0]: 5, people[4]: 9} {
				if _, err := db.UpdatePerson(sysadminCtx(), p.ID, tuyengiao.PersonUpdate{UnitID: &unit}); err != nil {
					t.Fatal(err)
				}
			}
			check(t)
		})

		t.Run("a person's category changed", func(t *testing.T) {
			masses := tuyengiao.CategoryMasses
			if _, err := db.UpdatePerson(sysadminCtx(), people[1].ID, tuyengiao.PersonUpdate{Category: &masses}); err != nil {
				t.Fatal(err)
			}
			name := "Đảng viên Một"
			if _, err := db.UpdatePerson(sysadminCtx(), people[2].ID, tuyengiao.PersonUpdate{FullName: &name}); err != nil {
				t.Fatal(err)
			}
			check(t)
		})

		today := tuyengiao.Date{Time: time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC)}
		t.Run("people who moved out or died, and one who came back", func(t *testing.T) {
			for p, status := range map[*tuyengiao.Person]tuyengiao.PersonStatus{people[3]: tuyengiao.StatusMovedOut,
				people[5]: tuyengiao.StatusDeceased, people[1]: tuyengiao.StatusMovedOut} {
				if _, err := db.ChangePersonStatus(sysadminCtx(), p.ID, status, today); err != nil {
					t.Fatal(err)
				}
			}
			check(t)
			if _, err := db.ChangePersonStatus(sysadminCtx(), people[3].ID, tuyengiao.StatusActive, today); err != nil {
				t.Fatal(err)
			}
			check(t)
			c, _ := db.CampaignCounts(sysadminCtx(), past.ID, 1)
			if countsText(c.Attended) != "2/member=1 4/masses=1 5/member=1 9/member=1" {
				t.Errorf("the ended campaign counts the people of its last day, one moved out since, where and as what they are now: %s", countsText(c.Attended))
			}
		})

		t.Run("statuses dated after the day counted", func(t *testing.T) {
			earlier := personTestNow.Add(-72 * time.Hour)
			db.Now = func() time.Time { return earlier }
			defer func() { db.Now = func() time.Time { return personTestNow } }()
			check(t)
			c, _ := db.CampaignCounts(sysadminCtx(), plan.ID, 1)
			if c.AsOf.Format(time.DateOnly) != "2025-06-12" || !strings.Contains(countsText(c.Attended), "5/member=2") {
				t.Errorf("as of %s, before the deceased died: %s", c.AsOf.Format(time.DateOnly), countsText(c.Attended))
			}
		})

		t.Run("the migration counts the records and attendees found", func(t *testing.T) {
			ctx := context.Background()
			p := migrationProvider(t, db)
			if _, err := p.DownTo(ctx, 41); err != nil {
				t.Fatal(err)
			}
			if _, err := p.UpTo(ctx, 42); err != nil {
				t.Fatal(err)
			}
			check(t)
		})
	})
}

// TestKeptCountsOnTwoNodes has two app nodes on one database check people in and save rosters
// of one campaign at once, the people of several units interleaved: each node's batches add
// to the same counts, and the counts end equal to a recount. The people checked in are not
// those of the rosters: a batch of check-ins and a roster save adding the same people on each
// node can wait for each other's attendees in a circle (a deadlock on PostgreSQL, whose
// batch of one write then fails), which is not of the counts.
func TestKeptCountsOnTwoNodes(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		one, two := openTestDB(t, dsn), openTestDB(t, dsn)
		w := newCampaignWorld(t, one)
		two.Now = one.Now
		plan := w.create(t, one, w.newCampaign("Học tập Nghị quyết 35"))
		units := []struct {
			id   int64
			path string
		}{{4, w.cell4}, {5, w.cell5}, {2, w.ward2}}
		var people []*tuyengiao.Person
		for i := range 30 {
			people = append(people, createCategoryPerson(t, one, units[i%3].id, fmt.Sprintf("Đảng viên %d", i), tuyengiao.CategoryMember))
		}
		checkIns := w.conference(t, one, plan.ID, 1, personTestNow.Add(10*time.Minute))
		roster := w.conference(t, one, plan.ID, 1, personTestNow.Add(20*time.Minute))
		code, err := one.CheckInCode(sysadminCtx(), checkIns.ID)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 2*len(people))
		for i, p := range people[:20] {
			node := []*DB{one, two}[i%2]
			u := units[i%3]
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _, err := node.CheckIn(memberCtx(p.ID, u.id, u.path), checkIns.ID, code)
				errs <- err
			}()
		}
		city := roleCtx(tuyengiao.RoleEditor, 1, w.city)
		// The roster names ten of the people checking in meanwhile: two nodes' batches then
		// add the same attendees, which PostgreSQL may end in a deadlock, a write tried again.
		for n, node := range []*DB{one, two} {
			var ids []int64
			for i := range people[10:] {
				ids = append(ids, people[10+(i+5*n)%20].ID)
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := node.MarkAttendance(city, roster.ID, 1, tuyengiao.RosterChange{Present: ids})
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		checkKept(t, one, []*tuyengiao.Campaign{plan}, 2, 4, 5)
		c, _ := one.CampaignCounts(sysadminCtx(), plan.ID, 1)
		if countsText(c.Attended) != "2/member=10 4/member=10 5/member=10" || countsText(c.Attendances) != "2/member=13 4/member=13 5/member=14" {
			t.Errorf("attended %s, attendances %s", countsText(c.Attended), countsText(c.Attendances))
		}
	})
}
