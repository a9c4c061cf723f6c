package demo

import "math/rand/v2"

// place is a ward (phường) or a commune (xã) of the city.
type place struct {
	name    string
	commune bool
}

// wards are the 8 wards and 5 communes of Hoa Sơn, each with a party committee.
var wards = []place{
	{"Bắc Sơn", false}, {"Hòa Bình", false}, {"Tân Lập", false}, {"Minh Khai", false},
	{"Quang Trung", false}, {"Thanh Bình", false}, {"Hồng Phong", false}, {"Đông Tiến", false},
	{"Tân Hương", true}, {"Yên Phú", true}, {"Đồng Tâm", true}, {"Phú Lộc", true}, {"Thạch Bàn", true},
}

// villages are the names the villages (thôn) of the communes draw from.
var villages = []string{
	"Đoàn Kết", "Tân Tiến", "Thống Nhất", "Quyết Thắng", "Tiền Phong", "Hợp Thành", "Bình Độ",
	"Bản Mới", "Phai Luông", "Nà Pàn", "Bản Cầm", "Pác Lùng", "Khòn Pổ", "Nà Sla", "Còn Quan",
	"Nà Chuông", "Đông Pheo", "Khuổi Mạ", "Nà Lầu", "Pò Mã", "Kéo Tấu", "Bó Củng", "Nà Cạn",
	"Lũng Vài", "Tằng Mò", "Rọ Phầy", "Phai Trần", "Nà Tèn",
}

// massOrganisation is a mass organisation of the city with its leaders and, for an
// association, the members on its own roll.
type massOrganisation struct {
	code, name, kind string
	cadres           []string
	least, most      int // members on its roll
	profile          profile
}

// members draws the size of the organisation's own roll.
func (m massOrganisation) members(r *rand.Rand) int {
	if m.most == 0 {
		return 0
	}
	return m.least + r.IntN(m.most-m.least+1)
}

var massOrganisations = []massOrganisation{
	{code: "HS-MTTQ", name: "Ủy ban Mặt trận Tổ quốc thành phố", kind: "mat_tran",
		cadres: []string{"Chủ tịch Ủy ban Mặt trận Tổ quốc thành phố", "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc thành phố"}},
	{code: "HS-DTN", name: "Đoàn Thanh niên thành phố", kind: "doan_thanh_nien", least: 40, most: 70, profile: profile{1994, 2008, 0.5},
		cadres: []string{"Bí thư Thành đoàn", "Phó Bí thư Thành đoàn"}},
	{code: "HS-HPN", name: "Hội Liên hiệp Phụ nữ thành phố", kind: "hoi_phu_nu", least: 30, most: 60, profile: profile{1955, 2002, 1},
		cadres: []string{"Chủ tịch Hội Liên hiệp Phụ nữ thành phố", "Phó Chủ tịch Hội Liên hiệp Phụ nữ thành phố"}},
	{code: "HS-CCB", name: "Hội Cựu chiến binh thành phố", kind: "hoi_cuu_chien_binh", least: 30, most: 60, profile: profile{1944, 1976, 0.04},
		cadres: []string{"Chủ tịch Hội Cựu chiến binh thành phố", "Phó Chủ tịch Hội Cựu chiến binh thành phố"}},
	{code: "HS-HND", name: "Hội Nông dân thành phố", kind: "hoi_nong_dan", least: 30, most: 60, profile: profile{1955, 1995, 0.45},
		cadres: []string{"Chủ tịch Hội Nông dân thành phố", "Phó Chủ tịch Hội Nông dân thành phố"}},
}

// committee is a grassroots party organisation with cells (đảng bộ cơ sở) of an agency,
// school, hospital or enterprise, and the cells it may have.
type committee struct {
	name  string
	cells []string
}

var (
	officeCells     = []string{"Văn phòng", "Nghiệp vụ 1", "Nghiệp vụ 2", "Kiểm tra", "Hành chính – Tổng hợp"}
	schoolCells     = []string{"Giáo viên Tự nhiên", "Giáo viên Xã hội", "Giáo viên Ngoại ngữ – Tin học", "Hành chính – Phục vụ"}
	enterpriseCells = []string{"Văn phòng Công ty", "Kinh doanh", "Kỹ thuật", "Phân xưởng 1", "Phân xưởng 2", "Phân xưởng 3"}
)

// partyCommittees are the 18 grassroots party organisations with cells, beside the wards.
var partyCommittees = []committee{
	{"Cơ quan Ủy ban nhân dân thành phố", []string{"Văn phòng HĐND và UBND", "Phòng Tài chính – Kế hoạch",
		"Phòng Tài nguyên và Môi trường", "Phòng Quản lý đô thị", "Phòng Nội vụ", "Phòng Lao động – Thương binh và Xã hội"}},
	{"Các cơ quan Đảng thành phố", []string{"Văn phòng Thành ủy", "Ban Tổ chức", "Ủy ban Kiểm tra", "Ban Dân vận", "Trung tâm Chính trị"}},
	{"Công an thành phố", []string{"Tham mưu", "An ninh", "Cảnh sát hình sự", "Cảnh sát giao thông", "Hậu cần"}},
	{"Quân sự thành phố", []string{"Cơ quan Ban Chỉ huy", "Tham mưu", "Chính trị", "Hậu cần – Kỹ thuật"}},
	{"Bệnh viện Đa khoa thành phố", []string{"Khoa Nội", "Khoa Ngoại", "Khoa Sản", "Khoa Nhi", "Khoa Dược", "Hành chính"}},
	{"Trung tâm Y tế thành phố", []string{"Kiểm soát bệnh tật", "Dân số", "Khám chữa bệnh", "Hành chính"}},
	{"Trường THPT Hoa Sơn", schoolCells},
	{"Trường THPT Lê Quý Đôn", schoolCells},
	{"Trường Cao đẳng Sư phạm Hoa Sơn", []string{"Khoa Tự nhiên", "Khoa Xã hội", "Khoa Tiểu học – Mầm non", "Phòng ban"}},
	{"Chi cục Thuế khu vực Hoa Sơn", officeCells},
	{"Ngân hàng Nông nghiệp chi nhánh Hoa Sơn", officeCells},
	{"Ban Quản lý các chợ thành phố", officeCells},
	{"Trung tâm Văn hóa, Thể thao và Truyền thông", officeCells},
	{"Công ty Cổ phần Cấp nước Hoa Sơn", enterpriseCells},
	{"Công ty Điện lực Hoa Sơn", enterpriseCells},
	{"Công ty Cổ phần Xây dựng Giao thông Hoa Sơn", enterpriseCells},
	{"Công ty Môi trường Đô thị Hoa Sơn", enterpriseCells},
	{"Bưu điện thành phố", enterpriseCells},
}

// grassrootCells are the 40 grassroots party cells (chi bộ cơ sở) without cells below them.
var grassrootCells = []string{
	"Viện Kiểm sát nhân dân thành phố", "Tòa án nhân dân thành phố", "Chi cục Thi hành án dân sự",
	"Kho bạc Nhà nước Hoa Sơn", "Chi cục Thống kê", "Ngân hàng Chính sách xã hội", "Ban Quản lý dự án đầu tư xây dựng",
	"Hạt Kiểm lâm", "Đội Quản lý thị trường số 1", "Văn phòng Đăng ký đất đai chi nhánh Hoa Sơn",
	"Bảo hiểm xã hội thành phố", "Phòng Giáo dục và Đào tạo",
	"Trường THCS Nguyễn Du", "Trường THCS Chu Văn An", "Trường THCS Hoàng Hoa Thám", "Trường THCS Lý Thường Kiệt",
	"Trường THCS Trần Phú", "Trường Tiểu học Kim Đồng", "Trường Tiểu học Võ Thị Sáu", "Trường Tiểu học Lê Lợi",
	"Trường Tiểu học Quang Trung", "Trường Mầm non Hoa Hồng", "Trường Mầm non Hoa Sen", "Trường Mầm non Sao Mai",
	"Trường Phổ thông Dân tộc nội trú", "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên",
	"Bệnh viện Y học cổ truyền", "Phòng khám Đa khoa khu vực Đông Tiến", "Trung tâm Bảo trợ xã hội",
	"Công ty TNHH Hoa Sơn Xanh", "Công ty Cổ phần Du lịch Hoa Sơn", "Công ty Cổ phần Bến xe Hoa Sơn",
	"Công ty TNHH Vật liệu Xây dựng Đông Bắc", "Hợp tác xã Nông nghiệp Tân Hương", "Công ty Cổ phần In và Bao bì Hoa Sơn",
	"Công ty TNHH Thương mại Kim Long", "Công ty Cổ phần Dược phẩm Hoa Sơn", "Công ty Cổ phần Chế biến Nông sản Yên Phú",
	"Quỹ Tín dụng nhân dân Hoa Sơn", "Công ty TNHH Cơ khí Quang Minh",
}

// cityCadres returns the positions of the key cadres of the city party committee: its
// standing committee and 20 other members.
func cityCadres() []string {
	positions := []string{"Bí thư Thành ủy", "Phó Bí thư Thường trực Thành ủy",
		"Phó Bí thư Thành ủy, Chủ tịch Ủy ban nhân dân thành phố",
		"Phó Bí thư Thành ủy, Chủ tịch Hội đồng nhân dân thành phố",
		"Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Thành ủy",
		"Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Thành ủy",
		"Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Thành ủy",
		"Ủy viên Ban Thường vụ, Phó Chủ tịch Ủy ban nhân dân thành phố",
		"Ủy viên Ban Thường vụ, Trưởng Công an thành phố",
		"Ủy viên Ban Thường vụ, Chỉ huy trưởng Ban Chỉ huy Quân sự thành phố",
		"Ủy viên Ban Thường vụ, Chánh Văn phòng Thành ủy"}
	for range 20 {
		positions = append(positions, "Thành ủy viên")
	}
	return positions
}

// wardCadres returns the positions of the key cadres of the party committee of a ward or
// commune; level is "phường" or "xã".
func wardCadres(level string) []string {
	return []string{"Bí thư Đảng ủy", "Phó Bí thư Thường trực Đảng ủy",
		"Phó Bí thư Đảng ủy, Chủ tịch Ủy ban nhân dân " + level, "Chủ tịch Hội đồng nhân dân " + level,
		"Chủ tịch Ủy ban Mặt trận Tổ quốc " + level, "Phó Chủ tịch Ủy ban nhân dân " + level,
		"Trưởng Công an " + level, "Chỉ huy trưởng Ban Chỉ huy Quân sự " + level,
		"Bí thư Đoàn Thanh niên " + level, "Chủ tịch Hội Liên hiệp Phụ nữ " + level}
}
