package sqldb

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"tuyengiao"
)

// ImportRecords implements tuyengiao.RecordService, all or nothing. Every record is checked
// first: its unit must exist and the caller may edit records there, and its values must be
// valid. When any is bad, nothing is stored and the error joins (errors.Join) one error per
// bad record, at most maxImportErrors, each with Row set to its index in rs plus first and a
// message starting "Dòng N:" (tuyengiao.RowErrors lists them); a unit refused is audited
// once. Otherwise the records are stored in one transaction audited by one "record.import"
// record at the lowest unit above them all, and the upload uploadID (when not 0) marked used
// in the same transaction; their IDs are not read back.
func (s *RecordStore) ImportRecords(ctx context.Context, k *tuyengiao.RecordKind, rs []*tuyengiao.Record, first int, uploadID int64) error {
	t, err := tableOf(k)
	if err != nil {
		return err
	}
	if err := requirePrincipal(ctx); err != nil {
		return err
	}
	if len(rs) == 0 {
		return tuyengiao.Errorf(tuyengiao.EINVALID, "Tệp không có dòng dữ liệu nào.")
	}
	units, err := s.importUnits(ctx, rs)
	if err != nil {
		return err
	}
	if err := s.checkImport(ctx, k, rs, first, units); err != nil {
		return err
	}
	now, by := s.db.now(), actingUser(ctx)
	// SQLite takes at most 32.766 parameters a statement.
	batch := max(1, min(importBatch, 30000/(len(t.columns)+6)))
	return s.db.update(ctx, func(tx *Tx) error {
		if err := s.db.consumeUpload(ctx, tx, uploadID); err != nil {
			return err
		}
		for chunk := range slices.Chunk(rs, batch) {
			var args []any
			for _, r := range chunk {
				args = append(args, t.insertArgs(r, now, by)...)
			}
			if _, err := tx.exec(ctx, t.insertSQL(len(chunk)), args...); err != nil {
				return err
			}
		}
		return s.written(ctx, tx, &tuyengiao.AuditRecord{Action: "record.import", Object: k.Code,
			UnitID: lowestCommonUnit(units), Detail: fmt.Sprintf("Nhập %d %s", len(rs), k.One)})
	})
}

// checkImport checks every record of an import (checkImportRecord) and returns the errors
// of the bad ones joined, each naming its row, after auditing each unit refused once.
func (s *RecordStore) checkImport(ctx context.Context, k *tuyengiao.RecordKind, rs []*tuyengiao.Record, first int, units map[int64]recordUnit) error {
	var errs []error
	refused := map[int64]bool{}
	for i, r := range rs {
		err := s.checkImportRecord(ctx, k, r, units, refused)
		var e *tuyengiao.Error
		if err == nil {
			continue
		} else if !errors.As(err, &e) {
			return err
		}
		if len(errs) < maxImportErrors {
			errs = append(errs, rowOf(first+i, e))
		}
	}
	for _, unitID := range slices.Sorted(maps.Keys(refused)) {
		if err := s.db.auditAlone(ctx, deniedRecord(tuyengiao.ActionRecordEdit, unitID, k.Code)); err != nil {
			return err
		}
	}
	return errors.Join(errs...)
}

// checkImportRecord checks the unit and the values of a record of an import, marking in
// refused a unit where the caller may not edit records.
func (s *RecordStore) checkImportRecord(ctx context.Context, k *tuyengiao.RecordKind, r *tuyengiao.Record, units map[int64]recordUnit, refused map[int64]bool) error {
	u, ok := units[r.UnitID]
	if !ok {
		return tuyengiao.FieldError("unit_id", "Không tìm thấy đơn vị.")
	}
	if err := tuyengiao.Authorize(tuyengiao.PrincipalFrom(ctx), tuyengiao.ActionRecordEdit, u.path); err != nil {
		refused[r.UnitID] = true
		return err
	} else if u.closed {
		return errUnitClosed(u.name)
	}
	return s.accept(ctx, k, r, u.path, nil)
}

// recordUnit is a unit the records of an import are written to.
type recordUnit struct {
	path, name string
	closed     bool
}

// importUnits returns the units of rs that exist, by ID.
func (s *RecordStore) importUnits(ctx context.Context, rs []*tuyengiao.Record) (map[int64]recordUnit, error) {
	seen := map[int64]bool{}
	var ids []any
	for _, r := range rs {
		if !seen[r.UnitID] {
			seen[r.UnitID] = true
			ids = append(ids, r.UnitID)
		}
	}
	units := make(map[int64]recordUnit, len(ids))
	for chunk := range slices.Chunk(ids, importBatch) {
		rows, err := s.db.query(ctx, `SELECT id, path, name, closed_at IS NOT NULL FROM units WHERE id IN (`+
			strings.Repeat(", ?", len(chunk))[2:]+`)`, chunk...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			var u recordUnit
			if err := rows.Scan(&id, &u.path, &u.name, &u.closed); err != nil {
				rows.Close()
				return nil, err
			}
			units[id] = u
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return nil, err
		}
	}
	return units, nil
}

// lowestCommonUnit returns the ID of the lowest unit at or above every unit of units, 0 when
// they have none in common (units under several roots).
func lowestCommonUnit(units map[int64]recordUnit) int64 {
	var common []string
	first := true
	for _, u := range units {
		segs := strings.Split(strings.Trim(u.path, "/"), "/")
		if first {
			common, first = segs, false
			continue
		}
		n := 0
		for n < len(common) && n < len(segs) && common[n] == segs[n] {
			n++
		}
		common = common[:n]
	}
	if len(common) == 0 {
		return 0
	}
	id, _ := strconv.ParseInt(common[len(common)-1], 10, 64)
	return id
}
