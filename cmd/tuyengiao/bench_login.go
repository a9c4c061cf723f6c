package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"tuyengiao/internal/loadrun"
	"tuyengiao/internal/password"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/vn"
	"tuyengiao/internal/web"
)

// benchLogin measures logins: it makes accounts on the database sharing one password hash
// (hashed once, not once per account), serves the pages on a loopback port in this process,
// and logs the accounts in over the API at each number of concurrent clients, printing
// throughput, p50/p99 and the process's peak resident memory at each, and how the last level
// compares with the best.
func benchLogin(ctx context.Context, args []string, stdout io.Writer) error {
	fs, dsn := flagSet("bench login")
	accounts := fs.Int("accounts", 1000, "accounts logging in, each from an address of its own")
	clientList := fs.String("clients", "1,2,4,16,64", "the numbers of concurrent clients, one level each")
	logins := fs.Int("logins", 2000, "logins of each level at most")
	seconds := fs.Duration("seconds", 10*time.Second, "the time limit of each level")
	slots := fs.Int("slots", 0, "hashes at once (default: the cores the process may use); a number above the clients measures without the bound")
	if err := fs.Parse(args); err != nil {
		return err
	}
	levels, err := clientLevels("bench login", *clientList)
	if err != nil {
		return err
	} else if *accounts < 1 || *accounts > 100_000 || *logins < 1 {
		return errors.New("bench login: --accounts must be from 1 to 100.000, --logins at least 1")
	}
	db, err := openBenchDB(ctx, *dsn, stdout)
	if err != nil {
		return err
	}
	defer db.Close()
	if *slots > 0 {
		db.Hashes = password.NewGate(*slots, 5*time.Second)
	}
	// A password of this run only: the accounts left behind open to no one.
	pw := password.Random(20)
	names, err := db.LoginAccounts(ctx, *accounts, password.Hash(pw))
	if err != nil {
		return err
	}
	app := newServer(db, slog.New(slog.DiscardHandler))
	// The clients' addresses come in X-Forwarded-For, as from a proxy on the same host.
	if app.TrustedProxies, err = web.ParseTrustedProxies("127.0.0.1"); err != nil {
		return err
	}
	base, stop, err := serveLoopback(app.Handler())
	if err != nil {
		return err
	}
	defer stop()

	fmt.Fprintf(stdout, "đăng nhập qua API / logins over the API: %s tài khoản / accounts, tối đa / at most %s mỗi mức / per level, %s\n",
		vn.Int(int64(len(names))), vn.Int(int64(*logins)), *seconds)
	var results []*loadrun.LoginLevel
	for _, clients := range levels {
		l := loadrun.Logins(ctx, base, names, pw, clients, *logins, *seconds)
		l.Print(stdout, fmt.Sprintf("%d clients", clients))
		results = append(results, l)
	}
	best := results[0]
	for _, l := range results {
		if l.Throughput() > best.Throughput() {
			best = l
		}
	}
	last := results[len(results)-1]
	fmt.Fprintf(stdout, "%d clients: %s%% của mức tốt nhất / of the best (%s/s at %d clients); tối đa / at most %d hashes at once\n",
		last.Clients, vn.Decimal(100*last.Throughput()/max(best.Throughput(), 1e-9), 1), vn.Decimal(best.Throughput(), 1),
		best.Clients, db.Hashes.Most())
	return nil
}

// clientLevels reads a flag's comma-separated numbers of concurrent clients, one level each.
func clientLevels(cmd, list string) ([]int, error) {
	var levels []int
	for _, f := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 5000 {
			return nil, fmt.Errorf("%s: --clients: %q is not a number of clients from 1 to 5000", cmd, f)
		}
		levels = append(levels, n)
	}
	return levels, nil
}

// openBenchDB opens and migrates the database of a load command, and prints what it is
// (sqldb.DB.Engine) before the figures measured on it.
func openBenchDB(ctx context.Context, dsn string, stdout io.Writer) (*sqldb.DB, error) {
	db, err := openDB(ctx, dsn)
	if err != nil {
		return nil, err
	}
	engine, err := db.Engine(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	fmt.Fprintf(stdout, "cơ sở dữ liệu / database: %s\n", engine)
	return db, nil
}
