package web

// bridgeEnglish translates the texts of the bridge point import and the presenter search; it
// joins english when the package starts.
var bridgeEnglish = map[string]string{
	"Nhập điểm cầu từ tệp Excel": "Import bridge points from Excel",
	"Điểm cầu trong tệp":         "Bridge points in the file",
	"Điểm cầu hiện có":           "Bridge points now",
	"Chưa ghi gì: có":            "Nothing was written: there are",
	"Tệp hợp lệ, chưa ghi gì. Các điểm cầu trong tệp sẽ thay cho toàn bộ điểm cầu hiện có.": "The file is valid; nothing is written yet. The bridge points of the file will replace all the bridge points the conference has.",
	"điểm cầu.": "bridge points.",
	"Ghi":       "Write",
	"Mỗi điểm cầu một dòng: mã đơn vị đăng cai, địa điểm và số dự kiến của từng đối tượng. Các điểm cầu trong tệp thay cho toàn bộ điểm cầu hiện có; tệp có dòng lỗi thì không ghi dòng nào.": "One bridge point per row: the code of the host unit, the place and the number expected of each audience. The bridge points of the file replace all those the conference has; a file with a bad row writes none.",
	"có sẵn":           "holding the",
	"điểm cầu hiện có": "bridge points it has",
	"Đã lưu:":          "Saved:",
	"Tìm báo cáo viên theo tên (gõ 2 ký tự trở lên rồi chọn trong danh sách)": "Find a presenter by name (type 2 characters or more, then choose from the list)",
	"Vừa thêm:":              "Just added:",
	"khi có nhiều điểm cầu.": "when there are many bridge points.",
	"Khi có nhiều điểm cầu: lưu hội nghị trước, rồi nhập điểm cầu từ tệp Excel ở trang sửa.": "Many bridge points: save the conference first, then import them from Excel on its edit page.",
}

func init() {
	for vi, en := range bridgeEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
