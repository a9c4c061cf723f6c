package sqldb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"tuyengiao"
)

// The audit log is a hash chain in id order. Each record names the record before it
// (prev_id) and holds hash = SHA-256 of its columns and of that record's hash (chainHash).
// The records of a transaction are queued on the Tx by db.audit and chained when it commits
// (flushAudit): the chain's lock is taken there and held only for their inserts and the
// commit, never across the work of the transaction. On SQLite the one writer connection
// serialises the transactions; on PostgreSQL a transaction-scoped advisory lock does, so that
// every app node on one database extends the same chain.

// chainLockKey names the PostgreSQL advisory lock that serialises the chain (the one-key
// space, beside treeLockKey, relationLockKey and seriesLockKey).
const chainLockKey = 7310004

// The actions of the records the server writes after it verified the chain: its new records
// (AuditWatch.Round), or all of it (AuditWatch.FullRound).
const (
	ActionAuditVerify     = "audit.verify"
	ActionAuditVerifyFull = "audit.verify_full"
)

// auditColumns are the columns of a record that its hash covers, with prev_id and hash last.
const auditColumns = `id, at, user_id, login, action, object, unit_id, outcome, address, detail, prev_id, hash`

// AuditHead is the last record of the chain: its id and hash, and when it was read.
type AuditHead struct {
	ID   int64     `json:"id"`
	Hash string    `json:"hash"`
	At   time.Time `json:"at"`
}

// AuditFault says what is wrong with a record of the chain.
type AuditFault string

// The faults verification finds.
const (
	// FaultAltered: the record's hash does not match its content and the hash of the record
	// before it; it, or the hash of the record before it, was rewritten.
	FaultAltered AuditFault = "altered"
	// FaultUnsealed: the record has no hash; it was written outside the chain.
	FaultUnsealed AuditFault = "unsealed"
	// FaultRelinked: the record was chained to another record than the one now before it;
	// records were deleted or inserted before it.
	FaultRelinked AuditFault = "relinked"
	// FaultHeadMissing: a head verified before is no longer in the chain with its hash; the
	// end of the chain was cut off or rewritten.
	FaultHeadMissing AuditFault = "head-missing"
)

// AuditBreak names the first broken record of the chain and what is wrong with it.
type AuditBreak struct {
	ID    int64      `json:"id"`
	Fault AuditFault `json:"fault"`
}

// AuditCheck is the result of a verification: the head it reached, the records it read, how
// many of them were not the server's verification records, and the first break, if any.
type AuditCheck struct {
	Head    AuditHead
	Records int
	Changes int
	Break   *AuditBreak
}

// chainHash returns the hex SHA-256 of the columns of r, its link prevID and the hash prev of
// that record, each as a length-prefixed field, so that no two contents share an encoding.
func chainHash(r *tuyengiao.AuditRecord, prevID int64, prev string) string {
	h := sha256.New()
	for _, f := range []string{
		strconv.FormatInt(r.ID, 10), r.At.UTC().Format(time.RFC3339Nano), strconv.FormatInt(r.UserID, 10),
		r.Login, r.Action, r.Object, strconv.FormatInt(r.UnitID, 10), r.Outcome, r.Address, r.Detail,
		strconv.FormatInt(prevID, 10), prev,
	} {
		writeField(h, f)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func writeField(h hash.Hash, f string) {
	h.Write(binary.AppendUvarint(nil, uint64(len(f))))
	h.Write([]byte(f))
}

// lockChain takes the chain's lock until tx ends: the advisory lock on PostgreSQL; on SQLite
// the transaction already holds the one write lock.
func (tx *Tx) lockChain(ctx context.Context) error {
	if !tx.db.postgres {
		return nil
	}
	_, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(?)`, chainLockKey)
	return err
}

// chainHead returns the id and hash of the last record, or zeros for an empty log. The chain
// must be locked.
func (tx *Tx) chainHead(ctx context.Context) (int64, string, error) {
	var args []any
	if tx.db.postgres {
		// Planned at each run, not once per connection: PostgreSQL keeps the plan of a prepared
		// statement without parameters until the table is analysed, and one made while a new
		// database's log was nearly empty read it whole at every batch (2,6–8,7 ms) as it grew.
		args = append(args, pgx.QueryExecModeExec)
	}
	var id int64
	var h sql.NullString
	err := tx.queryRow(ctx, `SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`, args...).Scan(&id, &h)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}
	return id, h.String, err
}

// nextAuditIDs returns n ids for new records after the record last: on SQLite the ids that
// follow it; on PostgreSQL the next values of the column's sequence, which the lock keeps
// increasing in chain order. A sequence behind the log (after an import or a restore that did
// not set it) is an error: its ids would put the new records before the head.
func (tx *Tx) nextAuditIDs(ctx context.Context, last int64, n int) ([]int64, error) {
	ids := make([]int64, n)
	if !tx.db.postgres {
		for i := range ids {
			ids[i] = last + 1 + int64(i)
		}
		return ids, nil
	}
	rows, err := tx.query(ctx, `SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) FROM generate_series(1, CAST(? AS INTEGER))`, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids = ids[:0]
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.Sort(ids)
	if ids[0] <= last {
		return nil, fmt.Errorf("audit log: the sequence of audit_log.id gives %d, not after the last record #%d; "+
			"set it past the log with SELECT setval(pg_get_serial_sequence('audit_log', 'id'), MAX(id)) FROM audit_log", ids[0], last)
	}
	return ids, nil
}

// flushAudit writes the records queued on tx, chained after the current head, just before tx
// commits: the chain stays locked from here to the commit only. It sets each record's ID.
func (tx *Tx) flushAudit(ctx context.Context) error {
	recs := tx.audits
	if len(recs) == 0 {
		return nil
	}
	if tx.db.unchained {
		return tx.insertUnchained(ctx, recs)
	}
	if err := tx.lockChain(ctx); err != nil {
		return err
	}
	prevID, prev, err := tx.chainHead(ctx)
	if err != nil {
		return err
	}
	ids, err := tx.nextAuditIDs(ctx, prevID, len(recs))
	if err != nil {
		return err
	}
	// SQLite takes at most 32.766 parameters a statement: 12 columns of 1.000 records fit.
	for chunk := range slices.Chunk(recs, 1000) {
		args := make([]any, 0, 12*len(chunk))
		for _, r := range chunk {
			r.ID, ids = ids[0], ids[1:]
			h := chainHash(r, prevID, prev)
			args = append(args, r.ID, r.At, nullInt64(r.UserID), r.Login, r.Action, r.Object, nullInt64(r.UnitID),
				r.Outcome, r.Address, r.Detail, nullInt64(prevID), h)
			prevID, prev = r.ID, h
		}
		values := strings.Repeat(", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", len(chunk))[2:]
		if _, err := tx.exec(ctx, `INSERT INTO audit_log (`+auditColumns+`) VALUES `+values, args...); err != nil {
			return err
		}
	}
	return nil
}

// insertUnchained writes recs as the log was written before the chain, for the benchmark
// that measures what the chain costs.
func (tx *Tx) insertUnchained(ctx context.Context, recs []*tuyengiao.AuditRecord) error {
	for _, r := range recs {
		if err := tx.queryRow(ctx, `INSERT INTO audit_log (at, user_id, login, action, object, unit_id, outcome, address, detail)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			r.At, nullInt64(r.UserID), r.Login, r.Action, r.Object, nullInt64(r.UnitID), r.Outcome, r.Address, r.Detail,
		).Scan(&r.ID); err != nil {
			return err
		}
	}
	return nil
}

// chainedRecord is a stored record with its link and hash.
type chainedRecord struct {
	tuyengiao.AuditRecord
	prevID int64
	hash   sql.NullString
}

// scanChained reads one row of auditColumns.
func scanChained(rows *sql.Rows, r *chainedRecord) error {
	var userID, unitID, prevID sql.NullInt64
	err := rows.Scan(&r.ID, &r.At, &userID, &r.Login, &r.Action, &r.Object, &unitID, &r.Outcome, &r.Address, &r.Detail, &prevID, &r.hash)
	r.UserID, r.UnitID, r.prevID = userID.Int64, unitID.Int64, prevID.Int64
	return err
}

// VerifyAudit walks the chain in id order from the record from (the zero head for the whole
// chain), streaming it, and returns the head it reached and the first broken record. A from
// that is no longer in the chain with its hash is itself the break (FaultHeadMissing). It
// reads the log as it was when it started; records written meanwhile are left to the next call.
func (db *DB) VerifyAudit(ctx context.Context, from AuditHead) (*AuditCheck, error) {
	c := &AuditCheck{Head: AuditHead{ID: from.ID, Hash: from.Hash, At: db.now()}}
	if from.ID != 0 {
		if ok, err := db.HoldsAuditHead(ctx, from); err != nil {
			return nil, err
		} else if !ok {
			c.Break = &AuditBreak{ID: from.ID, Fault: FaultHeadMissing}
			return c, nil
		}
	}
	// The whole chain is every row, whatever its id: one written with an id at or below zero
	// by hand is a break like any other, not outside the walk.
	q, args := `SELECT `+auditColumns+` FROM audit_log ORDER BY id`, []any(nil)
	if from.ID != 0 {
		q, args = `SELECT `+auditColumns+` FROM audit_log WHERE id > ? ORDER BY id`, []any{from.ID}
	}
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var r chainedRecord
	for rows.Next() {
		if err := scanChained(rows, &r); err != nil {
			return nil, err
		}
		if fault := checkLink(&r, c.Head); fault != "" {
			c.Break = &AuditBreak{ID: r.ID, Fault: fault}
			return c, nil
		}
		c.Head.ID, c.Head.Hash = r.ID, r.hash.String
		c.Records++
		if r.Action != ActionAuditVerify && r.Action != ActionAuditVerifyFull {
			c.Changes++
		}
	}
	return c, rows.Err()
}

// checkLink returns what is wrong with r as the record after prev, or "".
func checkLink(r *chainedRecord, prev AuditHead) AuditFault {
	switch {
	case !r.hash.Valid:
		return FaultUnsealed
	case r.prevID != prev.ID:
		return FaultRelinked
	case chainHash(&r.AuditRecord, prev.ID, prev.Hash) != r.hash.String:
		return FaultAltered
	}
	return ""
}

// HoldsAuditHead reports whether the log holds the record head.ID with the hash head.Hash: a
// head read earlier, and kept outside the database, is still in the chain.
func (db *DB) HoldsAuditHead(ctx context.Context, head AuditHead) (bool, error) {
	var h sql.NullString
	err := db.queryRow(ctx, `SELECT hash FROM audit_log WHERE id = ?`, head.ID).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil && h.Valid && h.String == head.Hash, err
}

// sealAuditLog chains, once, the records written before the chain existed: when no record has
// a hash yet, every record gets its link and hash in id order. Once the chain has begun, a
// record without a hash is a break for VerifyAudit, never sealed here.
func (db *DB) sealAuditLog(ctx context.Context) error {
	return db.update(ctx, func(tx *Tx) error {
		if err := tx.lockChain(ctx); err != nil {
			return err
		}
		var begun bool
		if err := tx.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM audit_log WHERE hash IS NOT NULL)`).Scan(&begun); err != nil || begun {
			return err
		}
		var prev AuditHead
		for {
			batch, err := tx.unsealedAfter(ctx, prev.ID, 5000)
			if err != nil || len(batch) == 0 {
				return err
			}
			for _, r := range batch {
				h := chainHash(&r.AuditRecord, prev.ID, prev.Hash)
				if _, err := tx.exec(ctx, `UPDATE audit_log SET prev_id = ?, hash = ? WHERE id = ?`, nullInt64(prev.ID), h, r.ID); err != nil {
					return err
				}
				prev.ID, prev.Hash = r.ID, h
			}
		}
	})
}

// unsealedAfter reads up to n records after id, in id order, closing its rows before the
// caller writes in the same transaction.
func (tx *Tx) unsealedAfter(ctx context.Context, id int64, n int) ([]chainedRecord, error) {
	rows, err := tx.query(ctx, `SELECT `+auditColumns+` FROM audit_log WHERE id > ? ORDER BY id LIMIT `+itoa(n), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []chainedRecord
	for rows.Next() {
		var r chainedRecord
		if err := scanChained(rows, &r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
