package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// Contestants implements tuyengiao.ContestService: for ActionContestEdit at the organising
// unit; q of digits alone finds phones starting with them, other text names holding it.
func (s *ContestStore) Contestants(ctx context.Context, contestID int64, q string, offset, limit int) ([]*tuyengiao.Contestant, int, error) {
	c, err := s.editable(ctx, contestID)
	if err != nil {
		return nil, 0, err
	}
	where, args := ` WHERE t.contest_id = ? AND NOT t.purged`, []any{contestID}
	if q = strings.TrimSpace(q); q != "" {
		if digits := vn.Phone(q); strings.Trim(digits, "0123456789") == "" {
			where, args = where+` AND t.phone LIKE ? ESCAPE '\'`, append(args, likeEscape(digits)+"%")
		} else {
			where, args = where+` AND t.name_key LIKE ? ESCAPE '\'`, append(args, "%"+likeEscape(vn.Fold(q))+"%")
		}
	}
	var total int
	if err := s.db.queryRow(ctx, `SELECT COUNT(*) FROM contestants t`+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.db.query(ctx, `SELECT `+contestantColumns+contestantFrom+where+` ORDER BY t.id DESC`+limitClause(offset, limit), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*tuyengiao.Contestant
	for rows.Next() {
		t, err := scanContestant(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	return out, total, s.db.auditAlone(ctx, &tuyengiao.AuditRecord{Action: "contest.contestants", Object: contestObject(contestID),
		UnitID: c.UnitID, Detail: fmt.Sprintf("offset=%d limit=%d returned=%d total=%d", offset, limit, len(out), total)})
}

// suspect is what the suspicious list reads of a registration.
type suspect struct {
	id         int64
	key        string // name, year of birth and unit or address
	client     string
	registered time.Time
}

// Suspicious implements tuyengiao.ContestService: for ActionContestEdit at the organising unit,
// a registration once per reason, the reasons in the order of the root's Suspicion texts,
// the read audited.
func (s *ContestStore) Suspicious(ctx context.Context, contestID int64) ([]tuyengiao.Suspicion, error) {
	c, err := s.editable(ctx, contestID)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.query(ctx, `SELECT id, name_key, birth_year, COALESCE(unit_id, 0), address, client, registered_at
		FROM contestants WHERE contest_id = ? AND NOT purged ORDER BY client, registered_at`, contestID)
	if err != nil {
		return nil, err
	}
	var all []suspect
	for rows.Next() {
		var x suspect
		var name, address string
		var year int
		var unit int64
		if err := rows.Scan(&x.id, &name, &year, &unit, &address, &x.client, &x.registered); err != nil {
			rows.Close()
			return nil, err
		}
		x.key = fmt.Sprintf("%s|%d|%d|%s", name, year, unit, vn.Fold(address))
		all = append(all, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	found := map[int64][]tuyengiao.Suspicion{}
	flag := func(id int64, reason string, n int64) {
		found[id] = append(found[id], tuyengiao.Suspicion{Reason: reason, Count: n})
	}
	twins(all, flag)
	bursts(all, flag)
	if err := s.tooFast(ctx, contestID, c.Questions(), flag); err != nil {
		return nil, err
	}
	out, err := s.suspects(ctx, found)
	if err != nil {
		return nil, err
	}
	return out, s.db.auditAlone(ctx, &tuyengiao.AuditRecord{Action: "contest.suspicious", Object: contestObject(contestID),
		UnitID: c.UnitID, Detail: fmt.Sprintf("returned=%d", len(out))})
}

// twins flags the registrations that share their name, year of birth and unit or address.
func twins(all []suspect, flag func(int64, string, int64)) {
	byKey := map[string][]int64{}
	for _, x := range all {
		byKey[x.key] = append(byKey[x.key], x.id)
	}
	for _, ids := range byKey {
		if len(ids) > 1 {
			for _, id := range ids {
				flag(id, tuyengiao.SuspicionTwin, int64(len(ids)))
			}
		}
	}
}

// bursts flags the registrations of an address that made SuspicionBurstCount or more within
// SuspicionWindow; all is in the order of address and time.
func bursts(all []suspect, flag func(int64, string, int64)) {
	for i, j := 0, 0; i < len(all); i++ {
		for all[j].client != all[i].client || all[i].registered.Sub(all[j].registered) > tuyengiao.SuspicionWindow {
			j++
		}
		if n := i - j + 1; n == tuyengiao.SuspicionBurstCount {
			for _, x := range all[j : i+1] {
				flag(x.id, tuyengiao.SuspicionBurst, int64(n))
			}
		} else if n > tuyengiao.SuspicionBurstCount {
			flag(all[i].id, tuyengiao.SuspicionBurst, int64(n))
		}
	}
}

// tooFast flags the contestants who submitted an attempt faster than
// SuspicionSecondsPerQuestion a question, with their fastest time in seconds.
func (s *ContestStore) tooFast(ctx context.Context, contestID int64, questions int, flag func(int64, string, int64)) error {
	limit := time.Duration(questions*tuyengiao.SuspicionSecondsPerQuestion) * time.Second
	rows, err := s.db.query(ctx, `SELECT a.contestant_id, a.started_at, a.submitted_at FROM contest_attempts a
		JOIN contest_rounds r ON r.id = a.round_id WHERE r.contest_id = ? AND a.submitted_at IS NOT NULL AND NOT a.late`, contestID)
	if err != nil {
		return err
	}
	defer rows.Close()
	fastest := map[int64]time.Duration{}
	for rows.Next() {
		var id int64
		var started, submitted time.Time
		if err := rows.Scan(&id, &started, &submitted); err != nil {
			return err
		}
		if d := submitted.Sub(started); d < limit {
			if f, ok := fastest[id]; !ok || d < f {
				fastest[id] = d
			}
		}
	}
	for id, d := range fastest {
		flag(id, tuyengiao.SuspicionFast, int64(d/time.Second))
	}
	return rows.Err()
}

// suspects reads the contestants found and returns their suspicions, newest registration
// first.
func (s *ContestStore) suspects(ctx context.Context, found map[int64][]tuyengiao.Suspicion) ([]tuyengiao.Suspicion, error) {
	ids := slices.Sorted(func(yield func(int64) bool) {
		for id := range found {
			if !yield(id) {
				return
			}
		}
	})
	slices.Reverse(ids)
	var out []tuyengiao.Suspicion
	for chunk := range slices.Chunk(ids, 500) {
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := s.db.query(ctx, `SELECT `+contestantColumns+contestantFrom+` WHERE t.id IN (`+placeholders(len(args))+`)`, args...)
		if err != nil {
			return nil, err
		}
		byID := map[int64]*tuyengiao.Contestant{}
		for rows.Next() {
			t, err := scanContestant(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			byID[t.ID] = t
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for _, id := range chunk {
			for _, x := range found[id] {
				x.Contestant = *byID[id]
				out = append(out, x)
			}
		}
	}
	return out, nil
}

// PurgeContestants implements tuyengiao.ContestService: for ActionContestEdit at the organising
// unit, once RetentionDays have passed after the last round closed.
func (s *ContestStore) PurgeContestants(ctx context.Context, contestID int64) (int, error) {
	c, err := s.editable(ctx, contestID)
	if err != nil {
		return 0, err
	}
	if due := retentionEnd(c); due.IsZero() || s.db.now().Before(due) {
		return 0, tuyengiao.Errorf(tuyengiao.EINVALID, "Chưa hết thời hạn lưu thông tin người dự thi: %d ngày sau khi vòng cuối kết thúc.", c.RetentionDays)
	}
	return s.purge(ctx, c)
}

// retentionEnd is when the contestants' data of c is to be purged: RetentionDays after its
// last round closes; zero without rounds.
func retentionEnd(c *tuyengiao.Contest) time.Time {
	if len(c.Rounds) == 0 {
		return time.Time{}
	}
	return c.Rounds[len(c.Rounds)-1].ClosesAt.AddDate(0, 0, c.RetentionDays)
}

// PurgeDue purges the contestants of every contest whose retention period is over, for the
// server's hourly jobs; it returns how many contestants it purged. A contest purged once is
// looked at again: a round added later brings new contestants, and a later end.
func (s *ContestStore) PurgeDue(ctx context.Context) (int, error) {
	ids, err := queryIDs(ctx, s.db, `SELECT id FROM contests`)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, id := range ids {
		c, _, err := loadContest(ctx, s.db, id)
		if err != nil {
			return total, err
		}
		if due := retentionEnd(c); !due.IsZero() && !s.db.now().Before(due) {
			n, err := s.purge(ctx, c)
			if total += n; err != nil {
				return total, err
			}
		}
	}
	return total, nil
}

// purge erases the personal columns of c's contestants, keeping their ids, units and entries,
// so that counts of people and entries do not change; the audit records never held them.
func (s *ContestStore) purge(ctx context.Context, c *tuyengiao.Contest) (int, error) {
	var n int64
	err := s.db.update(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE contestants SET full_name = '', name_key = '', birth_year = 0, phone = '', address = '',
			pin_hash = '', client = '', locked_until = NULL, purged = TRUE WHERE contest_id = ? AND NOT purged`, c.ID)
		if err != nil {
			return err
		}
		if n, _ = res.RowsAffected(); n == 0 {
			return nil // nothing left to purge: no record of it, every hour
		}
		if _, err := tx.exec(ctx, `UPDATE contests SET purged_at = ? WHERE id = ?`, s.db.now(), c.ID); err != nil {
			return err
		}
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "contest.purge", Object: contestObject(c.ID), UnitID: c.UnitID,
			Detail: fmt.Sprintf("contestants=%d", n)})
	})
	return int(n), err
}
