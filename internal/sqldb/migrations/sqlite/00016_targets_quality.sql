-- +goose Up
-- Targets (chỉ tiêu kế hoạch) of an indicator for a unit and a period, by the code of the
-- period (2026, 2026-H1, 2026-Q3): a target matches that period alone. A ratio's target is
-- num/den. set_by is the login that set it.
CREATE TABLE targets (
    unit_id   INTEGER NOT NULL REFERENCES units (id),
    indicator TEXT NOT NULL,
    period    TEXT NOT NULL,
    num       INTEGER NOT NULL,
    den       INTEGER NOT NULL DEFAULT 0,
    set_by    TEXT NOT NULL,
    set_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (unit_id, indicator, period)
);

-- The validation rules a system administrator adds: left op right, each side indicator
-- codes joined by +, for every unit and period.
CREATE TABLE validation_rules (
    id         INTEGER PRIMARY KEY,
    left_side  TEXT NOT NULL,
    op         TEXT NOT NULL,
    right_side TEXT NOT NULL,
    message    TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- A value flagged as an outlier that a person has checked and found right: it holds for
-- that value alone.
CREATE TABLE outlier_confirmations (
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    indicator    TEXT NOT NULL,
    period       TEXT NOT NULL,
    value        INTEGER NOT NULL,
    comment      TEXT NOT NULL,
    confirmed_by TEXT NOT NULL,
    confirmed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (unit_id, indicator, period)
);

-- +goose Down
DROP TABLE outlier_confirmations;
DROP TABLE validation_rules;
DROP TABLE targets;
