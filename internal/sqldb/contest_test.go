package sqldb

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/sqldb/sqldbtest"
)

// contestWorld is a city (1) with a ward (2) and a cell (4), a contest of the city with two
// rounds a week long, the first opening an hour after the clock, and a bank of two
// categories of three questions each, an attempt drawing two of each.
type contestWorld struct {
	db    *DB
	now   time.Time
	c     *tuyengiao.Contest
	right map[string]string // the right option of each question, by its text
}

var contestTestStart = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)

func newContestWorld(t *testing.T, db *DB) *contestWorld {
	t.Helper()
	w := &contestWorld{db: db, now: contestTestStart, right: map[string]string{}}
	db.Now = func() time.Time { return w.now }
	city := personTestUnit(t, db, 1, "/", "TP")
	ward := personTestUnit(t, db, 2, city, "P2")
	personTestUnit(t, db, 4, ward, "CB4")
	personTestUnit(t, db, 9, "/", "TK")
	ctx := sysadminCtx()
	w.c = &tuyengiao.Contest{UnitID: 1, Title: "Tìm hiểu Nghị quyết 35-NQ/TW", Rules: "Mỗi tuần một vòng thi.",
		Consent: "Tôi đồng ý cung cấp họ tên, năm sinh, số điện thoại.", RetentionDays: 180, TimeLimit: 600,
		AttemptsPerRound: 2, Counts: tuyengiao.CountBest, ShowAnswers: tuyengiao.AnswersAfterSubmit,
		Prediction: tuyengiao.PredictAllCorrect, PredictionText: "Có bao nhiêu bài trả lời đúng tất cả các câu?",
		Ranking: []tuyengiao.RankKey{tuyengiao.RankScore, tuyengiao.RankPrediction, tuyengiao.RankDuration, tuyengiao.RankSubmitted},
		Prizes:  []tuyengiao.Prize{{Name: "Giải Nhất", Count: 1}, {Name: "Giải Nhì", Count: 1}}}
	open := contestTestStart.Add(time.Hour)
	week := 7 * 24 * time.Hour
	rounds := []tuyengiao.Round{{OpensAt: open, ClosesAt: open.Add(week)}, {OpensAt: open.Add(week), ClosesAt: open.Add(2 * week)}}
	if err := db.ContestStore().CreateContest(ctx, w.c, rounds); err != nil {
		t.Fatal(err)
	}
	var qs []*tuyengiao.Question
	for i := range 6 {
		category := []string{"Lịch sử Đảng", "Nghị quyết 35"}[i%2]
		text := fmt.Sprintf("Câu hỏi %d về %s?", i, category)
		q := &tuyengiao.Question{Category: category, Text: text, Options: []tuyengiao.Option{
			{Text: "Phương án A" + fmt.Sprint(i)}, {Text: "Phương án B" + fmt.Sprint(i), Correct: true}, {Text: "Phương án C" + fmt.Sprint(i)}}}
		w.right[text] = q.Options[1].Text
		qs = append(qs, q)
	}
	if err := db.ContestStore().ImportQuestions(ctx, w.c.ID, qs); err != nil {
		t.Fatal(err)
	}
	cats, err := db.ContestStore().Categories(ctx, w.c.ID)
	if err != nil || len(cats) != 2 || cats[0].Questions != 3 {
		t.Fatalf("categories %+v, %v", cats, err)
	}
	w.c.Draw = []tuyengiao.DrawRule{{CategoryID: cats[0].ID, Count: 2}, {CategoryID: cats[1].ID, Count: 2}}
	if err := db.ContestStore().UpdateContest(ctx, w.c, rounds); err != nil {
		t.Fatal(err)
	}
	return w
}

// register registers a contestant of the cell with the PIN 123456.
func (w *contestWorld) register(t *testing.T, name, phone string) *tuyengiao.Contestant {
	t.Helper()
	c := &tuyengiao.Contestant{ContestID: w.c.ID, FullName: name, BirthYear: 1990, Phone: phone, UnitID: 4, Client: "203.0.113.7"}
	if err := w.db.ContestStore().Register(context.Background(), c, "123456"); err != nil {
		t.Fatal(err)
	}
	return c
}

// answer saves, for each question of a, the right option when its position is below right,
// and a wrong one otherwise.
func (w *contestWorld) answer(t *testing.T, who int64, a *tuyengiao.Attempt, right int) {
	t.Helper()
	for pos, q := range a.Questions {
		for i, o := range q.Options {
			if (o == w.right[q.Text]) == (pos < right) {
				if err := w.db.ContestStore().SaveAnswer(context.Background(), who, a.ID, pos, 1<<i); err != nil {
					t.Error(err) // not Fatal: some tests answer from goroutines of their own
				}
				break
			}
		}
	}
}

func TestContestRound(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		w := newContestWorld(t, db)
		s, ctx := db.ContestStore(), context.Background()
		t.Run("lists the contest under its unit and its parents, not elsewhere", func(t *testing.T) {
			all, err := s.FindContests(ctx, 0)
			if err != nil || len(all) != 1 || len(all[0].Rounds) != 2 {
				t.Fatalf("%v, %v", all, err)
			}
			if other, err := s.FindContests(ctx, 9); err != nil || len(other) != 0 {
				t.Fatalf("%v, %v", other, err)
			}
			if current, err := s.CurrentContests(ctx); err != nil || len(current) != 1 {
				t.Fatalf("current: %v, %v", current, err)
			}
			changed, _ := s.FindContestByID(ctx, w.c.ID)
			changed.Title, changed.Rounds[0].Number, changed.Ranking[0] = "đổi", 9, tuyengiao.RankDuration
			if kept, _ := s.FindContestByID(ctx, w.c.ID); kept.Title == "đổi" || kept.Rounds[0].Number != 1 || kept.Ranking[0] != tuyengiao.RankScore {
				t.Fatalf("a caller's change reached the node's cache: %+v", kept)
			}
		})
		t.Run("offers the units of the organiser's subtree found by two letters or more", func(t *testing.T) {
			units, err := s.ContestUnits(ctx, w.c.ID, "cb", 10)
			if err != nil || len(units) != 1 || units[0].ID != 4 {
				t.Fatalf("%v, %v", units, err)
			}
			if units, _ := s.ContestUnits(ctx, w.c.ID, "c", 10); len(units) != 0 {
				t.Fatalf("one letter found %d units", len(units))
			}
			if units, _ := s.ContestUnits(ctx, w.c.ID, "tk", 10); len(units) != 0 {
				t.Fatal("a unit outside the organiser's subtree was offered")
			}
		})
		t.Run("finds a question of the bank by its id, for the organiser only", func(t *testing.T) {
			qs, _, err := s.Questions(sysadminCtx(), w.c.ID, 0, 1)
			if err != nil {
				t.Fatal(err)
			}
			if q, err := s.FindQuestion(sysadminCtx(), w.c.ID, qs[0].ID); err != nil || q.Text != qs[0].Text || q.Key() != 2 {
				t.Fatalf("%+v, %v", q, err)
			}
			if _, err := s.FindQuestion(sysadminCtx(), w.c.ID+1, qs[0].ID); tuyengiao.ErrorCode(err) != tuyengiao.ENOTFOUND {
				t.Fatalf("another contest's: %v", err)
			}
			if _, err := s.FindQuestion(roleCtx(tuyengiao.RoleViewer, 1, "/1/"), w.c.ID, qs[0].ID); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("a viewer: %v", err)
			}
		})
		t.Run("refuses a start before the round opens", func(t *testing.T) {
			c := w.register(t, "Nguyễn Văn An", "0912 345 678")
			if _, err := s.StartAttempt(ctx, c.ID); tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
				t.Fatalf("got %v", err)
			}
		})
		t.Run("refuses a second registration of a phone however written", func(t *testing.T) {
			c := &tuyengiao.Contestant{ContestID: w.c.ID, FullName: "Nguyễn Văn An", BirthYear: 1990, Phone: "+84 912.345.678", Address: "Hà Nội"}
			if err := s.Register(ctx, c, "654321"); tuyengiao.ErrorCode(err) != tuyengiao.EINVALID || tuyengiao.UserError(err).Field != "phone" {
				t.Fatalf("got %v", err)
			}
		})
		w.now = w.c.Rounds[0].OpensAt.Add(time.Minute)
		t.Run("freezes the rules once the first round is open", func(t *testing.T) {
			c, _ := s.FindContestByID(ctx, w.c.ID)
			c.TimeLimit = 900
			if err := s.UpdateContest(sysadminCtx(), c, c.Rounds); tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
				t.Fatalf("got %v", err)
			}
		})
		an, err := s.SignIn(ctx, w.c.ID, "0912345678", "123456")
		if err != nil {
			t.Fatal(err)
		}
		var best *tuyengiao.Attempt
		t.Run("draws the questions and keeps the answers across a reload", func(t *testing.T) {
			a, err := s.StartAttempt(ctx, an.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Questions) != 4 || a.Questions[0].Right != 0 || !a.Deadline.Equal(w.now.Add(10*time.Minute)) {
				t.Fatalf("attempt %+v", a)
			}
			again, err := s.StartAttempt(ctx, an.ID)
			if err != nil || again.ID != a.ID {
				t.Fatalf("a second start gave %v, %v", again, err)
			}
			w.answer(t, an.ID, a, 3)
			reloaded, err := s.FindAttempt(ctx, an.ID, a.ID)
			if err != nil || len(reloaded.Answers) != 4 {
				t.Fatalf("reloaded %+v, %v", reloaded, err)
			}
			w.now = w.now.Add(2 * time.Minute)
			if best, err = s.Submit(ctx, an.ID, a.ID, 1); err != nil || best.Score != 3 || best.Questions[0].Right == 0 {
				t.Fatalf("submitted %+v, %v", best, err)
			}
			if err := s.SaveAnswer(ctx, an.ID, a.ID, 0, 1); tuyengiao.ErrorCode(err) != tuyengiao.ECONFLICT {
				t.Fatalf("an answer after submission: %v", err)
			}
		})
		t.Run("closes an attempt past its deadline with what was saved", func(t *testing.T) {
			a, err := s.StartAttempt(ctx, an.ID)
			if err != nil {
				t.Fatal(err)
			}
			w.answer(t, an.ID, a, 1)
			w.now = a.Deadline.Add(lateGrace - time.Second)
			wrong := uint8(1)
			if a.Questions[3].Options[0] == w.right[a.Questions[3].Text] {
				wrong = 2
			}
			if err := s.SaveAnswer(ctx, an.ID, a.ID, 3, wrong); err != nil {
				t.Fatalf("an answer sent in time, arriving within the grace: %v", err)
			}
			w.now = a.Deadline.Add(lateGrace + time.Second)
			if err := s.SaveAnswer(ctx, an.ID, a.ID, 1, 1); tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
				t.Fatalf("a late answer: %v", err)
			}
			late, err := s.Submit(ctx, an.ID, a.ID, 5)
			if err != nil || !late.Late || late.Score != 1 || late.Prediction != 0 {
				t.Fatalf("late %+v, %v", late, err)
			}
			if _, err := s.StartAttempt(ctx, an.ID); tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
				t.Fatalf("a third attempt of two allowed: %v", err)
			}
		})
		binh := w.register(t, "Trần Thị Bình", "0987654321")
		t.Run("opens one attempt for many starts at once", func(t *testing.T) {
			var wg sync.WaitGroup
			ids := make([]int64, 1000)
			for i := range ids {
				wg.Go(func() {
					if a, err := s.StartAttempt(ctx, binh.ID); err == nil {
						ids[i] = a.ID
					} else {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			var n int
			db.queryRow(ctx, `SELECT COUNT(*) FROM contest_attempts WHERE contestant_id = ?`, binh.ID).Scan(&n)
			if n != 1 || slices.Min(ids) != slices.Max(ids) {
				t.Fatalf("%d attempts, answered %v…", n, ids[:5])
			}
			a, err := s.StartAttempt(ctx, binh.ID)
			if err != nil {
				t.Fatal(err)
			}
			w.answer(t, binh.ID, a, 4)
			if a, err = s.Submit(ctx, binh.ID, a.ID, 3); err != nil || a.Score != 4 {
				t.Fatalf("%+v %v", a, err)
			}
		})
		round := w.c.Rounds[0]
		t.Run("closes the round only after its end and the grace", func(t *testing.T) {
			w.now = round.ClosesAt.Add(time.Second)
			if err := s.CloseRound(sysadminCtx(), round.ID); tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
				t.Fatalf("got %v", err)
			}
			if err := s.CloseRound(roleCtx(tuyengiao.RoleViewer, 1, "/1/"), round.ID); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("a viewer closing: %v", err)
			}
			w.now = round.ClosesAt.Add(closeGrace)
			if err := s.CloseRound(roleCtx(tuyengiao.RoleEditor, 1, "/1/"), round.ID); err != nil {
				t.Fatal(err)
			}
		})
		t.Run("ranks the best attempt of each contestant and names the winners", func(t *testing.T) {
			ranking, total, err := s.Ranking(ctx, round.ID, 0, 10)
			if err != nil || total != 2 {
				t.Fatalf("%d entries, %v", total, err)
			}
			first, second := ranking[0], ranking[1]
			if first.ContestantID != binh.ID || first.Score != 4 || first.Prize != "Giải Nhất" || first.Error != 2 ||
				second.AttemptID != best.ID || second.Prize != "Giải Nhì" || second.Rank != 2 {
				t.Fatalf("ranking %+v", ranking)
			}
			closed, _ := s.FindContestByID(ctx, w.c.ID)
			if closed.Rounds[0].Target != 1 || closed.Rounds[0].ClosedAt.IsZero() {
				t.Fatalf("round %+v", closed.Rounds[0])
			}
		})
		t.Run("counts for each question the entries that drew it and those right, the hardest first", func(t *testing.T) {
			stats, err := s.QuestionStats(sysadminCtx(), round.ID)
			if err != nil {
				t.Fatal(err)
			}
			var drawn, right int64
			for i, st := range stats {
				drawn, right = drawn+st.Drawn, right+st.Right
				if st.Text == "" || i > 0 && st.Right*stats[i-1].Drawn < stats[i-1].Right*st.Drawn {
					t.Fatalf("%+v", stats)
				}
			}
			if drawn != 12 || right != 8 {
				t.Fatalf("%d drawn, %d right: %+v", drawn, right, stats)
			}
			if again, err := s.QuestionStats(sysadminCtx(), round.ID); err != nil || !reflect.DeepEqual(again, stats) {
				t.Fatalf("asked again (the node's counts): %+v %v, first %+v", again, err, stats)
			}
			if _, err := s.QuestionStats(roleCtx(tuyengiao.RoleViewer, 1, "/1/"), round.ID); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("a viewer: %v", err)
			}
		})
	})
}

func TestContestPIN(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		w := newContestWorld(t, db)
		s, ctx := db.ContestStore(), context.Background()
		c := w.register(t, "Lê Văn Cường", "0905111222")
		for range pinTries {
			if _, err := s.SignIn(ctx, w.c.ID, c.Phone, "000000"); tuyengiao.ErrorCode(err) != tuyengiao.EUNAUTHORIZED {
				t.Fatalf("wrong PIN: %v", err)
			}
		}
		t.Run("locks the phone out after wrong PINs, even for the right one", func(t *testing.T) {
			if _, err := s.SignIn(ctx, w.c.ID, c.Phone, "123456"); tuyengiao.ErrorCode(err) != tuyengiao.ETOOMANY {
				t.Fatalf("got %v", err)
			}
		})
		t.Run("counts guesses sent at once, checking none past the limit", func(t *testing.T) {
			other := w.register(t, "Vũ Thị Hạnh", "0905333444")
			var wg sync.WaitGroup
			for range 40 {
				wg.Go(func() { s.SignIn(ctx, w.c.ID, other.Phone, "000000") })
			}
			wg.Wait()
			var denied int
			db.queryRow(ctx, `SELECT COUNT(*) FROM audit_log WHERE action = 'contest.signin' AND object = ?`, contestantObject(other.ID)).Scan(&denied)
			if _, err := s.SignIn(ctx, w.c.ID, other.Phone, "123456"); tuyengiao.ErrorCode(err) != tuyengiao.ETOOMANY || denied != pinTries {
				t.Fatalf("%d guesses checked of 40, then the right PIN: %v", denied, err)
			}
		})
		t.Run("lets the organiser reset the PIN", func(t *testing.T) {
			if err := s.ResetPIN(roleCtx(tuyengiao.RoleEditor, 2, "/1/2/"), c.ID, "222333"); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("an editor of a ward: %v", err)
			}
			before, _ := s.FindContestant(ctx, c.ID)
			if err := s.ResetPIN(roleCtx(tuyengiao.RoleEditor, 1, "/1/"), c.ID, "222333"); err != nil {
				t.Fatal(err)
			}
			if after, _ := s.FindContestant(ctx, c.ID); after.Credential == before.Credential || after.Credential == "" {
				t.Fatal("a new PIN left the credential browsers are signed in with as it was")
			}
			if got, err := s.SignIn(ctx, w.c.ID, "0905 111 222", "222333"); err != nil || got.ID != c.ID {
				t.Fatalf("got %v, %v", got, err)
			}
		})
	})
}

func TestContestPeople(t *testing.T) {
	engines(t, func(t *testing.T, db *DB) {
		w := newContestWorld(t, db)
		s, ctx, admin := db.ContestStore(), context.Background(), sysadminCtx()
		twin := w.register(t, "Phạm Văn Dũng", "0911000001")
		w.register(t, "Phạm Văn  DŨNG", "0911000002")
		for i := range tuyengiao.SuspicionBurstCount - 2 {
			c := &tuyengiao.Contestant{ContestID: w.c.ID, FullName: fmt.Sprintf("Người %d", i), BirthYear: 1980 + i,
				Phone: fmt.Sprintf("09120000%02d", i), Address: "Hà Nội", Client: "203.0.113.7"}
			if err := s.Register(ctx, c, "123456"); err != nil {
				t.Fatal(err)
			}
		}
		alone := &tuyengiao.Contestant{ContestID: w.c.ID, FullName: "Hoàng Thị Em", BirthYear: 2001, Phone: "0913000000", UnitID: 2, Client: "198.51.100.1"}
		if err := s.Register(ctx, alone, "123456"); err != nil {
			t.Fatal(err)
		}
		w.now = w.c.Rounds[0].OpensAt.Add(time.Hour)
		a, err := s.StartAttempt(ctx, alone.ID)
		if err != nil {
			t.Fatal(err)
		}
		w.answer(t, alone.ID, a, 4)
		w.now = w.now.Add(2 * time.Second)
		if _, err := s.Submit(ctx, alone.ID, a.ID, 0); err != nil {
			t.Fatal(err)
		}
		t.Run("lists twins, bursts from one address and inhuman speed", func(t *testing.T) {
			found, err := s.Suspicious(admin, w.c.ID)
			if err != nil {
				t.Fatal(err)
			}
			reasons := map[string]int{}
			for _, x := range found {
				reasons[x.Reason]++
				if x.Reason == tuyengiao.SuspicionFast && (x.Contestant.ID != alone.ID || x.Count != 2) {
					t.Errorf("fast: %+v", x)
				}
				if x.Reason == tuyengiao.SuspicionTwin && x.Contestant.FullName[:3] != twin.FullName[:3] {
					t.Errorf("twin: %+v", x)
				}
			}
			if reasons[tuyengiao.SuspicionTwin] != 2 || reasons[tuyengiao.SuspicionBurst] != tuyengiao.SuspicionBurstCount || reasons[tuyengiao.SuspicionFast] != 1 {
				t.Fatalf("reasons %v", reasons)
			}
			if _, err := s.Suspicious(roleCtx(tuyengiao.RoleViewer, 1, "/1/"), w.c.ID); tuyengiao.ErrorCode(err) != tuyengiao.EFORBIDDEN {
				t.Fatalf("a viewer: %v", err)
			}
		})
		t.Run("counts per unit, rolled up, with the register as base", func(t *testing.T) {
			st, err := s.ContestStats(roleCtx(tuyengiao.RoleViewer, 1, "/1/"), w.c.ID, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			top, ward := st.Rows[0], st.Rows[1]
			if len(st.Rows) != 2 || top.Registrations != 11 || top.People != 1 || top.Entries != 1 ||
				ward.UnitID != 2 || ward.Registrations != 3 || ward.People != 1 || len(st.Hourly) != 1 || st.Hourly[0].Entries != 1 {
				t.Fatalf("stats %+v", st)
			}
		})
		t.Run("gives the figures of the quarter at the units, raising the version with each entry", func(t *testing.T) {
			f := db.ContestFigures()
			before, _ := f.Version(ctx)
			values, err := f.OwnValues(ctx, []string{contestsHeld, contestsRegistrations, contestsPeople, contestsEntries}, "/", tuyengiao.QuarterPeriod(2026, 1))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int64{}
			for _, v := range values {
				got[fmt.Sprintf("%s@%d", v.Code, v.UnitID)] = v.Num
			}
			want := map[string]int64{"contests.held@1": 1, "contests.registrations@4": 2, "contests.registrations@1": 8,
				"contests.registrations@2": 1, "contests.people@2": 1, "contests.entries@2": 1}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("got %v, want %v", got, want)
			}
			b, err := s.StartAttempt(ctx, twin.ID)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Submit(ctx, twin.ID, b.ID, 0); err != nil {
				t.Fatal(err)
			}
			if after, _ := f.Version(ctx); after == before {
				t.Fatal("an entry left the version as it was")
			}
		})
		t.Run("purges personal data at the end of retention, counts and chain intact", func(t *testing.T) {
			if _, err := s.PurgeContestants(admin, w.c.ID); tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
				t.Fatalf("too early: %v", err)
			}
			last := w.c.Rounds[len(w.c.Rounds)-1]
			w.now = last.ClosesAt.AddDate(0, 0, w.c.RetentionDays)
			n, err := s.PurgeDue(ctx)
			if err != nil || n != 11 {
				t.Fatalf("purged %d, %v", n, err)
			}
			var left int
			db.queryRow(ctx, `SELECT COUNT(*) FROM contestants WHERE full_name <> '' OR phone <> '' OR client <> ''`).Scan(&left)
			st, err := s.ContestStats(admin, w.c.ID, 0, 0)
			if err != nil || left != 0 || st.Rows[0].Registrations != 11 || st.Rows[0].Entries != 2 || st.Rows[1].People != 2 {
				t.Fatalf("left %d, stats %+v, %v", left, st, err)
			}
			if check, err := db.VerifyAudit(ctx, AuditHead{}); err != nil || check.Break != nil {
				t.Fatalf("chain %+v, %v", check, err)
			}
			if _, err := s.SignIn(ctx, w.c.ID, "0913000000", "123456"); tuyengiao.ErrorCode(err) != tuyengiao.EUNAUTHORIZED {
				t.Fatalf("sign-in after purge: %v", err)
			}
		})
	})
}

func TestContestOnTwoNodes(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		a, b := openTestDB(t, dsn), openTestDB(t, dsn)
		w := newContestWorld(t, a)
		b.Now = a.Now
		ctx, admin := context.Background(), sysadminCtx()
		c, _ := b.ContestStore().FindContestByID(ctx, w.c.ID)
		c.ShowAnswers = tuyengiao.AnswersAfterClose
		if err := b.ContestStore().UpdateContest(admin, c, c.Rounds); err != nil {
			t.Fatal(err)
		}
		who := w.register(t, "Đỗ Văn Giang", "0914000000")
		w.now = c.Rounds[0].OpensAt.Add(time.Minute)
		var starts sync.WaitGroup
		attempts := make([]*tuyengiao.Attempt, 2)
		for i, n := range []*DB{a, b} {
			starts.Go(func() {
				var err error
				if attempts[i], err = n.ContestStore().StartAttempt(ctx, who.ID); err != nil {
					t.Error(err)
				}
			})
		}
		starts.Wait()
		var open int
		a.queryRow(ctx, `SELECT COUNT(*) FROM contest_attempts WHERE contestant_id = ?`, who.ID).Scan(&open)
		at := attempts[0]
		if open != 1 || at.ID != attempts[1].ID {
			t.Fatalf("%d attempts for two starts on two nodes", open)
		}
		w.answer(t, who.ID, at, 4)
		t.Run("keeps the answers hidden until the round is closed on the other node", func(t *testing.T) {
			done, err := b.ContestStore().Submit(ctx, who.ID, at.ID, 1)
			if err != nil || done.Score != 4 || done.Questions[0].Right != 0 {
				t.Fatalf("%+v, %v", done, err)
			}
			if seen, _ := a.ContestStore().FindAttempt(ctx, who.ID, at.ID); seen.Questions[0].Right != 0 {
				t.Fatal("node a shows the answers before the close")
			}
			w.now = c.Rounds[0].ClosesAt.Add(closeGrace)
			if err := b.ContestStore().CloseRound(admin, c.Rounds[0].ID); err != nil {
				t.Fatal(err)
			}
			if seen, _ := a.ContestStore().FindAttempt(ctx, who.ID, at.ID); seen.Questions[0].Right == 0 {
				t.Fatal("node a hides the answers after the close")
			}
			if _, total, err := a.ContestStore().Ranking(ctx, c.Rounds[0].ID, 0, 10); err != nil || total != 1 {
				t.Fatalf("ranking of %d, %v", total, err)
			}
		})
	})
}

// TestContestRealRound runs a round as a real one goes: many contestants, up to three attempts
// each with answers of every kind, started and submitted at once on two nodes; then checks
// that every acknowledged entry is stored once, that the ranking holds each contestant's best
// attempt once, in the chain's order, and the prediction target counted at the close.
func TestContestRealRound(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		a, b := openTestDB(t, dsn), openTestDB(t, dsn)
		w := newContestWorld(t, a)
		b.Now = a.Now
		w.c.AttemptsPerRound = 3
		ctx := context.Background()
		if err := a.ContestStore().UpdateContest(sysadminCtx(), w.c, w.c.Rounds); err != nil {
			t.Fatal(err)
		}
		people := make([]*tuyengiao.Contestant, 60)
		for i := range people {
			people[i] = w.register(t, fmt.Sprintf("Người dự thi %d", i), fmt.Sprintf("0915%06d", i))
		}
		w.now = w.c.Rounds[0].OpensAt.Add(time.Hour)
		var mu sync.Mutex
		acked := map[int64]int{}                     // attempt → score
		want := map[string]*tuyengiao.QuestionStat{} // by the question's text
		var wg sync.WaitGroup
		for i, who := range people {
			node := []*DB{a, b}[i%2].ContestStore()
			wg.Go(func() {
				for k := range 1 + i%3 {
					at, err := node.StartAttempt(ctx, who.ID)
					if err != nil {
						t.Error(err)
						return
					}
					w.answer(t, who.ID, at, (i+k)%5)
					done, err := node.Submit(ctx, who.ID, at.ID, int64(i))
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					acked[at.ID] = done.Score
					for pos, q := range at.Questions {
						if want[q.Text] == nil {
							want[q.Text] = &tuyengiao.QuestionStat{Text: q.Text}
						}
						want[q.Text].Drawn++
						if pos < (i+k)%5 {
							want[q.Text].Right++
						}
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		var stored int
		a.queryRow(ctx, `SELECT COUNT(*) FROM contest_attempts WHERE submitted_at IS NOT NULL`).Scan(&stored)
		if stored != len(acked) || stored != 120 {
			t.Fatalf("%d entries stored, %d acknowledged", stored, len(acked))
		}
		round := w.c.Rounds[0]
		w.now = round.ClosesAt.Add(closeGrace)
		if err := b.ContestStore().CloseRound(sysadminCtx(), round.ID); err != nil {
			t.Fatal(err)
		}
		ranking, total, err := a.ContestStore().Ranking(ctx, round.ID, 0, 100)
		if err != nil || total != len(people) {
			t.Fatalf("%d ranked, %v", total, err)
		}
		best, perfect, owner := map[int64]int{}, 0, attemptOwners(t, a)
		for id, score := range acked {
			best[owner[id]] = max(best[owner[id]], score)
			if score == 4 {
				perfect++
			}
		}
		seen := map[int64]bool{}
		for i, e := range ranking {
			if seen[e.ContestantID] || e.Score != best[e.ContestantID] || i > 0 && e.Score > ranking[i-1].Score {
				t.Fatalf("entry %d: %+v (best %d)", i, e, best[e.ContestantID])
			}
			seen[e.ContestantID] = true
		}
		if c, _ := a.ContestStore().FindContestByID(ctx, w.c.ID); c.Rounds[0].Target != int64(perfect) {
			t.Fatalf("target %d, want %d", c.Rounds[0].Target, perfect)
		}
		// Each node counts the round once and keeps the counts: asked twice on each, the same.
		for _, node := range []*DB{a, b, a, b} {
			stats, err := node.ContestStore().QuestionStats(sysadminCtx(), round.ID)
			if err != nil || len(stats) != len(want) {
				t.Fatalf("%d questions, want %d: %v", len(stats), len(want), err)
			}
			for _, st := range stats {
				if w := want[st.Text]; w == nil || st.Drawn != w.Drawn || st.Right != w.Right {
					t.Fatalf("%q drawn %d, right %d; want %+v", st.Text, st.Drawn, st.Right, w)
				}
			}
		}
	})
}

// attemptOwners returns the contestant of every attempt.
func attemptOwners(t *testing.T, db *DB) map[int64]int64 {
	t.Helper()
	rows, err := db.query(context.Background(), `SELECT id, contestant_id FROM contest_attempts`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	owner := map[int64]int64{}
	for rows.Next() {
		var id, who int64
		if err := rows.Scan(&id, &who); err != nil {
			t.Fatal(err)
		}
		owner[id] = who
	}
	return owner
}
