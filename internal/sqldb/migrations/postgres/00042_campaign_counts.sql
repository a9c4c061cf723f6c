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
    campaign_id BIGINT NOT NULL,
    unit_id     BIGINT NOT NULL,
    category    TEXT NOT NULL,
    attended    BIGINT NOT NULL DEFAULT 0,
    attendances BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, unit_id, category)
);
INSERT INTO campaign_counts (campaign_id, unit_id, category, attended, attendances)
    SELECT campaign_id, unit_id, category, SUM(attended), SUM(attendances) FROM (
        SELECT campaign_id, unit_id, category, 0 AS attended, COUNT(*) AS attendances FROM attendance
        GROUP BY campaign_id, unit_id, category
        UNION ALL
        SELECT ca.campaign_id, p.unit_id, p.category, COUNT(*), 0 FROM campaign_attendees ca
        JOIN people p ON p.id = ca.person_id WHERE p.status = 'active' GROUP BY ca.campaign_id, p.unit_id, p.category
    ) k GROUP BY campaign_id, unit_id, category;

-- +goose StatementBegin
CREATE FUNCTION campaign_counts_attendance_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE campaign_counts SET attendances = attendances - 1
        WHERE campaign_id = OLD.campaign_id AND unit_id = OLD.unit_id AND category = OLD.category;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER campaign_counts_attendance_delete AFTER DELETE ON attendance
    FOR EACH ROW EXECUTE FUNCTION campaign_counts_attendance_delete();

-- The person is read FOR SHARE: a change of their unit, category or status made at the same
-- time then waits for this transaction, whose removed attendee its trigger no longer sees, or
-- was committed first and is read here.
-- +goose StatementBegin
CREATE FUNCTION campaign_counts_attendee_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    p record;
BEGIN
    SELECT unit_id, category INTO p FROM people WHERE id = OLD.person_id AND status = 'active' FOR SHARE;
    IF FOUND THEN
        UPDATE campaign_counts SET attended = attended - 1
            WHERE campaign_id = OLD.campaign_id AND unit_id = p.unit_id AND category = p.category;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER campaign_counts_attendee_delete AFTER DELETE ON campaign_attendees
    FOR EACH ROW EXECUTE FUNCTION campaign_counts_attendee_delete();

-- A person moved, recategorised, or who left or came back moves out of the counts of each
-- campaign they attended and into the new ones. The campaigns are probed one by one by the
-- attendees' primary key: a person attends few, and an index of attendees by person would
-- cost every check-in. An update that changes none of the three touches nothing.
-- +goose StatementBegin
CREATE FUNCTION campaign_counts_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = NEW.status AND OLD.unit_id = NEW.unit_id AND OLD.category = NEW.category THEN
        RETURN NULL;
    END IF;
    IF OLD.status = 'active' THEN
        UPDATE campaign_counts SET attended = attended - 1 WHERE unit_id = OLD.unit_id AND category = OLD.category
            AND campaign_id IN (SELECT c.id FROM campaigns c
                WHERE EXISTS (SELECT 1 FROM campaign_attendees ca WHERE ca.campaign_id = c.id AND ca.person_id = OLD.id));
    END IF;
    IF NEW.status = 'active' THEN
        INSERT INTO campaign_counts (campaign_id, unit_id, category, attended)
            SELECT c.id, NEW.unit_id, NEW.category, 1 FROM campaigns c
            WHERE EXISTS (SELECT 1 FROM campaign_attendees ca WHERE ca.campaign_id = c.id AND ca.person_id = NEW.id)
            ON CONFLICT (campaign_id, unit_id, category) DO UPDATE SET attended = campaign_counts.attended + 1;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER campaign_counts_person AFTER UPDATE OF unit_id, category, status ON people
    FOR EACH ROW EXECUTE FUNCTION campaign_counts_person();

-- +goose Down
DROP TRIGGER campaign_counts_person ON people;
DROP FUNCTION campaign_counts_person();
DROP TRIGGER campaign_counts_attendee_delete ON campaign_attendees;
DROP FUNCTION campaign_counts_attendee_delete();
DROP TRIGGER campaign_counts_attendance_delete ON attendance;
DROP FUNCTION campaign_counts_attendance_delete();
DROP TABLE campaign_counts;
