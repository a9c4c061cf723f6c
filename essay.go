package tuyengiao

import (
	"context"
	"time"
)

// EssayStatus is where a reflection essay stands.
type EssayStatus string

// The statuses of an essay.
const (
	EssaySubmitted EssayStatus = "submitted" // handed in, waiting for review
	EssayReturned  EssayStatus = "returned"  // sent back for revision
	EssayGraded    EssayStatus = "graded"    // graded; it can no longer change
)

// Name returns the Vietnamese name of the status.
func (s EssayStatus) Name() string {
	switch s {
	case EssaySubmitted:
		return "Chờ chấm"
	case EssayReturned:
		return "Trả lại để sửa"
	case EssayGraded:
		return "Đã chấm"
	}
	return string(s)
}

// Essay is a member's reflection essay (bài thu hoạch) for a campaign: a text, a DOCX or PDF
// file, or both. Its text and file are seen only by its author and the reviewers of the
// author's unit (AuthorizeEssay); every level above sees counts of statuses and grades.
type Essay struct {
	ID         int64       `json:"id"`
	CampaignID int64       `json:"campaign_id"`
	PersonID   int64       `json:"person_id"`
	FullName   string      `json:"full_name,omitempty"`
	UnitID     int64       `json:"unit_id"` // the author's unit when submitted
	Text       string      `json:"text"`
	File       *EssayFile  `json:"file,omitempty"`
	Status     EssayStatus `json:"status"`
	Level      string      `json:"level,omitempty"`  // the grade, one of the campaign's levels
	Scores     []Score     `json:"scores,omitempty"` // a level per criterion of the rubric
	Comment    string      `json:"comment,omitempty"`
	ReviewerID int64       `json:"reviewer_id,omitempty"`
	// Revision counts the submissions: 1 for the first, one more after each return.
	Revision    int       `json:"revision"`
	SubmittedAt time.Time `json:"submitted_at"`
	ReviewedAt  time.Time `json:"reviewed_at,omitzero"`
	// SubmittedBy is the account that handed in the current revision (IsEssayAuthor).
	SubmittedBy int64 `json:"-"`
	// Withheld is set on the essay MyEssay returns to an account linked to its author after
	// it was handed in by another account: the text, the file and the comment are left out.
	Withheld bool `json:"withheld,omitempty"`
	// CampaignTitle is the title of the essay's campaign, filled by WaitingEssays only.
	CampaignTitle string `json:"campaign_title,omitempty"`
}

// EssayFile describes the file of an essay; its bytes are read with EssayFileContent.
type EssayFile struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"` // decided by content
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
}

// MaxEssayFileBytes is the largest essay file taken.
const MaxEssayFileBytes = 10 << 20

// MaxEssayTextRunes is the longest essay text taken.
const MaxEssayTextRunes = 50000

// Score is the level given on one criterion of the rubric.
type Score struct {
	Criterion string `json:"criterion"`
	Level     string `json:"level"`
}

// EssaySubmission is what an author hands in; File is nil for a text-only essay.
type EssaySubmission struct {
	Text     string
	FileName string
	File     []byte
}

// EssayReview is a reviewer's decision: a grade with scores and a comment, or, with Return,
// the essay sent back for revision with the comment.
type EssayReview struct {
	Level   string  `json:"level"`
	Scores  []Score `json:"scores"`
	Comment string  `json:"comment"`
	Return  bool    `json:"return"`
	// SubmittedAt is when the submission the reviewer read was handed in; when set and the
	// author has handed the essay in again since, the review is refused (ECONFLICT).
	SubmittedAt time.Time `json:"submitted_at,omitzero"`
}

// EssayCount is the number of essays of one status and level at one unit.
type EssayCount struct {
	UnitID int64       `json:"unit_id"`
	Status EssayStatus `json:"status"`
	Level  string      `json:"level,omitempty"`
	Count  int64       `json:"count"`
}

// EssayReader is an account that may read an essay besides its author: a reviewer of the
// essay's unit, named by the person the account is linked to (its login when none).
type EssayReader struct {
	UserID int64  `json:"user_id"`
	Name   string `json:"name"`
}

// EssayRead is one read of an essay's text or file by an account other than the author's
// present one, or one submission of it by such an account, as the audit log holds it.
type EssayRead struct {
	At     time.Time `json:"at"`
	UserID int64     `json:"user_id,omitempty"`
	Name   string    `json:"name"` // as in EssayReader
	What   string    `json:"what"` // "text", "file", or "submit" for a revision handed in
}

// EssayAccessChange is a change of who can act as the author of an essay, as the audit log
// holds it: an account linked to the author's person or unlinked from it, or the password of
// an account linked to them set by someone else.
type EssayAccessChange struct {
	At     time.Time `json:"at"`
	Change string    `json:"change"`  // "link", "unlink" or "password"
	UserID int64     `json:"user_id"` // the account linked, unlinked or given a password
	Login  string    `json:"login"`   // its login
	By     string    `json:"by"`      // who made the change, named as in EssayReader
}

// EssayAccess tells the author of an essay who may read it and who has, and who was made
// able to act as them, so that the access to it is visible to the one it concerns.
type EssayAccess struct {
	Readers []EssayReader       `json:"readers"`
	Reads   []EssayRead         `json:"reads"`   // newest first, at most MaxEssayReads
	Changes []EssayAccessChange `json:"changes"` // newest first, at most MaxEssayReads
}

// MaxEssayReads bounds the reads and the changes EssayAccess returns.
const MaxEssayReads = 500

// EssayService keeps reflection essays. The text is read only as AuthorizeEssay allows;
// counts need ActionUnitView. Every write and every read of a text is audited.
type EssayService interface {
	// SubmitEssay stores, or replaces while not graded, the calling member's essay for the
	// campaign, up to its due day.
	SubmitEssay(ctx context.Context, campaignID int64, s EssaySubmission) (*Essay, error)
	// MyEssay returns the calling member's essay for the campaign, or ENOTFOUND.
	MyEssay(ctx context.Context, campaignID int64) (*Essay, error)
	// FindEssayByID returns an essay with its text to its author or a reviewer of its unit;
	// to anyone else it answers ENOTFOUND, as for an essay that does not exist, so that
	// essay IDs cannot be probed.
	FindEssayByID(ctx context.Context, id int64) (*Essay, error)
	// EssayFileContent returns the file of an essay, under the same rule.
	EssayFileContent(ctx context.Context, id int64) (*EssayFile, []byte, error)
	// EssayAccess returns to the author of the essay who may read it, who has read it or
	// handed it in with another account, and the changes of the accounts that act as the
	// author; to anyone else it answers as FindEssayByID does.
	EssayAccess(ctx context.Context, id int64) (*EssayAccess, error)
	// FindEssays returns the essays of the campaign written at unitID, without their text,
	// to the reviewers of that unit.
	FindEssays(ctx context.Context, campaignID, unitID int64) ([]*Essay, error)
	// WaitingEssays returns the essays handed in and not yet graded nor returned at the units
	// where the caller reviews, the longest waiting first, at most limit of them (all when
	// limit is 0), with their campaign's title and without their text, and their total.
	WaitingEssays(ctx context.Context, limit int) ([]*Essay, int, error)
	// ReviewEssay grades the essay or returns it for revision.
	ReviewEssay(ctx context.Context, id int64, r EssayReview) (*Essay, error)
	// EssayCounts returns the counts by unit, status and level in rootID's subtree.
	EssayCounts(ctx context.Context, campaignID, rootID int64) ([]EssayCount, error)
}
