package tuyengiao

// The kinds and forms of meetings and conferences.
var (
	meetingKinds = []RecordOption{
		{Code: "leadership", Name: "Họp lãnh đạo, chỉ đạo", NameEn: "Leadership meeting"},
		{Code: "briefing", Name: "Giao ban", NameEn: "Briefing"},
		{Code: "conference", Name: "Hội nghị", NameEn: "Conference"},
		{Code: "seminar", Name: "Hội thảo, tọa đàm", NameEn: "Seminar or round table"},
	}
	meetingForms = []RecordOption{
		{Code: "in_person", Name: "Trực tiếp", NameEn: "In person"},
		{Code: "online", Name: "Trực tuyến", NameEn: "Online"},
		{Code: "combined", Name: "Trực tiếp kết hợp trực tuyến", NameEn: "In person and online"},
	}
)

// meetingsHeld keeps the meetings the unit held itself.
var meetingsHeld = []RecordMatch{{Field: "hosted", Options: []string{"yes"}}}

// Meetings are the meetings, briefings and conferences the unit holds or attends for its
// work, outside the conferences of a study campaign (which the campaign keeps): "trên 40
// cuộc họp, trên 10 hội nghị trực tuyến". A meeting counts, with its participants, where it
// was held, so that a conference of the city that its districts attend counts once up the
// tree; attending one held elsewhere counts apart.
var Meetings = declareRecordKind(&RecordKind{
	Code: "meetings", Name: "Hội nghị, cuộc họp", NameEn: "Meetings and conferences",
	One: "hội nghị, cuộc họp", OneEn: "meeting", Area: "meetings", Table: "meetings",
	Fields: []RecordField{
		{Name: "day", Label: "Ngày họp", LabelEn: "Date of the meeting", Type: FieldDay, Required: true},
		{Name: "kind", Label: "Loại", LabelEn: "Kind", Type: FieldChoice, Required: true, Options: meetingKinds},
		{Name: "form", Label: "Hình thức", LabelEn: "Form", Type: FieldChoice, Required: true, Options: meetingForms},
		{Name: "subject", Label: "Nội dung", LabelEn: "Content", Type: FieldText, Required: true},
		documentField,
		{Name: "hosted", Label: "Đơn vị chủ trì", LabelEn: "Held by the unit", Type: FieldYesNo,
			Hint: "Không chọn khi đơn vị chỉ tham dự.", HintEn: "Leave unticked when the unit only attended."},
		{Name: "bridge_points", Label: "Số điểm cầu", LabelEn: "Bridge points", Type: FieldCount},
		{Name: "participants", Label: "Số người dự", LabelEn: "Participants", Type: FieldCount},
	},
	Day: "day", Title: "subject",
	Indicators: []RecordIndicator{
		{Code: "meetings.count", Name: "Số hội nghị, cuộc họp", NameEn: "Meetings and conferences",
			Measure: "cuộc", MeasureEn: "events", Where: meetingsHeld},
		{Code: "meetings.online", Name: "Số hội nghị, cuộc họp trực tuyến", NameEn: "Online meetings and conferences",
			Measure: "cuộc", MeasureEn: "events",
			Where: append([]RecordMatch{{Field: "form", Options: []string{"online", "combined"}}}, meetingsHeld...)},
		{Code: "meetings.participants", Name: "Số lượt người dự hội nghị, cuộc họp", NameEn: "Participants in meetings and conferences",
			Measure: "lượt người", MeasureEn: "attendances", Sum: []string{"participants"}, Where: meetingsHeld},
		{Code: "meetings.attended", Name: "Số lượt dự hội nghị, cuộc họp do nơi khác tổ chức", NameEn: "Meetings held elsewhere attended",
			Measure: "lượt tham dự", MeasureEn: "attendances", Where: []RecordMatch{{Field: "hosted", Options: []string{"no"}}}},
	},
})
