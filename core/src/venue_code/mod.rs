//! Signed venue codes: what a venue's QR (poster or display screen) carries
//! after `{base}/c#`, and what proves that a volunteer stood at that venue.
//!
//! The widget verifies a code before it stores a check-in, with no connection,
//! so everything needed is in the code itself plus the event's public keys,
//! which the widget caches with the event data. The server verifies again at
//! sync, because a phone's checks can be bypassed.
//!
//! The layouts, the key chain, the rotation rule and the threat model are in
//! `docs/venue-code.md`; the committed vectors in `core/test-vectors/` pin the
//! bytes so that another implementation can be checked against this one.
//!
//! The entry points:
//! - widget: [`verify_scan`] (or [`verify_code`]) with the phone's clock;
//!   [`short_code::resolve_short_code`] for a typed code.
//! - server at sync: [`verify_authentic`], then [`assess_at_sync`] with the
//!   record's device time, which flags but never rejects.
//! - server when printing posters: [`EventSigningKey::sign_static`]; when
//!   provisioning a display: [`EventSigningKey::certify_display`].
//! - display screen: [`DisplaySigner::code_at`].

mod base64url;
pub mod certificate;
pub mod keys;
pub mod payload;
pub mod rotation;
pub mod short_code;

pub use certificate::DisplayCertificate;
pub use keys::{EventKeySet, EventPublicKey, EventSigningKey, KeyId, PublicKey};
pub use payload::{CodeKind, RotatingCode, SignedCode, StaticCode, Validity};
pub use rotation::{
    assess_at_sync, slot_at, DisplaySigner, FlagReason, KeyMismatch, VerifyPolicy, SLOT_SECONDS,
};
pub use short_code::{resolve_short_code, ShortCode, ShortCodeEntry, ShortCodeError};

use crate::checkin::MAX_CODE_LEN;
use crate::ids::{EventId, VenueId};
use crate::venue_link::{code_from_scan, LinkError, VenueRef};
use serde::{Deserialize, Serialize};

/// Why a scanned code was refused. The widget shows one translated message
/// per variant, and the server uses [`CodeError::code`] as the rejection
/// reason, so the variants are as specific as the cause can be known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum CodeError {
    /// The signature does not match: forged, altered, or signed by a key
    /// other than the one its key id names.
    #[error("venue code signature is invalid")]
    BadSignature,
    /// A genuine-looking code of another event than the key set given.
    #[error("venue code belongs to another event")]
    WrongEvent,
    /// The validity window (or, for a rotating code, its time slot) is over.
    #[error("venue code has expired")]
    Expired,
    /// The validity window (or time slot) has not started: often a phone
    /// whose clock is wrong.
    #[error("venue code is not valid yet")]
    NotYetValid,
    /// A Baodao code in a format version (or kind) this build does not know:
    /// the widget is probably outdated.
    #[error("venue code has an unknown format version")]
    UnknownVersion,
    /// The code ends too early: a partly read or cut-off QR.
    #[error("venue code is truncated")]
    Truncated,
    /// Not base64url, or of a length no code has.
    #[error("venue code is malformed")]
    Garbage,
    /// Signed by a key the organiser has revoked.
    #[error("venue code was signed with a revoked key")]
    RevokedKey,
    /// Signed by a key id missing from the cached key set: a key created after
    /// the event data was cached, or a forgery.
    #[error("venue code was signed with an unknown key")]
    UnknownKeyId,
    /// Not a Baodao code at all (another site's QR, or plain text).
    #[error("not a Baodao venue code")]
    NotBaodao,
    /// The walking skeleton's unsigned `u.{event}.{venue}` code, which anyone
    /// can forge and so proves nothing.
    #[error("venue code is unsigned")]
    Unsigned,
}

impl CodeError {
    /// Stable machine-readable code, used as the server's rejection reason and
    /// as the widget's translation key.
    pub fn code(self) -> &'static str {
        match self {
            CodeError::BadSignature => "code_bad_signature",
            CodeError::WrongEvent => "code_wrong_event",
            CodeError::Expired => "code_expired",
            CodeError::NotYetValid => "code_not_yet_valid",
            CodeError::UnknownVersion => "code_unknown_version",
            CodeError::Truncated => "code_truncated",
            CodeError::Garbage => "code_garbage",
            CodeError::RevokedKey => "code_key_revoked",
            CodeError::UnknownKeyId => "code_key_unknown",
            CodeError::NotBaodao => "not_baodao",
            CodeError::Unsigned => "code_unsigned",
        }
    }

    /// Every variant, for exhaustive tests and translation tables.
    pub const ALL: [CodeError; 11] = [
        CodeError::BadSignature,
        CodeError::WrongEvent,
        CodeError::Expired,
        CodeError::NotYetValid,
        CodeError::UnknownVersion,
        CodeError::Truncated,
        CodeError::Garbage,
        CodeError::RevokedKey,
        CodeError::UnknownKeyId,
        CodeError::NotBaodao,
        CodeError::Unsigned,
    ];
}

/// What a verified code proves: the signer vouched that whoever scanned it
/// saw it at this venue, within `validity` (and, for a rotating code, within
/// a few slots of `slot`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VerifiedCode {
    pub event: EventId,
    pub venue: VenueId,
    pub kind: CodeKind,
    /// The event key that signed the code (static) or the display certificate
    /// (rotating).
    pub key_id: KeyId,
    /// Static: the poster's window. Rotating: the display certificate's window.
    pub validity: Validity,
    /// Rotating codes only: the 30-second slot the screen showed it in.
    pub slot: Option<u32>,
    /// Rotating codes only: which display showed it, so a lead reviewing a
    /// flagged record can tell screens apart.
    pub display_key: Option<PublicKey>,
}

impl VerifiedCode {
    pub fn venue_ref(&self) -> VenueRef {
        VenueRef {
            event: self.event,
            venue: self.venue,
        }
    }

    /// The time part of verification, split from the signature part so that
    /// the server can judge time against the record's device time instead
    /// (see [`assess_at_sync`]).
    pub fn check_time(&self, now_ms: i64, policy: &VerifyPolicy) -> Result<(), CodeError> {
        rotation::check_validity(self.validity, now_ms, policy.validity_grace_s)?;
        if let Some(slot) = self.slot {
            rotation::check_slot(slot, now_ms, policy.tolerance_slots)?;
        }
        Ok(())
    }
}

/// Full verification of a code (the URL fragment, without `#`) at `now_ms`
/// (milliseconds since the Unix epoch): what the widget runs before storing
/// a check-in.
pub fn verify_code(
    code: &str,
    keys: &EventKeySet,
    now_ms: i64,
    policy: &VerifyPolicy,
) -> Result<VerifiedCode, CodeError> {
    let verified = verify_authentic(code, keys)?;
    verified.check_time(now_ms, policy)?;
    Ok(verified)
}

/// [`verify_code`] on whatever the scanner read: a check-in URL of any host,
/// or a bare `#fragment`.
pub fn verify_scan(
    text: &str,
    keys: &EventKeySet,
    now_ms: i64,
    policy: &VerifyPolicy,
) -> Result<VerifiedCode, CodeError> {
    let code = code_from_scan(text).map_err(|e| match e {
        LinkError::NotBaodao => CodeError::NotBaodao,
        LinkError::MissingCode => CodeError::Truncated,
        LinkError::Malformed => CodeError::Garbage,
    })?;
    verify_code(code, keys, now_ms, policy)
}

/// Everything except the clock: format, event, key id, revocation and
/// signatures. The server runs this at sync (a record may arrive hours after
/// it was made, so the server's clock says nothing about the code) and then
/// [`assess_at_sync`].
pub fn verify_authentic(code: &str, keys: &EventKeySet) -> Result<VerifiedCode, CodeError> {
    if code.len() > MAX_CODE_LEN {
        return Err(CodeError::Garbage);
    }
    if code.starts_with("u.") {
        return Err(CodeError::Unsigned);
    }
    let signed = SignedCode::decode(code)?;
    signed.verify(keys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn error_codes_are_distinct_snake_case() {
        let codes: HashSet<_> = CodeError::ALL.iter().map(|e| e.code()).collect();
        assert_eq!(codes.len(), CodeError::ALL.len());
        for c in codes {
            assert!(
                c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{c}"
            );
        }
    }
}
