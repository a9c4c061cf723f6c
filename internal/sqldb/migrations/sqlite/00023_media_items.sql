-- +goose Up
-- The unit's own media output (issue 11), the first declared kind of record
-- (tuyengiao.MediaItems), its table by the convention of every kind's (internal/sqldb
-- record.go): the declared fields as columns of their types, the folded text to search, an
-- optimistic version, who made and changed it, and a soft delete. The store raises the
-- "records" figure version itself in every write, so that a new kind needs no trigger.
INSERT INTO figure_versions (source, version) VALUES ('records', 1);

CREATE TABLE media_items (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES units (id),
    day        TEXT NOT NULL,
    channel    TEXT NOT NULL,
    form       TEXT NOT NULL,
    title      TEXT NOT NULL,
    quantity   INTEGER NOT NULL,
    outlet     TEXT NOT NULL,
    link       TEXT NOT NULL,
    search     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by INTEGER REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL,
    updated_by INTEGER REFERENCES users (id),
    deleted_at TIMESTAMP,
    deleted_by INTEGER REFERENCES users (id)
);
CREATE INDEX media_items_unit ON media_items (unit_id, day);
CREATE INDEX media_items_day ON media_items (day);

-- +goose Down
DROP TABLE media_items;
DELETE FROM figure_versions WHERE source = 'records';
