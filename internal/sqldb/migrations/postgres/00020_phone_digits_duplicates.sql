-- +goose Up
-- An import looks for the people it may repeat by folded name and by phone.
CREATE INDEX people_name ON people (name_folded);
CREATE INDEX people_phone ON people (phone) WHERE phone <> '';
-- On PostgreSQL the indexes come first: the updates raise deferred trigger events (figure
-- versions), after which the transaction may not create an index.

-- Phones are kept as their digits alone, +84 written as the leading 0 (vn.Phone), so that a
-- search for 0912345678 finds the person whose phone was typed "0912 345 678". No constraint
-- holds phones unique: two people sharing a number after this stay two people.
-- A phone holding another character than those a phone is written with stays as it is.
UPDATE people SET phone = CASE WHEN phone LIKE '+%' THEN '+' ELSE '' END || replace(replace(replace(replace(replace(replace(replace(phone, ' ', ''), '.', ''), '-', ''), '(', ''), ')', ''), chr(160), ''), '+', '')
    WHERE phone <> '' AND position('+' in substr(phone, 2)) = 0 AND replace(replace(replace(replace(replace(replace(replace(phone, ' ', ''), '.', ''), '-', ''), '(', ''), ')', ''), chr(160), ''), '+', '') ~ '^[0-9]*$';
UPDATE people SET phone = '0' || substr(phone, 4) WHERE phone LIKE '+84%' AND substr(phone, 2) ~ '^[0-9]*$';
UPDATE people SET phone = substr(phone, 2) WHERE phone LIKE '+%' AND substr(phone, 2) ~ '^[0-9]*$';
UPDATE people SET phone = '0' || substr(phone, 3) WHERE phone LIKE '84%' AND length(phone) IN (11, 12) AND phone ~ '^[0-9]*$';

-- +goose Down
-- The digits are what the phones always meant; the spacing as typed is not kept.
DROP INDEX people_phone;
DROP INDEX people_name;
