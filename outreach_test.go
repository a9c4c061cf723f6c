package tuyengiao

import "testing"

func TestOutreachSessions(t *testing.T) {
	good := RecordValues{"day": day(2022, 5, 19), "topic": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
		"document": "05-CT/TW", "speaker": "Hoàng Minh Thảo", "speaker_role": "lecturer_district", "form": "cell_meeting",
		"place": "Nhà văn hóa khối 5", "listeners": int64(60), "listeners_member": int64(40), "listeners_masses": int64(20)}
	testRecordKind(t, OutreachSessions, good, []recordCase{
		{name: "a collaborator speaks", change: RecordValues{"speaker_role": "collaborator", "speaker": nil}},
		{name: "listeners left blank are the sum of the audiences", change: RecordValues{"listeners": nil},
			want: RecordValues{"listeners": int64(60)}},
		{name: "refuses audiences above the total", change: RecordValues{"listeners_union": int64(1)}, field: "listeners"},
		{name: "refuses audiences above the largest value", change: RecordValues{"listeners": nil,
			"listeners_member": int64(MaxValue), "listeners_masses": int64(MaxValue)}, field: "listeners"},
		{name: "refuses a session without a day", change: RecordValues{"day": nil}, field: "day"},
		{name: "a session planned a term ahead", change: RecordValues{"day": day(2031, 12, 1)}},
		{name: "refuses a day from the last century", change: RecordValues{"day": day(1999, 12, 31)}, field: "day"},
		{name: "refuses a day beyond a term ahead", change: RecordValues{"day": day(2031, 12, 2)}, field: "day"},
		{name: "refuses a role that is none", change: RecordValues{"speaker_role": "commentator"}, field: "speaker_role"},
		{name: "refuses a session without a form", change: RecordValues{"form": nil}, field: "form"},
		{name: "refuses a session without a topic", change: RecordValues{"topic": " "}, field: "topic"},
		{name: "refuses a negative audience", change: RecordValues{"listeners_masses": int64(-1)}, field: "listeners_masses"},
	})
}
