-- +goose Up
-- The tasks of the units' work programmes (issue 11; the root's WorkTasks), in the table
-- convention of the record store. task_group and handed_from name other tasks (0: none).
CREATE TABLE work_tasks (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES units (id),
    title         TEXT NOT NULL,
    task_group    INTEGER NOT NULL,
    area          TEXT NOT NULL,
    lead          TEXT NOT NULL,
    partners      TEXT NOT NULL,
    deadline      TEXT NOT NULL,
    status        TEXT NOT NULL,
    done_day      TEXT NOT NULL,
    ad_hoc        BOOLEAN NOT NULL,
    handed_from   INTEGER NOT NULL,
    result        TEXT NOT NULL,
    search        TEXT NOT NULL,
    version       INTEGER NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    created_by    INTEGER REFERENCES users (id),
    updated_at    TIMESTAMP NOT NULL,
    updated_by    INTEGER REFERENCES users (id),
    deleted_at    TIMESTAMP,
    deleted_by    INTEGER REFERENCES users (id)
);
CREATE INDEX work_tasks_unit ON work_tasks (unit_id, deadline);
CREATE INDEX work_tasks_day ON work_tasks (deadline);
CREATE INDEX work_tasks_task_group ON work_tasks (task_group) WHERE task_group <> 0;
CREATE INDEX work_tasks_handed_from ON work_tasks (handed_from) WHERE handed_from <> 0;

-- +goose Down
DROP TABLE work_tasks;
