package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"
	"strconv"
	"time"

	"tuyengiao/internal/loadrun"
	"tuyengiao/internal/vn"
	"tuyengiao/internal/web"
)

// benchContest measures the contests: it fills an empty database with a contest whose round
// is open and groups of contestants made in bulk (one PIN hash for all), measures the floor
// of the database (one row per commit; the contestants' requests through the storage alone,
// batched), then serves the pages on a loopback port in this process and has the contestants
// of a group of their own at each number of concurrent clients register, sign in, start,
// save every answer and submit over HTTP, printing throughput, p50/p99, commits per second and
// writes per commit, and checking the ledger of submissions after each; then a burst of starts
// released at once, and the closing of a large round. A ledger that does not hold is an error.
func benchContest(ctx context.Context, args []string, stdout io.Writer) error {
	fs, dsn := flagSet("bench contest")
	contestants := fs.Int("contestants", 10_000, "contestants of each level (and as many registering); each goes through a level once")
	clientList := fs.String("clients", "50,200,1000", "the numbers of concurrent clients, one level each")
	seconds := fs.Duration("seconds", 10*time.Second, "the time limit of each kind of request at each level")
	burst := fs.Int("burst", 3000, "contestants starting their attempts at once after the levels (0: none)")
	powBits := fs.Int("pow-bits", 4, "the zero bits of the proofs of work, solved by the load in Go (a phone's browser takes 0,5 s at the default 16, not counted here)")
	people := fs.Int("rank-people", 100_000, "contestants of the round closed and ranked at the end (0: none)")
	entries := fs.Int("rank-entries", 300_000, "entries of that round")
	crash := crashFlags(fs, "submission")
	cpuProfile := fs.String("cpu-profile", "", "write the CPU profile of the floors and the levels (server and clients: one process) to this file, for go tool pprof")
	if err := fs.Parse(args); err != nil {
		return err
	}
	levels, err := clientLevels("bench contest", *clientList)
	if err == nil {
		err = crash.check("bench contest")
	}
	switch {
	case err != nil:
		return err
	case *contestants < 1 || *contestants > 999_999 || *burst < 0 || *burst > 999_999:
		return errors.New("bench contest: --contestants and --burst must be from 1 (0 for --burst) to 999.999")
	case *people < 0 || *people > 999_999 || *people > 0 && (*entries < *people || *entries > 20*(*people)):
		return errors.New("bench contest: --rank-people must be from 0 to 999.999, and --rank-entries from it to 20 times it")
	case *powBits < 0 || *powBits > 24:
		return errors.New("bench contest: --pow-bits must be from 0 to 24")
	}
	db, err := openBenchDB(ctx, *dsn, stdout)
	if err != nil {
		return err
	}
	defer db.Close()
	sizes := []int{*contestants}
	if *crash.rounds == 0 {
		for range levels {
			sizes = append(sizes, *contestants)
		}
		if *burst > 0 {
			sizes = append(sizes, *burst)
		}
	}
	w, err := loadrun.PrepareContest(ctx, db, sizes)
	if err != nil {
		return errors.New(vn.Message(err))
	}
	fmt.Fprintf(stdout, "cuộc thi / contest %d, vòng / round %d: %s người dự thi mỗi mức / contestants per level; bằng chứng công việc / proofs of work %d bit, giải bằng Go: số liệu không gồm thời gian giải trên điện thoại / solved in Go: the figures exclude phone-side solving\n",
		w.ContestID, w.RoundID, vn.Int(int64(*contestants)), *powBits)
	if *crash.rounds > 0 {
		db.Close()
		return crashContest(ctx, *dsn, w, levels[len(levels)-1], *powBits, crash, stdout)
	}
	app := newServer(db, slog.New(slog.DiscardHandler))
	app.Pressure = newPressure(*powBits)
	// The contestants' addresses come in X-Forwarded-For, as from a proxy on the same host.
	if app.TrustedProxies, err = web.ParseTrustedProxies("127.0.0.1"); err != nil {
		return err
	}
	base, stop, err := serveLoopback(app.Handler())
	if err != nil {
		return err
	}
	defer stop()

	if *cpuProfile != "" {
		stopProfile, err := profileCPU(*cpuProfile)
		if err != nil {
			return err
		}
		defer stopProfile()
	}
	commits, err := db.CommitFloor(ctx, 2*time.Second)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nsàn / floor: 1 dòng mỗi commit / one row per commit: %s/s\n", vn.Decimal(float64(commits)/2, 0))
	var wrong error
	floor, err := loadrun.StoredContest(ctx, db, w, 0, levels[len(levels)-1], *seconds)
	if err != nil {
		return err
	}
	floor.Print(stdout)
	wrong = errors.Join(wrong, ledgerError(floor))
	fmt.Fprintln(stdout, "\nngười dự thi qua HTTP / contestants over HTTP (một lượt mỗi người, 10 câu / one attempt each, 10 questions)")
	for k, clients := range levels {
		l, err := loadrun.ContestOverHTTP(ctx, db, w, k+1, base, clients, *seconds)
		if err != nil {
			return err
		}
		l.Print(stdout)
		wrong = errors.Join(wrong, ledgerError(l))
	}
	if *burst > 0 {
		r, err := loadrun.StartBurst(ctx, w, len(levels)+1, base)
		if err != nil {
			return err
		}
		r.Print(stdout, fmt.Sprintf("\n%s lượt bắt đầu cùng lúc / starts at once", vn.Int(int64(*burst))))
	}
	if *people > 0 {
		took, err := loadrun.RankRound(ctx, db, w.UnitID, *people, *entries)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\ntổng hợp và xếp hạng một vòng / closing and ranking a round: %s bài của %s người / entries of people: %s\n",
			vn.Int(int64(*entries)), vn.Int(int64(*people)), took.Close.Round(time.Millisecond))
		fmt.Fprintf(stdout, "thống kê câu hỏi của vòng / the round's question statistics: %s, lần sau / again %s\n",
			took.Stats.Round(time.Millisecond), took.StatsAgain.Round(time.Microsecond))
	}
	return wrong
}

// ledgerError is the error of a level whose ledger does not hold.
func ledgerError(l *loadrun.ContestLevel) error {
	if l.Ledger.OK() {
		return nil
	}
	return fmt.Errorf("bench contest: %s: %d acknowledged submissions lost, %d attempts not submitted once with one audit record",
		l.Name, l.Ledger.Lost, l.Ledger.Odd)
}

// crashContest runs loadrun.CrashContest against a server run as a process of its own on
// the database at dsn (crashServer), at the difficulty powBits, believing the load's addresses.
func crashContest(ctx context.Context, dsn string, w *loadrun.ContestWorld, clients, powBits int, crash *crashRun, stdout io.Writer) error {
	extra := []string{"--trusted-proxies", "127.0.0.1", "--pow-bits", strconv.Itoa(powBits)}
	p, c, what, err := crashServer(ctx, dsn, extra, crash)
	if err != nil {
		return err
	}
	defer p.Crash()
	fmt.Fprintf(stdout, "\nngười dự thi khi %s\n", what)
	if err := loadrun.CrashContest(ctx, w, 0, p.base, clients, *crash.rounds, c, stdout); err != nil {
		return err
	}
	p.Crash() // nothing may commit while the ledger is checked
	return loadrun.CheckContestLedger(ctx, dsn, w, stdout)
}

// profileCPU starts the CPU profile of the process into the file at path, and returns the
// func that stops it and closes the file.
func profileCPU(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
