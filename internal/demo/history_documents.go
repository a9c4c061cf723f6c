package demo

import (
	"context"
	"fmt"
	"time"

	"tuyengiao"
)

// cityTerm is the term (khóa) of the city committee, the series its documents are numbered in.
const cityTerm = "XVI"

// wardPlans is how many wards in ten issue their own plan for a plan of the city.
const wardPlans = 8

// documents registers the documents the city issues every month and every half-year of the
// history: the commission's notice of the month's themes (Thông báo định hướng tuyên truyền),
// and the city's and every ward's report on the half-year's work.
func (h *historian) documents(ctx context.Context) error {
	for m := 0; ; m++ {
		on := h.first.AddDate(0, m, 4)
		if !on.Before(h.end) {
			break
		}
		if _, err := h.register(ctx, on, 0, fmt.Sprintf("%d-TB/BTGTU", 100+m), cityTerm,
			fmt.Sprintf("Thông báo định hướng công tác tuyên truyền tháng %d/%d", on.Month(), on.Year()),
			[]string{"tuyen_truyen", "du_luan_xa_hoi"}, "", 0); err != nil {
			return err
		}
	}
	for half := 0; ; half++ {
		on := h.first.AddDate(0, 6*half+5, 19) // 20 June, 20 December
		if !on.Before(h.end) {
			return nil
		}
		label := tuyengiao.HalfPeriod(on.Year(), 1+half%2).Label()
		if _, err := h.register(ctx, on, 0, fmt.Sprintf("%d-BC/TU", 400+half), cityTerm,
			"Báo cáo kết quả công tác tuyên giáo "+label, []string{"tuyen_truyen", "xay_dung_dang"}, "", 0); err != nil {
			return err
		}
		for j, w := range h.p.wards() {
			if _, err := h.register(ctx, on.AddDate(0, 0, -3-j%4), w, fmt.Sprintf("%d-BC/ĐU", 60+half), "",
				"Báo cáo kết quả công tác tuyên giáo "+label, []string{"tuyen_truyen"}, "", 0); err != nil {
				return err
			}
		}
	}
}

// cityPlan registers, before a campaign of topic t starting on start, the central document
// (once per symbol) and the city's plan that implements it; for a full campaign, the
// commission's guidance on it and the plans that most wards issue in the weeks after. It
// returns the ID of the central document, which the campaign studies.
func (h *historian) cityPlan(ctx context.Context, k int, t topic, start time.Time) (int64, error) {
	docID, ok := h.central[t.symbol]
	if !ok {
		issued, err := time.Parse(time.DateOnly, t.issued)
		if err != nil {
			return 0, err
		}
		doc := &tuyengiao.Document{Symbol: t.symbol, IssuedOn: tuyengiao.Date{Time: issued}, Term: t.term, Title: t.title,
			Fields: t.fields, UnitID: h.ids[0]}
		h.clk.at(start.AddDate(0, 0, -12))
		if err := createDocument(ctx, h.s.Documents, doc); err != nil {
			return 0, fmt.Errorf("demo: document %s: %w", t.symbol, err)
		}
		docID, h.central[t.symbol] = doc.ID, doc.ID
	}
	planID, err := h.register(ctx, start.AddDate(0, 0, -7), 0, fmt.Sprintf("%d-KH/TU", 200+k), cityTerm,
		"Kế hoạch "+lowerFirst(t.campaign), t.fields, tuyengiao.RelImplements, docID)
	if err != nil || !t.full {
		return docID, err
	}
	if _, err := h.register(ctx, start.AddDate(0, 0, -4), 0, fmt.Sprintf("%d-HD/BTGTU", 30+k), cityTerm,
		"Hướng dẫn tổ chức "+lowerFirst(t.campaign), t.fields, tuyengiao.RelGuides, planID); err != nil {
		return 0, err
	}
	for j, w := range h.p.wards() {
		on := start.AddDate(0, 0, 3+h.r.IntN(18))
		if h.r.IntN(10) >= wardPlans || !on.Before(h.end) {
			continue
		}
		if _, err := h.register(ctx, on, w, fmt.Sprintf("%d-KH/ĐU", 150+k), "",
			"Kế hoạch thực hiện Kế hoạch số "+fmt.Sprint(200+k)+"-KH/TU của Ban Thường vụ Thành ủy", t.fields, tuyengiao.RelImplements, planID); err != nil {
			return 0, fmt.Errorf("demo: plan of ward %d: %w", j+1, err)
		}
	}
	return docID, nil
}

// register registers a document issued on the day by the unit with plan index unit, which
// registers it too, and relates it to the document to when rel is set.
func (h *historian) register(ctx context.Context, on time.Time, unit int, symbol, term, title string, fields []string,
	rel tuyengiao.RelationKind, to int64) (int64, error) {
	doc := &tuyengiao.Document{Symbol: symbol, IssuedOn: tuyengiao.Date{Time: on}, Term: term, Title: title, Fields: fields,
		UnitID: h.ids[unit], IssuingUnitID: h.ids[unit]}
	h.clk.at(on.Add(9 * time.Hour))
	if err := createDocument(ctx, h.s.Documents, doc); err != nil {
		return 0, fmt.Errorf("demo: document %s of %s: %w", symbol, h.p.units[unit].code, err)
	}
	if rel != "" {
		if err := h.s.Documents.RelateDocuments(ctx, doc.ID, to, rel); err != nil {
			return 0, fmt.Errorf("demo: relate %s: %w", symbol, err)
		}
	}
	return doc.ID, nil
}
