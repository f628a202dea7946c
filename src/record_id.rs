//! Record ids are UUIDv4 made on the phone from the browser's CSPRNG.
//! `crypto.getRandomValues` works in insecure contexts too (a LAN address over
//! http during a rehearsal), unlike `crypto.randomUUID`.

use uuid::Uuid;

pub fn new_record_id() -> Uuid {
    let mut bytes = [0u8; 16];
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
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}
