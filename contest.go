package tuyengiao

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Contest is a public online quiz contest (cuộc thi trực tuyến tìm hiểu…) organised by a unit:
// its rules, its rounds, how an attempt is drawn and timed, and how entries are ranked. The
// public registers and takes part without an account. The rules (everything but the title,
// the texts and the prizes) are frozen once the first round opens.
type Contest struct {
	ID       int64  `json:"id"`
	UnitID   int64  `json:"unit_id"` // the organising unit; its editors run the contest
	UnitName string `json:"unit_name,omitempty"`
	Title    string `json:"title"`
	Rules    string `json:"rules"`   // thể lệ, shown to contestants
	Consent  string `json:"consent"` // what a contestant agrees to at registration
	// RetentionDays is how long after the last round closes the contestants' personal data is
	// kept; then it is purged, their entries kept under an opaque id.
	RetentionDays int `json:"retention_days"`
	// Draw says how many questions of each category an attempt draws; their sum is the
	// number of questions of an attempt. It may stay empty until the bank is filled: no
	// attempt starts without it.
	Draw      []DrawRule `json:"draw"`
	TimeLimit int        `json:"time_limit"` // seconds an attempt may last
	// AttemptsPerRound is how many attempts a contestant may make in a round.
	AttemptsPerRound int         `json:"attempts_per_round"`
	Counts           CountedTry  `json:"counts"`       // which of a contestant's attempts of a round counts
	ShowAnswers      ShowAnswers `json:"show_answers"` // when a contestant sees the right answers
	// Prediction is what the prediction question asks to guess ("" when the contest asks
	// none); PredictionText is the question as contestants read it.
	Prediction     PredictionTarget `json:"prediction,omitempty"`
	PredictionText string           `json:"prediction_text,omitempty"`
	Ranking        []RankKey        `json:"ranking"` // the chain entries are ranked by, first key first
	Prizes         []Prize          `json:"prizes"`  // the prizes of each round, first level first
	// UnitPrize is how collective prizes are awarded to units ("" when none), UnitPrizes how many.
	UnitPrize  UnitPrizeRule `json:"unit_prize,omitempty"`
	UnitPrizes int           `json:"unit_prizes,omitempty"`
	Rounds     []Round       `json:"rounds,omitempty"` // filled by queries, first round first
	CreatedAt  time.Time     `json:"created_at"`
	UpdatedAt  time.Time     `json:"updated_at"`
}

// DrawRule draws Count questions of a category into each attempt.
type DrawRule struct {
	CategoryID int64 `json:"category_id"`
	Count      int   `json:"count"`
}

// CountedTry says which attempt of a contestant in a round is their entry in the ranking.
type CountedTry string

// The attempts that may count.
const (
	CountBest  CountedTry = "best"  // the best by the ranking chain; of equals, the earlier
	CountFirst CountedTry = "first" // the first submitted
	CountLast  CountedTry = "last"  // the last submitted
)

// ShowAnswers says when a contestant sees which answers were right.
type ShowAnswers string

// When the answers are shown.
const (
	AnswersAfterSubmit ShowAnswers = "after_submit"
	AnswersAfterClose  ShowAnswers = "after_close"
)

// PredictionTarget is the count of a round that its prediction question asks to guess,
// counted when the round closes.
type PredictionTarget string

// The counts a prediction may guess.
const (
	PredictAllCorrect PredictionTarget = "all_correct" // entries with every answer right
	PredictEntries    PredictionTarget = "entries"     // entries (submitted attempts)
	PredictPeople     PredictionTarget = "people"      // people who took part
)

// RankKey is one key of the ranking chain.
type RankKey string

// The keys of a ranking chain.
const (
	RankScore      RankKey = "score"      // more right answers first
	RankPrediction RankKey = "prediction" // the smaller prediction error first
	RankDuration   RankKey = "duration"   // the shorter attempt first
	RankSubmitted  RankKey = "submitted"  // the earlier submission first
)

// RankKeys lists the keys of a ranking chain in their usual order.
var RankKeys = []RankKey{RankScore, RankPrediction, RankDuration, RankSubmitted}

// UnitPrizeRule says how units are ranked for collective prizes.
type UnitPrizeRule string

// The rules of collective prizes.
const (
	UnitPrizeEntries UnitPrizeRule = "entries" // the most entries
	UnitPrizeShare   UnitPrizeRule = "share"   // the highest share of the unit's people taking part
)

// Prize is a level of the prizes of each round: "Giải Nhất", 1.
type Prize struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Round is a round of a contest (tuần thi, đợt thi): entries are accepted from OpensAt to
// ClosesAt; the organiser closes it once ClosesAt has passed, which counts its prediction
// target and ranks its entries.
type Round struct {
	ID        int64     `json:"id"`
	ContestID int64     `json:"contest_id"`
	Number    int       `json:"number"` // 1 for the first round
	OpensAt   time.Time `json:"opens_at"`
	ClosesAt  time.Time `json:"closes_at"`
	// ClosedAt is when the organiser closed it, zero while it is not closed; Target is the
	// prediction target counted then.
	ClosedAt time.Time `json:"closed_at,omitzero"`
	Target   int64     `json:"target,omitempty"`
}

// Open reports whether the round takes attempts at now.
func (r *Round) Open(now time.Time) bool {
	return r.ClosedAt.IsZero() && !now.Before(r.OpensAt) && now.Before(r.ClosesAt)
}

// Limits of what a contest holds.
const (
	MaxQuestionRunes       = 2000 // the text of a question
	MaxOptionRunes         = 500  // the text of an option
	MaxCategoryRunes       = 200  // the name of a category
	MaxQuestionsPerAttempt = 100
	MaxOptions             = 8 // options of a question, so that a choice is a byte of bits
	MaxAttemptsPerRound    = 20
	MaxRounds              = 60
)

// Frozen reports whether the contest's rules may no longer change: once its first round
// has opened.
func (c *Contest) Frozen(now time.Time) bool {
	return len(c.Rounds) > 0 && !now.Before(c.Rounds[0].OpensAt)
}

// Questions returns how many questions an attempt holds: the sum of the draw.
func (c *Contest) Questions() int {
	n := 0
	for _, d := range c.Draw {
		n += d.Count
	}
	return n
}

// Validate checks the contest's fields; a refusal names the field.
func (c *Contest) Validate() error {
	c.Title, c.Rules, c.Consent = strings.TrimSpace(c.Title), strings.TrimSpace(c.Rules), strings.TrimSpace(c.Consent)
	c.PredictionText = strings.TrimSpace(c.PredictionText)
	switch {
	case c.UnitID == 0:
		return FieldError("unit_id", "Chưa chọn đơn vị tổ chức.")
	case c.Title == "":
		return FieldError("title", "Chưa nhập tên cuộc thi.")
	case utf8.RuneCountInString(c.Title) > 300:
		return FieldError("title", "Tên cuộc thi dài quá %d ký tự.", 300)
	case c.Rules == "":
		return FieldError("rules", "Chưa nhập thể lệ cuộc thi.")
	case c.Consent == "":
		return FieldError("consent", "Chưa nhập nội dung người dự thi đồng ý khi đăng ký (thu thập, sử dụng thông tin cá nhân).")
	case c.RetentionDays < 1 || c.RetentionDays > 3650:
		return FieldError("retention_days", "Thời hạn lưu thông tin người dự thi phải từ 1 đến %d ngày.", 3650)
	case c.TimeLimit < 30 || c.TimeLimit > 4*3600:
		return FieldError("time_limit", "Thời gian làm bài phải từ 30 giây đến 4 giờ.")
	case c.AttemptsPerRound < 1 || c.AttemptsPerRound > MaxAttemptsPerRound:
		return FieldError("attempts_per_round", "Số lượt thi mỗi vòng phải từ 1 đến %d.", MaxAttemptsPerRound)
	case !slices.Contains([]CountedTry{CountBest, CountFirst, CountLast}, c.Counts):
		return FieldError("counts", "Chưa chọn lượt thi được tính.")
	case !slices.Contains([]ShowAnswers{AnswersAfterSubmit, AnswersAfterClose}, c.ShowAnswers):
		return FieldError("show_answers", "Chưa chọn khi nào công bố đáp án.")
	case !slices.Contains([]PredictionTarget{"", PredictAllCorrect, PredictEntries, PredictPeople}, c.Prediction):
		return FieldError("prediction", "Câu hỏi dự đoán không hợp lệ.")
	case c.Prediction != "" && c.PredictionText == "":
		return FieldError("prediction_text", "Chưa nhập câu hỏi dự đoán.")
	case !slices.Contains([]UnitPrizeRule{"", UnitPrizeEntries, UnitPrizeShare}, c.UnitPrize):
		return FieldError("unit_prize", "Cách xét giải tập thể không hợp lệ.")
	case c.UnitPrize != "" && (c.UnitPrizes < 1 || c.UnitPrizes > 100):
		return FieldError("unit_prizes", "Số giải tập thể phải từ 1 đến %d.", 100)
	}
	if err := c.validateDraw(); err != nil {
		return err
	}
	if err := c.validateRanking(); err != nil {
		return err
	}
	return c.validatePrizes()
}

func (c *Contest) validateDraw() error {
	seen := map[int64]bool{}
	for _, d := range c.Draw {
		if d.CategoryID == 0 || seen[d.CategoryID] {
			return FieldError("draw", "Mỗi chủ đề câu hỏi chỉ được chọn một lần.")
		} else if d.Count < 1 {
			return FieldError("draw", "Số câu hỏi của mỗi chủ đề phải từ 1 trở lên.")
		}
		seen[d.CategoryID] = true
	}
	if n := c.Questions(); n > MaxQuestionsPerAttempt {
		return FieldError("draw", "Mỗi lượt thi có nhiều nhất %d câu hỏi.", MaxQuestionsPerAttempt)
	}
	return nil
}

func (c *Contest) validateRanking() error {
	if len(c.Ranking) == 0 || c.Ranking[0] != RankScore {
		return FieldError("ranking", "Thứ tự xếp hạng phải bắt đầu bằng số câu trả lời đúng.")
	}
	seen := map[RankKey]bool{}
	for _, k := range c.Ranking {
		if !slices.Contains(RankKeys, k) || seen[k] {
			return FieldError("ranking", "Mỗi tiêu chí xếp hạng chỉ được chọn một lần.")
		} else if k == RankPrediction && c.Prediction == "" {
			return FieldError("ranking", "Cuộc thi không có câu hỏi dự đoán nên không xếp hạng theo dự đoán được.")
		}
		seen[k] = true
	}
	return nil
}

func (c *Contest) validatePrizes() error {
	for i := range c.Prizes {
		p := &c.Prizes[i]
		p.Name = strings.TrimSpace(p.Name)
		if p.Name == "" || p.Count < 1 || p.Count > 10000 {
			return FieldError("prizes", "Giải thứ %v: cần tên giải và số giải từ 1 đến %d.", i+1, 10000)
		}
	}
	return nil
}

// ValidateRounds checks rounds, first round first: each closes after it opens and opens no
// earlier than the one before closes.
func ValidateRounds(rounds []Round) error {
	if len(rounds) > MaxRounds {
		return FieldError("rounds", "Một cuộc thi có nhiều nhất %d vòng.", MaxRounds)
	}
	for i, r := range rounds {
		if !r.ClosesAt.After(r.OpensAt) {
			return FieldError("rounds", "Vòng %v: thời gian kết thúc phải sau thời gian bắt đầu.", i+1)
		} else if i > 0 && r.OpensAt.Before(rounds[i-1].ClosesAt) {
			return FieldError("rounds", "Vòng %v bắt đầu trước khi vòng %v kết thúc.", i+1, i)
		}
	}
	return nil
}

// QuestionCategory is a topic of a contest's question bank (chủ đề).
type QuestionCategory struct {
	ID        int64  `json:"id"`
	ContestID int64  `json:"contest_id"`
	Name      string `json:"name"`
	Questions int    `json:"questions"` // filled by queries: how many questions it holds
}

// Question is a question of a contest's bank: one right option (Multiple false) or several.
type Question struct {
	ID         int64 `json:"id"`
	ContestID  int64 `json:"contest_id"`
	CategoryID int64 `json:"category_id"`
	// Category is the category's name: filled by queries, and naming it in an import.
	Category    string   `json:"category,omitempty"`
	Text        string   `json:"text"`
	Options     []Option `json:"options"`
	Multiple    bool     `json:"multiple"`
	Explanation string   `json:"explanation,omitempty"`
	// DocumentID is the document of the registry the answer comes from (0: none), Document
	// its symbol (filled by queries; an import names the document by it), Source the passage
	// ("Điều 3, khoản 2").
	DocumentID int64  `json:"document_id,omitempty"`
	Document   string `json:"document,omitempty"`
	Source     string `json:"source,omitempty"`
}

// Option is an answer a question offers.
type Option struct {
	Text    string `json:"text"`
	Correct bool   `json:"correct"`
}

// Key returns the bits of the question's right options (bit i: Options[i]).
func (q *Question) Key() uint8 {
	var k uint8
	for i, o := range q.Options {
		if o.Correct {
			k |= 1 << i
		}
	}
	return k
}

// Validate checks the question; a refusal names the field.
func (q *Question) Validate() error {
	q.Text, q.Explanation, q.Source = strings.TrimSpace(q.Text), strings.TrimSpace(q.Explanation), strings.TrimSpace(q.Source)
	switch {
	case q.CategoryID == 0 && strings.TrimSpace(q.Category) == "":
		return FieldError("category", "Chưa chọn chủ đề của câu hỏi.")
	case q.Text == "":
		return FieldError("text", "Chưa nhập nội dung câu hỏi.")
	case utf8.RuneCountInString(q.Text) > MaxQuestionRunes:
		return FieldError("text", "Câu hỏi dài quá %d ký tự.", MaxQuestionRunes)
	case utf8.RuneCountInString(q.Category) > MaxCategoryRunes:
		return FieldError("category", "Tên chủ đề dài quá %d ký tự.", MaxCategoryRunes)
	case len(q.Options) < 2 || len(q.Options) > MaxOptions:
		return FieldError("options", "Câu hỏi phải có từ 2 đến %d phương án trả lời.", MaxOptions)
	}
	right := 0
	for i := range q.Options {
		o := &q.Options[i]
		o.Text = strings.TrimSpace(o.Text)
		if o.Text == "" || utf8.RuneCountInString(o.Text) > MaxOptionRunes {
			return FieldError("options", "Phương án %v trống hoặc dài quá %d ký tự.", i+1, MaxOptionRunes)
		}
		if o.Correct {
			right++
		}
	}
	switch {
	case right == 0:
		return FieldError("options", "Chưa đánh dấu phương án đúng.")
	case right > 1 && !q.Multiple:
		return FieldError("options", "Câu hỏi một lựa chọn chỉ có một phương án đúng.")
	}
	return nil
}

// Contestant is a person registered for a contest (người dự thi): no account, one
// registration per phone number. Once the contest's retention period is over their
// personal data is purged (Purged), and their entries stay under their ID.
type Contestant struct {
	ID        int64  `json:"id"`
	ContestID int64  `json:"contest_id"`
	FullName  string `json:"full_name"`
	BirthYear int    `json:"birth_year"`
	Phone     string `json:"phone"` // as vn.Phone normalises it
	// UnitID is the unit picked from the tree (0: none, then Address says where they are from).
	UnitID       int64     `json:"unit_id,omitempty"`
	UnitName     string    `json:"unit_name,omitempty"`
	Address      string    `json:"address,omitempty"`
	RegisteredAt time.Time `json:"registered_at"`
	Purged       bool      `json:"purged,omitempty"`
	// Client is the address the registration came from (an IPv6 /64 as one), kept for the
	// list of suspicious registrations and never shown to the public.
	Client string `json:"-"`
	// Credential changes whenever the contestant's PIN is set: a browser's sign-in carries
	// it, so that a new PIN signs every browser out. It reveals nothing of the PIN.
	Credential string `json:"-"`
}

// Validate checks a registration as a contestant types it, the phone already normalised;
// thisYear is the current year. A refusal names the field.
func (c *Contestant) Validate(thisYear int) error {
	c.FullName, c.Address = strings.TrimSpace(c.FullName), strings.TrimSpace(c.Address)
	switch {
	case c.FullName == "":
		return FieldError("full_name", "Chưa nhập họ và tên.")
	case utf8.RuneCountInString(c.FullName) > 100:
		return FieldError("full_name", "Họ và tên dài quá %d ký tự.", 100)
	case c.BirthYear < thisYear-110 || c.BirthYear > thisYear-6:
		return FieldError("birth_year", "Năm sinh không hợp lệ.")
	case len(c.Phone) < 10 || len(c.Phone) > 11 || strings.Trim(c.Phone, "0123456789") != "" || c.Phone[0] != '0' || c.Phone[1] == '0':
		return FieldError("phone", "Số điện thoại không hợp lệ: nhập 10 chữ số, ví dụ 0912 345 678.")
	case c.UnitID == 0 && c.Address == "":
		return FieldError("unit_id", "Chọn đơn vị hoặc nhập địa chỉ nơi ở.")
	case utf8.RuneCountInString(c.Address) > 300:
		return FieldError("address", "Địa chỉ dài quá %d ký tự.", 300)
	}
	return nil
}

// ValidPIN reports whether pin is a PIN a contestant may choose: 6 digits.
func ValidPIN(pin string) bool {
	return len(pin) == 6 && strings.Trim(pin, "0123456789") == ""
}

// Attempt is a contestant's attempt (lượt thi) in a round: the questions drawn for it, the
// answers saved as they were chosen, and once submitted (or closed at its deadline) its
// score. Times are the server's.
type Attempt struct {
	ID           int64     `json:"id"`
	RoundID      int64     `json:"round_id"`
	ContestantID int64     `json:"contestant_id"`
	Number       int       `json:"number"` // 1 for the contestant's first attempt of the round
	StartedAt    time.Time `json:"started_at"`
	Deadline     time.Time `json:"deadline"`
	// Questions are the questions as shown, in the attempt's order, each with its options
	// in the attempt's order and without the answers.
	Questions []ShownQuestion `json:"questions"`
	// Answers are the saved choices by position of question: bit i chooses the i-th option
	// as shown.
	Answers     map[int]uint8 `json:"answers"`
	SubmittedAt time.Time     `json:"submitted_at,omitzero"` // zero while open
	Prediction  int64         `json:"prediction,omitempty"`
	// Score is the number of right answers, known once submitted.
	Score int `json:"score"`
	// Late tells that the attempt was closed at its deadline rather than submitted.
	Late bool `json:"late,omitempty"`
}

// ShownQuestion is a question of an attempt as the contestant sees it.
type ShownQuestion struct {
	Text     string   `json:"text"`
	Multiple bool     `json:"multiple"`
	Options  []string `json:"options"`
	// Right and Explanation are filled once the contestant may see the answers.
	Right       uint8  `json:"right,omitempty"`
	Explanation string `json:"explanation,omitempty"`
}

// Duration is how long the attempt lasted, to its submission.
func (a *Attempt) Duration() time.Duration { return a.SubmittedAt.Sub(a.StartedAt) }

// RankedEntry is a counted attempt in a round's ranking.
type RankedEntry struct {
	Rank         int           `json:"rank"`
	AttemptID    int64         `json:"attempt_id"`
	ContestantID int64         `json:"contestant_id"`
	FullName     string        `json:"full_name,omitempty"`
	UnitName     string        `json:"unit_name,omitempty"`
	Score        int           `json:"score"`
	Prediction   int64         `json:"prediction,omitempty"`
	Error        int64         `json:"prediction_error,omitempty"`
	Duration     time.Duration `json:"duration"`
	SubmittedAt  time.Time     `json:"submitted_at"`
	Prize        string        `json:"prize,omitempty"`
}

// QuestionRow is a row of a question bank spreadsheet as read: Row its number in the sheet as
// the user sees it, and Question the question it holds, checked by Question.Validate, its
// category and document named (Category, Document) for the storage to resolve.
type QuestionRow struct {
	Row      int
	Question *Question
	// Converted names the legacy encoding the row's text was converted from, as
	// ImportRow.Converted does.
	Converted string
	// Err, when set, is why the row was refused, naming the row and the column; Question is
	// then not to be used.
	Err *Error
}

// Suspicion is a registration the organiser should look at, and why: Reason is one of the
// Suspicion* texts, Count what it counts.
type Suspicion struct {
	Contestant Contestant `json:"contestant"`
	Reason     string     `json:"reason"`
	Count      int64      `json:"count"`
}

// The reasons of a Suspicion.
const (
	// SuspicionTwin: as many registrations (Count) share the name, year of birth and unit
	// or address, under other phones.
	SuspicionTwin = "Trùng họ tên, năm sinh và đơn vị (hoặc địa chỉ) với đăng ký khác, khác số điện thoại"
	// SuspicionBurst: Count registrations came from the same address within SuspicionWindow.
	SuspicionBurst = "Nhiều đăng ký liên tiếp từ cùng một địa chỉ mạng"
	// SuspicionFast: an attempt was submitted after Count seconds, under SuspicionSecondsPerQuestion
	// a question.
	SuspicionFast = "Nộp bài nhanh hơn thời gian đọc đề"
)

// Thresholds of the suspicious list.
const (
	SuspicionWindow             = 10 * time.Minute
	SuspicionBurstCount         = 10
	SuspicionSecondsPerQuestion = 1
)

// ContestStats are a contest's figures in a unit's subtree: the unit's row first (all its
// subtree, and for the organising unit every contestant, those who gave an address too),
// then a row per unit directly below it; and the entries of each hour.
type ContestStats struct {
	Rows   []ContestUnitRow `json:"rows"`
	Hourly []ContestHour    `json:"hourly"`
}

// ContestUnitRow counts a unit's subtree: registrations, people with an entry, entries
// (submitted attempts), and Base, the people of the register active there, the base of the
// share of collective prizes.
type ContestUnitRow struct {
	UnitID        int64  `json:"unit_id"`
	UnitName      string `json:"unit_name"`
	Registrations int64  `json:"registrations"`
	People        int64  `json:"people"`
	Entries       int64  `json:"entries"`
	Base          int64  `json:"base"`
}

// ContestHour counts the entries submitted in the hour from At.
type ContestHour struct {
	At      time.Time `json:"at"`
	Entries int64     `json:"entries"`
}

// QuestionStat is how a question of the bank fared in a round: the entries that drew it and
// those that answered it right.
type QuestionStat struct {
	QuestionID int64  `json:"question_id"`
	Text       string `json:"text"`
	Category   string `json:"category"`
	Drawn      int64  `json:"drawn"`
	Right      int64  `json:"right"`
}

// ContestService runs contests. The organising unit's editors (ActionContestEdit) set a
// contest up, keep its bank and close its rounds; its viewers read its figures and results.
// What contestants do is public and needs no principal: it is bounded by proofs of work and
// limits per phone at the web layer.
type ContestService interface {
	FindContestByID(ctx context.Context, id int64) (*Contest, error)
	FindContests(ctx context.Context, unitID int64) ([]*Contest, error)
	// CurrentContests returns the contests with a round open or to come, at most 100, the
	// latest first: the public list.
	CurrentContests(ctx context.Context) ([]*Contest, error)
	CreateContest(ctx context.Context, c *Contest, rounds []Round) error
	UpdateContest(ctx context.Context, c *Contest, rounds []Round) error

	Categories(ctx context.Context, contestID int64) ([]QuestionCategory, error)
	SaveCategory(ctx context.Context, c *QuestionCategory) error
	Questions(ctx context.Context, contestID int64, offset, limit int) ([]*Question, int, error)
	// FindQuestion returns a question of the contest's bank, for the organiser.
	FindQuestion(ctx context.Context, contestID, id int64) (*Question, error)
	SaveQuestion(ctx context.Context, q *Question) error
	// ImportQuestions adds qs to the bank, all or none; their categories are named by
	// Category and made when missing.
	ImportQuestions(ctx context.Context, contestID int64, qs []*Question) error

	// Register records a contestant with the PIN they chose; a second registration of a phone
	// is refused, naming the field "phone".
	Register(ctx context.Context, c *Contestant, pin string) error
	// ContestUnits returns up to limit open units of the organising unit's subtree whose
	// name or code holds q, for the registration form: public; none for a q shorter than two
	// letters, which would read the whole subtree.
	ContestUnits(ctx context.Context, contestID int64, q string, limit int) ([]*Unit, error)
	// FindContestant returns a contestant not purged, for themself.
	FindContestant(ctx context.Context, id int64) (*Contestant, error)
	// ResetPIN sets a contestant's PIN anew and lifts a lock-out, for the organiser.
	ResetPIN(ctx context.Context, contestantID int64, pin string) error
	// SignIn returns the contestant of the phone whose PIN is pin; wrong PINs lock the phone
	// out for a while.
	SignIn(ctx context.Context, contestID int64, phone, pin string) (*Contestant, error)
	// StartAttempt opens the contestant's next attempt of the contest's open round, or
	// returns the one still open.
	StartAttempt(ctx context.Context, contestantID int64) (*Attempt, error)
	// Attempts returns the contestant's attempts, the latest first, without their questions.
	Attempts(ctx context.Context, contestantID int64) ([]*Attempt, error)
	// FindAttempt returns the contestant's attempt as they see it.
	FindAttempt(ctx context.Context, contestantID, attemptID int64) (*Attempt, error)
	// SaveAnswer saves the choice at a position of an open attempt.
	SaveAnswer(ctx context.Context, contestantID, attemptID int64, position int, choice uint8) error
	// Submit closes the attempt with the answers saved and the prediction, and grades it.
	Submit(ctx context.Context, contestantID, attemptID int64, prediction int64) (*Attempt, error)

	// Contestants returns the contestants whose phone starts with q's digits or whose name
	// holds q, newest first, for the organiser; the read is audited.
	Contestants(ctx context.Context, contestID int64, q string, offset, limit int) ([]*Contestant, int, error)
	// Suspicious lists the registrations that look duplicated or automated.
	Suspicious(ctx context.Context, contestID int64) ([]Suspicion, error)
	// ContestStats counts the contest in unitID's subtree (0: the organising unit's), over
	// one round or, for roundID 0, all.
	ContestStats(ctx context.Context, contestID, roundID, unitID int64) (*ContestStats, error)
	// PurgeContestants erases the personal data of the contestants once the retention
	// period after the last round is over; their entries stay. It returns how many.
	PurgeContestants(ctx context.Context, contestID int64) (int, error)

	// CloseRound counts the prediction target, ranks the counted attempts and names the
	// winners; only once the round's time is over.
	CloseRound(ctx context.Context, roundID int64) error
	// QuestionStats returns how each question drawn in a closed round fared, the one answered
	// right the least often first, for the organiser.
	QuestionStats(ctx context.Context, roundID int64) ([]QuestionStat, error)
	// Ranking returns a closed round's ranking, first place first, and its length.
	Ranking(ctx context.Context, roundID int64, offset, limit int) ([]RankedEntry, int, error)
}
