-- When each check-in was made by the server's clock: the phone's device time
-- corrected by the clock offset the server estimated from its batch
-- (server time on receipt − the batch's device time). `device_time_ms` stays
-- as the phone reported it. Rosters are ordered by the corrected time.
ALTER TABLE checkins ADD COLUMN checked_ms BIGINT NOT NULL DEFAULT 0;
UPDATE checkins SET checked_ms = device_time_ms;
DROP INDEX checkins_venue_time;
CREATE INDEX checkins_venue_checked ON checkins (venue_id, checked_ms);
