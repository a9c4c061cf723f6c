package loadrun

import (
	"context"
	"fmt"
	"io"
	"slices"

	"tuyengiao"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/vn"
)

// searchQueries are the queries Search measures besides the one asked: a name of which only
// the family name is common, part of a name from inside a word, a name of one short word, the
// start of a phone number shared by one in five (a network's), and a word no name has, whose
// time is what every search costs besides finding people (its audit record among it).
var searchQueries = []string{"tran thi", "guyen van an", "an", "0912", "zzz"}

// Search measures the search of people (sqldb.DB.FindPeople, the page of 20 and the total,
// as GET /api/v1/people?q=…&limit=20 asks it) on the database at dsn, filled by gen, for a
// system administrator over the whole country and for a viewer of a province and of a
// district, with the query q and searchQueries; and, for q, the scan every search was before
// the search terms (sqldb.DB.ScanPeople), scanN times. Each is called once, then n (or
// scanN) times interleaved with the others, of which the median and the fastest are printed.
func Search(ctx context.Context, dsn, q string, n, scanN int, out io.Writer) error {
	admin := tuyengiao.NewContext(ctx, &tuyengiao.Principal{Login: "loadrun",
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin, UnitPath: "/"}}})
	db, err := open(admin, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	roots, _, err := db.FindUnits(admin, tuyengiao.UnitFilter{MaxDepth: 1, Limit: 1})
	if err != nil {
		return err
	} else if len(roots) == 0 {
		return fmt.Errorf("loadrun: no unit")
	}
	province, err := aUnitOf(admin, db, roots[0].ID, "tinh_uy", "thanh_uy")
	if err != nil {
		return err
	}
	district, err := aDistrict(admin, db, province.ID)
	if err != nil {
		return err
	}
	viewer := func(u *tuyengiao.Unit) context.Context {
		return tuyengiao.NewContext(ctx, &tuyengiao.Principal{Login: "loadrun",
			Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleViewer, UnitID: u.ID, UnitPath: u.Path}}})
	}
	scopes := []struct {
		name string
		ctx  context.Context
	}{{"country (sysadmin)", admin}, {"province: " + province.Name, viewer(province)}, {"district: " + district.Name, viewer(district)}}
	// A whole phone number, of someone in the district.
	someone, _, err := db.FindPeople(viewer(district), tuyengiao.PersonFilter{Limit: 1})
	if err != nil {
		return err
	} else if len(someone) == 0 {
		return fmt.Errorf("loadrun: no people in %s", district.Name)
	}
	var terms, scans []*measure
	for _, s := range scopes {
		for _, query := range append([]string{q, someone[0].Phone}, searchQueries...) {
			terms = append(terms, searchMeasure(fmt.Sprintf("%s %q", s.name, query), s.ctx, db.FindPeople, query))
		}
		scans = append(scans, searchMeasure(fmt.Sprintf("%s %q, scan", s.name, q), s.ctx, db.ScanPeople, q))
	}
	if err := rounds(ctx, terms, n); err != nil {
		return err
	}
	if err := rounds(ctx, scans, scanN); err != nil {
		return err
	}
	fmt.Fprintf(out, "%-60s %10s %12s %12s %12s\n", "", "found", "first call", "warm median", "warm min")
	for _, m := range append(terms, scans...) {
		fmt.Fprintf(out, "%-60s %10s %12s %12s %12s\n", m.name, vn.Int(int64(m.rows)), ms(m.first), ms(median(m.times)), ms(slices.Min(m.times)))
	}
	return nil
}

// searchMeasure returns the measure of find for the first page of 20 people the query finds
// in the scope of ctx, which counts the people found.
func searchMeasure(name string, ctx context.Context, find func(context.Context, tuyengiao.PersonFilter) ([]*tuyengiao.Person, int, error), q string) *measure {
	return &measure{name: name, run: func(context.Context) (int, error) {
		_, total, err := find(ctx, tuyengiao.PersonFilter{Query: q, Limit: 20})
		return total, err
	}}
}

// aUnitOf returns the first unit below root of the first of the kinds that has one.
func aUnitOf(ctx context.Context, db *sqldb.DB, rootID int64, kinds ...string) (*tuyengiao.Unit, error) {
	for _, kind := range kinds {
		units, _, err := db.FindUnits(ctx, tuyengiao.UnitFilter{RootID: rootID, Kind: kind, Limit: 1})
		if err != nil {
			return nil, err
		}
		if len(units) > 0 {
			return units[0], nil
		}
	}
	return nil, fmt.Errorf("loadrun: no unit of kinds %v under unit %d", kinds, rootID)
}
