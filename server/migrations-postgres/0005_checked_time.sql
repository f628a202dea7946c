-- PostgreSQL twin of migrations/0005_checked_time.sql (types: see 0001).
-- When each check-in was made by the server's clock (device time corrected
-- by the batch's clock offset). Rosters are ordered by it.
ALTER TABLE checkins ADD COLUMN checked_ms BIGINT NOT NULL DEFAULT 0;
UPDATE checkins SET checked_ms = device_time_ms;
DROP INDEX checkins_venue_time;
CREATE INDEX checkins_venue_checked ON checkins (venue_id, checked_ms);
