package tuyengiao

import (
	"encoding/json"
	"testing"
)

func TestDateJSON(t *testing.T) {
	t.Run("a date is written and read as year-month-day", func(t *testing.T) {
		var p struct {
			Born Date `json:"born"`
		}
		if err := json.Unmarshal([]byte(`{"born":"1995-04-30"}`), &p); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(p)
		if string(b) != `{"born":"1995-04-30"}` {
			t.Fatalf("got %s", b)
		}
	})
	t.Run("a bad date is refused with a Vietnamese message", func(t *testing.T) {
		var d Date
		err := json.Unmarshal([]byte(`"30/04/1995"`), &d)
		if ErrorCode(err) != EINVALID {
			t.Fatalf("err = %v", err)
		}
	})
}
