-- +goose Up
-- Public online quiz contests (issue 13; the root's Contest). draw and prizes are JSON,
-- ranking a comma list of rank keys. Constraints, not code, keep a contestant to one
-- registration per phone, one open attempt, and the round's attempt limit (allowed is the
-- contest's limit when the attempt was made: number runs from 1 to it, once each).
CREATE TABLE contests (
    id                 INTEGER PRIMARY KEY,
    unit_id            INTEGER NOT NULL REFERENCES units (id),
    title              TEXT NOT NULL,
    rules              TEXT NOT NULL,
    consent            TEXT NOT NULL,
    retention_days     INTEGER NOT NULL,
    draw               TEXT NOT NULL,
    time_limit         INTEGER NOT NULL,
    attempts_per_round INTEGER NOT NULL,
    counts             TEXT NOT NULL,
    show_answers       TEXT NOT NULL,
    prediction         TEXT NOT NULL,
    prediction_text    TEXT NOT NULL,
    ranking            TEXT NOT NULL,
    prizes             TEXT NOT NULL,
    unit_prize         TEXT NOT NULL,
    unit_prizes        INTEGER NOT NULL,
    purged_at          TIMESTAMP,
    created_at         TIMESTAMP NOT NULL,
    created_by         INTEGER REFERENCES users (id),
    updated_at         TIMESTAMP NOT NULL,
    updated_by         INTEGER REFERENCES users (id)
);
CREATE INDEX contests_unit ON contests (unit_id);

CREATE TABLE contest_rounds (
    id         INTEGER PRIMARY KEY,
    contest_id INTEGER NOT NULL REFERENCES contests (id),
    number     INTEGER NOT NULL,
    opens_at   TIMESTAMP NOT NULL,
    closes_at  TIMESTAMP NOT NULL,
    closed_at  TIMESTAMP,
    target     BIGINT NOT NULL,
    CHECK (closes_at > opens_at)
);
CREATE UNIQUE INDEX contest_rounds_number ON contest_rounds (contest_id, number);

CREATE TABLE contest_categories (
    id         INTEGER PRIMARY KEY,
    contest_id INTEGER NOT NULL REFERENCES contests (id),
    name       TEXT NOT NULL
);
CREATE UNIQUE INDEX contest_categories_name ON contest_categories (contest_id, name);

-- options is the JSON list of the options' texts; answer_key the bits of the right ones.
CREATE TABLE contest_questions (
    id          INTEGER PRIMARY KEY,
    contest_id  INTEGER NOT NULL REFERENCES contests (id),
    category_id INTEGER NOT NULL REFERENCES contest_categories (id),
    text        TEXT NOT NULL,
    options     TEXT NOT NULL,
    answer_key  INTEGER NOT NULL,
    multiple    BOOLEAN NOT NULL,
    explanation TEXT NOT NULL,
    document_id INTEGER REFERENCES documents (id),
    source      TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    created_by  INTEGER REFERENCES users (id),
    updated_at  TIMESTAMP NOT NULL,
    updated_by  INTEGER REFERENCES users (id)
);
CREATE INDEX contest_questions_category ON contest_questions (category_id);
CREATE INDEX contest_questions_contest ON contest_questions (contest_id, id);

-- A purged contestant keeps the row and its id, with the personal columns emptied.
-- client is the address (an IPv6 /64) the registration came from, for the list of
-- suspicious registrations; name_key the folded name.
CREATE TABLE contestants (
    id            INTEGER PRIMARY KEY,
    contest_id    INTEGER NOT NULL REFERENCES contests (id),
    full_name     TEXT NOT NULL,
    name_key      TEXT NOT NULL,
    birth_year    INTEGER NOT NULL,
    phone         TEXT NOT NULL,
    unit_id       INTEGER REFERENCES units (id),
    address       TEXT NOT NULL,
    pin_hash      TEXT NOT NULL,
    pin_failures  INTEGER NOT NULL,
    locked_until  TIMESTAMP,
    client        TEXT NOT NULL,
    registered_at TIMESTAMP NOT NULL,
    purged        BOOLEAN NOT NULL
);
CREATE UNIQUE INDEX contestants_phone ON contestants (contest_id, phone) WHERE phone <> '';
CREATE INDEX contestants_unit ON contestants (contest_id, unit_id);
CREATE INDEX contestants_client ON contestants (contest_id, client, registered_at);
CREATE INDEX contestants_name ON contestants (contest_id, name_key, birth_year);

-- questions lists the drawn question ids in the attempt's order; seed orders their options.
CREATE TABLE contest_attempts (
    id            INTEGER PRIMARY KEY,
    round_id      INTEGER NOT NULL REFERENCES contest_rounds (id),
    contestant_id INTEGER NOT NULL REFERENCES contestants (id),
    number        INTEGER NOT NULL,
    allowed       INTEGER NOT NULL,
    seed          BIGINT NOT NULL,
    questions     TEXT NOT NULL,
    started_at    TIMESTAMP NOT NULL,
    deadline      TIMESTAMP NOT NULL,
    submitted_at  TIMESTAMP,
    prediction    BIGINT NOT NULL,
    score         INTEGER NOT NULL,
    late          BOOLEAN NOT NULL,
    CHECK (number BETWEEN 1 AND allowed)
);
CREATE UNIQUE INDEX contest_attempts_number ON contest_attempts (round_id, contestant_id, number);
CREATE UNIQUE INDEX contest_attempts_open ON contest_attempts (contestant_id) WHERE submitted_at IS NULL;
CREATE INDEX contest_attempts_round ON contest_attempts (round_id, submitted_at);

-- choice is the bits of the options chosen, in the bank's order of the question's options.
CREATE TABLE contest_answers (
    attempt_id INTEGER NOT NULL REFERENCES contest_attempts (id),
    position   INTEGER NOT NULL,
    choice     INTEGER NOT NULL,
    saved_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (attempt_id, position)
);

-- The ranking of a closed round: its counted attempts, first place first.
CREATE TABLE contest_results (
    round_id         INTEGER NOT NULL REFERENCES contest_rounds (id),
    attempt_id       INTEGER NOT NULL REFERENCES contest_attempts (id),
    contestant_id    INTEGER NOT NULL REFERENCES contestants (id),
    place            INTEGER NOT NULL,
    position         INTEGER NOT NULL,
    score            INTEGER NOT NULL,
    prediction       BIGINT NOT NULL,
    prediction_error BIGINT NOT NULL,
    duration_ms      BIGINT NOT NULL,
    submitted_at     TIMESTAMP NOT NULL,
    prize            TEXT NOT NULL,
    PRIMARY KEY (round_id, position)
);
CREATE UNIQUE INDEX contest_results_attempt ON contest_results (attempt_id);

-- +goose Down
DROP TABLE contest_results;
DROP TABLE contest_answers;
DROP TABLE contest_attempts;
DROP TABLE contestants;
DROP TABLE contest_questions;
DROP TABLE contest_categories;
DROP TABLE contest_rounds;
DROP TABLE contests;
