package sqldb

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"tuyengiao"
	"tuyengiao/internal/vn"
)

// importBatch is the size of the IN lists and multi-row INSERTs of an import: 500 rows of 15
// columns stay far below the parameter limits of both engines (32766 and 65535) while making
// the round trips few.
const importBatch = 500

// maxImportErrors caps the errors reported for one import; ImportResult.Valid still counts
// every row.
const maxImportErrors = 1000

// importUnit is a unit named in a people spreadsheet.
type importUnit struct {
	id     int64
	path   string
	closed bool
}

// ImportPeople implements tuyengiao.PersonService. It needs the person edit right at rootID,
// which reaches its whole subtree. Every row is checked; each bad row gets one error (the
// first found) with Row set and a message starting "Dòng N:". The likely duplicates are
// found (tuyengiao.ImportDuplicate) and the rows dropped are left out of the checks that
// compare rows and of the import. With commit, no bad row and no duplicate undecided, the
// people of the rows kept are created active from today, with their history, in one
// transaction audited by one "person.import" record; a constraint that fails meanwhile (a
// party card taken by a concurrent change) rolls everything back and is reported against its
// row.
func (db *DB) ImportPeople(ctx context.Context, req tuyengiao.ImportRequest) (*tuyengiao.ImportResult, error) {
	rootID := req.RootID
	root, err := db.authorize(ctx, tuyengiao.ActionPersonEdit, rootID, unitObject(rootID))
	if err != nil {
		return nil, err
	}
	if len(req.Rows) == 0 {
		return nil, tuyengiao.Errorf(tuyengiao.EINVALID, "Tệp không có dòng dữ liệu nào.")
	}
	if req.Commit {
		if err := db.checkUploadUnused(ctx, req.UploadID); err != nil {
			return nil, err
		}
	}
	c, err := db.checkImport(ctx, root, req)
	if err != nil {
		return nil, err
	}
	res := c.result(c.errs)
	if !req.Commit || len(res.Errors) > 0 || res.Undecided > 0 {
		return res, nil
	}
	err = db.update(ctx, func(tx *Tx) error {
		if err := db.consumeUpload(ctx, tx, req.UploadID); err != nil {
			return err
		}
		return db.insertImport(ctx, tx, rootID, c.people)
	})
	if uniqueViolation(err) {
		return db.takenMeanwhile(ctx, c, err)
	} else if err != nil {
		return nil, err
	}
	res.Committed, res.Created = true, len(c.people)
	return res, nil
}

// takenMeanwhile explains insertErr, the failure of an import whose check had passed: a party
// card taken by someone else between the check and the insert. Checking the cards again names
// the rows.
func (db *DB) takenMeanwhile(ctx context.Context, c *importCheck, insertErr error) (*tuyengiao.ImportResult, error) {
	errs, err := db.checkCardsInDB(ctx, c.rows, c.people)
	if err != nil {
		return nil, err
	}
	res := c.result(errs)
	if len(res.Errors) == 0 {
		return nil, insertErr
	}
	return res, nil
}

// importCheck is the outcome of checking an import: the rows kept, the person each makes
// (nil for a row that could not be read) and the first error of each (nil for a good row),
// and the likely duplicates found among all the rows.
type importCheck struct {
	all        int
	rows       []tuyengiao.ImportRow
	people     []*tuyengiao.Person
	errs       []*tuyengiao.Error
	duplicates []tuyengiao.ImportDuplicate
	dropped    int
}

// result sums up the errors of the rows kept (nil for a good row), in row order, and the
// duplicates.
func (c *importCheck) result(errs []*tuyengiao.Error) *tuyengiao.ImportResult {
	res := &tuyengiao.ImportResult{Rows: c.all, Errors: []*tuyengiao.Error{}, Duplicates: c.duplicates, Dropped: c.dropped}
	for _, e := range errs {
		if e == nil {
			res.Valid++
		} else if len(res.Errors) < maxImportErrors {
			res.Errors = append(res.Errors, e)
		}
	}
	for _, d := range c.duplicates {
		if d.Undecided {
			res.Undecided++
		}
	}
	return res
}

// rowError returns an EINVALID error about one row, its message starting "Dòng N:".
func rowError(row int, field, format string, args ...any) *tuyengiao.Error {
	return rowOf(row, tuyengiao.FieldError(field, format, args...))
}

// rowOf returns e as the error of one row, with its code and field, its message starting
// "Dòng N:".
func rowOf(row int, e *tuyengiao.Error) *tuyengiao.Error {
	return &tuyengiao.Error{Code: e.Code, Field: e.Field, Row: row, Key: "Dòng %v: %s", Args: []any{row, e}}
}

// checkImport checks every row by itself, finds the likely duplicates and leaves out the rows
// dropped, then checks the party cards of the rows kept against each other and the database.
func (db *DB) checkImport(ctx context.Context, root string, req tuyengiao.ImportRequest) (*importCheck, error) {
	rows := req.Rows
	units, err := db.importUnits(ctx, rows)
	if err != nil {
		return nil, err
	}
	now, today := db.now(), db.today()
	people := make([]*tuyengiao.Person, len(rows))
	errs := make([]*tuyengiao.Error, len(rows))
	for i, r := range rows {
		people[i], errs[i] = checkImportRow(r, units, root, now, today)
	}
	dups, err := db.importDuplicates(ctx, root, rows, people, errs)
	if err != nil {
		return nil, err
	}
	c := &importCheck{all: len(rows), duplicates: dups, rows: rows, people: people, errs: errs}
	if drop := decide(dups, req.Keep, req.Drop); len(drop) > 0 {
		c.rows, c.people, c.errs = nil, nil, nil
		for i, r := range rows {
			if drop[r.Row] {
				c.dropped++
				continue
			}
			c.rows, c.people, c.errs = append(c.rows, r), append(c.people, people[i]), append(c.errs, errs[i])
		}
	}
	checkCardsInFile(c.rows, c.people, c.errs)
	dbErrs, err := db.checkCardsInDB(ctx, c.rows, c.people)
	if err != nil {
		return nil, err
	}
	for i, e := range dbErrs {
		if c.errs[i] == nil {
			c.errs[i] = e
		}
	}
	return c, nil
}

// checkImportRow checks what one row holds by itself and builds its person.
func checkImportRow(r tuyengiao.ImportRow, units map[string]importUnit, root string, now time.Time, today tuyengiao.Date) (*tuyengiao.Person, *tuyengiao.Error) {
	if r.Err != nil {
		e := *r.Err
		e.Row = r.Row
		// The reader may already have named the row; name it once.
		if !strings.HasPrefix(e.Key, "Dòng ") {
			e.Key, e.Args = "Dòng %v: %s", []any{r.Row, tuyengiao.Clause{Err: r.Err}}
		}
		return nil, &e
	}
	p := &tuyengiao.Person{FullName: vn.NFC(r.FullName), BirthYear: r.BirthYear, BirthDate: r.BirthDate,
		Gender: r.Gender, Category: r.Category, Position: vn.NFC(r.Position), Phone: vn.Phone(vn.NFC(r.Phone)),
		PartyCard: vn.NFC(r.PartyCard), Status: tuyengiao.StatusActive, StatusDate: today, CreatedAt: now, UpdatedAt: now}
	if p.FullName == "" {
		return p, rowError(r.Row, "full_name", "thiếu họ và tên")
	}
	code := vn.NFC(r.UnitCode)
	u, ok := units[strings.ToLower(code)]
	switch {
	case code == "":
		return p, rowError(r.Row, "unit_code", "thiếu mã đơn vị")
	case !ok:
		return p, rowError(r.Row, "unit_code", "không có đơn vị mã %q", code)
	case !tuyengiao.InSubtree(u.path, root):
		return p, rowError(r.Row, "unit_code", "đơn vị mã %q nằm ngoài đơn vị đang nhập", code)
	case u.closed:
		return p, rowError(r.Row, "unit_code", "đơn vị mã %q đã đóng", code)
	}
	p.UnitID = u.id
	if !r.Since.IsZero() {
		p.StatusDate = r.Since
	}
	if p.Category == "" {
		return p, rowError(r.Row, "category", "thiếu đối tượng")
	} else if !p.Category.Valid() {
		return p, rowError(r.Row, "category", "đối tượng %q không hợp lệ", p.Category)
	}
	if y := r.BirthYear; y != 0 && !r.BirthDate.IsZero() && r.BirthDate.Year() != y {
		return p, rowError(r.Row, "birth_year", "năm sinh %v không khớp với ngày sinh %s", y, r.BirthDate)
	}
	if err := p.Validate(today); err != nil {
		e := &tuyengiao.Error{}
		errors.As(err, &e)
		return p, rowError(r.Row, e.Field, "%s", tuyengiao.Clause{Err: e})
	}
	return p, nil
}

// importUnits looks up, once for the whole file, the units named in it, by code ignoring
// case as units.code_folded holds it.
func (db *DB) importUnits(ctx context.Context, rows []tuyengiao.ImportRow) (map[string]importUnit, error) {
	seen := map[string]bool{}
	var codes []any
	for _, r := range rows {
		if c := strings.ToLower(vn.NFC(r.UnitCode)); c != "" && !seen[c] {
			seen[c] = true
			codes = append(codes, c)
		}
	}
	units := make(map[string]importUnit, len(codes))
	err := inBatches(codes, func(batch []any) error {
		rs, err := db.query(ctx, `SELECT code_folded, id, path, closed_at IS NOT NULL FROM units WHERE code_folded IN (`+
			placeholders(len(batch))+`)`, batch...)
		if err != nil {
			return err
		}
		defer rs.Close()
		for rs.Next() {
			var code string
			var u importUnit
			if err := rs.Scan(&code, &u.id, &u.path, &u.closed); err != nil {
				return err
			}
			units[code] = u
		}
		return rs.Err()
	})
	return units, err
}

// checkCardsInFile reports a party card given on more than one row, on every row after the
// first, naming both rows.
func checkCardsInFile(rows []tuyengiao.ImportRow, people []*tuyengiao.Person, errs []*tuyengiao.Error) {
	first := map[string]int{}
	for i, p := range people {
		if p == nil || p.PartyCard == "" {
			continue
		}
		if j, ok := first[p.PartyCard]; !ok {
			first[p.PartyCard] = i
		} else if errs[i] == nil {
			errs[i] = rowError(rows[i].Row, "party_card", "số thẻ đảng viên %s trùng với dòng %v", p.PartyCard, rows[j].Row)
		}
	}
}

// checkCardsInDB reports, for each row, a party card that someone in the database already
// holds. It does not say who, since that person may be outside the caller's scope.
func (db *DB) checkCardsInDB(ctx context.Context, rows []tuyengiao.ImportRow, people []*tuyengiao.Person) ([]*tuyengiao.Error, error) {
	seen := map[string]bool{}
	var cards []any
	for _, p := range people {
		if p != nil && p.PartyCard != "" && !seen[p.PartyCard] {
			seen[p.PartyCard] = true
			cards = append(cards, p.PartyCard)
		}
	}
	taken := map[string]bool{}
	err := inBatches(cards, func(batch []any) error {
		rs, err := db.query(ctx, `SELECT party_card FROM people WHERE party_card IN (`+placeholders(len(batch))+`)`, batch...)
		if err != nil {
			return err
		}
		defer rs.Close()
		for rs.Next() {
			var card string
			if err := rs.Scan(&card); err != nil {
				return err
			}
			taken[card] = true
		}
		return rs.Err()
	})
	errs := make([]*tuyengiao.Error, len(rows))
	for i, p := range people {
		if p != nil && taken[p.PartyCard] {
			errs[i] = rowError(rows[i].Row, "party_card", "số thẻ đảng viên %s đã có trong hệ thống", p.PartyCard)
		}
	}
	return errs, err
}

// insertImport creates the people in batches of multi-row INSERTs, then their first status
// history rows and their name search terms from the ids the INSERT returns, then the one
// audit record. Both are copied from the rows just written, so the order in which RETURNING
// gives the ids (which neither engine promises) does not matter.
func (db *DB) insertImport(ctx context.Context, tx *Tx, rootID int64, people []*tuyengiao.Person) error {
	const row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	by := actingUser(ctx)
	for start := 0; start < len(people); start += importBatch {
		batch := people[start:min(start+importBatch, len(people))]
		args := make([]any, 0, 15*len(batch))
		for _, p := range batch {
			args = append(args, personValues(p)...)
		}
		ids, err := insertReturningIDs(ctx, tx, `INSERT INTO people (unit_id, full_name, name_folded, sort_key, birth_year,
			birth_date, gender, category, position, phone, party_card, status, status_date, created_at, updated_at)
			VALUES `+strings.TrimSuffix(strings.Repeat(row+", ", len(batch)), ", ")+` RETURNING id`, args...)
		if err != nil {
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO person_status_history (person_id, status, on_date, recorded_at, recorded_by)
			SELECT id, status, status_date, ?, ? FROM people WHERE id IN (`+placeholders(len(ids))+`)`,
			append([]any{db.now(), by}, ids...)...)
		if err != nil {
			return err
		}
		if err := db.writeNameTerms(ctx, tx, ids); err != nil {
			return err
		}
	}
	return db.audit(ctx, tx, &tuyengiao.AuditRecord{Action: "person.import", Object: unitObject(rootID), UnitID: rootID,
		Detail: fmt.Sprintf("rows=%d", len(people))})
}

// insertReturningIDs runs an INSERT ... RETURNING id and collects the ids.
func insertReturningIDs(ctx context.Context, tx *Tx, q string, args ...any) ([]any, error) {
	rs, err := tx.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var ids []any
	for rs.Next() {
		var id int64
		if err := rs.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rs.Err()
}

// inBatches calls fn with successive slices of at most importBatch values.
func inBatches(values []any, fn func(batch []any) error) error {
	for start := 0; start < len(values); start += importBatch {
		if err := fn(values[start:min(start+importBatch, len(values))]); err != nil {
			return err
		}
	}
	return nil
}

// placeholders returns "?, ?, ..." with n marks, for an IN list.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// valueRows returns the placeholders of n rows of k values each, for a multi-row VALUES:
// "(?, ?), (?, ?)".
func valueRows(k, n int) string {
	return strings.TrimSuffix(strings.Repeat("("+placeholders(k)+"), ", n), ", ")
}
