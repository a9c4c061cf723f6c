package tuyengiao

import (
	"strings"
	"unicode/utf8"
)

// The limits of what a template or a report holds: generous for the longest annual report,
// small enough that a page or a document of one stays readable and storable.
const (
	reportMaxSubject    = 1000   // characters of the subject line
	reportMaxSections   = 200    // sections of a template or a report
	reportMaxTitle      = 500    // characters of a section's title
	reportMaxText       = 100000 // characters of a section's text
	reportMaxTotal      = 500000 // characters of all the sections, some 170 pages (20 million took 1 GB as a PDF)
	reportMaxTable      = 50     // indicators of a section's table
	reportMaxCode       = 64     // characters of an indicator's code
	reportMaxLine       = 200    // characters of a line of the head and the foot
	reportMaxRecipients = 30     // lines of "Nơi nhận"
	reportMaxNumber     = 50     // characters of a report's symbol
)

// Validate checks a template as a system administrator saves it: its code, name and kind of
// period, and its text within the limits of a report's (Report.Validate). The tokens of the
// text are the report service's to check, against the catalogue of indicators.
func (t *ReportTemplate) Validate() error {
	if t.Code == "" || len(t.Code) > reportMaxCode || strings.Trim(t.Code, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
		return FieldError("code", "Mã mẫu báo cáo gồm chữ thường không dấu, chữ số và dấu gạch ngang, dài từ 1 đến 64 ký tự.")
	}
	if strings.TrimSpace(t.Name) == "" {
		return FieldError("name", "Chưa nhập tên mẫu báo cáo.")
	} else if utf8.RuneCountInString(t.Name) > reportMaxLine {
		return FieldError("name", "Tên mẫu báo cáo dài quá 200 ký tự.")
	}
	if t.PeriodKind != "" && !t.PeriodKind.Valid() {
		return FieldError("period_kind", "Loại kỳ báo cáo %q không có trong danh mục.", t.PeriodKind)
	}
	return checkReportText(t.Subject, t.Sections, t.Signing)
}

// Validate checks what a report holds as it is saved: its text within the limits above and
// its symbol; a final report has a symbol and a signing day. The day's plausible range and
// the figures are the store's and the service's to check.
func (r *Report) Validate() error {
	if err := checkReportText(r.Subject, r.Sections, r.ReportSigningPart); err != nil {
		return err
	}
	if utf8.RuneCountInString(r.Number) > reportMaxNumber {
		return FieldError("number", "Số hiệu báo cáo dài quá 50 ký tự.")
	}
	if r.Status == ReportFinal && strings.TrimSpace(r.Number) == "" {
		return FieldError("number", "Chưa nhập số hiệu báo cáo (ví dụ 12-BC/BTGTU).")
	} else if r.Status == ReportFinal && (r.SignedOn == nil || r.SignedOn.IsZero()) {
		return FieldError("signed_on", "Chưa nhập ngày ký báo cáo.")
	}
	return nil
}

// checkReportText checks the subject, the sections and the signing part of a template or a
// report against the limits, naming the field and the section.
func checkReportText(subject string, sections []ReportSection, s ReportSigningPart) error {
	if utf8.RuneCountInString(subject) > reportMaxSubject {
		return FieldError("subject", "Trích yếu báo cáo dài quá 1.000 ký tự.")
	}
	if len(sections) > reportMaxSections {
		return FieldError("sections", "Báo cáo có tối đa 200 phần, đang có %d phần.", len(sections))
	}
	total := 0
	for i, sec := range sections {
		if err := sec.check(i + 1); err != nil {
			return err
		}
		total += utf8.RuneCountInString(sec.Title) + utf8.RuneCountInString(sec.Text)
	}
	if total > reportMaxTotal {
		return FieldError("sections", "Toàn văn báo cáo dài quá 500.000 ký tự: rút gọn nội dung các phần.")
	}
	for _, l := range []struct{ field, name, text string }{
		{"superior", "Tên cấp ủy cấp trên", s.Superior}, {"issuer", "Tên cơ quan ban hành", s.Issuer},
		{"sign_for", "Dòng thẩm quyền ký", s.SignFor}, {"signer_title", "Chức vụ người ký", s.SignerTitle},
		{"signer", "Họ tên người ký", s.Signer}, {"place", "Địa danh", s.Place},
	} {
		if utf8.RuneCountInString(l.text) > reportMaxLine {
			return FieldError(l.field, "%s dài quá 200 ký tự.", l.name)
		}
	}
	if len(s.Recipients) > reportMaxRecipients {
		return FieldError("recipients", "Nơi nhận có tối đa 30 dòng, đang có %d dòng.", len(s.Recipients))
	}
	for i, r := range s.Recipients {
		if utf8.RuneCountInString(r) > reportMaxLine {
			return FieldError("recipients", "Dòng %d của nơi nhận dài quá 200 ký tự.", i+1)
		}
	}
	return nil
}

// check checks section n (from 1) against the limits.
func (s ReportSection) check(n int) error {
	switch {
	case utf8.RuneCountInString(s.Title) > reportMaxTitle:
		return FieldError("sections", "Tiêu đề phần %d dài quá 500 ký tự.", n)
	case utf8.RuneCountInString(s.Text) > reportMaxText:
		return FieldError("sections", "Nội dung phần %d (%s) dài quá 100.000 ký tự.", n, s.Title)
	case len(s.Table) > reportMaxTable:
		return FieldError("sections", "Bảng số liệu của phần %d (%s) có tối đa 50 chỉ tiêu.", n, s.Title)
	case len(s.Chart) > reportMaxCode:
		return FieldError("sections", "Mã chỉ tiêu của biểu đồ phần %d (%s) dài quá 64 ký tự.", n, s.Title)
	}
	for _, code := range s.Table {
		if code == "" || len(code) > reportMaxCode {
			return FieldError("sections", "Bảng số liệu của phần %d (%s) có mã chỉ tiêu trống hoặc dài quá 64 ký tự.", n, s.Title)
		}
	}
	return nil
}
