//! Everything a scanner or keyboard can hand the venue-code parsers: they must
//! return an error, never panic, and what parses must re-encode to the same
//! bytes (one encoding per code).
#![no_main]

use baodao_core::venue_code::{
    resolve_short_code, short_code::normalise_short_code, verify_code, verify_scan, EventKeySet,
    EventSigningKey, KeyId, ShortCode, SignedCode, VerifyPolicy,
};
use baodao_core::EventId;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn keys() -> &'static EventKeySet {
    static KEYS: OnceLock<EventKeySet> = OnceLock::new();
    KEYS.get_or_init(|| {
        let key = EventSigningKey::from_seed(EventId(1205), KeyId(1), &[0; 32]);
        EventKeySet {
            event: EventId(1205),
            keys: vec![key.public_entry()],
        }
    })
}

fuzz_target!(|data: &[u8]| {
    // The first 8 bytes choose the clock, so time checks get exercised too.
    let (now, rest) = match data.split_first_chunk::<8>() {
        Some((n, rest)) => (i64::from_le_bytes(*n), rest),
        None => (0, data),
    };
    let policy = VerifyPolicy::default();

    if let Ok(code) = SignedCode::from_bytes(data) {
        assert_eq!(code.to_bytes(), data);
        let encoded = code.encode();
        assert_eq!(SignedCode::decode(&encoded), Ok(code));
        let _ = verify_code(&encoded, keys(), now, &policy);
    }

    let text = String::from_utf8_lossy(rest);
    if let Ok(code) = SignedCode::decode(&text) {
        assert_eq!(code.encode(), text);
    }
    let _ = verify_code(&text, keys(), now, &policy);
    let _ = verify_scan(&text, keys(), now, &policy);
    let _ = normalise_short_code(&text);
    if let Ok(short) = ShortCode::parse(&text) {
        assert_eq!(ShortCode::parse(short.as_str()), Ok(short));
    }
    let _ = resolve_short_code(&text, &[]);
});
