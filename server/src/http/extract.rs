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

/// The raw body (a CSV file), with our JSON errors for an oversized body.
pub struct ApiBytes(pub axum::body::Bytes);

impl<S: Send + Sync> FromRequest<S> for ApiBytes {
    type Rejection = Error;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Error> {
        axum::body::Bytes::from_request(req, state)
            .await
            .map(ApiBytes)
            .map_err(|r| {
                if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    Error::TooLarge
                } else {
                    Error::Malformed(r.body_text())
                }
            })
    }
}
