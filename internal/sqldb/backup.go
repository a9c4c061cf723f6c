package sqldb

import (
	"context"
	"errors"
	"fmt"
	"os"
)

// ErrBackupPostgres is Backup's answer for a PostgreSQL database, which is copied by its own
// tools.
var ErrBackupPostgres = errors.New("backup copies a SQLite file; back up PostgreSQL with pg_dump " +
	"(pg_dump -Fc -f tuyengiao.dump URL, restored by pg_restore) or with continuous WAL archiving " +
	"for point-in-time recovery (pg_basebackup and archive_command)")

// Backup writes a consistent copy of the SQLite database at dsn to the new file to, while
// the server keeps running: VACUUM INTO reads one snapshot, as any reader does, so writers are
// not stopped and every transaction committed before it began is in the copy. It then
// verifies the audit chain of the copy and returns the check; a broken chain is an error, and
// the copy is kept for inspection.
func Backup(ctx context.Context, dsn, to string) (*AuditCheck, error) {
	if IsPostgres(dsn) {
		return nil, ErrBackupPostgres
	}
	if _, err := os.Stat(dsn); err != nil {
		return nil, err
	}
	if _, err := os.Stat(to); err == nil {
		return nil, fmt.Errorf("backup: %s exists; give a new file", to)
	}
	db, err := Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	_, err = db.read.ExecContext(ctx, `VACUUM INTO ?`, to)
	if err = errors.Join(err, db.Close()); err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	copied, err := Open(ctx, to)
	if err != nil {
		return nil, err
	}
	defer copied.Close()
	c, err := copied.VerifyAudit(ctx, AuditHead{})
	if err == nil && c.Break != nil {
		err = fmt.Errorf("backup %s: the audit chain is broken at record %d (%s)", to, c.Break.ID, c.Break.Fault)
	}
	return c, err
}
