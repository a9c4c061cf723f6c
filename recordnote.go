package tuyengiao

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of a note on a record.
const (
	// MaxRecordNoteRunes bounds the text of a note, in runes.
	MaxRecordNoteRunes = 10000
	// MaxRecordNoteFileBytes is the largest file a note takes.
	MaxRecordNoteFileBytes = 10 << 20
)

// RecordNoteFile describes the file of a note: a PDF, a DOCX, or a JPEG or PNG photo, its
// type decided by its content.
type RecordNoteFile struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
}

// RecordNote is a dated note on a record of any kind: how the work went on a day, with a
// file as evidence (the work programme's "dated progress notes and evidence files"). It
// holds no value of the record's fields and counts in no figure. A note is never changed;
// one deleted is kept, out of every list.
type RecordNote struct {
	ID       int64  `json:"id"`
	Kind     string `json:"kind"`
	RecordID int64  `json:"record_id"`
	Day      Date   `json:"day"`
	// Text is in paragraphs, at most MaxRecordNoteRunes runes; a note has a text, a file or
	// both.
	Text      string          `json:"text"`
	File      *RecordNoteFile `json:"file,omitempty"`
	CreatedAt time.Time       `json:"created_at"`
	CreatedBy string          `json:"created_by,omitempty"` // read only: who added it
}

// noteDays is the range of the day of a note: what was done, up to today.
var noteDays = dateRange{"Ngày", earliestWork, 0}

// CheckRecordNote checks a note before it is stored, with a file or not: a day (today when
// none is given) from earliestWork to today, a text of valid UTF-8 within
// MaxRecordNoteRunes, and a text or a file. It trims the text.
func CheckRecordNote(n *RecordNote, hasFile bool, today Date) error {
	if n.Day.IsZero() {
		n.Day = today
	}
	if err := noteDays.check("day", n.Day, today); err != nil {
		return err
	}
	n.Text = strings.TrimSpace(n.Text)
	switch {
	case !utf8.ValidString(n.Text):
		return FieldError("text", "Nội dung không phải văn bản UTF-8 hợp lệ.")
	case utf8.RuneCountInString(n.Text) > MaxRecordNoteRunes:
		return FieldError("text", "Nội dung dài quá %d ký tự.", MaxRecordNoteRunes)
	case n.Text == "" && !hasFile:
		return FieldError("text", "Ghi nhận cần có nội dung hoặc tệp đính kèm.")
	}
	return nil
}

// RecordNoteService keeps the notes on the records of every declared kind. Reading them
// needs ActionUnitView at the record's unit, as reading the record does; adding or deleting
// one needs ActionRecordEdit there, and an open unit. Every write is audited.
type RecordNoteService interface {
	// AddRecordNote checks n (CheckRecordNote) and adds it to the record recordID of kind k,
	// with the file content named fileName when content is not empty, filling its ID, file,
	// time and author.
	AddRecordNote(ctx context.Context, k *RecordKind, recordID int64, n *RecordNote, fileName string, content []byte) error
	// RecordNotes returns the notes of the record recordID of kind k, the latest day first.
	RecordNotes(ctx context.Context, k *RecordKind, recordID int64) ([]*RecordNote, error)
	// RecordNoteFile returns the note noteID on a record of kind k, and the content of its
	// file; ENOTFOUND for a note without one.
	RecordNoteFile(ctx context.Context, k *RecordKind, noteID int64) (*RecordNote, []byte, error)
	// DeleteRecordNote deletes the note noteID on the record recordID of kind k.
	DeleteRecordNote(ctx context.Context, k *RecordKind, recordID, noteID int64) error
}
