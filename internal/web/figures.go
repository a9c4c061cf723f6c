package web

import (
	"cmp"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// keyFigures are the indicators a dashboard shows first and the table offers by default, in
// this order: the participation rates of the audiences counted person by person (those
// counted by headcount at bridge points have theirs in study.headcount); a code the catalogue
// lacks is left out, so that the list names the figures of capabilities still to come.
var keyFigures = []string{
	"study.conferences", "study.attendances", "study.headcount", "study.participants",
	"study.participation.key_cadre", "study.participation.member", "study.participation.probation",
	"essays.submitted", "documents.issued", "people.member", "people.key_cadre",
}

// monthlyFigure is the indicator the dashboard charts over the months of the year, when the
// catalogue has it; the first key figure that is a flow otherwise (monthly).
const monthlyFigure = "study.attendances"

// pickKeyFigures returns the codes of keyFigures that the catalogue has, in keyFigures order.
func pickKeyFigures(catalogue []tuyengiao.Indicator) []string {
	var out []string
	for _, k := range keyFigures {
		for _, ind := range catalogue {
			if ind.Code == k {
				out = append(out, ind.Code)
			}
		}
	}
	return out
}

// periodPick is the state of the period picker of a page: a kind, a year and the number of
// the month, quarter or half, or a range of days; and whether the period before and the same
// period of the year before are shown beside it.
type periodPick struct {
	Kind          tuyengiao.PeriodKind
	Year, N       int
	From, To      string // a range's days, 31/01/2026
	Prev, YearAgo bool
	Kinds         []tuyengiao.PeriodKind
	Compare       bool // the picker offers the comparisons (the table, not the dashboard)
}

// readPeriods returns the periods a query asks for: those the picker's fields (kind, year,
// n, from, to, prev, yoy) build when kind is given, else the codes of period (repeated,
// tuyengiao.ParsePeriod), else the six months of today and the same six months of the year
// before. A bad field is an EINVALID naming it.
func (s *Server) readPeriods(q url.Values) ([]tuyengiao.Period, error) {
	if q.Get("kind") != "" {
		p, err := pickedPeriod(q)
		if err != nil {
			return nil, err
		}
		out := []tuyengiao.Period{p}
		if q.Get("prev") == "1" {
			out = append(out, p.Previous())
		}
		if q.Get("yoy") == "1" {
			out = append(out, p.YearBefore())
		}
		return out, nil
	}
	var out []tuyengiao.Period
	for _, code := range q["period"] {
		for _, c := range strings.Split(code, ",") {
			if strings.TrimSpace(c) == "" {
				continue
			}
			p, err := tuyengiao.ParsePeriod("period", c)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		p := tuyengiao.PeriodContaining(tuyengiao.PeriodHalf, tuyengiao.Date{Time: s.today()})
		out = []tuyengiao.Period{p, p.YearBefore()}
	}
	return out, nil
}

// pickedPeriod returns the period of the picker's fields kind, year, n (month, quarter or
// half) or from and to (a range).
func pickedPeriod(q url.Values) (tuyengiao.Period, error) {
	kind := tuyengiao.PeriodKind(q.Get("kind"))
	if !kind.Valid() {
		return tuyengiao.Period{}, tuyengiao.FieldError("kind", "Loại kỳ báo cáo %q không hợp lệ.", q.Get("kind"))
	}
	if kind == tuyengiao.PeriodRange {
		from, err := queryDate(q, "from")
		if err != nil {
			return tuyengiao.Period{}, err
		}
		to, err := queryDate(q, "to")
		if err != nil {
			return tuyengiao.Period{}, err
		}
		if from.IsZero() || to.IsZero() {
			return tuyengiao.Period{}, tuyengiao.FieldError("from", "Chưa nhập đủ ngày bắt đầu và ngày kết thúc của khoảng thời gian.")
		}
		return tuyengiao.ParsePeriod("from", from.Format("2006-01-02")+".."+to.Format("2006-01-02"))
	}
	year, err := strconv.Atoi(strings.TrimSpace(q.Get("year")))
	if err != nil {
		return tuyengiao.Period{}, tuyengiao.FieldError("year", "Năm %q không hợp lệ.", q.Get("year"))
	}
	code := strconv.Itoa(year)
	n, _ := strconv.Atoi(q.Get("n"))
	if most := pickMost[kind]; most > 0 && (n < 1 || n > most) {
		return tuyengiao.Period{}, tuyengiao.FieldError("n", "%s phải có số thứ tự từ 1 đến %d.", kind.Name(), most)
	}
	switch kind {
	case tuyengiao.PeriodMonth:
		code += "-" + pad2(n)
	case tuyengiao.PeriodQuarter:
		code += "-Q" + strconv.Itoa(n)
	case tuyengiao.PeriodHalf:
		code += "-H" + strconv.Itoa(n)
	case tuyengiao.PeriodNine:
		code += "-9M"
	}
	field := "n"
	if kind == tuyengiao.PeriodYear || kind == tuyengiao.PeriodNine {
		field = "year"
	}
	return tuyengiao.ParsePeriod(field, code)
}

// pickMost is the highest number of a period of a kind in a year.
var pickMost = map[tuyengiao.PeriodKind]int{tuyengiao.PeriodMonth: 12, tuyengiao.PeriodQuarter: 4, tuyengiao.PeriodHalf: 2}

func pad2(n int) string {
	if n >= 0 && n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// newPeriodPick returns the picker showing periods: the first, and whether the others are
// the one before it and the one of the year before.
func newPeriodPick(periods []tuyengiao.Period, compare bool) periodPick {
	p := periods[0]
	pk := periodPick{Kind: p.Kind, Year: p.From.Year(), Kinds: append(tuyengiao.PeriodKinds[:len(tuyengiao.PeriodKinds):len(tuyengiao.PeriodKinds)], tuyengiao.PeriodRange),
		From: vn.Date(p.From.Time), To: vn.Date(p.To.Time), Compare: compare}
	switch m := int(p.From.Month()); p.Kind {
	case tuyengiao.PeriodMonth:
		pk.N = m
	case tuyengiao.PeriodQuarter:
		pk.N = (m + 2) / 3
	case tuyengiao.PeriodHalf:
		pk.N = (m + 5) / 6
	}
	for _, q := range periods {
		pk.Prev = pk.Prev || q == p.Previous()
		pk.YearAgo = pk.YearAgo || q == p.YearBefore()
	}
	return pk
}

// KindName names a kind of period in the page's language.
func (p *page) KindName(k tuyengiao.PeriodKind) string { return p.T(k.Name()) }

// Numbers lists 1 to 12, the picker's choices of the number of a month, quarter or half.
func (pk periodPick) Numbers() []int {
	out := make([]int, 12)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// figureQuery reads the question of a figure page or call: unit, or unit_code (the picker of
// the pages; by default the top of the caller's view), depth (1 unless given, at most 3),
// indicator (repeated; by default def of the catalogue), the periods (readPeriods) and
// targets=1 for the targets beside the values.
func (s *Server) figureQuery(r *http.Request, def func([]tuyengiao.Indicator) []string) (tuyengiao.FigureQuery, []tuyengiao.Indicator, error) {
	q := r.URL.Query()
	var fq tuyengiao.FigureQuery
	catalogue, err := s.Figures.Indicators(r.Context())
	if err != nil {
		return fq, nil, err
	}
	if fq.UnitID, err = s.queryUnit(r, q); err != nil {
		return fq, nil, err
	}
	depth, err := queryInt(q, "depth")
	if err != nil {
		return fq, nil, err
	}
	if _, given := q["depth"]; !given || q.Get("depth") == "" {
		depth = 1
	}
	fq.Depth = int(min(depth, 3))
	for _, c := range q["indicator"] {
		for _, code := range strings.Split(c, ",") {
			if code = strings.TrimSpace(code); code != "" {
				fq.Codes = append(fq.Codes, code)
			}
		}
	}
	if len(fq.Codes) == 0 {
		fq.Codes = def(catalogue)
	}
	fq.Targets = q.Get("targets") == "1"
	fq.Periods, err = s.readPeriods(q)
	return fq, catalogue, err
}

// queryUnit reads the unit a page or call asks for: unit, or unit_code (the picker of the
// pages), by default the top of the caller's view.
func (s *Server) queryUnit(r *http.Request, q url.Values) (int64, error) {
	id, err := queryInt(q, "unit")
	if err != nil {
		return 0, err
	}
	if code := strings.TrimSpace(q.Get("unit_code")); code != "" {
		u, err := s.Units.FindUnitByCode(r.Context(), vn.NFC(code))
		if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
			return 0, tuyengiao.FieldError("unit_code", "Không có đơn vị mã %q.", code)
		} else if err != nil {
			return 0, err
		}
		id = u.ID
	}
	if id == 0 {
		return s.firstViewRoot(r)
	}
	return id, nil
}

// defaultTable returns the indicators the table shows when none is asked: the key figures,
// or the first indicators of the catalogue when it has none of them.
func defaultTable(catalogue []tuyengiao.Indicator) []string {
	if codes := pickKeyFigures(catalogue); len(codes) > 0 {
		return codes
	}
	var out []string
	for _, ind := range catalogue[:min(len(catalogue), 6)] {
		out = append(out, ind.Code)
	}
	return out
}

// figureLink returns the address of the figure page at path for the query fq, with the unit
// of the table replaced by unitID: the drill-down and the export keep what was asked.
func figureLink(path string, fq tuyengiao.FigureQuery, unitID int64) string {
	v := url.Values{"unit": {strconv.FormatInt(unitID, 10)}, "depth": {strconv.Itoa(fq.Depth)}}
	v["indicator"] = fq.Codes
	for _, p := range fq.Periods {
		v.Add("period", p.String())
	}
	return path + "?" + v.Encode()
}

// recordsLink fills an indicator's Records address for a unit and period; "" when the
// indicator has none.
func recordsLink(ind tuyengiao.Indicator, unitID int64, p tuyengiao.Period) string {
	if ind.Records == "" {
		return ""
	}
	return strings.NewReplacer("{unit}", strconv.FormatInt(unitID, 10),
		"{from}", p.From.Format("2006-01-02"), "{to}", p.To.Format("2006-01-02")).Replace(ind.Records)
}

// figureText writes a value as its indicator shows it: a count as 20.012, a ratio as
// 97,4%.
func figureText(ind tuyengiao.Indicator, v tuyengiao.Value) string {
	if ind.Aggregation == tuyengiao.AggregateRatio {
		return vn.Percent(v.Num, v.Den)
	}
	return vn.Int(v.Num)
}

// IndName and IndMeasure name an indicator and what it counts in the page's language.
func (p *page) IndName(ind tuyengiao.Indicator) string {
	if p.Lang == "en" && ind.NameEn != "" {
		return ind.NameEn
	}
	return ind.Name
}

// IndMeasure names what an indicator counts, with the base of a ratio.
func (p *page) IndMeasure(ind tuyengiao.Indicator) string {
	m, base := ind.Measure, ind.Base
	if p.Lang == "en" {
		m, base = cmp.Or(ind.MeasureEn, m), cmp.Or(ind.BaseEn, base)
	}
	if base != "" {
		return m + " / " + base
	}
	return m
}

// firstViewRoot returns the first unit the caller may view, the unit of a page of figures
// given none; EFORBIDDEN when there is none.
func (s *Server) firstViewRoot(r *http.Request) (int64, error) {
	roots, err := s.actionRoots(r, tuyengiao.ActionUnitView)
	if err != nil {
		return 0, err
	}
	if len(roots) == 0 {
		return 0, tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), tuyengiao.ActionUnitView, "")
	}
	return roots[0].ID, nil
}
