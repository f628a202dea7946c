//! Extractors whose rejections are our JSON errors rather than axum's plain text.

use super::Error;
use axum::extract::rejection::JsonRejection;
use axum::extract::FromRequest;
use axum::http::StatusCode;

/// `axum::Json`, but a malformed or oversized body answers with [`Error`].
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(Error))]
pub struct ApiJson<T>(pub T);

impl From<JsonRejection> for Error {
    fn from(rejection: JsonRejection) -> Self {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Error::TooLarge
        } else {
            Error::Malformed(rejection.body_text())
        }
    }
}

/// Parses a numeric id from a path segment; anything else is simply not found.
pub fn parse_id<T: std::str::FromStr>(raw: &str, not_found: Error) -> Result<T, Error> {
    raw.parse().map_err(|_| not_found)
}
