package tuyengiao

import "testing"

func TestMeetings(t *testing.T) {
	good := RecordValues{"day": day(2021, 8, 12), "kind": "conference", "form": "combined",
		"subject": "Triển khai các biện pháp phòng, chống dịch COVID-19", "hosted": true,
		"bridge_points": int64(16), "participants": int64(420)}
	testRecordKind(t, Meetings, good, []recordCase{
		{name: "a briefing the unit attends", change: RecordValues{"kind": "briefing", "form": "in_person", "hosted": nil,
			"bridge_points": nil}, want: RecordValues{"hosted": false}},
		{name: "refuses a form that is none", change: RecordValues{"form": "radio"}, field: "form"},
		{name: "refuses a meeting without a kind", change: RecordValues{"kind": ""}, field: "kind"},
		{name: "refuses hosted as text", change: RecordValues{"hosted": "có"}, field: "hosted"},
		{name: "refuses a field the kind has not", change: RecordValues{"minutes": "…"}, field: "minutes"},
	})
}
