package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"time"

	"tuyengiao/internal/loadrun"
	"tuyengiao/internal/vn"
)

// benchCheckin measures QR check-ins: it fills an empty database with a district of members
// with sessions (no password hashed), measures the floor of the database (one row per commit;
// the app's own check-ins through the storage alone, batched), then serves the pages on a
// loopback port in this process and checks the members in over HTTP at each number of
// concurrent clients, into a conference of its own, printing throughput, p50/p99, commits per
// second and writes per commit, and the records stored against the 2xx answers.
func benchCheckin(ctx context.Context, args []string, stdout io.Writer) error {
	fs, dsn := flagSet("bench checkin")
	members := fs.Int("members", 50_000, "members with a session; each level checks in each of them at most once")
	clientList := fs.String("clients", "50,200,1000", "the numbers of concurrent clients, one level each")
	seconds := fs.Duration("seconds", 10*time.Second, "the time limit of each level")
	crash := crashFlags(fs, "check-in")
	cpuProfile := fs.String("cpu-profile", "", "write the CPU profile of the floors and the levels (server and clients: one process) to this file, for go tool pprof")
	if err := fs.Parse(args); err != nil {
		return err
	}
	levels, err := clientLevels("bench checkin", *clientList)
	if err != nil {
		return err
	} else if err := crash.check("bench checkin"); err != nil {
		return err
	}
	if *members < 1 || *members > 1_000_000 {
		return errors.New("bench checkin: --members must be from 1 to 1.000.000")
	}
	db, err := openBenchDB(ctx, *dsn, stdout)
	if err != nil {
		return err
	}
	defer db.Close()
	w, err := loadrun.PrepareCheckins(ctx, db, *members, len(levels)+1, stdout)
	if err != nil {
		return errors.New(vn.Message(err))
	}
	if *crash.rounds > 0 {
		db.Close()
		return crashCheckins(ctx, *dsn, w, levels[len(levels)-1], crash, stdout)
	}
	base, stop, err := serveLoopback(newServer(db, slog.New(slog.DiscardHandler)).Handler())
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
	stored, err := loadrun.StoredCheckins(ctx, db, w, 0, levels[len(levels)-1], *seconds)
	if err != nil {
		return err
	}
	stored.Print(stdout, fmt.Sprintf("sàn / floor: lưu trữ, %d luồng / storage alone, %d goroutines", levels[len(levels)-1], levels[len(levels)-1]))
	if err := httpFloor(ctx, w, base, levels[len(levels)-1], *seconds, stdout); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "\nđiểm danh qua HTTP / check-ins over HTTP")
	for k, clients := range levels {
		l, err := loadrun.Checkins(ctx, db, w, k+1, base, clients, *seconds)
		if err != nil {
			return err
		}
		l.Print(stdout, fmt.Sprintf("%d clients", clients))
	}
	return nil
}

// httpFloor prints the floor of HTTP alone at clients concurrent clients (loadrun.HTTPFloor),
// against a server that answers every check-in with the page of the server at base.
func httpFloor(ctx context.Context, w *loadrun.CheckinWorld, base string, clients int, limit time.Duration, stdout io.Writer) error {
	page, err := loadrun.CheckinPage(ctx, w, 0, base)
	if err != nil {
		return err
	}
	floor, stop, err := serveLoopback(page)
	if err != nil {
		return err
	}
	defer stop()
	r := loadrun.HTTPFloor(ctx, w, 0, floor, clients, limit)
	r.Print(stdout, fmt.Sprintf("sàn / floor: HTTP, %d clients, một trang có sẵn / a page made once (%s B)", clients, vn.Int(int64(len(page.Body)))))
	return nil
}

// crashCheckins runs loadrun.CrashCheckins against a server run as a process of its own on
// the database at dsn (crashServer).
func crashCheckins(ctx context.Context, dsn string, w *loadrun.CheckinWorld, clients int, crash *crashRun, stdout io.Writer) error {
	p, c, what, err := crashServer(ctx, dsn, nil, crash)
	if err != nil {
		return err
	}
	defer p.Crash()
	fmt.Fprintf(stdout, "\nđiểm danh khi %s\n", what)
	ledger, err := loadrun.CrashCheckins(ctx, w, 0, p.base, clients, *crash.rounds, c, stdout)
	if err != nil {
		return err
	}
	p.Crash() // nothing may commit while the ledger is checked
	return loadrun.CheckLedger(ctx, dsn, w, 0, ledger, stdout)
}

// crashRun is what the flags of a load command ask of its crash run.
type crashRun struct {
	rounds          *int    // the crashes, none for the levels instead
	dbStop, dbStart *string // the commands that crash the database rather than the server
}

// crashFlags defines on fs the flags of a crash run of a load of what ("check-in").
func crashFlags(fs *flag.FlagSet, what string) *crashRun {
	return &crashRun{
		rounds:  fs.Int("crash", 0, "instead of the levels: kill the server (a process of its own) this many times during a load at the last level, then check every acknowledged "+what+" is stored once"),
		dbStop:  fs.String("crash-db-stop", "", "with --crash, crash the database rather than the server, by this shell command (pg_ctlcluster 15 main stop -m immediate)"),
		dbStart: fs.String("crash-db-start", "", "with --crash-db-stop, the shell command that starts the database again"),
	}
}

// check refuses one of the database's commands without the other.
func (c *crashRun) check(command string) error {
	if (*c.dbStop == "") != (*c.dbStart == "") {
		return errors.New(command + ": --crash-db-stop and --crash-db-start go together")
	}
	return nil
}

// crashServer starts "tuyengiao serve" on the database at dsn, with the flags extra, as a
// process of its own on a port of the loopback, for crash runs. It returns the process, what
// the run crashes (the process, killed with SIGKILL; or, given crash's commands, its
// database, stopped at once and started again) and the words that say which.
func crashServer(ctx context.Context, dsn string, extra []string, crash *crashRun) (*serverProcess, loadrun.Crasher, string, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, nil, "", err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, "", err
	}
	addr := ln.Addr().String()
	ln.Close()
	p := &serverProcess{args: append([]string{exe, "serve", "--db", dsn, "--addr", addr}, extra...), base: "http://" + addr}
	if err := p.Restart(ctx); err != nil {
		return nil, nil, "", err
	}
	if *crash.dbStop != "" {
		return p, &databaseProcess{stop: *crash.dbStop, start: *crash.dbStart}, "cơ sở dữ liệu bị dừng đột ngột / the database stopped at once", nil
	}
	return p, p, "máy chủ bị tắt đột ngột / the server killed (SIGKILL)", nil
}

// databaseProcess is the database server, stopped and started by shell commands, for crash runs.
type databaseProcess struct{ stop, start string }

// Crash runs the stop command.
func (d *databaseProcess) Crash() error {
	return exec.Command("sh", "-c", d.stop).Run()
}

// Restart runs the start command.
func (d *databaseProcess) Restart(ctx context.Context) error {
	return exec.CommandContext(ctx, "sh", "-c", d.start).Run()
}

// serverProcess is "tuyengiao serve" run as a process of its own, for crash runs.
type serverProcess struct {
	args []string
	base string
	cmd  *exec.Cmd
}

// Crash kills the server with SIGKILL and waits for it to end.
func (p *serverProcess) Crash() error {
	if p.cmd == nil {
		return nil
	}
	p.cmd.Process.Kill()
	p.cmd.Wait()
	p.cmd = nil
	return nil
}

// Restart starts the server and waits, at most a minute, until /healthz answers.
func (p *serverProcess) Restart(ctx context.Context) error {
	p.cmd = exec.CommandContext(ctx, p.args[0], p.args[1:]...)
	if err := p.cmd.Start(); err != nil {
		return err
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(p.base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return errors.New("bench: the server did not answer within a minute of its start")
}

// serveLoopback serves h on a port of the loopback in this process, for the load commands,
// and returns its base URL and the func that stops it.
func serveLoopback(h http.Handler) (string, func() error, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), srv.Close, nil
}
