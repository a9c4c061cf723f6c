-- +goose Up
-- The people active now, by unit and category, kept by triggers on people whatever writes
-- them: counts as of a day read it and correct it by the few people whose status changed
-- since (people_changed), instead of reading every person.
CREATE TABLE people_counts (
    unit_id  INTEGER NOT NULL,
    category TEXT NOT NULL,
    active   INTEGER NOT NULL,
    PRIMARY KEY (unit_id, category)
);
INSERT INTO people_counts (unit_id, category, active)
    SELECT unit_id, category, COUNT(*) FROM people WHERE status = 'active' GROUP BY unit_id, category;
-- It covers the correction of a count as of a past day, so that SQLite prefers its range to a
-- scan of every person even when the day is a bound parameter it cannot estimate.
CREATE INDEX people_changed ON people (status_date, unit_id, category, status);

-- +goose StatementBegin
CREATE TRIGGER people_counts_insert AFTER INSERT ON people WHEN NEW.status = 'active'
BEGIN
    INSERT INTO people_counts (unit_id, category, active) VALUES (NEW.unit_id, NEW.category, 1)
        ON CONFLICT (unit_id, category) DO UPDATE SET active = active + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER people_counts_leave AFTER UPDATE OF unit_id, category, status ON people WHEN OLD.status = 'active'
BEGIN
    UPDATE people_counts SET active = active - 1 WHERE unit_id = OLD.unit_id AND category = OLD.category;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER people_counts_join AFTER UPDATE OF unit_id, category, status ON people WHEN NEW.status = 'active'
BEGIN
    INSERT INTO people_counts (unit_id, category, active) VALUES (NEW.unit_id, NEW.category, 1)
        ON CONFLICT (unit_id, category) DO UPDATE SET active = active + 1;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER people_counts_delete AFTER DELETE ON people WHEN OLD.status = 'active'
BEGIN
    UPDATE people_counts SET active = active - 1 WHERE unit_id = OLD.unit_id AND category = OLD.category;
END;
-- +goose StatementEnd
