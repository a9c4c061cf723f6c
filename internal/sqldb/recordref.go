package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"

	"tuyengiao"
)

// refTarget is a record a ref field names, as checkRefs reads it.
type refTarget struct {
	unitID int64
	path   string
	nested int64 // its own value of the field, for a Nest field
}

// checkRefs checks the ref and person fields of r, a record of k at the unit with path, that
// old, its values as stored (nil for a new record), did not hold already: a ref names
// another record of its kind, not deleted, of that unit or of a unit above it that the
// caller may see (a task is handed down by whoever may see the one above, not claimed from
// below); a Nest field one of the same unit that names none itself, in a record that no
// other names (one level deep); a person field a person of the register the caller may see
// (checkPerson). A value kept stays, whoever saves the record.
func (s *RecordStore) checkRefs(ctx context.Context, k *tuyengiao.RecordKind, r *tuyengiao.Record, path string, old tuyengiao.RecordValues) error {
	for i := range k.Fields {
		f := &k.Fields[i]
		id := r.Values.Number(f.Name)
		if id == 0 || old != nil && old.Number(f.Name) == id {
			continue
		}
		var err error
		switch f.Type {
		case tuyengiao.FieldPerson:
			err = s.checkPerson(ctx, k, f, id, r.ID)
		case tuyengiao.FieldRef:
			err = s.checkRef(ctx, k, f, r, path, id)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// checkRef checks the ref field f of r, naming the record id (checkRefs).
func (s *RecordStore) checkRef(ctx context.Context, k *tuyengiao.RecordKind, f *tuyengiao.RecordField, r *tuyengiao.Record, path string, id int64) error {
	target, err := s.refTarget(ctx, f, id)
	if err != nil {
		return err
	}
	notHere := tuyengiao.FieldError(f.Name, "%s: không có bản ghi số %d ở đơn vị này hay đơn vị cấp trên.", f.Label, id)
	switch {
	case target == nil || !strings.HasPrefix(path, target.path) || f.Ref == k.Code && id == r.ID:
		return notHere
	case target.unitID != r.UnitID:
		err := s.db.check(ctx, tuyengiao.ActionUnitView, target.path, target.unitID, recordObject(k, r.ID))
		if err := hidden(err, notHere); err != nil || !f.Nest {
			return err
		}
		return tuyengiao.FieldError(f.Name, "%s phải là một bản ghi khác của cùng đơn vị.", f.Label)
	case !f.Nest:
		return nil
	case target.nested != 0:
		return tuyengiao.FieldError(f.Name, "%s số %d đã thuộc một nhóm khác: chỉ xếp nhóm một cấp.", f.Label, id)
	}
	if r.ID != 0 {
		if n, err := s.namedBy(ctx, k, f, r.ID); err != nil {
			return err
		} else if n > 0 {
			return tuyengiao.FieldError(f.Name, "Bản ghi này đang là nhóm của %d bản ghi khác: chỉ xếp nhóm một cấp.", n)
		}
	}
	return nil
}

// checkPerson checks that the person id is on the register and that the caller may see
// people there (ActionPersonView, a refusal audited against the record), without reading
// anything of the person but their unit.
func (s *RecordStore) checkPerson(ctx context.Context, k *tuyengiao.RecordKind, f *tuyengiao.RecordField, id, recordID int64) error {
	var unitID int64
	var path string
	err := s.db.queryRow(ctx, `SELECT p.unit_id, u.path FROM people p JOIN units u ON u.id = p.unit_id WHERE p.id = ?`, id).Scan(&unitID, &path)
	if errors.Is(err, sql.ErrNoRows) {
		return tuyengiao.FieldError(f.Name, "%s: không có người số %d trong danh sách.", f.Label, id)
	} else if err != nil {
		return err
	}
	err = s.db.check(ctx, tuyengiao.ActionPersonView, path, unitID, recordObject(k, recordID))
	return hidden(err, tuyengiao.FieldError(f.Name, "%s: không có người số %d trong danh sách.", f.Label, id))
}

// refTarget reads the record id of the kind f names, nil when there is none or it is
// deleted.
func (s *RecordStore) refTarget(ctx context.Context, f *tuyengiao.RecordField, id int64) (*refTarget, error) {
	rk := tuyengiao.RecordKindByCode(f.Ref)
	if rk == nil {
		return nil, errors.New("record field " + f.Name + ": no kind " + f.Ref)
	}
	nested := "0"
	if f.Nest {
		nested = "r." + quoteName(f.Name)
	}
	var t refTarget
	err := s.db.queryRow(ctx, `SELECT r.unit_id, u.path, `+nested+` FROM `+quoteName(rk.Table)+` r JOIN units u ON u.id = r.unit_id
		WHERE r.id = ? AND r.deleted_at IS NULL`, id).Scan(&t.unitID, &t.path, &t.nested)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &t, err
}

// namedBy counts the records of k, not deleted, of open units, whose ref field f names the
// record id: a record of a closed unit is kept as it is and holds nothing back.
func (s *RecordStore) namedBy(ctx context.Context, k *tuyengiao.RecordKind, f *tuyengiao.RecordField, id int64) (int, error) {
	var n int
	err := s.db.queryRow(ctx, `SELECT COUNT(*) FROM `+quoteName(k.Table)+` r JOIN units u ON u.id = r.unit_id
		WHERE r.`+quoteName(f.Name)+` = ? AND r.deleted_at IS NULL AND u.closed_at IS NULL`, id).Scan(&n)
	return n, err
}

// namedAnywhere finds a ref field of any kind that records of open units, not deleted, name
// the record id of k in: a task group with its tasks, a lecturer with the sessions given,
// a task handed down with its copies. It returns how many, their kind and the field; 0
// when none does.
func (s *RecordStore) namedAnywhere(ctx context.Context, k *tuyengiao.RecordKind, id int64) (int, *tuyengiao.RecordKind, *tuyengiao.RecordField, error) {
	for _, other := range tuyengiao.RecordKinds() {
		for i := range other.Fields {
			f := &other.Fields[i]
			if f.Type != tuyengiao.FieldRef || f.Ref != k.Code {
				continue
			}
			if n, err := s.namedBy(ctx, other, f, id); err != nil || n > 0 {
				return n, other, f, err
			}
		}
	}
	return 0, nil, nil, nil
}

// describe fills what records read are shown with besides their values: the state derived
// as of today (RecordKind.State) and the titles of the records their ref fields name, one
// query per ref field; a record named that is deleted is named by its number alone.
func (s *RecordStore) describe(ctx context.Context, k *tuyengiao.RecordKind, rs []*tuyengiao.Record) error {
	today := s.db.today()
	for _, r := range rs {
		if k.State != nil {
			r.State = k.State(r.Values, today)
		}
	}
	for i := range k.Fields {
		f := &k.Fields[i]
		if f.Type != tuyengiao.FieldRef {
			continue
		}
		titles, err := s.refTitles(ctx, f, rs)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if id := r.Values.Number(f.Name); id != 0 {
				if r.Names == nil {
					r.Names = map[string]string{}
				}
				r.Names[f.Name] = titles[id]
				if r.Names[f.Name] == "" {
					r.Names[f.Name] = "#" + strconv.FormatInt(id, 10)
				}
			}
		}
	}
	return nil
}

// refTitles returns the titles of the records the ref field f of rs names, by ID.
func (s *RecordStore) refTitles(ctx context.Context, f *tuyengiao.RecordField, rs []*tuyengiao.Record) (map[int64]string, error) {
	rk := tuyengiao.RecordKindByCode(f.Ref)
	var ids []any
	seen := map[int64]bool{}
	for _, r := range rs {
		if id := r.Values.Number(f.Name); id != 0 && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	titles := map[int64]string{}
	if len(ids) == 0 || rk == nil || rk.Title == "" {
		return titles, nil
	}
	for chunk := range slices.Chunk(ids, importBatch) {
		rows, err := s.db.query(ctx, `SELECT id, `+quoteName(rk.Title)+` FROM `+quoteName(rk.Table)+
			` WHERE deleted_at IS NULL AND id IN (`+strings.Repeat(", ?", len(chunk))[2:]+`)`, chunk...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var title string
			if err := rows.Scan(&id, &title); err != nil {
				rows.Close()
				return nil, err
			}
			titles[id] = title
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return nil, err
		}
	}
	return titles, nil
}
