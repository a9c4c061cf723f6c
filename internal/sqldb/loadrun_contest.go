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
// ranking of a large round). It draws no questions and audits nothing.
func (db *DB) AttemptsInBulk(ctx context.Context, roundID int64, tries []contest.Try) error {
	number := map[int64]int{}
	return db.update(ctx, func(tx *Tx) error {
		for start := 0; start < len(tries); start += rosterBatch {
			chunk := tries[start:min(start+rosterBatch, len(tries))]
			args := make([]any, 0, 12*len(chunk))
			for _, t := range chunk {
				number[t.ContestantID]++
				submitted := t.SubmittedAt.UTC()
				args = append(args, roundID, t.ContestantID, number[t.ContestantID], tuyengiao.MaxAttemptsPerRound, 0, "",
					submitted.Add(-t.Duration), submitted.Add(time.Hour), submitted, t.Prediction, t.Score, false)
			}
			if _, err := tx.exec(ctx, `INSERT INTO contest_attempts (round_id, contestant_id, number, allowed, seed, questions,
				started_at, deadline, submitted_at, prediction, score, late) VALUES `+valueRows(12, len(chunk)), args...); err != nil {
				return err
			}
		}
		return nil
	})
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
