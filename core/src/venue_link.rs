//! The URL printed in a venue's QR code, and the venue reference inside it.
//!
//! The QR holds `{base}/c#{code}`: a plain https URL so that WeChat's scanner
//! and phone cameras open the widget directly, with the code in the fragment
//! so that it never reaches any server log. The in-app scanner reads the same
//! string.
//!
//! Codes are signed (docs/venue-code.md, [`crate::venue_code`]); they are
//! base64url, which has no `.`. Two dotted forms exist besides:
//! - `s.{SHORTCODE}` ([`short_code_checkin`]): what a check-in made by typing a
//!   venue's short code carries in [`crate::CheckIn::code`]. The server stores
//!   such records flagged `short_code_entry` for a lead's review, because a
//!   short code is a guessable lookup key, not a proof of presence.
//! - `u.{event}.{venue}`: the walking skeleton's unsigned code. Anyone can
//!   forge it, so the widget and the server refuse it (`code_unsigned`); it is
//!   kept here only to build such codes in tests.

use crate::ids::{EventId, VenueId};
use serde::{Deserialize, Serialize};

/// Path of the widget's check-in route.
pub const CHECKIN_PATH: &str = "/c";

/// Prefix of a check-in code made from a typed short code.
pub const SHORT_CODE_PREFIX: &str = "s.";

/// The [`crate::CheckIn::code`] of a check-in made by typing `code`.
pub fn short_code_checkin(code: &crate::venue_code::ShortCode) -> String {
    format!("{SHORT_CODE_PREFIX}{code}")
}

/// The short code inside a `s.{SHORTCODE}` check-in code, if it is one
/// (validated, check character included).
pub fn parse_short_code_checkin(
    code: &str,
) -> Option<Result<crate::venue_code::ShortCode, crate::venue_code::ShortCodeError>> {
    code.strip_prefix(SHORT_CODE_PREFIX)
        .map(crate::venue_code::ShortCode::parse)
}

/// A venue of an event, as named by a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VenueRef {
    pub event: EventId,
    pub venue: VenueId,
}

/// Why a scanned text or link does not name a venue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Not a Baodao link at all (another site's QR, plain text).
    #[error("not a Baodao check-in link")]
    NotBaodao,
    /// A Baodao link whose code is missing.
    #[error("check-in link has no venue code")]
    MissingCode,
    /// A Baodao link whose code cannot be read.
    #[error("venue code is malformed")]
    Malformed,
}

impl LinkError {
    pub fn code(self) -> &'static str {
        match self {
            LinkError::NotBaodao => "not_baodao",
            LinkError::MissingCode => "missing_code",
            LinkError::Malformed => "malformed_code",
        }
    }
}

impl VenueRef {
    /// The unsigned skeleton code for this venue. Refused everywhere as
    /// `code_unsigned`; only for tests of that refusal.
    pub fn code(&self) -> String {
        format!("u.{}.{}", self.event, self.venue)
    }

    /// The full URL with the unsigned skeleton code; only for tests. Real QR
    /// codes use [`checkin_url`] with a signed code.
    pub fn checkin_url(&self, base: &str) -> String {
        checkin_url(base, &self.code())
    }

    /// Parses a code (the part after `#`).
    pub fn parse_code(code: &str) -> Result<Self, LinkError> {
        if code.is_empty() {
            return Err(LinkError::MissingCode);
        }
        let mut parts = code.split('.');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some("u"), Some(event), Some(venue), None) => Ok(VenueRef {
                event: event.parse().map_err(|_| LinkError::Malformed)?,
                venue: venue.parse().map_err(|_| LinkError::Malformed)?,
            }),
            _ => Err(LinkError::Malformed),
        }
    }
}

/// Builds `{base}/c#{code}`.
pub fn checkin_url(base: &str, code: &str) -> String {
    format!("{}{}#{}", base.trim_end_matches('/'), CHECKIN_PATH, code)
}

/// Extracts the code from a scanned text: either a full check-in URL (any
/// host, since the same QR may be printed for a test and a live server) or
/// the bare fragment as the widget sees it in `location.hash`.
pub fn code_from_scan(text: &str) -> Result<&str, LinkError> {
    let text = text.trim();
    if let Some(fragment) = text.strip_prefix('#') {
        return Ok(fragment);
    }
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or(LinkError::NotBaodao)?;
    let path_start = rest.find('/').ok_or(LinkError::NotBaodao)?;
    let path_and_more = &rest[path_start..];
    let (path, fragment) = match path_and_more.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (path_and_more, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    if path != CHECKIN_PATH && !path.ends_with(CHECKIN_PATH) {
        return Err(LinkError::NotBaodao);
    }
    match fragment {
        Some(f) if !f.is_empty() => Ok(f),
        _ => Err(LinkError::MissingCode),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_a_url() {
        let r = VenueRef {
            event: EventId(1),
            venue: VenueId(23),
        };
        let url = r.checkin_url("http://127.0.0.1:8080/");
        assert_eq!(url, "http://127.0.0.1:8080/c#u.1.23");
        assert_eq!(VenueRef::parse_code(code_from_scan(&url).unwrap()), Ok(r));
        assert_eq!(
            VenueRef::parse_code(code_from_scan("#u.1.23").unwrap()),
            Ok(r)
        );
    }

    #[test]
    fn short_code_checkins_round_trip() {
        let code = crate::venue_code::ShortCode::from_number(42).unwrap();
        let c = short_code_checkin(&code);
        assert!(c.starts_with("s."));
        assert_eq!(parse_short_code_checkin(&c), Some(Ok(code)));
        assert_eq!(parse_short_code_checkin("sQAB"), None);
        assert!(matches!(parse_short_code_checkin("s.AAAA"), Some(Err(_))));
    }

    #[test]
    fn works_under_a_path_prefix() {
        let url = checkin_url("https://example.org/baodao", "u.1.2");
        assert_eq!(code_from_scan(&url), Ok("u.1.2"));
    }

    #[test]
    fn rejects_foreign_and_malformed_input() {
        assert_eq!(code_from_scan("hello"), Err(LinkError::NotBaodao));
        assert_eq!(
            code_from_scan("https://weixin.qq.com/x#u.1.2"),
            Err(LinkError::NotBaodao)
        );
        assert_eq!(
            code_from_scan("https://example.org/c"),
            Err(LinkError::MissingCode)
        );
        assert_eq!(
            code_from_scan("https://example.org/c#"),
            Err(LinkError::MissingCode)
        );
        assert_eq!(VenueRef::parse_code(""), Err(LinkError::MissingCode));
        for bad in [
            "u.1",
            "u.1.2.3",
            "x.1.2",
            "u.a.2",
            "u.1.-2",
            "u..2",
            "u.1.99999999999",
        ] {
            assert_eq!(
                VenueRef::parse_code(bad),
                Err(LinkError::Malformed),
                "{bad}"
            );
        }
    }
}
