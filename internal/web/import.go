package web

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// sampleRows is how many rows of a good file the preview shows.
const sampleRows = 20

// importData is what the import pages show: the unit imported into, and after an upload the
// outcome of the check.
type importData struct {
	Root     *tuyengiao.Unit
	Crumbs   []*tuyengiao.Unit
	Choices  []*tuyengiao.Unit // the units the user may import into, when none was chosen
	Limit    string
	Upload   *tuyengiao.Upload // the stored file: committed when good, its bad rows downloaded
	Filename string
	Result   *tuyengiao.ImportResult
	Problems []importProblem
	Sample   []tuyengiao.ImportRow
	Changed  bool // the commit found errors the check had not: the data changed meanwhile
	// Unanswered: a commit was sent with duplicates not answered.
	Unanswered bool
	Converted  []importConversion
	// Swapped is a date of birth of the file, when every one of them has a day of 12 or less,
	// so that days and months may have been swapped by a spreadsheet set to another locale.
	Swapped *tuyengiao.ImportRow
}

// importProblem is a bad row of an upload, its person's name, its reason without the "Dòng N:"
// that the table shows in a column of its own.
type importProblem struct {
	Row    int
	Name   string
	Reason string
}

// importConversion counts the rows converted from one legacy encoding.
type importConversion struct {
	From string // "Windows-1258", "TCVN3", ...
	Rows int
}

// Charset tells a CSV's charset from a font of cells.
func (c importConversion) Charset() bool { return strings.HasPrefix(c.From, "Windows-") }

// Bad returns the number of bad rows, all of them even when only the first are listed; a
// row dropped as a duplicate is not one.
func (d *importData) Bad() int { return d.Result.Rows - d.Result.Valid - d.Result.Dropped }

// Unlisted returns the number of bad rows beyond those listed.
func (d *importData) Unlisted() int { return d.Bad() - len(d.Result.Errors) }

// importPage shows the upload form for ?root=, or the units to choose from.
func (s *Server) importPage(w http.ResponseWriter, r *http.Request) error {
	rootID, err := queryInt(r.URL.Query(), "root")
	if err != nil {
		return err
	}
	return s.importForm(w, r, rootID, nil, http.StatusOK)
}

// importForm shows the upload form with the error of an upload, if any.
func (s *Server) importForm(w http.ResponseWriter, r *http.Request, rootID int64, err error, code int) error {
	d, derr := s.importData(r, rootID)
	if derr != nil {
		return derr
	}
	// Offer the form only to whom the service will let import there.
	pr := tuyengiao.PrincipalFrom(r.Context())
	if d.Root != nil {
		if derr := tuyengiao.Authorize(pr, tuyengiao.ActionPersonEdit, d.Root.Path); derr != nil {
			return derr
		}
	} else {
		if d.Choices, derr = s.actionRoots(r, tuyengiao.ActionPersonEdit); derr != nil {
			return derr
		} else if len(d.Choices) == 0 {
			return tuyengiao.Authorize(pr, tuyengiao.ActionPersonEdit, "")
		}
		if len(d.Choices) == 1 && err == nil {
			http.Redirect(w, r, "/people/import?root="+strconv.FormatInt(d.Choices[0].ID, 10), http.StatusSeeOther)
			return nil
		}
	}
	p := &page{Title: "Nhập nhân sự từ tệp Excel", Nav: "people", Data: d}
	if err != nil {
		p.Error = message(lang(r), err)
	}
	return s.renderCode(w, r, "import", p, code)
}

// importData loads the unit imported into, when one was chosen.
func (s *Server) importData(r *http.Request, rootID int64) (*importData, error) {
	d := &importData{Limit: byteSize(maxUploadBytes)}
	if rootID == 0 {
		return d, nil
	}
	var err error
	if d.Root, err = s.Units.FindUnitByID(r.Context(), rootID); err != nil {
		return nil, err
	}
	d.Crumbs, err = s.ancestors(r, d.Root, map[int64]*tuyengiao.Unit{})
	return d, err
}

// readUpload reads the file of a multipart request (field "file") as a people upload. A body
// beyond the route's limit, a request without a file and an empty file are errors the user
// can correct.
func readUpload(r *http.Request) (*tuyengiao.Upload, error) {
	return readUploadLimit(r, maxUploadBytes)
}

// readUploadLimit reads the file of a multipart form in field "file", keeping up to limit
// bytes in memory.
func readUploadLimit(r *http.Request, limit int64) (*tuyengiao.Upload, error) {
	if err := r.ParseMultipartForm(limit); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, tuyengiao.Errorf(tuyengiao.ETOOLARGE, "Tệp vượt quá giới hạn %s. Hãy chia danh sách thành nhiều tệp nhỏ hơn.", byteSize(mbe.Limit))
		}
		return nil, tuyengiao.FieldError("file", "Chưa chọn tệp để tải lên.")
	}
	defer r.MultipartForm.RemoveAll()
	file, fh, err := r.FormFile("file")
	if err != nil {
		return nil, tuyengiao.FieldError("file", "Chưa chọn tệp để tải lên.")
	}
	defer file.Close()
	b, err := io.ReadAll(file)
	if err != nil {
		return nil, err
	}
	name, err := uploadName(fh.Filename)
	if err != nil {
		return nil, err
	}
	return &tuyengiao.Upload{Kind: "people", Filename: name, Content: b}, nil
}

// uploadName is the name of an uploaded file as the user knows it: without the folders some
// browsers send, in NFC, at most 200 characters. A name that is not text is refused as an
// error of the field "file" (checkText).
func uploadName(filename string) (string, error) {
	if err := checkText("file", filename); err != nil {
		return "", err
	}
	name := vn.NFC(path.Base(strings.ReplaceAll(filename, `\`, "/")))
	if utf8.RuneCountInString(name) > 200 {
		name = string([]rune(name)[:200])
	}
	return name, nil
}

// checkUpload reads the file of an import as an upload of kind and checks it, check saying
// whether it found bad rows; a file without any is kept, so that the commit stores exactly
// what was checked. It shows the outcome with show: the upload kept (nil when none), an
// error about the file the user can correct with its status, or else 422 for bad rows.
func (s *Server) checkUpload(r *http.Request, kind string, check func(*tuyengiao.Upload) (bad bool, err error),
	show func(kept *tuyengiao.Upload, err error, code int) error) error {
	up, err := readUpload(r)
	bad := false
	if err == nil {
		up.Kind = kind
		bad, err = check(up)
	}
	if err == nil && !bad {
		err = s.Uploads.SaveUpload(r.Context(), up)
	}
	switch c := tuyengiao.ErrorCode(err); {
	case c == tuyengiao.EINVALID || c == tuyengiao.ETOOLARGE:
		return show(nil, err, status(c))
	case err != nil:
		return err
	case bad:
		return show(nil, nil, http.StatusUnprocessableEntity)
	}
	return show(up, nil, http.StatusOK)
}

// uploadRoot returns the unit an upload goes to: ?root= in the form's address, or its field.
func uploadRoot(r *http.Request) (int64, error) {
	id, err := queryInt(r.URL.Query(), "root")
	if id == 0 && err == nil && r.MultipartForm != nil {
		id, err = queryInt(url.Values(r.MultipartForm.Value), "root")
	}
	return id, err
}

// importUpload reads and checks an uploaded file without writing anyone, and shows the
// outcome. The file is stored, so that the commit, a second request, imports exactly what
// was checked, and the bad rows of a file that has some can be downloaded to fix.
func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) error {
	up, err := readUpload(r)
	rootID, rerr := uploadRoot(r)
	if rerr != nil {
		return rerr
	}
	if err == nil && rootID == 0 {
		err = tuyengiao.FieldError("root", "Chưa chọn đơn vị để nhập.")
	}
	var rows []tuyengiao.ImportRow
	var res *tuyengiao.ImportResult
	if err == nil {
		rows, err = s.ReadPeople(bytes.NewReader(up.Content), int64(len(up.Content)))
	}
	if err == nil {
		res, err = s.People.ImportPeople(r.Context(), tuyengiao.ImportRequest{RootID: rootID, Rows: rows, Commit: false})
	}
	if err == nil {
		err = s.Uploads.SaveUpload(r.Context(), up)
	}
	if err != nil {
		if c := tuyengiao.ErrorCode(err); c == tuyengiao.EINVALID || c == tuyengiao.ETOOLARGE {
			return s.importForm(w, r, rootID, err, status(c))
		}
		return err
	}
	d, err := s.importData(r, rootID)
	if err != nil {
		return err
	}
	d.Filename, d.Upload = up.Filename, up
	d.setResult(lang(r), res, rows)
	return s.render(w, r, "import_preview", &page{Title: "Kiểm tra tệp nhập", Nav: "people", Data: d})
}

// setResult fills the outcome of a check: the bad rows named by their people, the rows
// converted from a legacy encoding, a warning about dates whose day and month may be swapped,
// and the first rows of a good file.
func (d *importData) setResult(lang string, res *tuyengiao.ImportResult, rows []tuyengiao.ImportRow) {
	d.Result = res
	names := make(map[int]string, len(rows))
	converted := map[string]int{}
	dates, swappable := 0, true
	for i := range rows {
		r := &rows[i]
		names[r.Row] = r.FullName
		if r.Converted != "" {
			if converted[r.Converted] == 0 {
				d.Converted = append(d.Converted, importConversion{From: r.Converted})
			}
			converted[r.Converted]++
		}
		if !r.BirthDate.IsZero() {
			dates++
			swappable = swappable && r.BirthDate.Day() <= 12
			if d.Swapped == nil {
				d.Swapped = r
			}
		}
	}
	if dates < 2 || !swappable {
		d.Swapped = nil
	}
	for i := range d.Converted {
		d.Converted[i].Rows = converted[d.Converted[i].From]
	}
	for _, e := range res.Errors {
		d.Problems = append(d.Problems, importProblem{Row: e.Row, Name: names[e.Row], Reason: rowReason(lang, e)})
	}
	if len(res.Errors) == 0 {
		d.Sample = rows[:min(len(rows), sampleRows)]
	}
}

// Swap returns a date of birth with its day and month swapped, "03/05/1990" for 05/03/1990:
// what the file may have meant.
func (d *importData) Swap(t tuyengiao.Date) string {
	return vn.Date(time.Date(t.Year(), time.Month(t.Day()), int(t.Month()), 0, 0, 0, 0, time.UTC))
}

// rowReason returns the message of a row error in the language lang without the "Dòng N: "
// (or "Dòng N, " before a column) that the table shows in a column of its own, as a sentence.
func rowReason(lang string, e *tuyengiao.Error) string {
	reason := *e
	for _, row := range []string{"Dòng %v: ", "Dòng %v, "} {
		if rest, ok := strings.CutPrefix(e.Key, row); ok {
			reason.Key, reason.Args = rest, e.Args[1:]
		}
	}
	msg := message(lang, &reason)
	r, n := utf8.DecodeRuneInString(msg)
	if n == 0 {
		return msg
	}
	return string(unicode.ToUpper(r)) + msg[n:]
}

// importCommit imports the stored upload into the unit of the form: it reads the file again
// and the service checks every row again, since the data may have changed since the preview,
// then writes everyone or no one.
func (s *Server) importCommit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "upload")
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	rootID, up, rows, err := s.uploadedPeople(r, id, r.PostForm)
	if err != nil {
		return err
	}
	req := tuyengiao.ImportRequest{RootID: rootID, Rows: rows, Commit: true, UploadID: up.ID}
	req.Keep, req.Drop = importAnswers(r.PostForm)
	if r.PostForm.Get("rest") == "drop" {
		// The user drops every likely duplicate not answered: ask which they are.
		check, err := s.People.ImportPeople(r.Context(), tuyengiao.ImportRequest{RootID: rootID, Rows: rows, Keep: req.Keep, Drop: req.Drop})
		if err != nil {
			return err
		}
		for _, d := range check.Duplicates {
			if d.Undecided {
				req.Drop = append(req.Drop, d.Row)
			}
		}
	}
	res, err := s.People.ImportPeople(r.Context(), req)
	if err != nil {
		return err
	}
	if !res.Committed {
		d, err := s.importData(r, rootID)
		if err != nil {
			return err
		}
		d.Filename, d.Upload = up.Filename, up
		d.Changed, d.Unanswered = len(res.Errors) > 0, len(res.Errors) == 0
		d.setResult(lang(r), res, rows)
		return s.renderCode(w, r, "import_preview", &page{Title: "Kiểm tra tệp nhập", Nav: "people", Data: d, Form: r.PostForm}, http.StatusConflict)
	}
	loc := fmt.Sprintf("/people?root=%d&ok=imported&n=%d", rootID, res.Created)
	if res.Dropped > 0 {
		loc += fmt.Sprintf("&dropped=%d", res.Dropped)
	}
	http.Redirect(w, r, loc, http.StatusSeeOther)
	return nil
}

// importedFlash says how many people an import wrote and, when it dropped rows as likely
// duplicates, how many, for the page it leads to.
func importedFlash(r *http.Request, n, dropped int) string {
	en := lang(r) == "en"
	switch {
	case dropped > 0 && en:
		return fmt.Sprintf("Imported %s people; dropped %s duplicate rows.", vn.Int(int64(n)), vn.Int(int64(dropped)))
	case dropped > 0:
		return fmt.Sprintf("Đã nhập %s người; bỏ %s dòng trùng.", vn.Int(int64(n)), vn.Int(int64(dropped)))
	case en:
		return fmt.Sprintf("Imported %s people.", vn.Int(int64(n)))
	}
	return fmt.Sprintf("Đã nhập %s người.", vn.Int(int64(n)))
}

// importAnswers reads the answers of the preview's form about the likely duplicates: a field
// "dup-N" with "keep" or "drop" for row N.
func importAnswers(form url.Values) (keep, drop []int) {
	for k, v := range form {
		row, err := strconv.Atoi(strings.TrimPrefix(k, "dup-"))
		if !strings.HasPrefix(k, "dup-") || err != nil || len(v) == 0 {
			continue
		}
		switch v[0] {
		case "keep":
			keep = append(keep, row)
		case "drop":
			drop = append(drop, row)
		}
	}
	slices.Sort(keep)
	slices.Sort(drop)
	return keep, drop
}

// importBadRows sends the bad rows of the caller's stored upload as an XLSX, each with its
// reason, checked again as the preview did.
// uploadedPeople returns the unit the form names ("root"), the caller's people upload id and
// its rows as read: a missing unit is refused naming the field, an upload of another kind or
// another user is not found.
func (s *Server) uploadedPeople(r *http.Request, id int64, form url.Values) (int64, *tuyengiao.Upload, []tuyengiao.ImportRow, error) {
	rootID, err := queryInt(form, "root")
	if err != nil {
		return 0, nil, nil, err
	} else if rootID == 0 {
		return 0, nil, nil, tuyengiao.FieldError("root", "Chưa chọn đơn vị để nhập.")
	}
	up, err := s.Uploads.FindUpload(r.Context(), id)
	if err != nil {
		return 0, nil, nil, err
	} else if up.Kind != "people" {
		return 0, nil, nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy tệp đã tải lên.")
	}
	rows, err := s.ReadPeople(bytes.NewReader(up.Content), int64(len(up.Content)))
	return rootID, up, rows, err
}

func (s *Server) importBadRows(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "upload")
	if err != nil {
		return err
	}
	rootID, up, rows, err := s.uploadedPeople(r, id, r.URL.Query())
	if err != nil {
		return err
	}
	res, err := s.People.ImportPeople(r.Context(), tuyengiao.ImportRequest{RootID: rootID, Rows: rows})
	if err != nil {
		return err
	}
	reasons := make(map[int]string, len(res.Errors))
	for _, e := range res.Errors {
		reasons[e.Row] = message(lang(r), e)
	}
	var buf bytes.Buffer
	if err := s.PeopleBadRows(&buf, up.Content, reasons); err != nil {
		return err
	}
	sendXLSX(w, "cac-dong-loi.xlsx", &buf)
	return nil
}
