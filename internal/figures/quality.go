package figures

import (
	"context"

	"tuyengiao"
)

// maxQualityDepth is the most levels below a unit the data-quality view lists at once.
const maxQualityDepth = 3

// QualityStore is what the quality checker keeps in the storage: the rules a system
// administrator adds and the confirmations of outliers, with their access checks.
type QualityStore interface {
	// StoredRules returns the rules a system administrator added, oldest first.
	StoredRules(ctx context.Context) ([]tuyengiao.ValidationRule, error)
	CreateValidationRule(ctx context.Context, r *tuyengiao.ValidationRule) error
	DeleteValidationRule(ctx context.Context, id int64) error
	ConfirmOutlier(ctx context.Context, c *tuyengiao.OutlierConfirmation) error
	// Confirmations returns the confirmations of the values of a period (by code) at the
	// units of the subtree at path; it checks no access.
	Confirmations(ctx context.Context, subtree, period string) ([]tuyengiao.OutlierConfirmation, error)
}

// Quality is the data-quality checker over the figure service: it implements
// tuyengiao.QualityService and tuyengiao.RuleService. It reads every value from Figures,
// so that a violation or an outlier is about the very number every page shows.
type Quality struct {
	Figures *Service
	Store   QualityStore
}

// ValidationRules implements tuyengiao.RuleService: DefaultRules, then the stored ones.
func (q *Quality) ValidationRules(ctx context.Context) ([]tuyengiao.ValidationRule, error) {
	stored, err := q.Store.StoredRules(ctx)
	if err != nil {
		return nil, err
	}
	return append(DefaultRules(), stored...), nil
}

// CreateValidationRule implements tuyengiao.RuleService.
func (q *Quality) CreateValidationRule(ctx context.Context, r *tuyengiao.ValidationRule) error {
	return q.Store.CreateValidationRule(ctx, r)
}

// DeleteValidationRule implements tuyengiao.RuleService.
func (q *Quality) DeleteValidationRule(ctx context.Context, id int64) error {
	return q.Store.DeleteValidationRule(ctx, id)
}

// ConfirmOutlier implements tuyengiao.QualityService, for an indicator of the catalogue.
func (q *Quality) ConfirmOutlier(ctx context.Context, c *tuyengiao.OutlierConfirmation) error {
	if _, _, err := q.Figures.Subtree(ctx, tuyengiao.ActionFigureEdit, c.UnitID); err != nil {
		return err // refused (audited) before the indicator is looked at
	}
	if _, err := q.Figures.pick(ctx, []string{c.Code}); err != nil {
		return err
	}
	return q.Store.ConfirmOutlier(ctx, c)
}

// rules returns the rules whose indicators are all in the catalogue, and names the others.
func (q *Quality) rules(ctx context.Context) ([]rule, []string, error) {
	all, err := q.ValidationRules(ctx)
	if err != nil {
		return nil, nil, err
	}
	_, at, err := q.Figures.catalogue(ctx)
	if err != nil {
		return nil, nil, err
	}
	usable, skipped := usableRules(all, func(code string) bool { _, ok := at[code]; return ok })
	return usable, skipped, nil
}

// CheckUnit implements tuyengiao.QualityService: the rules broken by the values of the unit
// (its own plus its subtree's) for period p. A form of reported values calls it after a
// value of the unit is entered or imported, and shows what it returns beside the form; it
// refuses nothing. It needs ActionUnitView at the unit.
func (q *Quality) CheckUnit(ctx context.Context, unitID int64, p tuyengiao.Period) ([]tuyengiao.Violation, error) {
	rules, _, err := q.rules(ctx)
	if err != nil {
		return nil, err
	}
	if len(rules) == 0 {
		_, _, err := q.Figures.Subtree(ctx, tuyengiao.ActionUnitView, unitID)
		return nil, err
	}
	tb, err := q.Figures.Figures(ctx, tuyengiao.FigureQuery{Codes: ruleCodes(rules), UnitID: unitID, Periods: []tuyengiao.Period{p}})
	if err != nil {
		return nil, err
	}
	return violations(tb, rules, 0), nil
}

// Quality implements tuyengiao.QualityService. The history of a value is the same unit's
// historyPeriods periods of the same kind before p (Period.Previous); its siblings are the
// units of the same kind under the same parent, among the rows listed (the unit asked has
// none). An outlier whose value a person has confirmed is listed apart, in Confirmed.
func (q *Quality) Quality(ctx context.Context, unitID int64, p tuyengiao.Period, depth int) (*tuyengiao.QualityReport, error) {
	if depth > maxQualityDepth {
		return nil, tuyengiao.FieldError("depth", "Chỉ xem được nhiều nhất %d cấp đơn vị bên dưới một lần.", maxQualityDepth)
	}
	rules, skipped, err := q.rules(ctx)
	if err != nil {
		return nil, err
	}
	periods := []tuyengiao.Period{p}
	for len(periods) <= historyPeriods {
		periods = append(periods, periods[len(periods)-1].Previous())
	}
	tb, err := q.Figures.Figures(ctx, tuyengiao.FigureQuery{UnitID: unitID, Depth: depth, Periods: periods})
	if err != nil {
		return nil, err
	}
	rep := &tuyengiao.QualityReport{Unit: tb.Units[0], Period: p, Violations: violations(tb, rules, 0), Skipped: skipped, AsOf: tb.AsOf,
		Outliers: []tuyengiao.Outlier{}, Confirmed: []tuyengiao.Outlier{}}
	if rep.Violations == nil {
		rep.Violations = []tuyengiao.Violation{}
	}
	confirmed, err := q.confirmations(ctx, unitID, p)
	if err != nil {
		return nil, err
	}
	for _, o := range outliers(tb) {
		c, ok := confirmed[confirmKey{o.Unit.ID, o.Indicator.Code}]
		if ok && c.Value == o.Value {
			o.Confirmation = &c
			rep.Confirmed = append(rep.Confirmed, o)
		} else {
			rep.Outliers = append(rep.Outliers, o)
		}
	}
	return rep, nil
}

// confirmKey names a value of a period: its unit and indicator.
type confirmKey struct {
	unitID int64
	code   string
}

// confirmations returns the confirmations of the values of period p in the subtree of the
// unit, whose access the caller has been checked for.
func (q *Quality) confirmations(ctx context.Context, unitID int64, p tuyengiao.Period) (map[confirmKey]tuyengiao.OutlierConfirmation, error) {
	t, err := q.Figures.Tree(ctx)
	if err != nil {
		return nil, err
	}
	i, ok := t.Index(unitID)
	if !ok {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy đơn vị.")
	}
	list, err := q.Store.Confirmations(ctx, t.Unit(i).Path, p.String())
	if err != nil {
		return nil, err
	}
	out := make(map[confirmKey]tuyengiao.OutlierConfirmation, len(list))
	for _, c := range list {
		out[confirmKey{c.UnitID, c.Code}] = c
	}
	return out, nil
}
