//! The one error type of the HTTP API, mapped to status codes and JSON bodies.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use baodao_core::sync::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Return 404 Not Found.
    #[error("not found")]
    NotFound,
    /// Return 404 Not Found: the venue does not exist.
    #[error("unknown venue")]
    UnknownVenue,
    /// Return 404 Not Found: the event does not exist.
    #[error("unknown event")]
    UnknownEvent,
    /// Return 404 Not Found: the event has no key with this id.
    #[error("unknown key")]
    UnknownKey,
    /// Return 409 Conflict: the request cannot be done in the current state.
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// Return 400 Bad Request: the body is not the JSON we expect.
    #[error("malformed request: {0}")]
    Malformed(String),
    /// Return 413 Payload Too Large.
    #[error("request body too large")]
    TooLarge,
    /// Return 422 Unprocessable Entity: well-formed but not acceptable.
    #[error("{message}")]
    Unprocessable { code: &'static str, message: String },
    /// Return 401 Unauthorized: no token, or one that is unknown, expired or
    /// revoked (the message says which).
    #[error("{0}")]
    Unauthenticated(&'static str),
    /// Return 401 Unauthorized: a setup link or invite that cannot be redeemed.
    #[error("this link is unknown, used, expired or revoked: ask the organiser for a new one")]
    LinkInvalid,
    /// Return 403 Forbidden: a `#token=` link to a server not run as a demo.
    #[error("sign-in links with a ready session work only on a demo server")]
    TokenLinksOff,
    /// Return 403 Forbidden: valid token, but its role may not do this.
    #[error("your role may not do this (a lead only sees their own venues)")]
    Forbidden,
    /// Return 403 Forbidden: a request from another site's page.
    #[error("cross-origin requests are not accepted")]
    CrossOrigin,
    /// Return 429 Too Many Requests, with `Retry-After`.
    #[error("too many requests: try again in {retry_after_s} s")]
    RateLimited { retry_after_s: u64 },
    /// Return 422 Unprocessable Entity: a CSV import with the file's
    /// problems (the first ones, and how many there are).
    #[error("{message}")]
    CsvInvalid {
        message: String,
        rows: Vec<baodao_core::import::ImportProblem>,
        total: usize,
    },
    /// Return 500 Internal Server Error. Logged, never sent to the client.
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// Return 500 Internal Server Error. Logged, never sent to the client.
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl Error {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            Error::NotFound => (StatusCode::NOT_FOUND, "not_found"),
            Error::UnknownVenue => (StatusCode::NOT_FOUND, "unknown_venue"),
            Error::UnknownEvent => (StatusCode::NOT_FOUND, "unknown_event"),
            Error::UnknownKey => (StatusCode::NOT_FOUND, "unknown_key"),
            Error::Conflict { code, .. } => (StatusCode::CONFLICT, code),
            Error::Malformed(_) => (StatusCode::BAD_REQUEST, "malformed_request"),
            Error::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            Error::Unprocessable { code, .. } => (StatusCode::UNPROCESSABLE_ENTITY, code),
            Error::Unauthenticated(_) => (StatusCode::UNAUTHORIZED, "unauthenticated"),
            Error::LinkInvalid => (StatusCode::UNAUTHORIZED, "link_invalid"),
            Error::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
            Error::TokenLinksOff => (StatusCode::FORBIDDEN, "token_links_off"),
            Error::CrossOrigin => (StatusCode::FORBIDDEN, "cross_origin"),
            Error::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            Error::CsvInvalid { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "csv_invalid"),
            Error::Database(_) | Error::Internal(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal")
            }
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let message = match &self {
            Error::Database(e) => {
                tracing::error!(error = %e, "database error");
                "internal error".to_string()
            }
            Error::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                "internal error".to_string()
            }
            other => other.to_string(),
        };
        match self {
            Error::CsvInvalid { rows, total, .. } => (
                status,
                Json(serde_json::json!({
                    "error": code, "message": message, "rows": rows, "total": total,
                })),
            )
                .into_response(),
            Error::RateLimited { retry_after_s } => (
                status,
                [(axum::http::header::RETRY_AFTER, retry_after_s.to_string())],
                Json(ApiError {
                    error: code.to_string(),
                    message,
                }),
            )
                .into_response(),
            _ => (
                status,
                Json(ApiError {
                    error: code.to_string(),
                    message,
                }),
            )
                .into_response(),
        }
    }
}

impl From<crate::keys::KeyError> for Error {
    fn from(e: crate::keys::KeyError) -> Self {
        use crate::keys::KeyError;
        let message = e.to_string();
        match e {
            KeyError::UnknownEvent => Error::UnknownEvent,
            KeyError::UnknownKey => Error::UnknownKey,
            KeyError::KeyIdsExhausted => Error::Conflict {
                code: "key_ids_exhausted",
                message,
            },
            KeyError::NoActiveKey => Error::Conflict {
                code: "no_active_key",
                message,
            },
            KeyError::BadEventDates => Error::Internal(anyhow::anyhow!(message)),
            KeyError::Database(e) => Error::Database(e),
            KeyError::Internal(e) => Error::Internal(e),
        }
    }
}

impl From<crate::access::RedeemError> for Error {
    fn from(e: crate::access::RedeemError) -> Self {
        use crate::access::RedeemError;
        match e {
            RedeemError::LinkInvalid => Error::LinkInvalid,
            RedeemError::NameEmpty => Error::Unprocessable {
                code: "name_empty",
                message: e.to_string(),
            },
            RedeemError::Database(e) => Error::Database(e),
            RedeemError::Internal(e) => Error::Internal(e),
        }
    }
}

/// Turns the few answers that are not ours (axum's plain-text rejections of
/// a path, query or method it cannot take) into the documented JSON error,
/// so that a client reads every refusal the same way.
pub async fn json_errors(res: Response) -> Response {
    let status = res.status();
    let ours = res
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if ours || !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let code = match status {
        StatusCode::BAD_REQUEST => "malformed_request",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        s if s.is_server_error() => "internal",
        _ => "malformed_request",
    };
    let message = status.canonical_reason().unwrap_or("error").to_lowercase();
    let (mut parts, _) = res.into_parts();
    // The new body's own type and length, not the old ones.
    parts.headers.remove(axum::http::header::CONTENT_TYPE);
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    let body = Json(ApiError {
        error: code.to_string(),
        message,
    });
    (parts, body).into_response()
}
