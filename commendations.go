package tuyengiao

// The holders, forms and levels of commendations, and the genres of creative works.
var (
	// honourHolders say whether a commendation or an exemplary model is of a collective or
	// of a person.
	honourHolders = []RecordOption{
		{Code: "collective", Name: "Tập thể", NameEn: "Collective"},
		{Code: "individual", Name: "Cá nhân", NameEn: "Individual"},
	}
	commendationForms = []RecordOption{
		{Code: "certificate_of_merit", Name: "Bằng khen", NameEn: "Certificate of merit"},
		{Code: "certificate_of_commendation", Name: "Giấy khen", NameEn: "Certificate of commendation"},
		{Code: "emulation_flag", Name: "Cờ thi đua", NameEn: "Emulation flag"},
		{Code: "emulation_title", Name: "Danh hiệu thi đua", NameEn: "Emulation title"},
		{Code: "other", Name: "Khác", NameEn: "Other"},
	}
	commendationLevels = []RecordOption{
		{Code: "central", Name: "Trung ương", NameEn: "Central"},
		{Code: "provincial", Name: "Tỉnh, thành phố", NameEn: "Province or city"},
		{Code: "district", Name: "Quận, huyện", NameEn: "District"},
		{Code: "grassroots", Name: "Cơ sở", NameEn: "Grassroots"},
	}
	workGenres = []RecordOption{
		{Code: "poetry", Name: "Thơ", NameEn: "Poetry"},
		{Code: "prose", Name: "Văn xuôi (truyện ngắn, ký, tùy bút)", NameEn: "Prose (short stories, reportage, essays)"},
		{Code: "music", Name: "Ca khúc, âm nhạc", NameEn: "Songs and music"},
		{Code: "fine_art", Name: "Mỹ thuật", NameEn: "Fine art"},
		{Code: "photography", Name: "Nhiếp ảnh", NameEn: "Photography"},
		{Code: "stage", Name: "Sân khấu", NameEn: "Stage"},
		{Code: "film", Name: "Phim, video", NameEn: "Film and video"},
		{Code: "other", Name: "Khác", NameEn: "Other"},
	}
)

// Commendations are the collectives and individuals the unit commends, or proposes and
// sees commended, in an emulation movement, by a decision: "khen thưởng 15 tập thể, 15 cá
// nhân mô hình, điển hình tiên tiến trong học tập và làm theo Bác".
var Commendations = declareRecordKind(&RecordKind{
	Code: "commendations", Name: "Khen thưởng", NameEn: "Commendations",
	One: "khen thưởng", OneEn: "commendation", Area: "emulation", Table: "commendations",
	Fields: []RecordField{
		{Name: "holder", Label: "Tập thể hay cá nhân", LabelEn: "Collective or individual", Type: FieldChoice,
			Required: true, Options: honourHolders},
		{Name: "recipient", Label: "Tên tập thể, cá nhân", LabelEn: "Name of the collective or person", Type: FieldText,
			Required: true, Max: 300},
		{Name: "form", Label: "Hình thức khen thưởng", LabelEn: "Form of commendation", Type: FieldChoice,
			Required: true, Options: commendationForms},
		{Name: "level", Label: "Cấp khen thưởng", LabelEn: "Level", Type: FieldChoice, Required: true, Options: commendationLevels},
		{Name: "decision", Label: "Số quyết định", LabelEn: "Decision number", Type: FieldText, Max: 100,
			Hint: "Ví dụ: 125-QĐ/TU.", HintEn: "For example: 125-QĐ/TU."},
		{Name: "decision_day", Label: "Ngày quyết định", LabelEn: "Decision date", Type: FieldDay, Required: true},
		{Name: "reason", Label: "Phong trào, thành tích", LabelEn: "Movement or achievement", Type: FieldText},
	},
	Day: "decision_day", Title: "recipient",
	Indicators: []RecordIndicator{
		{Code: "emulation.commended.collectives", Name: "Số tập thể được khen thưởng", NameEn: "Collectives commended",
			Measure: "tập thể", MeasureEn: "collectives", Where: []RecordMatch{{Field: "holder", Options: []string{"collective"}}}},
		{Code: "emulation.commended.individuals", Name: "Số cá nhân được khen thưởng", NameEn: "Individuals commended",
			Measure: "cá nhân", MeasureEn: "individuals", Where: []RecordMatch{{Field: "holder", Options: []string{"individual"}}}},
	},
})

// ExemplaryModels are the models and advanced examples (mô hình, điển hình tiên tiến) the
// unit recognises, and where they are replicated: "rà soát các mô hình, cách làm hay, các
// gương điển hình tại cơ sở để nhân rộng".
var ExemplaryModels = declareRecordKind(&RecordKind{
	Code: "exemplary-models", Name: "Mô hình, điển hình tiên tiến", NameEn: "Exemplary models",
	One: "mô hình, điển hình", OneEn: "exemplary model", Area: "emulation", Table: "exemplary_models",
	Fields: []RecordField{
		{Name: "name", Label: "Tên mô hình, điển hình", LabelEn: "Name of the model", Type: FieldText, Required: true, Max: 300},
		{Name: "holder", Label: "Tập thể hay cá nhân", LabelEn: "Collective or individual", Type: FieldChoice,
			Required: true, Options: honourHolders},
		{Name: "field", Label: "Lĩnh vực hoạt động", LabelEn: "Field of work", Type: FieldText, Max: 200},
		{Name: "description", Label: "Mô tả", LabelEn: "Description", Type: FieldNote},
		{Name: "recognised_day", Label: "Ngày công nhận", LabelEn: "Recognised on", Type: FieldDay, Required: true},
		{Name: "replicated_in", Label: "Nơi nhân rộng", LabelEn: "Replicated in", Type: FieldNote},
		{Name: "replicating_units", Label: "Số đơn vị nhân rộng", LabelEn: "Units replicating it", Type: FieldCount},
	},
	Day: "recognised_day", Title: "name",
	Indicators: []RecordIndicator{
		{Code: "emulation.models", Name: "Số mô hình, điển hình tiên tiến", NameEn: "Exemplary models",
			Measure: "mô hình", MeasureEn: "models"},
	},
})

// CreativeWorks are the literary and art works (tác phẩm văn học, nghệ thuật) submitted by
// the unit to a call of a movement: "402 bài tham dự của 47 tổ chức cơ sở Đảng".
var CreativeWorks = declareRecordKind(&RecordKind{
	Code: "creative-works", Name: "Tác phẩm văn học, nghệ thuật", NameEn: "Literary and art works",
	One: "tác phẩm văn học, nghệ thuật", OneEn: "literary or art work", Area: "emulation", Table: "creative_works",
	Fields: []RecordField{
		{Name: "title", Label: "Tên tác phẩm", LabelEn: "Title", Type: FieldText, Required: true, Max: 300},
		{Name: "author", Label: "Tác giả", LabelEn: "Author", Type: FieldText, Required: true, Max: 300},
		{Name: "genre", Label: "Thể loại", LabelEn: "Genre", Type: FieldChoice, Required: true, Options: workGenres},
		{Name: "movement", Label: "Cuộc vận động, phát động sáng tác", LabelEn: "Call or movement", Type: FieldText, Required: true},
		{Name: "day", Label: "Ngày gửi", LabelEn: "Date submitted", Type: FieldDay, Required: true},
		{Name: "award", Label: "Giải thưởng", LabelEn: "Award", Type: FieldText, Max: 200},
	},
	Day: "day", Title: "title",
	Indicators: []RecordIndicator{
		{Code: "emulation.works", Name: "Số tác phẩm văn học, nghệ thuật tham gia", NameEn: "Literary and art works submitted",
			Measure: "tác phẩm", MeasureEn: "works"},
	},
})
