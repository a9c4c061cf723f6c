package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

var _ tuyengiao.RecordNoteService = (*RecordStore)(nil)

// The notes on records of every kind are in one table, record_notes, which names a note's
// record by the kind's code and the record's id: the notes are not the kinds' values, which
// stay in each kind's own table. A note's access is its record's (visible, editableUnit), and
// a note written raises no figure version, as it counts in none.

// noteColumns are the columns scanNote reads, of the table as n, without the file's content.
const noteColumns = `n.id, n.record_id, n.day, n.text, n.file_name, n.file_type, n.file_size, n.file_sha256,
	n.created_at, COALESCE(u.display_name, '')`

// noteFrom is the table of noteColumns, with who added each note.
const noteFrom = ` FROM record_notes n LEFT JOIN users u ON u.id = n.created_by`

// scanNote reads a row of noteColumns, and the more columns of more after them.
func scanNote(k *tuyengiao.RecordKind, scan func(dest ...any) error, more ...any) (*tuyengiao.RecordNote, error) {
	n := &tuyengiao.RecordNote{Kind: k.Code}
	var day string
	f := &tuyengiao.RecordNoteFile{}
	dest := append([]any{&n.ID, &n.RecordID, &day, &n.Text, &f.Name, &f.ContentType, &f.Size, &f.SHA256,
		&n.CreatedAt, &n.CreatedBy}, more...)
	if err := scan(dest...); err != nil {
		return nil, err
	}
	var err error
	if n.Day, err = storedDay(day); err != nil {
		return nil, fmt.Errorf("record note %d: %w", n.ID, err)
	}
	if f.Name != "" {
		n.File = f
	}
	n.CreatedAt = n.CreatedAt.UTC()
	return n, nil
}

func errNoteNotFound() error {
	return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy ghi nhận.")
}

// AddRecordNote implements tuyengiao.RecordNoteService: the caller needs ActionRecordEdit at
// the record's unit, which must be open. The text keeps its paragraphs, in NFC; the file,
// when given, is a PDF, a DOCX, or a JPEG or PNG photo by its content, of at most
// tuyengiao.MaxRecordNoteFileBytes (checkEvidenceFile), its errors naming the field "file".
func (s *RecordStore) AddRecordNote(ctx context.Context, k *tuyengiao.RecordKind, recordID int64, n *tuyengiao.RecordNote,
	fileName string, content []byte) error {
	t, err := tableOf(k)
	if err != nil {
		return err
	}
	rec, err := s.visible(ctx, t, recordID)
	if err != nil {
		return err
	}
	object := recordObject(k, recordID)
	if _, _, err := s.editableUnit(ctx, rec.UnitID, object); err != nil {
		return err
	}
	n.Kind, n.RecordID, n.Text = k.Code, recordID, nfcText(n.Text)
	if err := tuyengiao.CheckRecordNote(n, len(content) > 0, s.db.today()); err != nil {
		return err
	}
	file := checkedFile{}
	if len(content) > 0 {
		if file, err = checkEvidenceFile(fileName, content, tuyengiao.MaxRecordNoteFileBytes); err != nil {
			return renameNoteFileError(err)
		}
		n.File = &tuyengiao.RecordNoteFile{Name: file.Name, ContentType: file.ContentType, Size: file.Size, SHA256: file.SHA256}
	} else {
		n.File, content = nil, nil
	}
	n.CreatedAt = s.db.now()
	if pr := tuyengiao.PrincipalFrom(ctx); pr != nil {
		n.CreatedBy = pr.Name
	}
	detail := "Thêm ghi nhận ngày " + vn.Date(n.Day.Time) + " vào " + recordName(k, rec.Values)
	if n.File != nil {
		detail += fmt.Sprintf("; tệp: %s, %d byte, sha256 %s", file.Name, file.Size, file.SHA256)
	}
	return s.db.update(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `INSERT INTO record_notes (kind, record_id, day, text, file_name, file_type, file_size,
			file_sha256, file_content, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			k.Code, recordID, recordDay(n.Day), n.Text, file.Name, file.ContentType, file.Size, file.SHA256, content,
			n.CreatedAt, actingUser(ctx)).Scan(&n.ID)
		if err != nil {
			return err
		}
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "record.note.add", Object: object, UnitID: rec.UnitID,
			Detail: detail})
	})
}

// renameNoteFileError names the field "file" in an error about the name of a note's file
// (checkFile names it "name"), the one field of a note's form that sends it.
func renameNoteFileError(err error) error {
	var e *tuyengiao.Error
	if errors.As(err, &e) && e.Field == "name" {
		c := *e
		c.Field = "file"
		return &c
	}
	return err
}

// RecordNotes implements tuyengiao.RecordNoteService: the caller needs ActionUnitView at the
// record's unit. The notes come the latest day first, then the latest added.
func (s *RecordStore) RecordNotes(ctx context.Context, k *tuyengiao.RecordKind, recordID int64) ([]*tuyengiao.RecordNote, error) {
	t, err := tableOf(k)
	if err != nil {
		return nil, err
	}
	if _, err := s.visible(ctx, t, recordID); err != nil {
		return nil, err
	}
	rows, err := s.db.query(ctx, `SELECT `+noteColumns+noteFrom+`
		WHERE n.kind = ? AND n.record_id = ? AND n.deleted_at IS NULL ORDER BY n.day DESC, n.id DESC`, k.Code, recordID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*tuyengiao.RecordNote{}
	for rows.Next() {
		n, err := scanNote(k, rows.Scan)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// RecordNoteFile implements tuyengiao.RecordNoteService: the caller needs ActionUnitView at
// the unit of the note's record. A deleted note, or one on a deleted record, is not found.
func (s *RecordStore) RecordNoteFile(ctx context.Context, k *tuyengiao.RecordKind, noteID int64) (*tuyengiao.RecordNote, []byte, error) {
	t, err := tableOf(k)
	if err != nil {
		return nil, nil, err
	}
	var content []byte
	n, err := scanNote(k, s.db.queryRow(ctx, `SELECT `+noteColumns+`, n.file_content`+noteFrom+`
		WHERE n.id = ? AND n.kind = ? AND n.deleted_at IS NULL`, noteID, k.Code).Scan, &content)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, errNoteNotFound()
	} else if err != nil {
		return nil, nil, err
	}
	if _, err := s.visible(ctx, t, n.RecordID); err != nil {
		return nil, nil, err
	}
	if n.File == nil {
		return nil, nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Ghi nhận này không có tệp đính kèm.")
	}
	return n, content, nil
}

// DeleteRecordNote implements tuyengiao.RecordNoteService: the caller needs ActionRecordEdit
// at the record's unit, which must be open. The row stays, marked deleted, out of every list.
func (s *RecordStore) DeleteRecordNote(ctx context.Context, k *tuyengiao.RecordKind, recordID, noteID int64) error {
	t, err := tableOf(k)
	if err != nil {
		return err
	}
	rec, err := s.visible(ctx, t, recordID)
	if err != nil {
		return err
	}
	object := recordObject(k, recordID)
	if _, _, err := s.editableUnit(ctx, rec.UnitID, object); err != nil {
		return err
	}
	var day string
	err = s.db.queryRow(ctx, `SELECT day FROM record_notes WHERE id = ? AND kind = ? AND record_id = ? AND deleted_at IS NULL`,
		noteID, k.Code, recordID).Scan(&day)
	if errors.Is(err, sql.ErrNoRows) {
		return errNoteNotFound()
	} else if err != nil {
		return err
	}
	d, err := storedDay(day)
	if err != nil {
		return err
	}
	return s.db.update(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE record_notes SET deleted_at = ?, deleted_by = ?
			WHERE id = ? AND kind = ? AND record_id = ? AND deleted_at IS NULL`, s.db.now(), actingUser(ctx), noteID, k.Code, recordID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return errNoteNotFound()
		}
		return s.db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "record.note.delete", Object: object, UnitID: rec.UnitID,
			Detail: "Xóa ghi nhận ngày " + vn.Date(d.Time) + " (số " + strconv.FormatInt(noteID, 10) + ") của " + recordName(k, rec.Values)})
	})
}
