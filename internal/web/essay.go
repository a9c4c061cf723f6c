package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"tuyengiao"
)

// maxEssayBodyBytes limits the body of an essay submission: the file, the text (up to four
// bytes a character) and the form around them.
const maxEssayBodyBytes = tuyengiao.MaxEssayFileBytes + 4*tuyengiao.MaxEssayTextRunes + 1<<20

// essayFlashes are the confirmations of the essay and check-in pages, by ?ok= key.
var essayFlashes = map[string]string{
	"essay":    "Đã nộp bài thu hoạch.",
	"reviewed": "Đã lưu kết quả chấm.",
	"returned": "Đã trả bài để tác giả sửa.",
}

// essayFlash sets the confirmation a redirect to an essay page asked for.
func essayFlash(r *http.Request, p *page) *page {
	if f, ok := essayFlashes[r.URL.Query().Get("ok")]; ok {
		p.Flash = f
	}
	return p
}

// EssayStatusName names the status of an essay in the page's language.
func (p *page) EssayStatusName(s tuyengiao.EssayStatus) string { return p.T(s.Name()) }

// EssayStatusBadge is the badge class of an essay status.
func (p *page) EssayStatusBadge(s tuyengiao.EssayStatus) string {
	switch s {
	case tuyengiao.EssayGraded:
		return "ok"
	case tuyengiao.EssayReturned:
		return "warn"
	}
	return ""
}

// ---- the member's own essay ----

// myEssayData is what the member's essay page shows.
type myEssayData struct {
	Campaign *tuyengiao.Campaign
	Essay    *tuyengiao.Essay       // nil before the first submission
	Access   *tuyengiao.EssayAccess // who may read the essay and who has; nil with Essay
	Open     bool                   // the campaign asks for an essay and its due day has not passed
	Late     bool                   // the due day has passed
}

// Editable reports whether the member may still hand in or replace the essay.
func (d *myEssayData) Editable() bool {
	return d.Open && (d.Essay == nil || d.Essay.Status != tuyengiao.EssayGraded)
}

// myEssay reads the campaign and the caller's essay for it (nil when none yet), with who may
// read the essay and who has.
func (s *Server) myEssay(r *http.Request, campaignID int64) (*myEssayData, error) {
	c, err := s.Campaigns.FindCampaignByID(r.Context(), campaignID)
	if err != nil {
		return nil, err
	}
	d := &myEssayData{Campaign: c}
	if d.Essay, err = s.Essays.MyEssay(r.Context(), campaignID); tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
		d.Essay = nil
	} else if err != nil {
		return nil, err
	} else if d.Access, err = s.Essays.EssayAccess(r.Context(), d.Essay.ID); err != nil {
		return nil, err
	}
	if !c.EssayDue.IsZero() {
		d.Late = s.today().After(c.EssayDue.Time)
		d.Open = !d.Late
	}
	return d, nil
}

func (s *Server) myEssayPage(w http.ResponseWriter, r *http.Request) error {
	return s.myEssayShow(w, r, nil, http.StatusOK)
}

// myEssayShow shows the member's essay for the campaign of the path, with the error of a
// submission the member can correct.
func (s *Server) myEssayShow(w http.ResponseWriter, r *http.Request, err error, code int) error {
	id, perr := pathID(r, "campaign")
	if perr != nil {
		return perr
	}
	if tuyengiao.PrincipalFrom(r.Context()).PersonID == 0 {
		return tuyengiao.Errorf(tuyengiao.EFORBIDDEN, "Tài khoản của bạn chưa gắn với hồ sơ đảng viên, đoàn viên nào nên không có bài thu hoạch. Hãy liên hệ quản trị viên đơn vị.")
	}
	d, perr := s.myEssay(r, id)
	if perr != nil {
		return perr
	}
	p := essayFlash(r, &page{Title: "Bài thu hoạch", Nav: "study", Data: d})
	if err != nil && r.MultipartForm != nil {
		p.Form = url.Values(r.MultipartForm.Value)
	} else if err != nil {
		p.Form = r.PostForm
	}
	return s.renderForm(w, r, "essay_mine", p, err, code)
}

// essayForm is a submission as the page or the API sends it.
type essayForm struct {
	Text     string
	FileName string
	File     []byte
	KeepFile bool // keep the file of the essay when no new file comes
}

// readEssayForm reads an essay from a multipart form (text, file, keep_file), a plain form
// or, for the API, a JSON body {"text": ...}.
func readEssayForm(r *http.Request) (*essayForm, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	f := &essayForm{}
	switch ct {
	case "application/json":
		var in struct {
			Text string `json:"text"`
		}
		if err := decodeJSON(r, &in); err != nil {
			return nil, err
		}
		f.Text = in.Text
		return f, nil
	case "multipart/form-data":
		if err := r.ParseMultipartForm(2 << 20); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, &tuyengiao.Error{Code: tuyengiao.ETOOLARGE, Field: "file",
					Key: "Bài nộp vượt quá giới hạn %s; tệp đính kèm tối đa %s.", Args: []any{byteSize(mbe.Limit), byteSize(tuyengiao.MaxEssayFileBytes)}}
			}
			return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Không đọc được dữ liệu gửi lên.")
		}
		// The request is a copy made by the middleware, whose temporary files the server
		// would not remove.
		defer r.MultipartForm.RemoveAll()
		v := url.Values(r.MultipartForm.Value)
		if err := checkForm(v); err != nil {
			return nil, err
		}
		f.Text, f.KeepFile = v.Get("text"), v.Get("keep_file") != ""
		file, fh, err := r.FormFile("file")
		if errors.Is(err, http.ErrMissingFile) {
			return f, nil
		} else if err != nil {
			return nil, err
		}
		defer file.Close()
		if f.File, err = io.ReadAll(file); err != nil {
			return nil, err
		}
		if f.FileName, err = uploadName(fh.Filename); err != nil {
			return nil, err
		}
		return f, nil
	}
	if err := r.ParseForm(); err != nil {
		return nil, err
	}
	f.Text, f.KeepFile = r.PostForm.Get("text"), r.PostForm.Get("keep_file") != ""
	return f, nil
}

// submitEssay hands in the essay of the form for the campaign; with KeepFile and no new
// file, the file of the essay already handed in goes with it again.
func (s *Server) submitEssay(r *http.Request, campaignID int64, f *essayForm) (*tuyengiao.Essay, error) {
	sub := tuyengiao.EssaySubmission{Text: f.Text, FileName: f.FileName, File: f.File}
	if len(f.File) == 0 && f.KeepFile {
		old, err := s.Essays.MyEssay(r.Context(), campaignID)
		if err != nil && tuyengiao.ErrorCode(err) != tuyengiao.ENOTFOUND {
			return nil, err
		}
		if old != nil && old.File != nil {
			_, content, err := s.Essays.EssayFileContent(r.Context(), old.ID)
			if err != nil {
				return nil, err
			}
			sub.FileName, sub.File = old.File.Name, content
		}
	}
	return s.Essays.SubmitEssay(r.Context(), campaignID, sub)
}

func (s *Server) myEssaySubmit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "campaign")
	if err != nil {
		return err
	}
	err = func() error {
		f, err := readEssayForm(r)
		if err != nil {
			return err
		}
		_, err = s.submitEssay(r, id, f)
		return err
	}()
	if err != nil {
		err = renameField(err, "name", "file")
		switch c := tuyengiao.ErrorCode(err); c {
		case tuyengiao.ETOOLARGE:
			return s.myEssayShow(w, r, tuyengiao.FieldError("file", "%s", err),
				http.StatusRequestEntityTooLarge)
		case tuyengiao.EFORBIDDEN:
			// A member outside the campaign's audiences learns why on the page they are on.
			return s.myEssayShow(w, r, err, status(c))
		}
		return formError(err, func(err error, code int) error { return s.myEssayShow(w, r, err, code) })
	}
	http.Redirect(w, r, "/me/essays/"+strconv.FormatInt(id, 10)+"?ok=essay", http.StatusSeeOther)
	return nil
}

// ---- the essays of a unit, for its reviewers, and the counts for every level ----

// campaignEssaysData is what the essays page of a campaign at a unit shows.
type campaignEssaysData struct {
	Campaign *tuyengiao.Campaign
	Unit     *tuyengiao.Unit
	Counts   *tuyengiao.EssayFigures // the unit's whole subtree and the units right below it
	Reviewer bool                    // the caller reviews the essays of exactly this unit
	Essays   []*tuyengiao.Essay
	Missing  []*tuyengiao.Person // for a reviewer: the unit's people of the audiences without an essay
}

// essayMissingLimit bounds the people of a unit read to tell who has not handed in an essay:
// a cell has tens of members.
const essayMissingLimit = 2000

// missingEssays returns the active people of exactly the unit, of the campaign's audiences,
// who have handed in no essay, in name order.
func (s *Server) missingEssays(r *http.Request, c *tuyengiao.Campaign, u *tuyengiao.Unit, essays []*tuyengiao.Essay) ([]*tuyengiao.Person, error) {
	people, _, err := s.People.FindPeople(r.Context(), tuyengiao.PersonFilter{RootID: u.ID, Limit: essayMissingLimit})
	if err != nil {
		return nil, err
	}
	handed := map[int64]bool{}
	for _, e := range essays {
		handed[e.PersonID] = true
	}
	var out []*tuyengiao.Person
	for _, p := range people {
		if _, ok := c.Audience(p.Category); ok && p.UnitID == u.ID && !handed[p.ID] {
			out = append(out, p)
		}
	}
	return out, nil
}

// essayCountsUnit returns the unit of ?unit=, or else the unit where the caller reviews
// essays, or else the first unit of the caller's view scope.
func (s *Server) essayCountsUnit(r *http.Request) (*tuyengiao.Unit, error) {
	id, err := queryInt(r.URL.Query(), "unit")
	if err != nil {
		return nil, err
	}
	p := tuyengiao.PrincipalFrom(r.Context())
	if id == 0 {
		for _, g := range p.Grants {
			if g.Role == tuyengiao.RoleReviewer {
				id = g.UnitID
				break
			}
		}
	}
	if id == 0 {
		roots, err := s.actionRoots(r, tuyengiao.ActionUnitView)
		if err != nil {
			return nil, err
		}
		if len(roots) == 0 {
			return nil, tuyengiao.Authorize(p, tuyengiao.ActionUnitView, "")
		}
		return roots[0], nil
	}
	return s.Units.FindUnitByID(r.Context(), id)
}

func (s *Server) campaignEssaysPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u, err := s.essayCountsUnit(r)
	if err != nil {
		return err
	}
	c, err := s.Campaigns.FindCampaignByID(r.Context(), id)
	if err != nil {
		return err
	}
	d := &campaignEssaysData{Campaign: c, Unit: u}
	if d.Counts, err = s.Figures.EssayCounts(r.Context(), c.ID, u.ID); err != nil {
		return err
	}
	// Only what the services allow is fetched: the list is asked for only by whom the rule
	// of the essays lets read it, so that a viewer's visit writes no refusal to the log.
	if d.Reviewer = canReviewAt(tuyengiao.PrincipalFrom(r.Context()), u.Path); d.Reviewer {
		if d.Essays, err = s.Essays.FindEssays(r.Context(), id, u.ID); err != nil {
			return err
		}
		if !c.EssayDue.IsZero() {
			if d.Missing, err = s.missingEssays(r, c, u, d.Essays); err != nil {
				return err
			}
		}
	}
	return s.render(w, r, "essays", &page{Title: "Bài thu hoạch", Nav: "campaigns", Data: d})
}

// canReviewAt reports whether p reviews the essays of exactly the unit at path, for what a
// page shows; the services decide.
func canReviewAt(p *tuyengiao.Principal, path string) bool {
	return tuyengiao.Authorize(p, tuyengiao.ActionEssayReview, path) == nil && tuyengiao.AuthorizeEssay(p, path, 0, 0) == nil
}

// ---- one essay: read, grade or return ----

// essayData is what the page of one essay shows.
type essayData struct {
	Essay    *tuyengiao.Essay
	Campaign *tuyengiao.Campaign
	Unit     *tuyengiao.Unit
	Author   bool // the caller wrote it
	Review   bool // the caller may grade it now
}

// ScoreOf returns the level the essay got on a criterion, or "".
func (d *essayData) ScoreOf(criterion string) string {
	for _, sc := range d.Essay.Scores {
		if sc.Criterion == criterion {
			return sc.Level
		}
	}
	return ""
}

func (s *Server) essayPage(w http.ResponseWriter, r *http.Request) error {
	return s.essayShow(w, r, nil, http.StatusOK)
}

// essayShow shows the essay of the path with the error of a review the reviewer can
// correct.
func (s *Server) essayShow(w http.ResponseWriter, r *http.Request, err error, code int) error {
	id, perr := pathID(r, "id")
	if perr != nil {
		return perr
	}
	e, perr := s.Essays.FindEssayByID(r.Context(), id)
	if perr != nil {
		return perr
	}
	c, perr := s.Campaigns.FindCampaignByID(r.Context(), e.CampaignID)
	if perr != nil {
		return perr
	}
	u, perr := s.Units.FindUnitByID(r.Context(), e.UnitID)
	if perr != nil {
		return perr
	}
	p := tuyengiao.PrincipalFrom(r.Context())
	d := &essayData{Essay: e, Campaign: c, Unit: u, Author: p.PersonID != 0 && p.PersonID == e.PersonID}
	d.Review = !d.Author && e.Status != tuyengiao.EssayGraded && canReviewAt(p, u.Path)
	pg := essayFlash(r, &page{Title: "Bài thu hoạch", Nav: "campaigns", Data: d})
	if err != nil {
		pg.Form = r.PostForm
	}
	return s.renderForm(w, r, "essay", pg, err, code)
}

// maxCriteria bounds the criteria a review form is read for, as Campaign.Validate does.
const maxCriteria = 20

// essayReviewForm reads a review: the overall level, the level of each criterion of the
// rubric (criterion_0 names the first and score_0 gives its level, and so on), the comment,
// and whether to return the essay (decision=return). The service checks them against the
// campaign's rubric.
func essayReviewForm(f url.Values) tuyengiao.EssayReview {
	rv := tuyengiao.EssayReview{Level: f.Get("level"), Comment: f.Get("comment"), Return: f.Get("decision") == "return"}
	// A time that does not read is no submission at all: the service then grades the
	// current one, as the API does when it is left out.
	rv.SubmittedAt, _ = time.Parse(time.RFC3339Nano, f.Get("submitted_at"))
	for i := range maxCriteria {
		crit, level := f.Get("criterion_"+strconv.Itoa(i)), f.Get("score_"+strconv.Itoa(i))
		if crit != "" && level != "" {
			rv.Scores = append(rv.Scores, tuyengiao.Score{Criterion: crit, Level: level})
		}
	}
	return rv
}

func (s *Server) essayReview(w http.ResponseWriter, r *http.Request) error {
	id, err := formID(r)
	if err != nil {
		return err
	}
	rv := essayReviewForm(r.PostForm)
	if _, err := s.Essays.ReviewEssay(r.Context(), id, rv); err != nil {
		return formError(err, func(err error, code int) error { return s.essayShow(w, r, err, code) })
	}
	ok := "reviewed"
	if rv.Return {
		ok = "returned"
	}
	http.Redirect(w, r, "/essays/"+strconv.FormatInt(id, 10)+"?ok="+ok, http.StatusSeeOther)
	return nil
}

func (s *Server) essayFileDownload(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	f, content, err := s.Essays.EssayFileContent(r.Context(), id)
	if err != nil {
		return err
	}
	// An essay is personal: no cache keeps a copy.
	return sendFile(w, f.Name, f.ContentType, content, "private, no-store")
}
