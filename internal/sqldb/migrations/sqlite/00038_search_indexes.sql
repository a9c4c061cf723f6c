-- +goose Up
-- The trigrams of people's phones and party cards (FTS5 over the columns of people, kept by
-- the triggers below), through which a LIKE '%…%' on either reads a few rows instead of all:
-- digits spread their trigrams evenly, unlike the words of names (person_name_terms).
CREATE VIRTUAL TABLE people_numbers USING fts5 (phone, party_card, content = 'people', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO people_numbers (people_numbers) VALUES ('rebuild');

-- +goose StatementBegin
CREATE TRIGGER people_numbers_insert AFTER INSERT ON people
BEGIN
    INSERT INTO people_numbers (rowid, phone, party_card) VALUES (NEW.id, NEW.phone, NEW.party_card);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER people_numbers_update AFTER UPDATE OF phone, party_card ON people
BEGIN
    INSERT INTO people_numbers (people_numbers, rowid, phone, party_card) VALUES ('delete', OLD.id, OLD.phone, OLD.party_card);
    INSERT INTO people_numbers (rowid, phone, party_card) VALUES (NEW.id, NEW.phone, NEW.party_card);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER people_numbers_delete AFTER DELETE ON people
BEGIN
    INSERT INTO people_numbers (people_numbers, rowid, phone, party_card) VALUES ('delete', OLD.id, OLD.phone, OLD.party_card);
END;
-- +goose StatementEnd

-- The words of documents' search text, each of which a word of a query begins
-- (FindDocuments): FTS5 over documents.search, already folded, kept by the triggers below.
CREATE VIRTUAL TABLE documents_search USING fts5 (search, content = 'documents', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO documents_search (documents_search) VALUES ('rebuild');

-- +goose StatementBegin
CREATE TRIGGER documents_search_insert AFTER INSERT ON documents
BEGIN
    INSERT INTO documents_search (rowid, search) VALUES (NEW.id, NEW.search);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER documents_search_update AFTER UPDATE OF search ON documents
BEGIN
    INSERT INTO documents_search (documents_search, rowid, search) VALUES ('delete', OLD.id, OLD.search);
    INSERT INTO documents_search (rowid, search) VALUES (NEW.id, NEW.search);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER documents_search_delete AFTER DELETE ON documents
BEGIN
    INSERT INTO documents_search (documents_search, rowid, search) VALUES ('delete', OLD.id, OLD.search);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER documents_search_delete;
DROP TRIGGER documents_search_update;
DROP TRIGGER documents_search_insert;
DROP TABLE documents_search;
DROP TRIGGER people_numbers_delete;
DROP TRIGGER people_numbers_update;
DROP TRIGGER people_numbers_insert;
DROP TABLE people_numbers;
