package web

// reportReviewEnglish translates the messages of the checks the review of the reports added:
// the store's, the root's and the report service's.
var reportReviewEnglish = map[string]string{
	"Báo cáo nêu chỉ tiêu %s nhưng chưa có số liệu của chỉ tiêu này: cập nhật số liệu rồi mới ký ban hành.": "The report names indicator %s but holds no figure of it yet: refresh the figures before signing.",
	"Ký ban hành giữ nguyên nội dung và số liệu của dự thảo: lưu nội dung sửa trước rồi mới ký.":            "Signing keeps the draft's text and figures as saved: save your changes first, then sign.",
	"Toàn văn báo cáo dài quá 500.000 ký tự: rút gọn nội dung các phần.":                                    "The report's text is longer than 500,000 characters: shorten its sections.",
	"Ngày ký không được trước ngày tính số liệu (%s).":                                                      "The signing day cannot be before the day the figures were counted (%s).",
	"Báo cáo không có bảng số liệu nào để xuất ra tệp Excel.":                                               "The report has no table of figures to export to Excel.",
}

func init() { joinEnglish(reportReviewEnglish) }
