-- +goose Up
-- Every committee numbers its own documents: two Quận ủy each issue an 08-CTr/QU. A local
-- issuer (doc_issuers.local: every committee of a rank writes the code) names the unit of
-- the tree that issued the document, issuing_unit_id; a central or State body (TW, VPTW,
-- QH14, NĐ-CP) is told by the symbol and leaves it NULL. series is where the numbering
-- restarts: the term of a Party document, the year of a State one ('' when unknown). A
-- symbol is unique per issuing unit (or none) and series: documents_symbol.
ALTER TABLE doc_issuers ADD COLUMN local BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE doc_issuers SET local = TRUE
WHERE (kind = 'party' AND code IN ('TU', 'QU', 'HU', 'TXU', 'ĐU', 'ĐUK', 'CB', 'BTGTU', 'BTGQU', 'BTGHU', 'BTGDVTU',
        'VPTU', 'BTCTU', 'BDVTU', 'UBKTTU'))
   OR (kind = 'state' AND code IN ('HĐND', 'UBND'));

ALTER TABLE documents ADD COLUMN issuing_unit_id BIGINT REFERENCES units (id);
ALTER TABLE documents ADD COLUMN series TEXT NOT NULL DEFAULT '';

-- A document registered before names no issuing unit: the unit that registered it may have
-- registered another's (a ward the city's 12-KH/TU). Migrate then takes for a local
-- issuer's the nearest unit above of the issuer's kinds (resolveIssuingUnits). A State
-- symbol is one whose number is followed by '/'.
UPDATE documents c SET
    series = CASE WHEN SUBSTR(c.symbol, LENGTH(c.number) + 1, 1) = '/' THEN COALESCE(CAST(c.year AS TEXT), '') ELSE c.term END;

ALTER TABLE documents DROP CONSTRAINT documents_symbol_key_key;
CREATE UNIQUE INDEX documents_symbol ON documents (COALESCE(issuing_unit_id, 0), series, symbol_key);
CREATE INDEX documents_symbol_key ON documents (symbol_key);
CREATE INDEX documents_issuing_unit ON documents (issuing_unit_id);
