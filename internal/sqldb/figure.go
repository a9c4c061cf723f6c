package sqldb

import (
	"context"
	"fmt"
	"strings"

	"tuyengiao"
)

// FigureStore is what the figure service reads besides the figure sources: the whole unit
// tree and its version. It checks no access: the figure service keeps the tree in memory and
// checks every question against the caller's grants.
type FigureStore struct{ db *DB }

// Figures returns the FigureStore of db.
func (db *DB) Figures() *FigureStore { return &FigureStore{db} }

// TreeVersion returns the version of the unit tree, raised by every change to units
// (migration 00013), so that a node reloads its tree only when it has changed.
func (s *FigureStore) TreeVersion(ctx context.Context) (int64, error) {
	var v int64
	err := s.db.queryRow(ctx, `SELECT version FROM unit_tree_version WHERE id = 1`).Scan(&v)
	return v, err
}

// figureVersion returns the data version of the figure source named source, raised in the
// same transaction as every write to the tables it counts from (migration 00019).
func (db *DB) figureVersion(ctx context.Context, source string) (int64, error) {
	var v int64
	err := db.queryRow(ctx, `SELECT version FROM figure_versions WHERE source = ?`, source).Scan(&v)
	return v, err
}

// raiseFigureVersion raises in tx the data version of the figure source named source, for a
// write no trigger of migration 00019 sees: on PostgreSQL after taking the lock of the audit
// chain, as those triggers do, so that two transactions never hold what the other waits for.
func (tx *Tx) raiseFigureVersion(ctx context.Context, source string) error {
	if err := tx.lockChain(ctx); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `UPDATE figure_versions SET version = version + 1 WHERE source = ?`, source)
	return err
}

// Units returns every unit, closed ones included, in tree order.
func (s *FigureStore) Units(ctx context.Context) ([]*tuyengiao.Unit, error) {
	return s.db.unitsInOrder(ctx, "")
}

// unitsInOrder returns the units the condition where (with its arguments; "" for all)
// keeps, closed ones included, in tree order.
func (db *DB) unitsInOrder(ctx context.Context, where string, args ...any) ([]*tuyengiao.Unit, error) {
	rows, err := db.query(ctx, `SELECT `+unitColumns+` FROM units `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var units []*tuyengiao.Unit
	for rows.Next() {
		u, err := scanUnit(rows.Scan)
		if err != nil {
			return nil, err
		}
		units = append(units, u)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return units, db.treeOrder(ctx, units)
}

// PeopleFigures computes the indicators of the people register: the people of each
// category on the register, a stock.
type PeopleFigures struct{ db *DB }

// PeopleFigures returns the figure source of the people register.
func (db *DB) PeopleFigures() *PeopleFigures { return &PeopleFigures{db} }

// peopleCode returns the indicator code of the people of a category.
func peopleCode(c tuyengiao.Category) string { return "people." + string(c) }

// Indicators returns one indicator per category of people.
func (s *PeopleFigures) Indicators(context.Context) ([]tuyengiao.Indicator, error) {
	out := make([]tuyengiao.Indicator, len(tuyengiao.Categories))
	for i, c := range tuyengiao.Categories {
		out[i] = tuyengiao.Indicator{Code: peopleCode(c), Name: "Số " + strings.ToLower(c.Name()) + " trong danh sách",
			NameEn: "People on the register: " + string(c), Measure: "người", MeasureEn: "people", Group: "people",
			Aggregation: tuyengiao.AggregateSum, Source: tuyengiao.SourceComputed, Stock: true,
			Records: fmt.Sprintf("/people?root={unit}&category=%s", c)}
	}
	return out, nil
}

// Version returns the version of the people register's data.
func (s *PeopleFigures) Version(ctx context.Context) (int64, error) {
	return s.db.figureVersion(ctx, "people")
}

// OwnValues returns the people of each category active on p.To at each unit of the subtree.
func (s *PeopleFigures) OwnValues(ctx context.Context, codes []string, subtree string, p tuyengiao.Period) ([]tuyengiao.UnitValue, error) {
	counts, err := s.db.countPeople(ctx, subtree, p.To)
	if err != nil {
		return nil, err
	}
	want := make(map[string]bool, len(codes))
	for _, c := range codes {
		want[c] = true
	}
	out := make([]tuyengiao.UnitValue, 0, len(counts))
	for _, c := range counts {
		if code := peopleCode(c.Category); want[code] {
			out = append(out, tuyengiao.UnitValue{Code: code, UnitID: c.UnitID, Value: tuyengiao.Value{Num: c.Count}})
		}
	}
	return out, nil
}

// Check authorizes action at the unit of path for the caller, and records a refusal in the
// audit log, as every service of the package does.
func (s *FigureStore) Check(ctx context.Context, action tuyengiao.Action, path string, unitID int64) error {
	return s.db.check(ctx, action, path, unitID, unitObject(unitID))
}
