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

use baodao_core::venue_code::short_code::SHORT_CODE_SPACE;
use baodao_core::venue_code::{
    assess_at_sync, resolve_short_code, verify_authentic, verify_code, verify_scan,
    DisplayCertificate, DisplaySigner, EventKeySet, EventSigningKey, KeyId, ShortCode,
    ShortCodeEntry, SignedCode, VerifyPolicy,
};
use baodao_core::{EventId, VenueId};
use serde_json::Value;
use sha2::{Digest, Sha512};

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
        let (event, venue) = (
            t["event"].as_u64().unwrap() as u32,
            t["venue"].as_u64().unwrap() as u32,
        );
        let code = ShortCode::derive(&secret, EventId(event), VenueId(venue));
        assert_eq!(code.as_str(), t["code"]);
        // The steps, so another implementation can see which one differs.
        let digest = Sha512::new()
            .chain_update(b"baodao/short-code/v1\0")
            .chain_update(secret)
            .chain_update(event.to_be_bytes())
            .chain_update(venue.to_be_bytes())
            .finalize();
        assert_eq!(hex(&digest[..8]), t["sha512_first8_hex"]);
        let number = t["number"].as_u64().unwrap();
        assert_eq!(
            u64::from_be_bytes(digest[..8].try_into().unwrap()) % SHORT_CODE_SPACE,
            number
        );
        assert_eq!(ShortCode::from_number(number), Some(code));
    }
    for t in sc["numbered"].as_array().unwrap() {
        let code = ShortCode::from_number(t["number"].as_u64().unwrap());
        assert_eq!(code.as_ref().map(ShortCode::as_str), t["code"].as_str());
    }
    for t in sc["typed"].as_array().unwrap() {
        let input = t["input"].as_str().unwrap();
        match ShortCode::parse(input) {
            Ok(c) => assert_eq!(c.as_str(), t["code"], "{input:?}"),
            Err(e) => assert_eq!(e.code(), t["error"], "{input:?}"),
        }
    }
    let entries: Vec<ShortCodeEntry> = serde_json::from_value(sc["entries"].clone()).unwrap();
    for t in sc["resolved"].as_array().unwrap() {
        let input = t["input"].as_str().unwrap();
        match resolve_short_code(input, &entries) {
            Ok(r) => {
                assert_eq!(u64::from(r.event.0), t["event"], "{input:?}");
                assert_eq!(u64::from(r.venue.0), t["venue"], "{input:?}");
            }
            Err(e) => assert_eq!(e.code(), t["error"], "{input:?}"),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod regenerate {
    use super::*;
    use baodao_core::venue_code::payload::STATIC_CONTEXT;
    use baodao_core::venue_code::{slot_at, PublicKey, StaticCode, Validity, SLOT_SECONDS};
    use baodao_core::venue_link::checkin_url;
    use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
    use curve25519_dalek::traits::{Identity, IsIdentity};
    use curve25519_dalek::Scalar;
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
        // Signatures a lax Ed25519 verifier accepts and this format refuses.
        // Each is made with the private key, so only the choice of R or key
        // is wrong; see `crafted` below.
        let k1_seed = seq_seed(0x00);
        let k1_scalar = crafted::secret_scalar(&k1_seed);
        let k1_pk = k1.public_key().to_bytes();
        let poster_message = [STATIC_CONTEXT, &poster_bytes[..19]].concat();
        let identity = EdwardsPoint::identity();
        let torsion8 = crafted::order_8_point();
        for (name, signature) in [
            (
                "static, small-order R (the identity), S = k·a",
                crafted::small_order_r(k1_scalar, &k1_pk, &poster_message, identity),
            ),
            (
                "static, small-order R (order 8), S = k·a",
                crafted::small_order_r(k1_scalar, &k1_pk, &poster_message, torsion8),
            ),
            (
                "static, R with an order-8 component added",
                crafted::mixed_order_r(k1_scalar, &k1_pk, &poster_message, torsion8),
            ),
        ] {
            bad(
                name,
                reencode(&[&poster_bytes[..19], &signature[..]].concat()),
                NOW_MS,
                "code_bad_signature",
            );
        }
        let event_sign = |m: &[u8]| {
            ed25519_dalek::Signer::sign(&ed25519_dalek::SigningKey::from_bytes(&k1_seed), m)
                .to_bytes()
        };
        let display_scalar = crafted::secret_scalar(&display_seed);
        let display_sign = |m: &[u8]| {
            ed25519_dalek::Signer::sign(&ed25519_dalek::SigningKey::from_bytes(&display_seed), m)
                .to_bytes()
        };
        let genuine = crafted::Rotating {
            key_id: 1,
            event: EVENT,
            venue: VenueId(23),
            display_key: display_pk.to_bytes(),
            validity: SHIFT,
            slot,
        };
        assert_eq!(
            genuine.bytes(&event_sign, &display_sign),
            rotating_bytes,
            "hand-built layout matches the library's"
        );
        bad(
            "rotating, certificate signature with small-order R (the identity)",
            reencode(&genuine.bytes(
                &|m| crafted::small_order_r(k1_scalar, &k1_pk, m, identity),
                &display_sign,
            )),
            NOW_MS,
            "code_bad_signature",
        );
        bad(
            "rotating, display signature with small-order R (the identity)",
            reencode(&genuine.bytes(&event_sign, &|m| {
                crafted::small_order_r(display_scalar, &display_pk.to_bytes(), m, identity)
            })),
            NOW_MS,
            "code_bad_signature",
        );
        let mixed_key = (display_pk_point(&display_pk) + torsion8)
            .compress()
            .to_bytes();
        for (name, key, scalar) in [
            (
                "rotating, properly certified small-order display key (the identity)",
                identity.compress().to_bytes(),
                Scalar::ZERO,
            ),
            (
                "rotating, properly certified small-order display key (order 8)",
                torsion8.compress().to_bytes(),
                Scalar::ZERO,
            ),
            (
                "rotating, properly certified mixed-order display key (display key + order-8 point)",
                mixed_key,
                display_scalar,
            ),
        ] {
            let code = crafted::Rotating {
                display_key: key,
                ..genuine
            };
            bad(
                name,
                reencode(&code.bytes(&event_sign, &|m| {
                    crafted::torsion_blind(scalar, &key, m)
                })),
                NOW_MS,
                "code_bad_signature",
            );
        }
        let not_a_point = crafted::not_a_point();
        bad(
            "rotating, properly certified display key that is not a curve point",
            reencode(
                &crafted::Rotating {
                    display_key: not_a_point,
                    ..genuine
                }
                .bytes(&event_sign, &display_sign),
            ),
            NOW_MS,
            "code_bad_signature",
        );

        // Which error wins when a code has two faults.
        let with_key = |bytes: &[u8], key: [u8; 32], key_id: Option<u8>| {
            let mut b = bytes.to_vec();
            b[11..43].copy_from_slice(&key);
            if let Some(id) = key_id {
                b[2] = id;
            }
            reencode(&b)
        };
        let other_event_rotating = SignedCode::decode(
            &DisplaySigner::new(
                &display_seed,
                other_event.certify_display(VenueId(23), display_pk, SHIFT),
            )
            .unwrap()
            .code_at(NOW_MS),
        )
        .unwrap()
        .to_bytes();
        bad(
            "rotating, invalid display key and another event (the key is checked first)",
            with_key(&other_event_rotating, identity.compress().to_bytes(), None),
            NOW_MS,
            "code_bad_signature",
        );
        bad(
            "rotating, invalid display key and an unknown key id (the key is checked first)",
            with_key(&rotating_bytes, not_a_point, Some(9)),
            NOW_MS,
            "code_bad_signature",
        );
        bad(
            "rotating, invalid display key and a revoked key id (the key is checked first)",
            with_key(&rotating_bytes, identity.compress().to_bytes(), Some(2)),
            NOW_MS,
            "code_bad_signature",
        );
        bad(
            "rotating, invalid display key and a dangling last character (the layout is checked first)",
            with_key(&rotating_bytes, identity.compress().to_bytes(), None) + "A",
            NOW_MS,
            "code_garbage",
        );
        bad(
            "static, another event and an unknown key id",
            EventSigningKey::from_seed(EventId(1206), KeyId(9), &seq_seed(0x00))
                .static_code_string(VenueId(23), DAY),
            NOW_MS,
            "code_wrong_event",
        );
        let mut revoked_flipped = SignedCode::decode(&k2.static_code_string(VenueId(23), DAY))
            .unwrap()
            .to_bytes();
        revoked_flipped[40] ^= 1;
        bad(
            "static, revoked key and signature bit flipped",
            reencode(&revoked_flipped),
            NOW_MS,
            "code_key_revoked",
        );
        bad(
            "static, signature bit flipped and expired",
            reencode(&flipped),
            (i64::from(DAY.until) + 300) * 1000,
            "code_bad_signature",
        );
        let late_slot = slot_at(late);
        bad(
            "rotating, certificate expired and slot three ahead (window first)",
            SignedCode::Rotating(display.code_for_slot(late_slot + 3)).encode(),
            late,
            "code_expired",
        );
        let early_slot = slot_at(early);
        bad(
            "rotating, certificate not yet valid and slot three behind (window first)",
            SignedCode::Rotating(display.code_for_slot(early_slot - 3)).encode(),
            early,
            "code_not_yet_valid",
        );

        // base64url edge cases.
        bad(
            "rotating, one dangling extra character ('A', no bits set)",
            format!("{rotating}A"),
            NOW_MS,
            "code_garbage",
        );
        let mut low_bit = poster.clone().into_bytes();
        let last_char = last_value(*low_bit.last().unwrap());
        assert_eq!(last_char & 3, 0, "an encoder leaves the unused bits clear");
        *low_bit.last_mut().unwrap() =
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                [usize::from(last_char | 1)];
        bad(
            "static, lowest unused bit of the last character set",
            String::from_utf8(low_bit).unwrap(),
            NOW_MS,
            "code_garbage",
        );
        bad(
            "static, one dangling extra character (more bytes than a static code)",
            format!("{poster}A"),
            NOW_MS,
            "code_garbage",
        );
        bad(
            "lone 0xB1 with its unused bits set (truncated before canonical)",
            "sR".into(),
            NOW_MS,
            "code_truncated",
        );

        // Short inputs, byte by byte.
        for (name, code, error) in [
            ("lone 0xB1 byte", "sQ", "code_truncated"),
            ("0xB1 0x00, no more", "sQA", "code_truncated"),
            ("0xB1 0x02 (unknown kind)", "sQI", "code_unknown_version"),
            ("lone 0xB2 byte", "sg", "code_unknown_version"),
            ("lone 0xA1 byte", "oQ", "not_baodao"),
            ("one character, no byte", "s", "code_truncated"),
        ] {
            bad(name, code.into(), NOW_MS, error);
        }

        // The length limit counts UTF-8 bytes, not characters.
        bad(
            "512 characters: not refused for length",
            "s".repeat(512),
            NOW_MS,
            "code_unknown_version",
        );
        bad("513 characters", "s".repeat(513), NOW_MS, "code_garbage");
        bad(
            "skeleton code of exactly 512 bytes",
            format!("u.{}", "1".repeat(510)),
            NOW_MS,
            "code_unsigned",
        );
        bad(
            "skeleton code of 513 bytes",
            format!("u.{}", "1".repeat(511)),
            NOW_MS,
            "code_garbage",
        );
        bad(
            "skeleton code of 512 bytes in 172 characters",
            format!("u.{}", "蛋".repeat(170)),
            NOW_MS,
            "code_unsigned",
        );
        bad(
            "skeleton code of 515 bytes in 173 characters",
            format!("u.{}", "蛋".repeat(171)),
            NOW_MS,
            "code_garbage",
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
            (
                "scan, check-in link with an empty fragment",
                "https://baodao.example.cn/c#",
                "code_truncated",
            ),
            (
                "scan, check-in link with a query and no fragment",
                "https://baodao.example.cn/c?lang=zh",
                "code_truncated",
            ),
            ("scan, bare '#'", "#", "code_truncated"),
            ("scan, bare fragment", "#u.1205.23", "code_unsigned"),
            ("scan, bare code without '#'", "u.1205.23", "not_baodao"),
            (
                "scan, http and a port",
                "http://127.0.0.1:8080/c#u.1205.23",
                "code_unsigned",
            ),
            (
                "scan, any host, under a path prefix",
                "https://other.example.org/baodao/c#u.1205.23",
                "code_unsigned",
            ),
            ("scan, empty host", "https:///c#u.1205.23", "code_unsigned"),
            (
                "scan, query before the fragment",
                "https://baodao.example.cn/c?lang=zh#u.1205.23",
                "code_unsigned",
            ),
            (
                "scan, surrounding whitespace trimmed",
                " \t https://baodao.example.cn/c#u.1205.23\n\u{3000}",
                "code_unsigned",
            ),
            (
                "scan, '/c' only inside the query",
                "https://baodao.example.cn/x?next=/c#u.1205.23",
                "not_baodao",
            ),
            (
                "scan, path '/C'",
                "https://baodao.example.cn/C#u.1205.23",
                "not_baodao",
            ),
            (
                "scan, path '/c/'",
                "https://baodao.example.cn/c/#u.1205.23",
                "not_baodao",
            ),
            (
                "scan, path '/abc'",
                "https://baodao.example.cn/abc#u.1205.23",
                "not_baodao",
            ),
            (
                "scan, no path",
                "https://baodao.example.cn#u.1205.23",
                "not_baodao",
            ),
            (
                "scan, scheme in capitals",
                "HTTPS://baodao.example.cn/c#u.1205.23",
                "not_baodao",
            ),
            (
                "scan, another scheme",
                "ftp://baodao.example.cn/c#u.1205.23",
                "not_baodao",
            ),
        ] {
            invalid.push(json!({"name": name, "scan": scan, "now_ms": NOW_MS, "error": error}));
        }
        for (name, scan, error) in [
            (
                "scan, a second '#' stays in the code",
                format!("{BASE}/c#{poster}#x"),
                "code_garbage",
            ),
            (
                "scan, percent-encoding is not decoded",
                format!("{BASE}/c#%73{}", &poster[1..]),
                "code_garbage",
            ),
            (
                "scan, the limit counts the fragment, not the URL",
                format!("{BASE}/c#u.{}", "1".repeat(510)),
                "code_unsigned",
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
            json!({"name": "rotating, recorded before the certificate and far from its slot (validity is reported)", "code": rotating, "device_time_ms": (i64::from(SHIFT.from) - 3600) * 1000, "flag": "code_outside_validity"}),
            json!({"name": "rotating, recorded three slots before its slot", "code": rotating, "device_time_ms": NOW_MS - 3 * slot_ms, "flag": "code_slot_far_from_device_time"}),
            json!({"name": "rotating, recorded three slots after its slot", "code": rotating, "device_time_ms": (i64::from(slot) + 3) * slot_ms, "flag": "code_slot_far_from_device_time"}),
            json!({"name": "rotating, recorded at the end of its slot plus two", "code": rotating, "device_time_ms": (i64::from(slot) + 3) * slot_ms - 1, "flag": null}),
        ];
        let mut sync_flags = sync_flags;
        for (name, t, flag) in [
            (
                "static, last millisecond of the grace after the window",
                (i64::from(DAY.until) + 300) * 1000 - 1,
                None,
            ),
            (
                "static, end of the grace after the window",
                (i64::from(DAY.until) + 300) * 1000,
                Some("code_outside_validity"),
            ),
            (
                "static, start of the grace before the window",
                (i64::from(DAY.from) - 300) * 1000,
                None,
            ),
            (
                "static, just before the grace before the window",
                (i64::from(DAY.from) - 300) * 1000 - 1,
                Some("code_outside_validity"),
            ),
        ] {
            sync_flags
                .push(json!({"name": name, "code": poster, "device_time_ms": t, "flag": flag}));
        }
        for (name, t, flag) in [
            (
                "rotating, in its slot, last millisecond of the certificate's grace",
                (i64::from(SHIFT.until) + 300) * 1000 - 1,
                None,
            ),
            (
                "rotating, in its slot, end of the certificate's grace",
                (i64::from(SHIFT.until) + 300) * 1000,
                Some("code_outside_validity"),
            ),
        ] {
            sync_flags.push(json!({"name": name, "code": display.code_at(t), "device_time_ms": t, "flag": flag}));
        }

        let secret = seq_seed(0xA0);
        let derived: Vec<_> = [
            (EVENT.0, 1u32),
            (EVENT.0, 2),
            (EVENT.0, 23),
            (EVENT.0, 24),
            (EVENT.0, u32::MAX),
            (0, 0),
            (u32::MAX, 23),
        ]
        .iter()
        .map(|&(event, venue)| {
            let digest = short_code_digest(&secret, event, venue);
            let number = u64::from_be_bytes(digest[..8].try_into().unwrap()) % SHORT_CODE_SPACE;
            let code = ShortCode::derive(&secret, EventId(event), VenueId(venue));
            assert_eq!(ShortCode::from_number(number), Some(code));
            json!({
                "event": event,
                "venue": venue,
                "sha512_first8_hex": hex(&digest[..8]),
                "number": number,
                "code": code.as_str(),
            })
        })
        .collect();
        let numbered: Vec<_> = [
            0u64,
            1,
            23,
            30,
            31,
            123_456_789,
            31u64.pow(6),
            27_512_614_110,
            27_512_614_111,
            u64::MAX,
        ]
        .iter()
        .map(|&n| json!({"number": n, "code": ShortCode::from_number(n).map(|c| c.as_str().to_string())}))
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
        for confusable in ["0", "O", "1", "I", "L", "o", "l", "i"] {
            typed.push(json!({"input": format!("{}{}", &s[..7], confusable), "error": "short_code_character"}));
        }
        let full_width_lower: String = s
            .to_lowercase()
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
            .collect();
        typed.push(json!({"input": full_width_lower, "code": s}));
        for separator in [
            "\u{FF0D}", "_", ".", "\u{2010}", "\u{2015}", "\u{2212}", "\u{30FC}", "\u{FE63}", "\t",
            "\n", "\u{A0}", "--", " - ",
        ] {
            typed.push(json!({"input": format!("{}{separator}{}", &s[..4], &s[4..]), "code": s}));
        }
        // Removed anywhere, not only between the halves.
        typed.push(json!({"input": format!("-{}.{}_", &s[..1], &s[1..]), "code": s}));
        for (input, error) in [
            // Not Unicode White_Space, so it stays and counts.
            (
                format!("{}\u{200B}{}", &s[..4], &s[4..]),
                "short_code_length",
            ),
            (format!("{}\u{FEFF}", s), "short_code_length"),
            // Length is judged before characters, characters before the check.
            (format!("{}00", &s[..7]), "short_code_length"),
            (format!("{}0{}", &s[..6], &s[7..]), "short_code_character"),
            // Eight characters, one of them not ASCII.
            (format!("{}蛋", &s[..7]), "short_code_character"),
            ("----".to_string(), "short_code_length"),
        ] {
            typed.push(json!({"input": input, "error": error}));
        }
        // Only ASCII letters are upper-cased: U+017F (long s) upper-cases to
        // `S` in Unicode, but is refused here.
        let with_s = ShortCode::from_number(23).unwrap();
        assert!(with_s.as_str().contains('S'));
        typed.push(json!({"input": with_s.as_str().to_lowercase(), "code": with_s.as_str()}));
        typed.push(json!({"input": with_s.as_str().replace('S', "\u{17F}"), "error": "short_code_character"}));
        // Full-width folding covers U+FF01..U+FF5E only: a circled letter stays.
        let circled = with_s.as_str().replacen('2', "\u{2461}", 1);
        typed.push(json!({"input": circled, "error": "short_code_character"}));

        let entries: Vec<_> = derived
            .iter()
            .map(|d| json!({"event": d["event"], "venue": d["venue"], "code": d["code"]}))
            .collect();
        let unknown = ShortCode::from_number(0).unwrap();
        assert!(entries.iter().all(|e| e["code"] != unknown.as_str()));
        let mut typo = sample.as_str().as_bytes().to_vec();
        typo.swap(i, i + 1);
        let resolved = vec![
            json!({"input": sample.grouped().to_lowercase(), "event": EVENT.0, "venue": 23}),
            json!({"input": ShortCode::derive(&secret, EventId(0), VenueId(0)).as_str(), "event": 0, "venue": 0}),
            json!({"input": unknown.grouped(), "error": "short_code_unknown"}),
            json!({"input": String::from_utf8(typo).unwrap(), "error": "short_code_typo"}),
            json!({"input": "ABC", "error": "short_code_length"}),
        ];

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
                "entries": entries,
                "resolved": resolved,
            },
        });
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/test-vectors/venue-code.json");
        std::fs::write(path, serde_json::to_string_pretty(&vectors).unwrap() + "\n").unwrap();
    }

    /// Signatures and codes that no honest signer makes, built by hand
    /// from the private keys so that each breaks exactly one rule.
    mod crafted {
        use super::*;
        use curve25519_dalek::constants::EIGHT_TORSION;
        use sha2::{Digest, Sha512};

        /// The Ed25519 secret scalar `a` of a seed (RFC 8032 §5.1.5).
        pub fn secret_scalar(seed: &[u8; 32]) -> Scalar {
            let h = Sha512::digest(seed);
            let mut a = [0u8; 32];
            a.copy_from_slice(&h[..32]);
            a[0] &= 248;
            a[31] &= 127;
            a[31] |= 64;
            Scalar::from_bytes_mod_order(a)
        }

        fn challenge(r: &[u8; 32], key: &[u8; 32], message: &[u8]) -> Scalar {
            Scalar::from_hash(
                Sha512::new()
                    .chain_update(r)
                    .chain_update(key)
                    .chain_update(message),
            )
        }

        fn nonce(message: &[u8], attempt: u32) -> Scalar {
            Scalar::from_hash(
                Sha512::new()
                    .chain_update(b"baodao test-vector nonce")
                    .chain_update(attempt.to_be_bytes())
                    .chain_update(message),
            )
        }

        fn signature(r: [u8; 32], s: Scalar) -> [u8; 64] {
            let mut sig = [0u8; 64];
            sig[..32].copy_from_slice(&r);
            sig[32..].copy_from_slice(s.as_bytes());
            sig
        }

        pub fn order_8_point() -> EdwardsPoint {
            let t = EIGHT_TORSION[1];
            assert!(t.mul_by_cofactor().is_identity() && !(t + t + t + t).is_identity());
            t
        }

        /// The first y (little-endian, sign bit clear) with no curve point.
        pub fn not_a_point() -> [u8; 32] {
            (2u8..)
                .map(|y| {
                    let mut b = [0u8; 32];
                    b[0] = y;
                    b
                })
                .find(|b| CompressedEdwardsY(*b).decompress().is_none())
                .unwrap()
        }

        /// R = T of small order and S = k·a: [S]B = R + [k]A holds exactly
        /// when T is the identity, and after multiplying by 8 for any T.
        pub fn small_order_r(
            a: Scalar,
            key: &[u8; 32],
            message: &[u8],
            t: EdwardsPoint,
        ) -> [u8; 64] {
            let r = t.compress().to_bytes();
            signature(r, challenge(&r, key, message) * a)
        }

        /// A genuine signature whose R has `t` added (and S recomputed):
        /// valid after multiplying by 8, not exactly.
        pub fn mixed_order_r(
            a: Scalar,
            key: &[u8; 32],
            message: &[u8],
            t: EdwardsPoint,
        ) -> [u8; 64] {
            let r = nonce(message, 0);
            let big_r = (EdwardsPoint::mul_base(&r) + t).compress().to_bytes();
            signature(big_r, r + challenge(&big_r, key, message) * a)
        }

        /// For a key [a]B + T with T of order dividing 8: a nonce chosen so
        /// that k ≡ 0 (mod 8), hence [k]T vanishes and [S]B = R + [k]A
        /// holds exactly, as every lax verifier checks.
        pub fn torsion_blind(a: Scalar, key: &[u8; 32], message: &[u8]) -> [u8; 64] {
            (0u32..)
                .find_map(|attempt| {
                    let r = nonce(message, attempt);
                    let big_r = EdwardsPoint::mul_base(&r).compress().to_bytes();
                    let k = challenge(&big_r, key, message);
                    k.as_bytes()[0]
                        .is_multiple_of(8)
                        .then(|| signature(big_r, r + k * a))
                })
                .unwrap()
        }

        /// A rotating code laid out by hand, with any display key bytes.
        #[derive(Clone, Copy)]
        pub struct Rotating {
            pub key_id: u8,
            pub event: EventId,
            pub venue: VenueId,
            pub display_key: [u8; 32],
            pub validity: Validity,
            pub slot: u32,
        }

        type Sign<'a> = &'a dyn Fn(&[u8]) -> [u8; 64];

        impl Rotating {
            pub fn bytes(&self, event_key: Sign, display_key: Sign) -> Vec<u8> {
                let ids = [
                    &[self.key_id][..],
                    &self.event.0.to_be_bytes(),
                    &self.venue.0.to_be_bytes(),
                ]
                .concat();
                let window = [
                    self.validity.from.to_be_bytes(),
                    self.validity.until.to_be_bytes(),
                ]
                .concat();
                let cert_message = [
                    &b"baodao/venue-code/display-cert/v1\0"[..],
                    &[0xB1],
                    &ids,
                    &self.display_key,
                    &window,
                ]
                .concat();
                let unsigned = [
                    &[0xB1, 0x01][..],
                    &ids,
                    &self.display_key,
                    &window,
                    &event_key(&cert_message),
                    &self.slot.to_be_bytes(),
                ]
                .concat();
                let message = [&b"baodao/venue-code/rotating/v1\0"[..], &unsigned].concat();
                [unsigned, display_key(&message).to_vec()].concat()
            }
        }
    }

    fn display_pk_point(key: &PublicKey) -> EdwardsPoint {
        CompressedEdwardsY(key.to_bytes()).decompress().unwrap()
    }

    /// A base64url character's value.
    fn last_value(c: u8) -> u8 {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
            .iter()
            .position(|&a| a == c)
            .unwrap() as u8
    }

    /// SHA-512 of the short-code derivation's input, spelled out here.
    fn short_code_digest(secret: &[u8; 32], event: u32, venue: u32) -> Vec<u8> {
        use sha2::{Digest, Sha512};
        let mut h = Sha512::new();
        h.update(b"baodao/short-code/v1\0");
        h.update(secret);
        h.update(event.to_be_bytes());
        h.update(venue.to_be_bytes());
        h.finalize().to_vec()
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
