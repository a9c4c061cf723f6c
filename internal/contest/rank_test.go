package contest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"tuyengiao"
)

var t0 = time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC)

// tied holds ties at every key: A and B are equal under every key; C and D differ only in
// submission; C and G only in prediction; A and E only in duration.
var tied = []Try{
	{AttemptID: 1, ContestantID: 11, Score: 10, Prediction: 100, Duration: 60 * time.Second, SubmittedAt: t0.Add(5 * time.Second)}, // A
	{AttemptID: 2, ContestantID: 12, Score: 10, Prediction: 100, Duration: 60 * time.Second, SubmittedAt: t0.Add(5 * time.Second)}, // B
	{AttemptID: 3, ContestantID: 13, Score: 10, Prediction: 98, Duration: 50 * time.Second, SubmittedAt: t0.Add(1 * time.Second)},  // C
	{AttemptID: 4, ContestantID: 14, Score: 10, Prediction: 102, Duration: 50 * time.Second, SubmittedAt: t0.Add(3 * time.Second)}, // D
	{AttemptID: 5, ContestantID: 15, Score: 10, Prediction: 100, Duration: 70 * time.Second, SubmittedAt: t0.Add(2 * time.Second)}, // E
	{AttemptID: 6, ContestantID: 16, Score: 9, Prediction: 100, Duration: 10 * time.Second, SubmittedAt: t0},                       // F
	{AttemptID: 7, ContestantID: 17, Score: 10, Prediction: 97, Duration: 50 * time.Second, SubmittedAt: t0.Add(1 * time.Second)},  // G
}

// places writes a ranking as "attempt:rank" pairs.
func places(entries []tuyengiao.RankedEntry) string {
	s := ""
	for _, e := range entries {
		s += fmt.Sprintf("%d:%d ", e.AttemptID, e.Rank)
	}
	return s
}

func TestRank(t *testing.T) {
	const target = 100
	for _, c := range []struct {
		name  string
		chain []tuyengiao.RankKey
		want  string
	}{
		{"ranks by score, prediction, duration, submission", tuyengiao.RankKeys, "1:1 2:1 5:3 3:4 4:5 7:6 6:7 "},
		{"ranks by score, duration, submission, prediction",
			[]tuyengiao.RankKey{tuyengiao.RankScore, tuyengiao.RankDuration, tuyengiao.RankSubmitted, tuyengiao.RankPrediction},
			"3:1 7:2 4:3 1:4 2:4 5:6 6:7 "},
		{"ranks by score, submission, duration",
			[]tuyengiao.RankKey{tuyengiao.RankScore, tuyengiao.RankSubmitted, tuyengiao.RankDuration},
			"3:1 7:1 5:3 4:4 1:5 2:5 6:7 "},
		{"ranks by score alone, ties in attempt order", []tuyengiao.RankKey{tuyengiao.RankScore}, "1:1 2:1 3:1 4:1 5:1 7:1 6:7 "},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := places(Rank(tied, c.chain, target)); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}

	t.Run("sets the prediction error of every entry", func(t *testing.T) {
		for _, e := range Rank(tied, []tuyengiao.RankKey{tuyengiao.RankScore}, target) {
			if want := max(e.Prediction-target, target-e.Prediction); e.Error != want {
				t.Errorf("attempt %d predicted %d: error %d, want %d", e.AttemptID, e.Prediction, e.Error, want)
			}
		}
	})

	t.Run("holds a prediction error that would overflow at the largest", func(t *testing.T) {
		e := Rank([]Try{{AttemptID: 1, Prediction: -1 << 63}}, tuyengiao.RankKeys, target)
		if e[0].Error != 1<<63-1 {
			t.Errorf("error %d", e[0].Error)
		}
	})

	// Every chain starting with score, of every length, over tries with many ties at each
	// key, against rank = 1 + the number of tries strictly better.
	tries := make([]Try, 400)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range tries {
		tries[i] = Try{AttemptID: int64(i + 1), ContestantID: int64(i), Score: r.IntN(4), Prediction: 95 + r.Int64N(11),
			Duration: time.Duration(r.IntN(4)) * time.Minute, SubmittedAt: t0.Add(time.Duration(r.IntN(4)) * time.Hour)}
	}
	r.Shuffle(len(tries), func(i, j int) { tries[i], tries[j] = tries[j], tries[i] })
	for _, chain := range chains() {
		t.Run(fmt.Sprintf("ranks by %v with ties at each key", chain), func(t *testing.T) {
			entries := Rank(tries, chain, target)
			if len(entries) != len(tries) {
				t.Fatalf("%d entries of %d tries", len(entries), len(tries))
			}
			byID := map[int64]Try{}
			for _, tr := range tries {
				byID[tr.AttemptID] = tr
			}
			for i, e := range entries {
				tr := byID[e.AttemptID]
				want := 1
				for _, other := range tries {
					if slices.Compare(keyOf(other, chain, target), keyOf(tr, chain, target)) < 0 {
						want++
					}
				}
				if e.Rank != want {
					t.Fatalf("attempt %d (%+v) ranked %d, want %d", e.AttemptID, tr, e.Rank, want)
				}
				if i > 0 && (entries[i-1].Rank > e.Rank || entries[i-1].Rank == e.Rank && entries[i-1].AttemptID > e.AttemptID) {
					t.Fatalf("place %d: attempt %d (rank %d) after attempt %d (rank %d)", i+1, e.AttemptID, e.Rank,
						entries[i-1].AttemptID, entries[i-1].Rank)
				}
			}
		})
	}
}

// chains returns every ranking chain a contest may have: score first, then any of the other
// keys, each at most once, in any order.
func chains() [][]tuyengiao.RankKey {
	var out [][]tuyengiao.RankKey
	var grow func(chain []tuyengiao.RankKey)
	grow = func(chain []tuyengiao.RankKey) {
		out = append(out, chain)
		for _, k := range tuyengiao.RankKeys[1:] {
			if !slices.Contains(chain, k) {
				grow(append(slices.Clip(chain), k))
			}
		}
	}
	grow([]tuyengiao.RankKey{tuyengiao.RankScore})
	return out
}

// keyOf writes a try as the values of chain, each smaller when better.
func keyOf(t Try, chain []tuyengiao.RankKey, target int64) []int64 {
	var key []int64
	for _, k := range chain {
		switch k {
		case tuyengiao.RankScore:
			key = append(key, -int64(t.Score))
		case tuyengiao.RankPrediction:
			key = append(key, max(t.Prediction-target, target-t.Prediction))
		case tuyengiao.RankDuration:
			key = append(key, int64(t.Duration))
		case tuyengiao.RankSubmitted:
			key = append(key, t.SubmittedAt.UnixNano())
		}
	}
	return key
}

func TestCounted(t *testing.T) {
	const target = 100
	at := func(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }
	// Contestant 1's tries, not in the order they were submitted.
	tries := []Try{
		{AttemptID: 13, ContestantID: 1, Score: 10, Prediction: 90, Duration: time.Minute, SubmittedAt: at(30)},
		{AttemptID: 11, ContestantID: 1, Score: 8, Prediction: 100, Duration: time.Minute, SubmittedAt: at(10)},
		{AttemptID: 21, ContestantID: 2, Score: 5, SubmittedAt: at(5)},
		{AttemptID: 12, ContestantID: 1, Score: 10, Prediction: 105, Duration: time.Minute, SubmittedAt: at(20)},
		{AttemptID: 14, ContestantID: 1, Score: 10, Prediction: 105, Duration: time.Minute, SubmittedAt: at(40)},
		{AttemptID: 15, ContestantID: 1, Score: 9, Prediction: 100, Duration: time.Minute, SubmittedAt: at(50)},
	}
	counted := func(rule tuyengiao.CountedTry, chain []tuyengiao.RankKey) string {
		s := ""
		for _, c := range Counted(tries, rule, chain, target) {
			s += fmt.Sprintf("%d:%d ", c.ContestantID, c.AttemptID)
		}
		return s
	}
	t.Run("counts the best by the chain, of equals the earlier submitted", func(t *testing.T) {
		// 12 and 14 predict 5 off, 13 ten off: 12 is submitted before 14.
		if got := counted(tuyengiao.CountBest, tuyengiao.RankKeys); got != "1:12 2:21 " {
			t.Errorf("got %s", got)
		}
		// By score alone 12, 13 and 14 are equal: 12 is the earliest.
		if got := counted(tuyengiao.CountBest, []tuyengiao.RankKey{tuyengiao.RankScore}); got != "1:12 2:21 " {
			t.Errorf("by score alone: got %s", got)
		}
	})
	t.Run("counts the best with the prediction error against the target", func(t *testing.T) {
		tries := []Try{
			{AttemptID: 1, ContestantID: 1, Score: 10, Prediction: 90, SubmittedAt: at(1)},
			{AttemptID: 2, ContestantID: 1, Score: 10, Prediction: 120, SubmittedAt: at(2)},
		}
		chain := []tuyengiao.RankKey{tuyengiao.RankScore, tuyengiao.RankPrediction}
		if got := Counted(tries, tuyengiao.CountBest, chain, 115); got[0].AttemptID != 2 {
			t.Errorf("target 115: counted %d, want 2 (5 off)", got[0].AttemptID)
		}
		if got := Counted(tries, tuyengiao.CountBest, chain, 100); got[0].AttemptID != 1 {
			t.Errorf("target 100: counted %d, want 1 (10 off)", got[0].AttemptID)
		}
	})
	t.Run("counts the first submitted", func(t *testing.T) {
		if got := counted(tuyengiao.CountFirst, tuyengiao.RankKeys); got != "1:11 2:21 " {
			t.Errorf("got %s", got)
		}
	})
	t.Run("counts the last submitted", func(t *testing.T) {
		if got := counted(tuyengiao.CountLast, tuyengiao.RankKeys); got != "1:15 2:21 " {
			t.Errorf("got %s", got)
		}
	})
}

func TestTarget(t *testing.T) {
	tries := []Try{
		{AttemptID: 1, ContestantID: 1, Score: 10},
		{AttemptID: 2, ContestantID: 1, Score: 9},
		{AttemptID: 3, ContestantID: 2, Score: 10},
		{AttemptID: 4, ContestantID: 3, Score: 7},
		{AttemptID: 5, ContestantID: 1, Score: 10},
	}
	for _, c := range []struct {
		kind tuyengiao.PredictionTarget
		want int64
	}{
		{tuyengiao.PredictAllCorrect, 3},
		{tuyengiao.PredictEntries, 5},
		{tuyengiao.PredictPeople, 3},
		{"", 0},
	} {
		t.Run(fmt.Sprintf("counts %q", c.kind), func(t *testing.T) {
			if got := Target(c.kind, tries, 10); got != c.want {
				t.Errorf("got %d, want %d", got, c.want)
			}
		})
	}
}

func TestAward(t *testing.T) {
	prizes := []tuyengiao.Prize{{Name: "Giải Nhất", Count: 1}, {Name: "Giải Nhì", Count: 1}, {Name: "Giải Ba", Count: 2}}
	award := func(ranks ...int) string {
		entries := make([]tuyengiao.RankedEntry, len(ranks))
		for i, r := range ranks {
			entries[i] = tuyengiao.RankedEntry{Rank: r, Prize: "stale"}
		}
		Award(entries, prizes)
		s := ""
		for _, e := range entries {
			s += fmt.Sprintf("%d:%s|", e.Rank, e.Prize)
		}
		return s
	}
	t.Run("gives each level its count in rank order, and none to the rest", func(t *testing.T) {
		if got := award(1, 2, 3, 4, 5, 6); got != "1:Giải Nhất|2:Giải Nhì|3:Giải Ba|4:Giải Ba|5:|6:|" {
			t.Errorf("got %s", got)
		}
	})
	t.Run("gives a tie at a level's boundary that level, and starts the next after it", func(t *testing.T) {
		if got := award(1, 2, 2, 4, 5, 6); got != "1:Giải Nhất|2:Giải Nhì|2:Giải Nhì|4:Giải Ba|5:Giải Ba|6:|" {
			t.Errorf("got %s", got)
		}
		if got := award(1, 1, 3, 4, 4, 4, 7); got != "1:Giải Nhất|1:Giải Nhất|3:Giải Nhì|4:Giải Ba|4:Giải Ba|4:Giải Ba|7:|" {
			t.Errorf("got %s", got)
		}
	})
	t.Run("gives what there is when entries are fewer than prizes", func(t *testing.T) {
		if got := award(1, 1); got != "1:Giải Nhất|1:Giải Nhất|" {
			t.Errorf("got %s", got)
		}
		if got := award(); got != "" {
			t.Errorf("got %s", got)
		}
	})
}

// BenchmarkRank closes a round of a national contest: 300.000 tries of 100.000 contestants,
// the best of each counted, then ranked by the full chain.
func BenchmarkRank(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	tries := make([]Try, 300_000)
	for i := range tries {
		tries[i] = Try{AttemptID: int64(i + 1), ContestantID: 1 + r.Int64N(100_000), Score: 10 + r.IntN(11),
			Prediction: r.Int64N(50_000), Duration: time.Duration(30+r.IntN(1170)) * time.Second,
			SubmittedAt: t0.Add(time.Duration(r.Int64N(int64(7 * 24 * time.Hour))))}
	}
	target := Target(tuyengiao.PredictAllCorrect, tries, 20)
	for b.Loop() {
		Rank(Counted(tries, tuyengiao.CountBest, tuyengiao.RankKeys, target), tuyengiao.RankKeys, target)
	}
}
