package loadrun

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/vn"
)

// Result is what Drive measured: the requests made, how they were answered, their latencies
// and the time they took.
type Result struct {
	Clients  int
	Requests int // the jobs started; fewer than asked when the time limit or ctx ended the run
	// OK counts the 2xx answers, Other the other statuses, Errors the requests that got no
	// answer (an error returned).
	OK, Other, Errors int
	Elapsed           time.Duration // from the first job started to the last one answered
	// The latencies of every request made, answered or not, from the call of the job to its
	// return.
	P50, P99, Max time.Duration
}

// Throughput returns the 2xx answers per second of the run.
func (r *Result) Throughput() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.OK) / r.Elapsed.Seconds()
}

// Drive runs total jobs on clients concurrent workers and measures them: job i is a call of
// do(ctx, i), each i in [0, total) at most once, which returns the status of its answer or an
// error when it got none. After limit (if positive) no job is started; those under way
// finish, bounded by their own timeouts (an http.Client's) or ctx. When ctx ends, no job is
// started either.
func Drive(ctx context.Context, clients, total int, limit time.Duration, do func(ctx context.Context, i int) (status int, err error)) *Result {
	clients = max(1, min(clients, total))
	var next atomic.Int64
	var stop time.Time
	start := time.Now()
	if limit > 0 {
		stop = start.Add(limit)
	}
	type tally struct {
		ok, other, errs int
		lat             []time.Duration
	}
	tallies := make([]tally, clients)
	var wg sync.WaitGroup
	for w := range tallies {
		t := &tallies[w]
		wg.Go(func() {
			for ctx.Err() == nil && (stop.IsZero() || time.Now().Before(stop)) {
				i := int(next.Add(1) - 1)
				if i >= total {
					return
				}
				began := time.Now()
				status, err := do(ctx, i)
				t.lat = append(t.lat, time.Since(began))
				switch {
				case err != nil:
					t.errs++
				case status >= 200 && status < 300:
					t.ok++
				default:
					t.other++
				}
			}
		})
	}
	wg.Wait()
	r := &Result{Clients: clients, Elapsed: time.Since(start)}
	var lat []time.Duration
	for _, t := range tallies {
		r.OK, r.Other, r.Errors = r.OK+t.ok, r.Other+t.other, r.Errors+t.errs
		lat = append(lat, t.lat...)
	}
	r.latencies(lat)
	return r
}

// latencies sets the requests and the percentiles of r from the latencies of its requests.
func (r *Result) latencies(lat []time.Duration) {
	r.Requests = len(lat)
	if len(lat) > 0 {
		slices.Sort(lat)
		r.P50, r.P99, r.Max = percentile(lat, 50), percentile(lat, 99), lat[len(lat)-1]
	}
}

// Burst runs n jobs at once and measures them as Drive does: n goroutines are made first,
// then released together, each calling do(ctx, i) once; the latencies and the elapsed time
// count from the release.
func Burst(ctx context.Context, n int, do func(ctx context.Context, i int) (status int, err error)) *Result {
	release := make(chan struct{})
	var ready, done sync.WaitGroup
	var start time.Time
	lat, statuses, errs := make([]time.Duration, n), make([]int, n), make([]error, n)
	ready.Add(n)
	for i := range n {
		done.Go(func() {
			ready.Done()
			<-release
			statuses[i], errs[i] = do(ctx, i)
			lat[i] = time.Since(start)
		})
	}
	ready.Wait()
	start = time.Now()
	close(release)
	done.Wait()
	r := &Result{Clients: n, Elapsed: time.Since(start)}
	for i, err := range errs {
		switch {
		case err != nil:
			r.Errors++
		case statuses[i] >= 200 && statuses[i] < 300:
			r.OK++
		default:
			r.Other++
		}
	}
	r.latencies(lat)
	return r
}

// percentile returns the p-th percentile of the sorted latencies, the smallest that at least
// p% of them do not exceed.
func percentile(sorted []time.Duration, p int) time.Duration {
	i := (len(sorted)*p + 99) / 100
	return sorted[max(i-1, 0)]
}

// Print writes r as one line, after name (the level of a run: "64 clients"):
// the requests and their answers, the throughput, the latencies and the time.
func (r *Result) Print(out io.Writer, name string) {
	fmt.Fprintf(out, "%-14s %8s yêu cầu / requests: 2xx %s, khác / other %s, lỗi / errors %s; %8s/s; p50 %s, p99 %s, max %s; %s\n",
		name, vn.Int(int64(r.Requests)), vn.Int(int64(r.OK)), vn.Int(int64(r.Other)), vn.Int(int64(r.Errors)),
		vn.Decimal(r.Throughput(), 1), ms(r.P50), ms(r.P99), ms(r.Max), ms(r.Elapsed))
}

// NewClient returns an HTTP client for clients concurrent workers: it keeps a connection per
// worker open between requests, as browsers do (the default keeps two per host, so the others
// would connect anew for each request and fill the loopback with closed connections), and
// gives up on a request after timeout.
func NewClient(clients int, timeout time.Duration) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost = clients, clients
	return &http.Client{Transport: t, Timeout: timeout}
}

// Status sends req with c and returns the status of the answer, its body read and closed so
// that the connection serves the next request.
func Status(c *http.Client, req *http.Request) (int, error) {
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return resp.StatusCode, err
	}
	return resp.StatusCode, nil
}

// Batched is a Result of writes that go through the batcher, with its commits meanwhile and
// the writes they carried.
type Batched struct {
	*Result
	Commits, Writes int64
}

// DriveBatched is Drive with the batcher of db counted around the run.
func DriveBatched(ctx context.Context, db *sqldb.DB, clients, total int, limit time.Duration, do func(ctx context.Context, i int) (int, error)) *Batched {
	before := db.Batches()
	r := Drive(ctx, clients, total, limit, do)
	after := db.Batches()
	return &Batched{Result: r, Commits: after.Commits - before.Commits, Writes: after.Writes - before.Writes}
}

// CommitFigures writes the commits of b: their count, per second and the writes per commit.
func (b *Batched) CommitFigures() string {
	perCommit, perSecond := 0.0, 0.0
	if b.Commits > 0 {
		perCommit = float64(b.Writes) / float64(b.Commits)
	}
	if b.Elapsed > 0 {
		perSecond = float64(b.Commits) / b.Elapsed.Seconds()
	}
	return fmt.Sprintf("commit: %s (%s/s), %s ghi mỗi commit / writes per commit", vn.Int(b.Commits), vn.Decimal(perSecond, 0), vn.Decimal(perCommit, 1))
}
