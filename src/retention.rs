//! Removing records from this phone once their event's retention period is
//! over, as the personal-information notice promised; the server deletes its
//! copies by the same rule ([`baodao_core::event::retention_ends_ms`]).

use crate::event_cache;
use crate::outbox::{self, Delivery, OutboxRecord};
use crate::time_format::now_ms;

/// The records due for removal at `now_ms`: answered by the server (a
/// pending record is never removed: it would be lost) and of an event whose
/// retention period, known from the cached event data, is over. Records of
/// events this phone knows nothing about are kept.
pub fn expired(records: &[OutboxRecord], now_ms: i64) -> Vec<uuid::Uuid> {
    let events = event_cache::all_cached();
    records
        .iter()
        .filter(|r| r.delivery != Delivery::Pending)
        .filter(|r| {
            events
                .iter()
                .find(|e| e.id == r.checkin.event)
                .and_then(|e| e.retention_ends_ms())
                .is_some_and(|ends| now_ms >= ends)
        })
        .map(|r| r.checkin.id)
        .collect()
}

/// Removes expired records (on app start). Failures are logged and left
/// for the next start: keeping a record a little longer loses nothing.
pub async fn remove_expired() {
    let Ok(records) = outbox::all().await else {
        return;
    };
    let ids = expired(&records, now_ms());
    if let Err(e) = outbox::remove(&ids).await {
        leptos::logging::warn!("retention: could not remove records: {}", e.0);
    }
}
