package report

import (
	"context"
	"fmt"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// Assemble lays report r out for the page and the encoders. For a final report it counts
// its figures again as of now, and marks on each figure of the text that now differs the
// value it has now (ReportFigureRef.Live); the report itself keeps the figures it was
// signed with.
func (s *Service) Assemble(ctx context.Context, r *tuyengiao.Report) (*tuyengiao.ReportDocument, error) {
	u, err := s.Units.FindUnitByID(ctx, r.UnitID)
	if err != nil {
		return nil, err
	}
	var live *tuyengiao.FigureTable
	if r.Status == tuyengiao.ReportFinal {
		now, err := s.count(ctx, r)
		if err != nil {
			return nil, err
		}
		live = now.Main
	}
	return draftDocument(r, u.Kind, live, tuyengiao.DateOf(s.now().In(vn.Zone))), nil
}

// draftDocument lays out report r of a unit of kind unitKind, dated today when a draft,
// with the figures live as of now for a final one (nil: none).
func draftDocument(r *tuyengiao.Report, unitKind string, live *tuyengiao.FigureTable, today tuyengiao.Date) *tuyengiao.ReportDocument {
	sc := &tokenScope{unitID: r.UnitID, unitName: r.UnitName, unitKind: unitKind, period: r.Period, figures: r.Figures.Main, live: live}
	final := r.Status == tuyengiao.ReportFinal
	if main := r.Figures.Main; final && main != nil && len(main.Units) > 0 {
		// Signed, the report names its unit as it was named then, though it be renamed since.
		sc.unitName = main.Units[0].Name
	}
	d := &tuyengiao.ReportDocument{Superior: r.Superior, Issuer: r.Issuer, Motto: "ĐẢNG CỘNG SẢN VIỆT NAM", Title: "BÁO CÁO",
		Subject: runText(sc.runs(r.Subject)), Draft: !final, SignFor: r.SignFor, SignerTitle: r.SignerTitle, Signer: r.Signer,
		Recipients: r.Recipients}
	day := today
	if final && r.SignedOn != nil {
		day = *r.SignedOn
		d.Number = "Số " + r.Number
		d.FileName = "bao-cao-" + draftFileWord(r.Number)
	} else {
		d.Number = "Số      -BC/" + draftSymbolIssuer[unitKind]
		d.FileName = "du-thao-bao-cao-" + r.Period.String()
	}
	d.PlaceDate = strings.TrimPrefix(r.Place+", "+phraseSignedDay(day), ", ")
	if main := r.Figures.Main; main != nil {
		t := main.AsOf.In(vn.Zone)
		d.AsOf = fmt.Sprintf("Số liệu tính đến %d giờ %02d ngày %d/%d/%d", t.Hour(), t.Minute(), t.Day(), t.Month(), t.Year())
	}
	for _, sec := range r.Sections {
		d.Blocks = append(d.Blocks, tuyengiao.ReportBlock{Kind: tuyengiao.BlockHeading,
			Runs: []tuyengiao.ReportRun{{Text: runText(sc.runs(sec.Title)), Bold: true}}})
		d.Blocks = append(d.Blocks, draftBlocks(sc, sec.Text)...)
		if t := draftTable(sec.Table, r.Figures.Main, live, r.Period); t != nil {
			d.Blocks = append(d.Blocks, tuyengiao.ReportBlock{Kind: tuyengiao.BlockTable, Table: t})
		}
		if c := draftChart(sec.Chart, r.Figures.Months, r.Period); c != nil {
			d.Blocks = append(d.Blocks, tuyengiao.ReportBlock{Kind: tuyengiao.BlockChart, Chart: c})
		}
	}
	return d
}

// draftSymbolIssuer is the issuer's part of the symbol of a report (số ký hiệu) by the kind
// of the unit it is drafted for, left for the signer to check: the commission of a city or
// provincial committee signs "-BC/BTGTU", of a district "-BC/BTGHU", a ward's or a
// grassroots organisation's committee "-BC/ĐU", a cell "-BC/CB".
var draftSymbolIssuer = map[string]string{
	"thanh_uy": "BTGTU", "tinh_uy": "BTGTU", "quan_uy": "BTGQU", "huyen_uy": "BTGHU", "thi_uy": "BTGThU",
	"dang_uy_khoi": "BTGĐUK", "ban_tuyen_giao": "BTG", "dang_uy_phuong": "ĐU", "dang_uy_xa": "ĐU", "dang_uy_thi_tran": "ĐU",
	"dang_bo_co_so": "ĐU", "chi_bo_co_so": "CB", "chi_bo": "CB",
}

// draftFileWord turns a symbol into a part of a file name: ASCII letters and digits, "Đ" as
// "D", anything else one "-" ("12-BC/BTGTU" → "12-BC-BTGTU").
func draftFileWord(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case r == 'Đ':
			r = 'D'
		case r == 'đ':
			r = 'd'
		case r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'):
		default:
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// draftBlocks lays out the text of a section: paragraphs separated by blank lines, the
// lines of a paragraph joined, and a line starting "- " an item of a list; a sentence whose
// every figure is zero is left out, and a paragraph or item left empty with it.
func draftBlocks(sc *tokenScope, text string) []tuyengiao.ReportBlock {
	var out []tuyengiao.ReportBlock
	var para []string
	flush := func() {
		if text := sc.counted(strings.Join(para, " ")); text != "" {
			out = append(out, tuyengiao.ReportBlock{Kind: tuyengiao.BlockParagraph, Runs: sc.runs(text)})
		}
		para = nil
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "- "):
			flush()
			if item := sc.counted(line[2:]); item != "" {
				out = append(out, tuyengiao.ReportBlock{Kind: tuyengiao.BlockItem, Runs: sc.runs("- " + item)})
			}
		default:
			para = append(para, line)
		}
	}
	flush()
	return out
}

// draftTable lays out the table of the indicators codes: a row per unit right below with
// anything to show, the unit's own line when it has one, and its total last. An indicator the figures do not hold
// has no column; with none, or no unit below, there is no table. For a final report, live
// holds the figures as of now: a cell whose value differs carries it in Live.
func draftTable(codes []string, ft, live *tuyengiao.FigureTable, p tuyengiao.Period) *tuyengiao.ReportTable {
	if ft == nil || len(ft.Units) < 2 {
		return nil
	}
	var cols []int
	t := &tuyengiao.ReportTable{Caption: "Số liệu " + phrasePeriod(p) + " của các đơn vị trực thuộc",
		Header: []string{"Đơn vị"}, Numeric: []bool{false}}
	for _, c := range codes {
		for i, ind := range ft.Indicators {
			if ind.Code == c {
				cols = append(cols, i)
				t.Header = append(t.Header, draftNamed(ind))
				t.Numeric = append(t.Numeric, true)
			}
		}
	}
	if len(cols) == 0 {
		return nil
	}
	changed := false
	row := func(u int, label string) []string {
		cells, values, now := []string{label}, []*float64{nil}, []string{""}
		for _, i := range cols {
			ind, v := ft.Indicators[i], ft.Value(u, i, 0)
			cell, cur := phraseValue(ind, v), ""
			if lv, ok := draftLiveValue(live, ft.Units[u], ind.Code); ok && phraseValue(ind, lv) != cell {
				cur, changed = phraseValue(ind, lv), true
			}
			cells, values, now = append(cells, cell), append(values, draftNumber(ind, v)), append(now, cur)
		}
		t.Values, t.Live = append(t.Values, values), append(t.Live, now)
		return cells
	}
	var own []int
	for u := 1; u < len(ft.Units); u++ {
		if draftEmptyRow(ft, u, cols) {
			continue
		}
		if ft.Units[u].Own {
			own = append(own, u)
			continue
		}
		t.Rows = append(t.Rows, row(u, ft.Units[u].Label()))
	}
	for _, u := range own {
		t.Rows = append(t.Rows, row(u, ft.Units[u].Label()))
	}
	t.Total = row(0, "Tổng cộng")
	if !changed {
		t.Live = nil
	}
	return t
}

// draftEmptyRow reports whether unit row u of ft has nothing to show in columns cols: every
// count zero and no rate with a base, as a residential group (tổ dân phố) that holds no
// member, whose row of zeros a party report does not list.
func draftEmptyRow(ft *tuyengiao.FigureTable, u int, cols []int) bool {
	for _, i := range cols {
		if v := ft.Value(u, i, 0); v.Num != 0 || v.Den != 0 {
			return false
		}
	}
	return true
}

// draftLiveValue returns the value as of now of indicator code for the unit row u of a
// report's table, found in live by the unit and whether it is its own line; false when live
// (nil for a draft) does not hold it.
func draftLiveValue(live *tuyengiao.FigureTable, u tuyengiao.FigureUnit, code string) (tuyengiao.Value, bool) {
	i := tokenIndex(live, code)
	if i < 0 {
		return tuyengiao.Value{}, false
	}
	for r, lu := range live.Units {
		if lu.ID == u.ID && lu.Own == u.Own {
			return live.Value(r, i, 0), true
		}
	}
	return tuyengiao.Value{}, false
}

// draftNamed names an indicator with its measure: "Số hội nghị (hội nghị)", and inside the
// parentheses its name ends with, "Số lượt người tham dự (điểm danh, lượt)".
func draftNamed(ind tuyengiao.Indicator) string {
	if name, ok := strings.CutSuffix(ind.Name, ")"); ok {
		return name + ", " + ind.Measure + ")"
	}
	return ind.Name + " (" + ind.Measure + ")"
}

// draftNumber is the number a cell shows, for the XLSX: a count, or a ratio as a fraction;
// nil for a rate without a base.
func draftNumber(ind tuyengiao.Indicator, v tuyengiao.Value) *float64 {
	x := float64(v.Num)
	if ind.Aggregation == tuyengiao.AggregateRatio {
		if v.Den == 0 {
			return nil
		}
		x /= float64(v.Den)
	}
	return &x
}

// draftChart lays out the bar chart of indicator code month by month ("T1".."T6", with the
// year when the period spans two: "T12/2025", "T1/2026"); nil
// without a chart or when the figures do not hold it.
func draftChart(code string, months *tuyengiao.FigureTable, p tuyengiao.Period) *tuyengiao.ReportChart {
	if code == "" || months == nil || len(months.Units) == 0 {
		return nil
	}
	for i, ind := range months.Indicators {
		if ind.Code != code {
			continue
		}
		ratio := ind.Aggregation == tuyengiao.AggregateRatio
		c := &tuyengiao.ReportChart{Caption: draftNamed(ind) + " theo tháng, " + phrasePeriod(p), Percent: ratio}
		for k, m := range months.Periods {
			v := months.Value(0, i, k)
			x := float64(v.Num)
			if ratio {
				x, _ = v.Rate()
			}
			label := fmt.Sprintf("T%d", m.From.Month())
			if p.From.Year() != p.To.Year() { // "T12", "T1" of a range across two years
				label += fmt.Sprintf("/%d", m.From.Year())
			}
			c.Labels = append(c.Labels, label)
			c.Values = append(c.Values, x)
		}
		return c
	}
	return nil
}
