package tuyengiao

import "testing"

func TestWorkTasks(t *testing.T) {
	good := RecordValues{"title": "Tổ chức hội nghị học tập Nghị quyết Đại hội", "area": "study", "lead": "Phòng Tuyên truyền",
		"deadline": day(2026, 6, 30), "status": "in_progress", "task_group": int64(12)}
	testRecordKind(t, WorkTasks, good, []recordCase{
		{name: "a task done on its day", change: RecordValues{"status": "done", "done_day": day(2026, 6, 12)}},
		{name: "a task with no stage is not started", change: RecordValues{"status": nil}, want: RecordValues{"status": "not_started"}},
		{name: "refuses a task done without its day", change: RecordValues{"status": "done"}, field: "done_day"},
		{name: "refuses a day done of a task not done", change: RecordValues{"done_day": day(2026, 6, 12)}, field: "done_day"},
		{name: "refuses a task without a deadline", change: RecordValues{"deadline": nil}, field: "deadline"},
		{name: "refuses a group named by a negative number", change: RecordValues{"task_group": int64(-1)}, field: "task_group"},
	})
}

// TestWorkTaskOverdue checks the state derived as of a day: a task not done is overdue the
// day after its deadline, never before, and a task done or cancelled never is.
func TestWorkTaskOverdue(t *testing.T) {
	for _, tc := range []struct {
		status string
		today  Date
		want   string
	}{
		{"in_progress", day(2026, 6, 30), "in_progress"},
		{"in_progress", day(2026, 7, 1), "overdue"},
		{"not_started", day(2026, 7, 1), "overdue"},
		{"done", day(2027, 1, 1), "done"},
		{"cancelled", day(2027, 1, 1), "cancelled"},
	} {
		v := RecordValues{"status": tc.status, "deadline": day(2026, 6, 30)}
		if got := WorkTasks.State(v, tc.today); got != tc.want {
			t.Errorf("%s on %s: %s, want %s", tc.status, tc.today, got, tc.want)
		}
	}
	f := RecordFilter{Match: map[string][]string{}, To: day(2026, 12, 31)}
	WorkTasks.View("overdue").Narrow(&f, day(2026, 7, 1))
	if f.To != day(2026, 6, 30) || len(f.Match["status"]) != 2 {
		t.Errorf("overdue on 1 July: %+v", f)
	}
}
