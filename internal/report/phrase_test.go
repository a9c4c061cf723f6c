package report

import (
	"testing"

	"tuyengiao"
)

var (
	phraseCount = tuyengiao.Indicator{Code: "study.attendances", Name: "Số lượt người tham dự", Measure: "lượt",
		Aggregation: tuyengiao.AggregateSum}
	phraseMoneyInd = tuyengiao.Indicator{Code: "congress.value", Name: "Tổng giá trị công trình", Measure: "đồng",
		Aggregation: tuyengiao.AggregateSum}
	phraseRatio = tuyengiao.Indicator{Code: "study.participation.member", Name: "Tỷ lệ đảng viên tham gia", Measure: "%",
		Aggregation: tuyengiao.AggregateRatio}
)

func TestPhrases(t *testing.T) {
	sum := func(n int64) tuyengiao.Value { return tuyengiao.Value{Num: n} }
	rate := func(n, d int64) tuyengiao.Value { return tuyengiao.Value{Num: n, Den: d} }
	t.Run("writes counts and rates the Vietnamese way", func(t *testing.T) {
		for _, c := range []struct{ got, want string }{
			{phraseValue(phraseCount, sum(25)), "25"},
			{phraseValue(phraseCount, sum(20012)), "20.012"},
			{phraseValue(phraseRatio, rate(974, 1000)), "97,4%"},
			{phraseValue(phraseRatio, rate(0, 0)), "–"},
		} {
			if c.got != c.want {
				t.Errorf("got %q, want %q", c.got, c.want)
			}
		}
	})
	t.Run("rounds as the articles do, saying gần or trên", func(t *testing.T) {
		for _, c := range []struct {
			v    tuyengiao.Value
			ind  tuyengiao.Indicator
			want string
		}{
			{sum(7960), phraseCount, "gần 8.000"},
			{sum(7640), phraseCount, "trên 7.600"},
			{sum(34312), phraseCount, "trên 34.300"},
			{sum(13480), phraseCount, "gần 13.500"},
			{sum(8000), phraseCount, "8.000"},
			{sum(999), phraseCount, "999"},
			{sum(0), phraseCount, "0"},
			{sum(1275), phraseCount, "gần 1.300"},
			{rate(974, 1000), phraseRatio, "trên 97%"},
			{rate(958, 1000), phraseRatio, "gần 96%"},
			{rate(85, 100), phraseRatio, "85%"},
			{rate(3, 1000), phraseRatio, "0,3%"},
			{sum(625_812_000_000), phraseMoneyInd, "khoảng 626 tỷ"},
			{sum(15_423_500_000), phraseMoneyInd, "khoảng 15,4 tỷ"},
			{sum(2_000_000_000), phraseMoneyInd, "2 tỷ"},
			{sum(1_250_400_000_000), phraseMoneyInd, "khoảng 1.250 tỷ"},
			{sum(849_700_000), phraseMoneyInd, "khoảng 850 triệu"},
			{sum(62_350_000), phraseMoneyInd, "khoảng 62,4 triệu"},
			{sum(750_000), phraseMoneyInd, "750.000"},
		} {
			if got := phraseApprox(c.ind, c.v); got != c.want {
				t.Errorf("%v: got %q, want %q", c.v, got, c.want)
			}
		}
	})
	t.Run("compares with an earlier period, or says nothing without one", func(t *testing.T) {
		for _, c := range []struct {
			ind         tuyengiao.Indicator
			now, before tuyengiao.Value
			want        string
		}{
			{phraseCount, sum(9000), sum(8000), "tăng 12,5% so với cùng kỳ"},
			{phraseCount, sum(7752), sum(8000), "giảm 3,1% so với cùng kỳ"},
			{phraseCount, sum(8000), sum(8000), "bằng cùng kỳ"},
			{phraseCount, sum(25), sum(10), "gấp 2,5 lần so với cùng kỳ"},
			{phraseCount, sum(25), sum(0), ""},
			{phraseRatio, rate(974, 1000), rate(953, 1000), "tăng 2,1 điểm phần trăm so với cùng kỳ"},
			{phraseRatio, rate(953, 1000), rate(974, 1000), "giảm 2,1 điểm phần trăm so với cùng kỳ"},
			{phraseRatio, rate(974, 1000), rate(0, 0), ""},
			{phraseCount, sum(20001), sum(20000), "tương đương cùng kỳ"},
			{phraseRatio, rate(8466, 10000), rate(9004, 10000), "giảm 5,3 điểm phần trăm so với cùng kỳ"},
			{phraseRatio, rate(9004, 10000), rate(9000, 10000), "tương đương cùng kỳ"},
			{phraseRatio, rate(487, 500), rate(974, 1000), "bằng cùng kỳ"},
		} {
			if got := phraseChange(c.ind, c.now, c.before, "cùng kỳ"); got != c.want {
				t.Errorf("%v against %v: got %q, want %q", c.now, c.before, got, c.want)
			}
		}
	})
	t.Run("names periods inside a sentence and the one after", func(t *testing.T) {
		h1 := tuyengiao.HalfPeriod(2026, 1)
		for _, c := range []struct{ got, want string }{
			{phrasePeriod(h1), "6 tháng đầu năm 2026"},
			{phrasePeriod(h1.Previous()), "6 tháng cuối năm 2025"},
			{phrasePeriod(phraseNext(h1)), "6 tháng cuối năm 2026"},
			{phrasePeriod(phraseNext(tuyengiao.YearPeriod(2026))), "năm 2027"},
			{phrasePeriod(phraseNext(tuyengiao.QuarterPeriod(2026, 4))), "quý I/2027"},
			{phrasePeriod(phraseNext(tuyengiao.NinePeriod(2026))), "quý IV/2026"},
		} {
			if c.got != c.want {
				t.Errorf("got %q, want %q", c.got, c.want)
			}
		}
	})
	t.Run("dates a document with the leading zeros of Party documents", func(t *testing.T) {
		for _, c := range []struct {
			day  string
			want string
		}{
			{"2026-06-15", "ngày 15 tháng 6 năm 2026"},
			{"2026-02-05", "ngày 05 tháng 02 năm 2026"},
			{"2026-12-31", "ngày 31 tháng 12 năm 2026"},
		} {
			d, err := tuyengiao.ParseDate(c.day)
			if err != nil {
				t.Fatal(err)
			}
			if got := phraseSignedDay(d); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		}
	})
}
