//! The server's HTTP API, as the widget calls it. Same origin: the server
//! serves both the widget and the API.

use baodao_core::event::{DisplayProvisioning, EventInfo, Roster};
use baodao_core::sync::{ApiError, SyncBatch, SyncResponse};
use baodao_core::{EventId, VenueId};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Request, RequestInit, Response};

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

async fn call<T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: Option<String>,
) -> Result<T, ApiFailure> {
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(body) = &body {
        init.set_body(&body.into());
    }
    let request = Request::new_with_str_and_init(path, &init).map_err(|_| ApiFailure::Network)?;
    if body.is_some() {
        let _ = request.headers().set("content-type", "application/json");
    }
    let window = web_sys::window().ok_or(ApiFailure::Network)?;
    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(|_| ApiFailure::Network)?
        .unchecked_into();
    let status = response.status();
    let text = match response.text() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    if response.ok() {
        serde_json::from_str(&text).map_err(|_| ApiFailure::Unreadable(status))
    } else {
        match serde_json::from_str::<ApiError>(&text) {
            Ok(e) => Err(ApiFailure::Api {
                status,
                error: e.error,
            }),
            // 502/503/504 from a proxy while the server is down: as good as offline.
            Err(_) if status >= 502 => Err(ApiFailure::Network),
            Err(_) => Err(ApiFailure::Unreadable(status)),
        }
    }
}

pub async fn event(id: EventId) -> Result<EventInfo, ApiFailure> {
    call("GET", &format!("/api/events/{id}"), None).await
}

pub async fn events() -> Result<Vec<EventInfo>, ApiFailure> {
    call("GET", "/api/events", None).await
}

pub async fn roster(venue: VenueId) -> Result<Roster, ApiFailure> {
    call("GET", &format!("/api/venues/{venue}/checkins"), None).await
}

pub async fn sync(batch: &SyncBatch) -> Result<SyncResponse, ApiFailure> {
    let body = serde_json::to_string(batch).map_err(|_| ApiFailure::Unreadable(0))?;
    call("POST", "/api/sync", Some(body)).await
}

/// A new key and certificate for a venue's display screen (rotating codes).
pub async fn provision_display(venue: VenueId) -> Result<DisplayProvisioning, ApiFailure> {
    call("POST", &format!("/api/venues/{venue}/display"), None).await
}
