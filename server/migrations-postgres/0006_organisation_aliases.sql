-- PostgreSQL twin of migrations/0006_organisation_aliases.sql (types: see 0001).
-- What an organisation name now reads as after a merge or rename; ingest
-- stores records synced later with the old name under `target`.
CREATE TABLE organisation_aliases (
    event_id    BIGINT  NOT NULL REFERENCES events (id),
    name        TEXT    COLLATE "C" NOT NULL,
    target      TEXT    COLLATE "C" NOT NULL,
    PRIMARY KEY (event_id, name)
);
