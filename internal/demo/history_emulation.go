package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"tuyengiao"
)

// commendationMonth is a month of commendations, which come in bursts: in January the city
// commends the wards, cells and people of the year's propaganda work, and the province a
// couple of them; in May, for the birthday of President Hồ Chí Minh, the city commends the
// exemplary models in studying and following his example, fifteen collectives and fifteen
// individuals as the seeds' city does. Each burst is one decision, "125-QĐ/TU".
func commendationMonth(h *historian, r *rand.Rand, month, last time.Time) []*tuyengiao.Record {
	var out []*tuyengiao.Record
	burst := func(day time.Time, decision, form, level, reason string, collectives, individuals int) {
		if day.After(last) {
			return
		}
		add := func(holder, recipient string) {
			out = append(out, &tuyengiao.Record{UnitID: h.ids[0], Values: tuyengiao.RecordValues{"holder": holder,
				"recipient": recipient, "form": form, "level": level, "decision": decision,
				"decision_day": tuyengiao.Date{Time: day}, "reason": reason}})
		}
		cells := h.cellsOf(-1)
		for _, i := range r.Perm(len(cells))[:collectives] {
			add("collective", h.fullName(cells[i]))
		}
		for range individuals {
			add("individual", someone(r))
		}
	}
	year := month.Year()
	switch month.Month() {
	case time.January:
		reason := fmt.Sprintf("Có thành tích xuất sắc trong công tác tuyên giáo năm %d", year-1)
		burst(month.AddDate(0, 0, 14), fmt.Sprintf("%d-QĐ/TU", 100+r.IntN(60)), "certificate_of_commendation", "district",
			reason, int(between(r, 6, 10)), int(between(r, 8, 12)))
		burst(month.AddDate(0, 0, 24), fmt.Sprintf("%d-QĐ/TU", 1200+r.IntN(300)), "certificate_of_merit", "provincial",
			reason, 1, 1)
	case time.May:
		burst(month.AddDate(0, 0, 16), fmt.Sprintf("%d-QĐ/TU", 300+r.IntN(60)), "certificate_of_commendation", "district",
			"Điển hình tiên tiến trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", 15, 15)
	}
	return out
}

// models are the city's exemplary models, of a collective (a ward or cell where it started)
// or of a person, with their field of work.
var models = []struct{ name, field string }{
	{"Mô hình “Dân vận khéo” trong vận động Nhân dân hiến đất mở rộng đường giao thông", "Dân vận"},
	{"Mô hình “Loa phát thanh thông minh” ở khu dân cư", "Tuyên truyền"},
	{"Mô hình “Tủ sách pháp luật” tại nhà văn hóa", "Phổ biến, giáo dục pháp luật"},
	{"Mô hình “Mỗi đảng viên là một tuyên truyền viên trên mạng xã hội”", "Tuyên truyền"},
	{"Mô hình “Sổ tay đảng viên điện tử” trong sinh hoạt chi bộ", "Xây dựng Đảng"},
	{"Mô hình “Khu dân cư không có tội phạm và tệ nạn xã hội”", "An ninh trật tự"},
	{"Mô hình “Thắp sáng đường quê”", "Xây dựng nông thôn mới"},
	{"Mô hình “Chi bộ bốn tốt” gắn với học tập và làm theo Bác", "Xây dựng Đảng"},
	{"Gương đảng viên cao tuổi tâm huyết với công tác khuyến học ở khu dân cư", "Khuyến học"},
	{"Gương cựu chiến binh giúp hội viên phát triển kinh tế, thoát nghèo", "Phát triển kinh tế"},
}

// fullName returns the name of the unit with plan index i with its parent's below the city:
// "Chi bộ khu phố 3, Đảng ủy phường Bắc Sơn".
func (h *historian) fullName(i int) string {
	if u := h.p.units[i]; u.parent > 0 {
		return u.name + ", " + h.p.units[u.parent].name
	}
	return h.p.units[i].name
}

// modelMonth is a month of exemplary models: in May, with the commendations, the city
// recognises three or four models at the wards and cells, replicated at a few others.
func modelMonth(h *historian, r *rand.Rand, month, last time.Time) []*tuyengiao.Record {
	day := month.AddDate(0, 0, 18)
	if month.Month() != time.May || day.After(last) {
		return nil
	}
	wards := h.p.wards()
	var out []*tuyengiao.Record
	for _, i := range r.Perm(len(models))[:between(r, 3, 4)] {
		m, w := models[i], wards[r.IntN(len(wards))]
		holder, name := "collective", m.name+" – "+h.p.units[w].name
		if strings.HasPrefix(m.name, "Gương") {
			holder, name = "individual", m.name+": đồng chí "+someone(r)+", "+h.placeOf(w)
		}
		units := between(r, 2, 6)
		out = append(out, &tuyengiao.Record{UnitID: h.ids[w], Values: tuyengiao.RecordValues{"name": name, "holder": holder,
			"field": m.field, "recognised_day": tuyengiao.Date{Time: day},
			"description":       "Cách làm thiết thực, dễ làm, dễ nhân rộng; được cấp ủy, chính quyền và Nhân dân đồng tình, hưởng ứng.",
			"replicated_in":     fmt.Sprintf("%d chi bộ, khu dân cư trên địa bàn thành phố", units),
			"replicating_units": units}})
	}
	return out
}

// workTitles are the titles of the works sent to the city's call, with the genre of each;
// {place} is the ward's.
var workTitles = []struct{ title, genre string }{
	{"Bác về thăm quê", "poetry"}, {"Mùa xuân trên quê hương {place}", "poetry"}, {"Người bí thư chi bộ ở {place}", "prose"},
	{"Ánh sáng từ Nghị quyết", "prose"}, {"Khúc hát {place}", "music"}, {"Theo con đường Bác đi", "music"},
	{"Phố mới {place}", "photography"}, {"Nụ cười nơi khu phố", "photography"}, {"Sắc màu {place}", "fine_art"},
	{"Chuyện ở tổ dân phố", "stage"}, {"Những người giữ lửa", "film"}, {"Lời ru bên thềm", "poetry"},
}

// creativeWorkMonth is a month of the city's yearly call for literary and art works on
// studying and following President Hồ Chí Minh's example: from March to May the wards send
// the works of their people, a few of each month's winning an award the next year.
func creativeWorkMonth(h *historian, r *rand.Rand, month, last time.Time) []*tuyengiao.Record {
	if month.Month() < time.March || month.Month() > time.May {
		return nil
	}
	call := fmt.Sprintf("Cuộc vận động sáng tác tác phẩm văn học, nghệ thuật về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm %d", month.Year())
	awards := []string{"Giải A", "Giải B", "Giải C", "Giải Khuyến khích", "Giải Khuyến khích"}
	var out []*tuyengiao.Record
	for _, w := range h.p.wards() {
		for range between(r, 1, 3) {
			t := workTitles[r.IntN(len(workTitles))]
			v := tuyengiao.RecordValues{"title": strings.ReplaceAll(t.title, "{place}", h.placeOf(w)), "author": someone(r),
				"genre": t.genre, "movement": call, "day": dayOf(r, month, last)}
			if month.Year() < h.end.Year() && r.IntN(6) == 0 {
				v["award"] = awards[r.IntN(len(awards))]
			}
			out = append(out, &tuyengiao.Record{UnitID: h.ids[w], Values: v})
		}
	}
	return out
}
