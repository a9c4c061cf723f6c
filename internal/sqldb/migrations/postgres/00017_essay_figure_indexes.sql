-- +goose Up
-- Essays are counted by the day they were handed in and the day they were reviewed
-- (StudyFigures): a range of an index, not a scan of every essay.
CREATE INDEX essays_submitted ON essays (submitted_at);
CREATE INDEX essays_reviewed ON essays (reviewed_at);

-- +goose Down
DROP INDEX essays_reviewed;
DROP INDEX essays_submitted;
