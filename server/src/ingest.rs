//! Storing check-ins synced from phones: the last step of the data path.
//!
//! Every item is judged on its own, and the whole batch is written in one
//! transaction: if the process dies half-way nothing is committed, the phone
//! retries the whole batch, and the upsert on the phone's id stores each
//! record once.

use crate::db::{now_ms, Pool};
use baodao_core::sync::{ItemOutcome, ItemResult, SyncBatch, SyncResponse};
use baodao_core::venue_link::VenueRef;
use baodao_core::CheckIn;

/// Applies a batch and returns one result per item, in order.
pub async fn apply(pool: &Pool, batch: &SyncBatch) -> Result<SyncResponse, sqlx::Error> {
    let received = now_ms();
    let mut tx = pool.begin().await?;
    let mut results = Vec::with_capacity(batch.items.len());
    for item in &batch.items {
        let outcome = match judge(&mut tx, item).await? {
            Some(rejection) => ItemOutcome::Rejected(rejection.to_string()),
            None => insert(&mut tx, item, received).await?,
        };
        results.push(ItemResult {
            id: item.id,
            outcome,
        });
    }
    tx.commit().await?;
    Ok(SyncResponse {
        server_time_ms: now_ms(),
        results,
    })
}

/// Returns a rejection reason code, or `None` when the item may be stored.
async fn judge(
    tx: &mut sqlx::SqliteConnection,
    item: &CheckIn,
) -> Result<Option<&'static str>, sqlx::Error> {
    if let Err(e) = item.validate() {
        return Ok(Some(e.code()));
    }
    match VenueRef::parse_code(&item.code) {
        Ok(r) if r.event == item.event && r.venue == item.venue => {}
        Ok(_) => return Ok(Some("code_mismatch")),
        Err(e) => return Ok(Some(e.code())),
    }
    let venue_event: Option<i64> = sqlx::query_scalar("SELECT event_id FROM venues WHERE id = ?")
        .bind(item.venue.0 as i64)
        .fetch_optional(&mut *tx)
        .await?;
    Ok(match venue_event {
        Some(event) if event == item.event.0 as i64 => None,
        _ => Some("unknown_venue"),
    })
}

async fn insert(
    tx: &mut sqlx::SqliteConnection,
    item: &CheckIn,
    received: i64,
) -> Result<ItemOutcome, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO checkins (id, event_id, venue_id, kind, code, device_time_ms, received_ms, name, mobile, organisation)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(item.id.to_string())
    .bind(item.event.0 as i64)
    .bind(item.venue.0 as i64)
    .bind(item.kind.as_str())
    .bind(&item.code)
    .bind(item.device_time_ms)
    .bind(received)
    .bind(&item.volunteer.name)
    .bind(&item.volunteer.mobile)
    .bind(&item.volunteer.organisation)
    .execute(&mut *tx)
    .await?;
    Ok(if done.rows_affected() == 1 {
        ItemOutcome::Accepted
    } else {
        ItemOutcome::Duplicate
    })
}
