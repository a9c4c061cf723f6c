package sqldb

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"tuyengiao"
	"tuyengiao/internal/sqldb/sqldbtest"
)

// queryCounter counts the statements a PostgreSQL pool sends, prepared ones included.
type queryCounter struct{ n atomic.Int64 }

func (c *queryCounter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.n.Add(1)
	return ctx
}

func (c *queryCounter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// countQueries gives the PostgreSQL db a pool of its own whose statements are counted.
func countQueries(b *testing.B, db *DB, dsn string) *queryCounter {
	cfg, err := pgx.ParseConfig(pgSettings(dsn, "force_custom_plan"))
	if err != nil {
		b.Fatal(err)
	}
	c := &queryCounter{}
	cfg.Tracer = c
	pool := stdlib.OpenDB(*cfg)
	pool.SetMaxOpenConns(20)
	pool.SetMaxIdleConns(20)
	old := db.read
	db.read, db.write = pool, pool
	old.Close()
	return c
}

// BenchmarkRequestReads measures what the storage reads for an authenticated request
// (Authenticate) and for a QR check-in (Authenticate, the member's person, the conference and
// its campaign's rules), in parallel on one account's session, and on PostgreSQL counts the
// statements of each and of a whole check-in (its write included) over checkIns members. It
// prints figures and asserts none.
func BenchmarkRequestReads(b *testing.B) {
	const checkIns = 50
	run := func(b *testing.B, dsn string) {
		db := openTestDB(b, dsn)
		var counter *queryCounter
		if IsPostgres(dsn) {
			counter = countQueries(b, db, dsn)
		}
		db.Now = func() time.Time { return personTestNow }
		city := personTestUnit(b, db, 1, "/", "TP")
		personTestUnit(b, db, 4, personTestUnit(b, db, 2, city, "P2"), "CB4")
		plan := &tuyengiao.Campaign{UnitID: 1, Title: "Học tập Nghị quyết 35",
			Audiences: []tuyengiao.CampaignAudience{{Category: tuyengiao.CategoryMember, Target: 97.4}},
			StartOn:   tuyengiao.Date{Time: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)},
			EndOn:     tuyengiao.Date{Time: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)}}
		if err := db.CreateCampaign(sysadminCtx(), plan); err != nil {
			b.Fatal(err)
		}
		starts := personTestNow.Add(10 * time.Minute)
		conf := &tuyengiao.Conference{CampaignID: plan.ID, UnitID: 2, Title: "Hội nghị học tập", StartsAt: starts,
			EndsAt: starts.Add(2 * time.Hour), Form: tuyengiao.FormBoth, BridgePoints: []tuyengiao.BridgePoint{{UnitID: 4}}}
		if err := db.CreateConference(sysadminCtx(), conf); err != nil {
			b.Fatal(err)
		}
		code, err := db.CheckInCode(sysadminCtx(), conf.ID)
		if err != nil {
			b.Fatal(err)
		}
		var people []int64
		for i := range checkIns + 1 {
			p := &tuyengiao.Person{UnitID: 4, FullName: fmt.Sprintf("Đảng viên %d", i), Category: tuyengiao.CategoryMember,
				StatusDate: tuyengiao.Date{Time: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}}
			if err := db.CreatePerson(sysadminCtx(), p); err != nil {
				b.Fatal(err)
			}
			people = append(people, p.ID)
		}
		u := &tuyengiao.User{Login: "dang.vien", DisplayName: "Đảng viên", PersonID: people[0],
			Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleMember, UnitID: 4}}}
		if err := db.CreateUser(sysadminCtx(), u, acctPassword); err != nil {
			b.Fatal(err)
		}
		token, err := db.Login(context.Background(), u.Login, acctPassword, "192.0.2.1", tuyengiao.SessionAPI)
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		authenticate := func() *tuyengiao.Principal {
			p, err := db.Authenticate(ctx, token, "192.0.2.1")
			if err != nil {
				b.Fatal(err)
			}
			return p
		}
		checkInReads := func() {
			pctx := tuyengiao.NewContext(ctx, authenticate())
			if _, _, err := db.member(pctx); err != nil {
				b.Fatal(err)
			} else if _, _, err := db.conferenceAndCampaign(pctx, conf.ID); err != nil {
				b.Fatal(err)
			}
		}
		measure := func(name string, op func()) {
			b.Run(name, func(b *testing.B) {
				op() // the caches warm
				var before int64
				if counter != nil {
					before = counter.n.Load()
				}
				start, n := time.Now(), atomic.Int64{}
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						op()
						n.Add(1)
					}
				})
				b.ReportMetric(float64(n.Load())/time.Since(start).Seconds(), "ops/s")
				if counter != nil {
					b.ReportMetric(float64(counter.n.Load()-before)/float64(n.Load()), "queries/op")
				}
			})
		}
		measure("authenticate", func() { authenticate() })
		measure("check-in reads", checkInReads)
		if counter != nil {
			before := counter.n.Load()
			for _, person := range people[1:] {
				p := authenticate()
				p.PersonID = person
				if _, _, err := db.CheckIn(tuyengiao.NewContext(ctx, p), conf.ID, code); err != nil {
					b.Fatal(err)
				}
			}
			b.Logf("postgres: %.1f statements per whole check-in (its write included)", float64(counter.n.Load()-before)/checkIns)
		}
	}
	b.Run("sqlite", func(b *testing.B) { run(b, sqldbtest.SQLite(b)) })
	if os.Getenv(sqldbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { run(b, sqldbtest.Postgres(b)) })
	}
}
