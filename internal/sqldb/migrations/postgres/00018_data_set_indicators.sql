-- +goose Up
-- A reported indicator belongs to one data set only, so that each of its values belongs to
-- one form: the primary key on indicator says so, where the list of codes one a line in
-- data_sets.indicators could not. position keeps the order of the form.
CREATE TABLE data_set_indicators (
    indicator   TEXT PRIMARY KEY REFERENCES reported_indicators (code),
    data_set_id BIGINT NOT NULL REFERENCES data_sets (id),
    position    INTEGER NOT NULL
);
CREATE INDEX data_set_indicators_set ON data_set_indicators (data_set_id, position);

INSERT INTO data_set_indicators (indicator, data_set_id, position)
SELECT c.code, d.id, c.n FROM data_sets d, regexp_split_to_table(d.indicators, E'\n') WITH ORDINALITY AS c (code, n)
WHERE c.code <> '';

ALTER TABLE data_sets DROP COLUMN indicators;

-- +goose Down
ALTER TABLE data_sets ADD COLUMN indicators TEXT NOT NULL DEFAULT '';
UPDATE data_sets SET indicators = COALESCE((SELECT string_agg(indicator, E'\n' ORDER BY position) FROM data_set_indicators i
    WHERE i.data_set_id = data_sets.id), '');
DROP TABLE data_set_indicators;
