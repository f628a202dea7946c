//! The server's HTTP API, as the widget calls it. Same origin: the server
//! serves both the widget and the API.
//!
//! Credentials live here and nowhere else (docs/api.md, "Roles and access"):
//! a lead's or organiser's session (`baodao.session`, taken from a
//! `#token=…` link, then removed from the address bar) for the lead and
//! organiser routes, and the phone's anonymous device token
//! (`baodao.device`, issued by its first sync) for sync.

use baodao_core::event::{DisplayProvisioning, EventInfo, Roster};
use baodao_core::sync::{ApiError, SyncBatch, SyncResponse};
use baodao_core::{EventId, VenueId};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Request, RequestInit, Response};

/// Why a call failed. `Network` means "try again later"; `Api` carries the
/// server's reason code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiFailure {
    Network,
    Api {
        status: u16,
        error: String,
    },
    /// The server answered something we cannot read (a proxy's error page).
    Unreadable(u16),
}

/// No request waits longer than this for the server's whole answer
/// (headers and body). A stalled connection — the server accepted it but
/// never answers, as on a bad mobile network — would otherwise keep the
/// sync run, and with it the cross-tab sync lock, forever, and hold one of
/// the browser's few connections to the server. Aborted, it is a network
/// failure like any other: the batch is retried with backoff.
pub const REQUEST_TIMEOUT_MS: u64 = 30_000;

/// Gives the request built from `init` a deadline: `ms` after this call it
/// is aborted, unless it has finished (aborting a finished request does
/// nothing, so the timer is left to run out). Without `AbortController`
/// (old WebViews) the request has no deadline of its own.
pub(crate) fn abort_after(init: &RequestInit, ms: u64) {
    let Ok(controller) = AbortController::new() else {
        return;
    };
    init.set_signal(Some(&controller.signal()));
    leptos::prelude::set_timeout(
        move || controller.abort(),
        std::time::Duration::from_millis(ms),
    );
}

/// Where the lead's or organiser's session token is kept (the console's
/// [`crate::console::session`] keeps it there too).
pub(crate) const SESSION_KEY: &str = "baodao.session";
/// Where the phone's device token is kept.
const DEVICE_KEY: &str = "baodao.device";

/// Which credential a call sends.
#[derive(Clone, Copy)]
enum Credential {
    None,
    Session,
    Device,
}

/// The session token: from a `#token=…` link just opened (stored, and the
/// fragment removed so it is not bookmarked or shared by accident), else the
/// stored one.
fn session_token() -> Option<String> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok().unwrap_or_default();
    if let Some(token) = hash.strip_prefix("#token=").filter(|t| !t.is_empty()) {
        crate::local_store::set(SESSION_KEY, token);
        clear_fragment(&window);
        return Some(token.to_string());
    }
    crate::local_store::get(SESSION_KEY)
}

/// Takes the fragment out of the address bar, without a page load or a new
/// history entry: links carry their secrets there (a session, a setup link,
/// an invite), which must not be bookmarked or shared by accident.
pub(crate) fn clear_fragment(window: &web_sys::Window) {
    let location = window.location();
    let clean = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&clean));
    }
}

/// The answer's body; `Err(Network)` when it was cut off (connection lost,
/// or the deadline passed): try again later, it is not an unreadable answer.
pub(crate) async fn body_text(response: &Response) -> Result<String, ApiFailure> {
    Ok(match response.text() {
        Ok(p) => JsFuture::from(p)
            .await
            .map_err(|_| ApiFailure::Network)?
            .as_string()
            .unwrap_or_default(),
        Err(_) => String::new(),
    })
}

impl ApiFailure {
    /// A request the server did not answer with success (`status`):
    /// `error` is the reason code its JSON body named, if it could be read.
    pub(crate) fn refused(status: u16, error: Option<String>) -> ApiFailure {
        match error {
            Some(error) => ApiFailure::Api { status, error },
            // 502/503/504 from a proxy while the server is down: as good as offline.
            None if status >= 502 => ApiFailure::Network,
            None => ApiFailure::Unreadable(status),
        }
    }
}

async fn call<T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: Option<String>,
    credential: Credential,
) -> Result<T, ApiFailure> {
    let token = match credential {
        Credential::None => None,
        Credential::Session => session_token(),
        Credential::Device => crate::local_store::get(DEVICE_KEY),
    };
    let init = RequestInit::new();
    init.set_method(method);
    abort_after(&init, REQUEST_TIMEOUT_MS);
    if let Some(body) = &body {
        init.set_body(&body.into());
    }
    let request = Request::new_with_str_and_init(path, &init).map_err(|_| ApiFailure::Network)?;
    if body.is_some() {
        let _ = request.headers().set("content-type", "application/json");
    }
    if let Some(token) = token {
        let _ = request
            .headers()
            .set("authorization", &format!("Bearer {token}"));
    }
    let window = web_sys::window().ok_or(ApiFailure::Network)?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| ApiFailure::Network)?
        .unchecked_into();
    let status = response.status();
    let text = body_text(&response).await?;
    if response.ok() {
        crate::json::from_str(&text).ok_or(ApiFailure::Unreadable(status))
    } else {
        let error = crate::json::from_str::<ApiError>(&text);
        Err(ApiFailure::refused(status, error.map(|e| e.error)))
    }
}

pub async fn event(id: EventId) -> Result<EventInfo, ApiFailure> {
    call("GET", &format!("/api/events/{id}"), None, Credential::None).await
}

pub async fn events() -> Result<Vec<EventInfo>, ApiFailure> {
    call("GET", "/api/events", None, Credential::None).await
}

pub async fn roster(venue: VenueId) -> Result<Roster, ApiFailure> {
    let path = format!("/api/venues/{venue}/checkins");
    call("GET", &path, None, Credential::Session).await
}

/// The sync answer, and the device token the server issues on a phone's
/// first sync.
#[derive(serde::Deserialize)]
struct SyncAnswer {
    #[serde(flatten)]
    response: SyncResponse,
    #[serde(default)]
    device_token: Option<String>,
}

pub async fn sync(batch: &SyncBatch) -> Result<SyncResponse, ApiFailure> {
    let body = crate::json::to_string(batch).ok_or(ApiFailure::Unreadable(0))?;
    let answer: SyncAnswer = call("POST", "/api/sync", Some(body), Credential::Device).await?;
    if let Some(token) = answer.device_token {
        crate::local_store::set(DEVICE_KEY, &token);
    }
    Ok(answer.response)
}

/// A new key and certificate for a venue's display screen (rotating codes).
pub async fn provision_display(venue: VenueId) -> Result<DisplayProvisioning, ApiFailure> {
    let path = format!("/api/venues/{venue}/display");
    call("POST", &path, None, Credential::Session).await
}
