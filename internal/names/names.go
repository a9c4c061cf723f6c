// Package names makes up plausible Vietnamese full names for synthetic data: the people of the
// demo city and of the generated country. Names are drawn from lists with rough frequencies,
// from a random source the caller seeds, so that the same seed gives the same names.
package names

import (
	"math/rand/v2"
	"strings"

	"tuyengiao"
)

// Weighted is a word with its relative frequency.
type Weighted struct {
	Word   string
	Weight int
}

// Pick returns a word of ws with a probability proportional to its weight; ws must not be
// empty.
func Pick(r *rand.Rand, ws []Weighted) string {
	total := 0
	for _, w := range ws {
		total += w.Weight
	}
	n := r.IntN(total)
	for _, w := range ws {
		if n < w.Weight {
			return w.Word
		}
		n -= w.Weight
	}
	return ws[len(ws)-1].Word
}

// Set is the names of a place: family names, and middle and given names by gender.
type Set struct {
	Family []Weighted
	// Middle holds by gender the middle names, the first of each being Văn or Thị, the most
	// common among people born before 1990 and much rarer after.
	Middle map[tuyengiao.Gender][]Weighted
	Given  map[tuyengiao.Gender][]string // equally likely
	// SecondMiddle gives one name in SecondMiddle a second middle name; 0 gives none.
	SecondMiddle int
}

// FullName returns a full name for a person of the gender born in the year: family name,
// middle name(s) and given name, never the same word twice in a row.
func (s *Set) FullName(r *rand.Rand, g tuyengiao.Gender, born int) string {
	middles := s.Middle[g]
	middle := Pick(r, middles)
	if born >= 1990 && middle == middles[0].Word && r.IntN(2) == 0 {
		middle = Pick(r, middles[1:])
	}
	if s.SecondMiddle > 0 && r.IntN(s.SecondMiddle) == 0 {
		if second := Pick(r, middles[1:]); second != middle {
			middle += " " + second
		}
	}
	givens := s.Given[g]
	given := givens[r.IntN(len(givens))]
	for strings.HasSuffix(middle, " "+given) || middle == given {
		given = givens[r.IntN(len(givens))]
	}
	return Pick(r, s.Family) + " " + middle + " " + given
}
