package web

// importEnglish translates the texts of the people import's preview; it joins english when
// the package starts.
var importEnglish = map[string]string{
	"(chưa có tên)": "(no name yet)",
	"Chưa nhập ai: hãy chọn giữ hay bỏ cho mỗi dòng có thể trùng.": "Nobody imported: choose keep or drop for every likely duplicate.",
	"Có thể trùng":      "Likely duplicates",
	"Dòng có thể trùng": "Likely duplicates",
	"Dòng giống hệt một dòng trước đó và dòng trùng số thẻ đảng viên sẵn để bỏ; với các dòng khác hãy chọn: giữ nếu là người khác, bỏ nếu đã có.":                                                                                                          "A row identical to an earlier one and a row with a party card already held are set to be dropped; for the others choose: keep if it is someone else, drop if they are already there.",
	"Dòng lặp lại và người có thể đã có trong danh sách (cùng họ tên và ngày sinh ở cùng đơn vị, cùng số điện thoại hay số thẻ) được liệt kê để bạn chọn giữ hay bỏ. Chữ Việt phông TCVN3 (ABC), VNI và tệp CSV mã Windows-1258 được chuyển sang Unicode.": "Repeated rows and people who may already be registered (same name and birth in the same unit, same phone or card) are listed for you to keep or drop. Vietnamese in the TCVN3 (ABC) and VNI fonts and CSV files in Windows-1258 are converted to Unicode.",
	"Giữ hay bỏ":                   "Keep or drop",
	"Giữ":                          "Keep",
	"Hãy kiểm tra trước khi nhập.": "Check them before importing.",
	"Mọi ngày sinh trong tệp đều có ngày không quá 12, nên ngày và tháng có thể đã bị đảo (tệp lập theo kiểu tháng/ngày/năm). Ví dụ dòng": "Every date of birth in the file has a day of 12 or less, so days and months may have been swapped (a file made month/day/year). For example row",
	"Nhập, bỏ mọi dòng có thể trùng chưa chọn":        "Import, dropping every likely duplicate not answered",
	"Nhập theo lựa chọn trên":                         "Import as chosen above",
	"Sửa ngay trong tệp đó rồi tải lên lại.":          "Fix them in that file and upload it again.",
	"Tải các dòng lỗi (.xlsx, có cột lý do)":          "Download the bad rows (.xlsx, with a column of reasons)",
	"Tệp CSV không mã hóa UTF-8: đã đọc theo bảng mã": "The CSV file is not in UTF-8: it was read in the charset",
	"Vì sao": "Why",
	"dòng viết bằng phông chữ Việt cũ": "rows written in the old Vietnamese font",
	"không phải": "not",
	"tháng":      "month",
	"đã được chuyển sang Unicode; hãy xem lại các tên dưới đây.": "were converted to Unicode; look over the names below.",
	"được đọc là ngày": "is read as day",
}

func init() {
	for vi, en := range importEnglish {
		if _, ok := english[vi]; !ok {
			english[vi] = en
		}
	}
}
