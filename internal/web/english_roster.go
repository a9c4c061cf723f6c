package web

// rosterEnglish translates the texts of the roster and its printed sign-in sheet; it joins
// english when the package starts.
var rosterEnglish = map[string]string{
	"Các thay đổi chưa lưu sẽ mất. Vẫn chuyển sang đơn vị khác?": "The changes not saved will be lost. Go to another unit anyway?",
	"Chi bộ, đơn vị":           "Cell or unit",
	"có mặt/tổng số":           "present/total",
	"In danh sách ký tên (A4)": "Print the sign-in sheet (A4)",
	"cho buổi có người không dùng điện thoại; sau buổi học, đánh dấu ở đây những người đã ký, theo số thứ tự trên danh sách in.": "for a session where some have no phone; after it, tick here those who signed, by their number on the printed sheet.",
	"Tìm theo tên hoặc số thứ tự":   "Search by name or number",
	"ví dụ: nguyen van an, hoặc 12": "for example: nguyen van an, or 12",
	"Chọn tất cả":                   "Select all",
	"Bỏ chọn":                       "Select none",
	"chọn tất cả, bỏ chọn chỉ áp dụng cho những người đang hiện": "select all and select none apply to the people shown only",
	"đang hiện":           "shown",
	"STT":                 "No.",
	"Có mặt":              "Present",
	"chưa lưu":            "not saved",
	"Ký tên":              "Signature",
	"In danh sách":        "Print the sheet",
	"Danh sách ký tên":    "Sign-in sheet",
	"Số người có mặt":     "Present",
	"Người lập danh sách": "Drawn up by",
	"Danh sách in trên khổ A4 để người dự ký tên. Sau buổi học, mở lại trang Điểm danh của đơn vị này: các dòng cùng số thứ tự, cùng thứ tự như trên danh sách in; đánh dấu những người đã ký rồi bấm Lưu.": "A sheet printed on A4 for those attending to sign. After the session, open this unit's roster again: its rows have the same numbers, in the same order, as the printed sheet; tick those who signed and save.",
}

func init() {
	for vi, en := range rosterEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
