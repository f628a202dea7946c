//! Short typed codes: 8 characters printed under a poster's QR for phones
//! whose camera cannot read it (old phones, glare, a torn poster).
//!
//! The alphabet leaves out `0 O 1 I L`, which people misread on paper, and
//! has 31 characters. 31 being prime is the point: with position weights
//! 1..=8 and the sum taken mod 31, changing any one character, or swapping
//! any two (adjacent or not), changes the sum, so the check character (the
//! last one) catches every such typo before the code is looked up.
//!
//! A short code proves less than a signed one: it is a lookup key, and the
//! widget's cached event data (which resolves it offline) lists every venue's
//! code. The event secret only stops someone who knows event and venue ids
//! from computing codes without that data. See `docs/venue-code.md`.

use crate::ids::{EventId, VenueId};
use crate::venue_link::VenueRef;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha512};
use std::fmt;

pub const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const SHORT_CODE_LEN: usize = 8;
/// Distinct codes: seven data characters, 31^7 ≈ 2.75 × 10^10.
pub const SHORT_CODE_SPACE: u64 = 31u64.pow(7);

const DERIVE_CONTEXT: &[u8] = b"baodao/short-code/v1\0";

/// Why a typed short code does not name a venue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum ShortCodeError {
    /// Too few or too many characters (after dropping spaces and dashes).
    #[error("short code must have 8 characters")]
    Length,
    /// A character outside the alphabet, e.g. `0`, `O`, `1`, `I`, `L`.
    #[error("short code contains a character that is never used")]
    Character,
    /// The check character does not match: a typo.
    #[error("short code has a typo")]
    Typo,
    /// Well-formed, but no cached venue has it: another event's code, or one
    /// issued after the event data was cached.
    #[error("short code is not a known venue")]
    Unknown,
}

impl ShortCodeError {
    pub fn code(self) -> &'static str {
        match self {
            ShortCodeError::Length => "short_code_length",
            ShortCodeError::Character => "short_code_character",
            ShortCodeError::Typo => "short_code_typo",
            ShortCodeError::Unknown => "short_code_unknown",
        }
    }
}

/// A valid short code (check character verified), uppercase ASCII.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShortCode([u8; SHORT_CODE_LEN]);

fn index(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|i| i as u32)
}

fn check_value(data: &[u8]) -> u32 {
    // Σ weight·value over data positions 1..=7; the check at weight 8 must
    // bring the total to 0 mod 31, and 8⁻¹ ≡ 4 (mod 31).
    let sum: u32 = data
        .iter()
        .enumerate()
        .map(|(i, &c)| (i as u32 + 1) * index(c).unwrap_or(0))
        .sum();
    (31 - sum % 31) * 4 % 31
}

/// Folds what people type around a code: full-width characters from Chinese
/// IMEs, lowercase, spaces and every kind of dash.
pub fn normalise_short_code(raw: &str) -> String {
    raw.chars()
        .filter_map(|c| {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0)?,
                other => other,
            };
            match c {
                '-'
                | '_'
                | '.'
                | '\u{2010}'..='\u{2015}'
                | '\u{2212}'
                | '\u{30FC}'
                | '\u{FE63}' => None,
                c if c.is_whitespace() => None,
                c => Some(c.to_ascii_uppercase()),
            }
        })
        .collect()
}

impl ShortCode {
    /// The `n`th code, for organisers who assign codes rather than derive
    /// them. `None` if `n >= SHORT_CODE_SPACE`.
    pub fn from_number(n: u64) -> Option<Self> {
        if n >= SHORT_CODE_SPACE {
            return None;
        }
        let mut out = [0u8; SHORT_CODE_LEN];
        let mut n = n;
        for slot in out[..7].iter_mut().rev() {
            *slot = ALPHABET[(n % 31) as usize];
            n /= 31;
        }
        out[7] = ALPHABET[check_value(&out[..7]) as usize];
        Some(ShortCode(out))
    }

    /// A venue's code from the event's secret, so the server need not store
    /// codes and a reprinted poster gets the same one. The server must still
    /// check that no two venues of an event collide (probability ≈ n²/5.5e10
    /// for n venues) and assign one by [`Self::from_number`] if they do.
    pub fn derive(event_secret: &[u8; 32], event: EventId, venue: VenueId) -> Self {
        let mut h = Sha512::new();
        h.update(DERIVE_CONTEXT);
        h.update(event_secret);
        h.update(event.0.to_be_bytes());
        h.update(venue.0.to_be_bytes());
        let digest = h.finalize();
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        ShortCode::from_number(u64::from_be_bytes(first) % SHORT_CODE_SPACE)
            .expect("reduced into range")
    }

    /// Parses typed input after [`normalise_short_code`].
    pub fn parse(raw: &str) -> Result<Self, ShortCodeError> {
        let s = normalise_short_code(raw);
        if s.chars().count() != SHORT_CODE_LEN {
            return Err(ShortCodeError::Length);
        }
        let mut out = [0u8; SHORT_CODE_LEN];
        for (slot, c) in out.iter_mut().zip(s.bytes()) {
            index(c).ok_or(ShortCodeError::Character)?;
            *slot = c;
        }
        if index(out[7]) != Some(check_value(&out[..7])) {
            return Err(ShortCodeError::Typo);
        }
        Ok(ShortCode(out))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("alphabet is ASCII")
    }

    /// `ABCD-EFGH`, easier to read off a poster and to type in two halves.
    pub fn grouped(&self) -> String {
        format!("{}-{}", &self.as_str()[..4], &self.as_str()[4..])
    }
}

impl fmt::Display for ShortCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for ShortCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ShortCode({})", self.as_str())
    }
}

impl Serialize for ShortCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ShortCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ShortCode::parse(&s).map_err(|e| de::Error::custom(e.code()))
    }
}

/// One venue's short code, as listed in the cached event data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShortCodeEntry {
    pub event: EventId,
    pub venue: VenueId,
    pub code: ShortCode,
}

/// Resolves typed input against the cached entries of every event the phone
/// knows, offline. A typo is reported as such rather than as "unknown", so
/// the widget can ask the volunteer to re-check the poster.
pub fn resolve_short_code(
    raw: &str,
    entries: &[ShortCodeEntry],
) -> Result<VenueRef, ShortCodeError> {
    let code = ShortCode::parse(raw)?;
    entries
        .iter()
        .find(|e| e.code == code)
        .map(|e| VenueRef {
            event: e.event,
            venue: e.venue,
        })
        .ok_or(ShortCodeError::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabet_has_no_confusable_characters() {
        assert_eq!(ALPHABET.len(), 31);
        for c in b"01OIL" {
            assert!(!ALPHABET.contains(c));
        }
        let mut sorted = ALPHABET.to_vec();
        sorted.dedup();
        assert_eq!(sorted.len(), 31);
    }

    #[test]
    fn normalises_typed_input() {
        let code = ShortCode::from_number(123_456_789).unwrap();
        let s = code.as_str().to_string();
        let full_width: String = s
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
            .collect();
        for typed in [
            s.clone(),
            s.to_lowercase(),
            code.grouped(),
            format!(" {} {} ", &s[..4], &s[4..]),
            format!("{}\u{2014}{}", &s[..4], &s[4..]),
            format!("{}\u{3000}{}", &s[..4], &s[4..]),
            full_width,
        ] {
            assert_eq!(ShortCode::parse(&typed), Ok(code), "{typed:?}");
        }
    }

    #[test]
    fn detects_every_substitution_and_adjacent_transposition() {
        for n in [0, 1, 42, 999_999, SHORT_CODE_SPACE - 1] {
            let code = ShortCode::from_number(n).unwrap();
            let good = code.0;
            for i in 0..SHORT_CODE_LEN {
                for &c in ALPHABET {
                    if c != good[i] {
                        let mut bad = good;
                        bad[i] = c;
                        let s = std::str::from_utf8(&bad).unwrap();
                        assert_eq!(ShortCode::parse(s), Err(ShortCodeError::Typo), "{s}");
                    }
                }
                if i + 1 < SHORT_CODE_LEN && good[i] != good[i + 1] {
                    let mut bad = good;
                    bad.swap(i, i + 1);
                    let s = std::str::from_utf8(&bad).unwrap();
                    assert_eq!(ShortCode::parse(s), Err(ShortCodeError::Typo), "{s}");
                }
            }
        }
    }

    #[test]
    fn errors() {
        assert_eq!(ShortCode::parse(""), Err(ShortCodeError::Length));
        assert_eq!(ShortCode::parse("ABCDEFGHJ"), Err(ShortCodeError::Length));
        assert_eq!(ShortCode::parse("ABCDEFG0"), Err(ShortCodeError::Character));
        assert_eq!(
            ShortCode::parse("ABCDEFG蛋"),
            Err(ShortCodeError::Character)
        );
        assert_eq!(ShortCode::from_number(SHORT_CODE_SPACE), None);
    }

    #[test]
    fn resolves_offline() {
        let secret = [9u8; 32];
        let entries: Vec<_> = (1..=50)
            .map(|v| ShortCodeEntry {
                event: EventId(3),
                venue: VenueId(v),
                code: ShortCode::derive(&secret, EventId(3), VenueId(v)),
            })
            .collect();
        let typed = entries[17].code.grouped().to_lowercase();
        assert_eq!(
            resolve_short_code(&typed, &entries),
            Ok(VenueRef {
                event: EventId(3),
                venue: VenueId(18)
            })
        );
        let other = ShortCode::derive(&[8u8; 32], EventId(3), VenueId(18));
        assert_eq!(
            resolve_short_code(other.as_str(), &entries),
            Err(ShortCodeError::Unknown)
        );
        let json = serde_json::to_string(&entries[0]).unwrap();
        assert_eq!(
            serde_json::from_str::<ShortCodeEntry>(&json).unwrap(),
            entries[0]
        );
    }
}
