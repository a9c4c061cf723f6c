package demo

import (
	"maps"
	"math/rand/v2"
	"strings"
	"time"

	"tuyengiao"
)

// outreachTopics are what the propagandists talk about at the neighbourhoods and villages
// besides the campaign of the month, with the document a topic carries out.
var outreachTopics = []struct{ topic, document string }{
	{"Bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trên mạng xã hội", "35-NQ/TW"},
	{"Phòng, chống tội phạm và tệ nạn ma túy trong thanh thiếu niên", ""},
	{"Cảnh giác với các thủ đoạn lừa đảo chiếm đoạt tài sản qua mạng", ""},
	{"Xây dựng khu dân cư văn minh, nông thôn mới kiểu mẫu", ""},
	{"Bảo đảm trật tự an toàn giao thông và vệ sinh môi trường ở khu dân cư", ""},
	{"Thực hiện nếp sống văn minh trong việc cưới, việc tang và lễ hội", ""},
	{"Hướng dẫn người dân sử dụng dịch vụ công trực tuyến, chuyển đổi số ở cơ sở", ""},
	{"Phát huy sức mạnh đại đoàn kết toàn dân tộc ở khu dân cư", "43-NQ/TW"},
}

// document names the topic's document: "Nghị quyết số 41-NQ/TW".
func (t topic) document() string {
	kinds := map[string]string{"NQ": "Nghị quyết", "QĐ": "Quy định", "CT": "Chỉ thị", "KL": "Kết luận"}
	kind, _, _ := strings.Cut(t.symbol[strings.IndexByte(t.symbol, '-')+1:], "/")
	return kinds[kind] + " số " + t.symbol
}

// talk returns the subject of a lecturer's talk on the topic: "Những nội dung cơ bản của
// Nghị quyết số 41-NQ/TW về …", or the year's theme of Directive 05.
func (t topic) talk() string {
	if t.title == "" {
		return "Chuyên đề" + strings.TrimPrefix(t.campaign, "Học tập chuyên đề")
	}
	return "Những nội dung cơ bản của " + t.document() + " " + lowerFirst(t.title)
}

// outreachMonth is a month of outreach sessions: the city's lecturers (báo cáo viên) talk of
// the campaign's document at three to five wards to their cadres and members, a hundred or
// so each time; at every ward its grassroots lecturer does once, and its propagandists four
// to eight times at the neighbourhoods and villages, to a few dozen residents. Over six months
// that is some 500 sessions for about 25.000 listeners, in the proportions of the seeds'
// city (1.275 sessions for 34.792 listeners in a year).
func outreachMonth(h *historian, r *rand.Rand, month, last time.Time) []*tuyengiao.Record {
	t := h.topicOf(month)
	session := func(i int, role, form, place, topic, document string, listeners tuyengiao.RecordValues) *tuyengiao.Record {
		day := dayOf(r, month, last)
		v := tuyengiao.RecordValues{"day": day, "topic": topic, "document": document, "form": form, "place": place}
		maps.Copy(v, h.speaker(r, i, role, day))
		maps.Copy(v, listeners)
		return &tuyengiao.Record{UnitID: h.ids[i], Values: v}
	}
	wards := h.p.wards()
	var out []*tuyengiao.Record
	for range between(r, 3, 5) {
		w := wards[r.IntN(len(wards))]
		out = append(out, session(0, "lecturer_district", "oral", "Hội trường Đảng ủy "+h.placeOf(w),
			t.talk(), t.symbol, audience("listeners", between(r, 70, 160), 25, 55, 15)))
	}
	for _, w := range wards {
		out = append(out, session(w, "lecturer_grassroots", "oral", "Hội trường Đảng ủy "+h.placeOf(w),
			"Thông tin thời sự, tình hình kinh tế – xã hội của "+h.placeOf(w)+" tháng "+month.Format("1/2006"),
			"", audience("listeners", between(r, 50, 90), 15, 50, 25)))
		places := h.neighbourhoods(w)
		for range between(r, 4, 8) {
			o, form := outreachTopics[r.IntN(len(outreachTopics))], "oral"
			switch r.IntN(6) {
			case 0:
				form = "mobile"
			case 1:
				form = "cell_meeting"
			}
			out = append(out, session(w, "propagandist", form, "Nhà văn hóa "+places[r.IntN(len(places))],
				o.topic, o.document, audience("listeners", between(r, 20, 55), 0, 30, 40)))
		}
	}
	return out
}
