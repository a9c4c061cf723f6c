-- +goose Up
-- The outreach sessions of lecturers, propagandists and collaborators (issue 11; the root's
-- OutreachSessions), in the table convention of the record store: the declared fields as
-- columns, in order, with the listeners by audience.
CREATE TABLE outreach_sessions (
    id                  INTEGER PRIMARY KEY,
    unit_id             INTEGER NOT NULL REFERENCES units (id),
    day                 TEXT NOT NULL,
    topic               TEXT NOT NULL,
    document            TEXT NOT NULL,
    speaker             TEXT NOT NULL,
    speaker_role        TEXT NOT NULL,
    form                TEXT NOT NULL,
    place               TEXT NOT NULL,
    listeners           INTEGER NOT NULL,
    listeners_key_cadre INTEGER NOT NULL,
    listeners_member    INTEGER NOT NULL,
    listeners_probation INTEGER NOT NULL,
    listeners_union     INTEGER NOT NULL,
    listeners_masses    INTEGER NOT NULL,
    search              TEXT NOT NULL,
    version             INTEGER NOT NULL,
    created_at          TIMESTAMP NOT NULL,
    created_by          INTEGER REFERENCES users (id),
    updated_at          TIMESTAMP NOT NULL,
    updated_by          INTEGER REFERENCES users (id),
    deleted_at          TIMESTAMP,
    deleted_by          INTEGER REFERENCES users (id)
);
CREATE INDEX outreach_sessions_unit ON outreach_sessions (unit_id, day);
CREATE INDEX outreach_sessions_day ON outreach_sessions (day);

-- +goose Down
DROP TABLE outreach_sessions;
