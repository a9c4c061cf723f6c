package loadrun

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestDrive drives a server that refuses every tenth request: each job runs once, never more
// than the clients at once, and the answers are counted by kind.
func TestDrive(t *testing.T) {
	var running, most atomic.Int64
	var mu sync.Mutex
	seen := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := running.Add(1)
		defer running.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(time.Millisecond)
		mu.Lock()
		seen[r.URL.Path]++
		mu.Unlock()
		if strings.HasSuffix(r.URL.Path, "0") {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	c := NewClient(4, 5*time.Second)
	r := Drive(context.Background(), 4, 100, 0, func(ctx context.Context, i int) (int, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/%d", srv.URL, i), nil)
		if err != nil {
			return 0, err
		}
		return Status(c, req)
	})
	if r.Requests != 100 || r.OK != 90 || r.Other != 10 || r.Errors != 0 || len(seen) != 100 {
		t.Fatalf("requests %d, 2xx %d, other %d, errors %d, distinct jobs %d; want 100, 90, 10, 0, 100", r.Requests, r.OK, r.Other, r.Errors, len(seen))
	}
	if most.Load() > 4 {
		t.Errorf("%d requests at once with 4 clients", most.Load())
	}
	if r.P50 < time.Millisecond || r.P99 < r.P50 || r.Max < r.P99 || r.Throughput() <= 0 {
		t.Errorf("p50 %v, p99 %v, max %v, %v/s", r.P50, r.P99, r.Max, r.Throughput())
	}
	var line strings.Builder
	r.Print(&line, "4 clients")
	if !strings.Contains(line.String(), "2xx 90, khác / other 10") {
		t.Errorf("printed %q", line.String())
	}
}

// TestDriveLimit: after the time limit no job starts, and one that failed counts as an error.
func TestDriveLimit(t *testing.T) {
	r := Drive(context.Background(), 2, 1_000_000, 50*time.Millisecond, func(ctx context.Context, i int) (int, error) {
		time.Sleep(5 * time.Millisecond)
		return 0, fmt.Errorf("no answer")
	})
	if r.Requests == 0 || r.Requests > 40 || r.Errors != r.Requests || r.Elapsed > time.Second {
		t.Fatalf("%d requests, %d errors in %v", r.Requests, r.Errors, r.Elapsed)
	}
}

// TestBurst runs every job once, all at once, and counts the answers by kind.
func TestBurst(t *testing.T) {
	var running, most atomic.Int64
	ran := make([]int, 500)
	r := Burst(context.Background(), len(ran), func(ctx context.Context, i int) (int, error) {
		n := running.Add(1)
		defer running.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(10 * time.Millisecond)
		ran[i]++
		if i%10 == 0 {
			return http.StatusConflict, nil
		}
		return http.StatusOK, nil
	})
	for i, n := range ran {
		if n != 1 {
			t.Fatalf("job %d ran %d times", i, n)
		}
	}
	if most.Load() < 100 {
		t.Errorf("at most %d jobs ran at once", most.Load())
	}
	if r.OK != 450 || r.Other != 50 || r.Errors != 0 || r.Requests != 500 || r.P50 <= 0 || r.Max > r.Elapsed {
		t.Errorf("got %+v", r)
	}
}

// TestSolve finds a solution with the leading zero bits a challenge asks.
func TestSolve(t *testing.T) {
	for _, bits := range []int{0, 3, 8, 12} {
		challenge := fmt.Sprintf("v1.start.%d.1893456000.bm9uY2U.mac", bits)
		sum := sha256.Sum256([]byte(challenge + ":" + Solve(challenge)))
		if !zeros(sum[:], bits) || bits >= 8 && sum[0] != 0 {
			t.Errorf("%d bits: %x", bits, sum)
		}
	}
}
