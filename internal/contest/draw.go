// Package contest is the pure computation of public quiz contests: the draw of an attempt's
// questions and the order of their options from a seed kept on the server, grading, the
// prediction target, the counted attempts, the ranking and the prizes, the contestants' PINs,
// and the proofs of work asked of the public. It reads no database and serves no HTTP.
package contest

import (
	"math/bits"
	"slices"

	"tuyengiao"
)

// Draw picks the question ids of an attempt: for each rule, rule.Count ids of bank[rule.CategoryID]
// chosen by the seed without repetition, the whole list then shuffled by the seed. An EINVALID
// *tuyengiao.Error (Field "draw") when a category holds fewer questions than its rule asks,
// naming the category id and the counts. Same seed and bank: same result.
//
// The ids of a category are sorted before they are drawn from, so the result does not depend
// on the order the bank was read in.
func Draw(seed uint64, rules []tuyengiao.DrawRule, bank map[int64][]int64) ([]int64, error) {
	r := newStream(seed, drawStream, 0)
	var ids []int64
	for _, rule := range rules {
		have := bank[rule.CategoryID]
		if len(have) < rule.Count {
			return nil, tuyengiao.FieldError("draw", "Chủ đề %v chỉ có %d câu hỏi, ít hơn %d câu mỗi lượt thi cần rút.",
				rule.CategoryID, len(have), rule.Count)
		}
		pool := slices.Clone(have)
		slices.Sort(pool)
		// A partial Fisher–Yates shuffle: the first Count places get a uniform sample.
		for i := 0; i < rule.Count; i++ {
			j := i + r.intn(len(pool)-i)
			pool[i], pool[j] = pool[j], pool[i]
		}
		ids = append(ids, pool[:max(rule.Count, 0)]...)
	}
	r.shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	return ids, nil
}

// Order returns how the n options of the question at position pos of the attempt with seed are
// shown: Order(...)[i] is the index in Question.Options of the i-th option shown. A permutation.
func Order(seed uint64, pos, n int) []int {
	order := make([]int, max(n, 0))
	for i := range order {
		order[i] = i
	}
	newStream(seed, orderStream, uint64(pos)).shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	return order
}

// Stored maps a choice as shown (bit i: the i-th option shown) to the bits of Question.Options
// (what is stored and graded); Shown maps back. Bits beyond n are dropped.
func Stored(order []int, shown uint8) uint8 {
	var stored uint8
	for i, o := range order {
		if i < 8 && shown&(1<<i) != 0 {
			stored |= 1 << o
		}
	}
	return stored
}

// Shown maps the bits of Question.Options to the choice as shown by order; see Stored.
func Shown(order []int, stored uint8) uint8 {
	var shown uint8
	for i, o := range order {
		if o < 8 && stored&(1<<o) != 0 {
			shown |= 1 << i
		}
	}
	return shown
}

// Grade returns the number of positions whose stored answer equals the key (keys[i] is
// Question.Key() of the question at position i; a missing answer is wrong).
func Grade(keys []uint8, answers map[int]uint8) int {
	right := 0
	for i, k := range keys {
		if a, ok := answers[i]; ok && a == k {
			right++
		}
	}
	return right
}

// The streams drawn from one seed: what an attempt draws and how each position orders its
// options are independent of each other.
const (
	drawStream = iota + 1
	orderStream
)

// stream is a deterministic generator (SplitMix64) written out here rather than taken from
// math/rand, whose shuffles may change between Go releases: an attempt's questions and the
// order of their options are recomputed from its seed for as long as it is kept, so a new
// release must draw exactly what the old one did.
type stream struct{ state uint64 }

func newStream(seed, kind, pos uint64) *stream {
	return &stream{state: mix(mix(seed^kind*0x9e3779b97f4a7c15) + pos)}
}

// mix is SplitMix64's finaliser.
func mix(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func (s *stream) next() uint64 {
	s.state += 0x9e3779b97f4a7c15
	return mix(s.state)
}

// intn returns a uniform integer in [0, n), n > 0, by Lemire's multiply and reject.
func (s *stream) intn(n int) int {
	hi, lo := bits.Mul64(s.next(), uint64(n))
	if lo < uint64(n) {
		for floor := -uint64(n) % uint64(n); lo < floor; {
			hi, lo = bits.Mul64(s.next(), uint64(n))
		}
	}
	return int(hi)
}

// shuffle is a Fisher–Yates shuffle of n elements.
func (s *stream) shuffle(n int, swap func(i, j int)) {
	for i := n - 1; i > 0; i-- {
		swap(i, s.intn(i+1))
	}
}
