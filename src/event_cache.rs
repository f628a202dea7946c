//! Event data (venues, organisations) cached on the phone, so that a venue
//! scanned in a basement with no signal still shows its name.

use crate::api::{self, ApiFailure};
use crate::local_store;
use baodao_core::event::EventInfo;
use baodao_core::EventId;

fn key(id: EventId) -> String {
    format!("baodao.event.{id}")
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
