package demo

import (
	"math/rand/v2"

	"tuyengiao"
)

// weighted is a word with its relative frequency.
type weighted struct {
	word   string
	weight int
}

// familyNames are Vietnamese family names with rough frequencies per thousand people, the
// northern forms (Hoàng, Vũ) ahead of the southern ones (Huỳnh, Võ), and the Tày and Nùng
// names (Nông, Lương, Chu, Vi) of a northern mountain city.
var familyNames = []weighted{
	{"Nguyễn", 360}, {"Trần", 110}, {"Lê", 90}, {"Phạm", 65}, {"Hoàng", 50}, {"Huỳnh", 8},
	{"Phan", 35}, {"Vũ", 32}, {"Võ", 8}, {"Đặng", 21}, {"Bùi", 20}, {"Đỗ", 15}, {"Hồ", 12},
	{"Ngô", 13}, {"Dương", 11}, {"Lý", 6}, {"Đinh", 9}, {"Trịnh", 7}, {"Đào", 7}, {"Đoàn", 6},
	{"Lương", 8}, {"Nông", 10}, {"Chu", 6}, {"Vi", 5}, {"Hà", 6}, {"Mai", 4}, {"Cao", 4}, {"Lâm", 3},
}

// middleNames are the usual middle names by gender; the first, Văn or Thị, is the most
// common among people born before 1990 and much rarer after.
var middleNames = map[tuyengiao.Gender][]weighted{
	tuyengiao.GenderMale: {{"Văn", 60}, {"Đức", 8}, {"Minh", 8}, {"Hữu", 6}, {"Quốc", 5}, {"Thanh", 5},
		{"Quang", 5}, {"Công", 4}, {"Xuân", 4}, {"Mạnh", 3}, {"Tiến", 3}, {"Trọng", 3}, {"Duy", 3},
		{"Thế", 3}, {"Hoàng", 2}, {"Ngọc", 2}, {"Anh", 2}},
	tuyengiao.GenderFemale: {{"Thị", 70}, {"Ngọc", 6}, {"Thu", 5}, {"Thanh", 5}, {"Hồng", 4},
		{"Minh", 3}, {"Phương", 3}, {"Kim", 3}, {"Thúy", 3}, {"Bích", 3}, {"Thùy", 3}, {"Hải", 2},
		{"Mai", 2}, {"Diệu", 2}, {"Khánh", 2}},
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

// pick returns a word of ws with a probability proportional to its weight.
func pick(r *rand.Rand, ws []weighted) string {
	total := 0
	for _, w := range ws {
		total += w.weight
	}
	n := r.IntN(total)
	for _, w := range ws {
		if n < w.weight {
			return w.word
		}
		n -= w.weight
	}
	panic("unreachable")
}

// fullName returns a plausible full name for a person of the gender born in the year: family
// name, middle name and given name, never the same word twice in a row.
func fullName(r *rand.Rand, g tuyengiao.Gender, born int) string {
	middles := middleNames[g]
	middle := pick(r, middles)
	if born >= 1990 && middle == middles[0].word && r.IntN(2) == 0 {
		middle = pick(r, middles[1:])
	}
	given := givenNames[g][r.IntN(len(givenNames[g]))]
	for given == middle {
		given = givenNames[g][r.IntN(len(givenNames[g]))]
	}
	return pick(r, familyNames) + " " + middle + " " + given
}
