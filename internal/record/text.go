// Package record reads and writes the values of the declared kinds of record
// (tuyengiao.RecordKind) as people type and read them, in forms and spreadsheet cells: the
// Vietnamese way, 20.012 and 31/01/2026. The web pages and the spreadsheets share it, so that
// a value reads the same in both.
package record

import (
	"slices"
	"strconv"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// Parse reads the value of field f from the text s as a person types it or a spreadsheet
// cell holds it: a day as 31/01/2026 (or 2026-01-31), a number with its thousands grouped by
// dots or spaces (20.012; a sum of money may end in "đồng" or "đ"), a choice by its code or
// its name in either language, ignoring case and diacritics, yes as "có", "x" or "1". An empty
// text is the field's zero. It names f in its error; the value is checked by Validate after.
func Parse(f *tuyengiao.RecordField, s string) (any, error) {
	if f.Type == tuyengiao.FieldNote {
		// Its paragraphs stay: the store puts each line in NFC.
		return strings.TrimSpace(s), nil
	}
	s = vn.NFC(s)
	switch f.Type {
	case tuyengiao.FieldDay:
		if s == "" {
			return tuyengiao.Date{}, nil
		}
		t, err := vn.ParseDate(s)
		if err != nil {
			return nil, tuyengiao.FieldError(f.Name, "%s: %q không phải một ngày (cần dạng 31/01/2026).", f.Label, s)
		}
		return tuyengiao.GivenDate(t), nil
	case tuyengiao.FieldCount, tuyengiao.FieldMoney:
		return parseNumber(f, s)
	case tuyengiao.FieldYesNo:
		switch vn.Fold(s) {
		case "", "khong", "0", "no", "false":
			return false, nil
		case "co", "x", "1", "yes", "true":
			return true, nil
		}
		return nil, tuyengiao.FieldError(f.Name, "%s: %q không phải \"có\" hoặc \"không\".", f.Label, s)
	case tuyengiao.FieldChoice:
		return choice(f, s), nil
	case tuyengiao.FieldRef, tuyengiao.FieldPerson:
		return parseRef(f, s)
	}
	return s, nil
}

// parseRef reads the number of the record a ref field names, written as the lists show it
// ("#12" or "12"), or of the person a person field names; none when empty.
func parseRef(f *tuyengiao.RecordField, s string) (any, error) {
	if s = strings.TrimPrefix(s, "#"); s == "" {
		return int64(0), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || strings.HasPrefix(s, "+") {
		return nil, tuyengiao.FieldError(f.Name, "%s: %q không phải số của một bản ghi (viết như #12).", f.Label, s)
	}
	return n, nil
}

// parseNumber reads a whole number of f written with its thousands grouped.
func parseNumber(f *tuyengiao.RecordField, s string) (any, error) {
	if f.Type == tuyengiao.FieldMoney {
		for _, unit := range []string{"đồng", "đ", "VNĐ", "VND"} {
			s = strings.TrimSpace(strings.TrimSuffix(s, unit))
		}
	}
	if s == "" {
		return int64(0), nil
	}
	grouped := strings.NewReplacer(" ", ".", "\u00a0", ".").Replace(s)
	groups := strings.Split(grouped, ".")
	n, err := strconv.ParseInt(strings.Join(groups, ""), 10, 64)
	// Every group after the first has three digits: "1.5" is a decimal, not fifteen.
	if err != nil || strings.HasPrefix(s, "+") || slices.ContainsFunc(groups[1:], func(g string) bool { return len(g) != 3 }) {
		return nil, tuyengiao.FieldError(f.Name, "%s: %q không phải một số nguyên (viết như 20.012).", f.Label, s)
	}
	return n, nil
}

// choice returns the code of the option of f that s names by its code or either of its names,
// ignoring case and diacritics; s itself when none does, for Validate to refuse.
func choice(f *tuyengiao.RecordField, s string) string {
	folded := vn.Fold(s)
	for _, o := range f.Options {
		if s == o.Code || folded == vn.Fold(o.Name) || folded == vn.Fold(o.NameEn) {
			return o.Code
		}
	}
	return s
}

// ParseValues reads the values of a record of kind k from the texts value gives by field
// name (a form's fields, a spreadsheet row's cells), each by Parse; a field value returns
// ok false for is not given and left out, so that Validate gives it its zero.
func ParseValues(k *tuyengiao.RecordKind, value func(name string) (text string, ok bool)) (tuyengiao.RecordValues, error) {
	v := tuyengiao.RecordValues{}
	for i := range k.Fields {
		f := &k.Fields[i]
		s, ok := value(f.Name)
		if !ok {
			continue
		}
		val, err := Parse(f, s)
		if err != nil {
			return nil, err
		}
		v[f.Name] = val
	}
	return v, nil
}

// Text writes the value val of field f for a reader of lang ("vi" or "en"): a day as
// 31/01/2026, a number as 20.012, a choice by its name, yes or no in words, the record a
// ref names by its number (#12); "" for no day and no record.
func Text(f *tuyengiao.RecordField, val any, lang string) string {
	if n, ok := val.(int64); ok && (f.Type == tuyengiao.FieldRef || f.Type == tuyengiao.FieldPerson) {
		if n == 0 {
			return ""
		}
		return "#" + strconv.FormatInt(n, 10)
	}
	switch val := val.(type) {
	case tuyengiao.Date:
		if val.IsZero() {
			return ""
		}
		return val.Format("02/01/2006")
	case int64:
		return vn.Int(val)
	case bool:
		switch {
		case val && lang == "en":
			return "Yes"
		case val:
			return "Có"
		case lang == "en":
			return "No"
		}
		return "Không"
	case string:
		if o, ok := f.Option(val); ok && f.Type == tuyengiao.FieldChoice {
			if lang == "en" {
				return o.NameEn
			}
			return o.Name
		}
		return val
	}
	return ""
}

// typeWords say in Vietnamese how a value of each type of field is written.
var typeWords = map[tuyengiao.FieldType]string{
	tuyengiao.FieldText:   "Một dòng chữ",
	tuyengiao.FieldNote:   "Chữ, có thể nhiều đoạn",
	tuyengiao.FieldChoice: "Một trong danh sách",
	tuyengiao.FieldLink:   "Địa chỉ bắt đầu bằng http:// hoặc https://",
	tuyengiao.FieldDay:    "Ngày/tháng/năm, ví dụ 31/01/2026",
	tuyengiao.FieldCount:  "Số nguyên, ví dụ 20.012",
	tuyengiao.FieldMoney:  "Số tiền bằng đồng, số nguyên, ví dụ 626.000.000",
	tuyengiao.FieldYesNo:  "Có hoặc không",
	tuyengiao.FieldRef:    "Số của một bản ghi như danh sách ghi, ví dụ #12; để trống nếu không có",
	tuyengiao.FieldPerson: "Số của một người trong danh sách đảng viên, ví dụ #1024; để trống nếu không có",
}

// TypeWords says in Vietnamese how a value of the type t is written, for the guides of an
// import (the page and the template's sheet "Hướng dẫn").
func TypeWords(t tuyengiao.FieldType) string { return typeWords[t] }
