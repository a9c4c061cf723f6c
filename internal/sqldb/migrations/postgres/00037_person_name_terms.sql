-- +goose Up
-- The search terms of people's names: the folded name from the start of each of its words
-- ("nguyen van an", "van an", "an") with the person's unit, written by the code that writes
-- people (person_search.go). A name typed whole or in part is then a range of this key,
-- narrowed to the caller's units before any person is read, instead of a LIKE over everyone.
CREATE TABLE person_name_terms (
    term      TEXT COLLATE "C" NOT NULL,
    person_id BIGINT NOT NULL,
    unit_id   BIGINT NOT NULL
);
-- The words of the names, to which a query beginning inside a word extends ("guyen" to
-- "nguyen"). A word is never removed: one no name has any more costs an empty range.
CREATE TABLE person_name_words (
    word TEXT COLLATE "C" PRIMARY KEY
);
WITH RECURSIVE t (person_id, unit_id, term) AS (
    SELECT id, unit_id, name_folded FROM people
    UNION ALL SELECT person_id, unit_id, substr(term, strpos(term, ' ') + 1) FROM t WHERE strpos(term, ' ') > 0)
INSERT INTO person_name_terms (term, person_id, unit_id) SELECT term, person_id, unit_id FROM t;
-- The key is built once the terms are in: faster, from sorted rows, than row by row. It
-- holds the unit too, so that the candidates of a search are read from it alone.
SET LOCAL maintenance_work_mem = '256MB';
ALTER TABLE person_name_terms ADD PRIMARY KEY (term, person_id) INCLUDE (unit_id);
INSERT INTO person_name_words (word)
    SELECT DISTINCT CASE WHEN strpos(term, ' ') > 0 THEN substr(term, 1, strpos(term, ' ') - 1) ELSE term END FROM person_name_terms;

-- +goose Down
DROP TABLE person_name_words;
DROP TABLE person_name_terms;
