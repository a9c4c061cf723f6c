package tuyengiao

import "testing"

func TestTrainingClasses(t *testing.T) {
	good := RecordValues{"from_day": day(2022, 3, 7), "to_day": day(2022, 3, 11),
		"name": "Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa 12", "course": "new_members",
		"place": "Trung tâm Chính trị quận", "learners": int64(85), "learners_probation": int64(85)}
	testRecordKind(t, TrainingClasses, good, []recordCase{
		{name: "a one-day class ends on its first day", change: RecordValues{"to_day": nil},
			want: RecordValues{"to_day": day(2022, 3, 7)}},
		{name: "learners left blank are the sum of the audiences", change: RecordValues{"learners": int64(0)},
			want: RecordValues{"learners": int64(85)}},
		{name: "refuses an end before the start", change: RecordValues{"to_day": day(2022, 3, 6)}, field: "to_day"},
		{name: "refuses a class without a start", change: RecordValues{"from_day": nil}, field: "from_day"},
		{name: "refuses a course that is none", change: RecordValues{"course": "cooking"}, field: "course"},
		{name: "refuses learners by audience above the total", change: RecordValues{"learners": int64(84)}, field: "learners"},
	})
}

func TestCellMeetings(t *testing.T) {
	good := RecordValues{"day": day(2020, 6, 3), "topic": "Chuyên đề năm 2020 về Chỉ thị 05-CT/TW",
		"document": "05-CT/TW", "attendees": int64(23)}
	testRecordKind(t, CellMeetings, good, []recordCase{
		{name: "a meeting without a count of attendees", change: RecordValues{"attendees": nil}},
		{name: "refuses a meeting without a theme", change: RecordValues{"topic": nil}, field: "topic"},
		{name: "refuses a theme of two lines", change: RecordValues{"topic": "Chuyên đề\nnăm 2020"}, field: "topic"},
		{name: "refuses attendees as text", change: RecordValues{"attendees": "23"}, field: "attendees"},
	})
}
