//! Bearer tokens: made from the OS RNG, shown once, stored only as SHA-256.
//!
//! A token is a kind prefix (`bo_` organiser session, `bl_` lead session,
//! `bd_` device, `bs_` setup link, `bi_` lead invite) and 32 random bytes in
//! base64url. The prefix lets a handler tell a setup link from an invite and
//! lets people (and secret scanners) recognise a leaked token; it is part of
//! what is hashed.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// What a token is for (its prefix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    OrganiserSession,
    LeadSession,
    Device,
    SetupLink,
    LeadInvite,
}

impl TokenKind {
    pub fn prefix(self) -> &'static str {
        match self {
            TokenKind::OrganiserSession => "bo_",
            TokenKind::LeadSession => "bl_",
            TokenKind::Device => "bd_",
            TokenKind::SetupLink => "bs_",
            TokenKind::LeadInvite => "bi_",
        }
    }

    /// The kind a presented token claims to be, by its prefix.
    pub fn of(token: &str) -> Option<TokenKind> {
        [
            TokenKind::OrganiserSession,
            TokenKind::LeadSession,
            TokenKind::Device,
            TokenKind::SetupLink,
            TokenKind::LeadInvite,
        ]
        .into_iter()
        .find(|k| token.starts_with(k.prefix()))
    }
}

/// A fresh token of `kind` and the hash to store for it.
pub fn generate(kind: TokenKind) -> anyhow::Result<(String, String)> {
    let bytes = crate::keys::random_seed()?;
    let token = format!("{}{}", kind.prefix(), URL_SAFE_NO_PAD.encode(bytes));
    let hash = hash(&token);
    Ok((token, hash))
}

/// The stored form of a token: lowercase hex SHA-256.
pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether a stored hash is the hash of `token`, in constant time. Rows are
/// looked up by hash (an index cannot be constant-time), and the row found is
/// compared again here so that no code path decides by an early-exit `==`.
pub fn matches(token: &str, stored_hash: &str) -> bool {
    hash(token).as_bytes().ct_eq(stored_hash.as_bytes()).into()
}

/// Whether `token` has the shape of one of ours (cheap check before any
/// database work; a garbage header is rejected without a query).
pub fn well_formed(token: &str) -> bool {
    TokenKind::of(token).is_some()
        && token.len() == 3 + 43
        && token[3..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_prefixed_random_and_hashed() {
        let (a, ha) = generate(TokenKind::LeadSession).unwrap();
        let (b, _) = generate(TokenKind::LeadSession).unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with("bl_") && well_formed(&a), "{a}");
        assert_eq!(TokenKind::of(&a), Some(TokenKind::LeadSession));
        assert_eq!(ha.len(), 64);
        assert!(matches(&a, &ha));
        assert!(!matches(&b, &ha));
        assert!(!well_formed("bl_short"));
        assert!(!well_formed(&format!("xx_{}", &a[3..])));
    }
}
