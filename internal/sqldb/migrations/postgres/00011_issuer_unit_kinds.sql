-- +goose Up
-- The kinds of unit that issue under a local code (quan_uy for QU), one a line: a
-- document's issuing unit must be of one of them. NULL until Migrate fills in those of the
-- built-in issuers from vn.DefaultVocabulary, so that the list is written once.
ALTER TABLE doc_issuers ADD COLUMN unit_kinds TEXT;
