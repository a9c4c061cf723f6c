-- +goose Up
-- A reported indicator belongs to one data set only, so that each of its values belongs to
-- one form: the primary key on indicator says so, where the list of codes one a line in
-- data_sets.indicators could not. position keeps the order of the form.
CREATE TABLE data_set_indicators (
    indicator   TEXT PRIMARY KEY REFERENCES reported_indicators (code),
    data_set_id INTEGER NOT NULL REFERENCES data_sets (id),
    position    INTEGER NOT NULL
);
CREATE INDEX data_set_indicators_set ON data_set_indicators (data_set_id, position);

WITH RECURSIVE split (data_set_id, position, code, rest) AS (
    SELECT id, 0, '', indicators || char(10) FROM data_sets
    UNION ALL
    SELECT data_set_id, position + 1, substr(rest, 1, instr(rest, char(10)) - 1), substr(rest, instr(rest, char(10)) + 1)
    FROM split WHERE rest <> ''
)
INSERT INTO data_set_indicators (indicator, data_set_id, position)
SELECT code, data_set_id, position FROM split WHERE code <> '';

ALTER TABLE data_sets DROP COLUMN indicators;

-- +goose Down
ALTER TABLE data_sets ADD COLUMN indicators TEXT NOT NULL DEFAULT '';
UPDATE data_sets SET indicators = COALESCE((SELECT group_concat(indicator, char(10)) FROM
    (SELECT indicator FROM data_set_indicators i WHERE i.data_set_id = data_sets.id ORDER BY position)), '');
DROP TABLE data_set_indicators;
