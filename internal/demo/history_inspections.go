package demo

import (
	"math/rand/v2"
	"strings"
	"time"

	"tuyengiao"
)

// inspectionMonth is a month of inspection visits: in the second month of each quarter, and
// in its last one time in two, the city inspects or supervises at two to four wards how they
// study and carry out the campaign's document, and in May and November each ward supervises
// the thematic meetings of two or three of its cells. The recommendations are carried out three to five
// months later; those of the last months are still in progress, or not yet begun.
func inspectionMonth(h *historian, r *rand.Rand, month, last time.Time) []*tuyengiao.Record {
	visit := func(unit int64, kind, subject, document string, names []string) *tuyengiao.Record {
		day := dayOf(r, month, last)
		v := tuyengiao.RecordValues{"kind": kind, "from_day": day, "subject": subject, "document": document,
			"units_inspected": int64(len(names)), "unit_names": strings.Join(names, ", "),
			"findings":        "Các đơn vị đã xây dựng kế hoạch, tổ chức quán triệt kịp thời; tỷ lệ đảng viên tham gia học tập đạt cao. Việc cụ thể hóa thành chương trình hành động ở một số chi bộ còn chung chung, chưa sát với thực tế.",
			"conclusions":     "Cơ bản thực hiện nghiêm túc, đúng hướng dẫn; hồ sơ, tài liệu lưu trữ đầy đủ.",
			"recommendations": "Bổ sung kế hoạch thực hiện của các chi bộ trực thuộc; tăng cường kiểm tra, đôn đốc; báo cáo kết quả khắc phục về Ban Tuyên giáo Thành ủy.",
			"follow_up":       "open"}
		switch closed := day.AddDate(0, 3+r.IntN(3), 0); {
		case !closed.After(h.end):
			v["follow_up"], v["closed_day"] = "closed", tuyengiao.Date{Time: closed}
		case r.IntN(3) > 0:
			v["follow_up"] = "in_progress"
		}
		return &tuyengiao.Record{UnitID: unit, Values: v}
	}
	wards := h.p.wards()
	var out []*tuyengiao.Record
	if m := month.Month() % 3; m == 2 || m == 0 && r.IntN(2) == 0 {
		t, kind := h.topicOf(month), "inspection"
		if r.IntN(2) == 0 {
			kind = "supervision"
		}
		var names []string
		for _, i := range r.Perm(len(wards))[:between(r, 2, 4)] {
			names = append(names, h.p.units[wards[i]].name)
		}
		out = append(out, visit(h.ids[0], kind, "Việc học tập, quán triệt và triển khai thực hiện "+t.document(), t.symbol, names))
	}
	if month.Month() == 5 || month.Month() == 11 {
		for _, w := range wards {
			var names []string
			for _, c := range h.cellsOf(w)[:between(r, 2, 3)] {
				names = append(names, h.p.units[c].name)
			}
			out = append(out, visit(h.ids[w], "supervision", "Việc thực hiện sinh hoạt chi bộ chuyên đề", "", names))
		}
	}
	return out
}
