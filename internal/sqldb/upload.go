package sqldb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"

	"tuyengiao"
)

// SaveUpload implements tuyengiao.UploadService.
func (db *DB) SaveUpload(ctx context.Context, u *tuyengiao.Upload) error {
	p := tuyengiao.PrincipalFrom(ctx)
	if p == nil {
		return tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	sum := sha256.Sum256(u.Content)
	u.UserID, u.SHA256, u.CreatedAt = p.UserID, hex.EncodeToString(sum[:]), db.now()
	return db.update(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM uploads WHERE created_at < ?`, u.CreatedAt.Add(-tuyengiao.UploadRetention)); err != nil {
			return err
		}
		return tx.queryRow(ctx, `INSERT INTO uploads (user_id, kind, filename, sha256, content, created_at)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
			u.UserID, u.Kind, u.Filename, u.SHA256, u.Content, u.CreatedAt).Scan(&u.ID)
	})
}

// FindUpload implements tuyengiao.UploadService.
func (db *DB) FindUpload(ctx context.Context, id int64) (*tuyengiao.Upload, error) {
	p := tuyengiao.PrincipalFrom(ctx)
	if p == nil {
		return nil, tuyengiao.Errorf(tuyengiao.EUNAUTHORIZED, "Vui lòng đăng nhập.")
	}
	u := &tuyengiao.Upload{}
	err := db.queryRow(ctx, `SELECT id, user_id, kind, filename, sha256, content, created_at FROM uploads
		WHERE id = ? AND user_id = ?`, id, p.UserID).
		Scan(&u.ID, &u.UserID, &u.Kind, &u.Filename, &u.SHA256, &u.Content, &u.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, tuyengiao.Errorf(tuyengiao.ENOTFOUND, "Không tìm thấy tệp đã tải lên (có thể đã quá hạn, vui lòng tải lên lại).")
	}
	return u, err
}

// consumeUpload marks the caller's upload as used inside tx, or returns ECONFLICT when it was
// used already; id 0 names no upload. The unconditional UPDATE decides, so that two commits of
// one file racing each other cannot both pass.
func (db *DB) consumeUpload(ctx context.Context, tx *Tx, id int64) error {
	if id == 0 {
		return nil
	}
	var userID int64
	if p := tuyengiao.PrincipalFrom(ctx); p != nil {
		userID = p.UserID
	}
	res, err := tx.exec(ctx, `UPDATE uploads SET consumed_at = ? WHERE id = ? AND user_id = ? AND consumed_at IS NULL`,
		db.now(), id, userID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return uploadUsed()
	}
	return nil
}

// checkUploadUnused returns ECONFLICT when the caller's upload id was used already, before
// a commit checks its rows again: a second commit of one file (a double click) is told so,
// not shown its own people as duplicates. consumeUpload still decides.
func (db *DB) checkUploadUnused(ctx context.Context, id int64) error {
	if id == 0 {
		return nil
	}
	var userID int64
	if p := tuyengiao.PrincipalFrom(ctx); p != nil {
		userID = p.UserID
	}
	var used bool
	err := db.queryRow(ctx, `SELECT consumed_at IS NOT NULL FROM uploads WHERE id = ? AND user_id = ?`, id, userID).Scan(&used)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err == nil && used {
		return uploadUsed()
	}
	return err
}

func uploadUsed() error {
	return tuyengiao.Errorf(tuyengiao.ECONFLICT, "Tệp này đã được nhập rồi; không nhập lại lần nữa.")
}
