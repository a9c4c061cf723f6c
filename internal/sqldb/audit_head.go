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

// AuditWatch verifies the chain as the server runs: each Round verifies what was written
// since the last head it verified, writes the new head to HeadFile (when set) and the log,
// and records the result as an audit.verify record, so that the audit page shows when the
// chain was last verified. It writes nothing while nothing changes.
type AuditWatch struct {
	DB       *DB
	HeadFile string // "" keeps the head in the log only
	Logger   *slog.Logger
	head     AuditHead   // the last head verified
	broken   *AuditBreak // the break last reported, reported once
}

// Start takes the head of HeadFile, if any, as the point the chain must still hold: the first
// Round verifies it is there, then what follows it. Without one, it verifies the whole chain.
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
		w.Logger.Error("audit chain broken", "id", c.Break.ID, "fault", string(c.Break.Fault), "verified_up_to", w.head.ID)
		return w.record(ctx, tuyengiao.OutcomeFailed, "#"+strconv.FormatInt(c.Break.ID, 10)+" "+string(c.Break.Fault))
	}
	w.broken = nil
	if c.Head.ID == w.head.ID {
		return nil
	}
	w.head = c.Head
	w.Logger.Info("audit head", "id", c.Head.ID, "hash", c.Head.Hash, "at", c.Head.At)
	if w.HeadFile != "" {
		if err := WriteAuditHead(w.HeadFile, c.Head); err != nil {
			return err
		}
	}
	// A round that read only audit.verify records records nothing, or two nodes would record
	// each other's records for ever.
	if c.Changes == 0 {
		return nil
	}
	return w.record(ctx, tuyengiao.OutcomeOK, "#"+strconv.FormatInt(c.Head.ID, 10))
}

func (w *AuditWatch) record(ctx context.Context, outcome, detail string) error {
	return w.DB.auditAlone(ctx, &tuyengiao.AuditRecord{Login: "system", Action: ActionAuditVerify, Outcome: outcome, Detail: detail})
}

// LastAuditCheck implements tuyengiao.AuditService: the newest audit.verify record, or nil
// before the first. Whoever may read audit records somewhere may read it: it names record ids
// only.
func (db *DB) LastAuditCheck(ctx context.Context) (*tuyengiao.AuditRecord, error) {
	p := tuyengiao.PrincipalFrom(ctx)
	if p == nil {
		return nil, tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	if len(p.Scope(tuyengiao.ActionAuditView)) == 0 && !p.IsSysadmin() {
		return nil, db.check(ctx, tuyengiao.ActionAuditView, "", 0, "audit")
	}
	r := &tuyengiao.AuditRecord{}
	err := db.queryRow(ctx, `SELECT id, at, outcome, detail FROM audit_log WHERE action = ? AND object = '' ORDER BY at DESC, id DESC LIMIT 1`,
		ActionAuditVerify).Scan(&r.ID, &r.At, &r.Outcome, &r.Detail)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	r.Action, r.Login, r.At = ActionAuditVerify, "system", r.At.UTC()
	return r, err
}
