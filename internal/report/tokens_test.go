package report

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"tuyengiao"
)

// tokenTable is the figures of a city for 2026-H1, the half before and the year before:
// 25 conferences (20 a year before), 7.960 attendances (7.075), 97,4% of members (95,3%).
func tokenTable() *tuyengiao.FigureTable {
	p := tuyengiao.HalfPeriod(2026, 1)
	conferences := tuyengiao.Indicator{Code: "study.conferences", Name: "Số hội nghị", Measure: "hội nghị",
		Aggregation: tuyengiao.AggregateSum, Records: "/conferences?unit={unit}&from={from}&to={to}"}
	return &tuyengiao.FigureTable{
		Indicators: []tuyengiao.Indicator{conferences, phraseCount, phraseRatio},
		Periods:    []tuyengiao.Period{p, p.Previous(), p.YearBefore()},
		Units:      []tuyengiao.FigureUnit{{ID: 1, Name: "Thành ủy Hoa Sơn"}},
		Values: []tuyengiao.Value{{Num: 25}, {Num: 22}, {Num: 20}, {Num: 7960}, {Num: 7000}, {Num: 7075},
			{Num: 974, Den: 1000}, {Num: 960, Den: 1000}, {Num: 953, Den: 1000}},
		AsOf: time.Date(2026, 6, 15, 9, 30, 0, 0, time.UTC),
	}
}

func tokenTestScope() *tokenScope {
	return &tokenScope{unitID: 1, unitName: "Thành ủy Hoa Sơn", period: tuyengiao.HalfPeriod(2026, 1), figures: tokenTable()}
}

func TestTokens(t *testing.T) {
	sc := tokenTestScope()
	t.Run("writes the figures of a drafted sentence", func(t *testing.T) {
		for _, c := range []struct{ text, want string }{
			{"Tổ chức {study.conferences} hội nghị với {study.attendances:approx} lượt người tham dự, {study.attendances:change}.",
				"Tổ chức 25 hội nghị với gần 8.000 lượt người tham dự, tăng 12,5% so với cùng kỳ."},
			{"Tỷ lệ đảng viên tham gia đạt {study.participation.member} ({study.participation.member:num}/{study.participation.member:base}), {study.participation.member:change}.",
				"Tỷ lệ đảng viên tham gia đạt 97,4% (974/1.000), tăng 2,1 điểm phần trăm so với cùng kỳ."},
			{"{study.conferences} hội nghị, {study.conferences:previous}.", "25 hội nghị, tăng 13,6% so với 6 tháng cuối năm 2025."},
			{"Trong {period}, {unit} … {previous}; {next}.",
				"Trong 6 tháng đầu năm 2026, Thành ủy Hoa Sơn … 6 tháng cuối năm 2025; 6 tháng cuối năm 2026."},
		} {
			if got := runText(sc.runs(c.text)); got != c.want {
				t.Errorf("%s\n got %q\nwant %q", c.text, got, c.want)
			}
		}
	})
	t.Run("leaves unknown tokens and forms as written", func(t *testing.T) {
		for _, text := range []string{"{", "}{", "a { b } c", "{Unit}", "{unit:approx}", "{study.conferences:sum}",
			"{study.conferences:base}", "{nothing}", "{study.conferences:}", "{{period}", "{:approx}", "{unit}}"} {
			want := strings.NewReplacer("{period}", "6 tháng đầu năm 2026", "{unit}", "Thành ủy Hoa Sơn").Replace(text)
			if got := runText(sc.runs(text)); got != want {
				t.Errorf("%q: got %q, want %q", text, got, want)
			}
		}
	})
	t.Run("marks an indicator the catalogue does not know and writes an ellipsis", func(t *testing.T) {
		runs := sc.runs("Phát hành {reported.press_items} tin, bài.")
		if got := runText(runs); got != "Phát hành … tin, bài." {
			t.Fatalf("got %q", got)
		}
		if ref := runs[1].Figure; ref == nil || !ref.Missing || ref.Code != "reported.press_items" {
			t.Fatalf("figure %+v", ref)
		}
	})
	t.Run("says where a figure came from", func(t *testing.T) {
		runs := sc.runs("Tổ chức {study.conferences} hội nghị.")
		ref := runs[1].Figure
		if ref == nil || ref.Indicator != "Số hội nghị" || ref.UnitID != 1 || ref.Records != "/conferences?unit=1&from=2026-01-01&to=2026-06-30" {
			t.Fatalf("figure %+v", ref)
		}
	})
	t.Run("drops a comparison with nothing to compare with, and the comma before it", func(t *testing.T) {
		none := tokenTestScope()
		for i := range none.figures.Units {
			for k := range none.figures.Indicators {
				none.figures.Values[(i*3+k)*3+2] = tuyengiao.Value{}
			}
		}
		for _, c := range []struct{ text, want string }{
			{"Tổ chức {study.conferences} hội nghị, {study.conferences:change}.", "Tổ chức 25 hội nghị."},
			{"{study.conferences} hội nghị, {study.conferences:change}; tiếp theo", "25 hội nghị; tiếp theo"},
			{"{study.conferences} hội nghị, {study.conferences:change}", "25 hội nghị"},
			{"{study.conferences} hội nghị {study.conferences:change} và", "25 hội nghị  và"},
		} {
			if got := runText(none.runs(c.text)); got != c.want {
				t.Errorf("%s: got %q, want %q", c.text, got, c.want)
			}
		}
	})
	t.Run("leaves out the items of a list whose figure is zero, and the list when none is left", func(t *testing.T) {
		zero := tokenTestScope()
		zero.figures.Values[3] = tuyengiao.Value{} // no attendance this half
		list := "Tổ chức {study.attendances} lượt; trong đó có {study.conferences:some} hội nghị, {study.attendances:some} lượt."
		for _, c := range []struct{ text, want string }{
			{"Có {study.conferences:some} hội nghị, {study.attendances:some} lượt và {study.attendances:some} buổi.", "Có 25 hội nghị."},
			{"Có {study.attendances:some} lượt, {study.conferences:some} hội nghị.", "Có 25 hội nghị."},
			{"Có {study.conferences:some} hội nghị và {study.attendances:some} lượt; tiếp theo", "Có 25 hội nghị; tiếp theo"},
			{"Có {study.attendances:some} lượt và {study.conferences:some} hội nghị", "Có 25 hội nghị"},
			{"Đạt {study.conferences}; trong đó {study.attendances:some} lượt, {study.attendances:some} buổi.", "Đạt 25."},
			{"Có {study.conferences} hội nghị, trong đó {study.attendances:some} lượt trực tuyến và {study.attendances:some} lượt trực tiếp.",
				"Có 25 hội nghị."},
			{list, "Tổ chức 0 lượt; trong đó có 25 hội nghị."},
		} {
			if got := runText(zero.runs(c.text)); got != c.want {
				t.Errorf("%s\n got %q\nwant %q", c.text, got, c.want)
			}
		}
		if got := runText(sc.runs(list)); got != "Tổ chức 7.960 lượt; trong đó có 25 hội nghị, 7.960 lượt." {
			t.Errorf("with every figure: %q", got)
		}
	})
	t.Run("marks the figures that differ now on a final report", func(t *testing.T) {
		live := tokenTestScope()
		live.live = tokenTable()
		live.live.Values[0] = tuyengiao.Value{Num: 26}
		runs := live.runs("{study.conferences} hội nghị, {study.attendances} lượt")
		if runs[0].Figure.Live != "26" || runs[2].Figure.Live != "" {
			t.Fatalf("live %q and %q", runs[0].Figure.Live, runs[2].Figure.Live)
		}
	})
	t.Run("writes a section of 100.000 characters of braces or names at the cost of its length", func(t *testing.T) {
		for _, text := range []string{strings.Repeat("{a", 50000) + "}", strings.Repeat("{unit}", 16000),
			strings.Repeat("{A}", 33000), strings.Repeat("x, {study.conferences:previous}", 3000)} {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			tokenCodes(nil, text)
			sc.runs(text)
			runtime.ReadMemStats(&after)
			// Linear work copies the text a few times; piece by piece, it copied gigabytes.
			if n := after.TotalAlloc - before.TotalAlloc; n > 200*uint64(len(text)) {
				t.Errorf("%.20q…: %d bytes allocated for %d of text", text, n, len(text))
			}
		}
	})
	t.Run("lists the codes the tokens name, each once", func(t *testing.T) {
		got := tokenCodes([]string{"study.conferences"}, "{study.conferences} {unit} {reported.x:approx} {reported.x} {a.b:zzz} {")
		if strings.Join(got, " ") != "study.conferences reported.x a.b" {
			t.Fatalf("got %q", got)
		}
	})
}

// FuzzTokens checks that any text, the editor's own, parses back to itself and renders
// without a panic.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{"", "{", "{study.conferences:approx}", "{{unit}}", "{a.b:", "x}{y", "{unit:}", "{study.conferences:base}", "a, {study.conferences:some} b."} {
		f.Add(s)
	}
	sc := tokenTestScope()
	f.Fuzz(func(t *testing.T, text string) {
		var b strings.Builder
		for _, p := range tokenParse(text) {
			b.WriteString(p.text)
		}
		if b.String() != text {
			t.Fatalf("parts of %q join to %q", text, b.String())
		}
		sc.runs(text)
	})
}
