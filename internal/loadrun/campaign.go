// Package loadrun measures the application's heavy reads on a database filled by
// synthetic.Generate ("tuyengiao gen"), and prints the figures: a load run, generated once and
// measured many times, rather than a Go benchmark that would generate its data each run.
package loadrun

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"tuyengiao"
	"tuyengiao/internal/rollup"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/synthetic"
	"tuyengiao/internal/vn"
)

// Campaign measures the dashboard of the generated campaign on the database at dsn: the
// counts (CampaignService.CampaignCounts) and their roll-up (rollup.CampaignParticipation)
// for the campaign's root and for one district, and the floor, one plain GROUP BY over the
// campaign's attendees (sqldb.AttendeeFloor). Each is measured cold, as the first call
// on a freshly opened database (the operating system's file cache stays warm), then warm,
// as the median of n calls interleaved with the others, so that the noise of a shared
// machine falls on all alike. The unit trees are loaded once beforehand, as a server keeps
// them; their load time is printed apart.
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
	var targets []*target
	for _, id := range []int64{c.UnitID, district.ID} {
		t := &target{rootID: id}
		start := time.Now()
		units, _, err := db.FindUnits(ctx, tuyengiao.UnitFilter{RootID: id, IncludeClosed: true})
		if err != nil {
			return err
		}
		if t.tree, err = rollup.Build(units); err != nil {
			return err
		}
		t.treeTime, t.name, t.units = time.Since(start), units[0].Name, len(units)
		targets = append(targets, t)
	}
	fmt.Fprintf(out, "đợt / campaign %d: %s\n", c.ID, c.Title)
	for _, t := range targets {
		fmt.Fprintf(out, "  %-9s %s: %s đơn vị, cây nạp trong / tree loaded in %s (not part of the dashboard)\n",
			label(t, targets), t.name, vn.Int(int64(t.units)), ms(t.treeTime))
	}
	db.Close()

	// Cold: each measure is the first call on a database opened for it.
	for _, t := range targets {
		if err := fresh(ctx, dsn, func(db *sqldb.DB) error {
			counts, part, err := t.dashboard(ctx, db, c)
			t.cold, t.coldPart = counts, part
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
	var floorWarm []time.Duration
	for i := range n + 1 {
		for _, t := range targets {
			counts, part, err := t.dashboard(ctx, db, c)
			if err != nil {
				return err
			}
			people, err := t.peopleCount(ctx, db)
			if err != nil {
				return err
			}
			if i > 0 {
				t.warm, t.warmPart = append(t.warm, counts), append(t.warmPart, part)
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
		fmt.Fprintf(out, "%-44s %12s %12s %12s\n", l+" CampaignCounts", ms(t.cold), ms(median(t.warm)), ms(slices.Min(t.warm)))
		fmt.Fprintf(out, "%-44s %12s %12s %12s\n", l+"   of which people count", "", ms(median(t.warmPeople)), ms(slices.Min(t.warmPeople)))
		fmt.Fprintf(out, "%-44s %12s %12s %12s\n", l+" roll-up", ms(t.coldPart), ms(median(t.warmPart)), ms(slices.Min(t.warmPart)))
		fmt.Fprintf(out, "%-44s %12s %12s %12s\n", l+" dashboard (counts + roll-up)", ms(t.cold+t.coldPart),
			ms(median(sum(t.warm, t.warmPart))), ms(slices.Min(sum(t.warm, t.warmPart))))
	}
	fmt.Fprintf(out, "%-44s %12s %12s %12s\n", fmt.Sprintf("floor (GROUP BY, %s rows)", vn.Int(int64(floorRows))),
		ms(floorCold), ms(median(floorWarm)), ms(slices.Min(floorWarm)))
	root := targets[0]
	fmt.Fprintf(out, "%-44s %12s %12s\n", "root dashboard / floor", ratio(root.cold+root.coldPart, floorCold),
		ratio(median(sum(root.warm, root.warmPart)), median(floorWarm)))

	// The figures themselves, to see that the data and the roll-up make sense.
	fmt.Fprintln(out)
	for _, t := range targets {
		fmt.Fprintf(out, "%s %s:", label(t, targets), t.name)
		i, _ := t.tree.Index(t.rootID)
		for a, aud := range c.Audiences {
			took, base := t.part.Took(i, a)
			rate, _ := t.part.Rate(i, a)
			fmt.Fprintf(out, " %s %s/%s (%s%%, chỉ tiêu %s%%);", aud.Category.Name(), vn.Int(took), vn.Int(base),
				vn.Decimal(rate*100, 1), vn.Decimal(aud.Target, 1))
		}
		required, organised := t.part.Units(i)
		fmt.Fprintf(out, " đã tổ chức / organised %s/%s, hội nghị / conferences %s\n", vn.Int(organised), vn.Int(required),
			vn.Int(t.part.Conferences(i)))
	}
	return nil
}

// target is a unit whose dashboard is measured.
type target struct {
	rootID         int64
	name           string
	units          int
	tree           *rollup.Tree
	treeTime       time.Duration
	cold, coldPart time.Duration
	warm, warmPart []time.Duration
	// The people count of CampaignCounts measured apart, through CountPeople, which runs
	// the same query.
	warmPeople []time.Duration
	part       *rollup.Participation
	asOf       tuyengiao.Date // the day CampaignCounts counted the people on
}

// dashboard computes the campaign's dashboard at the target and returns the time of the
// counts and of the roll-up.
func (t *target) dashboard(ctx context.Context, db *sqldb.DB, c *tuyengiao.Campaign) (counts, part time.Duration, err error) {
	start := time.Now()
	cc, err := db.CampaignCounts(ctx, c.ID, t.rootID)
	if err != nil {
		return 0, 0, err
	}
	mid := time.Now()
	t.part, t.asOf = rollup.CampaignParticipation(t.tree, c, cc), cc.AsOf
	return mid.Sub(start), time.Since(mid), nil
}

// peopleCount measures apart the part of CampaignCounts that counts the people of the
// subtree, through CountPeople, which runs the same query, on the day the last dashboard
// counted them.
func (t *target) peopleCount(ctx context.Context, db *sqldb.DB) (time.Duration, error) {
	start := time.Now()
	_, err := db.CountPeople(ctx, t.rootID, t.asOf)
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
	if err := db.Migrate(ctx); err != nil {
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
	for _, kind := range []string{"huyen_uy", "quan_uy", "thi_uy"} {
		units, _, err := db.FindUnits(ctx, tuyengiao.UnitFilter{RootID: rootID, Kind: kind, Limit: 1})
		if err != nil {
			return nil, err
		}
		if len(units) > 0 {
			return units[0], nil
		}
	}
	return nil, fmt.Errorf("loadrun: no district under unit %d", rootID)
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func sum(a, b []time.Duration) []time.Duration {
	out := make([]time.Duration, len(a))
	for i := range a {
		out[i] = a[i] + b[i]
	}
	return out
}

func ms(d time.Duration) string {
	return vn.Decimal(float64(d.Microseconds())/1000, 1) + " ms"
}

func ratio(a, b time.Duration) string {
	return vn.Decimal(float64(a)/float64(b), 2) + "×"
}
