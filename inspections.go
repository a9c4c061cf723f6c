package tuyengiao

// The kinds of inspection visits and the stages of their follow-up.
var (
	inspectionKinds = []RecordOption{
		{Code: "inspection", Name: "Kiểm tra", NameEn: "Inspection"},
		{Code: "supervision", Name: "Giám sát", NameEn: "Supervision"},
	}
	inspectionFollowUps = []RecordOption{
		{Code: "open", Name: "Chưa khắc phục", NameEn: "Open"},
		{Code: "in_progress", Name: "Đang khắc phục", NameEn: "In progress"},
		{Code: "closed", Name: "Đã khắc phục xong", NameEn: "Closed"},
	}
)

// Inspections are the inspection and supervision visits (cuộc kiểm tra, giám sát) the unit
// makes to the units below it, often about carrying out a document, with their findings,
// conclusions and recommendations and the follow-up until it is closed: "5 cuộc kiểm tra,
// giám sát đối với 8 chi, đảng bộ trực thuộc".
var Inspections = declareRecordKind(&RecordKind{
	Code: "inspections", Name: "Kiểm tra, giám sát", NameEn: "Inspections and supervision",
	One: "cuộc kiểm tra, giám sát", OneEn: "visit", Area: "inspections", Table: "inspections",
	Fields: []RecordField{
		{Name: "kind", Label: "Loại", LabelEn: "Kind", Type: FieldChoice, Required: true, Options: inspectionKinds},
		{Name: "from_day", Label: "Ngày bắt đầu", LabelEn: "Start date", Type: FieldDay, Required: true},
		{Name: "subject", Label: "Nội dung", LabelEn: "Content", Type: FieldText, Required: true},
		documentField,
		{Name: "units_inspected", Label: "Số đơn vị được kiểm tra, giám sát", LabelEn: "Units inspected", Type: FieldCount},
		{Name: "unit_names", Label: "Các đơn vị được kiểm tra, giám sát", LabelEn: "Names of the units inspected", Type: FieldNote},
		{Name: "findings", Label: "Kết quả kiểm tra, giám sát", LabelEn: "Findings", Type: FieldNote},
		{Name: "conclusions", Label: "Kết luận", LabelEn: "Conclusions", Type: FieldNote},
		{Name: "recommendations", Label: "Kiến nghị", LabelEn: "Recommendations", Type: FieldNote},
		{Name: "follow_up", Label: "Tình hình khắc phục", LabelEn: "Follow-up", Type: FieldChoice, Required: true,
			Options: inspectionFollowUps},
		{Name: "closed_day", Label: "Ngày kết thúc theo dõi", LabelEn: "Closed on", Type: FieldDay,
			Hint: "Ngày các kiến nghị đã được khắc phục xong.", HintEn: "The day the recommendations were all carried out."},
	},
	Day: "from_day", Title: "subject",
	Indicators: []RecordIndicator{
		{Code: "inspections.visits", Name: "Số cuộc kiểm tra, giám sát", NameEn: "Inspection and supervision visits",
			Measure: "cuộc", MeasureEn: "events"},
		{Code: "inspections.units", Name: "Số lượt đơn vị được kiểm tra, giám sát", NameEn: "Units inspected or supervised",
			Measure: "đơn vị", MeasureEn: "units", Sum: []string{"units_inspected"}},
	},
	Check: checkInspection,
})

// checkInspection asks a visit for the units it covered, and a follow-up for its closing
// day exactly when it is closed, not before the visit.
func checkInspection(v RecordValues) error {
	closed, closedOn := v.Text("follow_up") == "closed", v.Day("closed_day")
	switch {
	case v.Number("units_inspected") == 0:
		return FieldError("units_inspected", "Chưa nhập số đơn vị được kiểm tra, giám sát.")
	case closed && closedOn.IsZero():
		return FieldError("closed_day", "Chưa nhập ngày kết thúc theo dõi của cuộc kiểm tra, giám sát đã khắc phục xong.")
	case !closed && !closedOn.IsZero():
		return FieldError("closed_day", "Chỉ nhập ngày kết thúc theo dõi khi đã khắc phục xong.")
	case closed && closedOn.Before(v.Day("from_day").Time):
		return FieldError("closed_day", "Ngày kết thúc theo dõi phải từ ngày bắt đầu trở đi.")
	}
	return nil
}
