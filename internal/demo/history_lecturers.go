package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"tuyengiao"
)

// rosterEntry is a lecturer or propagandist of the demo's roster.
type rosterEntry struct {
	id         int64
	name, role string
	from, left time.Time // left zero while on the roster
}

// lecturerPositions are the positions of the city's lecturers.
var lecturerPositions = []string{
	"Phó Trưởng Ban Tuyên giáo Thành ủy", "Trưởng phòng Tuyên truyền, Ban Tuyên giáo Thành ủy",
	"Giảng viên Trung tâm Chính trị thành phố", "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc thành phố",
	"Trưởng phòng Văn hóa và Thông tin thành phố", "Chánh Văn phòng Thành ủy",
}

// lecturers writes the roster before the history: the city's dozen lecturers, and at each
// ward one or two grassroots lecturers and four to eight propagandists, recognised in the
// two years before it; one propagandist in six leaves during the history, replaced the same
// day. The outreach sessions name their speakers from it (speaker).
func (h *historian) lecturers(ctx context.Context) error {
	r := rand.New(rand.NewPCG(seed1, seed2+13))
	h.roster = map[int][]*rosterEntry{}
	add := func(i int, role, position string, from time.Time, trained bool) (*rosterEntry, error) {
		e := &rosterEntry{name: someone(r), role: role, from: from}
		theory := []string{"intermediate", "advanced", "bachelor"}[r.IntN(3)]
		rec := &tuyengiao.Record{Kind: tuyengiao.Lecturers.Code, UnitID: h.ids[i], Values: tuyengiao.RecordValues{
			"full_name": e.name, "role": role, "position": position, "theory": theory, "trained": trained,
			"decision": fmt.Sprintf("%d-QĐ/BTGTU", 100+r.IntN(300)), "from_day": tuyengiao.Date{Time: from}}}
		if err := h.s.Records.CreateRecord(ctx, tuyengiao.Lecturers, rec); err != nil {
			return nil, fmt.Errorf("demo: roster: %w", err)
		}
		e.id = rec.ID
		h.roster[i] = append(h.roster[i], e)
		return e, nil
	}
	before := func() time.Time { return h.first.AddDate(-2, 0, r.IntN(700)) }
	h.clk.at(h.first.AddDate(0, 0, -1))
	for _, position := range lecturerPositions {
		for range 2 {
			if _, err := add(0, "lecturer_district", position, before(), true); err != nil {
				return err
			}
		}
	}
	for _, w := range h.p.wards() {
		place := h.placeOf(w)
		for range between(r, 1, 2) {
			if _, err := add(w, "lecturer_grassroots", "Phó Bí thư Đảng ủy "+place, before(), true); err != nil {
				return err
			}
		}
		for range between(r, 4, 8) {
			e, err := add(w, "propagandist", "Tổ trưởng tổ dân phố, "+place, before(), r.IntN(3) > 0)
			if err != nil {
				return err
			}
			if r.IntN(6) == 0 {
				if err := h.leave(ctx, r, w, e); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// leave records that e, a propagandist of the ward w, leaves on a day of the history, and
// adds another in their place from that day.
func (h *historian) leave(ctx context.Context, r *rand.Rand, w int, e *rosterEntry) error {
	e.left = h.first.AddDate(0, 0, r.IntN(int(h.end.Sub(h.first).Hours()/24)))
	rec, err := h.s.Records.FindRecord(ctx, tuyengiao.Lecturers, e.id)
	if err != nil {
		return err
	}
	rec.Values["until_day"] = tuyengiao.Date{Time: e.left}
	if err := h.s.Records.UpdateRecord(ctx, tuyengiao.Lecturers, rec); err != nil {
		return fmt.Errorf("demo: roster: %w", err)
	}
	next := &tuyengiao.Record{Kind: tuyengiao.Lecturers.Code, UnitID: h.ids[w], Values: tuyengiao.RecordValues{
		"full_name": someone(r), "role": "propagandist", "position": "Tổ trưởng tổ dân phố, " + h.placeOf(w),
		"from_day": tuyengiao.Date{Time: e.left}}}
	if err := h.s.Records.CreateRecord(ctx, tuyengiao.Lecturers, next); err != nil {
		return fmt.Errorf("demo: roster: %w", err)
	}
	h.roster[w] = append(h.roster[w], &rosterEntry{id: next.ID, name: next.Values.Text("full_name"), role: "propagandist", from: e.left})
	return nil
}

// speaker returns a speaker of the role from the roster of the unit with plan index i, on
// the roster on day, with the values that name them in an outreach session; someone off
// the roster when there is none.
func (h *historian) speaker(r *rand.Rand, i int, role string, day tuyengiao.Date) tuyengiao.RecordValues {
	var on []*rosterEntry
	for _, e := range h.roster[i] {
		if e.role == role && !e.from.After(day.Time) && (e.left.IsZero() || e.left.After(day.Time)) {
			on = append(on, e)
		}
	}
	if len(on) == 0 {
		return tuyengiao.RecordValues{"speaker": someone(r), "speaker_role": role}
	}
	e := on[r.IntN(len(on))]
	return tuyengiao.RecordValues{"speaker": e.name, "speaker_role": role, "speaker_id": e.id}
}
