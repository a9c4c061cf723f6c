package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"tuyengiao"
)

// reportedIndicators are what the city asks its wards and communes every six months of the
// work nobody records one by one.
var reportedIndicators = []tuyengiao.Indicator{
	{Code: "reported.thematic_meetings", Name: "Buổi sinh hoạt chuyên đề của các chi bộ", NameEn: "Thematic meetings of the cells",
		Measure: "buổi", MeasureEn: "meetings", Group: "reported", Aggregation: tuyengiao.AggregateSum},
	{Code: "reported.briefings", Name: "Cuộc giao ban công tác tuyên giáo, dư luận xã hội", NameEn: "Briefings on propaganda work and public opinion",
		Measure: "cuộc", MeasureEn: "briefings", Group: "reported", Aggregation: tuyengiao.AggregateSum},
	{Code: "reported.bulletins", Name: "Bản tin, tài liệu sinh hoạt chi bộ phát hành", NameEn: "Bulletins and materials for the cells issued",
		Measure: "bản", MeasureEn: "copies", Group: "reported", Aggregation: tuyengiao.AggregateSum},
	{Code: "reported.reading_corners", Name: "Tủ sách, góc đọc sách pháp luật ở khu dân cư", NameEn: "Law bookshelves and reading corners in residential areas",
		Measure: "điểm", MeasureEn: "places", Group: "reported", Aggregation: tuyengiao.AggregateSum, Stock: true},
}

// reportDeadline is the days after the end of a half-year the wards have to report it.
const reportDeadline = 10

// reported defines the city's six-month data set and enters the wards' forms of every
// half-year the history has ended, each at its day: most before the deadline, one ward in
// eight late once the city reopened its form, one ward entered by the city on its behalf,
// and, of the latest half-year, one ward in ten not reported yet.
func (h *historian) reported(ctx context.Context) error {
	rs := h.s.Reporting
	codes := make([]string, len(reportedIndicators))
	for i := range reportedIndicators {
		ind := reportedIndicators[i]
		if err := rs.SaveReportedIndicator(ctx, &ind, false); err != nil {
			return fmt.Errorf("demo: reported indicator %s: %w", ind.Code, err)
		}
		codes[i] = ind.Code
	}
	ds := &tuyengiao.DataSet{Name: "Báo cáo công tác tuyên giáo 6 tháng", Indicators: codes,
		Computed: []string{"study.conferences", "study.attendances", "study.participants"}, UnitKinds: []string{"dang_uy_phuong", "dang_uy_xa"},
		PeriodKind: tuyengiao.PeriodHalf, DeadlineDays: reportDeadline}
	if err := rs.SaveDataSet(ctx, ds); err != nil {
		return fmt.Errorf("demo: data set: %w", err)
	}
	r := rand.New(rand.NewPCG(seed1, seed2+8))
	next := func(p tuyengiao.Period) tuyengiao.Period {
		return tuyengiao.PeriodContaining(tuyengiao.PeriodHalf, tuyengiao.Date{Time: p.To.AddDate(0, 0, 1)})
	}
	due := func(p tuyengiao.Period) bool { return !p.To.AddDate(0, 0, reportDeadline).After(h.end) }
	for p := tuyengiao.HalfPeriod(h.first.Year(), 1); due(p); p = next(p) {
		latest := !due(next(p))
		for j, w := range h.p.wards() {
			if latest && j%10 == 3 {
				continue
			}
			if err := h.report(ctx, ds, w, p, r, j); err != nil {
				return err
			}
		}
	}
	return nil
}

// report enters the form of ward w for period p: its own editor's entry before the deadline
// or, for one ward in eight, after the city reopened it; the first ward's by the city.
func (h *historian) report(ctx context.Context, ds *tuyengiao.DataSet, w int, p tuyengiao.Period, r *rand.Rand, j int) error {
	ward, err := h.s.Units.FindUnitByID(ctx, h.ids[w])
	if err != nil {
		return err
	}
	size := max(1, h.p.units[w].members/40)
	e := tuyengiao.Entry{DataSetID: ds.ID, UnitID: ward.ID, Period: p, Values: []tuyengiao.UnitValue{
		{Code: ds.Indicators[0], Value: tuyengiao.Value{Num: int64(6*size + r.IntN(4*size+1))}},
		{Code: ds.Indicators[1], Value: tuyengiao.Value{Num: int64(5 + r.IntN(8))}},
		{Code: ds.Indicators[2], Value: tuyengiao.Value{Num: int64(100*size + r.IntN(60*size+1))}},
		{Code: ds.Indicators[3], Value: tuyengiao.Value{Num: int64(2 + size/2)}},
	}}
	by := tuyengiao.NewContext(ctx, &tuyengiao.Principal{Login: "demo",
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleEditor, UnitID: ward.ID, UnitPath: ward.Path}}})
	day := p.To.AddDate(0, 0, 1+r.IntN(reportDeadline-1))
	switch {
	case j == 0:
		by = ctx // the city, on the ward's behalf
	case j%8 == 5:
		day = p.To.AddDate(0, 0, reportDeadline+5)
		h.clk.at(day)
		if _, err := h.s.Reporting.ReopenForm(ctx, ds.ID, ward.ID, p, tuyengiao.Date{}); err != nil {
			return fmt.Errorf("demo: reopen the form of %s: %w", ward.Code, err)
		}
		day = day.AddDate(0, 0, 1)
	}
	h.clk.at(day.Add(9 * time.Hour))
	if _, err := h.s.Reporting.EnterValues(by, e); err != nil {
		return fmt.Errorf("demo: the form of %s for %s: %w", ward.Code, p.Label(), err)
	}
	return nil
}
