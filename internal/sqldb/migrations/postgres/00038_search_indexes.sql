-- +goose Up
-- Trigram indexes of people's phones and party cards, through which a LIKE '%…%' on either
-- reads a few rows instead of all: digits spread their trigrams evenly, unlike the words of
-- names (person_name_terms). pg_trgm ships with PostgreSQL and is trusted, so the owner of
-- the database creates it; it goes into public, where a schema dropped with its tables
-- (the tests') does not take it along, and the lock keeps two migrations from creating it at once.
SELECT pg_advisory_xact_lock(7382001);
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
SET LOCAL maintenance_work_mem = '256MB';
CREATE INDEX people_phone_trigrams ON people USING gin (phone public.gin_trgm_ops);
CREATE INDEX people_party_card_trigrams ON people USING gin (party_card public.gin_trgm_ops);
-- The same for documents' search text, whose words a query's begin (FindDocuments).
CREATE INDEX documents_search_trigrams ON documents USING gin (search public.gin_trgm_ops);

-- +goose Down
DROP INDEX documents_search_trigrams;
DROP INDEX people_party_card_trigrams;
DROP INDEX people_phone_trigrams;
