package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/contest"
)

// The answer saves and the submissions of a batch are each written in a few statements for
// the whole batch rather than a few per write: on PostgreSQL every statement is a round trip,
// and a batch of 250 writes one by one under savepoints took 170 ms.

// answerSave is an answer to save, the choice in the bank's order of options.
type answerSave struct {
	attemptID int64
	position  int
	choice    uint8
	at        time.Time
}

// answerSaves saves the answers of a batch: those of attempts still open in rounds not
// closed, in one statement; the others are refused. Of two saves of one answer in a batch,
// the later wins.
var answerSaves = &writeKind{apply: func(tx *Tx, ws []*write) error {
	ctx := context.Background()
	ids := make([]int64, len(ws))
	for i, w := range ws {
		ids[i] = w.item.(answerSave).attemptID
	}
	open, err := openAttempts(ctx, tx, ids)
	if err != nil {
		return err
	}
	last := map[[2]int64]answerSave{}
	var order [][2]int64
	for _, w := range ws {
		a := w.item.(answerSave)
		if !open[a.attemptID] {
			w.err = tuyengiao.Errorf(tuyengiao.ECONFLICT, "Lượt thi này đã nộp bài nên không sửa được câu trả lời.")
			continue
		}
		k := [2]int64{a.attemptID, int64(a.position)}
		if _, ok := last[k]; !ok {
			order = append(order, k)
		}
		last[k] = a
	}
	if len(order) == 0 {
		return nil
	}
	args := make([]any, 0, 4*len(order))
	for _, k := range order {
		a := last[k]
		args = append(args, a.attemptID, a.position, a.choice, a.at)
	}
	_, err = tx.exec(ctx, `INSERT INTO contest_answers (attempt_id, position, choice, saved_at) VALUES `+valueRows(4, len(order))+`
		ON CONFLICT (attempt_id, position) DO UPDATE SET choice = excluded.choice, saved_at = excluded.saved_at`, args...)
	return err
}}

// openAttempts returns which of the attempts are open, in rounds not closed.
func openAttempts(ctx context.Context, tx *Tx, ids []int64) (map[int64]bool, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := tx.query(ctx, `SELECT a.id FROM contest_attempts a JOIN contest_rounds r ON r.id = a.round_id
		WHERE a.id IN (`+placeholders(len(args))+`) AND a.submitted_at IS NULL AND r.closed_at IS NULL`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	open := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		open[id] = true
	}
	return open, rows.Err()
}

// submission is an attempt to close, in time, with its prediction.
type submission struct {
	store      *ContestStore
	attempt    *attemptRow
	prediction int64
	at         time.Time
}

// submissions closes the attempts of a batch: graded with their saved answers, read in one
// statement, and closed in one more, with an audit record each; an attempt closed already,
// or in a round closed, is refused.
var submissions = &writeKind{apply: func(tx *Tx, ws []*write) error {
	ctx := context.Background()
	ids := make([]int64, len(ws))
	for i, w := range ws {
		ids[i] = w.item.(submission).attempt.id
	}
	answers, err := batchAnswers(ctx, tx, ids)
	if err != nil {
		return err
	}
	scores := make([]int, len(ws))
	args := make([]any, 0, 4*len(ws))
	for i, w := range ws {
		sub := w.item.(submission)
		if scores[i], err = sub.store.gradeWith(ctx, sub.attempt, answers[sub.attempt.id]); err != nil {
			return err
		}
		args = append(args, sub.attempt.id, sub.at, sub.prediction, scores[i])
	}
	closed, err := closeAttempts(ctx, tx, args, len(ws))
	if err != nil {
		return err
	}
	for i, w := range ws {
		sub := w.item.(submission)
		if !closed[sub.attempt.id] {
			w.err = tuyengiao.Errorf(tuyengiao.ECONFLICT, "Lượt thi này đã nộp bài hoặc vòng thi đã kết thúc.")
			continue
		}
		delete(closed, sub.attempt.id) // the one write of the batch that closed it
		if err := tx.db.audit(w.ctx, tx, &tuyengiao.AuditRecord{Action: "contest.submit", Object: attemptObject(sub.attempt.id),
			Detail: fmt.Sprintf("%s score=%d", contestantObject(sub.attempt.contestantID), scores[i])}); err != nil {
			return err
		}
	}
	return nil
}}

// closeAttempts sets submitted_at, prediction and score of the attempts of args (id, at,
// prediction, score, n times) still open in rounds not closed, in one statement, and returns
// those it closed.
func closeAttempts(ctx context.Context, tx *Tx, args []any, n int) (map[int64]bool, error) {
	row := "(" + strings.Join([]string{tx.db.typed("BIGINT"), tx.db.typed("TIMESTAMPTZ"), tx.db.typed("BIGINT"), tx.db.typed("INTEGER")}, ", ") + ")"
	rows, err := tx.query(ctx, `UPDATE contest_attempts SET submitted_at = v.column2, prediction = v.column3, score = v.column4
		FROM (VALUES `+strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")+`) AS v
		WHERE contest_attempts.id = v.column1 AND contest_attempts.submitted_at IS NULL
		AND EXISTS (SELECT 1 FROM contest_rounds r WHERE r.id = contest_attempts.round_id AND r.closed_at IS NULL)
		RETURNING contest_attempts.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	closed := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		closed[id] = true
	}
	return closed, rows.Err()
}

// typed returns a placeholder of the SQL type t: PostgreSQL cannot tell the types of the
// values of a VALUES list; SQLite needs no cast, and would mangle a time cast to a type
// whose name it does not know.
func (db *DB) typed(t string) string {
	if db.postgres {
		return "CAST(? AS " + t + ")"
	}
	return "?"
}

// batchAnswers reads the saved answers of the attempts, by attempt and position.
func batchAnswers(ctx context.Context, tx *Tx, ids []int64) (map[int64]map[int]uint8, error) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := tx.query(ctx, `SELECT attempt_id, position, choice FROM contest_answers WHERE attempt_id IN (`+placeholders(len(args))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]map[int]uint8{}
	for rows.Next() {
		var id int64
		var pos int
		var choice uint8
		if err := rows.Scan(&id, &pos, &choice); err != nil {
			return nil, err
		}
		if out[id] == nil {
			out[id] = map[int]uint8{}
		}
		out[id][pos] = choice
	}
	return out, rows.Err()
}

// gradeWith returns the score of an attempt with the answers given.
func (s *ContestStore) gradeWith(ctx context.Context, a *attemptRow, answers map[int]uint8) (int, error) {
	qs, err := s.bank.get(ctx, s.db, a.questions)
	if err != nil {
		return 0, err
	}
	keys := make([]uint8, len(qs))
	for i, q := range qs {
		keys[i] = q.Key()
	}
	return contest.Grade(keys, answers), nil
}

// attemptStart is an attempt to open; the batch sets id: the attempt opened, or the
// contestant's attempt still running.
type attemptStart struct {
	store                         *ContestStore
	contestantID, roundID, unitID int64
	allowed                       int
	seed                          uint64
	drawn                         []int64
	at, deadline                  time.Time
	id                            int64
}

// attemptStarts opens the attempts of a batch: a contestant's attempt still running is
// answered instead, one left open past its deadline is closed first with what was saved; in
// a round closed, or past the round's limit, a start is refused. The new attempts are
// written in one statement; one that a start on another node beat is refused as ECONFLICT.
var attemptStarts = &writeKind{apply: func(tx *Tx, ws []*write) error {
	ctx := context.Background()
	starts := make([]*attemptStart, len(ws))
	for i, w := range ws {
		starts[i] = w.item.(*attemptStart)
	}
	running, err := runningAttempts(ctx, tx, starts)
	if err != nil {
		return err
	}
	taken, closed, err := attemptsTaken(ctx, tx, starts)
	if err != nil {
		return err
	}
	first := map[int64]*attemptStart{} // by contestant: the start of the batch that opens
	var fresh []*attemptStart
	for i, st := range starts {
		switch n := taken[[2]int64{st.roundID, st.contestantID}] + 1; {
		case running[st.contestantID] != 0 || first[st.contestantID] != nil:
		case closed[st.roundID]:
			ws[i].err = tuyengiao.Errorf(tuyengiao.EINVALID, "Vòng thi đã kết thúc.")
		case n > st.allowed:
			ws[i].err = tuyengiao.Errorf(tuyengiao.EINVALID, "Bạn đã dùng hết %d lượt thi của vòng này.", st.allowed)
		default:
			first[st.contestantID] = st
			fresh = append(fresh, st)
		}
	}
	opened, err := insertAttempts(ctx, tx, fresh, taken)
	if err != nil {
		return err
	}
	for i, st := range starts {
		switch {
		case ws[i].err != nil:
		case running[st.contestantID] != 0:
			st.id = running[st.contestantID]
		case opened[st.contestantID] == 0:
			ws[i].err = tuyengiao.Errorf(tuyengiao.ECONFLICT, "Bạn đang có một lượt thi chưa nộp.")
		default:
			st.id = opened[st.contestantID]
		}
	}
	for i, st := range starts {
		if id := opened[st.contestantID]; id != 0 && first[st.contestantID] == st {
			if err := tx.db.audit(ws[i].ctx, tx, &tuyengiao.AuditRecord{Action: "contest.start", Object: attemptObject(id),
				UnitID: st.unitID, Detail: contestantObject(st.contestantID)}); err != nil {
				return err
			}
		}
	}
	return nil
}}

// runningAttempts returns, by contestant, the open attempt of each contestant of starts whose
// deadline has not passed at its start; those past it are closed, graded with what was saved.
func runningAttempts(ctx context.Context, tx *Tx, starts []*attemptStart) (map[int64]int64, error) {
	args := make([]any, len(starts))
	at := map[int64]time.Time{}
	for i, st := range starts {
		args[i], at[st.contestantID] = st.contestantID, st.at
	}
	rows, err := tx.query(ctx, attemptSelect+` WHERE a.contestant_id IN (`+placeholders(len(args))+`) AND a.submitted_at IS NULL`, args...)
	if err != nil {
		return nil, err
	}
	var expired []*attemptRow
	running := map[int64]int64{}
	for rows.Next() {
		a, err := scanAttempt(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		if !at[a.contestantID].After(a.deadline.Add(lateGrace)) {
			running[a.contestantID] = a.id
		} else {
			expired = append(expired, a)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, a := range expired {
		if err := starts[0].store.closeLate(ctx, tx, a); err != nil {
			return nil, err
		}
	}
	return running, nil
}

// attemptsTaken returns how many attempts each contestant of starts has made in the round,
// by round and contestant, and which of the rounds are closed.
func attemptsTaken(ctx context.Context, tx *Tx, starts []*attemptStart) (map[[2]int64]int, map[int64]bool, error) {
	who, rounds := make([]any, len(starts)), map[int64]bool{}
	for i, st := range starts {
		who[i], rounds[st.roundID] = st.contestantID, true
	}
	rows, err := tx.query(ctx, `SELECT round_id, contestant_id, MAX(number) FROM contest_attempts
		WHERE contestant_id IN (`+placeholders(len(who))+`) GROUP BY round_id, contestant_id`, who...)
	if err != nil {
		return nil, nil, err
	}
	taken := map[[2]int64]int{}
	for rows.Next() {
		var k [2]int64
		var n int
		if err := rows.Scan(&k[0], &k[1], &n); err != nil {
			rows.Close()
			return nil, nil, err
		}
		taken[k] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	closed := map[int64]bool{}
	for id := range rounds {
		var at sql.NullTime
		if err := tx.queryRow(ctx, `SELECT closed_at FROM contest_rounds WHERE id = ?`, id).Scan(&at); err != nil {
			return nil, nil, err
		}
		closed[id] = at.Valid
	}
	return taken, closed, nil
}

// insertAttempts writes the attempts of starts, numbered after those taken, in one
// statement, and returns the ids of those written by contestant: one a constraint refused
// (another node's start won) is left out.
func insertAttempts(ctx context.Context, tx *Tx, starts []*attemptStart, taken map[[2]int64]int) (map[int64]int64, error) {
	opened := map[int64]int64{}
	if len(starts) == 0 {
		return opened, nil
	}
	args := make([]any, 0, 8*len(starts))
	for _, st := range starts {
		args = append(args, st.roundID, st.contestantID, taken[[2]int64{st.roundID, st.contestantID}]+1, st.allowed,
			int64(st.seed), idList(st.drawn), st.at, st.deadline)
	}
	rows, err := tx.query(ctx, `INSERT INTO contest_attempts (round_id, contestant_id, number, allowed, seed, questions, started_at,
		deadline, prediction, score, late) VALUES `+strings.TrimSuffix(strings.Repeat("("+placeholders(8)+", 0, 0, FALSE), ", len(starts)), ", ")+`
		ON CONFLICT DO NOTHING RETURNING id, contestant_id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, who int64
		if err := rows.Scan(&id, &who); err != nil {
			return nil, err
		}
		opened[who] = id
	}
	return opened, rows.Err()
}
