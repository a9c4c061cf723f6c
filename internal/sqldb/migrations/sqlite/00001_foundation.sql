-- +goose Up
CREATE TABLE unit_kinds (
    code       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    name_en    TEXT NOT NULL DEFAULT '',
    grp        TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    builtin    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES units (id),
    path        TEXT NOT NULL UNIQUE,
    code        TEXT NOT NULL,
    code_folded TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    kind        TEXT NOT NULL REFERENCES unit_kinds (code),
    sort_order  INTEGER NOT NULL DEFAULT 0,
    closed_at   TIMESTAMP,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX units_parent ON units (parent_id, sort_order);

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    full_name   TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    sort_key    BLOB NOT NULL,
    birth_year  INTEGER,
    birth_date  TEXT,
    gender      TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL,
    position    TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    party_card  TEXT UNIQUE,
    status      TEXT NOT NULL,
    status_date TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX people_unit ON people (unit_id, category);
CREATE INDEX people_sort ON people (sort_key);

CREATE TABLE person_status_history (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    status      TEXT NOT NULL,
    on_date     TEXT NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    recorded_by INTEGER
);
CREATE INDEX person_status_history_person ON person_status_history (person_id, on_date);

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    login                TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    password_hash        TEXT NOT NULL,
    person_id            INTEGER REFERENCES people (id),
    must_change_password INTEGER NOT NULL DEFAULT 0,
    disabled_at          TIMESTAMP,
    last_login_at        TIMESTAMP,
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL
);

CREATE TABLE grants (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    role       TEXT NOT NULL,
    unit_id    INTEGER REFERENCES units (id),
    created_at TIMESTAMP NOT NULL,
    created_by INTEGER
);
CREATE UNIQUE INDEX grants_unique ON grants (user_id, role, COALESCE(unit_id, 0));
CREATE INDEX grants_unit ON grants (unit_id);

CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    kind         TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    address      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE uploads (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    kind       TEXT NOT NULL,
    filename   TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    content    BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      TIMESTAMP NOT NULL,
    user_id INTEGER,
    login   TEXT NOT NULL DEFAULT '',
    action  TEXT NOT NULL,
    object  TEXT NOT NULL DEFAULT '',
    unit_id INTEGER,
    outcome TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    detail  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_unit ON audit_log (unit_id, at);
CREATE INDEX audit_log_object ON audit_log (action, object, at);
CREATE INDEX audit_log_address ON audit_log (action, address, at);

-- The audit log is append-only: the application cannot change or delete a record.
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
