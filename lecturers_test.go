package tuyengiao

import "testing"

func TestLecturers(t *testing.T) {
	good := RecordValues{"full_name": "Trần Thị Hoa", "role": "lecturer_district", "position": "Phó Trưởng ban Tuyên giáo Quận ủy",
		"theory": "advanced", "trained": true, "from_day": day(2024, 3, 1)}
	testRecordKind(t, Lecturers, good, []recordCase{
		{name: "a lecturer who left", change: RecordValues{"until_day": day(2026, 2, 15)}},
		{name: "refuses leaving before being recognised", change: RecordValues{"until_day": day(2024, 2, 1)}, field: "until_day"},
		{name: "refuses a roster entry without a role", change: RecordValues{"role": nil}, field: "role"},
	})
	on := RecordValues{"from_day": day(2024, 3, 1), "until_day": day(2026, 2, 15)}
	if Lecturers.State(on, day(2026, 2, 14)) != "active" || Lecturers.State(on, day(2026, 2, 15)) != "left" {
		t.Error("a lecturer is on the roster up to the day before leaving")
	}
}
