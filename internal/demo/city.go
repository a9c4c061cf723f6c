package demo

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"

	"tuyengiao"
)

// The demo city, after the seed article 004: 71 grassroots party organisations and over
// 7.600 party members. partyMembers counts the official and probationary members imported;
// deceased and movedOut of them then leave, so that 7.610 stay.
const (
	cityCode         = "HS"
	cityName         = "Thành ủy Hoa Sơn"
	partyMembers     = 7650
	probationPercent = 5
	deceased         = 10
	movedOut         = 30
	seed1, seed2     = 2023, 71 // the seed of every random choice but the passwords
)

// How the party members of a unit are organised (unitSpec.home).
const (
	homeCell          = 1 // a cell: a secretary and a deputy lead them
	homeGrassrootCell = 2 // a grassroots cell, whose secretary is among the key cadres
	homeStaff         = 3 // the staff of a commission
)

// profile is how the people of a group are born and what share of them are women.
type profile struct {
	from, to int
	female   float64
}

var (
	cadreProfile     = profile{1964, 1990, 0.2}
	residentMember   = profile{1938, 1998, 0.38} // retirees weigh on the cells of neighbourhoods
	workingMember    = profile{1964, 1999, 0.42}
	probationProfile = profile{1990, 2004, 0.45}
	residentUnion    = profile{1950, 2006, 0.55}
	massesProfile    = profile{1945, 2006, 0.5}
)

// unitSpec is a unit of the demo city and the people it holds.
type unitSpec struct {
	parent           int // index of the parent in plan.units, -1 for the city
	top              int // index of the city, or of the unit under the city whose subtree holds it
	code, name, kind string
	cadres           []string // the positions of its key cadres
	home             int      // homeCell, homeGrassrootCell or homeStaff when party members belong here
	weight           int      // its share of the party members, before scaling to partyMembers
	members          int      // its party members, set by apportionMembers
	memberProfile    profile
	union            int // union or association members
	unionProfile     profile
	masses           int
}

// batch is the people of one unit under the city (or of the city itself) and of its subtree:
// one spreadsheet, imported at root.
type batch struct {
	root int
	rows []tuyengiao.ImportRow
}

// leaver is a party member who leaves after the import, found again by party card.
type leaver struct {
	card   string
	status tuyengiao.PersonStatus
}

// plan is the whole demo city, built in memory before anything is written.
type plan struct {
	units      []unitSpec
	grassroots int // grassroots party organisations under the city
	batches    []batch
	leavers    []leaver
	editorUnit int    // the ward of the editor account
	memberUnit int    // the cell of the reviewer and member accounts
	member     string // party card of the person of the member account
	memberName string
	reviewer   string // party card of the person of the reviewer account: the cell's secretary
	// secretaries are the party cards of the cells' secretaries, by the cell's plan index.
	secretaries map[int]string
	// today is the day of the load in Vietnam, by the services' clock: the history ends the
	// week before, and everyone's days at their unit are counted back from it.
	today tuyengiao.Date
}

// builder builds a plan from one seeded source of randomness, so that every run gives the
// same city.
type builder struct {
	r          *rand.Rand
	p          *plan
	cards      map[string]bool
	candidates []candidate // members who may leave
}

// candidate is an official party member without a position, who may leave.
type candidate struct {
	card string
	born int
}

// build returns the demo city: its units, its people in batches and who leaves.
func build(today tuyengiao.Date) *plan {
	b := &builder{r: rand.New(rand.NewPCG(seed1, seed2)), p: &plan{secretaries: map[int]string{}, today: today}, cards: map[string]bool{}}
	city := b.add(unitSpec{parent: -1, code: cityCode, name: cityName, kind: "thanh_uy", cadres: cityCadres()})
	b.add(unitSpec{parent: city, code: "HS-BTG", name: "Ban Tuyên giáo Thành ủy", kind: "ban_tuyen_giao",
		cadres: []string{"Ủy viên Ban Thường vụ Thành ủy, Trưởng Ban Tuyên giáo Thành ủy",
			"Phó Trưởng Ban Tuyên giáo Thành ủy", "Phó Trưởng Ban Tuyên giáo Thành ủy"},
		home: homeStaff, weight: 5, memberProfile: workingMember})
	for _, m := range massOrganisations {
		b.add(unitSpec{parent: city, code: m.code, name: m.name, kind: m.kind, cadres: m.cadres,
			union: m.members(b.r), unionProfile: m.profile})
	}
	wardNo, communeNo := 0, 0
	for _, w := range wards {
		if w.commune {
			communeNo++
			b.ward(city, fmt.Sprintf("HS-X%02d", communeNo), w)
		} else {
			wardNo++
			b.ward(city, fmt.Sprintf("HS-P%02d", wardNo), w)
		}
	}
	for i, o := range partyCommittees {
		b.partyCommittee(city, fmt.Sprintf("HS-DB%02d", i+1), o)
	}
	for i, name := range grassrootCells {
		b.p.grassroots++
		b.add(unitSpec{parent: city, code: fmt.Sprintf("HS-CB%02d", i+1), name: "Chi bộ " + name, kind: "chi_bo_co_so",
			cadres: []string{"Bí thư Chi bộ"}, home: homeGrassrootCell, weight: 6 + b.r.IntN(25), memberProfile: workingMember})
	}
	b.apportionMembers()
	b.people()
	b.chooseLeavers()
	return b.p
}

// add appends the unit to the plan and returns its index.
func (b *builder) add(u unitSpec) int {
	i := len(b.p.units)
	u.top = i
	if u.parent > 0 {
		u.top = b.p.units[u.parent].top
	}
	b.p.units = append(b.p.units, u)
	return i
}

// ward adds the party committee of a ward or commune with its cells (8 to 20: one per
// neighbourhood or village, and the cells of its police, militia, health station and schools)
// and its residential groups, one per neighbourhood or village.
func (b *builder) ward(city int, code string, w place) {
	level, kind, groupKind, groupCode := "phường", "dang_uy_phuong", "to_dan_pho", "TDP"
	cells := make([]string, 6+b.r.IntN(11))
	groups := make([]string, len(cells))
	for i := range cells {
		cells[i], groups[i] = fmt.Sprintf("khu phố %d", i+1), fmt.Sprintf("Tổ dân phố %d", i+1)
	}
	if w.commune {
		level, kind, groupKind, groupCode = "xã", "dang_uy_xa", "thon", "T"
		for i, v := range b.r.Perm(len(villages))[:len(cells)] {
			cells[i], groups[i] = "thôn "+villages[v], "Thôn "+villages[v]
		}
	}
	b.p.grassroots++
	ward := b.add(unitSpec{parent: city, code: code, name: "Đảng ủy " + level + " " + w.name, kind: kind, cadres: wardCadres(level)})
	for i, name := range cells {
		cell := b.add(unitSpec{parent: ward, code: fmt.Sprintf("%s-CB%02d", code, i+1), name: "Chi bộ " + name, kind: "chi_bo",
			home: homeCell, weight: 20 + b.r.IntN(41), memberProfile: residentMember})
		if b.p.editorUnit == 0 {
			b.p.editorUnit, b.p.memberUnit = ward, cell
		}
	}
	institutions := []string{"Công an " + level, "Quân sự " + level, "Trạm Y tế " + level,
		"Trường Tiểu học " + w.name, "Trường Mầm non " + w.name}
	for i, name := range institutions[:2+b.r.IntN(3)] {
		b.add(unitSpec{parent: ward, code: fmt.Sprintf("%s-CB%02d", code, len(cells)+i+1), name: "Chi bộ " + name,
			kind: "chi_bo", home: homeCell, weight: 6 + b.r.IntN(13), memberProfile: workingMember})
	}
	for i, name := range groups {
		b.add(unitSpec{parent: ward, code: fmt.Sprintf("%s-%s%02d", code, groupCode, i+1), name: name, kind: groupKind,
			union: 20 + b.r.IntN(26), unionProfile: residentUnion, masses: 10 + b.r.IntN(16)})
	}
}

// partyCommittee adds a grassroots party organisation of an agency, school, hospital or
// enterprise with 3 to 6 of its cells.
func (b *builder) partyCommittee(city int, code string, o committee) {
	b.p.grassroots++
	org := b.add(unitSpec{parent: city, code: code, name: "Đảng bộ " + o.name, kind: "dang_bo_co_so",
		cadres: []string{"Bí thư Đảng ủy", "Phó Bí thư Đảng ủy", "Ủy viên Ban Thường vụ Đảng ủy", "Đảng ủy viên", "Đảng ủy viên"}})
	cells := o.cells[:3+b.r.IntN(min(4, len(o.cells)-2))]
	for i, name := range cells {
		b.add(unitSpec{parent: org, code: fmt.Sprintf("%s-CB%02d", code, i+1), name: "Chi bộ " + name, kind: "chi_bo",
			home: homeCell, weight: 8 + b.r.IntN(28), memberProfile: workingMember})
	}
}

// apportionMembers shares partyMembers among the units with party members in proportion to
// their weights, by largest remainder, so that the total is exact.
func (b *builder) apportionMembers() {
	sum := 0
	for _, u := range b.p.units {
		sum += u.weight
	}
	type share struct{ unit, remainder int }
	var shares []share
	given := 0
	for i := range b.p.units {
		u := &b.p.units[i]
		if u.weight == 0 {
			continue
		}
		u.members = u.weight * partyMembers / sum
		given += u.members
		shares = append(shares, share{i, u.weight * partyMembers % sum})
	}
	slices.SortStableFunc(shares, func(a, b share) int { return cmp.Compare(b.remainder, a.remainder) })
	for _, s := range shares[:partyMembers-given] {
		b.p.units[s.unit].members++
	}
}
