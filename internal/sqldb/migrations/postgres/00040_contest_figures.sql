-- +goose Up
-- The data version of the contests' figures (ContestFigures): raised by every write that
-- changes what they count, as migration 00019 does for the other sources (at the commit,
-- through figure_versions_raise). A contestant's PIN failures and a purge change nothing
-- counted, so updates of contestants raise nothing.
INSERT INTO figure_versions (source, version) VALUES ('contests', 1);

CREATE CONSTRAINT TRIGGER figure_versions_contestants AFTER INSERT OR DELETE ON contestants
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('contests');

CREATE CONSTRAINT TRIGGER figure_versions_contest_attempts AFTER UPDATE OF submitted_at OR DELETE ON contest_attempts
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('contests');

CREATE CONSTRAINT TRIGGER figure_versions_contests AFTER INSERT OR UPDATE OF unit_id ON contests
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('contests');

CREATE CONSTRAINT TRIGGER figure_versions_contest_rounds AFTER INSERT OR UPDATE OF opens_at OR DELETE ON contest_rounds
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figure_versions_raise('contests');

-- +goose Down
DROP TRIGGER figure_versions_contest_rounds ON contest_rounds;
DROP TRIGGER figure_versions_contests ON contests;
DROP TRIGGER figure_versions_contest_attempts ON contest_attempts;
DROP TRIGGER figure_versions_contestants ON contestants;
DELETE FROM figure_versions WHERE source = 'contests';
