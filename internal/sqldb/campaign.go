package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

var _ tuyengiao.CampaignService = (*DB)(nil)

func campaignObject(id int64) string { return "campaign:" + strconv.FormatInt(id, 10) }

// campaignColumns are the columns scanCampaign reads, the organising unit's path last.
const campaignColumns = `c.id, c.unit_id, u.name, c.title, c.description, c.start_on, c.end_on, c.essay_due,
	c.essay_criteria, c.essay_levels, c.created_at, c.updated_at, u.path`

const campaignFrom = ` FROM campaigns c JOIN units u ON u.id = c.unit_id`

// campaignOrder puts the latest start first.
const campaignOrder = ` ORDER BY c.start_on DESC, c.id DESC`

// scanCampaign reads a row of campaignColumns and returns the campaign, without its
// documents, audiences and units, and the path of its organising unit.
func scanCampaign(row interface{ Scan(...any) error }) (*tuyengiao.Campaign, string, error) {
	c := &tuyengiao.Campaign{}
	var start, end, path, criteria, levels string
	var due sql.NullString
	err := row.Scan(&c.ID, &c.UnitID, &c.UnitName, &c.Title, &c.Description, &start, &end, &due,
		&criteria, &levels, &c.CreatedAt, &c.UpdatedAt, &path)
	if err != nil {
		return nil, "", err
	}
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	if c.StartOn, err = tuyengiao.ParseDate(start); err == nil {
		c.EndOn, err = tuyengiao.ParseDate(end)
	}
	if err == nil && due.Valid {
		c.EssayDue, err = tuyengiao.ParseDate(due.String)
	}
	if err == nil {
		err = errors.Join(json.Unmarshal([]byte(criteria), &c.EssayCriteria), json.Unmarshal([]byte(levels), &c.EssayLevels))
	}
	if err != nil {
		return nil, "", fmt.Errorf("campaign %d: %w", c.ID, err)
	}
	return c, path, nil
}

// loadCampaign reads a campaign with its documents, audiences and units, and the path of its
// organising unit, without an access check, or returns ENOTFOUND.
func (db *DB) loadCampaign(ctx context.Context, q interface {
	querier
	rowsQuerier
}, id int64) (*tuyengiao.Campaign, string, error) {
	c, path, err := campaignRow(ctx, q, id)
	if err != nil {
		return nil, "", err
	}
	return c, path, campaignParts(ctx, q, []*tuyengiao.Campaign{c})
}

// campaignRow reads the campaign's own row and its organiser's path, without the parts that
// campaignParts fills: a national campaign lists 52.000 units that must organise it.
func campaignRow(ctx context.Context, q querier, id int64) (*tuyengiao.Campaign, string, error) {
	c, path, err := scanCampaign(q.queryRow(ctx, `SELECT `+campaignColumns+campaignFrom+` WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy đợt học tập, quán triệt.")
	}
	return c, path, err
}

// campaignParts fills the documents, audiences (in the order of tuyengiao.Categories) and
// units of the campaigns.
func campaignParts(ctx context.Context, q rowsQuerier, cs []*tuyengiao.Campaign) error {
	byID, ids, err := campaignDocumentsAndAudiences(ctx, q, cs)
	if err != nil {
		return err
	}
	return queryByIDs(ctx, q, `SELECT campaign_id, unit_id FROM campaign_units WHERE campaign_id IN (ids) ORDER BY unit_id`,
		ids, func(rows *sql.Rows) error {
			var id, unitID int64
			if err := rows.Scan(&id, &unitID); err != nil {
				return err
			}
			byID[id].UnitIDs = append(byID[id].UnitIDs, unitID)
			return nil
		})
}

// campaignDocumentsAndAudiences fills the documents and audiences of the campaigns, as
// campaignParts does, and gives their UnitIDs an empty list; it returns the campaigns by ID
// and their IDs.
func campaignDocumentsAndAudiences(ctx context.Context, q rowsQuerier, cs []*tuyengiao.Campaign) (map[int64]*tuyengiao.Campaign, []int64, error) {
	byID := make(map[int64]*tuyengiao.Campaign, len(cs))
	ids := make([]int64, len(cs))
	for i, c := range cs {
		byID[c.ID], ids[i] = c, c.ID
		c.DocumentIDs, c.Documents = []int64{}, []tuyengiao.CampaignDocument{}
		c.Audiences, c.UnitIDs = []tuyengiao.CampaignAudience{}, []int64{}
	}
	err := queryByIDs(ctx, q, `SELECT cd.campaign_id, d.id, d.symbol, d.title FROM campaign_documents cd
		JOIN documents d ON d.id = cd.document_id WHERE cd.campaign_id IN (ids) ORDER BY d.id`, ids, func(rows *sql.Rows) error {
		var id int64
		var d tuyengiao.CampaignDocument
		if err := rows.Scan(&id, &d.ID, &d.Symbol, &d.Title); err != nil {
			return err
		}
		c := byID[id]
		c.DocumentIDs, c.Documents = append(c.DocumentIDs, d.ID), append(c.Documents, d)
		return nil
	})
	if err == nil {
		err = campaignAudiences(ctx, q, byID, ids)
	}
	return byID, ids, err
}

// campaignAudiences fills the audiences of the campaigns of byID, in the order of
// tuyengiao.Categories.
func campaignAudiences(ctx context.Context, q rowsQuerier, byID map[int64]*tuyengiao.Campaign, ids []int64) error {
	err := queryByIDs(ctx, q, `SELECT campaign_id, category, headcount, target FROM campaign_audiences
		WHERE campaign_id IN (ids)`, ids, func(rows *sql.Rows) error {
		var id, target int64
		var a tuyengiao.CampaignAudience
		if err := rows.Scan(&id, &a.Category, &a.Headcount, &target); err != nil {
			return err
		}
		a.Target = float64(target) / 10
		byID[id].Audiences = append(byID[id].Audiences, a)
		return nil
	})
	for _, c := range byID {
		sortAudiences(c.Audiences)
	}
	return err
}

// campaignRules reads what the rules of attendance and essays need of a campaign: its own
// row, its organiser's path and its audiences, without its documents and the units that
// must organise it (52.000 for a national one), as a check-in is the busiest write of all.
func (db *DB) campaignRules(ctx context.Context, id int64) (*tuyengiao.Campaign, string, error) {
	c, path, err := campaignRow(ctx, db, id)
	if err != nil {
		return nil, "", err
	}
	c.Audiences = []tuyengiao.CampaignAudience{}
	return c, path, campaignAudiences(ctx, db, map[int64]*tuyengiao.Campaign{id: c}, []int64{id})
}

// sortAudiences puts audiences in the order of tuyengiao.Categories, the order of reports.
func sortAudiences(as []tuyengiao.CampaignAudience) {
	slices.SortStableFunc(as, func(a, b tuyengiao.CampaignAudience) int {
		return slices.Index(tuyengiao.Categories, a.Category) - slices.Index(tuyengiao.Categories, b.Category)
	})
}

// queryByIDs runs the query, whose "IN (ids)" stands for the list of ids and follows the
// other arguments, in batches of ids, so that no statement exceeds the engines' limits on
// parameters, and calls scan for each row.
func queryByIDs(ctx context.Context, q rowsQuerier, query string, ids []int64, scan func(*sql.Rows) error, args ...any) error {
	for batch := range slices.Chunk(ids, 500) {
		all := slices.Clone(args)
		for _, id := range batch {
			all = append(all, id)
		}
		rows, err := q.query(ctx, strings.Replace(query, "IN (ids)", "IN ("+placeholders(len(batch))+")", 1), all...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := scan(rows); err != nil {
				rows.Close()
				return err
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// checkReach lets the caller read a campaign, or a conference of it, organised at the unit
// at path: one who may view that unit, or a unit below it (a campaign of the city reaches
// each of its cells). A refusal is audited by check.
func (db *DB) checkReach(ctx context.Context, path string, unitID int64, object string) error {
	for _, root := range tuyengiao.PrincipalFrom(ctx).Scope(tuyengiao.ActionUnitView) {
		if tuyengiao.InSubtree(root, path) {
			return nil
		}
	}
	return db.check(ctx, tuyengiao.ActionUnitView, path, unitID, object)
}

// reachClause returns the condition on the column holding the path of an organising unit
// that keeps what reaches any of the roots: organised inside one of them or at one of their
// ancestors.
func reachClause(column string, roots []string) (string, []any) {
	where, args := scopeClause(column, roots)
	var above []any
	for _, r := range roots {
		for _, a := range ancestorPaths(r) {
			above = append(above, a)
		}
	}
	if len(above) == 0 {
		return where, args
	}
	return "(" + where + " OR " + column + " IN (" + placeholders(len(above)) + "))", append(args, above...)
}

// ancestorPaths returns the paths of the units above the unit at path, the root first.
func ancestorPaths(path string) []string {
	var out []string
	for i := 1; i < len(path)-1; i++ {
		if path[i] == '/' {
			out = append(out, path[:i+1])
		}
	}
	return out
}

// FindCampaignByID implements tuyengiao.CampaignService: the campaign, for a caller it
// reaches.
func (db *DB) FindCampaignByID(ctx context.Context, id int64) (*tuyengiao.Campaign, error) {
	c, path, err := db.loadCampaign(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if err := db.checkReach(ctx, path, c.UnitID, campaignObject(id)); err != nil {
		return nil, err
	}
	return c, nil
}

// FindCampaignSummary implements tuyengiao.CampaignService: the campaign without its units,
// for a caller it reaches.
func (db *DB) FindCampaignSummary(ctx context.Context, id int64) (*tuyengiao.Campaign, error) {
	c, path, err := campaignRow(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if err := db.checkReach(ctx, path, c.UnitID, campaignObject(id)); err != nil {
		return nil, err
	}
	_, _, err = campaignDocumentsAndAudiences(ctx, db, []*tuyengiao.Campaign{c})
	return c, err
}

// FindCampaigns implements tuyengiao.CampaignService. The query matches as in
// FindDocuments, against the title and the symbols of the documents.
func (db *DB) FindCampaigns(ctx context.Context, f tuyengiao.CampaignFilter) ([]*tuyengiao.Campaign, int, error) {
	roots, err := db.viewRoots(ctx, f.RootID, "campaigns")
	if err != nil {
		return nil, 0, err
	}
	where, args := reachClause("u.path", roots)
	if f.OrganisedIn && f.RootID != 0 {
		where, args = scopeClause("u.path", roots)
	}
	search, searchArgs := searchCondition("c.search", f.Query)
	where, args = where+" AND "+search, append(args, searchArgs...)
	if !f.ActiveOn.IsZero() {
		day := f.ActiveOn.Format(time.DateOnly)
		where += " AND c.start_on <= ? AND c.end_on >= ?"
		args = append(args, day, day)
	}
	if !f.StartFrom.IsZero() {
		where += " AND c.start_on >= ?"
		args = append(args, f.StartFrom.Format(time.DateOnly))
	}
	if !f.StartTo.IsZero() {
		where += " AND c.start_on <= ?"
		args = append(args, f.StartTo.Format(time.DateOnly))
	}
	if len(f.DocumentIDs) > 0 {
		where += ` AND EXISTS (SELECT 1 FROM campaign_documents cd WHERE cd.campaign_id = c.id
			AND cd.document_id IN (` + placeholders(len(f.DocumentIDs)) + `))`
		for _, id := range f.DocumentIDs {
			args = append(args, id)
		}
	}
	var total int
	if err := db.queryRow(ctx, `SELECT COUNT(*)`+campaignFrom+` WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	out, err := db.queryCampaigns(ctx, where+campaignOrder+limitClause(f.Offset, f.Limit), args...)
	return out, total, err
}

// viewRoots returns the subtree of rootID once the caller may view it, or with rootID 0 the
// caller's view scope; an empty scope is refused.
func (db *DB) viewRoots(ctx context.Context, rootID int64, object string) ([]string, error) {
	if rootID != 0 {
		path, err := db.authorize(ctx, tuyengiao.ActionUnitView, rootID, unitObject(rootID))
		return []string{path}, err
	}
	roots := tuyengiao.PrincipalFrom(ctx).Scope(tuyengiao.ActionUnitView)
	if len(roots) == 0 {
		return nil, db.check(ctx, tuyengiao.ActionUnitView, "", 0, object)
	}
	return roots, nil
}

// queryCampaigns returns the campaigns of campaignFrom that satisfy the condition, with
// their parts.
func (db *DB) queryCampaigns(ctx context.Context, where string, args ...any) ([]*tuyengiao.Campaign, error) {
	rows, err := db.query(ctx, `SELECT `+campaignColumns+campaignFrom+` WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*tuyengiao.Campaign{}
	for rows.Next() {
		c, _, err := scanCampaign(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return out, campaignParts(ctx, db, out)
}

// normalizeCampaign puts the text a user typed into NFC, rounds the targets to the tenth of
// a percent they are stored in, and sorts the audiences, documents and units.
func normalizeCampaign(c *tuyengiao.Campaign) {
	c.Title, c.Description = vn.NFC(c.Title), nfcText(c.Description)
	for i := range c.EssayCriteria {
		c.EssayCriteria[i] = vn.NFC(c.EssayCriteria[i])
	}
	for i := range c.EssayLevels {
		c.EssayLevels[i] = vn.NFC(c.EssayLevels[i])
	}
	for i := range c.Audiences {
		c.Audiences[i].Target = math.Round(c.Audiences[i].Target*10) / 10
	}
	sortAudiences(c.Audiences)
	slices.Sort(c.DocumentIDs)
	c.DocumentIDs = slices.Compact(c.DocumentIDs)
	slices.Sort(c.UnitIDs)
	c.UnitIDs = slices.Compact(c.UnitIDs)
}

// editUnit reads the unit that organises a campaign or a conference and checks that the
// caller may plan campaigns there.
func (db *DB) editUnit(ctx context.Context, unitID int64, object string) (*tuyengiao.Unit, error) {
	u, err := loadUnit(ctx, db, unitID)
	if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
		return nil, tuyengiao.FieldError("unit_id", "Không tìm thấy đơn vị tổ chức.")
	} else if err != nil {
		return nil, err
	}
	return u, db.check(ctx, tuyengiao.ActionCampaignEdit, u.Path, unitID, object)
}

// CreateCampaign implements tuyengiao.CampaignService.
func (db *DB) CreateCampaign(ctx context.Context, c *tuyengiao.Campaign) error {
	normalizeCampaign(c)
	if err := c.Validate(db.today()); err != nil {
		return err
	}
	unit, err := db.editUnit(ctx, c.UnitID, "campaign:new")
	if err != nil {
		return err
	}
	now := db.now()
	return db.update(ctx, func(tx *Tx) error {
		search, err := campaignRefs(ctx, tx, c, unit.Path)
		if err != nil {
			return err
		}
		err = tx.queryRow(ctx, `INSERT INTO campaigns (unit_id, title, description, search, start_on, end_on, essay_due,
			essay_criteria, essay_levels, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			append([]any{c.UnitID}, append(campaignValues(c, search), now, now)...)...).Scan(&c.ID)
		if err != nil {
			return err
		}
		if err := insertCampaignParts(ctx, tx, c); err != nil {
			return err
		}
		c.UnitName, c.CreatedAt, c.UpdatedAt = unit.Name, now, now
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "campaign.create", Object: campaignObject(c.ID), UnitID: c.UnitID,
			Detail: "title: " + c.Title})
	})
}

// campaignValues returns the values of the editable columns of campaigns, from title to
// essay_levels.
func campaignValues(c *tuyengiao.Campaign, search string) []any {
	criteria, _ := json.Marshal(nonNil(c.EssayCriteria))
	levels, _ := json.Marshal(nonNil(c.EssayLevels))
	return []any{c.Title, c.Description, search, c.StartOn.Format(time.DateOnly), c.EndOn.Format(time.DateOnly),
		dateText(c.EssayDue), string(criteria), string(levels)}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// campaignRefs checks inside tx that the documents of c exist and its units lie in the
// subtree of the organising unit at path, fills c.Documents, and returns the search text of
// c: its title and the symbols of its documents.
func campaignRefs(ctx context.Context, tx *Tx, c *tuyengiao.Campaign, path string) (string, error) {
	found := map[int64]tuyengiao.CampaignDocument{}
	err := queryByIDs(ctx, tx, `SELECT id, symbol, title FROM documents WHERE id IN (ids)`, c.DocumentIDs, func(rows *sql.Rows) error {
		var d tuyengiao.CampaignDocument
		err := rows.Scan(&d.ID, &d.Symbol, &d.Title)
		found[d.ID] = d
		return err
	})
	if err != nil {
		return "", err
	}
	c.Documents = []tuyengiao.CampaignDocument{}
	parts := []string{c.Title}
	for _, id := range c.DocumentIDs {
		d, ok := found[id]
		if !ok {
			return "", tuyengiao.FieldError("document_ids", "Không tìm thấy văn bản có mã %v.", id)
		}
		c.Documents, parts = append(c.Documents, d), append(parts, d.Symbol)
	}
	if err := unitsInSubtree(ctx, tx, "unit_ids", c.UnitIDs, path); err != nil {
		return "", err
	}
	return searchText(parts...), nil
}

// unitsInSubtree refuses, with an EINVALID error on the field, a unit of ids that does not
// exist or lies outside the subtree of root, where a campaign is organised.
func unitsInSubtree(ctx context.Context, q rowsQuerier, field string, ids []int64, root string) error {
	type unit struct{ path, code string }
	found := map[int64]unit{}
	err := queryByIDs(ctx, q, `SELECT id, path, code FROM units WHERE id IN (ids)`, ids, func(rows *sql.Rows) error {
		var id int64
		var u unit
		err := rows.Scan(&id, &u.path, &u.code)
		found[id] = u
		return err
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		u, ok := found[id]
		if !ok {
			return tuyengiao.FieldError(field, "Không tìm thấy đơn vị có mã %v.", id)
		} else if !tuyengiao.InSubtree(u.path, root) {
			return tuyengiao.FieldError(field, "Đơn vị %s không thuộc phạm vi của đơn vị tổ chức đợt học tập.", u.code)
		}
	}
	return nil
}

// insertCampaignParts writes the documents, audiences and units of campaign c.
func insertCampaignParts(ctx context.Context, tx *Tx, c *tuyengiao.Campaign) error {
	for _, id := range c.DocumentIDs {
		if _, err := tx.exec(ctx, `INSERT INTO campaign_documents (campaign_id, document_id) VALUES (?, ?)`, c.ID, id); err != nil {
			return err
		}
	}
	for _, a := range c.Audiences {
		_, err := tx.exec(ctx, `INSERT INTO campaign_audiences (campaign_id, category, headcount, target) VALUES (?, ?, ?, ?)`,
			c.ID, a.Category, a.Headcount, int64(math.Round(a.Target*10)))
		if err != nil {
			return err
		}
	}
	for _, id := range c.UnitIDs {
		if _, err := tx.exec(ctx, `INSERT INTO campaign_units (campaign_id, unit_id) VALUES (?, ?)`, c.ID, id); err != nil {
			return err
		}
	}
	return nil
}

// UpdateCampaign implements tuyengiao.CampaignService: every field but the organising unit
// is editable; a change to nothing writes nothing. The audit record names the changed
// fields.
func (db *DB) UpdateCampaign(ctx context.Context, c *tuyengiao.Campaign) error {
	old, path, err := db.loadCampaign(ctx, db, c.ID)
	if err != nil {
		return err
	}
	if err := db.check(ctx, tuyengiao.ActionCampaignEdit, path, old.UnitID, campaignObject(c.ID)); err != nil {
		return err
	}
	c.UnitID = old.UnitID
	normalizeCampaign(c)
	if err := c.Validate(db.today()); err != nil {
		return err
	}
	changes := campaignChanges(old, c)
	if len(changes) == 0 {
		*c = *old
		return nil
	}
	err = db.update(ctx, func(tx *Tx) error {
		search, err := campaignRefs(ctx, tx, c, path)
		if err != nil {
			return err
		}
		if err := conferencesInPeriod(ctx, tx, c); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `UPDATE campaigns SET title = ?, description = ?, search = ?, start_on = ?, end_on = ?,
			essay_due = ?, essay_criteria = ?, essay_levels = ?, updated_at = ? WHERE id = ?`,
			append(campaignValues(c, search), db.now(), c.ID)...)
		if err != nil {
			return err
		}
		for _, table := range []string{"campaign_documents", "campaign_audiences", "campaign_units"} {
			if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE campaign_id = ?`, c.ID); err != nil {
				return err
			}
		}
		if err := insertCampaignParts(ctx, tx, c); err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "campaign.update", Object: campaignObject(c.ID), UnitID: c.UnitID,
			Detail: "fields=" + strings.Join(changes, ",")})
	})
	if err != nil {
		return err
	}
	fresh, _, err := db.loadCampaign(ctx, db, c.ID)
	if err == nil {
		*c = *fresh
	}
	return err
}

// campaignChanges names the fields that differ between old and c, both normalised.
func campaignChanges(old, c *tuyengiao.Campaign) []string {
	var out []string
	add := func(field string, changed bool) {
		if changed {
			out = append(out, field)
		}
	}
	add("title", old.Title != c.Title)
	add("description", old.Description != c.Description)
	add("document_ids", !slices.Equal(old.DocumentIDs, c.DocumentIDs))
	add("audiences", !slices.Equal(old.Audiences, c.Audiences))
	add("start_on", !old.StartOn.Equal(c.StartOn.Time))
	add("end_on", !old.EndOn.Equal(c.EndOn.Time))
	add("unit_ids", !slices.Equal(old.UnitIDs, c.UnitIDs))
	add("essay_due", !old.EssayDue.Equal(c.EssayDue.Time))
	add("essay_criteria", !slices.Equal(nonNil(old.EssayCriteria), nonNil(c.EssayCriteria)))
	add("essay_levels", !slices.Equal(nonNil(old.EssayLevels), nonNil(c.EssayLevels)))
	return out
}

// MyCampaigns implements tuyengiao.CampaignService, latest start first.
func (db *DB) MyCampaigns(ctx context.Context, from tuyengiao.Date) ([]*tuyengiao.Campaign, error) {
	p, path, err := db.member(ctx)
	if err != nil {
		return nil, err
	}
	above := append(ancestorPaths(path), path)
	args := make([]any, 0, len(above)+2)
	for _, a := range above {
		args = append(args, a)
	}
	return db.queryCampaigns(ctx, `u.path IN (`+placeholders(len(above))+`) AND c.end_on >= ?
		AND EXISTS (SELECT 1 FROM campaign_audiences a WHERE a.campaign_id = c.id AND a.category = ?)`+campaignOrder,
		append(args, from.Format(time.DateOnly), p.Category)...)
}

// recountCampaignCountsSQL counts the rows of campaign_counts from the attendance records, the
// attendees and the people, as migration 00042 does; rebuildCampaignCountsSQL fills an empty
// campaign_counts with them, for a load that bypasses the triggers and insertAttendance.
const (
	rebuildCampaignCountsSQL = `INSERT INTO campaign_counts (campaign_id, unit_id, category, attended, attendances) ` +
		recountCampaignCountsSQL
	recountCampaignCountsSQL = `SELECT campaign_id, unit_id, category, SUM(attended), SUM(attendances) FROM (
		SELECT campaign_id, unit_id, category, 0 AS attended, COUNT(*) AS attendances FROM attendance
		GROUP BY campaign_id, unit_id, category
		UNION ALL
		SELECT ca.campaign_id, p.unit_id, p.category, COUNT(*), 0 FROM campaign_attendees ca
		JOIN people p ON p.id = ca.person_id WHERE p.status = 'active' GROUP BY ca.campaign_id, p.unit_id, p.category
	) k GROUP BY campaign_id, unit_id, category`
)

// The queries of CampaignCounts, each taking the campaign, then the subtree's condition on a
// unit column in place of %[1]s (campaignScope.in); bridgeCountsSQL names the column it sums
// in %[2]s; hostsSQL takes the current time after the campaign in both its halves, the second
// half's condition in %[2]s.
const (
	keptCountsSQL = `SELECT k.unit_id, k.category, k.attended, k.attendances FROM campaign_counts k
		WHERE k.campaign_id = ?%[1]s AND (k.attended <> 0 OR k.attendances <> 0)`
	bridgeCountsSQL = `SELECT b.unit_id, k.category, CAST(SUM(k.%[2]s) AS BIGINT) FROM bridge_point_counts k
		JOIN bridge_points b ON b.id = k.bridge_point_id JOIN conferences f ON f.id = b.conference_id
		WHERE f.campaign_id = ?%[1]s GROUP BY b.unit_id, k.category HAVING SUM(k.%[2]s) > 0`
	conferencesSQL = `SELECT f.unit_id, '', COUNT(*) FROM conferences f WHERE f.campaign_id = ?%[1]s GROUP BY f.unit_id`
	requiredSQL    = `SELECT cu.unit_id FROM campaign_units cu WHERE cu.campaign_id = ?%[1]s ORDER BY cu.unit_id`
	hostsSQL       = `SELECT f.unit_id FROM conferences f WHERE f.campaign_id = ? AND f.starts_at <= ?%[1]s
		UNION SELECT b.unit_id FROM bridge_points b JOIN conferences f ON f.id = b.conference_id
		WHERE f.campaign_id = ? AND f.starts_at <= ?%[2]s`
)

// campaignScope keeps the rows of a subtree of a campaign. A subtree is reached as "unit_id
// IN (the units of the path range)" rather than by a join: both engines then read a
// district's rows unit by unit from the index that starts with the campaign and the unit,
// where with a join SQLite read the whole campaign (4,7 million attendees, 0,5 s) to keep a
// district's. The subtree of the organiser holds the whole campaign, whose records all lie
// under it: its queries need no condition and read the tables as a plain GROUP BY does,
// without a list of 250.000 units to build for each (0,3 s at the national root). Records
// of a unit moved out of the campaign's subtree since then count there still.
type campaignScope struct {
	whole  bool
	lo, hi string
}

// in returns the condition keeping the rows of col in the subtree, with its place in the
// query's arguments: after those of before.
func (s campaignScope) in(col string, before ...any) (string, []any) {
	if s.whole {
		return "", before
	}
	return " AND " + col + inSubtreeSQL, append(before, s.lo, s.hi)
}

// counts runs one of the queries that count by unit and category in the scope.
func (s campaignScope) counts(ctx context.Context, db *DB, q, col string, campaignID int64, extra ...any) ([]tuyengiao.UnitCount, error) {
	cond, args := s.in(col, campaignID)
	return db.unitCounts(ctx, fmt.Sprintf(q, append([]any{cond}, extra...)...), args...)
}

// CampaignCounts implements tuyengiao.CampaignService over the part of rootID's subtree the
// campaign covers. A unit has organised the study once a conference it organised, or one
// it hosts a bridge point of, has started.
func (db *DB) CampaignCounts(ctx context.Context, campaignID, rootID int64) (*tuyengiao.CampaignCounts, error) {
	c, campaignPath, err := campaignRow(ctx, db, campaignID)
	if err != nil {
		return nil, err
	}
	path, err := db.authorize(ctx, tuyengiao.ActionUnitView, rootID, unitObject(rootID))
	if err != nil {
		return nil, err
	}
	out := &tuyengiao.CampaignCounts{AsOf: db.asOf(c)}
	if path, err = within(path, campaignPath); err != nil {
		return emptyCounts(out), nil // a subtree the campaign does not cover has nothing to count
	}
	scope := campaignScope{whole: path == campaignPath}
	scope.lo, scope.hi = subtreeRange(path)
	if out.People, err = db.countPeople(ctx, path, out.AsOf); err != nil {
		return nil, err
	}
	for _, q := range []struct {
		dest       *[]tuyengiao.UnitCount
		query, col string
		extra      []any
	}{{&out.Expected, bridgeCountsSQL, "b.unit_id", []any{"expected"}}, {&out.Counted, bridgeCountsSQL, "b.unit_id", []any{"counted"}}, {&out.Conferences, conferencesSQL, "f.unit_id", nil}} {
		if *q.dest, err = scope.counts(ctx, db, q.query, q.col, campaignID, q.extra...); err != nil {
			return nil, err
		}
	}
	if out.Attended, out.Attendances, err = db.keptCounts(ctx, scope, campaignID, out.AsOf); err != nil {
		return nil, err
	}
	cond, args := scope.in("cu.unit_id", campaignID)
	if out.Required, err = queryIDs(ctx, db, fmt.Sprintf(requiredSQL, cond), args...); err != nil {
		return nil, err
	}
	out.Organised, err = db.organised(ctx, scope, campaignID, out.Required)
	return out, err
}

// attendedChangedSQL takes the day three times (twice for activeOnSQL), the campaign, then the
// subtree's condition in place of %[1]s: by unit and category, the campaign's attendees whose
// status changed after the day, counted 1 if they were on the register on it, less 1 if they
// are active now. They are read from people_changed, which leads with status_date, and
// looked up among the attendees by the primary key: today a handful, after a campaign's end
// the people changed since.
const attendedChangedSQL = `SELECT p.unit_id, p.category,
	SUM(CASE WHEN ` + activeOnSQL + ` THEN 1 ELSE 0 END - CASE WHEN p.status = 'active' THEN 1 ELSE 0 END) FROM people p
	WHERE p.status_date > ? AND EXISTS (SELECT 1 FROM campaign_attendees ca WHERE ca.campaign_id = ? AND ca.person_id = p.id)%[1]s
	GROUP BY p.unit_id, p.category`

// keptCounts counts by unit and category the people on the register on day who attended the
// campaign, at the unit and in the category the register gives them: the people its People
// count on that day, so that a rate never passes 100% because people attended and then left,
// and those counted plus those NotAttended lists are the people of the audience. The kept
// counts give the attendees active now; the few whose status changed after the day correct
// them (attendedChangedSQL). It returns the attendance records by unit and category too, read
// from the same rows of the kept counts: the national root has 259.089 of them.
func (db *DB) keptCounts(ctx context.Context, scope campaignScope, campaignID int64, day tuyengiao.Date) (attended, attendances []tuyengiao.UnitCount, err error) {
	cond, args := scope.in("k.unit_id", campaignID)
	rows, err := db.query(ctx, fmt.Sprintf(keptCountsSQL, cond), args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	attended, attendances = []tuyengiao.UnitCount{}, []tuyengiao.UnitCount{}
	for rows.Next() {
		var c tuyengiao.UnitCount
		var records int64
		if err := rows.Scan(&c.UnitID, &c.Category, &c.Count, &records); err != nil {
			return nil, nil, err
		}
		if c.Count != 0 {
			attended = append(attended, c)
		}
		if records != 0 {
			attendances = append(attendances, tuyengiao.UnitCount{UnitID: c.UnitID, Category: c.Category, Count: records})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows.Close()
	d := day.Format(time.DateOnly)
	cond, args = scope.in("p.unit_id", d, d, d, campaignID)
	changed, err := db.unitCounts(ctx, fmt.Sprintf(attendedChangedSQL, cond), args...)
	if err != nil {
		return nil, nil, err
	}
	return addCounts(attended, changed), attendances, nil
}

// asOf returns the day the people of campaign c are counted on: today while it lasts, its
// last day once it has ended.
func (db *DB) asOf(c *tuyengiao.Campaign) tuyengiao.Date {
	if today := db.today(); today.Before(c.EndOn.Time) {
		return today
	}
	return c.EndOn
}

// emptyCounts gives the lists of out that are nil an empty value, for JSON.
func emptyCounts(out *tuyengiao.CampaignCounts) *tuyengiao.CampaignCounts {
	for _, l := range []*[]tuyengiao.UnitCount{&out.Attended, &out.Attendances, &out.People, &out.Expected, &out.Counted, &out.Conferences} {
		if *l == nil {
			*l = []tuyengiao.UnitCount{}
		}
	}
	if out.Required == nil {
		out.Required, out.Organised = []int64{}, []int64{}
	}
	return out
}

// organised returns those of the required units that host a conference of the campaign, or a
// bridge point of one, that has started: the hosts are few (one per conference and bridge
// point), so they are read once and matched here.
func (db *DB) organised(ctx context.Context, scope campaignScope, campaignID int64, required []int64) ([]int64, error) {
	now := db.now()
	cond1, args := scope.in("f.unit_id", campaignID, now)
	cond2, args := scope.in("b.unit_id", append(args, campaignID, now)...)
	hosts, err := queryIDs(ctx, db, fmt.Sprintf(hostsSQL, cond1, cond2), args...)
	if err != nil {
		return nil, err
	}
	held := make(map[int64]bool, len(hosts))
	for _, id := range hosts {
		held[id] = true
	}
	out := []int64{}
	for _, id := range required {
		if held[id] {
			out = append(out, id)
		}
	}
	return out, nil
}

// queryIDs runs through rq a query whose rows are IDs and returns them.
func queryIDs(ctx context.Context, rq rowsQuerier, q string, args ...any) ([]int64, error) {
	rows, err := rq.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
