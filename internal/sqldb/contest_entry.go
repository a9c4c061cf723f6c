package sqldb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"tuyengiao"
	"tuyengiao/internal/contest"
	"tuyengiao/internal/vn"
)

// What contestants do goes through the batcher: registrations, attempt starts, answer saves
// and submissions come by the thousand in the first minute of a round. Each takes its round's
// lock shared (roundLock); closing the round takes it exclusive, so that on PostgreSQL no
// entry commits after the round is closed. The time of a write is when its request arrived,
// never the client's clock.

// roundLock names the advisory lock of a round's entries.
func roundLock(roundID int64) lockKey { return lockKey{7310013, roundID} }

func contestantObject(id int64) string { return "contestant:" + strconv.FormatInt(id, 10) }

func attemptObject(id int64) string { return "attempt:" + strconv.FormatInt(id, 10) }

// PIN lock-out: pinTries wrong PINs in a row lock the phone out for pinLockout.
const (
	pinTries   = 5
	pinLockout = 15 * time.Minute
)

// Register implements tuyengiao.ContestService: registration is open until the last round
// closes; the unit, when picked, lies in the organising unit's subtree. The phone is
// normalised (vn.Phone) and unique per contest by a constraint. The audit record names the
// contestant by id only, without their address: nothing personal outlives the purge there.
func (s *ContestStore) Register(ctx context.Context, c *tuyengiao.Contestant, pin string) error {
	now := s.db.now()
	c.FullName, c.Address, c.Phone = vn.NFC(c.FullName), vn.NFC(c.Address), vn.Phone(c.Phone)
	if err := c.Validate(now.In(vn.Zone).Year()); err != nil {
		return err
	} else if !tuyengiao.ValidPIN(pin) {
		return tuyengiao.FieldError("pin", "Mã PIN gồm đúng 6 chữ số.")
	}
	r, err := s.rules(ctx, c.ContestID)
	if err != nil {
		return err
	}
	k, path := r.contest, r.path
	if n := len(k.Rounds); n == 0 || !now.Before(k.Rounds[n-1].ClosesAt) {
		return tuyengiao.Errorf(tuyengiao.EINVALID, "Cuộc thi chưa mở đăng ký hoặc đã kết thúc.")
	}
	if c.UnitID != 0 {
		u, err := loadUnit(ctx, s.db, c.UnitID)
		if err != nil || !tuyengiao.InSubtree(u.Path, path) {
			return tuyengiao.FieldError("unit_id", "Đơn vị đã chọn không thuộc phạm vi cuộc thi.")
		}
		c.UnitName = u.Name
	}
	hash := contest.HashPIN(pin)
	return s.db.batched(ctx, lockKey{}, false, func(ctx context.Context, tx *Tx) error {
		err := tx.queryRow(ctx, `INSERT INTO contestants (contest_id, full_name, name_key, birth_year, phone, unit_id, address,
			pin_hash, pin_failures, client, registered_at, purged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, FALSE) RETURNING id`,
			c.ContestID, c.FullName, vn.Fold(c.FullName), c.BirthYear, c.Phone, nullInt64(c.UnitID), c.Address,
			hash, c.Client, now).Scan(&c.ID)
		if uniqueViolation(err) {
			return tuyengiao.FieldError("phone", "Số điện thoại này đã đăng ký dự thi. Hãy vào thi bằng số điện thoại và mã PIN đã chọn.")
		} else if err != nil {
			return err
		}
		c.RegisteredAt, c.Credential = now, credential(hash)
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "contest.register", Object: contestantObject(c.ID),
			UnitID: k.UnitID, Detail: contestObject(k.ID)})
	})
}

const contestantColumns = `t.id, t.contest_id, t.full_name, t.birth_year, t.phone, COALESCE(t.unit_id, 0), COALESCE(u.name, ''),
	t.address, t.registered_at, t.purged, t.pin_hash`

const contestantFrom = ` FROM contestants t LEFT JOIN units u ON u.id = t.unit_id`

func scanContestant(row interface{ Scan(...any) error }) (*tuyengiao.Contestant, error) {
	c := &tuyengiao.Contestant{}
	var pinHash string
	err := row.Scan(&c.ID, &c.ContestID, &c.FullName, &c.BirthYear, &c.Phone, &c.UnitID, &c.UnitName, &c.Address, &c.RegisteredAt,
		&c.Purged, &pinHash)
	c.RegisteredAt, c.Credential = c.RegisteredAt.UTC(), credential(pinHash)
	return c, err
}

// credential derives a contestant's Credential from the hash of their PIN, whose salt is new
// with every PIN set: a digest of it, which says nothing of the PIN.
func credential(pinHash string) string {
	sum := sha256.Sum256([]byte(pinHash))
	return hex.EncodeToString(sum[:8])
}

// FindContestant returns a contestant for the contestant themself (the web layer knows them
// by a signed cookie) or ENOTFOUND.
func (s *ContestStore) FindContestant(ctx context.Context, id int64) (*tuyengiao.Contestant, error) {
	c, err := scanContestant(s.db.preparedRow(ctx, `SELECT `+contestantColumns+contestantFrom+` WHERE t.id = ? AND NOT t.purged`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy người dự thi.")
	}
	return c, err
}

// SignIn implements tuyengiao.ContestService: pinTries wrong PINs in a row lock the phone out
// for pinLockout. A guess is counted before its PIN is checked, in one statement that refuses
// it past the limit, so that guesses sent at once are each counted; a wrong PIN and an
// unknown phone get the same answer, after the same work. Its writes go through the batcher,
// each answered after its commit: a round's opening brings thousands of sign-ins at once.
func (s *ContestStore) SignIn(ctx context.Context, contestID int64, phone, pin string) (*tuyengiao.Contestant, error) {
	wrong := tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Số điện thoại hoặc mã PIN không đúng.")
	now := s.db.now()
	var id int64
	var hash string
	var tries int
	err := s.db.batched(ctx, lockKey{}, false, func(ctx context.Context, tx *Tx) error {
		return tx.queryRow(ctx, `UPDATE contestants SET pin_failures = pin_failures + 1
			WHERE contest_id = ? AND phone = ? AND phone <> '' AND pin_failures < ? AND (locked_until IS NULL OR locked_until <= ?)
			RETURNING id, pin_hash, pin_failures`, contestID, vn.Phone(phone), pinTries, now).Scan(&id, &hash, &tries)
	})
	if errors.Is(err, sql.ErrNoRows) {
		contest.CheckPIN(unknownPINHash(), pin)
		return nil, s.refusedGuess(ctx, contestID, phone, now, wrong)
	} else if err != nil {
		return nil, err
	}
	if contest.CheckPIN(hash, pin) {
		if err := s.db.batched(ctx, lockKey{}, false, func(ctx context.Context, tx *Tx) error {
			_, err := tx.exec(ctx, `UPDATE contestants SET pin_failures = 0 WHERE id = ?`, id)
			return err
		}); err != nil {
			return nil, err
		}
		return s.FindContestant(ctx, id)
	}
	err = s.db.batched(ctx, lockKey{}, false, func(ctx context.Context, tx *Tx) error {
		if tries >= pinTries {
			if _, err := tx.exec(ctx, `UPDATE contestants SET pin_failures = 0, locked_until = ? WHERE id = ?`, now.Add(pinLockout), id); err != nil {
				return err
			}
		}
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "contest.signin", Object: contestantObject(id),
			Outcome: tuyengiao.OutcomeDenied, Detail: contestObject(contestID)})
	})
	return nil, errors.Join(wrong, err)
}

// unknownPINHash is the hash an unknown phone's guess is checked against, so that it takes
// as long as a known phone's.
var unknownPINHash = sync.OnceValue(func() string { return contest.HashPIN("000000") })

// refusedGuess answers a guess SignIn did not count: for a phone locked out, or at its limit
// while other guesses are checked, when it may try again; otherwise wrong.
func (s *ContestStore) refusedGuess(ctx context.Context, contestID int64, phone string, now time.Time, wrong error) error {
	var failures int
	var locked sql.NullTime
	err := s.db.queryRow(ctx, `SELECT pin_failures, locked_until FROM contestants WHERE contest_id = ? AND phone = ? AND phone <> ''`,
		contestID, vn.Phone(phone)).Scan(&failures, &locked)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return wrong
	case err != nil:
		return err
	case locked.Valid && now.Before(locked.Time):
		return tuyengiao.Errorf(tuyengiao.ETOOMANY, "Số điện thoại này tạm khóa vì nhập sai mã PIN nhiều lần; hãy thử lại sau %s.", locked.Time.UTC())
	case failures >= pinTries:
		return tuyengiao.Errorf(tuyengiao.ETOOMANY, "Số điện thoại này tạm khóa vì nhập sai mã PIN nhiều lần; hãy thử lại sau %s.", now.Add(pinLockout))
	}
	return wrong
}

// ResetPIN sets a contestant's PIN anew and lifts a lock-out, for the organiser (who checked
// who is asking): ActionContestEdit at the organising unit.
func (s *ContestStore) ResetPIN(ctx context.Context, contestantID int64, pin string) error {
	if !tuyengiao.ValidPIN(pin) {
		return tuyengiao.FieldError("pin", "Mã PIN gồm đúng 6 chữ số.")
	}
	c, err := s.FindContestant(ctx, contestantID)
	if err != nil {
		return err
	}
	k, err := s.editable(ctx, c.ContestID)
	if err != nil {
		return err
	}
	return s.db.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `UPDATE contestants SET pin_hash = ?, pin_failures = 0, locked_until = NULL WHERE id = ?`,
			contest.HashPIN(pin), contestantID); err != nil {
			return err
		}
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "contest.reset_pin", Object: contestantObject(contestantID),
			UnitID: k.UnitID, Detail: contestObject(k.ID)})
	})
}

// attemptRow is an attempt as stored.
type attemptRow struct {
	id, roundID, contestantID int64
	contestID                 int64
	number                    int
	seed                      uint64
	questions                 []int64
	started, deadline         time.Time
	submitted                 sql.NullTime
	prediction                int64
	score                     int
	late                      bool
}

// attemptSelect reads attemptRows; a condition on a. follows.
const attemptSelect = `SELECT a.id, a.round_id, a.contestant_id, a.number, a.seed, a.questions, a.started_at, a.deadline,
	a.submitted_at, a.prediction, a.score, a.late, r.contest_id FROM contest_attempts a JOIN contest_rounds r ON r.id = a.round_id`

func scanAttempt(row interface{ Scan(...any) error }) (*attemptRow, error) {
	a := &attemptRow{}
	var seed int64
	var questions string
	err := row.Scan(&a.id, &a.roundID, &a.contestantID, &a.number, &seed, &questions, &a.started, &a.deadline, &a.submitted,
		&a.prediction, &a.score, &a.late, &a.contestID)
	if err != nil {
		return nil, err
	}
	a.seed, a.started, a.deadline = uint64(seed), a.started.UTC(), a.deadline.UTC()
	if a.questions, err = parseIDList(questions); err != nil {
		return nil, fmt.Errorf("attempt %d: %w", a.id, err)
	}
	return a, nil
}

// parseIDList reads the ids idList wrote.
func parseIDList(list string) ([]int64, error) {
	var ids []int64
	if list == "" {
		return nil, nil
	}
	for f := range strings.SplitSeq(list, ",") {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func idList(ids []int64) string {
	f := make([]string, len(ids))
	for i, id := range ids {
		f[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(f, ",")
}

// contestantAttempt reads an attempt of the contestant, or ENOTFOUND.
func (s *ContestStore) contestantAttempt(ctx context.Context, contestantID, attemptID int64) (*attemptRow, error) {
	a, err := scanAttempt(s.db.preparedRow(ctx, attemptSelect+` WHERE a.id = ? AND a.contestant_id = ?`,
		attemptID, contestantID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy lượt thi.")
	}
	return a, err
}

// openRound returns the round of c open at now, or an EINVALID saying when the next opens.
func openRound(c *tuyengiao.Contest, now time.Time) (*tuyengiao.Round, error) {
	for i := range c.Rounds {
		r := &c.Rounds[i]
		if r.Open(now) {
			return r, nil
		} else if now.Before(r.OpensAt) {
			return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Vòng thi chưa mở: vòng %v mở lúc %s.", r.Number, r.OpensAt)
		}
	}
	return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Cuộc thi đã kết thúc.")
}

// StartAttempt implements tuyengiao.ContestService. The questions are drawn by a seed the
// server keeps; the deadline is the time limit from now, or the round's close when sooner.
// An attempt of the contestant left open past its deadline is closed first, graded with what
// was saved; one still running is returned instead of a new one. The attempt's number and
// the round's limit, and one open attempt per contestant, are constraints.
func (s *ContestStore) StartAttempt(ctx context.Context, contestantID int64) (*tuyengiao.Attempt, error) {
	now := s.db.instant()
	who, err := s.FindContestant(ctx, contestantID)
	if err != nil {
		return nil, err
	}
	rules, err := s.rules(ctx, who.ContestID)
	if err != nil {
		return nil, err
	}
	c, bank := rules.contest, rules.bank
	r, err := openRound(c, now)
	if err != nil {
		return nil, err
	}
	if len(c.Draw) == 0 {
		return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Cuộc thi chưa sẵn sàng: ban tổ chức chưa chọn câu hỏi cho lượt thi.")
	}
	var b [8]byte
	rand.Read(b[:])
	seed := binary.LittleEndian.Uint64(b[:])
	drawn, err := contest.Draw(seed, c.Draw, bank)
	if err != nil {
		return nil, err
	}
	deadline := now.Add(time.Duration(c.TimeLimit) * time.Second)
	if deadline.After(r.ClosesAt) {
		deadline = r.ClosesAt
	}
	st := &attemptStart{store: s, contestantID: contestantID, roundID: r.ID, unitID: c.UnitID, allowed: c.AttemptsPerRound,
		seed: seed, drawn: drawn, at: now, deadline: deadline}
	err = s.db.batch.submit(&write{ctx: ctx, kind: attemptStarts, lock: roundLock(r.ID), item: st})
	id := st.id
	if tuyengiao.ErrorCode(err) == tuyengiao.ECONFLICT {
		// Another node opened one at the same moment: it is the contestant's attempt.
		if e := s.db.queryRow(ctx, `SELECT id FROM contest_attempts WHERE contestant_id = ? AND submitted_at IS NULL`, contestantID).Scan(&id); e == nil {
			err = nil
		}
	}
	if err != nil {
		return nil, err
	}
	return s.FindAttempt(ctx, contestantID, id)
}

// bankIDs returns the contest's question ids by category.
func (s *ContestStore) bankIDs(ctx context.Context, contestID int64) (map[int64][]int64, error) {
	rows, err := s.db.query(ctx, `SELECT id, category_id FROM contest_questions WHERE contest_id = ? ORDER BY id`, contestID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	bank := map[int64][]int64{}
	for rows.Next() {
		var id, category int64
		if err := rows.Scan(&id, &category); err != nil {
			return nil, err
		}
		bank[category] = append(bank[category], id)
	}
	return bank, rows.Err()
}

// grade returns the score of an attempt from its saved answers.
func (s *ContestStore) grade(ctx context.Context, q interface {
	query(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}, a *attemptRow) (int, error) {
	answers, err := savedAnswers(ctx, q, a.id)
	if err != nil {
		return 0, err
	}
	return s.gradeWith(ctx, a, answers)
}

// savedAnswers reads an attempt's answers by position, in the bank's order of options.
func savedAnswers(ctx context.Context, q interface {
	query(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}, attemptID int64) (map[int]uint8, error) {
	rows, err := q.query(ctx, `SELECT position, choice FROM contest_answers WHERE attempt_id = ?`, attemptID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int]uint8{}
	for rows.Next() {
		var pos int
		var choice uint8
		if err := rows.Scan(&pos, &choice); err != nil {
			return nil, err
		}
		out[pos] = choice
	}
	return out, rows.Err()
}

// closeLate closes an open attempt at its deadline, graded with what was saved.
func (s *ContestStore) closeLate(ctx context.Context, tx *Tx, a *attemptRow) error {
	score, err := s.grade(ctx, tx, a)
	if err != nil {
		return err
	}
	res, err := tx.exec(ctx, `UPDATE contest_attempts SET submitted_at = deadline, score = ?, late = TRUE
		WHERE id = ? AND submitted_at IS NULL`, score, a.id)
	if err != nil {
		return err
	} else if n, _ := res.RowsAffected(); n == 0 {
		return nil // closed already, by another node or the round's close
	}
	return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "contest.late", Object: attemptObject(a.id),
		Detail: fmt.Sprintf("%s score=%d", contestantObject(a.contestantID), score)})
}

// SaveAnswer implements tuyengiao.ContestService: choice is as shown (bit i: the i-th option
// shown), one bit at most for a single-choice question, none to clear the answer. It is
// refused once the attempt's deadline has passed or the attempt is submitted.
func (s *ContestStore) SaveAnswer(ctx context.Context, contestantID, attemptID int64, position int, choice uint8) error {
	now := s.db.instant()
	a, err := s.contestantAttempt(ctx, contestantID, attemptID)
	if err != nil {
		return err
	} else if err := stillOpen(a, now); err != nil {
		return err
	} else if position < 0 || position >= len(a.questions) {
		return tuyengiao.FieldError("position", "Không có câu hỏi số %v trong lượt thi.", position+1)
	}
	qs, err := s.bank.get(ctx, s.db, a.questions[position:position+1])
	if err != nil {
		return err
	}
	q := qs[0]
	if choice>>len(q.Options) != 0 || !q.Multiple && bits.OnesCount8(choice) > 1 {
		return tuyengiao.FieldError("choice", "Câu %v: lựa chọn không hợp lệ.", position+1)
	}
	stored := contest.Stored(contest.Order(a.seed, position, len(q.Options)), choice)
	return s.db.batch.submit(&write{ctx: ctx, kind: answerSaves, lock: roundLock(a.roundID), item: answerSave{a.id, position, stored, now}})
}

// lateGrace is how long after an attempt's deadline its answers and its submission are still
// taken: what the network takes to carry a form sent in time (a page without scripts sends
// every answer with the submission), not time to answer.
const lateGrace = 3 * time.Second

// stillOpen refuses an attempt submitted, or past its deadline and lateGrace at now.
func stillOpen(a *attemptRow, now time.Time) error {
	if a.submitted.Valid {
		return tuyengiao.Errorf(tuyengiao.ECONFLICT, "Lượt thi này đã nộp bài.")
	} else if now.After(a.deadline.Add(lateGrace)) {
		return tuyengiao.Errorf(tuyengiao.EINVALID, "Đã hết giờ làm bài lúc %s; bài được chấm với các câu trả lời đã lưu.", a.deadline)
	}
	return nil
}

// Submit implements tuyengiao.ContestService: the attempt is graded with its saved answers
// and closed at the time the request arrived. Past its deadline and lateGrace it is closed at
// the deadline instead, without the prediction, and returned with Late set.
func (s *ContestStore) Submit(ctx context.Context, contestantID, attemptID int64, prediction int64) (*tuyengiao.Attempt, error) {
	now := s.db.instant()
	a, err := s.contestantAttempt(ctx, contestantID, attemptID)
	if err != nil {
		return nil, err
	} else if a.submitted.Valid {
		return nil, tuyengiao.Errorf(tuyengiao.ECONFLICT, "Lượt thi này đã nộp bài.")
	} else if prediction < 0 || prediction > 1_000_000_000 {
		return nil, tuyengiao.FieldError("prediction", "Số dự đoán phải từ 0 đến 1.000.000.000.")
	}
	if now.After(a.deadline.Add(lateGrace)) {
		err = s.db.batched(ctx, roundLock(a.roundID), false, func(ctx context.Context, tx *Tx) error { return s.closeLate(ctx, tx, a) })
	} else {
		err = s.db.batch.submit(&write{ctx: ctx, kind: submissions, lock: roundLock(a.roundID), item: submission{s, a, prediction, now}})
	}
	if err != nil {
		return nil, err
	}
	return s.FindAttempt(ctx, contestantID, attemptID)
}

// FindAttempt implements tuyengiao.ContestService: the questions in the attempt's order with
// their options as shown and the saved answers; the right answers once submitted, when the
// contest shows them after submission or the round is closed. An attempt found open past its
// deadline is closed first.
func (s *ContestStore) FindAttempt(ctx context.Context, contestantID, attemptID int64) (*tuyengiao.Attempt, error) {
	a, err := s.contestantAttempt(ctx, contestantID, attemptID)
	if err != nil {
		return nil, err
	}
	if !a.submitted.Valid && s.db.instant().After(a.deadline.Add(lateGrace)) {
		if err := s.db.batched(ctx, roundLock(a.roundID), false, func(ctx context.Context, tx *Tx) error {
			return s.closeLate(ctx, tx, a)
		}); err != nil {
			return nil, err
		}
		if a, err = s.contestantAttempt(ctx, contestantID, attemptID); err != nil {
			return nil, err
		}
	}
	rules, err := s.rules(ctx, a.contestID)
	if err != nil {
		return nil, err
	}
	round := rules.round(a.roundID)
	reveal := a.submitted.Valid && (rules.contest.ShowAnswers == tuyengiao.AnswersAfterSubmit || round != nil && !round.ClosedAt.IsZero())
	out := &tuyengiao.Attempt{ID: a.id, RoundID: a.roundID, ContestantID: a.contestantID, Number: a.number,
		StartedAt: a.started, Deadline: a.deadline, Prediction: a.prediction, Late: a.late, Answers: map[int]uint8{}}
	if a.submitted.Valid {
		out.SubmittedAt, out.Score = a.submitted.Time.UTC(), a.score
	}
	questions, err := s.shownQuestions(ctx, a, reveal)
	if err != nil {
		return nil, err
	}
	answers, err := savedAnswers(ctx, s.db, a.id)
	if err != nil {
		return nil, err
	}
	for pos, stored := range answers {
		if pos < len(questions) {
			out.Answers[pos] = contest.Shown(contest.Order(a.seed, pos, len(questions[pos].Options)), stored)
		}
	}
	out.Questions = questions
	return out, nil
}

// Attempts implements tuyengiao.ContestService.
func (s *ContestStore) Attempts(ctx context.Context, contestantID int64) ([]*tuyengiao.Attempt, error) {
	// The rounds of the contestant's contest let the attempts be found by the index of their
	// numbers (round, contestant): by contestant_id alone a page view reads every attempt.
	rows, err := s.db.query(ctx, attemptSelect+` WHERE a.round_id IN (SELECT r2.id FROM contest_rounds r2
		JOIN contestants t ON t.contest_id = r2.contest_id WHERE t.id = ?) AND a.contestant_id = ? ORDER BY a.id DESC`,
		contestantID, contestantID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*tuyengiao.Attempt
	for rows.Next() {
		a, err := scanAttempt(rows)
		if err != nil {
			return nil, err
		}
		at := &tuyengiao.Attempt{ID: a.id, RoundID: a.roundID, ContestantID: a.contestantID, Number: a.number,
			StartedAt: a.started, Deadline: a.deadline, Prediction: a.prediction, Late: a.late}
		if a.submitted.Valid {
			at.SubmittedAt, at.Score = a.submitted.Time.UTC(), a.score
		}
		out = append(out, at)
	}
	return out, rows.Err()
}

// shownQuestions returns the attempt's questions as shown: in its order, options in their
// order for the attempt, with the right ones and the explanation when reveal.
func (s *ContestStore) shownQuestions(ctx context.Context, a *attemptRow, reveal bool) ([]tuyengiao.ShownQuestion, error) {
	qs, err := s.bank.get(ctx, s.db, a.questions)
	if err != nil {
		return nil, err
	}
	out := make([]tuyengiao.ShownQuestion, len(qs))
	for pos, q := range qs {
		order := contest.Order(a.seed, pos, len(q.Options))
		sq := tuyengiao.ShownQuestion{Text: q.Text, Multiple: q.Multiple, Options: make([]string, len(order))}
		for i, o := range order {
			sq.Options[i] = q.Options[o].Text
		}
		if reveal {
			sq.Right, sq.Explanation = contest.Shown(order, q.Key()), q.Explanation
		}
		out[pos] = sq
	}
	return out, nil
}

// ContestUnits implements tuyengiao.ContestService: up to limit open units of the contest's
// organising subtree whose name or code holds q (folded), shallowest first. Public, as the
// registration form's unit picker asks it.
func (s *ContestStore) ContestUnits(ctx context.Context, contestID int64, q string, limit int) ([]*tuyengiao.Unit, error) {
	if q = vn.Fold(q); utf8.RuneCountInString(q) < 2 {
		return nil, nil
	}
	r, err := s.rules(ctx, contestID)
	if err != nil {
		return nil, err
	}
	lo, hi := subtreeRange(r.path)
	like := "%" + likeEscape(q) + "%"
	rows, err := s.db.query(ctx, `SELECT id, name, path FROM units WHERE path >= ? AND path < ? AND closed_at IS NULL
		AND (name_folded LIKE ? ESCAPE '\' OR code_folded LIKE ? ESCAPE '\') ORDER BY length(path), name_folded LIMIT ?`,
		lo, hi, like, like, min(max(limit, 1), 50))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*tuyengiao.Unit
	for rows.Next() {
		u := &tuyengiao.Unit{}
		if err := rows.Scan(&u.ID, &u.Name, &u.Path); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}
