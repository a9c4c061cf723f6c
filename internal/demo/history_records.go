package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"tuyengiao"
)

// recordMonth returns the records of one declared kind that units of the city keep for the
// month that begins on month, each dated on a day of it up to last (the history's end in its
// final month).
type recordMonth func(h *historian, r *rand.Rand, month, last time.Time) []*tuyengiao.Record

// recordHistories are the demo's records of each declared kind, by its code: a kind added
// later adds its own here. The work programme, whose tasks name their group and the task they
// were handed down from, writes its own (historian.programme).
var recordHistories = map[string]recordMonth{
	tuyengiao.MediaItems.Code:       mediaMonth,
	tuyengiao.OutreachSessions.Code: outreachMonth,
	tuyengiao.TrainingClasses.Code:  trainingMonth,
	tuyengiao.CellMeetings.Code:     cellMeetingMonth,
	tuyengiao.Meetings.Code:         meetingMonth,
	tuyengiao.Inspections.Code:      inspectionMonth,
	tuyengiao.Commendations.Code:    commendationMonth,
	tuyengiao.ExemplaryModels.Code:  modelMonth,
	tuyengiao.CreativeWorks.Code:    creativeWorkMonth,
	tuyengiao.CongressWorks.Code:    congressWorkMonth,
}

// records writes, month by month from January of last year, the records of every declared
// kind the demo has a history for, each month's of a kind as one import on its last day (none
// for a month without any: commendations come in bursts).
func (h *historian) records(ctx context.Context) error {
	r := rand.New(rand.NewPCG(seed1, seed2+11))
	for month := h.first; month.Before(h.end); month = month.AddDate(0, 1, 0) {
		last := month.AddDate(0, 1, -1)
		if last.After(h.end) {
			last = h.end
		}
		for _, k := range tuyengiao.RecordKinds() {
			gen := recordHistories[k.Code]
			if gen == nil {
				continue
			}
			rs := gen(h, r, month, last)
			if len(rs) == 0 {
				continue
			}
			for _, rec := range rs {
				rec.Kind = k.Code
			}
			h.clk.at(last.Add(20 * time.Hour))
			if err := h.s.Records.ImportRecords(ctx, k, rs, 1, 0); err != nil {
				return fmt.Errorf("demo: %s of %s: %w", k.Name, month.Format("01/2006"), err)
			}
		}
	}
	return nil
}

// between returns a whole number from lo to hi.
func between(r *rand.Rand, lo, hi int) int64 { return int64(lo + r.IntN(hi-lo+1)) }

// dayOf returns a day of the month from its first day to last.
func dayOf(r *rand.Rand, month, last time.Time) tuyengiao.Date {
	return tuyengiao.Date{Time: month.AddDate(0, 0, r.IntN(last.Day()))}
}

// topicOf returns the topic of the campaign under way in the month that begins on month: a
// campaign starts every two months from January of last year.
func (h *historian) topicOf(month time.Time) topic {
	k := ((month.Year()-h.first.Year())*12 + int(month.Month()) - 1) / 2
	return topics[k%len(topics)]
}

// cellsOf returns the plan indexes of the cells of the ward or organisation with plan index
// parent; of every cell of the city, the grassroots cells included, when parent is -1.
func (h *historian) cellsOf(parent int) []int {
	var out []int
	for i, u := range h.p.units {
		if u.kind == "chi_bo" && (parent < 0 || u.parent == parent) || u.kind == "chi_bo_co_so" && parent < 0 {
			out = append(out, i)
		}
	}
	return out
}

// placeOf returns the name of the place of a unit: "phường Bắc Sơn" for "Đảng ủy phường Bắc
// Sơn", "khu phố 3" for "Chi bộ khu phố 3".
func (h *historian) placeOf(i int) string {
	name := h.p.units[i].name
	for _, prefix := range []string{"Đảng ủy ", "Chi bộ "} {
		name = strings.TrimPrefix(name, prefix)
	}
	return name
}

// neighbourhoods returns the neighbourhoods and villages of the ward with plan index w, by
// the names of their cells: "khu phố 3", "thôn Đoàn Kết".
func (h *historian) neighbourhoods(w int) []string {
	var out []string
	for _, c := range h.cellsOf(w) {
		if p := h.placeOf(c); strings.HasPrefix(p, "khu phố") || strings.HasPrefix(p, "thôn") {
			out = append(out, p)
		}
	}
	return out
}

// audience returns the count field total of a record and its break-down by audience
// (audienceFields) for n people: key cadres, members and union members in the given percents
// of them, at most 100 together, and of the rest one in fifty of them probationary members,
// the others the masses.
func audience(total string, n int64, keyCadre, member, union int64) tuyengiao.RecordValues {
	kc, m, u := n*keyCadre/100, n*member/100, n*union/100
	rest := n - kc - m - u
	probation := min(n/50, rest)
	return tuyengiao.RecordValues{total: n, total + "_key_cadre": kc, total + "_member": m, total + "_union": u,
		total + "_probation": probation, total + "_masses": rest - probation}
}

// someone returns the name of a person of the city, of working age.
func someone(r *rand.Rand) string {
	g := tuyengiao.GenderMale
	if r.IntN(2) == 0 {
		g = tuyengiao.GenderFemale
	}
	return cityNames.FullName(r, g, 1965+r.IntN(35))
}

// mediaPress are the titles of the city's items in the press, with the topic of the month.
var mediaPress = []string{
	"Thành phố Hoa Sơn đẩy mạnh học tập, làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
	"Hoa Sơn: đưa nghị quyết của Đảng vào cuộc sống từ chi bộ",
	"Đổi mới phương thức tuyên truyền miệng ở khu dân cư",
	"Lan tỏa những mô hình hay, cách làm sáng tạo trong công tác tuyên giáo",
	"Nâng cao chất lượng sinh hoạt chi bộ chuyên đề",
}

// mediaMonth is the media output of a month: the city commission's fanpage and website as
// the month's counts, its monthly bulletin, two or three press items about its work; each
// ward's fanpage and Zalo group as counts. Over six months the city posts some 900 items and
// shares some 150 on its fanpage, as the seeds' commission does.
func mediaMonth(h *historian, r *rand.Rand, month, last time.Time) []*tuyengiao.Record {
	count := func(unit int64, channel, form string, n int64) *tuyengiao.Record {
		return &tuyengiao.Record{UnitID: unit, Values: tuyengiao.RecordValues{"day": tuyengiao.Date{Time: last},
			"channel": channel, "form": form, "quantity": n}}
	}
	city := h.ids[0]
	out := []*tuyengiao.Record{
		count(city, "fanpage", "post", between(r, 130, 170)),
		count(city, "fanpage", "share", between(r, 20, 30)),
		count(city, "website", "post", between(r, 15, 25)),
		{UnitID: city, Values: tuyengiao.RecordValues{"day": tuyengiao.Date{Time: last}, "channel": "bulletin", "form": "issue",
			"title": fmt.Sprintf("Bản tin Sinh hoạt chi bộ số %d/%d", int(month.Month()), month.Year())}},
	}
	for range between(r, 2, 3) {
		out = append(out, &tuyengiao.Record{UnitID: city, Values: tuyengiao.RecordValues{"day": dayOf(r, month, last),
			"channel": "press", "form": "article", "title": mediaPress[r.IntN(len(mediaPress))], "outlet": "Báo Hoa Sơn"}})
	}
	for _, w := range h.p.wards() {
		out = append(out, count(h.ids[w], "fanpage", "post", between(r, 6, 14)),
			count(h.ids[w], "fanpage", "share", between(r, 2, 6)), count(h.ids[w], "zalo", "post", between(r, 3, 8)))
	}
	return out
}
