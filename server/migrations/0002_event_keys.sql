-- Signed venue codes (docs/venue-code.md): event signing keys, per-venue short
-- codes, display-screen provisioning, and review flags on check-ins.

-- An event's Ed25519 signing keys. `seed` is the private key: it never leaves
-- the server (the API only ever publishes `public_key`). It is stored in clear,
-- so the database file must be protected like any other secret.
-- Key ids are one byte (they are in every QR) and never reused within an event:
-- a revoked key stays here so its codes get `code_key_revoked`.
CREATE TABLE event_keys (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events (id),
    key_id      INTEGER NOT NULL CHECK (key_id BETWEEN 0 AND 255),
    seed        BLOB    NOT NULL CHECK (length(seed) = 32),
    public_key  TEXT    NOT NULL,
    created_ms  BIGINT  NOT NULL,
    revoked     INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    revoked_ms  BIGINT,
    UNIQUE (event_id, key_id)
);

-- Per event: the secret short codes are derived from (ShortCode::derive), so
-- that knowing event and venue ids does not give a venue's short code.
CREATE TABLE event_secrets (
    event_id           INTEGER PRIMARY KEY REFERENCES events (id),
    short_code_secret  BLOB    NOT NULL CHECK (length(short_code_secret) = 32)
);

-- The venue's 8-character short code (derived, or assigned on a collision).
ALTER TABLE venues ADD COLUMN short_code TEXT;
CREATE UNIQUE INDEX venues_short_code ON venues (event_id, short_code);

-- Display screens provisioned for rotating codes: the public half of each
-- screen's key and its certificate's window, for audit. The screen's private
-- seed is sent to it once and not kept here.
CREATE TABLE display_keys (
    id             INTEGER PRIMARY KEY,
    event_id       INTEGER NOT NULL REFERENCES events (id),
    venue_id       INTEGER NOT NULL REFERENCES venues (id),
    key_id         INTEGER NOT NULL,
    display_key    TEXT    NOT NULL,
    valid_from     BIGINT  NOT NULL,
    valid_until    BIGINT  NOT NULL,
    created_ms     BIGINT  NOT NULL
);
CREATE INDEX display_keys_venue ON display_keys (venue_id);

-- Why a stored check-in needs a lead's review (`short_code_entry`,
-- `code_outside_validity`, `code_slot_far_from_device_time`); NULL if none.
ALTER TABLE checkins ADD COLUMN flag TEXT;
