package loadrun

import (
	"context"
	"testing"
	"time"

	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/sqldb/sqldbtest"
)

// TestContestLedger takes a group of contestants through a level by the storage, and checks
// its ledger, then one that claims a submission the database does not hold.
func TestContestLedger(t *testing.T) {
	ctx := context.Background()
	db, err := sqldb.Open(ctx, sqldbtest.SQLite(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	w, err := PrepareContest(ctx, db, []int{30})
	if err != nil {
		t.Fatal(err)
	}
	l, err := StoredContest(ctx, db, w, 0, 8, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("counts every request of the level and finds each submission stored once", func(t *testing.T) {
		for i, want := range []int{30, 30, 30, 300, 30} {
			if p := l.Phases[i]; p.OK != want || p.Commits == 0 && i != 1 {
				t.Errorf("%s: %d of %d answered, %d commits", p.Name, p.OK, want, p.Commits)
			}
		}
		if *l.Ledger != (Ledger{Acked: 30, Stored: 30}) {
			t.Errorf("ledger %+v", l.Ledger)
		}
	})
	t.Run("finds a submission acknowledged but not stored", func(t *testing.T) {
		e := &Entrant{ID: w.Groups[0][0].ID, Attempt: 1 << 40, Submitted: true}
		w.Groups = append(w.Groups, []*Entrant{e})
		got, err := CheckSubmissions(ctx, db, w)
		if err != nil || got.OK() || got.Lost != 1 || got.Acked != 31 {
			t.Errorf("ledger %+v, %v", got, err)
		}
	})
}
