package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"tuyengiao"
)

// trainingCentre is where the city's classes are held.
const trainingCentre = "Trung tâm Chính trị thành phố Hoa Sơn"

// trainingMonth is a month of the city's classes: in the second month of each quarter, a
// class on awareness of the Party for those the cells prepare for admission and one of
// political theory for the new members, five and four days long; an elementary theory class
// in April and October; the training of the wards' propaganda staff in March and of the
// lecturers and propagandists in September; the refresher of the key cadres in July.
func trainingMonth(h *historian, r *rand.Rand, month, last time.Time) []*tuyengiao.Record {
	class := func(course, name string, days int, learners tuyengiao.RecordValues) *tuyengiao.Record {
		from := month.AddDate(0, 0, 5+r.IntN(10))
		if from.After(last) {
			return nil
		}
		to := from.AddDate(0, 0, days-1)
		if to.After(h.end) {
			to = h.end
		}
		learners["from_day"], learners["to_day"] = tuyengiao.Date{Time: from}, tuyengiao.Date{Time: to}
		learners["course"], learners["name"], learners["place"] = course, name, trainingCentre
		return &tuyengiao.Record{UnitID: h.ids[0], Values: learners}
	}
	m, year := int(month.Month()), month.Year()
	var out []*tuyengiao.Record
	if m%3 == 2 {
		out = append(out,
			class("party_awareness", fmt.Sprintf("Lớp bồi dưỡng nhận thức về Đảng khóa %d/%d", m/3+1, year), 5,
				audience("learners", between(r, 45, 80), 0, 0, 60)),
			class("new_members", fmt.Sprintf("Lớp bồi dưỡng lý luận chính trị cho đảng viên mới khóa %d/%d", m/3+1, year), 4,
				tuyengiao.RecordValues{"learners_probation": between(r, 30, 60)}))
	}
	switch m {
	case 3:
		out = append(out, class("professional", fmt.Sprintf("Tập huấn nghiệp vụ công tác tuyên giáo năm %d", year), 2,
			audience("learners", between(r, 50, 70), 40, 60, 0)))
	case 4, 10:
		out = append(out, class("elementary", fmt.Sprintf("Lớp sơ cấp lý luận chính trị khóa %d/%d", m/6+1, year), 20,
			audience("learners", between(r, 55, 80), 10, 88, 0)))
	case 7:
		out = append(out, class("refresher", fmt.Sprintf("Lớp bồi dưỡng, cập nhật kiến thức cho cán bộ chủ chốt năm %d", year), 3,
			audience("learners", between(r, 120, 160), 100, 0, 0)))
	case 9:
		out = append(out, class("professional", fmt.Sprintf("Tập huấn kỹ năng cho báo cáo viên, tuyên truyền viên cơ sở năm %d", year), 2,
			audience("learners", between(r, 130, 180), 20, 60, 18)))
	}
	return slices.DeleteFunc(out, func(rec *tuyengiao.Record) bool { return rec == nil })
}

// cellThemes are the themes of the cells' thematic meetings by month, January first,
// besides the campaign's document in the months it starts.
var cellThemes = []string{
	"Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh thần đoàn kết, thống nhất trong Đảng",
	"Mừng Đảng, mừng Xuân: truyền thống vẻ vang của Đảng Cộng sản Việt Nam",
	"Vai trò của đảng viên trong xây dựng khu dân cư văn minh, sạch đẹp",
	"Làm theo Bác về thực hành tiết kiệm, chống lãng phí",
	"Học tập và làm theo tấm gương đạo đức Hồ Chí Minh về tinh thần phục vụ Nhân dân",
	"Đảng viên gương mẫu nêu gương, giữ mối liên hệ mật thiết với Nhân dân",
	"Phòng, chống suy thoái tư tưởng chính trị, đạo đức, lối sống, “tự diễn biến”, “tự chuyển hóa”",
	"Đền ơn đáp nghĩa, chăm lo gia đình chính sách, người có công",
	"Tinh thần Cách mạng Tháng Tám và Quốc khánh 2/9 trong xây dựng quê hương",
	"Đảng viên với chuyển đổi số và dịch vụ công trực tuyến ở cơ sở",
	"Nâng cao chất lượng đánh giá, xếp loại đảng viên cuối năm",
	"Tự phê bình và phê bình trong sinh hoạt chi bộ",
}

// cellMeetingMonth is a month of thematic cell meetings: every cell of the city meets once,
// on one of the first ten days, most of its members present, on the month's theme or, in the
// month a campaign starts, on its document; one cell in fifteen skips the month.
func cellMeetingMonth(h *historian, r *rand.Rand, month, last time.Time) []*tuyengiao.Record {
	theme, document := cellThemes[month.Month()-1], ""
	if t := h.topicOf(month); month.Month()%2 == 1 && t.title != "" {
		theme, document = t.talk(), t.symbol
	}
	var out []*tuyengiao.Record
	for _, c := range h.cellsOf(-1) {
		day := month.AddDate(0, 0, r.IntN(10))
		if r.IntN(15) == 0 || day.After(last) {
			continue
		}
		members := int64(h.p.units[c].members)
		out = append(out, &tuyengiao.Record{UnitID: h.ids[c], Values: tuyengiao.RecordValues{"day": tuyengiao.Date{Time: day},
			"topic": theme, "document": document, "attendees": members * int64(80+r.IntN(21)) / 100}})
	}
	return out
}
