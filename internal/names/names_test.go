package names

import (
	"math/rand/v2"
	"strings"
	"testing"

	"tuyengiao"
)

var sample = &Set{
	Family: []Weighted{{Word: "Nguyễn", Weight: 3}, {Word: "Trần", Weight: 1}},
	Middle: map[tuyengiao.Gender][]Weighted{tuyengiao.GenderFemale: {{Word: "Thị", Weight: 5}, {Word: "Ngọc", Weight: 1}, {Word: "Thu", Weight: 1}}},
	Given:  map[tuyengiao.Gender][]string{tuyengiao.GenderFemale: {"Ngọc", "Thu", "Lan"}},
	// Often a second middle name, to meet the given name that would repeat it.
	SecondMiddle: 2,
}

func TestFullName(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	again := rand.New(rand.NewPCG(1, 2))
	family := map[string]int{}
	for range 2000 {
		name := sample.FullName(r, tuyengiao.GenderFemale, 1995)
		if name != sample.FullName(again, tuyengiao.GenderFemale, 1995) {
			t.Fatal("the same seed gives another name")
		}
		words := strings.Fields(name)
		if len(words) < 3 || len(words) > 4 {
			t.Fatalf("%q is not family, middle(s) and given name", name)
		}
		for i := 1; i < len(words); i++ {
			if words[i] == words[i-1] {
				t.Fatalf("%q repeats a word", name)
			}
		}
		family[words[0]]++
	}
	// Nguyễn weighs 3 of 4: about 1.500 of 2.000.
	if n := family["Nguyễn"]; n < 1350 || n > 1650 {
		t.Errorf("Nguyễn drawn %d times of 2.000, want about 1.500", n)
	}
}
