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
// ranking of a large round). The n-th try draws as many questions as the contest does, from
// the n-th of its bank on in id order, and answers right the first Score of them and wrong the
// others; nothing is audited.
func (db *DB) AttemptsInBulk(ctx context.Context, roundID int64, tries []contest.Try) error {
	c, _, _, err := roundContest(ctx, db, roundID)
	if err != nil {
		return err
	}
	bank, err := db.bankKeys(ctx, c.ID)
	if err != nil {
		return err
	} else if len(bank) < c.Questions() {
		return fmt.Errorf("the bank has %d questions, the contest draws %d", len(bank), c.Questions())
	}
	number := map[int64]int{}
	return db.update(ctx, func(tx *Tx) error {
		for start := 0; start < len(tries); start += rosterBatch {
			chunk := tries[start:min(start+rosterBatch, len(tries))]
			args := make([]any, 0, 12*len(chunk))
			drawn := make([][]keyedQuestion, len(chunk))
			for k, t := range chunk {
				number[t.ContestantID]++
				submitted := t.SubmittedAt.UTC()
				ids := make([]int64, c.Questions())
				for i := range ids {
					drawn[k] = append(drawn[k], bank[(start+k+i)%len(bank)])
					ids[i] = drawn[k][i].id
				}
				args = append(args, roundID, t.ContestantID, number[t.ContestantID], tuyengiao.MaxAttemptsPerRound, 0, idList(ids),
					submitted.Add(-t.Duration), submitted.Add(time.Hour), submitted, t.Prediction, t.Score, false)
			}
			ids, err := insertReturningIDs(ctx, tx, `INSERT INTO contest_attempts (round_id, contestant_id, number, allowed, seed, questions,
				started_at, deadline, submitted_at, prediction, score, late) VALUES `+valueRows(12, len(chunk))+` RETURNING id`, args...)
			if err != nil {
				return err
			}
			sortIDs(ids)
			if err := answersInBulk(ctx, tx, ids, chunk, drawn); err != nil {
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

// bankKeys returns the questions of the contest's bank, in id order.
func (db *DB) bankKeys(ctx context.Context, contestID int64) ([]keyedQuestion, error) {
	rows, err := db.query(ctx, `SELECT id, answer_key FROM contest_questions WHERE contest_id = ? ORDER BY id`, contestID)
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

// answersInBulk writes the answers of the attempts of ids to the questions drawn for them, of
// the same index: right (the key) for the first Score of the try of the same index, wrong for
// the others.
func answersInBulk(ctx context.Context, tx *Tx, ids []any, tries []contest.Try, drawn [][]keyedQuestion) error {
	var args []any
	for k, t := range tries {
		for i, q := range drawn[k] {
			choice := q.key
			if i >= t.Score {
				choice ^= 0b11 // the load's banks key one of the first two options: the other
			}
			args = append(args, ids[k], i, choice, t.SubmittedAt.UTC())
		}
	}
	for rows := range slices.Chunk(args, 4*rosterBatch) {
		if _, err := tx.exec(ctx, `INSERT INTO contest_answers (attempt_id, position, choice, saved_at) VALUES `+
			valueRows(4, len(rows)/4), rows...); err != nil {
			return err
		}
	}
	return nil
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
