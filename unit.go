package tuyengiao

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Unit is a node of the unit tree: the city or province committee, a district, a ward, a
// grassroots organisation, a cell, a mass organisation or a residential group.
type Unit struct {
	ID        int64      `json:"id"`
	ParentID  int64      `json:"parent_id,omitempty"` // 0 for a root
	Path      string     `json:"path"`                // materialised path of IDs, "/1/5/23/"
	Code      string     `json:"code"`                // unique, for imports and the API
	Name      string     `json:"name"`
	Kind      string     `json:"kind"` // code of a UnitKind
	SortOrder int        `json:"sort_order"`
	ClosedAt  *time.Time `json:"closed_at,omitempty"` // closed units are kept for history
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// Depth returns the level of the unit in the tree, 1 for a root.
func (u *Unit) Depth() int { return strings.Count(u.Path, "/") - 1 }

// Closed reports whether the unit has been closed.
func (u *Unit) Closed() bool { return u.ClosedAt != nil }

// Validate checks the fields a user enters.
func (u *Unit) Validate() error {
	if err := ValidateCode("code", u.Code); err != nil {
		return err
	}
	if strings.TrimSpace(u.Name) == "" {
		return FieldError("name", "Tên đơn vị không được để trống.")
	} else if utf8.RuneCountInString(u.Name) > 200 {
		return FieldError("name", "Tên đơn vị dài quá 200 ký tự.")
	}
	if u.Kind == "" {
		return FieldError("kind", "Chưa chọn loại đơn vị.")
	}
	return nil
}

// ValidateCode checks a code of a unit or a unit kind: 1 to 40 characters among ASCII
// letters, digits, '-', '_' and '.', so that it can be typed in a spreadsheet and a URL.
func ValidateCode(field, code string) error {
	if code == "" {
		return FieldError(field, "Mã không được để trống.")
	} else if len(code) > 40 {
		return FieldError(field, "Mã dài quá 40 ký tự.")
	}
	for _, c := range code {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '-' || c == '_' || c == '.'
		if !ok {
			return FieldError(field, "Mã chỉ gồm chữ cái không dấu, chữ số và các dấu - _ . (không có khoảng trắng).")
		}
	}
	return nil
}

// UnitKind is a kind of unit (Thành ủy, Đảng ủy phường, Chi bộ, ...). The defaults come with
// the system; an administrator can add more.
type UnitKind struct {
	Code      string `json:"code"`
	Name      string `json:"name"`    // Vietnamese
	NameEN    string `json:"name_en"` // English
	Group     string `json:"group"`   // party, commission, mass, residential
	SortOrder int    `json:"sort_order"`
	Builtin   bool   `json:"builtin"`
}

// Validate checks the fields an administrator enters.
func (k *UnitKind) Validate() error {
	if err := ValidateCode("code", k.Code); err != nil {
		return err
	}
	if strings.TrimSpace(k.Name) == "" {
		return FieldError("name", "Tên loại đơn vị không được để trống.")
	}
	switch k.Group {
	case "party", "commission", "mass", "residential":
	default:
		return FieldError("group", "Nhóm loại đơn vị không hợp lệ.")
	}
	return nil
}

// UnitFilter selects units. Units outside the caller's view scope are never returned.
type UnitFilter struct {
	RootID        int64  // only the subtree of this unit (0: the caller's whole view scope)
	ParentID      int64  // only the children of this unit
	Query         string // name or code, ignoring case and diacritics
	Kind          string
	MaxDepth      int // only units at most this deep (1 for roots); 0 for any depth
	IncludeClosed bool
	Offset, Limit int // Limit 0 means no limit
}

// UnitUpdate holds the fields to change; nil leaves a field as it is.
type UnitUpdate struct {
	Code      *string `json:"code"`
	Name      *string `json:"name"`
	Kind      *string `json:"kind"`
	SortOrder *int    `json:"sort_order"`
}

// UnitService keeps the unit tree. Every method checks access with Authorize against the
// principal in ctx and writes an audit record for every change.
type UnitService interface {
	FindUnitByID(ctx context.Context, id int64) (*Unit, error)
	// VisibleUnit returns the unit when the caller may view it, and nil when not or when no
	// unit has the id, recording nothing: a page asks it to show or link a unit only where
	// its user may open it, and a unit merely not shown is no refusal for the audit log.
	VisibleUnit(ctx context.Context, id int64) (*Unit, error)
	FindUnitByCode(ctx context.Context, code string) (*Unit, error)
	// FindUnits returns the matching units in tree order (path, then sibling order) and the
	// total count before Offset and Limit.
	FindUnits(ctx context.Context, f UnitFilter) ([]*Unit, int, error)
	// CreateUnit adds u under u.ParentID (0 only for a sysadmin creating a root) and sets
	// its ID, Path and timestamps.
	CreateUnit(ctx context.Context, u *Unit) error
	UpdateUnit(ctx context.Context, id int64, upd UnitUpdate) (*Unit, error)
	// MoveUnit moves the unit and its whole subtree under newParentID in one transaction.
	// Moving a unit under itself or its own subtree is refused.
	MoveUnit(ctx context.Context, id, newParentID int64) (*Unit, error)
	// CloseUnit closes the unit and its open descendants at the given time; ReopenUnit
	// reopens the unit alone.
	CloseUnit(ctx context.Context, id int64, at time.Time) (*Unit, error)
	ReopenUnit(ctx context.Context, id int64) (*Unit, error)

	FindUnitKinds(ctx context.Context) ([]*UnitKind, error)
	CreateUnitKind(ctx context.Context, k *UnitKind) error
}

// DefaultUnitKinds are the kinds every new database starts with, in display order.
var DefaultUnitKinds = []UnitKind{
	{Code: "thanh_uy", Name: "Thành ủy", NameEN: "City Party Committee", Group: "party"},
	{Code: "tinh_uy", Name: "Tỉnh ủy", NameEN: "Provincial Party Committee", Group: "party"},
	{Code: "quan_uy", Name: "Quận ủy", NameEN: "Urban District Party Committee", Group: "party"},
	{Code: "huyen_uy", Name: "Huyện ủy", NameEN: "District Party Committee", Group: "party"},
	{Code: "thi_uy", Name: "Thị ủy", NameEN: "Town Party Committee", Group: "party"},
	{Code: "dang_uy_khoi", Name: "Đảng ủy Khối", NameEN: "Party Committee of a Bloc", Group: "party"},
	{Code: "dang_uy_xa", Name: "Đảng ủy xã", NameEN: "Commune Party Committee", Group: "party"},
	{Code: "dang_uy_phuong", Name: "Đảng ủy phường", NameEN: "Ward Party Committee", Group: "party"},
	{Code: "dang_uy_thi_tran", Name: "Đảng ủy thị trấn", NameEN: "Township Party Committee", Group: "party"},
	{Code: "dang_bo_co_so", Name: "Đảng bộ cơ sở", NameEN: "Grassroots Party Organisation", Group: "party"},
	{Code: "chi_bo_co_so", Name: "Chi bộ cơ sở", NameEN: "Grassroots Party Cell", Group: "party"},
	{Code: "chi_bo", Name: "Chi bộ trực thuộc", NameEN: "Party Cell", Group: "party"},
	{Code: "ban_tuyen_giao", Name: "Ban Tuyên giáo", NameEN: "Propaganda and Education Commission", Group: "commission"},
	{Code: "mat_tran", Name: "Ủy ban Mặt trận Tổ quốc", NameEN: "Fatherland Front Committee", Group: "mass"},
	{Code: "doan_thanh_nien", Name: "Đoàn Thanh niên", NameEN: "Youth Union", Group: "mass"},
	{Code: "hoi_phu_nu", Name: "Hội Liên hiệp Phụ nữ", NameEN: "Women's Union", Group: "mass"},
	{Code: "hoi_nong_dan", Name: "Hội Nông dân", NameEN: "Farmers' Association", Group: "mass"},
	{Code: "hoi_cuu_chien_binh", Name: "Hội Cựu chiến binh", NameEN: "Veterans' Association", Group: "mass"},
	{Code: "cong_doan", Name: "Công đoàn", NameEN: "Trade Union", Group: "mass"},
	{Code: "thon", Name: "Thôn", NameEN: "Village", Group: "residential"},
	{Code: "to_dan_pho", Name: "Tổ dân phố", NameEN: "Residential Group", Group: "residential"},
}

// grassrootsKinds are the default kinds of the grassroots party organisations (of a ward,
// commune, township, agency or enterprise) and of the party cells.
var grassrootsKinds = []string{"dang_uy_xa", "dang_uy_phuong", "dang_uy_thi_tran", "dang_bo_co_so", "chi_bo_co_so", "chi_bo"}

// GrassrootsKind reports whether units of the kind are grassroots party organisations or
// cells: where members study and their attendance is taken, rather than committees and
// commissions that steer the units below. A kind an administrator added is not.
func GrassrootsKind(code string) bool { return slices.Contains(grassrootsKinds, code) }

// PathIDs returns the IDs of the units of a materialised path, "/1/5/23/", top first.
func PathIDs(path string) []int64 {
	var out []int64
	for _, part := range strings.Split(strings.Trim(path, "/"), "/") {
		if id, err := strconv.ParseInt(part, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}
