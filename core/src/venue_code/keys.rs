//! Event keys: the root of trust. The server creates one signing key per event
//! (more over time, each with its own [`KeyId`], so that a leaked key can be
//! revoked without reprinting every poster); the widget caches only the
//! public half, in an [`EventKeySet`] that comes with the event data.

use super::base64url;
use super::certificate::DisplayCertificate;
use super::payload::{SignedCode, StaticCode, Validity};
use super::CodeError;
use crate::ids::{EventId, VenueId};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Names one of an event's keys inside a code. One byte, because it is in
/// every QR; 256 keys per event is far more rotation than a volunteer day needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct KeyId(pub u8);

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// An Ed25519 public key known to be the canonical encoding of a point of
/// prime order, as every honestly made key is. A small-order key would
/// "verify" forged signatures; a non-canonical or mixed-order one is where
/// Ed25519 libraries disagree, so refusing them lets another implementation
/// match this one on any library. Serialised as 43 characters of base64url.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey(VerifyingKey);

impl PublicKey {
    /// `None` for bytes that are not a usable Ed25519 public key.
    pub fn from_bytes(bytes: &[u8; 32]) -> Option<Self> {
        let key = VerifyingKey::from_bytes(bytes).ok()?;
        let point = key.to_edwards();
        let usable =
            point.compress().to_bytes() == *bytes && !key.is_weak() && point.is_torsion_free();
        usable.then_some(PublicKey(key))
    }

    pub fn to_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// Strict verification (no malleable signatures, no small-order points):
    /// a code has exactly one valid signature, so re-encoding cannot launder it.
    pub(crate) fn verify(&self, message: &[u8], signature: &[u8; 64]) -> Result<(), CodeError> {
        let signature = ed25519_dalek::Signature::from_bytes(signature);
        self.0
            .verify_strict(message, &signature)
            .map_err(|_| CodeError::BadSignature)
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", base64url::encode(self.0.as_bytes()))
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&base64url::encode(self.0.as_bytes()))
    }
}

impl Serialize for PublicKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for PublicKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let bytes: [u8; 32] = base64url::decode(&s)
            .filter(|b| b.canonical)
            .and_then(|b| b.bytes.try_into().ok())
            .ok_or_else(|| de::Error::custom("public key is not 32 bytes of base64url"))?;
        PublicKey::from_bytes(&bytes).ok_or_else(|| de::Error::custom("invalid Ed25519 public key"))
    }
}

/// One public key of an event, as the widget caches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventPublicKey {
    pub id: KeyId,
    pub public_key: PublicKey,
    /// A revoked key stays listed (rather than being dropped) so that its codes
    /// get the specific "revoked" error and not "unknown key".
    #[serde(default)]
    pub revoked: bool,
}

/// The keys the widget trusts for one event. Fetched with the event data and
/// cached; a code is checked against the set of the event it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventKeySet {
    pub event: EventId,
    pub keys: Vec<EventPublicKey>,
}

impl EventKeySet {
    /// The usable key with this id. A revoked entry wins over a live one with
    /// the same id, so a malformed set errs on the side of refusing.
    pub fn key(&self, id: KeyId) -> Result<&PublicKey, CodeError> {
        let mut found = None;
        for k in self.keys.iter().filter(|k| k.id == id) {
            if k.revoked {
                return Err(CodeError::RevokedKey);
            }
            found.get_or_insert(&k.public_key);
        }
        found.ok_or(CodeError::UnknownKeyId)
    }
}

/// An event's private signing key. Lives on the server only.
///
/// Made from 32 seed bytes supplied by the caller (the server reads them from
/// the OS RNG) so that this crate needs no RNG and compiles to wasm without
/// `getrandom`; fixed seeds also make the test vectors reproducible.
#[derive(Clone)]
pub struct EventSigningKey {
    pub event: EventId,
    pub id: KeyId,
    key: SigningKey,
}

impl fmt::Debug for EventSigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventSigningKey")
            .field("event", &self.event)
            .field("id", &self.id)
            .field("public_key", &self.public_key())
            .finish_non_exhaustive()
    }
}

impl EventSigningKey {
    pub fn from_seed(event: EventId, id: KeyId, seed: &[u8; 32]) -> Self {
        EventSigningKey {
            event,
            id,
            key: SigningKey::from_bytes(seed),
        }
    }

    /// The seed, for the server to store (encrypted) and reload.
    pub fn seed(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.key.verifying_key())
    }

    /// The entry to publish in the event's [`EventKeySet`].
    pub fn public_entry(&self) -> EventPublicKey {
        EventPublicKey {
            id: self.id,
            public_key: self.public_key(),
            revoked: false,
        }
    }

    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.key.sign(message).to_bytes()
    }

    /// The static code printed on a venue's poster.
    pub fn sign_static(&self, venue: VenueId, validity: Validity) -> StaticCode {
        let mut code = StaticCode {
            key_id: self.id,
            event: self.event,
            venue,
            validity,
            signature: [0; 64],
        };
        code.signature = self.sign(&code.signed_message());
        code
    }

    /// [`Self::sign_static`], encoded for the URL fragment.
    pub fn static_code_string(&self, venue: VenueId, validity: Validity) -> String {
        SignedCode::Static(self.sign_static(venue, validity)).encode()
    }

    /// Delegates code signing for one venue to a display screen's key, so the
    /// screen can mint rotating codes with no connection and without holding
    /// the event key. Keep `validity` to the event's hours: it is the only
    /// bound on a stolen display key.
    pub fn certify_display(
        &self,
        venue: VenueId,
        display_key: PublicKey,
        validity: Validity,
    ) -> DisplayCertificate {
        let mut cert = DisplayCertificate {
            key_id: self.id,
            event: self.event,
            venue,
            display_key,
            validity,
            signature: [0; 64],
        };
        cert.signature = self.sign(&cert.signed_message());
        cert
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_set_json_shape() {
        let k = EventSigningKey::from_seed(EventId(7), KeyId(1), &[1; 32]);
        let set = EventKeySet {
            event: EventId(7),
            keys: vec![k.public_entry()],
        };
        let json = serde_json::to_value(&set).unwrap();
        assert_eq!(json["event"], 7);
        assert_eq!(json["keys"][0]["id"], 1);
        assert_eq!(json["keys"][0]["revoked"], false);
        assert_eq!(json["keys"][0]["public_key"].as_str().unwrap().len(), 43);
        let back: EventKeySet = serde_json::from_value(json).unwrap();
        assert_eq!(back, set);
        // `revoked` may be omitted.
        let pk = k.public_key().to_string();
        let minimal: EventKeySet = serde_json::from_str(&format!(
            r#"{{"event":7,"keys":[{{"id":1,"public_key":"{pk}"}}]}}"#
        ))
        .unwrap();
        assert_eq!(minimal, set);
    }

    #[test]
    fn rejects_unusable_public_keys() {
        // The identity point is small-order: it would accept forged signatures.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert!(PublicKey::from_bytes(&identity).is_none());
        let bad = format!(r#""{}""#, base64url::encode(&identity));
        assert!(serde_json::from_str::<PublicKey>(&bad).is_err());
        assert!(serde_json::from_str::<PublicKey>(r#""abc""#).is_err());
    }

    #[test]
    fn revoked_entry_wins() {
        let k = EventSigningKey::from_seed(EventId(7), KeyId(1), &[1; 32]);
        let mut set = EventKeySet {
            event: EventId(7),
            keys: vec![k.public_entry()],
        };
        assert!(set.key(KeyId(1)).is_ok());
        assert_eq!(set.key(KeyId(2)), Err(CodeError::UnknownKeyId));
        set.keys.push(EventPublicKey {
            revoked: true,
            ..k.public_entry()
        });
        assert_eq!(set.key(KeyId(1)), Err(CodeError::RevokedKey));
    }
}
