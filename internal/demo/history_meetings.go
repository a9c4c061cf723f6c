package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"tuyengiao"
)

// meetingMonth is a month of meetings: the city commission's briefing of the month with the
// wards' staff and the online conference of the central lecturers it follows; at the end of a
// quarter the online briefing on public opinion with a bridge point at each ward and the
// meeting of the city's Steering Committee 35; each ward's own briefing. Over six months the
// city holds some fifteen and follows a few more, as the seeds' "trên 40 cuộc họp, trên 10
// hội nghị trực tuyến" for a whole city.
func meetingMonth(h *historian, r *rand.Rand, month, last time.Time) []*tuyengiao.Record {
	meeting := func(unit int64, kind, form, subject string, hosted bool, points, participants int64) *tuyengiao.Record {
		return &tuyengiao.Record{UnitID: unit, Values: tuyengiao.RecordValues{"day": dayOf(r, month, last), "kind": kind,
			"form": form, "subject": subject, "hosted": hosted, "bridge_points": points, "participants": participants}}
	}
	wards, named := h.p.wards(), month.Format("1/2006")
	out := []*tuyengiao.Record{
		meeting(h.ids[0], "briefing", "in_person", "Giao ban công tác tuyên giáo tháng "+named, true, 0, between(r, 25, 35)),
		meeting(h.ids[0], "conference", "online", "Hội nghị báo cáo viên Trung ương tháng "+named, false, 0, between(r, 40, 70)),
	}
	if month.Month()%3 == 0 {
		quarter := fmt.Sprintf("quý %s/%d", []string{"I", "II", "III", "IV"}[month.Month()/3-1], month.Year())
		out = append(out,
			meeting(h.ids[0], "briefing", "combined", "Giao ban công tác nắm bắt tình hình tư tưởng, dư luận xã hội "+quarter,
				true, int64(len(wards)+1), between(r, 70, 110)),
			meeting(h.ids[0], "leadership", "in_person", "Họp Ban Chỉ đạo 35 thành phố "+quarter, true, 0, between(r, 15, 22)))
	}
	for _, w := range wards {
		out = append(out, meeting(h.ids[w], "briefing", "in_person", "Giao ban công tác tuyên giáo, dân vận tháng "+named,
			true, 0, between(r, 12, 25)))
	}
	return out
}
