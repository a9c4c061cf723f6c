package figures

import (
	"context"
	"strconv"

	"tuyengiao"
)

// TargetReader reads the targets (chỉ tiêu kế hoạch) the units have set.
type TargetReader interface {
	// TargetValues returns the targets of the indicators codes for the periods (by code,
	// Period.String) at the units of the subtree at path. It checks no access.
	TargetValues(ctx context.Context, codes []string, subtree string, periods []string) ([]tuyengiao.Target, error)
}

// fillTargets sets out.Targets, indexed as out.Values, from the targets set at the units of
// the rows for exactly the periods of the table: a target of the year is not one of its
// quarters, nor are the quarters' added up into the year's. A unit's own line has no target:
// a target is set for the unit as a whole.
func (s *Service) fillTargets(ctx context.Context, subtree string, out *tuyengiao.FigureTable) error {
	out.Targets = make([]tuyengiao.Value, len(out.Values))
	if s.Targets == nil {
		return nil
	}
	codes := make([]string, len(out.Indicators))
	col := make(map[string]int, len(codes))
	for i, ind := range out.Indicators {
		codes[i], col[ind.Code] = ind.Code, i
	}
	periods := make([]string, len(out.Periods))
	at := make(map[string]int, len(periods))
	for p, period := range out.Periods {
		periods[p], at[period.String()] = period.String(), p
	}
	row := make(map[int64]int, len(out.Units))
	for r, u := range out.Units {
		if !u.Own {
			row[u.ID] = r
		}
	}
	targets, err := s.Targets.TargetValues(ctx, codes, subtree, periods)
	if err != nil {
		return err
	}
	for _, t := range targets {
		r, listed := row[t.UnitID]
		i, known := col[t.Code]
		p, asked := at[t.Period]
		if listed && known && asked {
			out.Targets[(r*len(out.Indicators)+i)*len(out.Periods)+p] = t.Value
		}
	}
	return nil
}

// TargetStore keeps the targets, with their access checks and audit.
type TargetStore interface {
	SetTargets(ctx context.Context, targets []tuyengiao.Target) error
}

// maxTargets bounds the targets set at once: the units below one unit, of one indicator.
const maxTargets = 5000

// Targets implements tuyengiao.TargetService over a TargetStore: it checks every target
// against the catalogue first, so that a target names an indicator that exists and is a
// count for a sum, Num/Den for a ratio.
type Targets struct {
	Figures *Service
	Store   TargetStore
}

// SetTargets implements tuyengiao.TargetService. An error names the field
// target_<unit id> of the target it is about, as the store's do.
func (t *Targets) SetTargets(ctx context.Context, targets []tuyengiao.Target) error {
	all, at, err := t.Figures.catalogue(ctx)
	if err != nil {
		return err
	}
	if len(targets) > maxTargets {
		return tuyengiao.FieldError("targets", "Mỗi lần đặt nhiều nhất %d chỉ tiêu kế hoạch.", maxTargets)
	}
	seen := make(map[tuyengiao.Target]bool, len(targets))
	for _, tg := range targets {
		key := tuyengiao.Target{Code: tg.Code, UnitID: tg.UnitID, Period: tg.Period}
		if seen[key] {
			return tuyengiao.FieldError("target_"+strconv.FormatInt(tg.UnitID, 10), "Chỉ tiêu kế hoạch %q của một đơn vị được ghi hai lần.", tg.Code)
		}
		seen[key] = true
		// The caller's right comes first, so that a refusal is a refusal (audited) whatever
		// else is wrong with the target.
		if _, _, err := t.Figures.Subtree(ctx, tuyengiao.ActionFigureEdit, tg.UnitID); err != nil {
			return err
		}
		field := "target_" + strconv.FormatInt(tg.UnitID, 10)
		j, ok := at[tg.Code]
		if !ok {
			return tuyengiao.FieldError(field, "Không có chỉ tiêu mã %q.", tg.Code)
		}
		ratio := all[j].ind.Aggregation == tuyengiao.AggregateRatio
		switch {
		case ratio && tg.Num != 0 && tg.Den == 0:
			return tuyengiao.FieldError(field, "Chỉ tiêu %q là một tỉ lệ: ghi cả tử số và mẫu số (974/1000 cho 97,4%%).", all[j].ind.Name)
		case !ratio && tg.Den != 0:
			return tuyengiao.FieldError(field, "Chỉ tiêu %q là một số đếm: không có mẫu số.", all[j].ind.Name)
		}
	}
	return t.Store.SetTargets(ctx, targets)
}
