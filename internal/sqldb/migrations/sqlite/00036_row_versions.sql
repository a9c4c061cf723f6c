-- +goose Up
-- Versions of the rows that every request or check-in reads, raised by triggers whatever
-- writes them, so that each app node keeps them in memory and checks them with one read by
-- primary key (cache.go): an account's grants (users.grants_version), a person, a conference
-- and a campaign with its audiences. The rows are never deleted, so an id is never reused
-- with a version a node still holds.
ALTER TABLE users ADD COLUMN grants_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE people ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conferences ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE campaigns ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

-- +goose StatementBegin
CREATE TRIGGER grants_version_insert AFTER INSERT ON grants
BEGIN
    UPDATE users SET grants_version = grants_version + 1 WHERE id = NEW.user_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER grants_version_update AFTER UPDATE ON grants
BEGIN
    UPDATE users SET grants_version = grants_version + 1 WHERE id IN (OLD.user_id, NEW.user_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER grants_version_delete AFTER DELETE ON grants
BEGIN
    UPDATE users SET grants_version = grants_version + 1 WHERE id = OLD.user_id;
END;
-- +goose StatementEnd

-- A write that sets the version itself is left as it is; any other raises it.
-- +goose StatementBegin
CREATE TRIGGER people_version AFTER UPDATE ON people WHEN NEW.version = OLD.version
BEGIN
    UPDATE people SET version = version + 1 WHERE id = NEW.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER conferences_version AFTER UPDATE ON conferences WHEN NEW.version = OLD.version
BEGIN
    UPDATE conferences SET version = version + 1 WHERE id = NEW.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER campaigns_version AFTER UPDATE ON campaigns WHEN NEW.version = OLD.version
BEGIN
    UPDATE campaigns SET version = version + 1 WHERE id = NEW.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER campaign_audiences_version_insert AFTER INSERT ON campaign_audiences
BEGIN
    UPDATE campaigns SET version = version + 1 WHERE id = NEW.campaign_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER campaign_audiences_version_update AFTER UPDATE ON campaign_audiences
BEGIN
    UPDATE campaigns SET version = version + 1 WHERE id IN (OLD.campaign_id, NEW.campaign_id);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER campaign_audiences_version_delete AFTER DELETE ON campaign_audiences
BEGIN
    UPDATE campaigns SET version = version + 1 WHERE id = OLD.campaign_id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER campaign_audiences_version_delete;
DROP TRIGGER campaign_audiences_version_update;
DROP TRIGGER campaign_audiences_version_insert;
DROP TRIGGER campaigns_version;
DROP TRIGGER conferences_version;
DROP TRIGGER people_version;
DROP TRIGGER grants_version_delete;
DROP TRIGGER grants_version_update;
DROP TRIGGER grants_version_insert;
ALTER TABLE campaigns DROP COLUMN version;
ALTER TABLE conferences DROP COLUMN version;
ALTER TABLE people DROP COLUMN version;
ALTER TABLE users DROP COLUMN grants_version;
