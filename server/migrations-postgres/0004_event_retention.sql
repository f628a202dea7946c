-- PostgreSQL twin of migrations/0004_event_retention.sql (types: see 0001).
-- How long an event's check-in records are kept after its last day.
ALTER TABLE events ADD COLUMN retention_days BIGINT NOT NULL DEFAULT 180
    CHECK (retention_days BETWEEN 0 AND 3650);
