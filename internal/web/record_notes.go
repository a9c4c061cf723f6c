package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// maxRecordNoteBodyBytes limits the body of a note: its file, its text (up to four bytes a
// rune) and the rest of the form.
const maxRecordNoteBodyBytes = tuyengiao.MaxRecordNoteFileBytes + 4*tuyengiao.MaxRecordNoteRunes + 1<<20

// recordPageData is what the page of a record shows: the record (with what it was handed
// down to, recordData.HandDown), and its notes with the form that adds one.
type recordPageData struct {
	*recordData
	Notes []*tuyengiao.RecordNote
	Today string // the day a new note is of unless another is typed, as dd/mm/yyyy
}

// recordPageWith shows the page of the record of the path with err, if any, on the form it
// was posted from (a note, a hand-down), keeping what was posted, with the status code.
func (s *Server) recordPageWith(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind, err error, code int) error {
	d, derr := s.recordShown(r, k)
	if derr != nil {
		return derr
	}
	pd := &recordPageData{recordData: d, Today: vn.Date(s.today())}
	if pd.Notes, derr = s.RecordNotes.RecordNotes(r.Context(), k, d.Record.ID); derr != nil {
		return derr
	}
	if k.HandDown != nil {
		if d.HandDown, derr = s.handDownOf(r, k, d.Record, d.Unit); derr != nil {
			return derr
		}
	}
	if d.Related, derr = s.relatedOf(r, k, d.Record); derr != nil {
		return derr
	}
	p := &page{Title: k.Name, Nav: "records", Data: pd}
	if r.Method == http.MethodPost {
		p.Form = r.PostForm
	}
	return s.renderForm(w, r, "record", p, err, code)
}

// postedNote is a note as a form or the API sends it: its day and text, and its file when
// one is sent.
type postedNote struct {
	Note     tuyengiao.RecordNote
	FileName string
	File     []byte
}

// readRecordNote reads a note from a multipart form (day, text, file), a plain form or, for
// the API, a JSON body {"day": "2026-01-31", "text": ...} without a file. A day left empty is
// today's (tuyengiao.CheckRecordNote).
func readRecordNote(r *http.Request) (*postedNote, error) {
	p := &postedNote{}
	var form url.Values
	switch ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct {
	case "application/json":
		var in struct {
			Day  tuyengiao.Date `json:"day"`
			Text string         `json:"text"`
		}
		if err := decodeJSON(r, &in); err != nil {
			return nil, err
		}
		p.Note.Day, p.Note.Text = in.Day, in.Text
		return p, nil
	case "multipart/form-data":
		if err := r.ParseMultipartForm(2 << 20); err != nil {
			if errors.As(err, new(*http.MaxBytesError)) {
				return nil, &tuyengiao.Error{Code: tuyengiao.ETOOLARGE, Field: "file",
					Key: "Tệp lớn quá %d MB.", Args: []any{tuyengiao.MaxRecordNoteFileBytes >> 20}}
			}
			return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Không đọc được dữ liệu gửi lên.")
		}
		// The request is a copy made by the middleware, whose temporary files the server
		// would not remove.
		defer r.MultipartForm.RemoveAll()
		form = url.Values(r.MultipartForm.Value)
		if err := checkForm(form); err != nil {
			return nil, err
		}
		if err := p.readFile(r); err != nil {
			return nil, err
		}
	default:
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		form = r.PostForm
	}
	var err error
	p.Note.Text = form.Get("text")
	p.Note.Day, err = formDay(form, "day")
	return p, err
}

// readFile reads the file of the form's field "file", when one was chosen.
func (p *postedNote) readFile(r *http.Request) error {
	file, fh, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) {
		return nil
	} else if err != nil {
		return err
	}
	defer file.Close()
	if p.File, err = io.ReadAll(file); err != nil {
		return err
	}
	p.FileName, err = uploadName(fh.Filename)
	return err
}

// addRecordNote adds the note the request posts to the record of its path.
func (s *Server) addRecordNote(r *http.Request, k *tuyengiao.RecordKind) (*tuyengiao.RecordNote, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	p, err := readRecordNote(r)
	if err != nil {
		return nil, err
	}
	err = s.RecordNotes.AddRecordNote(r.Context(), k, id, &p.Note, p.FileName, p.File)
	return &p.Note, err
}

func (s *Server) recordNoteCreate(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	n, err := s.addRecordNote(r, k)
	if err != nil {
		if tuyengiao.ErrorCode(err) == tuyengiao.ETOOLARGE {
			return s.recordPageWith(w, r, k, tuyengiao.FieldError("file", "%s", err), http.StatusRequestEntityTooLarge)
		}
		return formError(err, func(err error, code int) error { return s.recordPageWith(w, r, k, err, code) })
	}
	http.Redirect(w, r, recordURL(k, n.RecordID)+"?ok=noted#notes", http.StatusSeeOther)
	return nil
}

// recordNoteFile sends the file of the note of the path, on the record of the path.
func (s *Server) recordNoteFile(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	noteID, err := pathID(r, "note")
	if err != nil {
		return err
	}
	n, content, err := s.RecordNotes.RecordNoteFile(r.Context(), k, noteID)
	if err != nil {
		return err
	}
	if n.RecordID != id {
		return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy ghi nhận.")
	}
	return sendFile(w, n.File.Name, n.File.ContentType, content, "private, no-cache")
}

func (s *Server) recordNoteDelete(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	noteID, err := pathID(r, "note")
	if err != nil {
		return err
	}
	if err := s.RecordNotes.DeleteRecordNote(r.Context(), k, id, noteID); err != nil {
		return formError(err, func(err error, code int) error { return s.recordPageWith(w, r, k, err, code) })
	}
	http.Redirect(w, r, recordURL(k, id)+"?ok=deleted#notes", http.StatusSeeOther)
	return nil
}

func (s *Server) apiRecordNotes(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	notes, err := s.RecordNotes.RecordNotes(r.Context(), k, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, newList(notes, len(notes)))
	return nil
}

func (s *Server) apiRecordNoteCreate(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	n, err := s.addRecordNote(r, k)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, n)
	return nil
}

func (s *Server) apiRecordNoteDelete(w http.ResponseWriter, r *http.Request, k *tuyengiao.RecordKind) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	noteID, err := pathID(r, "note")
	if err != nil {
		return err
	}
	if err := s.RecordNotes.DeleteRecordNote(r.Context(), k, id, noteID); err != nil {
		return err
	}
	return noContent(w)
}
