package sqldb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"

	"tuyengiao"
)

// Someone who can drop a trigger can also recompute every hash, or cut records off the end
// of the chain. So the server keeps the head of the chain outside the database too: in a file
// (AuditWatch.HeadFile) and in its log. "tuyengiao audit verify --expect-head FILE" then
// fails when the chain no longer holds the head the server wrote.

// ReadAuditHead reads a head written by WriteAuditHead; a missing file gives the zero head.
func ReadAuditHead(path string) (AuditHead, error) {
	var h AuditHead
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return h, nil
	} else if err != nil {
		return h, err
	}
	if err := json.Unmarshal(b, &h); err != nil || h.ID <= 0 || len(h.Hash) != 64 {
		return AuditHead{}, fmt.Errorf("%s: not an audit head (%v)", path, err)
	}
	return h, nil
}

// WriteAuditHead replaces the file at path with h, as one JSON line, through a rename so that
// a reader never sees half of it.
func WriteAuditHead(path string, h AuditHead) error {
	b, err := json.Marshal(h)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := errors.Join(tmp.Sync(), tmp.Close()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// AuditWatch verifies the chain as the server runs. Each Round verifies what was written since
// the last head it verified; each FullRound walks the whole chain again, re-hashing every
// record, since a round that starts from a head never reads an older record again. Both write
// the new head to HeadFile (when set) and the log, and record the result (audit.verify,
// audit.verify_full), so that the audit page shows when the chain was last verified each way.
// A Round writes nothing while nothing changes. The rounds of one AuditWatch run one at a time.
type AuditWatch struct {
	DB       *DB
	HeadFile string // "" keeps the head in the log only
	Logger   *slog.Logger
	head     AuditHead   // the last head verified
	broken   *AuditBreak // the break Round last reported, reported once
}

// Start takes the head of HeadFile, if any, as the point the chain must still hold: the next
// round verifies it is there. Without one, the first Round verifies the whole chain.
func (w *AuditWatch) Start() error {
	if w.HeadFile == "" {
		return nil
	}
	h, err := ReadAuditHead(w.HeadFile)
	w.head = h
	return err
}

// Round verifies the records written since the last head verified. A break is logged and
// recorded once, and the head is left where it was, so every later round finds it again.
func (w *AuditWatch) Round(ctx context.Context) error {
	c, err := w.DB.VerifyAudit(ctx, w.head)
	if err != nil {
		return err
	}
	if c.Break != nil {
		if w.broken != nil && *w.broken == *c.Break {
			return nil
		}
		w.broken = c.Break
		return w.reportBreak(ctx, ActionAuditVerify, c.Break)
	}
	w.broken = nil
	if c.Head.ID == w.head.ID {
		return nil
	}
	if err := w.advance(c.Head); err != nil {
		return err
	}
	// A round that read only the server's verification records records nothing, or two nodes
	// would record each other's records for ever.
	if c.Changes == 0 {
		return nil
	}
	return w.record(ctx, ActionAuditVerify, tuyengiao.OutcomeOK, "#"+strconv.FormatInt(c.Head.ID, 10))
}

// FullRound verifies the whole chain from its first record, and that it still holds the last
// head verified, and records the result every time: the server runs it at start-up and then
// seldom (daily), so that a record rewritten long ago without its hash is found too. A whole
// chain moves the head on as Round does; a break leaves it where it was.
func (w *AuditWatch) FullRound(ctx context.Context) error {
	c, err := w.DB.VerifyAudit(ctx, AuditHead{})
	if err != nil {
		return err
	}
	if c.Break == nil && w.head.ID != 0 {
		// The walk re-hashed every record; the head's record must also keep the hash it had.
		if ok, err := w.DB.HoldsAuditHead(ctx, w.head); err != nil {
			return err
		} else if !ok {
			c.Break = &AuditBreak{ID: w.head.ID, Fault: FaultHeadMissing}
		}
	}
	if c.Break != nil {
		return w.reportBreak(ctx, ActionAuditVerifyFull, c.Break)
	}
	if c.Head.ID != w.head.ID {
		if err := w.advance(c.Head); err != nil {
			return err
		}
	}
	return w.record(ctx, ActionAuditVerifyFull, tuyengiao.OutcomeOK, "#"+strconv.FormatInt(c.Head.ID, 10))
}

// advance makes h the last head verified, in the log and HeadFile.
func (w *AuditWatch) advance(h AuditHead) error {
	w.head = h
	w.Logger.Info("audit head", "id", h.ID, "hash", h.Hash, "at", h.At)
	if w.HeadFile == "" {
		return nil
	}
	return WriteAuditHead(w.HeadFile, h)
}

// reportBreak logs the break b found by the verification action and records it.
func (w *AuditWatch) reportBreak(ctx context.Context, action string, b *AuditBreak) error {
	w.Logger.Error("audit chain broken", "check", action, "id", b.ID, "fault", string(b.Fault), "verified_up_to", w.head.ID)
	return w.record(ctx, action, tuyengiao.OutcomeFailed, "#"+strconv.FormatInt(b.ID, 10)+" "+string(b.Fault))
}

func (w *AuditWatch) record(ctx context.Context, action, outcome, detail string) error {
	return w.DB.auditAlone(ctx, &tuyengiao.AuditRecord{Login: "system", Action: action, Outcome: outcome, Detail: detail})
}

// LastAuditCheck implements tuyengiao.AuditService: the last record, in chain order, of the
// server's verification of the whole chain (full) or of its new records, or nil before the
// first. Chain order, not time: a record written by hand with a later time and a lower id is
// not the last.
// Whoever may read audit records somewhere may read it: it names record ids only.
func (db *DB) LastAuditCheck(ctx context.Context, full bool) (*tuyengiao.AuditRecord, error) {
	p := tuyengiao.PrincipalFrom(ctx)
	if p == nil {
		return nil, tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	if len(p.Scope(tuyengiao.ActionAuditView)) == 0 && !p.IsSysadmin() {
		return nil, db.check(ctx, tuyengiao.ActionAuditView, "", 0, "audit")
	}
	action := ActionAuditVerify
	if full {
		action = ActionAuditVerifyFull
	}
	r := &tuyengiao.AuditRecord{}
	err := db.queryRow(ctx, `SELECT id, at, outcome, detail FROM audit_log WHERE action = ? AND object = '' ORDER BY id DESC LIMIT 1`,
		action).Scan(&r.ID, &r.At, &r.Outcome, &r.Detail)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	r.Action, r.Login, r.At = action, "system", r.At.UTC()
	return r, err
}
