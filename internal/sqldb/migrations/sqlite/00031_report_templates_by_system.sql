-- +goose Up
-- by_system marks a template as the system made it, which a later version of the system may
-- bring up to date; saving it by hand clears the mark. The templates no account saved are the
-- system's.
ALTER TABLE report_templates ADD COLUMN by_system BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE report_templates SET by_system = TRUE WHERE updated_by IS NULL;

-- +goose Down
ALTER TABLE report_templates DROP COLUMN by_system;
