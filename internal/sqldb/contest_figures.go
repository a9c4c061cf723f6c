package sqldb

import (
	"context"
	"slices"

	"tuyengiao"
)

// ContestFigures computes the indicators of contests: the contests each unit held (a round
// opening in the period), and the registrations, the people with an entry and the entries
// of the period. A contestant counts at the unit they picked, or at the organising unit
// when they gave an address: one person in two contests is two contestants, as there is no
// identity across contests.
type ContestFigures struct{ db *DB }

// ContestFigures returns the figure source of contests.
func (db *DB) ContestFigures() *ContestFigures { return &ContestFigures{db} }

// The codes of the contest indicators.
const (
	contestsHeld          = "contests.held"
	contestsRegistrations = "contests.registrations"
	contestsPeople        = "contests.people"
	contestsEntries       = "contests.entries"
	contestsSource        = "contests"
)

func contestIndicator(code, name, nameEn, measure, measureEn string) tuyengiao.Indicator {
	return tuyengiao.Indicator{Code: code, Name: name, NameEn: nameEn, Measure: measure, MeasureEn: measureEn, Group: contestsSource,
		Aggregation: tuyengiao.AggregateSum, Source: tuyengiao.SourceComputed, Records: "/contests?unit={unit}"}
}

// Indicators returns the indicators of contests.
func (s *ContestFigures) Indicators(context.Context) ([]tuyengiao.Indicator, error) {
	return []tuyengiao.Indicator{
		contestIndicator(contestsHeld, "Cuộc thi trực tuyến đã tổ chức", "Online contests held", "cuộc thi", "contests"),
		contestIndicator(contestsRegistrations, "Người đăng ký dự thi trực tuyến", "Online contest registrations", "người", "people"),
		contestIndicator(contestsPeople, "Người dự thi trực tuyến", "Online contest participants", "người", "people"),
		contestIndicator(contestsEntries, "Lượt dự thi trực tuyến (bài dự thi)", "Online contest entries", "lượt", "entries"),
	}, nil
}

// Version returns the version of the contests' data.
func (s *ContestFigures) Version(ctx context.Context) (int64, error) {
	return s.db.figureVersion(ctx, contestsSource)
}

// contestantUnit is the unit a contestant counts at.
const contestantUnit = `COALESCE(t.unit_id, c.unit_id)`

// OwnValues returns the contests' values of each unit of the subtree in p, for the codes
// asked.
func (s *ContestFigures) OwnValues(ctx context.Context, codes []string, subtree string, p tuyengiao.Period) ([]tuyengiao.UnitValue, error) {
	first, after := dayInstants(p.From, p.To)
	lo, hi := subtreeRange(subtree)
	var out []tuyengiao.UnitValue
	add := func(q string, args []any, codes ...string) error {
		rows, err := s.db.query(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var unit int64
			values := make([]int64, len(codes))
			dest := []any{&unit}
			for i := range values {
				dest = append(dest, &values[i])
			}
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			for i, code := range codes {
				out = append(out, tuyengiao.UnitValue{Code: code, UnitID: unit, Value: tuyengiao.Value{Num: values[i]}})
			}
		}
		return rows.Err()
	}
	if slices.Contains(codes, contestsHeld) {
		if err := add(`SELECT c.unit_id, COUNT(DISTINCT c.id) FROM contests c JOIN units u ON u.id = c.unit_id
			JOIN contest_rounds r ON r.contest_id = c.id WHERE u.path >= ? AND u.path < ? AND r.opens_at >= ? AND r.opens_at < ?
			GROUP BY c.unit_id`, []any{lo, hi, first, after}, contestsHeld); err != nil {
			return nil, err
		}
	}
	if slices.Contains(codes, contestsRegistrations) {
		if err := add(`SELECT `+contestantUnit+`, COUNT(*) FROM contestants t JOIN contests c ON c.id = t.contest_id
			JOIN units u ON u.id = `+contestantUnit+` WHERE u.path >= ? AND u.path < ? AND t.registered_at >= ? AND t.registered_at < ?
			GROUP BY `+contestantUnit, []any{lo, hi, first, after}, contestsRegistrations); err != nil {
			return nil, err
		}
	}
	if slices.Contains(codes, contestsPeople) || slices.Contains(codes, contestsEntries) {
		if err := add(`SELECT `+contestantUnit+`, COUNT(DISTINCT a.contestant_id), COUNT(*) FROM contest_attempts a
			JOIN contestants t ON t.id = a.contestant_id JOIN contests c ON c.id = t.contest_id
			JOIN units u ON u.id = `+contestantUnit+` WHERE u.path >= ? AND u.path < ? AND a.submitted_at >= ? AND a.submitted_at < ?
			GROUP BY `+contestantUnit, []any{lo, hi, first, after}, contestsPeople, contestsEntries); err != nil {
			return nil, err
		}
	}
	return out, nil
}
