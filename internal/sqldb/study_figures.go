package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// StudyFigures computes the indicators of study campaigns (campaigns, conferences and
// classes, bridge points, attendances, participants and participation by audience) and of
// reflection essays (handed in, reviewed, by grade), from the records of the campaigns.
//
// A conference belongs to the period in which it starts, an essay to the one in which it
// was last handed in or reviewed, and a campaign to the one in which it starts. A period
// runs from 00:00 on its first day to 00:00 on the day after its last, in Vietnam
// (UTC+7), the half-open range of the instants stored in UTC: a class at 23:30 on 31
// January in Vietnam (16:30 UTC) is January's.
type StudyFigures struct{ db *DB }

// StudyFigures returns the figure source of study campaigns and essays.
func (db *DB) StudyFigures() *StudyFigures { return &StudyFigures{db} }

// The codes of the study and essay indicators; those by audience end in the category.
const (
	codeCampaigns     = "study.campaigns"
	codeConferences   = "study.conferences"
	codeBridgePoints  = "study.bridge_points"
	codeAttendances   = "study.attendances"
	codeHeadcount     = "study.headcount"
	codeExpected      = "study.headcount.expected"
	codeParticipants  = "study.participants"
	codeParticipation = "study.participation"
	codeSubmitted     = "essays.submitted"
	codeGraded        = "essays.graded"
	codeReturned      = "essays.returned"
	codeGrade         = "essays.grade"
	codeGradeOther    = "essays.grade.other"
)

// categoryEn names the categories in English, in the plural, for the names of indicators.
var categoryEn = map[tuyengiao.Category]string{
	tuyengiao.CategoryKeyCadre: "key cadres", tuyengiao.CategoryMember: "party members",
	tuyengiao.CategoryProbation: "probationary members", tuyengiao.CategoryUnion: "union and association members",
	tuyengiao.CategoryMasses: "core masses",
}

// gradeEn names the default essay grades (tuyengiao.DefaultEssayLevels) in English.
var gradeEn = map[string]string{"Tốt": "Excellent", "Khá": "Good", "Đạt": "Pass", "Chưa đạt": "Fail"}

// gradeCode returns the code of the indicator that counts the essays graded at level: one
// per default grade, named after its folded words ("Chưa đạt": essays.grade.chua_dat), which
// a campaign's own list of grades shares when it uses the same word; essays.grade.other for
// any other grade.
func gradeCode(level string) string {
	for _, d := range tuyengiao.DefaultEssayLevels {
		if vn.Fold(d) == vn.Fold(level) {
			return codeGrade + "." + strings.ReplaceAll(vn.Fold(d), " ", "_")
		}
	}
	return codeGradeOther
}

// byCategory returns the code of an indicator by audience.
func byCategory(code string, c tuyengiao.Category) string { return code + "." + string(c) }

// heldRecords is the page of the conferences held in a subtree in a period
// (CampaignService.HeldConferences), the records behind the study indicators but the
// campaigns': a conference adds up there to the figures of the subtree that took part in it.
// campaignsRecords lists the campaigns organised in a subtree that start in a period.
const (
	heldRecords      = "/conferences?unit={unit}&from={from}&to={to}"
	campaignsRecords = "/campaigns?unit={unit}&organised=1&from={from}&to={to}"
)

// Indicators returns the study and essay indicators, flows all: they add up over time. The
// campaigns name campaignsRecords as the page of their records, the other study indicators
// heldRecords; the number of people who took part (study.participants, and the
// participation rates) too: the conferences they attended, not the people, whose list is
// personal data. The essays name none: no page lists them by subtree and period.
//
// A participation rate (study.participation.<category>) is of the people of the category
// on the register on the period's last day (registered): how many of them attended in the
// period (attendedOnRegister), at the unit and in the category the register gives them. One
// who attended and then left is in neither part, so a rate never passes 100%; the people
// who attended, whoever they are now, are study.participants.
func (s *StudyFigures) Indicators(context.Context) ([]tuyengiao.Indicator, error) {
	flow := func(code, name, nameEn, measure, measureEn string) tuyengiao.Indicator {
		group, _, _ := strings.Cut(code, ".")
		ind := tuyengiao.Indicator{Code: code, Name: name, NameEn: nameEn, Measure: measure, MeasureEn: measureEn,
			Group: group, Aggregation: tuyengiao.AggregateSum, Source: tuyengiao.SourceComputed}
		if group == "study" {
			ind.Records = heldRecords
		}
		return ind
	}
	attendances := func(code, who, whoEn string) tuyengiao.Indicator {
		return flow(code, "Số lượt "+who+" tham dự học tập, quán triệt (điểm danh)",
			"Attendances of "+whoEn+" at study conferences and classes (roll call)", "lượt", "attendances")
	}
	participants := func(code, who, whoEn string) tuyengiao.Indicator {
		return flow(code, "Số "+who+" tham gia học tập, quán triệt",
			"Distinct "+whoEn+" who attended a study conference or class", "người", "people")
	}
	campaigns := flow(codeCampaigns, "Số đợt học tập, quán triệt bắt đầu trong kỳ", "Study campaigns begun", "đợt", "campaigns")
	campaigns.Records = campaignsRecords
	out := []tuyengiao.Indicator{
		campaigns,
		flow(codeConferences, "Số hội nghị, lớp học tập, quán triệt đã tổ chức", "Study conferences and classes held",
			"hội nghị", "conferences"),
		flow(codeBridgePoints, "Số điểm cầu của các hội nghị học tập, quán triệt", "Bridge points of the study conferences held",
			"điểm cầu", "bridge points"),
		attendances(codeAttendances, "người", "people"),
	}
	for _, c := range tuyengiao.Categories {
		out = append(out, attendances(byCategory(codeAttendances, c), strings.ToLower(c.Name()), categoryEn[c]))
	}
	out = append(out,
		flow(codeHeadcount, "Số lượt người tham dự đếm tại các điểm cầu", "Attendances counted at bridge points (headcount)",
			"lượt", "attendances"),
		flow(codeExpected, "Số lượt người dự kiến tại các điểm cầu", "Attendances expected at bridge points (headcount)",
			"lượt", "attendances"),
		participants(codeParticipants, "người", "people"))
	for _, c := range tuyengiao.Categories {
		out = append(out, participants(byCategory(codeParticipants, c), strings.ToLower(c.Name()), categoryEn[c]))
	}
	for _, c := range tuyengiao.Categories {
		ind := flow(byCategory(codeParticipation, c), "Tỷ lệ "+strings.ToLower(c.Name())+" tham gia học tập, quán triệt",
			"Share of "+categoryEn[c]+" who attended a study conference or class", "%", "%")
		ind.Aggregation = tuyengiao.AggregateRatio
		ind.Base, ind.BaseEn = strings.ToLower(c.Name())+" trong danh sách", categoryEn[c]+" on the register"
		out = append(out, ind)
	}
	out = append(out,
		flow(codeSubmitted, "Số bài thu hoạch nộp trong kỳ", "Reflection essays handed in", "bài", "essays"),
		flow(codeGraded, "Số bài thu hoạch đã chấm", "Reflection essays graded", "bài", "essays"),
		flow(codeReturned, "Số bài thu hoạch trả lại để sửa, chưa nộp lại", "Reflection essays returned for revision, not yet handed in again",
			"bài", "essays"))
	for _, level := range tuyengiao.DefaultEssayLevels {
		out = append(out, flow(gradeCode(level), "Số bài thu hoạch xếp loại "+level, "Reflection essays graded "+gradeEn[level],
			"bài", "essays"))
	}
	return append(out, flow(codeGradeOther, "Số bài thu hoạch xếp loại theo mức riêng của đợt", "Reflection essays graded at a campaign's own grade",
		"bài", "essays")), nil
}

// studyWindow is the subtree and the period the values are counted for.
type studyWindow struct {
	path, lo, hi   string
	whole          bool // the subtree is the whole tree (DB.wholeTree)
	p              tuyengiao.Period
	first, after   time.Time // p.From 00:00 and the day after p.To 00:00 in Vietnam, in UTC
	fromDay, toDay string    // p.From and p.To as stored in date columns
}

// dayInstants returns 00:00 of day from and of the day after day to in Vietnam, in UTC:
// the half-open range of the instants of the days from to to.
func dayInstants(from, to tuyengiao.Date) (first, after time.Time) {
	first = time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, vn.Zone)
	after = time.Date(to.Year(), to.Month(), to.Day()+1, 0, 0, 0, 0, vn.Zone)
	return first.UTC(), after.UTC()
}

// in returns the condition keeping the rows of the unit column col in the subtree, with
// the query's arguments: before, then the subtree's; none for the whole tree.
func (w studyWindow) in(col string, before ...any) (string, []any) {
	if w.whole {
		return "", before
	}
	return " AND " + col + inSubtreeSQL, append(before, w.lo, w.hi)
}

// studyValues collects the own values of the indicators asked.
type studyValues struct {
	want map[string]bool
	out  []tuyengiao.UnitValue
}

// add adds num/den to the value of the indicator code at the unit, when it was asked.
func (v *studyValues) add(code string, unitID, num, den int64) {
	if v.want[code] && (num != 0 || den != 0) {
		v.out = append(v.out, tuyengiao.UnitValue{Code: code, UnitID: unitID, Value: tuyengiao.Value{Num: num, Den: den}})
	}
}

// studyCount is one GROUP BY: the indicators it counts toward, and how it counts.
type studyCount struct {
	counts func(code string) bool
	run    func(s *StudyFigures, ctx context.Context, w studyWindow, v *studyValues) error
}

// is and under match a code, or a code and those below it (study.attendances and
// study.attendances.member).
func is(code string) func(string) bool { return func(c string) bool { return c == code } }
func under(code string) func(string) bool {
	return func(c string) bool { return c == code || strings.HasPrefix(c, code+".") }
}

// studyCounts are the queries of the source; OwnValues runs those that count toward an
// indicator asked.
var studyCounts = []studyCount{
	{is(codeCampaigns), (*StudyFigures).campaigns},
	{is(codeConferences), (*StudyFigures).conferences},
	{is(codeBridgePoints), (*StudyFigures).bridgePoints},
	{is(codeHeadcount), headcount("counted", codeHeadcount)},
	{is(codeExpected), headcount("expected", codeExpected)},
	{under(codeAttendances), (*StudyFigures).attendances},
	{under(codeParticipants), (*StudyFigures).participants},
	{under(codeParticipation), (*StudyFigures).attendedOnRegister},
	{under(codeParticipation), (*StudyFigures).registered},
	{is(codeSubmitted), (*StudyFigures).submitted},
	{func(c string) bool { return c == codeGraded || c == codeReturned || under(codeGrade)(c) }, (*StudyFigures).reviewed},
}

// Version returns the version of the data the study figures count from: the campaigns,
// conferences, attendance and essays, and the people register.
func (s *StudyFigures) Version(ctx context.Context) (int64, error) {
	return s.db.figureVersion(ctx, "study")
}

// OwnValues returns the own values of the indicators codes at each unit of the subtree for
// period p, running only the queries those indicators need.
func (s *StudyFigures) OwnValues(ctx context.Context, codes []string, subtree string, p tuyengiao.Period) ([]tuyengiao.UnitValue, error) {
	w := studyWindow{path: subtree, p: p, fromDay: p.From.Format(time.DateOnly), toDay: p.To.Format(time.DateOnly)}
	w.lo, w.hi = subtreeRange(subtree)
	w.first, w.after = dayInstants(p.From, p.To)
	var err error
	if w.whole, err = s.db.wholeTree(ctx, subtree); err != nil {
		return nil, err
	}
	v := &studyValues{want: make(map[string]bool, len(codes))}
	for _, c := range codes {
		v.want[c] = true
	}
	for _, q := range studyCounts {
		if slices.ContainsFunc(codes, q.counts) {
			if err := q.run(s, ctx, w, v); err != nil {
				return nil, err
			}
		}
	}
	return v.out, nil
}

// eachUnitRow runs q, whose rows are a unit's ID, keys text columns and a count, and calls
// row with each.
func (db *DB) eachUnitRow(ctx context.Context, q string, args []any, keys int, row func(unitID int64, key []string, n int64)) error {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var unitID, n int64
	key := make([]string, keys)
	dest := []any{&unitID}
	for i := range key {
		dest = append(dest, &key[i])
	}
	dest = append(dest, &n)
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		row(unitID, key, n)
	}
	return rows.Err()
}

// perUnit runs q, whose rows are a unit's ID and a count, and adds the counts to code.
func (s *StudyFigures) perUnit(ctx context.Context, q string, args []any, code string, v *studyValues) error {
	return s.db.eachUnitRow(ctx, q, args, 0, func(unitID int64, _ []string, n int64) { v.add(code, unitID, n, 0) })
}

// heldSQL keeps the conferences f held in the period: started from its first instant and
// before the first instant after it. The queries that join the records of the conferences
// leave the order to the planner, which with statistics (DB.Optimize) reads the records of
// the period's conferences for the whole tree and a subtree's own records for a subtree:
// on the province data set a district's bridge points and headcounts in 2 ms of CPU where
// the conferences first took 25, its attendances in 30 ms where they took 40.
const heldSQL = ` f.starts_at >= ? AND f.starts_at < ?`

// campaigns counts the campaigns that start in the period, by organising unit.
func (s *StudyFigures) campaigns(ctx context.Context, w studyWindow, v *studyValues) error {
	cond, args := w.in("c.unit_id", w.fromDay, w.toDay)
	return s.perUnit(ctx, `SELECT c.unit_id, COUNT(*) FROM campaigns c WHERE c.start_on >= ? AND c.start_on <= ?`+cond+`
		GROUP BY c.unit_id`, args, codeCampaigns, v)
}

// conferences counts the conferences and classes held in the period, by organising unit.
func (s *StudyFigures) conferences(ctx context.Context, w studyWindow, v *studyValues) error {
	cond, args := w.in("f.unit_id", w.first, w.after)
	return s.perUnit(ctx, `SELECT f.unit_id, COUNT(*) FROM conferences f WHERE`+heldSQL+cond+` GROUP BY f.unit_id`,
		args, codeConferences, v)
}

// bridgePoints counts the bridge points of the conferences held in the period, by host.
func (s *StudyFigures) bridgePoints(ctx context.Context, w studyWindow, v *studyValues) error {
	cond, args := w.in("b.unit_id", w.first, w.after)
	return s.perUnit(ctx, `SELECT b.unit_id, COUNT(*) FROM conferences f JOIN bridge_points b ON b.conference_id = f.id
		WHERE`+heldSQL+cond+` GROUP BY b.unit_id`, args, codeBridgePoints, v)
}

// headcount returns the count of the people of the headcount audiences counted, or
// expected (column), at the bridge points of the conferences held in the period, by host,
// as the indicator code.
func headcount(column, code string) func(*StudyFigures, context.Context, studyWindow, *studyValues) error {
	return func(s *StudyFigures, ctx context.Context, w studyWindow, v *studyValues) error {
		cond, args := w.in("b.unit_id", w.first, w.after)
		return s.perUnit(ctx, `SELECT b.unit_id, CAST(SUM(k.`+column+`) AS BIGINT) FROM conferences f
			JOIN bridge_points b ON b.conference_id = f.id JOIN bridge_point_counts k ON k.bridge_point_id = b.id
			WHERE`+heldSQL+cond+` GROUP BY b.unit_id`, args, code, v)
	}
}

// attendances counts the attendance records (lượt) of the conferences held in the period,
// at the unit and in the category of the person when recorded.
func (s *StudyFigures) attendances(ctx context.Context, w studyWindow, v *studyValues) error {
	cond, args := w.in("a.unit_id", w.first, w.after)
	return s.db.eachUnitRow(ctx, `SELECT a.unit_id, a.category, COUNT(*) FROM conferences f
		JOIN attendance a ON a.conference_id = f.id WHERE`+heldSQL+cond+` GROUP BY a.unit_id, a.category`,
		args, 1, func(unitID int64, key []string, n int64) {
			v.add(codeAttendances, unitID, n, 0)
			v.add(byCategory(codeAttendances, tuyengiao.Category(key[0])), unitID, n, 0)
		})
}

// participantsSQL counts the distinct people who attended a conference held in the period,
// each once (DESIGN §5): at the unit of their last attendance in the period (where the
// latest conference they attended started; of two units where it started at the same
// instant, the one where they attended the conference entered last in the period), in the
// first of the categories they were recorded in there during the period, in the order of
// tuyengiao.Categories (one admitted to the party in the period who attended as one of the
// masses and then as a probationary member counts once, as a probationary member). So the
// audiences add up to the people, the units to their parent, and a unit never has more
// participants of a category than attendances of it (the rule of figures.DefaultRules).
// Grouping by person and unit before ranking the units sorts each person's units, not
// their records: twice as fast on the province database as ranking every record.
// A subtree counts the people whose last attendance is in it: %[3]s keeps the people who
// attended in the subtree, whose every attendance in the period is ranked, and %[4]s
// those whose last one is in the subtree. %[1]s ranks a category, %[2]s names a rank.
const participantsSQL = `SELECT x.unit_id, %[2]s, COUNT(*) FROM (
	SELECT a.unit_id, MIN(%[1]s) AS r,
		ROW_NUMBER() OVER (PARTITION BY a.person_id ORDER BY MAX(f.starts_at) DESC, MAX(a.conference_id) DESC) AS n
	FROM conferences f JOIN attendance a ON a.conference_id = f.id WHERE` + heldSQL + `%[3]s
	GROUP BY a.person_id, a.unit_id) x
	WHERE x.n = 1%[4]s GROUP BY x.unit_id, x.r`

// attendedInSQL keeps the attendance records a of the people who attended a conference
// held in the period at a unit of the subtree. Without statistics SQLite looked each of
// those people up at each conference of the period by the primary key, 30 times slower for
// a district of the province database than reading the conferences' records and keeping
// the people's, which it now chooses by itself.
const attendedInSQL = ` AND a.person_id IN (SELECT s.person_id FROM conferences g JOIN attendance s ON s.conference_id = g.id
	WHERE g.starts_at >= ? AND g.starts_at < ? AND s.unit_id` + inSubtreeSQL + `)`

// categoryRank returns the SQL that ranks the category in col in the order of
// tuyengiao.Categories, or the category of the rank in col (rank true); the categories are
// the package's constants, lowercase words, written in the SQL as they are.
func categoryRank(col string, rank bool) string {
	var b strings.Builder
	b.WriteString("CASE " + col)
	for i, c := range tuyengiao.Categories {
		if rank {
			fmt.Fprintf(&b, " WHEN %d THEN '%s'", i, c)
		} else {
			fmt.Fprintf(&b, " WHEN '%s' THEN %d", c, i)
		}
	}
	if rank {
		return b.String() + " ELSE '' END"
	}
	return b.String() + fmt.Sprintf(" ELSE %d END", len(tuyengiao.Categories))
}

// participants counts the distinct people who attended a conference held in the period
// (participantsSQL), in all and by the category they attended in.
func (s *StudyFigures) participants(ctx context.Context, w studyWindow, v *studyValues) error {
	args := []any{w.first, w.after}
	people, last := "", ""
	if !w.whole {
		people, last = attendedInSQL, " AND x.unit_id"+inSubtreeSQL
		args = append(args, w.first, w.after, w.lo, w.hi, w.lo, w.hi)
	}
	q := fmt.Sprintf(participantsSQL, categoryRank("a.category", false), categoryRank("x.r", true), people, last)
	return s.db.eachUnitRow(ctx, q, args, 1, func(unitID int64, key []string, n int64) {
		c := tuyengiao.Category(key[0])
		v.add(codeParticipants, unitID, n, 0)
		v.add(byCategory(codeParticipants, c), unitID, n, 0)
	})
}

// attendedOnRegisterSQL counts, by the unit and category the register gives them, the
// people on the register on the period's last day (%[1]s: active then, as countPeople
// reads it: their status now unless it changed after that day, their status history then)
// who attended a conference held in the period: the numerators of participation, over the
// very people of its base, so that a rate cannot pass 100% because people attended and
// then left, or attended as probationary members and were then admitted. %[2]s keeps the
// subtree.
const attendedOnRegisterSQL = `SELECT p.unit_id, p.category, COUNT(*) FROM people p
	WHERE p.id IN (SELECT a.person_id FROM conferences f JOIN attendance a ON a.conference_id = f.id WHERE` + heldSQL + `)
	AND %[1]s%[2]s GROUP BY p.unit_id, p.category`

// activeOnSQL holds for a person active on the day of its two arguments.
const activeOnSQL = `CASE WHEN p.status_date <= ? THEN p.status = 'active'
	ELSE COALESCE((SELECT h.status FROM person_status_history h WHERE h.person_id = p.id AND h.on_date <= ?
		ORDER BY h.on_date DESC, h.id DESC LIMIT 1) = 'active', FALSE) END`

// attendedOnRegister counts the numerators of participation (attendedOnRegisterSQL).
func (s *StudyFigures) attendedOnRegister(ctx context.Context, w studyWindow, v *studyValues) error {
	cond, args := w.in("p.unit_id", w.first, w.after, w.toDay, w.toDay)
	q := fmt.Sprintf(attendedOnRegisterSQL, activeOnSQL, cond)
	return s.db.eachUnitRow(ctx, q, args, 1, func(unitID int64, key []string, n int64) {
		v.add(byCategory(codeParticipation, tuyengiao.Category(key[0])), unitID, n, 0)
	})
}

// registered counts the people of each category on the register on the last day of the
// period, the bases of participation.
func (s *StudyFigures) registered(ctx context.Context, w studyWindow, v *studyValues) error {
	counts, err := s.db.countPeople(ctx, w.path, w.p.To)
	if err != nil {
		return err
	}
	for _, c := range counts {
		v.add(byCategory(codeParticipation, c.Category), c.UnitID, 0, c.Count)
	}
	return nil
}

// submitted counts the essays last handed in during the period, at the author's unit: an
// essay returned and handed in again counts in the period of its last revision.
func (s *StudyFigures) submitted(ctx context.Context, w studyWindow, v *studyValues) error {
	cond, args := w.in("e.unit_id", w.first, w.after)
	return s.perUnit(ctx, `SELECT e.unit_id, COUNT(*) FROM essays e WHERE e.submitted_at >= ? AND e.submitted_at < ?`+cond+`
		GROUP BY e.unit_id`, args, codeSubmitted, v)
}

// reviewed counts the essays graded in the period, in all and by grade (gradeCode), and
// those returned for revision in the period and not handed in again since, at the author's
// unit.
func (s *StudyFigures) reviewed(ctx context.Context, w studyWindow, v *studyValues) error {
	cond, args := w.in("e.unit_id", tuyengiao.EssayGraded, tuyengiao.EssayReturned, w.first, w.after)
	return s.db.eachUnitRow(ctx, `SELECT e.unit_id, e.status, e.level, COUNT(*) FROM essays e
		WHERE e.status IN (?, ?) AND e.reviewed_at >= ? AND e.reviewed_at < ?`+cond+`
		GROUP BY e.unit_id, e.status, e.level`, args, 2, func(unitID int64, key []string, n int64) {
		if tuyengiao.EssayStatus(key[0]) == tuyengiao.EssayReturned {
			v.add(codeReturned, unitID, n, 0)
			return
		}
		v.add(codeGraded, unitID, n, 0)
		v.add(gradeCode(key[1]), unitID, n, 0)
	})
}
