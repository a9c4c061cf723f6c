package web

// recordNotesEnglish translates the words of the notes on records: their section of the
// record's page, their messages and their audit.
var recordNotesEnglish = map[string]string{
	"Diễn biến, minh chứng": "Progress and evidence",
	"Chưa có ghi nhận nào.": "No notes yet.",
	"Thêm ghi nhận":         "Add a note",
	"Xóa ghi nhận":          "Delete the note",
	"Ghi nhận lúc":          "Noted at",
	"Tệp minh chứng: PDF, DOCX hoặc ảnh JPEG, PNG, tối đa 10 MB": "Evidence file: PDF, DOCX, or a JPEG or PNG photo, at most 10 MB",
	"Đã thêm ghi nhận.": "The note was added.",
	"Thêm ghi nhận diễn biến, minh chứng vào bản ghi công tác": "Add a progress note or evidence to a work record",
	"Xóa ghi nhận diễn biến, minh chứng của bản ghi công tác":  "Delete a progress note or evidence of a work record",
	"Nội dung không phải văn bản UTF-8 hợp lệ.":                "The text is not valid UTF-8.",
	"Nội dung dài quá %d ký tự.":                               "The text is longer than %d characters.",
	"Ghi nhận cần có nội dung hoặc tệp đính kèm.":              "A note needs a text or an attached file.",
	"Không tìm thấy ghi nhận.":                                 "Note not found.",
	"Ghi nhận này không có tệp đính kèm.":                      "This note has no attached file.",
	"Chỉ nhận tệp PDF, DOCX hoặc ảnh JPEG, PNG.":               "Only PDF or DOCX files, or JPEG or PNG photos, are accepted.",
	"Tệp ảnh bị hỏng, không đọc được.":                         "The photo is damaged and cannot be read.",
}

func init() { joinEnglish(recordNotesEnglish) }
