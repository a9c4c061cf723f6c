package sqldb

import (
	"context"
	"strings"
	"time"

	"tuyengiao"
)

// ContestStats implements tuyengiao.ContestService: counts, for whoever views the unit
// (ActionUnitView). A contestant counts at the unit they picked, so the rows below add up to
// the unit's own; at the organising unit its row also holds those who gave an address.
func (s *ContestStore) ContestStats(ctx context.Context, contestID, roundID, unitID int64) (*tuyengiao.ContestStats, error) {
	c, path, err := loadContest(ctx, s.db, contestID)
	if err != nil {
		return nil, err
	}
	if unitID == 0 {
		unitID = c.UnitID
	}
	unitPath, err := s.db.authorize(ctx, tuyengiao.ActionUnitView, unitID, contestObject(contestID))
	if err != nil {
		return nil, err
	} else if !tuyengiao.InSubtree(unitPath, path) {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Đơn vị không thuộc phạm vi cuộc thi.")
	}
	rows, err := s.statsRows(ctx, unitID, unitPath)
	if err != nil {
		return nil, err
	}
	counts, err := s.countsByUnit(ctx, contestID, roundID)
	if err != nil {
		return nil, err
	}
	for _, k := range counts {
		for i := range rows.list {
			if r := &rows.list[i]; (i == 0 && unitID == c.UnitID) || strings.HasPrefix(k.path, rows.paths[i]) && k.path != "" {
				r.Registrations += k.registrations
				r.People += k.people
				r.Entries += k.entries
			}
		}
	}
	hourly, err := s.hourly(ctx, contestID, roundID, unitID == c.UnitID, unitPath)
	if err != nil {
		return nil, err
	}
	return &tuyengiao.ContestStats{Rows: rows.list, Hourly: hourly}, nil
}

// statsTable is the rows of ContestStats with the paths of their units.
type statsTable struct {
	list  []tuyengiao.ContestUnitRow
	paths []string
}

// statsRows returns the unit's row and its open children's, each with its register's people.
func (s *ContestStore) statsRows(ctx context.Context, unitID int64, path string) (*statsTable, error) {
	rows, err := s.db.query(ctx, `SELECT u.id, u.name, u.path FROM units u WHERE u.id = ?
		UNION ALL SELECT * FROM (SELECT u.id, u.name, u.path FROM units u WHERE u.parent_id = ? AND u.closed_at IS NULL
		ORDER BY u.sort_order, u.name_folded) c`, unitID, unitID)
	if err != nil {
		return nil, err
	}
	t := &statsTable{}
	for rows.Next() {
		var r tuyengiao.ContestUnitRow
		var p string
		if err := rows.Scan(&r.UnitID, &r.UnitName, &p); err != nil {
			rows.Close()
			return nil, err
		}
		t.list, t.paths = append(t.list, r), append(t.paths, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, p := range t.paths {
		lo, hi := subtreeRange(p)
		if err := s.db.queryRow(ctx, `SELECT COALESCE(SUM(c.active), 0) FROM people_counts c JOIN units u ON u.id = c.unit_id
			WHERE u.path >= ? AND u.path < ?`, lo, hi).Scan(&t.list[i].Base); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// unitCount is a contest's counts at one unit ("" path: the contestants who gave an address).
type unitCount struct {
	path                           string
	registrations, people, entries int64
}

// countsByUnit counts registrations, people with an entry and entries per unit picked.
func (s *ContestStore) countsByUnit(ctx context.Context, contestID, roundID int64) ([]unitCount, error) {
	rounds, args := ``, []any{contestID}
	if roundID != 0 {
		rounds, args = ` AND a.round_id = ?`, append(args, roundID)
	}
	args = append(args, contestID)
	rows, err := s.db.query(ctx, `SELECT COALESCE(u.path, ''), COUNT(*), COALESCE(SUM(e.people), 0), COALESCE(SUM(e.entries), 0)
		FROM contestants t LEFT JOIN units u ON u.id = t.unit_id
		LEFT JOIN (SELECT a.contestant_id, 1 AS people, COUNT(*) AS entries FROM contest_attempts a
			JOIN contest_rounds r ON r.id = a.round_id WHERE r.contest_id = ? AND a.submitted_at IS NOT NULL`+rounds+`
			GROUP BY a.contestant_id) e ON e.contestant_id = t.id
		WHERE t.contest_id = ? GROUP BY u.path`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []unitCount
	for rows.Next() {
		var k unitCount
		if err := rows.Scan(&k.path, &k.registrations, &k.people, &k.entries); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// hourly counts the entries of each hour in the unit's subtree (all of them at the
// organising unit), the hours without any included between the first and the last.
func (s *ContestStore) hourly(ctx context.Context, contestID, roundID int64, everyone bool, path string) ([]tuyengiao.ContestHour, error) {
	where, args := ` WHERE r.contest_id = ? AND a.submitted_at IS NOT NULL`, []any{contestID}
	if roundID != 0 {
		where, args = where+` AND a.round_id = ?`, append(args, roundID)
	}
	if !everyone {
		lo, hi := subtreeRange(path)
		where, args = where+` AND u.path >= ? AND u.path < ?`, append(args, lo, hi)
	}
	rows, err := s.db.query(ctx, `SELECT a.submitted_at FROM contest_attempts a JOIN contest_rounds r ON r.id = a.round_id
		JOIN contestants t ON t.id = a.contestant_id LEFT JOIN units u ON u.id = t.unit_id`+where+` ORDER BY a.submitted_at`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tuyengiao.ContestHour
	for rows.Next() {
		var at time.Time
		if err := rows.Scan(&at); err != nil {
			return nil, err
		}
		hour := at.UTC().Truncate(time.Hour)
		for len(out) > 0 && out[len(out)-1].At.Before(hour) {
			out = append(out, tuyengiao.ContestHour{At: out[len(out)-1].At.Add(time.Hour)})
		}
		if len(out) == 0 {
			out = append(out, tuyengiao.ContestHour{At: hour})
		}
		out[len(out)-1].Entries++
	}
	return out, rows.Err()
}
