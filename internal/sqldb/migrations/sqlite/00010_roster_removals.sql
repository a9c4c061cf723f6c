-- +goose Up
-- The roster records a secretary removed (marked absent): who was removed from which
-- conference, when and by whom. A save made on a roster opened before a removal does not put
-- the person back (MarkAttendance): its "present" was ticked on a roster that did not show
-- the removal. Attendance records are only ever added and deleted, so a removal is kept here.
CREATE TABLE roster_removals (
    id            INTEGER PRIMARY KEY,
    conference_id INTEGER NOT NULL REFERENCES conferences (id),
    person_id     INTEGER NOT NULL REFERENCES people (id),
    removed_at    TIMESTAMP NOT NULL,
    removed_by    INTEGER
);
CREATE INDEX roster_removals_person ON roster_removals (conference_id, person_id, removed_at);
