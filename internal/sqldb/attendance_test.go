package sqldb

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// createCategoryPerson creates an active person of the category in the unit, as the
// system administrator.
func createCategoryPerson(t *testing.T, db *DB, unitID int64, name string, cat tuyengiao.Category) *tuyengiao.Person {
	t.Helper()
	p := &tuyengiao.Person{UnitID: unitID, FullName: name, Category: cat, StatusDate: personDate(t, "2020-01-01")}
	if err := db.CreatePerson(sysadminCtx(), p); err != nil {
		t.Fatal(err)
	}
	return p
}

// present lists the roster as "name:method" for those present, in roster order.
func present(t *testing.T, db *DB, conferenceID, unitID int64) string {
	t.Helper()
	roster, err := db.Roster(sysadminCtx(), conferenceID, unitID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range roster.Entries {
		if e.Present {
			out = append(out, e.FullName+":"+string(e.Method))
		}
	}
	return strings.Join(out, " ")
}

// mark saves the roster change as ctx and fails the test on an error.
func mark(t *testing.T, db *DB, ctx context.Context, conferenceID, unitID int64, ch tuyengiao.RosterChange) *tuyengiao.RosterSaved {
	t.Helper()
	saved, err := db.MarkAttendance(ctx, conferenceID, unitID, ch)
	if err != nil {
		t.Fatal(err)
	}
	return saved
}

// later sets the test clock to personTestNow+d until the end of the test: the clock stands
// still, and a record made at the very time a roster is read counts as after the read.
func later(t *testing.T, db *DB, d time.Duration) time.Time {
	at := personTestNow.Add(d)
	db.Now = func() time.Time { return at }
	t.Cleanup(func() { db.Now = func() time.Time { return personTestNow } })
	return at
}

// lastDetail returns the detail of the latest audit record of the action.
func lastDetail(t *testing.T, db *DB, action string) string {
	t.Helper()
	var detail string
	err := db.queryRow(context.Background(), `SELECT detail FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1`, action).Scan(&detail)
	if err != nil {
		t.Fatal(err)
	}
	return detail
}

// countsText writes unit counts as sorted "unit/category=n".
func countsText(counts []tuyengiao.UnitCount) string {
	out := make([]string, len(counts))
	for i, c := range counts {
		out[i] = fmt.Sprintf("%d/%s=%d", c.UnitID, c.Category, c.Count)
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

func TestAttendance(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		w := newCampaignWorld(t, db)
		plan := w.create(t, db, w.newCampaign("Học tập Nghị quyết 35"))
		an := createCategoryPerson(t, db, 4, "Nguyễn Thị An", tuyengiao.CategoryMember)
		binh := createCategoryPerson(t, db, 4, "Trần Văn Bình", tuyengiao.CategoryMember)
		createCategoryPerson(t, db, 4, "Lê Văn Quần", tuyengiao.CategoryMasses)         // a headcount audience
		createCategoryPerson(t, db, 4, "Phạm Văn Chủ", tuyengiao.CategoryKeyCadre)      // no audience
		dung := createCategoryPerson(t, db, 5, "Đỗ Văn Dũng", tuyengiao.CategoryMember) // the other ward
		conf := w.conference(t, db, plan.ID, 2, personTestNow.Add(10*time.Minute), 2, 4)
		other := w.conference(t, db, plan.ID, 3, personTestNow.Add(10*time.Minute), 5)
		wardEditor := roleCtx(tuyengiao.RoleEditor, 2, w.ward2)
		code, err := db.CheckInCode(wardEditor, conf.ID)
		if err != nil {
			t.Fatal(err)
		}

		t.Run("the roster lists the roster audiences of the unit in name order, and the read is audited", func(t *testing.T) {
			roster, err := db.Roster(roleCtx(tuyengiao.RoleViewer, 4, w.cell4), conf.ID, 4)
			if err != nil {
				t.Fatal(err)
			}
			if e := roster.Entries; len(e) != 2 || e[0].FullName != "Nguyễn Thị An" || e[1].FullName != "Trần Văn Bình" || e[0].Present {
				t.Fatalf("roster %+v", e)
			}
			if !roster.OpenedAt.Equal(personTestNow) {
				t.Fatalf("opened at %s", roster.OpenedAt)
			}
			if personAuditCount(t, db, "attendance.roster", conferenceObject(conf.ID), "ok") != 1 {
				t.Fatal("the read is not audited")
			}
		})

		t.Run("a person outside the unit cannot be marked and nothing changes", func(t *testing.T) {
			_, err := db.MarkAttendance(wardEditor, conf.ID, 4, tuyengiao.RosterChange{Present: []int64{an.ID, dung.ID}})
			if e := docField(t, err, "present"); !strings.Contains(vn.Message(e), fmt.Sprint(dung.ID)) {
				t.Fatalf("message %q does not name the person", vn.Message(e))
			}
			if got := present(t, db, conf.ID, 4); got != "" {
				t.Fatalf("present: %s", got)
			}
			_, err = db.MarkAttendance(roleCtx(tuyengiao.RoleEditor, 5, w.cell5), conf.ID, 4, tuyengiao.RosterChange{Present: []int64{an.ID}})
			if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("an editor of another cell: %v", err)
			}
		})

		t.Run("marking present records those marked, and marking absent removes their roster record", func(t *testing.T) {
			mark(t, db, wardEditor, conf.ID, 4, tuyengiao.RosterChange{Present: []int64{an.ID, binh.ID}})
			saved := mark(t, db, wardEditor, conf.ID, 4, tuyengiao.RosterChange{OpenedAt: later(t, db, time.Minute), Absent: []int64{binh.ID}})
			if got := present(t, db, conf.ID, 4); got != "Nguyễn Thị An:roster" {
				t.Fatalf("present: %s", got)
			}
			if saved.Added != 0 || saved.Removed != 1 || len(saved.Kept) != 0 {
				t.Fatalf("saved %+v", saved)
			}
			if detail := lastDetail(t, db, "attendance.mark"); detail != "added=0 removed=1 kept=0 still_absent=0" {
				t.Fatalf("detail %q", detail)
			}
		})

		t.Run("a code of another conference is refused", func(t *testing.T) {
			otherCode, _ := db.CheckInCode(sysadminCtx(), other.ID)
			_, _, err := db.CheckIn(memberCtx(binh.ID, 4, w.cell4), conf.ID, otherCode)
			if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("err = %v", err)
			}
			if personAuditCount(t, db, "attendance.checkin", conferenceObject(conf.ID), "denied") != 1 {
				t.Fatal("the refusal is not audited")
			}
		})

		t.Run("a member checks in, told the conference, and a second check-in is a conflict", func(t *testing.T) {
			member := memberCtx(binh.ID, 4, w.cell4)
			e, f, err := db.CheckIn(member, conf.ID, code)
			if err != nil {
				t.Fatal(err)
			}
			if !e.Present || e.Method != tuyengiao.MethodCheckIn || e.UnitID != 4 || !e.RecordedAt.Equal(personTestNow) {
				t.Fatalf("entry %+v", e)
			}
			if f.ID != conf.ID || f.Title != conf.Title || !f.StartsAt.Equal(conf.StartsAt) {
				t.Fatalf("conference %+v, want that of %+v", f, conf)
			}
			if _, _, err := db.CheckIn(member, conf.ID, code); tuyengiao.ErrorCode(err) != tuyengiao.ECONFLICT {
				t.Fatalf("second check-in: %v", err)
			}
		})

		t.Run("marking absent keeps a check-in and says so", func(t *testing.T) {
			saved := mark(t, db, wardEditor, conf.ID, 2, tuyengiao.RosterChange{OpenedAt: later(t, db, time.Hour), Absent: []int64{an.ID, binh.ID}})
			if !slices.Equal(saved.Kept, []int64{binh.ID}) || saved.Removed != 1 {
				t.Fatalf("saved %+v", saved)
			}
			if got := present(t, db, conf.ID, 4); got != "Trần Văn Bình:checkin" {
				t.Fatalf("present: %s", got)
			}
			roster, _ := db.Roster(sysadminCtx(), conf.ID, 4)
			if e := roster.Entries; !e[1].RecordedAt.Equal(personTestNow) || !e[0].RecordedAt.IsZero() {
				t.Fatalf("recorded at %s and %s", e[0].RecordedAt, e[1].RecordedAt)
			}
		})

		t.Run("a check-in outside the window is refused", func(t *testing.T) {
			defer func() { db.Now = func() time.Time { return personTestNow } }()
			for at, want := range map[time.Time]string{
				conf.StartsAt.Add(-31 * time.Minute): "Chưa đến giờ điểm danh: hội nghị bắt đầu lúc 15/06/2025 03:10",
				conf.EndsAt.Add(time.Second):         "Đã hết giờ điểm danh: hội nghị kết thúc lúc 15/06/2025 05:10",
			} {
				db.Now = func() time.Time { return at }
				_, _, err := db.CheckIn(memberCtx(an.ID, 4, w.cell4), conf.ID, code)
				if tuyengiao.ErrorCode(err) != tuyengiao.EINVALID || !strings.HasPrefix(vn.Message(err), want) {
					t.Errorf("at %s: %v", at, err)
				}
			}
		})

		t.Run("an account without a person or a person off the roster cannot check in", func(t *testing.T) {
			if _, _, err := db.CheckIn(roleCtx(tuyengiao.RoleEditor, 4, w.cell4), conf.ID, code); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("no person: %v", err)
			}
			cadre := createCategoryPerson(t, db, 4, "Hồ Văn Cán", tuyengiao.CategoryKeyCadre)
			if _, _, err := db.CheckIn(memberCtx(cadre.ID, 4, w.cell4), conf.ID, code); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("not an audience: %v", err)
			}
			outside := createCategoryPerson(t, db, 9, "Vũ Văn Ngoài", tuyengiao.CategoryMember)
			if _, _, err := db.CheckIn(memberCtx(outside.ID, 9, w.other), conf.ID, code); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("another city: %v", err)
			}
		})

		t.Run("moving the conference invalidates the old code", func(t *testing.T) {
			moved := *conf
			moved.StartsAt, moved.EndsAt = conf.StartsAt.Add(-time.Hour), conf.EndsAt.Add(time.Hour)
			if err := db.UpdateConference(wardEditor, &moved); err != nil {
				t.Fatal(err)
			}
			member := memberCtx(an.ID, 4, w.cell4)
			if _, _, err := db.CheckIn(member, conf.ID, code); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("old code: %v", err)
			}
			newCode, err := db.CheckInCode(wardEditor, conf.ID)
			if err != nil || newCode == code {
				t.Fatalf("new code %q, err %v", newCode, err)
			}
			if _, _, err := db.CheckIn(member, conf.ID, newCode); err != nil {
				t.Fatalf("new code: %v", err)
			}
			// The host of a bridge point shows the code there; a cell that hosts none does not get it.
			if got, err := db.CheckInCode(roleCtx(tuyengiao.RoleEditor, 4, w.cell4), conf.ID); err != nil || got != newCode {
				t.Fatalf("the editor of a host cell reads %q, %v", got, err)
			}
			if _, err := db.CheckInCode(roleCtx(tuyengiao.RoleEditor, 5, w.cell5), conf.ID); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("the editor of a cell without a bridge point reads the code: %v", err)
			}
		})

		t.Run("a person who attends two sessions counts once, and stays until their last record is removed", func(t *testing.T) {
			cuong := createCategoryPerson(t, db, 4, "Vũ Văn Cường", tuyengiao.CategoryMember)
			second := w.conference(t, db, plan.ID, 2, personTestNow.Add(24*time.Hour))
			attended := func(want string) {
				t.Helper()
				counts, err := db.CampaignCounts(sysadminCtx(), plan.ID, 4)
				if err != nil {
					t.Fatal(err)
				}
				if got := countsText(counts.Attended); got != want {
					t.Fatalf("attended %s, want %s", got, want)
				}
			}
			for _, f := range []int64{conf.ID, second.ID} {
				mark(t, db, wardEditor, f, 4, tuyengiao.RosterChange{Present: []int64{an.ID, cuong.ID}})
			}
			attended("4/member=3") // An and Bình checked in, Cường on both rosters
			opened := later(t, db, time.Minute)
			mark(t, db, wardEditor, second.ID, 4, tuyengiao.RosterChange{OpenedAt: opened, Absent: []int64{an.ID, cuong.ID}})
			attended("4/member=3")
			mark(t, db, wardEditor, conf.ID, 4, tuyengiao.RosterChange{OpenedAt: opened, Absent: []int64{cuong.ID}})
			attended("4/member=2")
		})

		t.Run("not attended lists the roster people without an attendance, and the read is audited", func(t *testing.T) {
			people, total, err := db.NotAttended(roleCtx(tuyengiao.RoleViewer, 1, w.city), plan.ID, 1, "", 0, 10)
			if err != nil {
				t.Fatal(err)
			}
			if total != 2 || personNames(people) != "Vũ Văn Cường, Đỗ Văn Dũng" {
				t.Fatalf("total %d: %s", total, personNames(people))
			}
			if personAuditCount(t, db, "attendance.not_attended", campaignObject(plan.ID), "ok") != 1 {
				t.Fatal("the read is not audited")
			}
			if _, _, err := db.NotAttended(roleCtx(tuyengiao.RoleMember, 4, w.cell4), plan.ID, 4, "", 0, 10); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("a member: %v", err)
			}
		})

		t.Run("a member's campaigns are those above their unit with an audience of their category", func(t *testing.T) {
			w.create(t, db, &tuyengiao.Campaign{UnitID: 3, Title: "Chuyên đề phường 3",
				Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember}}, StartOn: plan.StartOn, EndOn: plan.EndOn})
			got, err := db.MyCampaigns(memberCtx(an.ID, 4, w.cell4), personDate(t, "2025-06-15"))
			if err != nil || len(got) != 1 || got[0].ID != plan.ID {
				t.Fatalf("got %v, err %v", campaignTitles(got), err)
			}
			if got, _ := db.MyCampaigns(memberCtx(an.ID, 4, w.cell4), personDate(t, "2025-07-01")); len(got) != 0 {
				t.Fatalf("after the end: %v", campaignTitles(got))
			}
			cadre := createCategoryPerson(t, db, 4, "Đinh Văn Chủ", tuyengiao.CategoryKeyCadre)
			if got, _ := db.MyCampaigns(memberCtx(cadre.ID, 4, w.cell4), tuyengiao.Date{}); len(got) != 0 {
				t.Fatalf("a category without an audience: %v", campaignTitles(got))
			}
		})

		t.Run("every write is audited", func(t *testing.T) {
			for action, object := range map[string]string{
				"campaign.create":    campaignObject(plan.ID),
				"conference.create":  conferenceObject(conf.ID),
				"conference.update":  conferenceObject(conf.ID),
				"attendance.mark":    conferenceObject(conf.ID),
				"attendance.checkin": conferenceObject(conf.ID),
			} {
				if personAuditCount(t, db, action, object, "ok") == 0 {
					t.Errorf("no %s record on %s", action, object)
				}
			}
		})
	})
}

// TestRosterChange saves only the rows a user changed: the records of the others, those of
// the units below and those made since the roster was read are never undone.
func TestRosterInBatches(t *testing.T) {
	defer func(n int) { rosterBatch = n }(rosterBatch)
	rosterBatch = 3
	engines(t, func(t *testing.T, db *DB) {
		w := newCampaignWorld(t, db)
		plan := w.create(t, db, w.newCampaign("Học tập Nghị quyết 35"))
		conf := w.conference(t, db, plan.ID, 1, personTestNow.Add(10*time.Minute), 1, 2)
		var members []int64
		for i := range 8 {
			members = append(members, createCategoryPerson(t, db, 4, fmt.Sprintf("Đảng viên Phường %d", i), tuyengiao.CategoryMember).ID)
		}
		ward := roleCtx(tuyengiao.RoleEditor, 2, w.ward2)
		t.Run("records a roster longer than one statement takes, batch after batch, each person once", func(t *testing.T) {
			mark(t, db, ward, conf.ID, 2, tuyengiao.RosterChange{Present: members[3:6]}) // the whole second batch
			if saved := mark(t, db, ward, conf.ID, 2, tuyengiao.RosterChange{Present: members}); saved.Added != 5 {
				t.Errorf("added %d of the 5 not yet present", saved.Added)
			}
			if n := strings.Count(present(t, db, conf.ID, 2), ":roster"); n != 8 {
				t.Errorf("%d present on the roster", n)
			}
			counts, err := db.CampaignCounts(sysadminCtx(), plan.ID, 2)
			if err != nil {
				t.Fatal(err)
			}
			if got := countsText(counts.Attended); got != "4/member=8" {
				t.Errorf("attendees %s", got)
			}
		})
	})
}

// TestRosterOfCells takes a ward's roster cell by cell: the units it lists with their counts,
// and a save made on one cell's rows, with a search hiding some of them, that writes the rows
// changed and nothing else, removals in batches.
func TestRosterOfCells(t *testing.T) {
	defer func(n int) { rosterBatch = n }(rosterBatch)
	rosterBatch = 2
	engines(t, func(t *testing.T, db *DB) {
		w := newCampaignWorld(t, db)
		plan := w.create(t, db, w.newCampaign("Học tập Nghị quyết 35"))
		earlier := w.conference(t, db, plan.ID, 1, personTestNow.Add(-time.Hour), 1, 2)
		conf := w.conference(t, db, plan.ID, 1, personTestNow.Add(10*time.Minute), 1, 2)
		var cell, own []int64
		for i := range 5 {
			cell = append(cell, createCategoryPerson(t, db, 4, fmt.Sprintf("Đảng viên Chi bộ %d", i), tuyengiao.CategoryMember).ID)
		}
		for i := range 2 {
			own = append(own, createCategoryPerson(t, db, 2, fmt.Sprintf("Cán bộ Phường %d", i), tuyengiao.CategoryMember).ID)
		}
		createCategoryPerson(t, db, 4, "Lê Văn Quần", tuyengiao.CategoryMasses) // a headcount audience
		ward := roleCtx(tuyengiao.RoleEditor, 2, w.ward2)
		mark(t, db, ward, earlier.ID, 2, tuyengiao.RosterChange{Present: cell[:1]})
		later(t, db, time.Minute)
		mark(t, db, ward, conf.ID, 2, tuyengiao.RosterChange{Present: append(slices.Clone(cell[:4]), own[0])})
		units := func(t *testing.T, ctx context.Context, unitID int64) string {
			t.Helper()
			list, err := db.RosterUnits(ctx, conf.ID, unitID)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, u := range list {
				out = append(out, fmt.Sprintf("%s %d/%d", u.Unit.Code, u.Present, u.Total))
			}
			return strings.Join(out, ", ")
		}
		records := func(t *testing.T) string {
			t.Helper()
			rows, err := db.query(context.Background(), `SELECT person_id, recorded_at FROM attendance WHERE conference_id = ? ORDER BY person_id`, conf.ID)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var out []string
			for rows.Next() {
				var id int64
				var at time.Time
				if err := rows.Scan(&id, &at); err != nil {
					t.Fatal(err)
				}
				out = append(out, fmt.Sprintf("%d@%s", id, at.UTC().Format(time.TimeOnly)))
			}
			return strings.Join(out, " ")
		}

		t.Run("the unit, then those holding people of the roster, in tree order, each counting its subtree", func(t *testing.T) {
			for _, c := range []struct {
				ctx    context.Context
				unitID int64
				want   string
			}{{ward, 2, "P2 5/7, CB4 4/5"}, {sysadminCtx(), 1, "TP 5/7, P2 5/7, CB4 4/5"}, {ward, 4, "CB4 4/5"}} {
				if got := units(t, c.ctx, c.unitID); got != c.want {
					t.Errorf("units of %d: %q, want %q", c.unitID, got, c.want)
				}
			}
			if _, err := db.RosterUnits(roleCtx(tuyengiao.RoleEditor, 3, w.ward3), conf.ID, 2); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("another ward's editor counts the roster: %v", err)
			}
		})
		t.Run("a save of the cell's changed rows writes them alone; the rows a search hid keep their records", func(t *testing.T) {
			later(t, db, 90*time.Second)
			roster, err := db.Roster(ward, conf.ID, 4)
			if err != nil {
				t.Fatal(err)
			}
			before := records(t)
			later(t, db, 2*time.Minute)
			// A search shows cell[0..3]: the secretary unticks three and ticks none; cell[4],
			// absent and hidden, and the ward's own people are not sent.
			saved := mark(t, db, ward, conf.ID, 4, tuyengiao.RosterChange{OpenedAt: roster.OpenedAt, Absent: cell[:3]})
			if saved.Removed != 3 || saved.Added != 0 {
				t.Fatalf("saved %+v", saved)
			}
			after := records(t)
			for _, r := range strings.Fields(before) {
				id, _, _ := strings.Cut(r, "@")
				gone := slices.Contains(cell[:3], mustInt(t, id))
				if strings.Contains(after, r) == gone {
					t.Errorf("record %s: removed %v, want %v (after: %s)", r, !gone, gone, after)
				}
			}
			if got, want := units(t, ward, 2), "P2 2/7, CB4 1/5"; got != want {
				t.Fatalf("units %q, want %q", got, want)
			}
			var removals int
			if err := db.queryRow(context.Background(), `SELECT COUNT(*) FROM roster_removals WHERE conference_id = ?`, conf.ID).Scan(&removals); err != nil || removals != 3 {
				t.Fatalf("%d removals kept, %v", removals, err)
			}
			counts, err := db.CampaignCounts(sysadminCtx(), plan.ID, 2)
			if err != nil {
				t.Fatal(err)
			}
			// cell[0] still attended the earlier session; cell[1..2] attended none now.
			if got := countsText(counts.Attended); got != "2/member=1 4/member=2" {
				t.Errorf("attendees %s", got)
			}
		})
	})
}

// mustInt reads a decimal id.
func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRosterChange(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		w := newCampaignWorld(t, db)
		c := w.newCampaign("Học tập Nghị quyết 35")
		c.Audiences = append(c.Audiences, tuyengiao.CampaignAudience{Category: tuyengiao.CategoryKeyCadre})
		plan := w.create(t, db, c)
		conf := w.conference(t, db, plan.ID, 1, personTestNow.Add(10*time.Minute), 1, 2)
		var cadres, members []int64
		for i := range 5 {
			cadres = append(cadres, createCategoryPerson(t, db, 1, fmt.Sprintf("Cán bộ Thành %d", i), tuyengiao.CategoryKeyCadre).ID)
		}
		for i := range 8 {
			members = append(members, createCategoryPerson(t, db, 4, fmt.Sprintf("Đảng viên Phường %d", i), tuyengiao.CategoryMember).ID)
		}
		outsider := createCategoryPerson(t, db, 5, "Đỗ Văn Ngoài", tuyengiao.CategoryMember)
		masses := createCategoryPerson(t, db, 4, "Lê Văn Quần", tuyengiao.CategoryMasses)
		ward, city := roleCtx(tuyengiao.RoleEditor, 2, w.ward2), roleCtx(tuyengiao.RoleEditor, 1, w.city)
		wardPresent := func(t *testing.T) int {
			t.Helper()
			return strings.Count(present(t, db, conf.ID, 2), ":")
		}

		t.Run("the city saving its cadres leaves the ward's members present", func(t *testing.T) {
			if saved := mark(t, db, ward, conf.ID, 2, tuyengiao.RosterChange{Present: members}); saved.Added != 8 {
				t.Fatalf("the ward added %d", saved.Added)
			}
			roster, err := db.Roster(city, conf.ID, 1)
			if err != nil {
				t.Fatal(err)
			}
			later(t, db, time.Minute)
			saved := mark(t, db, city, conf.ID, 1, tuyengiao.RosterChange{OpenedAt: roster.OpenedAt, Present: cadres})
			if saved.Added != 5 || saved.Removed != 0 {
				t.Fatalf("the city saved %+v", saved)
			}
			if n := wardPresent(t); n != 8 {
				t.Fatalf("the ward has %d present after the city's save, want 8", n)
			}
			if n := strings.Count(present(t, db, conf.ID, 1), ":"); n != 13 {
				t.Fatalf("the city's roster has %d present, want 13", n)
			}
		})

		t.Run("an absent mark keeps a check-in and another secretary's mark made after the roster was opened", func(t *testing.T) {
			later(t, db, time.Minute)
			roster, err := db.Roster(ward, conf.ID, 2) // the ward's secretary opens the roster
			if err != nil {
				t.Fatal(err)
			}
			later(t, db, 2*time.Minute) // meanwhile a member checks in, and the city marks another
			code, _ := db.CheckInCode(city, conf.ID)
			qr := createCategoryPerson(t, db, 4, "Người Quét Mã", tuyengiao.CategoryMember)
			if _, _, err := db.CheckIn(memberCtx(qr.ID, 4, w.cell4), conf.ID, code); err != nil {
				t.Fatal(err)
			}
			late := createCategoryPerson(t, db, 4, "Người Đến Muộn", tuyengiao.CategoryMember)
			mark(t, db, city, conf.ID, 1, tuyengiao.RosterChange{Present: []int64{late.ID}})
			later(t, db, 3*time.Minute)
			saved := mark(t, db, ward, conf.ID, 2, tuyengiao.RosterChange{OpenedAt: roster.OpenedAt,
				Absent: []int64{late.ID, qr.ID, members[0]}})
			if want := slices.Sorted(slices.Values([]int64{qr.ID, late.ID})); !slices.Equal(saved.Kept, want) || saved.Removed != 1 {
				t.Fatalf("saved %+v, want kept %v and one removed", saved, want)
			}
			got := present(t, db, conf.ID, 4)
			for _, want := range []string{"Người Quét Mã:checkin", "Người Đến Muộn:roster"} {
				if !strings.Contains(got, want) {
					t.Errorf("%s is gone: %s", want, got)
				}
			}
			if strings.Contains(got, "Đảng viên Phường 0") {
				t.Errorf("the member marked absent is still present: %s", got)
			}
			if detail := lastDetail(t, db, "attendance.mark"); detail != "added=0 removed=1 kept=2 still_absent=0" {
				t.Fatalf("detail %q", detail)
			}
		})

		t.Run("a bad row refuses the whole save, naming it, and changes nothing", func(t *testing.T) {
			opened := later(t, db, 4*time.Minute)
			before := present(t, db, conf.ID, 1)
			for name, bad := range map[string]struct {
				ch    tuyengiao.RosterChange
				field string
				id    int64
			}{
				"a person of another ward": {tuyengiao.RosterChange{OpenedAt: opened, Present: []int64{members[0]},
					Absent: []int64{members[1], outsider.ID}}, "absent", outsider.ID},
				"a person not on the roster": {tuyengiao.RosterChange{OpenedAt: opened, Present: []int64{members[0], masses.ID},
					Absent: []int64{members[1]}}, "present", masses.ID},
				"a city cadre on the ward's roster": {tuyengiao.RosterChange{Present: []int64{members[0], cadres[0]}}, "present", cadres[0]},
				"a person marked both ways": {tuyengiao.RosterChange{OpenedAt: opened, Present: []int64{members[0]},
					Absent: []int64{members[0]}}, "absent", members[0]},
				"a person named twice":                              {tuyengiao.RosterChange{Present: []int64{members[0], members[0]}}, "present", members[0]},
				"an absence without the time the roster was opened": {tuyengiao.RosterChange{Absent: []int64{members[1]}}, "opened_at", 0},
				"a time the roster was opened still to come": {tuyengiao.RosterChange{OpenedAt: opened.Add(time.Hour),
					Absent: []int64{members[1]}}, "opened_at", 0},
			} {
				_, err := db.MarkAttendance(ward, conf.ID, 2, bad.ch)
				if e := docField(t, err, bad.field); bad.id != 0 && !strings.Contains(vn.Message(e), fmt.Sprint(bad.id)) {
					t.Errorf("%s: %q does not name the row", name, vn.Message(e))
				}
			}
			if after := present(t, db, conf.ID, 1); after != before {
				t.Fatalf("the roster changed from %s\nto %s", before, after)
			}
		})
	})
}

// TestRosterRemoval keeps what a secretary removed from the roster: a "present" ticked on a
// roster opened before the removal does not put the person back, and the save says so.
func TestRosterRemoval(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		w := newCampaignWorld(t, db)
		plan := w.create(t, db, w.newCampaign("Học tập Nghị quyết 35"))
		conf := w.conference(t, db, plan.ID, 2, personTestNow.Add(10*time.Minute), 2, 4)
		an := createCategoryPerson(t, db, 4, "Nguyễn Thị An", tuyengiao.CategoryMember)
		binh := createCategoryPerson(t, db, 4, "Trần Văn Bình", tuyengiao.CategoryMember)
		ward := roleCtx(tuyengiao.RoleEditor, 2, w.ward2)
		// The cell's secretary, as an account of its own: the removal names who made it.
		secretary := tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{UserID: 42, Login: "test-secretary",
			Address: "127.0.0.1", Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleEditor, UnitID: 4, UnitPath: w.cell4}}})
		remove := func(t *testing.T, at time.Duration, id int64) {
			t.Helper()
			if saved := mark(t, db, secretary, conf.ID, 4, tuyengiao.RosterChange{OpenedAt: later(t, db, at), Absent: []int64{id}}); saved.Removed != 1 {
				t.Fatalf("removed %d", saved.Removed)
			}
		}

		t.Run("a present ticked on a roster opened before another secretary removed the person leaves them absent, saves the rest and names them", func(t *testing.T) {
			mark(t, db, ward, conf.ID, 2, tuyengiao.RosterChange{Present: []int64{an.ID}})
			opened := later(t, db, time.Minute) // the ward opens its roster, An present
			remove(t, 2*time.Minute, an.ID)     // the cell's secretary marks An absent meanwhile
			later(t, db, 3*time.Minute)
			saved := mark(t, db, ward, conf.ID, 2, tuyengiao.RosterChange{OpenedAt: opened, Present: []int64{an.ID, binh.ID}})
			if saved.Added != 1 || !slices.Equal(saved.StillAbsent, []int64{an.ID}) {
				t.Fatalf("saved %+v, want Bình added and An still absent", saved)
			}
			if got := present(t, db, conf.ID, 4); got != "Trần Văn Bình:roster" {
				t.Fatalf("present: %s", got)
			}
			if detail := lastDetail(t, db, "attendance.mark"); detail != "added=1 removed=0 kept=0 still_absent=1" {
				t.Fatalf("detail %q", detail)
			}
		})

		t.Run("the removal is kept with when and by whom, and audited", func(t *testing.T) {
			var by int64
			var at time.Time
			err := db.queryRow(context.Background(), `SELECT removed_by, removed_at FROM roster_removals
				WHERE conference_id = ? AND person_id = ?`, conf.ID, an.ID).Scan(&by, &at)
			if err != nil {
				t.Fatal(err)
			}
			if by != 42 || !at.Equal(personTestNow.Add(2*time.Minute)) {
				t.Fatalf("removed by %d at %s", by, at)
			}
			var actor int64
			var detail string
			err = db.queryRow(context.Background(), `SELECT user_id, detail FROM audit_log WHERE action = 'attendance.mark' AND unit_id = 4
				ORDER BY id DESC LIMIT 1`).Scan(&actor, &detail)
			if err != nil || actor != 42 || detail != "added=0 removed=1 kept=0 still_absent=0" {
				t.Fatalf("audit by %d: %q, %v", actor, detail, err)
			}
		})

		t.Run("a present on a roster opened after the removal marks the person again", func(t *testing.T) {
			saved := mark(t, db, ward, conf.ID, 2, tuyengiao.RosterChange{OpenedAt: later(t, db, 4*time.Minute), Present: []int64{an.ID}})
			if saved.Added != 1 || len(saved.StillAbsent) != 0 {
				t.Fatalf("saved %+v", saved)
			}
		})

		t.Run("a stale present of someone marked again since is no conflict", func(t *testing.T) {
			opened := later(t, db, 5*time.Minute)
			remove(t, 6*time.Minute, binh.ID)
			mark(t, db, secretary, conf.ID, 4, tuyengiao.RosterChange{OpenedAt: later(t, db, 7*time.Minute), Present: []int64{binh.ID}})
			saved := mark(t, db, ward, conf.ID, 2, tuyengiao.RosterChange{OpenedAt: opened, Present: []int64{binh.ID}})
			if saved.Added != 0 || len(saved.StillAbsent) != 0 {
				t.Fatalf("saved %+v", saved)
			}
		})

		t.Run("without the time the roster was opened, a person removed before is marked again", func(t *testing.T) {
			// Such a change claims no view of the roster, so nothing it saw can be stale; the
			// page always sends the time.
			remove(t, 8*time.Minute, an.ID)
			later(t, db, 24*time.Hour)
			saved := mark(t, db, ward, conf.ID, 2, tuyengiao.RosterChange{Present: []int64{an.ID}})
			if saved.Added != 1 || len(saved.StillAbsent) != 0 {
				t.Fatalf("saved %+v", saved)
			}
		})
	})
}

// TestAttendeeRemovedAndAgain counts a person removed from a roster and marked again once,
// at the unit of their earliest attendance that remains.
func TestAttendeeRemovedAndAgain(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		w := newCampaignWorld(t, db)
		plan := w.create(t, db, w.newCampaign("Học tập Nghị quyết 35"))
		first := w.conference(t, db, plan.ID, 2, personTestNow.Add(10*time.Minute))
		second := w.conference(t, db, plan.ID, 3, personTestNow.Add(24*time.Hour))
		an := createCategoryPerson(t, db, 4, "Nguyễn Thị An", tuyengiao.CategoryMember)
		city := roleCtx(tuyengiao.RoleEditor, 1, w.city)
		step := time.Duration(0)
		save := func(t *testing.T, f *tuyengiao.Conference, ch tuyengiao.RosterChange) {
			t.Helper()
			step += time.Minute
			ch.OpenedAt = later(t, db, step)
			mark(t, db, city, f.ID, 1, ch)
		}
		attended := func(t *testing.T, want string) {
			t.Helper()
			counts, err := db.CampaignCounts(sysadminCtx(), plan.ID, 1)
			if err != nil {
				t.Fatal(err)
			}
			var rows int
			if err := db.queryRow(context.Background(), `SELECT COUNT(*) FROM campaign_attendees WHERE campaign_id = ? AND person_id = ?`,
				plan.ID, an.ID).Scan(&rows); err != nil {
				t.Fatal(err)
			}
			if got := countsText(counts.Attended); got != want || rows > 1 {
				t.Fatalf("attended %s in %d rows, want %s", got, rows, want)
			}
			_, missing, err := db.NotAttended(sysadminCtx(), plan.ID, 1, "", 0, 10)
			if err != nil || (missing == 0) != (want != "") {
				t.Fatalf("%d not attended with %q attended, %v", missing, want, err)
			}
		}

		// An attends the first session in cell 4, moves to cell 5 and attends the second.
		save(t, first, tuyengiao.RosterChange{Present: []int64{an.ID}})
		if _, err := db.UpdatePerson(sysadminCtx(), an.ID, tuyengiao.PersonUpdate{UnitID: new(int64(5))}); err != nil {
			t.Fatal(err)
		}
		save(t, second, tuyengiao.RosterChange{Present: []int64{an.ID}})
		// She counts once, at the unit the register gives her now, as the base counts her.
		attended(t, "5/member=1")

		t.Run("removed from the session they were first recorded at, a person still counts once", func(t *testing.T) {
			save(t, first, tuyengiao.RosterChange{Absent: []int64{an.ID}})
			attended(t, "5/member=1")
		})
		t.Run("marked again there, they count once", func(t *testing.T) {
			save(t, first, tuyengiao.RosterChange{Present: []int64{an.ID}})
			attended(t, "5/member=1")
		})
		t.Run("removed from every session they no longer count, and marked again they count once", func(t *testing.T) {
			save(t, first, tuyengiao.RosterChange{Absent: []int64{an.ID}})
			save(t, second, tuyengiao.RosterChange{Absent: []int64{an.ID}})
			attended(t, "")
			save(t, second, tuyengiao.RosterChange{Present: []int64{an.ID}})
			save(t, first, tuyengiao.RosterChange{Present: []int64{an.ID}})
			attended(t, "5/member=1")
		})
	})
}

func TestHeadcountBound(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		w := newCampaignWorld(t, db)
		plan := w.create(t, db, w.newCampaign("Học tập Nghị quyết 35"))
		conf := w.conference(t, db, plan.ID, 2, personTestNow.Add(time.Hour), 2, 4)
		conf.BridgePoints[0].Place, conf.BridgePoints[0].Expected = "Hội trường phường", map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 50}
		if err := db.UpdateConference(sysadminCtx(), conf); err != nil {
			t.Fatal(err)
		}
		ward, cell := roleCtx(tuyengiao.RoleEditor, 2, w.ward2), roleCtx(tuyengiao.RoleEditor, 4, w.cell4)
		counted := func(id int64) int64 {
			t.Helper()
			got, err := db.FindConferenceByID(sysadminCtx(), conf.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range got.BridgePoints {
				if b.ID == id {
					return b.Counted[tuyengiao.CategoryMasses]
				}
			}
			t.Fatalf("no bridge point %d", id)
			return 0
		}

		t.Run("a headcount of 1.000.000 where 50 were expected is refused naming the point and the audience", func(t *testing.T) {
			hall := conf.BridgePoints[0].ID
			if err := db.RecordHeadcount(ward, hall, map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 60}); err != nil {
				t.Fatal(err)
			}
			err := db.RecordHeadcount(ward, hall, map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 1_000_000})
			e := docField(t, err, "counted")
			for _, want := range []string{"Hội trường phường", "Quần chúng", "1.000.000", "50"} {
				if !strings.Contains(vn.Message(e), want) {
					t.Errorf("%q does not say %q", vn.Message(e), want)
				}
			}
			if n := counted(hall); n != 60 {
				t.Fatalf("counted %d after the refusal, want 60", n)
			}
		})

		t.Run("a point without an expected number takes up to the fixed bound", func(t *testing.T) {
			point := conf.BridgePoints[1].ID
			if err := db.RecordHeadcount(cell, point, map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: tuyengiao.MaxUnexpectedHeadcount}); err != nil {
				t.Fatal(err)
			}
			docField(t, db.RecordHeadcount(cell, point, map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: tuyengiao.MaxUnexpectedHeadcount + 1}), "counted")
		})

		t.Run("lowering the expected number below a fifth of the stored headcount is refused naming the point and the audience", func(t *testing.T) {
			hall := conf.BridgePoints[0].ID
			if err := db.RecordHeadcount(ward, hall, map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 250}); err != nil {
				t.Fatal(err)
			}
			got, err := db.FindConferenceByID(sysadminCtx(), conf.ID)
			if err != nil {
				t.Fatal(err)
			}
			lowered := *got
			lowered.BridgePoints = slices.Clone(got.BridgePoints)
			for i := range lowered.BridgePoints {
				lowered.BridgePoints[i].Counted = nil // as the API sends it: the headcount is kept
			}
			lowered.BridgePoints[0].Expected = map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 1}
			e := docField(t, db.UpdateConference(sysadminCtx(), &lowered), "bridge_points")
			for _, want := range []string{"Hội trường phường", "Quần chúng", "250", "5 lần"} {
				if !strings.Contains(vn.Message(e), want) {
					t.Errorf("%q does not say %q", vn.Message(e), want)
				}
			}
			again, err := db.FindConferenceByID(sysadminCtx(), conf.ID)
			if err != nil {
				t.Fatal(err)
			}
			if n := again.BridgePoints[0].Expected[tuyengiao.CategoryMasses]; n != 50 {
				t.Errorf("expected %d after the refusal, want 50", n)
			}
			lowered.BridgePoints[0].Expected[tuyengiao.CategoryMasses] = 50
			if err := db.UpdateConference(sysadminCtx(), &lowered); err != nil {
				t.Errorf("keeping 50 expected: %v", err)
			}
		})

		t.Run("a conference whose counted numbers go beyond those expected is refused", func(t *testing.T) {
			c := &tuyengiao.Conference{CampaignID: plan.ID, UnitID: 2, Title: "Hội nghị", StartsAt: personTestNow, EndsAt: personTestNow.Add(time.Hour),
				Form: tuyengiao.FormInPerson, BridgePoints: []tuyengiao.BridgePoint{{UnitID: 2, Expected: map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 10},
					Counted: map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 51}}}}
			if e := docField(t, db.CreateConference(sysadminCtx(), c), "bridge_points"); !strings.Contains(vn.Message(e), "dòng 1") {
				t.Errorf("%q does not name the line", vn.Message(e))
			}
		})
	})
}

func TestCampaignCounts(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		w := newCampaignWorld(t, db)
		plan := w.create(t, db, w.newCampaign("Học tập Nghị quyết 35"))
		an := createCategoryPerson(t, db, 4, "Nguyễn Thị An", tuyengiao.CategoryMember)
		binh := createCategoryPerson(t, db, 4, "Trần Văn Bình", tuyengiao.CategoryMember)
		createCategoryPerson(t, db, 4, "Lê Văn Quần", tuyengiao.CategoryMasses)
		createCategoryPerson(t, db, 5, "Đỗ Văn Dũng", tuyengiao.CategoryMember)
		wardMember := createCategoryPerson(t, db, 2, "Hà Văn Phường", tuyengiao.CategoryMember)
		held := w.conference(t, db, plan.ID, 2, personTestNow.Add(-48*time.Hour), 2, 4)
		held.BridgePoints[0].Expected = map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 50}
		held.BridgePoints[1].Expected = map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 30}
		if err := db.UpdateConference(sysadminCtx(), held); err != nil {
			t.Fatal(err)
		}
		if err := db.RecordHeadcount(roleCtx(tuyengiao.RoleEditor, 4, w.cell4), held.BridgePoints[1].ID,
			map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 25}); err != nil {
			t.Fatal(err)
		}
		again := w.conference(t, db, plan.ID, 2, personTestNow.Add(-24*time.Hour))
		planned := w.conference(t, db, plan.ID, 3, personTestNow.Add(48*time.Hour), 5)
		planned.BridgePoints[0].Expected = map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 20}
		if err := db.UpdateConference(sysadminCtx(), planned); err != nil {
			t.Fatal(err)
		}
		ward := roleCtx(tuyengiao.RoleEditor, 2, w.ward2)
		for conf, people := range map[int64][]int64{held.ID: {an.ID, wardMember.ID}, again.ID: {an.ID, binh.ID}} {
			mark(t, db, ward, conf, 2, tuyengiao.RosterChange{Present: people})
		}

		t.Run("counts roll up per unit: attended, people, expected, counted", func(t *testing.T) {
			c, err := db.CampaignCounts(roleCtx(tuyengiao.RoleMember, 1, w.city), plan.ID, 1)
			if err != nil {
				t.Fatal(err)
			}
			for name, got := range map[string][2]string{
				"attended":    {countsText(c.Attended), "2/member=1 4/member=2"},
				"attendances": {countsText(c.Attendances), "2/member=1 4/member=3"}, // An at both conferences
				"people":      {countsText(c.People), "2/member=1 4/masses=1 4/member=2 5/member=1"},
				"expected":    {countsText(c.Expected), "2/masses=50 4/masses=30 5/masses=20"},
				"counted":     {countsText(c.Counted), "4/masses=25"},
				"conferences": {countsText(c.Conferences), "2/=2 3/=1"},
				"as of":       {c.AsOf.Format(time.DateOnly), "2025-06-15"},
			} {
				if got[0] != got[1] {
					t.Errorf("%s: %s, want %s", name, got[0], got[1])
				}
			}
		})

		t.Run("a conference counts each record at the deepest bridge point above the person, and all of them in its total", func(t *testing.T) {
			f, err := db.FindConferenceByID(sysadminCtx(), held.ID)
			if err != nil {
				t.Fatal(err)
			}
			m := tuyengiao.CategoryMember
			// Hà Văn Phường of the ward at the ward's point, An of cell 4 at the cell's, not the ward's.
			if f.BridgePoints[0].UnitID != 2 || f.BridgePoints[0].Attended.Roster[m] != 1 || f.BridgePoints[1].Attended.Roster[m] != 1 ||
				f.Attended.Roster[m] != 2 || f.Attended.CheckIn[m] != 0 {
				t.Errorf("held: points %+v, total %+v", f.BridgePoints, f.Attended)
			}
			member := tuyengiao.CampaignAudience{Category: m}
			if f.BridgePoints[1].Present(member) != 1 || f.BridgePoints[1].Present(tuyengiao.CampaignAudience{Category: tuyengiao.CategoryMasses, Headcount: true}) != 25 {
				t.Errorf("present at cell 4: %+v", f.BridgePoints[1])
			}
			// A conference without bridge points still has its total.
			if f, err := db.FindConferenceByID(sysadminCtx(), again.ID); err != nil || f.Attended.Roster[m] != 2 {
				t.Errorf("again: %+v, %v", f, err)
			}
		})

		t.Run("units that have not organised yet", func(t *testing.T) {
			c, err := db.CampaignCounts(sysadminCtx(), plan.ID, 1)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(c.Required, []int64{2, 3}) || !slices.Equal(c.Organised, []int64{2}) {
				t.Fatalf("required %v, organised %v: ward 3's conference has not started", c.Required, c.Organised)
			}
			db.Now = func() time.Time { return planned.StartsAt }
			defer func() { db.Now = func() time.Time { return personTestNow } }()
			if c, _ := db.CampaignCounts(sysadminCtx(), plan.ID, 1); !slices.Equal(c.Organised, []int64{2, 3}) {
				t.Fatalf("organised once it starts: %v", c.Organised)
			}
		})

		t.Run("a cell sees its own figures, and a unit outside the campaign none", func(t *testing.T) {
			c, err := db.CampaignCounts(roleCtx(tuyengiao.RoleViewer, 4, w.cell4), plan.ID, 4)
			if err != nil {
				t.Fatal(err)
			}
			if countsText(c.Attended) != "4/member=2" || countsText(c.Expected) != "4/masses=30" || len(c.Required) != 0 {
				t.Fatalf("cell 4: %+v", c)
			}
			c, err = db.CampaignCounts(sysadminCtx(), plan.ID, 9)
			if err != nil || len(c.People)+len(c.Attended)+len(c.Conferences) != 0 {
				t.Fatalf("another city: %+v, %v", c, err)
			}
			if _, err := db.CampaignCounts(roleCtx(tuyengiao.RoleViewer, 5, w.cell5), plan.ID, 4); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("another cell's figures: %v", err)
			}
		})

		t.Run("people of an ended campaign are counted on its last day", func(t *testing.T) {
			past := w.newCampaign("Đợt đã kết thúc")
			past.StartOn, past.EndOn = personDate(t, "2025-01-01"), personDate(t, "2025-01-31")
			w.create(t, db, past)
			late := createCategoryPerson(t, db, 5, "Người Đến Sau", tuyengiao.CategoryMember)
			if _, err := db.ChangePersonStatus(sysadminCtx(), late.ID, tuyengiao.StatusMovedOut, personDate(t, "2025-06-01")); err != nil {
				t.Fatal(err)
			}
			c, err := db.CampaignCounts(sysadminCtx(), past.ID, 5)
			if err != nil {
				t.Fatal(err)
			}
			if c.AsOf.Format(time.DateOnly) != "2025-01-31" || countsText(c.People) != "5/member=2" {
				t.Fatalf("as of %s: %s", c.AsOf.Format(time.DateOnly), countsText(c.People))
			}
		})
	})
}

// BenchmarkCampaignCounts reads the figures of a city's campaign in a city of 70 wards (see
// benchCity: 8.000 people, or TUYENGIAO_BENCH_PEOPLE), each ward holding a conference with
// a bridge point, three in four party members having attended; and the list of those who
// have not.
func BenchmarkCampaignCounts(b *testing.B) {
	size := 8_000
	if s := os.Getenv("TUYENGIAO_BENCH_PEOPLE"); s != "" {
		var err error
		if size, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	benchEngines(b, func(b *testing.B, db *DB) {
		benchCity(b, db, size)
		ctx := sysadminCtx()
		c := &tuyengiao.Campaign{UnitID: 1, Title: "Học tập Nghị quyết", StartOn: personDate(b, "2025-01-01"),
			EndOn: personDate(b, "2025-12-31"), Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember, Target: 95},
				{Category: tuyengiao.CategoryProbation}, {Category: tuyengiao.CategoryMasses, Headcount: true}}}
		for ward := int64(2); ward < 72; ward++ {
			c.UnitIDs = append(c.UnitIDs, ward)
		}
		if err := db.CreateCampaign(ctx, c); err != nil {
			b.Fatal(err)
		}
		for _, ward := range c.UnitIDs {
			starts := time.Date(2025, 3, 1, 1, 0, 0, 0, time.UTC)
			f := &tuyengiao.Conference{CampaignID: c.ID, UnitID: ward, Title: "Hội nghị", StartsAt: starts, EndsAt: starts.Add(time.Hour),
				Form: tuyengiao.FormInPerson, BridgePoints: []tuyengiao.BridgePoint{{UnitID: ward,
					Expected: map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 100}, Counted: map[tuyengiao.Category]int64{tuyengiao.CategoryMasses: 90}}}}
			if err := db.CreateConference(ctx, f); err != nil {
				b.Fatal(err)
			}
		}
		_, err := db.write.Exec(db.rebind(`INSERT INTO campaign_attendees (campaign_id, person_id, unit_id, category, first_at)
			SELECT ?, id, unit_id, category, ? FROM people WHERE id % 20 <> 2 AND category IN ('member', 'probation')`), c.ID, time.Now().UTC())
		if err != nil {
			b.Fatal(err)
		}
		// The attendees written here bypass insertAttendance, which keeps their counts.
		for _, q := range []string{`DELETE FROM campaign_counts`, rebuildCampaignCountsSQL, `ANALYZE`} {
			if _, err := db.write.Exec(q); err != nil {
				b.Fatal(err)
			}
		}
		b.Run("counts", func(b *testing.B) {
			for b.Loop() {
				if _, err := db.CampaignCounts(ctx, c.ID, 1); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("not attended", func(b *testing.B) {
			for b.Loop() {
				if _, _, err := db.NotAttended(ctx, c.ID, 1, "", 0, 50); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// BenchmarkRosterSave saves a change of ten rows (five present, five absent) at the top of a
// city of 8.000 people whose members were all marked present: the work is that of the rows
// named, not of the 7.600 records below; saves 2.000 rows unticked, then ticked again, as
// a ward's whole roster; and reads the city's whole roster.
func BenchmarkRosterSave(b *testing.B) {
	benchEngines(b, func(b *testing.B, db *DB) {
		benchCity(b, db, 8_000)
		ctx := sysadminCtx()
		c := &tuyengiao.Campaign{UnitID: 1, Title: "Học tập Nghị quyết", StartOn: personDate(b, "2025-01-01"), EndOn: personDate(b, "2030-12-31"),
			Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember}, {Category: tuyengiao.CategoryProbation}}}
		if err := db.CreateCampaign(ctx, c); err != nil {
			b.Fatal(err)
		}
		starts := time.Now().UTC().Truncate(time.Hour)
		f := &tuyengiao.Conference{CampaignID: c.ID, UnitID: 1, Title: "Hội nghị", StartsAt: starts, EndsAt: starts.Add(time.Hour), Form: tuyengiao.FormInPerson}
		if err := db.CreateConference(ctx, f); err != nil {
			b.Fatal(err)
		}
		roster, err := db.Roster(ctx, f.ID, 1)
		if err != nil {
			b.Fatal(err)
		}
		var all []int64
		for _, e := range roster.Entries {
			all = append(all, e.PersonID)
		}
		if _, err := db.MarkAttendance(ctx, f.ID, 1, tuyengiao.RosterChange{Present: all}); err != nil {
			b.Fatal(err)
		}
		b.Run("save ten rows", func(b *testing.B) {
			i := 0
			for b.Loop() {
				at := i % (len(all) - 10)
				off, on := all[at:at+5], all[at+5:at+10]
				_, err := db.MarkAttendance(ctx, f.ID, 1, tuyengiao.RosterChange{OpenedAt: db.instant(), Present: on, Absent: off})
				if err != nil {
					b.Fatal(err)
				}
				i += 5
			}
		})
		b.Run("untick and tick again 2.000 rows", func(b *testing.B) {
			ward := all[:2000]
			if _, err := db.MarkAttendance(ctx, f.ID, 1, tuyengiao.RosterChange{Present: ward}); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				saved, err := db.MarkAttendance(ctx, f.ID, 1, tuyengiao.RosterChange{OpenedAt: db.instant(), Absent: ward})
				if err != nil || saved.Removed != len(ward) {
					b.Fatalf("removed %+v, %v", saved, err)
				}
				if saved, err = db.MarkAttendance(ctx, f.ID, 1, tuyengiao.RosterChange{Present: ward}); err != nil || saved.Added != len(ward) {
					b.Fatalf("added %+v, %v", saved, err)
				}
			}
		})
		b.Run("read the city's roster", func(b *testing.B) {
			for b.Loop() {
				if _, err := db.Roster(ctx, f.ID, 1); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// TestNotAttendedOfEndedCampaign checks that the list of who has not attended an ended
// campaign holds the people its dashboard counts, those on the register on its last day.
func TestNotAttendedOfEndedCampaign(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		w := newCampaignWorld(t, db)
		c := w.newCampaign("Học tập Nghị quyết 35")
		c.StartOn, c.EndOn = personDate(t, "2025-05-01"), personDate(t, "2025-06-04") // ended 10 days ago
		plan := w.create(t, db, c)
		long := &tuyengiao.Person{UnitID: 4, FullName: "Nguyễn Thị An", Category: tuyengiao.CategoryMember, StatusDate: personDate(t, "2025-03-14")}
		added := &tuyengiao.Person{UnitID: 4, FullName: "Trần Văn Mới", Category: tuyengiao.CategoryMember, StatusDate: personDate(t, "2025-06-14")}
		for _, p := range []*tuyengiao.Person{long, added} {
			if err := db.CreatePerson(sysadminCtx(), p); err != nil {
				t.Fatal(err)
			}
		}
		viewer := roleCtx(tuyengiao.RoleViewer, 1, w.city)
		counts, err := db.CampaignCounts(viewer, plan.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got := countsText(counts.Attended) + " " + countsText(counts.People); got != " 4/member=1" {
			t.Errorf("dashboard: attended and people %q, want 0/1", got)
		}
		people, total, err := db.NotAttended(viewer, plan.ID, 1, "", 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if total != 1 || len(people) != 1 || people[0].ID != long.ID {
			t.Errorf("not attended: %d %v, want only %s", total, people, long.FullName)
		}
		if n, err := db.NotAttendedCount(viewer, plan.ID, 1); err != nil || n != 1 {
			t.Errorf("not attended count: %d %v, want 1", n, err)
		}
	})
}
