-- +goose Up
-- The political theory and training classes and the thematic cell meetings (issue 11; the
-- root's TrainingClasses and CellMeetings), in the table convention of the record store. A
-- class is put in a period by its first day.
CREATE TABLE training_classes (
    id                 INTEGER PRIMARY KEY,
    unit_id            INTEGER NOT NULL REFERENCES units (id),
    from_day           TEXT NOT NULL,
    to_day             TEXT NOT NULL,
    name               TEXT NOT NULL,
    course             TEXT NOT NULL,
    place              TEXT NOT NULL,
    learners           INTEGER NOT NULL,
    learners_key_cadre INTEGER NOT NULL,
    learners_member    INTEGER NOT NULL,
    learners_probation INTEGER NOT NULL,
    learners_union     INTEGER NOT NULL,
    learners_masses    INTEGER NOT NULL,
    search             TEXT NOT NULL,
    version            INTEGER NOT NULL,
    created_at         TIMESTAMP NOT NULL,
    created_by         INTEGER REFERENCES users (id),
    updated_at         TIMESTAMP NOT NULL,
    updated_by         INTEGER REFERENCES users (id),
    deleted_at         TIMESTAMP,
    deleted_by         INTEGER REFERENCES users (id)
);
CREATE INDEX training_classes_unit ON training_classes (unit_id, from_day);
CREATE INDEX training_classes_day ON training_classes (from_day);

CREATE TABLE cell_meetings (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES units (id),
    day        TEXT NOT NULL,
    topic      TEXT NOT NULL,
    document   TEXT NOT NULL,
    attendees  INTEGER NOT NULL,
    search     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by INTEGER REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL,
    updated_by INTEGER REFERENCES users (id),
    deleted_at TIMESTAMP,
    deleted_by INTEGER REFERENCES users (id)
);
CREATE INDEX cell_meetings_unit ON cell_meetings (unit_id, day);
CREATE INDEX cell_meetings_day ON cell_meetings (day);

-- +goose Down
DROP TABLE cell_meetings;
DROP TABLE training_classes;
