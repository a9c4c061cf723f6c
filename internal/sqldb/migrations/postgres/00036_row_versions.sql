-- +goose Up
-- Versions of the rows that every request or check-in reads, raised by triggers whatever
-- writes them, so that each app node keeps them in memory and checks them with one read by
-- primary key (cache.go): an account's grants (users.grants_version), a person, a conference
-- and a campaign with its audiences. The rows are never deleted, so an id is never reused
-- with a version a node still holds. A constant default adds the columns without rewriting
-- the tables (5,3 million people at national scale).
ALTER TABLE users ADD COLUMN grants_version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE people ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE conferences ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE campaigns ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- +goose StatementBegin
CREATE FUNCTION row_version_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER people_version BEFORE UPDATE ON people FOR EACH ROW EXECUTE FUNCTION row_version_raise();
CREATE TRIGGER conferences_version BEFORE UPDATE ON conferences FOR EACH ROW EXECUTE FUNCTION row_version_raise();
CREATE TRIGGER campaigns_version BEFORE UPDATE ON campaigns FOR EACH ROW EXECUTE FUNCTION row_version_raise();

-- A write to a row of a child table raises the version of the row of its parent: the
-- arguments name the parent table, its version column and the child's column that refers to it.
-- +goose StatementBegin
CREATE FUNCTION parent_version_raise() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    raise text := format('UPDATE %I SET %I = %I + 1 WHERE id = $1', TG_ARGV[0], TG_ARGV[1], TG_ARGV[1]);
BEGIN
    IF TG_OP <> 'INSERT' THEN
        EXECUTE raise USING (to_jsonb(OLD) ->> TG_ARGV[2])::bigint;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        EXECUTE raise USING (to_jsonb(NEW) ->> TG_ARGV[2])::bigint;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER grants_version AFTER INSERT OR UPDATE OR DELETE ON grants
    FOR EACH ROW EXECUTE FUNCTION parent_version_raise('users', 'grants_version', 'user_id');
CREATE TRIGGER campaign_audiences_version AFTER INSERT OR UPDATE OR DELETE ON campaign_audiences
    FOR EACH ROW EXECUTE FUNCTION parent_version_raise('campaigns', 'version', 'campaign_id');

-- +goose Down
DROP TRIGGER campaign_audiences_version ON campaign_audiences;
DROP TRIGGER grants_version ON grants;
DROP FUNCTION parent_version_raise();
DROP TRIGGER campaigns_version ON campaigns;
DROP TRIGGER conferences_version ON conferences;
DROP TRIGGER people_version ON people;
DROP FUNCTION row_version_raise();
ALTER TABLE campaigns DROP COLUMN version;
ALTER TABLE conferences DROP COLUMN version;
ALTER TABLE people DROP COLUMN version;
ALTER TABLE users DROP COLUMN grants_version;
