//! The console's HTTP transport: every call carries the lead's or
//! organiser's session (`Authorization: Bearer …`, docs/api.md "Roles and
//! access"), and failures keep what the console must show: the reason code,
//! and for CSV imports the file's problems.

use crate::api::{ApiFailure, REQUEST_TIMEOUT_MS};
use crate::console::session;
use crate::user_error::UserError;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

pub use baodao_core::import::ImportProblem;

#[derive(Deserialize)]
struct ErrorBody {
    error: String,
    #[serde(default)]
    rows: Vec<ImportProblem>,
    /// How many problems there are, when `rows` lists only the first.
    #[serde(default)]
    total: u32,
}

/// Why a console call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallFailure {
    pub failure: ApiFailure,
    /// `csv_invalid`'s problems; empty otherwise.
    pub rows: Vec<ImportProblem>,
    /// How many problems the file has (`rows` may list only the first).
    pub total: u32,
}

impl CallFailure {
    fn plain(failure: ApiFailure) -> Self {
        CallFailure {
            failure,
            rows: Vec::new(),
            total: 0,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match &self.failure {
            ApiFailure::Api { status, .. } => Some(*status),
            ApiFailure::Unreadable(s) => Some(*s),
            ApiFailure::Network => None,
        }
    }
}

/// Deadline of a CSV import's request (the file's upload included).
const CSV_UPLOAD_TIMEOUT_MS: u64 = 300_000;

/// What a request sends.
pub enum Body {
    None,
    Json(String),
    /// A CSV file's bytes, exactly as read from disk (UTF-8 or GBK: the
    /// server decides).
    Csv(Vec<u8>),
}

/// Sends a request with the stored session; a `401` for the session (not
/// for a link being redeemed) also forgets it, so the page asks for a new
/// link.
pub async fn send(method: &str, path: &str, body: Body) -> Result<Response, CallFailure> {
    let init = RequestInit::new();
    init.set_method(method);
    // A spreadsheet upload on a slow connection may legitimately take
    // minutes; everything else gets the app's request deadline.
    let deadline = match body {
        Body::Csv(_) => CSV_UPLOAD_TIMEOUT_MS,
        _ => REQUEST_TIMEOUT_MS,
    };
    crate::api::abort_after(&init, deadline);
    let content_type = match &body {
        Body::None => None,
        Body::Json(json) => {
            init.set_body(&json.into());
            Some("application/json")
        }
        Body::Csv(bytes) => {
            let array = js_sys::Uint8Array::from(bytes.as_slice());
            init.set_body(&array.into());
            Some("text/csv")
        }
    };
    let request = Request::new_with_str_and_init(path, &init)
        .map_err(|_| CallFailure::plain(ApiFailure::Network))?;
    if let Some(ct) = content_type {
        let _ = request.headers().set("content-type", ct);
    }
    if let Some(token) = session::token() {
        let _ = request
            .headers()
            .set("authorization", &format!("Bearer {token}"));
    }
    let window = web_sys::window().ok_or(CallFailure::plain(ApiFailure::Network))?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| CallFailure::plain(ApiFailure::Network))?
        .unchecked_into();
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let text = text_of(&response).await;
    let (error, rows, total) = match serde_json::from_str::<ErrorBody>(&text) {
        Ok(e) => {
            let total = e.total.max(e.rows.len() as u32);
            (Some(e.error), e.rows, total)
        }
        Err(_) => (None, Vec::new(), 0),
    };
    if status == 401 && error.as_deref() != Some("link_invalid") {
        session::expired();
    }
    Err(CallFailure {
        failure: ApiFailure::refused(status, error),
        rows,
        total,
    })
}

/// The answer's body; empty when it could not be read.
pub async fn text_of(response: &Response) -> String {
    crate::api::body_text(response).await.unwrap_or_default()
}

/// A JSON call: the answer parsed as `T`.
pub async fn call<T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: Body,
) -> Result<T, CallFailure> {
    let response = send(method, path, body).await?;
    let status = response.status();
    let text = text_of(&response).await;
    serde_json::from_str(&text).map_err(|_| CallFailure::plain(ApiFailure::Unreadable(status)))
}

/// A call whose answer has no body worth reading (`204`).
pub async fn call_empty(method: &str, path: &str, body: Body) -> Result<(), CallFailure> {
    send(method, path, body).await.map(|_| ())
}

pub fn json<T: serde::Serialize>(value: &T) -> Body {
    Body::Json(serde_json::to_string(value).unwrap_or_default())
}

impl From<CallFailure> for UserError {
    fn from(f: CallFailure) -> Self {
        f.failure.into()
    }
}
