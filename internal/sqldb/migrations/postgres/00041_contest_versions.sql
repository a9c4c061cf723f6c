-- +goose Up
-- The version of a contest's rules, rounds and bank, raised by triggers whatever writes them,
-- so that each app node keeps the contest in memory and checks it with one read by primary
-- key at every start, answer and submission (contest_cache.go), as 00036 does for
-- conferences (with its functions row_version_raise and parent_version_raise).
ALTER TABLE contests ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

CREATE TRIGGER contests_version BEFORE UPDATE ON contests FOR EACH ROW EXECUTE FUNCTION row_version_raise();
CREATE TRIGGER contest_rounds_version AFTER INSERT OR UPDATE OR DELETE ON contest_rounds
    FOR EACH ROW EXECUTE FUNCTION parent_version_raise('contests', 'version', 'contest_id');
CREATE TRIGGER contest_questions_version AFTER INSERT OR UPDATE OR DELETE ON contest_questions
    FOR EACH ROW EXECUTE FUNCTION parent_version_raise('contests', 'version', 'contest_id');

-- +goose Down
DROP TRIGGER contest_questions_version ON contest_questions;
DROP TRIGGER contest_rounds_version ON contest_rounds;
DROP TRIGGER contests_version ON contests;
ALTER TABLE contests DROP COLUMN version;
