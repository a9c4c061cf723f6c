package sqldb

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// personColumns are the columns scanPerson reads: the person, then the path, code and name of
// their unit.
const personColumns = `p.id, p.unit_id, p.full_name, p.birth_year, p.birth_date, p.gender, p.category,
	p.position, p.phone, p.party_card, p.status, p.status_date, p.created_at, p.updated_at,
	u.path, u.code, u.name`

const personFrom = ` FROM people p JOIN units u ON u.id = p.unit_id`

// scanPerson reads a row of personColumns and returns the person and the path of their unit.
func scanPerson(row interface{ Scan(...any) error }) (*tuyengiao.Person, string, error) {
	p := &tuyengiao.Person{}
	var path, statusDate string
	var birthYear sql.NullInt64
	var birthDate, card sql.NullString
	err := row.Scan(&p.ID, &p.UnitID, &p.FullName, &birthYear, &birthDate, &p.Gender, &p.Category,
		&p.Position, &p.Phone, &card, &p.Status, &statusDate, &p.CreatedAt, &p.UpdatedAt,
		&path, &p.UnitCode, &p.UnitName)
	if err != nil {
		return nil, "", err
	}
	p.BirthYear, p.PartyCard = int(birthYear.Int64), card.String
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	if birthDate.Valid {
		if p.BirthDate, err = tuyengiao.ParseDate(birthDate.String); err != nil {
			return nil, "", fmt.Errorf("person %d: birth_date: %w", p.ID, err)
		}
	}
	if p.StatusDate, err = tuyengiao.ParseDate(statusDate); err != nil {
		return nil, "", fmt.Errorf("person %d: status_date: %w", p.ID, err)
	}
	return p, path, nil
}

// findPerson reads a person without an access check or an audit record; callers do both.
func (db *DB) findPerson(ctx context.Context, q querier, id int64) (*tuyengiao.Person, string, error) {
	p, path, err := scanPerson(q.queryRow(ctx, `SELECT `+personColumns+personFrom+` WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy người này.")
	}
	return p, path, err
}

// FindPersonByID implements tuyengiao.PersonService. Every successful read is written to the
// audit log before the record is returned, since it discloses personal data.
func (db *DB) FindPersonByID(ctx context.Context, id int64) (*tuyengiao.Person, error) {
	p, path, err := db.findPerson(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if err := db.check(ctx, tuyengiao.ActionPersonView, path, p.UnitID, personObject(id)); err != nil {
		return nil, err
	}
	rec := &tuyengiao.AuditRecord{Action: string(tuyengiao.ActionPersonView), Object: personObject(id), UnitID: p.UnitID}
	if err := db.auditAlone(ctx, rec); err != nil {
		return nil, err
	}
	return p, nil
}

// FindPeople implements tuyengiao.PersonService: people inside the caller's view scope, in
// Vietnamese name order (given name first) then by id, and the total before Offset and Limit.
// Every call is audited as "person.search"; the detail holds the filter but not the query
// text, which may be a name or a phone number.
func (db *DB) FindPeople(ctx context.Context, f tuyengiao.PersonFilter) ([]*tuyengiao.Person, int, error) {
	return db.findPeople(ctx, f, false)
}

// ScanPeople is FindPeople as it searched before the search terms of person_search.go: the
// query checked on every person of the caller's units. It is for load runs only, to measure
// the search against.
func (db *DB) ScanPeople(ctx context.Context, f tuyengiao.PersonFilter) ([]*tuyengiao.Person, int, error) {
	return db.findPeople(ctx, f, true)
}

// findPeople is FindPeople, through the search terms unless scan.
func (db *DB) findPeople(ctx context.Context, f tuyengiao.PersonFilter, scan bool) ([]*tuyengiao.Person, int, error) {
	where, args, candidates, err := db.peopleWhere(ctx, f, scan)
	if err != nil {
		return nil, 0, err
	}
	var out []*tuyengiao.Person
	var total int
	if candidates && f.Limit > 0 && f.Limit <= maxMatchedPage {
		out, total, err = db.matchedPage(ctx, where, f.Offset, f.Limit, args...)
	} else if err = db.queryRow(ctx, `SELECT COUNT(*)`+personFrom+` WHERE `+where, args...).Scan(&total); err == nil {
		out, err = db.queryPeople(ctx, where, f.Offset, f.Limit, args...)
	}
	if err != nil {
		return nil, 0, err
	}
	detail := fmt.Sprintf("category=%s status=%s query=%t offset=%d limit=%d returned=%d total=%d",
		f.Category, f.Status, f.Query != "", f.Offset, f.Limit, len(out), total)
	rec := &tuyengiao.AuditRecord{Action: "person.search", Object: "people", UnitID: f.RootID, Detail: detail}
	if err := db.auditAlone(ctx, rec); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// queryPeople returns the people of personFrom that satisfy the condition, in Vietnamese name
// order, the page of offset and limit.
func (db *DB) queryPeople(ctx context.Context, where string, offset, limit int, args ...any) ([]*tuyengiao.Person, error) {
	rows, err := db.query(ctx, `SELECT `+personColumns+personFrom+` WHERE `+where+
		` ORDER BY p.sort_key, p.id`+limitClause(offset, limit), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*tuyengiao.Person{}
	for rows.Next() {
		p, _, err := scanPerson(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// maxMatchedPage is the longest page matchedPage reads, its people named by their ids in one
// statement.
const maxMatchedPage = 1000

// matchedPage returns the page of offset and limit (1 to maxMatchedPage) of the people of
// personFrom that satisfy the condition, in Vietnamese name order, and their total, reading
// the people once: their ids and sort keys, then the page's people by id. It is for a
// condition that keeps the people to candidates (personQuery), whose number is bounded;
// counting them and then reading them again for the page took twice the time.
func (db *DB) matchedPage(ctx context.Context, where string, offset, limit int, args ...any) ([]*tuyengiao.Person, int, error) {
	type match struct {
		id  int64
		key []byte
	}
	var ms []match
	rows, err := db.query(ctx, `SELECT p.id, p.sort_key`+personFrom+` WHERE `+where, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var m match
		if err := rows.Scan(&m.id, &m.key); err != nil {
			return nil, 0, err
		}
		ms = append(ms, m)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	// As queryPeople's ORDER BY p.sort_key, p.id: the keys are bytes on both engines.
	slices.SortFunc(ms, func(a, b match) int { return cmp.Or(bytes.Compare(a.key, b.key), cmp.Compare(a.id, b.id)) })
	offset = min(max(offset, 0), len(ms))
	page := ms[offset:min(offset+limit, len(ms))]
	if len(page) == 0 {
		return []*tuyengiao.Person{}, len(ms), nil
	}
	ids := make([]any, len(page))
	for i, m := range page {
		ids[i] = m.id
	}
	out, err := db.queryPeople(ctx, `p.id IN (`+placeholders(len(ids))+`)`, 0, 0, ids...)
	return out, len(ms), err
}

// peopleWhere turns the filter into a condition over personFrom, limited to the caller's view
// scope and, with RootID, to that subtree after checking access to it; the query is looked
// up through the search terms unless scan. It reports whether the condition keeps the people
// to candidates found through the indexes (personQuery).
func (db *DB) peopleWhere(ctx context.Context, f tuyengiao.PersonFilter, scan bool) (string, []any, bool, error) {
	pr := tuyengiao.PrincipalFrom(ctx)
	if pr == nil {
		return "", nil, false, tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	scope := pr.Scope(tuyengiao.ActionPersonView)
	if len(scope) == 0 {
		return "", nil, false, db.check(ctx, tuyengiao.ActionPersonView, "", 0, "people")
	}
	// units is the condition that the path of the unit alias keeps the units searched.
	units := func(alias string) (string, []any) { return scopeClause(alias+".path", scope) }
	if f.RootID != 0 {
		path, err := db.authorize(ctx, tuyengiao.ActionPersonView, f.RootID, unitObject(f.RootID))
		if err != nil {
			return "", nil, false, err
		}
		lo, hi := subtreeRange(path)
		units = func(alias string) (string, []any) {
			where, args := scopeClause(alias+".path", scope)
			return where + " AND " + alias + ".path >= ? AND " + alias + ".path < ?", append(args, lo, hi)
		}
	}
	where, args := units("u")
	candidates := false
	if q := vn.NFC(f.Query); q != "" {
		inUnits, unitArgs := units("tu")
		if f.RootID == 0 && slices.Contains(scope, "/") {
			// Every unit: the candidates need not be kept to some (a tenth of a search in
			// the country went to reading their units).
			inUnits, unitArgs = "", nil
		}
		cond, condArgs, viaCandidates, err := db.personQuery(ctx, q, inUnits, unitArgs, scan)
		if err != nil {
			return "", nil, false, err
		}
		candidates = viaCandidates
		where += cond
		args = append(args, condArgs...)
	}
	if f.Category != "" {
		if !f.Category.Valid() {
			return "", nil, false, tuyengiao.FieldError("category", "Đối tượng không hợp lệ.")
		}
		where += " AND p.category = ?"
		args = append(args, f.Category)
	}
	switch {
	case f.Status == "":
		where += " AND p.status = ?"
		args = append(args, tuyengiao.StatusActive)
	case f.Status == "all":
	case f.Status.Valid():
		where += " AND p.status = ?"
		args = append(args, f.Status)
	default:
		return "", nil, false, tuyengiao.FieldError("status", "Trạng thái không hợp lệ.")
	}
	return where, args, candidates, nil
}

// CreatePerson implements tuyengiao.PersonService. A new person is always active, from
// p.StatusDate or, when it is zero, from today; the first row of the status history says so.
// A closed unit takes no new people. A party card already held by someone gives an
// EINVALID error on "party_card".
func (db *DB) CreatePerson(ctx context.Context, p *tuyengiao.Person) error {
	normalizePerson(p)
	if err := p.Validate(db.today()); err != nil {
		return err
	}
	if p.Status != tuyengiao.StatusActive {
		return tuyengiao.FieldError("status", "Người mới thêm phải ở trạng thái đang sinh hoạt; trạng thái khác ghi bằng thao tác đổi trạng thái.")
	}
	if p.StatusDate.IsZero() {
		p.StatusDate = db.today()
	} else if err := db.checkDay("status_date", p.StatusDate); err != nil {
		return err
	}
	unit, err := db.targetUnit(ctx, p.UnitID, "person")
	if err != nil {
		return err
	}
	p.UnitCode, p.UnitName = unit.code, unit.name
	p.CreatedAt, p.UpdatedAt = db.now(), db.now()
	return db.update(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `INSERT INTO people (unit_id, full_name, name_folded, sort_key, birth_year, birth_date,
			gender, category, position, phone, party_card, status, status_date, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, personValues(p)...).Scan(&p.ID)
		if uniqueViolation(err) {
			return partyCardTaken(p.PartyCard)
		} else if err != nil {
			return err
		}
		if err := db.addStatusHistory(ctx, tx, p.ID, p.Status, p.StatusDate); err != nil {
			return err
		}
		if err := db.writeNameTerms(ctx, tx, []any{p.ID}); err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "person.create", Object: personObject(p.ID), UnitID: p.UnitID})
	})
}

// personValues returns the values of the columns CreatePerson and ImportPeople insert, in
// their order.
func personValues(p *tuyengiao.Person) []any {
	return []any{p.UnitID, p.FullName, vn.Fold(p.FullName), vn.NameSortKey(p.FullName),
		nullInt64(int64(p.BirthYear)), dateText(p.BirthDate), p.Gender, p.Category, p.Position, p.Phone,
		nullString(p.PartyCard), p.Status, p.StatusDate.Format(time.DateOnly), p.CreatedAt, p.UpdatedAt}
}

// normalizePerson puts the text a user typed into NFC with single spaces, and the phone into
// its digits (vn.Phone).
func normalizePerson(p *tuyengiao.Person) {
	p.FullName, p.Position = vn.NFC(p.FullName), vn.NFC(p.Position)
	p.Phone, p.PartyCard = vn.Phone(vn.NFC(p.Phone)), vn.NFC(p.PartyCard)
}

func partyCardTaken(card string) error {
	return tuyengiao.FieldError("party_card", "Số thẻ đảng viên %s đã có trong hệ thống.", card)
}

// addStatusHistory records that the person has the status from the given day on.
func (db *DB) addStatusHistory(ctx context.Context, tx *Tx, personID int64, status tuyengiao.PersonStatus, on tuyengiao.Date) error {
	_, err := tx.exec(ctx, `INSERT INTO person_status_history (person_id, status, on_date, recorded_at, recorded_by)
		VALUES (?, ?, ?, ?, ?)`, personID, status, on.Format(time.DateOnly), db.now(), actingUser(ctx))
	return err
}

// personUnit is the unit a person is added to or moved to.
type personUnit struct {
	path, code, name string
}

// targetUnit authorizes adding a person to the unit, or moving one there, and refuses a
// closed unit: it keeps its people for history but takes no new ones.
func (db *DB) targetUnit(ctx context.Context, unitID int64, object string) (*personUnit, error) {
	u := &personUnit{}
	var closed bool
	err := db.queryRow(ctx, `SELECT path, code, name, closed_at IS NOT NULL FROM units WHERE id = ?`, unitID).
		Scan(&u.path, &u.code, &u.name, &closed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tuyengiao.FieldError("unit_id", "Không tìm thấy đơn vị.")
	} else if err != nil {
		return nil, err
	}
	if err := db.check(ctx, tuyengiao.ActionPersonEdit, u.path, unitID, object); err != nil {
		return nil, err
	}
	if closed {
		return nil, tuyengiao.FieldError("unit_id", "Đơn vị %s đã đóng, không thêm người vào được.", u.code)
	}
	return u, nil
}

// UpdatePerson implements tuyengiao.PersonService. It writes only the columns that change, so
// that two people editing different fields of one record do not undo each other, and audits
// the names of the changed fields, never their values. Moving the person to another unit
// needs the edit right at both units.
func (db *DB) UpdatePerson(ctx context.Context, id int64, upd tuyengiao.PersonUpdate) (*tuyengiao.Person, error) {
	old, path, err := db.findPerson(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if err := db.check(ctx, tuyengiao.ActionPersonEdit, path, old.UnitID, personObject(id)); err != nil {
		return nil, err
	}
	p := *old
	applyPersonUpdate(&p, upd)
	if p.UnitID != old.UnitID {
		if _, err := db.targetUnit(ctx, p.UnitID, personObject(id)); err != nil {
			return nil, err
		}
	}
	if err := p.Validate(db.today()); err != nil {
		return nil, err
	}
	fields, set, args := personChanges(old, &p)
	if len(fields) == 0 {
		return old, nil
	}
	detail := "fields=" + strings.Join(fields, ",")
	if p.UnitID != old.UnitID {
		detail += " from=" + unitObject(old.UnitID)
	}
	// The search terms of the name carry the unit.
	terms := p.UnitID != old.UnitID || p.FullName != old.FullName
	err = db.update(ctx, func(tx *Tx) error {
		if terms {
			if err := db.deleteNameTerms(ctx, tx, id); err != nil {
				return err
			}
		}
		// The unit in the condition is the one access was checked at: if someone moved the
		// person meanwhile, the check no longer holds.
		res, err := tx.exec(ctx, `UPDATE people SET `+set+`, updated_at = ? WHERE id = ? AND unit_id = ?`,
			append(args, db.now(), id, old.UnitID)...)
		if uniqueViolation(err) {
			return partyCardTaken(p.PartyCard)
		} else if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return tuyengiao.Errorf(tuyengiao.ECONFLICT, "Hồ sơ vừa được người khác thay đổi. Vui lòng tải lại rồi sửa.")
		}
		if terms {
			if err := db.writeNameTerms(ctx, tx, []any{id}); err != nil {
				return err
			}
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "person.update", Object: personObject(id), UnitID: p.UnitID, Detail: detail})
	})
	if err != nil {
		return nil, err
	}
	p2, _, err := db.findPerson(ctx, db, id)
	return p2, err
}

// applyPersonUpdate copies the fields set in upd onto p, text in NFC.
func applyPersonUpdate(p *tuyengiao.Person, upd tuyengiao.PersonUpdate) {
	if upd.UnitID != nil {
		p.UnitID = *upd.UnitID
	}
	if upd.FullName != nil {
		p.FullName = vn.NFC(*upd.FullName)
	}
	if upd.BirthYear != nil {
		p.BirthYear = *upd.BirthYear
	}
	if upd.BirthDate != nil {
		p.BirthDate = *upd.BirthDate
	}
	if upd.Gender != nil {
		p.Gender = *upd.Gender
	}
	if upd.Category != nil {
		p.Category = *upd.Category
	}
	if upd.Position != nil {
		p.Position = vn.NFC(*upd.Position)
	}
	if upd.Phone != nil {
		p.Phone = vn.Phone(vn.NFC(*upd.Phone))
	}
	if upd.PartyCard != nil {
		p.PartyCard = vn.NFC(*upd.PartyCard)
	}
}

// personChanges compares p with old and returns the names of the changed fields, the SET list
// that writes them and its arguments.
func personChanges(old, p *tuyengiao.Person) (fields []string, set string, args []any) {
	var sets []string
	add := func(field, clause string, values ...any) {
		fields, sets, args = append(fields, field), append(sets, clause), append(args, values...)
	}
	if p.UnitID != old.UnitID {
		add("unit_id", "unit_id = ?", p.UnitID)
	}
	if p.FullName != old.FullName {
		add("full_name", "full_name = ?, name_folded = ?, sort_key = ?", p.FullName, vn.Fold(p.FullName), vn.NameSortKey(p.FullName))
	}
	if p.BirthYear != old.BirthYear {
		add("birth_year", "birth_year = ?", nullInt64(int64(p.BirthYear)))
	}
	if !p.BirthDate.Equal(old.BirthDate.Time) {
		add("birth_date", "birth_date = ?", dateText(p.BirthDate))
	}
	if p.Gender != old.Gender {
		add("gender", "gender = ?", p.Gender)
	}
	if p.Category != old.Category {
		add("category", "category = ?", p.Category)
	}
	if p.Position != old.Position {
		add("position", "position = ?", p.Position)
	}
	if p.Phone != old.Phone {
		add("phone", "phone = ?", p.Phone)
	}
	if p.PartyCard != old.PartyCard {
		add("party_card", "party_card = ?", nullString(p.PartyCard))
	}
	return fields, strings.Join(sets, ", "), args
}

// ChangePersonStatus implements tuyengiao.PersonService. The change always goes into the
// status history. The current status (people.status and status_date) is the history row with
// the latest day, the later recorded one among rows of the same day; so a change dated on or
// after the current status date becomes current, and a back-dated one is kept in the history
// only, where it corrects counts as of past dates without overriding a later change.
func (db *DB) ChangePersonStatus(ctx context.Context, id int64, status tuyengiao.PersonStatus, on tuyengiao.Date) (*tuyengiao.Person, error) {
	if !status.Valid() {
		return nil, tuyengiao.FieldError("status", "Trạng thái không hợp lệ.")
	}
	if err := db.checkDay("status_date", on); err != nil {
		return nil, err
	}
	old, path, err := db.findPerson(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if err := db.check(ctx, tuyengiao.ActionPersonEdit, path, old.UnitID, personObject(id)); err != nil {
		return nil, err
	}
	if err := old.CheckStatusDate("status_date", on); err != nil {
		return nil, err
	}
	if status == old.Status && !on.Before(old.StatusDate.Time) {
		return nil, tuyengiao.FieldError("status", "Người này đã ở trạng thái đó từ ngày %s.", old.StatusDate)
	}
	day := on.Format(time.DateOnly)
	err = db.update(ctx, func(tx *Tx) error {
		if err := db.addStatusHistory(ctx, tx, id, status, on); err != nil {
			return err
		}
		// Comparing in the statement keeps the rule right against a concurrent change.
		res, err := tx.exec(ctx, `UPDATE people SET status = ?, status_date = ?, updated_at = ? WHERE id = ? AND status_date <= ?`,
			status, day, db.now(), id, day)
		if err != nil {
			return err
		}
		detail := "status=" + string(status) + " on=" + day
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			detail += " back-dated"
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "person.status", Object: personObject(id), UnitID: old.UnitID, Detail: detail})
	})
	if err != nil {
		return nil, err
	}
	p, _, err := db.findPerson(ctx, db, id)
	return p, err
}

// A person's status on day D is that of their latest history row dated D or earlier; no such
// row (the person came later) means not counted. people.status_date is the day of the latest
// history row, so a person whose status_date is D or earlier has the same status on D as now:
// the people active on D are those active now (people_counts, kept by triggers) corrected by
// the people whose status changed after D, whose history alone is read. A count as of today
// reads no person at all, one as of last month the few hundred who changed since.
const (
	peopleNowSQL = `SELECT unit_id, category, active FROM people_counts WHERE active <> 0`
	// peopleChangedSQL takes the day twice before the subtree: a row per person changed since
	// the day, with 1 if they were active on it, less 1 if they are now. People come first
	// (SQLite keeps the order of a CROSS JOIN), read from the index on status_date; the rows
	// are summed by the caller, since with a GROUP BY SQLite would rather scan every person in
	// the order of the groups than read a range of a day it cannot estimate. With statistics
	// the planner would take a district's units first and read all their people, 3 ms on the
	// province data set against 1 for the few changed since a month.
	peopleChangedSQL = `SELECT p.unit_id, p.category,
		CASE WHEN (SELECT h.status FROM person_status_history h WHERE h.person_id = p.id AND h.on_date <= ?
			ORDER BY h.on_date DESC, h.id DESC LIMIT 1) = 'active' THEN 1 ELSE 0 END
		- CASE WHEN p.status = 'active' THEN 1 ELSE 0 END
		FROM people p CROSS JOIN units u WHERE u.id = p.unit_id AND p.status_date > ? AND u.path >= ? AND u.path < ?`
)

// rebuildPeopleCountsSQL fills an empty people_counts from people, as migration 00005 does,
// for a load that bypasses the triggers.
const rebuildPeopleCountsSQL = `INSERT INTO people_counts (unit_id, category, active)
	SELECT unit_id, category, COUNT(*) FROM people WHERE status = 'active' GROUP BY unit_id, category`

// CountPeople implements tuyengiao.PersonService. Counts are not personal data: the unit
// view right at rootID suffices and nothing is audited. A person counts at the unit they
// belong to now; moves between units keep no history.
func (db *DB) CountPeople(ctx context.Context, rootID int64, asOf tuyengiao.Date) ([]tuyengiao.UnitCount, error) {
	path, err := db.authorize(ctx, tuyengiao.ActionUnitView, rootID, unitObject(rootID))
	if err != nil {
		return nil, err
	}
	if asOf.IsZero() {
		return nil, tuyengiao.FieldError("as_of", "Chưa chọn ngày tính số liệu.")
	}
	return db.countPeople(ctx, path, asOf)
}

// countPeople counts by unit and category the people of the subtree at path who were active
// on the day, without an access check.
func (db *DB) countPeople(ctx context.Context, path string, asOf tuyengiao.Date) ([]tuyengiao.UnitCount, error) {
	lo, hi := subtreeRange(path)
	day := asOf.Format(time.DateOnly)
	now, err := db.peopleNow(ctx, path, lo, hi)
	if err != nil {
		return nil, err
	}
	changed, err := db.unitCounts(ctx, peopleChangedSQL, day, day, lo, hi)
	if err != nil {
		return nil, err
	}
	return addCounts(now, changed), nil
}

// addCounts adds to the counts of now those of changed, by unit and category, and drops the
// counts that come to 0: now is what a table kept up to date holds, changed its correction
// for a day before today, a few rows.
func addCounts(now, changed []tuyengiao.UnitCount) []tuyengiao.UnitCount {
	if len(changed) > 0 {
		type key struct {
			unit int64
			cat  tuyengiao.Category
		}
		at := make(map[key]int, len(now))
		for i, c := range now {
			at[key{c.UnitID, c.Category}] = i
		}
		for _, c := range changed {
			if i, ok := at[key{c.UnitID, c.Category}]; ok {
				now[i].Count += c.Count
			} else {
				at[key{c.UnitID, c.Category}] = len(now)
				now = append(now, c)
			}
		}
	}
	return slices.DeleteFunc(now, func(c tuyengiao.UnitCount) bool { return c.Count == 0 })
}

// peopleNow reads people_counts for the subtree at path: all of it when the subtree is the
// whole tree (a national commission's own view), which spares the list of every unit, 0,3 s
// at 250.000 units.
func (db *DB) peopleNow(ctx context.Context, path, lo, hi string) ([]tuyengiao.UnitCount, error) {
	whole, err := db.wholeTree(ctx, path)
	switch {
	case err != nil:
		return nil, err
	case whole:
		return db.unitCounts(ctx, peopleNowSQL)
	}
	return db.unitCounts(ctx, peopleNowSQL+` AND unit_id`+inSubtreeSQL, lo, hi)
}

// wholeTree reports whether the subtree at path is the whole tree: that of the only root.
// A query over it needs no condition on its units, and spares the list of them all.
func (db *DB) wholeTree(ctx context.Context, path string) (bool, error) {
	if strings.Count(path, "/") != 2 {
		return false, nil
	}
	var others int
	err := db.queryRow(ctx, `SELECT COUNT(*) FROM units WHERE parent_id IS NULL AND path <> ?`, path).Scan(&others)
	return others == 0, err
}

// unitCounts runs a query whose rows are a unit, a category and a count.
func (db *DB) unitCounts(ctx context.Context, q string, args ...any) ([]tuyengiao.UnitCount, error) {
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuyengiao.UnitCount{}
	for rows.Next() {
		var c tuyengiao.UnitCount
		if err := rows.Scan(&c.UnitID, &c.Category, &c.Count); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// today returns the current calendar day in Vietnam, where the users live: at 6 in the
// morning there it is still yesterday in UTC.
func (db *DB) today() tuyengiao.Date {
	y, m, d := db.now().In(vn.Zone).Date()
	return tuyengiao.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// checkDay refuses a missing day and one outside the field's plausible range
// (tuyengiao.PlausibleDate).
func (db *DB) checkDay(field string, d tuyengiao.Date) error {
	if d.IsZero() {
		return tuyengiao.FieldError(field, "Chưa nhập ngày.")
	}
	return tuyengiao.PlausibleDate(field, d, db.today())
}

// dateText stores a date as "YYYY-MM-DD", the zero date as NULL.
func dateText(d tuyengiao.Date) sql.NullString {
	if d.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: d.Format(time.DateOnly), Valid: true}
}
