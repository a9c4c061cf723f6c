package demo

import (
	"fmt"
	"strings"
	"time"

	"tuyengiao"
)

// people makes the people of every unit, in unit order, into one batch per unit under the
// city (and one for the city itself), each numbered like the rows of a spreadsheet.
func (b *builder) people() {
	batchOf := map[int]int{}
	for i := range b.p.units {
		top := b.p.units[i].top
		k, ok := batchOf[top]
		if !ok {
			k = len(b.p.batches)
			batchOf[top] = k
			b.p.batches = append(b.p.batches, batch{root: top})
		}
		b.p.batches[k].rows = append(b.p.batches[k].rows, b.unitPeople(i)...)
	}
	for _, bt := range b.p.batches {
		for i := range bt.rows {
			bt.rows[i].Row = i + 2 // below the header
		}
	}
}

// unitPeople makes the people of the unit with index i: its key cadres, its party members,
// its union or association members and its core masses.
func (b *builder) unitPeople(i int) []tuyengiao.ImportRow {
	u := &b.p.units[i]
	var rows []tuyengiao.ImportRow
	for _, position := range u.cadres {
		row := b.person(u.code, tuyengiao.CategoryKeyCadre, cadreProfileFor(position), 90)
		row.Position, row.PartyCard = position, b.card()
		rows = append(rows, row)
	}
	for j := range u.members {
		position := officerPosition(u.home, j)
		if position == "" && j >= 3 && b.r.IntN(100) < probationPercent {
			// Probationary members get their party card once admitted as official members.
			row := b.person(u.code, tuyengiao.CategoryProbation, probationProfile, 60)
			row.Since = b.admitted(row.BirthYear)
			rows = append(rows, row)
			continue
		}
		row := b.person(u.code, tuyengiao.CategoryMember, u.memberProfile, 60)
		row.Position, row.PartyCard = position, b.card()
		if position == "Bí thư Chi bộ" {
			b.p.secretaries[i] = row.PartyCard
		}
		switch {
		case i == b.p.memberUnit && j == 0:
			b.p.reviewer = row.PartyCard
		case i == b.p.memberUnit && j == 2:
			b.p.member, b.p.memberName = row.PartyCard, row.FullName
		case position == "" && i != b.p.memberUnit:
			b.candidates = append(b.candidates, candidate{row.PartyCard, row.BirthYear})
		}
		rows = append(rows, row)
	}
	for range u.union {
		rows = append(rows, b.person(u.code, tuyengiao.CategoryUnion, u.unionProfile, 40))
	}
	for range u.masses {
		rows = append(rows, b.person(u.code, tuyengiao.CategoryMasses, massesProfile, 25))
	}
	return rows
}

// officerPosition returns the position of the j-th party member of a unit whose members are
// organised as home says: the first two lead a cell, the first leads with the key cadre of a
// grassroots cell, and the staff of a commission are its officers.
func officerPosition(home, j int) string {
	switch {
	case home == homeCell && j == 0:
		return "Bí thư Chi bộ"
	case home == homeCell && j == 1, home == homeGrassrootCell && j == 0:
		return "Phó Bí thư Chi bộ"
	case home == homeStaff:
		return "Chuyên viên"
	}
	return ""
}

// cadreProfileFor returns the profile of the holder of a key position: the chair of a
// women's union is a woman, that of the veterans a veteran.
func cadreProfileFor(position string) profile {
	switch {
	case strings.Contains(position, "Phụ nữ"):
		return profile{1968, 1988, 1}
	case strings.Contains(position, "Cựu chiến binh"):
		return profile{1950, 1966, 0}
	}
	return cadreProfile
}

// person makes a person of the unit and category, born and gendered after the profile, with
// a mobile phone number in phonePercent cases out of 100.
func (b *builder) person(unitCode string, c tuyengiao.Category, pr profile, phonePercent int) tuyengiao.ImportRow {
	born := pr.from + b.r.IntN(pr.to-pr.from+1)
	g := tuyengiao.GenderMale
	if b.r.Float64() < pr.female {
		g = tuyengiao.GenderFemale
	}
	row := tuyengiao.ImportRow{UnitCode: unitCode, FullName: cityNames.FullName(b.r, g, born), BirthYear: born, Gender: g, Category: c,
		Since: b.since(born)}
	if b.r.IntN(100) < phonePercent {
		row.Phone = b.phone()
	}
	return row
}

// since returns the day a person born in the year began at their unit: at least 400 days ago,
// so that counts of the past year find them, and not before they turned 18.
func (b *builder) since(born int) tuyengiao.Date {
	d := b.p.today.AddDate(0, 0, -(400 + b.r.IntN(365*15)))
	if adult := time.Date(born+18, time.Month(1+b.r.IntN(12)), 1, 0, 0, 0, 0, time.UTC); d.Before(adult) {
		d = adult
	}
	return tuyengiao.Date{Time: d}
}

// admitted returns the day a probationary member born in the year was admitted: over the
// last eighteen months, which the register grows by, and not before they turned 18.
func (b *builder) admitted(born int) tuyengiao.Date {
	d := b.p.today.AddDate(0, 0, -b.r.IntN(540))
	if adult := time.Date(born+18, 12, 31, 0, 0, 0, 0, time.UTC); d.Before(adult) {
		d = adult
	}
	return tuyengiao.Date{Time: d}
}

// phone returns a Vietnamese mobile number: 10 digits starting 09, 03 or 08.
func (b *builder) phone() string {
	var prefix string
	switch b.r.IntN(3) {
	case 0:
		prefix = fmt.Sprintf("09%d", b.r.IntN(10))
	case 1:
		prefix = fmt.Sprintf("03%d", 2+b.r.IntN(8))
	default:
		prefix = fmt.Sprintf("08%d", 1+b.r.IntN(9))
	}
	return fmt.Sprintf("%s%07d", prefix, b.r.IntN(10_000_000))
}

// card returns a party card number not given before: 8 digits starting 68.
func (b *builder) card() string {
	for {
		c := fmt.Sprintf("68%06d", b.r.IntN(1_000_000))
		if !b.cards[c] {
			b.cards[c] = true
			return c
		}
	}
}

// chooseLeavers picks the party members who leave after the import: deceased among those
// born before 1950, moved out among the others.
func (b *builder) chooseLeavers() {
	var old, others []candidate
	for _, c := range b.candidates {
		if c.born < 1950 {
			old = append(old, c)
		} else {
			others = append(others, c)
		}
	}
	for _, k := range b.r.Perm(len(old))[:deceased] {
		b.p.leavers = append(b.p.leavers, leaver{old[k].card, tuyengiao.StatusDeceased})
	}
	for _, k := range b.r.Perm(len(others))[:movedOut] {
		b.p.leavers = append(b.p.leavers, leaver{others[k].card, tuyengiao.StatusMovedOut})
	}
}
