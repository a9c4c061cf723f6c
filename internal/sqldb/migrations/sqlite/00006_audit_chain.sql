-- +goose Up
-- The audit log is a hash chain: each record names the record before it (prev_id) and holds
-- the SHA-256 of its content and of that record's hash, so that a rewrite, a deletion or an
-- insertion in the middle is found by "tuyengiao audit verify". The records written before
-- this migration are chained once by sqldb.Migrate; a record without a hash after that is a
-- break.
ALTER TABLE audit_log ADD COLUMN prev_id INTEGER;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

-- Sealing a record written before the chain (hash and prev_id set once, nothing else) is the
-- only change the log accepts.
DROP TRIGGER audit_log_no_update;
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (OLD.hash IS NULL AND OLD.prev_id IS NULL AND NEW.hash IS NOT NULL AND NEW.id = OLD.id
    AND NEW.at IS OLD.at AND NEW.user_id IS OLD.user_id AND NEW.login IS OLD.login
    AND NEW.action IS OLD.action AND NEW.object IS OLD.object AND NEW.unit_id IS OLD.unit_id
    AND NEW.outcome IS OLD.outcome AND NEW.address IS OLD.address AND NEW.detail IS OLD.detail)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- INSERT OR REPLACE deletes the row it replaces without firing the delete trigger: refuse an
-- insert on an id that is taken.
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
