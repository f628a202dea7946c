-- How long an event's check-in records are kept: this many days after the
-- event's last day (baodao_core::event::retention_ends_ms), after which the
-- server deletes them (server/src/retention.rs) and phones delete their synced
-- copies. The volunteer reads this period in the personal-information notice
-- before the first check-in. Existing events get 180 days.
ALTER TABLE events ADD COLUMN retention_days INTEGER NOT NULL DEFAULT 180
    CHECK (retention_days BETWEEN 0 AND 3650);
