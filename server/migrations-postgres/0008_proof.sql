-- How each record shows its person was at the venue: a rotating screen's
-- code (`screen`), a poster's static code (`poster`), a typed short code
-- (`short_code`), or a lead's word (`lead`: assisted, check-out-all,
-- automatic check-out). Ingest stores it; older rows are classified from
-- what they hold (a rotating code is 244 characters, a static one 111).
ALTER TABLE checkins ADD COLUMN proof TEXT;
UPDATE checkins SET proof = CASE
    WHEN origin <> 'device' THEN 'lead'
    WHEN code LIKE 's.%' THEN 'short_code'
    WHEN length(code) > 150 THEN 'screen'
    ELSE 'poster'
END;

-- A venue whose check-ins should come from its rotating screen: records
-- made with the poster's code are flagged for its lead to review.
ALTER TABLE venues ADD COLUMN screen_only INTEGER NOT NULL DEFAULT 0;

-- When a volunteer's device last synced: a phone sends every pending record
-- whenever it syncs, so a screen-code record it sends made before its
-- previous sync was held back (a photo of the screen "made" earlier).
ALTER TABLE devices ADD COLUMN last_sync_ms BIGINT;
