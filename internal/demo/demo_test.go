package demo_test

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/dbtest"
	"tuyengiao/internal/demo"
	"tuyengiao/internal/figures"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/sqldb/sqldbtest"
	"tuyengiao/internal/vn"
)

// grassrootsKinds are the kinds of a grassroots party organisation (tổ chức cơ sở đảng): the
// party committee of a ward, commune or township, a grassroots party organisation with cells
// (đảng bộ cơ sở) and a grassroots party cell (chi bộ cơ sở). The city's 71 are the units of
// these kinds at depth 2, directly under the city party committee.
var grassrootsKinds = []string{"dang_uy_phuong", "dang_uy_xa", "dang_uy_thi_tran", "dang_bo_co_so", "chi_bo_co_so"}

func TestLoad(t *testing.T) {
	engines(t, func(t *testing.T, dsn func() string) {
		first := dsn()
		db, raw := dbtest.Open(t, first), dbtest.Raw(t, first)
		var out bytes.Buffer
		start := time.Now()
		if err := demo.Load(context.Background(), services(db), &out); err != nil {
			t.Fatal(err)
		}
		t.Logf("loaded in %v:\n%s", time.Since(start).Round(time.Millisecond), out.String())
		units := findUnits(t, db)

		t.Run("puts 71 grassroots party organisations directly under the city", func(t *testing.T) {
			grassroots := 0
			for _, u := range units {
				if slices.Contains(grassrootsKinds, u.Kind) {
					if u.Depth() != 2 {
						t.Errorf("%s %s (%s) at depth %d", u.Code, u.Name, u.Kind, u.Depth())
					}
					grassroots++
				}
			}
			if grassroots != 71 || units[0].Code != "HS" || units[0].Kind != "thanh_uy" {
				t.Errorf("%d grassroots organisations under %s %s", grassroots, units[0].Code, units[0].Kind)
			}
		})
		t.Run("counts between 7.500 and 7.800 party members today, fewer than were imported", func(t *testing.T) {
			today, all := partyMembers(t, db, units[0].ID)
			if today < 7500 || today > 7800 || today >= all {
				t.Errorf("%d party members active today of %d imported", today, all)
			}
		})
		t.Run("studies Resolution 35: most members attended, some organisations are late", func(t *testing.T) {
			camps, n, err := db.FindCampaigns(adminCtx(), tuyengiao.CampaignFilter{Query: "35-NQ/TW"})
			if err != nil || n != 1 {
				t.Fatalf("campaigns of 35-NQ/TW: %d, %v", n, err)
			}
			counts, err := db.CampaignCounts(adminCtx(), camps[0].ID, units[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			var attended, members int64
			for _, c := range counts.Attended {
				attended += c.Count
			}
			for _, c := range counts.People {
				if c.Category == tuyengiao.CategoryMember || c.Category == tuyengiao.CategoryProbation || c.Category == tuyengiao.CategoryKeyCadre {
					members += c.Count
				}
			}
			if attended < members*7/10 || attended >= members {
				t.Errorf("%d attended of %d", attended, members)
			}
			if len(counts.Required) != 71 || len(counts.Organised) < 55 || len(counts.Organised) >= 71 {
				t.Errorf("%d of %d organisations organised it", len(counts.Organised), len(counts.Required))
			}
			essays, err := db.EssayCounts(adminCtx(), camps[0].ID, units[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			byStatus := map[tuyengiao.EssayStatus]int64{}
			for _, e := range essays {
				byStatus[e.Status] += e.Count
			}
			if byStatus[tuyengiao.EssayGraded] != 4 || byStatus[tuyengiao.EssaySubmitted] != 1 || byStatus[tuyengiao.EssayReturned] != 1 {
				t.Errorf("essays by status: %v", byStatus)
			}
		})
		t.Run("counts fewer party members a year ago: more were admitted than left since", func(t *testing.T) {
			today, _ := partyMembers(t, db, units[0].ID)
			counts, err := db.CountPeople(adminCtx(), units[0].ID, tuyengiao.Date{Time: time.Now().AddDate(0, 0, -360).Truncate(24 * time.Hour)})
			if err != nil {
				t.Fatal(err)
			}
			var before int64
			for _, c := range counts {
				if c.Category == tuyengiao.CategoryMember || c.Category == tuyengiao.CategoryProbation {
					before += c.Count
				}
			}
			if before >= today || before < today*95/100 {
				t.Errorf("%d party members a year ago, %d today", before, today)
			}
		})
		t.Run("holds conferences in every half-year since January of last year, with more attendances than people", func(t *testing.T) {
			halves := halvesSinceLastYear()
			for _, p := range halves[:len(halves)-1] { // the half-years over
				s := sessions(t, raw, p)
				if s.conferences < 3 || s.attendances <= s.people || s.people < 200 || s.checkIns == 0 {
					t.Errorf("%s: %+v", p.Label(), s)
				}
			}
			if s := sessions(t, raw, halves[len(halves)-1]); s.conferences == 0 || s.attendances == 0 {
				t.Errorf("%s, under way: %+v", halves[len(halves)-1].Label(), s)
			}
			if s := sessions(t, raw, halves[0]); s.attendances < 5000 {
				t.Errorf("%s: %+v: every party member studied the year's theme", halves[0].Label(), s)
			}
		})
		t.Run("dates each attendance of the history when its session was on", func(t *testing.T) {
			rows, err := raw.Query(`SELECT c.starts_at, c.ends_at, a.recorded_at FROM attendance a JOIN conferences c ON c.id = a.conference_id`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var starts, ends, at time.Time
				if err := rows.Scan(&starts, &ends, &at); err != nil {
					t.Fatal(err)
				}
				history := starts.Before(time.Now().AddDate(0, 0, -8)) // not the study of Resolution 35, marked today
				if history && (at.Before(starts.Add(-tuyengiao.CheckInLead)) || at.After(ends)) {
					t.Fatalf("recorded at %v for a session from %v to %v", at, starts, ends)
				}
			}
		})
		t.Run("grades essays of the campaigns of last year", func(t *testing.T) {
			camps, _, err := db.FindCampaigns(adminCtx(), tuyengiao.CampaignFilter{Query: "05-CT/TW"})
			if err != nil || len(camps) == 0 {
				t.Fatalf("campaigns of 05-CT/TW: %d, %v", len(camps), err)
			}
			essays, err := db.EssayCounts(adminCtx(), camps[len(camps)-1].ID, units[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			var graded int64
			for _, e := range essays {
				if e.Status == tuyengiao.EssayGraded {
					graded += e.Count
				}
			}
			if graded < 4 {
				t.Errorf("essays: %+v", essays)
			}
		})
		t.Run("has documents issued by the city and by most wards in each year", func(t *testing.T) {
			for _, year := range []int{time.Now().Year() - 1, time.Now().Year()} {
				docs, issuers := documentsOf(t, raw, year)
				if docs < 30 || issuers < 10 {
					t.Errorf("%d: %d documents by %d units", year, docs, issuers)
				}
			}
		})
		t.Run("registers the chain from a central resolution down to the plans of two wards that number them alike", func(t *testing.T) {
			ctx := adminCtx()
			docs, err := db.FindDocumentsBySymbol(ctx, "138-KH/ĐU")
			if err != nil || len(docs) != 2 || docs[0].IssuingUnit == docs[1].IssuingUnit || docs[0].IssuingUnit == "" {
				t.Fatalf("138-KH/ĐU: %v %v", docs, err)
			}
			chain, _, err := db.DocumentChain(ctx, docs[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			var symbols []string
			for _, d := range chain {
				symbols = append(symbols, d.Symbol)
			}
			if !slices.Contains(symbols, "35-NQ/TW") || !slices.Contains(symbols, "03-ĐA/TU") {
				t.Fatalf("chain %v", symbols)
			}
		})
		t.Run("attaches its text to every document as a DOCX naming it", func(t *testing.T) {
			bare := dbtest.Column[string](t, raw, `SELECT symbol FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_files f WHERE f.document_id = d.id)`)
			if len(bare) != 0 {
				t.Fatalf("documents without a file: %v", bare)
			}
			docs, err := db.FindDocumentsBySymbol(adminCtx(), "35-NQ/TW")
			if err != nil || len(docs) != 1 {
				t.Fatalf("35-NQ/TW: %v %v", docs, err)
			}
			doc, err := db.FindDocumentByID(adminCtx(), docs[0].ID)
			if err != nil || len(doc.Files) != 1 || doc.Files[0].Name != "35-nq-tw.docx" {
				t.Fatalf("files %+v %v", doc, err)
			}
			_, content, err := db.DocumentFileContent(adminCtx(), doc.Files[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			zr, err := zip.NewReader(bytes.NewReader(content), int64(len(content)))
			if err != nil {
				t.Fatal(err)
			}
			f, err := zr.Open("word/document.xml")
			if err != nil {
				t.Fatal(err)
			}
			text, _ := io.ReadAll(f)
			if !strings.Contains(string(text), "Số 35-NQ/TW") || !strings.Contains(string(text), "VỀ TĂNG CƯỜNG BẢO VỆ NỀN TẢNG TƯ TƯỞNG") {
				t.Fatalf("text %s", text)
			}
		})
		t.Run("prints accounts that log in with their passwords", func(t *testing.T) {
			accounts := printedAccounts(out.String())
			if len(accounts) != 6 {
				t.Fatalf("%d accounts printed: %v", len(accounts), accounts)
			}
			for login, password := range accounts {
				if _, err := db.Login(context.Background(), login, password, "", tuyengiao.SessionWeb); err != nil {
					t.Errorf("%s: %v", login, err)
				}
			}
		})
		t.Run("sums up with numbers written the Vietnamese way", func(t *testing.T) {
			summary := regexp.MustCompile(`71 tổ chức cơ sở đảng\), \d{1,3}\.\d{3} người: \d{3} cán bộ chủ chốt, 7\.\d{3} đảng viên, \d{3} đảng viên dự bị`)
			if !summary.MatchString(out.String()) {
				t.Errorf("summary: %s", out.String())
			}
		})
		t.Run("the wards reported their six-month figures: most on time, some late, a few not yet", func(t *testing.T) {
			rs := services(db).Reporting
			sets, err := rs.DataSets(adminCtx())
			if err != nil || len(sets) != 1 {
				t.Fatalf("data sets %v: %v", sets, err)
			}
			// The latest half-year whose deadline the history (up to a week ago) has passed.
			end := tuyengiao.DateOf(time.Now().AddDate(0, 0, -8))
			p := tuyengiao.PeriodContaining(tuyengiao.PeriodHalf, end).Previous()
			if p.To.AddDate(0, 0, sets[0].DeadlineDays).After(end.Time) {
				p = p.Previous()
			}
			c, err := rs.Completeness(adminCtx(), sets[0].ID, units[0].ID, p)
			if err != nil {
				t.Fatal(err)
			}
			if n := c.Total; n.OnTime < n.Expected/2 || n.Late == 0 || n.Missing == 0 || n.OnTime+n.Late+n.Missing != n.Expected {
				t.Errorf("%s: %+v", p.Label(), n)
			}
			if c, err = rs.Completeness(adminCtx(), sets[0].ID, units[0].ID, p.Previous()); err != nil || c.Total.Missing != 0 {
				t.Errorf("%s: %+v, %v", p.Previous().Label(), c.Total, err)
			}
		})
		t.Run("keeps records of every declared kind in the first half of last year", func(t *testing.T) {
			var codes []string
			for _, k := range tuyengiao.RecordKinds() {
				codes = append(codes, k.Indicators[0].Code)
			}
			ft := firstHalf(t, db, units[0].ID, 0, codes...)
			for i, k := range tuyengiao.RecordKinds() {
				if ft.Value(0, i, 0).Num == 0 {
					t.Errorf("no %s (%s) in the demo's history", k.Name, k.Code)
				}
			}
		})
		t.Run("adds up the city's records of the first half of last year from the units under it, in the seeds' proportions", func(t *testing.T) {
			codes := []string{"media.items", "outreach.sessions", "outreach.listeners", "training.cell_meetings", "congress.value",
				"outreach.lecturers", "outreach.propagandists"}
			bounds := [][2]int64{{2000, 3500}, {400, 700}, {15000, 40000}, {800, 2500}, {50e9, 300e9}, {20, 120}, {50, 400}}
			ft := firstHalf(t, db, units[0].ID, 1, codes...)
			for i, code := range codes {
				city, sum := ft.Value(0, i, 0).Num, int64(0)
				for u := 1; u < len(ft.Units); u++ {
					sum += ft.Value(u, i, 0).Num
				}
				if city != sum || city < bounds[i][0] || city > bounds[i][1] {
					t.Errorf("%s: %d for the city, %d from the units under it", code, city, sum)
				}
			}
			for u, unit := range ft.Units {
				if unit.Kind == "dang_uy_phuong" && ft.Value(u, 1, 0).Num == 0 {
					t.Errorf("no outreach session at %s", unit.Name)
				}
			}
		})
		t.Run("completes some seven in ten of the city's work programme in the last half-year over, with some tasks overdue today", func(t *testing.T) {
			// The first half of this year, from July on.
			p := tuyengiao.PeriodContaining(tuyengiao.PeriodHalf, tuyengiao.DateOf(time.Now().AddDate(0, 0, -8))).Previous()
			ft, err := catalogue(db).Figures(adminCtx(), tuyengiao.FigureQuery{Codes: []string{"programme.completion", "programme.ad_hoc"},
				UnitID: units[0].ID, Periods: []tuyengiao.Period{p}})
			if err != nil {
				t.Fatal(err)
			}
			v := ft.Value(0, 0, 0)
			if rate, ok := v.Rate(); !ok || rate < 55 || rate > 85 || ft.Value(0, 1, 0).Num == 0 {
				t.Errorf("%s: %d/%d done, %d ad hoc", p.Label(), v.Num, v.Den, ft.Value(0, 1, 0).Num)
			}
			overdue, n, err := db.RecordStore().FindRecords(adminCtx(), tuyengiao.WorkTasks,
				tuyengiao.RecordFilter{UnitID: units[0].ID, View: "overdue", Limit: 1})
			if err != nil || n == 0 || overdue[0].State != "overdue" {
				t.Errorf("%d tasks overdue today: %v", n, err)
			}
		})
		t.Run("refuses a second load", func(t *testing.T) {
			var again bytes.Buffer
			err := demo.Load(context.Background(), services(db), &again)
			if !errors.Is(err, demo.ErrNotEmpty) || again.Len() != 0 {
				t.Errorf("second load: %v, printed %q", err, again.String())
			}
		})
		t.Run("loads the same units and names into another database", func(t *testing.T) {
			second := dsn()
			other := dbtest.Open(t, second)
			if err := demo.Load(context.Background(), services(other), &bytes.Buffer{}); err != nil {
				t.Fatal(err)
			}
			if a, b := unitLines(units), unitLines(findUnits(t, other)); !slices.Equal(a, b) {
				t.Errorf("units differ: %d and %d", len(a), len(b))
			}
			if a, b := peopleLines(t, db), peopleLines(t, other); !slices.Equal(a, b) {
				t.Errorf("people differ: %d and %d", len(a), len(b))
			}
			if a, b := historyLines(t, raw), historyLines(t, dbtest.Raw(t, second)); !slices.Equal(a, b) {
				t.Errorf("history differs: %d and %d lines", len(a), len(b))
			}
		})
	})
}

// engines runs fn with a source of fresh database names: SQLite files always, schemas of the
// PostgreSQL database of TUYENGIAO_TEST_POSTGRES when it is set.
func engines(t *testing.T, fn func(t *testing.T, dsn func() string)) {
	t.Run("sqlite", func(t *testing.T) { fn(t, func() string { return sqldbtest.SQLite(t) }) })
	if os.Getenv(sqldbtest.PostgresEnv) != "" {
		t.Run("postgres", func(t *testing.T) { fn(t, func() string { return sqldbtest.Postgres(t) }) })
	}
}

func services(db *sqldb.DB) demo.Services {
	return demo.Services{Units: db, People: db, Users: db, Documents: db, Campaigns: db, Essays: db,
		Reporting: db.Reporting(catalogue(db).Indicators), Records: db.RecordStore(), Contests: db.ContestStore(), Now: &db.Now}
}

// catalogue returns the figures of db from every source.
func catalogue(db *sqldb.DB) *figures.Service {
	return &figures.Service{Store: db.Figures(),
		Sources: []tuyengiao.FigureSource{db.PeopleFigures(), db.StudyFigures(), db.DocumentFigures(), db.ReportedFigures(), db.ContestFigures(), db.RecordFigures()}}
}

// firstHalf returns the figures of codes for the unit and, depth levels below it, its
// subtrees in the first half of last year.
func firstHalf(t *testing.T, db *sqldb.DB, unitID int64, depth int, codes ...string) *tuyengiao.FigureTable {
	t.Helper()
	ft, err := catalogue(db).Figures(adminCtx(), tuyengiao.FigureQuery{Codes: codes, UnitID: unitID, Depth: depth,
		Periods: []tuyengiao.Period{tuyengiao.HalfPeriod(time.Now().Year()-1, 1)}})
	if err != nil {
		t.Fatal(err)
	}
	return ft
}

// adminCtx acts as a system administrator.
func adminCtx() context.Context {
	return tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{Login: "test",
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin, UnitPath: "/"}}})
}

// findUnits returns every unit in tree order, the city first.
func findUnits(t *testing.T, db *sqldb.DB) []*tuyengiao.Unit {
	t.Helper()
	units, _, err := db.FindUnits(adminCtx(), tuyengiao.UnitFilter{})
	if err != nil || len(units) == 0 {
		t.Fatalf("%d units: %v", len(units), err)
	}
	return units
}

// partyMembers returns the official and probationary party members of the city counted as of
// today, and all that were imported, leavers included.
func partyMembers(t *testing.T, db *sqldb.DB, cityID int64) (today, all int64) {
	t.Helper()
	y, m, d := time.Now().In(vn.Zone).Date()
	counts, err := db.CountPeople(adminCtx(), cityID, tuyengiao.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range counts {
		if c.Category == tuyengiao.CategoryMember || c.Category == tuyengiao.CategoryProbation {
			today += c.Count
		}
	}
	for _, c := range []tuyengiao.Category{tuyengiao.CategoryMember, tuyengiao.CategoryProbation} {
		_, n, err := db.FindPeople(adminCtx(), tuyengiao.PersonFilter{Category: c, Status: "all", Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		all += int64(n)
	}
	return today, all
}

// printedAccounts reads the login and the password (the last column) of each row of the
// accounts table.
func printedAccounts(out string) map[string]string {
	accounts := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) >= 4 && strings.HasPrefix(f[0], "demo.") {
			accounts[f[0]] = f[len(f)-1]
		}
	}
	return accounts
}

// unitLines describes each unit by what a user sees, its parent by code.
func unitLines(units []*tuyengiao.Unit) []string {
	codes := map[int64]string{}
	lines := make([]string, len(units))
	for i, u := range units {
		codes[u.ID] = u.Code
		lines[i] = strings.Join([]string{codes[u.ParentID], u.Code, u.Name, u.Kind}, "|")
	}
	return lines
}

// peopleLines describes each person by what a user sees, in the service's name order.
func peopleLines(t *testing.T, db *sqldb.DB) []string {
	t.Helper()
	people, _, err := db.FindPeople(adminCtx(), tuyengiao.PersonFilter{Status: "all"})
	if err != nil {
		t.Fatal(err)
	}
	lines := make([]string, len(people))
	for i, p := range people {
		lines[i] = fmt.Sprintf("%s|%s|%d|%s|%s|%s|%s|%s|%s", p.UnitCode, p.FullName, p.BirthYear, p.Gender,
			p.Category, p.Position, p.Phone, p.PartyCard, p.Status)
	}
	return lines
}

// halvesSinceLastYear returns the half-years from the first of last year to the one that
// holds yesterday.
func halvesSinceLastYear() []tuyengiao.Period {
	yesterday := tuyengiao.Date{Time: time.Now().In(vn.Zone).AddDate(0, 0, -1)}
	last := tuyengiao.PeriodContaining(tuyengiao.PeriodHalf, yesterday)
	var out []tuyengiao.Period
	for p := tuyengiao.HalfPeriod(time.Now().Year()-1, 1); !p.From.After(last.From.Time); p = tuyengiao.PeriodContaining(tuyengiao.PeriodHalf, tuyengiao.Date{Time: p.To.AddDate(0, 0, 1)}) {
		out = append(out, p)
	}
	return out
}

// sessionCounts are the conferences held in a period and their attendance.
type sessionCounts struct {
	conferences, attendances, people, checkIns int
}

// sessions counts the conferences that started in period p, their attendances (one per
// person and session), the distinct people who attended and the QR check-ins.
func sessions(t *testing.T, raw *sql.DB, p tuyengiao.Period) sessionCounts {
	t.Helper()
	rows, err := raw.Query(`SELECT c.id, c.starts_at, a.person_id, a.method FROM conferences c
		LEFT JOIN attendance a ON a.conference_id = c.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	confs, people := map[int64]bool{}, map[int64]bool{}
	var out sessionCounts
	for rows.Next() {
		var id int64
		var starts time.Time
		var person sql.NullInt64
		var method sql.NullString
		if err := rows.Scan(&id, &starts, &person, &method); err != nil {
			t.Fatal(err)
		}
		if !p.Contains(tuyengiao.DateOf(starts)) {
			continue
		}
		confs[id] = true
		if person.Valid {
			out.attendances++
			people[person.Int64] = true
		}
		if method.String == string(tuyengiao.MethodCheckIn) {
			out.checkIns++
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	out.conferences, out.people = len(confs), len(people)
	return out
}

// documentsOf returns the documents issued in the year and how many units issued them.
func documentsOf(t *testing.T, raw *sql.DB, year int) (docs, issuers int) {
	t.Helper()
	units := map[int64]bool{}
	for _, line := range dbtest.Column[string](t, raw, `SELECT issued_on || ' ' || issuing_unit_id FROM documents WHERE issuing_unit_id IS NOT NULL`) {
		var day string
		var unit int64
		if _, err := fmt.Sscan(line, &day, &unit); err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(day, fmt.Sprint(year)) {
			docs++
			units[unit] = true
		}
	}
	return docs, len(units)
}

// historyLines describes the conferences and documents of the history and the attendance of
// each conference, by what a user sees.
func historyLines(t *testing.T, raw *sql.DB) []string {
	t.Helper()
	return slices.Concat(
		dbtest.Column[string](t, raw, `SELECT c.title || '|' || c.starts_at || '|' || COUNT(a.person_id) || '|' || COALESCE(SUM(a.person_id), 0)
			FROM conferences c LEFT JOIN attendance a ON a.conference_id = c.id GROUP BY c.id, c.title, c.starts_at ORDER BY c.id`),
		dbtest.Column[string](t, raw, `SELECT symbol || '|' || issued_on || '|' || title FROM documents ORDER BY id`))
}
