-- +goose Up
-- One account per person: a second account linked to a person could read that person's
-- essays and hand one in in their name. Where a database already holds such links, the
-- oldest account keeps the person and the later ones lose the link (the accounts stay), so
-- that the constraint can be made. SQL here cannot extend the audit chain (its hashes are
-- computed in Go), so Migrate reads the links this drops before it runs and records each,
-- once it has run, as the essay.access.unlink it is, by "system" (auditDroppedLinks).
UPDATE users SET person_id = NULL
    WHERE person_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM users o WHERE o.person_id = users.person_id AND o.id < users.id);
CREATE UNIQUE INDEX users_person ON users (person_id);

