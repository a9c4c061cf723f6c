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
