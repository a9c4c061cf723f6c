-- +goose Up
-- The audit log is a hash chain: each record names the record before it (prev_id) and holds
-- the SHA-256 of its content and of that record's hash, so that a rewrite, a deletion or an
-- insertion in the middle is found by "tuyengiao audit verify". The records written before
-- this migration are chained once by sqldb.Migrate; a record without a hash after that is a
-- break.
ALTER TABLE audit_log ADD COLUMN prev_id BIGINT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

-- Sealing a record written before the chain (hash and prev_id set once, nothing else) is the
-- only change the log accepts.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND OLD.prev_id IS NULL AND NEW.hash IS NOT NULL
        AND (NEW.id, NEW.at, NEW.user_id, NEW.login, NEW.action, NEW.object, NEW.unit_id, NEW.outcome, NEW.address, NEW.detail)
            IS NOT DISTINCT FROM
            (OLD.id, OLD.at, OLD.user_id, OLD.login, OLD.action, OLD.object, OLD.unit_id, OLD.outcome, OLD.address, OLD.detail) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
-- +goose StatementEnd
