package sqldb

import (
	"slices"
	"strconv"
	"testing"

	"tuyengiao"
)

// task returns a task of the work programme of unit u, due on deadline ("2006-01-02").
func task(t *testing.T, u *tuyengiao.Unit, title, deadline, status, doneDay string, group int64) *tuyengiao.Record {
	v := tuyengiao.RecordValues{"title": title, "area": "propaganda", "deadline": personDate(t, deadline), "status": status,
		"task_group": group}
	if doneDay != "" {
		v["done_day"] = personDate(t, doneDay)
	}
	return &tuyengiao.Record{UnitID: u.ID, Values: v}
}

func (c *recordCity) addTask(t *testing.T, r *tuyengiao.Record) *tuyengiao.Record {
	t.Helper()
	if err := c.store.CreateRecord(sysadminCtx(), tuyengiao.WorkTasks, r); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestWorkTaskRefs checks the records a ref field names: a group of the same unit, one
// level deep, a task handed down from a unit above, named by their titles when read, and
// never deleted while named.
func TestWorkTaskRefs(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		c := newRecordCity(t, db)
		k, admin := tuyengiao.WorkTasks, sysadminCtx()
		group := c.addTask(t, task(t, c.q1, "Nhóm nhiệm vụ tuyên truyền", "2026-06-30", "in_progress", "", 0))
		member := c.addTask(t, task(t, c.q1, "Tuyên truyền kỷ niệm ngày thành lập Đảng", "2026-02-03", "done", "2026-02-03", group.ID))
		if member.Names["task_group"] != "Nhóm nhiệm vụ tuyên truyền" {
			t.Errorf("the group named %q", member.Names["task_group"])
		}
		refused := map[string]*tuyengiao.Record{
			"a group of another unit":   task(t, c.q2, "Việc", "2026-06-30", "", "", group.ID),
			"a group that is in one":    task(t, c.q1, "Việc", "2026-06-30", "", "", member.ID),
			"a group that is not there": task(t, c.q1, "Việc", "2026-06-30", "", "", 99999),
		}
		for name, r := range refused {
			err := c.store.CreateRecord(admin, k, r)
			if e := tuyengiao.UserError(err); e.Code != tuyengiao.EINVALID || e.Field != "task_group" {
				t.Errorf("%s: %v", name, err)
			}
		}
		group.Values["task_group"] = member.ID // a group put into a group of its own member
		if err := c.store.UpdateRecord(admin, k, group); tuyengiao.UserError(err).Field != "task_group" {
			t.Errorf("a group with tasks put in a group: %v", err)
		}
		group.Values["task_group"] = int64(0)

		handed := task(t, c.p1, "Tuyên truyền kỷ niệm ngày thành lập Đảng", "2026-02-03", "not_started", "", 0)
		handed.Values["handed_from"] = member.ID
		c.addTask(t, handed)
		below := task(t, c.q1, "Việc", "2026-06-30", "", "", 0)
		below.Values["handed_from"] = c.addTask(t, task(t, c.p2, "Việc của phường", "2026-06-30", "", "", 0)).ID
		if err := c.store.CreateRecord(admin, k, below); tuyengiao.UserError(err).Field != "handed_from" {
			t.Errorf("a task handed down from a unit below: %v", err)
		}

		wardEditor := roleCtx(tuyengiao.RoleEditor, c.p2.ID, c.p2.Path)
		claimed := task(t, c.p2, "Việc nhận về", "2026-06-30", "", "", 0)
		claimed.Values["handed_from"] = member.ID
		if err := c.store.CreateRecord(wardEditor, k, claimed); tuyengiao.UserError(err).Field != "handed_from" {
			t.Errorf("a ward's editor claims a task of the district as handed down: %v", err)
		}
		handed.Values["status"], handed.Values["done_day"] = "done", personDate(t, "2026-02-03")
		if err := c.store.UpdateRecord(roleCtx(tuyengiao.RoleEditor, c.p1.ID, c.p1.Path), k, handed); err != nil {
			t.Errorf("the ward's editor marks the task handed down done: %v", err)
		}
		moved := *member
		moved.UnitID = c.q2.ID
		if err := c.store.UpdateRecord(admin, k, &moved); tuyengiao.UserError(err).Field != "unit_id" {
			t.Errorf("a task others name moved to another district: %v", err)
		}

		err := c.store.DeleteRecord(admin, k, member.ID, member.Version)
		if e := tuyengiao.UserError(err); e.Code != tuyengiao.ECONFLICT {
			t.Errorf("a task handed down deleted: %v", err)
		}
		rs, _, err := c.store.FindRecords(admin, k, tuyengiao.RecordFilter{UnitID: c.q1.ID,
			Match: map[string][]string{"task_group": {"none"}}})
		if err != nil || len(rs) != 3 || slices.ContainsFunc(rs, func(r *tuyengiao.Record) bool { return r.ID == member.ID }) {
			t.Errorf("the tasks of Q1 and below in no group: %d, %v", len(rs), err)
		}
		rs, _, err = c.store.FindRecords(admin, k, tuyengiao.RecordFilter{Match: map[string][]string{"handed_from": {"1", "x"}}})
		if e := tuyengiao.UserError(err); e.Field != "handed_from" {
			t.Errorf("a ref matched by a word: %v, %v", rs, err)
		}
	})
}

// TestWorkTaskFigures checks the completion of the programmes as of each period's end,
// rolled up, and the state and views derived as of today (5 April 2026).
func TestWorkTaskFigures(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		c := newRecordCity(t, db)
		group := c.addTask(t, task(t, c.q1, "Nhóm", "2026-03-31", "done", "2026-03-31", 0))
		c.addTask(t, task(t, c.q1, "Trong nhóm", "2026-02-28", "not_started", "", group.ID)) // counted with its group
		c.addTask(t, task(t, c.p1, "Xong trong quý", "2026-03-15", "done", "2026-03-10", 0))
		c.addTask(t, task(t, c.p1, "Xong sau quý", "2026-03-20", "done", "2026-04-02", 0))
		c.addTask(t, task(t, c.p3, "Quá hạn", "2026-03-25", "in_progress", "", 0))
		c.addTask(t, task(t, c.p3, "Không thực hiện", "2026-03-25", "cancelled", "", 0))
		c.addTask(t, task(t, c.p3, "Tháng sau", "2026-04-25", "not_started", "", 0))

		tb, err := c.figs.Figures(sysadminCtx(), tuyengiao.FigureQuery{Codes: []string{"programme.completion", "programme.done",
			"programme.due"}, UnitID: c.city.ID, Depth: 1, Periods: []tuyengiao.Period{tuyengiao.QuarterPeriod(2026, 1)}})
		if err != nil {
			t.Fatal(err)
		}
		var got [][3]int64 // city, Q1, Q2: done, due, and the ratio's numerator over its base
		for u := range tb.Units {
			ratio := tb.Value(u, 0, 0)
			got = append(got, [3]int64{tb.Value(u, 1, 0).Num, tb.Value(u, 2, 0).Num, ratio.Num*100 + ratio.Den})
		}
		if want := [][3]int64{{2, 4, 204}, {2, 3, 203}, {0, 1, 1}}; !slices.Equal(got, want) {
			t.Errorf("first quarter (done, due, ratio): %v, want %v", got, want)
		}

		by, err := c.store.CountRecords(sysadminCtx(), tuyengiao.WorkTasks, tuyengiao.RecordFilter{UnitID: c.p1.ID},
			tuyengiao.QuarterPeriod(2026, 1), "area")
		if want := []tuyengiao.Value{{Num: 2}, {Num: 1}, {Num: 1, Den: 2}, {}}; err != nil || len(by) != 1 || !slices.Equal(by["propaganda"], want) {
			t.Errorf("P1's first quarter by field (due, done, completion, ad hoc): %v, %v", by, err)
		}

		none, err := c.store.CountRecords(sysadminCtx(), tuyengiao.WorkTasks, tuyengiao.RecordFilter{UnitID: c.p2.ID, View: "overdue"},
			tuyengiao.QuarterPeriod(2026, 1), "")
		if err != nil || len(none[""]) != len(tuyengiao.WorkTasks.Indicators) || none[""][0] != (tuyengiao.Value{}) {
			t.Errorf("P2's overdue tasks, none: %v, %v", none, err)
		}

		rs, _, err := c.store.FindRecords(sysadminCtx(), tuyengiao.WorkTasks, tuyengiao.RecordFilter{View: "overdue"})
		if err != nil || len(rs) != 2 || rs[0].State != "overdue" || rs[1].State != "overdue" {
			t.Errorf("overdue on 5 April: %v, %v", rs, err)
		}
		rs, _, err = c.store.FindRecords(sysadminCtx(), tuyengiao.WorkTasks, tuyengiao.RecordFilter{View: "due-this-month"})
		if err != nil || len(rs) != 1 || rs[0].Values.Text("title") != "Tháng sau" || rs[0].State != "not_started" {
			t.Errorf("due in April: %v, %v", rs, err)
		}
	})
}

// TestLecturerRoster checks the roster: a person of the register linked only where the
// editor may see people, the lecturers and propagandists counted as on the roster at a
// period's end, and a lecturer's sessions summed by those that name them.
func TestLecturerRoster(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		c := newRecordCity(t, db)
		k, admin := tuyengiao.Lecturers, sysadminCtx()
		lecturer := func(u *tuyengiao.Unit, name, role, from, until string, person int64) *tuyengiao.Record {
			v := tuyengiao.RecordValues{"full_name": name, "role": role, "from_day": personDate(t, from), "person": person}
			if until != "" {
				v["until_day"] = personDate(t, until)
			}
			r := &tuyengiao.Record{UnitID: u.ID, Values: v}
			if err := c.store.CreateRecord(admin, k, r); err != nil {
				t.Fatal(err)
			}
			return r
		}
		member := createCategoryPerson(t, db, c.p3.ID, "Trần Thị Hoa", tuyengiao.CategoryMember)
		hoa := lecturer(c.q1, "Trần Thị Hoa", "lecturer_district", "2025-03-01", "", 0)
		lecturer(c.p1, "Lê Văn Nam", "propagandist", "2025-06-01", "2026-02-15", 0)
		lecturer(c.p2, "Phạm Minh", "propagandist", "2026-03-20", "", 0)

		editor := roleCtx(tuyengiao.RoleEditor, c.q1.ID, c.q1.Path)
		r := &tuyengiao.Record{UnitID: c.q1.ID, Values: tuyengiao.RecordValues{"full_name": "Trần Thị Hoa", "role": "lecturer_district",
			"from_day": personDate(t, "2025-03-01"), "person": member.ID}}
		if err := c.store.CreateRecord(editor, k, r); tuyengiao.UserError(err).Field != "person" {
			t.Errorf("a person of another district linked: %v", err)
		}
		hoa.Values["person"] = member.ID
		if err := c.store.UpdateRecord(admin, k, hoa); err != nil {
			t.Fatal(err)
		}

		count := func(p tuyengiao.Period) [2]int64 {
			tb, err := c.figs.Figures(admin, tuyengiao.FigureQuery{Codes: []string{"outreach.lecturers", "outreach.propagandists"},
				UnitID: c.city.ID, Periods: []tuyengiao.Period{p}})
			if err != nil {
				t.Fatal(err)
			}
			return [2]int64{tb.Value(0, 0, 0).Num, tb.Value(0, 1, 0).Num}
		}
		if got := count(tuyengiao.YearPeriod(2025)); got != [2]int64{1, 1} {
			t.Errorf("on the roster at the end of 2025 (lecturers, propagandists): %v", got)
		}
		if got := count(tuyengiao.QuarterPeriod(2026, 1)); got != [2]int64{1, 1} {
			t.Errorf("at the end of March 2026, one left and one came: %v", got)
		}

		for _, listeners := range []int64{120, 80} {
			s := &tuyengiao.Record{UnitID: c.p1.ID, Values: tuyengiao.RecordValues{"day": personDate(t, "2026-03-02"),
				"topic": "Nghị quyết Đại hội", "speaker_role": "lecturer_district", "form": "oral", "listeners": listeners,
				"speaker_id": hoa.ID}}
			if err := c.store.CreateRecord(admin, tuyengiao.OutreachSessions, s); err != nil {
				t.Fatal(err)
			}
		}
		f := tuyengiao.RecordFilter{Match: map[string][]string{"speaker_id": {strconv.FormatInt(hoa.ID, 10)}}}
		sums, err := c.store.SumRecords(admin, tuyengiao.OutreachSessions, f)
		if err != nil || sums["listeners"] != 200 {
			t.Errorf("the listeners of her sessions: %v, %v", sums, err)
		}
		if err := c.store.DeleteRecord(admin, k, hoa.ID, hoa.Version); tuyengiao.ErrorCode(err) != tuyengiao.ECONFLICT {
			t.Errorf("a lecturer with sessions deleted: %v", err)
		}
	})
}

// TestMeetingsCountOnce checks that a conference of the city its districts attend counts
// once up the tree, where it was held, and their attending apart.
func TestMeetingsCountOnce(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		c := newRecordCity(t, db)
		for _, at := range []struct {
			u    *tuyengiao.Unit
			held bool
		}{{c.city, true}, {c.q1, false}, {c.q2, false}} {
			r := &tuyengiao.Record{UnitID: at.u.ID, Values: tuyengiao.RecordValues{"day": personDate(t, "2026-03-10"),
				"kind": "conference", "form": "online", "subject": "Hội nghị báo cáo viên tháng 3", "hosted": at.held,
				"participants": int64(40)}}
			if err := c.store.CreateRecord(sysadminCtx(), tuyengiao.Meetings, r); err != nil {
				t.Fatal(err)
			}
		}
		tb, err := c.figs.Figures(sysadminCtx(), tuyengiao.FigureQuery{Codes: []string{"meetings.count", "meetings.online",
			"meetings.participants", "meetings.attended"}, UnitID: c.city.ID, Periods: []tuyengiao.Period{tuyengiao.MonthPeriod(2026, 3)}})
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for i := range tb.Indicators {
			got = append(got, tb.Value(0, i, 0).Num)
		}
		if want := []int64{1, 1, 40, 2}; !slices.Equal(got, want) {
			t.Errorf("the city's meetings, online, participants, attended: %v, want %v", got, want)
		}
	})
}
