-- +goose Up
-- The roster of lecturers and propagandists (issue 11; the root's Lecturers), in the table
-- convention of the record store; person names a person of the register (0: none).
CREATE TABLE lecturers (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES units (id),
    full_name     TEXT NOT NULL,
    person        INTEGER NOT NULL,
    role          TEXT NOT NULL,
    position      TEXT NOT NULL,
    expertise     TEXT NOT NULL,
    theory        TEXT NOT NULL,
    trained       BOOLEAN NOT NULL,
    decision      TEXT NOT NULL,
    from_day      TEXT NOT NULL,
    until_day     TEXT NOT NULL,
    search        TEXT NOT NULL,
    version       INTEGER NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    created_by    INTEGER REFERENCES users (id),
    updated_at    TIMESTAMP NOT NULL,
    updated_by    INTEGER REFERENCES users (id),
    deleted_at    TIMESTAMP,
    deleted_by    INTEGER REFERENCES users (id)
);
CREATE INDEX lecturers_unit ON lecturers (unit_id, from_day);
CREATE INDEX lecturers_day ON lecturers (from_day);
CREATE INDEX lecturers_person ON lecturers (person) WHERE person <> 0;

-- +goose Down
DROP TABLE lecturers;
