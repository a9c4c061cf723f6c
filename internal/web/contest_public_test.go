package web

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

var testContestKey = []byte("0123456789abcdef0123456789abcdef")

func TestContestantCookie(t *testing.T) {
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	value := signContestant(testContestKey, 42, 7, now.Add(time.Hour).Unix(), "c1")
	t.Run("knows the contestant of a cookie it signed", func(t *testing.T) {
		if id, credential := verifyContestant(testContestKey, value, 7, now); id != 42 || credential != "c1" {
			t.Fatalf("got %d %q", id, credential)
		}
	})
	t.Run("refuses it for another contest", func(t *testing.T) {
		if id, _ := verifyContestant(testContestKey, value, 8, now); id != 0 {
			t.Fatalf("got %d", id)
		}
	})
	t.Run("refuses it once expired", func(t *testing.T) {
		if id, _ := verifyContestant(testContestKey, value, 7, now.Add(time.Hour)); id != 0 {
			t.Fatalf("got %d", id)
		}
	})
	t.Run("refuses another contestant's id under its mac", func(t *testing.T) {
		forged := "43" + strings.TrimPrefix(value, "42")
		if id, _ := verifyContestant(testContestKey, forged, 7, now); id != 0 {
			t.Fatalf("got %d", id)
		}
	})
	t.Run("refuses a cookie signed with another key", func(t *testing.T) {
		other := signContestant([]byte("another key of thirty-two bytes!"), 42, 7, now.Add(time.Hour).Unix(), "c1")
		if id, _ := verifyContestant(testContestKey, other, 7, now); id != 0 {
			t.Fatalf("got %d", id)
		}
	})
}

// FuzzVerifyContestant: no value a browser sends makes the check fail but by refusing, and
// none is taken but those signed with the key.
func FuzzVerifyContestant(f *testing.F) {
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	f.Add(signContestant(testContestKey, 42, 7, now.Add(time.Hour).Unix(), "c1"))
	f.Add("42.7.1772442000.")
	f.Add("42.7..AAAA")
	f.Add("...")
	f.Add("")
	f.Fuzz(func(t *testing.T, value string) {
		id, credential := verifyContestant(testContestKey, value, 7, now)
		if id == 0 {
			return
		}
		f := strings.Split(value, ".")
		expires, _ := strconv.ParseInt(f[2], 10, 64)
		if len(f) != 5 || value != signContestant(testContestKey, id, 7, expires, credential) {
			t.Fatalf("took %q, which the key did not sign, as contestant %d", value, id)
		}
	})
}

func TestSaveLimiter(t *testing.T) {
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	t.Run("allows a few saves a second to each contestant", func(t *testing.T) {
		var l saveLimiter
		for i := range savesPerSecond {
			if !l.allow(1, now) {
				t.Fatalf("save %d refused", i+1)
			}
		}
		if l.allow(1, now.Add(999*time.Millisecond)) {
			t.Fatal("a save beyond the limit was allowed")
		}
		if !l.allow(2, now) {
			t.Fatal("another contestant was refused")
		}
		if !l.allow(1, now.Add(time.Second)) {
			t.Fatal("a save of the next second was refused")
		}
	})
	t.Run("counts at most maxSavers contestants in a second", func(t *testing.T) {
		var l saveLimiter
		for id := range int64(maxSavers) {
			l.allow(id, now)
		}
		if l.allow(maxSavers, now) || !l.allow(0, now) {
			t.Fatal("a contestant beyond the bound was counted, or one within refused")
		}
		if !l.allow(maxSavers, now.Add(time.Second)) || len(l.counts) != 1 {
			t.Fatalf("the next second keeps %d contestants", len(l.counts))
		}
	})
}
