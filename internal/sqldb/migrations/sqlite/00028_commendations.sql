-- +goose Up
-- The commendations, exemplary models and creative works of the emulation movements (issue 11;
-- the root's Commendations, ExemplaryModels and CreativeWorks), in the table convention of the
-- record store.
CREATE TABLE commendations (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    holder       TEXT NOT NULL,
    recipient    TEXT NOT NULL,
    form         TEXT NOT NULL,
    level        TEXT NOT NULL,
    decision     TEXT NOT NULL,
    decision_day TEXT NOT NULL,
    reason       TEXT NOT NULL,
    search       TEXT NOT NULL,
    version      INTEGER NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    created_by   INTEGER REFERENCES users (id),
    updated_at   TIMESTAMP NOT NULL,
    updated_by   INTEGER REFERENCES users (id),
    deleted_at   TIMESTAMP,
    deleted_by   INTEGER REFERENCES users (id)
);
CREATE INDEX commendations_unit ON commendations (unit_id, decision_day);
CREATE INDEX commendations_day ON commendations (decision_day);

CREATE TABLE exemplary_models (
    id                INTEGER PRIMARY KEY,
    unit_id           INTEGER NOT NULL REFERENCES units (id),
    name              TEXT NOT NULL,
    holder            TEXT NOT NULL,
    field             TEXT NOT NULL,
    description       TEXT NOT NULL,
    recognised_day    TEXT NOT NULL,
    replicated_in     TEXT NOT NULL,
    replicating_units INTEGER NOT NULL,
    search            TEXT NOT NULL,
    version           INTEGER NOT NULL,
    created_at        TIMESTAMP NOT NULL,
    created_by        INTEGER REFERENCES users (id),
    updated_at        TIMESTAMP NOT NULL,
    updated_by        INTEGER REFERENCES users (id),
    deleted_at        TIMESTAMP,
    deleted_by        INTEGER REFERENCES users (id)
);
CREATE INDEX exemplary_models_unit ON exemplary_models (unit_id, recognised_day);
CREATE INDEX exemplary_models_day ON exemplary_models (recognised_day);

CREATE TABLE creative_works (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES units (id),
    title      TEXT NOT NULL,
    author     TEXT NOT NULL,
    genre      TEXT NOT NULL,
    movement   TEXT NOT NULL,
    day        TEXT NOT NULL,
    award      TEXT NOT NULL,
    search     TEXT NOT NULL,
    version    INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    created_by INTEGER REFERENCES users (id),
    updated_at TIMESTAMP NOT NULL,
    updated_by INTEGER REFERENCES users (id),
    deleted_at TIMESTAMP,
    deleted_by INTEGER REFERENCES users (id)
);
CREATE INDEX creative_works_unit ON creative_works (unit_id, day);
CREATE INDEX creative_works_day ON creative_works (day);

-- +goose Down
DROP TABLE creative_works;
DROP TABLE exemplary_models;
DROP TABLE commendations;
