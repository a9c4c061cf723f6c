package vn

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"tuyengiao"
)

// SymbolKind tells a Party document's symbol from a State document's: they are written
// differently (35-NQ/TW against 13/2023/NĐ-CP) and draw on different vocabularies (TT is a
// Thông tri of the Party but a Thông tư of the State).
type SymbolKind string

// The kinds of document symbol.
const (
	PartySymbol SymbolKind = "party" // số-LOẠI/CƠ QUAN: 35-NQ/TW, 12-CTr/TU, 12-BC/BTGTU
	StateSymbol SymbolKind = "state" // số[/năm]/[LOẠI-]CƠ QUAN: 13/2023/NĐ-CP, 123/QĐ-UBND, 54/2017/QH14
)

// Symbol is the number and sign (số, ký hiệu) of a document, as ParseSymbol reads it.
type Symbol struct {
	Number string `json:"number"` // digits as written, leading zeros kept: "03"
	// Type is the code of the document type in the vocabulary's spelling ("NQ", "CTr",
	// "ĐA"). It is never empty for a Party symbol (a Party công văn is CV) and empty for a
	// State symbol that carries no type: laws, ordinances, resolutions of the National
	// Assembly (54/2017/QH14) and State công văn (123/UBND-VX).
	Type string `json:"type,omitempty"`
	// Issuer is the issuing body: one code, or several joined by '-' for a joint document or
	// a State body with its drafting unit ("BTP-BTC", "UBND-VX"). Known codes are in the
	// vocabulary's spelling, unknown ones in upper case.
	Issuer string     `json:"issuer"`
	Year   int        `json:"year,omitempty"` // State symbols only; 0 when not written
	Kind   SymbolKind `json:"kind"`
	// KnownIssuer reports whether every code of Issuer is in the vocabulary. A Party
	// symbol of a well-formed but unknown issuer (a local committee's code) is accepted
	// with KnownIssuer false, so that a user can be asked to check it.
	KnownIssuer bool `json:"known_issuer"`
}

// String returns the canonical form of s: "35-NQ/TW", "13/2023/NĐ-CP", "123/QĐ-UBND",
// "54/2017/QH14"; "" for the zero Symbol. ParseSymbol reads it back to the same Symbol.
func (s Symbol) String() string {
	return s.format(s.Number)
}

// Key returns the form under which two writings of one symbol agree: String with the
// leading zeros of the number dropped, since 05-CT/TW and 5-CT/TW are the same directive.
// A registry that keeps symbols unique should compare keys.
func (s Symbol) Key() string {
	n := strings.TrimLeft(s.Number, "0")
	if n == "" && s.Number != "" {
		n = "0"
	}
	return s.format(n)
}

func (s Symbol) format(number string) string {
	switch s.Kind {
	case PartySymbol:
		return number + "-" + s.Type + "/" + s.Issuer
	case StateSymbol:
		var b strings.Builder
		b.WriteString(number)
		b.WriteByte('/')
		if s.Year != 0 {
			b.WriteString(strconv.Itoa(s.Year))
			b.WriteByte('/')
		}
		if s.Type != "" {
			b.WriteString(s.Type)
			b.WriteByte('-')
		}
		b.WriteString(s.Issuer)
		return b.String()
	}
	return ""
}

// SymbolError is why a symbol, or an entry added to a Vocabulary, was refused. Err says
// what is wrong, as a message key with its arguments to be written in the reader's language;
// Error writes it in Vietnamese (Message).
type SymbolError struct {
	Input string // the text refused, as given
	Err   *tuyengiao.Error
}

func (e *SymbolError) Error() string { return Message(e.Err) }

// problem is what is wrong with a symbol or a vocabulary entry: an EINVALID message.
func problem(format string, args ...any) *tuyengiao.Error {
	return tuyengiao.Errorf(tuyengiao.EINVALID, format, args...)
}

// DocType is a type of document in a Vocabulary.
type DocType struct {
	Kind SymbolKind `json:"kind"`
	// Code is the type's code in its canonical spelling ("NQ", "CTr", "ĐA"): letters only,
	// at most 10. A State type whose symbol carries no code (Luật, Pháp lệnh) has Code "";
	// it is listed for choice but never read from a symbol.
	Code string `json:"code"`
	Name string `json:"name"` // Vietnamese: "Nghị quyết"
	// OtherNames are further types written with the same code: since 2021 the Party's
	// Quy định are numbered QĐ like its Quyết định (37-QĐ/TW is a Quy định).
	OtherNames []string `json:"other_names,omitempty"`
}

// Issuer is an issuing body in a Vocabulary.
type Issuer struct {
	Kind SymbolKind `json:"kind"`
	// Code is the body's code in its canonical spelling ("TW", "BTGTU", "TTg"): a letter,
	// then letters and digits, at most 20. A code followed by digits that is not itself
	// in the vocabulary is read as this code and a number: QH14, BCĐ35.
	Code string `json:"code"`
	Name string `json:"name"` // Vietnamese: "Ban Tuyên giáo Tỉnh ủy, Thành ủy"
	// OtherNames are the bodies that also issue under this code: TW is the code of the
	// Central Committee, the Politburo and the Secretariat alike.
	OtherNames []string `json:"other_names,omitempty"`
	// Term says that the number after the code is the term (khóa): QH14 is the Quốc hội
	// khóa XIV.
	Term bool `json:"term,omitempty"`
	// Local says that every committee or body of a rank writes this code (each Quận ủy
	// signs QU), so that the code alone does not tell which one issued a document: TU, QU,
	// ĐU, BTGTU, UBND. A central or national body (TW, VPTW, QH, CP) is one of its kind.
	Local bool `json:"local,omitempty"`
	// UnitKinds are the codes of the kinds of unit (tuyengiao.UnitKind) that issue under a
	// local code: a Quận ủy for QU, a ward's, commune's or grassroots organisation's Đảng
	// ủy for ĐU, the Thành ủy or Tỉnh ủy whose commission it is for BTGTU. None says that
	// any unit may.
	UnitKinds []string `json:"unit_kinds,omitempty"`
}

// Vocabulary is the list of document types and issuing bodies that symbols are read
// against. DefaultVocabulary gives the built-in one; an administrator extends it with
// AddType and AddIssuer. The zero Vocabulary is empty and ready to use; a nil *Vocabulary
// reads as the built-in one (but cannot be added to). It is safe for concurrent use.
type Vocabulary struct {
	mu      sync.RWMutex
	types   []DocType
	issuers []Issuer
}

// DefaultVocabulary returns a new Vocabulary holding the built-in types and issuers: those
// of the Party's rules on its documents (Hướng dẫn 36-HD/VPTW) and of the State's (Nghị
// định 30/2020/NĐ-CP), with the bodies a propaganda commission deals with.
func DefaultVocabulary() *Vocabulary {
	v := &Vocabulary{}
	for _, t := range defaultTypes {
		if err := v.AddType(t); err != nil {
			panic(err)
		}
	}
	for _, i := range defaultIssuers {
		if err := v.AddIssuer(i); err != nil {
			panic(err)
		}
	}
	return v
}

var defaultTypes = []DocType{
	// The first eight Party types are the examples of the error for an unknown type.
	{Kind: PartySymbol, Code: "NQ", Name: "Nghị quyết"},
	{Kind: PartySymbol, Code: "CT", Name: "Chỉ thị"},
	{Kind: PartySymbol, Code: "KL", Name: "Kết luận"},
	{Kind: PartySymbol, Code: "QĐ", Name: "Quyết định", OtherNames: []string{"Quy định"}},
	{Kind: PartySymbol, Code: "CTr", Name: "Chương trình"},
	{Kind: PartySymbol, Code: "KH", Name: "Kế hoạch"},
	{Kind: PartySymbol, Code: "ĐA", Name: "Đề án"},
	{Kind: PartySymbol, Code: "HD", Name: "Hướng dẫn"},
	{Kind: PartySymbol, Code: "QĐi", Name: "Quy định"},
	{Kind: PartySymbol, Code: "QC", Name: "Quy chế"},
	{Kind: PartySymbol, Code: "TB", Name: "Thông báo"},
	{Kind: PartySymbol, Code: "BC", Name: "Báo cáo"},
	{Kind: PartySymbol, Code: "CV", Name: "Công văn"},
	{Kind: PartySymbol, Code: "TTr", Name: "Tờ trình"},
	{Kind: PartySymbol, Code: "TT", Name: "Thông tri"},
	{Kind: PartySymbol, Code: "PA", Name: "Phương án"},
	{Kind: PartySymbol, Code: "ĐC", Name: "Đề cương"},
	{Kind: PartySymbol, Code: "CĐ", Name: "Công điện"},
	{Kind: PartySymbol, Code: "BB", Name: "Biên bản"},
	{Kind: PartySymbol, Code: "GM", Name: "Giấy mời"},
	{Kind: PartySymbol, Code: "GGT", Name: "Giấy giới thiệu"},
	{Kind: PartySymbol, Code: "HDLT", Name: "Hướng dẫn liên tịch"},
	{Kind: PartySymbol, Code: "KHLT", Name: "Kế hoạch liên tịch"},

	{Kind: StateSymbol, Code: "NĐ", Name: "Nghị định"},
	{Kind: StateSymbol, Code: "TT", Name: "Thông tư"},
	{Kind: StateSymbol, Code: "QĐ", Name: "Quyết định"},
	{Kind: StateSymbol, Code: "NQ", Name: "Nghị quyết"},
	{Kind: StateSymbol, Code: "CT", Name: "Chỉ thị"},
	{Kind: StateSymbol, Code: "KH", Name: "Kế hoạch"},
	{Kind: StateSymbol, Code: "TB", Name: "Thông báo"},
	{Kind: StateSymbol, Code: "HD", Name: "Hướng dẫn"},
	{Kind: StateSymbol, Code: "TTLT", Name: "Thông tư liên tịch"},
	{Kind: StateSymbol, Code: "NQLT", Name: "Nghị quyết liên tịch"},
	{Kind: StateSymbol, Code: "L", Name: "Lệnh"},
	{Kind: StateSymbol, Code: "QC", Name: "Quy chế"},
	{Kind: StateSymbol, Code: "QyĐ", Name: "Quy định"},
	{Kind: StateSymbol, Code: "CTr", Name: "Chương trình"},
	{Kind: StateSymbol, Code: "PA", Name: "Phương án"},
	{Kind: StateSymbol, Code: "ĐA", Name: "Đề án"},
	{Kind: StateSymbol, Code: "DA", Name: "Dự án"},
	{Kind: StateSymbol, Code: "BC", Name: "Báo cáo"},
	{Kind: StateSymbol, Code: "BB", Name: "Biên bản"},
	{Kind: StateSymbol, Code: "TTr", Name: "Tờ trình"},
	{Kind: StateSymbol, Code: "HĐ", Name: "Hợp đồng"},
	{Kind: StateSymbol, Code: "CĐ", Name: "Công điện"},
	{Kind: StateSymbol, Code: "GM", Name: "Giấy mời"},
	{Kind: StateSymbol, Code: "GGT", Name: "Giấy giới thiệu"},
	{Kind: StateSymbol, Code: "", Name: "Luật"},
	{Kind: StateSymbol, Code: "", Name: "Bộ luật"},
	{Kind: StateSymbol, Code: "", Name: "Pháp lệnh"},
}

// The kinds of unit that issue under the local codes of defaultIssuers. A commission
// (BTGTU, VPTU…) issues under the committee it belongs to: the kind of the commission's own
// unit is the same at every level, so only its committee tells which city's it is.
var (
	provincialKinds  = []string{"thanh_uy", "tinh_uy"}
	grassrootsKinds  = []string{"dang_uy_phuong", "dang_uy_xa", "dang_uy_thi_tran", "dang_bo_co_so"}
	cellsKinds       = []string{"chi_bo", "chi_bo_co_so"}
	territorialKinds = []string{"thanh_uy", "tinh_uy", "quan_uy", "huyen_uy", "thi_uy", "dang_uy_phuong", "dang_uy_xa", "dang_uy_thi_tran"}
)

var defaultIssuers = []Issuer{
	{Kind: PartySymbol, Code: "TW", Name: "Trung ương Đảng",
		OtherNames: []string{"Ban Chấp hành Trung ương", "Bộ Chính trị", "Ban Bí thư"}},
	{Kind: PartySymbol, Code: "BCT", Name: "Bộ Chính trị"},
	{Kind: PartySymbol, Code: "BBT", Name: "Ban Bí thư"},
	{Kind: PartySymbol, Code: "TU", Name: "Tỉnh ủy, Thành ủy", OtherNames: []string{"Tỉnh ủy", "Thành ủy", "Thị ủy"}, Local: true, UnitKinds: provincialKinds},
	{Kind: PartySymbol, Code: "QU", Name: "Quận ủy", Local: true, UnitKinds: []string{"quan_uy"}},
	{Kind: PartySymbol, Code: "HU", Name: "Huyện ủy", Local: true, UnitKinds: []string{"huyen_uy"}},
	{Kind: PartySymbol, Code: "TXU", Name: "Thị ủy", Local: true, UnitKinds: []string{"thi_uy"}},
	{Kind: PartySymbol, Code: "ĐU", Name: "Đảng ủy", Local: true, UnitKinds: grassrootsKinds},
	{Kind: PartySymbol, Code: "ĐUK", Name: "Đảng ủy khối", Local: true, UnitKinds: []string{"dang_uy_khoi"}},
	{Kind: PartySymbol, Code: "CB", Name: "Chi bộ", Local: true, UnitKinds: cellsKinds},
	{Kind: PartySymbol, Code: "BTGTW", Name: "Ban Tuyên giáo Trung ương"},
	{Kind: PartySymbol, Code: "BTGTU", Name: "Ban Tuyên giáo Tỉnh ủy, Thành ủy", Local: true, UnitKinds: provincialKinds},
	{Kind: PartySymbol, Code: "BTGQU", Name: "Ban Tuyên giáo Quận ủy", Local: true, UnitKinds: []string{"quan_uy"}},
	{Kind: PartySymbol, Code: "BTGHU", Name: "Ban Tuyên giáo Huyện ủy", Local: true, UnitKinds: []string{"huyen_uy"}},
	{Kind: PartySymbol, Code: "BTGDVTW", Name: "Ban Tuyên giáo và Dân vận Trung ương"},
	{Kind: PartySymbol, Code: "BTGDVTU", Name: "Ban Tuyên giáo và Dân vận Tỉnh ủy, Thành ủy", Local: true, UnitKinds: provincialKinds},
	{Kind: PartySymbol, Code: "VPTW", Name: "Văn phòng Trung ương Đảng"},
	{Kind: PartySymbol, Code: "VPTU", Name: "Văn phòng Tỉnh ủy, Thành ủy", Local: true, UnitKinds: provincialKinds},
	{Kind: PartySymbol, Code: "BTCTW", Name: "Ban Tổ chức Trung ương"},
	{Kind: PartySymbol, Code: "BTCTU", Name: "Ban Tổ chức Tỉnh ủy, Thành ủy", Local: true, UnitKinds: provincialKinds},
	{Kind: PartySymbol, Code: "BDVTW", Name: "Ban Dân vận Trung ương"},
	{Kind: PartySymbol, Code: "BDVTU", Name: "Ban Dân vận Tỉnh ủy, Thành ủy", Local: true, UnitKinds: provincialKinds},
	{Kind: PartySymbol, Code: "UBKTTW", Name: "Ủy ban Kiểm tra Trung ương"},
	{Kind: PartySymbol, Code: "UBKTTU", Name: "Ủy ban Kiểm tra Tỉnh ủy, Thành ủy", Local: true, UnitKinds: provincialKinds},
	{Kind: PartySymbol, Code: "BNCTW", Name: "Ban Nội chính Trung ương"},
	{Kind: PartySymbol, Code: "HĐLLTW", Name: "Hội đồng Lý luận Trung ương"},
	{Kind: PartySymbol, Code: "BCĐ", Name: "Ban Chỉ đạo"},

	{Kind: StateSymbol, Code: "QH", Name: "Quốc hội", Term: true},
	{Kind: StateSymbol, Code: "UBTVQH", Name: "Ủy ban Thường vụ Quốc hội", Term: true},
	{Kind: StateSymbol, Code: "CTN", Name: "Chủ tịch nước"},
	{Kind: StateSymbol, Code: "CP", Name: "Chính phủ"},
	{Kind: StateSymbol, Code: "TTg", Name: "Thủ tướng Chính phủ"},
	{Kind: StateSymbol, Code: "VPCP", Name: "Văn phòng Chính phủ"},
	{Kind: StateSymbol, Code: "BTTTT", Name: "Bộ Thông tin và Truyền thông"},
	{Kind: StateSymbol, Code: "BVHTTDL", Name: "Bộ Văn hóa, Thể thao và Du lịch"},
	{Kind: StateSymbol, Code: "BGDĐT", Name: "Bộ Giáo dục và Đào tạo"},
	{Kind: StateSymbol, Code: "BNV", Name: "Bộ Nội vụ"},
	{Kind: StateSymbol, Code: "BTC", Name: "Bộ Tài chính"},
	{Kind: StateSymbol, Code: "BTP", Name: "Bộ Tư pháp"},
	{Kind: StateSymbol, Code: "BCA", Name: "Bộ Công an"},
	{Kind: StateSymbol, Code: "BQP", Name: "Bộ Quốc phòng"},
	{Kind: StateSymbol, Code: "BYT", Name: "Bộ Y tế"},
	{Kind: StateSymbol, Code: "BKHĐT", Name: "Bộ Kế hoạch và Đầu tư"},
	{Kind: StateSymbol, Code: "BLĐTBXH", Name: "Bộ Lao động – Thương binh và Xã hội"},
	{Kind: StateSymbol, Code: "NHNN", Name: "Ngân hàng Nhà nước Việt Nam"},
	{Kind: StateSymbol, Code: "HĐND", Name: "Hội đồng nhân dân", Local: true, UnitKinds: territorialKinds},
	{Kind: StateSymbol, Code: "UBND", Name: "Ủy ban nhân dân", Local: true, UnitKinds: territorialKinds},
	{Kind: StateSymbol, Code: "TANDTC", Name: "Tòa án nhân dân tối cao"},
	{Kind: StateSymbol, Code: "VKSNDTC", Name: "Viện kiểm sát nhân dân tối cao"},
	{Kind: StateSymbol, Code: "KTNN", Name: "Kiểm toán nhà nước"},
}

// defaultVocabulary serves ParseSymbol called with a nil Vocabulary; nothing adds to it.
var defaultVocabulary = DefaultVocabulary()

func (v *Vocabulary) orDefault() *Vocabulary {
	if v == nil {
		return defaultVocabulary
	}
	return v
}

const (
	maxSymbolRunes = 200
	maxNumberDigit = 6
	maxTypeRunes   = 10
	maxIssuerRunes = 20
	maxNameRunes   = 200
	firstYear      = 1945 // the first documents of the Democratic Republic of Vietnam
)

// AddType adds t to the vocabulary, or renames the type of the same kind and code. The
// code is kept in t's spelling, which becomes the canonical one; a code that differs from
// an existing one only in case ("Nq" beside "NQ") is refused, since symbols are read
// without regard to case.
func (v *Vocabulary) AddType(t DocType) error {
	t.Code = NFC(t.Code)
	t.Name = NFC(t.Name)
	t.OtherNames = symNames(t.OtherNames)
	if err := symCheckEntry(t.Kind, t.Code, t.Name, "loại văn bản"); err != nil {
		return err
	}
	if t.Code == "" && t.Kind != StateSymbol {
		return &SymbolError{Input: t.Name, Err: problem("Loại văn bản của Đảng phải có mã (ví dụ NQ).")}
	}
	if t.Code != "" {
		if r, ok := symFirstNot(t.Code, symLetter); ok {
			return &SymbolError{Input: t.Code, Err: problem("Mã loại văn bản %q có ký tự %s; mã chỉ gồm chữ cái.", t.Code, symRune(r))}
		} else if utf8.RuneCountInString(t.Code) > maxTypeRunes {
			return &SymbolError{Input: t.Code, Err: problem("Mã loại văn bản %q dài quá %d ký tự.", t.Code, maxTypeRunes)}
		}
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	for i, old := range v.types {
		if old.Kind != t.Kind {
			continue
		}
		if t.Code == "" && old.Code == "" && Fold(old.Name) == Fold(t.Name) || t.Code != "" && old.Code == t.Code {
			v.types[i] = t
			return nil
		}
		if t.Code != "" && strings.EqualFold(old.Code, t.Code) {
			return &SymbolError{Input: t.Code, Err: problem("Mã loại văn bản %q trùng với mã %q (%s) đã có trong danh mục.", t.Code, old.Code, old.Name)}
		}
	}
	v.types = append(v.types, t)
	return nil
}

// AddIssuer adds i to the vocabulary, or renames the issuer of the same kind and code. As
// with AddType, the code is kept in i's spelling and may not differ from an existing one
// only in case.
func (v *Vocabulary) AddIssuer(i Issuer) error {
	i.Code = NFC(i.Code)
	i.Name = NFC(i.Name)
	i.OtherNames = symNames(i.OtherNames)
	// Only a local code needs its unit told; the slice is the vocabulary's own.
	if i.Local {
		i.UnitKinds = slices.Clone(i.UnitKinds)
	} else {
		i.UnitKinds = nil
	}
	if err := symCheckEntry(i.Kind, i.Code, i.Name, "cơ quan ban hành"); err != nil {
		return err
	}
	if msg := symIssuerProblem(i.Code); msg != nil {
		return &SymbolError{Input: i.Code, Err: msg}
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	for j, old := range v.issuers {
		if old.Kind != i.Kind {
			continue
		}
		if old.Code == i.Code {
			v.issuers[j] = i
			return nil
		}
		if strings.EqualFold(old.Code, i.Code) {
			return &SymbolError{Input: i.Code, Err: problem("Mã cơ quan ban hành %q trùng với mã %q (%s) đã có trong danh mục.", i.Code, old.Code, old.Name)}
		}
	}
	v.issuers = append(v.issuers, i)
	return nil
}

func symCheckEntry(kind SymbolKind, code, name, what string) error {
	if kind != PartySymbol && kind != StateSymbol {
		return &SymbolError{Input: code, Err: problem("Chưa chọn %s là của Đảng hay của Nhà nước.", what)}
	}
	if name == "" {
		return &SymbolError{Input: code, Err: problem("Tên %s không được để trống.", what)}
	} else if utf8.RuneCountInString(name) > maxNameRunes {
		return &SymbolError{Input: code, Err: problem("Tên %s dài quá %d ký tự.", what, maxNameRunes)}
	}
	return nil
}

func symNames(names []string) []string {
	var out []string
	for _, n := range names {
		if n = NFC(n); n != "" && utf8.RuneCountInString(n) <= maxNameRunes {
			out = append(out, n)
		}
	}
	return out
}

// Types returns the document types of the kind, in the vocabulary's order.
func (v *Vocabulary) Types(kind SymbolKind) []DocType {
	v = v.orDefault()
	v.mu.RLock()
	defer v.mu.RUnlock()
	var out []DocType
	for _, t := range v.types {
		if t.Kind == kind {
			t.OtherNames = slices.Clone(t.OtherNames)
			out = append(out, t)
		}
	}
	return out
}

// Issuers returns the issuing bodies of the kind, in the vocabulary's order.
func (v *Vocabulary) Issuers(kind SymbolKind) []Issuer {
	v = v.orDefault()
	v.mu.RLock()
	defer v.mu.RUnlock()
	var out []Issuer
	for _, i := range v.issuers {
		if i.Kind == kind {
			i.OtherNames, i.UnitKinds = slices.Clone(i.OtherNames), slices.Clone(i.UnitKinds)
			out = append(out, i)
		}
	}
	return out
}

// Type returns the type of the kind that code stands for, spelled in any way ParseSymbol
// accepts ("nq", "Ctr", "DA" for ĐA), and whether there is one.
func (v *Vocabulary) Type(kind SymbolKind, code string) (DocType, bool) {
	v = v.orDefault()
	v.mu.RLock()
	defer v.mu.RUnlock()
	t, ok := v.typeLocked(kind, NFC(code))
	t.OtherNames = slices.Clone(t.OtherNames)
	return t, ok
}

// TypeName returns the Vietnamese name of the type code, spelled in any way ParseSymbol
// accepts: TypeName("NQ") is "Nghị quyết". A code that the Party and the State use for
// different types gives the Party's (TT is a Thông tri, not a Thông tư); Names gives the
// right one for a parsed symbol. An unknown code gives "".
func (v *Vocabulary) TypeName(code string) string {
	for _, kind := range []SymbolKind{PartySymbol, StateSymbol} {
		if t, ok := v.Type(kind, code); ok {
			return t.Name
		}
	}
	return ""
}

// IssuerName returns the Vietnamese name of an issuer code as a Symbol holds it, the Party's
// before the State's: "BTGTU" → "Ban Tuyên giáo Tỉnh ủy, Thành ủy", "QH14" → "Quốc hội khóa
// XIV", "BCĐ35" → "Ban Chỉ đạo 35". The codes of a joint issuer are named one by one and
// joined by " – ", an unknown one by its code. A code of which nothing is known gives "".
func (v *Vocabulary) IssuerName(code string) string {
	for _, kind := range []SymbolKind{PartySymbol, StateSymbol} {
		if name := v.issuerName(kind, code); name != "" {
			return name
		}
	}
	return ""
}

// Names returns the Vietnamese names of s's type and issuer, read in the vocabulary of s's
// kind: for 01/2021/TT-BTTTT, "Thông tư" and "Bộ Thông tin và Truyền thông". The type
// name is "" when s carries no type (54/2017/QH14 may be a law or a resolution).
func (v *Vocabulary) Names(s Symbol) (typeName, issuerName string) {
	if t, ok := v.Type(s.Kind, s.Type); ok && s.Type != "" {
		typeName = t.Name
	}
	return typeName, v.issuerName(s.Kind, s.Issuer)
}

func (v *Vocabulary) issuerName(kind SymbolKind, code string) string {
	v = v.orDefault()
	v.mu.RLock()
	defer v.mu.RUnlock()
	var names []string
	known := false
	for _, seg := range strings.Split(NFC(code), "-") {
		i, number, ok := v.issuerLocked(kind, seg)
		switch {
		case !ok:
			names = append(names, seg)
			continue
		case number == "":
			names = append(names, i.Name)
		case i.Term:
			names = append(names, i.Name+" khóa "+symRoman(number))
		default:
			names = append(names, i.Name+" "+number)
		}
		known = true
	}
	if !known {
		return ""
	}
	return strings.Join(names, " – ")
}

// typeLocked finds the type of the kind whose code is tok: spelled exactly so, else the
// same but for case, else the only one that is the same but for case and the stroke of Đ
// ("DA" for ĐA; the State has both DA, Dự án, and ĐA, Đề án, and the exact one wins).
// Other diacritics count: TƯ, as some write Trung ương, must not pass for TU, Tỉnh ủy.
func (v *Vocabulary) typeLocked(kind SymbolKind, tok string) (DocType, bool) {
	i := symMatch(len(v.types), func(i int) (string, bool) {
		return v.types[i].Code, v.types[i].Kind == kind && v.types[i].Code != ""
	}, tok)
	if i < 0 {
		return DocType{}, false
	}
	return v.types[i], true
}

// issuerLocked finds the issuer of the kind whose code is tok, matched as typeLocked
// matches types, or whose code is tok less its trailing digits (QH14, BCĐ35), which it
// returns as number.
func (v *Vocabulary) issuerLocked(kind SymbolKind, tok string) (iss Issuer, number string, ok bool) {
	find := func(tok string) int {
		return symMatch(len(v.issuers), func(i int) (string, bool) {
			return v.issuers[i].Code, v.issuers[i].Kind == kind
		}, tok)
	}
	if i := find(tok); i >= 0 {
		return v.issuers[i], "", true
	}
	base := strings.TrimRight(tok, "0123456789")
	if base == "" || base == tok {
		return Issuer{}, "", false
	}
	if i := find(base); i >= 0 {
		return v.issuers[i], tok[len(base):], true
	}
	return Issuer{}, "", false
}

// symMatch returns the index among n entries of the one whose code matches tok, or -1;
// code(i) gives entry i's code and whether it takes part.
func symMatch(n int, code func(int) (string, bool), tok string) int {
	if tok == "" {
		return -1
	}
	caseless, folded, nfolded := -1, -1, 0
	ftok := symFoldCode(tok)
	for i := range n {
		c, ok := code(i)
		if !ok {
			continue
		}
		if c == tok {
			return i
		}
		if strings.EqualFold(c, tok) {
			caseless = i
		} else if symFoldCode(c) == ftok {
			folded = i
			nfolded++
		}
	}
	if caseless >= 0 {
		return caseless
	}
	if nfolded == 1 {
		return folded
	}
	return -1
}

// ParseSymbol reads the number and sign of a Party or State document against the
// vocabulary v (nil for the built-in one) and returns it with its codes in the
// vocabulary's spelling. It reads
//   - Party symbols, number-TYPE/ISSUER: 35-NQ/TW, 12-CTr/TU, 03-ĐA/TU, 12-BC/BTGTU;
//   - State symbols, number[/year]/[TYPE-]ISSUER: 13/2023/NĐ-CP, 123/QĐ-UBND, 54/2017/QH14;
//
// as people type and paste them: in any case, decomposed or composed, with spaces around
// the signs and any dash for '-' (138 - KH/QU, 35–NQ/TW), ĐA typed DA, and after the words
// that name them in prose ("Nghị quyết số 35-NQ/TW", "Số: 123/QĐ-UBND"), which must then
// agree with the type. A type must be in the vocabulary. An unknown but well-formed issuer
// (a letter, then letters and digits) is accepted with KnownIssuer false, except in a State
// symbol without type code, where the body must be known lest an unknown type pass for
// one. A State year runs from 1945 to next year. What does not parse gives a *SymbolError
// whose Err says what is wrong; the Symbol is then zero.
func ParseSymbol(s string, v *Vocabulary) (Symbol, error) {
	v = v.orDefault()
	in := symClean(s)
	fail := func(format string, args ...any) (Symbol, error) {
		return Symbol{}, &SymbolError{Input: s, Err: problem(format, args...)}
	}
	if in == "" {
		return fail("Chưa nhập số, ký hiệu văn bản (ví dụ 35-NQ/TW hoặc 13/2023/NĐ-CP).")
	} else if utf8.RuneCountInString(in) > maxSymbolRunes {
		return fail("Số, ký hiệu văn bản dài quá %d ký tự.", maxSymbolRunes)
	}
	// The words before the number, if any, name the document in prose.
	start := len(in)
	for i, r := range in {
		if r >= '0' && r <= '9' || symDash(r) || symSlash(r) {
			start = i
			break
		}
		if r != ' ' && r != ':' && r != '.' && !symLetter(r) {
			return fail("Ký tự %s không hợp lệ trong số, ký hiệu văn bản.", symRune(r))
		}
	}
	p := &symParser{in: in, toks: symTokens(in, start)}
	v.mu.RLock()
	sym, msg := p.parse(v)
	if msg == nil {
		msg = v.proseLocked(in[:start], sym)
	}
	v.mu.RUnlock()
	if msg != nil {
		return Symbol{}, &SymbolError{Input: s, Err: msg}
	}
	return sym, nil
}

// symClean returns s in NFC, without format characters (soft hyphens, zero-width spaces
// and byte-order marks that come with pasted text), with white space collapsed and without
// the punctuation that ends a sentence.
func symClean(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	s = NFC(s)
	return strings.TrimSpace(strings.TrimRight(s, ".,;"))
}

type symTok struct {
	kind byte   // 'w' a word of letters and digits, '-', '/', or 'x' any other character
	text string // as written; for '-' and '/' the sign as typed
	pos  int    // byte offset in the input
}

func symTokens(in string, start int) []symTok {
	var toks []symTok
	for i := start; i < len(in); {
		r, n := utf8.DecodeRuneInString(in[i:])
		switch {
		case r == ' ':
		case symDash(r):
			toks = append(toks, symTok{'-', in[i : i+n], i})
		case symSlash(r):
			toks = append(toks, symTok{'/', in[i : i+n], i})
		case symLetter(r) || r >= '0' && r <= '9':
			j := i + n
			for j < len(in) {
				r, m := utf8.DecodeRuneInString(in[j:])
				if !symLetter(r) && (r < '0' || r > '9') {
					break
				}
				j += m
			}
			toks = append(toks, symTok{'w', in[i:j], i})
			n = j - i
		default:
			toks = append(toks, symTok{'x', in[i : i+n], i})
		}
		i += n
	}
	return toks
}

type symParser struct {
	in   string
	toks []symTok
	i    int
}

// next returns the next token, or one of kind 0 at the end.
func (p *symParser) next() symTok {
	if p.i >= len(p.toks) {
		return symTok{}
	}
	p.i++
	return p.toks[p.i-1]
}

func (p *symParser) peek() symTok {
	if p.i >= len(p.toks) {
		return symTok{}
	}
	return p.toks[p.i]
}

// parse reads the tokens as a symbol; a message, when not nil, says what is wrong.
func (p *symParser) parse(v *Vocabulary) (Symbol, *tuyengiao.Error) {
	var sym Symbol
	t := p.next()
	switch t.kind {
	case 0:
		return sym, problem("Thiếu số văn bản (ví dụ 35-NQ/TW hoặc 13/2023/NĐ-CP).")
	case '-', '/':
		return sym, problem("Thiếu số văn bản trước dấu '%s'.", t.text)
	case 'x':
		return sym, symBadChar(t)
	}
	if !symDigits(t.text) {
		return sym, problem("Số văn bản '%s' chỉ được gồm chữ số.", t.text)
	} else if len(t.text) > maxNumberDigit {
		return sym, problem("Số văn bản '%s' dài quá %d chữ số.", t.text, maxNumberDigit)
	} else if strings.Trim(t.text, "0") == "" {
		return sym, problem("Số văn bản phải lớn hơn 0.")
	}
	sym.Number = t.text
	switch t := p.next(); t.kind {
	case 0:
		return sym, problem("Thiếu ký hiệu sau số %s (ví dụ %s-NQ/TW hoặc %s/2023/NĐ-CP).", sym.Number, sym.Number, sym.Number)
	case 'w':
		return sym, problem("Thiếu dấu '-' hoặc '/' giữa số %s và ký hiệu (ví dụ %s-NQ/TW hoặc %s/2023/NĐ-CP).", sym.Number, sym.Number, sym.Number)
	case 'x':
		return sym, symBadChar(t)
	case '-':
		sym.Kind = PartySymbol
		return sym, p.party(v, &sym)
	default:
		sym.Kind = StateSymbol
		return sym, p.state(v, &sym)
	}
}

// party reads what follows the number and '-' of a Party symbol: TYPE/ISSUER.
func (p *symParser) party(v *Vocabulary, sym *Symbol) *tuyengiao.Error {
	t := p.next()
	switch t.kind {
	case 0:
		return problem("Thiếu loại văn bản sau dấu '-' (ví dụ 35-NQ/TW).")
	case '/':
		return problem("Thiếu loại văn bản giữa dấu '-' và dấu '/' (ví dụ 35-NQ/TW).")
	case '-':
		return problem("Thừa dấu '%s' sau số %s.", t.text, sym.Number)
	case 'x':
		return symBadChar(t)
	}
	if _, ok := symFirstNot(t.text, symLetter); ok {
		return problem("Loại văn bản '%s' chỉ được gồm chữ cái.", t.text)
	}
	typ, ok := v.typeLocked(PartySymbol, t.text)
	if !ok {
		if st, ok := v.typeLocked(StateSymbol, t.text); ok {
			return problem("%s (%s) là loại văn bản của Nhà nước, có ký hiệu dạng %s/%s-CƠ QUAN hoặc %s/NĂM/%s-CƠ QUAN (ví dụ 13/2023/NĐ-CP).",
				st.Code, st.Name, sym.Number, st.Code, sym.Number, st.Code)
		}
		return problem("Loại văn bản '%s' không có trong danh mục (ví dụ: %s).", t.text, v.typeExamplesLocked(PartySymbol))
	}
	sym.Type = typ.Code
	switch t := p.next(); t.kind {
	case '/':
	case 'x':
		return symBadChar(t)
	case '-':
		return problem("Giữa loại văn bản và cơ quan ban hành phải là dấu '/', không phải '%s' (ví dụ %s-%s/TW).", t.text, sym.Number, sym.Type)
	default:
		return problem("Thiếu dấu '/' và cơ quan ban hành sau loại văn bản %s (ví dụ %s-%s/TW).", sym.Type, sym.Number, sym.Type)
	}
	segs, msg := p.codes(problem("Thiếu cơ quan ban hành sau dấu '/'."))
	if msg != nil {
		return msg
	}
	sym.Issuer, sym.KnownIssuer = v.issuersLocked(PartySymbol, segs)
	if !sym.KnownIssuer {
		// A State body after a type the State uses too is a State symbol in the Party's form.
		if st, ok := v.typeLocked(StateSymbol, sym.Type); ok {
			if iss, known := v.issuersLocked(StateSymbol, segs); known && !v.anyIssuerLocked(PartySymbol, segs) {
				return problem("%s là cơ quan nhà nước; ký hiệu văn bản nhà nước ghi dạng %s/%s-%s.", iss, sym.Number, st.Code, iss)
			}
		}
	}
	return nil
}

// state reads what follows the number and '/' of a State symbol: [year/][TYPE-]ISSUER.
func (p *symParser) state(v *Vocabulary, sym *Symbol) *tuyengiao.Error {
	missing := problem("Thiếu loại văn bản và cơ quan ban hành sau dấu '/' (ví dụ 13/2023/NĐ-CP).")
	if t := p.peek(); t.kind == 'w' && symDigits(t.text) {
		p.next()
		y, err := strconv.Atoi(t.text)
		last := time.Now().In(Zone).Year() + 1
		if len(t.text) != 4 || err != nil {
			return problem("Năm '%s' không hợp lệ: năm ghi đủ 4 chữ số (ví dụ %s/2023/NĐ-CP).", t.text, sym.Number)
		} else if y < firstYear || y > last {
			return problem("Năm %v không hợp lệ (năm ban hành từ %v đến %v).", y, firstYear, last)
		}
		sym.Year = y
		switch t := p.next(); t.kind {
		case '/':
		case 0:
			return problem("Thiếu loại văn bản và cơ quan ban hành sau năm %v (ví dụ %s/%v/NĐ-CP).", y, sym.Number, y)
		case 'x':
			return symBadChar(t)
		default:
			return problem("Sau năm %v phải là dấu '/' (ví dụ %s/%v/NĐ-CP).", y, sym.Number, y)
		}
		missing = problem("Thiếu loại văn bản và cơ quan ban hành sau năm %v (ví dụ %s/%v/NĐ-CP).", y, sym.Number, y)
	}
	segs, msg := p.codes(missing)
	if msg != nil {
		return msg
	}
	if typ, ok := v.typeLocked(StateSymbol, segs[0]); ok {
		if len(segs) == 1 {
			return problem("Thiếu cơ quan ban hành sau loại văn bản %s (ví dụ 13/2023/NĐ-CP, 123/QĐ-UBND).", typ.Code)
		}
		sym.Type = typ.Code
		sym.Issuer, sym.KnownIssuer = v.issuersLocked(StateSymbol, segs[1:])
		if !sym.KnownIssuer && sym.Year == 0 {
			// 35/NQ-TW: a Party symbol written in the State's form.
			if pt, ok := v.typeLocked(PartySymbol, typ.Code); ok {
				if iss, known := v.issuersLocked(PartySymbol, segs[1:]); known && !v.anyIssuerLocked(StateSymbol, segs[1:]) {
					return problem("%s là cơ quan của Đảng; ký hiệu văn bản của Đảng ghi dạng %s-%s/%s.", iss, sym.Number, pt.Code, iss)
				}
			}
		}
		return nil
	}
	// No type: a law or resolution of the National Assembly, an ordinance, a State công
	// văn. The body must then be known, or an unknown type would pass for a body.
	if _, _, ok := v.issuerLocked(StateSymbol, segs[0]); ok {
		sym.Issuer, sym.KnownIssuer = v.issuersLocked(StateSymbol, segs)
		return nil
	}
	if iss, known := v.issuersLocked(PartySymbol, segs); known {
		return problem("%s là cơ quan của Đảng; ký hiệu văn bản của Đảng ghi dạng số-loại/cơ quan, ví dụ %s-NQ/%s.", iss, sym.Number, iss)
	}
	if len(segs) > 1 {
		if _, ok := symFirstNot(segs[0], symLetter); !ok {
			return problem("Loại văn bản '%s' không có trong danh mục văn bản nhà nước (ví dụ: %s).", segs[0], v.typeExamplesLocked(StateSymbol))
		}
	}
	return problem("'%s' không có trong danh mục loại văn bản và cơ quan ban hành nhà nước (ví dụ 13/2023/NĐ-CP, 54/2017/QH14).", segs[0])
}

// codes reads codes joined by '-' up to the end of the input; missing is the message when
// there is none.
func (p *symParser) codes(missing *tuyengiao.Error) ([]string, *tuyengiao.Error) {
	var segs []string
	for {
		t := p.next()
		switch t.kind {
		case 0:
			if len(segs) == 0 {
				return nil, missing
			}
			return nil, problem("Thiếu cơ quan ban hành sau dấu '-'.")
		case '-', '/':
			if len(segs) == 0 {
				return nil, missing
			}
			return nil, problem("Thiếu cơ quan ban hành giữa hai dấu '%s'.", t.text)
		case 'x':
			return nil, symBadChar(t)
		}
		if msg := symIssuerProblem(t.text); msg != nil {
			return nil, msg
		}
		segs = append(segs, t.text)
		switch t := p.peek(); t.kind {
		case 0:
			return segs, nil
		case '-':
			p.next()
		case 'x':
			return nil, symBadChar(t)
		default:
			return nil, problem("Thừa '%s' sau ký hiệu văn bản.", p.in[t.pos:])
		}
	}
}

// symIssuerProblem says what is wrong with an issuer code, or nil.
func symIssuerProblem(code string) *tuyengiao.Error {
	r, _ := utf8.DecodeRuneInString(code)
	if code == "" {
		return problem("Mã cơ quan ban hành không được để trống.")
	} else if !symLetter(r) {
		return problem("Cơ quan ban hành '%s' phải bắt đầu bằng chữ cái.", code)
	} else if r, bad := symFirstNot(code, func(r rune) bool { return symLetter(r) || r >= '0' && r <= '9' }); bad {
		return problem("Cơ quan ban hành '%s' có ký tự %s; chỉ được gồm chữ cái và chữ số.", code, symRune(r))
	} else if utf8.RuneCountInString(code) > maxIssuerRunes {
		return problem("Cơ quan ban hành '%s' dài quá %d ký tự.", code, maxIssuerRunes)
	}
	return nil
}

// issuersLocked returns the codes in canonical spelling, joined by '-', and whether all of
// them are known.
func (v *Vocabulary) issuersLocked(kind SymbolKind, segs []string) (string, bool) {
	out := make([]string, len(segs))
	known := true
	for i, seg := range segs {
		if iss, number, ok := v.issuerLocked(kind, seg); ok {
			out[i] = iss.Code + number
		} else {
			out[i] = symUpper(seg)
			known = false
		}
	}
	return strings.Join(out, "-"), known
}

func (v *Vocabulary) anyIssuerLocked(kind SymbolKind, segs []string) bool {
	for _, seg := range segs {
		if _, _, ok := v.issuerLocked(kind, seg); ok {
			return true
		}
	}
	return false
}

// typeExamplesLocked lists the first eight coded types of the kind.
func (v *Vocabulary) typeExamplesLocked(kind SymbolKind) string {
	var codes []string
	for _, t := range v.types {
		if t.Kind == kind && t.Code != "" && len(codes) < 8 {
			codes = append(codes, t.Code)
		}
	}
	return strings.Join(codes, ", ")
}

// proseLocked checks the words before the number ("Nghị quyết số") against the type of
// sym; it returns nil when they agree or name no type the vocabulary knows.
func (v *Vocabulary) proseLocked(prose string, sym Symbol) *tuyengiao.Error {
	words := strings.FieldsFunc(Fold(prose), func(r rune) bool { return r == ' ' || r == ':' || r == '.' })
	if len(words) > 0 && words[len(words)-1] == "so" {
		words = words[:len(words)-1]
	}
	if len(words) == 0 || sym.Type == "" {
		return nil
	}
	said := strings.Join(words, " ") + " "
	names := func(t DocType) []string { return append([]string{t.Name}, t.OtherNames...) }
	if typ, ok := v.typeLocked(sym.Kind, sym.Type); ok {
		for _, n := range names(typ) {
			if strings.HasPrefix(said, Fold(n)+" ") {
				return nil
			}
		}
		best := ""
		for _, other := range v.types {
			for _, n := range names(other) {
				if strings.HasPrefix(said, Fold(n)+" ") && len(Fold(n)) > len(Fold(best)) {
					best = n
				}
			}
		}
		if best != "" {
			return problem("Ký hiệu %s là %s, không phải %s.", typ.Code, typ.Name, best)
		}
	}
	return nil
}

// symLetter reports whether r is a letter of the Latin alphabet, with or without
// diacritics (a, ấ, Đ): a letter whose folded form is one of a to z.
func symLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	if !unicode.IsLetter(r) {
		return false
	}
	f := Fold(string(r))
	return len(f) == 1 && f[0] >= 'a' && f[0] <= 'z'
}

// symFoldCode returns code in lower case with đ as d, the form in which codes typed
// without Đ match.
func symFoldCode(code string) string {
	return strings.Map(func(r rune) rune {
		if r == 'Đ' || r == 'đ' {
			return 'd'
		}
		return unicode.ToLower(r)
	}, code)
}

func symDash(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\uFE63', '\uFF0D':
		return true
	}
	return false
}

func symSlash(r rune) bool {
	return r == '/' || r == '\u2044' || r == '\u2215' || r == '\uFF0F'
}

func symDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// symFirstNot returns the first rune of s for which ok is false.
func symFirstNot(s string, ok func(rune) bool) (rune, bool) {
	for _, r := range s {
		if !ok(r) {
			return r, true
		}
	}
	return 0, false
}

// symUpper writes an unknown code in upper case, as codes are written.
func symUpper(s string) string {
	return norm.NFC.String(strings.ToUpper(s))
}

// symRune shows r in a message: in quotes, or by its code point when it cannot be seen.
func symRune(r rune) string {
	if unicode.IsGraphic(r) && !unicode.IsMark(r) && !unicode.IsSpace(r) {
		return "'" + string(r) + "'"
	}
	return fmt.Sprintf("U+%04X", r)
}

func symBadChar(t symTok) *tuyengiao.Error {
	r, _ := utf8.DecodeRuneInString(t.text)
	return problem("Ký tự %s không hợp lệ trong số, ký hiệu văn bản.", symRune(r))
}

// symRoman writes a term number in Roman numerals (14 → XIV), as terms are named; a number
// it cannot write is returned as it is.
func symRoman(digits string) string {
	n, err := strconv.Atoi(digits)
	if err != nil || n <= 0 || n >= 4000 {
		return digits
	}
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for ; n >= p.v; n -= p.v {
			b.WriteString(p.s)
		}
	}
	return b.String()
}
