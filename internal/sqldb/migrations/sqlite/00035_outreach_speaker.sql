-- +goose Up
-- An outreach session names who spoke from the roster of lecturers (0: someone not on it).
ALTER TABLE outreach_sessions ADD COLUMN speaker_id INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outreach_sessions_speaker_id ON outreach_sessions (speaker_id) WHERE speaker_id <> 0;

-- +goose Down
DROP INDEX outreach_sessions_speaker_id;
ALTER TABLE outreach_sessions DROP COLUMN speaker_id;
