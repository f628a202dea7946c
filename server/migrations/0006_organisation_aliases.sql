-- What an organisation name now reads as after the organiser merged or
-- renamed it. Phones keep the name their person saved, so records synced
-- later carry the old one: ingest stores them under `target` instead.
CREATE TABLE organisation_aliases (
    event_id    INTEGER NOT NULL REFERENCES events (id),
    name        TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    PRIMARY KEY (event_id, name)
);
