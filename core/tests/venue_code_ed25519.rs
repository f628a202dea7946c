//! Every signature in the committed vectors, checked by two Ed25519
//! implementations that share no code: `ed25519-dalek` (what the crate uses)
//! and `ed25519-compact`. Each applies the document's rules on top of its
//! library, and both must give each vector's expected verdict. A verifier
//! that takes a library's default verdict would fail here, and the test
//! shows which vectors catch that.
//!
//! The messages are spelled out from `docs/venue-code.md`, not taken from
//! the crate, so the test also checks the document.
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use curve25519_dalek::edwards::CompressedEdwardsY;
use serde_json::Value;

const VECTORS: &str = include_str!("../test-vectors/venue-code.json");

/// ℓ + 1, little-endian.
const ORDER_PLUS_ONE: [u8; 32] = [
    0xee, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];

struct Check {
    key: [u8; 32],
    message: Vec<u8>,
    signature: [u8; 64],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Library {
    Dalek,
    Compact,
}

/// The document's rule: key and R canonical and of prime order, S < ℓ,
/// and [S]B = R + [k]A.
fn verify(library: Library, c: &Check) -> bool {
    let r: [u8; 32] = c.signature[..32].try_into().unwrap();
    match library {
        Library::Dalek => {
            let prime_order = |p: &[u8; 32]| {
                CompressedEdwardsY(*p).decompress().is_some_and(|q| {
                    q.compress().to_bytes() == *p && !q.is_small_order() && q.is_torsion_free()
                })
            };
            // verify_strict checks the equation exactly, so a prime-order
            // key leaves no room for an R with a small-order part.
            prime_order(&c.key)
                && ed25519_dalek::VerifyingKey::from_bytes(&c.key)
                    .and_then(|k| {
                        k.verify_strict(
                            &c.message,
                            &ed25519_dalek::Signature::from_bytes(&c.signature),
                        )
                    })
                    .is_ok()
        }
        Library::Compact => {
            // compact refuses non-canonical and small-order points, but only
            // checks the equation up to a small-order difference, so an R
            // or key with a small-order part passes unless refused here.
            compact_prime_order(&c.key)
                && compact_prime_order(&r)
                && ed25519_compact::PublicKey::new(c.key)
                    .verify(&c.message, &ed25519_compact::Signature::new(c.signature))
                    .is_ok()
        }
    }
}

/// A library's own verdict, as a verifier that trusts it would use.
fn verify_lax(library: Library, c: &Check) -> bool {
    match library {
        Library::Dalek => ed25519_dalek::VerifyingKey::from_bytes(&c.key)
            .and_then(|k| {
                ed25519_dalek::Verifier::verify(
                    &k,
                    &c.message,
                    &ed25519_dalek::Signature::from_bytes(&c.signature),
                )
            })
            .is_ok(),
        Library::Compact => ed25519_compact::PublicKey::new(c.key)
            .verify(&c.message, &ed25519_compact::Signature::new(c.signature))
            .is_ok(),
    }
}

/// Prime order with compact's own arithmetic: on the Montgomery form,
/// [ℓ + 1]P = P exactly when [ℓ]P is the identity. (The x-only ladder
/// cannot tell the identity from the order-2 point, hence ℓ + 1 and not ℓ.)
fn compact_prime_order(p: &[u8; 32]) -> bool {
    use ed25519_compact::x25519;
    // Refuses non-canonical encodings, non-points and small order.
    let Ok(u) = x25519::PublicKey::from_ed25519(&ed25519_compact::PublicKey::new(*p)) else {
        return false;
    };
    u.unclamped_mul(&x25519::SecretKey::new(ORDER_PLUS_ONE))
        .is_ok_and(|v| *v == *u)
}

/// The signatures in a code, if its layout is right and its keys are in the
/// set; `None` when the code fails before signatures are checked.
fn checks(code: &str, keys: &Value) -> Option<Vec<Check>> {
    // The base64 crate refuses what the document calls non-canonical.
    let b = URL_SAFE_NO_PAD.decode(code).ok()?;
    let event_key = |id: u8, event: &[u8]| -> Option<[u8; 32]> {
        let event = u32::from_be_bytes(event.try_into().unwrap());
        if u64::from(event) != keys["event"].as_u64().unwrap() {
            return None;
        }
        let k = keys["keys"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["id"] == u64::from(id) && k["revoked"] == false)?;
        URL_SAFE_NO_PAD
            .decode(k["public_key"].as_str().unwrap())
            .ok()?
            .try_into()
            .ok()
    };
    match (b.first(), b.get(1), b.len()) {
        (Some(0xB1), Some(0x00), 83) => Some(vec![Check {
            key: event_key(b[2], &b[3..7])?,
            message: [&b"baodao/venue-code/static/v1\0"[..], &b[..19]].concat(),
            signature: b[19..83].try_into().unwrap(),
        }]),
        (Some(0xB1), Some(0x01), 183) => Some(vec![
            Check {
                key: event_key(b[2], &b[3..7])?,
                message: [
                    &b"baodao/venue-code/display-cert/v1\0"[..],
                    &[0xB1],
                    &b[2..11],
                    &b[11..51],
                ]
                .concat(),
                signature: b[51..115].try_into().unwrap(),
            },
            Check {
                key: b[11..43].try_into().unwrap(),
                message: [&b"baodao/venue-code/rotating/v1\0"[..], &b[..119]].concat(),
                signature: b[119..183].try_into().unwrap(),
            },
        ]),
        _ => None,
    }
}

#[test]
fn both_implementations_give_every_vector_its_verdict() {
    let v: Value = serde_json::from_str(VECTORS).unwrap();
    let keys = &v["key_set"];
    let mut tried = 0;
    // Refused vectors with good signatures that each library alone accepts.
    let mut lax_accepts = Vec::new();

    let mut cases: Vec<(&str, &str, bool)> = Vec::new();
    for t in v["valid"].as_array().unwrap() {
        cases.push((
            t["name"].as_str().unwrap(),
            t["code"].as_str().unwrap(),
            true,
        ));
    }
    for t in v["invalid"].as_array().unwrap() {
        let Some(code) = t["code"].as_str() else {
            continue;
        };
        let verdict = match t["error"].as_str().unwrap() {
            "code_bad_signature" => false,
            // Refused after the signatures passed.
            "code_expired" | "code_not_yet_valid" => true,
            _ => continue,
        };
        cases.push((t["name"].as_str().unwrap(), code, verdict));
    }

    for (name, code, expected) in cases {
        let Some(checks) = checks(code, keys) else {
            // Refused before signatures (e.g. an unlisted key id): only
            // a refusal can be expected.
            assert!(
                !expected,
                "{name}: valid but its signatures are unreachable"
            );
            continue;
        };
        for library in [Library::Dalek, Library::Compact] {
            let verdicts: Vec<bool> = checks.iter().map(|c| verify(library, c)).collect();
            assert_eq!(
                verdicts.iter().all(|&ok| ok),
                expected,
                "{name}: {library:?} gives {verdicts:?}"
            );
            if !expected && checks.iter().all(|c| verify_lax(library, c)) {
                lax_accepts.push((library, name));
            }
        }
        // Signature by signature, the two agree.
        for c in &checks {
            assert_eq!(
                verify(Library::Dalek, c),
                verify(Library::Compact, c),
                "{name}"
            );
        }
        tried += 1;
    }
    assert!(tried >= 30, "only {tried} vectors reached signatures");

    // The provisioned display certificate, with its message as given.
    let cert = &v["display"]["certificate"];
    let cert_check = Check {
        key: event_key_bytes(keys, 1),
        message: hex(v["display"]["certificate_signed_message_hex"]
            .as_str()
            .unwrap()),
        signature: URL_SAFE_NO_PAD
            .decode(cert["signature"].as_str().unwrap())
            .unwrap()
            .try_into()
            .unwrap(),
    };
    assert!(verify(Library::Dalek, &cert_check));
    assert!(verify(Library::Compact, &cert_check));

    // Without the document's extra rules each library accepts some refused
    // vector, so the vectors do catch a verifier that skips them.
    for library in [Library::Dalek, Library::Compact] {
        assert!(
            lax_accepts.iter().any(|&(l, _)| l == library),
            "no vector catches a lax {library:?}"
        );
    }
    let caught = |n: &str| lax_accepts.iter().any(|&(_, name)| name.contains(n));
    assert!(caught("small-order R (the identity)"));
    assert!(caught("small-order display key (the identity)"));
    assert!(caught("R with an order-8 component"));
    assert!(caught("mixed-order display key"));
}

fn event_key_bytes(keys: &Value, id: u64) -> [u8; 32] {
    let k = keys["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == id)
        .unwrap();
    URL_SAFE_NO_PAD
        .decode(k["public_key"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap()
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}
