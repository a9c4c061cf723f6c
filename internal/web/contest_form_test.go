package web

import (
	"net/url"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

func TestReadRounds(t *testing.T) {
	t.Run("reads the rounds in Vietnam's time, leaving blank rows out", func(t *testing.T) {
		f := url.Values{"round_opens": {"31/01/2026 20:00", "", " 07/02/2026  20:00 "}, "round_closes": {"07/02/2026 20:00", "", "14/02/2026 20:00"}}
		rounds, err := readRounds(f, nil)
		if err != nil || len(rounds) != 2 {
			t.Fatalf("%+v, %v", rounds, err)
		}
		if want := time.Date(2026, 1, 31, 13, 0, 0, 0, time.UTC); !rounds[0].OpensAt.Equal(want) {
			t.Errorf("opens at %v, want %v", rounds[0].OpensAt, want)
		}
	})
	t.Run("refuses a time it cannot read, naming it", func(t *testing.T) {
		_, err := readRounds(url.Values{"round_opens": {"31/01/2026"}, "round_closes": {"07/02/2026 20:00"}}, nil)
		if e := tuyengiao.UserError(err); e == nil || e.Field != "rounds" || vn.Message(err) != `Vòng 1: thời gian "31/01/2026" không hợp lệ; ghi ngày và giờ như 31/01/2026 20:00.` {
			t.Errorf("%v", err)
		}
	})
	t.Run("keeps the seconds of a round sent back as it was shown", func(t *testing.T) {
		opens := time.Date(2026, 1, 31, 13, 0, 42, 0, time.UTC)
		old := []tuyengiao.Round{{OpensAt: opens, ClosesAt: opens.Add(time.Hour)}}
		f := url.Values{"round_opens": {vn.DateTime(opens)}, "round_closes": {vn.DateTime(opens.Add(time.Hour))}}
		if rounds, err := readRounds(f, old); err != nil || !rounds[0].OpensAt.Equal(opens) {
			t.Errorf("%+v, %v", rounds, err)
		}
	})
	t.Run("keeps the rounds when the form holds none", func(t *testing.T) {
		old := []tuyengiao.Round{{ID: 7}}
		if rounds, err := readRounds(url.Values{"title": {"x"}}, old); err != nil || len(rounds) != 1 || rounds[0].ID != 7 {
			t.Errorf("%+v, %v", rounds, err)
		}
	})
}

// FuzzParseMinute checks that any text either is refused or reads as a minute that writes
// back as the same minute.
func FuzzParseMinute(f *testing.F) {
	for _, s := range []string{"31/01/2026 20:00", "1/2/2026 7:05", "2026-01-31 20:00", "31/02/2026 25:00", "", " 31.01.2026\t20:00 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		at, ok := parseMinute(s)
		if !ok {
			return
		}
		back, ok := parseMinute(vn.DateTime(at))
		if !ok || !back.Equal(at) {
			t.Errorf("%q reads as %v, which writes as %q and reads back as %v", s, at, vn.DateTime(at), back)
		}
	})
}
