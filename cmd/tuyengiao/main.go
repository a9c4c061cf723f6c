// Command tuyengiao runs the work-management system of a Party propaganda and education
// commission: the web server, its migrations, and the operator's commands.
//
//	tuyengiao serve   [--addr 127.0.0.1:8080] [--db ./data/tuyengiao.db | postgres://...] [--demo] [--pprof-addr 127.0.0.1:6060]
//	tuyengiao migrate [--db ...]
//	tuyengiao user add --login NAME --role ROLE [--unit CODE] [--name "Full Name"] [--db ...]  (password on stdin)
//	tuyengiao gen --scale city|province|national [--seed N] [--db ...]   (synthetic data, empty database only)
//	tuyengiao bench campaign [--n 20] [--db ...]                          (the campaign dashboard's load run)
//	tuyengiao bench figures [--n 20] [--period 2026-H1] [--db ...]        (the dashboard's and the table's figures)
//	tuyengiao bench reports [--n 5] [--year 2025] [--limit 200] [--db ...] (reports drafted and encoded)
//	tuyengiao bench records [--n 5] [--year 2025] [--rows 50000] [--db ...] (records listed, counted, imported)
//	tuyengiao bench checkin [--members 50000] [--clients 50,200,1000] --db ... (QR check-ins over HTTP, empty database only)
//	tuyengiao bench contest [--contestants 10000] [--clients 50,200,1000] [--pow-bits 4] --db ... (contestants over HTTP, empty database only)
//	tuyengiao bench login [--accounts 1000] [--clients 1,2,4,16,64] [--slots N] --db ... (logins over HTTP; adds accounts)
//	tuyengiao bench search [--n 20] [--scan-n 2] [--q "nguyen van an"] [--db ...] (people searched)
//	tuyengiao audit verify [--db ...] [--expect-head FILE]                (walk the audit chain)
//	tuyengiao backup --to FILE [--db ...]                                 (copy a live SQLite database)
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"tuyengiao"
	"tuyengiao/internal/contest"
	"tuyengiao/internal/demo"
	"tuyengiao/internal/figures"
	"tuyengiao/internal/loadrun"
	"tuyengiao/internal/report"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/synthetic"
	"tuyengiao/internal/vn"
	"tuyengiao/internal/web"
	"tuyengiao/internal/xlsximport"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "tuyengiao:", err)
		os.Exit(1)
	}
}

const usage = `usage:
  tuyengiao serve   [--addr ADDR] [--db PATH|URL] [--demo] [--pprof-addr ADDR]
  tuyengiao migrate [--db PATH|URL]
  tuyengiao user add --login NAME --role ROLE [--unit CODE] [--name NAME] [--db PATH|URL]   (password on standard input)
  tuyengiao gen --scale city|province|national [--seed N] [--db PATH|URL]
  tuyengiao bench campaign [--n N] [--db PATH|URL]
  tuyengiao bench figures [--n N] [--period PERIOD] [--db PATH|URL]
  tuyengiao bench reports [--n N] [--year YEAR] [--limit N] [--db PATH|URL]
  tuyengiao bench records [--n N] [--year YEAR] [--rows N] [--db PATH|URL]
  tuyengiao bench checkin [--members N] [--clients 50,200,1000] [--seconds S] --db PATH|URL   (an empty database)
  tuyengiao bench contest [--contestants N] [--clients 50,200,1000] [--seconds S] [--burst N] [--pow-bits B] [--rank-people N] [--rank-entries N] [--crash N] --db PATH|URL   (an empty database)
  tuyengiao bench login [--accounts N] [--clients 1,2,4,16,64] [--logins N] [--seconds S] [--slots N] --db PATH|URL   (adds accounts load.login.N)
  tuyengiao bench search [--n N] [--scan-n N] [--q QUERY] [--db PATH|URL]
  tuyengiao audit verify [--db PATH|URL] [--expect-head FILE]
  tuyengiao backup --to FILE [--db PATH]`

// run carries out one command; ctx ends on SIGINT or SIGTERM.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], stdout, stderr)
	case "migrate":
		fs, dsn := flagSet("migrate")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		db, err := openDB(ctx, *dsn)
		if err != nil {
			return err
		}
		defer db.Close()
		fmt.Fprintln(stdout, "migrations applied")
		return nil
	case "gen":
		return gen(ctx, args[1:], stdout)
	case "bench":
		switch {
		case len(args) >= 2 && args[1] == "campaign":
			return benchCampaign(ctx, args[2:], stdout)
		case len(args) >= 2 && args[1] == "figures":
			return benchFigures(ctx, args[2:], stdout)
		case len(args) >= 2 && args[1] == "reports":
			return benchReports(ctx, args[2:], stdout)
		case len(args) >= 2 && args[1] == "records":
			return benchRecords(ctx, args[2:], stdout)
		case len(args) >= 2 && args[1] == "checkin":
			return benchCheckin(ctx, args[2:], stdout)
		case len(args) >= 2 && args[1] == "contest":
			return benchContest(ctx, args[2:], stdout)
		case len(args) >= 2 && args[1] == "login":
			return benchLogin(ctx, args[2:], stdout)
		case len(args) >= 2 && args[1] == "search":
			return benchSearch(ctx, args[2:], stdout)
		}
		return errors.New(usage)
	case "audit":
		if len(args) < 2 || args[1] != "verify" {
			return errors.New(usage)
		}
		return auditVerify(ctx, args[2:], stdout)
	case "backup":
		return backup(ctx, args[1:], stdout)
	case "user":
		if len(args) < 2 || args[1] != "add" {
			return errors.New(usage)
		}
		return userAdd(ctx, args[2:], stdin, stdout)
	}
	return errors.New(usage)
}

// flagSet returns a flag set with the --db flag every command has, defaulting to
// $TUYENGIAO_DB or ./data/tuyengiao.db.
func flagSet(name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	dsn := fs.String("db", env("TUYENGIAO_DB", "./data/tuyengiao.db"), "SQLite file path or postgres:// URL ($TUYENGIAO_DB)")
	return fs, dsn
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// openDB opens and migrates the database, and brings the planner's statistics up to date.
func openDB(ctx context.Context, dsn string) (*sqldb.DB, error) {
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	// The default report templates are part of the schema: every database has them from the
	// start, and a template added to them reaches a database at its next start.
	if err := db.ReportStore().EnsureReportTemplates(ctx, report.DefaultTemplates()); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.Optimize(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func serve(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, dsn := flagSet("serve")
	addr := fs.String("addr", env("TUYENGIAO_ADDR", "127.0.0.1:8080"), "listen address ($TUYENGIAO_ADDR)")
	demo := fs.Bool("demo", env("TUYENGIAO_DEMO", "") == "1", "load the demo city into an empty database ($TUYENGIAO_DEMO=1)")
	auditHead := fs.String("audit-head", env("TUYENGIAO_AUDIT_HEAD", ""), "file the audit chain's head is written to (default: the SQLite file's path + .audit-head) ($TUYENGIAO_AUDIT_HEAD)")
	auditEvery := fs.Duration("audit-every", time.Minute, "how often the new records of the audit chain are verified and its head written")
	auditFullEvery := fs.Duration("audit-full-every", 24*time.Hour, "how often the whole audit chain is verified again, besides at start-up")
	proxies := fs.String("trusted-proxies", env("TUYENGIAO_TRUSTED_PROXIES", ""),
		"addresses or CIDR ranges of the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed; only the proxies' own, as any client in a listed range is believed too ($TUYENGIAO_TRUSTED_PROXIES)")
	pprofAddr := fs.String("pprof-addr", env("TUYENGIAO_PPROF_ADDR", ""), "listen address of the Go profiler (/debug/pprof/), off when empty; never the main address ($TUYENGIAO_PPROF_ADDR)")
	powBits := fs.Int("pow-bits", contest.DefaultBits, "the zero bits the contests' proofs of work ask of an address with few requests (more as its requests grow); lowered only by load runs, whose clients solve them in Go")
	if err := fs.Parse(args); err != nil {
		return err
	} else if *auditEvery <= 0 || *auditFullEvery <= 0 {
		return errors.New("serve: --audit-every and --audit-full-every must be positive durations")
	}
	trusted, err := web.ParseTrustedProxies(*proxies)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewJSONHandler(stderr, nil))
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := firstStart(ctx, db, *demo, stdout); err != nil {
		return err
	}
	watch := &sqldb.AuditWatch{DB: db, HeadFile: *auditHead, Logger: logger}
	if watch.HeadFile == "" && !sqldb.IsPostgres(*dsn) {
		watch.HeadFile = *dsn + ".audit-head"
	}
	if err := watch.Start(); err != nil {
		return err
	}
	app := newServer(db, logger)
	app.TrustedProxies = trusted
	app.Pressure = newPressure(*powBits)
	srv := &http.Server{
		Addr: *addr, Handler: app.Handler(), ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute, WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute,
	}
	errc := make(chan error, 2)
	go func() { errc <- srv.ListenAndServe() }()
	if *pprofAddr != "" {
		prof := profiler(*pprofAddr)
		defer prof.Close()
		go func() { errc <- prof.ListenAndServe() }()
		logger.Info("profiler listening", "addr", *pprofAddr)
	}
	go hourly(ctx, func() { purgeSessions(ctx, db, logger) })
	go hourly(ctx, func() { optimize(ctx, db, logger) })
	go hourly(ctx, func() { purgeContestants(ctx, db, logger) })
	go watchAudit(ctx, watch, *auditEvery, *auditFullEvery, logger)
	logger.Info("listening", "addr", *addr, "postgres", sqldb.IsPostgres(*dsn))
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// In-flight requests finish; nothing acknowledged is lost.
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

// profiler returns a server of the Go profiler's handlers on addr, with a mux of its own: the
// main server must not serve them, since behind a proxy on the same host every client looks
// local and /debug/pprof/cmdline shows the database URL with its password. (Importing
// net/http/pprof also fills http.DefaultServeMux, which no server here serves.)
func profiler(addr string) *http.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
}

// hourly calls fn once an hour until ctx ends.
func hourly(ctx context.Context, fn func()) {
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			fn()
		}
	}
}

// purgeSessions deletes expired sessions.
func purgeSessions(ctx context.Context, db *sqldb.DB, logger *slog.Logger) {
	if n, err := db.PurgeSessions(ctx); err != nil {
		logger.Error("purge sessions", "err", err)
	} else {
		logger.Info("purged sessions", "count", n)
	}
}

// purgeContestants erases the personal data of the contestants of the contests whose
// retention period is over.
func purgeContestants(ctx context.Context, db *sqldb.DB, logger *slog.Logger) {
	if n, err := db.ContestStore().PurgeDue(ctx); err != nil {
		logger.Error("purge contestants", "err", err)
	} else if n > 0 {
		logger.Info("purged contestants", "count", n)
	}
}

// optimize brings the planner's statistics up to date as the data grows: a round that finds
// no table grown or shrunk tenfold analyses nothing.
func optimize(ctx context.Context, db *sqldb.DB, logger *slog.Logger) {
	start := time.Now()
	if err := db.OptimizeBounded(ctx); err != nil && ctx.Err() == nil {
		logger.Error("optimize", "err", err)
	} else {
		logger.Info("optimized", "duration", time.Since(start).String())
	}
}

// watchAudit verifies the whole audit chain at once, then its new records every interval and
// the whole chain again every fullEvery, until ctx ends. It runs beside the server: a long walk
// of the whole chain delays the rounds of new records, never a request.
func watchAudit(ctx context.Context, watch *sqldb.AuditWatch, every, fullEvery time.Duration, logger *slog.Logger) {
	tick, full := time.NewTicker(every), time.NewTicker(fullEvery)
	defer tick.Stop()
	defer full.Stop()
	round := watch.FullRound
	for {
		if err := round(ctx); err != nil && ctx.Err() == nil {
			logger.Error("audit verify", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			round = watch.Round
		case <-full.C:
			round = watch.FullRound
		}
	}
}

// auditFaults explain the faults of sqldb.AuditFault to the operator.
var auditFaults = map[sqldb.AuditFault]string{
	sqldb.FaultAltered:     "its hash does not match its content and the record before it: it, or the hash before it, was rewritten",
	sqldb.FaultRelinked:    "it was chained to another record than the one now before it: records were deleted or inserted",
	sqldb.FaultUnsealed:    "it has no hash: it was written outside the chain",
	sqldb.FaultHeadMissing: "the chain no longer holds it with its hash",
}

// auditVerify walks the audit chain from its first record and names the first broken one;
// with --expect-head it also fails when the chain no longer holds the head in that file.
func auditVerify(ctx context.Context, args []string, stdout io.Writer) error {
	fs, dsn := flagSet("audit verify")
	expect := fs.String("expect-head", "", "a head file written by the server (serve --audit-head)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := sqldb.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := db.VerifyAudit(ctx, sqldb.AuditHead{})
	if err != nil {
		return err
	}
	if c.Break != nil {
		return fmt.Errorf("audit chain broken at record #%d (%s): %s; %d records before it verified",
			c.Break.ID, c.Break.Fault, auditFaults[c.Break.Fault], c.Records)
	}
	fmt.Fprintf(stdout, "audit chain whole: %d records, head #%d %s\n", c.Records, c.Head.ID, c.Head.Hash)
	if *expect == "" {
		return nil
	}
	head, err := sqldb.ReadAuditHead(*expect)
	if err != nil {
		return err
	}
	if head.ID == 0 {
		return fmt.Errorf("%s holds no audit head", *expect)
	}
	if ok, err := db.HoldsAuditHead(ctx, head); err != nil {
		return err
	} else if !ok {
		return fmt.Errorf("audit chain does not hold record #%d with the hash written to %s at %s: records were cut off its end or rewritten",
			head.ID, *expect, head.At.Format(time.RFC3339))
	}
	fmt.Fprintf(stdout, "head of %s (#%d, %s) is in the chain\n", *expect, head.ID, head.At.Format(time.RFC3339))
	return nil
}

// backup copies a live SQLite database and verifies the audit chain of the copy.
func backup(ctx context.Context, args []string, stdout io.Writer) error {
	fs, dsn := flagSet("backup")
	to := fs.String("to", "", "the new file of the copy")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *to == "" {
		return errors.New("backup: --to FILE is required")
	}
	c, err := sqldb.Backup(ctx, *dsn, *to)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backup %s written; audit chain whole: %d records, head #%d\n", *to, c.Records, c.Head.ID)
	return nil
}

// firstStart creates the first administrator of an empty database and prints its password
// once, on the console (never in the log), and loads the demo data when asked.
func firstStart(ctx context.Context, db *sqldb.DB, withDemo bool, stdout io.Writer) error {
	login, password, err := db.EnsureAdmin(ctx)
	if err != nil {
		return err
	}
	if login != "" {
		fmt.Fprintf(stdout, "\nTài khoản quản trị đầu tiên / first administrator:\n  login: %s\n  password: %s\n(đổi mật khẩu ở lần đăng nhập đầu / change it at first login)\n\n", login, password)
	}
	if !withDemo {
		return nil
	}
	figs := newFigures(db)
	err = demo.Load(ctx, demo.Services{Units: db, People: db, Users: db, Documents: db, Campaigns: db, Essays: db,
		Reporting: db.Reporting(figs.Indicators), Reports: newReports(db, figs), Records: db.RecordStore(), Contests: db.ContestStore(), Now: &db.Now}, stdout)
	if errors.Is(err, demo.ErrNotEmpty) {
		// A restart with --demo keeps the data it has.
		fmt.Fprintln(stdout, "Cơ sở dữ liệu đã có dữ liệu: không nạp dữ liệu mẫu / the database is not empty: demo data not loaded")
		return nil
	}
	return err
}

// newPressure returns the difficulty of the contests' proofs of work per client address,
// from bits for an address with few requests up to contest.DefaultMaxBits.
func newPressure(bits int) *contest.Pressure {
	return contest.NewPressure(bits, contest.DefaultMaxBits, contest.DefaultWindow, contest.DefaultFree, time.Now)
}

// newServer wires the storage and the spreadsheet adapters into the web server.
func newServer(db *sqldb.DB, logger *slog.Logger) *web.Server {
	figs := newFigures(db)
	quality := &figures.Quality{Figures: figs, Store: db.Quality()}
	return &web.Server{
		Units: db, People: db, Users: db, Auth: db, Audit: db, Uploads: db, Documents: db, Campaigns: db, Essays: db, RecordNotes: db.RecordStore(),
		Figures: figs, Targets: &figures.Targets{Figures: figs, Store: db.Targets()}, Quality: quality, Rules: quality,
		Reporting: db.Reporting(figs.Indicators),
		Reports:   newReports(db, figs),
		Records:   db.RecordStore(),
		ReadRecords: func(r io.Reader, size int64, k *tuyengiao.RecordKind, today tuyengiao.Date) ([]tuyengiao.RecordRow, error) {
			return xlsximport.ReadRecords(r, size, k, today, xlsximport.DefaultLimits())
		},
		WriteRecordTemplate: xlsximport.WriteRecordTemplate,
		WriteRecords:        xlsximport.WriteRecords,
		Contests:            db.ContestStore(),
		ContestKey:          db.ContestKey,
		Pressure:            newPressure(contest.DefaultBits),
		Ping:                db.Ping,
		Logger:              logger,
		ReadReportRows: func(r io.Reader, size int64, inds []tuyengiao.Indicator) ([]tuyengiao.ReportRow, error) {
			return xlsximport.ReadReportRows(r, size, xlsximport.DefaultLimits(), inds)
		},
		WriteReportTemplate: func(w io.Writer, ds *tuyengiao.DataSet, p tuyengiao.Period, inds []tuyengiao.Indicator, units []*tuyengiao.Unit) error {
			return report.WriteXLSX(w, report.ReportTemplate(ds, p, inds, units)...)
		},
		ReadBridgePoints: func(r io.Reader, size int64, auds []tuyengiao.Category) ([]tuyengiao.BridgePointRow, error) {
			return xlsximport.ReadBridgePoints(r, size, xlsximport.DefaultLimits(), auds)
		},
		WriteBridgeTemplate: func(w io.Writer, c *tuyengiao.Conference, auds []tuyengiao.Category) error {
			return report.WriteXLSX(w, report.BridgeTemplate(c, auds, xlsximport.PlaceHeader)...)
		},
		ReadPeople: func(r io.Reader, size int64) ([]tuyengiao.ImportRow, error) {
			return xlsximport.ReadPeople(r, size, xlsximport.DefaultLimits())
		},
		PeopleTemplate: xlsximport.PeopleTemplate,
		PeopleBadRows: func(w io.Writer, content []byte, reasons map[int]string) error {
			return xlsximport.WriteBadRows(w, content, xlsximport.DefaultLimits(), reasons)
		},
		ExportPeople: func(w io.Writer, people []*tuyengiao.Person) error {
			return report.WriteXLSX(w, report.PeopleTable("Danh sách nhân sự", people))
		},
		ExportParticipation: func(w io.Writer, c *tuyengiao.Campaign, rows []tuyengiao.ParticipationRow) error {
			return report.WriteXLSX(w, report.ParticipationTable("Kết quả học tập", c, rows))
		},
		ExportFigures: func(w io.Writer, t *tuyengiao.FigureTable) error {
			return report.WriteXLSX(w, report.FigureTable("Số liệu", t))
		},
		WriteReportDOCX: report.WriteDOCX,
		WriteReportPDF:  report.WritePDF,
		WriteReportXLSX: report.WriteReportXLSX,
		ReadQuestions: func(r io.Reader, size int64) ([]tuyengiao.QuestionRow, error) {
			return xlsximport.ReadQuestions(r, size, xlsximport.DefaultLimits())
		},
		WriteQuestionTemplate: xlsximport.WriteQuestionTemplate,
		ExportRanking: func(w io.Writer, c *tuyengiao.Contest, r *tuyengiao.Round, entries []tuyengiao.RankedEntry) error {
			return report.WriteXLSX(w, report.RankingTable(fmt.Sprintf("Vòng %d", r.Number), entries))
		},
		ExportContestants: func(w io.Writer, c *tuyengiao.Contest, cs []*tuyengiao.Contestant) error {
			return report.WriteXLSX(w, report.ContestantsTable("Người dự thi", cs))
		},
		// The pages tell the time by the database's clock, which tests set.
		Now: func() time.Time { return db.Now() },
	}
}

// newReports returns the report service over the stored reports, counting with figs.
func newReports(db *sqldb.DB, figs tuyengiao.FigureService) *report.Service {
	return &report.Service{Store: db.ReportStore(), Figures: figs, Units: db, Now: func() time.Time { return db.Now() }}
}

// newFigures returns the figure service over the figure sources of every capability, whose
// indicators make the catalogue in this order.
func newFigures(db *sqldb.DB) *figures.Service {
	return &figures.Service{Store: db.Figures(),
		Sources: []tuyengiao.FigureSource{db.PeopleFigures(), db.StudyFigures(), db.DocumentFigures(), db.ReportedFigures(), db.ContestFigures(),
			db.RecordFigures()},
		Campaigns: db, People: db, Essays: db, Targets: db.Targets()}
}

// gen fills an empty database with the synthetic data of a scale, for load runs.
func gen(ctx context.Context, args []string, stdout io.Writer) error {
	fs, dsn := flagSet("gen")
	scale := fs.String("scale", "city", "city, province or national")
	seed := fs.Uint64("seed", 1, "seed of the random choices; the same seed gives the same data")
	if err := fs.Parse(args); err != nil {
		return err
	}
	spec, ok := synthetic.Scales[*scale]
	if !ok {
		return fmt.Errorf("gen: unknown scale %q (city, province or national)", *scale)
	}
	spec.Seed = *seed
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := synthetic.Generate(ctx, db, spec, stdout); err != nil {
		if tuyengiao.ErrorCode(err) == tuyengiao.EINTERNAL {
			return err
		}
		return errors.New(vn.Message(err))
	}
	return nil
}

// benchCampaign measures the campaign dashboard on a database filled by gen.
func benchCampaign(ctx context.Context, args []string, stdout io.Writer) error {
	fs, dsn := flagSet("bench campaign")
	n := fs.Int("n", 20, "warm calls of each measure; the median is reported")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return loadrun.Campaign(ctx, *dsn, *n, stdout)
}

// benchFigures measures the figure service, built as the server builds it (newFigures), on a
// database filled by gen: a province's dashboard and its indicator table against the floor.
func benchFigures(ctx context.Context, args []string, stdout io.Writer) error {
	fs, dsn := flagSet("bench figures")
	n := fs.Int("n", 20, "warm calls of each measure; the median is reported")
	last := tuyengiao.PeriodContaining(tuyengiao.PeriodHalf, tuyengiao.DateOf(time.Now().In(vn.Zone))).Previous()
	period := fs.String("period", last.String(), "the period (2026-H1, 2026-Q3, 2026-09, 2026, ...); default: the last half-year over")
	if err := fs.Parse(args); err != nil {
		return err
	} else if *n < 1 {
		return errors.New("bench figures: --n must be at least 1")
	}
	p, err := tuyengiao.ParsePeriod("period", *period)
	if err != nil {
		return errors.New(vn.Message(err))
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return loadrun.Figures(ctx, newFigures(db), p, *n, stdout)
}

// benchReports measures the reports on a database filled by gen: the annual report of the
// root drafted, assembled and written as DOCX and PDF, and the six-month reports of the
// grassroots organisations one after another.
func benchReports(ctx context.Context, args []string, stdout io.Writer) error {
	fs, dsn := flagSet("bench reports")
	n := fs.Int("n", 5, "rounds of the annual report; the median is reported")
	year := fs.Int("year", time.Now().In(vn.Zone).Year()-1, "the year of the annual report; its first half for the grassroots reports")
	limit := fs.Int("limit", 200, "the grassroots organisations to report on, at most")
	if err := fs.Parse(args); err != nil {
		return err
	} else if *n < 1 {
		return errors.New("bench reports: --n must be at least 1")
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return loadrun.Reports(ctx, newReports(db, newFigures(db)), tuyengiao.YearPeriod(*year), tuyengiao.HalfPeriod(*year, 1), *n, *limit, stdout)
}

// benchRecords measures the records of every declared kind on a database filled by gen: each
// kind's list of a year at the root and below it and its indicators counted afresh, and an
// import of media items (50.000 by default), from an XLSX and into the database, which keeps
// them.
func benchRecords(ctx context.Context, args []string, stdout io.Writer) error {
	fs, dsn := flagSet("bench records")
	n := fs.Int("n", 5, "rounds of each list and count; the median is reported")
	year := fs.Int("year", time.Now().In(vn.Zone).Year()-1, "the year listed and counted")
	rows := fs.Int("rows", 50_000, "the media items imported, into the database measured")
	if err := fs.Parse(args); err != nil {
		return err
	} else if *n < 1 || *rows < 1 {
		return errors.New("bench records: --n and --rows must be at least 1")
	}
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return loadrun.Records(ctx, db.RecordStore(), newFigures(db), tuyengiao.YearPeriod(*year), *n, *rows, stdout)
}

// benchSearch measures the search of people on a database filled by gen: a name searched by
// a system administrator over the country and by a province's and a district's viewer, and
// the scan it was before the search terms.
func benchSearch(ctx context.Context, args []string, stdout io.Writer) error {
	fs, dsn := flagSet("bench search")
	n := fs.Int("n", 20, "warm calls of each search; the median is reported")
	scanN := fs.Int("scan-n", 2, "warm calls of each scan (seconds each over the country)")
	q := fs.String("q", "nguyen van an", "the query measured against the scan")
	if err := fs.Parse(args); err != nil {
		return err
	} else if *n < 1 || *scanN < 1 {
		return errors.New("bench search: --n and --scan-n must be at least 1")
	}
	return loadrun.Search(ctx, *dsn, *q, *n, *scanN, stdout)
}

// userAdd creates an account (or adds a role to an existing one) with a password read from
// standard input: for operators, to bootstrap or recover access.
func userAdd(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs, dsn := flagSet("user add")
	login := fs.String("login", "", "login name")
	role := fs.String("role", "", "sysadmin, unitadmin, editor, viewer, reviewer or member")
	unit := fs.String("unit", "", "code of the unit where the role is held (not for sysadmin)")
	name := fs.String("name", "", "display name (default: the login)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *name == "" {
		*name = *login
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	password := strings.TrimRight(line, "\r\n")
	db, err := openDB(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.AddUserAsOperator(ctx, *login, *name, tuyengiao.Role(*role), *unit, password); err != nil {
		if tuyengiao.ErrorCode(err) == tuyengiao.EINTERNAL {
			return err
		}
		return errors.New(vn.Message(err))
	}
	fmt.Fprintf(stdout, "account %s: role %s added\n", *login, *role)
	return nil
}
