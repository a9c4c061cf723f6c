-- +goose Up
-- Every committee numbers its own documents: two Quận ủy each issue an 08-CTr/QU. A local
-- issuer (doc_issuers.local: every committee of a rank writes the code) names the unit of
-- the tree that issued the document, issuing_unit_id; a central or State body (TW, VPTW,
-- QH14, NĐ-CP) is told by the symbol and leaves it NULL. series is where the numbering
-- restarts: the term of a Party document, the year of a State one ('' when unknown). A
-- symbol is unique per issuing unit (or none) and series: documents_symbol.
--
-- SQLite cannot drop the UNIQUE of documents.symbol_key, so the table is built again. The
-- old table is dropped with its rows still referenced (fields, relations, files, campaigns):
-- defer_foreign_keys lets the check wait until the same rows are back, under the same ids.
PRAGMA defer_foreign_keys = ON;

ALTER TABLE doc_issuers ADD COLUMN local INTEGER NOT NULL DEFAULT 0;
UPDATE doc_issuers SET local = 1
WHERE (kind = 'party' AND code IN ('TU', 'QU', 'HU', 'TXU', 'ĐU', 'ĐUK', 'CB', 'BTGTU', 'BTGQU', 'BTGHU', 'BTGDVTU',
        'VPTU', 'BTCTU', 'BDVTU', 'UBKTTU'))
   OR (kind = 'state' AND code IN ('HĐND', 'UBND'));

CREATE TABLE documents_copy AS SELECT * FROM documents;
DROP TABLE documents;

CREATE TABLE documents (
    id              INTEGER PRIMARY KEY,
    symbol          TEXT NOT NULL,
    symbol_key      TEXT NOT NULL,
    number          TEXT NOT NULL,
    type            TEXT NOT NULL DEFAULT '',
    issuer          TEXT NOT NULL,
    year            INTEGER,
    issued_on       TEXT,
    term            TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL DEFAULT '',
    search          TEXT NOT NULL,
    unit_id         INTEGER NOT NULL REFERENCES units (id),
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    issuing_unit_id INTEGER REFERENCES units (id),
    series          TEXT NOT NULL DEFAULT ''
);

-- A document registered before names no issuing unit: the unit that registered it may have
-- registered another's (a ward the city's 12-KH/TU). Migrate then takes for a local
-- issuer's the nearest unit above of the issuer's kinds (resolveIssuingUnits). A State
-- symbol is one whose number is followed by '/'.
INSERT INTO documents (id, symbol, symbol_key, number, type, issuer, year, issued_on, term, title, summary, search,
    unit_id, created_at, updated_at, issuing_unit_id, series)
SELECT c.id, c.symbol, c.symbol_key, c.number, c.type, c.issuer, c.year, c.issued_on, c.term, c.title, c.summary, c.search,
    c.unit_id, c.created_at, c.updated_at, NULL,
    CASE WHEN SUBSTR(c.symbol, LENGTH(c.number) + 1, 1) = '/' THEN COALESCE(CAST(c.year AS TEXT), '') ELSE c.term END
FROM documents_copy c;
DROP TABLE documents_copy;

CREATE UNIQUE INDEX documents_symbol ON documents (COALESCE(issuing_unit_id, 0), series, symbol_key);
CREATE INDEX documents_symbol_key ON documents (symbol_key);
CREATE INDEX documents_issued ON documents (issued_on, id);
CREATE INDEX documents_type ON documents (type, issuer);
CREATE INDEX documents_unit ON documents (unit_id);
CREATE INDEX documents_issuing_unit ON documents (issuing_unit_id);
