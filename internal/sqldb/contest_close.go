package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"tuyengiao"
	"tuyengiao/internal/contest"
)

// closeGrace is how long after a round's end its closing waits: a write accepted before the
// end waits in a batch for at most batchTimeout, on whichever node took it, so once this has
// passed every entry accepted in time has committed or failed.
const closeGrace = batchTimeout + 10*time.Second

// roundContest reads the contest of a round, with its rounds, and the round.
func roundContest(ctx context.Context, db *DB, roundID int64) (*tuyengiao.Contest, *tuyengiao.Round, string, error) {
	var contestID int64
	err := db.queryRow(ctx, `SELECT contest_id FROM contest_rounds WHERE id = ?`, roundID).Scan(&contestID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, "", tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy vòng thi.")
	} else if err != nil {
		return nil, nil, "", err
	}
	c, path, err := loadContest(ctx, db, contestID)
	if err != nil {
		return nil, nil, "", err
	}
	for i := range c.Rounds {
		if c.Rounds[i].ID == roundID {
			return c, &c.Rounds[i], path, nil
		}
	}
	return nil, nil, "", tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy vòng thi.")
}

// CloseRound implements tuyengiao.ContestService: for ActionContestEdit at the organising
// unit, once closeGrace has passed after the round's end. In one transaction, holding the
// round's lock exclusive: the attempts left open are closed at their deadlines with what was
// saved, the prediction target is counted over every entry, each contestant's counted
// attempt is ranked by the chain and the prizes named.
func (s *ContestStore) CloseRound(ctx context.Context, roundID int64) error {
	c, r, path, err := roundContest(ctx, s.db, roundID)
	if err != nil {
		return err
	}
	if err := s.db.check(ctx, tuyengiao.ActionContestEdit, path, c.UnitID, contestObject(c.ID)); err != nil {
		return err
	}
	now := s.db.now()
	if !r.ClosedAt.IsZero() {
		return tuyengiao.Errorf(tuyengiao.ECONFLICT, "Vòng thi đã được tổng hợp kết quả.")
	} else if ready := r.ClosesAt.Add(closeGrace); now.Before(ready) {
		return tuyengiao.Errorf(tuyengiao.EINVALID, "Vòng thi kết thúc lúc %s; từ %s mới tổng hợp kết quả được, khi mọi bài nộp trước giờ kết thúc đã được ghi.",
			r.ClosesAt, ready)
	}
	return s.db.update(ctx, func(tx *Tx) error {
		if err := s.db.advisoryLock(ctx, tx, roundLock(roundID), true); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE contest_rounds SET closed_at = ? WHERE id = ? AND closed_at IS NULL`, now, roundID)
		if err != nil {
			return err
		} else if n, _ := res.RowsAffected(); n == 0 {
			return tuyengiao.Errorf(tuyengiao.ECONFLICT, "Vòng thi đã được tổng hợp kết quả.")
		}
		if err := s.closeLeftOpen(ctx, tx, roundID); err != nil {
			return err
		}
		tries, err := roundTries(ctx, tx, roundID)
		if err != nil {
			return err
		}
		var target int64
		if c.Prediction != "" {
			target = contest.Target(c.Prediction, tries, c.Questions())
		}
		entries := contest.Rank(contest.Counted(tries, c.Counts, c.Ranking, target), c.Ranking, target)
		contest.Award(entries, c.Prizes)
		if err := insertResults(ctx, tx, roundID, entries); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE contest_rounds SET target = ? WHERE id = ?`, target, roundID); err != nil {
			return err
		}
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "contest.close", Object: contestObject(c.ID), UnitID: c.UnitID,
			Detail: fmt.Sprintf("round=%d entries=%d ranked=%d target=%d", r.Number, len(tries), len(entries), target)})
	})
}

// closeLeftOpen closes the round's attempts still open, at their deadlines.
func (s *ContestStore) closeLeftOpen(ctx context.Context, tx *Tx, roundID int64) error {
	rows, err := tx.query(ctx, attemptSelect+` WHERE a.round_id = ? AND a.submitted_at IS NULL`, roundID)
	if err != nil {
		return err
	}
	var open []*attemptRow
	for rows.Next() {
		a, err := scanAttempt(rows)
		if err != nil {
			rows.Close()
			return err
		}
		open = append(open, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, a := range open {
		if err := s.closeLate(ctx, tx, a); err != nil {
			return err
		}
	}
	return nil
}

// roundTries reads every entry of a round as ranking sees it.
func roundTries(ctx context.Context, tx *Tx, roundID int64) ([]contest.Try, error) {
	rows, err := tx.query(ctx, `SELECT id, contestant_id, score, prediction, started_at, submitted_at FROM contest_attempts
		WHERE round_id = ? AND submitted_at IS NOT NULL`, roundID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []contest.Try
	for rows.Next() {
		var t contest.Try
		var started time.Time
		if err := rows.Scan(&t.AttemptID, &t.ContestantID, &t.Score, &t.Prediction, &started, &t.SubmittedAt); err != nil {
			return nil, err
		}
		t.SubmittedAt = t.SubmittedAt.UTC()
		t.Duration = t.SubmittedAt.Sub(started)
		out = append(out, t)
	}
	return out, rows.Err()
}

// insertResults writes the ranking, many rows a statement.
func insertResults(ctx context.Context, tx *Tx, roundID int64, entries []tuyengiao.RankedEntry) error {
	for i, chunk := 0, []tuyengiao.RankedEntry(nil); i < len(entries); i += len(chunk) {
		chunk = entries[i:min(i+500, len(entries))]
		args := make([]any, 0, 11*len(chunk))
		for j, e := range chunk {
			args = append(args, roundID, e.AttemptID, e.ContestantID, e.Rank, i+j+1, e.Score, e.Prediction, e.Error,
				e.Duration.Milliseconds(), e.SubmittedAt, e.Prize)
		}
		if _, err := tx.exec(ctx, `INSERT INTO contest_results (round_id, attempt_id, contestant_id, place, position, score,
			prediction, prediction_error, duration_ms, submitted_at, prize) VALUES `+valueRows(11, len(chunk)), args...); err != nil {
			return err
		}
	}
	return nil
}

// Ranking implements tuyengiao.ContestService: public once the round is closed, with the
// contestants' names and units (none for a purged contestant), never their phones nor the
// addresses of those who picked no unit.
func (s *ContestStore) Ranking(ctx context.Context, roundID int64, offset, limit int) ([]tuyengiao.RankedEntry, int, error) {
	_, r, _, err := roundContest(ctx, s.db, roundID)
	if err != nil {
		return nil, 0, err
	} else if r.ClosedAt.IsZero() {
		return nil, 0, tuyengiao.Errorf(tuyengiao.EINVALID, "Vòng thi chưa có kết quả.")
	}
	var total int
	if err := s.db.queryRow(ctx, `SELECT COUNT(*) FROM contest_results WHERE round_id = ?`, roundID).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.db.query(ctx, `SELECT e.place, e.attempt_id, e.contestant_id, t.full_name, COALESCE(u.name, ''), e.score,
		e.prediction, e.prediction_error, e.duration_ms, e.submitted_at, e.prize
		FROM contest_results e JOIN contestants t ON t.id = e.contestant_id LEFT JOIN units u ON u.id = t.unit_id
		WHERE e.round_id = ? ORDER BY e.position`+limitClause(offset, limit), roundID)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []tuyengiao.RankedEntry
	for rows.Next() {
		var e tuyengiao.RankedEntry
		var ms int64
		if err := rows.Scan(&e.Rank, &e.AttemptID, &e.ContestantID, &e.FullName, &e.UnitName, &e.Score, &e.Prediction, &e.Error,
			&ms, &e.SubmittedAt, &e.Prize); err != nil {
			return nil, 0, err
		}
		e.Duration, e.SubmittedAt = time.Duration(ms)*time.Millisecond, e.SubmittedAt.UTC()
		out = append(out, e)
	}
	return slices.Clip(out), total, rows.Err()
}

// maxCachedRounds bounds the closed rounds whose question statistics a node keeps.
const maxCachedRounds = 200

// QuestionStats implements tuyengiao.ContestService: for ActionContestEdit at the organising
// unit, once the round is closed; counted over its entries, an unanswered question counting
// as wrong. A closed round's entries no longer change, so a node counts them once and keeps
// the counts under the time the round was closed; the results page asks at each of its pages.
func (s *ContestStore) QuestionStats(ctx context.Context, roundID int64) ([]tuyengiao.QuestionStat, error) {
	c, r, path, err := roundContest(ctx, s.db, roundID)
	if err != nil {
		return nil, err
	} else if err := s.db.check(ctx, tuyengiao.ActionContestEdit, path, c.UnitID, contestObject(c.ID)); err != nil {
		return nil, err
	} else if r.ClosedAt.IsZero() {
		return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Vòng thi chưa có kết quả.")
	}
	counts, ok := s.questionCounts.get(roundID, r.ClosedAt.UnixNano())
	if !ok {
		if counts, err = s.countAnswers(ctx, roundID); err != nil {
			return nil, err
		}
		s.questionCounts.put(roundID, r.ClosedAt.UnixNano(), counts)
	}
	return s.questionStats(ctx, counts)
}

// questionCount is how often a question was drawn in a round, and answered right.
type questionCount struct{ drawn, right int64 }

// countAnswers counts, for each question drawn in the round's entries, the entries that drew
// it and those that chose its key.
func (s *ContestStore) countAnswers(ctx context.Context, roundID int64) (map[int64]questionCount, error) {
	drawn, err := s.drawnQuestions(ctx, roundID)
	if err != nil {
		return nil, err
	}
	counts := map[int64]questionCount{}
	for _, ids := range drawn {
		for _, id := range ids {
			k := counts[id]
			k.drawn++
			counts[id] = k
		}
	}
	ids := slices.Collect(maps.Keys(counts))
	qs, err := s.bank.get(ctx, s.db, ids)
	if err != nil {
		return nil, err
	}
	keys := map[int64]uint8{}
	for i, q := range qs {
		keys[ids[i]] = q.Key()
	}
	rows, err := s.db.query(ctx, `SELECT x.attempt_id, x.position, x.choice FROM contest_answers x
		JOIN contest_attempts a ON a.id = x.attempt_id WHERE a.round_id = ? AND a.submitted_at IS NOT NULL`, roundID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var attempt int64
		var pos int
		var choice uint8
		if err := rows.Scan(&attempt, &pos, &choice); err != nil {
			return nil, err
		}
		if ids := drawn[attempt]; pos < len(ids) && choice == keys[ids[pos]] {
			k := counts[ids[pos]]
			k.right++
			counts[ids[pos]] = k
		}
	}
	return counts, rows.Err()
}

// drawnQuestions returns the questions of each entry of the round, by attempt.
func (s *ContestStore) drawnQuestions(ctx context.Context, roundID int64) (map[int64][]int64, error) {
	rows, err := s.db.query(ctx, `SELECT id, questions FROM contest_attempts WHERE round_id = ? AND submitted_at IS NOT NULL`, roundID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	drawn := map[int64][]int64{}
	for rows.Next() {
		var id int64
		var list sql.RawBytes
		if err := rows.Scan(&id, &list); err != nil {
			return nil, err
		}
		ids, err := parseIDList(string(list))
		if err != nil {
			return nil, fmt.Errorf("attempt %d: %w", id, err)
		}
		drawn[id] = ids
	}
	return drawn, rows.Err()
}

// questionStats returns the counts with their questions' texts, the least often right first.
func (s *ContestStore) questionStats(ctx context.Context, counts map[int64]questionCount) ([]tuyengiao.QuestionStat, error) {
	ids := slices.Collect(maps.Keys(counts))
	qs, err := s.bank.get(ctx, s.db, ids)
	if err != nil {
		return nil, err
	}
	out := make([]tuyengiao.QuestionStat, len(ids))
	for i, q := range qs {
		out[i] = tuyengiao.QuestionStat{QuestionID: ids[i], Text: q.Text, Category: q.Category,
			Drawn: counts[ids[i]].drawn, Right: counts[ids[i]].right}
	}
	slices.SortFunc(out, func(a, b tuyengiao.QuestionStat) int {
		return cmp.Or(cmp.Compare(a.Right*b.Drawn, b.Right*a.Drawn), cmp.Compare(a.QuestionID, b.QuestionID))
	})
	return out, nil
}
