package sqldb

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// unitColumns are the columns scanUnit reads, in its order.
const unitColumns = `id, parent_id, path, code, name, kind, sort_order, closed_at, created_at, updated_at`

// scanUnit reads one row of unitColumns through the Scan method of a row.
func scanUnit(scan func(dest ...any) error) (*tuyengiao.Unit, error) {
	u := &tuyengiao.Unit{}
	var parent sql.NullInt64
	var closed sql.NullTime
	err := scan(&u.ID, &parent, &u.Path, &u.Code, &u.Name, &u.Kind, &u.SortOrder, &closed, &u.CreatedAt, &u.UpdatedAt)
	if err != nil {
		return nil, err
	}
	u.ParentID, u.CreatedAt, u.UpdatedAt = parent.Int64, u.CreatedAt.UTC(), u.UpdatedAt.UTC()
	if closed.Valid {
		at := closed.Time.UTC()
		u.ClosedAt = &at
	}
	return u, nil
}

// loadUnit reads the unit with the given id through q (the read pool or a transaction), or
// returns ENOTFOUND.
func loadUnit(ctx context.Context, q querier, id int64) (*tuyengiao.Unit, error) {
	u, err := scanUnit(q.queryRow(ctx, `SELECT `+unitColumns+` FROM units WHERE id = ?`, id).Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy đơn vị.")
	}
	return u, err
}

// FindUnitByID implements tuyengiao.UnitService: the unit, when the caller may view it.
func (db *DB) FindUnitByID(ctx context.Context, id int64) (*tuyengiao.Unit, error) {
	u, err := loadUnit(ctx, db, id)
	if err != nil {
		return nil, err
	}
	return u, db.check(ctx, tuyengiao.ActionUnitView, u.Path, u.ID, unitObject(u.ID))
}

// VisibleUnit implements tuyengiao.UnitService.
func (db *DB) VisibleUnit(ctx context.Context, id int64) (*tuyengiao.Unit, error) {
	u, err := loadUnit(ctx, db, id)
	if tuyengiao.ErrorCode(err) == tuyengiao.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	if tuyengiao.Authorize(tuyengiao.PrincipalFrom(ctx), tuyengiao.ActionUnitView, u.Path) != nil {
		return nil, nil
	}
	return u, nil
}

// FindUnitByCode implements tuyengiao.UnitService: the unit whose code matches ignoring case,
// when the caller may view it.
func (db *DB) FindUnitByCode(ctx context.Context, code string) (*tuyengiao.Unit, error) {
	var id int64
	err := db.queryRow(ctx, `SELECT id FROM units WHERE code_folded = ?`, strings.ToLower(vn.NFC(code))).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy đơn vị có mã %q.", code)
	} else if err != nil {
		return nil, err
	}
	return db.FindUnitByID(ctx, id)
}

// CreateUnit implements tuyengiao.UnitService: the caller must be allowed to edit units at
// the parent, and only a system administrator adds a root. A closed parent takes no new
// children; SortOrder 0 places the unit after its last sibling.
func (db *DB) CreateUnit(ctx context.Context, u *tuyengiao.Unit) error {
	u.Code, u.Name, u.Kind = vn.NFC(u.Code), vn.NFC(u.Name), vn.NFC(u.Kind)
	var err error
	if u.ParentID == 0 {
		err = db.check(ctx, tuyengiao.ActionUnitEdit, "", 0, "unit:new")
	} else {
		_, err = db.authorize(ctx, tuyengiao.ActionUnitEdit, u.ParentID, "unit:new")
	}
	if err != nil {
		return err
	}
	if err := u.Validate(); err != nil {
		return err
	}
	now := db.now()
	return db.update(ctx, func(tx *Tx) error {
		if err := db.lockTree(ctx, tx); err != nil {
			return err
		}
		parentPath, err := openParentPath(ctx, tx, u.ParentID)
		if err != nil {
			return err
		}
		if u.SortOrder == 0 {
			if u.SortOrder, err = nextSortOrder(ctx, tx, u.ParentID, 0); err != nil {
				return err
			}
		}
		// The path holds the new ID, known only after the insert: a temporary path that is
		// unique because the code is keeps the UNIQUE index on path satisfied meanwhile.
		folded := strings.ToLower(u.Code)
		err = tx.queryRow(ctx, `INSERT INTO units (parent_id, path, code, code_folded, name, name_folded, kind, sort_order, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			nullInt64(u.ParentID), "/pending/"+folded, u.Code, folded, u.Name, vn.Fold(u.Name), u.Kind, u.SortOrder, now, now,
		).Scan(&u.ID)
		if err != nil {
			return unitWriteError(err, u)
		}
		u.Path = parentPath + strconv.FormatInt(u.ID, 10) + "/"
		if _, err := tx.exec(ctx, `UPDATE units SET path = ? WHERE id = ?`, u.Path, u.ID); err != nil {
			return err
		}
		u.ClosedAt, u.CreatedAt, u.UpdatedAt = nil, now, now
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "unit.create", Object: unitObject(u.ID), UnitID: u.ID,
			Detail: fmt.Sprintf("code: %s; name: %s; kind: %s; path: %s", u.Code, u.Name, u.Kind, u.Path)})
	})
}

// openParentPath returns the path under which a child of parentID goes ("/" for a root),
// refusing a closed parent.
func openParentPath(ctx context.Context, tx *Tx, parentID int64) (string, error) {
	if parentID == 0 {
		return "/", nil
	}
	parent, err := loadUnit(ctx, tx, parentID)
	if err != nil {
		return "", err
	}
	if parent.Closed() {
		return "", tuyengiao.Errorf(tuyengiao.ECONFLICT, "Đơn vị cấp trên %q đã đóng, không thể thêm đơn vị trực thuộc.", parent.Name)
	}
	return parent.Path, nil
}

// nextSortOrder returns the sort order that places a unit after the last child of parentID
// (0: after the last root), not counting the unit exceptID.
func nextSortOrder(ctx context.Context, tx *Tx, parentID, exceptID int64) (int, error) {
	cond, args := "parent_id IS NULL", []any{exceptID}
	if parentID != 0 {
		cond, args = "parent_id = ?", []any{parentID, exceptID}
	}
	var next int
	err := tx.queryRow(ctx, `SELECT COALESCE(MAX(sort_order), 0) + 10 FROM units WHERE `+cond+` AND id <> ?`, args...).Scan(&next)
	return next, err
}

// unitWriteError names the field of a constraint failure on writing u: the code is unique,
// and once the parent has been read the only reference that can fail is the kind.
func unitWriteError(err error, u *tuyengiao.Unit) error {
	if uniqueViolation(err) {
		return tuyengiao.FieldError("code", "Mã đơn vị %q đã có.", u.Code)
	} else if foreignKeyViolation(err) {
		return tuyengiao.FieldError("kind", "Loại đơn vị %q không có trong danh mục.", u.Kind)
	}
	return err
}

// changeUnit checks that the caller may edit the unit, then runs fn on the unit as read
// inside a write transaction and returns the unit as fn leaves it.
func (db *DB) changeUnit(ctx context.Context, id int64, fn func(tx *Tx, u *tuyengiao.Unit) error) (*tuyengiao.Unit, error) {
	if _, err := db.authorize(ctx, tuyengiao.ActionUnitEdit, id, unitObject(id)); err != nil {
		return nil, err
	}
	var u *tuyengiao.Unit
	err := db.update(ctx, func(tx *Tx) error {
		err := db.lockTree(ctx, tx)
		if err == nil {
			u, err = loadUnit(ctx, tx, id)
		}
		if err != nil {
			return err
		}
		return fn(tx, u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// treeLockKey names the PostgreSQL advisory lock that serialises changes to the unit tree.
const treeLockKey = 7310001

// lockTree makes the changes to the unit tree run one at a time, as SQLite's one writer does
// anyway: on PostgreSQL, a unit created, moved or closed on one app node could otherwise work
// from a path or a closed state that another node is changing (a child created under a
// subtree being moved would keep its old path). Tree changes are rare, so waiting is cheap.
func (db *DB) lockTree(ctx context.Context, tx *Tx) error {
	if !db.postgres {
		return nil
	}
	_, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(?)`, treeLockKey)
	return err
}

// UpdateUnit implements tuyengiao.UnitService: it changes the code, name, kind and sort
// order (0: after the last sibling). A change to nothing writes nothing.
func (db *DB) UpdateUnit(ctx context.Context, id int64, upd tuyengiao.UnitUpdate) (*tuyengiao.Unit, error) {
	return db.changeUnit(ctx, id, func(tx *Tx, u *tuyengiao.Unit) error {
		changes, err := applyUnitUpdate(ctx, tx, u, upd)
		if err != nil || len(changes) == 0 {
			return err
		}
		u.UpdatedAt = db.now()
		folded := strings.ToLower(u.Code)
		_, err = tx.exec(ctx, `UPDATE units SET code = ?, code_folded = ?, name = ?, name_folded = ?, kind = ?, sort_order = ?, updated_at = ?
			WHERE id = ?`, u.Code, folded, u.Name, vn.Fold(u.Name), u.Kind, u.SortOrder, u.UpdatedAt, u.ID)
		if err != nil {
			return unitWriteError(err, u)
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "unit.update", Object: unitObject(u.ID), UnitID: u.ID,
			Detail: strings.Join(changes, "; ")})
	})
}

// applyUnitUpdate sets the fields of upd on u, validates the result and returns the changes
// as "field: old → new".
func applyUnitUpdate(ctx context.Context, tx *Tx, u *tuyengiao.Unit, upd tuyengiao.UnitUpdate) ([]string, error) {
	var changes []string
	set := func(field string, dst *string, src *string) {
		if src != nil && vn.NFC(*src) != *dst {
			changes = append(changes, fmt.Sprintf("%s: %s → %s", field, *dst, vn.NFC(*src)))
			*dst = vn.NFC(*src)
		}
	}
	set("code", &u.Code, upd.Code)
	set("name", &u.Name, upd.Name)
	set("kind", &u.Kind, upd.Kind)
	if upd.SortOrder != nil {
		order := *upd.SortOrder
		if order == 0 {
			var err error
			if order, err = nextSortOrder(ctx, tx, u.ParentID, u.ID); err != nil {
				return nil, err
			}
		}
		if order != u.SortOrder {
			changes = append(changes, fmt.Sprintf("sort_order: %d → %d", u.SortOrder, order))
			u.SortOrder = order
		}
	}
	return changes, u.Validate()
}

// MoveUnit implements tuyengiao.UnitService: the caller must be allowed to edit units both
// at the unit and at the new parent. A root stays a root, a unit never goes under itself or
// its own subtree, and a closed parent takes no new children.
func (db *DB) MoveUnit(ctx context.Context, id, newParentID int64) (*tuyengiao.Unit, error) {
	if newParentID == 0 {
		return nil, tuyengiao.FieldError("parent_id", "Chưa chọn đơn vị cấp trên mới.")
	}
	if _, err := db.authorize(ctx, tuyengiao.ActionUnitEdit, newParentID, unitObject(id)); err != nil {
		return nil, err
	}
	return db.changeUnit(ctx, id, func(tx *Tx, u *tuyengiao.Unit) error {
		parent, err := loadUnit(ctx, tx, newParentID)
		switch {
		case err != nil:
			return err
		case u.ParentID == 0:
			return tuyengiao.Errorf(tuyengiao.EINVALID, "Không thể chuyển đơn vị gốc %q.", u.Name)
		case tuyengiao.InSubtree(parent.Path, u.Path):
			return tuyengiao.FieldError("parent_id", "Không thể chuyển đơn vị vào chính nó hoặc vào đơn vị trực thuộc của nó.")
		case parent.Closed():
			return tuyengiao.FieldError("parent_id", "Đơn vị cấp trên %q đã đóng, không thể chuyển đơn vị vào.", parent.Name)
		case u.ParentID == parent.ID:
			return nil
		}
		return db.moveSubtree(ctx, tx, u, parent)
	})
}

// moveSubtree rewrites the paths of u's subtree to lie under parent, in one statement. The
// UNIQUE index on path holds at every row: a path names its unit's ID once, at its depth, so
// a rewritten path, holding u's ID at a new depth, equals no path of before.
func (db *DB) moveSubtree(ctx context.Context, tx *Tx, u, parent *tuyengiao.Unit) error {
	oldPath, newPath := u.Path, parent.Path+strconv.FormatInt(u.ID, 10)+"/"
	lo, hi := subtreeRange(oldPath)
	u.UpdatedAt = db.now()
	res, err := tx.exec(ctx, `UPDATE units SET path = CAST(? AS TEXT) || substr(path, ?), updated_at = ? WHERE path >= ? AND path < ?`,
		newPath, len(oldPath)+1, u.UpdatedAt, lo, hi)
	if err != nil {
		return err
	}
	moved, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE units SET parent_id = ? WHERE id = ?`, parent.ID, u.ID); err != nil {
		return err
	}
	detail := fmt.Sprintf("parent_id: %d → %d; path: %s → %s; units: %d", u.ParentID, parent.ID, oldPath, newPath, moved)
	u.ParentID, u.Path = parent.ID, newPath
	return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "unit.move", Object: unitObject(u.ID), UnitID: u.ID, Detail: detail})
}

// CloseUnit implements tuyengiao.UnitService: it closes the unit and its open descendants at
// the given time (zero: now). A unit already closed is refused.
func (db *DB) CloseUnit(ctx context.Context, id int64, at time.Time) (*tuyengiao.Unit, error) {
	at = at.UTC().Truncate(time.Second)
	if at.IsZero() {
		at = db.now()
	}
	return db.changeUnit(ctx, id, func(tx *Tx, u *tuyengiao.Unit) error {
		if u.Closed() {
			return tuyengiao.Errorf(tuyengiao.ECONFLICT, "Đơn vị %q đã đóng từ trước.", u.Name)
		}
		u.UpdatedAt = db.now()
		lo, hi := subtreeRange(u.Path)
		res, err := tx.exec(ctx, `UPDATE units SET closed_at = ?, updated_at = ? WHERE path >= ? AND path < ? AND closed_at IS NULL`,
			at, u.UpdatedAt, lo, hi)
		if err != nil {
			return err
		}
		closed, err := res.RowsAffected()
		if err != nil {
			return err
		}
		u.ClosedAt = &at
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "unit.close", Object: unitObject(u.ID), UnitID: u.ID,
			Detail: fmt.Sprintf("closed_at: %s; units: %d", at.Format(time.RFC3339), closed)})
	})
}

// ReopenUnit implements tuyengiao.UnitService: it reopens the unit alone, and only under an
// open parent, so that no open unit ever has a closed ancestor.
func (db *DB) ReopenUnit(ctx context.Context, id int64) (*tuyengiao.Unit, error) {
	return db.changeUnit(ctx, id, func(tx *Tx, u *tuyengiao.Unit) error {
		if !u.Closed() {
			return tuyengiao.Errorf(tuyengiao.ECONFLICT, "Đơn vị %q đang hoạt động.", u.Name)
		}
		if u.ParentID != 0 {
			parent, err := loadUnit(ctx, tx, u.ParentID)
			if err != nil {
				return err
			} else if parent.Closed() {
				return tuyengiao.Errorf(tuyengiao.ECONFLICT, "Đơn vị cấp trên %q đang đóng; hãy mở lại đơn vị cấp trên trước.", parent.Name)
			}
		}
		detail := "closed_at: " + u.ClosedAt.Format(time.RFC3339) + " → "
		u.ClosedAt, u.UpdatedAt = nil, db.now()
		if _, err := tx.exec(ctx, `UPDATE units SET closed_at = NULL, updated_at = ? WHERE id = ?`, u.UpdatedAt, u.ID); err != nil {
			return err
		}
		return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "unit.reopen", Object: unitObject(u.ID), UnitID: u.ID, Detail: detail})
	})
}

// FindUnits implements tuyengiao.UnitService. The matching units are read whole and put in
// tree order in memory, since no index orders siblings by sort order and name; the page is
// cut afterwards.
func (db *DB) FindUnits(ctx context.Context, f tuyengiao.UnitFilter) ([]*tuyengiao.Unit, int, error) {
	where, args, err := db.unitFilter(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	rows, err := db.query(ctx, `SELECT `+unitColumns+` FROM units WHERE `+where, args...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var units []*tuyengiao.Unit
	for rows.Next() {
		u, err := scanUnit(rows.Scan)
		if err != nil {
			return nil, 0, err
		}
		units = append(units, u)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if err := db.treeOrder(ctx, units); err != nil {
		return nil, 0, err
	}
	total := len(units)
	if f.Limit > 0 {
		units = units[min(max(f.Offset, 0), total):min(max(f.Offset, 0)+f.Limit, total)]
	}
	return units, total, nil
}

// unitFilter returns the WHERE condition of f inside the caller's view scope, with its
// arguments. A root outside the scope is refused and audited.
func (db *DB) unitFilter(ctx context.Context, f tuyengiao.UnitFilter) (string, []any, error) {
	roots := tuyengiao.PrincipalFrom(ctx).Scope(tuyengiao.ActionUnitView)
	if len(roots) == 0 {
		return "", nil, db.check(ctx, tuyengiao.ActionUnitView, "", 0, "unit")
	}
	where, args := scopeClause("path", roots)
	if f.RootID != 0 {
		path, err := db.authorize(ctx, tuyengiao.ActionUnitView, f.RootID, unitObject(f.RootID))
		if err != nil {
			return "", nil, err
		}
		// A root in the scope has its whole subtree in it: its range replaces the scope's,
		// which would otherwise set the bounds of the index scan.
		where, args = scopeClause("path", []string{path})
	}
	if f.ParentID != 0 {
		where += " AND parent_id = ?"
		args = append(args, f.ParentID)
	}
	if q := vn.Fold(f.Query); q != "" {
		pattern := "%" + likeEscape(q) + "%"
		where += ` AND (name_folded LIKE ? ESCAPE '\' OR code_folded LIKE ? ESCAPE '\')`
		args = append(args, pattern, pattern)
	}
	if f.Kind != "" {
		where += " AND kind = ?"
		args = append(args, f.Kind)
	}
	switch {
	case f.MaxDepth == 1:
		// The roots, through the parent index rather than a scan of every path.
		where += " AND parent_id IS NULL"
	case f.MaxDepth > 1:
		// A path holds one more '/' than the unit's depth.
		where += " AND length(path) - length(replace(path, '/', '')) <= ?"
		args = append(args, f.MaxDepth+1)
	}
	if !f.IncludeClosed {
		where += " AND closed_at IS NULL"
	}
	return where, args, nil
}

// orderNode is what tree order needs of a unit; key, the Vietnamese collation key of the
// name, is computed only when siblings tie on sort order.
type orderNode struct {
	id, parent int64
	sortOrder  int
	name       string
	key        []byte
}

// treeOrder sorts units in tree order: every unit before its subtree, siblings by sort
// order, then Vietnamese name order, then ID. Sorting by path would not do ("/1/10/" sorts
// before "/1/2/"). Ancestors missing from units (above the caller's scope, or filtered out)
// are read too, so that units of different branches sort by their branches.
func (db *DB) treeOrder(ctx context.Context, units []*tuyengiao.Unit) error {
	nodes := make([]orderNode, len(units))
	index := make(map[int64]int, len(units))
	for i, u := range units {
		nodes[i] = orderNode{id: u.ID, parent: u.ParentID, sortOrder: u.SortOrder, name: u.Name}
		index[u.ID] = i
	}
	nodes, err := db.readAncestors(ctx, units, nodes, index)
	if err != nil {
		return err
	}
	keys := treeKeys(nodes, index, len(units))
	perm := make([]int, len(units))
	for i := range perm {
		perm[i] = i
	}
	slices.SortFunc(perm, func(a, b int) int { return strings.Compare(keys[a], keys[b]) })
	sorted := make([]*tuyengiao.Unit, len(units))
	for i, p := range perm {
		sorted[i] = units[p]
	}
	copy(units, sorted)
	return nil
}

// readAncestors appends to nodes, and to index, the ancestors of units that are not among
// them, read in batches.
func (db *DB) readAncestors(ctx context.Context, units []*tuyengiao.Unit, nodes []orderNode, index map[int64]int) ([]orderNode, error) {
	var missing []int64
	wanted := map[int64]bool{}
	for _, u := range units {
		if _, ok := index[u.ParentID]; ok || u.ParentID == 0 {
			continue
		}
		for _, id := range tuyengiao.PathIDs(u.Path) {
			if _, ok := index[id]; !ok && !wanted[id] {
				wanted[id] = true
				missing = append(missing, id)
			}
		}
	}
	for batch := range slices.Chunk(missing, 500) {
		q := `SELECT id, parent_id, sort_order, name FROM units WHERE id IN (?` + strings.Repeat(", ?", len(batch)-1) + `)`
		args := make([]any, len(batch))
		for i, id := range batch {
			args[i] = id
		}
		rows, err := db.query(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var n orderNode
			var parent sql.NullInt64
			if err := rows.Scan(&n.id, &parent, &n.sortOrder, &n.name); err != nil {
				rows.Close()
				return nil, err
			}
			n.parent, index[n.id] = parent.Int64, len(nodes)
			nodes = append(nodes, n)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return nil, err
		}
	}
	return nodes, nil
}

// treeKeys returns, for each of the first n nodes, a key whose byte order is tree order: the
// ranks among their siblings of its ancestors and of itself, 4 bytes each, so that a unit's
// key is a prefix of its descendants'.
func treeKeys(nodes []orderNode, index map[int64]int, n int) []string {
	order := make([]int, len(nodes))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return compareSiblings(&nodes[a], &nodes[b]) })
	rank := make([]uint32, len(nodes))
	for i := 1; i < len(order); i++ {
		if nodes[order[i]].parent == nodes[order[i-1]].parent {
			rank[order[i]] = rank[order[i-1]] + 1
		}
	}
	keys := make([]string, len(nodes))
	var key func(i int) string
	key = func(i int) string {
		if keys[i] == "" {
			prefix := ""
			if p, ok := index[nodes[i].parent]; ok {
				prefix = key(p)
			}
			var b [4]byte
			binary.BigEndian.PutUint32(b[:], rank[i])
			keys[i] = prefix + string(b[:])
		}
		return keys[i]
	}
	for i := range n {
		key(i)
	}
	return keys[:n]
}

// compareSiblings orders nodes by parent, then in sibling order.
func compareSiblings(a, b *orderNode) int {
	if c := cmp.Compare(a.parent, b.parent); c != 0 {
		return c
	}
	if c := cmp.Compare(a.sortOrder, b.sortOrder); c != 0 {
		return c
	}
	if a.key == nil {
		a.key = vn.SortKey(a.name)
	}
	if b.key == nil {
		b.key = vn.SortKey(b.name)
	}
	if c := bytes.Compare(a.key, b.key); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}
