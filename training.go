package tuyengiao

// trainingCourses are the kinds of political theory and training classes.
var trainingCourses = []RecordOption{
	{Code: "party_awareness", Name: "Bồi dưỡng nhận thức về Đảng", NameEn: "Awareness of the Party"},
	{Code: "new_members", Name: "Bồi dưỡng lý luận chính trị cho đảng viên mới", NameEn: "Political theory for new members"},
	{Code: "elementary", Name: "Sơ cấp lý luận chính trị", NameEn: "Elementary political theory"},
	{Code: "refresher", Name: "Bồi dưỡng, cập nhật kiến thức", NameEn: "Refresher course"},
	{Code: "professional", Name: "Tập huấn chuyên môn, nghiệp vụ", NameEn: "Professional training"},
	{Code: "other", Name: "Khác", NameEn: "Other"},
}

// TrainingClasses are the political theory and training classes (lớp bồi dưỡng lý luận
// chính trị, tập huấn nghiệp vụ) the unit organises, with their learners by audience. "273
// lớp học tập, bồi dưỡng lý luận chính trị, tập huấn chuyên môn nghiệp vụ với 25.541 học
// viên".
var TrainingClasses = declareRecordKind(&RecordKind{
	Code: "training-classes", Name: "Lớp bồi dưỡng lý luận chính trị, nghiệp vụ", NameEn: "Theory and training classes",
	One: "lớp bồi dưỡng", OneEn: "class", Area: "training", Table: "training_classes",
	Fields: append([]RecordField{
		{Name: "from_day", Label: "Từ ngày", LabelEn: "From", Type: FieldDay, Required: true},
		{Name: "to_day", Label: "Đến ngày", LabelEn: "To", Type: FieldDay,
			Hint: "Để trống với lớp học trong một ngày.", HintEn: "Left blank for a one-day class."},
		{Name: "name", Label: "Tên lớp", LabelEn: "Class", Type: FieldText, Required: true},
		{Name: "course", Label: "Loại lớp", LabelEn: "Course", Type: FieldChoice, Required: true, Options: trainingCourses},
		{Name: "place", Label: "Địa điểm", LabelEn: "Place", Type: FieldText, Max: 300},
		{Name: "learners", Label: "Số học viên", LabelEn: "Learners", Type: FieldCount,
			Hint: audienceHint, HintEn: audienceHintEn},
	}, audienceFields("learners", "Học viên", "Learners")...),
	Day: "from_day", Title: "name",
	Indicators: []RecordIndicator{
		{Code: "training.classes", Name: "Số lớp bồi dưỡng lý luận chính trị, nghiệp vụ", NameEn: "Theory and training classes",
			Measure: "lớp", MeasureEn: "classes"},
		{Code: "training.learners", Name: "Số học viên các lớp bồi dưỡng", NameEn: "Learners in the classes",
			Measure: "học viên", MeasureEn: "learners", Sum: []string{"learners"}},
	},
	Check: checkTrainingClass,
})

// checkTrainingClass ends a class left without an end on its first day, refuses an end
// before it, and checks the learners by audience.
func checkTrainingClass(v RecordValues) error {
	from, to := v.Day("from_day"), v.Day("to_day")
	switch {
	case to.IsZero():
		v["to_day"] = from
	case to.Before(from.Time):
		return FieldError("to_day", "Ngày kết thúc phải từ ngày bắt đầu trở đi.")
	}
	return checkAudiences(v, "learners")
}

// CellMeetings are the thematic meetings of party cells (sinh hoạt chi bộ chuyên đề), kept
// by each cell and counted per cell: "520 buổi thảo luận chi bộ".
var CellMeetings = declareRecordKind(&RecordKind{
	Code: "cell-meetings", Name: "Sinh hoạt chi bộ chuyên đề", NameEn: "Thematic cell meetings",
	One: "buổi sinh hoạt chuyên đề", OneEn: "thematic cell meeting", Area: "training", Table: "cell_meetings",
	Fields: []RecordField{
		{Name: "day", Label: "Ngày sinh hoạt", LabelEn: "Date of the meeting", Type: FieldDay, Required: true},
		{Name: "topic", Label: "Chuyên đề", LabelEn: "Theme", Type: FieldText, Required: true},
		documentField,
		{Name: "attendees", Label: "Số đảng viên dự", LabelEn: "Members present", Type: FieldCount},
	},
	Day: "day", Title: "topic",
	Indicators: []RecordIndicator{
		{Code: "training.cell_meetings", Name: "Số buổi sinh hoạt chi bộ chuyên đề", NameEn: "Thematic cell meetings",
			Measure: "buổi", MeasureEn: "sessions"},
		{Code: "training.cell_meetings.attendees", Name: "Số lượt đảng viên dự sinh hoạt chuyên đề", NameEn: "Members at thematic cell meetings",
			Measure: "lượt người", MeasureEn: "attendances", Sum: []string{"attendees"}},
	},
})
