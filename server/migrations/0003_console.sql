-- Roles and access, and what the organiser and lead console needs (issue 6).
-- Tokens are never stored: only the hex SHA-256 of each (`token_hash`), so a
-- copy of the database does not let anyone in. Portable SQL (PostgreSQL too):
-- no SQLite-only types or functions.

-- People who manage events. The first one is made by redeeming the one-time
-- setup link the server prints on its first start.
CREATE TABLE organisers (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    created_ms  BIGINT  NOT NULL
);

-- One-time links that make an organiser (or log one in on a new device).
CREATE TABLE setup_links (
    token_hash  TEXT    PRIMARY KEY,
    created_ms  BIGINT  NOT NULL,
    expires_ms  BIGINT  NOT NULL,
    used_ms     BIGINT
);

-- A venue lead's invite: a link the organiser shares, for some venues of
-- one event, usable on several devices until it expires or is revoked.
CREATE TABLE lead_invites (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events (id),
    token_hash  TEXT    NOT NULL UNIQUE,
    label       TEXT    NOT NULL,
    created_ms  BIGINT  NOT NULL,
    expires_ms  BIGINT  NOT NULL,
    revoked_ms  BIGINT
);

CREATE TABLE lead_invite_venues (
    invite_id   INTEGER NOT NULL REFERENCES lead_invites (id),
    venue_id    INTEGER NOT NULL REFERENCES venues (id),
    PRIMARY KEY (invite_id, venue_id)
);
CREATE INDEX lead_invite_venues_venue ON lead_invite_venues (venue_id);

-- Logged-in organisers and leads. A lead's session lives only as long as
-- its invite: revoking the invite ends it at once (checked on every request).
CREATE TABLE sessions (
    token_hash    TEXT    PRIMARY KEY,
    role          TEXT    NOT NULL CHECK (role IN ('organiser', 'lead')),
    organiser_id  INTEGER REFERENCES organisers (id),
    invite_id     INTEGER REFERENCES lead_invites (id),
    label         TEXT    NOT NULL DEFAULT '',
    created_ms    BIGINT  NOT NULL,
    expires_ms    BIGINT  NOT NULL,
    revoked_ms    BIGINT,
    CHECK ((role = 'organiser' AND organiser_id IS NOT NULL AND invite_id IS NULL)
        OR (role = 'lead' AND invite_id IS NOT NULL AND organiser_id IS NULL))
);
CREATE INDEX sessions_invite ON sessions (invite_id);

-- Volunteers' phones: an anonymous token issued on the first sync, so a
-- phone can read back its own records and nobody else's.
CREATE TABLE devices (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT    NOT NULL UNIQUE,
    created_ms  BIGINT  NOT NULL
);

-- Who stored a check-in: the phone that made it (`device`), a lead's device
-- on someone's behalf (`assisted`), a lead's "check out everyone"
-- (`lead_all`), or the automatic check-out at the venue's closing time (`auto`).
ALTER TABLE checkins ADD COLUMN device_id INTEGER REFERENCES devices (id);
ALTER TABLE checkins ADD COLUMN origin TEXT NOT NULL DEFAULT 'device'
    CHECK (origin IN ('device', 'assisted', 'lead_all', 'auto'));
-- A lead's decision on a flagged record. A rejected record stays stored (and
-- exported) but counts for nothing.
ALTER TABLE checkins ADD COLUMN review TEXT CHECK (review IN ('accepted', 'rejected'));
ALTER TABLE checkins ADD COLUMN review_note TEXT;
ALTER TABLE checkins ADD COLUMN reviewed_ms BIGINT;
CREATE INDEX checkins_device ON checkins (device_id);
CREATE INDEX checkins_event_received ON checkins (event_id, received_ms);
CREATE INDEX checkins_event_person ON checkins (event_id, mobile, name);

-- Local time (HH:MM, in the event's time zone) of the venue's automatic
-- check-out each day; NULL for none.
ALTER TABLE venues ADD COLUMN closes_at TEXT;
