package web

// recordsPagesEnglish translates the words of the pages, the API and the audit of the
// records of the declared kinds.
var recordsPagesEnglish = map[string]string{
	"Bản ghi đã xóa không còn trong danh sách và số liệu.": "A deleted record leaves the lists and the figures.",
	"Chưa có bản ghi nào.":                                 "No records yet.",
	"Công tác":                                             "Work",
	"Cập nhật":                                             "Updated",
	"Mã của đơn vị trực thuộc có bản ghi; để trống là":                                                              "The code of the unit below whose record it is; blank for",
	"Mỗi bản ghi một dòng. Cột mã đơn vị để trống là đơn vị đang nhập vào; tệp có dòng lỗi thì không ghi dòng nào.": "One record per row. A blank unit code is the unit imported into; a file with a bad row stores no row.",
	"Số bản ghi năm": "Records in",
	"Số liệu của đơn vị và các đơn vị trực thuộc": "Figures of the unit and the units below it",
	"Tìm theo chữ (gõ không dấu cũng được)":       "Search the text (diacritics optional)",
	"Xóa bản ghi này":          "Delete this record",
	"bản ghi":                  "records",
	"bắt buộc":                 "required",
	"của":                      "of",
	"và các đơn vị trực thuộc": "and the units below it",
	"đồng":                     "đồng",
	"Một trong danh sách":      "One of the list",
	"Một dòng chữ":             "One line of text",
	"Chữ, có thể nhiều đoạn":   "Text, paragraphs allowed",
	"Địa chỉ bắt đầu bằng http:// hoặc https://":      "An address beginning with http:// or https://",
	"Ngày/tháng/năm, ví dụ 31/01/2026":                "Day/month/year, for example 31/01/2026",
	"Số nguyên, ví dụ 20.012":                         "A whole number, for example 20.012",
	"Số tiền bằng đồng, số nguyên, ví dụ 626.000.000": "An amount in đồng, a whole number, for example 626.000.000",
	"Có hoặc không":                                   "Yes or no",
	"Bản ghi công tác":                                "Work records",
	"Cập nhật bản ghi công tác":                       "Edit work records",
	"Thêm bản ghi công tác":                           "Add a work record",
	"Sửa bản ghi công tác":                            "Change a work record",
	"Xóa bản ghi công tác":                            "Delete a work record",
	"Nhập bản ghi công tác từ tệp Excel":              "Import work records from Excel",
	"Xuất danh sách bản ghi công tác":                 "Export a list of work records",
	"Dòng %v: không có đơn vị mã %q trong %s.":        "Row %v: there is no unit with code %q in %s.",
}

func init() { joinEnglish(recordsPagesEnglish) }
