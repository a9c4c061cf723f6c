-- +goose Up
-- The inspection and supervision visits and their follow-up (issue 11; the root's
-- Inspections), in the table convention of the record store. A visit is put in a period by
-- its first day.
CREATE TABLE inspections (
    id              INTEGER PRIMARY KEY,
    unit_id         INTEGER NOT NULL REFERENCES units (id),
    kind            TEXT NOT NULL,
    from_day        TEXT NOT NULL,
    subject         TEXT NOT NULL,
    document        TEXT NOT NULL,
    units_inspected INTEGER NOT NULL,
    unit_names      TEXT NOT NULL,
    findings        TEXT NOT NULL,
    conclusions     TEXT NOT NULL,
    recommendations TEXT NOT NULL,
    follow_up       TEXT NOT NULL,
    closed_day      TEXT NOT NULL,
    search          TEXT NOT NULL,
    version         INTEGER NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    created_by      INTEGER REFERENCES users (id),
    updated_at      TIMESTAMP NOT NULL,
    updated_by      INTEGER REFERENCES users (id),
    deleted_at      TIMESTAMP,
    deleted_by      INTEGER REFERENCES users (id)
);
CREATE INDEX inspections_unit ON inspections (unit_id, from_day);
CREATE INDEX inspections_day ON inspections (from_day);

-- +goose Down
DROP TABLE inspections;
