-- +goose Up
-- A campaign's dashboard counts its attendance records (lượt người) by unit and category
-- (CampaignCounts.Attendances): a range of an index that holds them, as campaign_attendees
-- has for the people, not a read of every record of the campaign.
CREATE INDEX attendance_campaign_unit ON attendance (campaign_id, unit_id, category);

-- +goose Down
DROP INDEX attendance_campaign_unit;
