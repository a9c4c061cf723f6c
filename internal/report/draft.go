package report

import (
	"context"
	"strings"

	"tuyengiao"
)

// draftCommittee names, by the kind of a party committee, the word its name starts with and
// what its place is ("Thành ủy Hoa Sơn": the party organisation of the thành phố Hoa Sơn).
var draftCommittee = map[string]struct{ prefix, place string }{
	"thanh_uy": {"Thành ủy", "thành phố"}, "tinh_uy": {"Tỉnh ủy", "tỉnh"}, "quan_uy": {"Quận ủy", "quận"},
	"huyen_uy": {"Huyện ủy", "huyện"}, "thi_uy": {"Thị ủy", "thị xã"},
	"dang_uy_phuong": {"Đảng ủy phường", "phường"}, "dang_uy_xa": {"Đảng ủy xã", "xã"},
	"dang_uy_thi_tran": {"Đảng ủy thị trấn", "thị trấn"},
}

// draftTopCommittee reports whether units of a kind are the committees of a city, province
// or district, whose reports their propaganda commission writes.
func draftTopCommittee(kind string) bool {
	switch kind {
	case "thanh_uy", "tinh_uy", "quan_uy", "huyen_uy", "thi_uy":
		return true
	}
	return false
}

// draftPlace returns the place a committee is named after ("Hoa Sơn" of "Thành ủy Hoa
// Sơn"), or "" for a unit that is no such committee.
func draftPlace(u *tuyengiao.Unit) string {
	c, ok := draftCommittee[u.Kind]
	if !ok || !strings.HasPrefix(strings.ToLower(u.Name), strings.ToLower(c.prefix)+" ") {
		return ""
	}
	return strings.TrimSpace(u.Name[len(c.prefix):])
}

// draftSigning returns the head and foot of a new report of unit u: the template's, with the
// bodies named after the unit and its parent. A city or provincial committee's report is the
// commission's ("THÀNH ỦY HOA SƠN" / "BAN TUYÊN GIÁO"), as the template says; a ward's or a
// grassroots organisation's is its committee's under the party organisation above it
// ("ĐẢNG BỘ THÀNH PHỐ HOA SƠN" / "ĐẢNG ỦY PHƯỜNG …"), signed by its secretary; a cell's, the
// cell's. The parent is named only when the caller may see it; the editor completes the rest.
func (s *Service) draftSigning(ctx context.Context, u *tuyengiao.Unit, def tuyengiao.ReportSigningPart) (tuyengiao.ReportSigningPart, error) {
	out := def
	out.Recipients = append([]string(nil), def.Recipients...)
	var parent *tuyengiao.Unit
	if u.ParentID != 0 {
		var err error
		if parent, err = s.Units.VisibleUnit(ctx, u.ParentID); err != nil {
			return out, err
		}
	}
	switch {
	case draftTopCommittee(u.Kind):
		out.Superior, out.Place = strings.ToUpper(u.Name), draftPlace(u)
		return out, nil
	case u.Kind == "ban_tuyen_giao" && parent != nil:
		out.Superior, out.Place = strings.ToUpper(parent.Name), draftPlace(parent)
		return out, nil
	}
	out.Issuer, out.Superior, out.Place = strings.ToUpper(u.Name), "", draftPlace(u)
	out.SignFor, out.SignerTitle, out.Recipients = "T/M "+out.Issuer, "", []string{"- Lưu VP."}
	if tuyengiao.GrassrootsKind(u.Kind) {
		out.SignFor, out.SignerTitle = "T/M ĐẢNG ỦY", "BÍ THƯ"
		if u.Kind == "chi_bo" || u.Kind == "chi_bo_co_so" {
			out.SignFor, out.Recipients = "T/M CHI BỘ", []string{"- Lưu."}
		}
	}
	if parent == nil {
		return out, nil
	}
	out.Superior = strings.ToUpper(parent.Name)
	if c, ok := draftCommittee[parent.Kind]; ok && draftPlace(parent) != "" {
		out.Superior = strings.ToUpper("Đảng bộ " + c.place + " " + draftPlace(parent))
	}
	if out.Place == "" {
		out.Place = draftPlace(parent)
	}
	to := parent.Name
	if draftTopCommittee(parent.Kind) {
		to = "Ban Tuyên giáo " + parent.Name
	}
	out.Recipients = append([]string{"- " + to + " (b/c),"}, out.Recipients...)
	return out, nil
}
