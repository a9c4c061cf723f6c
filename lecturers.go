package tuyengiao

// The levels of political theory a lecturer or propagandist has been trained to.
var theoryLevels = []RecordOption{
	{Code: "elementary", Name: "Sơ cấp", NameEn: "Elementary"},
	{Code: "intermediate", Name: "Trung cấp", NameEn: "Intermediate"},
	{Code: "advanced", Name: "Cao cấp", NameEn: "Advanced"},
	{Code: "bachelor", Name: "Cử nhân", NameEn: "Bachelor"},
}

// Lecturers are the unit's roster of lecturers (báo cáo viên) at every level, grassroots
// propagandists (tuyên truyền viên) and collaborators (cộng tác viên, a role only: their own
// reports are out of scope), each linked to the person of the register where there is one,
// from the day they were recognised to the day they left; whether one is still on the
// roster is derived from that day, as of today. The outreach sessions name who spoke from
// it. "62 báo cáo viên, 169 tuyên truyền viên".
var Lecturers = declareRecordKind(&RecordKind{
	Code: "lecturers", Name: "Đội ngũ báo cáo viên, tuyên truyền viên", NameEn: "Lecturers and propagandists",
	One: "báo cáo viên, tuyên truyền viên", OneEn: "lecturer or propagandist", Area: "outreach", Table: "lecturers",
	Fields: []RecordField{
		{Name: "full_name", Label: "Họ và tên", LabelEn: "Full name", Type: FieldText, Required: true, Max: 200},
		{Name: "person", Label: "Hồ sơ trong danh sách đảng viên", LabelEn: "On the register as", Type: FieldPerson,
			Hint: "Số của người trong danh sách, nếu có.", HintEn: "The person's number on the register, if any."},
		{Name: "role", Label: "Vai trò", LabelEn: "Role", Type: FieldChoice, Required: true, Options: speakerRoles},
		{Name: "position", Label: "Chức vụ, nơi công tác", LabelEn: "Position and workplace", Type: FieldText, Max: 300},
		{Name: "expertise", Label: "Lĩnh vực tuyên truyền", LabelEn: "Fields of outreach", Type: FieldText, Max: 300},
		{Name: "theory", Label: "Trình độ lý luận chính trị", LabelEn: "Political theory", Type: FieldChoice, Options: theoryLevels},
		{Name: "trained", Label: "Đã được bồi dưỡng nghiệp vụ", LabelEn: "Trained for the role", Type: FieldYesNo},
		{Name: "decision", Label: "Quyết định công nhận", LabelEn: "Decision recognising them", Type: FieldText, Max: 100,
			Hint: "Số, ký hiệu, ví dụ 125-QĐ/BTGTU.", HintEn: "Number and symbol, for example 125-QĐ/BTGTU."},
		{Name: "from_day", Label: "Ngày công nhận", LabelEn: "Recognised on", Type: FieldDay, Required: true},
		{Name: "until_day", Label: "Ngày thôi tham gia", LabelEn: "Left on", Type: FieldDay},
	},
	Day: "from_day", Title: "full_name",
	Indicators: []RecordIndicator{
		{Code: "outreach.lecturers", Name: "Số báo cáo viên", NameEn: "Lecturers on the roster", Measure: "người", MeasureEn: "people",
			Stock: true, Until: "until_day", Where: []RecordMatch{{Field: "role", Options: lecturerRoles}}},
		{Code: "outreach.propagandists", Name: "Số tuyên truyền viên", NameEn: "Propagandists on the roster", Measure: "người",
			MeasureEn: "people", Stock: true, Until: "until_day", Where: []RecordMatch{{Field: "role", Options: []string{"propagandist"}}}},
	},
	Check: func(v RecordValues) error {
		if until := v.Day("until_day"); !until.IsZero() && until.Before(v.Day("from_day").Time) {
			return FieldError("until_day", "Ngày thôi tham gia phải từ ngày công nhận trở đi.")
		}
		return nil
	},
	State: func(v RecordValues, today Date) string {
		if until := v.Day("until_day"); !until.IsZero() && !until.After(today.Time) {
			return "left"
		}
		return "active"
	},
	States: []RecordOption{
		{Code: "active", Name: "Đang tham gia", NameEn: "Active"},
		{Code: "left", Name: "Đã thôi tham gia", NameEn: "Left"},
	},
})
