package tuyengiao

import "strings"

// The roles of those who speak at outreach sessions, and the forms of the sessions.
var (
	speakerRoles = []RecordOption{
		{Code: "lecturer_central", Name: "Báo cáo viên Trung ương", NameEn: "Central lecturer"},
		{Code: "lecturer_provincial", Name: "Báo cáo viên cấp tỉnh", NameEn: "Provincial lecturer"},
		{Code: "lecturer_district", Name: "Báo cáo viên cấp huyện", NameEn: "District lecturer"},
		{Code: "lecturer_grassroots", Name: "Báo cáo viên cơ sở", NameEn: "Grassroots lecturer"},
		{Code: "propagandist", Name: "Tuyên truyền viên", NameEn: "Propagandist"},
		{Code: "collaborator", Name: "Cộng tác viên", NameEn: "Collaborator"},
	}
	// lecturerRoles are the roles of báo cáo viên, at every level.
	lecturerRoles = []string{"lecturer_central", "lecturer_provincial", "lecturer_district", "lecturer_grassroots"}
	outreachForms = []RecordOption{
		{Code: "oral", Name: "Tuyên truyền miệng trực tiếp", NameEn: "In person (oral)"},
		{Code: "mobile", Name: "Tuyên truyền lưu động", NameEn: "Mobile"},
		{Code: "visual", Name: "Tuyên truyền trực quan", NameEn: "Visual"},
		{Code: "online", Name: "Trực tuyến", NameEn: "Online"},
		{Code: "cell_meeting", Name: "Lồng ghép sinh hoạt chi bộ", NameEn: "Combined with a cell meeting"},
	}
)

// OutreachSessions are the sessions of propaganda and thematic talks (buổi tuyên truyền,
// nói chuyện chuyên đề) held by the unit's lecturers (báo cáo viên), propagandists
// (tuyên truyền viên) and collaborators, with their listeners by audience. "62 báo cáo
// viên, 169 tuyên truyền viên tổ chức 1.275 buổi cho 34.792 lượt người nghe".
var OutreachSessions = declareRecordKind(&RecordKind{
	Code: "outreach-sessions", Name: "Buổi tuyên truyền, nói chuyện chuyên đề", NameEn: "Outreach sessions",
	One: "buổi tuyên truyền", OneEn: "outreach session", Area: "outreach", Table: "outreach_sessions",
	Fields: append([]RecordField{
		{Name: "day", Label: "Ngày tổ chức", LabelEn: "Date held", Type: FieldDay, Required: true},
		{Name: "topic", Label: "Chủ đề, nội dung", LabelEn: "Topic", Type: FieldText, Required: true},
		documentField,
		{Name: "speaker", Label: "Người trình bày", LabelEn: "Speaker", Type: FieldText, Max: 200},
		{Name: "speaker_id", Label: "Người trình bày trong đội ngũ", LabelEn: "Speaker on the roster", Type: FieldRef, Ref: "lecturers",
			Hint:   "Số của người trình bày trong đội ngũ báo cáo viên, tuyên truyền viên của đơn vị hay cấp trên, nếu có.",
			HintEn: "The speaker's number on the roster of lecturers and propagandists of the unit or a unit above, if any."},
		{Name: "speaker_role", Label: "Vai trò người trình bày", LabelEn: "Speaker's role", Type: FieldChoice,
			Required: true, Options: speakerRoles},
		{Name: "form", Label: "Hình thức", LabelEn: "Form", Type: FieldChoice, Required: true, Options: outreachForms},
		{Name: "place", Label: "Địa điểm", LabelEn: "Place", Type: FieldText, Max: 300},
		{Name: "listeners", Label: "Số lượt người nghe", LabelEn: "Listeners", Type: FieldCount,
			Hint: audienceHint, HintEn: audienceHintEn},
	}, audienceFields("listeners", "Người nghe", "Listeners")...),
	Day: "day", Title: "topic",
	Indicators: []RecordIndicator{
		{Code: "outreach.sessions", Name: "Số buổi tuyên truyền, nói chuyện chuyên đề", NameEn: "Outreach sessions",
			Measure: "buổi", MeasureEn: "sessions"},
		{Code: "outreach.listeners", Name: "Số lượt người nghe tuyên truyền", NameEn: "Listeners at outreach sessions",
			Measure: "lượt người", MeasureEn: "attendances", Sum: []string{"listeners"}},
		{Code: "outreach.sessions.lecturers", Name: "Số buổi do báo cáo viên trình bày", NameEn: "Sessions given by lecturers",
			Measure: "buổi", MeasureEn: "sessions", Where: []RecordMatch{{Field: "speaker_role", Options: lecturerRoles}}},
		{Code: "outreach.sessions.propagandists", Name: "Số buổi do tuyên truyền viên trình bày", NameEn: "Sessions given by propagandists",
			Measure: "buổi", MeasureEn: "sessions", Where: []RecordMatch{{Field: "speaker_role", Options: []string{"propagandist"}}}},
	},
	Check: func(v RecordValues) error { return checkAudiences(v, "listeners") },
})

// documentField is the document a record is about, by its symbol as written ("35-NQ/TW"),
// for the kinds that name one.
var documentField = RecordField{Name: "document", Label: "Văn bản (số, ký hiệu)", LabelEn: "Document (number and symbol)",
	Type: FieldText, Max: 100, Hint: "Ví dụ: 35-NQ/TW, 12-CTr/TU.", HintEn: "For example: 35-NQ/TW, 12-CTr/TU."}

// The hint of a total broken down by audience (audienceFields).
const (
	audienceHint   = "Để trống thì lấy tổng của các đối tượng."
	audienceHintEn = "Left blank, it is the sum of the audiences."
)

// audienceNamesEn are the English names of the categories of people, for the labels of
// audienceFields.
var audienceNamesEn = map[Category]string{
	CategoryKeyCadre: "key cadres", CategoryMember: "party members", CategoryProbation: "probationary members",
	CategoryUnion: "union and association members", CategoryMasses: "the masses",
}

// audienceFields returns the count fields that break the count field total down by the
// categories of people (Categories), one named total_<category> each, labelled "<of>:
// <category>": the people a session or a class reached, as the reports give them by
// audience. checkAudiences checks them against the total.
func audienceFields(total, of, ofEn string) []RecordField {
	fields := make([]RecordField, len(Categories))
	for i, c := range Categories {
		fields[i] = RecordField{Name: total + "_" + string(c), Type: FieldCount,
			Label: of + ": " + strings.ToLower(c.Name()), LabelEn: ofEn + ": " + audienceNamesEn[c]}
	}
	return fields
}

// checkAudiences sets the count field total, left at zero, to the sum of its audienceFields,
// and refuses audiences that add up to more than the total or than MaxValue.
func checkAudiences(v RecordValues, total string) error {
	var sum int64 // each at most MaxValue: the sum of the categories cannot overflow
	for _, c := range Categories {
		sum += v.Number(total + "_" + string(c))
	}
	switch {
	case sum > MaxValue:
		return FieldError(total, "Các đối tượng cộng lại là %d, quá giới hạn %d.", sum, int64(MaxValue))
	case v.Number(total) == 0:
		v[total] = sum
	case sum > v.Number(total):
		return FieldError(total, "Các đối tượng cộng lại là %d, nhiều hơn tổng số %d.", sum, v.Number(total))
	}
	return nil
}
