//! base64url without padding (RFC 4648 §5), written out rather than taken
//! from a crate because the verifier needs to tell a cut-off code (which
//! deserves "truncated") from garbage, which a strict decoder cannot say.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

fn value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

/// Bytes decoded from a base64url string. `canonical` is false when the
/// string could not have come from [`encode`]: a dangling last character, or
/// non-zero unused bits in it (both typical of a string cut short).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub bytes: Vec<u8>,
    pub canonical: bool,
}

/// `None` when a character is outside the base64url alphabet (this includes
/// `=` padding, which Baodao codes never carry).
pub(crate) fn decode(s: &str) -> Option<Decoded> {
    let mut bytes = Vec::with_capacity(s.len() / 4 * 3 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for &c in s.as_bytes() {
        acc = (acc << 6 | u32::from(value(c)?)) & 0xFFFF;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
        }
    }
    let leftover_zero = acc & ((1 << bits) - 1) == 0;
    let canonical = s.len() % 4 != 1 && leftover_zero;
    Some(Decoded { bytes, canonical })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), enc);
            let d = decode(enc).unwrap();
            assert_eq!(d.bytes, plain.as_bytes());
            assert!(d.canonical);
        }
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn flags_non_canonical_and_rejects_foreign_characters() {
        assert!(!decode("Zh").unwrap().canonical);
        assert!(decode("Zg8").unwrap().canonical);
        assert!(!decode("Zm9vY").unwrap().canonical);
        assert!(decode("Zg==").is_none());
        assert!(decode("Zm+v").is_none());
        assert!(decode("Zm9 v").is_none());
        assert!(decode("Zm9v.").is_none());
    }
}

/// Serde for signatures as base64url strings, matching how keys appear in JSON.
pub(crate) mod signature_serde {
    use serde::{de, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(sig: &[u8; 64], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::encode(sig))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 64], D::Error> {
        let s = String::deserialize(d)?;
        super::decode(&s)
            .filter(|b| b.canonical)
            .and_then(|b| b.bytes.try_into().ok())
            .ok_or_else(|| de::Error::custom("signature is not 64 bytes of base64url"))
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn agrees_with_the_base64_crate(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let ours = encode(&bytes);
            prop_assert_eq!(&ours, &URL_SAFE_NO_PAD.encode(&bytes));
            prop_assert_eq!(decode(&ours), Some(Decoded { bytes, canonical: true }));
        }

        #[test]
        fn canonical_exactly_when_the_crate_accepts(s in "[A-Za-z0-9_-]{0,20}") {
            let ours = decode(&s).unwrap();
            match URL_SAFE_NO_PAD.decode(&s) {
                Ok(bytes) => prop_assert_eq!(ours, Decoded { bytes, canonical: true }),
                Err(_) => prop_assert!(!ours.canonical),
            }
        }
    }
}
