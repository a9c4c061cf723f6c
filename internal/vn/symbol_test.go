package vn

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestParseSymbol(t *testing.T) {
	party := func(number, typ, issuer string) Symbol {
		return Symbol{Number: number, Type: typ, Issuer: issuer, Kind: PartySymbol, KnownIssuer: true}
	}
	state := func(number string, year int, typ, issuer string) Symbol {
		return Symbol{Number: number, Type: typ, Issuer: issuer, Year: year, Kind: StateSymbol, KnownIssuer: true}
	}
	unknown := func(s Symbol) Symbol { s.KnownIssuer = false; return s }
	for _, c := range []struct {
		behaviour string
		in        string
		want      Symbol
		canonical string
	}{
		{"reads a resolution of the Politburo", "35-NQ/TW", party("35", "NQ", "TW"), "35-NQ/TW"},
		{"reads a directive", "05-CT/TW", party("05", "CT", "TW"), "05-CT/TW"},
		{"reads a conclusion", "01-KL/TW", party("01", "KL", "TW"), "01-KL/TW"},
		{"reads a regulation numbered QĐ", "37-QĐ/TW", party("37", "QĐ", "TW"), "37-QĐ/TW"},
		{"reads an action programme of the city committee", "12-CTr/TU", party("12", "CTr", "TU"), "12-CTr/TU"},
		{"reads a plan of a district committee", "138-KH/QU", party("138", "KH", "QU"), "138-KH/QU"},
		{"reads a project", "03-ĐA/TU", party("03", "ĐA", "TU"), "03-ĐA/TU"},
		{"reads guidance of the Central Office", "36-HD/VPTW", party("36", "HD", "VPTW"), "36-HD/VPTW"},
		{"reads a report of the commission", "12-BC/BTGTU", party("12", "BC", "BTGTU"), "12-BC/BTGTU"},
		{"reads the seeds' resolution 45", "45-NQ/TW", party("45", "NQ", "TW"), "45-NQ/TW"},
		{"reads the seeds' regulation 41", "41-QĐ/TW", party("41", "QĐ", "TW"), "41-QĐ/TW"},
		{"reads the seeds' provincial resolution 40", "40-NQ/TU", party("40", "NQ", "TU"), "40-NQ/TU"},
		{"reads the seeds' provincial resolution 81", "81-NQ/TU", party("81", "NQ", "TU"), "81-NQ/TU"},
		{"reads the seeds' conclusion 21", "21-KL/TW", party("21", "KL", "TW"), "21-KL/TW"},
		{"reads the seeds' programme 02", "02-CTr/TU", party("02", "CTr", "TU"), "02-CTr/TU"},
		{"reads spaces around the dash", "138 - KH/QU", party("138", "KH", "QU"), "138-KH/QU"},
		{"reads an en dash", "35–NQ/TW", party("35", "NQ", "TW"), "35-NQ/TW"},
		{"reads an em dash and spaces around the slash", "35 — NQ / TW", party("35", "NQ", "TW"), "35-NQ/TW"},
		{"reads a non-breaking hyphen", "35\u2011NQ/TW", party("35", "NQ", "TW"), "35-NQ/TW"},
		{"reads non-breaking spaces and a soft hyphen", "35\u00a0-\u00a0N\u00adQ/TW", party("35", "NQ", "TW"), "35-NQ/TW"},
		{"reads lower case into the canonical spelling", "12-ctr/tu", party("12", "CTr", "TU"), "12-CTr/TU"},
		{"reads mixed case", "37-qđ/Tw", party("37", "QĐ", "TW"), "37-QĐ/TW"},
		{"reads decomposed Unicode", norm.NFD.String("03-ĐA/TU"), party("03", "ĐA", "TU"), "03-ĐA/TU"},
		{"reads ĐA typed as DA", "03-DA/TU", party("03", "ĐA", "TU"), "03-ĐA/TU"},
		{"reads QĐ typed as qd", "37-qd/tw", party("37", "QĐ", "TW"), "37-QĐ/TW"},
		{"reads ĐU typed as DU", "07-NQ/du", party("07", "NQ", "ĐU"), "07-NQ/ĐU"},
		{"reads a resolution named in prose", "Nghị quyết số 35-NQ/TW", party("35", "NQ", "TW"), "35-NQ/TW"},
		{"reads prose without diacritics", "nghi quyet so 35-nq/tw", party("35", "NQ", "TW"), "35-NQ/TW"},
		{"reads a directive named without số", "Chỉ thị 05-CT/TW", party("05", "CT", "TW"), "05-CT/TW"},
		{"reads an action programme named in prose", "Chương trình hành động số 12-CTr/TU", party("12", "CTr", "TU"), "12-CTr/TU"},
		{"reads the seeds' plan as written", "Kế hoạch 138 - KH/QU", party("138", "KH", "QU"), "138-KH/QU"},
		{"reads a Quy định numbered QĐ", "Quy định số 37-QĐ/TW", party("37", "QĐ", "TW"), "37-QĐ/TW"},
		{"reads a Quy định numbered QĐi", "Quy định số 08-QĐi/TW", party("08", "QĐi", "TW"), "08-QĐi/TW"},
		{"reads the heading of a document", "Số: 12-BC/BTGTU", party("12", "BC", "BTGTU"), "12-BC/BTGTU"},
		{"reads a project named in prose with DA", "Đề án số 03-DA/TU", party("03", "ĐA", "TU"), "03-ĐA/TU"},
		{"reads words that name no type", "Văn bản số 36-HD/VPTW", party("36", "HD", "VPTW"), "36-HD/VPTW"},
		{"ignores the full stop of a sentence", "Kết luận số 01-KL/TW.", party("01", "KL", "TW"), "01-KL/TW"},
		{"reads a Party công văn", "123-CV/BTGTU", party("123", "CV", "BTGTU"), "123-CV/BTGTU"},
		{"reads a numbered steering committee", "10-KH/bcd35", party("10", "KH", "BCĐ35"), "10-KH/BCĐ35"},
		{"reads a joint issuer", "01-HDLT/BTGTW - BTCTW", party("01", "HDLT", "BTGTW-BTCTW"), "01-HDLT/BTGTW-BTCTW"},
		{"accepts and flags an unknown issuer", "15-KH/ĐUP", unknown(party("15", "KH", "ĐUP")), "15-KH/ĐUP"},
		{"writes an unknown issuer in upper case", "15-kh/đup", unknown(party("15", "KH", "ĐUP")), "15-KH/ĐUP"},
		{"does not take TƯ for TU, Tỉnh ủy", "35-NQ/TƯ", unknown(party("35", "NQ", "TƯ")), "35-NQ/TƯ"},
		{"flags a joint issuer with an unknown code", "02-KHLT/BTGTU-HLHPN", unknown(party("02", "KHLT", "BTGTU-HLHPN")), "02-KHLT/BTGTU-HLHPN"},

		{"reads a resolution of the National Assembly", "54/2017/QH14", state("54", 2017, "", "QH14"), "54/2017/QH14"},
		{"reads a decree", "13/2023/NĐ-CP", state("13", 2023, "NĐ", "CP"), "13/2023/NĐ-CP"},
		{"reads a circular", "01/2021/TT-BTTTT", state("01", 2021, "TT", "BTTTT"), "01/2021/TT-BTTTT"},
		{"reads a decision without year", "123/QĐ-UBND", state("123", 0, "QĐ", "UBND"), "123/QĐ-UBND"},
		{"reads a State symbol in lower case", "13/2023/nd-cp", state("13", 2023, "NĐ", "CP"), "13/2023/NĐ-CP"},
		{"reads the Prime Minister's code in its spelling", "1234/qd-ttg", state("1234", 0, "QĐ", "TTg"), "1234/QĐ-TTg"},
		{"reads a joint circular", "01/2015/TTLT-BTP-BTC", state("01", 2015, "TTLT", "BTP-BTC"), "01/2015/TTLT-BTP-BTC"},
		{"reads a resolution of a people's council", "12/2023/NQ-HĐND", state("12", 2023, "NQ", "HĐND"), "12/2023/NQ-HĐND"},
		{"reads a State công văn with its drafting unit", "45/UBND-VX", unknown(state("45", 0, "", "UBND-VX")), "45/UBND-VX"},
		{"reads a decree named in prose", "Nghị định số 13/2023/NĐ-CP", state("13", 2023, "NĐ", "CP"), "13/2023/NĐ-CP"},
		{"reads TT as Thông tư in a State symbol", "Thông tư 01/2021/TT-BTTTT", state("01", 2021, "TT", "BTTTT"), "01/2021/TT-BTTTT"},
		{"reads a law named in prose", "Luật số 80/2015/QH13", state("80", 2015, "", "QH13"), "80/2015/QH13"},
		{"reads DA as Dự án, not Đề án, in a State symbol", "15/DA-UBND", state("15", 0, "DA", "UBND"), "15/DA-UBND"},
		{"reads spaces and dashes in a State symbol", "13 / 2023 / NĐ – CP", state("13", 2023, "NĐ", "CP"), "13/2023/NĐ-CP"},
		{"flags an unknown State issuer after a known type", "123/QĐ-XYZ", unknown(state("123", 0, "QĐ", "XYZ")), "123/QĐ-XYZ"},
	} {
		t.Run(c.behaviour, func(t *testing.T) {
			got, err := ParseSymbol(c.in, nil)
			if err != nil {
				t.Fatalf("ParseSymbol(%q): %v", c.in, err)
			}
			if got != c.want {
				t.Fatalf("ParseSymbol(%q) = %#v, want %#v", c.in, got, c.want)
			}
			if got.String() != c.canonical {
				t.Fatalf("String() = %q, want %q", got.String(), c.canonical)
			}
			again, err := ParseSymbol(got.String(), nil)
			if err != nil || again != got {
				t.Fatalf("the canonical form %q reads back as %#v, %v", got.String(), again, err)
			}
		})
	}
}

func TestParseSymbolErrors(t *testing.T) {
	next := time.Now().In(Zone).Year() + 1
	for _, c := range []struct {
		behaviour string
		in        string
		message   string
	}{
		{"refuses nothing", "  ", "Chưa nhập số, ký hiệu văn bản (ví dụ 35-NQ/TW hoặc 13/2023/NĐ-CP)."},
		{"refuses a symbol without number", "-NQ/TW", "Thiếu số văn bản trước dấu '-'."},
		{"refuses a symbol in prose without number", "Nghị quyết số –NQ/TW", "Thiếu số văn bản trước dấu '–'."},
		{"refuses a State symbol without number", "/QĐ-UBND", "Thiếu số văn bản trước dấu '/'."},
		{"refuses a name without symbol", "Nghị quyết", "Thiếu số văn bản (ví dụ 35-NQ/TW hoặc 13/2023/NĐ-CP)."},
		{"refuses a number alone", "Nghị quyết 35", "Thiếu ký hiệu sau số 35 (ví dụ 35-NQ/TW hoặc 35/2023/NĐ-CP)."},
		{"refuses a number without its dash", "35 NQ/TW", "Thiếu dấu '-' hoặc '/' giữa số 35 và ký hiệu (ví dụ 35-NQ/TW hoặc 35/2023/NĐ-CP)."},
		{"refuses letters in the number", "35a-NQ/TW", "Số văn bản '35a' chỉ được gồm chữ số."},
		{"refuses the number zero", "00-NQ/TW", "Số văn bản phải lớn hơn 0."},
		{"refuses a number too long", "1234567-NQ/TW", "Số văn bản '1234567' dài quá 6 chữ số."},
		{"refuses an unknown type", "35-NX/TW", "Loại văn bản 'NX' không có trong danh mục (ví dụ: NQ, CT, KL, QĐ, CTr, KH, ĐA, HD)."},
		{"refuses digits in the type", "35-N1/TW", "Loại văn bản 'N1' chỉ được gồm chữ cái."},
		{"refuses a missing type", "35-/TW", "Thiếu loại văn bản giữa dấu '-' và dấu '/' (ví dụ 35-NQ/TW)."},
		{"refuses a symbol that stops at the dash", "35-", "Thiếu loại văn bản sau dấu '-' (ví dụ 35-NQ/TW)."},
		{"refuses two dashes", "35--NQ/TW", "Thừa dấu '-' sau số 35."},
		{"refuses a symbol without issuer", "35-NQ/", "Thiếu cơ quan ban hành sau dấu '/'."},
		{"refuses a symbol without slash", "35-NQ", "Thiếu dấu '/' và cơ quan ban hành sau loại văn bản NQ (ví dụ 35-NQ/TW)."},
		{"refuses a dash for the slash", "35-NQ-TW", "Giữa loại văn bản và cơ quan ban hành phải là dấu '/', không phải '-' (ví dụ 35-NQ/TW)."},
		{"refuses an issuer that starts with a digit", "35-NQ/1TW", "Cơ quan ban hành '1TW' phải bắt đầu bằng chữ cái."},
		{"refuses an issuer too long", "35-NQ/" + strings.Repeat("A", 21), "Cơ quan ban hành '" + strings.Repeat("A", 21) + "' dài quá 20 ký tự."},
		{"refuses a trailing dash", "35-NQ/TW-", "Thiếu cơ quan ban hành sau dấu '-'."},
		{"refuses two slashes", "35-NQ//TW", "Thiếu cơ quan ban hành sau dấu '/'."},
		{"refuses text after the symbol", "35-NQ/TW ngày 25/10/2018", "Thừa 'ngày 25/10/2018' sau ký hiệu văn bản."},
		{"refuses a year after a Party symbol", "35-NQ/TW/2018", "Thừa '/2018' sau ký hiệu văn bản."},
		{"refuses a stray character", "35-NQ/TW#", "Ký tự '#' không hợp lệ trong số, ký hiệu văn bản."},
		{"refuses a stray character before the number", "#35-NQ/TW", "Ký tự '#' không hợp lệ trong số, ký hiệu văn bản."},
		{"names an invisible character by its code point", "35-NQ/TW\u20dd", "Ký tự U+20DD không hợp lệ trong số, ký hiệu văn bản."},
		{"refuses prose that names another type", "Chỉ thị số 35-NQ/TW", "Ký hiệu NQ là Nghị quyết, không phải Chỉ thị."},
		{"refuses a Quyết định numbered QĐi", "Quyết định số 08-QĐi/TW", "Ký hiệu QĐi là Quy định, không phải Quyết định."},
		{"refuses a State Quy định numbered QĐ", "Quy định số 123/QĐ-UBND", "Ký hiệu QĐ là Quyết định, không phải Quy định."},
		{"refuses a State type in a Party symbol", "13-NĐ/CP", "NĐ (Nghị định) là loại văn bản của Nhà nước, có ký hiệu dạng 13/NĐ-CƠ QUAN hoặc 13/NĂM/NĐ-CƠ QUAN (ví dụ 13/2023/NĐ-CP)."},
		{"refuses a Party symbol in the State's form", "35/NQ-TW", "TW là cơ quan của Đảng; ký hiệu văn bản của Đảng ghi dạng 35-NQ/TW."},
		{"refuses a State symbol in the Party's form", "123-QĐ/ubnd", "UBND là cơ quan nhà nước; ký hiệu văn bản nhà nước ghi dạng 123/QĐ-UBND."},
		{"refuses a Party body after a slash", "35/TW", "TW là cơ quan của Đảng; ký hiệu văn bản của Đảng ghi dạng số-loại/cơ quan, ví dụ 35-NQ/TW."},
		{"refuses a year in the future", "13/2117/NĐ-CP", fmt.Sprintf("Năm 2117 không hợp lệ (năm ban hành từ 1945 đến %d).", next)},
		{"refuses a year before 1945", "13/1900/NĐ-CP", fmt.Sprintf("Năm 1900 không hợp lệ (năm ban hành từ 1945 đến %d).", next)},
		{"refuses a year of two digits", "13/23/NĐ-CP", "Năm '23' không hợp lệ: năm ghi đủ 4 chữ số (ví dụ 13/2023/NĐ-CP)."},
		{"refuses an unknown State type", "13/2023/NX-CP", "Loại văn bản 'NX' không có trong danh mục văn bản nhà nước (ví dụ: NĐ, TT, QĐ, NQ, CT, KH, TB, HD)."},
		{"refuses a State symbol that stops at the year", "13/2023", "Thiếu loại văn bản và cơ quan ban hành sau năm 2023 (ví dụ 13/2023/NĐ-CP)."},
		{"refuses a State symbol that stops after the year's slash", "13/2023/", "Thiếu loại văn bản và cơ quan ban hành sau năm 2023 (ví dụ 13/2023/NĐ-CP)."},
		{"refuses a State symbol that stops at the slash", "13/", "Thiếu loại văn bản và cơ quan ban hành sau dấu '/' (ví dụ 13/2023/NĐ-CP)."},
		{"refuses a State type without issuer", "13/2023/NĐ", "Thiếu cơ quan ban hành sau loại văn bản NĐ (ví dụ 13/2023/NĐ-CP, 123/QĐ-UBND)."},
		{"refuses a State symbol of neither type nor body", "123/ABC", "'ABC' không có trong danh mục loại văn bản và cơ quan ban hành nhà nước (ví dụ 13/2023/NĐ-CP, 54/2017/QH14)."},
		{"refuses a symbol too long", strings.Repeat("Nghị quyết ", 20) + "35-NQ/TW", "Số, ký hiệu văn bản dài quá 200 ký tự."},
	} {
		t.Run(c.behaviour, func(t *testing.T) {
			got, err := ParseSymbol(c.in, nil)
			var se *SymbolError
			if !errors.As(err, &se) {
				t.Fatalf("ParseSymbol(%q) = %#v, %v; want a *SymbolError", c.in, got, err)
			}
			if se.Error() != c.message || err.Error() != c.message {
				t.Fatalf("ParseSymbol(%q): message\n  %q\nwant\n  %q", c.in, se.Error(), c.message)
			}
			if se.Input != c.in {
				t.Fatalf("Input = %q, want %q", se.Input, c.in)
			}
			if got != (Symbol{}) {
				t.Fatalf("a refused symbol came with %#v", got)
			}
		})
	}
}

func TestSymbolKey(t *testing.T) {
	t.Run("leading zeros do not make another document", func(t *testing.T) {
		a, _ := ParseSymbol("05-CT/TW", nil)
		b, _ := ParseSymbol("Chỉ thị 5-ct/tw", nil)
		if a.Key() != "5-CT/TW" || b.Key() != a.Key() {
			t.Fatalf("keys %q and %q", a.Key(), b.Key())
		}
		if a.String() != "05-CT/TW" || b.String() != "5-CT/TW" {
			t.Fatalf("String keeps the number as written: %q, %q", a, b)
		}
	})
	t.Run("a State symbol keys with its year", func(t *testing.T) {
		s, _ := ParseSymbol("01/2021/TT-BTTTT", nil)
		if s.Key() != "1/2021/TT-BTTTT" {
			t.Fatalf("got %q", s.Key())
		}
	})
	t.Run("the zero symbol is empty", func(t *testing.T) {
		if (Symbol{}).String() != "" || (Symbol{}).Key() != "" {
			t.Fatal("the zero Symbol has a form")
		}
	})
}

func TestVocabularyNames(t *testing.T) {
	v := DefaultVocabulary()
	for _, c := range []struct{ got, want string }{
		{v.TypeName("NQ"), "Nghị quyết"},
		{v.TypeName("ctr"), "Chương trình"},
		{v.TypeName("DA"), "Đề án"},
		{v.TypeName("QĐ"), "Quyết định"},
		{v.TypeName("QĐi"), "Quy định"},
		{v.TypeName("TT"), "Thông tri"},
		{v.TypeName("NĐ"), "Nghị định"},
		{v.TypeName("XX"), ""},
		{v.TypeName(""), ""},
		{v.IssuerName("TW"), "Trung ương Đảng"},
		{v.IssuerName("BTGTU"), "Ban Tuyên giáo Tỉnh ủy, Thành ủy"},
		{v.IssuerName("du"), "Đảng ủy"},
		{v.IssuerName("QH14"), "Quốc hội khóa XIV"},
		{v.IssuerName("UBTVQH15"), "Ủy ban Thường vụ Quốc hội khóa XV"},
		{v.IssuerName("BCĐ35"), "Ban Chỉ đạo 35"},
		{v.IssuerName("BTP-BTC"), "Bộ Tư pháp – Bộ Tài chính"},
		{v.IssuerName("UBND-VX"), "Ủy ban nhân dân – VX"},
		{v.IssuerName("XYZ"), ""},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	t.Run("a symbol's names come from the vocabulary of its kind", func(t *testing.T) {
		s, err := ParseSymbol("01/2021/TT-BTTTT", v)
		if err != nil {
			t.Fatal(err)
		}
		if typ, iss := v.Names(s); typ != "Thông tư" || iss != "Bộ Thông tin và Truyền thông" {
			t.Fatalf("got %q, %q", typ, iss)
		}
		s, _ = ParseSymbol("54/2017/QH14", v)
		if typ, iss := v.Names(s); typ != "" || iss != "Quốc hội khóa XIV" {
			t.Fatalf("got %q, %q", typ, iss)
		}
		s, _ = ParseSymbol("12-BC/BTGTU", v)
		if typ, iss := v.Names(s); typ != "Báo cáo" || iss != "Ban Tuyên giáo Tỉnh ủy, Thành ủy" {
			t.Fatalf("got %q, %q", typ, iss)
		}
	})
	t.Run("a nil vocabulary reads as the built-in one", func(t *testing.T) {
		var nilv *Vocabulary
		s, _ := ParseSymbol("03-DA/TU", nil)
		if typ, iss := nilv.Names(s); typ != "Đề án" || iss != "Tỉnh ủy, Thành ủy" || nilv.TypeName("NQ") != "Nghị quyết" {
			t.Fatalf("got %q, %q", typ, iss)
		}
	})
	t.Run("the Party's QĐ names both its decisions and its regulations", func(t *testing.T) {
		typ, ok := v.Type(PartySymbol, "qd")
		if !ok || typ.Code != "QĐ" || len(typ.OtherNames) != 1 || typ.OtherNames[0] != "Quy định" {
			t.Fatalf("got %#v, %v", typ, ok)
		}
	})
	t.Run("the lists are in order and by kind", func(t *testing.T) {
		types := v.Types(PartySymbol)
		if len(types) < 8 || types[0].Code != "NQ" || types[7].Code != "HD" {
			t.Fatalf("got %v", types)
		}
		for _, typ := range v.Types(StateSymbol) {
			if typ.Kind != StateSymbol {
				t.Fatalf("a %s type among the State's: %v", typ.Kind, typ)
			}
		}
		if iss := v.Issuers(PartySymbol); len(iss) == 0 || iss[0].Code != "TW" {
			t.Fatalf("got %v", iss)
		}
		var laws int
		for _, typ := range v.Types(StateSymbol) {
			if typ.Code == "" {
				laws++
			}
		}
		if laws == 0 {
			t.Fatal("no State type without code (Luật)")
		}
	})
}

func TestVocabularyAdd(t *testing.T) {
	t.Run("an added type is read in symbols", func(t *testing.T) {
		v := DefaultVocabulary()
		if _, err := ParseSymbol("05-CTHĐ/TU", v); err == nil {
			t.Fatal("an unknown type was read")
		}
		if err := v.AddType(DocType{Kind: PartySymbol, Code: "CTHĐ", Name: "Chương trình hành động"}); err != nil {
			t.Fatal(err)
		}
		s, err := ParseSymbol("Chương trình hành động số 05-cthd/tu", v)
		if err != nil || s.String() != "05-CTHĐ/TU" {
			t.Fatalf("got %v, %v", s, err)
		}
		if v.TypeName("CTHĐ") != "Chương trình hành động" {
			t.Fatal("no name")
		}
	})
	t.Run("an added issuer is no longer flagged", func(t *testing.T) {
		v := DefaultVocabulary()
		if s, _ := ParseSymbol("15-KH/ĐUP", v); s.KnownIssuer {
			t.Fatal("ĐUP known before it was added")
		}
		if err := v.AddIssuer(Issuer{Kind: PartySymbol, Code: "ĐUP", Name: "Đảng ủy phường"}); err != nil {
			t.Fatal(err)
		}
		s, err := ParseSymbol("15-kh/dup", v)
		if err != nil || !s.KnownIssuer || s.String() != "15-KH/ĐUP" {
			t.Fatalf("got %#v, %v", s, err)
		}
		if v.IssuerName("ĐUP") != "Đảng ủy phường" {
			t.Fatal("no name")
		}
	})
	t.Run("vocabularies do not share additions", func(t *testing.T) {
		v := DefaultVocabulary()
		if err := v.AddType(DocType{Kind: PartySymbol, Code: "NX", Name: "Nhận xét"}); err != nil {
			t.Fatal(err)
		}
		if _, err := ParseSymbol("01-NX/TU", DefaultVocabulary()); err == nil {
			t.Fatal("a new default vocabulary has another's addition")
		}
		if _, err := ParseSymbol("01-NX/TU", nil); err == nil {
			t.Fatal("the built-in vocabulary has another's addition")
		}
	})
	t.Run("adding the same code renames", func(t *testing.T) {
		v := DefaultVocabulary()
		n := len(v.Issuers(PartySymbol))
		if err := v.AddIssuer(Issuer{Kind: PartySymbol, Code: "TU", Name: "Thành ủy"}); err != nil {
			t.Fatal(err)
		}
		if v.IssuerName("TU") != "Thành ủy" || len(v.Issuers(PartySymbol)) != n {
			t.Fatalf("got %q, %d issuers", v.IssuerName("TU"), len(v.Issuers(PartySymbol)))
		}
	})
	t.Run("the zero vocabulary is empty and can be filled", func(t *testing.T) {
		var v Vocabulary
		if _, err := ParseSymbol("35-NQ/TW", &v); err == nil {
			t.Fatal("an empty vocabulary read a type")
		}
		if err := v.AddType(DocType{Kind: PartySymbol, Code: "NQ", Name: "Nghị quyết"}); err != nil {
			t.Fatal(err)
		}
		if s, err := ParseSymbol("35-NQ/TW", &v); err != nil || s.KnownIssuer {
			t.Fatalf("got %#v, %v", s, err)
		}
	})
	for _, c := range []struct {
		behaviour string
		add       func(v *Vocabulary) error
		message   string
	}{
		{"refuses a code that differs only in case", func(v *Vocabulary) error {
			return v.AddType(DocType{Kind: PartySymbol, Code: "Nq", Name: "Nghị quyết"})
		}, `Mã loại văn bản "Nq" trùng với mã "NQ" (Nghị quyết) đã có trong danh mục.`},
		{"refuses an issuer code that differs only in case", func(v *Vocabulary) error {
			return v.AddIssuer(Issuer{Kind: StateSymbol, Code: "TTG", Name: "Thủ tướng"})
		}, `Mã cơ quan ban hành "TTG" trùng với mã "TTg" (Thủ tướng Chính phủ) đã có trong danh mục.`},
		{"refuses a type code with a digit", func(v *Vocabulary) error {
			return v.AddType(DocType{Kind: PartySymbol, Code: "N1", Name: "Nghị quyết"})
		}, `Mã loại văn bản "N1" có ký tự '1'; mã chỉ gồm chữ cái.`},
		{"refuses a type without name", func(v *Vocabulary) error {
			return v.AddType(DocType{Kind: PartySymbol, Code: "NX", Name: " "})
		}, "Tên loại văn bản không được để trống."},
		{"refuses a type of no kind", func(v *Vocabulary) error {
			return v.AddType(DocType{Code: "NX", Name: "Nhận xét"})
		}, "Chưa chọn loại văn bản là của Đảng hay của Nhà nước."},
		{"refuses a Party type without code", func(v *Vocabulary) error {
			return v.AddType(DocType{Kind: PartySymbol, Name: "Nhận xét"})
		}, "Loại văn bản của Đảng phải có mã (ví dụ NQ)."},
		{"refuses an issuer code with a space", func(v *Vocabulary) error {
			return v.AddIssuer(Issuer{Kind: PartySymbol, Code: "ĐU P", Name: "Đảng ủy phường"})
		}, "Cơ quan ban hành 'ĐU P' có ký tự U+0020; chỉ được gồm chữ cái và chữ số."},
		{"refuses an issuer without code", func(v *Vocabulary) error {
			return v.AddIssuer(Issuer{Kind: PartySymbol, Name: "Đảng ủy phường"})
		}, "Mã cơ quan ban hành không được để trống."},
	} {
		t.Run(c.behaviour, func(t *testing.T) {
			err := c.add(DefaultVocabulary())
			var se *SymbolError
			if !errors.As(err, &se) || se.Error() != c.message {
				t.Fatalf("got %v, want %q", err, c.message)
			}
		})
	}
}

func TestVocabularyConcurrency(t *testing.T) {
	t.Run("symbols are read while an administrator adds entries", func(t *testing.T) {
		v := DefaultVocabulary()
		var wg sync.WaitGroup
		for i := range 4 {
			wg.Go(func() {
				for j := range 50 {
					code := fmt.Sprintf("X%c%c", 'A'+i, 'A'+j%26)
					_ = v.AddIssuer(Issuer{Kind: PartySymbol, Code: code, Name: "Đơn vị " + code})
					if _, err := ParseSymbol("35-NQ/"+code, v); err != nil {
						t.Error(err)
					}
					v.IssuerName(code)
				}
			})
		}
		wg.Wait()
	})
}

func FuzzParseSymbol(f *testing.F) {
	for _, s := range []string{
		"35-NQ/TW", "05-CT/TW", "01-KL/TW", "37-QĐ/TW", "12-CTr/TU", "138-KH/QU", "03-ĐA/TU",
		"36-HD/VPTW", "12-BC/BTGTU", "138 - KH/QU", "35–NQ/TW", "03-DA/TU", "12-ctr/tu",
		norm.NFD.String("03-ĐA/TU"), "Nghị quyết số 35-NQ/TW", "Số: 12-BC/BTGTU", "15-kh/đup",
		"10-KH/BCĐ35", "01-HDLT/BTGTW-BTCTW", "54/2017/QH14", "13/2023/NĐ-CP",
		"01/2021/TT-BTTTT", "123/QĐ-UBND", "45/UBND-VX", "01/2015/TTLT-BTP-BTC", "35/NQ-TW",
		"13-NĐ/CP", "13/2117/NĐ-CP", "35-NQ/TW ngày 25/10/2018", "-NQ/TW", "35-NQ/", "",
		"\xff35-NQ/TW", "35\u00ad-NQ/TW", "Quy định số 37-QĐ/TW", "Chỉ thị số 35-NQ/TW",
	} {
		f.Add(s)
	}
	v := DefaultVocabulary()
	f.Fuzz(func(t *testing.T, s string) {
		sym, err := ParseSymbol(s, v)
		if err != nil {
			var se *SymbolError
			if !errors.As(err, &se) || se.Error() == "" || !utf8.ValidString(se.Error()) {
				t.Fatalf("ParseSymbol(%q): error %#v is not a Vietnamese message", s, err)
			}
			return
		}
		canonical := sym.String()
		if !utf8.ValidString(canonical) || !norm.NFC.IsNormalString(canonical) {
			t.Fatalf("ParseSymbol(%q) formats as %q, not NFC", s, canonical)
		}
		again, err := ParseSymbol(canonical, v)
		if err != nil {
			t.Fatalf("ParseSymbol(%q) = %#v, whose form %q does not parse: %v", s, sym, canonical, err)
		}
		if again != sym || again.String() != canonical {
			t.Fatalf("ParseSymbol(%q) = %#v formats as %q, which reads back as %#v", s, sym, canonical, again)
		}
		if again.Key() != sym.Key() {
			t.Fatalf("keys differ for %q", s)
		}
	})
}
