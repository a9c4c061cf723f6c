package sqldb

import (
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"tuyengiao"
)

// within returns the path of the subtree where a unit at path and a campaign organised at
// campaignPath meet, the deeper of the two, or an EINVALID error on unit_id when the unit
// is outside the campaign and above none of it.
func within(path, campaignPath string) (string, error) {
	switch {
	case tuyengiao.InSubtree(path, campaignPath):
		return path, nil
	case tuyengiao.InSubtree(campaignPath, path):
		return campaignPath, nil
	}
	return "", tuyengiao.FieldError("unit_id", "Đơn vị này không thuộc phạm vi của đợt học tập.")
}

// rosterWhere returns the condition over personFrom that keeps the people on the roster of
// the campaign in the subtree at path: active, of one of its roster audiences.
func rosterWhere(c *tuyengiao.Campaign, path string) (string, []any) {
	return audienceWhere(c, path, "p.status = ?", tuyengiao.StatusActive)
}

// audienceWhere returns the condition over personFrom that keeps the people in the subtree at
// path of one of the campaign's roster audiences for whom the condition active, taking
// activeArgs, holds.
func audienceWhere(c *tuyengiao.Campaign, path, active string, activeArgs ...any) (string, []any) {
	lo, hi := subtreeRange(path)
	where, args := "u.path >= ? AND u.path < ? AND "+active, append([]any{lo, hi}, activeArgs...)
	var cats []any
	for _, a := range c.Audiences {
		if !a.Headcount {
			cats = append(cats, a.Category)
		}
	}
	if len(cats) == 0 {
		return where + " AND 1 = 0", args
	}
	return where + " AND p.category IN (" + placeholders(len(cats)) + ")", append(args, cats...)
}

// onRoster reports whether the person, whose unit is at path, is on the campaign's roster.
func onRoster(c *tuyengiao.Campaign, campaignPath string, p *tuyengiao.Person, path string) bool {
	a, ok := c.Audience(p.Category)
	return ok && !a.Headcount && p.Status == tuyengiao.StatusActive && tuyengiao.InSubtree(path, campaignPath)
}

// Roster implements tuyengiao.CampaignService. The read is audited, as it discloses
// personal data.
func (db *DB) Roster(ctx context.Context, conferenceID, unitID int64) (*tuyengiao.Roster, error) {
	where, args, err := db.rosterScope(ctx, conferenceID, unitID)
	if err != nil {
		return nil, err
	}
	// Read before the query: a record made while it runs is then after OpenedAt, and kept
	// by a change made on this roster.
	out := &tuyengiao.Roster{OpenedAt: db.instant(), Entries: []tuyengiao.RosterEntry{}}
	rows, err := db.query(ctx, `SELECT p.id, p.full_name, p.unit_id, u.name, p.category, p.phone <> '', a.method, a.recorded_at
		`+personFrom+` LEFT JOIN attendance a ON a.conference_id = ? AND a.person_id = p.id
		WHERE `+where+` ORDER BY p.sort_key, p.id`, append([]any{conferenceID}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e tuyengiao.RosterEntry
		var method sql.NullString
		var at sql.NullTime
		if err := rows.Scan(&e.PersonID, &e.FullName, &e.UnitID, &e.UnitName, &e.Category, &e.HasPhone, &method, &at); err != nil {
			return nil, err
		}
		e.Present, e.Method, e.RecordedAt = method.Valid, tuyengiao.AttendanceMethod(method.String), at.Time.UTC()
		out.Entries = append(out.Entries, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, db.auditAlone(ctx, &tuyengiao.AuditRecord{Action: "attendance.roster", Object: conferenceObject(conferenceID),
		UnitID: unitID, Detail: fmt.Sprintf("returned=%d", len(out.Entries))})
}

// rosterScope returns the condition over personFrom that keeps the people of the
// conference's roster in unitID's subtree, for a caller who may view the people there.
func (db *DB) rosterScope(ctx context.Context, conferenceID, unitID int64) (string, []any, error) {
	f, c, err := db.conferenceAndCampaign(ctx, conferenceID)
	if err != nil {
		return "", nil, err
	}
	path, err := db.authorize(ctx, tuyengiao.ActionPersonView, unitID, conferenceObject(conferenceID))
	if err != nil {
		return "", nil, err
	}
	if path, err = within(path, f.campaignPath); err != nil {
		return "", nil, err
	}
	where, args := rosterWhere(c, path)
	return where, args, nil
}

// RosterUnits implements tuyengiao.CampaignService: one count grouped by unit, then the
// units counted and unitID's, each given the counts of the others of its subtree.
func (db *DB) RosterUnits(ctx context.Context, conferenceID, unitID int64) ([]tuyengiao.RosterUnit, error) {
	where, args, err := db.rosterScope(ctx, conferenceID, unitID)
	if err != nil {
		return nil, err
	}
	rows, err := db.query(ctx, `SELECT p.unit_id, COUNT(*), COUNT(a.person_id)`+personFrom+`
		LEFT JOIN attendance a ON a.conference_id = ? AND a.person_id = p.id
		WHERE `+where+` GROUP BY p.unit_id`, append([]any{conferenceID}, args...)...)
	if err != nil {
		return nil, err
	}
	own := map[int64][2]int{unitID: {}}
	ids := []int64{unitID}
	for rows.Next() {
		var id int64
		var n [2]int
		if err := rows.Scan(&id, &n[0], &n[1]); err != nil {
			rows.Close()
			return nil, err
		}
		if id != unitID {
			ids = append(ids, id)
		}
		own[id] = n
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, err
	}
	var units []*tuyengiao.Unit
	err = queryByIDs(ctx, db, `SELECT `+unitColumns+` FROM units WHERE id IN (ids)`, ids, func(rows *sql.Rows) error {
		u, err := scanUnit(rows.Scan)
		units = append(units, u)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := db.treeOrder(ctx, units); err != nil {
		return nil, err
	}
	out := make([]tuyengiao.RosterUnit, len(units))
	for i, u := range units {
		out[i].Unit = u
		for _, v := range units {
			if tuyengiao.InSubtree(v.Path, u.Path) {
				out[i].Total += own[v.ID][0]
				out[i].Present += own[v.ID][1]
			}
		}
	}
	return out, nil
}

// attendee is a person as their attendance records them: the unit and category they had.
type attendee struct {
	personID, unitID int64
	category         tuyengiao.Category
}

// lockKey names a PostgreSQL advisory lock that a batched write takes for the rest of its
// transaction: a key space and an id in it (the two-key form of the locks). SQLite has one
// writer and takes none.
type lockKey struct {
	space int32
	id    int64
}

// attendanceLock names the lock, one per campaign, that keeps the attendance removals of a
// campaign apart from its other writes: removing a person's last record of a campaign drops
// them from its attendees only when no other record of theirs remains, and a record being
// added at the same time by another transaction would not be seen. Adds do not conflict with
// each other (campaign_attendees takes the first), so they take the lock shared and only
// removals take it exclusive.
func attendanceLock(campaignID int64) lockKey { return lockKey{7310003, campaignID} }

// advisoryLock takes the lock k for the rest of tx, exclusive or shared, on PostgreSQL.
func (db *DB) advisoryLock(ctx context.Context, tx *Tx, k lockKey, exclusive bool) error {
	if !db.postgres {
		return nil
	}
	lock := `SELECT pg_advisory_xact_lock_shared(?, ?)`
	if exclusive {
		lock = `SELECT pg_advisory_xact_lock(?, ?)`
	}
	_, err := tx.exec(ctx, lock, k.space, int32(k.id))
	return err
}

// instant returns the time to the microsecond, which both engines keep: an attendance
// record and a roster read compare by it (see unmark), and two of the same second are not
// the same.
func (db *DB) instant() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// attendance is a record of a person at a conference, to be written.
type attendance struct {
	conferenceID, campaignID int64
	attendee
	method tuyengiao.AttendanceMethod
	by     sql.NullInt64
	at     time.Time
}

// attendanceKey names a person's record at a conference, of which there is one.
type attendanceKey struct{ conferenceID, personID int64 }

// rosterBatch is how many records insertAttendance writes, and removeRecords removes, in one
// statement: at most 8 parameters each, far below either engine's limit. Tests lower it.
var rosterBatch = 500

// insertAttendance writes each record of recs unless its person is already recorded at its
// conference (or named before in recs), and counts among their campaign's attendees those who
// are not yet: two statements per rosterBatch records rather than two per record, so that a
// roster of thousands, or a batch of check-ins, is written in a few round trips. It keeps
// campaign_counts itself rather than by row triggers (35% slower on a batch of 256
// check-ins): one read of the new attendees' people, and the counts changed queued on tx
// (Tx.counts). It returns the records it wrote.
func insertAttendance(ctx context.Context, tx *Tx, recs []attendance) (map[attendanceKey]bool, error) {
	// In the order of campaign and person: two nodes' transactions adding the same people
	// (adds share the campaign's lock) then wait for each other's rows in one order, never in
	// a circle. Stable, so that of two records of one person at one conference the first
	// given is the one written.
	recs = slices.Clone(recs)
	slices.SortStableFunc(recs, func(a, b attendance) int {
		return cmp.Or(cmp.Compare(a.campaignID, b.campaignID), cmp.Compare(a.personID, b.personID))
	})
	written := map[attendanceKey]bool{}
	var added []attendeeKey
	for batch := range slices.Chunk(recs, rosterBatch) {
		args := make([]any, 0, 8*len(batch))
		for _, a := range batch {
			args = append(args, a.conferenceID, a.personID, a.campaignID, a.unitID, a.category, a.method, a.by, a.at)
		}
		rows, err := tx.query(ctx, `INSERT INTO attendance (conference_id, person_id, campaign_id, unit_id, category, method, recorded_by, recorded_at)
			VALUES `+valueRows(8, len(batch))+` ON CONFLICT (conference_id, person_id) DO NOTHING RETURNING conference_id, person_id`, args...)
		if err != nil {
			return nil, err
		}
		now := map[attendanceKey]bool{}
		for rows.Next() {
			var k attendanceKey
			if err := rows.Scan(&k.conferenceID, &k.personID); err != nil {
				rows.Close()
				return nil, err
			}
			now[k] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		args = args[:0]
		for _, a := range batch {
			if k := (attendanceKey{a.conferenceID, a.personID}); now[k] && !written[k] {
				written[k] = true
				tx.counts = append(tx.counts, countDelta{key: countKey{a.campaignID, a.unitID, a.category}, attendances: 1})
				args = append(args, a.campaignID, a.personID, a.unitID, a.category, a.at)
			}
		}
		if len(args) == 0 {
			continue
		}
		keys, err := insertedAttendees(ctx, tx, `INSERT INTO campaign_attendees (campaign_id, person_id, unit_id, category, first_at)
			VALUES `+valueRows(5, len(args)/5)+` ON CONFLICT (campaign_id, person_id) DO NOTHING RETURNING campaign_id, person_id`, args...)
		if err != nil {
			return nil, err
		}
		added = append(added, keys...)
	}
	return written, tx.countAttendees(ctx, added)
}

// attendeeKey names a person's row of a campaign's attendees.
type attendeeKey struct{ campaignID, personID int64 }

// insertedAttendees runs an insert into campaign_attendees that returns the campaign and the
// person of the rows it inserted, and returns them.
func insertedAttendees(ctx context.Context, tx *Tx, q string, args ...any) ([]attendeeKey, error) {
	rows, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []attendeeKey
	for rows.Next() {
		var k attendeeKey
		if err := rows.Scan(&k.campaignID, &k.personID); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// countKey names a row of campaign_counts.
type countKey struct {
	campaignID, unitID int64
	category           tuyengiao.Category
}

// countDelta is what a write adds to a row of campaign_counts. Migration 00042's triggers keep
// the counts for removals and for changes of people; the inserts of insertAttendance and
// removeRecords queue theirs on their Tx (Tx.counts), which writes them at its commit.
type countDelta struct {
	key                   countKey
	attended, attendances int64
}

// countAttendees queues on tx the attendees added, each at their person's unit and category
// when the person is active. The people are read in tx and, on PostgreSQL, locked FOR SHARE:
// a change of a person's unit, category or status, whose trigger moves them in the counts of
// the campaigns they attended, then waits for this transaction and sees its attendees, or
// was committed first and is read here.
func (tx *Tx) countAttendees(ctx context.Context, added []attendeeKey) error {
	if len(added) == 0 {
		return nil
	}
	ids := make([]int64, len(added))
	for i, k := range added {
		ids[i] = k.personID
	}
	slices.Sort(ids)
	lock := ""
	if tx.db.postgres {
		lock = " FOR SHARE"
	}
	type place struct {
		unitID   int64
		category tuyengiao.Category
	}
	active := map[int64]place{}
	err := queryByIDs(ctx, tx, `SELECT id, unit_id, category FROM people WHERE status = 'active' AND id IN (ids) ORDER BY id`+lock,
		slices.Compact(ids), func(rows *sql.Rows) error {
			var id int64
			var p place
			err := rows.Scan(&id, &p.unitID, &p.category)
			active[id] = p
			return err
		})
	if err != nil {
		return err
	}
	for _, k := range added {
		if p, ok := active[k.personID]; ok {
			tx.counts = append(tx.counts, countDelta{key: countKey{k.campaignID, p.unitID, p.category}, attended: 1})
		}
	}
	return nil
}

// flushCounts adds the counts queued on tx to campaign_counts, summed by row, rosterBatch
// rows a statement, in the order of their keys: once per transaction, so that two nodes'
// batches, each of several writes adding to the same rows, take them in one order and never
// wait for each other in a circle.
func (tx *Tx) flushCounts(ctx context.Context) error {
	sums := map[countKey]*countDelta{}
	for _, d := range tx.counts {
		if sums[d.key] == nil {
			sums[d.key] = &countDelta{key: d.key}
		}
		sums[d.key].attended += d.attended
		sums[d.key].attendances += d.attendances
	}
	tx.counts = nil
	keys := slices.SortedFunc(maps.Keys(sums), func(a, b countKey) int {
		return cmp.Or(cmp.Compare(a.campaignID, b.campaignID), cmp.Compare(a.unitID, b.unitID), cmp.Compare(a.category, b.category))
	})
	for batch := range slices.Chunk(keys, rosterBatch) {
		args := make([]any, 0, 5*len(batch))
		for _, k := range batch {
			args = append(args, k.campaignID, k.unitID, k.category, sums[k].attended, sums[k].attendances)
		}
		if _, err := tx.exec(ctx, `INSERT INTO campaign_counts (campaign_id, unit_id, category, attended, attendances)
			VALUES `+valueRows(5, len(batch))+` ON CONFLICT (campaign_id, unit_id, category) DO UPDATE
			SET attended = campaign_counts.attended + excluded.attended, attendances = campaign_counts.attendances + excluded.attendances`,
			args...); err != nil {
			return err
		}
	}
	return nil
}

// MarkAttendance implements tuyengiao.CampaignService. A refusal names the field
// ("present" or "absent") and the person's id; the audit record says how many records were
// added, removed and kept, and how many people marked present stayed absent. Each removal
// is kept in roster_removals, so that a save made on a roster opened before it does not
// undo it.
func (db *DB) MarkAttendance(ctx context.Context, conferenceID, unitID int64, ch tuyengiao.RosterChange) (*tuyengiao.RosterSaved, error) {
	f, c, err := db.conferenceAndCampaign(ctx, conferenceID)
	if err != nil {
		return nil, err
	}
	path, err := db.authorize(ctx, tuyengiao.ActionAttendanceEdit, unitID, conferenceObject(conferenceID))
	if err != nil {
		return nil, err
	}
	if path, err = within(path, f.campaignPath); err != nil {
		return nil, err
	}
	if err := checkRosterChange(&ch); err != nil {
		return nil, err
	}
	// opened_at is the time of a roster read by this server or another node of it: a few
	// seconds ahead is the nodes' clocks differing, and taken as now; further ahead it is no
	// read, and would let a change undo records made after it was sent.
	now, opened := db.instant(), ch.OpenedAt.UTC()
	if opened.After(now.Add(nodeClockSkew)) {
		return nil, tuyengiao.FieldError("opened_at",
			"Thời điểm mở danh sách điểm danh (opened_at) ở sau thời điểm hiện tại. Hãy tải lại danh sách.")
	}
	if opened.After(now) {
		opened = now
	}
	where, args := rosterWhere(c, path)
	// The save is one write of the batcher: all its records or none. It may run twice (see
	// batcher.commit), so it starts from nothing each time.
	saved := &tuyengiao.RosterSaved{}
	err = db.batched(ctx, attendanceLock(f.CampaignID), len(ch.Absent) > 0, func(ctx context.Context, tx *Tx) error {
		*saved = tuyengiao.RosterSaved{}
		found, err := rosterPeople(ctx, tx, where, args, slices.Concat(ch.Present, ch.Absent))
		if err != nil {
			return err
		}
		if err := allOnRoster("present", ch.Present, found); err != nil {
			return err
		}
		if err := allOnRoster("absent", ch.Absent, found); err != nil {
			return err
		}
		removed, err := removedSince(ctx, tx, f.ID, ch.Present, opened)
		if err != nil {
			return err
		}
		var marked []attendance
		for _, id := range ch.Present {
			if removed[id] {
				saved.StillAbsent = append(saved.StillAbsent, id)
			} else {
				marked = append(marked, attendance{f.ID, f.CampaignID, found[id], tuyengiao.MethodRoster, actingUser(ctx), now})
			}
		}
		written, err := insertAttendance(ctx, tx, marked)
		if err != nil {
			return err
		}
		saved.Added = len(written)
		if saved.Removed, saved.Kept, err = unmark(ctx, tx, f, ch.Absent, opened, now); err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "attendance.mark", Object: conferenceObject(conferenceID),
			UnitID: unitID, Detail: fmt.Sprintf("added=%d removed=%d kept=%d still_absent=%d",
				saved.Added, saved.Removed, len(saved.Kept), len(saved.StillAbsent))})
	})
	if err != nil {
		return nil, err
	}
	return saved, nil
}

// checkRosterChange sorts the ids of ch and refuses a person named twice, or marked both
// present and absent, and absences without the time the roster was opened.
func checkRosterChange(ch *tuyengiao.RosterChange) error {
	ch.Present, ch.Absent = slices.Sorted(slices.Values(ch.Present)), slices.Sorted(slices.Values(ch.Absent))
	for _, field := range []struct {
		name string
		ids  []int64
	}{{"present", ch.Present}, {"absent", ch.Absent}} {
		for i := 1; i < len(field.ids); i++ {
			if field.ids[i] == field.ids[i-1] {
				return tuyengiao.FieldError(field.name, "Người có mã %v được gửi hai lần.", field.ids[i])
			}
		}
	}
	for _, id := range ch.Absent {
		if _, both := slices.BinarySearch(ch.Present, id); both {
			return tuyengiao.FieldError("absent", "Người có mã %v vừa được đánh dấu có mặt vừa được đánh dấu vắng.", id)
		}
	}
	if len(ch.Absent) > 0 && ch.OpenedAt.IsZero() {
		return tuyengiao.FieldError("opened_at",
			"Chưa gửi thời điểm mở danh sách điểm danh (opened_at), nên không biết ai đã được ghi nhận sau đó. Hãy tải lại danh sách.")
	}
	return nil
}

// rosterPeople returns, of the people ids, those on the roster of rosterWhere's condition.
func rosterPeople(ctx context.Context, tx *Tx, where string, args []any, ids []int64) (map[int64]attendee, error) {
	found := map[int64]attendee{}
	err := queryByIDs(ctx, tx, `SELECT p.id, p.unit_id, p.category`+personFrom+` WHERE `+where+` AND p.id IN (ids)`, ids,
		func(rows *sql.Rows) error {
			var a attendee
			err := rows.Scan(&a.personID, &a.unitID, &a.category)
			found[a.personID] = a
			return err
		}, args...)
	return found, err
}

// allOnRoster refuses on field the first of ids that is not in found, the roster.
func allOnRoster(field string, ids []int64, found map[int64]attendee) error {
	for _, id := range ids {
		if _, ok := found[id]; !ok {
			return tuyengiao.FieldError(field, "Người có mã %v không có trong danh sách học tập của đơn vị (đang sinh hoạt, thuộc đối tượng của đợt học tập).", id)
		}
	}
	return nil
}

// nodeClockSkew is how far the clocks of two app nodes may differ: a roster read on one
// node is saved on another.
const nodeClockSkew = 5 * time.Second

// removedSince returns, of the people ids, those without a record of the conference whose
// roster record was removed at or after opened: marked present on a roster read before the
// removal, they were marked on what the user saw, not on what is now. A change that does not
// say when its roster was read (no opened) claims no view to compare with: nobody is held.
func removedSince(ctx context.Context, tx *Tx, conferenceID int64, ids []int64, opened time.Time) (map[int64]bool, error) {
	removed := map[int64]bool{}
	if opened.IsZero() {
		return removed, nil
	}
	err := queryByIDs(ctx, tx, `SELECT DISTINCT r.person_id FROM roster_removals r
		WHERE r.conference_id = ? AND r.removed_at >= ? AND r.person_id IN (ids)
		AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.conference_id = r.conference_id AND a.person_id = r.person_id)`,
		ids, func(rows *sql.Rows) error {
			var id int64
			err := rows.Scan(&id)
			removed[id] = true
			return err
		}, conferenceID, opened)
	return removed, err
}

// unmark removes the roster records of conference f of the people absent made before
// opened, rosterBatch people at a time (removeRecords). It returns how many it removed and,
// in id order, the absent people whose record stays: a check-in, or a record made at or
// after opened.
func unmark(ctx context.Context, tx *Tx, f *conference, absent []int64, opened, now time.Time) (int, []int64, error) {
	var gone, kept []int64
	err := queryByIDs(ctx, tx, `SELECT person_id, method, recorded_at FROM attendance WHERE conference_id = ? AND person_id IN (ids)`,
		absent, func(rows *sql.Rows) error {
			var id int64
			var method tuyengiao.AttendanceMethod
			var at time.Time
			if err := rows.Scan(&id, &method, &at); err != nil {
				return err
			}
			if method == tuyengiao.MethodCheckIn || !at.Before(opened) {
				kept = append(kept, id)
			} else {
				gone = append(gone, id)
			}
			return nil
		}, f.ID)
	if err != nil {
		return 0, nil, err
	}
	for batch := range slices.Chunk(gone, rosterBatch) {
		if err := removeRecords(ctx, tx, f, batch, now); err != nil {
			return 0, nil, err
		}
	}
	slices.Sort(kept)
	return len(gone), kept, nil
}

// removeRecords removes the roster records of conference f of the people ids, keeps each
// removal at now in roster_removals, and makes each person's row of the campaign's attendees
// that of their earliest attendance record of the campaign that remains, or removes it when
// none does: a removed record is no longer the one they were first recorded by, and their
// unit and category may have changed since; the kept counts follow (Tx.counts). Five
// statements whatever the number of people.
func removeRecords(ctx context.Context, tx *Tx, f *conference, ids []int64, now time.Time) error {
	in := placeholders(len(ids))
	people := make([]any, len(ids))
	removals := make([]any, 0, 4*len(ids))
	for i, id := range ids {
		people[i] = id
		removals = append(removals, f.ID, id, now, actingUser(ctx))
	}
	if _, err := tx.exec(ctx, `DELETE FROM attendance WHERE conference_id = ? AND person_id IN (`+in+`)`,
		append([]any{f.ID}, people...)...); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `INSERT INTO roster_removals (conference_id, person_id, removed_at, removed_by) VALUES `+
		valueRows(4, len(ids)), removals...); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM campaign_attendees WHERE campaign_id = ? AND person_id IN (`+in+`)`,
		append([]any{f.CampaignID}, people...)...); err != nil {
		return err
	}
	added, err := insertedAttendees(ctx, tx, `INSERT INTO campaign_attendees (campaign_id, person_id, unit_id, category, first_at)
		SELECT campaign_id, person_id, unit_id, category, recorded_at FROM (
			SELECT campaign_id, person_id, unit_id, category, recorded_at,
				ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY recorded_at, conference_id) AS n
			FROM attendance WHERE campaign_id = ? AND person_id IN (`+in+`)) earliest
		WHERE n = 1 RETURNING campaign_id, person_id`, append([]any{f.CampaignID}, people...)...)
	if err != nil {
		return err
	}
	return tx.countAttendees(ctx, added)
}

// checkInCode signs the conference's ID and time window with its secret, so that moving the
// conference invalidates the codes given before.
func checkInCode(f *conference) string {
	key, _ := hex.DecodeString(f.secret)
	mac := hmac.New(sha256.New, key)
	fmt.Fprintf(mac, "checkin:%d:%d:%d", f.ID, f.StartsAt.Unix(), f.EndsAt.Unix())
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// CheckInCode implements tuyengiao.CampaignService: for those who take attendance at a host
// of the conference, or may plan campaigns at the organising unit.
func (db *DB) CheckInCode(ctx context.Context, conferenceID int64) (string, error) {
	f, may, err := db.mayHaveCheckInCode(ctx, conferenceID)
	if err != nil {
		return "", err
	} else if !may {
		if err := db.check(ctx, tuyengiao.ActionCampaignEdit, f.path, f.UnitID, conferenceObject(conferenceID)); err != nil {
			return "", err
		}
	}
	return checkInCode(f), nil
}

// ShownCheckInCode implements tuyengiao.CampaignService.
func (db *DB) ShownCheckInCode(ctx context.Context, conferenceID int64) (string, error) {
	f, may, err := db.mayHaveCheckInCode(ctx, conferenceID)
	if err != nil || !may {
		return "", err
	}
	return checkInCode(f), nil
}

// mayHaveCheckInCode reads the conference and reports whether the caller may have its
// check-in code (CheckInCode), recording nothing.
func (db *DB) mayHaveCheckInCode(ctx context.Context, conferenceID int64) (*conference, bool, error) {
	f, err := db.loadConference(ctx, db, conferenceID)
	if err != nil {
		return nil, false, err
	}
	hosts, err := db.hostPaths(ctx, conferenceID)
	if err != nil {
		return nil, false, err
	}
	p := tuyengiao.PrincipalFrom(ctx)
	for _, path := range hosts {
		if tuyengiao.Authorize(p, tuyengiao.ActionAttendanceEdit, path) == nil {
			return f, true, nil
		}
	}
	return f, tuyengiao.Authorize(p, tuyengiao.ActionCampaignEdit, f.path) == nil, nil
}

// hostPaths returns the paths of the units that host a bridge point of the conference.
func (db *DB) hostPaths(ctx context.Context, conferenceID int64) ([]string, error) {
	rows, err := db.query(ctx, `SELECT u.path FROM bridge_points b JOIN units u ON u.id = b.unit_id WHERE b.conference_id = ?`, conferenceID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var path string
		if err := rows.Scan(&path); err != nil {
			return nil, err
		}
		out = append(out, path)
	}
	return out, rows.Err()
}

// member returns the person record of the calling account and the path of its unit, for
// what members do for themselves, through the node's cache (cachedFindPerson); an account
// without one is refused.
func (db *DB) member(ctx context.Context) (*tuyengiao.Person, string, error) {
	pr := tuyengiao.PrincipalFrom(ctx)
	if pr == nil {
		return nil, "", tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	} else if pr.PersonID == 0 {
		return nil, "", tuyengiao.Errorf(tuyengiao.EFORBIDDEN,
			"Tài khoản của bạn chưa gắn với hồ sơ đảng viên, hội viên nên chưa tự điểm danh, xem đợt học tập hay nộp bài thu hoạch được. Hãy liên hệ quản trị viên đơn vị.")
	}
	return db.cachedFindPerson(ctx, pr.PersonID)
}

// CheckIn implements tuyengiao.CampaignService: the code must be the conference's current
// one, the member on the campaign's roster (refusals of either are audited), and the time
// within Conference.CheckInOpen. The conference it returns, read with its rules, is a copy.
func (db *DB) CheckIn(ctx context.Context, conferenceID int64, code string) (*tuyengiao.RosterEntry, *tuyengiao.Conference, error) {
	p, path, f, c, err := db.memberAndConference(ctx, conferenceID)
	if err != nil {
		return nil, nil, err
	}
	refuse := func(format string) error {
		rec := &tuyengiao.AuditRecord{Action: "attendance.checkin", Object: conferenceObject(conferenceID), UnitID: p.UnitID,
			Outcome: tuyengiao.OutcomeDenied, Detail: personObject(p.ID)}
		return errors.Join(tuyengiao.Errorf(tuyengiao.EFORBIDDEN, format), db.auditAlone(ctx, rec))
	}
	if !hmac.Equal([]byte(code), []byte(checkInCode(f))) {
		return nil, nil, refuse("Mã điểm danh không đúng hoặc đã hết hiệu lực. Hãy quét lại mã QR tại hội nghị.")
	}
	if !onRoster(c, f.campaignPath, p, path) {
		return nil, nil, refuse("Bạn không thuộc đối tượng học tập của đợt này nên không điểm danh được.")
	}
	now := db.instant()
	if opens := f.StartsAt.Add(-tuyengiao.CheckInLead); now.Before(opens) {
		return nil, nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Chưa đến giờ điểm danh: hội nghị bắt đầu lúc %s, điểm danh mở từ %s.",
			f.StartsAt, opens)
	} else if !f.CheckInOpen(now) {
		return nil, nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Đã hết giờ điểm danh: hội nghị kết thúc lúc %s.", f.EndsAt)
	}
	err = db.batch.submit(&write{ctx: ctx, kind: checkIns, lock: attendanceLock(f.CampaignID),
		item: attendance{f.ID, f.CampaignID, attendee{p.ID, p.UnitID, p.Category}, tuyengiao.MethodCheckIn, actingUser(ctx), now}})
	if err != nil {
		return nil, nil, err
	}
	return &tuyengiao.RosterEntry{PersonID: p.ID, FullName: p.FullName, UnitID: p.UnitID, UnitName: p.UnitName, Category: p.Category,
		HasPhone: p.Phone != "", Present: true, Method: tuyengiao.MethodCheckIn, RecordedAt: now}, f.Conference, nil
}

// checkIns writes the QR check-ins of a batch, items of attendance, in two statements, and
// their audit records; a person recorded at the conference already is refused.
var checkIns = &writeKind{apply: func(tx *Tx, ws []*write) error {
	recs := make([]attendance, len(ws))
	for i, w := range ws {
		recs[i] = w.item.(attendance)
	}
	written, err := insertAttendance(context.Background(), tx, recs)
	if err != nil {
		return err
	}
	for i, w := range ws {
		a := recs[i]
		if k := (attendanceKey{a.conferenceID, a.personID}); written[k] {
			delete(written, k) // the one write of the batch that wrote it
		} else {
			w.err = tuyengiao.Errorf(tuyengiao.ECONFLICT, "Bạn đã điểm danh hội nghị này rồi.")
			continue
		}
		if err := tx.db.audit(w.ctx, tx, &tuyengiao.AuditRecord{Action: "attendance.checkin", Object: conferenceObject(a.conferenceID),
			UnitID: a.unitID, Detail: personObject(a.personID)}); err != nil {
			return err
		}
	}
	return nil
}}

// NotAttended implements tuyengiao.CampaignService. The read is audited, as it discloses
// personal data.
func (db *DB) NotAttended(ctx context.Context, campaignID, unitID int64, category tuyengiao.Category, offset, limit int) ([]*tuyengiao.Person, int, error) {
	c, campaignPath, err := db.campaignRules(ctx, campaignID)
	if err != nil {
		return nil, 0, err
	}
	path, err := db.authorize(ctx, tuyengiao.ActionPersonView, unitID, campaignObject(campaignID))
	if err != nil {
		return nil, 0, err
	}
	if path, err = within(path, campaignPath); err != nil {
		return nil, 0, err
	}
	where, args := notAttendedWhere(c, path, db.asOf(c))
	if category != "" {
		where += " AND p.category = ?"
		args = append(args, category)
	}
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*)`+personFrom+` WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	out, err := db.queryPeople(ctx, where, offset, limit, args...)
	if err != nil {
		return nil, 0, err
	}
	return out, total, db.auditAlone(ctx, &tuyengiao.AuditRecord{Action: "attendance.not_attended", Object: campaignObject(campaignID),
		UnitID: unitID, Detail: fmt.Sprintf("category=%s offset=%d limit=%d returned=%d total=%d", category, offset, limit, len(out), total)})
}
