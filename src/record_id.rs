//! Record ids are UUIDv7 made on the phone: the phone's clock in
//! milliseconds, then 74 bits from the browser's CSPRNG.
//! `crypto.getRandomValues` works in insecure contexts too (a LAN address over
//! http during a rehearsal), unlike `crypto.randomUUID`.
//!
//! Time first, so the server's index on record ids grows at its end: with
//! random (v4) ids every record of a batch landed on another index page, and
//! writing those pages was most of the cost of storing a batch
//! (`sync_bench`). The time says nothing the record's `device_time_ms` does
//! not, and a wrong phone clock only costs that locality, never uniqueness.

use uuid::Uuid;

// Not inlined into each caller: the check-in screen makes two records.
#[inline(never)]
pub fn new_record_id() -> Uuid {
    let mut bytes = [0u8; 10];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok())
        .unwrap_or(false);
    if !filled {
        // No Web Crypto (very old WebViews): Math.random is weaker but still
        // makes collisions between a few thousand phones vanishingly unlikely.
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    let now_ms = js_sys::Date::now().max(0.0) as u64;
    uuid::Builder::from_unix_timestamp_millis(now_ms, &bytes).into_uuid()
}
