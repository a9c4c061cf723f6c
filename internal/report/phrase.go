package report

import (
	"fmt"
	"math"
	"strconv"
	"unicode"
	"unicode/utf8"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// phraseValue writes a value as the reports do: a count or amount "20.012", a ratio
// "97,4%" ("–" without a base).
func phraseValue(ind tuyengiao.Indicator, v tuyengiao.Value) string {
	if ind.Aggregation == tuyengiao.AggregateRatio {
		return vn.Percent(v.Num, v.Den)
	}
	return vn.Int(v.Num)
}

// phraseApprox writes a value rounded as the articles do: "gần 8.000" for 7.960, "trên
// 34.300" for 34.312. Counts keep two significant digits under 10.000 and three above,
// with "gần" when rounded up and "trên" when rounded down; a count under 1.000 or already
// round stays exact. A ratio is rounded to a whole percent the same way ("trên 97%"), and an
// amount in đồng in tỷ or triệu (phraseMoney).
func phraseApprox(ind tuyengiao.Indicator, v tuyengiao.Value) string {
	if ind.Measure == phraseDong {
		return phraseMoney(v.Num)
	}
	if ind.Aggregation == tuyengiao.AggregateRatio {
		rate, ok := v.Rate()
		if !ok {
			return vn.Percent(v.Num, v.Den)
		}
		whole := math.Round(rate)
		if whole == 0 { // "trên 0%" says nothing of 0,3%
			whole = rate
		}
		return phraseAbout(rate, whole, vn.Decimal(whole, 0)+"%", vn.Decimal(rate, 1)+"%")
	}
	n := v.Num
	if n < 1000 {
		return vn.Int(n)
	}
	digits := 2
	if n >= 10000 {
		digits = 3
	}
	mag := int64(math.Pow10(len(strconv.FormatInt(n, 10)) - digits))
	rounded := (n + mag/2) / mag * mag
	return phraseAbout(float64(n), float64(rounded), vn.Int(rounded), vn.Int(n))
}

// phraseDong is the measure of the indicators of amounts of money.
const phraseDong = "đồng"

// phraseMoney writes an amount in đồng rounded as the articles do, in tỷ (billions) or triệu
// (millions) with "khoảng": "khoảng 626 tỷ" for 625.812.000.000, "khoảng 15,4 tỷ", "khoảng
// 850 triệu"; to a tenth under a hundred of its unit, to a whole one above. An amount under a
// million stays exact, one already round drops "khoảng" ("2 tỷ"). The text of the template
// says "đồng" after it.
func phraseMoney(n int64) string {
	unit, name := 1e9, " tỷ"
	switch {
	case n < 1e6:
		return vn.Int(n)
	case n < 1e9:
		unit, name = 1e6, " triệu"
	}
	x, decimals := float64(n)/unit, 0
	if x < 100 {
		decimals = 1
	}
	p := math.Pow10(decimals)
	rounded := math.Round(x*p) / p
	text := vn.Decimal(rounded, decimals) + name
	if rounded*unit == float64(n) {
		return text
	}
	return "khoảng " + text
}

// phraseAbout says "gần" or "trên" before the rounded value as it lies above or below the
// exact one, and gives the exact text when they are the same.
func phraseAbout(exact, rounded float64, roundedText, exactText string) string {
	switch {
	case rounded > exact:
		return "gần " + roundedText
	case rounded < exact:
		return "trên " + roundedText
	}
	return exactText
}

// phraseChange compares a value with the one of an earlier period named against ("cùng
// kỳ", "6 tháng cuối năm 2025"): "tăng 12,5% so với cùng kỳ", "giảm 3,1% …", "gấp 2,5 lần
// …", "bằng cùng kỳ" ("tương đương cùng kỳ" when the change rounds to nothing); for a ratio
// in percentage points between the rates as shown, to a tenth, "tăng 2,1 điểm phần trăm so với
// cùng kỳ". Without an earlier value to compare with (nothing then, or no base) it is "",
// which the sentences of the templates are written to read without.
func phraseChange(ind tuyengiao.Indicator, cur, before tuyengiao.Value, against string) string {
	var diff float64
	unit := "%"
	same := cur.Num == before.Num
	if ind.Aggregation == tuyengiao.AggregateRatio {
		now, ok1 := cur.Rate()
		then, ok2 := before.Rate()
		if !ok1 || !ok2 {
			return ""
		}
		// The rates as the reports show them, to a tenth: 84,7% against 90,0% is 5,3 points
		// less, whatever the hundredths behind them.
		diff, unit, same = math.Round(10*now)/10-math.Round(10*then)/10, " điểm phần trăm", now == then
	} else {
		if before.Num == 0 {
			return ""
		}
		diff = 100 * float64(cur.Num-before.Num) / float64(before.Num)
		if diff >= 100 {
			return "gấp " + vn.Decimal(float64(cur.Num)/float64(before.Num), 1) + " lần so với " + against
		}
	}
	amount := vn.Decimal(math.Abs(diff), 1)
	switch {
	case amount == "0" && same:
		return "bằng " + against
	case amount == "0": // not the same, but less than a tenth apart
		return "tương đương " + against
	case diff > 0:
		return "tăng " + amount + unit + " so với " + against
	}
	return "giảm " + amount + unit + " so với " + against
}

// phrasePeriod names a period inside a sentence: its label with a small first letter ("6
// tháng đầu năm 2026", "năm 2026", "quý III/2026").
func phrasePeriod(p tuyengiao.Period) string {
	label := p.Label()
	r, n := utf8.DecodeRuneInString(label)
	return string(unicode.ToLower(r)) + label[n:]
}

// phraseNext returns the period after p, of the same kind: the next month, quarter, half or
// year; after nine months the three that end the year; after a range, as many days.
func phraseNext(p tuyengiao.Period) tuyengiao.Period {
	after := tuyengiao.Date{Time: p.To.AddDate(0, 0, 1)}
	switch p.Kind {
	case tuyengiao.PeriodMonth, tuyengiao.PeriodQuarter, tuyengiao.PeriodHalf, tuyengiao.PeriodYear:
		return tuyengiao.PeriodContaining(p.Kind, after)
	case tuyengiao.PeriodNine:
		return tuyengiao.QuarterPeriod(p.From.Year(), 4)
	}
	return tuyengiao.RangePeriod(after, tuyengiao.Date{Time: after.AddDate(0, 0, p.Days()-1)})
}

// phraseSignedDay writes the day of a document as Party documents do: "ngày 15 tháng 6 năm
// 2026", with a leading zero for the days under 10 and the months 1 and 2 ("ngày 05 tháng 02
// năm 2026"), so that no one can add a digit by hand.
func phraseSignedDay(d tuyengiao.Date) string {
	month := strconv.Itoa(int(d.Month()))
	if d.Month() <= 2 {
		month = "0" + month
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", d.Day(), month, d.Year())
}
