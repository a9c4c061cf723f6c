package sqldb

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	mrand "math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"tuyengiao"
	"tuyengiao/internal/names"
	"tuyengiao/internal/vn"
)

// GenSpec is the size of a synthetic database written by Generate: a unit tree from a root
// down to party cells, the people in it, and one study campaign with its conferences and
// attendance.
type GenSpec struct {
	// Scale names the spec in messages.
	Scale string
	// Top is the level of the root: "national" (the Central Committee over Provinces
	// provinces), "province" (one provincial committee) or "district" (one urban district
	// committee, the size of the seeds' city).
	Top string
	// Provinces counts the provinces under a national root; Districts the district-level
	// committees in all (none under a district root); Grassroots the grassroots party
	// organisations (tổ chức cơ sở đảng); Cells the party cells under them.
	Provinces, Districts, Grassroots, Cells int
	// The people by category: key cadres at the committees, party members and probationary
	// members in the cells, union members at the grassroots organisations.
	KeyCadres, Members, Probation, Union int
	// Seed makes the data reproducible: the same spec and seed give the same database,
	// up to the day it is generated on (the campaign runs around that day).
	Seed uint64
}

// GenScales are the specs of "tuyengiao gen --scale": the seeds' district-sized city, one
// province, and the whole country (about 5,3 million people in 52.000 grassroots
// organisations and 200.000 cells).
var GenScales = map[string]GenSpec{
	"city": {Scale: "city", Top: "district", Grassroots: 71, Cells: 300,
		KeyCadres: 380, Members: 7300, Probation: 150, Union: 400},
	"province": {Scale: "province", Top: "province", Districts: 25, Grassroots: 1000, Cells: 4000,
		KeyCadres: 5000, Members: 88_000, Probation: 2000, Union: 5000},
	"national": {Scale: "national", Top: "national", Provinces: 63, Districts: 700, Grassroots: 52_000, Cells: 200_000,
		KeyCadres: 260_000, Members: 4_640_000, Probation: 100_000, Union: 300_000},
}

// GenCampaignTitle is the title of the campaign Generate writes, so that a load run finds it.
const GenCampaignTitle = "Học tập, quán triệt Nghị quyết số 35-NQ/TW của Bộ Chính trị"

// The levels of the generated tree.
const (
	levelRoot = iota
	levelProvince
	levelDistrict
	levelGrassroots
	levelCell
)

// genUnit is a unit of the planned tree.
type genUnit struct {
	id, parentID int64 // parentID 0 for the root
	parent       int32 // index in the planning order, -1 for the root
	end          int   // index in genPlan.units after the unit's subtree
	level        int8
	kind         string
	code, name   string
	sortOrder    int
	path         string
	kids         []int32
	people       [5]int32 // by the index of the category in tuyengiao.Categories
	firstID      int64    // the id of the unit's first person
	rate         int      // permille of its roster people who attended
	organised    bool     // a grassroots organisation that hosted a bridge point
}

// genPlan is the whole synthetic tree in preorder, before it is written.
type genPlan struct {
	units  []*genUnit // in preorder: units[i].id == i+1
	people int64
}

// Generate fills an empty, migrated database with the synthetic data of spec and writes
// its progress to out, one line per phase with the elapsed time. It refuses a database that
// has units or people (ECONFLICT). The rows are written in bulk (multi-row INSERTs on
// SQLite, COPY on PostgreSQL, and INSERT ... SELECT for the rows derived from people), in a
// few large transactions, without audit records: it is for load runs, not for a database in
// use. During the run the SQLite connection syncs nothing and checks no foreign keys, and the
// PostgreSQL session runs with replication role "replica", which skips the foreign-key
// triggers; the data is consistent by construction, and gen_test checks it.
func (db *DB) Generate(ctx context.Context, spec GenSpec, out io.Writer) error {
	start := time.Now()
	var units, people int64
	if err := db.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM units), (SELECT COUNT(*) FROM people)`).Scan(&units, &people); err != nil {
		return err
	}
	if units > 0 || people > 0 {
		return tuyengiao.Errorf(tuyengiao.ECONFLICT,
			"Cơ sở dữ liệu đã có %s đơn vị và %s người; chỉ sinh dữ liệu giả lập vào cơ sở dữ liệu trống.", vn.Int(units), vn.Int(people))
	}
	if spec.Seed == 0 {
		spec.Seed = 1
	}
	phase := time.Now()
	plan, err := planTree(spec)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "kế hoạch / plan: %s đơn vị, %s người (%s, seed %d) — %s\n",
		vn.Int(int64(len(plan.units))), vn.Int(plan.people), spec.Scale, spec.Seed, since(phase))

	conn, err := db.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	g := &genLoad{db: db, conn: conn, now: db.now()}
	// The campaign runs from the first day of the month before last for four months, so
	// that it is under way on the day of the generation and its conferences are past.
	y, m, _ := g.now.In(vn.Zone).Date()
	g.startOn = time.Date(y, m-2, 1, 0, 0, 0, 0, time.UTC)
	g.endOn = g.startOn.AddDate(0, 4, -1)
	if err := g.session(ctx, true); err != nil {
		return err
	}
	defer g.session(context.WithoutCancel(ctx), false)
	steps := []struct {
		name string
		fn   func(context.Context, *genPlan, GenSpec) (int64, error)
	}{
		{"đơn vị / units", g.units},
		{"bỏ chỉ mục, trigger / drop indexes, triggers", g.dropIndexes},
		{"người / people", g.people},
		{"lịch sử trạng thái / status history", g.history},
		{"số người theo đơn vị / people counts", g.peopleCounts},
		{"đợt học tập / campaign", g.campaign},
		{"hội nghị, điểm cầu / conferences", g.conferences},
		{"điểm danh / attendance", g.attendance},
		{"người đã học / campaign attendees", g.attendees},
		{"tạo lại chỉ mục, trigger / rebuild them", g.createIndexes},
		{"hoàn tất / finish", g.finish},
	}
	for _, s := range steps {
		phase := time.Now()
		if err := g.begin(ctx); err != nil {
			return err
		}
		n, err := s.fn(ctx, plan, spec)
		if err == nil {
			err = g.commit(ctx)
		}
		if err != nil {
			g.rollback()
			return fmt.Errorf("gen: %s: %w", s.name, err)
		}
		d := time.Since(phase)
		rate := ""
		if n >= 1000 && d > 0 {
			rate = fmt.Sprintf(", %s dòng/s", vn.Int(int64(float64(n)/d.Seconds())))
		}
		fmt.Fprintf(out, "%-40s %12s dòng / rows  %s%s\n", s.name, vn.Int(n), since(phase), rate)
	}
	if db.postgres {
		phase := time.Now()
		if err := g.vacuum(ctx); err != nil {
			return err
		}
		fmt.Fprintf(out, "%-40s %12s                %s\n", "VACUUM (ANALYZE)", "", since(phase))
	}
	fmt.Fprintf(out, "xong / done: %s\n", since(start))
	return nil
}

// since formats the time elapsed since t in seconds, Vietnamese style.
func since(t time.Time) string {
	return vn.Decimal(time.Since(t).Seconds(), 1) + " s"
}

// planTree lays out the unit tree of spec in preorder with the number of people of each unit.
func planTree(spec GenSpec) (*genPlan, error) {
	r := mrand.New(mrand.NewPCG(spec.Seed, 2026))
	var units []*genUnit
	add := func(parent int32, level int8, kind, code, name string) int32 {
		u := &genUnit{parent: parent, level: level, kind: kind, code: code, name: name}
		units = append(units, u)
		i := int32(len(units) - 1)
		if parent >= 0 {
			p := units[parent]
			p.kids = append(p.kids, i)
			u.sortOrder = len(p.kids) * 10
		}
		return i
	}
	var provinces, districts []int32
	switch spec.Top {
	case "national":
		if spec.Provinces < 1 || spec.Districts < spec.Provinces {
			return nil, fmt.Errorf("gen: a national spec needs provinces and at least as many districts")
		}
		add(-1, levelRoot, "trung_uong", "TW", "Ban Chấp hành Trung ương Đảng")
		for i := range spec.Provinces {
			name, kind := provinceNames[i%len(provinceNames)], "tinh_uy"
			if i < 5 {
				kind = "thanh_uy"
			}
			if i >= len(provinceNames) {
				name += " " + strconv.Itoa(i/len(provinceNames)+1)
			}
			title := "Tỉnh ủy " + name
			if kind == "thanh_uy" {
				title = "Thành ủy " + name
			}
			provinces = append(provinces, add(0, levelProvince, kind, fmt.Sprintf("P%02d", i+1), title))
		}
	case "province":
		if spec.Districts < 1 {
			return nil, fmt.Errorf("gen: a province spec needs districts")
		}
		provinces = append(provinces, add(-1, levelProvince, "tinh_uy", "P01", "Tỉnh ủy "+provinceNames[30]))
	case "district":
		districts = append(districts, add(-1, levelDistrict, "quan_uy", "D01", "Quận ủy Hoa Sơn"))
	default:
		return nil, fmt.Errorf("gen: unknown top level %q", spec.Top)
	}
	if len(provinces) > 0 {
		// Big provinces have more districts: weights from 0,5 to 2.
		counts := apportion(spec.Districts, weights(r, len(provinces), 0.5, 2))
		for pi, p := range provinces {
			names := placeNames(r)
			for d := range max(counts[pi], 1) {
				kind, label := "huyen_uy", "Huyện ủy "
				switch x := r.IntN(100); {
				case x < 14:
					kind, label = "quan_uy", "Quận ủy "
				case x < 24:
					kind, label = "thi_uy", "Thị ủy "
				}
				districts = append(districts, add(p, levelDistrict, kind,
					fmt.Sprintf("%s-D%02d", units[p].code, d+1), label+names(d)))
			}
		}
	}
	if spec.Grassroots < len(districts) || spec.Cells < 1 {
		return nil, fmt.Errorf("gen: too few grassroots organisations or cells")
	}
	var grassroots, homes []int32
	counts := apportion(spec.Grassroots, weights(r, len(districts), 0.5, 1.5))
	for di, d := range districts {
		names := placeNames(r)
		for gi := range max(counts[di], 1) {
			kind, name := grassrootsKind(r, units[d].kind, names(gi), gi)
			i := add(d, levelGrassroots, kind, fmt.Sprintf("%s-G%03d", units[d].code, gi+1), name)
			grassroots = append(grassroots, i)
			if kind == "chi_bo_co_so" {
				homes = append(homes, i) // a grassroots cell has no cells: its members belong to it
			}
		}
	}
	var withCells []int32
	for _, gi := range grassroots {
		if units[gi].kind != "chi_bo_co_so" {
			withCells = append(withCells, gi)
		}
	}
	counts = apportion(spec.Cells, weights(r, len(withCells), 0.4, 1.6))
	for wi, gi := range withCells {
		gu := units[gi]
		names := placeNames(r)
		for c := range max(counts[wi], 1) {
			homes = append(homes, add(gi, levelCell, "chi_bo", fmt.Sprintf("%s-C%02d", gu.code, c+1), cellName(gu.kind, names, c)))
		}
	}

	// People: members and probationary members in the cells, key cadres at the committees
	// (more at the higher ones), union members at the grassroots organisations.
	set := func(ids []int32, cat int, n []int) {
		for k, i := range ids {
			units[i].people[cat] = int32(n[k])
		}
	}
	hw := weights(r, len(homes), 0.4, 1.6)
	set(homes, 1, apportion(spec.Members, hw))
	set(homes, 2, apportion(spec.Probation, hw))
	var committees []int32
	var cw []float64
	for i, u := range units {
		f := map[int8]float64{levelProvince: 40, levelDistrict: 14, levelGrassroots: 1}[u.level]
		if f > 0 {
			committees = append(committees, int32(i))
			cw = append(cw, f*(0.7+0.6*r.Float64()))
		}
	}
	set(committees, 0, apportion(spec.KeyCadres, cw))
	set(grassroots, 3, apportion(spec.Union, weights(r, len(grassroots), 0.3, 1.7)))

	// Most grassroots organisations organised the study (hosted a bridge point); their
	// members attended at 93 to 99,9%, those of the others at 55 to 80%.
	for _, gi := range grassroots {
		gu := units[gi]
		gu.organised = r.IntN(1000) < 955
		gu.rate = 930 + r.IntN(70)
		if !gu.organised {
			gu.rate = 550 + r.IntN(250)
		}
	}

	// Preorder: ids, paths and people ids follow the tree, so that a subtree's units and
	// people are each a contiguous range of ids.
	plan := &genPlan{}
	order := make([]*genUnit, 0, len(units))
	var walk func(i int32, parentID int64, path string, rate int)
	walk = func(i int32, parentID int64, path string, rate int) {
		u := units[i]
		order = append(order, u)
		u.id, u.parentID = int64(len(order)), parentID
		u.path = path + strconv.FormatInt(u.id, 10) + "/"
		if u.rate == 0 {
			u.rate = rate
		}
		u.firstID = plan.people + 1
		for _, n := range u.people {
			plan.people += int64(n)
		}
		for _, k := range u.kids {
			walk(k, u.id, u.path, u.rate)
		}
		u.end = len(order)
	}
	walk(0, 0, "/", 980)
	plan.units = order
	return plan, nil
}

// weights returns n random weights between lo and hi.
func weights(r *mrand.Rand, n int, lo, hi float64) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = lo + (hi-lo)*r.Float64()
	}
	return w
}

// apportion splits total into parts proportional to w by the largest remainder, so that
// the parts add up to total exactly.
func apportion(total int, w []float64) []int {
	out := make([]int, len(w))
	if len(w) == 0 {
		return out
	}
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	type rem struct {
		i int
		f float64
	}
	rems := make([]rem, len(w))
	given := 0
	for i, x := range w {
		exact := float64(total) * x / sum
		out[i] = int(math.Floor(exact))
		given += out[i]
		rems[i] = rem{i, exact - float64(out[i])}
	}
	// What is left over goes one by one to the largest remainders.
	slices.SortStableFunc(rems, func(a, b rem) int { return cmp.Compare(b.f, a.f) })
	for k := range total - given {
		out[rems[k].i]++
	}
	return out
}

// genLoad writes the plan through one connection, in transactions it begins and commits.
type genLoad struct {
	db      *DB
	conn    *sql.Conn
	tx      *Tx
	stmts   map[string]*sql.Stmt
	now     time.Time
	indexes []string // the CREATE statements of the indexes and triggers dropped for the load
	// campaign dates
	startOn, endOn time.Time
}

// session prepares the connection for bulk writing (on) or restores it (off). Only the
// generator's own connection is changed, and only while it writes into an empty database.
func (g *genLoad) session(ctx context.Context, on bool) error {
	var stmts []string
	switch {
	case !g.db.postgres && on:
		stmts = []string{"PRAGMA foreign_keys = OFF", "PRAGMA synchronous = OFF", "PRAGMA cache_size = -1048576", "PRAGMA temp_store = MEMORY"}
	case !g.db.postgres:
		stmts = []string{"PRAGMA wal_checkpoint(TRUNCATE)", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = FULL", "PRAGMA cache_size = -32768", "PRAGMA temp_store = DEFAULT"}
	case on:
		stmts = []string{"SET synchronous_commit = off", "SET maintenance_work_mem = '1GB'", "SET work_mem = '256MB'"}
		// Skipping the foreign-key triggers needs a superuser; without one they run.
		if _, err := g.conn.ExecContext(ctx, "SET session_replication_role = replica"); err != nil {
			_ = err
		}
	default:
		stmts = []string{"RESET session_replication_role", "RESET synchronous_commit", "RESET maintenance_work_mem", "RESET work_mem"}
	}
	for _, s := range stmts {
		if _, err := g.conn.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("gen: %s: %w", s, err)
		}
	}
	return nil
}

func (g *genLoad) begin(ctx context.Context) error {
	tx, err := g.conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	g.tx, g.stmts = &Tx{tx: tx, db: g.db}, map[string]*sql.Stmt{}
	return nil
}

func (g *genLoad) commit(ctx context.Context) error {
	err := g.tx.commit(ctx)
	g.tx, g.stmts = nil, nil
	return err
}

func (g *genLoad) rollback() {
	if g.tx != nil {
		g.tx.tx.Rollback()
		g.tx, g.stmts = nil, nil
	}
}

// insert writes rows into table: by COPY on PostgreSQL, by multi-row INSERTs of as many
// rows as SQLite's limit of 32.766 parameters allows on SQLite.
func (g *genLoad) insert(ctx context.Context, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if g.db.postgres {
		return g.conn.Raw(func(dc any) error {
			_, err := dc.(*stdlib.Conn).Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
			return err
		})
	}
	per := min(32000/len(cols), 1000)
	args := make([]any, 0, per*len(cols))
	for start := 0; start < len(rows); start += per {
		batch := rows[start:min(start+per, len(rows))]
		key := table + "/" + strconv.Itoa(len(batch))
		st := g.stmts[key]
		if st == nil {
			row := "(" + placeholders(len(cols)) + ")"
			q := "INSERT OR FAIL INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES " +
				strings.TrimSuffix(strings.Repeat(row+", ", len(batch)), ", ")
			var err error
			if st, err = g.tx.tx.PrepareContext(ctx, q); err != nil {
				return err
			}
			g.stmts[key] = st
		}
		args = args[:0]
		for _, r := range batch {
			args = append(args, r...)
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}

// exec runs one statement and returns the rows it affected.
func (g *genLoad) exec(ctx context.Context, q string, args ...any) (int64, error) {
	res, err := g.tx.exec(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (g *genLoad) units(ctx context.Context, plan *genPlan, spec GenSpec) (int64, error) {
	if spec.Top == "national" {
		// The Central Committee is no kind of the defaults; an administrator would add it.
		if _, err := g.exec(ctx, `INSERT INTO unit_kinds (code, name, name_en, grp, sort_order, builtin)
			VALUES ('trung_uong', 'Trung ương', 'Central Committee', 'party', 5, ?) ON CONFLICT (code) DO NOTHING`, false); err != nil {
			return 0, err
		}
	}
	cols := []string{"id", "parent_id", "path", "code", "code_folded", "name", "name_folded", "kind", "sort_order", "created_at", "updated_at"}
	rows := make([][]any, 0, 5000)
	for _, u := range plan.units {
		var parent any
		if u.parentID != 0 {
			parent = u.parentID
		}
		rows = append(rows, []any{u.id, parent, u.path, u.code, strings.ToLower(u.code), u.name, vn.Fold(u.name), u.kind, u.sortOrder, g.now, g.now})
		if len(rows) == cap(rows) {
			if err := g.insert(ctx, "units", cols, rows); err != nil {
				return 0, err
			}
			rows = rows[:0]
		}
	}
	return int64(len(plan.units)), g.insert(ctx, "units", cols, rows)
}

// personCols are the columns of people that Generate writes.
var personCols = []string{"id", "unit_id", "full_name", "name_folded", "sort_key", "birth_year", "birth_date", "gender",
	"category", "position", "phone", "party_card", "status", "status_date", "created_at", "updated_at"}

// genProfile is how the people of a category are born and what share are women or have a
// phone.
type genProfile struct {
	from, to      int
	female, phone int // percent
}

// genProfiles are by the index of the category in tuyengiao.Categories.
var genProfiles = [5]genProfile{
	{1964, 1992, 22, 100}, // key cadres
	{1942, 2001, 40, 88},  // party members
	{1996, 2006, 48, 97},  // probationary members
	{1958, 2006, 55, 75},  // union members
	{1950, 2006, 50, 70},  // core masses
}

// people writes the people of the plan, unit by unit in preorder, so that their ids follow
// the tree. A goroutine makes the rows (names, sort keys) while this one writes them.
func (g *genLoad) people(ctx context.Context, plan *genPlan, spec GenSpec) (int64, error) {
	// The producer stops when this returns; the transactions stay on ctx, since database/sql
	// rolls back a transaction whose context ends.
	stop, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan [][]any, 8)
	go func() {
		defer close(batches)
		r := mrand.New(mrand.NewPCG(spec.Seed, 35))
		keys := map[string][]byte{}
		day := func(from, to time.Time) string {
			return from.AddDate(0, 0, r.IntN(int(to.Sub(from).Hours()/24)+1)).Format(time.DateOnly)
		}
		joinedFrom := time.Date(1995, 1, 1, 0, 0, 0, 0, time.UTC)
		joinedTo := g.startOn.AddDate(-1, 0, 0)
		batch := make([][]any, 0, genBatch)
		id, card := int64(0), 0
		for _, u := range plan.units {
			for ci, n := range u.people {
				cat, pf := tuyengiao.Categories[ci], genProfiles[ci]
				for k := range int(n) {
					id++
					gender := tuyengiao.GenderMale
					if r.IntN(100) < pf.female {
						gender = tuyengiao.GenderFemale
					}
					born := pf.from + r.IntN(pf.to-pf.from+1)
					var birthDate any
					if r.IntN(10) < 6 {
						birthDate = time.Date(born, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(365)).Format(time.DateOnly)
					}
					name := countryNames.FullName(r, gender, born)
					key, ok := keys[name]
					if !ok {
						key = vn.NameSortKey(name)
						keys[name] = key
					}
					phone := ""
					if r.IntN(100) < pf.phone {
						phone = fmt.Sprintf("0%d%08d", []int{9, 9, 3, 8, 7}[r.IntN(5)], r.IntN(100_000_000))
					}
					var partyCard any
					if cat == tuyengiao.CategoryKeyCadre || cat == tuyengiao.CategoryMember || cat == tuyengiao.CategoryProbation {
						card++
						partyCard = fmt.Sprintf("%09d", card)
					}
					since := day(joinedFrom, joinedTo)
					if cat == tuyengiao.CategoryProbation {
						since = day(g.startOn.AddDate(-2, 0, 0), joinedTo)
					}
					batch = append(batch, []any{id, u.id, name, vn.Fold(name), key, born, birthDate, string(gender),
						string(cat), genPosition(u, cat, k), phone, partyCard, string(tuyengiao.StatusActive), since, g.now, g.now})
					if len(batch) == cap(batch) {
						select {
						case batches <- batch:
						case <-stop.Done():
							return
						}
						batch = make([][]any, 0, genBatch)
					}
				}
			}
		}
		select {
		case batches <- batch:
		case <-stop.Done():
		}
	}()
	var n int64
	for b := range batches {
		if err := g.insert(ctx, "people", personCols, b); err != nil {
			return n, err
		}
		n += int64(len(b))
		// Commit every genCommitRows rows or so: the SQLite WAL and the PostgreSQL
		// transaction stay bounded.
		if n%genCommitRows < int64(len(b)) && n < plan.people {
			if err := g.commit(ctx); err != nil {
				return n, err
			}
			if err := g.begin(ctx); err != nil {
				return n, err
			}
		}
	}
	if n != plan.people {
		return n, fmt.Errorf("wrote %d people of %d", n, plan.people)
	}
	return n, nil
}

// genPosition returns the position (chức vụ) of the k-th person of a category at unit u.
func genPosition(u *genUnit, cat tuyengiao.Category, k int) string {
	switch cat {
	case tuyengiao.CategoryKeyCadre:
		switch {
		case k == 0:
			return "Bí thư"
		case k < 3:
			return "Phó Bí thư"
		case k < 3+int(u.people[0])/4:
			return "Ủy viên Ban Thường vụ"
		}
		return "Ủy viên Ban Chấp hành"
	case tuyengiao.CategoryMember:
		switch {
		case k == 0:
			return "Bí thư chi bộ"
		case k == 1:
			return "Phó Bí thư chi bộ"
		}
	case tuyengiao.CategoryUnion:
		if k == 0 {
			return "Chủ tịch Hội"
		}
	}
	return ""
}

// genCommitRows is about how many people Generate writes in one transaction; tests lower it.
var genCommitRows int64 = 500_000

// genBatch is how many people go in one batch from the goroutine that makes them; tests
// lower it.
var genBatch = 5000

// bulkTables are the tables of millions of rows whose secondary indexes are dropped while
// they are filled on SQLite and built again afterwards: building an index from sorted rows
// is several times faster than inserting every row into it, above all people's index on the
// sort key, which the rows reach in random order.
var bulkTables = []string{"people", "person_status_history", "attendance", "campaign_attendees"}

// dropIndexes drops the secondary indexes and the triggers of bulkTables on SQLite and
// keeps their definitions, as the migrations wrote them, for createIndexes; the indexes of
// constraints (primary keys, UNIQUE) stay. Without its triggers people_counts is not kept
// row by row during the load; peopleCounts fills it once the people are in. PostgreSQL keeps
// its indexes, since COPY fills them fast enough, and its session skips the triggers. A
// generation that fails midway leaves the database without them; it is to be deleted.
func (g *genLoad) dropIndexes(ctx context.Context, plan *genPlan, spec GenSpec) (int64, error) {
	if g.db.postgres {
		return 0, nil
	}
	rows, err := g.tx.query(ctx, `SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')
		AND sql IS NOT NULL AND tbl_name IN (`+placeholders(len(bulkTables))+`) ORDER BY type, name`, anySlice(bulkTables)...)
	if err != nil {
		return 0, err
	}
	var drops []string
	for rows.Next() {
		var typ, name, def string
		if err := rows.Scan(&typ, &name, &def); err != nil {
			rows.Close()
			return 0, err
		}
		drops, g.indexes = append(drops, "DROP "+strings.ToUpper(typ)+" "+name), append(g.indexes, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, q := range drops {
		if _, err := g.exec(ctx, q); err != nil {
			return 0, err
		}
	}
	return int64(len(drops)), nil
}

// createIndexes creates again the indexes and triggers dropIndexes dropped.
func (g *genLoad) createIndexes(ctx context.Context, plan *genPlan, spec GenSpec) (int64, error) {
	for _, def := range g.indexes {
		if _, err := g.exec(ctx, def); err != nil {
			return 0, err
		}
	}
	return int64(len(g.indexes)), nil
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// peopleCounts counts the people active now by unit and category afresh: the PostgreSQL
// session of the load runs without the triggers that keep people_counts.
func (g *genLoad) peopleCounts(ctx context.Context, plan *genPlan, spec GenSpec) (int64, error) {
	if _, err := g.exec(ctx, `DELETE FROM people_counts`); err != nil {
		return 0, err
	}
	return g.exec(ctx, rebuildPeopleCountsSQL)
}

// history writes the first status history row of every person: active from their status
// date, which CountPeople reads for a count as of a day before it.
func (g *genLoad) history(ctx context.Context, plan *genPlan, spec GenSpec) (int64, error) {
	return g.exec(ctx, `INSERT INTO person_status_history (person_id, status, on_date, recorded_at)
		SELECT id, status, status_date, created_at FROM people ORDER BY id`)
}

// campaign writes the document studied and the campaign, organised at the root for the key
// cadres, the party members and (by headcount) the union members, with the grassroots
// organisations as the units that must organise it.
func (g *genLoad) campaign(ctx context.Context, plan *genPlan, spec GenSpec) (int64, error) {
	root := plan.units[0]
	d := &tuyengiao.Document{Symbol: "35-NQ/TW", IssuedOn: tuyengiao.Date{Time: time.Date(2018, 10, 22, 0, 0, 0, 0, time.UTC)},
		Term: "XII", Title: "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới",
		UnitID: root.id}
	p, err := parseDocumentSymbol(d, vn.DefaultVocabulary())
	if err != nil {
		return 0, err
	}
	_, err = g.exec(ctx, `INSERT INTO documents (id, symbol, symbol_key, number, type, issuer, year, issued_on, term, title,
		summary, search, unit_id, created_at, updated_at, series) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
		d.Symbol, p.key, d.Number, d.Type, d.Issuer, d.Year, d.IssuedOn.Format(time.DateOnly), d.Term, d.Title,
		documentSearch(d, p.typeName, p.issuerName), root.id, g.now, g.now, p.series)
	if err != nil {
		return 0, err
	}
	search := " " + strings.Join(searchWords(GenCampaignTitle+" "+d.Symbol), " ") + " "
	_, err = g.exec(ctx, `INSERT INTO campaigns (id, unit_id, title, description, search, start_on, end_on, created_at, updated_at)
		VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`, root.id, GenCampaignTitle,
		"Đợt học tập, quán triệt do "+root.name+" tổ chức cho cán bộ chủ chốt, đảng viên và đoàn viên, hội viên (dữ liệu giả lập).",
		search, g.startOn.Format(time.DateOnly), g.endOn.Format(time.DateOnly), g.now, g.now)
	if err != nil {
		return 0, err
	}
	if _, err := g.exec(ctx, `INSERT INTO campaign_documents (campaign_id, document_id) VALUES (1, 1)`); err != nil {
		return 0, err
	}
	// Targets are in tenths of a percent.
	for _, a := range []struct {
		cat       tuyengiao.Category
		headcount bool
		target    int
	}{{tuyengiao.CategoryKeyCadre, false, 980}, {tuyengiao.CategoryMember, false, 950}, {tuyengiao.CategoryUnion, true, 850}} {
		if _, err := g.exec(ctx, `INSERT INTO campaign_audiences (campaign_id, category, headcount, target) VALUES (1, ?, ?, ?)`,
			string(a.cat), a.headcount, a.target); err != nil {
			return 0, err
		}
	}
	var rows [][]any
	for _, u := range plan.units {
		if u.level == levelGrassroots {
			rows = append(rows, []any{int64(1), u.id})
		}
	}
	return int64(len(rows)) + 6, g.insert(ctx, "campaign_units", []string{"campaign_id", "unit_id"}, rows)
}

// conferenceUnits are the units that hold a conference of the campaign: the provinces under
// a national root, the root otherwise.
func conferenceUnits(plan *genPlan) []*genUnit {
	var out []*genUnit
	for _, u := range plan.units {
		if u.level == levelProvince && u.parentID != 0 {
			out = append(out, u)
		}
	}
	if len(out) == 0 {
		out = append(out, plan.units[0])
	}
	return out
}

// conferences writes one conference per conference unit, with a bridge point at each of its
// district-level committees, which count the union members by headcount, and one at each
// grassroots organisation that organised the study; and its first key cadre presents.
func (g *genLoad) conferences(ctx context.Context, plan *genPlan, spec GenSpec) (int64, error) {
	r := mrand.New(mrand.NewPCG(spec.Seed, 14))
	confs := conferenceUnits(plan)
	var n int64
	var bps, counts, presenters [][]any
	bpID := int64(0)
	for k, c := range confs {
		// At 8 in the morning in Vietnam, from a week after the start, one province a day or so.
		day := g.startOn.AddDate(0, 0, 7+k*50/len(confs))
		starts := day.Add(1 * time.Hour)
		secret := make([]byte, 32)
		rand.Read(secret)
		_, err := g.exec(ctx, `INSERT INTO conferences (id, campaign_id, unit_id, title, starts_at, ends_at, form, materials, secret, created_at, updated_at)
			VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, int64(k+1), c.id,
			"Hội nghị học tập, quán triệt Nghị quyết số 35-NQ/TW – "+c.name, starts, starts.Add(3*time.Hour), string(tuyengiao.FormBoth),
			"Tài liệu học tập Nghị quyết số 35-NQ/TW (Ban Tuyên giáo Trung ương)", hex.EncodeToString(secret), g.now, g.now)
		if err != nil {
			return 0, err
		}
		n++
		if c.people[0] > 0 {
			presenters = append(presenters, []any{int64(k + 1), c.firstID})
		}
		for _, u := range plan.units[c.id-1 : c.end] {
			if u.level != levelDistrict && !(u.level == levelGrassroots && u.organised) {
				continue
			}
			bpID++
			bps = append(bps, []any{bpID, int64(k + 1), u.id, "Hội trường " + u.name})
			if u.level == levelDistrict {
				var union int64
				for _, s := range plan.units[u.id-1 : u.end] {
					union += int64(s.people[3])
				}
				expected := (union + 9) / 10 * 10
				counted := expected * int64(80+r.IntN(19)) / 100
				counts = append(counts, []any{bpID, string(tuyengiao.CategoryUnion), expected, counted})
			}
		}
	}
	if err := g.insert(ctx, "conference_presenters", []string{"conference_id", "person_id"}, presenters); err != nil {
		return 0, err
	}
	if err := g.insert(ctx, "bridge_points", []string{"id", "conference_id", "unit_id", "place"}, bps); err != nil {
		return 0, err
	}
	if err := g.insert(ctx, "bridge_point_counts", []string{"bridge_point_id", "category", "expected", "counted"}, counts); err != nil {
		return 0, err
	}
	return n + int64(len(presenters)+len(bps)+len(counts)), nil
}

// attendance records, conference by conference, the key cadres and party members of the
// conference unit's subtree who attended: the share of each unit's rate, picked by a hash
// of the person's id; those with a phone checked in at the start four times in ten, the
// others were ticked on the roster at the end.
func (g *genLoad) attendance(ctx context.Context, plan *genPlan, spec GenSpec) (int64, error) {
	if _, err := g.exec(ctx, `CREATE TEMP TABLE gen_rates (unit_id BIGINT PRIMARY KEY, rate INTEGER NOT NULL)`); err != nil {
		return 0, err
	}
	rows := make([][]any, 0, len(plan.units))
	for _, u := range plan.units {
		rows = append(rows, []any{u.id, u.rate})
	}
	if err := g.insert(ctx, "gen_rates", []string{"unit_id", "rate"}, rows); err != nil {
		return 0, err
	}
	var n int64
	for k, c := range conferenceUnits(plan) {
		last := plan.people + 1
		if c.end < len(plan.units) {
			last = plan.units[c.end].firstID
		}
		m, err := g.exec(ctx, `INSERT INTO attendance (conference_id, person_id, campaign_id, unit_id, category, method, recorded_at)
			SELECT c.id, p.id, c.campaign_id, p.unit_id, p.category,
				CASE WHEN p.phone <> '' AND (p.id / 7) % 10 < 4 THEN 'checkin' ELSE 'roster' END,
				CASE WHEN p.phone <> '' AND (p.id / 7) % 10 < 4 THEN c.starts_at ELSE c.ends_at END
			FROM conferences c, people p, gen_rates r
			WHERE c.id = ? AND p.id >= ? AND p.id < ? AND r.unit_id = p.unit_id
			AND p.category IN ('key_cadre', 'member') AND (p.id * 761) % 1000 < r.rate
			ORDER BY p.id`, int64(k+1), c.firstID, last)
		if err != nil {
			return n, err
		}
		n += m
	}
	_, err := g.exec(ctx, `DROP TABLE gen_rates`)
	return n, err
}

// attendees writes the distinct attendees of the campaign, as MarkAttendance and CheckIn
// keep them: each person attended one conference, so each attendance row is one attendee.
func (g *genLoad) attendees(ctx context.Context, plan *genPlan, spec GenSpec) (int64, error) {
	var n int64
	for k := range conferenceUnits(plan) {
		m, err := g.exec(ctx, `INSERT INTO campaign_attendees (campaign_id, person_id, unit_id, category, first_at)
			SELECT campaign_id, person_id, unit_id, category, recorded_at FROM attendance WHERE conference_id = ? ORDER BY person_id`, int64(k+1))
		if err != nil {
			return n, err
		}
		n += m
	}
	return n, nil
}

// finish moves PostgreSQL's identity sequences past the ids Generate gave.
func (g *genLoad) finish(ctx context.Context, plan *genPlan, spec GenSpec) (int64, error) {
	if !g.db.postgres {
		return 0, nil
	}
	for _, t := range []string{"units", "people", "person_status_history", "documents", "campaigns", "conferences", "bridge_points"} {
		if _, err := g.exec(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), (SELECT MAX(id) FROM `+t+`))`); err != nil {
			return 0, err
		}
	}
	return 0, nil
}

// vacuum leaves PostgreSQL's tables as autovacuum would after a while: with statistics for
// the planner and visibility maps, without which counts cannot use index-only scans. SQLite
// gets nothing, as the application never runs ANALYZE there.
func (g *genLoad) vacuum(ctx context.Context) error {
	_, err := g.conn.ExecContext(ctx, `VACUUM (ANALYZE)`)
	return err
}

// provinceNames are the 63 provinces and centrally-run cities, the five cities first.
var provinceNames = []string{
	"Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ",
	"An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
	"Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk",
	"Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh",
	"Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
	"Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình",
	"Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh",
	"Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa",
	"Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
}

// placeFirst and placeSecond make up place names such as "Tân Lập" or "Hòa Bình".
var (
	placeFirst = []string{"An", "Bình", "Cẩm", "Đông", "Gia", "Hòa", "Hưng", "Kim", "Long", "Mỹ", "Nam",
		"Phú", "Quang", "Tân", "Thạch", "Thanh", "Thuận", "Tiên", "Vĩnh", "Yên", "Xuân", "Đại", "Hồng",
		"Minh", "Ngọc", "Phúc", "Sơn", "Trung", "Hải", "Đức"}
	placeSecond = []string{"Bình", "Châu", "Định", "Giang", "Hà", "Hải", "Hòa", "Khánh", "Lâm", "Lạc", "Lập",
		"Lộc", "Lợi", "Minh", "Ninh", "Phong", "Phước", "Sơn", "Thành", "Thịnh", "Thủy", "Trung", "Xuân",
		"Yên", "Hưng", "Tiến", "Phú", "Thắng", "Mỹ", "An"}
)

// placeList holds every place name of placeFirst and placeSecond.
var placeList = func() []string {
	var names []string
	for _, a := range placeFirst {
		for _, b := range placeSecond {
			if a != b {
				names = append(names, a+" "+b)
			}
		}
	}
	return names
}()

// placeNames returns the place names of one district or commune in a random order, none
// repeated: a walk through placeList by a random step prime to its length, which costs
// nothing to set up for each of the 52.000 grassroots organisations.
func placeNames(r *mrand.Rand) func(i int) string {
	n := len(placeList)
	start, step := r.IntN(n), 1+r.IntN(n-1)
	for gcd(step, n) != 1 {
		step = 1 + r.IntN(n-1)
	}
	return func(i int) string { return placeList[(start+i%n*step)%n] }
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// genAgencies are the agencies, schools and enterprises that hold a grassroots party
// organisation of their own.
var genAgencies = []string{"Trường Trung học phổ thông", "Trường Trung học cơ sở", "Trường Tiểu học", "Bệnh viện đa khoa",
	"Trung tâm Y tế", "Công an", "Ban Chỉ huy Quân sự", "Công ty Cổ phần", "Chi cục Thuế", "Kho bạc Nhà nước",
	"Ngân hàng Nông nghiệp và Phát triển Nông thôn chi nhánh", "Trung tâm Giáo dục nghề nghiệp"}

// grassrootsKind returns the kind and name of the gi-th grassroots organisation of a
// district of the kind: mostly the ward, commune or township committees of its area, and
// the organisations of its agencies, schools and enterprises.
func grassrootsKind(r *mrand.Rand, districtKind, place string, gi int) (string, string) {
	x := r.IntN(100)
	switch {
	case x < 12:
		return "chi_bo_co_so", "Chi bộ " + genAgencies[r.IntN(len(genAgencies))] + " " + place
	case x < 30:
		return "dang_bo_co_so", "Đảng bộ " + genAgencies[r.IntN(len(genAgencies))] + " " + place
	}
	switch districtKind {
	case "quan_uy":
		return "dang_uy_phuong", "Đảng ủy phường " + place
	case "thi_uy":
		if x < 70 {
			return "dang_uy_phuong", "Đảng ủy phường " + place
		}
		return "dang_uy_xa", "Đảng ủy xã " + place
	}
	if gi == 0 {
		return "dang_uy_thi_tran", "Đảng ủy thị trấn " + place
	}
	return "dang_uy_xa", "Đảng ủy xã " + place
}

// cellName names the c-th cell of a grassroots organisation of the kind.
func cellName(kind string, places func(int) string, c int) string {
	switch kind {
	case "dang_uy_xa":
		return "Chi bộ thôn " + places(c)
	case "dang_uy_phuong", "dang_uy_thi_tran":
		return "Chi bộ tổ dân phố số " + strconv.Itoa(c+1)
	}
	return "Chi bộ " + []string{"Văn phòng", "Phòng Tổ chức - Hành chính", "Phòng Chuyên môn", "Tổ Kỹ thuật",
		"Phòng Kế hoạch - Tài chính", "Tổ Nghiệp vụ", "Phân xưởng", "Khối Hỗ trợ"}[c%8] + " " + strconv.Itoa(c/8+1)
}

// countryNames are the names of the generated country's people.
var countryNames = &names.Set{Family: genFamilyNames, Middle: genMiddleNames, Given: genGivenNames, SecondMiddle: 12}

// genFamilyNames are the family names of the whole country with rough frequencies per
// thousand people.
var genFamilyNames = []names.Weighted{
	{Word: "Nguyễn", Weight: 380}, {Word: "Trần", Weight: 110}, {Word: "Lê", Weight: 95},
	{Word: "Phạm", Weight: 70}, {Word: "Hoàng", Weight: 35}, {Word: "Huỳnh", Weight: 20},
	{Word: "Phan", Weight: 45}, {Word: "Vũ", Weight: 30}, {Word: "Võ", Weight: 25},
	{Word: "Đặng", Weight: 21}, {Word: "Bùi", Weight: 20}, {Word: "Đỗ", Weight: 15},
	{Word: "Hồ", Weight: 14},
	{Word: "Ngô", Weight: 13}, {Word: "Dương", Weight: 11}, {Word: "Lý", Weight: 6},
	{Word: "Đinh", Weight: 9}, {Word: "Trịnh", Weight: 7}, {Word: "Đào", Weight: 7},
	{Word: "Đoàn", Weight: 6},
	{Word: "Lương", Weight: 5}, {Word: "Nông", Weight: 3}, {Word: "Chu", Weight: 3},
	{Word: "Hà", Weight: 6}, {Word: "Mai", Weight: 5}, {Word: "Cao", Weight: 5},
	{Word: "Lâm", Weight: 4}, {Word: "Tạ", Weight: 3},
	{Word: "Lưu", Weight: 3}, {Word: "Tô", Weight: 3}, {Word: "Quách", Weight: 2},
	{Word: "Thái", Weight: 3}, {Word: "Kiều", Weight: 2}, {Word: "Triệu", Weight: 2},
}

// genMiddleNames are by gender; the first, Văn or Thị, is rarer among people born since 1990.
var genMiddleNames = map[tuyengiao.Gender][]names.Weighted{
	tuyengiao.GenderMale: {{Word: "Văn", Weight: 60}, {Word: "Đức", Weight: 8},
		{Word: "Minh", Weight: 8}, {Word: "Hữu", Weight: 6}, {Word: "Quốc", Weight: 5},
		{Word: "Thanh", Weight: 5},
		{Word: "Quang", Weight: 5}, {Word: "Công", Weight: 4}, {Word: "Xuân", Weight: 4},
		{Word: "Mạnh", Weight: 3}, {Word: "Tiến", Weight: 3}, {Word: "Trọng", Weight: 3},
		{Word: "Duy", Weight: 3},
		{Word: "Thế", Weight: 3}, {Word: "Hoàng", Weight: 2}, {Word: "Ngọc", Weight: 2},
		{Word: "Anh", Weight: 2}, {Word: "Tấn", Weight: 3}, {Word: "Hồng", Weight: 2}},
	tuyengiao.GenderFemale: {{Word: "Thị", Weight: 70}, {Word: "Ngọc", Weight: 6},
		{Word: "Thu", Weight: 5}, {Word: "Thanh", Weight: 5}, {Word: "Hồng", Weight: 4},
		{Word: "Minh", Weight: 3}, {Word: "Phương", Weight: 3}, {Word: "Kim", Weight: 3},
		{Word: "Thúy", Weight: 3}, {Word: "Bích", Weight: 3}, {Word: "Thùy", Weight: 3},
		{Word: "Hải", Weight: 2},
		{Word: "Mai", Weight: 2}, {Word: "Diệu", Weight: 2}, {Word: "Khánh", Weight: 2},
		{Word: "Bảo", Weight: 2}},
}

// genGivenNames are by gender, equally likely.
var genGivenNames = map[tuyengiao.Gender][]string{
	tuyengiao.GenderMale: {"An", "Bình", "Cường", "Dũng", "Đạt", "Đông", "Đức", "Giang", "Hải",
		"Hiếu", "Hòa", "Hoàng", "Hùng", "Huy", "Hưng", "Khánh", "Khoa", "Kiên", "Lâm", "Long",
		"Lực", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quang", "Quân", "Sơn", "Tài",
		"Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Lộc", "Phát",
		"Tâm", "Thiện", "Trí", "Nhân", "Bảo", "Khải", "Duy", "Hậu"},
	tuyengiao.GenderFemale: {"Anh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hằng", "Hạnh", "Hiền",
		"Hoa", "Hồng", "Huệ", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga",
		"Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Tâm", "Thảo", "Thu", "Thủy", "Trang",
		"Tuyết", "Uyên", "Vân", "Yến", "Diễm", "Như", "Trinh", "Xuân"},
}

// AttendeeFloor runs the floor the campaign dashboard is measured against: one plain GROUP
// BY over the campaign's distinct attendees, by unit and category, with no subtree bound
// and no access check, read into UnitCounts as the dashboard's queries are. It is for load
// runs only.
func (db *DB) AttendeeFloor(ctx context.Context, campaignID int64) ([]tuyengiao.UnitCount, error) {
	return db.unitCounts(ctx, `SELECT unit_id, category, COUNT(*) FROM campaign_attendees WHERE campaign_id = ?
		GROUP BY unit_id, category`, campaignID)
}
