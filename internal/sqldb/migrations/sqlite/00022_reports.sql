-- +goose Up
-- The six-month and annual reports (issue 10). A template is a document: its subject,
-- sections and signing part are one JSON text (body), as a report's are. A report keeps its
-- current state in reports and every state it was saved in, from version 1, in
-- report_versions; nothing saved is overwritten.
CREATE TABLE report_templates (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    period_kind TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    updated_by  INTEGER REFERENCES users (id)
);

-- figures holds the ReportFigures as counted at their cut-off. number is the symbol of a
-- final report, unique among the final reports of its unit; a draft has none.
CREATE TABLE reports (
    id           INTEGER PRIMARY KEY,
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    template_id  INTEGER NOT NULL REFERENCES report_templates (id),
    period_kind  TEXT NOT NULL,
    period_from  TEXT NOT NULL,
    period_to    TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('draft', 'final')),
    version      INTEGER NOT NULL CHECK (version >= 1),
    number       TEXT,
    signed_on    TEXT,
    body         TEXT NOT NULL,
    figures      TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    created_by   INTEGER REFERENCES users (id),
    updated_at   TIMESTAMP NOT NULL,
    updated_by   INTEGER REFERENCES users (id),
    finalised_at TIMESTAMP,
    finalised_by INTEGER REFERENCES users (id),
    submitted_at TIMESTAMP,
    submitted_by INTEGER REFERENCES users (id),
    CHECK (status = 'draft' OR number IS NOT NULL AND signed_on IS NOT NULL)
);
CREATE UNIQUE INDEX reports_number ON reports (unit_id, number) WHERE status = 'final';
CREATE INDEX reports_unit ON reports (unit_id, period_to);
CREATE INDEX reports_template ON reports (template_id, period_from, period_to);

-- Every saved state of a report. figures is NULL where the state kept the figures of the
-- version before (an edit, finalising, submitting), so that the figures are stored once per
-- count rather than at every save.
CREATE TABLE report_versions (
    report_id INTEGER NOT NULL REFERENCES reports (id),
    version   INTEGER NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('create', 'edit', 'refresh', 'finalise', 'submit')),
    status    TEXT NOT NULL CHECK (status IN ('draft', 'final')),
    number    TEXT,
    signed_on TEXT,
    body      TEXT NOT NULL,
    figures   TEXT,
    saved_by  INTEGER REFERENCES users (id),
    saved_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (report_id, version)
);

-- The accounts a unit names to sign its reports; none: its unit administrators sign.
CREATE TABLE report_signers (
    unit_id INTEGER NOT NULL REFERENCES units (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (unit_id, user_id)
);

-- +goose Down
DROP TABLE report_signers;
DROP TABLE report_versions;
DROP TABLE reports;
DROP TABLE report_templates;
