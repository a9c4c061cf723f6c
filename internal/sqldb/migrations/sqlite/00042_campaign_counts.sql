-- +goose Up
-- A campaign's counts by unit and category, kept in the same transaction as what writes
-- attendance, campaign_attendees or people, so that the campaign page reads a campaign's few
-- hundred thousand rows here instead of its millions of records (CampaignCounts).
-- attendances counts the attendance records at the unit and category recorded on each;
-- attended counts the campaign's attendees whose person is active now, at the person's
-- current unit and category. A row may fall to 0: a read skips it. The triggers below keep
-- them for removals and for changes of people; the inserts, all made by insertAttendance and
-- removeRecords (attendance.go), add theirs in one upsert per count (countDeltas), in the
-- order of the counts' keys: row triggers on them made a batch of 256 check-ins 35% slower.
CREATE TABLE campaign_counts (
    campaign_id INTEGER NOT NULL,
    unit_id     INTEGER NOT NULL,
    category    TEXT NOT NULL,
    attended    INTEGER NOT NULL DEFAULT 0,
    attendances INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, unit_id, category)
) WITHOUT ROWID;
INSERT INTO campaign_counts (campaign_id, unit_id, category, attended, attendances)
    SELECT campaign_id, unit_id, category, SUM(attended), SUM(attendances) FROM (
        SELECT campaign_id, unit_id, category, 0 AS attended, COUNT(*) AS attendances FROM attendance
        GROUP BY campaign_id, unit_id, category
        UNION ALL
        SELECT ca.campaign_id, p.unit_id, p.category, COUNT(*), 0 FROM campaign_attendees ca
        JOIN people p ON p.id = ca.person_id WHERE p.status = 'active' GROUP BY ca.campaign_id, p.unit_id, p.category
    ) k GROUP BY campaign_id, unit_id, category;

-- +goose StatementBegin
CREATE TRIGGER campaign_counts_attendance_delete AFTER DELETE ON attendance
BEGIN
    UPDATE campaign_counts SET attendances = attendances - 1
        WHERE campaign_id = OLD.campaign_id AND unit_id = OLD.unit_id AND category = OLD.category;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER campaign_counts_attendee_delete AFTER DELETE ON campaign_attendees
BEGIN
    UPDATE campaign_counts SET attended = attended - 1 WHERE campaign_id = OLD.campaign_id
        AND (unit_id, category) = (SELECT p.unit_id, p.category FROM people p WHERE p.id = OLD.person_id AND p.status = 'active');
END;
-- +goose StatementEnd

-- A person moved, recategorised, or who left or came back moves out of the counts of each
-- campaign they attended and into the new ones. The campaigns are probed one by one by the
-- attendees' primary key: a person attends few, and an index of attendees by person would
-- cost every check-in. An update that changes none of the three touches nothing.
-- +goose StatementBegin
CREATE TRIGGER campaign_counts_person_leave AFTER UPDATE OF unit_id, category, status ON people
    WHEN OLD.status = 'active' AND (NEW.status <> 'active' OR NEW.unit_id <> OLD.unit_id OR NEW.category <> OLD.category)
BEGIN
    UPDATE campaign_counts SET attended = attended - 1 WHERE unit_id = OLD.unit_id AND category = OLD.category
        AND campaign_id IN (SELECT c.id FROM campaigns c
            WHERE EXISTS (SELECT 1 FROM campaign_attendees ca WHERE ca.campaign_id = c.id AND ca.person_id = OLD.id));
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER campaign_counts_person_join AFTER UPDATE OF unit_id, category, status ON people
    WHEN NEW.status = 'active' AND (OLD.status <> 'active' OR NEW.unit_id <> OLD.unit_id OR NEW.category <> OLD.category)
BEGIN
    INSERT INTO campaign_counts (campaign_id, unit_id, category, attended)
        SELECT c.id, NEW.unit_id, NEW.category, 1 FROM campaigns c
        WHERE EXISTS (SELECT 1 FROM campaign_attendees ca WHERE ca.campaign_id = c.id AND ca.person_id = NEW.id)
        ON CONFLICT (campaign_id, unit_id, category) DO UPDATE SET attended = attended + 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER campaign_counts_person_join;
DROP TRIGGER campaign_counts_person_leave;
DROP TRIGGER campaign_counts_attendee_delete;
DROP TRIGGER campaign_counts_attendance_delete;
DROP TABLE campaign_counts;
