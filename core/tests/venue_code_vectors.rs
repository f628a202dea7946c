//! Checks the implementation against the committed vectors in
//! `core/test-vectors/venue-code.json`, which pin the byte format so that it
//! cannot drift silently and another implementation can be checked too.
//!
//! The vectors are loaded with `include_str!` so that the same test runs
//! under wasm-bindgen-test. To regenerate them after a deliberate format
//! change (never otherwise):
//! `cargo test -p baodao-core --test venue_code_vectors -- --ignored regenerate`

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

// The same vectors, in the browser the widget runs in (headless Chromium).
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use baodao_core::venue_code::{
    assess_at_sync, verify_authentic, verify_code, verify_scan, DisplayCertificate, DisplaySigner,
    EventKeySet, EventSigningKey, KeyId, ShortCode, SignedCode, VerifyPolicy,
};
use baodao_core::{EventId, VenueId};
use serde_json::Value;

const VECTORS: &str = include_str!("../test-vectors/venue-code.json");

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    assert!(s.len().is_multiple_of(2), "odd hex {s}");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn seed(v: &Value) -> [u8; 32] {
    unhex(v.as_str().unwrap()).try_into().unwrap()
}

fn policy(v: &Value) -> VerifyPolicy {
    serde_json::from_value(v["policy"].clone()).unwrap()
}

#[test]
fn implementation_matches_vectors() {
    let v: Value = serde_json::from_str(VECTORS).unwrap();
    let policy = policy(&v);
    let keys: EventKeySet = serde_json::from_value(v["key_set"].clone()).unwrap();

    // Keys from seeds.
    let mut signers = Vec::new();
    for k in v["event_keys"].as_array().unwrap() {
        let key = EventSigningKey::from_seed(
            EventId(k["event"].as_u64().unwrap() as u32),
            KeyId(k["key_id"].as_u64().unwrap() as u8),
            &seed(&k["seed_hex"]),
        );
        assert_eq!(hex(&key.public_key().to_bytes()), k["public_key_hex"]);
        assert_eq!(key.public_key().to_string(), k["public_key"]);
        signers.push(key);
    }
    let display_seed = seed(&v["display"]["seed_hex"]);
    assert_eq!(
        hex(&DisplaySigner::public_key_for_seed(&display_seed).to_bytes()),
        v["display"]["public_key_hex"]
    );
    let cert: DisplayCertificate =
        serde_json::from_value(v["display"]["certificate"].clone()).unwrap();
    cert.verify(&keys).unwrap();
    let display = DisplaySigner::new(&display_seed, cert).unwrap();

    // Valid codes: bytes, fields, and (signatures being deterministic) the
    // exact code re-created from the seeds.
    let valid = v["valid"].as_array().unwrap();
    assert!(valid.len() >= 4);
    for t in valid {
        let name = t["name"].as_str().unwrap();
        let code = t["code"].as_str().unwrap();
        let now = t["now_ms"].as_i64().unwrap();
        let bytes = unhex(t["bytes_hex"].as_str().unwrap());
        let parsed = SignedCode::from_bytes(&bytes).unwrap();
        assert_eq!(parsed.encode(), code, "{name}");
        assert_eq!(SignedCode::decode(code).unwrap(), parsed, "{name}");
        assert_eq!(
            hex(&bytes[bytes.len() - 64..]),
            t["signature_hex"],
            "{name}"
        );
        let got = verify_code(code, &keys, now, &policy).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(serde_json::to_value(got).unwrap(), t["expect"], "{name}");
        let remade = match parsed {
            SignedCode::Static(c) => {
                let signer = signers.iter().find(|s| s.id == c.key_id).unwrap();
                signer.static_code_string(c.venue, c.validity)
            }
            SignedCode::Rotating(c) => SignedCode::Rotating(display.code_for_slot(c.slot)).encode(),
        };
        assert_eq!(remade, code, "{name}");
        let url = t["url"].as_str().unwrap();
        assert_eq!(verify_scan(url, &keys, now, &policy), Ok(got), "{name}");
    }

    // Codes that must be refused, each with its error code.
    let invalid = v["invalid"].as_array().unwrap();
    assert!(invalid.len() >= 15);
    for t in invalid {
        let name = t["name"].as_str().unwrap();
        let now = t["now_ms"].as_i64().unwrap();
        let result = if let Some(code) = t["code"].as_str() {
            verify_code(code, &keys, now, &policy)
        } else {
            verify_scan(t["scan"].as_str().unwrap(), &keys, now, &policy)
        };
        assert_eq!(
            result.map_err(|e| e.code()),
            Err(t["error"].as_str().unwrap()),
            "{name}"
        );
    }

    // Server-side time assessment of authentic codes.
    for t in v["sync_flags"].as_array().unwrap() {
        let name = t["name"].as_str().unwrap();
        let verified = verify_authentic(t["code"].as_str().unwrap(), &keys).unwrap();
        let flag = assess_at_sync(&verified, t["device_time_ms"].as_i64().unwrap(), &policy);
        assert_eq!(flag.map(|f| f.code()), t["flag"].as_str(), "{name}");
    }

    // Short codes.
    let sc = &v["short_codes"];
    let secret = seed(&sc["event_secret_hex"]);
    for t in sc["derived"].as_array().unwrap() {
        let code = ShortCode::derive(
            &secret,
            EventId(t["event"].as_u64().unwrap() as u32),
            VenueId(t["venue"].as_u64().unwrap() as u32),
        );
        assert_eq!(code.as_str(), t["code"]);
    }
    for t in sc["numbered"].as_array().unwrap() {
        let code = ShortCode::from_number(t["number"].as_u64().unwrap()).unwrap();
        assert_eq!(code.as_str(), t["code"]);
    }
    for t in sc["typed"].as_array().unwrap() {
        let input = t["input"].as_str().unwrap();
        match ShortCode::parse(input) {
            Ok(c) => assert_eq!(c.as_str(), t["code"], "{input:?}"),
            Err(e) => assert_eq!(e.code(), t["error"], "{input:?}"),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod regenerate {
    use super::*;
    use baodao_core::venue_code::{slot_at, StaticCode, Validity, SLOT_SECONDS};
    use baodao_core::venue_link::checkin_url;
    use serde_json::json;

    const BASE: &str = "https://baodao.example.cn";
    const EVENT: EventId = EventId(1205);
    /// 2026-12-05 00:00 and 2026-12-06 00:00 in UTC+8.
    const DAY: Validity = Validity {
        from: 1_796_400_000,
        until: 1_796_486_400,
    };
    /// 2026-12-05 07:00 to 19:00 in UTC+8.
    const SHIFT: Validity = Validity {
        from: 1_796_425_200,
        until: 1_796_468_400,
    };
    /// 2026-12-05 09:30:12 in UTC+8.
    const NOW_MS: i64 = 1_796_434_212_000;

    fn seq_seed(start: u8) -> [u8; 32] {
        std::array::from_fn(|i| start + i as u8)
    }

    fn reencode(bytes: &[u8]) -> String {
        // Through the library's own encoder, by way of a byte-exact parse
        // where possible; otherwise a plain base64url of the bytes.
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n = (u32::from(chunk[0]) << 16)
                | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
                | u32::from(*chunk.get(2).unwrap_or(&0));
            for i in 0..=chunk.len() {
                out.push(char::from(alphabet[(n >> (18 - 6 * i) & 63) as usize]));
            }
        }
        out
    }

    fn add_group_order(sig: &mut [u8]) {
        // S += ℓ (little-endian), giving a second, non-canonical encoding of
        // the same signature that strict verification must refuse.
        const L: [u8; 32] = [
            0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9,
            0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
        ];
        let s = &mut sig[32..];
        let mut carry = 0u16;
        for i in 0..32 {
            let v = u16::from(s[i]) + u16::from(L[i]) + carry;
            s[i] = v as u8;
            carry = v >> 8;
        }
    }

    #[test]
    #[ignore = "rewrites core/test-vectors/venue-code.json"]
    fn regenerate() {
        let policy = VerifyPolicy::default();
        let k1 = EventSigningKey::from_seed(EVENT, KeyId(1), &seq_seed(0x00));
        let k2 = EventSigningKey::from_seed(EVENT, KeyId(2), &seq_seed(0x20));
        let k3 = EventSigningKey::from_seed(EVENT, KeyId(3), &seq_seed(0x40));
        let other_event = EventSigningKey::from_seed(EventId(1206), KeyId(1), &seq_seed(0x00));
        let mut revoked = k2.public_entry();
        revoked.revoked = true;
        let keys = EventKeySet {
            event: EVENT,
            keys: vec![k1.public_entry(), revoked],
        };
        let display_seed = seq_seed(0x60);
        let display_pk = DisplaySigner::public_key_for_seed(&display_seed);
        let cert = k1.certify_display(VenueId(23), display_pk, SHIFT);
        let display = DisplaySigner::new(&display_seed, cert).unwrap();
        let slot = slot_at(NOW_MS);

        let mut valid = Vec::new();
        let mut add_valid = |name: &str, code: String, now_ms: i64| {
            let verified = verify_code(&code, &keys, now_ms, &policy).unwrap();
            let bytes = SignedCode::decode(&code).unwrap().to_bytes();
            let url = checkin_url(BASE, &code);
            valid.push(json!({
                "name": name,
                "code": code,
                "url": url,
                "url_len": url.len(),
                "bytes_hex": hex(&bytes),
                "signature_hex": hex(&bytes[bytes.len() - 64..]),
                "now_ms": now_ms,
                "expect": verified,
            }));
        };
        let poster = k1.static_code_string(VenueId(23), DAY);
        add_valid("static poster", poster.clone(), NOW_MS);
        add_valid(
            "static, largest venue id, one second before the window ends",
            k1.static_code_string(VenueId(u32::MAX), DAY),
            i64::from(DAY.until) * 1000 + i64::from(policy.validity_grace_s) * 1000 - 1,
        );
        add_valid(
            "static, within the grace before the window starts",
            k1.static_code_string(VenueId(0), DAY),
            (i64::from(DAY.from) - i64::from(policy.validity_grace_s)) * 1000,
        );
        let rotating = display.code_at(NOW_MS);
        add_valid("rotating, current slot", rotating.clone(), NOW_MS);
        add_valid(
            "rotating, two slots old",
            SignedCode::Rotating(display.code_for_slot(slot - 2)).encode(),
            NOW_MS,
        );
        add_valid(
            "rotating, two slots ahead",
            SignedCode::Rotating(display.code_for_slot(slot + 2)).encode(),
            NOW_MS,
        );

        let poster_bytes = SignedCode::decode(&poster).unwrap().to_bytes();
        let rotating_bytes = SignedCode::decode(&rotating).unwrap().to_bytes();
        let mut invalid = Vec::new();
        let mut bad = |name: &str, code: String, now_ms: i64, error: &str| {
            invalid.push(json!({"name": name, "code": code, "now_ms": now_ms, "error": error}));
        };
        let mut flipped = poster_bytes.clone();
        flipped[40] ^= 1;
        bad(
            "static, signature bit flipped",
            reencode(&flipped),
            NOW_MS,
            "code_bad_signature",
        );
        let mut moved = poster_bytes.clone();
        moved[10] ^= 1;
        bad(
            "static, venue changed after signing",
            reencode(&moved),
            NOW_MS,
            "code_bad_signature",
        );
        let mut malleable = poster_bytes.clone();
        add_group_order(&mut malleable[19..]);
        bad(
            "static, non-canonical signature (S + l)",
            reencode(&malleable),
            NOW_MS,
            "code_bad_signature",
        );
        let mut forged = StaticCode {
            key_id: KeyId(1),
            event: EVENT,
            venue: VenueId(24),
            validity: DAY,
            signature: [0; 64],
        };
        forged.signature = SignedCode::decode(&k3.static_code_string(VenueId(24), DAY))
            .map(|c| match c {
                SignedCode::Static(s) => s.signature,
                _ => unreachable!(),
            })
            .unwrap();
        bad(
            "static, signed by an unlisted key claiming key id 1",
            SignedCode::Static(forged).encode(),
            NOW_MS,
            "code_bad_signature",
        );
        bad(
            "static, another event",
            other_event.static_code_string(VenueId(23), DAY),
            NOW_MS,
            "code_wrong_event",
        );
        bad(
            "static, expired",
            poster.clone(),
            (i64::from(DAY.until) + 300) * 1000,
            "code_expired",
        );
        bad(
            "static, not yet valid",
            poster.clone(),
            (i64::from(DAY.from) - 301) * 1000,
            "code_not_yet_valid",
        );
        bad(
            "static, revoked key",
            k2.static_code_string(VenueId(23), DAY),
            NOW_MS,
            "code_key_revoked",
        );
        bad(
            "static, unknown key id",
            k3.static_code_string(VenueId(23), DAY),
            NOW_MS,
            "code_key_unknown",
        );
        let mut v2 = poster_bytes.clone();
        v2[0] = 0xB2;
        bad(
            "format version 2",
            reencode(&v2),
            NOW_MS,
            "code_unknown_version",
        );
        let mut kind = poster_bytes.clone();
        kind[1] = 7;
        bad(
            "unknown kind",
            reencode(&kind),
            NOW_MS,
            "code_unknown_version",
        );
        bad(
            "static, last character missing",
            poster[..poster.len() - 1].to_string(),
            NOW_MS,
            "code_truncated",
        );
        bad(
            "static, half",
            poster[..poster.len() / 2].to_string(),
            NOW_MS,
            "code_truncated",
        );
        bad("one character", "s".into(), NOW_MS, "code_truncated");
        bad("empty", String::new(), NOW_MS, "code_truncated");
        bad(
            "rotating, cut after the certificate",
            rotating[..160].to_string(),
            NOW_MS,
            "code_truncated",
        );
        bad(
            "static, one extra byte",
            reencode(&[&poster_bytes[..], &[0]].concat()),
            NOW_MS,
            "code_garbage",
        );
        let mut last = poster.clone().into_bytes();
        // 83 bytes leave 2 unused bits in the last character; setting them
        // makes a string no encoder produces.
        let last_char = last.last_mut().unwrap();
        *last_char = match *last_char {
            b'A' => b'B',
            c if c.is_ascii_uppercase() => c + 1,
            _ => b'B',
        };
        let last = String::from_utf8(last).unwrap();
        if SignedCode::decode(&last).is_err() {
            bad(
                "static, non-canonical last character",
                last,
                NOW_MS,
                "code_garbage",
            );
        }
        bad(
            "standard base64 alphabet",
            poster.replace('-', "+").replace('_', "/") + "+",
            NOW_MS,
            "code_garbage",
        );
        bad("padded", format!("{poster}="), NOW_MS, "code_garbage");
        bad(
            "space inside",
            format!("{} {}", &poster[..10], &poster[10..]),
            NOW_MS,
            "code_garbage",
        );
        bad("too long", "s".repeat(600), NOW_MS, "code_garbage");
        bad(
            "not Baodao bytes",
            reencode(b"hello world, this is not a venue code"),
            NOW_MS,
            "not_baodao",
        );
        bad(
            "unsigned skeleton code",
            "u.1205.23".into(),
            NOW_MS,
            "code_unsigned",
        );

        let slot_ms = SLOT_SECONDS * 1000;
        bad(
            "rotating, three slots old",
            SignedCode::Rotating(display.code_for_slot(slot - 3)).encode(),
            NOW_MS,
            "code_expired",
        );
        bad(
            "rotating, three slots ahead",
            SignedCode::Rotating(display.code_for_slot(slot + 3)).encode(),
            NOW_MS,
            "code_not_yet_valid",
        );
        let late = (i64::from(SHIFT.until) + 300) * 1000;
        bad(
            "rotating, certificate expired",
            display.code_at(late),
            late,
            "code_expired",
        );
        let early = (i64::from(SHIFT.from) - 301) * 1000;
        bad(
            "rotating, certificate not yet valid",
            display.code_at(early),
            early,
            "code_not_yet_valid",
        );
        let mut sig = rotating_bytes.clone();
        sig[182] ^= 0x80;
        bad(
            "rotating, display signature altered",
            reencode(&sig),
            NOW_MS,
            "code_bad_signature",
        );
        let mut slot_moved = rotating_bytes.clone();
        slot_moved[118] ^= 1;
        bad(
            "rotating, slot changed after signing",
            reencode(&slot_moved),
            NOW_MS,
            "code_bad_signature",
        );
        let mut venue_moved = rotating_bytes.clone();
        venue_moved[10] ^= 1;
        bad(
            "rotating, venue changed (certificate no longer matches)",
            reencode(&venue_moved),
            NOW_MS,
            "code_bad_signature",
        );
        let rogue_seed = seq_seed(0x80);
        let rogue_cert = DisplayCertificate {
            display_key: DisplaySigner::public_key_for_seed(&rogue_seed),
            ..cert
        };
        let rogue = DisplaySigner::new(&rogue_seed, rogue_cert).unwrap();
        bad(
            "rotating, display key swapped for an uncertified one",
            rogue.code_at(NOW_MS),
            NOW_MS,
            "code_bad_signature",
        );
        let self_signed = k3.certify_display(VenueId(23), display_pk, SHIFT);
        let self_signed = DisplayCertificate {
            key_id: KeyId(1),
            ..self_signed
        };
        let impostor = DisplaySigner::new(&display_seed, self_signed).unwrap();
        bad(
            "rotating, certificate signed by an unlisted key claiming key id 1",
            impostor.code_at(NOW_MS),
            NOW_MS,
            "code_bad_signature",
        );
        let mut bad_point = rotating_bytes.clone();
        bad_point[11..43].copy_from_slice(&{
            let mut identity = [0u8; 32];
            identity[0] = 1;
            identity
        });
        bad(
            "rotating, small-order display key",
            reencode(&bad_point),
            NOW_MS,
            "code_bad_signature",
        );
        let revoked_cert = k2.certify_display(VenueId(23), display_pk, SHIFT);
        bad(
            "rotating, certificate by a revoked key",
            DisplaySigner::new(&display_seed, revoked_cert)
                .unwrap()
                .code_at(NOW_MS),
            NOW_MS,
            "code_key_revoked",
        );
        let other_cert = other_event.certify_display(VenueId(23), display_pk, SHIFT);
        bad(
            "rotating, another event",
            DisplaySigner::new(&display_seed, other_cert)
                .unwrap()
                .code_at(NOW_MS),
            NOW_MS,
            "code_wrong_event",
        );
        for (name, scan, error) in [
            (
                "scan, another site's QR",
                "https://weixin.qq.com/r/abc",
                "not_baodao",
            ),
            ("scan, plain text", "hello", "not_baodao"),
            (
                "scan, check-in link without a code",
                "https://baodao.example.cn/c",
                "code_truncated",
            ),
        ] {
            invalid.push(json!({"name": name, "scan": scan, "now_ms": NOW_MS, "error": error}));
        }

        let sync_flags = vec![
            json!({"name": "rotating, recorded in its slot", "code": rotating, "device_time_ms": NOW_MS, "flag": null}),
            json!({"name": "rotating, recorded two slots later", "code": rotating, "device_time_ms": NOW_MS + 2 * slot_ms, "flag": null}),
            json!({"name": "rotating, recorded ten minutes later (photo replayed)", "code": rotating, "device_time_ms": NOW_MS + 600_000, "flag": "code_slot_far_from_device_time"}),
            json!({"name": "rotating, recorded after the certificate expired", "code": rotating, "device_time_ms": (i64::from(SHIFT.until) + 3600) * 1000, "flag": "code_outside_validity"}),
            json!({"name": "static, recorded during the event", "code": poster, "device_time_ms": NOW_MS, "flag": null}),
            json!({"name": "static, recorded a day after the event", "code": poster, "device_time_ms": (i64::from(DAY.until) + 86_400) * 1000, "flag": "code_outside_validity"}),
        ];

        let secret = seq_seed(0xA0);
        let derived: Vec<_> = [1u32, 2, 23, 24, u32::MAX]
            .iter()
            .map(|&venue| {
                json!({"event": EVENT.0, "venue": venue, "code": ShortCode::derive(&secret, EVENT, VenueId(venue)).as_str()})
            })
            .collect();
        let numbered: Vec<_> = [0u64, 1, 30, 31, 123_456_789, 27_512_614_110]
            .iter()
            .map(|&n| json!({"number": n, "code": ShortCode::from_number(n).unwrap().as_str()}))
            .collect();
        let sample = ShortCode::derive(&secret, EVENT, VenueId(23));
        let s = sample.as_str();
        let mut sub = s.as_bytes().to_vec();
        sub[3] = if sub[3] == b'X' { b'Y' } else { b'X' };
        let mut swap = s.as_bytes().to_vec();
        let i = (0..7).find(|&i| swap[i] != swap[i + 1]).unwrap();
        swap.swap(i, i + 1);
        let full_width: String = s
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
            .collect();
        let mut typed = vec![
            json!({"input": s, "code": s}),
            json!({"input": sample.grouped(), "code": s}),
            json!({"input": format!(" {} ", sample.grouped().to_lowercase()), "code": s}),
            json!({"input": format!("{}\u{3000}{}", &s[..4], &s[4..]), "code": s}),
            json!({"input": full_width, "code": s}),
            json!({"input": format!("{}\u{2014}{}", &s[..4], &s[4..]), "code": s}),
            json!({"input": String::from_utf8(sub).unwrap(), "error": "short_code_typo"}),
            json!({"input": String::from_utf8(swap).unwrap(), "error": "short_code_typo"}),
            json!({"input": &s[..7], "error": "short_code_length"}),
            json!({"input": format!("{s}2"), "error": "short_code_length"}),
            json!({"input": "", "error": "short_code_length"}),
        ];
        for confusable in ["0", "O", "1", "I", "L"] {
            typed.push(json!({"input": format!("{}{}", &s[..7], confusable), "error": "short_code_character"}));
        }

        let event_keys: Vec<_> = [&k1, &k2, &k3, &other_event]
            .iter()
            .map(|k| {
                json!({
                    "event": k.event.0,
                    "key_id": k.id.0,
                    "seed_hex": hex(&k.seed()),
                    "public_key_hex": hex(&k.public_key().to_bytes()),
                    "public_key": k.public_key(),
                    "note": match (k.event == EVENT, k.id.0) {
                        (false, _) => "another event's key, same seed as key 1",
                        (true, 1) => "live",
                        (true, 2) => "revoked in key_set",
                        _ => "not in key_set",
                    },
                })
            })
            .collect();
        let vectors = json!({
            "description": "Baodao venue-code test vectors (docs/venue-code.md). Seeds are Ed25519 secret keys (RFC 8032). Times are milliseconds since the Unix epoch. `expect` is the verified result as JSON.",
            "format": 1,
            "policy": policy,
            "event_keys": event_keys,
            "key_set": keys,
            "display": {
                "seed_hex": hex(&display_seed),
                "public_key_hex": hex(&display_pk.to_bytes()),
                "certificate": cert,
                "certificate_signed_message_hex": hex(&cert_message(&cert)),
            },
            "valid": valid,
            "invalid": invalid,
            "sync_flags": sync_flags,
            "short_codes": {
                "alphabet": std::str::from_utf8(baodao_core::venue_code::short_code::ALPHABET).unwrap(),
                "event_secret_hex": hex(&secret),
                "derived": derived,
                "numbered": numbered,
                "typed": typed,
            },
        });
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/test-vectors/venue-code.json");
        std::fs::write(path, serde_json::to_string_pretty(&vectors).unwrap() + "\n").unwrap();
    }

    /// The certificate's signed bytes, spelled out here independently of the
    /// library so the vectors document them.
    fn cert_message(c: &DisplayCertificate) -> Vec<u8> {
        let mut m = b"baodao/venue-code/display-cert/v1\0".to_vec();
        m.push(0xB1);
        m.push(c.key_id.0);
        m.extend_from_slice(&c.event.0.to_be_bytes());
        m.extend_from_slice(&c.venue.0.to_be_bytes());
        m.extend_from_slice(&c.display_key.to_bytes());
        m.extend_from_slice(&c.validity.from.to_be_bytes());
        m.extend_from_slice(&c.validity.until.to_be_bytes());
        m
    }
}
