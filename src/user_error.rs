//! The widget's one user-facing error type: every failure the volunteer can
//! see maps to one translated message that says what to do next.

use crate::api::ApiFailure;
use crate::i18n::Lang;
use baodao_core::checkin::CheckInError;
use baodao_core::venue_code::{CodeError, ShortCodeError};
use baodao_core::venue_link::LinkError;
use baodao_core::volunteer::VolunteerError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserError {
    Link(LinkError),
    /// A venue code that failed verification (each cause its own message).
    Code(CodeError),
    /// A typed short code that names no venue.
    ShortCode(ShortCodeError),
    /// The cached event data predates signed codes and the server cannot be
    /// reached to refresh it, so no code can be verified.
    EventKeysMissing,
    Volunteer(VolunteerError),
    CheckIn(CheckInError),
    UnknownVenue,
    UnknownEvent,
    Storage,
    Network,
    Server,
    /// A reason code from the server we have no message for.
    Other(String),
}

impl UserError {
    /// Maps a reason code (from the server or core) to an error.
    pub fn from_code(code: &str) -> UserError {
        match code {
            "unknown_venue" => UserError::UnknownVenue,
            "unknown_event" => UserError::UnknownEvent,
            "internal" => UserError::Server,
            other => UserError::Other(other.to_string()),
        }
    }

    /// Translation key of the message.
    pub fn key(&self) -> String {
        match self {
            UserError::Link(e) => format!("error-{}", e.code()),
            UserError::Code(e) => format!("error-{}", e.code()),
            UserError::ShortCode(e) => format!("error-{}", e.code()),
            UserError::EventKeysMissing => "error-event_keys_missing".into(),
            UserError::Volunteer(e) => format!("error-{}", e.code()),
            UserError::CheckIn(e) => format!("error-{}", e.code()),
            UserError::UnknownVenue => "error-unknown_venue".into(),
            UserError::UnknownEvent => "error-unknown_event".into(),
            UserError::Storage => "error-storage".into(),
            UserError::Network => "error-network".into(),
            UserError::Server => "error-server".into(),
            UserError::Other(code) => format!("error-{code}"),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let key = self.key();
        let text = lang.text(&key);
        if text == key {
            // No message for this code: say so in words, with the code for support.
            let code = key.trim_start_matches("error-");
            lang.format("error-unknown", &[("reason", code)])
        } else {
            text
        }
    }
}

impl From<ApiFailure> for UserError {
    fn from(f: ApiFailure) -> Self {
        match f {
            ApiFailure::Network => UserError::Network,
            ApiFailure::Api { error, .. } => UserError::from_code(&error),
            ApiFailure::Unreadable(_) => UserError::Server,
        }
    }
}
