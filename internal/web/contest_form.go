package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// contestFormData is what the new-contest and edit-contest forms show.
type contestFormData struct {
	Contest    *tuyengiao.Contest // nil for a new one
	Frozen     bool               // its first round has opened: the rules are shown, not edited
	Choices    []*tuyengiao.Unit  // the units that may organise a new one
	Def        url.Values
	Ranking    []string // the keys of the chain's positions after the score, "" for none
	Prizes     []prizeRow
	Rounds     []roundRow
	Categories []tuyengiao.QuestionCategory // the bank's, for the draw
	Draw       map[int64]string             // count by category, as typed
}

type prizeRow struct{ Name, Count string }

// roundRow is a round as the form writes it; Locked once it has opened, when it is sent back
// unchanged.
type roundRow struct {
	Opens, Closes string
	Locked        bool
}

// Action is where the form posts.
func (d *contestFormData) Action() string {
	if d.Contest == nil {
		return "/contests"
	}
	return contestURL(d.Contest.ID)
}

// blankRows are the empty rows of prizes and rounds a form offers beyond those filled in.
const blankRows = 2

func (s *Server) contestNewPage(w http.ResponseWriter, r *http.Request) error {
	return s.contestForm(w, r, nil, nil, http.StatusOK)
}

func (s *Server) contestEditPage(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.viewContest(r, cx)
	if err != nil {
		return err
	}
	return s.contestForm(w, r, c, nil, http.StatusOK)
}

// contestForm shows the contest form, for c or for a new contest, with err; after a post it
// shows what was posted.
func (s *Server) contestForm(w http.ResponseWriter, r *http.Request, c *tuyengiao.Contest, err error, code int) error {
	d := &contestFormData{Contest: c, Def: contestValues(c), Draw: map[int64]string{}}
	posted := r.Method == http.MethodPost
	src := c
	if src == nil {
		src = newContestDefaults()
	}
	for _, k := range src.Ranking[1:] {
		d.Ranking = append(d.Ranking, string(k))
	}
	for _, p := range src.Prizes {
		d.Prizes = append(d.Prizes, prizeRow{p.Name, strconv.Itoa(p.Count)})
	}
	now := s.Now()
	for _, rd := range src.Rounds {
		d.Rounds = append(d.Rounds, roundRow{vn.DateTime(rd.OpensAt), vn.DateTime(rd.ClosesAt), !now.Before(rd.OpensAt)})
	}
	if posted {
		d.Ranking, d.Prizes, d.Rounds = postedRanking(r.PostForm, d.Ranking), postedPrizes(r.PostForm, d.Prizes), postedRounds(r.PostForm, d.Rounds)
	}
	d.Prizes = append(d.Prizes, make([]prizeRow, blankRows)...)
	d.Rounds = append(d.Rounds, make([]roundRow, blankRows)...)
	for len(d.Ranking) < len(tuyengiao.RankKeys)-1 {
		d.Ranking = append(d.Ranking, "")
	}
	if c != nil {
		d.Frozen = c.Frozen(now)
		for _, k := range c.Draw {
			d.Draw[k.CategoryID] = strconv.Itoa(k.Count)
		}
		var lerr error
		if d.Categories, lerr = s.Contests.Categories(r.Context(), c.ID); lerr != nil {
			return lerr
		}
		if posted {
			for _, k := range d.Categories {
				d.Draw[k.ID] = r.PostForm.Get("draw_" + strconv.FormatInt(k.ID, 10))
			}
		}
	} else if err := s.contestChoices(r, d); err != nil {
		return err
	}
	title := "Tạo cuộc thi"
	if c != nil {
		title = "Sửa cuộc thi"
	}
	p := &page{Title: title, Nav: "contests", Data: d}
	if posted {
		p.Form = r.PostForm
	}
	return s.renderForm(w, r, "contest_admin_form", p, err, code)
}

// contestChoices fills the units that may organise a new contest: those at the top of the
// caller's scope, and the unit of ?unit= when the caller may run contests there.
func (s *Server) contestChoices(r *http.Request, d *contestFormData) error {
	var err error
	if d.Choices, err = s.actionRoots(r, cx); err != nil {
		return err
	}
	id, err := queryInt(shownForm(r), "unit")
	if err != nil || id == 0 {
		if len(d.Choices) == 0 {
			return tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), cx, "")
		}
		return err
	}
	u, err := s.Units.FindUnitByID(r.Context(), id)
	if err != nil {
		return err
	} else if err := tuyengiao.Authorize(tuyengiao.PrincipalFrom(r.Context()), cx, u.Path); err != nil {
		return err
	}
	d.Def.Set("unit_id", strconv.FormatInt(u.ID, 10))
	if !slices.ContainsFunc(d.Choices, func(x *tuyengiao.Unit) bool { return x.ID == u.ID }) {
		d.Choices = append([]*tuyengiao.Unit{u}, d.Choices...)
	}
	return nil
}

// newContestDefaults is what a new contest's form starts from: the usual rules of such
// contests (one attempt counts at its best, answers after the round, four levels of prizes).
func newContestDefaults() *tuyengiao.Contest {
	return &tuyengiao.Contest{RetentionDays: 365, TimeLimit: 600, AttemptsPerRound: 1, Counts: tuyengiao.CountBest,
		ShowAnswers: tuyengiao.AnswersAfterClose, Ranking: []tuyengiao.RankKey{tuyengiao.RankScore, tuyengiao.RankDuration, tuyengiao.RankSubmitted},
		Prizes:  []tuyengiao.Prize{{Name: "Giải Nhất", Count: 1}, {Name: "Giải Nhì", Count: 2}, {Name: "Giải Ba", Count: 3}, {Name: "Giải Khuyến khích", Count: 10}},
		Consent: "Tôi đồng ý để Ban Tổ chức thu thập họ tên, năm sinh, số điện thoại, đơn vị hoặc địa chỉ của tôi để tổ chức cuộc thi, xét và trao giải; thông tin được xóa khi hết thời hạn lưu theo thể lệ."}
}

// contestValues returns the single fields of a contest as the form writes them.
func contestValues(c *tuyengiao.Contest) url.Values {
	if c == nil {
		c = newContestDefaults()
	}
	v := url.Values{}
	if c.UnitID != 0 {
		v.Set("unit_id", strconv.FormatInt(c.UnitID, 10))
	}
	v.Set("title", c.Title)
	v.Set("rules", c.Rules)
	v.Set("consent", c.Consent)
	v.Set("retention_days", strconv.Itoa(c.RetentionDays))
	v.Set("time_minutes", strconv.Itoa(c.TimeLimit/60))
	v.Set("time_seconds", strconv.Itoa(c.TimeLimit%60))
	v.Set("attempts_per_round", strconv.Itoa(c.AttemptsPerRound))
	v.Set("counts", string(c.Counts))
	v.Set("show_answers", string(c.ShowAnswers))
	v.Set("prediction", string(c.Prediction))
	v.Set("prediction_text", c.PredictionText)
	v.Set("unit_prize", string(c.UnitPrize))
	if c.UnitPrizes != 0 {
		v.Set("unit_prizes", strconv.Itoa(c.UnitPrizes))
	}
	return v
}

// postedRanking returns the chain's positions after the score as posted, or def.
func postedRanking(f url.Values, def []string) []string {
	if !f.Has("rank") {
		return def
	}
	return f["rank"]
}

func postedPrizes(f url.Values, def []prizeRow) []prizeRow {
	if !f.Has("prize_name") {
		return def
	}
	var out []prizeRow
	for i, n := range f["prize_name"] {
		if row := (prizeRow{n, at(f["prize_count"], i)}); strings.TrimSpace(row.Name+row.Count) != "" {
			out = append(out, row)
		}
	}
	return out
}

func postedRounds(f url.Values, def []roundRow) []roundRow {
	if !f.Has("round_opens") {
		return def
	}
	var out []roundRow
	for i, o := range f["round_opens"] {
		row := roundRow{Opens: o, Closes: at(f["round_closes"], i)}
		if i < len(def) {
			row.Locked = def[i].Locked
		}
		if strings.TrimSpace(row.Opens+row.Closes) != "" {
			out = append(out, row)
		}
	}
	return out
}

// at returns vs[i], or "" past its end.
func at(vs []string, i int) string {
	if i < len(vs) {
		return vs[i]
	}
	return ""
}

// readContest reads the contest form into c and returns its rounds. A field the form does
// not hold keeps c's value: the form of a frozen contest holds the title and the rounds only,
// and the storage refuses any other change of it.
func readContest(f url.Values, c *tuyengiao.Contest, categories []tuyengiao.QuestionCategory) ([]tuyengiao.Round, error) {
	text := func(name string, dst *string) {
		if f.Has(name) {
			*dst = vn.NFC(strings.TrimSpace(f.Get(name)))
		}
	}
	number := func(name string, dst *int) error {
		if !f.Has(name) {
			return nil
		}
		n, err := queryInt(f, name)
		*dst = int(n)
		return err
	}
	text("title", &c.Title)
	text("rules", &c.Rules)
	text("consent", &c.Consent)
	text("prediction_text", &c.PredictionText)
	for name, dst := range map[string]*string{"counts": (*string)(&c.Counts), "show_answers": (*string)(&c.ShowAnswers),
		"prediction": (*string)(&c.Prediction), "unit_prize": (*string)(&c.UnitPrize)} {
		text(name, dst)
	}
	for _, name := range []string{"retention_days", "attempts_per_round", "unit_prizes"} {
		dst := map[string]*int{"retention_days": &c.RetentionDays, "attempts_per_round": &c.AttemptsPerRound, "unit_prizes": &c.UnitPrizes}[name]
		if err := number(name, dst); err != nil {
			return nil, err
		}
	}
	if f.Has("time_minutes") || f.Has("time_seconds") {
		var m, sec int
		if err := number("time_minutes", &m); err != nil {
			return nil, err
		} else if err := number("time_seconds", &sec); err != nil {
			return nil, err
		}
		c.TimeLimit = m*60 + sec
	}
	if f.Has("rank") {
		c.Ranking = []tuyengiao.RankKey{tuyengiao.RankScore}
		for _, k := range f["rank"] {
			if k != "" {
				c.Ranking = append(c.Ranking, tuyengiao.RankKey(k))
			}
		}
	}
	if err := readPrizes(f, c); err != nil {
		return nil, err
	}
	if err := readDraw(f, c, categories); err != nil {
		return nil, err
	}
	return readRounds(f, c.Rounds)
}

// readPrizes reads the rows of prizes, blank rows left out.
func readPrizes(f url.Values, c *tuyengiao.Contest) error {
	if !f.Has("prize_name") {
		return nil
	}
	c.Prizes = []tuyengiao.Prize{}
	for i, row := range postedPrizes(f, nil) {
		n, err := strconv.Atoi(strings.TrimSpace(row.Count))
		if err != nil {
			return tuyengiao.FieldError("prizes", "Giải thứ %v: cần tên giải và số giải từ 1 đến %d.", i+1, 10000)
		}
		c.Prizes = append(c.Prizes, tuyengiao.Prize{Name: vn.NFC(strings.TrimSpace(row.Name)), Count: n})
	}
	return nil
}

// readDraw reads how many questions of each category an attempt draws; a blank or 0 draws
// none of it.
func readDraw(f url.Values, c *tuyengiao.Contest, categories []tuyengiao.QuestionCategory) error {
	if !f.Has("draw_sent") {
		return nil
	}
	c.Draw = nil
	for _, k := range categories {
		name := "draw_" + strconv.FormatInt(k.ID, 10)
		n, err := queryInt(f, name)
		if err != nil {
			return tuyengiao.FieldError("draw", "Số câu hỏi của chủ đề %s không phải số hợp lệ.", k.Name)
		} else if n > int64(k.Questions) {
			return tuyengiao.FieldError("draw", "Chủ đề %s chỉ có %d câu hỏi, ít hơn %d câu cần rút.", k.Name, k.Questions, n)
		}
		if n > 0 {
			c.Draw = append(c.Draw, tuyengiao.DrawRule{CategoryID: k.ID, Count: int(n)})
		}
	}
	return nil
}

// readRounds reads the rows of rounds, blank rows left out; without them in the form, the
// rounds stay those of old.
func readRounds(f url.Values, old []tuyengiao.Round) ([]tuyengiao.Round, error) {
	if !f.Has("round_opens") {
		return old, nil
	}
	rounds := []tuyengiao.Round{}
	for i, row := range postedRounds(f, nil) {
		opens, ok1 := parseMinute(row.Opens)
		closes, ok2 := parseMinute(row.Closes)
		if !ok1 || !ok2 {
			bad := row.Opens
			if ok1 {
				bad = row.Closes
			}
			return nil, tuyengiao.FieldError("rounds", "Vòng %v: thời gian %q không hợp lệ; ghi ngày và giờ như 31/01/2026 20:00.", i+1, bad)
		}
		// The form writes times to the minute: a round given as it was keeps its times to
		// the second, as a round already open must.
		if i < len(old) && opens.Equal(old[i].OpensAt.Truncate(time.Minute)) && closes.Equal(old[i].ClosesAt.Truncate(time.Minute)) {
			opens, closes = old[i].OpensAt, old[i].ClosesAt
		}
		rounds = append(rounds, tuyengiao.Round{OpensAt: opens, ClosesAt: closes})
	}
	return rounds, nil
}

// parseMinute reads a time of day in Vietnam written "31/01/2026 20:00".
func parseMinute(s string) (time.Time, bool) {
	day, hm, _ := strings.Cut(strings.Join(strings.Fields(s), " "), " ")
	d, err := vn.ParseDate(day)
	if err != nil {
		return time.Time{}, false
	}
	t, err := time.Parse("15:04", hm)
	if err != nil {
		return time.Time{}, false
	}
	return time.Date(d.Year(), d.Month(), d.Day(), t.Hour(), t.Minute(), 0, 0, vn.Zone), true
}

func (s *Server) contestCreate(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	c := &tuyengiao.Contest{}
	unitID, err := queryInt(r.PostForm, "unit_id")
	c.UnitID = unitID
	var rounds []tuyengiao.Round
	if err == nil {
		rounds, err = readContest(r.PostForm, c, nil)
	}
	if err == nil {
		err = s.Contests.CreateContest(r.Context(), c, rounds)
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.contestForm(w, r, nil, err, code) })
	}
	http.Redirect(w, r, contestURL(c.ID)+"?ok=created", http.StatusSeeOther)
	return nil
}

func (s *Server) contestUpdate(w http.ResponseWriter, r *http.Request) error {
	c, _, err := s.viewContest(r, cx)
	if err != nil {
		return err
	}
	cats, err := s.Contests.Categories(r.Context(), c.ID)
	if err != nil {
		return err
	}
	old := *c
	rounds, err := readContest(r.PostForm, c, cats)
	if err == nil {
		err = s.Contests.UpdateContest(r.Context(), c, rounds)
	}
	if err != nil {
		return formError(err, func(err error, code int) error { return s.contestForm(w, r, &old, err, code) })
	}
	http.Redirect(w, r, contestURL(c.ID)+"?ok=saved", http.StatusSeeOther)
	return nil
}

// choice is an option of a select of the contest form: its value and its Vietnamese name.
type choice struct{ Key, Name string }

// contestChoices are the options of the contest form's selects, by field, in order.
var contestChoices = map[string][]choice{
	"counts":       {{"best", "Lượt có kết quả tốt nhất (bằng nhau thì lượt sớm hơn)"}, {"first", "Lượt nộp đầu tiên"}, {"last", "Lượt nộp cuối cùng"}},
	"show_answers": {{"after_close", "Sau khi vòng thi kết thúc"}, {"after_submit", "Ngay sau khi nộp bài"}},
	"prediction": {{"", "Không có câu hỏi dự đoán"}, {"all_correct", "Số bài trả lời đúng tất cả các câu"},
		{"entries", "Số bài dự thi"}, {"people", "Số người dự thi"}},
	"rank": {{"", "— không —"}, {"prediction", "Sai số dự đoán nhỏ hơn"}, {"duration", "Thời gian làm bài ngắn hơn"},
		{"submitted", "Nộp bài sớm hơn"}},
	"unit_prize": {{"", "Không xét giải tập thể"}, {"entries", "Đơn vị có nhiều bài dự thi nhất"},
		{"share", "Đơn vị có tỷ lệ người tham gia cao nhất"}},
}

// Choices returns the options of a select of the contest form, named in the page's language.
func (p *page) Choices(field string) []choice {
	out := make([]choice, len(contestChoices[field]))
	for i, c := range contestChoices[field] {
		out[i] = choice{c.Key, p.T(c.Name)}
	}
	return out
}

// ChoiceName names the option key of a select of the contest form in the page's language.
func (p *page) ChoiceName(field, key string) string {
	for _, c := range contestChoices[field] {
		if c.Key == key {
			return p.T(c.Name)
		}
	}
	return key
}
