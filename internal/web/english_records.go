package web

import "tuyengiao"

// recordsEnglish translates the messages of the records of the declared kinds (the root's
// checks of their values).
var recordsEnglish = map[string]string{
	"%s %q không có trong danh sách.":                        "%s %q is not in the list.",
	"%s không phải văn bản UTF-8 hợp lệ.":                    "%s is not valid UTF-8 text.",
	"%s phải có dạng năm-tháng-ngày, ví dụ \"2026-05-19\".":  "%s must be written year-month-day, for example \"2026-05-19\".",
	"%s phải là có hoặc không.":                              "%s must be yes or no.",
	"%s phải là true hoặc false.":                            "%s must be true or false.",
	"%s phải là một ngày.":                                   "%s must be a day.",
	"%s phải là một số nguyên.":                              "%s must be a whole number.",
	"%s phải là văn bản.":                                    "%s must be text.",
	"%s phải là địa chỉ bắt đầu bằng http:// hoặc https://.": "%s must be an address beginning with http:// or https://.",
	"%s phải từ 0 đến %d.":                                   "%s must be from 0 to %d.",
	"%s: %q không phải \"có\" hoặc \"không\".":               "%s: %q is not \"yes\" or \"no\".",
	"%s: %q không phải một ngày (cần dạng 31/01/2026).":      "%s: %q is not a day (write it as 31/01/2026).",
	"%s: %q không phải một số nguyên (viết như 20.012).":     "%s: %q is not a whole number (write it as 20.012).",
	"%s chỉ gồm một dòng.":                                   "%s must be a single line.",
	"%s dài quá %d ký tự.":                                   "%s is longer than %d characters.",
	"Ngày kết thúc (%s) phải từ ngày bắt đầu (%s) trở đi.":   "The end day (%s) must be on or after the start day (%s).",
	"Chưa nhập %s.":                                          "%s is missing.",
	"Chưa nhập tiêu đề của tin, bài (chỉ để trống khi nhập số đếm của cả kỳ).": "Enter the item's title (leave it blank only for a count over a period).",
	"Không có trường %q.":                                                             "There is no field %q.",
	"Trường %q có kiểu %q không hợp lệ.":                                              "Field %q has the invalid type %q.",
	"Các đối tượng cộng lại là %d, nhiều hơn tổng số %d.":                             "The audiences add up to %d, more than the total of %d.",
	"Các đối tượng cộng lại là %d, quá giới hạn %d.":                                  "The audiences add up to %d, beyond the limit of %d.",
	"Chưa nhập số đơn vị được kiểm tra, giám sát.":                                    "Enter the number of units inspected or supervised.",
	"Chưa nhập ngày kết thúc theo dõi của cuộc kiểm tra, giám sát đã khắc phục xong.": "Enter the day the follow-up of the closed visit ended.",
	"Chỉ nhập ngày kết thúc theo dõi khi đã khắc phục xong.":                          "Enter the day the follow-up ended only once it is closed.",
	"Ngày kết thúc theo dõi phải từ ngày bắt đầu trở đi.":                             "The follow-up cannot end before the visit began.",
	"Chưa chọn nguồn kinh phí của công trình, phần việc có giá trị.":                  "Choose the funding of a work with a value.",

	// The spreadsheets of records (internal/xlsximport).
	"Không tìm thấy dòng tiêu đề trong %d dòng đầu của trang tính đầu tiên: cần các cột như trong tệp mẫu, ví dụ %s.": "No header row in the first %d rows of the first sheet: the columns must be named as in the template, for example %s.",
	// The record store's (internal/sqldb).
	"Đơn vị %s đã đóng: không ghi thêm hay sửa bản ghi của đơn vị này.": "Unit %s is closed: its records can no longer be added or changed.",
	"Không tìm thấy %s.": "The %s was not found.",
	"Có người đã lưu %s này sau phiên bản %v mà bạn đang sửa. Vui lòng tải lại rồi sửa.":               "Someone saved this %s after version %v, which you are editing. Reload it, then edit it.",
	"Chỉ lọc được theo trường chọn từ danh sách, có/không hoặc bản ghi; %s không phải trường như vậy.": "Only a field chosen from a list, a yes/no field or a record can filter; %s is not one.",
	"%s chỉ lọc theo none hoặc số của một bản ghi.":                                                    "%s filters by none or the number of a record.",
	"%s chỉ lọc theo yes hoặc no.":                                          "%s filters by yes or no.",
	"Chưa chọn giá trị để lọc theo %s.":                                     "Choose a value to filter %s by.",
	"Chỉ chia theo trường chọn từ danh sách; %q không phải trường như vậy.": "Only a field chosen from a list can break figures down; %q is not one.",
	"Không có cách xem %q.":                                                 "There is no view %q.",
	"%s phải là số của một bản ghi.":                                        "%s must be the number of a record.",
	"%s: %q không phải số của một bản ghi (viết như #12).":                  "%s: %q is not the number of a record (write it as #12).",
	"%s: không có bản ghi số %d ở đơn vị này hay đơn vị cấp trên.":          "%s: there is no record number %d at this unit or a unit above it.",
	"%s: không có người số %d trong danh sách.":                             "%s: there is no person number %d on the register.",
	"%s phải là một bản ghi khác của cùng đơn vị.":                          "%s must be another record of the same unit.",
	"%s số %d đã thuộc một nhóm khác: chỉ xếp nhóm một cấp.":                "%s number %d is in a group itself: groups are one level deep.",
	"Bản ghi này đang là nhóm của %d bản ghi khác: chỉ xếp nhóm một cấp.":   "This record is the group of %d others: groups are one level deep.",
	"Chưa chọn %s.": "Choose %s.",
	"Không xóa được: %d %s còn ghi bản ghi này ở trường %s.":                                 "Not deleted: %d %s still name this record in the field %s.",
	"Ngày thôi tham gia phải từ ngày công nhận trở đi.":                                      "The day they left must be on or after the day they were recognised.",
	"Chưa nhập ngày hoàn thành của nhiệm vụ đã hoàn thành.":                                  "Enter the day the completed task was done.",
	"Chỉ nhập ngày hoàn thành khi nhiệm vụ đã hoàn thành.":                                   "Enter a day done only for a completed task.",
	"Chưa chọn đơn vị nào để giao.":                                                          "Choose the units to hand it down to.",
	"Đơn vị số %d không ở ngay dưới đơn vị này, đã được giao, hoặc bạn không được ghi ở đó.": "Unit %d is not right below this unit, has it already, or you may not write there.",
	"Không chuyển được sang đơn vị khác: %d %s còn ghi bản ghi này ở trường %s.":             "Not moved to another unit: %d %s still name this record in the field %s.",
}

// init joins the messages and the words of every declared kind: its names, its fields'
// labels and hints, its options' names and its indicators' names and measures.
func init() {
	joinEnglish(recordsEnglish)
	joinEnglish(map[string]string{"Truyền thông, báo chí": "Media and press", "Tuyên truyền miệng": "Oral outreach",
		"Bồi dưỡng, sinh hoạt chuyên đề": "Training and thematic meetings", "Hội nghị, giao ban": "Meetings and briefings",
		"Kiểm tra, giám sát": "Inspection and supervision", "Thi đua, khen thưởng": "Emulation and commendation",
		"Công trình chào mừng": "Works in honour of congresses", "Chương trình công tác": "Work programme"})
	words := map[string]string{}
	for _, k := range tuyengiao.RecordKinds() {
		for _, ind := range k.Indicators {
			words[ind.Name], words[ind.Measure], words[ind.Base] = ind.NameEn, ind.MeasureEn, ind.BaseEn
		}
	}
	// A kind's names come after the measures, so that where one reads as both ("tin, bài"),
	// the messages about a record, which name it by One, read in the singular.
	for _, k := range tuyengiao.RecordKinds() {
		words[k.Name], words[k.One] = k.NameEn, k.OneEn
		for _, f := range k.Fields {
			words[f.Label], words[f.Hint] = f.LabelEn, f.HintEn
			for _, o := range f.Options {
				words[o.Name] = o.NameEn
			}
		}
		for _, o := range k.States {
			words[o.Name] = o.NameEn
		}
		for _, v := range k.Views {
			words[v.Name] = v.NameEn
		}
	}
	delete(words, "")
	joinEnglish(words)
}
