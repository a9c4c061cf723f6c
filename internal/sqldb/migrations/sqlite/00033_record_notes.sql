-- +goose Up
-- The dated notes on the records of every kind, each with an optional file as evidence
-- (issue 11: the work programme's progress notes and evidence files). A note names its
-- record by the kind's code and the record's id in the kind's table; its access follows
-- the record's unit. The file's columns are '' and 0 and its content NULL when there is none.
CREATE TABLE record_notes (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    record_id    INTEGER NOT NULL,
    day          TEXT NOT NULL,
    text         TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    file_type    TEXT NOT NULL,
    file_size    INTEGER NOT NULL,
    file_sha256  TEXT NOT NULL,
    file_content BLOB,
    created_at   TIMESTAMP NOT NULL,
    created_by   INTEGER REFERENCES users (id),
    deleted_at   TIMESTAMP,
    deleted_by   INTEGER REFERENCES users (id)
);
CREATE INDEX record_notes_record ON record_notes (kind, record_id, day);

-- +goose Down
DROP TABLE record_notes;
