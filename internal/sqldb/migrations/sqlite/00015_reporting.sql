-- +goose Up
-- Reporting from the units (issue 8): the reported indicators a system administrator
-- defines, the data sets that say which kinds of unit report them for which kind of period
-- and by when, the forms of each unit and period, and every value entered in them.
CREATE TABLE reported_indicators (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    name_en     TEXT NOT NULL DEFAULT '',
    measure     TEXT NOT NULL,
    measure_en  TEXT NOT NULL DEFAULT '',
    grp         TEXT NOT NULL DEFAULT '',
    aggregation TEXT NOT NULL CHECK (aggregation IN ('sum', 'ratio')),
    stock       BOOLEAN NOT NULL DEFAULT FALSE,
    base        TEXT NOT NULL DEFAULT '',
    base_en     TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

-- indicators, computed and unit_kinds hold codes, one a line, in order.
CREATE TABLE data_sets (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    indicators    TEXT NOT NULL,
    computed      TEXT NOT NULL DEFAULT '',
    unit_kinds    TEXT NOT NULL,
    period_kind   TEXT NOT NULL,
    deadline_days INTEGER NOT NULL CHECK (deadline_days >= 0),
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

-- A form of a unit for a period (its code, ParsePeriod) exists once a value was entered in
-- it or it was reopened. reported_at is when its last missing value came, and late whether
-- that was after the deadline; reopened_until the last day a reopening lets it take values.
CREATE TABLE report_forms (
    id             INTEGER PRIMARY KEY,
    data_set_id    INTEGER NOT NULL REFERENCES data_sets (id),
    unit_id        INTEGER NOT NULL REFERENCES units (id),
    period         TEXT NOT NULL,
    reported_at    TIMESTAMP,
    late           BOOLEAN NOT NULL DEFAULT FALSE,
    reopened_until TEXT,
    reopened_by    INTEGER,
    reopened_at    TIMESTAMP
);
CREATE UNIQUE INDEX report_forms_unit ON report_forms (data_set_id, unit_id, period);

-- Every value ever entered: a change adds a row and marks the one it replaces (replaced_at),
-- so nothing entered is lost. The current values have replaced_at NULL.
CREATE TABLE reported_values (
    id          INTEGER PRIMARY KEY,
    form_id     INTEGER NOT NULL REFERENCES report_forms (id),
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    indicator   TEXT NOT NULL REFERENCES reported_indicators (code),
    period_from TEXT NOT NULL,
    period_to   TEXT NOT NULL,
    num         INTEGER NOT NULL,
    den         INTEGER NOT NULL DEFAULT 0,
    entered_by  INTEGER,
    on_behalf   BOOLEAN NOT NULL DEFAULT FALSE,
    late        BOOLEAN NOT NULL DEFAULT FALSE,
    entered_at  TIMESTAMP NOT NULL,
    replaced_at TIMESTAMP
);
CREATE UNIQUE INDEX reported_values_current ON reported_values (form_id, indicator) WHERE replaced_at IS NULL;
CREATE INDEX reported_values_unit ON reported_values (unit_id, indicator, period_from) WHERE replaced_at IS NULL;

-- +goose Down
DROP TABLE reported_values;
DROP TABLE report_forms;
DROP TABLE data_sets;
DROP TABLE reported_indicators;
