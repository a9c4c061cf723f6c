// Package synthetic plans the synthetic data of load runs ("tuyengiao gen"): a unit tree from a
// root down to party cells, the people in it, and one study campaign with its conferences
// and attendance, with a history of campaigns, documents and records of every declared kind,
// the same for the same seed; it writes them through sqldb's bulk load,
// which keeps the SQL and the engines' details.
package synthetic

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	mrand "math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/names"
	"tuyengiao/internal/sqldb"
	"tuyengiao/internal/vn"
)

// Spec is the size of a synthetic database written by Generate: a unit tree from a root
// down to party cells, the people in it, and one study campaign with its conferences and
// attendance.
type Spec struct {
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
	// History asks for the records of last year and of this year up to the campaign under way
	// (history.go): campaigns every two months with their conferences, classes and
	// attendance, and documents; and the records of every declared kind up to the day of the
	// generation (records.go). The national scale goes without: it would multiply its
	// attendance several times over.
	History bool
	// Seed makes the data reproducible: the same spec and seed give the same database,
	// up to the day it is generated on (the campaign runs around that day).
	Seed uint64
}

// Scales are the specs of "tuyengiao gen --scale": the seeds' district-sized city, one
// province, and the whole country (about 5,3 million people in 52.000 grassroots
// organisations and 200.000 cells).
var Scales = map[string]Spec{
	"city": {Scale: "city", Top: "district", Grassroots: 71, Cells: 300,
		KeyCadres: 380, Members: 7300, Probation: 150, Union: 400, History: true},
	"province": {Scale: "province", Top: "province", Districts: 25, Grassroots: 1000, Cells: 4000,
		KeyCadres: 5000, Members: 88_000, Probation: 2000, Union: 5000, History: true},
	"national": {Scale: "national", Top: "national", Provinces: 63, Districts: 700, Grassroots: 52_000, Cells: 200_000,
		KeyCadres: 260_000, Members: 4_640_000, Probation: 100_000, Union: 300_000},
}

// CampaignTitle is the title of the campaign Generate writes, so that a load run finds it.
const CampaignTitle = "Học tập, quán triệt Nghị quyết số 35-NQ/TW của Bộ Chính trị"

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

// Generate fills the empty, migrated database db with the synthetic data of spec and writes
// its progress to out, one line per phase with the elapsed time. It refuses a database that
// has units or people (ECONFLICT). The rows go through a sqldb.BulkLoad, in a few large
// transactions, without audit records: it is for load runs, not for a database in use. The
// load checks no foreign keys; the data is consistent by construction, and gen_test checks it.
func Generate(ctx context.Context, db *sqldb.DB, spec Spec, out io.Writer) error {
	start := time.Now()
	load, err := db.OpenBulkLoad(ctx)
	if err != nil {
		return err
	}
	defer load.Close()
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

	g := &genLoad{load: load, now: load.Now()}
	// The campaign runs from the first day of the month before last for four months, so
	// that it is under way on the day of the generation and its conferences are past.
	y, m, _ := g.now.In(vn.Zone).Date()
	g.startOn = time.Date(y, m-2, 1, 0, 0, 0, 0, time.UTC)
	g.endOn = g.startOn.AddDate(0, 4, -1)
	steps := []struct {
		name string
		fn   func(context.Context, *genPlan, Spec) (int64, error)
	}{
		{"đơn vị / units", g.units},
		{"bỏ chỉ mục, trigger / drop indexes, triggers", g.dropIndexes},
		{"người / people", g.people},
		{"lịch sử trạng thái / status history", g.history},
		{"số người theo đơn vị / people counts", g.peopleCounts},
		{"tìm kiếm người / people search", g.peopleSearch},
		{"đợt học tập / campaign", g.campaign},
		{"hội nghị, điểm cầu / conferences", g.conferences},
		{"lịch sử: văn bản / history: documents", g.historyDocuments},
		{"lịch sử: đợt, hội nghị / history: campaigns, conferences", g.historyConferences},
		{"điểm danh / attendance", g.attendance},
		{"người đã học / campaign attendees", g.attendees},
		{"lịch sử: bản ghi / history: records", g.records},
		{"tạo lại chỉ mục, trigger / rebuild them", g.createIndexes},
		{"số đếm của đợt / campaign counts", g.campaignCounts},
		{"hoàn tất / finish", g.finish},
	}
	for _, s := range steps {
		phase := time.Now()
		if err := load.Begin(ctx); err != nil {
			return err
		}
		n, err := s.fn(ctx, plan, spec)
		if err == nil {
			err = load.Commit(ctx)
		}
		if err != nil {
			load.Rollback()
			return fmt.Errorf("gen: %s: %w", s.name, err)
		}
		d := time.Since(phase)
		rate := ""
		if n >= 1000 && d > 0 {
			rate = fmt.Sprintf(", %s dòng/s", vn.Int(int64(float64(n)/d.Seconds())))
		}
		fmt.Fprintf(out, "%-40s %12s dòng / rows  %s%s\n", s.name, vn.Int(n), since(phase), rate)
	}
	phase = time.Now()
	if err := load.Vacuum(ctx); err != nil {
		return err
	}
	vacuum := "PRAGMA optimize"
	if load.Postgres() {
		vacuum = "VACUUM (ANALYZE)"
	}
	fmt.Fprintf(out, "%-40s %12s                %s\n", vacuum, "", since(phase))
	fmt.Fprintf(out, "xong / done: %s\n", since(start))
	return nil
}

// since formats the time elapsed since t in seconds, Vietnamese style.
func since(t time.Time) string {
	return vn.Decimal(time.Since(t).Seconds(), 1) + " s"
}

// planTree lays out the unit tree of spec in preorder with the number of people of each unit.
func planTree(spec Spec) (*genPlan, error) {
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

// genLoad writes the plan through a bulk load.
type genLoad struct {
	load *sqldb.BulkLoad
	now  time.Time
	// campaign dates
	startOn, endOn time.Time
	// confs are the conferences written so far, with the people invited to each.
	confs []sqldb.ConferencePeople
	// The last ids given to documents, conferences and bridge points.
	nextDoc, nextConf, nextBP int64
	// studied are the central documents the campaigns of the history study, in order.
	studied []int64
}

func (g *genLoad) units(ctx context.Context, plan *genPlan, spec Spec) (int64, error) {
	if spec.Top == "national" {
		// The Central Committee is no kind of the defaults; an administrator would add it.
		if err := g.load.AddUnitKind(ctx, tuyengiao.UnitKind{Code: "trung_uong", Name: "Trung ương",
			NameEN: "Central Committee", Group: "party", SortOrder: 5}); err != nil {
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
			if err := g.load.Insert(ctx, "units", cols, rows); err != nil {
				return 0, err
			}
			rows = rows[:0]
		}
	}
	return int64(len(plan.units)), g.load.Insert(ctx, "units", cols, rows)
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
func (g *genLoad) people(ctx context.Context, plan *genPlan, spec Spec) (int64, error) {
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
					if cat == tuyengiao.CategoryProbation { // admitted over the last eighteen months: the register grows
						since = day(g.now.AddDate(0, 0, -540), g.now)
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
		if err := g.load.Insert(ctx, "people", personCols, b); err != nil {
			return n, err
		}
		n += int64(len(b))
		// Commit every genCommitRows rows or so: the SQLite WAL and the PostgreSQL
		// transaction stay bounded.
		if n%genCommitRows < int64(len(b)) && n < plan.people {
			if err := g.load.Commit(ctx); err != nil {
				return n, err
			}
			if err := g.load.Begin(ctx); err != nil {
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

// dropIndexes, createIndexes, history, peopleCounts, campaignCounts and peopleSearch are the steps of Generate that
// the bulk load does by itself.
func (g *genLoad) dropIndexes(ctx context.Context, _ *genPlan, _ Spec) (int64, error) {
	return g.load.DropIndexes(ctx)
}

func (g *genLoad) createIndexes(ctx context.Context, _ *genPlan, _ Spec) (int64, error) {
	return g.load.CreateIndexes(ctx)
}

func (g *genLoad) history(ctx context.Context, _ *genPlan, _ Spec) (int64, error) {
	return g.load.WriteStatusHistory(ctx)
}

func (g *genLoad) peopleCounts(ctx context.Context, _ *genPlan, _ Spec) (int64, error) {
	return g.load.RefreshPeopleCounts(ctx)
}

func (g *genLoad) campaignCounts(ctx context.Context, _ *genPlan, _ Spec) (int64, error) {
	return g.load.RefreshCampaignCounts(ctx)
}

func (g *genLoad) peopleSearch(ctx context.Context, _ *genPlan, _ Spec) (int64, error) {
	return g.load.WritePeopleSearch(ctx)
}

// campaign writes the document studied and the campaign, organised at the root for the key
// cadres, the party members and (by headcount) the union members, with the grassroots
// organisations as the units that must organise it.
func (g *genLoad) campaign(ctx context.Context, plan *genPlan, spec Spec) (int64, error) {
	root := plan.units[0]
	d := &tuyengiao.Document{Symbol: "35-NQ/TW", IssuedOn: tuyengiao.Date{Time: time.Date(2018, 10, 22, 0, 0, 0, 0, time.UTC)},
		Term: "XII", Title: "Về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới",
		UnitID: root.id}
	g.nextDoc = 1
	if err := g.load.InsertDocument(ctx, 1, d); err != nil {
		return 0, err
	}
	c := &tuyengiao.Campaign{ID: 1, UnitID: root.id, Title: CampaignTitle,
		Description: "Đợt học tập, quán triệt do " + root.name + " tổ chức cho cán bộ chủ chốt, đảng viên và đoàn viên, hội viên (dữ liệu giả lập).",
		StartOn:     tuyengiao.Date{Time: g.startOn}, EndOn: tuyengiao.Date{Time: g.endOn}}
	if err := g.load.InsertCampaign(ctx, c, d.Symbol); err != nil {
		return 0, err
	}
	if err := g.load.Insert(ctx, "campaign_documents", []string{"campaign_id", "document_id"}, [][]any{{int64(1), int64(1)}}); err != nil {
		return 0, err
	}
	// Targets are in tenths of a percent.
	audiences := [][]any{
		{int64(1), string(tuyengiao.CategoryKeyCadre), false, 980},
		{int64(1), string(tuyengiao.CategoryMember), false, 950},
		{int64(1), string(tuyengiao.CategoryUnion), true, 850},
	}
	if err := g.load.Insert(ctx, "campaign_audiences", []string{"campaign_id", "category", "headcount", "target"}, audiences); err != nil {
		return 0, err
	}
	var rows [][]any
	for _, u := range plan.units {
		if u.level == levelGrassroots {
			rows = append(rows, []any{int64(1), u.id})
		}
	}
	return int64(len(rows)) + 6, g.load.Insert(ctx, "campaign_units", []string{"campaign_id", "unit_id"}, rows)
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
func (g *genLoad) conferences(ctx context.Context, plan *genPlan, spec Spec) (int64, error) {
	r := mrand.New(mrand.NewPCG(spec.Seed, 14))
	confs := conferenceUnits(plan)
	var n int64
	var conferences, bps, counts, presenters [][]any
	bpID := int64(0)
	for k, c := range confs {
		// At 8 in the morning in Vietnam, from a week after the start, one province a day or so.
		day := g.startOn.AddDate(0, 0, 7+k*50/len(confs))
		starts := day.Add(1 * time.Hour)
		secret := make([]byte, 32)
		rand.Read(secret)
		conferences = append(conferences, []any{int64(k + 1), int64(1), c.id,
			"Hội nghị học tập, quán triệt Nghị quyết số 35-NQ/TW – " + c.name, starts, starts.Add(3 * time.Hour), string(tuyengiao.FormBoth),
			"Tài liệu học tập Nghị quyết số 35-NQ/TW (Ban Tuyên giáo Trung ương)", hex.EncodeToString(secret), g.now, g.now})
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
	g.nextConf, g.nextBP = int64(len(confs)), bpID
	for k, c := range confs {
		last := plan.people + 1
		if c.end < len(plan.units) {
			last = plan.units[c.end].firstID
		}
		g.confs = append(g.confs, sqldb.ConferencePeople{ConferenceID: int64(k + 1), First: c.firstID, Last: last})
	}
	if err := g.load.Insert(ctx, "conferences", []string{"id", "campaign_id", "unit_id", "title", "starts_at", "ends_at",
		"form", "materials", "secret", "created_at", "updated_at"}, conferences); err != nil {
		return 0, err
	}
	if err := g.load.Insert(ctx, "conference_presenters", []string{"conference_id", "person_id"}, presenters); err != nil {
		return 0, err
	}
	if err := g.load.Insert(ctx, "bridge_points", []string{"id", "conference_id", "unit_id", "place"}, bps); err != nil {
		return 0, err
	}
	if err := g.load.Insert(ctx, "bridge_point_counts", []string{"bridge_point_id", "category", "expected", "counted"}, counts); err != nil {
		return 0, err
	}
	return n + int64(len(presenters)+len(bps)+len(counts)), nil
}

// attendance records, conference by conference, those invited who attended: the share of
// each unit's rate, picked by a hash of the person's id and the conference
// (sqldb.BulkLoad.WriteAttendance).
func (g *genLoad) attendance(ctx context.Context, plan *genPlan, spec Spec) (int64, error) {
	shares := make([]sqldb.AttendanceShare, 0, len(plan.units))
	for _, u := range plan.units {
		shares = append(shares, sqldb.AttendanceShare{UnitID: u.id, Rate: u.rate})
	}
	return g.load.WriteAttendance(ctx, shares, g.confs)
}

// attendees writes the distinct attendees of each campaign.
func (g *genLoad) attendees(ctx context.Context, plan *genPlan, spec Spec) (int64, error) {
	return g.load.WriteAttendees(ctx)
}

// finish moves PostgreSQL's identity sequences past the ids Generate gave.
func (g *genLoad) finish(ctx context.Context, plan *genPlan, spec Spec) (int64, error) {
	return 0, g.load.FinishSequences(ctx)
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
