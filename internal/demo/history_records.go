package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"tuyengiao"
)

// recordMonth returns the records of one declared kind that units of the city keep for the
// month that begins on month, each dated on a day of it up to last (the history's end in its
// final month).
type recordMonth func(h *historian, r *rand.Rand, month, last time.Time) []*tuyengiao.Record

// recordHistories are the demo's records of each declared kind, by its code: a kind added
// later adds its own here.
var recordHistories = map[string]recordMonth{
	tuyengiao.MediaItems.Code: mediaMonth,
}

// records writes, month by month from January of last year, the records of every declared
// kind the demo has a history for, each month's of a kind as one import on its last day.
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
			for _, rec := range rs {
				rec.Kind = k.Code
			}
			h.clk.at(last.Add(20 * time.Hour))
			if err := h.s.Records.ImportRecords(ctx, k, rs, 1); err != nil {
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
