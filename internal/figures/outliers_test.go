package figures

import "testing"

func TestOutlierTests(t *testing.T) {
	t.Run("against the history", func(t *testing.T) {
		for _, tc := range []struct {
			name    string
			v       int64
			history []int64
			want    bool
		}{
			{"a value within the spread of its history", 25, []int64{20, 22, 19, 21}, false},
			{"a value far beyond it", 80, []int64{20, 22, 19, 21}, true},
			{"a small number after small numbers", 9, []int64{0, 0, 1, 0}, false},
			{"a value after a history of zeros, a unit that has just begun", 500, []int64{0, 0, 0, 0}, false},
			{"a value after two periods of work, too little to compare with", 500, []int64{40, 0, 45, 0}, false},
			{"three times a history that does not vary", 151, []int64{50, 50, 50, 50}, true},
			{"a third of it", 16, []int64{50, 50, 50, 50}, true},
			{"a little above it", 61, []int64{50, 50, 50, 50}, false},
		} {
			if _, got := historyOutlier(tc.v, tc.history); got != tc.want {
				t.Errorf("%s (%d after %v): %v, want %v", tc.name, tc.v, tc.history, got, tc.want)
			}
		}
	})
	t.Run("against the siblings", func(t *testing.T) {
		flagged := siblingsOutliers([]int64{40, 42, 38, 41, 300, 39})
		if len(flagged) != 1 || flagged[4].Value != 300 || flagged[4].Median != 41 {
			t.Errorf("flagged %+v, want the fifth, 300", flagged)
		}
		if got := siblingsOutliers([]int64{40, 42, 38, 300}); got != nil {
			t.Errorf("four units compared: %+v", got)
		}
	})
}
