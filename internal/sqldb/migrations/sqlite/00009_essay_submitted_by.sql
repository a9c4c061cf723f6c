-- +goose Up
-- The account that handed in an essay's current revision. The author reads the text through
-- that account only (tuyengiao.AuthorizeEssay): an account linked to the author's person
-- later, after an administrator moved the link to it, does not read what was handed in
-- before, so that moving the link is no way into the essay. Essays handed in before are
-- taken as handed in by the account linked to their author now, if any.
ALTER TABLE essays ADD COLUMN submitted_by INTEGER REFERENCES users (id);
UPDATE essays SET submitted_by = (SELECT u.id FROM users u WHERE u.person_id = essays.person_id);
