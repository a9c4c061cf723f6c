package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"tuyengiao"
)

// The counts and lists of what an account has to do now, which its home page shows. They
// are asked for the units where the caller already holds the role, so they refuse as the
// other reads do but are never asked what would be refused.

// AttendanceRecorded implements tuyengiao.CampaignService: counts, unaudited, for
// ActionUnitView at the unit.
func (db *DB) AttendanceRecorded(ctx context.Context, unitID int64, conferenceIDs []int64) (map[int64]int, error) {
	path, err := db.authorize(ctx, tuyengiao.ActionUnitView, unitID, unitObject(unitID))
	if err != nil {
		return nil, err
	}
	out := make(map[int64]int, len(conferenceIDs))
	lo, hi := subtreeRange(path)
	return out, queryByIDs(ctx, db, `SELECT a.conference_id, COUNT(*) FROM attendance a JOIN units u ON u.id = a.unit_id
		WHERE u.path >= ? AND u.path < ? AND a.conference_id IN (ids) GROUP BY a.conference_id`, conferenceIDs,
		func(rows *sql.Rows) error {
			var id int64
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				return err
			}
			out[id] = n
			return nil
		}, lo, hi)
}

// NotAttendedCount implements tuyengiao.CampaignService: the total of NotAttended without
// the people, so ActionUnitView at the unit reads it and it is not audited.
func (db *DB) NotAttendedCount(ctx context.Context, campaignID, unitID int64) (int, error) {
	c, campaignPath, err := db.campaignRules(ctx, campaignID)
	if err != nil {
		return 0, err
	}
	path, err := db.authorize(ctx, tuyengiao.ActionUnitView, unitID, campaignObject(campaignID))
	if err != nil {
		return 0, err
	}
	if path, err = within(path, campaignPath); err != nil {
		return 0, err
	}
	where, args := notAttendedWhere(c, path, db.asOf(c))
	var n int
	return n, db.queryRow(ctx, `SELECT COUNT(*)`+personFrom+` WHERE `+where, args...).Scan(&n)
}

// notAttendedWhere returns the condition over personFrom that keeps the people of campaign
// c's roster audiences in the subtree at path, on the register on the day asOf (the day
// CampaignCounts counts its people on), who have not attended it yet.
func notAttendedWhere(c *tuyengiao.Campaign, path string, asOf tuyengiao.Date) (string, []any) {
	day := asOf.Format(time.DateOnly)
	where, args := audienceWhere(c, path, activeOnSQL, day, day)
	return where + " AND NOT EXISTS (SELECT 1 FROM campaign_attendees ca WHERE ca.campaign_id = ? AND ca.person_id = p.id)",
		append(args, c.ID)
}

// WaitingEssays implements tuyengiao.EssayService: the essays handed in and not yet reviewed
// at the units where the caller reviews (a reviewer's grant at the very unit, and the caller
// an active person of it, as reviewerAt asks), the longest waiting first, at most limit of
// them, without their text, and their total. A caller who reviews nowhere gets none, and
// nothing is written; a list that names people is audited as "essay.list".
func (db *DB) WaitingEssays(ctx context.Context, limit int) ([]*tuyengiao.Essay, int, error) {
	p := tuyengiao.PrincipalFrom(ctx)
	var units []any
	for _, g := range p.Grants {
		if g.Role == tuyengiao.RoleReviewer {
			units = append(units, g.UnitID)
		}
	}
	if len(units) == 0 || p.PersonID == 0 {
		return []*tuyengiao.Essay{}, 0, nil
	}
	where := `e.status = ? AND e.unit_id IN (` + placeholders(len(units)) + `)
		AND EXISTS (SELECT 1 FROM people rp WHERE rp.id = ? AND rp.unit_id = e.unit_id AND rp.status = ?)`
	args := append(append([]any{tuyengiao.EssaySubmitted}, units...), p.PersonID, tuyengiao.StatusActive)
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*) FROM essays e WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := db.query(ctx, `SELECT `+essayColumns+`, c.title`+essayFrom+` JOIN campaigns c ON c.id = e.campaign_id
		WHERE `+where+` ORDER BY e.submitted_at, e.id`+limitClause(0, limit), args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []*tuyengiao.Essay{}
	for rows.Next() {
		var title string
		e, _, err := scanEssay(rows, &title)
		if err != nil {
			return nil, 0, err
		}
		e.CampaignTitle = title
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if len(out) == 0 {
		return out, total, nil
	}
	rec := &tuyengiao.AuditRecord{Action: "essay.list", Object: "essays:waiting", UnitID: out[0].UnitID,
		Detail: fmt.Sprintf("returned=%d total=%d", len(out), total)}
	return out, total, db.auditAlone(ctx, rec)
}
