-- +goose Up
-- The version of the unit tree: any change to units raises it, whatever writes them, so that
-- every app node keeps the tree in memory and reads it again only when it has changed.
CREATE TABLE unit_tree_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO unit_tree_version (id, version) VALUES (1, 1);

-- +goose StatementBegin
CREATE TRIGGER unit_tree_version_insert AFTER INSERT ON units
BEGIN
    UPDATE unit_tree_version SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER unit_tree_version_update AFTER UPDATE ON units
BEGIN
    UPDATE unit_tree_version SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER unit_tree_version_delete AFTER DELETE ON units
BEGIN
    UPDATE unit_tree_version SET version = version + 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER unit_tree_version_delete;
DROP TRIGGER unit_tree_version_update;
DROP TRIGGER unit_tree_version_insert;
DROP TABLE unit_tree_version;
