-- +goose Up
-- The data version of the contests' figures (ContestFigures): raised by every write that
-- changes what they count, as migration 00019 does for the other sources. A contestant's
-- PIN failures and a purge change nothing counted, so updates of contestants raise nothing.
INSERT INTO figure_versions (source, version) VALUES ('contests', 1);

-- +goose StatementBegin
CREATE TRIGGER figure_versions_contestants_insert AFTER INSERT ON contestants
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source = 'contests';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_contestants_delete AFTER DELETE ON contestants
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source = 'contests';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_contest_attempts_update AFTER UPDATE OF submitted_at ON contest_attempts
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source = 'contests';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_contest_attempts_delete AFTER DELETE ON contest_attempts
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source = 'contests';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_contests_insert AFTER INSERT ON contests
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source = 'contests';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_contests_update AFTER UPDATE OF unit_id ON contests
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source = 'contests';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_contest_rounds_insert AFTER INSERT ON contest_rounds
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source = 'contests';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_contest_rounds_update AFTER UPDATE OF opens_at ON contest_rounds
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source = 'contests';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER figure_versions_contest_rounds_delete AFTER DELETE ON contest_rounds
BEGIN
    UPDATE figure_versions SET version = version + 1 WHERE source = 'contests';
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER figure_versions_contest_rounds_delete;
DROP TRIGGER figure_versions_contest_rounds_update;
DROP TRIGGER figure_versions_contest_rounds_insert;
DROP TRIGGER figure_versions_contests_update;
DROP TRIGGER figure_versions_contests_insert;
DROP TRIGGER figure_versions_contest_attempts_delete;
DROP TRIGGER figure_versions_contest_attempts_update;
DROP TRIGGER figure_versions_contestants_delete;
DROP TRIGGER figure_versions_contestants_insert;
DELETE FROM figure_versions WHERE source = 'contests';
