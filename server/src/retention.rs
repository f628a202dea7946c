//! Removing check-in records once their event's retention period is over.
//!
//! Volunteers are told, before their first check-in, how long their records
//! are kept (China's PIPL asks that personal information be kept no longer
//! than needed). Every record of an event goes at the same moment,
//! [`baodao_core::event::retention_ends_ms`]: the phone removes its synced
//! copies by the same rule.

use crate::db::{now_ms, Pool};
use baodao_core::event::retention_ends_ms;
use std::time::Duration;

/// How often a running server looks for expired records. An hour late is
/// well within a retention period counted in days.
pub const PURGE_EVERY: Duration = Duration::from_secs(3600);

/// Deletes the check-ins of every event whose retention period ended before
/// `now_ms`; returns how many were deleted.
pub async fn purge(pool: &Pool, now_ms: i64) -> anyhow::Result<u64> {
    let events: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT id, ends_on, retention_days FROM events")
            .fetch_all(pool)
            .await?;
    let mut deleted = 0;
    for (id, ends_on, days) in events {
        let Some(ends) = u32::try_from(days)
            .ok()
            .and_then(|d| retention_ends_ms(&ends_on, d))
        else {
            tracing::warn!(event = id, %ends_on, days, "retention not computable, records kept");
            continue;
        };
        if now_ms >= ends {
            deleted += sqlx::query("DELETE FROM checkins WHERE event_id = $1")
                .bind(id)
                .execute(pool.write())
                .await?
                .rows_affected();
        }
    }
    if deleted > 0 {
        tracing::info!(
            deleted,
            "purged check-ins past their event's retention period"
        );
    }
    Ok(deleted)
}

/// Purges now, then every [`PURGE_EVERY`], for as long as the server runs.
/// A failed purge is logged and tried again at the next tick.
pub fn spawn_periodic(pool: Pool) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(PURGE_EVERY);
        loop {
            tick.tick().await;
            if let Err(e) = purge(&pool, now_ms()).await {
                tracing::error!("retention purge failed: {e:#}");
            }
        }
    })
}
