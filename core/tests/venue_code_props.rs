//! Property tests: the parsers never panic on anything a camera or a keyboard
//! can produce, and what is signed comes back out unchanged.
#![cfg(not(target_arch = "wasm32"))]

use baodao_core::venue_code::{
    short_code::normalise_short_code, verify_code, verify_scan, CodeError, CodeKind, DisplaySigner,
    EventKeySet, EventSigningKey, KeyId, ShortCode, ShortCodeError, SignedCode, Validity,
    VerifyPolicy, SLOT_SECONDS,
};
use baodao_core::{EventId, VenueId};
use proptest::prelude::*;

fn keys_for(event: EventId) -> (EventSigningKey, EventKeySet) {
    let key = EventSigningKey::from_seed(event, KeyId(1), &[3; 32]);
    let set = EventKeySet {
        event,
        keys: vec![key.public_entry()],
    };
    (key, set)
}

fn validity() -> impl Strategy<Value = Validity> {
    (any::<u32>(), any::<u32>()).prop_map(|(a, b)| Validity {
        from: a.min(b),
        until: a.max(b),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic_and_reparse_exactly(bytes in proptest::collection::vec(any::<u8>(), 0..260)) {
        if let Ok(code) = SignedCode::from_bytes(&bytes) {
            prop_assert_eq!(code.to_bytes(), bytes);
        }
    }

    #[test]
    fn baodao_shaped_bytes_never_panic(kind in 0u8..3, rest in proptest::collection::vec(any::<u8>(), 0..200)) {
        // Most random bytes die at the first byte; these get to the fields.
        let bytes = [&[0xB1, kind][..], &rest].concat();
        if let Ok(code) = SignedCode::from_bytes(&bytes) {
            prop_assert_eq!(&code.to_bytes(), &bytes);
        }
        let (_, keys) = keys_for(EventId(1));
        let s = SignedCode::from_bytes(&bytes).map(|c| c.encode()).unwrap_or_default();
        let _ = verify_code(&s, &keys, 0, &VerifyPolicy::default());
    }

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>(), now in any::<i64>()) {
        let (_, keys) = keys_for(EventId(1));
        let policy = VerifyPolicy { tolerance_slots: u32::MAX, validity_grace_s: u32::MAX };
        let _ = SignedCode::decode(&s);
        let _ = verify_code(&s, &keys, now, &VerifyPolicy::default());
        let _ = verify_code(&s, &keys, now, &policy);
        let _ = verify_scan(&s, &keys, now, &VerifyPolicy::default());
        let _ = ShortCode::parse(&s);
        let _ = normalise_short_code(&s);
    }

    #[test]
    fn base64url_strings_never_panic(s in "[A-Za-z0-9_-]{0,300}", now in any::<i64>()) {
        let (_, keys) = keys_for(EventId(1));
        let _ = verify_code(&s, &keys, now, &VerifyPolicy::default());
        let _ = verify_scan(&format!("https://x.cn/c#{s}"), &keys, now, &VerifyPolicy::default());
    }

    #[test]
    fn static_codes_round_trip(event in any::<u32>(), venue in any::<u32>(), validity in validity()) {
        let (key, keys) = keys_for(EventId(event));
        let code = key.static_code_string(VenueId(venue), validity);
        let v = verify_code(&code, &keys, i64::from(validity.from) * 1000, &VerifyPolicy::default());
        if validity.from == validity.until {
            // An empty window is valid only within the grace period.
            prop_assert!(v.is_ok() || v == Err(CodeError::Expired));
        } else {
            let v = v.unwrap();
            prop_assert_eq!((v.event, v.venue, v.kind, v.validity, v.slot), (EventId(event), VenueId(venue), CodeKind::Static, validity, None));
        }
    }

    #[test]
    fn rotating_codes_round_trip(event in any::<u32>(), venue in any::<u32>(), slot in any::<u32>(), display_seed in any::<[u8; 32]>()) {
        let (key, keys) = keys_for(EventId(event));
        let window = Validity { from: 0, until: u32::MAX };
        let cert = key.certify_display(VenueId(venue), DisplaySigner::public_key_for_seed(&display_seed), window);
        let display = DisplaySigner::new(&display_seed, cert).unwrap();
        let code = SignedCode::Rotating(display.code_for_slot(slot)).encode();
        let now = i64::from(slot) * SLOT_SECONDS * 1000;
        let policy = VerifyPolicy::default();
        let v = verify_code(&code, &keys, now, &policy);
        if now / 1000 < i64::from(window.until) + i64::from(policy.validity_grace_s) {
            let v = v.unwrap();
            prop_assert_eq!((v.event, v.venue, v.kind, v.slot), (EventId(event), VenueId(venue), CodeKind::Rotating, Some(slot)));
        } else {
            prop_assert_eq!(v, Err(CodeError::Expired));
        }
    }

    #[test]
    fn any_altered_byte_is_refused(rotating in any::<bool>(), at in any::<prop::sample::Index>(), xor in 1u8..=255) {
        let (key, keys) = keys_for(EventId(1205));
        let window = Validity { from: 0, until: u32::MAX };
        let code = if rotating {
            let cert = key.certify_display(VenueId(7), DisplaySigner::public_key_for_seed(&[5; 32]), window);
            SignedCode::Rotating(DisplaySigner::new(&[5; 32], cert).unwrap().code_for_slot(1000)).to_bytes()
        } else {
            SignedCode::Static(key.sign_static(VenueId(7), window)).to_bytes()
        };
        let mut altered = code.clone();
        altered[at.index(code.len())] ^= xor;
        let result = SignedCode::from_bytes(&altered).and_then(|c| c.verify(&keys));
        prop_assert!(result.is_err(), "{:?}", result);
    }

    #[test]
    fn every_prefix_is_truncated(len in 0usize..244, rotating in any::<bool>()) {
        let (key, keys) = keys_for(EventId(1205));
        let window = Validity { from: 0, until: u32::MAX };
        let code = if rotating {
            let cert = key.certify_display(VenueId(7), DisplaySigner::public_key_for_seed(&[5; 32]), window);
            DisplaySigner::new(&[5; 32], cert).unwrap().code_at(1_796_434_212_000)
        } else {
            key.static_code_string(VenueId(7), window)
        };
        let prefix = &code[..len.min(code.len() - 1)];
        prop_assert_eq!(verify_code(prefix, &keys, 1_796_434_212_000, &VerifyPolicy::default()), Err(CodeError::Truncated));
    }

    #[test]
    fn short_codes_round_trip_and_catch_typos(n in 0u64..27_512_614_111, pos in 0usize..8, sub in 0usize..31) {
        let code = ShortCode::from_number(n).unwrap();
        prop_assert_eq!(ShortCode::parse(&code.grouped().to_lowercase()), Ok(code));
        let alphabet = baodao_core::venue_code::short_code::ALPHABET;
        let mut typo = code.as_str().as_bytes().to_vec();
        if typo[pos] != alphabet[sub] {
            typo[pos] = alphabet[sub];
            prop_assert_eq!(ShortCode::parse(std::str::from_utf8(&typo).unwrap()), Err(ShortCodeError::Typo));
        }
    }
}
