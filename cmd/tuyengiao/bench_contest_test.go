package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"tuyengiao/internal/sqldb/sqldbtest"
)

func TestBenchContest(t *testing.T) {
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		t.Run("takes every contestant through each level, finds each submission acknowledged stored once, starts a burst and closes a round", func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), []string{"bench", "contest", "--contestants", "100", "--clients", "5,40", "--seconds", "2m",
				"--burst", "50", "--pow-bits", "2", "--rank-people", "500", "--rank-entries", "1500", "--db", dsn}, nil, &out, &out)
			if err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			for _, want := range []string{"exclude phone-side solving", "one row per commit", "storage alone", "5 clients", "40 clients",
				"registrations      100 yêu cầu / requests: 2xx 100,", "answer saves    1.000 yêu cầu / requests: 2xx 1.000,",
				"submissions      100 yêu cầu / requests: 2xx 100,", "300 bài nộp được xác nhận / submissions acknowledged; 300 lượt",
				"lost 0, không đúng một lần với một nhật ký / not once with one audit record 0", "50 lượt bắt đầu cùng lúc / starts at once       50 yêu cầu / requests: 2xx 50,",
				"1.500 bài của 500 người", "question statistics: "} {
				if !strings.Contains(out.String(), want) {
					t.Errorf("no %q in:\n%s", want, out.String())
				}
			}
			if strings.Contains(out.String(), "WRONG") {
				t.Errorf("the ledger does not hold:\n%s", out.String())
			}
		})
	})
}

func TestBenchContestCrash(t *testing.T) {
	// The server the run kills is this test binary (TestMain), in a process of its own.
	t.Setenv("TUYENGIAO_TEST_MAIN", "1")
	var out bytes.Buffer
	err := run(context.Background(), []string{"bench", "contest", "--contestants", "1500", "--clients", "20", "--pow-bits", "2",
		"--crash", "2", "--db", sqldbtest.SQLite(t)}, nil, &out, &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "20 clients, 1 crashes") && !strings.Contains(out.String(), "20 clients, 2 crashes") {
		t.Errorf("no crash in:\n%s", out.String())
	}
	for _, want := range []string{"mất / lost 0, không đúng một lần với một nhật ký / not once with one audit record 0 = đúng / holds", "audit chain verified"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in:\n%s", want, out.String())
		}
	}
}
