-- Events, their venues and organisations, and the check-ins synced from phones.
-- Times are integers (milliseconds since the Unix epoch, UTC) so that SQLite and
-- PostgreSQL compare and sort them the same way.

CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    starts_on   TEXT    NOT NULL,
    ends_on     TEXT    NOT NULL,
    time_zone   TEXT    NOT NULL DEFAULT 'Asia/Shanghai',
    created_ms  BIGINT  NOT NULL
);

CREATE TABLE venues (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events (id),
    -- The main venue of a sub-venue; NULL for a main venue.
    parent_id   INTEGER REFERENCES venues (id),
    name        TEXT    NOT NULL
);
CREATE INDEX venues_event ON venues (event_id);

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events (id),
    name        TEXT    NOT NULL,
    UNIQUE (event_id, name)
);

-- One row per record made on a phone. The primary key is the phone's UUID:
-- a record sent twice is stored once.
CREATE TABLE checkins (
    id              TEXT    PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES events (id),
    venue_id        INTEGER NOT NULL REFERENCES venues (id),
    kind            TEXT    NOT NULL CHECK (kind IN ('in', 'out')),
    code            TEXT    NOT NULL,
    device_time_ms  BIGINT  NOT NULL,
    received_ms     BIGINT  NOT NULL,
    name            TEXT    NOT NULL,
    mobile          TEXT    NOT NULL,
    organisation    TEXT    NOT NULL
);
CREATE INDEX checkins_venue_time ON checkins (venue_id, device_time_ms);
