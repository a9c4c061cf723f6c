package tuyengiao

// OwnLineLabel names the own line of a FigureTable (FigureUnit.Own): what the records of the
// asked unit itself add to the sum of its children, in the words every page and export uses.
const OwnLineLabel = "Trực tiếp tại đơn vị (không kể đơn vị trực thuộc)"

// Label returns what a row of a FigureTable is called: the unit's name, or for the unit's
// own line its name followed by OwnLineLabel.
func (u FigureUnit) Label() string {
	if u.Own {
		return u.Name + ": " + OwnLineLabel
	}
	return u.Name
}

// Target returns the target of unit row u, indicator i and period p, and false when the
// table holds no targets or none is set there.
func (t *FigureTable) Target(u, i, p int) (Value, bool) {
	if t.Targets == nil {
		return Value{}, false
	}
	v := t.Targets[(u*len(t.Indicators)+i)*len(t.Periods)+p]
	return v, v != Value{}
}

// Achievement returns how much of its target a value reaches, in percent (a rate against a
// target rate for a ratio), and false without a target or a base.
func Achievement(ind Indicator, v, target Value) (float64, bool) {
	if ind.Aggregation == AggregateRatio {
		rate, ok1 := v.Rate()
		goal, ok2 := target.Rate()
		if !ok1 || !ok2 || goal == 0 {
			return 0, false
		}
		return 100 * rate / goal, true
	}
	if target.Num == 0 {
		return 0, false
	}
	return 100 * float64(v.Num) / float64(target.Num), true
}
