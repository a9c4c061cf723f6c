package sqldb

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"

	"tuyengiao"
	"tuyengiao/internal/vn"
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
	lo, hi := subtreeRange(path)
	where, args := "u.path >= ? AND u.path < ? AND p.status = ?", []any{lo, hi, tuyengiao.StatusActive}
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

// conferenceAndCampaign reads a conference and its campaign, without an access check.
func (db *DB) conferenceAndCampaign(ctx context.Context, conferenceID int64) (*conference, *tuyengiao.Campaign, error) {
	f, err := db.loadConference(ctx, db, conferenceID)
	if err != nil {
		return nil, nil, err
	}
	c, _, err := db.campaignRules(ctx, f.CampaignID)
	return f, c, err
}

// Roster implements tuyengiao.CampaignService. The read is audited, as it discloses
// personal data.
func (db *DB) Roster(ctx context.Context, conferenceID, unitID int64) ([]tuyengiao.RosterEntry, error) {
	f, c, err := db.conferenceAndCampaign(ctx, conferenceID)
	if err != nil {
		return nil, err
	}
	path, err := db.authorize(ctx, tuyengiao.ActionPersonView, unitID, conferenceObject(conferenceID))
	if err != nil {
		return nil, err
	}
	if path, err = within(path, f.campaignPath); err != nil {
		return nil, err
	}
	where, args := rosterWhere(c, path)
	rows, err := db.query(ctx, `SELECT p.id, p.full_name, p.unit_id, u.name, p.category, p.phone <> '', a.method, a.recorded_at
		`+personFrom+` LEFT JOIN attendance a ON a.conference_id = ? AND a.person_id = p.id
		WHERE `+where+` ORDER BY p.sort_key, p.id`, append([]any{conferenceID}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []tuyengiao.RosterEntry{}
	for rows.Next() {
		var e tuyengiao.RosterEntry
		var method sql.NullString
		var at sql.NullTime
		if err := rows.Scan(&e.PersonID, &e.FullName, &e.UnitID, &e.UnitName, &e.Category, &e.HasPhone, &method, &at); err != nil {
			return nil, err
		}
		e.Present, e.Method, e.RecordedAt = method.Valid, tuyengiao.AttendanceMethod(method.String), at.Time.UTC()
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, db.auditAlone(ctx, &tuyengiao.AuditRecord{Action: "attendance.roster", Object: conferenceObject(conferenceID),
		UnitID: unitID, Detail: fmt.Sprintf("returned=%d", len(out))})
}

// attendee is a person as their attendance records them: the unit and category they had.
type attendee struct {
	personID, unitID int64
	category         tuyengiao.Category
}

// attendanceLockKey names the PostgreSQL advisory locks, one per campaign, that serialise
// the attendance writes of a campaign: removing a person's last record of a campaign drops
// them from its attendees only when no other record of theirs remains, and a record being
// added at the same time by another transaction would not be seen.
const attendanceLockKey = 7310003

// lockAttendance takes the campaign's attendance lock for the rest of tx; SQLite has one
// writer and needs none.
func (db *DB) lockAttendance(ctx context.Context, tx *Tx, campaignID int64) error {
	if !db.postgres {
		return nil
	}
	_, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(?, ?)`, attendanceLockKey, int32(campaignID))
	return err
}

// attend records that the person attended conference f by the method, and counts them
// among the campaign's attendees unless they are already. With keep, an existing record of
// the person stays as it is and attend returns false; without, it is a unique violation.
func (db *DB) attend(ctx context.Context, tx *Tx, f *conference, a attendee, method tuyengiao.AttendanceMethod, keep bool) (bool, error) {
	var by int64
	if pr := tuyengiao.PrincipalFrom(ctx); pr != nil {
		by = pr.UserID
	}
	q := `INSERT INTO attendance (conference_id, person_id, campaign_id, unit_id, category, method, recorded_by, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	if keep {
		q += ` ON CONFLICT (conference_id, person_id) DO NOTHING`
	}
	now := db.now()
	res, err := tx.exec(ctx, q, f.ID, a.personID, f.CampaignID, a.unitID, a.category, method, nullInt64(by), now)
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	_, err = tx.exec(ctx, `INSERT INTO campaign_attendees (campaign_id, person_id, unit_id, category, first_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (campaign_id, person_id) DO NOTHING`, f.CampaignID, a.personID, a.unitID, a.category, now)
	return err == nil, err
}

// MarkAttendance implements tuyengiao.CampaignService. A person listed who is not on the
// roster of the unit's subtree is refused on "present", naming the person, and nothing
// changes. The audit record says how many records were added and removed.
func (db *DB) MarkAttendance(ctx context.Context, conferenceID, unitID int64, present []int64) error {
	f, c, err := db.conferenceAndCampaign(ctx, conferenceID)
	if err != nil {
		return err
	}
	path, err := db.authorize(ctx, tuyengiao.ActionAttendanceEdit, unitID, conferenceObject(conferenceID))
	if err != nil {
		return err
	}
	if path, err = within(path, f.campaignPath); err != nil {
		return err
	}
	present = slices.Compact(slices.Sorted(slices.Values(present)))
	where, args := rosterWhere(c, path)
	return db.update(ctx, func(tx *Tx) error {
		if err := db.lockAttendance(ctx, tx, f.CampaignID); err != nil {
			return err
		}
		found := map[int64]attendee{}
		err := queryByIDs(ctx, tx, `SELECT p.id, p.unit_id, p.category`+personFrom+` WHERE `+where+` AND p.id IN (ids)`, present,
			func(rows *sql.Rows) error {
				var a attendee
				err := rows.Scan(&a.personID, &a.unitID, &a.category)
				found[a.personID] = a
				return err
			}, args...)
		if err != nil {
			return err
		}
		added := 0
		for _, id := range present {
			a, ok := found[id]
			if !ok {
				return tuyengiao.FieldError("present", "Người có mã %d không có trong danh sách học tập của đơn vị (đang sinh hoạt, thuộc đối tượng của đợt học tập).", id)
			}
			if ok, err := db.attend(ctx, tx, f, a, tuyengiao.MethodRoster, true); err != nil {
				return err
			} else if ok {
				added++
			}
		}
		removed, err := db.unmark(ctx, tx, f, path, present)
		if err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "attendance.mark", Object: conferenceObject(conferenceID),
			UnitID: unitID, Detail: fmt.Sprintf("added=%d removed=%d", added, removed)})
	})
}

// unmark removes the roster records of conference f of the people of the subtree at path
// not in present (sorted), and drops them from the campaign's attendees when no other
// attendance of theirs remains; it returns how many it removed.
func (db *DB) unmark(ctx context.Context, tx *Tx, f *conference, path string, present []int64) (int, error) {
	lo, hi := subtreeRange(path)
	rows, err := tx.query(ctx, `SELECT a.person_id FROM attendance a JOIN people p ON p.id = a.person_id JOIN units u ON u.id = p.unit_id
		WHERE a.conference_id = ? AND a.method = ? AND u.path >= ? AND u.path < ?`, f.ID, tuyengiao.MethodRoster, lo, hi)
	if err != nil {
		return 0, err
	}
	var gone []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		if _, listed := slices.BinarySearch(present, id); !listed {
			gone = append(gone, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, id := range gone {
		if _, err := tx.exec(ctx, `DELETE FROM attendance WHERE conference_id = ? AND person_id = ?`, f.ID, id); err != nil {
			return 0, err
		}
		_, err := tx.exec(ctx, `DELETE FROM campaign_attendees WHERE campaign_id = ? AND person_id = ?
			AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.campaign_id = ? AND a.person_id = ?)`, f.CampaignID, id, f.CampaignID, id)
		if err != nil {
			return 0, err
		}
	}
	return len(gone), nil
}

// checkInCode signs the conference's ID and time window with its secret, so that moving the
// conference invalidates the codes given before.
func checkInCode(f *conference) string {
	key, _ := hex.DecodeString(f.secret)
	mac := hmac.New(sha256.New, key)
	fmt.Fprintf(mac, "checkin:%d:%d:%d", f.ID, f.StartsAt.Unix(), f.EndsAt.Unix())
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// CheckInCode implements tuyengiao.CampaignService: for those who may plan campaigns at the
// organising unit.
func (db *DB) CheckInCode(ctx context.Context, conferenceID int64) (string, error) {
	f, err := db.loadConference(ctx, db, conferenceID)
	if err != nil {
		return "", err
	}
	hosts, err := db.hostPaths(ctx, conferenceID)
	if err != nil {
		return "", err
	}
	p := tuyengiao.PrincipalFrom(ctx)
	for _, path := range hosts {
		if tuyengiao.Authorize(p, tuyengiao.ActionAttendanceEdit, path) == nil {
			return checkInCode(f), nil
		}
	}
	if err := db.check(ctx, tuyengiao.ActionCampaignEdit, f.path, f.UnitID, conferenceObject(conferenceID)); err != nil {
		return "", err
	}
	return checkInCode(f), nil
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
// what members do for themselves; an account without one is refused.
func (db *DB) member(ctx context.Context) (*tuyengiao.Person, string, error) {
	pr := tuyengiao.PrincipalFrom(ctx)
	if pr == nil {
		return nil, "", tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	} else if pr.PersonID == 0 {
		return nil, "", tuyengiao.Errorf(tuyengiao.EFORBIDDEN,
			"Tài khoản của bạn chưa gắn với hồ sơ đảng viên, hội viên nên chưa tự điểm danh, xem đợt học tập hay nộp bài thu hoạch được. Hãy liên hệ quản trị viên đơn vị.")
	}
	return db.findPerson(ctx, db, pr.PersonID)
}

// CheckIn implements tuyengiao.CampaignService: the code must be the conference's current
// one, the member on the campaign's roster (refusals of either are audited), and the time
// within Conference.CheckInOpen.
func (db *DB) CheckIn(ctx context.Context, conferenceID int64, code string) (*tuyengiao.RosterEntry, error) {
	p, path, err := db.member(ctx)
	if err != nil {
		return nil, err
	}
	f, c, err := db.conferenceAndCampaign(ctx, conferenceID)
	if err != nil {
		return nil, err
	}
	refuse := func(msg string) error {
		rec := &tuyengiao.AuditRecord{Action: "attendance.checkin", Object: conferenceObject(conferenceID), UnitID: p.UnitID,
			Outcome: tuyengiao.OutcomeDenied, Detail: personObject(p.ID)}
		return errors.Join(tuyengiao.Errorf(tuyengiao.EFORBIDDEN, "%s", msg), db.auditAlone(ctx, rec))
	}
	if !hmac.Equal([]byte(code), []byte(checkInCode(f))) {
		return nil, refuse("Mã điểm danh không đúng hoặc đã hết hiệu lực. Hãy quét lại mã QR tại hội nghị.")
	}
	if !onRoster(c, f.campaignPath, p, path) {
		return nil, refuse("Bạn không thuộc đối tượng học tập của đợt này nên không điểm danh được.")
	}
	now := db.now()
	if opens := f.StartsAt.Add(-tuyengiao.CheckInLead); now.Before(opens) {
		return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Chưa đến giờ điểm danh: hội nghị bắt đầu lúc %s, điểm danh mở từ %s.",
			vn.DateTime(f.StartsAt), vn.DateTime(opens))
	} else if !f.CheckInOpen(now) {
		return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Đã hết giờ điểm danh: hội nghị kết thúc lúc %s.", vn.DateTime(f.EndsAt))
	}
	err = db.update(ctx, func(tx *Tx) error {
		if err := db.lockAttendance(ctx, tx, f.CampaignID); err != nil {
			return err
		}
		_, err := db.attend(ctx, tx, f, attendee{p.ID, p.UnitID, p.Category}, tuyengiao.MethodCheckIn, false)
		if uniqueViolation(err) {
			return tuyengiao.Errorf(tuyengiao.ECONFLICT, "Bạn đã điểm danh hội nghị này rồi.")
		} else if err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "attendance.checkin", Object: conferenceObject(conferenceID),
			UnitID: p.UnitID, Detail: personObject(p.ID)})
	})
	if err != nil {
		return nil, err
	}
	return &tuyengiao.RosterEntry{PersonID: p.ID, FullName: p.FullName, UnitID: p.UnitID, UnitName: p.UnitName, Category: p.Category,
		HasPhone: p.Phone != "", Present: true, Method: tuyengiao.MethodCheckIn, RecordedAt: now}, nil
}

// NotAttended implements tuyengiao.CampaignService. The read is audited, as it discloses
// personal data.
func (db *DB) NotAttended(ctx context.Context, campaignID, unitID int64, offset, limit int) ([]*tuyengiao.Person, int, error) {
	c, campaignPath, err := db.loadCampaign(ctx, db, campaignID)
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
	where, args := rosterWhere(c, path)
	where += " AND NOT EXISTS (SELECT 1 FROM campaign_attendees ca WHERE ca.campaign_id = ? AND ca.person_id = p.id)"
	args = append(args, campaignID)
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*)`+personFrom+` WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	out, err := db.queryPeople(ctx, where, offset, limit, args...)
	if err != nil {
		return nil, 0, err
	}
	return out, total, db.auditAlone(ctx, &tuyengiao.AuditRecord{Action: "attendance.not_attended", Object: campaignObject(campaignID),
		UnitID: unitID, Detail: fmt.Sprintf("offset=%d limit=%d returned=%d total=%d", offset, limit, len(out), total)})
}
