//! Event data (venues, organisations) cached on the phone, so that a venue
//! scanned in a basement with no signal still shows its name.

use crate::api::{self, ApiFailure};
use crate::local_store;
use baodao_core::event::EventInfo;
use baodao_core::venue_code::ShortCodeEntry;
use baodao_core::EventId;

const PREFIX: &str = "baodao.event.";

fn key(id: EventId) -> String {
    format!("{PREFIX}{id}")
}

/// Every event cached on this phone.
pub fn all_cached() -> Vec<EventInfo> {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return Vec::new();
    };
    let n = storage.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(PREFIX)?.parse::<EventId>().ok())
        .filter_map(cached)
        .collect()
}

/// The short codes of every cached event's venues, to resolve typed codes
/// offline.
pub fn short_code_entries() -> Vec<ShortCodeEntry> {
    all_cached()
        .iter()
        .flat_map(EventInfo::short_code_entries)
        .collect()
}

/// Fetches every event and caches it. Errors (offline) leave the cache as is.
pub async fn refresh_all() -> Result<(), ApiFailure> {
    for event in api::events().await? {
        local_store::set_json(&key(event.id), &event);
    }
    Ok(())
}

pub fn cached(id: EventId) -> Option<EventInfo> {
    local_store::get_json(&key(id)).filter(|e: &EventInfo| e.id == id)
}

/// The event from the server when reachable (refreshing the cache), else the cache.
/// `Ok(None)` means offline with nothing cached.
pub async fn load(id: EventId) -> Result<Option<EventInfo>, ApiFailure> {
    match api::event(id).await {
        Ok(event) => {
            local_store::set_json(&key(id), &event);
            Ok(Some(event))
        }
        Err(ApiFailure::Network) => Ok(cached(id)),
        Err(other) => Err(other),
    }
}
