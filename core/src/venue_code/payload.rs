//! The binary layouts of venue codes (tables in `docs/venue-code.md`).
//!
//! Fixed-width big-endian fields rather than varints or JSON: every byte is
//! in a QR that must stay readable across a room, a fixed layout has exactly
//! one encoding per code (so a signature cannot be replayed under another
//! spelling), and a fixed length lets the parser name truncation precisely.

use super::base64url;
use super::certificate::{DisplayCertificate, EMBEDDED_CERT_LEN};
use super::keys::{EventKeySet, KeyId, PublicKey};
use super::{CodeError, VerifiedCode};
use crate::ids::{EventId, VenueId};
use serde::{Deserialize, Serialize};

/// Leading byte of every signed code: high nibble `0xB` marks Baodao, low
/// nibble is the format version. base64url turns `0xB?` into a first
/// character `s`–`v`, so a glance at a URL tells a code's family.
pub const FORMAT_V1: u8 = 0xB1;
const FAMILY_MASK: u8 = 0xF0;
const FAMILY: u8 = 0xB0;

const KIND_STATIC: u8 = 0x00;
const KIND_ROTATING: u8 = 0x01;

/// Format, kind, key id, event, venue.
pub const HEADER_LEN: usize = 1 + 1 + 1 + 4 + 4;
/// Header, validity window, event key's signature.
pub const STATIC_LEN: usize = HEADER_LEN + 8 + 64;
/// Header, embedded certificate, slot, display key's signature.
pub const ROTATING_LEN: usize = HEADER_LEN + EMBEDDED_CERT_LEN + 4 + 64;

pub const STATIC_CONTEXT: &[u8] = b"baodao/venue-code/static/v1\0";
pub const ROTATING_CONTEXT: &[u8] = b"baodao/venue-code/rotating/v1\0";

/// A half-open window `[from, until)` in seconds since the Unix epoch (u32:
/// good until 2106, and 4 bytes instead of 8 in every QR).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Validity {
    pub from: u32,
    pub until: u32,
}

/// Printed poster (fixed for the event's dates) or display screen (a new
/// code every [`super::SLOT_SECONDS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeKind {
    Static,
    Rotating,
}

impl CodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CodeKind::Static => "static",
            CodeKind::Rotating => "rotating",
        }
    }
}

/// A poster's code, signed by an event key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StaticCode {
    pub key_id: KeyId,
    pub event: EventId,
    pub venue: VenueId,
    pub validity: Validity,
    pub signature: [u8; 64],
}

/// A display screen's code: the screen's certificate plus a slot signed by
/// the screen's own key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RotatingCode {
    /// Its `key_id`, `event` and `venue` are the code's.
    pub cert: DisplayCertificate,
    pub slot: u32,
    pub signature: [u8; 64],
}

/// A code whose layout has been read but whose signatures are not checked
/// yet. The widget may look at [`SignedCode::event`] to pick which cached
/// key set to verify it with; nothing else in it can be trusted before
/// [`SignedCode::verify`].
// Rotating codes hold a decompressed public key; a code lives for one check,
// so staying `Copy` matters more than its size.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignedCode {
    Static(StaticCode),
    Rotating(RotatingCode),
}

fn write_header(out: &mut Vec<u8>, kind: u8, key_id: KeyId, event: EventId, venue: VenueId) {
    out.push(FORMAT_V1);
    out.push(kind);
    out.push(key_id.0);
    out.extend_from_slice(&event.0.to_be_bytes());
    out.extend_from_slice(&venue.0.to_be_bytes());
}

fn array<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut a = [0; N];
    a.copy_from_slice(&bytes[at..at + N]);
    a
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes(array(bytes, at))
}

impl StaticCode {
    fn write_unsigned(&self, out: &mut Vec<u8>) {
        write_header(out, KIND_STATIC, self.key_id, self.event, self.venue);
        out.extend_from_slice(&self.validity.from.to_be_bytes());
        out.extend_from_slice(&self.validity.until.to_be_bytes());
    }

    pub(crate) fn signed_message(&self) -> Vec<u8> {
        let mut m = STATIC_CONTEXT.to_vec();
        self.write_unsigned(&mut m);
        m
    }
}

impl RotatingCode {
    fn write_unsigned(&self, out: &mut Vec<u8>) {
        let c = &self.cert;
        write_header(out, KIND_ROTATING, c.key_id, c.event, c.venue);
        c.write_embedded(out);
        out.extend_from_slice(&self.slot.to_be_bytes());
    }

    pub(crate) fn signed_message(&self) -> Vec<u8> {
        let mut m = ROTATING_CONTEXT.to_vec();
        self.write_unsigned(&mut m);
        m
    }
}

impl SignedCode {
    pub fn kind(&self) -> CodeKind {
        match self {
            SignedCode::Static(_) => CodeKind::Static,
            SignedCode::Rotating(_) => CodeKind::Rotating,
        }
    }

    /// Unverified: which event the code claims to belong to.
    pub fn event(&self) -> EventId {
        match self {
            SignedCode::Static(c) => c.event,
            SignedCode::Rotating(c) => c.cert.event,
        }
    }

    /// Unverified: which venue the code claims.
    pub fn venue(&self) -> VenueId {
        match self {
            SignedCode::Static(c) => c.venue,
            SignedCode::Rotating(c) => c.cert.venue,
        }
    }

    /// Unverified: which event key the code claims to be signed with.
    pub fn key_id(&self) -> KeyId {
        match self {
            SignedCode::Static(c) => c.key_id,
            SignedCode::Rotating(c) => c.cert.key_id,
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        match self {
            SignedCode::Static(c) => {
                let mut out = Vec::with_capacity(STATIC_LEN);
                c.write_unsigned(&mut out);
                out.extend_from_slice(&c.signature);
                out
            }
            SignedCode::Rotating(c) => {
                let mut out = Vec::with_capacity(ROTATING_LEN);
                c.write_unsigned(&mut out);
                out.extend_from_slice(&c.signature);
                out
            }
        }
    }

    /// The string for the URL fragment.
    pub fn encode(&self) -> String {
        base64url::encode(&self.to_bytes())
    }

    /// Reads the string from a URL fragment. Never panics, whatever the input.
    pub fn decode(code: &str) -> Result<Self, CodeError> {
        let decoded = base64url::decode(code).ok_or(CodeError::Garbage)?;
        Self::parse(&decoded.bytes, decoded.canonical)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, CodeError> {
        Self::parse(bytes, true)
    }

    /// Errors are decided in byte order (family, version, kind, length), so a
    /// cut-off code reports [`CodeError::Truncated`] as long as its header
    /// survived, and a longer-than-possible one is garbage.
    fn parse(bytes: &[u8], canonical: bool) -> Result<Self, CodeError> {
        let first = *bytes.first().ok_or(CodeError::Truncated)?;
        if first & FAMILY_MASK != FAMILY {
            return Err(CodeError::NotBaodao);
        }
        if first != FORMAT_V1 {
            return Err(CodeError::UnknownVersion);
        }
        let kind = *bytes.get(1).ok_or(CodeError::Truncated)?;
        let expected = match kind {
            KIND_STATIC => STATIC_LEN,
            KIND_ROTATING => ROTATING_LEN,
            _ => return Err(CodeError::UnknownVersion),
        };
        if bytes.len() < expected {
            return Err(CodeError::Truncated);
        }
        if bytes.len() > expected || !canonical {
            return Err(CodeError::Garbage);
        }
        let key_id = KeyId(bytes[2]);
        let event = EventId(u32_at(bytes, 3));
        let venue = VenueId(u32_at(bytes, 7));
        let at = HEADER_LEN;
        Ok(match kind {
            KIND_STATIC => SignedCode::Static(StaticCode {
                key_id,
                event,
                venue,
                validity: Validity {
                    from: u32_at(bytes, at),
                    until: u32_at(bytes, at + 4),
                },
                signature: array(bytes, at + 8),
            }),
            _ => {
                // An unusable key must never verify anything, and the event
                // key never certifies one, so there is no better error to find.
                let display_key =
                    PublicKey::from_bytes(&array(bytes, at)).ok_or(CodeError::BadSignature)?;
                let cert = DisplayCertificate {
                    key_id,
                    event,
                    venue,
                    display_key,
                    validity: Validity {
                        from: u32_at(bytes, at + 32),
                        until: u32_at(bytes, at + 36),
                    },
                    signature: array(bytes, at + 40),
                };
                let at = at + EMBEDDED_CERT_LEN;
                SignedCode::Rotating(RotatingCode {
                    cert,
                    slot: u32_at(bytes, at),
                    signature: array(bytes, at + 4),
                })
            }
        })
    }

    /// Checks event, key and signatures against the event's trusted keys, in
    /// that order, so the error names the first thing that is wrong. Time is
    /// left to [`VerifiedCode::check_time`].
    pub fn verify(&self, keys: &EventKeySet) -> Result<VerifiedCode, CodeError> {
        if self.event() != keys.event {
            return Err(CodeError::WrongEvent);
        }
        let event_key = keys.key(self.key_id())?;
        let (validity, slot, display_key) = match self {
            SignedCode::Static(c) => {
                event_key.verify(&c.signed_message(), &c.signature)?;
                (c.validity, None, None)
            }
            SignedCode::Rotating(c) => {
                event_key.verify(&c.cert.signed_message(), &c.cert.signature)?;
                c.cert
                    .display_key
                    .verify(&c.signed_message(), &c.signature)?;
                (c.cert.validity, Some(c.slot), Some(c.cert.display_key))
            }
        };
        Ok(VerifiedCode {
            event: self.event(),
            venue: self.venue(),
            kind: self.kind(),
            key_id: self.key_id(),
            validity,
            slot,
            display_key,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths() {
        assert_eq!(STATIC_LEN, 83);
        assert_eq!(ROTATING_LEN, 183);
    }
}
