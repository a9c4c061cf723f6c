package contest

import (
	"cmp"
	"math"
	"slices"
	"time"

	"tuyengiao"
)

// Try is an attempt as ranking sees it.
type Try struct {
	AttemptID, ContestantID int64
	Score                   int
	Prediction              int64
	Duration                time.Duration
	SubmittedAt             time.Time
}

// Target counts what the prediction question asks of a round's tries (every submitted or
// closed attempt, not only counted ones): all-correct entries (Score == questions), entries, or
// distinct contestants. It is 0 for a contest without a prediction question.
func Target(kind tuyengiao.PredictionTarget, tries []Try, questions int) int64 {
	var n int64
	switch kind {
	case tuyengiao.PredictAllCorrect:
		for _, t := range tries {
			if t.Score == questions {
				n++
			}
		}
	case tuyengiao.PredictEntries:
		n = int64(len(tries))
	case tuyengiao.PredictPeople:
		people := make(map[int64]struct{}, len(tries)/2)
		for _, t := range tries {
			people[t.ContestantID] = struct{}{}
		}
		n = int64(len(people))
	}
	return n
}

// Counted keeps each contestant's try that counts: by rule; for CountBest the first by the
// chain (prediction error against target), of equals the earlier submitted. CountFirst keeps
// the earliest submitted, CountLast the latest; tries submitted at the same instant are told
// apart by AttemptID, the lower being the earlier. The tries kept are in the order of each
// contestant's first try in tries. Any rule other than CountFirst and CountLast counts as
// CountBest.
func Counted(tries []Try, rule tuyengiao.CountedTry, chain []tuyengiao.RankKey, target int64) []Try {
	var better func(a, b *Try) bool // whether a counts rather than b
	switch rule {
	case tuyengiao.CountFirst:
		better = func(a, b *Try) bool { return earlier(a, b) < 0 }
	case tuyengiao.CountLast:
		better = func(a, b *Try) bool { return earlier(a, b) > 0 }
	default:
		better = func(a, b *Try) bool {
			if c := compare(a, b, chain, target); c != 0 {
				return c < 0
			}
			return earlier(a, b) < 0
		}
	}
	kept := make([]Try, 0, len(tries)/2)
	at := make(map[int64]int, len(tries)/2) // contestant → their try in kept
	for i := range tries {
		t := &tries[i]
		if k, ok := at[t.ContestantID]; !ok {
			at[t.ContestantID] = len(kept)
			kept = append(kept, *t)
		} else if better(t, &kept[k]) {
			kept[k] = *t
		}
	}
	return kept
}

// Rank orders tries by the chain and returns them as tuyengiao.RankedEntry with Rank set:
// tries equal under every key of the chain share a rank and the next takes its position
// (1, 1, 3). Prediction error is |Prediction - target| (only meaningful with RankPrediction in
// the chain; set Entry.Error always). The last resort after the chain is AttemptID so the
// order is total and stable, without changing the shared rank.
func Rank(tries []Try, chain []tuyengiao.RankKey, target int64) []tuyengiao.RankedEntry {
	sorted := slices.Clone(tries)
	slices.SortFunc(sorted, func(a, b Try) int {
		if c := compare(&a, &b, chain, target); c != 0 {
			return c
		}
		return cmp.Compare(a.AttemptID, b.AttemptID)
	})
	entries := make([]tuyengiao.RankedEntry, len(sorted))
	for i := range sorted {
		t := &sorted[i]
		rank := i + 1
		if i > 0 && compare(t, &sorted[i-1], chain, target) == 0 {
			rank = entries[i-1].Rank
		}
		entries[i] = tuyengiao.RankedEntry{
			Rank: rank, AttemptID: t.AttemptID, ContestantID: t.ContestantID, Score: t.Score,
			Prediction: t.Prediction, Error: predictionError(t.Prediction, target),
			Duration: t.Duration, SubmittedAt: t.SubmittedAt,
		}
	}
	return entries
}

// compare orders a before b (negative) when a ranks higher by the first key of chain that
// tells them apart; 0 when none does. Keys it does not know tell nothing apart.
func compare(a, b *Try, chain []tuyengiao.RankKey, target int64) int {
	for _, k := range chain {
		var c int
		switch k {
		case tuyengiao.RankScore:
			c = cmp.Compare(b.Score, a.Score) // more right answers first
		case tuyengiao.RankPrediction:
			c = cmp.Compare(predictionError(a.Prediction, target), predictionError(b.Prediction, target))
		case tuyengiao.RankDuration:
			c = cmp.Compare(a.Duration, b.Duration)
		case tuyengiao.RankSubmitted:
			c = a.SubmittedAt.Compare(b.SubmittedAt)
		}
		if c != 0 {
			return c
		}
	}
	return 0
}

// earlier orders tries by submission, then by AttemptID.
func earlier(a, b *Try) int {
	if c := a.SubmittedAt.Compare(b.SubmittedAt); c != 0 {
		return c
	}
	return cmp.Compare(a.AttemptID, b.AttemptID)
}

// predictionError is |p - target|, held at math.MaxInt64 where the difference would overflow:
// a prediction is typed by the public and may be any int64.
func predictionError(p, target int64) int64 {
	d := p - target
	if (p >= target) != (d >= 0) {
		return math.MaxInt64
	}
	if d < 0 {
		return -d
	}
	return d
}

// Award sets Prize on the ranked entries, first place first: the first prizes[0].Count entries
// get prizes[0].Name, the next prizes[1].Count the next, and so on; every other entry gets
// none. Entries tied (same Rank) with the last of a level get that level too, so a level may
// hold more than its count, and the next level starts after them with its full count: a tie
// never moves anyone down a level, and a level is never shared out between tied entries.
func Award(entries []tuyengiao.RankedEntry, prizes []tuyengiao.Prize) {
	i := 0
	for _, p := range prizes {
		if p.Count < 1 {
			continue
		}
		end := min(i+p.Count, len(entries))
		for end > i && end < len(entries) && entries[end].Rank == entries[end-1].Rank {
			end++
		}
		for ; i < end; i++ {
			entries[i].Prize = p.Name
		}
	}
	for ; i < len(entries); i++ {
		entries[i].Prize = ""
	}
}
