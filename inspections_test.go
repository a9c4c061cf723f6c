package tuyengiao

import "testing"

func TestInspections(t *testing.T) {
	good := RecordValues{"kind": "supervision", "from_day": day(2020, 4, 2), "subject": "Việc thực hiện Chỉ thị 05-CT/TW",
		"document": "05-CT/TW", "units_inspected": int64(2), "unit_names": "Đảng bộ phường 1\nĐảng bộ phường 3",
		"findings": "Đã xây dựng kế hoạch.", "conclusions": "Thực hiện nghiêm túc.",
		"recommendations": "Bổ sung mô hình điểm.", "follow_up": "in_progress"}
	testRecordKind(t, Inspections, good, []recordCase{
		{name: "a visit closed on the day of its end", change: RecordValues{"follow_up": "closed", "closed_day": day(2020, 9, 30)}},
		{name: "a visit closed on its first day", change: RecordValues{"follow_up": "closed", "closed_day": day(2020, 4, 2)}},
		{name: "refuses a visit covering no unit", change: RecordValues{"units_inspected": nil}, field: "units_inspected"},
		{name: "refuses a closed visit without its day", change: RecordValues{"follow_up": "closed"}, field: "closed_day"},
		{name: "refuses a closing day of an open visit", change: RecordValues{"closed_day": day(2020, 9, 30)}, field: "closed_day"},
		{name: "refuses a closing day before the visit", change: RecordValues{"follow_up": "closed", "closed_day": day(2020, 4, 1)},
			field: "closed_day"},
		{name: "refuses a visit without a kind", change: RecordValues{"kind": nil}, field: "kind"},
		{name: "refuses a visit without a follow-up", change: RecordValues{"follow_up": nil}, field: "follow_up"},
	})
}
