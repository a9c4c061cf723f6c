package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// ContestStore is the storage of contests: their setup and question banks (this file), what
// contestants do (contest_entry.go) and the closing of rounds (contest_close.go). A contest
// itself is public: reading it needs no principal; setting it up needs ActionContestEdit at
// its organising unit, and every change is audited.
type ContestStore struct {
	db *DB
	// bank keeps the questions drawn, by id: a question does not change once drawn (a
	// contest's bank is frozen with its rules). contests keeps contests (contest_cache.go).
	bank     *questionCache
	contests *versioned[int64, contestStamp, *contestRules]
	// questionCounts keeps the counts of the questions of closed rounds (QuestionStats), by
	// round, under the time it was closed.
	questionCounts *versioned[int64, int64, map[int64]questionCount]
}

var _ tuyengiao.ContestService = (*ContestStore)(nil)

// ContestStore returns the store of contests.
func (db *DB) ContestStore() *ContestStore {
	db.contestsOnce.Do(func() {
		db.contests = &ContestStore{db: db, bank: newQuestionCache(),
			contests:       newVersioned[int64, contestStamp, *contestRules](maxCachedContests),
			questionCounts: newVersioned[int64, int64, map[int64]questionCount](maxCachedRounds)}
	})
	return db.contests
}

// contestSecret names the key of the contests' public pages in the secrets table.
const contestSecret = "contest"

// ContestKey returns the key that signs what the contests' public pages hand to browsers:
// made at random by Migrate, the same on every node, shown nowhere.
func (db *DB) ContestKey(ctx context.Context) ([]byte, error) {
	var key string
	err := db.queryRow(ctx, `SELECT value FROM secrets WHERE name = ?`, contestSecret).Scan(&key)
	return []byte(key), err
}

func contestObject(id int64) string { return "contest:" + strconv.FormatInt(id, 10) }

const contestColumns = `c.id, c.unit_id, u.name, c.title, c.rules, c.consent, c.retention_days, c.draw, c.time_limit,
	c.attempts_per_round, c.counts, c.show_answers, c.prediction, c.prediction_text, c.ranking, c.prizes,
	c.unit_prize, c.unit_prizes, c.created_at, c.updated_at, u.path`

const contestFrom = ` FROM contests c JOIN units u ON u.id = c.unit_id`

// scanContest reads a row of contestColumns: the contest without its rounds, and the path of
// its organising unit.
func scanContest(row interface{ Scan(...any) error }) (*tuyengiao.Contest, string, error) {
	c := &tuyengiao.Contest{}
	var draw, ranking, prizes, path string
	err := row.Scan(&c.ID, &c.UnitID, &c.UnitName, &c.Title, &c.Rules, &c.Consent, &c.RetentionDays, &draw, &c.TimeLimit,
		&c.AttemptsPerRound, &c.Counts, &c.ShowAnswers, &c.Prediction, &c.PredictionText, &ranking, &prizes,
		&c.UnitPrize, &c.UnitPrizes, &c.CreatedAt, &c.UpdatedAt, &path)
	if err != nil {
		return nil, "", err
	}
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	for k := range strings.SplitSeq(ranking, ",") {
		c.Ranking = append(c.Ranking, tuyengiao.RankKey(k))
	}
	if err := errors.Join(json.Unmarshal([]byte(draw), &c.Draw), json.Unmarshal([]byte(prizes), &c.Prizes)); err != nil {
		return nil, "", fmt.Errorf("contest %d: %w", c.ID, err)
	}
	return c, path, nil
}

// contestValues returns the values of the columns of contests from title to unit_prizes.
func contestValues(c *tuyengiao.Contest) []any {
	draw, _ := json.Marshal(nonNilSlice(c.Draw))
	prizes, _ := json.Marshal(nonNilSlice(c.Prizes))
	keys := make([]string, len(c.Ranking))
	for i, k := range c.Ranking {
		keys[i] = string(k)
	}
	return []any{c.Title, c.Rules, c.Consent, c.RetentionDays, string(draw), c.TimeLimit, c.AttemptsPerRound,
		c.Counts, c.ShowAnswers, c.Prediction, c.PredictionText, strings.Join(keys, ","), string(prizes),
		c.UnitPrize, c.UnitPrizes}
}

func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// loadContest reads a contest with its rounds, and the path of its organising unit, or
// returns ENOTFOUND.
func loadContest(ctx context.Context, q interface {
	querier
	query(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}, id int64) (*tuyengiao.Contest, string, error) {
	c, path, err := scanContest(q.queryRow(ctx, `SELECT `+contestColumns+contestFrom+` WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy cuộc thi.")
	} else if err != nil {
		return nil, "", err
	}
	rows, err := q.query(ctx, `SELECT id, number, opens_at, closes_at, closed_at, target FROM contest_rounds
		WHERE contest_id = ? ORDER BY number`, id)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	for rows.Next() {
		r := tuyengiao.Round{ContestID: id}
		var closed sql.NullTime
		if err := rows.Scan(&r.ID, &r.Number, &r.OpensAt, &r.ClosesAt, &closed, &r.Target); err != nil {
			return nil, "", err
		}
		r.OpensAt, r.ClosesAt = r.OpensAt.UTC(), r.ClosesAt.UTC()
		if closed.Valid {
			r.ClosedAt = closed.Time.UTC()
		}
		c.Rounds = append(c.Rounds, r)
	}
	return c, path, rows.Err()
}

// FindContestByID implements tuyengiao.ContestService: a contest is public. Every public page
// and every contestant's request asks it, so it comes from the node's cache, as a copy the
// caller may change.
func (s *ContestStore) FindContestByID(ctx context.Context, id int64) (*tuyengiao.Contest, error) {
	r, err := s.rules(ctx, id)
	if err != nil {
		return nil, err
	}
	c := *r.contest
	c.Draw, c.Ranking, c.Prizes, c.Rounds = slices.Clone(c.Draw), slices.Clone(c.Ranking), slices.Clone(c.Prizes), slices.Clone(c.Rounds)
	return &c, nil
}

// FindContests implements tuyengiao.ContestService: the contests organised in unitID's subtree
// (every contest for 0), latest first. Contests are public.
func (s *ContestStore) FindContests(ctx context.Context, unitID int64) ([]*tuyengiao.Contest, error) {
	where, args := "", []any{}
	if unitID != 0 {
		path, err := s.db.unitPath(ctx, s.db, unitID)
		if err != nil {
			return nil, err
		}
		lo, hi := subtreeRange(path)
		where, args = ` WHERE u.path >= ? AND u.path < ?`, []any{lo, hi}
	}
	ids, err := queryIDs(ctx, s.db, `SELECT c.id`+contestFrom+where+` ORDER BY c.id DESC LIMIT 500`, args...)
	if err != nil {
		return nil, err
	}
	out := make([]*tuyengiao.Contest, 0, len(ids))
	for _, id := range ids {
		c, _, err := loadContest(ctx, s.db, id)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// CurrentContests implements tuyengiao.ContestService, through the node's cache of contests.
func (s *ContestStore) CurrentContests(ctx context.Context) ([]*tuyengiao.Contest, error) {
	ids, err := queryIDs(ctx, s.db, `SELECT c.id FROM contests c WHERE EXISTS (SELECT 1 FROM contest_rounds r
		WHERE r.contest_id = c.id AND r.closes_at > ?) ORDER BY c.id DESC LIMIT 100`, s.db.now())
	if err != nil {
		return nil, err
	}
	out := make([]*tuyengiao.Contest, len(ids))
	for i, id := range ids {
		r, err := s.rules(ctx, id)
		if err != nil {
			return nil, err
		}
		out[i] = r.contest
	}
	return out, nil
}

// normalizeContest writes the contest's texts in NFC, the rules and the consent keeping their
// paragraphs.
func normalizeContest(c *tuyengiao.Contest) {
	c.Title, c.Rules, c.Consent, c.PredictionText = vn.NFC(c.Title), nfcText(c.Rules), nfcText(c.Consent), vn.NFC(c.PredictionText)
	for i := range c.Prizes {
		c.Prizes[i].Name = vn.NFC(c.Prizes[i].Name)
	}
}

// editContestUnit loads the organising unit and checks that the caller may run its contests.
func (s *ContestStore) editContestUnit(ctx context.Context, unitID int64, object string) (*tuyengiao.Unit, error) {
	u, err := loadUnit(ctx, s.db, unitID)
	if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
		return nil, tuyengiao.FieldError("unit_id", "Không tìm thấy đơn vị tổ chức.")
	} else if err != nil {
		return nil, err
	}
	return u, s.db.check(ctx, tuyengiao.ActionContestEdit, u.Path, unitID, object)
}

// CreateContest implements tuyengiao.ContestService: the caller needs ActionContestEdit at
// c.UnitID; the draw names categories of the contest, so a new contest has none.
func (s *ContestStore) CreateContest(ctx context.Context, c *tuyengiao.Contest, rounds []tuyengiao.Round) error {
	normalizeContest(c)
	if err := c.Validate(); err != nil {
		return err
	} else if len(c.Draw) > 0 {
		return tuyengiao.FieldError("draw", "Hãy nhập ngân hàng câu hỏi trước, rồi chọn số câu hỏi của từng chủ đề.")
	} else if err := tuyengiao.ValidateRounds(rounds); err != nil {
		return err
	}
	u, err := s.editContestUnit(ctx, c.UnitID, "contest:new")
	if err != nil {
		return err
	}
	now := s.db.now()
	return s.db.update(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `INSERT INTO contests (unit_id, title, rules, consent, retention_days, draw, time_limit,
			attempts_per_round, counts, show_answers, prediction, prediction_text, ranking, prizes, unit_prize, unit_prizes,
			created_at, created_by, updated_at, updated_by) VALUES (?, `+placeholders(19)+`) RETURNING id`,
			append(append([]any{c.UnitID}, contestValues(c)...), now, actingUser(ctx), now, actingUser(ctx))...).Scan(&c.ID)
		if err != nil {
			return err
		}
		if c.Rounds, err = saveRounds(ctx, tx, c.ID, nil, rounds, now); err != nil {
			return err
		}
		c.UnitName, c.CreatedAt, c.UpdatedAt = u.Name, now, now
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "contest.create", Object: contestObject(c.ID), UnitID: c.UnitID,
			Detail: "title: " + c.Title})
	})
}

// UpdateContest implements tuyengiao.ContestService. Once the first round has opened only the
// title may change and rounds not yet open be changed, added or removed; the organising unit
// never changes.
func (s *ContestStore) UpdateContest(ctx context.Context, c *tuyengiao.Contest, rounds []tuyengiao.Round) error {
	normalizeContest(c)
	if err := c.Validate(); err != nil {
		return err
	} else if err := tuyengiao.ValidateRounds(rounds); err != nil {
		return err
	}
	old, path, err := loadContest(ctx, s.db, c.ID)
	if err != nil {
		return err
	}
	if err := s.db.check(ctx, tuyengiao.ActionContestEdit, path, old.UnitID, contestObject(c.ID)); err != nil {
		return err
	}
	now := s.db.now()
	if old.Frozen(now) {
		if err := sameRules(old, c); err != nil {
			return err
		}
	}
	return s.db.update(ctx, func(tx *Tx) error {
		if err := checkDraw(ctx, tx, c); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE contests SET title = ?, rules = ?, consent = ?, retention_days = ?, draw = ?,
			time_limit = ?, attempts_per_round = ?, counts = ?, show_answers = ?, prediction = ?, prediction_text = ?,
			ranking = ?, prizes = ?, unit_prize = ?, unit_prizes = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
			append(contestValues(c), now, actingUser(ctx), c.ID)...); err != nil {
			return err
		}
		if c.Rounds, err = saveRounds(ctx, tx, c.ID, old.Rounds, rounds, now); err != nil {
			return err
		}
		c.UnitID, c.UnitName, c.CreatedAt, c.UpdatedAt = old.UnitID, old.UnitName, old.CreatedAt, now
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "contest.update", Object: contestObject(c.ID), UnitID: c.UnitID,
			Detail: "title: " + c.Title})
	})
}

// sameRules refuses a change of a frozen contest's rules: everything but its title.
func sameRules(old, c *tuyengiao.Contest) error {
	a, b := contestValues(old), contestValues(c)
	if fmt.Sprint(a[1:]) != fmt.Sprint(b[1:]) {
		return tuyengiao.FieldError("rules", "Vòng thi đầu tiên đã mở nên không sửa được thể lệ, cách ra đề, xếp hạng và giải thưởng; chỉ sửa được tên cuộc thi và các vòng chưa mở.")
	}
	return nil
}

// checkDraw refuses a draw naming a category of another contest.
func checkDraw(ctx context.Context, tx *Tx, c *tuyengiao.Contest) error {
	for _, d := range c.Draw {
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM contest_categories WHERE id = ? AND contest_id = ?`,
			d.CategoryID, c.ID).Scan(&n); err != nil {
			return err
		} else if n == 0 {
			return tuyengiao.FieldError("draw", "Chủ đề câu hỏi không thuộc cuộc thi này.")
		}
	}
	return nil
}

// saveRounds makes the contest's rounds those of rounds, numbered from 1: rounds already open
// at now stay as they are and must be given unchanged, later ones are changed, added or
// removed. It returns the rounds as stored.
func saveRounds(ctx context.Context, tx *Tx, contestID int64, old, rounds []tuyengiao.Round, now time.Time) ([]tuyengiao.Round, error) {
	out := make([]tuyengiao.Round, len(rounds))
	for i, r := range rounds {
		r.ContestID, r.Number = contestID, i+1
		r.OpensAt, r.ClosesAt = r.OpensAt.UTC().Truncate(time.Second), r.ClosesAt.UTC().Truncate(time.Second)
		if i < len(old) && !now.Before(old[i].OpensAt) {
			if !r.OpensAt.Equal(old[i].OpensAt) || !r.ClosesAt.Equal(old[i].ClosesAt) {
				return nil, tuyengiao.FieldError("rounds", "Vòng %v đã mở nên không sửa thời gian được.", i+1)
			}
			out[i] = old[i]
			continue
		}
		if !r.OpensAt.After(now) {
			return nil, tuyengiao.FieldError("rounds", "Vòng %v phải bắt đầu sau thời điểm hiện tại.", i+1)
		}
		if i < len(old) {
			r.ID = old[i].ID
			if _, err := tx.exec(ctx, `UPDATE contest_rounds SET opens_at = ?, closes_at = ? WHERE id = ?`, r.OpensAt, r.ClosesAt, r.ID); err != nil {
				return nil, err
			}
		} else if err := tx.queryRow(ctx, `INSERT INTO contest_rounds (contest_id, number, opens_at, closes_at, target)
			VALUES (?, ?, ?, ?, 0) RETURNING id`, contestID, r.Number, r.OpensAt, r.ClosesAt).Scan(&r.ID); err != nil {
			return nil, err
		}
		out[i] = r
	}
	for _, r := range old[min(len(rounds), len(old)):] {
		if !now.Before(r.OpensAt) {
			return nil, tuyengiao.FieldError("rounds", "Vòng %v đã mở nên không xóa được.", r.Number)
		}
		if _, err := tx.exec(ctx, `DELETE FROM contest_rounds WHERE id = ?`, r.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}
