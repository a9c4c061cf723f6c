package tuyengiao

import (
	"context"
	"time"
)

// Upload is a file a user sent and the system keeps for a while: the preview and the commit
// of an import are two requests, possibly served by two app nodes.
type Upload struct {
	ID        int64
	UserID    int64
	Kind      string // "people", ...
	Filename  string
	SHA256    string // hex, computed on save
	Content   []byte
	CreatedAt time.Time
}

// UploadRetention is how long an upload is kept before it is purged.
const UploadRetention = 24 * time.Hour

// UploadService keeps uploads. Only the user who sent an upload can read it back.
type UploadService interface {
	// SaveUpload stores u for the principal in ctx and sets its ID, SHA256 and CreatedAt;
	// uploads older than UploadRetention are purged on the way.
	SaveUpload(ctx context.Context, u *Upload) error
	// FindUpload returns the caller's own upload, or ENOTFOUND.
	FindUpload(ctx context.Context, id int64) (*Upload, error)
}
