// Package loadrun measures the application's heavy reads on a database filled by
// synthetic.Generate ("tuyengiao gen"), and prints the figures: a load run, generated once and
// measured many times, rather than a Go benchmark that would generate its data each run. Drive
// runs the load commands that go through HTTP: concurrent clients, each request timed.
package loadrun

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"tuyengiao"
	"tuyengiao/internal/figures"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/synthetic"
	"tuyengiao/internal/vn"
)

// Campaign measures the dashboard of the generated campaign on the database at dsn, as the
// figure service gives it (figures.Service.Participation: the counts of
// CampaignService.CampaignCounts rolled up the unit tree), for the campaign's root and for
// one district; the counts alone; and the floor, one plain GROUP BY over the campaign's
// attendees (sqldb.AttendeeFloor). Each is measured cold, as the first call on a freshly
// opened database (the operating system's file cache stays warm), then warm, as the median
// of n calls interleaved with the others, so that the noise of a shared machine falls on
// all alike. The figure service loads the unit tree before the first measure, as a server
// keeps it; its load time is printed apart.
func Campaign(ctx context.Context, dsn string, n int, out io.Writer) error {
	ctx = tuyengiao.NewContext(ctx, &tuyengiao.Principal{Login: "loadrun",
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin, UnitPath: "/"}}})
	db, err := open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := generatedCampaign(ctx, db)
	if err != nil {
		return err
	}
	district, err := aDistrict(ctx, db, c.UnitID)
	if err != nil {
		return err
	}
	start := time.Now()
	fs := service(db)
	tree, err := fs.Tree(ctx)
	if err != nil {
		return err
	}
	treeTime := time.Since(start)
	var targets []*target
	for _, id := range []int64{c.UnitID, district.ID} {
		i, _ := tree.Index(id)
		targets = append(targets, &target{rootID: id, name: tree.Unit(i).Name, units: tree.End(i) - i})
	}
	fmt.Fprintf(out, "đợt / campaign %d: %s\n", c.ID, c.Title)
	fmt.Fprintf(out, "  cây / tree: %s đơn vị, nạp trong / loaded in %s (not part of the dashboard)\n", vn.Int(int64(tree.Len())), ms(treeTime))
	for _, t := range targets {
		fmt.Fprintf(out, "  %-9s %s: %s đơn vị\n", label(t, targets), t.name, vn.Int(int64(t.units)))
	}
	db.Close()

	// Cold: each measure is the first call on a database opened for it.
	for _, t := range targets {
		if err := fresh(ctx, dsn, func(db *sqldb.DB) error {
			fs := service(db)
			if _, err := fs.Tree(ctx); err != nil {
				return err
			}
			d, err := t.dashboard(ctx, fs, c.ID)
			t.cold = d
			return err
		}); err != nil {
			return err
		}
	}
	var floorCold time.Duration
	var floorRows int
	if err := fresh(ctx, dsn, func(db *sqldb.DB) error {
		start := time.Now()
		rows, err := db.AttendeeFloor(ctx, c.ID)
		floorCold, floorRows = time.Since(start), len(rows)
		return err
	}); err != nil {
		return err
	}

	// Warm: n rounds on one open database, after one round that is not counted.
	db, err = open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	fs = service(db)
	var floorWarm []time.Duration
	for i := range n + 1 {
		for _, t := range targets {
			dash, err := t.dashboard(ctx, fs, c.ID)
			if err != nil {
				return err
			}
			counts, err := t.counts(ctx, db, c.ID)
			if err != nil {
				return err
			}
			people, err := t.peopleCount(ctx, db)
			if err != nil {
				return err
			}
			if i > 0 {
				t.warm, t.warmCounts = append(t.warm, dash), append(t.warmCounts, counts)
				t.warmPeople = append(t.warmPeople, people)
			}
		}
		start := time.Now()
		if _, err := db.AttendeeFloor(ctx, c.ID); err != nil {
			return err
		}
		if i > 0 {
			floorWarm = append(floorWarm, time.Since(start))
		}
	}

	fmt.Fprintf(out, "\n%-44s %12s %12s %12s\n", "", "cold", "warm median", "warm min")
	for _, t := range targets {
		l := label(t, targets)
		fmt.Fprintf(out, "%-44s %12s %12s %12s\n", l+" dashboard (figure service)", ms(t.cold), ms(median(t.warm)), ms(slices.Min(t.warm)))
		fmt.Fprintf(out, "%-44s %12s %12s %12s\n", l+"   of which CampaignCounts", "", ms(median(t.warmCounts)), ms(slices.Min(t.warmCounts)))
		fmt.Fprintf(out, "%-44s %12s %12s %12s\n", l+"   of which people count", "", ms(median(t.warmPeople)), ms(slices.Min(t.warmPeople)))
	}
	fmt.Fprintf(out, "%-44s %12s %12s %12s\n", fmt.Sprintf("floor (GROUP BY, %s rows)", vn.Int(int64(floorRows))),
		ms(floorCold), ms(median(floorWarm)), ms(slices.Min(floorWarm)))
	root := targets[0]
	fmt.Fprintf(out, "%-44s %12s %12s\n", "root dashboard / floor", ratio(root.cold, floorCold), ratio(median(root.warm), median(floorWarm)))

	// The figures themselves, to see that the data and the roll-up make sense.
	fmt.Fprintln(out)
	for _, t := range targets {
		fmt.Fprintf(out, "%s %s:", label(t, targets), t.name)
		total := t.part.Total
		for _, a := range total.Audiences {
			rate, _ := a.Rate()
			fmt.Fprintf(out, " %s %s/%s (%s%%, chỉ tiêu %s%%);", a.Category.Name(), vn.Int(a.Took), vn.Int(a.Base),
				vn.Decimal(rate, 1), vn.Decimal(a.Target, 1))
		}
		fmt.Fprintf(out, " đã tổ chức / organised %s/%s, hội nghị / conferences %s\n", vn.Int(total.Organised), vn.Int(total.Required),
			vn.Int(total.Conferences))
	}
	return nil
}

// service returns the figure service over db, as the server makes it.
func service(db *sqldb.DB) *figures.Service {
	return &figures.Service{Store: db.Figures(), Campaigns: db, People: db, Essays: db}
}

// target is a unit whose dashboard is measured.
type target struct {
	rootID int64
	name   string
	units  int
	cold   time.Duration
	// The dashboard, and apart the counts it rolls up and the people count of those,
	// measured through CountPeople, which runs the same query.
	warm, warmCounts, warmPeople []time.Duration
	part                         *tuyengiao.CampaignParticipation
}

// dashboard asks the figure service for the campaign's dashboard at the target and returns
// its time.
func (t *target) dashboard(ctx context.Context, fs *figures.Service, campaignID int64) (time.Duration, error) {
	start := time.Now()
	p, err := fs.Participation(ctx, campaignID, t.rootID)
	if err != nil {
		return 0, err
	}
	t.part = p
	return time.Since(start), nil
}

// counts measures the counts the dashboard rolls up.
func (t *target) counts(ctx context.Context, db *sqldb.DB, campaignID int64) (time.Duration, error) {
	start := time.Now()
	_, err := db.CampaignCounts(ctx, campaignID, t.rootID)
	return time.Since(start), err
}

// peopleCount measures apart the part of CampaignCounts that counts the people of the
// subtree, through CountPeople, which runs the same query, on the day the last dashboard
// counted them.
func (t *target) peopleCount(ctx context.Context, db *sqldb.DB) (time.Duration, error) {
	start := time.Now()
	_, err := db.CountPeople(ctx, t.rootID, t.part.AsOf)
	return time.Since(start), err
}

func label(t *target, all []*target) string {
	if t == all[0] {
		return "root"
	}
	return "district"
}

func open(ctx context.Context, dsn string) (*sqldb.DB, error) {
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	err = db.Migrate(ctx)
	if err == nil {
		err = db.Optimize(ctx) // as the server does at start
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// fresh runs fn on a newly opened database and closes it.
func fresh(ctx context.Context, dsn string, fn func(db *sqldb.DB) error) error {
	db, err := sqldb.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}

// generatedCampaign finds the campaign synthetic.Generate wrote.
func generatedCampaign(ctx context.Context, db *sqldb.DB) (*tuyengiao.Campaign, error) {
	list, _, err := db.FindCampaigns(ctx, tuyengiao.CampaignFilter{Query: "35-NQ/TW", Limit: 50})
	if err != nil {
		return nil, err
	}
	for _, c := range list {
		if c.Title == synthetic.CampaignTitle {
			return db.FindCampaignByID(ctx, c.ID)
		}
	}
	return nil, fmt.Errorf("loadrun: no campaign %q: fill the database with \"tuyengiao gen\" first", synthetic.CampaignTitle)
}

// aDistrict returns the first district-level committee of the subtree of rootID, or the
// root itself when it is one.
func aDistrict(ctx context.Context, db *sqldb.DB, rootID int64) (*tuyengiao.Unit, error) {
	return aUnitOf(ctx, db, rootID, "huyen_uy", "quan_uy", "thi_uy")
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) string {
	return vn.Decimal(float64(d.Microseconds())/1000, 1) + " ms"
}

func ratio(a, b time.Duration) string {
	return vn.Decimal(float64(a)/float64(b), 2) + "×"
}
