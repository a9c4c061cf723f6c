package sqldb

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// photo returns a small picture encoded by encode (png.Encode, a JPEG encoder).
func photo(t *testing.T, encode func(*bytes.Buffer, image.Image) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := encode(&b, image.NewRGBA(image.Rect(0, 0, 4, 3))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func pngOf(b *bytes.Buffer, m image.Image) error  { return png.Encode(b, m) }
func jpegOf(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) }

// notesStored counts the rows of record_notes, deleted ones included.
func notesStored(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	if err := db.queryRow(context.Background(), `SELECT COUNT(*) FROM record_notes`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRecordNotes(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		c := newRecordCity(t, db)
		k := tuyengiao.MediaItems
		r := media(t, c.p1, "2026-03-10", "website", "article", "Bài viết về Nghị quyết 35", 1)
		c.add(t, r)
		editor, viewer := editorAt(c.q1), roleCtx(tuyengiao.RoleViewer, c.city.ID, c.city.Path)
		picture := photo(t, pngOf)
		var first, second *tuyengiao.RecordNote

		t.Run("an editor adds a note with a photo, its paragraphs kept in NFC, audited", func(t *testing.T) {
			first = &tuyengiao.RecordNote{Day: personDate(t, "2026-03-12"), Text: "  Đã đăng bài.\r\n\r\n\r\nBa\u0300i có 120 lượt chia sẻ.  "}
			if err := c.store.AddRecordNote(editor, k, r.ID, first, `C:\Ảnh\minh-chung.png`, picture); err != nil {
				t.Fatal(err)
			}
			if first.ID == 0 || first.Text != "Đã đăng bài.\n\nBài có 120 lượt chia sẻ." || first.File == nil ||
				first.File.Name != "minh-chung.png" || first.File.ContentType != "image/png" || first.File.Size != int64(len(picture)) {
				t.Errorf("added %+v, file %+v", first, first.File)
			}
			d := lastDetail(t, db, "record.note.add")
			if !strings.HasPrefix(d, `Thêm ghi nhận ngày 12/03/2026 vào tin, bài "Bài viết về Nghị quyết 35"; tệp: minh-chung.png`) {
				t.Errorf("audit %q", d)
			}
		})

		t.Run("a note with a text alone, the day today when none is given, a JPEG taken too", func(t *testing.T) {
			second = &tuyengiao.RecordNote{Text: "Đã báo cáo Ban Thường vụ."}
			if err := c.store.AddRecordNote(editor, k, r.ID, second, "", nil); err != nil {
				t.Fatal(err)
			}
			if second.File != nil || !second.Day.Equal(personDate(t, "2026-04-05").Time) {
				t.Errorf("added %+v", second)
			}
			n := &tuyengiao.RecordNote{Day: personDate(t, "2026-03-01")}
			if err := c.store.AddRecordNote(editor, k, r.ID, n, "anh.jpg", photo(t, jpegOf)); err != nil || n.File.ContentType != "image/jpeg" {
				t.Fatalf("a JPEG: %+v, %v", n, err)
			}
		})

		t.Run("a viewer lists the notes, the latest day first, and reads the file back identical", func(t *testing.T) {
			notes, err := c.store.RecordNotes(viewer, k, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(notes) != 3 || notes[0].ID != second.ID || notes[1].ID != first.ID || notes[1].File.SHA256 != first.File.SHA256 ||
				notes[1].Text != first.Text || notes[1].Kind != k.Code || notes[1].RecordID != r.ID {
				t.Errorf("notes %+v", notes)
			}
			n, content, err := c.store.RecordNoteFile(viewer, k, first.ID)
			if err != nil || !bytes.Equal(content, picture) || n.File.Name != "minh-chung.png" {
				t.Errorf("file %+v, %d bytes: %v", n, len(content), err)
			}
			if _, _, err := c.store.RecordNoteFile(viewer, k, second.ID); tuyengiao.ErrorCode(err) != tuyengiao.ENOTFOUND {
				t.Errorf("the file of a note without one: %v", err)
			}
			if _, _, err := c.store.RecordNoteFile(viewer, tuyengiao.RecordKinds()[1], first.ID); tuyengiao.ErrorCode(err) != tuyengiao.ENOTFOUND {
				t.Errorf("the file of a note read as another kind's: %v", err)
			}
		})

		t.Run("a note is refused to a viewer, outside the caller's subtree, empty, or with a file that is no document or photo", func(t *testing.T) {
			before := notesStored(t, db)
			exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00"), bytes.Repeat([]byte{0}, 64)...)
			for name, tc := range map[string]struct {
				ctx         context.Context
				note        tuyengiao.RecordNote
				file        string
				content     []byte
				code, field string
			}{
				"a viewer":                 {ctx: viewer, note: tuyengiao.RecordNote{Text: "Ghi"}, code: tuyengiao.EFORBIDDEN},
				"another district":         {ctx: editorAt(c.q2), note: tuyengiao.RecordNote{Text: "Ghi"}, code: tuyengiao.ENOTFOUND},
				"an empty note":            {ctx: editor, note: tuyengiao.RecordNote{Text: " \n "}, code: tuyengiao.EINVALID, field: "text"},
				"an .exe renamed .pdf":     {ctx: editor, note: tuyengiao.RecordNote{Text: "Ghi"}, file: "bao-cao.pdf", content: exe, code: tuyengiao.EINVALID, field: "file"},
				"a PNG header alone":       {ctx: editor, file: "anh.png", content: []byte("\x89PNG\r\n\x1a\n"), code: tuyengiao.EINVALID, field: "file"},
				"a day ahead of today":     {ctx: editor, note: tuyengiao.RecordNote{Text: "Ghi", Day: personDate(t, "2026-04-06")}, code: tuyengiao.EINVALID, field: "day"},
				"a text over 10.000 runes": {ctx: editor, note: tuyengiao.RecordNote{Text: strings.Repeat("ư", 10001)}, code: tuyengiao.EINVALID, field: "text"},
				"a file over 10 MB":        {ctx: editor, file: "to.pdf", content: append([]byte("%PDF-"), make([]byte, 10<<20)...), code: tuyengiao.ETOOLARGE, field: "file"},
			} {
				err := c.store.AddRecordNote(tc.ctx, k, r.ID, &tc.note, tc.file, tc.content)
				if e := tuyengiao.UserError(err); e.Code != tc.code || e.Field != tc.field {
					t.Errorf("%s: %v (%s, field %q)", name, err, e.Code, e.Field)
				}
			}
			if n := notesStored(t, db); n != before {
				t.Errorf("%d notes stored, want %d", n, before)
			}
			err := c.store.AddRecordNote(editor, k, r.ID, &tuyengiao.RecordNote{Text: "Ghi"}, "bao-cao.pdf", exe)
			if msg := vn.Message(tuyengiao.UserError(err)); msg != "Chỉ nhận tệp PDF, DOCX hoặc ảnh JPEG, PNG." {
				t.Errorf("message %q", msg)
			}
		})

		t.Run("a deleted note leaves the list and its file, its deletion audited", func(t *testing.T) {
			if err := c.store.DeleteRecordNote(viewer, k, r.ID, first.ID); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Errorf("a viewer deletes: %v", err)
			}
			if err := c.store.DeleteRecordNote(editor, k, r.ID+1000, first.ID); tuyengiao.ErrorCode(err) != tuyengiao.ENOTFOUND {
				t.Errorf("a note named with another record: %v", err)
			}
			if err := c.store.DeleteRecordNote(editor, k, r.ID, first.ID); err != nil {
				t.Fatal(err)
			}
			notes, err := c.store.RecordNotes(viewer, k, r.ID)
			if err != nil || len(notes) != 2 || notes[0].ID != second.ID {
				t.Errorf("notes %+v: %v", notes, err)
			}
			if _, _, err := c.store.RecordNoteFile(viewer, k, first.ID); tuyengiao.ErrorCode(err) != tuyengiao.ENOTFOUND {
				t.Errorf("the file of a deleted note: %v", err)
			}
			if err := c.store.DeleteRecordNote(editor, k, r.ID, first.ID); tuyengiao.ErrorCode(err) != tuyengiao.ENOTFOUND {
				t.Errorf("deleted twice: %v", err)
			}
			if d := lastDetail(t, db, "record.note.delete"); !strings.HasPrefix(d, "Xóa ghi nhận ngày 12/03/2026") || !strings.Contains(d, "Bài viết về Nghị quyết 35") {
				t.Errorf("audit %q", d)
			}
			if d := lastDetail(t, db, "record.note.add"); d == "" {
				t.Error("the audit of the note added is gone")
			}
		})

		t.Run("a closed unit takes no note and keeps its notes", func(t *testing.T) {
			if _, err := db.CloseUnit(sysadminCtx(), c.p1.ID, time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)); err != nil {
				t.Fatal(err)
			}
			err := c.store.AddRecordNote(editor, k, r.ID, &tuyengiao.RecordNote{Text: "Ghi"}, "", nil)
			if e := tuyengiao.UserError(err); e.Field != "unit_id" {
				t.Errorf("a note at a closed unit: %v", err)
			}
			if e := tuyengiao.UserError(c.store.DeleteRecordNote(editor, k, r.ID, second.ID)); e.Field != "unit_id" {
				t.Errorf("a note deleted at a closed unit: %v", e)
			}
			if notes, err := c.store.RecordNotes(viewer, k, r.ID); err != nil || len(notes) != 2 {
				t.Errorf("notes %+v: %v", notes, err)
			}
		})

		t.Run("a note raises no figure version", func(t *testing.T) {
			var before, after int64
			version := `SELECT SUM(version) FROM figure_versions`
			n := &tuyengiao.RecordNote{Text: "Ghi"}
			r2 := media(t, c.p2, "2026-03-10", "website", "article", "Tin khác", 1)
			c.add(t, r2)
			if err := db.queryRow(context.Background(), version).Scan(&before); err != nil {
				t.Fatal(err)
			}
			if err := c.store.AddRecordNote(editor, k, r2.ID, n, "", nil); err != nil {
				t.Fatal(err)
			}
			if err := db.queryRow(context.Background(), version).Scan(&after); err != nil || after != before {
				t.Errorf("figure versions %d → %d: %v", before, after, err)
			}
		})
	})
}
