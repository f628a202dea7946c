//! Extractors whose rejections are our JSON errors rather than axum's plain text.

use super::Error;
use axum::extract::rejection::JsonRejection;
use axum::extract::FromRequest;
use axum::http::StatusCode;

/// `axum::Json`, but a malformed or oversized body answers with [`Error`].
///
/// A well-formed body is parsed by `serde_json` alone: `axum::Json` tracks
/// the path to every value it parses (`serde_path_to_error`), to name the
/// bad field in its error, which made parsing a sync batch a fifth of the
/// cost of storing it. Only a body that fails goes through
/// `axum::Json::from_bytes`, so every rejection is exactly its own.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned,
{
    type Rejection = Error;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Error> {
        if !json_content_type(req.headers()) {
            // axum's own answer to a missing or wrong content type.
            let axum::Json(value) = axum::Json::<T>::from_request(req, state).await?;
            return Ok(ApiJson(value));
        }
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|r| Error::from(JsonRejection::from(r)))?;
        if let Ok(value) = serde_json::from_slice(&bytes) {
            return Ok(ApiJson(value));
        }
        let axum::Json(value) = axum::Json::<T>::from_bytes(&bytes)?;
        Ok(ApiJson(value))
    }
}

/// `axum::Json`'s test: `application/json` or `application/*+json`.
fn json_content_type(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<mime::Mime>().ok())
        .is_some_and(|mime| {
            mime.type_() == "application"
                && (mime.subtype() == "json" || mime.suffix().is_some_and(|name| name == "json"))
        })
}

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
