-- +goose Up
-- Keys the server derives values from, made once at random by Migrate and the same for every
-- node: "login" keys the hash that stands in the audit log for a login that is no account.
-- No page, export or audit record shows them.
CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- +goose Down
DROP TABLE secrets;
