package sqldb

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"tuyengiao"
	"tuyengiao/internal/contest"
	"tuyengiao/internal/vn"
)

// What the contests' load run (internal/loadrun) needs of a database made for it, and nothing
// else does.

// MoveRound sets a round's opening and closing times, for load runs only: a round may not be
// created open, nor a closed round be loaded with entries, through the service. Nothing is
// audited.
func (db *DB) MoveRound(ctx context.Context, roundID int64, opensAt, closesAt time.Time) error {
	return db.update(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE contest_rounds SET opens_at = ?, closes_at = ? WHERE id = ?`,
			opensAt.UTC().Truncate(time.Second), closesAt.UTC().Truncate(time.Second), roundID)
		return err
	})
}

// ContestantsInBulk registers a contestant of the contest for each phone (as vn.Phone writes
// it), with the address "Thử tải" and the one PIN pin, and returns their ids in the order of
// phones: for load runs only, on a database made for them. The PIN is hashed once for all, and
// nothing is audited: a hundred thousand contestants are set up in seconds.
func (db *DB) ContestantsInBulk(ctx context.Context, contestID int64, phones []string, pin string) ([]int64, error) {
	hash := contest.HashPIN(pin)
	now := db.now()
	ids := make([]int64, 0, len(phones))
	err := db.update(ctx, func(tx *Tx) error {
		for start := 0; start < len(phones); start += rosterBatch {
			end := min(start+rosterBatch, len(phones))
			var args []any
			for i := start; i < end; i++ {
				name := fmt.Sprintf("Người thi %d", i+1)
				args = append(args, contestID, name, vn.Fold(name), 1990, phones[i], "Thử tải", hash, 0, "loadrun", now, false)
			}
			got, err := insertReturningIDs(ctx, tx, `INSERT INTO contestants (contest_id, full_name, name_key, birth_year, phone,
				address, pin_hash, pin_failures, client, registered_at, purged) VALUES `+valueRows(11, end-start)+` RETURNING id`, args...)
			if err != nil {
				return err
			}
			// The ids of one statement increase with its rows; RETURNING need not list them so.
			slices.SortFunc(got, func(a, b any) int { return cmp.Compare(a.(int64), b.(int64)) })
			for _, id := range got {
				ids = append(ids, id.(int64))
			}
		}
		return nil
	})
	return ids, err
}

// AttemptsInBulk stores tries as submitted attempts of a round, numbered per contestant in
// the order given, each started its Duration before its SubmittedAt: for load runs only (the
// ranking of a large round). The n-th try draws draw questions of the contest's bank, from the
// n-th on in the bank's order, and answers right the first Score of them and wrong the others;
// nothing is audited.
func (db *DB) AttemptsInBulk(ctx context.Context, roundID int64, tries []contest.Try, draw int) error {
	bank, err := db.bankKeys(ctx, roundID)
	if err != nil {
		return err
	} else if len(bank) < draw {
		return fmt.Errorf("the bank has %d questions, not %d", len(bank), draw)
	}
	number := map[int64]int{}
	return db.update(ctx, func(tx *Tx) error {
		for start := 0; start < len(tries); start += rosterBatch {
			chunk := tries[start:min(start+rosterBatch, len(tries))]
			args := make([]any, 0, 12*len(chunk))
			for k, t := range chunk {
				number[t.ContestantID]++
				submitted := t.SubmittedAt.UTC()
				drawn := make([]int64, draw)
				for i := range drawn {
					drawn[i] = bank[(start+k+i)%len(bank)].id
				}
				args = append(args, roundID, t.ContestantID, number[t.ContestantID], tuyengiao.MaxAttemptsPerRound, 0, idList(drawn),
					submitted.Add(-t.Duration), submitted.Add(time.Hour), submitted, t.Prediction, t.Score, false)
			}
			ids, err := insertReturningIDs(ctx, tx, `INSERT INTO contest_attempts (round_id, contestant_id, number, allowed, seed, questions,
				started_at, deadline, submitted_at, prediction, score, late) VALUES `+valueRows(12, len(chunk))+` RETURNING id`, args...)
			if err != nil {
				return err
			}
			// The ids of one statement increase with its rows; RETURNING need not list them so.
			slices.SortFunc(ids, func(a, b any) int { return cmp.Compare(a.(int64), b.(int64)) })
			if err := answersInBulk(ctx, tx, ids, chunk, start, bank, draw); err != nil {
				return err
			}
		}
		return nil
	})
}

// keyedQuestion is a question of a bank with its answer key.
type keyedQuestion struct {
	id  int64
	key uint8
}

// bankKeys returns the questions of the bank of the round's contest, in id order.
func (db *DB) bankKeys(ctx context.Context, roundID int64) ([]keyedQuestion, error) {
	rows, err := db.query(ctx, `SELECT q.id, q.answer_key FROM contest_questions q JOIN contest_rounds r ON r.contest_id = q.contest_id
		WHERE r.id = ? ORDER BY q.id`, roundID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var bank []keyedQuestion
	for rows.Next() {
		var q keyedQuestion
		if err := rows.Scan(&q.id, &q.key); err != nil {
			return nil, err
		}
		bank = append(bank, q)
	}
	return bank, rows.Err()
}

// answersInBulk writes the answers of the attempts of ids, the attempts of tries from the
// first-th on (AttemptsInBulk).
func answersInBulk(ctx context.Context, tx *Tx, ids []any, tries []contest.Try, first int, bank []keyedQuestion, draw int) error {
	var args []any
	flush := func() error {
		_, err := tx.exec(ctx, `INSERT INTO contest_answers (attempt_id, position, choice, saved_at) VALUES `+valueRows(4, len(args)/4), args...)
		args = args[:0]
		return err
	}
	for k, t := range tries {
		for i := range draw {
			choice := bank[(first+k+i)%len(bank)].key
			if i >= t.Score {
				choice ^= 0b11 // another option than the key's first
			}
			args = append(args, ids[k], i, choice, t.SubmittedAt.UTC())
			if len(args) == 4*rosterBatch {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	if len(args) == 0 {
		return nil
	}
	return flush()
}

// RoundSubmissions returns, for load runs to check against the submissions they were told
// were stored, the attempts of a round submitted in time (not closed at their deadline) and
// how many "contest.submit" audit records each attempt of the round has.
func (db *DB) RoundSubmissions(ctx context.Context, roundID int64) (submitted, audited map[int64]int, err error) {
	submitted, audited = map[int64]int{}, map[int64]int{}
	if err := db.countByID(ctx, `SELECT id, 1 FROM contest_attempts WHERE round_id = ? AND submitted_at IS NOT NULL AND NOT late`,
		submitted, roundID); err != nil {
		return nil, nil, err
	}
	err = db.countByID(ctx, `SELECT CAST(SUBSTR(l.object, 9) AS BIGINT), COUNT(*) FROM audit_log l
		WHERE l.action = 'contest.submit' AND l.outcome = 'ok' AND l.object IN
			(SELECT 'attempt:' || CAST(a.id AS TEXT) FROM contest_attempts a WHERE a.round_id = ?)
		GROUP BY l.object`, audited, roundID)
	return submitted, audited, err
}
