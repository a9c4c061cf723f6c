-- +goose Up
-- The vocabulary that document symbols are read against (vn.Vocabulary): the built-in
-- entries are added by the service, an administrator's are kept. A State type without a code
-- (Luật, Pháp lệnh) is known by its folded name, name_key; a coded entry has name_key ''.
CREATE TABLE doc_types (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    code        TEXT NOT NULL,
    name_key    TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL,
    other_names TEXT NOT NULL DEFAULT '',
    sort_order  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (kind, code, name_key)
);

CREATE TABLE doc_issuers (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    other_names TEXT NOT NULL DEFAULT '',
    term        INTEGER NOT NULL DEFAULT 0,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (kind, code)
);

-- symbol_key is vn.Symbol.Key: 05-CT/TW and 5-CT/TW are one directive. search holds the
-- folded words of the symbol's parts, the names of its type and issuer, the title and the
-- summary, between single spaces and with one at each end, so that a word is found by
-- LIKE '% word%'.
CREATE TABLE documents (
    id         INTEGER PRIMARY KEY,
    symbol     TEXT NOT NULL,
    symbol_key TEXT NOT NULL UNIQUE,
    number     TEXT NOT NULL,
    type       TEXT NOT NULL DEFAULT '',
    issuer     TEXT NOT NULL,
    year       INTEGER,
    issued_on  TEXT,
    term       TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    search     TEXT NOT NULL,
    unit_id    INTEGER NOT NULL REFERENCES units (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX documents_issued ON documents (issued_on, id);
CREATE INDEX documents_type ON documents (type, issuer);
CREATE INDEX documents_unit ON documents (unit_id);

CREATE TABLE document_fields (
    document_id INTEGER NOT NULL REFERENCES documents (id),
    field       TEXT NOT NULL,
    PRIMARY KEY (document_id, field)
);
CREATE INDEX document_fields_field ON document_fields (field, document_id);

-- from_id <kind> to_id: 12-CTr/TU updates 02-CTr/TU.
CREATE TABLE document_relations (
    from_id INTEGER NOT NULL REFERENCES documents (id),
    to_id   INTEGER NOT NULL REFERENCES documents (id),
    kind    TEXT NOT NULL,
    PRIMARY KEY (from_id, to_id, kind),
    CHECK (from_id <> to_id)
);
CREATE INDEX document_relations_to ON document_relations (to_id);

CREATE TABLE document_files (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents (id),
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    content      BLOB NOT NULL,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX document_files_document ON document_files (document_id);
