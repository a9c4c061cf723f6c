package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"tuyengiao"
)

// congressWork is a kind of work a ward registers in honour of a congress: its name
// ({place} a neighbourhood or village of the ward), whether a work or a task, and its value in
// millions of đồng, from lo to hi.
type congressWork struct {
	name, category string
	lo, hi         int
}

// wardWorks are the works the wards register, their tasks last; cityWorks those of the city for its congress,
// worth tens of billions, and anniversaryWork the one it starts each January from the second
// year on.
var (
	wardWorks = []congressWork{
		{"Nâng cấp, mở rộng đường giao thông {place}", "work", 800, 4500},
		{"Xây dựng nhà văn hóa {place}", "work", 900, 2800},
		{"Chỉnh trang tuyến phố văn minh, lắp đặt đèn chiếu sáng {place}", "work", 300, 1200},
		{"Cải tạo sân chơi, bãi tập thể thao {place}", "work", 250, 900},
		{"Trao tặng nhà Đại đoàn kết cho hộ nghèo {place}", "task", 60, 80},
		{"Xây dựng tuyến đường “Xanh – Sạch – Đẹp” {place}", "task", 40, 150},
	}
	cityWorks = []congressWork{
		{"Xây dựng Trung tâm Văn hóa – Thể thao thành phố", "work", 38000, 46000},
		{"Cải tạo, nâng cấp Quảng trường trung tâm thành phố", "work", 12000, 18000},
		{"Xây dựng Trường Trung học cơ sở Hoa Sơn", "work", 24000, 31000},
		{"Kè chống sạt lở bờ sông đoạn qua trung tâm thành phố", "work", 15000, 22000},
	}
	anniversaryWork = congressWork{"Xây dựng Nhà truyền thống Đảng bộ thành phố Hoa Sơn", "work", 8000, 15000}
)

// congressWorkMonth is a month of works in honour of the city's congress: from February to
// July of last year, before the congress in August, the city registers one of its four great
// works a month until they are all registered, and half the wards a work or task each a
// month, most done by the congress, none of the city's; then, each January, a few tasks for
// the Party's anniversary on 3 February, and from the second year on a work of the city.
// Values are exact đồng, from tens of millions to over forty billion: some 40 works worth over
// a hundred billion đồng in the first half-year.
func congressWorkMonth(h *historian, r *rand.Rand, month, last time.Time) []*tuyengiao.Record {
	first := month.Year() == h.first.Year()
	occasion := fmt.Sprintf("Đại hội đại biểu Đảng bộ thành phố Hoa Sơn lần thứ XVII, nhiệm kỳ %d – %d", month.Year(), month.Year()+5)
	if !first || month.Month() == time.January {
		occasion = fmt.Sprintf("Kỷ niệm %d năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/%d)", month.Year()-1930, month.Year())
	}
	work := func(unit int64, w congressWork, place, status string) *tuyengiao.Record {
		value := int64(w.lo+r.IntN(w.hi-w.lo+1))*1_000_000 + between(r, 0, 999)*1_000
		funding := []string{"budget", "social", "both"}[r.IntN(3)]
		if w.category == "task" {
			funding = "social"
		}
		return &tuyengiao.Record{UnitID: unit, Values: tuyengiao.RecordValues{"name": strings.ReplaceAll(w.name, "{place}", place),
			"occasion": occasion, "category": w.category, "day": dayOf(r, month, last), "value": value,
			"funding": funding, "status": status}}
	}
	var out []*tuyengiao.Record
	switch m := int(month.Month()); {
	case first && m >= 2 && m <= 7:
		if m-2 < len(cityWorks) {
			out = append(out, work(h.ids[0], cityWorks[m-2], "", "in_progress"))
		}
		for _, w := range h.p.wards() {
			if r.IntN(2) == 0 {
				continue
			}
			status, places := "completed", h.neighbourhoods(w)
			if r.IntN(5) == 0 {
				status = "in_progress"
			}
			place := places[r.IntN(len(places))] + ", " + h.placeOf(w)
			out = append(out, work(h.ids[w], wardWorks[r.IntN(len(wardWorks))], place, status))
		}
	case m == 1:
		if !first {
			out = append(out, work(h.ids[0], anniversaryWork, "", "in_progress"))
		}
		tasks := wardWorks[len(wardWorks)-2:] // the wards' tasks come last
		for _, w := range h.p.wards()[:between(r, 3, 6)] {
			out = append(out, work(h.ids[w], tasks[r.IntN(len(tasks))], h.placeOf(w), "completed"))
		}
	}
	return out
}
