-- +goose Up
-- The version of a contest's rules, rounds and bank, raised by triggers whatever writes them,
-- so that each app node keeps the contest in memory and checks it with one read by primary
-- key at every start, answer and submission (contest_cache.go), as 00036 does for
-- conferences.
ALTER TABLE contests ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

-- +goose StatementBegin
CREATE TRIGGER contests_version AFTER UPDATE ON contests WHEN NEW.version = OLD.version
BEGIN
    UPDATE contests SET version = version + 1 WHERE id = NEW.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER contest_rounds_version_insert AFTER INSERT ON contest_rounds
BEGIN
    UPDATE contests SET version = version + 1 WHERE id = NEW.contest_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER contest_rounds_version_update AFTER UPDATE ON contest_rounds
BEGIN
    UPDATE contests SET version = version + 1 WHERE id = NEW.contest_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER contest_rounds_version_delete AFTER DELETE ON contest_rounds
BEGIN
    UPDATE contests SET version = version + 1 WHERE id = OLD.contest_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER contest_questions_version_insert AFTER INSERT ON contest_questions
BEGIN
    UPDATE contests SET version = version + 1 WHERE id = NEW.contest_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER contest_questions_version_update AFTER UPDATE ON contest_questions
BEGIN
    UPDATE contests SET version = version + 1 WHERE id = NEW.contest_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER contest_questions_version_delete AFTER DELETE ON contest_questions
BEGIN
    UPDATE contests SET version = version + 1 WHERE id = OLD.contest_id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER contest_questions_version_delete;
DROP TRIGGER contest_questions_version_update;
DROP TRIGGER contest_questions_version_insert;
DROP TRIGGER contest_rounds_version_delete;
DROP TRIGGER contest_rounds_version_update;
DROP TRIGGER contest_rounds_version_insert;
DROP TRIGGER contests_version;
ALTER TABLE contests DROP COLUMN version;
