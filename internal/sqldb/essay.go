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
	"unicode/utf8"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// essayColumns are the columns scanEssay reads, in its order: the essay without its text
// and file content, the author's name, then the path of the essay's unit.
const essayColumns = `e.id, e.campaign_id, e.person_id, p.full_name, e.unit_id, e.file_name, e.file_type, e.file_size,
	e.file_sha256, e.status, e.level, e.scores, e.comment, e.reviewer_id, e.revision, e.submitted_at, e.reviewed_at, e.submitted_by, u.path`

const essayFrom = ` FROM essays e JOIN people p ON p.id = e.person_id JOIN units u ON u.id = e.unit_id`

// The storage implements the essay service.
var _ tuyengiao.EssayService = (*DB)(nil)

func essayObject(id int64) string { return "essay:" + strconv.FormatInt(id, 10) }

// scanEssay reads a row of essayColumns, with extra destinations after them (the text);
// it returns the essay and the path of its unit.
func scanEssay(row interface{ Scan(...any) error }, extra ...any) (*tuyengiao.Essay, string, error) {
	e := &tuyengiao.Essay{}
	var path, scores string
	var reviewer, submitter sql.NullInt64
	var reviewed sql.NullTime
	var f tuyengiao.EssayFile
	dest := []any{&e.ID, &e.CampaignID, &e.PersonID, &e.FullName, &e.UnitID, &f.Name, &f.ContentType, &f.Size,
		&f.SHA256, &e.Status, &e.Level, &scores, &e.Comment, &reviewer, &e.Revision, &e.SubmittedAt, &reviewed, &submitter, &path}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, "", err
	}
	if f.Name != "" {
		e.File = &f
	}
	if err := json.Unmarshal([]byte(scores), &e.Scores); err != nil {
		return nil, "", fmt.Errorf("essay %d: scores: %w", e.ID, err)
	}
	e.ReviewerID, e.SubmittedBy, e.SubmittedAt = reviewer.Int64, submitter.Int64, e.SubmittedAt.UTC()
	if reviewed.Valid {
		e.ReviewedAt = reviewed.Time.UTC()
	}
	return e, path, nil
}

// loadEssay reads an essay with its text, and the path of its unit, without an access check,
// or returns ENOTFOUND.
func (db *DB) loadEssay(ctx context.Context, q querier, where string, args ...any) (*tuyengiao.Essay, string, error) {
	var text string
	e, path, err := scanEssay(q.queryRow(ctx, `SELECT `+essayColumns+`, e.text`+essayFrom+` WHERE `+where, args...), &text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", errEssayNotFound()
	} else if err != nil {
		return nil, "", err
	}
	e.Text = text
	return e, path, nil
}

// errEssayNotFound is the answer about an essay that does not exist, and about one the
// caller may not reach (unseen).
func errEssayNotFound() error {
	return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy bài thu hoạch.")
}

// unseen turns a refusal to reach an essay, already audited as denied, into the answer about
// an essay that does not exist, so that the IDs of other people's essays cannot be probed;
// other errors come back as they are.
func unseen(err error) error {
	if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
		return err
	}
	return errors.Join(errEssayNotFound(), err)
}

// audienceOf reports whether the campaign addresses people of the category.
func audienceOf(c *tuyengiao.Campaign, cat tuyengiao.Category) bool {
	_, ok := c.Audience(cat)
	return ok
}

// essayRefusal writes a refused access to an essay to the audit log and returns err with
// any failure of the writing.
func (db *DB) essayRefusal(ctx context.Context, err error, action, object string, unitID int64) error {
	if tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
		return err
	}
	rec := &tuyengiao.AuditRecord{Action: action, Object: object, UnitID: unitID, Outcome: tuyengiao.OutcomeDenied}
	return errors.Join(err, db.auditAlone(ctx, rec))
}

// SubmitEssay implements tuyengiao.EssayService. The author is the calling member's own
// person, active, of an audience of a campaign organised at their unit or above; the
// campaign must ask for an essay and its due day (in Vietnam) must not have passed. The text
// is kept in NFC with its paragraphs; the file must be a PDF or a DOCX by content. A graded
// essay can no longer change; a returned one comes back as the next revision. The calling
// account is recorded as the one that handed the essay in (tuyengiao.IsEssayAuthor).
func (db *DB) SubmitEssay(ctx context.Context, campaignID int64, s tuyengiao.EssaySubmission) (*tuyengiao.Essay, error) {
	object := campaignObject(campaignID)
	author, authorPath, err := db.member(ctx)
	if err != nil {
		return nil, db.essayRefusal(ctx, err, "essay.submit", object, 0)
	}
	c, campaignPath, err := db.campaignRules(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	var refusal error
	switch {
	case author.Status != tuyengiao.StatusActive:
		refusal = tuyengiao.Errorf(tuyengiao.EFORBIDDEN, "Hồ sơ của bạn không còn ở trạng thái đang sinh hoạt nên không nộp được bài thu hoạch.")
	case !tuyengiao.InSubtree(authorPath, campaignPath):
		refusal = tuyengiao.Errorf(tuyengiao.EFORBIDDEN, "Đợt học tập này không do đơn vị của bạn hoặc cấp trên tổ chức.")
	case !audienceOf(c, author.Category):
		refusal = tuyengiao.Errorf(tuyengiao.EFORBIDDEN, "Đợt học tập này không dành cho đối tượng %s.", author.Category.Name())
	}
	if refusal != nil {
		return nil, db.essayRefusal(ctx, refusal, "essay.submit", object, author.UnitID)
	}
	if c.EssayDue.IsZero() {
		return nil, tuyengiao.FieldError("text", "Đợt học tập này không yêu cầu viết bài thu hoạch.")
	}
	if today := db.today(); today.After(c.EssayDue.Time) {
		return nil, tuyengiao.FieldError("text", "Đã hết hạn nộp bài thu hoạch (hạn cuối ngày %s).", c.EssayDue)
	}
	text := nfcText(s.Text)
	if n := utf8.RuneCountInString(text); n > tuyengiao.MaxEssayTextRunes {
		return nil, tuyengiao.FieldError("text", "Bài viết dài %d ký tự, quá giới hạn %d ký tự.",
			n, tuyengiao.MaxEssayTextRunes)
	}
	var file checkedFile
	if len(s.File) > 0 || s.FileName != "" {
		if file, err = checkFile(s.FileName, s.File, tuyengiao.MaxEssayFileBytes); err != nil {
			if e := (*tuyengiao.Error)(nil); errors.As(err, &e) && e.Field == "name" {
				e.Field = "file"
			}
			return nil, err
		}
	}
	if text == "" && file.Name == "" {
		return nil, tuyengiao.FieldError("text", "Chưa viết nội dung bài thu hoạch hoặc chọn tệp bài viết.")
	}
	var content []byte
	if file.Name != "" {
		content = s.File
	}
	now := db.now()
	var id int64
	err = db.update(ctx, func(tx *Tx) error {
		var status tuyengiao.EssayStatus
		var revision int
		// The upsert keeps one essay per person and campaign (the unique constraint) and
		// leaves a graded essay as it is: no row comes back then.
		err := tx.queryRow(ctx, `INSERT INTO essays (campaign_id, person_id, unit_id, text, file_name, file_type, file_size,
				file_sha256, file_content, status, revision, submitted_at, submitted_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', 1, ?, ?)
			ON CONFLICT (campaign_id, person_id) DO UPDATE SET unit_id = excluded.unit_id, text = excluded.text,
				file_name = excluded.file_name, file_type = excluded.file_type, file_size = excluded.file_size,
				file_sha256 = excluded.file_sha256, file_content = excluded.file_content, status = 'submitted',
				level = '', scores = '[]',
				revision = CASE WHEN essays.status = 'returned' THEN essays.revision + 1 ELSE essays.revision END,
				submitted_at = excluded.submitted_at, submitted_by = excluded.submitted_by
			WHERE essays.status <> 'graded'
			RETURNING id, status, revision`,
			campaignID, author.ID, author.UnitID, text, file.Name, file.ContentType, file.Size, file.SHA256, content, now,
			nullInt64(tuyengiao.PrincipalFrom(ctx).UserID)).
			Scan(&id, &status, &revision)
		if errors.Is(err, sql.ErrNoRows) {
			return tuyengiao.Errorf(tuyengiao.ECONFLICT, "Bài thu hoạch đã được chấm nên không sửa được nữa.")
		} else if err != nil {
			return err
		}
		detail := fmt.Sprintf("campaign: %d; revision: %d; text: %d characters", campaignID, revision, utf8.RuneCountInString(text))
		// The file's name stays out of the log: a member may have put their name in it, and the
		// log keeps ids, never the names of people.
		if file.Name != "" {
			detail += fmt.Sprintf("; file size: %d; sha256: %s", file.Size, file.SHA256)
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "essay.submit", Object: essayObject(id), UnitID: author.UnitID, Detail: detail})
	})
	if err != nil {
		return nil, err
	}
	e, _, err := db.loadEssay(ctx, db, `e.id = ?`, id)
	return e, err
}

// MyEssay implements tuyengiao.EssayService; the author reading their own essay is no event
// for the audit log (auditEssayRead). An essay the
// caller's account did not hand in (tuyengiao.IsEssayAuthor: the account was linked to the
// author after) comes back Withheld, without its text, file and comment, and that refusal
// is audited as a denied read.
func (db *DB) MyEssay(ctx context.Context, campaignID int64) (*tuyengiao.Essay, error) {
	p := tuyengiao.PrincipalFrom(ctx)
	if p == nil {
		return nil, tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	if p.PersonID == 0 {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Bạn chưa có bài thu hoạch.")
	}
	e, _, err := db.loadEssay(ctx, db, `e.campaign_id = ? AND e.person_id = ?`, campaignID, p.PersonID)
	if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Bạn chưa nộp bài thu hoạch của đợt học tập này.")
	} else if err != nil {
		return nil, err
	}
	if !tuyengiao.IsEssayAuthor(p, e.PersonID, e.SubmittedBy) {
		e.Text, e.File, e.Comment, e.Withheld = "", nil, "", true
		rec := &tuyengiao.AuditRecord{Action: "essay.view", Object: essayObject(e.ID), UnitID: e.UnitID,
			Outcome: tuyengiao.OutcomeDenied, Detail: "text; handed in by another account"}
		return e, db.auditAlone(ctx, rec)
	}
	return e, db.auditEssayRead(ctx, e, "text")
}

// auditEssayRead records that the caller read the text or the file of an essay, unless the
// caller is its author reading their own essay: the log keeps who else read it.
func (db *DB) auditEssayRead(ctx context.Context, e *tuyengiao.Essay, what string) error {
	if tuyengiao.IsEssayAuthor(tuyengiao.PrincipalFrom(ctx), e.PersonID, e.SubmittedBy) {
		return nil
	}
	return db.auditAlone(ctx, &tuyengiao.AuditRecord{Action: "essay.view", Object: essayObject(e.ID), UnitID: e.UnitID, Detail: what})
}

// readableEssay reads an essay and checks that the caller may read its text: its author
// through the account that handed it in, or a reviewer of exactly its unit
// (tuyengiao.AuthorizeEssay) who is a person of it (reviewerOfUnit). A refusal is audited and answered as a missing essay (unseen).
func (db *DB) readableEssay(ctx context.Context, id int64) (*tuyengiao.Essay, string, error) {
	e, path, err := db.loadEssay(ctx, db, `e.id = ?`, id)
	if err != nil {
		return nil, "", err
	}
	p := tuyengiao.PrincipalFrom(ctx)
	err = tuyengiao.AuthorizeEssay(p, path, e.PersonID, e.SubmittedBy)
	if err == nil && !tuyengiao.IsEssayAuthor(p, e.PersonID, e.SubmittedBy) {
		err = db.reviewerOfUnit(ctx, e.UnitID)
	}
	if err != nil {
		return nil, "", unseen(db.essayRefusal(ctx, err, "essay.view", essayObject(id), e.UnitID))
	}
	return e, path, nil
}

// reviewerOfUnit checks that the caller, a reviewer of the unit by their grant, is an active
// person of that very unit. A reviewer's grant goes only to such an account (checkReviewer),
// but a person moves out, and a grant given before that rule existed stays: the grant alone
// opens no essay. A refusal is EFORBIDDEN.
func (db *DB) reviewerOfUnit(ctx context.Context, unitID int64) error {
	var n int
	err := db.queryRow(ctx, `SELECT COUNT(*) FROM people WHERE id = ? AND unit_id = ? AND status = ?`,
		tuyengiao.PrincipalFrom(ctx).PersonID, unitID, tuyengiao.StatusActive).Scan(&n)
	if err != nil {
		return err
	} else if n == 0 {
		return tuyengiao.Errorf(tuyengiao.EFORBIDDEN, "Vai trò chấm bài thu hoạch chỉ có hiệu lực khi tài khoản gắn với hồ sơ một người đang sinh hoạt tại chính đơn vị đó.")
	}
	return nil
}

// FindEssayByID implements tuyengiao.EssayService; every read but the author's is audited.
func (db *DB) FindEssayByID(ctx context.Context, id int64) (*tuyengiao.Essay, error) {
	e, _, err := db.readableEssay(ctx, id)
	if err != nil {
		return nil, err
	}
	return e, db.auditEssayRead(ctx, e, "text")
}

// EssayFileContent implements tuyengiao.EssayService; every read but the author's is
// audited.
func (db *DB) EssayFileContent(ctx context.Context, id int64) (*tuyengiao.EssayFile, []byte, error) {
	e, _, err := db.readableEssay(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if e.File == nil {
		return nil, nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Bài thu hoạch này không có tệp.")
	}
	var content []byte
	if err := db.queryRow(ctx, `SELECT file_content FROM essays WHERE id = ?`, id).Scan(&content); err != nil {
		return nil, nil, err
	}
	return e.File, content, db.auditEssayRead(ctx, e, "file")
}

// EssayAccess implements tuyengiao.EssayService: the reviewers who may read the essay
// (essayReaders), by name; the reads of its text and file and the submissions of it by any
// account but the author's present one (essayReads), so that what another account did while
// linked to the author shows; and the changes of the accounts that act as the author
// (essayAccessChanges); newest first, from the audit log. Only the account linked to the
// author asks, which is no event for the audit log (a person reading their own record);
// anyone else is answered as about a missing essay, and that refusal is audited.
func (db *DB) EssayAccess(ctx context.Context, id int64) (*tuyengiao.EssayAccess, error) {
	e, _, err := db.loadEssay(ctx, db, `e.id = ?`, id)
	if err != nil {
		return nil, err
	}
	p := tuyengiao.PrincipalFrom(ctx)
	if p == nil || p.PersonID == 0 || p.PersonID != e.PersonID {
		refusal := tuyengiao.Errorf(tuyengiao.EFORBIDDEN, "Chỉ tác giả xem được ai đã đọc bài thu hoạch.")
		return nil, unseen(db.essayRefusal(ctx, refusal, "essay.access.view", essayObject(id), e.UnitID))
	}
	access := &tuyengiao.EssayAccess{}
	if access.Readers, err = db.essayReaders(ctx, e.UnitID); err != nil {
		return nil, err
	}
	if access.Reads, err = db.essayReads(ctx, id, p.UserID); err != nil {
		return nil, err
	}
	if access.Changes, err = db.essayAccessChanges(ctx, e.PersonID); err != nil {
		return nil, err
	}
	return access, nil
}

// essayReaders returns the accounts, not disabled, that may review the essays of exactly the
// unit (a reviewer's grant there and an active person of it, as reviewerOfUnit asks), by
// the name of their person.
func (db *DB) essayReaders(ctx context.Context, unitID int64) ([]tuyengiao.EssayReader, error) {
	rows, err := db.query(ctx, `SELECT u.id, p.full_name FROM grants g JOIN users u ON u.id = g.user_id
		JOIN people p ON p.id = u.person_id AND p.unit_id = g.unit_id AND p.status = ?
		WHERE g.role = ? AND g.unit_id = ? AND u.disabled_at IS NULL ORDER BY p.sort_key, u.login`,
		tuyengiao.StatusActive, tuyengiao.RoleReviewer, unitID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuyengiao.EssayReader{}
	for rows.Next() {
		var r tuyengiao.EssayReader
		if err := rows.Scan(&r.UserID, &r.Name); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// essayReads returns the reads of the essay's text and file and its submissions recorded in
// the audit log, newest first, but those of the account userID (the author's present one).
func (db *DB) essayReads(ctx context.Context, id, userID int64) ([]tuyengiao.EssayRead, error) {
	rows, err := db.query(ctx, `SELECT a.at, COALESCE(a.user_id, 0), COALESCE(p.full_name, a.login),
			CASE WHEN a.action = 'essay.submit' THEN 'submit' ELSE a.detail END FROM audit_log a
		LEFT JOIN users u ON u.id = a.user_id LEFT JOIN people p ON p.id = u.person_id
		WHERE a.action IN ('essay.view', 'essay.submit') AND a.object = ? AND a.outcome = ? AND (a.user_id IS NULL OR a.user_id <> ?)
		ORDER BY a.id DESC`+limitClause(0, tuyengiao.MaxEssayReads), essayObject(id), tuyengiao.OutcomeOK, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuyengiao.EssayRead{}
	for rows.Next() {
		var r tuyengiao.EssayRead
		if err := rows.Scan(&r.At, &r.UserID, &r.Name, &r.What); err != nil {
			return nil, err
		}
		r.At = r.At.UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}

// essayAccessChanges returns the links, unlinks and passwords set by someone else of the
// accounts of the person, recorded in the audit log (linkRecord), newest first, each with the
// login the account has now.
func (db *DB) essayAccessChanges(ctx context.Context, personID int64) ([]tuyengiao.EssayAccessChange, error) {
	rows, err := db.query(ctx, `SELECT a.at, a.action, a.detail, COALESCE(p.full_name, a.login) FROM audit_log a
		LEFT JOIN users u ON u.id = a.user_id LEFT JOIN people p ON p.id = u.person_id
		WHERE a.action IN ('essay.access.link', 'essay.access.unlink', 'essay.access.password') AND a.object = ? AND a.outcome = ?
		ORDER BY a.id DESC`+limitClause(0, tuyengiao.MaxEssayReads), personObject(personID), tuyengiao.OutcomeOK)
	if err != nil {
		return nil, err
	}
	out := []tuyengiao.EssayAccessChange{}
	for rows.Next() {
		var c tuyengiao.EssayAccessChange
		var action, detail string
		if err := rows.Scan(&c.At, &action, &detail, &c.By); err != nil {
			rows.Close()
			return nil, err
		}
		account, _, _ := strings.Cut(strings.TrimPrefix(detail, "user:"), ";")
		c.UserID, _ = strconv.ParseInt(account, 10, 64)
		c.At, c.Change = c.At.UTC(), strings.TrimPrefix(action, "essay.access.")
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ids := make([]int64, len(out))
	for i, c := range out {
		ids[i] = c.UserID
	}
	logins := map[int64]string{}
	err = queryByIDs(ctx, db, `SELECT id, login FROM users WHERE id IN (ids)`, slices.Compact(slices.Sorted(slices.Values(ids))),
		func(rows *sql.Rows) error {
			var id int64
			var login string
			err := rows.Scan(&id, &login)
			logins[id] = login
			return err
		})
	for i := range out {
		out[i].Login = logins[out[i].UserID]
	}
	return out, err
}

// reviewerAt checks that the caller reviews essays at exactly the unit: ActionEssayReview
// there, tuyengiao.AuthorizeEssay as a reviewer (not as an author) and reviewerOfUnit. A
// refusal is audited.
func (db *DB) reviewerAt(ctx context.Context, path string, unitID int64, object string) error {
	if err := db.check(ctx, tuyengiao.ActionEssayReview, path, unitID, object); err != nil {
		return err
	}
	err := tuyengiao.AuthorizeEssay(tuyengiao.PrincipalFrom(ctx), path, 0, 0)
	if err == nil {
		err = db.reviewerOfUnit(ctx, unitID)
	}
	return db.essayRefusal(ctx, err, string(tuyengiao.ActionEssayReview), object, unitID)
}

// FindEssays implements tuyengiao.EssayService: the essays of the campaign written at the
// unit, in name order, without their text, to a reviewer of that very unit. The list names
// people, so it is audited.
func (db *DB) FindEssays(ctx context.Context, campaignID, unitID int64) ([]*tuyengiao.Essay, error) {
	object := campaignObject(campaignID)
	path, err := db.unitPath(ctx, db, unitID)
	if err != nil {
		return nil, err
	}
	if err := db.reviewerAt(ctx, path, unitID, object); err != nil {
		return nil, err
	}
	if _, _, err := campaignRow(ctx, db, campaignID); err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT `+essayColumns+essayFrom+` WHERE e.campaign_id = ? AND e.unit_id = ?
		ORDER BY p.sort_key, p.id`, campaignID, unitID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*tuyengiao.Essay{}
	for rows.Next() {
		e, _, err := scanEssay(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rec := &tuyengiao.AuditRecord{Action: "essay.list", Object: object, UnitID: unitID, Detail: fmt.Sprintf("essays: %d", len(out))}
	return out, db.auditAlone(ctx, rec)
}

// ReviewEssay implements tuyengiao.EssayService: a reviewer of exactly the essay's unit
// grades it with one of the campaign's levels and a level for every criterion of its
// rubric, or returns it for revision with a comment. A graded essay stays as it is. Anyone
// else is answered as about a missing essay (unseen).
func (db *DB) ReviewEssay(ctx context.Context, id int64, r tuyengiao.EssayReview) (*tuyengiao.Essay, error) {
	e, path, err := db.loadEssay(ctx, db, `e.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if err := db.reviewerAt(ctx, path, e.UnitID, essayObject(id)); err != nil {
		return nil, unseen(err)
	}
	if p := tuyengiao.PrincipalFrom(ctx); p.PersonID != 0 && p.PersonID == e.PersonID {
		err := tuyengiao.Errorf(tuyengiao.EFORBIDDEN, "Người chấm không tự chấm bài thu hoạch của mình.")
		return nil, db.essayRefusal(ctx, err, string(tuyengiao.ActionEssayReview), essayObject(id), e.UnitID)
	}
	c, _, err := campaignRow(ctx, db, e.CampaignID)
	if err != nil {
		return nil, err
	}
	if e.Status == tuyengiao.EssayGraded {
		return nil, tuyengiao.Errorf(tuyengiao.ECONFLICT, "Bài thu hoạch đã được chấm; kết quả không thay đổi được.")
	}
	if !r.SubmittedAt.IsZero() && !r.SubmittedAt.Equal(e.SubmittedAt) {
		return nil, tuyengiao.Errorf(tuyengiao.ECONFLICT, "Tác giả vừa nộp lại bài thu hoạch; hãy đọc bản mới trước khi chấm.")
	}
	r.Comment = nfcText(r.Comment)
	if utf8.RuneCountInString(r.Comment) > 5000 {
		return nil, tuyengiao.FieldError("comment", "Nhận xét dài quá 5.000 ký tự.")
	}
	status := tuyengiao.EssayGraded
	if r.Return {
		if r.Comment == "" {
			return nil, tuyengiao.FieldError("comment", "Khi trả bài để sửa, hãy ghi nhận xét: cần sửa gì.")
		}
		status, r.Level, r.Scores = tuyengiao.EssayReturned, "", nil
	} else if err := checkScores(c, &r); err != nil {
		return nil, err
	}
	if r.Scores == nil {
		r.Scores = []tuyengiao.Score{}
	}
	scores, err := json.Marshal(r.Scores)
	if err != nil {
		return nil, err
	}
	now := db.now()
	err = db.update(ctx, func(tx *Tx) error {
		// The status in the condition keeps two reviewers at once from both grading, the
		// submission time a grade of a text the author has just replaced.
		res, err := tx.exec(ctx, `UPDATE essays SET status = ?, level = ?, scores = ?, comment = ?, reviewer_id = ?, reviewed_at = ?
			WHERE id = ? AND status <> 'graded' AND revision = ? AND submitted_at = ?`,
			status, r.Level, string(scores), r.Comment, nullInt64(tuyengiao.PrincipalFrom(ctx).UserID), now, id, e.Revision, e.SubmittedAt)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return tuyengiao.Errorf(tuyengiao.ECONFLICT, "Bài thu hoạch vừa được chấm hoặc nộp lại; hãy mở lại bài.")
		}
		detail := fmt.Sprintf("status: %s; revision: %d", status, e.Revision)
		if r.Level != "" {
			detail += "; level: " + r.Level
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: string(tuyengiao.ActionEssayReview), Object: essayObject(id),
			UnitID: e.UnitID, Detail: detail})
	})
	if err != nil {
		return nil, err
	}
	e, _, err = db.loadEssay(ctx, db, `e.id = ?`, id)
	return e, err
}

// checkScores checks a grade against the campaign's rubric: the level is one of its levels,
// and every criterion has exactly one score of one of its levels; the scores are put in the
// order of the criteria.
func checkScores(c *tuyengiao.Campaign, r *tuyengiao.EssayReview) error {
	r.Level = vn.NFC(r.Level)
	if r.Level == "" {
		return tuyengiao.FieldError("level", "Chưa chọn mức xếp loại chung của bài.")
	}
	if !slices.Contains(c.Levels(), r.Level) {
		return tuyengiao.FieldError("level", "Mức xếp loại %q không có trong thang của đợt học tập.", r.Level)
	}
	byCriterion := map[string]string{}
	for _, s := range r.Scores {
		crit, level := vn.NFC(s.Criterion), vn.NFC(s.Level)
		if !slices.Contains(c.Criteria(), crit) {
			return tuyengiao.FieldError("scores", "Tiêu chí %q không có trong tiêu chí chấm của đợt học tập.", crit)
		}
		if _, dup := byCriterion[crit]; dup {
			return tuyengiao.FieldError("scores", "Tiêu chí %q được chấm hai lần.", crit)
		}
		if !slices.Contains(c.Levels(), level) {
			return tuyengiao.FieldError("scores", "Mức %q của tiêu chí %q không có trong thang của đợt học tập.", level, crit)
		}
		byCriterion[crit] = level
	}
	scores := make([]tuyengiao.Score, 0, len(c.Criteria()))
	for _, crit := range c.Criteria() {
		level, ok := byCriterion[crit]
		if !ok {
			return tuyengiao.FieldError("scores", "Chưa chấm tiêu chí %q.", crit)
		}
		scores = append(scores, tuyengiao.Score{Criterion: crit, Level: level})
	}
	r.Scores = scores
	return nil
}

// EssayCounts implements tuyengiao.EssayService: counts only, by the unit each essay was
// written at, so that every level above the cell sees how many essays were handed in and
// how they were graded, never what they say.
func (db *DB) EssayCounts(ctx context.Context, campaignID, rootID int64) ([]tuyengiao.EssayCount, error) {
	path, err := db.authorize(ctx, tuyengiao.ActionUnitView, rootID, campaignObject(campaignID))
	if err != nil {
		return nil, err
	}
	if _, _, err := campaignRow(ctx, db, campaignID); err != nil {
		return nil, err
	}
	lo, hi := subtreeRange(path)
	rows, err := db.query(ctx, `SELECT e.unit_id, e.status, e.level, COUNT(*) FROM essays e
		WHERE e.campaign_id = ? AND e.unit_id`+inSubtreeSQL+`
		GROUP BY e.unit_id, e.status, e.level ORDER BY e.unit_id, e.status, e.level`, campaignID, lo, hi)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuyengiao.EssayCount{}
	for rows.Next() {
		var c tuyengiao.EssayCount
		if err := rows.Scan(&c.UnitID, &c.Status, &c.Level, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
