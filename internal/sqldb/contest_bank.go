package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"unicode/utf8"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// Categories implements tuyengiao.ContestService: the contest's categories in name order, each
// with how many questions it holds. The caller needs ActionContestEdit at the organising unit,
// as the bank is not for contestants' eyes.
func (s *ContestStore) Categories(ctx context.Context, contestID int64) ([]tuyengiao.QuestionCategory, error) {
	if _, err := s.editable(ctx, contestID); err != nil {
		return nil, err
	}
	rows, err := s.db.query(ctx, `SELECT k.id, k.name, (SELECT COUNT(*) FROM contest_questions q WHERE q.category_id = k.id)
		FROM contest_categories k WHERE k.contest_id = ? ORDER BY k.name`, contestID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []tuyengiao.QuestionCategory
	for rows.Next() {
		k := tuyengiao.QuestionCategory{ContestID: contestID}
		if err := rows.Scan(&k.ID, &k.Name, &k.Questions); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// editable loads the contest and checks that the caller may run it.
func (s *ContestStore) editable(ctx context.Context, contestID int64) (*tuyengiao.Contest, error) {
	c, path, err := loadContest(ctx, s.db, contestID)
	if err != nil {
		return nil, err
	}
	return c, s.db.check(ctx, tuyengiao.ActionContestEdit, path, c.UnitID, contestObject(contestID))
}

// SaveCategory implements tuyengiao.ContestService: it adds the category (ID 0) or renames it;
// two categories of a contest never share a name.
func (s *ContestStore) SaveCategory(ctx context.Context, k *tuyengiao.QuestionCategory) error {
	k.Name = vn.NFC(k.Name)
	if k.Name == "" {
		return tuyengiao.FieldError("name", "Chưa nhập tên chủ đề.")
	} else if utf8.RuneCountInString(k.Name) > tuyengiao.MaxCategoryRunes {
		return tuyengiao.FieldError("name", "Tên chủ đề dài quá %d ký tự.", tuyengiao.MaxCategoryRunes)
	}
	c, err := s.editable(ctx, k.ContestID)
	if err != nil {
		return err
	}
	return s.db.update(ctx, func(tx *Tx) error {
		var err error
		if k.ID == 0 {
			err = tx.queryRow(ctx, `INSERT INTO contest_categories (contest_id, name) VALUES (?, ?) RETURNING id`,
				k.ContestID, k.Name).Scan(&k.ID)
		} else {
			var res sql.Result
			if res, err = tx.exec(ctx, `UPDATE contest_categories SET name = ? WHERE id = ? AND contest_id = ?`,
				k.Name, k.ID, k.ContestID); err == nil {
				if n, _ := res.RowsAffected(); n == 0 {
					return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy chủ đề câu hỏi.")
				}
			}
		}
		if uniqueViolation(err) {
			return tuyengiao.FieldError("name", "Đã có chủ đề \"%s\" trong cuộc thi này.", k.Name)
		} else if err != nil {
			return err
		}
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "contest.category", Object: contestObject(k.ContestID),
			UnitID: c.UnitID, Detail: "category: " + k.Name})
	})
}

const questionColumns = `q.id, q.category_id, k.name, q.text, q.options, q.answer_key, q.multiple, q.explanation,
	COALESCE(q.document_id, 0), COALESCE(d.symbol, ''), q.source`

const questionFrom = ` FROM contest_questions q JOIN contest_categories k ON k.id = q.category_id
	LEFT JOIN documents d ON d.id = q.document_id`

func scanQuestion(row interface{ Scan(...any) error }) (*tuyengiao.Question, error) {
	q := &tuyengiao.Question{}
	var options string
	var key uint8
	if err := row.Scan(&q.ID, &q.CategoryID, &q.Category, &q.Text, &options, &key, &q.Multiple, &q.Explanation,
		&q.DocumentID, &q.Document, &q.Source); err != nil {
		return nil, err
	}
	var texts []string
	if err := json.Unmarshal([]byte(options), &texts); err != nil {
		return nil, fmt.Errorf("question %d: %w", q.ID, err)
	}
	for i, t := range texts {
		q.Options = append(q.Options, tuyengiao.Option{Text: t, Correct: key&(1<<i) != 0})
	}
	return q, nil
}

// Questions implements tuyengiao.ContestService: the bank in the order questions were added,
// for the organiser.
func (s *ContestStore) Questions(ctx context.Context, contestID int64, offset, limit int) ([]*tuyengiao.Question, int, error) {
	if _, err := s.editable(ctx, contestID); err != nil {
		return nil, 0, err
	}
	var total int
	if err := s.db.queryRow(ctx, `SELECT COUNT(*) FROM contest_questions WHERE contest_id = ?`, contestID).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := s.db.query(ctx, `SELECT `+questionColumns+questionFrom+` WHERE q.contest_id = ? ORDER BY q.id`+limitClause(offset, limit), contestID)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []*tuyengiao.Question
	for rows.Next() {
		q, err := scanQuestion(rows)
		if err != nil {
			return nil, 0, err
		}
		q.ContestID = contestID
		out = append(out, q)
	}
	return out, total, rows.Err()
}

// FindQuestion implements tuyengiao.ContestService: for ActionContestEdit at the organising
// unit, as Questions.
func (s *ContestStore) FindQuestion(ctx context.Context, contestID, id int64) (*tuyengiao.Question, error) {
	if _, err := s.editable(ctx, contestID); err != nil {
		return nil, err
	}
	q, err := scanQuestion(s.db.queryRow(ctx, `SELECT `+questionColumns+questionFrom+` WHERE q.id = ? AND q.contest_id = ?`, id, contestID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy câu hỏi.")
	} else if err != nil {
		return nil, err
	}
	q.ContestID = contestID
	return q, nil
}

// normalizeQuestion writes the question's texts in NFC, its text and explanation keeping
// their paragraphs.
func normalizeQuestion(q *tuyengiao.Question) {
	q.Text, q.Explanation, q.Source, q.Category = nfcText(q.Text), nfcText(q.Explanation), vn.NFC(q.Source), vn.NFC(q.Category)
	for i := range q.Options {
		q.Options[i].Text = vn.NFC(q.Options[i].Text)
	}
}

// SaveQuestion implements tuyengiao.ContestService: it adds the question (ID 0) or changes it,
// but not once the contest's first round has opened, as attempts may hold it; its category
// must be the contest's.
func (s *ContestStore) SaveQuestion(ctx context.Context, q *tuyengiao.Question) error {
	normalizeQuestion(q)
	if err := q.Validate(); err != nil {
		return err
	}
	c, err := s.editable(ctx, q.ContestID)
	if err != nil {
		return err
	}
	if q.ID != 0 && c.Frozen(s.db.now()) {
		return tuyengiao.Errorf(tuyengiao.ECONFLICT, "Cuộc thi đã mở vòng thi nên không sửa được câu hỏi đã có; hãy thêm câu hỏi mới.")
	}
	return s.db.update(ctx, func(tx *Tx) error {
		if err := saveQuestion(ctx, tx, q); err != nil {
			return err
		}
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "contest.question", Object: contestObject(q.ContestID),
			UnitID: c.UnitID, Detail: "question: " + strconv.FormatInt(q.ID, 10)})
	})
}

// saveQuestion inserts or updates q in tx; its category must belong to its contest.
func saveQuestion(ctx context.Context, tx *Tx, q *tuyengiao.Question) error {
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM contest_categories WHERE id = ? AND contest_id = ?`, q.CategoryID, q.ContestID).Scan(&n); err != nil {
		return err
	} else if n == 0 {
		return tuyengiao.FieldError("category", "Chủ đề câu hỏi không thuộc cuộc thi này.")
	}
	texts := make([]string, len(q.Options))
	for i, o := range q.Options {
		texts[i] = o.Text
	}
	options, _ := json.Marshal(texts)
	now := tx.db.now()
	values := []any{q.CategoryID, q.Text, string(options), q.Key(), q.Multiple, q.Explanation, nullInt64(q.DocumentID), q.Source}
	var err error
	if q.ID == 0 {
		err = tx.queryRow(ctx, `INSERT INTO contest_questions (category_id, text, options, answer_key, multiple, explanation,
			document_id, source, contest_id, created_at, created_by, updated_at, updated_by)
			VALUES (`+placeholders(13)+`) RETURNING id`,
			append(values, q.ContestID, now, actingUser(ctx), now, actingUser(ctx))...).Scan(&q.ID)
	} else {
		var res sql.Result
		res, err = tx.exec(ctx, `UPDATE contest_questions SET category_id = ?, text = ?, options = ?, answer_key = ?,
			multiple = ?, explanation = ?, document_id = ?, source = ?, updated_at = ?, updated_by = ?
			WHERE id = ? AND contest_id = ?`, append(values, now, actingUser(ctx), q.ID, q.ContestID)...)
		if err == nil {
			if n, _ := res.RowsAffected(); n == 0 {
				return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy câu hỏi.")
			}
		}
	}
	if foreignKeyViolation(err) {
		return tuyengiao.FieldError("document_id", "Không tìm thấy văn bản nguồn của câu hỏi.")
	}
	return err
}

// ImportQuestions implements tuyengiao.ContestService: the questions are added in one
// transaction, each category named by Question.Category made when the contest has none of
// that name; the first refusal names its question by its place in qs as Row.
func (s *ContestStore) ImportQuestions(ctx context.Context, contestID int64, qs []*tuyengiao.Question) error {
	c, err := s.editable(ctx, contestID)
	if err != nil {
		return err
	}
	for i, q := range qs {
		q.ID, q.ContestID = 0, contestID
		normalizeQuestion(q)
		if err := q.Validate(); err != nil {
			return inRow(err, i+1)
		}
	}
	return s.db.update(ctx, func(tx *Tx) error {
		categories := map[string]int64{}
		for i, q := range qs {
			if q.CategoryID == 0 {
				id, err := importCategory(ctx, tx, contestID, q.Category, categories)
				if err != nil {
					return err
				}
				q.CategoryID = id
			}
			if err := saveQuestion(ctx, tx, q); err != nil {
				return inRow(err, i+1)
			}
		}
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "contest.import", Object: contestObject(contestID),
			UnitID: c.UnitID, Detail: fmt.Sprintf("questions: %d", len(qs))})
	})
}

// importCategory returns the id of the contest's category of that name, made when missing.
func importCategory(ctx context.Context, tx *Tx, contestID int64, name string, known map[string]int64) (int64, error) {
	if id, ok := known[name]; ok {
		return id, nil
	}
	var id int64
	err := tx.queryRow(ctx, `SELECT id FROM contest_categories WHERE contest_id = ? AND name = ?`, contestID, name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.queryRow(ctx, `INSERT INTO contest_categories (contest_id, name) VALUES (?, ?) RETURNING id`, contestID, name).Scan(&id)
	}
	known[name] = id
	return id, err
}

// inRow returns a user's error as the error of one row (rowOf), and others as they are.
func inRow(err error, row int) error {
	var e *tuyengiao.Error
	if errors.As(err, &e) {
		return rowOf(row, e)
	}
	return err
}

// questionCache keeps the questions drawn by id. A question drawn into an attempt does not
// change (SaveQuestion refuses once a round has opened), so nothing kept is ever stale; it is
// bounded by the banks' sizes. Its questions are shared: readers must not change them.
type questionCache struct {
	mu sync.RWMutex
	m  map[int64]*tuyengiao.Question
}

func newQuestionCache() *questionCache { return &questionCache{m: map[int64]*tuyengiao.Question{}} }

// get returns the questions of ids, in their order, reading those it does not hold.
func (c *questionCache) get(ctx context.Context, db *DB, ids []int64) ([]*tuyengiao.Question, error) {
	out := make([]*tuyengiao.Question, len(ids))
	var missing []any
	c.mu.RLock()
	for i, id := range ids {
		if out[i] = c.m[id]; out[i] == nil {
			missing = append(missing, id)
		}
	}
	c.mu.RUnlock()
	if len(missing) == 0 {
		return out, nil
	}
	rows, err := db.query(ctx, `SELECT `+questionColumns+questionFrom+` WHERE q.id IN (`+placeholders(len(missing))+`)`, missing...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	c.mu.Lock()
	defer c.mu.Unlock()
	for rows.Next() {
		q, err := scanQuestion(rows)
		if err != nil {
			return nil, err
		}
		c.m[q.ID] = q
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, id := range ids {
		if out[i] = c.m[id]; out[i] == nil {
			return nil, fmt.Errorf("question %d missing", id)
		}
	}
	return out, nil
}
