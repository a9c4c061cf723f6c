-- +goose Up
-- The works and tasks in honour of congresses and anniversaries (issue 11; the root's
-- CongressWorks), in the table convention of the record store; value is in đồng, exact.
CREATE TABLE congress_works (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES units (id),
    name       TEXT NOT NULL,
    occasion   TEXT NOT NULL,
    category   TEXT NOT NULL,
    day        TEXT NOT NULL,
    value      INTEGER NOT NULL,
    funding    TEXT NOT NULL,
    status     TEXT NOT NULL,
    search     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by INTEGER REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL,
    updated_by INTEGER REFERENCES users (id),
    deleted_at TIMESTAMP,
    deleted_by INTEGER REFERENCES users (id)
);
CREATE INDEX congress_works_unit ON congress_works (unit_id, day);
CREATE INDEX congress_works_day ON congress_works (day);

-- +goose Down
DROP TABLE congress_works;
