-- +goose Up
-- The meetings and conferences outside the study campaigns (issue 11; the root's Meetings), in
-- the table convention of the record store.
CREATE TABLE meetings (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES units (id),
    day           TEXT NOT NULL,
    kind          TEXT NOT NULL,
    form          TEXT NOT NULL,
    subject       TEXT NOT NULL,
    document      TEXT NOT NULL,
    hosted        BOOLEAN NOT NULL,
    bridge_points INTEGER NOT NULL,
    participants  INTEGER NOT NULL,
    search        TEXT NOT NULL,
    version       INTEGER NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    created_by    INTEGER REFERENCES users (id),
    updated_at    TIMESTAMP NOT NULL,
    updated_by    INTEGER REFERENCES users (id),
    deleted_at    TIMESTAMP,
    deleted_by    INTEGER REFERENCES users (id)
);
CREATE INDEX meetings_unit ON meetings (unit_id, day);
CREATE INDEX meetings_day ON meetings (day);

-- +goose Down
DROP TABLE meetings;
