package report

import (
	"slices"
	"strings"
	"testing"

	"tuyengiao"
)

// assembleReport is a draft of the city for 2026-H1 over tokenTable, with a ward, a commune
// and the city's own line below it.
func assembleReport() *tuyengiao.Report {
	ft := tokenTable()
	ft.Units = append(ft.Units, tuyengiao.FigureUnit{ID: 1, Name: "Thành ủy Hoa Sơn", Own: true, Depth: 0},
		tuyengiao.FigureUnit{ID: 2, Name: "Đảng ủy phường Đông Kinh", Depth: 1},
		tuyengiao.FigureUnit{ID: 3, Name: "Đảng ủy xã Mai Pha", Depth: 1})
	for _, row := range [][]tuyengiao.Value{
		{{Num: 1}, {}, {}, {Num: 60}, {}, {}, {Num: 9, Den: 10}, {}, {}},
		{{Num: 14}, {}, {}, {Num: 4900}, {}, {}, {Num: 600, Den: 610}, {}, {}},
		{{Num: 10}, {}, {}, {Num: 3000}, {}, {}, {Num: 0, Den: 0}, {}, {}},
	} {
		ft.Values = append(ft.Values, row...)
	}
	months := &tuyengiao.FigureTable{Indicators: []tuyengiao.Indicator{phraseCount}, Units: ft.Units[:1], AsOf: ft.AsOf}
	for m := 1; m <= 6; m++ {
		months.Periods = append(months.Periods, tuyengiao.MonthPeriod(2026, m))
		months.Values = append(months.Values, tuyengiao.Value{Num: int64(1000 * m)})
	}
	return &tuyengiao.Report{ID: 7, UnitID: 1, UnitName: "Thành ủy Hoa Sơn", Period: tuyengiao.HalfPeriod(2026, 1),
		Status: tuyengiao.ReportDraft, Version: 1, Subject: "Sơ kết công tác tuyên giáo {period}, phương hướng, nhiệm vụ {next}",
		Sections: []tuyengiao.ReportSection{
			{Title: "1. Công tác học tập", Text: "Tổ chức {study.conferences} hội nghị\nvới {study.attendances:approx} lượt.\n\n- Một việc.\n- Việc khác {press.items}.",
				Table: []string{"study.conferences", "press.items", "study.participation.member"}, Chart: "study.attendances"},
			{Title: "IV. Phương hướng, nhiệm vụ {next}"},
		},
		ReportSigningPart: tuyengiao.ReportSigningPart{Superior: "THÀNH ỦY HOA SƠN", Issuer: "BAN TUYÊN GIÁO", SignFor: "T/M BAN TUYÊN GIÁO",
			SignerTitle: "TRƯỞNG BAN", Recipients: []string{"- Thường trực Thành ủy (b/c),", "- Lưu VP."}, Place: "Hoa Sơn"},
		Figures: tuyengiao.ReportFigures{Main: ft, Months: months},
	}
}

func TestAssemble(t *testing.T) {
	today, _ := tuyengiao.ParseDate("2026-07-05")
	t.Run("heads a draft with spaces left for its number and today's date", func(t *testing.T) {
		d := draftDocument(assembleReport(), "thanh_uy", nil, today)
		got := []string{d.Superior, d.Issuer, d.Number, d.Motto, d.PlaceDate, d.Title, d.Subject, d.AsOf, d.FileName}
		want := []string{"THÀNH ỦY HOA SƠN", "BAN TUYÊN GIÁO", "Số      -BC/BTGTU", "ĐẢNG CỘNG SẢN VIỆT NAM", "Hoa Sơn, ngày 05 tháng 7 năm 2026",
			"BÁO CÁO", "Sơ kết công tác tuyên giáo 6 tháng đầu năm 2026, phương hướng, nhiệm vụ 6 tháng cuối năm 2026",
			"Số liệu tính đến 16 giờ 30 ngày 15/6/2026", "du-thao-bao-cao-2026-H1"}
		if !slices.Equal(got, want) || !d.Draft {
			t.Fatalf("got  %q\nwant %q", got, want)
		}
	})
	t.Run("heads a final report with its number and the day it was signed", func(t *testing.T) {
		r := assembleReport()
		signed, _ := tuyengiao.ParseDate("2026-06-15")
		r.Status, r.Number, r.SignedOn = tuyengiao.ReportFinal, "12-BC/BTGTU", &signed
		d := draftDocument(r, "thanh_uy", tokenTable(), today)
		if d.Number != "Số 12-BC/BTGTU" || d.PlaceDate != "Hoa Sơn, ngày 15 tháng 6 năm 2026" || d.FileName != "bao-cao-12-BC-BTGTU" || d.Draft {
			t.Fatalf("%q, %q, %q, draft %v", d.Number, d.PlaceDate, d.FileName, d.Draft)
		}
	})
	t.Run("names the unit of a final report as it was named when signed, that of a draft as it is named now", func(t *testing.T) {
		r := assembleReport()
		r.UnitName, r.Subject = "Đảng ủy thành phố Hoa Sơn", "Báo cáo của {unit}" // renamed since the figures were counted
		if d := draftDocument(r, "thanh_uy", nil, today); d.Subject != "Báo cáo của Đảng ủy thành phố Hoa Sơn" {
			t.Errorf("the draft: %q", d.Subject)
		}
		signed, _ := tuyengiao.ParseDate("2026-06-15")
		r.Status, r.Number, r.SignedOn = tuyengiao.ReportFinal, "12-BC/BTGTU", &signed
		if d := draftDocument(r, "thanh_uy", tokenTable(), today); d.Subject != "Báo cáo của Thành ủy Hoa Sơn" {
			t.Errorf("the signed report: %q", d.Subject)
		}
	})
	d := draftDocument(assembleReport(), "thanh_uy", nil, today)
	var kinds []string
	for _, b := range d.Blocks {
		kinds = append(kinds, b.Kind)
	}
	t.Run("lays out headings, paragraphs, items, a table and a chart in the order of the text", func(t *testing.T) {
		want := []string{"heading", "paragraph", "item", "item", "table", "chart", "heading"}
		if !slices.Equal(kinds, want) {
			t.Fatalf("blocks %v, want %v", kinds, want)
		}
		if got := runText(d.Blocks[1].Runs); got != "Tổ chức 25 hội nghị với gần 8.000 lượt." {
			t.Errorf("paragraph %q", got)
		}
		if got := runText(d.Blocks[3].Runs); got != "- Việc khác …." {
			t.Errorf("item %q", got)
		}
		if got := runText(d.Blocks[6].Runs); got != "IV. Phương hướng, nhiệm vụ 6 tháng cuối năm 2026" || !d.Blocks[6].Runs[0].Bold {
			t.Errorf("heading %q", got)
		}
	})
	t.Run("tables the units right below, the unit's own line, then the total", func(t *testing.T) {
		tb := d.Blocks[4].Table
		var lines []string
		for _, row := range append(slices.Clone(tb.Rows), tb.Total) {
			lines = append(lines, strings.Join(row, " | "))
		}
		want := []string{
			"Đảng ủy phường Đông Kinh | 14 | 98,4%",
			"Đảng ủy xã Mai Pha | 10 | –",
			"Thành ủy Hoa Sơn: " + tuyengiao.OwnLineLabel + " | 1 | 90%",
			"Tổng cộng | 25 | 97,4%",
		}
		if !slices.Equal(lines, want) {
			t.Fatalf("rows\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
		}
		if tb.Header[1] != "Số hội nghị (hội nghị)" || !slices.Equal(tb.Numeric, []bool{false, true, true}) {
			t.Errorf("header %q, numeric %v", tb.Header, tb.Numeric)
		}
		if v := tb.Values; *v[0][1] != 14 || v[1][2] != nil || *v[3][2] != 0.974 || v[3][0] != nil {
			t.Errorf("values %v", v)
		}
	})
	t.Run("lists no unit with nothing to show", func(t *testing.T) {
		r := assembleReport()
		ft := r.Figures.Main
		ft.Units = append(ft.Units, tuyengiao.FigureUnit{ID: 4, Name: "Tổ dân phố 1", Depth: 1})
		ft.Values = append(ft.Values, make([]tuyengiao.Value, 9)...)
		if tb := draftDocument(r, "thanh_uy", nil, today).Blocks[4].Table; len(tb.Rows) != 3 {
			t.Fatalf("rows %q", tb.Rows)
		}
	})
	t.Run("charts the indicator month by month", func(t *testing.T) {
		c := d.Blocks[5].Chart
		if !slices.Equal(c.Labels, []string{"T1", "T2", "T3", "T4", "T5", "T6"}) || c.Values[5] != 6000 || c.Percent {
			t.Fatalf("chart %+v", c)
		}
	})
	t.Run("names the months of a range across two years with their year", func(t *testing.T) {
		from, _ := tuyengiao.ParseDate("2025-12-01")
		to, _ := tuyengiao.ParseDate("2026-01-31")
		p := tuyengiao.RangePeriod(from, to)
		months := &tuyengiao.FigureTable{Indicators: []tuyengiao.Indicator{phraseCount}, Periods: draftMonths(p),
			Units: []tuyengiao.FigureUnit{{ID: 1}}, Values: []tuyengiao.Value{{Num: 5}, {Num: 7}}}
		if c := draftChart(phraseCount.Code, months, p); !slices.Equal(c.Labels, []string{"T12/2025", "T1/2026"}) {
			t.Fatalf("labels %q", c.Labels)
		}
	})
	t.Run("counts a chart's months cut to a range", func(t *testing.T) {
		from, _ := tuyengiao.ParseDate("2026-01-15")
		to, _ := tuyengiao.ParseDate("2026-03-10")
		months := draftMonths(tuyengiao.RangePeriod(from, to))
		if len(months) != 3 || months[0].String() != "2026-01-15..2026-01-31" || months[1].String() != "2026-02" ||
			months[2].String() != "2026-03-01..2026-03-10" {
			t.Fatalf("months %v", months)
		}
		if len(draftMonths(tuyengiao.RangePeriod(from, tuyengiao.Date{Time: to.AddDate(3, 0, 0)}))) != 0 {
			t.Fatal("a chart over three years")
		}
	})
}

func TestAssembleWords(t *testing.T) {
	today, _ := tuyengiao.ParseDate("2026-07-05")
	text := "{committee} tiếp tục chỉ đạo. Trong {period}, {body} tổ chức {study.conferences} hội nghị; {cells} sinh hoạt."
	t.Run("speaks of each unit's own body in its words", func(t *testing.T) {
		for kind, want := range map[string]string{
			"thanh_uy":       "Cấp ủy các cấp tiếp tục chỉ đạo. Trong 6 tháng đầu năm 2026, toàn đảng bộ tổ chức 25 hội nghị; các chi bộ sinh hoạt.",
			"dang_uy_phuong": "Đảng ủy tiếp tục chỉ đạo. Trong 6 tháng đầu năm 2026, đảng bộ phường tổ chức 25 hội nghị; các chi bộ sinh hoạt.",
			"chi_bo":         "Chi bộ tiếp tục chỉ đạo. Trong 6 tháng đầu năm 2026, chi bộ tổ chức 25 hội nghị; chi bộ sinh hoạt.",
		} {
			r := assembleReport()
			r.Sections = []tuyengiao.ReportSection{{Title: "I.", Text: text}}
			if got := runText(draftDocument(r, kind, nil, today).Blocks[1].Runs); got != want {
				t.Errorf("%s:\n got %q\nwant %q", kind, got, want)
			}
		}
	})
	t.Run("leaves out the sentences and items whose every figure is zero or a rate of no one, and brings them back once counted", func(t *testing.T) {
		r := assembleReport()
		r.Sections = []tuyengiao.ReportSection{{Title: "I.", Text: "Đã ban hành {study.conferences} văn bản, {study.conferences:change}. " +
			"Thu hút {study.attendances} lượt.\n\n- Tổ chức {study.conferences} hội nghị.\n- Tỷ lệ đạt {study.participation.member}, {study.conferences} hội nghị."}}
		ft := r.Figures.Main
		ft.Values[0], ft.Values[6] = tuyengiao.Value{}, tuyengiao.Value{} // no conference, no member to count a rate of
		var got []string
		for _, b := range draftDocument(r, "thanh_uy", nil, today).Blocks[1:] {
			got = append(got, runText(b.Runs))
		}
		if want := []string{"Thu hút 7.960 lượt."}; !slices.Equal(got, want) {
			t.Fatalf("got %q, want %q", got, want)
		}
		ft.Values[0], ft.Values[6] = tuyengiao.Value{Num: 3}, tuyengiao.Value{Den: 10} // none of the 10 members studied
		got = got[:0]
		for _, b := range draftDocument(r, "thanh_uy", nil, today).Blocks[1:] {
			got = append(got, runText(b.Runs))
		}
		if len(got) != 3 || !strings.HasPrefix(got[0], "Đã ban hành 3 văn bản") || got[2] != "- Tỷ lệ đạt 0%, 3 hội nghị." {
			t.Fatalf("refreshed: %q", got)
		}
	})
}

func TestAssembleLiveTable(t *testing.T) {
	today, _ := tuyengiao.ParseDate("2026-07-05")
	signed, _ := tuyengiao.ParseDate("2026-06-15")
	t.Run("marks in a final report's table the cells whose value changed since signing, and prints the signed ones", func(t *testing.T) {
		r := assembleReport()
		r.Status, r.Number, r.SignedOn = tuyengiao.ReportFinal, "12-BC/BTGTU", &signed
		live := assembleReport().Figures.Main
		live.Values[0], live.Values[9*2] = tuyengiao.Value{Num: 26}, tuyengiao.Value{Num: 15} // one more conference in the ward
		tb := draftDocument(r, "thanh_uy", live, today).Blocks[4].Table
		want := [][]string{{"", "15", ""}, {"", "", ""}, {"", "", ""}, {"", "26", ""}}
		if len(tb.Live) != len(want) {
			t.Fatalf("live %q", tb.Live)
		}
		for k := range want {
			if !slices.Equal(tb.Live[k], want[k]) {
				t.Errorf("row %d: live %q, want %q", k, tb.Live[k], want[k])
			}
		}
		if tb.Rows[0][1] != "14" || tb.Total[1] != "25" {
			t.Errorf("signed cells %q, total %q", tb.Rows[0], tb.Total)
		}
	})
	t.Run("marks nothing in a final report whose figures are as signed, nor in a draft", func(t *testing.T) {
		r := assembleReport()
		if tb := draftDocument(r, "thanh_uy", nil, today).Blocks[4].Table; tb.Live != nil {
			t.Errorf("draft: live %q", tb.Live)
		}
		r.Status, r.Number, r.SignedOn = tuyengiao.ReportFinal, "12-BC/BTGTU", &signed
		if tb := draftDocument(r, "thanh_uy", assembleReport().Figures.Main, today).Blocks[4].Table; tb.Live != nil {
			t.Errorf("final, unchanged: live %q", tb.Live)
		}
	})
}
