package tuyengiao

// The categories, funding and stages of the works in honour of congresses.
var (
	congressCategories = []RecordOption{
		{Code: "work", Name: "Công trình", NameEn: "Work"},
		{Code: "task", Name: "Phần việc", NameEn: "Task"},
	}
	congressFunding = []RecordOption{
		{Code: "budget", Name: "Ngân sách", NameEn: "Budget"},
		{Code: "social", Name: "Xã hội hóa", NameEn: "Social contributions"},
		{Code: "both", Name: "Ngân sách và xã hội hóa", NameEn: "Budget and social contributions"},
	}
	congressStages = []RecordOption{
		{Code: "registered", Name: "Đã đăng ký", NameEn: "Registered"},
		{Code: "in_progress", Name: "Đang thực hiện", NameEn: "In progress"},
		{Code: "completed", Name: "Đã hoàn thành", NameEn: "Completed"},
	}
)

// CongressWorks are the works and tasks (công trình, phần việc) the unit carries out in
// honour of a Party congress or an anniversary, with their value in đồng, exact: "469 công
// trình, phần việc chào mừng đại hội với tổng trị giá khoảng 626 tỉ đồng từ ngân sách và xã
// hội hóa".
var CongressWorks = declareRecordKind(&RecordKind{
	Code: "congress-works", Name: "Công trình, phần việc chào mừng đại hội, ngày lễ", NameEn: "Works in honour of congresses",
	One: "công trình, phần việc", OneEn: "work", Area: "congress", Table: "congress_works",
	Fields: []RecordField{
		{Name: "name", Label: "Tên công trình, phần việc", LabelEn: "Name of the work", Type: FieldText, Required: true, Max: 300},
		{Name: "occasion", Label: "Chào mừng", LabelEn: "In honour of", Type: FieldText, Required: true,
			Hint: "Ví dụ: Đại hội Đảng bộ thành phố lần thứ XV.", HintEn: "For example: the city's 15th Party congress."},
		{Name: "category", Label: "Công trình hay phần việc", LabelEn: "Work or task", Type: FieldChoice,
			Required: true, Options: congressCategories},
		{Name: "day", Label: "Ngày đăng ký, khởi công", LabelEn: "Registered or started on", Type: FieldDay, Required: true},
		{Name: "value", Label: "Giá trị (đồng)", LabelEn: "Value (đồng)", Type: FieldMoney},
		{Name: "funding", Label: "Nguồn kinh phí", LabelEn: "Funding", Type: FieldChoice, Options: congressFunding},
		{Name: "status", Label: "Tiến độ", LabelEn: "Progress", Type: FieldChoice, Required: true, Options: congressStages},
	},
	Day: "day", Title: "name",
	Indicators: []RecordIndicator{
		{Code: "congress.works", Name: "Số công trình, phần việc chào mừng", NameEn: "Works in honour of congresses",
			Measure: "công trình", MeasureEn: "works"},
		{Code: "congress.value", Name: "Tổng giá trị công trình, phần việc chào mừng", NameEn: "Value of the works in honour of congresses",
			Measure: "đồng", MeasureEn: "đồng", Sum: []string{"value"}},
		{Code: "congress.completed", Name: "Số công trình, phần việc đã hoàn thành", NameEn: "Works completed",
			Measure: "công trình", MeasureEn: "works", Where: []RecordMatch{{Field: "status", Options: []string{"completed"}}}},
	},
	Check: checkCongressWork,
})

// checkCongressWork asks a work with a value where its money comes from.
func checkCongressWork(v RecordValues) error {
	if v.Number("value") > 0 && v.Text("funding") == "" {
		return FieldError("funding", "Chưa chọn nguồn kinh phí của công trình, phần việc có giá trị.")
	}
	return nil
}
