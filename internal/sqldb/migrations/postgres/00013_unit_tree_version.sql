-- +goose Up
-- The version of the unit tree: any change to units raises it, whatever writes them, so that
-- every app node keeps the tree in memory and reads it again only when it has changed.
CREATE TABLE unit_tree_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO unit_tree_version (id, version) VALUES (1, 1);

-- +goose StatementBegin
CREATE FUNCTION unit_tree_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE unit_tree_version SET version = version + 1;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER unit_tree_version AFTER INSERT OR UPDATE OR DELETE ON units
    FOR EACH STATEMENT EXECUTE FUNCTION unit_tree_version_bump();

-- +goose Down
DROP TRIGGER unit_tree_version ON units;
DROP FUNCTION unit_tree_version_bump();
DROP TABLE unit_tree_version;
