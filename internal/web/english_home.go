package web

// homeEnglish translates the texts of the home page; it joins english when the package
// starts, so that the page keeps its texts together.
var homeEnglish = map[string]string{
	"Hội nghị, lớp học cần điểm danh": "Conferences to take attendance for",
	"Hôm nay":        "Today",
	"Đã ghi nhận":    "Recorded",
	"Chưa điểm danh": "No attendance yet",
	"Không có hội nghị, lớp học nào hôm nay hay 7 ngày qua chưa điểm danh.": "No conference today, and none of the last 7 days without attendance.",
	"người chưa tham gia":                          "people have not attended",
	"Mọi người đã tham gia":                        "Everyone has attended",
	"Bài thu hoạch chờ chấm":                       "Essays waiting for review",
	"bài đã nộp đang chờ chấm hoặc trả lại để sửa": "essays handed in, waiting to be graded or returned for revision",
	"những bài chờ lâu nhất":                       "those waiting longest",
	"nộp lúc":                                      "handed in",
	"nộp lại lần":                                  "resubmission no.",
	"Mọi bài thu hoạch của đợt":                    "All essays of the campaign",
	"Các đơn vị trực thuộc đều đã đạt chỉ tiêu":    "Every unit below has reached its targets",
	"Chưa đặt chỉ tiêu cho các đơn vị trực thuộc":  "No targets are set for the units below",
	"Không có bài nào đang chờ chấm.":              "No essay is waiting for review.",
	"hạn nộp":                                "due",
	"Xem toàn bộ học tập của tôi":            "All of my study",
	"Đợt học tập đang diễn ra":               "Campaigns under way",
	"Xem tất cả":                             "See all",
	"Không có đợt học tập nào đang diễn ra.": "No campaign is under way.",
	"Hạn báo cáo":                            "Reporting deadlines",
	"Quá hạn":                                "Overdue",
	"Sắp đến hạn":                            "Due soon",
	"đơn vị chưa báo cáo":                    "units have not reported",
}

func init() {
	for vi, en := range homeEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
