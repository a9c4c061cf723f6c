package tuyengiao

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Document is a Party or State document in the registry: a resolution, directive,
// conclusion, regulation, programme, plan, project, guidance, notice or report, known by its
// symbol (số, ký hiệu) such as "35-NQ/TW" or "13/2023/NĐ-CP".
type Document struct {
	ID       int64    `json:"id"`
	Symbol   string   `json:"symbol"` // canonical form, unique per issuer and series
	Number   string   `json:"number"` // as written, leading zeros kept: "03"
	Type     string   `json:"type"`   // code of a document type: "NQ", "CTr", "ĐA", ...
	Issuer   string   `json:"issuer"` // code of the issuing body: "TW", "BCT", "TU", ...
	Year     int      `json:"year,omitempty"`
	IssuedOn Date     `json:"issued_on,omitzero"`
	Term     string   `json:"term,omitempty"` // khóa, in Roman numerals: "XIII"
	Title    string   `json:"title"`          // trích yếu
	Summary  string   `json:"summary,omitempty"`
	Fields   []string `json:"fields"`  // codes of DocumentFields
	UnitID   int64    `json:"unit_id"` // the unit that registered it; its editors change it
	// IssuingUnitID is the unit of the tree that issued the document, which a local issuer
	// (IssuerLocal: every Quận ủy signs QU) needs and any other issuer leaves 0: a
	// document of TW, VPTW or the State's QH14 is told by its symbol alone. It differs from
	// UnitID when a ward registers the city's plan it implements.
	IssuingUnitID int64  `json:"issuing_unit_id,omitempty"`
	IssuingUnit   string `json:"issuing_unit,omitempty"` // its name, filled by queries
	// IssuingUnitUnknown marks a local issuer's document without its issuing unit: one
	// registered before issuing units were recorded, whose registering unit has no unit of
	// the issuer's kinds above it. It is shown as not yet known, and its next change must
	// name the unit. Filled by queries.
	IssuingUnitUnknown bool               `json:"issuing_unit_unknown,omitempty"`
	CreatedAt          time.Time          `json:"created_at"`
	UpdatedAt          time.Time          `json:"updated_at"`
	Files              []DocumentFile     `json:"files"`     // filled by FindDocumentByID
	Relations          []DocumentRelation `json:"relations"` // both directions, filled by FindDocumentByID
	// Contents are the contents a plan lists, in their order (its key and breakthrough
	// contents); filled by FindDocumentByID.
	Contents []DocumentContent `json:"contents"`
}

// Validate checks what a user enters besides the symbol, which the service parses; the issue
// date against its plausible range as of today (PlausibleDate).
func (d *Document) Validate(today Date) error {
	if strings.TrimSpace(d.Symbol) == "" {
		return FieldError("symbol", "Chưa nhập số, ký hiệu văn bản (ví dụ 35-NQ/TW).")
	}
	if strings.TrimSpace(d.Title) == "" {
		return FieldError("title", "Chưa nhập trích yếu văn bản.")
	} else if utf8.RuneCountInString(d.Title) > 500 {
		return FieldError("title", "Trích yếu dài quá 500 ký tự.")
	}
	if utf8.RuneCountInString(d.Summary) > 20000 {
		return FieldError("summary", "Tóm tắt dài quá 20.000 ký tự.")
	}
	if err := PlausibleDate("issued_on", d.IssuedOn, today); err != nil {
		return err
	}
	if d.Term != "" && strings.Trim(d.Term, "IVXLC") != "" {
		return FieldError("term", "Khóa ghi bằng số La Mã, ví dụ XIII.")
	}
	for _, f := range d.Fields {
		if !validField(f) {
			return FieldError("fields", "Lĩnh vực %q không có trong danh mục.", f)
		}
	}
	if err := validateContents(d.Contents); err != nil {
		return err
	}
	if d.UnitID == 0 {
		return FieldError("unit_id", "Chưa chọn đơn vị đăng ký văn bản.")
	}
	if d.IssuingUnitID < 0 {
		return FieldError("issuing_unit_id", "Không tìm thấy đơn vị ban hành văn bản.")
	}
	return nil
}

// ContentKind is the kind of a content a plan lists.
type ContentKind string

// The kinds of content: a plan names its key and its breakthrough contents, counted apart
// ("7 nội dung trọng tâm và 2 khâu đột phá").
const (
	ContentKey          ContentKind = "key"          // trọng tâm
	ContentBreakthrough ContentKind = "breakthrough" // đột phá
	ContentOther        ContentKind = "other"        // khác
)

// ContentKinds lists the kinds of content, for the forms.
var ContentKinds = []ContentKind{ContentKey, ContentBreakthrough, ContentOther}

// Valid reports whether k is one of ContentKinds.
func (k ContentKind) Valid() bool {
	return k == ContentKey || k == ContentBreakthrough || k == ContentOther
}

// Name returns the Vietnamese name of the kind.
func (k ContentKind) Name() string {
	switch k {
	case ContentKey:
		return "Trọng tâm"
	case ContentBreakthrough:
		return "Đột phá"
	case ContentOther:
		return "Khác"
	}
	return string(k)
}

// DocumentContent is a content a plan lists: one of its key tasks, its breakthroughs.
type DocumentContent struct {
	// Position is the place of the content in the document's list, from 1; the service
	// numbers the contents in the order they are given.
	Position int         `json:"position"`
	Kind     ContentKind `json:"kind"`
	Text     string      `json:"text"`
}

// The limits on the contents of a document.
const (
	MaxDocumentContents   = 100
	MaxDocumentContentLen = 500 // characters of one content
)

// validateContents checks the contents of a document, naming the row of the first that is
// wrong.
func validateContents(cs []DocumentContent) error {
	if len(cs) > MaxDocumentContents {
		return FieldError("contents", "Một văn bản có nhiều nhất %d nội dung; đã nhập %d.", MaxDocumentContents, len(cs))
	}
	for i, c := range cs {
		switch {
		case !c.Kind.Valid():
			return FieldError("contents", "Nội dung thứ %d: loại %q không hợp lệ (trọng tâm, đột phá hoặc khác).", i+1, c.Kind)
		case strings.TrimSpace(c.Text) == "":
			return FieldError("contents", "Nội dung thứ %d: chưa nhập nội dung.", i+1)
		case utf8.RuneCountInString(c.Text) > MaxDocumentContentLen:
			return FieldError("contents", "Nội dung thứ %d dài quá %d ký tự.", i+1, MaxDocumentContentLen)
		}
	}
	return nil
}

// DocumentField is a field of the commission's work a document belongs to.
type DocumentField struct {
	Code, Name string
}

// DocumentFields lists the fields of work, in display order.
var DocumentFields = []DocumentField{
	{"tu_tuong_ly_luan", "Tư tưởng – lý luận"},
	{"khoa_giao", "Khoa giáo"},
	{"tuyen_truyen", "Tuyên truyền"},
	{"bao_chi_xuat_ban", "Báo chí – xuất bản"},
	{"van_hoa_van_nghe", "Văn hóa – văn nghệ"},
	{"lich_su_dang", "Lịch sử Đảng"},
	{"du_luan_xa_hoi", "Dư luận xã hội"},
	{"xay_dung_dang", "Xây dựng Đảng"},
}

func validField(code string) bool {
	for _, f := range DocumentFields {
		if f.Code == code {
			return true
		}
	}
	return false
}

// RelationKind is how one document stands to another.
type RelationKind string

// The relations between documents: From <kind> To.
const (
	RelImplements RelationKind = "implements" // thực hiện: a plan implements a resolution
	RelUpdates    RelationKind = "updates"    // cập nhật, bổ sung: 12-CTr/TU updates 02-CTr/TU
	RelReplaces   RelationKind = "replaces"   // thay thế
	RelContinues  RelationKind = "continues"  // tiếp tục thực hiện
	RelGuides     RelationKind = "guides"     // hướng dẫn thực hiện
)

// Valid reports whether k is a known relation.
func (k RelationKind) Valid() bool {
	switch k {
	case RelImplements, RelUpdates, RelReplaces, RelContinues, RelGuides:
		return true
	}
	return false
}

// DocumentRelation links document FromID to ToID. The symbols and titles of both ends are
// filled by queries, for display.
type DocumentRelation struct {
	FromID     int64        `json:"from_id"`
	ToID       int64        `json:"to_id"`
	Kind       RelationKind `json:"kind"`
	FromSymbol string       `json:"from_symbol,omitempty"`
	ToSymbol   string       `json:"to_symbol,omitempty"`
	ToTitle    string       `json:"to_title,omitempty"`
	FromTitle  string       `json:"from_title,omitempty"`
}

// DocumentFile is a file attached to a document: its text as a PDF or DOCX.
type DocumentFile struct {
	ID          int64     `json:"id"`
	DocumentID  int64     `json:"document_id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"` // decided by content, never by name
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	CreatedAt   time.Time `json:"created_at"`
}

// MaxDocumentFileBytes is the largest file a document takes.
const MaxDocumentFileBytes = 20 << 20

// DocumentFilter selects documents.
type DocumentFilter struct {
	Query        string // symbol, title or summary, ignoring case and diacritics
	Type, Issuer string
	Field        string
	Year         int
	// IssuingRoot keeps the documents issued by this unit or a unit below it (a central
	// or State document has no issuing unit and is left out).
	IssuingRoot int64
	// From and To keep the documents issued on these days or between them; a document
	// without an issue date is left out by either.
	From, To      Date
	Offset, Limit int
}

// DocumentUpdate holds the fields to change; nil leaves a field as it is.
type DocumentUpdate struct {
	Symbol *string `json:"symbol"`
	// IssuingUnitID sets the issuing unit; 0 clears it.
	IssuingUnitID *int64    `json:"issuing_unit_id"`
	IssuedOn      *Date     `json:"issued_on"`
	Term          *string   `json:"term"`
	Title         *string   `json:"title"`
	Summary       *string   `json:"summary"`
	Fields        *[]string `json:"fields"`
	// Contents replaces the list of contents; an empty list clears it.
	Contents *[]DocumentContent `json:"contents"`
}

// DocumentService keeps the document registry. Documents are the organisation's published
// work, not personal data: every account may read them; ActionDocumentEdit at the
// registering unit is needed to change one. Every change is audited.
type DocumentService interface {
	// FindDocumentByID returns the document with its files and its relations both ways.
	FindDocumentByID(ctx context.Context, id int64) (*Document, error)
	// FindDocuments returns the matching documents, newest issue date first, and the total.
	FindDocuments(ctx context.Context, f DocumentFilter) ([]*Document, int, error)
	// FindDocumentsBySymbol returns every document registered under the symbol, however
	// it is written (05-CT/TW finds 5-CT/TW): several when units each issued their own
	// 08-CTr/QU or a committee reused a number in another term, so that the caller asks
	// which one. A central issuer's come first, then by issuing unit in the tree's order,
	// then by series. A symbol that does not parse is an EINVALID on "symbol".
	FindDocumentsBySymbol(ctx context.Context, symbol string) ([]*Document, error)
	// CreateDocument parses d.Symbol against the vocabulary of types and issuers (an error
	// names what is wrong with it), fills Number, Type, Issuer, Year and the canonical
	// Symbol, and stores d. A local issuer needs IssuingUnitID (an EINVALID on
	// "issuing_unit_id" otherwise), any other refuses one. A symbol the same issuer already
	// registered in the same series (the term of a Party document, the year of a State
	// one: where the numbering restarts) is an EINVALID on "symbol"; another
	// unit's 08-CTr/QU is not. A number the issuer used in a named series is refused
	// without one, and the other way round (an EINVALID on "term", or "issued_on" for a
	// State symbol), since the two could not be told apart.
	CreateDocument(ctx context.Context, d *Document) error
	// UpdateDocument changes what upd sets, by the rules of CreateDocument.
	UpdateDocument(ctx context.Context, id int64, upd DocumentUpdate) (*Document, error)
	// AddDocumentFile attaches a PDF or DOCX, checked by content and size and stored with
	// its SHA-256.
	AddDocumentFile(ctx context.Context, documentID int64, name string, content []byte) (*DocumentFile, error)
	// DocumentFileContent returns an attached file with its bytes.
	DocumentFileContent(ctx context.Context, fileID int64) (*DocumentFile, []byte, error)
	// RelateDocuments records that from stands in the relation to to; a relation that
	// would make a document its own ancestor is refused.
	RelateDocuments(ctx context.Context, fromID, toID int64, kind RelationKind) error
	UnrelateDocuments(ctx context.Context, fromID, toID int64, kind RelationKind) error
	// DocumentChain returns the documents linked to id through any relation, transitively
	// in both directions (the central resolution above, the plans below), with the
	// relations among them: the chain a page draws.
	DocumentChain(ctx context.Context, id int64) ([]*Document, []DocumentRelation, error)

	// DocumentTypes lists the vocabulary of document types, the Party's then the State's,
	// each in the vocabulary's order; every account may read it.
	DocumentTypes(ctx context.Context) ([]DocumentType, error)
	// DocumentIssuers lists the vocabulary of issuing bodies, ordered as DocumentTypes.
	DocumentIssuers(ctx context.Context) ([]DocumentIssuer, error)
	// CreateDocumentType adds t to the vocabulary; it needs ActionVocabularyManage, which
	// only a system administrator holds. The code is spelled by the rules symbols are read
	// with; a code the kind already has, in any case, is an EINVALID on "code". Builtin is
	// set by the service.
	CreateDocumentType(ctx context.Context, t *DocumentType) error
	// CreateDocumentIssuer adds i to the vocabulary, as CreateDocumentType adds a type.
	CreateDocumentIssuer(ctx context.Context, i *DocumentIssuer) error
	// SetIssuerUnitKinds sets the kinds of unit that issue under the local issuer's code
	// (none: any unit), with ActionVocabularyManage; a kind not in the vocabulary of unit
	// kinds, or an issuer that is not local, is an EINVALID on "unit_kinds", a missing
	// issuer an ENOTFOUND. Registered documents keep their issuing unit until they are
	// changed next.
	SetIssuerUnitKinds(ctx context.Context, kind, code string, unitKinds []string) (*DocumentIssuer, error)
	// IssuingUnits returns the units offered as the issuer of a document registered at
	// unitID: every unit above it, the unit itself and the units directly below it, top
	// first, by name and code only (an editor of a ward names the city committee it does
	// not otherwise see); none to who may not edit documents there. CreateDocument refuses
	// an issuer outside the registering unit's line (a sibling ward, a unit elsewhere in
	// the tree) as an EINVALID on "issuing_unit_id": it would take that unit's number.
	IssuingUnits(ctx context.Context, unitID int64) ([]IssuingUnit, error)
	// Implementation returns how far the units right below the issuing unit of the
	// document, those of the kinds that issue Party documents, have each issued their own
	// document that implements it (relation RelImplements). It needs ActionUnitView at the
	// issuing unit; a document without one (a central or State body's) has no units below.
	Implementation(ctx context.Context, documentID int64) (*DocumentImplementation, error)
}

// DocumentImplementation is how far a document handed down has been implemented by the
// units right below its issuing unit: each has, or has not yet, issued its own document
// implementing it ("5/6 cấp ủy trực thuộc đã ban hành văn bản triển khai").
type DocumentImplementation struct {
	DocumentID    int64  `json:"document_id"`
	IssuingUnitID int64  `json:"issuing_unit_id,omitempty"`
	IssuingUnit   string `json:"issuing_unit,omitempty"`
	// Units are the units that must implement it, in the tree's order.
	Units []ImplementingUnit `json:"units"`
	// Share is the units that have (Num) of the units that must (Den).
	Share Value `json:"share"`
}

// ImplementingUnit is a unit below the issuer of a document with its own documents that
// implement it: none when it has not issued one yet.
type ImplementingUnit struct {
	ID        int64                  `json:"id"`
	Code      string                 `json:"code"`
	Name      string                 `json:"name"`
	Documents []ImplementingDocument `json:"documents"`
}

// ImplementingDocument is a document of a unit below that implements the document above.
type ImplementingDocument struct {
	ID       int64  `json:"id"`
	Symbol   string `json:"symbol"`
	Title    string `json:"title"`
	IssuedOn Date   `json:"issued_on,omitzero"`
}

// IssuingUnit is a unit offered as the issuer of a document.
type IssuingUnit struct {
	ID   int64  `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// The kinds of document symbol: a Party document's (35-NQ/TW) or a State document's
// (13/2023/NĐ-CP). Their vocabularies differ: TT is a Thông tri of the Party, a Thông tư of
// the State.
const (
	PartyDocument = "party"
	StateDocument = "state"
)

// DocumentType is a type of document in the vocabulary that symbols are read against:
// Nghị quyết (NQ), Chỉ thị (CT), ... Builtin marks the types the system comes with.
type DocumentType struct {
	Kind string `json:"kind"` // PartyDocument or StateDocument
	// Code is written in symbols: letters only. A State type whose symbols carry no code
	// (Luật, Pháp lệnh) has none.
	Code       string   `json:"code"`
	Name       string   `json:"name"`
	OtherNames []string `json:"other_names"` // further types written with the same code
	Builtin    bool     `json:"builtin"`
}

// Validate checks the kind and the name; the service checks the code against the
// vocabulary.
func (t *DocumentType) Validate() error {
	return validateVocabularyEntry(t.Kind, t.Name, "loại văn bản")
}

// DocumentIssuer is an issuing body in the vocabulary: Trung ương (TW), Tỉnh ủy (TU), Ban
// Tuyên giáo Tỉnh ủy (BTGTU), ... Builtin marks the bodies the system comes with.
type DocumentIssuer struct {
	Kind       string   `json:"kind"` // PartyDocument or StateDocument
	Code       string   `json:"code"` // a letter, then letters and digits
	Name       string   `json:"name"`
	OtherNames []string `json:"other_names"` // further bodies issuing under the code
	Term       bool     `json:"term"`        // the number after the code is the term: QH14
	// Local says that every committee of a rank writes this code (each Quận ủy signs QU):
	// a document of it names its issuing unit (Document.IssuingUnitID).
	Local bool `json:"local"`
	// UnitKinds are the codes of the unit kinds that issue under a local code (quan_uy for
	// QU): a document's issuing unit must be of one of them. None lets any unit issue.
	UnitKinds []string `json:"unit_kinds"`
	Builtin   bool     `json:"builtin"`
}

// Validate checks the kind and the name; the service checks the code against the
// vocabulary.
func (i *DocumentIssuer) Validate() error {
	return validateVocabularyEntry(i.Kind, i.Name, "cơ quan ban hành")
}

func validateVocabularyEntry(kind, name, what string) error {
	if kind != PartyDocument && kind != StateDocument {
		return FieldError("kind", "Chưa chọn %s là của Đảng hay của Nhà nước.", what)
	}
	if strings.TrimSpace(name) == "" {
		return FieldError("name", "Tên %s không được để trống.", what)
	} else if utf8.RuneCountInString(name) > 200 {
		return FieldError("name", "Tên %s dài quá 200 ký tự.", what)
	}
	return nil
}
