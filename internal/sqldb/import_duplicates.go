package sqldb

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// importDuplicates finds the rows of an import that likely repeat someone (see
// tuyengiao.ImportDuplicate), at most one finding a row, the strongest: an identical earlier
// row, then a person of the register under root by party card, by name and birth, by phone,
// then an earlier row by name and birth, by phone. people and errs hold the person and the
// error of each row: a bad row is compared with nothing, since it must be fixed anyway.
func (db *DB) importDuplicates(ctx context.Context, root string, rows []tuyengiao.ImportRow, people []*tuyengiao.Person, errs []*tuyengiao.Error) ([]tuyengiao.ImportDuplicate, error) {
	people = slices.Clone(people)
	folded := make([]string, len(people)) // each name folded once: folding is the costly part
	for i, p := range people {
		if errs[i] != nil {
			people[i] = nil
		} else if p != nil {
			folded[i] = vn.Fold(p.FullName)
		}
	}
	reg, err := db.registerMatches(ctx, root, people, folded)
	if err != nil {
		return nil, err
	}
	var out []tuyengiao.ImportDuplicate
	exact, byName, byPhone := map[rowKey]int{}, map[personKey][]int{}, map[string]int{}
	for i, p := range people {
		if p == nil {
			continue
		}
		d := tuyengiao.ImportDuplicate{Row: rows[i].Row, FullName: p.FullName, CanKeep: true}
		ek, nk := exactKey(rows[i], p), nameKey(p.UnitID, folded[i])
		if j, ok := exact[ek]; ok {
			d.Of, d.Exact = rows[j].Row, true
			d.Reason = fmt.Sprintf("Giống hệt dòng %d.", rows[j].Row)
		} else if q := reg.card[p.PartyCard]; p.PartyCard != "" && q != nil {
			d.PersonID, d.CanKeep = q.ID, false
			d.Reason = fmt.Sprintf("Số thẻ đảng viên %s là của %s, đã có trong danh sách; không thể nhập thêm người cùng số thẻ.", p.PartyCard, describe(q))
		} else if q := sameBirth(p, reg.name[nk]); q != nil {
			d.PersonID = q.ID
			d.Reason = fmt.Sprintf("Cùng họ tên%s, cùng đơn vị với %s, đã có trong danh sách.", birthWord(p, q), describe(q))
		} else if q := reg.phone[p.Phone]; p.Phone != "" && len(q) > 0 {
			d.PersonID = q[0].ID
			d.Reason = fmt.Sprintf("Cùng số điện thoại %s với %s, đã có trong danh sách.", vn.PhoneText(p.Phone), describe(q[0]))
		} else if j, ok := sameBirthRow(p, byName[nk], people); ok {
			d.Of = rows[j].Row
			d.Reason = fmt.Sprintf("Cùng họ tên%s, cùng đơn vị với dòng %d.", birthWord(p, people[j]), rows[j].Row)
		} else if j, ok := byPhone[p.Phone]; p.Phone != "" && ok {
			d.Of = rows[j].Row
			d.Reason = fmt.Sprintf("Cùng số điện thoại %s với dòng %d.", vn.PhoneText(p.Phone), rows[j].Row)
		}
		if d.Reason != "" {
			out = append(out, d)
		}
		if _, ok := exact[ek]; !ok {
			exact[ek] = i
		}
		if p.UnitID != 0 {
			byName[nk] = append(byName[nk], i)
		}
		if _, ok := byPhone[p.Phone]; p.Phone != "" && !ok {
			byPhone[p.Phone] = i
		}
	}
	return out, nil
}

// decide applies the user's answers to the duplicates, by row number, and returns the rows to
// drop: those in drop, and the exact repeats and the cards already held that are not in
// keep. The other duplicates without an answer are marked undecided.
func decide(dups []tuyengiao.ImportDuplicate, keep, drop []int) map[int]bool {
	kept, dropped := map[int]bool{}, map[int]bool{}
	for _, r := range keep {
		kept[r] = true
	}
	for _, r := range drop {
		dropped[r] = true
	}
	for i := range dups {
		d := &dups[i]
		switch {
		case dropped[d.Row]:
			d.Drop = true
		case kept[d.Row]:
		case d.Exact || !d.CanKeep:
			d.Drop, dropped[d.Row] = true, true
		default:
			d.Undecided = true
		}
	}
	return dropped
}

// rowKey is what an identical row repeats: every value of the row once read. Its strings are
// those of the row, so that the keys of a large file cost no copies.
type rowKey struct {
	unit                        int64
	name, position, phone, card string
	gender                      tuyengiao.Gender
	category                    tuyengiao.Category
	year                        int
	born, since                 int64
}

func exactKey(r tuyengiao.ImportRow, p *tuyengiao.Person) rowKey {
	return rowKey{unit: p.UnitID, name: p.FullName, position: p.Position, phone: p.Phone, card: p.PartyCard, gender: p.Gender,
		category: p.Category, year: p.BirthYear, born: p.BirthDate.Unix(), since: r.Since.Unix()}
}

// personKey is a person's folded name in their unit.
type personKey struct {
	unit   int64
	folded string
}

func nameKey(unitID int64, folded string) personKey { return personKey{unitID, folded} }

// bornAlike tells whether what two records know of a birth agrees: the same day when both
// know it, else the same year when both know it; a record that knows nothing agrees.
func bornAlike(a, b *tuyengiao.Person) bool {
	switch {
	case !a.BirthDate.IsZero() && !b.BirthDate.IsZero():
		return a.BirthDate.Equal(b.BirthDate.Time)
	case a.BirthYear != 0 && b.BirthYear != 0:
		return a.BirthYear == b.BirthYear
	}
	return true
}

// birthWord names what the birth of two records that agree shares: " và ngày sinh",
// " và năm sinh", or nothing when one of them knows no birth.
func birthWord(a, b *tuyengiao.Person) string {
	switch {
	case !a.BirthDate.IsZero() && !b.BirthDate.IsZero():
		return " và ngày sinh"
	case a.BirthYear != 0 && b.BirthYear != 0:
		return " và năm sinh"
	}
	return ""
}

func sameBirth(p *tuyengiao.Person, candidates []*tuyengiao.Person) *tuyengiao.Person {
	for _, q := range candidates {
		if bornAlike(p, q) {
			return q
		}
	}
	return nil
}

func sameBirthRow(p *tuyengiao.Person, earlier []int, people []*tuyengiao.Person) (int, bool) {
	for _, j := range earlier {
		if bornAlike(p, people[j]) {
			return j, true
		}
	}
	return 0, false
}

// describe names a person of the register for a message: "Nguyễn Văn An (sinh 15/03/1985,
// CB-01)".
func describe(p *tuyengiao.Person) string {
	var about []string
	if !p.BirthDate.IsZero() {
		about = append(about, "sinh "+vn.Date(p.BirthDate.Time))
	} else if p.BirthYear != 0 {
		about = append(about, fmt.Sprintf("sinh năm %d", p.BirthYear))
	}
	about = append(about, p.UnitCode)
	return p.FullName + " (" + strings.Join(about, ", ") + ")"
}

// register holds the people of the register under the unit imported into that rows may
// repeat: the active ones by name in their unit (nameKey) and by phone, anyone by party card.
type register struct {
	name  map[personKey][]*tuyengiao.Person
	phone map[string][]*tuyengiao.Person
	card  map[string]*tuyengiao.Person
}

// registerMatches looks up, in batches, the people under root who share a folded name
// (folded holds the rows' names folded), a phone or a party card with a row.
func (db *DB) registerMatches(ctx context.Context, root string, people []*tuyengiao.Person, folded []string) (*register, error) {
	reg := &register{name: map[personKey][]*tuyengiao.Person{}, phone: map[string][]*tuyengiao.Person{}, card: map[string]*tuyengiao.Person{}}
	var names, phones, cards []any
	seen := [3]map[string]bool{{}, {}, {}}
	add := func(list *[]any, kind int, v string) {
		if v != "" && !seen[kind][v] {
			seen[kind][v] = true
			*list = append(*list, v)
		}
	}
	for i, p := range people {
		if p != nil {
			if p.UnitID != 0 {
				add(&names, 0, folded[i])
			}
			add(&phones, 1, p.Phone)
			add(&cards, 2, p.PartyCard)
		}
	}
	lo, hi := subtreeRange(root)
	found := map[int64]bool{}
	for _, by := range []struct {
		cond   string
		values []any
	}{{"p.name_folded", names}, {"p.phone <> '' AND p.phone", phones}, {"p.party_card", cards}} {
		err := inBatches(by.values, func(batch []any) error {
			rs, err := db.query(ctx, `SELECT `+personColumns+personFrom+` WHERE u.path >= ? AND u.path < ? AND `+by.cond+
				` IN (`+placeholders(len(batch))+`)`, append([]any{lo, hi}, batch...)...)
			if err != nil {
				return err
			}
			defer rs.Close()
			for rs.Next() {
				q, _, err := scanPerson(rs)
				if err != nil {
					return err
				} else if found[q.ID] {
					continue
				}
				found[q.ID] = true
				if q.PartyCard != "" {
					reg.card[q.PartyCard] = q
				}
				if q.Status == tuyengiao.StatusActive {
					k := nameKey(q.UnitID, vn.Fold(q.FullName))
					reg.name[k] = append(reg.name[k], q)
					if q.Phone != "" {
						reg.phone[q.Phone] = append(reg.phone[q.Phone], q)
					}
				}
			}
			return rs.Err()
		})
		if err != nil {
			return nil, err
		}
	}
	return reg, nil
}
