package web

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// bankData is what the question bank of a contest shows: its categories, a page of its
// questions, and after an upload the preview of the import.
type bankData struct {
	Contest    *tuyengiao.Contest
	Frozen     bool
	Categories []tuyengiao.QuestionCategory
	Questions  []*tuyengiao.Question
	Pager      pager
	Import     *bankImport
	Limit      string
}

// bankImport is the preview of an uploaded bank: every bad row, or the first questions of a
// good file and the upload kept to commit.
type bankImport struct {
	Filename string
	Rows     int
	Errors   []*tuyengiao.Error
	Sample   []*tuyengiao.Question
	Upload   *tuyengiao.Upload
}

// newPager returns the pager of the page at offset of a list of total items, limit a page,
// whose address is base followed by its offset.
func newPager(base string, offset, limit, total int) pager {
	p := pager{Page: offset/limit + 1, Pages: max(1, (total+limit-1)/limit)}
	if offset > 0 {
		p.PrevURL = base + strconv.Itoa(max(0, offset-limit))
	}
	if offset+limit < total {
		p.NextURL = base + strconv.Itoa(offset+limit)
	}
	return p
}

// DrawOf returns how many questions of the category an attempt draws.
func (d *bankData) DrawOf(categoryID int64) int {
	for _, k := range d.Contest.Draw {
		if k.CategoryID == categoryID {
			return k.Count
		}
	}
	return 0
}

func init() {
	funcs["letter"] = func(i int) string { return string(rune('A' + i)) }
}

func (s *Server) contestBankPage(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.viewContest(r, cx)
	if err != nil {
		return err
	}
	return s.showBank(w, r, c, nil, nil, http.StatusOK)
}

// showBank shows the bank of c, with the preview of an import and err when set.
func (s *Server) showBank(w http.ResponseWriter, r *http.Request, c *tuyengiao.Contest, imp *bankImport, err error, code int) error {
	d := &bankData{Contest: c, Frozen: c.Frozen(s.Now()), Import: imp, Limit: byteSize(maxUploadBytes)}
	offset, limit, perr := pageParams(r.URL.Query())
	if perr != nil {
		return perr
	}
	var total int
	if d.Categories, perr = s.Contests.Categories(r.Context(), c.ID); perr != nil {
		return perr
	}
	if d.Questions, total, perr = s.Contests.Questions(r.Context(), c.ID, offset, limit); perr != nil {
		return perr
	}
	d.Pager = newPager(contestURL(c.ID)+"/questions?limit="+strconv.Itoa(limit)+"&offset=", offset, limit, total)
	p := &page{Title: "Ngân hàng câu hỏi", Nav: "contests", Data: d}
	if r.Method == http.MethodPost && r.PostForm != nil {
		p.Form = r.PostForm
	}
	return s.renderForm(w, r, "contest_admin_bank", p, err, code)
}

func (s *Server) contestCategoryCreate(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.viewContest(r, cx)
	if err != nil {
		return err
	}
	k := &tuyengiao.QuestionCategory{ContestID: c.ID, Name: strings.TrimSpace(r.PostForm.Get("name"))}
	if err := s.Contests.SaveCategory(r.Context(), k); err != nil {
		return formError(err, func(err error, code int) error { return s.showBank(w, r, c, nil, err, code) })
	}
	http.Redirect(w, r, contestURL(c.ID)+"/questions?ok=created", http.StatusSeeOther)
	return nil
}

// questionFormData is what the form of a question shows.
type questionFormData struct {
	Contest    *tuyengiao.Contest
	Question   *tuyengiao.Question // nil for a new one
	Categories []tuyengiao.QuestionCategory
	Options    []tuyengiao.Option // MaxOptions rows, as stored or posted
	Candidates []*tuyengiao.Document
}

// Action is where the form posts.
func (d *questionFormData) Action() string {
	if d.Question == nil {
		return contestURL(d.Contest.ID) + "/questions"
	}
	return contestURL(d.Contest.ID) + "/questions/" + strconv.FormatInt(d.Question.ID, 10)
}

func (s *Server) contestQuestionNewPage(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.viewContest(r, cx)
	if err != nil {
		return err
	}
	return s.questionForm(w, r, c, nil, nil, http.StatusOK)
}

// findQuestion returns the question of the path in c's bank.
func (s *Server) findQuestion(r *http.Request, c *tuyengiao.Contest) (*tuyengiao.Question, error) {
	id, err := pathID(r, "question")
	if err != nil {
		return nil, err
	}
	return s.Contests.FindQuestion(r.Context(), c.ID, id)
}

func (s *Server) contestQuestionEditPage(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.viewContest(r, cx)
	if err != nil {
		return err
	}
	q, err := s.findQuestion(r, c)
	if err != nil {
		return err
	}
	return s.questionForm(w, r, c, q, nil, http.StatusOK)
}

// questionForm shows the form of q (nil: a new question of c), with err; after a post, with
// what was posted.
func (s *Server) questionForm(w http.ResponseWriter, r *http.Request, c *tuyengiao.Contest, q *tuyengiao.Question, err error, code int) error {
	d := &questionFormData{Contest: c, Question: q}
	var lerr error
	if d.Categories, lerr = s.Contests.Categories(r.Context(), c.ID); lerr != nil {
		return lerr
	}
	def := url.Values{}
	if q != nil {
		def.Set("category_id", strconv.FormatInt(q.CategoryID, 10))
		def.Set("text", q.Text)
		def.Set("explanation", q.Explanation)
		def.Set("document", q.Document)
		def.Set("source", q.Source)
		if q.Multiple {
			def.Set("multiple", "1")
		}
		d.Options = append(d.Options, q.Options...)
	}
	p := &page{Title: "Câu hỏi", Nav: "contests", Data: d, Form: def}
	if r.Method == http.MethodPost {
		p.Form = r.PostForm
		d.Options = postedOptions(r.PostForm)
	}
	d.Options = append(d.Options, make([]tuyengiao.Option, max(0, tuyengiao.MaxOptions-len(d.Options)))...)
	var choice *documentChoice
	if errors.As(err, &choice) {
		d.Candidates = choice.Docs
	}
	return s.renderForm(w, r, "contest_admin_question", p, err, code)
}

// postedOptions reads the options of the question form: option_text in order, and the
// positions of the right ones in option_correct; blank rows are left out.
func postedOptions(f url.Values) []tuyengiao.Option {
	right := map[string]bool{}
	for _, v := range f["option_correct"] {
		right[v] = true
	}
	var out []tuyengiao.Option
	for i, t := range f["option_text"] {
		if t = vn.NFC(strings.TrimSpace(t)); t != "" {
			out = append(out, tuyengiao.Option{Text: t, Correct: right[strconv.Itoa(i)]})
		}
	}
	return out
}

// readQuestion reads the question form into q.
func (s *Server) readQuestion(r *http.Request, q *tuyengiao.Question) error {
	f := r.PostForm
	var err error
	if q.CategoryID, err = queryInt(f, "category_id"); err != nil {
		return renameField(err, "category_id", "category")
	}
	q.Text, q.Explanation, q.Source = vn.NFC(f.Get("text")), vn.NFC(f.Get("explanation")), vn.NFC(f.Get("source"))
	q.Multiple, q.Options = f.Get("multiple") == "1", postedOptions(f)
	q.DocumentID, q.Document = 0, strings.TrimSpace(f.Get("document"))
	if q.Document != "" {
		q.DocumentID, err = s.documentBySymbol(r, q.Document, "document")
	}
	return err
}

func (s *Server) contestQuestionCreate(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.viewContest(r, cx)
	if err != nil {
		return err
	}
	q := &tuyengiao.Question{ContestID: c.ID}
	err = s.readQuestion(r, q)
	if err == nil {
		err = s.Contests.SaveQuestion(r.Context(), q)
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.questionForm(w, r, c, nil, err, code) })
	}
	http.Redirect(w, r, contestURL(c.ID)+"/questions?ok=created", http.StatusSeeOther)
	return nil
}

func (s *Server) contestQuestionUpdate(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.viewContest(r, cx)
	if err != nil {
		return err
	}
	q, err := s.findQuestion(r, c)
	if err != nil {
		return err
	}
	old := *q
	err = s.readQuestion(r, q)
	if err == nil {
		err = s.Contests.SaveQuestion(r.Context(), q)
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.questionForm(w, r, c, &old, err, code) })
	}
	http.Redirect(w, r, contestURL(c.ID)+"/questions?ok=saved", http.StatusSeeOther)
	return nil
}

// contestQuestionTemplate sends the XLSX to fill in to import a question bank.
func (s *Server) contestQuestionTemplate(w http.ResponseWriter, r *http.Request) error {
	var buf bytes.Buffer
	if err := s.WriteQuestionTemplate(&buf); err != nil {
		return err
	}
	sendXLSX(w, "mau-ngan-hang-cau-hoi.xlsx", &buf)
	return nil
}

// bankUploadKind is the kind of the uploads of the bank of contest id.
func bankUploadKind(id int64) string { return "contest-questions:" + strconv.FormatInt(id, 10) }

// checkBank reads an uploaded bank into imp: its questions, each document symbol resolved to
// the registry's document, and the file's row of each; every bad row goes to imp.Errors.
func (s *Server) checkBank(r *http.Request, imp *bankImport, up *tuyengiao.Upload) ([]*tuyengiao.Question, []int, error) {
	rows, err := s.ReadQuestions(bytes.NewReader(up.Content), int64(len(up.Content)))
	if err != nil && len(tuyengiao.RowErrors(err)) == 0 {
		return nil, nil, err
	} else if len(rows) == 0 {
		return nil, nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Tệp không có dòng dữ liệu nào.")
	}
	imp.Filename, imp.Rows = up.Filename, len(rows)
	var qs []*tuyengiao.Question
	var fileRows []int
	for _, row := range rows {
		if row.Err != nil {
			imp.Errors = append(imp.Errors, row.Err)
			continue
		}
		q := row.Question
		if q.Document != "" {
			id, err := s.documentBySymbol(r, q.Document, "document")
			if e := tuyengiao.UserError(err); e != nil {
				imp.Errors = append(imp.Errors, &tuyengiao.Error{Code: tuyengiao.EINVALID, Row: row.Row, Field: "document",
					Key: "Dòng %v: %s", Args: []any{row.Row, e}})
				continue
			} else if err != nil {
				return nil, nil, err
			}
			q.DocumentID = id
		}
		qs, fileRows = append(qs, q), append(fileRows, row.Row)
	}
	if len(imp.Errors) == 0 {
		imp.Sample = qs[:min(len(qs), sampleRows)]
	}
	return qs, fileRows, nil
}

// contestImportUpload checks an uploaded bank, storing nothing, and shows every bad row; a
// good file is kept, so that the commit stores exactly what was checked.
func (s *Server) contestImportUpload(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.viewContest(r, cx)
	if err != nil {
		return err
	}
	imp := &bankImport{}
	return s.checkUpload(r, bankUploadKind(c.ID), func(up *tuyengiao.Upload) (bool, error) {
		_, _, err := s.checkBank(r, imp, up)
		return len(imp.Errors) > 0, err
	}, func(kept *tuyengiao.Upload, err error, code int) error {
		imp.Upload = kept
		return s.showBank(w, r, c, imp, err, code)
	})
}

// contestImportCommit adds the questions of a checked upload to the bank, all or none: a file
// that no longer passes, or that the service refuses, adds nothing and shows why.
func (s *Server) contestImportCommit(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.viewContest(r, cx)
	if err != nil {
		return err
	}
	uid, err := pathID(r, "upload")
	if err != nil {
		return err
	}
	up, err := s.Uploads.FindUpload(r.Context(), uid)
	if err != nil {
		return err
	} else if up.Kind != bankUploadKind(c.ID) {
		return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy tệp đã tải lên.")
	}
	imp := &bankImport{}
	qs, rows, err := s.checkBank(r, imp, up)
	if err == nil && len(imp.Errors) == 0 {
		err = s.Contests.ImportQuestions(r.Context(), c.ID, qs)
		imp.Errors = fileRowErrors(err, rows)
		if len(imp.Errors) > 0 {
			err = nil
		}
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.showBank(w, r, c, imp, err, code) })
	}
	if len(imp.Errors) > 0 {
		imp.Sample = nil
		return s.showBank(w, r, c, imp, nil, http.StatusConflict)
	}
	http.Redirect(w, r, contestURL(c.ID)+"/questions?ok=imported", http.StatusSeeOther)
	return nil
}

// fileRowErrors returns the errors of rows of err, a refusal of the storage naming each row
// by its place among the questions imported, named instead by their rows of the file.
func fileRowErrors(err error, rows []int) []*tuyengiao.Error {
	bad := tuyengiao.RowErrors(err)
	for _, e := range bad {
		if e.Row < 1 || e.Row > len(rows) {
			continue
		}
		e.Row = rows[e.Row-1]
		if len(e.Args) > 0 {
			e.Args[0] = e.Row // "Dòng %v: …" names the row first
		}
	}
	return bad
}
