package tuyengiao

import "testing"

func TestCongressWorks(t *testing.T) {
	good := RecordValues{"name": "Nâng cấp hẻm 12 đường Trần Hưng Đạo", "occasion": "Đại hội Đảng bộ thành phố lần thứ XIV",
		"category": "work", "day": day(2020, 3, 2), "value": int64(626_000_000_000), "funding": "both", "status": "completed"}
	testRecordKind(t, CongressWorks, good, []recordCase{
		{name: "a task without a value nor funding", change: RecordValues{"category": "task", "value": nil, "funding": nil}},
		{name: "keeps a value of thousands of billions exactly", change: RecordValues{"value": int64(626_123_456_789_012)},
			want: RecordValues{"value": int64(626_123_456_789_012)}},
		{name: "refuses a value above the largest", change: RecordValues{"value": int64(MaxValue + 1)}, field: "value"},
		{name: "refuses a value without its funding", change: RecordValues{"funding": nil}, field: "funding"},
		{name: "refuses a negative value", change: RecordValues{"value": int64(-1)}, field: "value"},
		{name: "refuses a status that is none", change: RecordValues{"status": "overdue"}, field: "status"},
		{name: "refuses a work without an occasion", change: RecordValues{"occasion": nil}, field: "occasion"},
	})
}
