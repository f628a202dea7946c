//! Display certificates: the event key's statement "this display key may sign
//! codes for this venue during this window". A venue's screen rotates codes
//! with no connection, so it must sign them itself; giving it the event key
//! would let one stolen tablet forge codes for every venue of the event,
//! whereas a stolen display key only reaches one venue until the certificate
//! expires (or its event key is revoked).

use super::base64url;
use super::keys::{EventKeySet, KeyId, PublicKey};
use super::payload::{Validity, FORMAT_V1};
use super::CodeError;
use crate::ids::{EventId, VenueId};
use serde::{Deserialize, Serialize};

/// Domain separation: a certificate signature can never pass as a code
/// signature or the reverse, even over identical bytes.
pub const CERT_CONTEXT: &[u8] = b"baodao/venue-code/display-cert/v1\0";

/// Bytes a certificate takes inside a rotating code: the display key, the
/// window and the event key's signature. Key id, event and venue are shared
/// with the code's header, which is why they are not repeated.
pub const EMBEDDED_CERT_LEN: usize = 32 + 4 + 4 + 64;

/// Sent to a display screen when it is provisioned, with its private seed;
/// JSON with base64url keys and signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DisplayCertificate {
    /// The event key that signed this certificate.
    pub key_id: KeyId,
    pub event: EventId,
    pub venue: VenueId,
    pub display_key: PublicKey,
    pub validity: Validity,
    #[serde(with = "base64url::signature_serde")]
    pub signature: [u8; 64],
}

impl DisplayCertificate {
    pub(crate) fn signed_message(&self) -> Vec<u8> {
        let mut m = Vec::with_capacity(CERT_CONTEXT.len() + 2 + 8 + 32 + 8);
        m.extend_from_slice(CERT_CONTEXT);
        m.push(FORMAT_V1);
        m.push(self.key_id.0);
        m.extend_from_slice(&self.event.0.to_be_bytes());
        m.extend_from_slice(&self.venue.0.to_be_bytes());
        m.extend_from_slice(&self.display_key.to_bytes());
        m.extend_from_slice(&self.validity.from.to_be_bytes());
        m.extend_from_slice(&self.validity.until.to_be_bytes());
        m
    }

    /// Checks the event key's signature (not the window: see
    /// [`super::VerifiedCode::check_time`]). A display may run this on its
    /// certificate at provisioning to catch a mix-up early.
    pub fn verify(&self, keys: &EventKeySet) -> Result<(), CodeError> {
        if self.event != keys.event {
            return Err(CodeError::WrongEvent);
        }
        keys.key(self.key_id)?
            .verify(&self.signed_message(), &self.signature)
    }

    pub(crate) fn write_embedded(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.display_key.to_bytes());
        out.extend_from_slice(&self.validity.from.to_be_bytes());
        out.extend_from_slice(&self.validity.until.to_be_bytes());
        out.extend_from_slice(&self.signature);
    }
}
