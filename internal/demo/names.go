package demo

import (
	"tuyengiao"
	"tuyengiao/internal/names"
)

// cityNames are the names of the demo city's people.
var cityNames = &names.Set{Family: familyNames, Middle: middleNames, Given: givenNames}

// familyNames are Vietnamese family names with rough frequencies per thousand people, the
// northern forms (Hoàng, Vũ) ahead of the southern ones (Huỳnh, Võ), and the Tày and Nùng
// names (Nông, Lương, Chu, Vi) of a northern mountain city.
var familyNames = []names.Weighted{
	{Word: "Nguyễn", Weight: 360}, {Word: "Trần", Weight: 110}, {Word: "Lê", Weight: 90},
	{Word: "Phạm", Weight: 65}, {Word: "Hoàng", Weight: 50}, {Word: "Huỳnh", Weight: 8},
	{Word: "Phan", Weight: 35}, {Word: "Vũ", Weight: 32}, {Word: "Võ", Weight: 8},
	{Word: "Đặng", Weight: 21}, {Word: "Bùi", Weight: 20}, {Word: "Đỗ", Weight: 15},
	{Word: "Hồ", Weight: 12},
	{Word: "Ngô", Weight: 13}, {Word: "Dương", Weight: 11}, {Word: "Lý", Weight: 6},
	{Word: "Đinh", Weight: 9}, {Word: "Trịnh", Weight: 7}, {Word: "Đào", Weight: 7},
	{Word: "Đoàn", Weight: 6},
	{Word: "Lương", Weight: 8}, {Word: "Nông", Weight: 10}, {Word: "Chu", Weight: 6},
	{Word: "Vi", Weight: 5}, {Word: "Hà", Weight: 6}, {Word: "Mai", Weight: 4},
	{Word: "Cao", Weight: 4}, {Word: "Lâm", Weight: 3},
}

// middleNames are the usual middle names by gender; the first, Văn or Thị, is the most
// common among people born before 1990 and much rarer after.
var middleNames = map[tuyengiao.Gender][]names.Weighted{
	tuyengiao.GenderMale: {{Word: "Văn", Weight: 60}, {Word: "Đức", Weight: 8},
		{Word: "Minh", Weight: 8}, {Word: "Hữu", Weight: 6}, {Word: "Quốc", Weight: 5},
		{Word: "Thanh", Weight: 5},
		{Word: "Quang", Weight: 5}, {Word: "Công", Weight: 4}, {Word: "Xuân", Weight: 4},
		{Word: "Mạnh", Weight: 3}, {Word: "Tiến", Weight: 3}, {Word: "Trọng", Weight: 3},
		{Word: "Duy", Weight: 3},
		{Word: "Thế", Weight: 3}, {Word: "Hoàng", Weight: 2}, {Word: "Ngọc", Weight: 2},
		{Word: "Anh", Weight: 2}},
	tuyengiao.GenderFemale: {{Word: "Thị", Weight: 70}, {Word: "Ngọc", Weight: 6},
		{Word: "Thu", Weight: 5}, {Word: "Thanh", Weight: 5}, {Word: "Hồng", Weight: 4},
		{Word: "Minh", Weight: 3}, {Word: "Phương", Weight: 3}, {Word: "Kim", Weight: 3},
		{Word: "Thúy", Weight: 3}, {Word: "Bích", Weight: 3}, {Word: "Thùy", Weight: 3},
		{Word: "Hải", Weight: 2},
		{Word: "Mai", Weight: 2}, {Word: "Diệu", Weight: 2}, {Word: "Khánh", Weight: 2}},
}

// givenNames are given names by gender, equally likely.
var givenNames = map[tuyengiao.Gender][]string{
	tuyengiao.GenderMale: {"An", "Bình", "Cường", "Dũng", "Đạt", "Đông", "Đức", "Giang", "Hải",
		"Hiếu", "Hòa", "Hoàng", "Hùng", "Huy", "Hưng", "Khánh", "Khoa", "Kiên", "Lâm", "Long",
		"Lực", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quang", "Quân", "Sơn", "Tài",
		"Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh"},
	tuyengiao.GenderFemale: {"Anh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hằng", "Hạnh", "Hiền",
		"Hoa", "Hồng", "Huệ", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga",
		"Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Tâm", "Thảo", "Thu", "Thủy", "Trang",
		"Tuyết", "Uyên", "Vân", "Yến"},
}
