-- +goose Up
-- An upload is consumed by the import that commits it, so one file is never imported twice.
ALTER TABLE uploads ADD COLUMN consumed_at TIMESTAMP;
-- Counts as of a date read the status from the index alone.
DROP INDEX people_unit;
CREATE INDEX people_unit ON people (unit_id, category, status_date, status);
