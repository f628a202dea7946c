//! Rotating codes and time rules.
//!
//! A display screen shows a new code every [`SLOT_SECONDS`]; a phone accepts a
//! code whose slot is within [`VerifyPolicy::tolerance_slots`] of its own
//! clock's slot. The tolerance trades two things: phones with slightly wrong
//! clocks (and the seconds between scanning and verifying) against how long a
//! photo of the screen stays usable elsewhere. With the default ±2 slots a
//! code is accepted from 60 s before its slot begins until 60 s after it was
//! replaced on the screen (150 s in all), by a phone whose clock is right.

use super::certificate::DisplayCertificate;
use super::keys::PublicKey;
use super::payload::{RotatingCode, SignedCode, Validity};
use super::{CodeError, VerifiedCode};
use ed25519_dalek::{Signer, SigningKey};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Length of a rotation slot. Part of the format: a display and a phone must
/// agree on it without talking to each other.
pub const SLOT_SECONDS: i64 = 30;

/// The slot containing `now_ms` (milliseconds since the Unix epoch), clamped
/// to what a code can carry.
pub fn slot_at(now_ms: i64) -> u32 {
    now_ms
        .div_euclid(SLOT_SECONDS * 1000)
        .clamp(0, i64::from(u32::MAX)) as u32
}

/// How much clock disagreement verification forgives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VerifyPolicy {
    /// Slots a rotating code may be ahead of or behind the verifier's clock.
    pub tolerance_slots: u32,
    /// Seconds a validity window (a poster's, or a display certificate's) is
    /// stretched at both ends, because phone clocks are often minutes off and
    /// a volunteer arriving a little early should not be turned away.
    pub validity_grace_s: u32,
}

impl Default for VerifyPolicy {
    fn default() -> Self {
        VerifyPolicy {
            tolerance_slots: 2,
            validity_grace_s: 300,
        }
    }
}

pub(crate) fn check_validity(v: Validity, now_ms: i64, grace_s: u32) -> Result<(), CodeError> {
    let now_s = now_ms.div_euclid(1000);
    let grace = i64::from(grace_s);
    if now_s + grace < i64::from(v.from) {
        return Err(CodeError::NotYetValid);
    }
    if now_s - grace >= i64::from(v.until) {
        return Err(CodeError::Expired);
    }
    Ok(())
}

pub(crate) fn check_slot(slot: u32, now_ms: i64, tolerance: u32) -> Result<(), CodeError> {
    let offset = i64::from(slot) - now_ms.div_euclid(SLOT_SECONDS * 1000);
    if offset > i64::from(tolerance) {
        return Err(CodeError::NotYetValid);
    }
    if offset < -i64::from(tolerance) {
        return Err(CodeError::Expired);
    }
    Ok(())
}

/// Why the server stores a record but asks a lead to look at it. The server
/// never rejects on time: a record may sync hours late, and a phone clock
/// may be wrong, so time disagreements are evidence for a person to weigh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum FlagReason {
    /// A rotating code whose slot is further from the record's device time
    /// than the widget would have accepted: a replayed photo, a tampered
    /// widget, or a phone whose clock jumped.
    #[error("rotating code's slot is far from the record's device time")]
    SlotFarFromDeviceTime,
    /// The record's device time is outside the code's (or display
    /// certificate's) validity window.
    #[error("record's device time is outside the code's validity")]
    OutsideValidity,
}

impl FlagReason {
    /// Stable code, used as [`crate::sync::ItemOutcome::Flagged`]'s reason.
    pub fn code(self) -> &'static str {
        match self {
            FlagReason::SlotFarFromDeviceTime => "code_slot_far_from_device_time",
            FlagReason::OutsideValidity => "code_outside_validity",
        }
    }
}

/// The server's time judgement of an authentic code (from
/// [`super::verify_authentic`]) against the record's `device_time_ms`. The
/// caller may first correct the device time by the phone's clock offset
/// estimated from the batch, and may pass a looser policy than the widget's.
pub fn assess_at_sync(
    code: &VerifiedCode,
    device_time_ms: i64,
    policy: &VerifyPolicy,
) -> Option<FlagReason> {
    if check_validity(code.validity, device_time_ms, policy.validity_grace_s).is_err() {
        return Some(FlagReason::OutsideValidity);
    }
    match code.slot {
        Some(slot) if check_slot(slot, device_time_ms, policy.tolerance_slots).is_err() => {
            Some(FlagReason::SlotFarFromDeviceTime)
        }
        _ => None,
    }
}

/// The display seed does not belong to the certificate's display key: the
/// screen was given another screen's certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("display key does not match its certificate")]
pub struct KeyMismatch;

/// What a venue's display screen holds to mint rotating codes offline: its
/// own private key and the certificate the event key gave it.
#[derive(Clone)]
pub struct DisplaySigner {
    key: SigningKey,
    cert: DisplayCertificate,
}

impl fmt::Debug for DisplaySigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DisplaySigner")
            .field("cert", &self.cert)
            .finish_non_exhaustive()
    }
}

impl DisplaySigner {
    /// The public key to have certified for a display whose private seed is
    /// `seed` (32 random bytes; the seed itself need never leave the display).
    pub fn public_key_for_seed(seed: &[u8; 32]) -> PublicKey {
        let key = SigningKey::from_bytes(seed).verifying_key();
        PublicKey::from_bytes(key.as_bytes()).expect("a derived public key is always valid")
    }

    pub fn new(seed: &[u8; 32], cert: DisplayCertificate) -> Result<Self, KeyMismatch> {
        let key = SigningKey::from_bytes(seed);
        if key.verifying_key().to_bytes() != cert.display_key.to_bytes() {
            return Err(KeyMismatch);
        }
        Ok(DisplaySigner { key, cert })
    }

    pub fn certificate(&self) -> &DisplayCertificate {
        &self.cert
    }

    pub fn code_for_slot(&self, slot: u32) -> RotatingCode {
        let mut code = RotatingCode {
            cert: self.cert,
            slot,
            signature: [0; 64],
        };
        code.signature = self.key.sign(&code.signed_message()).to_bytes();
        code
    }

    /// The string to put in the screen's QR at `now_ms`; call it again when
    /// [`slot_at`] changes.
    pub fn code_at(&self, now_ms: i64) -> String {
        SignedCode::Rotating(self.code_for_slot(slot_at(now_ms))).encode()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slot_window_is_symmetric() {
        let t = 1_764_000_000_000; // on a slot boundary
        let s = slot_at(t);
        assert_eq!(i64::from(s) * 30_000, t);
        for d in -2..=2i64 {
            assert_eq!(check_slot((i64::from(s) + d) as u32, t, 2), Ok(()));
        }
        assert_eq!(check_slot(s + 3, t, 2), Err(CodeError::NotYetValid));
        assert_eq!(check_slot(s - 3, t, 2), Err(CodeError::Expired));
        // Extreme clocks do not overflow.
        assert_eq!(check_slot(0, i64::MAX, 2), Err(CodeError::Expired));
        assert_eq!(
            check_slot(u32::MAX, i64::MIN, 2),
            Err(CodeError::NotYetValid)
        );
        assert_eq!(slot_at(i64::MIN), 0);
        assert_eq!(slot_at(i64::MAX), u32::MAX);
    }

    #[test]
    fn validity_grace_stretches_both_ends() {
        let v = Validity {
            from: 1000,
            until: 2000,
        };
        assert_eq!(check_validity(v, 700_000, 300), Ok(()));
        assert_eq!(check_validity(v, 699_999, 300), Err(CodeError::NotYetValid));
        assert_eq!(check_validity(v, 2_299_999, 300), Ok(()));
        assert_eq!(check_validity(v, 2_300_000, 300), Err(CodeError::Expired));
        assert_eq!(check_validity(v, 1_999_999, 0), Ok(()));
        assert_eq!(check_validity(v, 2_000_000, 0), Err(CodeError::Expired));
        assert_eq!(check_validity(v, i64::MAX, 300), Err(CodeError::Expired));
        assert_eq!(
            check_validity(v, i64::MIN, 300),
            Err(CodeError::NotYetValid)
        );
    }
}
