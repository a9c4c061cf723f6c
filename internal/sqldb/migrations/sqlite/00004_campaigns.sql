-- +goose Up
-- A study campaign: the documents it studies, its audiences with their targets (target is in
-- tenths of a percent: 974 for 97,4%), and the units that must organise it. search holds the
-- folded words of the title and of the documents' symbols, as documents.search does.
CREATE TABLE campaigns (
    id             INTEGER PRIMARY KEY,
    unit_id        INTEGER NOT NULL REFERENCES units (id),
    title          TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    search         TEXT NOT NULL,
    start_on       TEXT NOT NULL,
    end_on         TEXT NOT NULL,
    essay_due      TEXT,
    essay_criteria TEXT NOT NULL DEFAULT '[]',
    essay_levels   TEXT NOT NULL DEFAULT '[]',
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX campaigns_unit ON campaigns (unit_id, start_on);
CREATE INDEX campaigns_start ON campaigns (start_on, id);

CREATE TABLE campaign_documents (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    document_id INTEGER NOT NULL REFERENCES documents (id),
    PRIMARY KEY (campaign_id, document_id)
);
CREATE INDEX campaign_documents_document ON campaign_documents (document_id);

CREATE TABLE campaign_audiences (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    category    TEXT NOT NULL,
    headcount   INTEGER NOT NULL DEFAULT 0,
    target      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, category)
);

CREATE TABLE campaign_units (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    PRIMARY KEY (campaign_id, unit_id)
);

-- secret signs the QR check-in code of the conference, with its time window.
CREATE TABLE conferences (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    title       TEXT NOT NULL,
    starts_at   TIMESTAMP NOT NULL,
    ends_at     TIMESTAMP NOT NULL,
    form        TEXT NOT NULL,
    materials   TEXT NOT NULL DEFAULT '',
    secret      TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX conferences_campaign ON conferences (campaign_id, starts_at);
CREATE INDEX conferences_unit ON conferences (unit_id, starts_at);

CREATE TABLE conference_presenters (
    conference_id INTEGER NOT NULL REFERENCES conferences (id),
    person_id     INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (conference_id, person_id)
);

CREATE TABLE bridge_points (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conferences (id),
    unit_id       INTEGER NOT NULL REFERENCES units (id),
    place         TEXT NOT NULL DEFAULT '',
    UNIQUE (conference_id, unit_id)
);
CREATE INDEX bridge_points_unit ON bridge_points (unit_id);

CREATE TABLE bridge_point_counts (
    bridge_point_id INTEGER NOT NULL REFERENCES bridge_points (id),
    category        TEXT NOT NULL,
    expected        INTEGER NOT NULL DEFAULT 0,
    counted         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (bridge_point_id, category)
);

-- One record per person and conference, the constraint that makes a second check-in a
-- conflict. unit_id and category are the person's when recorded.
CREATE TABLE attendance (
    conference_id INTEGER NOT NULL REFERENCES conferences (id),
    person_id     INTEGER NOT NULL REFERENCES people (id),
    campaign_id   INTEGER NOT NULL REFERENCES campaigns (id),
    unit_id       INTEGER NOT NULL REFERENCES units (id),
    category      TEXT NOT NULL,
    method        TEXT NOT NULL,
    recorded_by   INTEGER,
    recorded_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (conference_id, person_id)
);
CREATE INDEX attendance_campaign_person ON attendance (campaign_id, person_id);

-- The distinct attendees of a campaign, one row per person however many sessions they
-- attended, kept with attendance in the same transaction: participation is one plain
-- GROUP BY over it.
CREATE TABLE campaign_attendees (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
    person_id   INTEGER NOT NULL REFERENCES people (id),
    unit_id     INTEGER NOT NULL REFERENCES units (id),
    category    TEXT NOT NULL,
    first_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (campaign_id, person_id)
);
CREATE INDEX campaign_attendees_unit ON campaign_attendees (campaign_id, unit_id, category);

-- A member's reflection essay for a campaign: one per person and campaign.
CREATE TABLE essays (
    id           INTEGER PRIMARY KEY,
    campaign_id  INTEGER NOT NULL REFERENCES campaigns (id),
    person_id    INTEGER NOT NULL REFERENCES people (id),
    unit_id      INTEGER NOT NULL REFERENCES units (id),
    text         TEXT NOT NULL DEFAULT '',
    file_name    TEXT NOT NULL DEFAULT '',
    file_type    TEXT NOT NULL DEFAULT '',
    file_size    INTEGER NOT NULL DEFAULT 0,
    file_sha256  TEXT NOT NULL DEFAULT '',
    file_content BLOB,
    status       TEXT NOT NULL,
    level        TEXT NOT NULL DEFAULT '',
    scores       TEXT NOT NULL DEFAULT '[]',
    comment      TEXT NOT NULL DEFAULT '',
    reviewer_id  INTEGER REFERENCES users (id),
    revision     INTEGER NOT NULL DEFAULT 1,
    submitted_at TIMESTAMP NOT NULL,
    reviewed_at  TIMESTAMP,
    UNIQUE (campaign_id, person_id)
);
CREATE INDEX essays_unit ON essays (campaign_id, unit_id, status, level);
