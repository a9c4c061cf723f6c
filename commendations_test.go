package tuyengiao

import (
	"strings"
	"testing"
)

func TestCommendations(t *testing.T) {
	good := RecordValues{"holder": "collective", "recipient": "Chi bộ khu phố 3", "form": "certificate_of_commendation",
		"level": "district", "decision": "125-QĐ/QU", "decision_day": day(2020, 5, 19),
		"reason": "Điển hình tiên tiến trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"}
	testRecordKind(t, Commendations, good, []recordCase{
		{name: "an individual without a decision number", change: RecordValues{"holder": "individual",
			"recipient": "Nguyễn Thị Hoa", "decision": nil}},
		{name: "refuses a commendation of neither", change: RecordValues{"holder": "both"}, field: "holder"},
		{name: "refuses a commendation without a recipient", change: RecordValues{"recipient": ""}, field: "recipient"},
		{name: "refuses a commendation without a decision day", change: RecordValues{"decision_day": nil}, field: "decision_day"},
		{name: "refuses a decision number too long", change: RecordValues{"decision": strings.Repeat("1", 101)}, field: "decision"},
		{name: "refuses a level that is none", change: RecordValues{"level": "world"}, field: "level"},
	})
}

func TestExemplaryModels(t *testing.T) {
	good := RecordValues{"name": "Tổ dân phố tự quản về an ninh trật tự", "holder": "collective", "field": "An ninh trật tự",
		"description": "Mỗi tổ có một nhóm Zalo và lịch tuần tra.", "recognised_day": day(2021, 11, 20),
		"replicated_in": "Phường 2, phường 5", "replicating_units": int64(2)}
	testRecordKind(t, ExemplaryModels, good, []recordCase{
		{name: "a model not yet replicated", change: RecordValues{"replicated_in": nil, "replicating_units": nil}},
		{name: "refuses a model without a name", change: RecordValues{"name": nil}, field: "name"},
		{name: "refuses a model without the day it was recognised", change: RecordValues{"recognised_day": nil}, field: "recognised_day"},
		{name: "refuses a description too long", change: RecordValues{"description": strings.Repeat("a", 10001)}, field: "description"},
	})
}

func TestCreativeWorks(t *testing.T) {
	good := RecordValues{"title": "Bác về thăm quê", "author": "Trần Văn Nam", "genre": "poetry",
		"movement": "Sáng tác về học tập và làm theo Bác năm 2018", "day": day(2018, 9, 2), "award": "Giải ba"}
	testRecordKind(t, CreativeWorks, good, []recordCase{
		{name: "a work without an award", change: RecordValues{"award": nil}},
		{name: "refuses a work without an author", change: RecordValues{"author": nil}, field: "author"},
		{name: "refuses a work submitted to no call", change: RecordValues{"movement": ""}, field: "movement"},
		{name: "refuses a genre that is none", change: RecordValues{"genre": "opera"}, field: "genre"},
	})
}
