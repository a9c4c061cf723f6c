package synthetic

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	mrand "math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"tuyengiao"
	"tuyengiao/internal/dbtest"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/sqldb/sqldbtest"
	"tuyengiao/internal/vn"
)

// tinyScale is a province of three districts, small enough for a test.
var tinyScale = Spec{Scale: "tiny", Top: "province", Districts: 3, Grassroots: 12, Cells: 30,
	KeyCadres: 60, Members: 900, Probation: 20, Union: 80, Seed: 7, History: true}

func TestGenerate(t *testing.T) {
	// Several transactions of people, as in a big generation.
	defer func(n int64, b int) { genCommitRows, genBatch = n, b }(genCommitRows, genBatch)
	genCommitRows, genBatch = 400, 100
	sqldbtest.Engines(t, func(t *testing.T, dsn string) {
		db, raw := dbtest.Open(t, dsn), dbtest.Raw(t, dsn)
		ctx := sysadminCtx()
		var out bytes.Buffer
		if err := Generate(context.Background(), db, tinyScale, &out); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		count := func(q string, args ...any) int64 {
			t.Helper()
			var n int64
			if err := raw.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			return n
		}

		t.Run("writes the tree of the spec", func(t *testing.T) {
			units, total, err := db.FindUnits(ctx, tuyengiao.UnitFilter{})
			if err != nil {
				t.Fatal(err)
			}
			kinds := map[string]int{}
			for _, u := range units {
				kinds[u.Kind]++
			}
			grassroots := kinds["dang_uy_phuong"] + kinds["dang_uy_xa"] + kinds["dang_uy_thi_tran"] + kinds["dang_bo_co_so"] + kinds["chi_bo_co_so"]
			districts := kinds["quan_uy"] + kinds["huyen_uy"] + kinds["thi_uy"]
			if kinds["tinh_uy"] != 1 || districts != 3 || grassroots != 12 || kinds["chi_bo"] < 30 || total != 1+3+12+kinds["chi_bo"] {
				t.Errorf("%d units by kind: %v", total, kinds)
			}
			if units[0].Depth() != 1 || units[len(units)-1].Depth() < 3 {
				t.Errorf("first unit %+v, last %+v", units[0], units[len(units)-1])
			}
		})

		t.Run("counts every person active, with a status history row each", func(t *testing.T) {
			counts, err := db.CountPeople(ctx, 1, tuyengiao.Date{Time: time.Now().UTC()})
			if err != nil {
				t.Fatal(err)
			}
			by := map[tuyengiao.Category]int64{}
			for _, c := range counts {
				by[c.Category] += c.Count
			}
			want := map[tuyengiao.Category]int64{tuyengiao.CategoryKeyCadre: 60, tuyengiao.CategoryMember: 900,
				tuyengiao.CategoryProbation: 20, tuyengiao.CategoryUnion: 80}
			for cat, n := range want {
				if by[cat] != n {
					t.Errorf("%s: %d people, want %d (all: %v)", cat, by[cat], n, by)
				}
			}
			if n := count(`SELECT COUNT(*) FROM person_status_history h JOIN people p ON p.id = h.person_id AND p.status_date = h.on_date`); n != 1060 {
				t.Errorf("%d status history rows", n)
			}
			p, err := db.FindPersonByID(ctx, 100)
			if err != nil || p.FullName == "" || p.StatusDate.IsZero() {
				t.Errorf("person 100: %+v, %v", p, err)
			}
			people, total, err := db.FindPeople(ctx, tuyengiao.PersonFilter{Query: "nguyen", Limit: 3})
			if err != nil || total < 100 || len(people) != 3 {
				t.Errorf("people named Nguyễn: %d, %v", total, err)
			}
			for _, q := range []string{p.FullName, "van a", p.Phone, p.PartyCard} {
				_, want, _ := db.ScanPeople(ctx, tuyengiao.PersonFilter{Query: q})
				if _, got, err := db.FindPeople(ctx, tuyengiao.PersonFilter{Query: q}); err != nil || got != want || want == 0 {
					t.Errorf("%q: %d found, %d by the scan; %v", q, got, want, err)
				}
			}
		})

		t.Run("records the attendance of about 95% of the roster audiences, once per person", func(t *testing.T) {
			att := count(`SELECT COUNT(*) FROM attendance WHERE campaign_id = 1`)
			if att < 960*85/100 || att > 960*99/100 {
				t.Errorf("%d attendances of 960 key cadres and members", att)
			}
			if n := count(`SELECT COUNT(*) FROM campaign_attendees a JOIN people p ON p.id = a.person_id
				AND p.unit_id = a.unit_id AND p.category = a.category WHERE a.campaign_id = 1`); n != att {
				t.Errorf("%d matching attendees for %d attendances", n, att)
			}
			if n := count(`SELECT COUNT(DISTINCT method) FROM attendance`); n != 2 {
				t.Errorf("%d methods", n)
			}
			if n := count(`SELECT COUNT(*) FROM attendance a JOIN conferences c ON c.id = a.conference_id
				JOIN units cu ON cu.id = c.unit_id JOIN units pu ON pu.id = a.unit_id
				WHERE pu.path >= cu.path AND pu.path < cu.path || '~' AND a.campaign_id = 1`); n != att {
				t.Errorf("%d of %d attendances in the subtree of the conference's unit", n, att)
			}
		})

		t.Run("counts the campaigns' records and attendees by unit and category, as a recount does", func(t *testing.T) {
			for what, recount := range map[string]string{
				"attendances": `SELECT campaign_id, unit_id, category, COUNT(*) AS n FROM attendance GROUP BY campaign_id, unit_id, category`,
				"attended": `SELECT a.campaign_id, p.unit_id, p.category, COUNT(*) AS n FROM campaign_attendees a
					JOIN people p ON p.id = a.person_id WHERE p.status = 'active' GROUP BY a.campaign_id, p.unit_id, p.category`,
			} {
				if n := count(`SELECT COUNT(*) FROM (` + recount + `) r LEFT JOIN campaign_counts k ON k.campaign_id = r.campaign_id
					AND k.unit_id = r.unit_id AND k.category = r.category WHERE COALESCE(k.` + what + `, 0) <> r.n`); n != 0 {
					t.Errorf("%s: %d counts differ from the recount", what, n)
				}
				if kept, all := count(`SELECT COALESCE(SUM(`+what+`), 0) FROM campaign_counts`), count(`SELECT COALESCE(SUM(n), 0) FROM (`+recount+`) r`); kept != all || all == 0 {
					t.Errorf("%s: %d kept, %d recounted", what, kept, all)
				}
			}
		})

		t.Run("the campaign has its audiences, required units and bridge points", func(t *testing.T) {
			if n := count(`SELECT COUNT(*) FROM campaign_units WHERE campaign_id = 1`); n != 12 {
				t.Errorf("%d required units", n)
			}
			if n := count(`SELECT COUNT(*) FROM campaign_audiences WHERE campaign_id = 1`); n != 3 {
				t.Errorf("%d audiences", n)
			}
			hosts := count(`SELECT COUNT(*) FROM bridge_points b JOIN conferences f ON f.id = b.conference_id AND f.campaign_id = 1
				JOIN campaign_units cu ON cu.unit_id = b.unit_id AND cu.campaign_id = 1`)
			if hosts < 9 || hosts > 12 {
				t.Errorf("%d required units hosted a bridge point", hosts)
			}
			if n := count(`SELECT COUNT(*) FROM bridge_point_counts n JOIN bridge_points b ON b.id = n.bridge_point_id
				JOIN conferences f ON f.id = b.conference_id AND f.campaign_id = 1
				WHERE category = 'union' AND counted <= expected AND counted > 0`); n != 3 {
				t.Errorf("%d headcounts at the districts", n)
			}
		})

		t.Run("holds conferences in every half-year since January of last year, with more attendances than people", func(t *testing.T) {
			year := time.Now().Year() - 1
			for _, p := range []tuyengiao.Period{tuyengiao.HalfPeriod(year, 1), tuyengiao.HalfPeriod(year, 2), tuyengiao.HalfPeriod(year+1, 1)} {
				if p.From.After(time.Now().AddDate(0, -2, 0)) {
					continue
				}
				in := fmt.Sprintf("c.starts_at >= '%s' AND c.starts_at < '%s'", p.From.Format(time.DateOnly), p.To.AddDate(0, 0, 1).Format(time.DateOnly))
				confs := count(`SELECT COUNT(*) FROM conferences c WHERE ` + in)
				att := count(`SELECT COUNT(*) FROM attendance a JOIN conferences c ON c.id = a.conference_id WHERE ` + in)
				people := count(`SELECT COUNT(DISTINCT a.person_id) FROM attendance a JOIN conferences c ON c.id = a.conference_id WHERE ` + in)
				if confs < 6 || people < 500 || att <= people {
					t.Errorf("%s: %d conferences, %d attendances of %d people", p.Label(), confs, att, people)
				}
			}
			if n := count(`SELECT COUNT(*) FROM campaign_attendees`); n != count(`SELECT COUNT(*) FROM (SELECT DISTINCT campaign_id, person_id FROM attendance) d`) {
				t.Errorf("%d attendees", n)
			}
		})
		t.Run("registers documents of the root, the districts and the grassroots in each year", func(t *testing.T) {
			year := time.Now().Year() - 1
			for _, level := range []int{1, 2, 3} {
				n := count(fmt.Sprintf(`SELECT COUNT(*) FROM documents d JOIN units u ON u.id = d.issuing_unit_id
					WHERE d.issued_on >= '%d-01-01' AND d.issued_on < '%d-01-01' AND LENGTH(u.path) - LENGTH(REPLACE(u.path, '/', '')) = %d`,
					year, year+1, level+1))
				if n < 3 {
					t.Errorf("%d: %d documents of units at depth %d", year, n, level)
				}
			}
			if n := count(`SELECT COUNT(*) FROM document_relations r JOIN documents d ON d.id = r.to_id`); n < 30 {
				t.Errorf("%d relations", n)
			}
			if n := count(`SELECT COUNT(*) FROM document_fields`); n < 100 {
				t.Errorf("%d fields", n)
			}
		})
		t.Run("keeps records of every declared kind in every month of the history, each valid", func(t *testing.T) {
			now := time.Now().In(vn.Zone)
			months := int64(12 + now.Month() - 1) // those over: the one under way may have none yet
			today := tuyengiao.DateOf(now)
			thisMonth := now.Format("2006-01") + "-01"
			for _, k := range tuyengiao.RecordKinds() {
				if n := count(`SELECT COUNT(DISTINCT SUBSTR(` + k.Day + `, 1, 7)) FROM ` + k.Table + ` WHERE ` + k.Day + ` < '` + thisMonth + `'`); n != months {
					t.Errorf("%s: records in %d months of %d", k.Code, n, months)
				}
				if n := count(`SELECT COUNT(DISTINCT unit_id) FROM ` + k.Table); n < 20 {
					t.Errorf("%s: records of %d units", k.Code, n)
				}
				rs, total, err := db.RecordStore().FindRecords(ctx, k, tuyengiao.RecordFilter{})
				if err != nil || total < 500 {
					t.Fatalf("%s: %d records, %v", k.Code, total, err)
				}
				for _, r := range rs {
					if err := k.Validate(r.Values, today); err != nil {
						t.Fatalf("%s %d: %v %v", k.Code, r.ID, r.Values, err)
					}
				}
			}
			if v, err := db.RecordFigures().Version(ctx); err != nil || v < 2 {
				t.Errorf("the records' figure version is %d, %v", v, err)
			}
		})
		t.Run("leaves the references whole", func(t *testing.T) {
			if !sqldb.IsPostgres(dsn) {
				if n := count(`SELECT COUNT(*) FROM pragma_foreign_key_check`); n != 0 {
					t.Errorf("%d foreign key violations", n)
				}
			}
			if n := count(`SELECT COUNT(*) FROM people p LEFT JOIN units u ON u.id = p.unit_id WHERE u.id IS NULL`); n != 0 {
				t.Errorf("%d people without a unit", n)
			}
		})

		t.Run("leaves the schema as the migrations made it, people_counts filled, the planner's statistics gathered", func(t *testing.T) {
			if n := count(`SELECT COALESCE(SUM(active), 0) FROM people_counts`); n != 1060 {
				t.Errorf("people_counts holds %d active people", n)
			}
			if sqldb.IsPostgres(dsn) {
				return
			}
			if n := count(`SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'people'`); n == 0 {
				t.Error("no statistics of people")
			}
			schema := func(raw *sql.DB) []string {
				return dbtest.Column[string](t, raw, `SELECT type || ' ' || name FROM sqlite_master
					WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name`)
			}
			freshDSN := sqldbtest.SQLite(t)
			dbtest.Open(t, freshDSN)
			fresh := dbtest.Raw(t, freshDSN)
			if got, want := schema(raw), schema(fresh); !slices.Equal(got, want) {
				t.Errorf("schema after Generate:\n%v\nwant\n%v", got, want)
			}
		})

		t.Run("refuses a database that is not empty", func(t *testing.T) {
			err := Generate(context.Background(), db, tinyScale, &out)
			if tuyengiao.ErrorCode(err) != tuyengiao.ECONFLICT {
				t.Errorf("second run: %v", err)
			}
		})
	})
}

func TestPlanTree(t *testing.T) {
	for name, spec := range Scales {
		if name == "national" && testing.Short() {
			continue
		}
		plan, err := planTree(spec)
		if err != nil {
			t.Fatal(err)
		}
		levels := map[int8]int{}
		for i, u := range plan.units {
			levels[u.level]++
			if u.id != int64(i+1) || i > 0 && plan.units[u.parentID-1].level >= u.level {
				t.Fatalf("%s: unit %d: %+v", name, i, u)
			}
		}
		want := spec.Members + spec.KeyCadres + spec.Probation + spec.Union
		if plan.people != int64(want) || levels[levelGrassroots] != spec.Grassroots || levels[levelCell] < spec.Cells ||
			levels[levelCell] > spec.Cells*11/10 || spec.Top != "district" && levels[levelDistrict] != spec.Districts {
			t.Errorf("%s: %d people, units by level %v", name, plan.people, levels)
		}
	}
}

func TestRecordRates(t *testing.T) {
	// A year of records of each kind: some thousands in the seeds' city, some tens of
	// thousands in a province.
	for name, want := range map[string][2]float64{"city": {1000, 5000}, "province": {10_000, 100_000}} {
		plan, err := planTree(Scales[name])
		if err != nil {
			t.Fatal(err)
		}
		var year float64
		for _, u := range plan.units {
			year += 12 * recordRate(u)
		}
		if year < want[0] || year > want[1] {
			t.Errorf("%s: %.0f records of each kind a year, want %.0f to %.0f", name, year, want[0], want[1])
		}
	}
}

func TestRecordValues(t *testing.T) {
	r := mrand.New(mrand.NewPCG(1, 2))
	day, today := tuyengiao.DateOf(time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)), tuyengiao.DateOf(time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
	for _, k := range tuyengiao.RecordKinds() {
		t.Run(k.Code+" gets valid values of every field", func(t *testing.T) {
			given := map[string]bool{}
			for range 500 {
				v, err := recordValues(r, k, day, today)
				if err != nil {
					t.Fatal(err)
				}
				if !v.Day(k.Day).Equal(day.Time) {
					t.Fatalf("dated %v", v[k.Day])
				}
				for name, val := range v {
					if s, ok := val.(string); ok && s != vn.NFC(s) {
						t.Fatalf("%s: %q is not in NFC", name, s)
					}
					if val != reflect.Zero(reflect.TypeOf(val)).Interface() {
						given[name] = true
					}
				}
			}
			for _, f := range k.Fields {
				if !given[f.Name] && f.Type != tuyengiao.FieldRef && f.Type != tuyengiao.FieldPerson {
					t.Errorf("%s is never given", f.Name)
				}
			}
		})
	}
}

// sysadminCtx returns a context acting as a system administrator.
func sysadminCtx() context.Context {
	return tuyengiao.NewContext(context.Background(), &tuyengiao.Principal{
		UserID: 0, Login: "test-admin", Address: "127.0.0.1",
		Grants: []tuyengiao.Grant{{Role: tuyengiao.RoleSysadmin, UnitPath: "/"}},
	})
}
