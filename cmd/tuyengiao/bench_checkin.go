package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
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
	if err := fs.Parse(args); err != nil {
		return err
	}
	var levels []int
	for _, f := range strings.Split(*clientList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 5000 {
			return fmt.Errorf("bench checkin: --clients: %q is not a number of clients from 1 to 5000", f)
		}
		levels = append(levels, n)
	}
	if *members < 1 || *members > 1_000_000 {
		return errors.New("bench checkin: --members must be from 1 to 1.000.000")
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	w, err := loadrun.PrepareCheckins(ctx, db, *members, len(levels)+1, stdout)
	if err != nil {
		return errors.New(vn.Message(err))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: newServer(db, slog.New(slog.DiscardHandler)).Handler(), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

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
