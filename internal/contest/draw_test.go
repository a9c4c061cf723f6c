package contest

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"tuyengiao"
)

func TestDraw(t *testing.T) {
	bank := map[int64][]int64{
		1: {101, 102, 103, 104, 105, 106, 107, 108, 109, 110},
		2: {201, 202, 203, 204, 205},
		3: {301, 302},
	}
	rules := []tuyengiao.DrawRule{{CategoryID: 1, Count: 4}, {CategoryID: 2, Count: 5}, {CategoryID: 3, Count: 1}}

	t.Run("draws each category's count, from that category, without repeats", func(t *testing.T) {
		for seed := range uint64(200) {
			ids, err := Draw(seed, rules, bank)
			if err != nil {
				t.Fatal(err)
			}
			perCategory := map[int64]int{}
			seen := map[int64]bool{}
			for _, id := range ids {
				if seen[id] {
					t.Fatalf("seed %d: question %d drawn twice in %v", seed, id, ids)
				}
				seen[id] = true
				perCategory[id/100]++
			}
			if want := map[int64]int{1: 4, 2: 5, 3: 1}; fmt.Sprint(perCategory) != fmt.Sprint(want) {
				t.Fatalf("seed %d: drew %v by category, want %v", seed, perCategory, want)
			}
		}
	})

	t.Run("draws the same from the same seed, whatever order the bank was read in", func(t *testing.T) {
		first, _ := Draw(7, rules, bank)
		reversed := map[int64][]int64{}
		for c, ids := range bank {
			reversed[c] = slices.Clone(ids)
			slices.Reverse(reversed[c])
		}
		again, _ := Draw(7, rules, reversed)
		if !slices.Equal(first, again) {
			t.Errorf("seed 7 drew %v, then %v", first, again)
		}
	})

	t.Run("keeps drawing what it drew: an attempt is recomputed from its seed after an upgrade", func(t *testing.T) {
		ids, _ := Draw(42, rules, bank)
		if want := []int64{202, 301, 201, 105, 203, 108, 204, 103, 101, 205}; !slices.Equal(ids, want) {
			t.Errorf("seed 42 drew %v, want %v", ids, want)
		}
		if got, want := Order(42, 3, 8), []int{7, 4, 2, 3, 5, 6, 0, 1}; !slices.Equal(got, want) {
			t.Errorf("seed 42 ordered position 3 as %v, want %v", got, want)
		}
	})

	t.Run("draws another set and order from another seed", func(t *testing.T) {
		seen := map[string]bool{}
		for seed := range uint64(100) {
			ids, _ := Draw(seed, rules, bank)
			seen[fmt.Sprint(ids)] = true
		}
		if len(seen) < 99 {
			t.Errorf("100 seeds drew %d different attempts", len(seen))
		}
	})

	t.Run("gives every question of a category the same chance", func(t *testing.T) {
		const draws = 20000
		times := map[int64]int{}
		for seed := range uint64(draws) {
			ids, _ := Draw(seed, rules[:1], bank)
			for _, id := range ids {
				times[id]++
			}
		}
		want := draws * 4 / 10 // 4 of 10 each time
		for _, id := range bank[1] {
			if n := times[id]; n < want*95/100 || n > want*105/100 {
				t.Errorf("question %d drawn %d times in %d draws, want about %d", id, n, draws, want)
			}
		}
	})

	t.Run("refuses a category holding fewer questions than its rule asks", func(t *testing.T) {
		_, err := Draw(1, []tuyengiao.DrawRule{{CategoryID: 1, Count: 2}, {CategoryID: 3, Count: 3}}, bank)
		var e *tuyengiao.Error
		if !errors.As(err, &e) || e.Code != tuyengiao.EINVALID || e.Field != "draw" {
			t.Fatalf("got %v, want an EINVALID error about the draw", err)
		}
		if fmt.Sprint(e.Args) != "[3 2 3]" {
			t.Errorf("the refusal says %v, want the category 3, its 2 questions and the 3 asked", e.Args)
		}
		if _, err := Draw(1, []tuyengiao.DrawRule{{CategoryID: 9, Count: 1}}, bank); tuyengiao.ErrorCode(err) != tuyengiao.EINVALID {
			t.Errorf("a category without questions: got %v, want EINVALID", err)
		}
	})
}

func TestOrder(t *testing.T) {
	t.Run("shows every option once", func(t *testing.T) {
		for n := 0; n <= tuyengiao.MaxOptions; n++ {
			for seed := range uint64(50) {
				order := Order(seed, 3, n)
				if sorted := slices.Sorted(slices.Values(order)); len(order) != n || n > 0 && (sorted[0] != 0 || sorted[n-1] != n-1 || len(slices.Compact(sorted)) != n) {
					t.Fatalf("Order(%d, 3, %d) = %v, not a permutation", seed, n, order)
				}
			}
		}
	})

	t.Run("orders differently across seeds and positions", func(t *testing.T) {
		bySeed, byPos := map[string]bool{}, map[string]bool{}
		for i := range 100 {
			bySeed[fmt.Sprint(Order(uint64(i), 0, 8))] = true
			byPos[fmt.Sprint(Order(1, i, 8))] = true
		}
		if len(bySeed) < 99 || len(byPos) < 99 {
			t.Errorf("100 seeds gave %d orders, 100 positions %d", len(bySeed), len(byPos))
		}
	})

	t.Run("is the same for the same seed and position", func(t *testing.T) {
		if a, b := Order(9, 4, 6), Order(9, 4, 6); !slices.Equal(a, b) {
			t.Errorf("%v then %v", a, b)
		}
	})
}

func TestStoredShown(t *testing.T) {
	t.Run("stores the options chosen as shown", func(t *testing.T) {
		order := []int{2, 0, 1} // shown first: option 2
		if got := Stored(order, 0b001); got != 0b100 {
			t.Errorf("the first shown stored as %03b, want 100", got)
		}
		if got := Stored(order, 0b110); got != 0b011 {
			t.Errorf("the second and third shown stored as %03b, want 011", got)
		}
	})

	t.Run("maps back what it stored, dropping bits beyond the options", func(t *testing.T) {
		for n := 1; n <= tuyengiao.MaxOptions; n++ {
			order := Order(5, n, n)
			for shown := range 256 {
				stored := Stored(order, uint8(shown))
				if stored>>n != 0 {
					t.Fatalf("n=%d: %08b stored as %08b, beyond the options", n, shown, stored)
				}
				if back, want := Shown(order, stored), uint8(shown)&(1<<n-1); back != want {
					t.Fatalf("n=%d order %v: %08b stored as %08b, shown back as %08b", n, order, shown, stored, back)
				}
			}
		}
	})
}

func TestGrade(t *testing.T) {
	keys := []uint8{0b0001, 0b0110, 0b0100, 0b1000}
	t.Run("counts the positions answered exactly as the key", func(t *testing.T) {
		answers := map[int]uint8{0: 0b0001, 1: 0b0010, 2: 0b0100} // 1: only one of two right options
		if got := Grade(keys, answers); got != 2 {
			t.Errorf("Grade = %d, want 2", got)
		}
	})
	t.Run("counts a missing answer wrong, and ignores answers at no position", func(t *testing.T) {
		if got := Grade(keys, map[int]uint8{7: 0b1000, -1: 1}); got != 0 {
			t.Errorf("Grade = %d, want 0", got)
		}
		if got := Grade(keys, map[int]uint8{0: 1, 1: 6, 2: 4, 3: 8}); got != 4 {
			t.Errorf("all right: Grade = %d, want 4", got)
		}
	})
}
