package sqldb

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

func conferenceObject(id int64) string { return "conference:" + strconv.FormatInt(id, 10) }

func bridgePointObject(id int64) string { return "bridge_point:" + strconv.FormatInt(id, 10) }

// conferenceColumns are the columns scanConference reads: the conference, its secret, the
// path of its organising unit and that of its campaign's organiser.
const conferenceColumns = `f.id, f.campaign_id, f.unit_id, u.name, f.title, f.starts_at, f.ends_at, f.form, f.materials,
	f.created_at, f.updated_at, f.secret, u.path, cu.path`

const conferenceFrom = ` FROM conferences f JOIN units u ON u.id = f.unit_id
	JOIN campaigns c ON c.id = f.campaign_id JOIN units cu ON cu.id = c.unit_id`

// conference is a conference as stored: with the secret that signs its check-in code, the
// path of its organising unit and the path of the unit that organises its campaign.
type conference struct {
	*tuyengiao.Conference
	secret, path, campaignPath string
}

// scanConference reads a row of conferenceColumns.
func scanConference(row interface{ Scan(...any) error }) (*conference, error) {
	c := &conference{Conference: &tuyengiao.Conference{}}
	err := row.Scan(&c.ID, &c.CampaignID, &c.UnitID, &c.UnitName, &c.Title, &c.StartsAt, &c.EndsAt, &c.Form, &c.Materials,
		&c.CreatedAt, &c.UpdatedAt, &c.secret, &c.path, &c.campaignPath)
	if err != nil {
		return nil, err
	}
	c.StartsAt, c.EndsAt, c.CreatedAt, c.UpdatedAt = c.StartsAt.UTC(), c.EndsAt.UTC(), c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c, nil
}

// loadConference reads a conference without its presenters and bridge points and without
// an access check, or returns ENOTFOUND.
func (db *DB) loadConference(ctx context.Context, q querier, id int64) (*conference, error) {
	c, err := scanConference(q.queryRow(ctx, `SELECT `+conferenceColumns+conferenceFrom+` WHERE f.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy hội nghị, lớp học.")
	}
	return c, err
}

// FindConferenceByID implements tuyengiao.CampaignService: the conference with its
// presenters and bridge points, for a caller its campaign reaches.
func (db *DB) FindConferenceByID(ctx context.Context, id int64) (*tuyengiao.Conference, error) {
	c, err := db.loadConference(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if err := db.checkReach(ctx, c.campaignPath, 0, conferenceObject(id)); err != nil {
		return nil, err
	}
	if err := db.withParts(ctx, conferenceObject(id), c.UnitID, []*tuyengiao.Conference{c.Conference}); err != nil {
		return nil, err
	}
	return c.Conference, db.attendanceCounts(ctx, c.Conference)
}

// CheckInConference implements tuyengiao.CampaignService.
func (db *DB) CheckInConference(ctx context.Context, id int64) (*tuyengiao.Conference, error) {
	f, _, err := db.conferenceAndCampaign(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := db.checkReach(ctx, f.campaignPath, 0, conferenceObject(id)); err != nil {
		return nil, err
	}
	c := *f.Conference
	return &c, nil
}

// attendanceCounts fills the attendance counts of conference c and of its bridge points:
// each record counts at the bridge point whose host is the deepest above the person's unit
// (or is it), and in the conference's total in any case.
func (db *DB) attendanceCounts(ctx context.Context, c *tuyengiao.Conference) error {
	host := map[string]int{} // the bridge point hosted at a unit's path
	rows, err := db.query(ctx, `SELECT b.id, u.path FROM bridge_points b JOIN units u ON u.id = b.unit_id
		WHERE b.conference_id = ?`, c.ID)
	if err != nil {
		return err
	}
	at := make(map[int64]int, len(c.BridgePoints))
	for i, b := range c.BridgePoints {
		at[b.ID] = i
	}
	for rows.Next() {
		var id int64
		var path string
		if err := rows.Scan(&id, &path); err != nil {
			rows.Close()
			return err
		}
		if _, ok := host[path]; !ok {
			host[path] = at[id]
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if rows, err = db.query(ctx, `SELECT u.path, a.category, a.method, COUNT(*) FROM attendance a JOIN units u ON u.id = a.unit_id
		WHERE a.conference_id = ? GROUP BY u.path, a.category, a.method`, c.ID); err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var path string
		var cat tuyengiao.Category
		var method tuyengiao.AttendanceMethod
		var n int64
		if err := rows.Scan(&path, &cat, &method, &n); err != nil {
			return err
		}
		c.Attended.Add(cat, method, n)
		above := append(ancestorPaths(path), path)
		for k := len(above) - 1; k >= 0; k-- {
			if i, ok := host[above[k]]; ok {
				c.BridgePoints[i].Attended.Add(cat, method, n)
				break
			}
		}
	}
	return rows.Err()
}

// FindConferences implements tuyengiao.CampaignService: the conferences whose campaign
// reaches the caller (or RootID), that overlap [From, To) when those are set.
func (db *DB) FindConferences(ctx context.Context, f tuyengiao.ConferenceFilter) ([]*tuyengiao.Conference, error) {
	roots, err := db.viewRoots(ctx, f.RootID, "conferences")
	if err != nil {
		return nil, err
	}
	where, args := reachClause("cu.path", roots)
	root := ""
	if f.RootID != 0 {
		root = roots[0]
		lo, hi := subtreeRange(root)
		above := append(ancestorPaths(root), root) // the root and the units above it
		// The bridge points are those hosted in the subtree or above it, read from the index
		// on their host: a national campaign has 50.000, which a look at every conference's
		// read all of for a district's page.
		where += ` AND (u.path >= ? AND u.path < ? OR f.id IN (SELECT b.conference_id FROM bridge_points b
			WHERE b.unit_id IN (SELECT id FROM units WHERE path >= ? AND path < ? OR path IN (` + placeholders(len(above)) + `))))`
		args = append(args, lo, hi, lo, hi)
		for _, a := range above {
			args = append(args, a)
		}
	}
	if f.CampaignID != 0 {
		where += " AND f.campaign_id = ?"
		args = append(args, f.CampaignID)
	}
	if f.PersonID != 0 {
		path, err := db.conferencePerson(ctx, f.PersonID)
		if err != nil {
			return nil, err
		}
		above := append(ancestorPaths(path), path)
		where += ` AND EXISTS (SELECT 1 FROM bridge_points b JOIN units bu ON bu.id = b.unit_id
			WHERE b.conference_id = f.id AND bu.path IN (` + placeholders(len(above)) + `))`
		for _, a := range above {
			args = append(args, a)
		}
	}
	if !f.From.IsZero() {
		where += " AND f.ends_at >= ?"
		args = append(args, f.From.UTC())
	}
	if !f.To.IsZero() {
		where += " AND f.starts_at < ?"
		args = append(args, f.To.UTC())
	}
	cs, err := db.queryConferences(ctx, f.RootID, root, where+` ORDER BY f.starts_at, f.id`+limitClause(0, f.Limit), args...)
	if err != nil || f.PersonID == 0 || len(cs) == 0 {
		return cs, err
	}
	return cs, db.attendedAt(ctx, f.PersonID, cs)
}

// attendedAt fills the AttendedAt of the conferences the person attended.
func (db *DB) attendedAt(ctx context.Context, personID int64, cs []*tuyengiao.Conference) error {
	byID := make(map[int64]*tuyengiao.Conference, len(cs))
	ids := make([]int64, len(cs))
	for i, c := range cs {
		byID[c.ID], ids[i] = c, c.ID
	}
	return queryByIDs(ctx, db, `SELECT conference_id, recorded_at FROM attendance WHERE person_id = ? AND conference_id IN (ids)`,
		ids, func(rows *sql.Rows) error {
			var id int64
			var at time.Time
			if err := rows.Scan(&id, &at); err != nil {
				return err
			}
			byID[id].AttendedAt = at.UTC()
			return nil
		}, personID)
}

// conferencePerson returns the path of the unit of the person whose conferences are asked
// for: the caller's own, or one the caller may view.
func (db *DB) conferencePerson(ctx context.Context, personID int64) (string, error) {
	var path string
	var unitID int64
	err := db.queryRow(ctx, `SELECT u.path, u.id FROM people p JOIN units u ON u.id = p.unit_id WHERE p.id = ?`, personID).Scan(&path, &unitID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", tuyengiao.FieldError("person_id", "Không tìm thấy người này.")
	} else if err != nil {
		return "", err
	}
	if tuyengiao.PrincipalFrom(ctx).PersonID == personID {
		return path, nil
	}
	return path, db.check(ctx, tuyengiao.ActionPersonView, path, unitID, personObject(personID))
}

// queryConferences returns the conferences of conferenceFrom that satisfy the condition,
// with their presenters and bridge points; the read of the presenters is audited at the unit
// rootID (0 for none), whose path root marks those organised in its subtree (OrganisedHere).
func (db *DB) queryConferences(ctx context.Context, rootID int64, root, where string, args ...any) ([]*tuyengiao.Conference, error) {
	rows, err := db.query(ctx, `SELECT `+conferenceColumns+conferenceFrom+` WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*tuyengiao.Conference{}
	for rows.Next() {
		c, err := scanConference(rows)
		if err != nil {
			return nil, err
		}
		c.OrganisedHere = root != "" && tuyengiao.InSubtree(c.path, root)
		out = append(out, c.Conference)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return out, db.withParts(ctx, "conferences", rootID, out)
}

// withParts fills the presenters and bridge points of the conferences (conferenceParts) and
// audits the answer as a read of the presenters' personal data, since it names them
// (presentersRecord).
func (db *DB) withParts(ctx context.Context, object string, unitID int64, cs []*tuyengiao.Conference) error {
	if err := conferenceParts(ctx, db, cs); err != nil {
		return err
	}
	if rec := presentersRecord(object, unitID, cs); rec != nil {
		return db.auditAlone(ctx, rec)
	}
	return nil
}

// presentersRecord is the audit record of the caller being told the names of the presenters
// of the conferences: one "person.view" of the object at the unit, listing the people by
// ID; nil when the conferences have no presenter.
func presentersRecord(object string, unitID int64, cs []*tuyengiao.Conference) *tuyengiao.AuditRecord {
	var ids []int64
	for _, c := range cs {
		for _, p := range c.Presenters {
			ids = append(ids, p.PersonID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	people := make([]string, 0, len(ids))
	for _, id := range slices.Compact(ids) {
		people = append(people, personObject(id))
	}
	return &tuyengiao.AuditRecord{Action: string(tuyengiao.ActionPersonView), Object: object, UnitID: unitID,
		Detail: "presenters: " + strings.Join(people, " ")}
}

// auditPresenters queues inside tx the presentersRecord of the conference c, whose names the
// answer to its creation or change tells: the conference and that record commit together,
// or neither does.
func (db *DB) auditPresenters(ctx context.Context, tx *Tx, c *tuyengiao.Conference) error {
	if rec := presentersRecord(conferenceObject(c.ID), c.UnitID, []*tuyengiao.Conference{c}); rec != nil {
		return db.audit(ctx, tx, rec)
	}
	return nil
}

// conferenceParts fills the presenters, in name order, and the bridge points of the
// conferences, each with the categories whose numbers are not zero.
func conferenceParts(ctx context.Context, q rowsQuerier, cs []*tuyengiao.Conference) error {
	byID := make(map[int64]*tuyengiao.Conference, len(cs))
	ids := make([]int64, len(cs))
	for i, c := range cs {
		byID[c.ID], ids[i] = c, c.ID
		c.Presenters, c.BridgePoints = []tuyengiao.Presenter{}, []tuyengiao.BridgePoint{}
	}
	err := queryByIDs(ctx, q, `SELECT cp.conference_id, p.id, p.full_name FROM conference_presenters cp
		JOIN people p ON p.id = cp.person_id WHERE cp.conference_id IN (ids) ORDER BY p.sort_key, p.id`, ids, func(rows *sql.Rows) error {
		var id int64
		var p tuyengiao.Presenter
		if err := rows.Scan(&id, &p.PersonID, &p.FullName); err != nil {
			return err
		}
		byID[id].Presenters = append(byID[id].Presenters, p)
		return nil
	})
	if err != nil {
		return err
	}
	points := map[int64]*tuyengiao.BridgePoint{}
	err = queryByIDs(ctx, q, `SELECT b.conference_id, b.id, b.unit_id, u.name, u.code, u.kind, b.place FROM bridge_points b
		JOIN units u ON u.id = b.unit_id WHERE b.conference_id IN (ids) ORDER BY b.id`, ids, func(rows *sql.Rows) error {
		var id int64
		b := tuyengiao.BridgePoint{Expected: map[tuyengiao.Category]int64{}, Counted: map[tuyengiao.Category]int64{}}
		if err := rows.Scan(&id, &b.ID, &b.UnitID, &b.UnitName, &b.UnitCode, &b.UnitKind, &b.Place); err != nil {
			return err
		}
		byID[id].BridgePoints = append(byID[id].BridgePoints, b)
		return nil
	})
	if err != nil {
		return err
	}
	for _, c := range cs {
		for i := range c.BridgePoints {
			points[c.BridgePoints[i].ID] = &c.BridgePoints[i]
		}
	}
	return queryByIDs(ctx, q, `SELECT k.bridge_point_id, k.category, k.expected, k.counted FROM bridge_point_counts k
		JOIN bridge_points b ON b.id = k.bridge_point_id WHERE b.conference_id IN (ids)`, ids, func(rows *sql.Rows) error {
		var id, expected, counted int64
		var cat tuyengiao.Category
		if err := rows.Scan(&id, &cat, &expected, &counted); err != nil {
			return err
		}
		if b := points[id]; expected != 0 {
			b.Expected[cat] = expected
		}
		if b := points[id]; counted != 0 {
			b.Counted[cat] = counted
		}
		return nil
	})
}

// normalizeConference puts the text a user typed into NFC, the materials keeping their
// lines, times into UTC to the second, and the presenters in order without repeats.
func normalizeConference(c *tuyengiao.Conference) {
	c.Title, c.Materials = vn.NFC(c.Title), nfcText(c.Materials)
	c.StartsAt, c.EndsAt = c.StartsAt.UTC().Truncate(time.Second), c.EndsAt.UTC().Truncate(time.Second)
	for i := range c.BridgePoints {
		c.BridgePoints[i].Place = vn.NFC(c.BridgePoints[i].Place)
	}
	slices.SortFunc(c.Presenters, func(a, b tuyengiao.Presenter) int { return cmp.Compare(a.PersonID, b.PersonID) })
	c.Presenters = slices.CompactFunc(c.Presenters, func(a, b tuyengiao.Presenter) bool { return a.PersonID == b.PersonID })
}

// conferenceRefs checks inside tx that the hosts of the bridge points of c lie in the
// subtree at campaignPath.
func conferenceRefs(ctx context.Context, tx *Tx, c *tuyengiao.Conference, campaignPath string) error {
	hosts := make([]int64, len(c.BridgePoints))
	for i, b := range c.BridgePoints {
		hosts[i] = b.UnitID
	}
	return unitsInSubtree(ctx, tx, "bridge_points", hosts, campaignPath)
}

// presenter is a person named as a presenter, with the unit that decides who may see them.
type presenter struct {
	name, path string
	unitID     int64
}

// checkPresenters checks inside tx the presenters of c before it is written, and fills
// their names: each must exist and lie in the caller's person-view scope, since the answer
// names them. A person outside that scope gets the answer a missing one gets, which names
// nobody, and the refusal is audited as a denied "person.view" (Tx.check). The people in
// kept, presenters the conference already has, pass as they are: an editor who moves a
// conference keeps the lecturer that someone with a wider view picked. Inside the
// transaction, the names and units checked are those written with the conference.
func checkPresenters(ctx context.Context, tx *Tx, c *tuyengiao.Conference, kept map[int64]bool) error {
	ids := make([]int64, len(c.Presenters))
	for i, p := range c.Presenters {
		ids[i] = p.PersonID
	}
	found := map[int64]presenter{}
	err := queryByIDs(ctx, tx, `SELECT p.id, p.full_name, u.path, u.id FROM people p JOIN units u ON u.id = p.unit_id
		WHERE p.id IN (ids)`, ids, func(rows *sql.Rows) error {
		var id int64
		var p presenter
		err := rows.Scan(&id, &p.name, &p.path, &p.unitID)
		found[id] = p
		return err
	})
	if err != nil {
		return err
	}
	for i, pr := range c.Presenters {
		missing := tuyengiao.FieldError("presenters", "Không tìm thấy báo cáo viên có mã %v.", pr.PersonID)
		p, ok := found[pr.PersonID]
		if !ok {
			return missing
		}
		if !kept[pr.PersonID] {
			err := tx.check(ctx, tuyengiao.ActionPersonView, p.path, p.unitID, personObject(pr.PersonID))
			if tuyengiao.ErrorCode(err) == tuyengiao.EFORBIDDEN {
				return errors.Join(missing, err)
			} else if err != nil {
				return err
			}
		}
		c.Presenters[i].FullName = p.name
	}
	return nil
}

// presenterIDs returns the people who present the conference now.
func presenterIDs(ctx context.Context, q rowsQuerier, conferenceID int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	err := queryByIDs(ctx, q, `SELECT person_id FROM conference_presenters WHERE conference_id IN (ids)`, []int64{conferenceID},
		func(rows *sql.Rows) error {
			var id int64
			err := rows.Scan(&id)
			out[id] = true
			return err
		})
	return out, err
}

// conferenceCampaign reads the campaign a new conference belongs to and checks that its
// organising unit lies in the campaign organiser's subtree; it returns that subtree's path.
func (db *DB) conferenceCampaign(ctx context.Context, c *tuyengiao.Conference, unitPath string) (string, error) {
	camp, path, err := db.loadCampaign(ctx, db, c.CampaignID)
	if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
		return "", tuyengiao.FieldError("campaign_id", "Không tìm thấy đợt học tập, quán triệt.")
	} else if err != nil {
		return "", err
	}
	if !tuyengiao.InSubtree(unitPath, path) {
		return "", tuyengiao.FieldError("unit_id", "Đơn vị tổ chức hội nghị không thuộc phạm vi của đợt học tập %q.", camp.Title)
	}
	return path, inCampaign(c, camp)
}

// conferencesInPeriod refuses a new period of campaign c that would leave one of its
// conferences outside (see inCampaign), naming the first of them.
func conferencesInPeriod(ctx context.Context, q querier, c *tuyengiao.Campaign) error {
	first, after := dayInstants(c.StartOn, c.EndOn)
	var title string
	var starts time.Time
	err := q.queryRow(ctx, `SELECT title, starts_at FROM conferences WHERE campaign_id = ? AND (starts_at < ? OR ends_at >= ?)
		ORDER BY starts_at, id LIMIT 1`, c.ID, first, after).Scan(&title, &starts)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	field := "end_on"
	if starts.Before(first) {
		field = "start_on"
	}
	return tuyengiao.FieldError(field, "Hội nghị %q ngày %s nằm ngoài thời gian mới của đợt học tập (từ %s đến %s). Hãy dời hoặc sửa hội nghị trước.",
		title, tuyengiao.DateOf(starts.In(vn.Zone)), c.StartOn, c.EndOn)
}

// inCampaign refuses a conference held, by the days in Vietnam, before the first day of its
// campaign or after its last: it would be counted for a campaign it was not part of.
func inCampaign(c *tuyengiao.Conference, camp *tuyengiao.Campaign) error {
	period := tuyengiao.Errorf(tuyengiao.EINVALID, "từ %s đến %s", camp.StartOn, camp.EndOn) // a part of the messages below
	if first := tuyengiao.DateOf(c.StartsAt.In(vn.Zone)); first.Before(camp.StartOn.Time) || first.After(camp.EndOn.Time) {
		return tuyengiao.FieldError("starts_at", "Hội nghị bắt đầu ngày %s, ngoài thời gian của đợt học tập %q (%s).",
			first, camp.Title, period)
	}
	if last := tuyengiao.DateOf(c.EndsAt.In(vn.Zone)); last.After(camp.EndOn.Time) {
		return tuyengiao.FieldError("ends_at", "Hội nghị kết thúc ngày %s, sau thời gian của đợt học tập %q (%s).",
			last, camp.Title, period)
	}
	return nil
}

// CreateConference implements tuyengiao.CampaignService: the editors of the organising unit
// create it, with a new secret for its check-in code.
func (db *DB) CreateConference(ctx context.Context, c *tuyengiao.Conference) error {
	normalizeConference(c)
	if err := c.Validate(db.today()); err != nil {
		return err
	}
	unit, err := db.editUnit(ctx, c.UnitID, "conference:new")
	if err != nil {
		return err
	}
	campaignPath, err := db.conferenceCampaign(ctx, c, unit.Path)
	if err != nil {
		return err
	}
	now := db.now()
	return db.update(ctx, func(tx *Tx) error {
		if err := conferenceRefs(ctx, tx, c, campaignPath); err != nil {
			return err
		} else if err := checkPresenters(ctx, tx, c, nil); err != nil {
			return err
		}
		err := tx.queryRow(ctx, `INSERT INTO conferences (campaign_id, unit_id, title, starts_at, ends_at, form, materials,
			secret, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, c.CampaignID, c.UnitID,
			c.Title, c.StartsAt, c.EndsAt, c.Form, c.Materials, hex.EncodeToString(randomBytes(32)), now, now).Scan(&c.ID)
		if err != nil {
			return err
		}
		if err := insertPresenters(ctx, tx, c); err != nil {
			return err
		}
		if _, _, err := syncBridgePoints(ctx, tx, c); err != nil {
			return err
		}
		c.UnitName, c.CreatedAt, c.UpdatedAt = unit.Name, now, now
		err = db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "conference.create", Object: conferenceObject(c.ID), UnitID: c.UnitID,
			Detail: fmt.Sprintf("campaign: %d; title: %s; bridge points: %d", c.CampaignID, c.Title, len(c.BridgePoints))})
		if err != nil {
			return err
		}
		return db.auditPresenters(ctx, tx, c)
	})
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand)
	return b
}

func insertPresenters(ctx context.Context, tx *Tx, c *tuyengiao.Conference) error {
	for _, p := range c.Presenters {
		if _, err := tx.exec(ctx, `INSERT INTO conference_presenters (conference_id, person_id) VALUES (?, ?)`, c.ID, p.PersonID); err != nil {
			return err
		}
	}
	return nil
}

// syncBridgePoints makes the bridge points of conference c those of c.BridgePoints, by host
// unit: a host kept keeps its ID and, when its Counted is nil, its counted numbers; hosts no
// longer listed are removed with their numbers. It fills the IDs and returns how many were
// added and removed.
func syncBridgePoints(ctx context.Context, tx *Tx, c *tuyengiao.Conference) (added, removed int, err error) {
	have := map[int64]int64{} // host unit → bridge point
	rows, err := tx.query(ctx, `SELECT unit_id, id FROM bridge_points WHERE conference_id = ?`, c.ID)
	if err != nil {
		return 0, 0, err
	}
	for rows.Next() {
		var unitID, id int64
		if err := rows.Scan(&unitID, &id); err != nil {
			rows.Close()
			return 0, 0, err
		}
		have[unitID] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, err
	}
	for i := range c.BridgePoints {
		b := &c.BridgePoints[i]
		if id, ok := have[b.UnitID]; ok {
			b.ID = id
			delete(have, b.UnitID)
			_, err = tx.exec(ctx, `UPDATE bridge_points SET place = ? WHERE id = ?`, b.Place, id)
		} else {
			added++
			err = tx.queryRow(ctx, `INSERT INTO bridge_points (conference_id, unit_id, place) VALUES (?, ?, ?) RETURNING id`,
				c.ID, b.UnitID, b.Place).Scan(&b.ID)
		}
		if err == nil {
			err = setCounts(ctx, tx, b.ID, "expected", b.Expected)
		}
		if err == nil && b.Counted != nil {
			err = setCounts(ctx, tx, b.ID, "counted", b.Counted)
		} else if err == nil {
			err = checkKeptCounts(ctx, tx, b, i+1)
		}
		if err != nil {
			return 0, 0, err
		}
	}
	for _, id := range have {
		for _, q := range []string{`DELETE FROM bridge_point_counts WHERE bridge_point_id = ?`, `DELETE FROM bridge_points WHERE id = ?`} {
			if _, err := tx.exec(ctx, q, id); err != nil {
				return 0, 0, err
			}
		}
	}
	return added, len(have), nil
}

// checkKeptCounts refuses the numbers counted at bridge point b as stored beyond
// tuyengiao.HeadcountBound of the numbers now expected there: lowering what was expected
// must not keep a headcount that RecordHeadcount would refuse. The message names the point
// by its host unit and place, or else its 1-based line in the list.
func checkKeptCounts(ctx context.Context, tx *Tx, b *tuyengiao.BridgePoint, line int) error {
	rows, err := tx.query(ctx, `SELECT u.name, k.category, k.counted FROM bridge_points p JOIN units u ON u.id = p.unit_id
		JOIN bridge_point_counts k ON k.bridge_point_id = p.id WHERE p.id = ? AND k.counted <> 0`, b.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	named, counted := *b, map[tuyengiao.Category]int64{}
	for rows.Next() {
		var cat tuyengiao.Category
		var n int64
		if err := rows.Scan(&named.UnitName, &cat, &n); err != nil {
			return err
		}
		counted[cat] = n
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return named.CheckCounted("bridge_points", line, counted)
}

// setCounts makes the numbers of a bridge point in column ("expected" or "counted") those of
// m, the categories not in m zero.
func setCounts(ctx context.Context, tx *Tx, bridgePointID int64, column string, m map[tuyengiao.Category]int64) error {
	if _, err := tx.exec(ctx, `UPDATE bridge_point_counts SET `+column+` = 0 WHERE bridge_point_id = ?`, bridgePointID); err != nil {
		return err
	}
	for cat, n := range m {
		_, err := tx.exec(ctx, `INSERT INTO bridge_point_counts (bridge_point_id, category, `+column+`) VALUES (?, ?, ?)
			ON CONFLICT (bridge_point_id, category) DO UPDATE SET `+column+` = excluded.`+column, bridgePointID, cat, n)
		if err != nil {
			return err
		}
	}
	return nil
}

// UpdateConference implements tuyengiao.CampaignService: the campaign and the organising
// unit stay; the title, times, form, materials, presenters and bridge points are replaced
// (see syncBridgePoints). Moving the conference changes its check-in code.
func (db *DB) UpdateConference(ctx context.Context, c *tuyengiao.Conference) error {
	old, err := db.loadConference(ctx, db, c.ID)
	if err != nil {
		return err
	}
	if err := db.check(ctx, tuyengiao.ActionCampaignEdit, old.path, old.UnitID, conferenceObject(c.ID)); err != nil {
		return err
	}
	c.CampaignID, c.UnitID = old.CampaignID, old.UnitID
	normalizeConference(c)
	if err := c.Validate(db.today()); err != nil {
		return err
	}
	camp, _, err := campaignRow(ctx, db, c.CampaignID)
	if err != nil {
		return err
	}
	if err := inCampaign(c, camp); err != nil {
		return err
	}
	return db.update(ctx, func(tx *Tx) error {
		if err := conferenceRefs(ctx, tx, c, old.campaignPath); err != nil {
			return err
		} else if kept, err := presenterIDs(ctx, tx, c.ID); err != nil {
			return err
		} else if err := checkPresenters(ctx, tx, c, kept); err != nil {
			return err
		}
		_, err := tx.exec(ctx, `UPDATE conferences SET title = ?, starts_at = ?, ends_at = ?, form = ?, materials = ?, updated_at = ?
			WHERE id = ?`, c.Title, c.StartsAt, c.EndsAt, c.Form, c.Materials, db.now(), c.ID)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM conference_presenters WHERE conference_id = ?`, c.ID); err != nil {
			return err
		}
		if err := insertPresenters(ctx, tx, c); err != nil {
			return err
		}
		added, removed, err := syncBridgePoints(ctx, tx, c)
		if err != nil {
			return err
		}
		err = db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "conference.update", Object: conferenceObject(c.ID), UnitID: c.UnitID,
			Detail: conferenceChanges(old.Conference, c, added, removed)})
		if err != nil {
			return err
		}
		// The answer is the conference as written, read in the same transaction, so that it
		// and the record of the names it tells commit together.
		fresh, err := db.loadConference(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		*c = *fresh.Conference
		if err := conferenceParts(ctx, tx, []*tuyengiao.Conference{c}); err != nil {
			return err
		}
		return db.auditPresenters(ctx, tx, c)
	})
}

// conferenceChanges says what an update changed: the fields by name, the times with their
// old and new value, and how many bridge points were added and removed.
func conferenceChanges(old, c *tuyengiao.Conference, added, removed int) string {
	var out []string
	if !old.StartsAt.Equal(c.StartsAt) || !old.EndsAt.Equal(c.EndsAt) {
		out = append(out, fmt.Sprintf("time: %s–%s → %s–%s", old.StartsAt.Format(time.RFC3339), old.EndsAt.Format(time.RFC3339),
			c.StartsAt.Format(time.RFC3339), c.EndsAt.Format(time.RFC3339)))
	}
	for _, f := range []struct {
		name    string
		changed bool
	}{{"title", old.Title != c.Title}, {"form", old.Form != c.Form}, {"materials", old.Materials != c.Materials}} {
		if f.changed {
			out = append(out, f.name)
		}
	}
	return strings.Join(append(out, fmt.Sprintf("bridge points: +%d -%d", added, removed)), "; ")
}

// RecordHeadcount implements tuyengiao.CampaignService: the categories not in counted are
// set to zero; a number beyond tuyengiao.HeadcountBound of those expected is refused.
func (db *DB) RecordHeadcount(ctx context.Context, bridgePointID int64, counted map[tuyengiao.Category]int64) error {
	var conferenceID int64
	var path string
	b := tuyengiao.BridgePoint{ID: bridgePointID, Expected: map[tuyengiao.Category]int64{}}
	err := db.queryRow(ctx, `SELECT b.unit_id, b.conference_id, u.path, u.name, b.place FROM bridge_points b JOIN units u ON u.id = b.unit_id
		WHERE b.id = ?`, bridgePointID).Scan(&b.UnitID, &conferenceID, &path, &b.UnitName, &b.Place)
	if errors.Is(err, sql.ErrNoRows) {
		return tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy điểm cầu.")
	} else if err != nil {
		return err
	}
	if err := db.check(ctx, tuyengiao.ActionAttendanceEdit, path, b.UnitID, bridgePointObject(bridgePointID)); err != nil {
		return err
	}
	var detail []string
	for cat, n := range counted {
		if !cat.Valid() {
			return tuyengiao.FieldError("counted", "Đối tượng %q không có trong danh mục.", cat)
		} else if n < 0 || n > 10_000_000 {
			return tuyengiao.FieldError("counted", "Số người của đối tượng %s không hợp lệ.", cat.Name())
		}
		detail = append(detail, fmt.Sprintf("%s=%d", cat, n))
	}
	slices.Sort(detail)
	if err := db.expected(ctx, &b); err != nil {
		return err
	}
	if err := b.CheckCounted("counted", 0, counted); err != nil {
		return err
	}
	// A province's bridge points report their headcounts in the same minutes: one write of
	// the batcher each.
	return db.batched(ctx, lockKey{}, false, func(ctx context.Context, tx *Tx) error {
		if err := setCounts(ctx, tx, bridgePointID, "counted", counted); err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "bridge_point.headcount", Object: bridgePointObject(bridgePointID),
			UnitID: b.UnitID, Detail: fmt.Sprintf("conference: %d; counted: %s", conferenceID, strings.Join(detail, " "))})
	})
}

// expected fills the numbers expected at bridge point b by category.
func (db *DB) expected(ctx context.Context, b *tuyengiao.BridgePoint) error {
	rows, err := db.query(ctx, `SELECT category, expected FROM bridge_point_counts WHERE bridge_point_id = ? AND expected <> 0`, b.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var cat tuyengiao.Category
		var n int64
		if err := rows.Scan(&cat, &n); err != nil {
			return err
		}
		b.Expected[cat] = n
	}
	return rows.Err()
}
