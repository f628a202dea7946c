//! Storing check-ins synced from phones: the last step of the data path.
//!
//! Every item is judged on its own, and the whole batch is written in one
//! transaction: if the process dies half-way nothing is committed, the phone
//! retries the whole batch, and the upsert on the phone's id stores each
//! record once.
//!
//! Each item's venue code is verified again here, because a phone's checks
//! can be bypassed (docs/venue-code.md):
//! - a signed code must be authentic for the event's *current* key set
//!   ([`verify_authentic`]): forged, altered, revoked-key, unknown-key,
//!   other-event, unsigned (`u.`) and malformed codes are rejected with the
//!   error's reason code;
//! - time is never a reason to reject (a record may sync hours late): an
//!   authentic code whose validity or slot disagrees with the record's device
//!   time (corrected by the phone's clock offset) is stored and flagged
//!   ([`assess_at_sync`]) for a lead to review;
//! - a typed short code (`s.{SHORTCODE}`, see
//!   [`baodao_core::venue_link::short_code_checkin`]) is stored and flagged
//!   `short_code_entry`, because short codes are guessable lookup keys.

use crate::db::{now_ms, Pool};
use crate::keys;
use baodao_core::sync::{ItemOutcome, ItemResult, SyncBatch, SyncResponse};
use baodao_core::venue_code::{assess_at_sync, verify_authentic, EventKeySet, VerifyPolicy};
use baodao_core::venue_link::parse_short_code_checkin;
use baodao_core::{CheckIn, EventId};
use std::collections::HashMap;

/// Flag reason of a check-in made by typing a venue's short code.
pub const SHORT_CODE_FLAG: &str = "short_code_entry";

/// Looser than the widget's default: the clock offset estimated from one
/// batch is approximate, and a flag costs a lead's time.
pub const SYNC_POLICY: VerifyPolicy = VerifyPolicy {
    tolerance_slots: 4,
    validity_grace_s: 600,
};

/// What to do with one item.
enum Judgement {
    Reject(&'static str),
    /// Store, with a flag reason if a lead should look at it.
    Store(Option<&'static str>),
}

/// Who sent a batch (issue 6): stored with each new record, so a phone can
/// read back its own records and a lead's assisted check-ins are marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Submitter {
    /// The volunteer device that sent it, if known.
    pub device: Option<i64>,
    /// `device`, or `assisted` for a lead's device.
    pub origin: &'static str,
}

impl Submitter {
    pub const ANONYMOUS: Submitter = Submitter {
        device: None,
        origin: "device",
    };
}

/// Applies a batch from an unknown device (benchmarks, older callers).
pub async fn apply(pool: &Pool, batch: &SyncBatch) -> Result<SyncResponse, sqlx::Error> {
    apply_as(pool, batch, Submitter::ANONYMOUS).await
}

/// Applies a batch and returns one result per item, in order.
pub async fn apply_as(
    pool: &Pool,
    batch: &SyncBatch,
    submitter: Submitter,
) -> Result<SyncResponse, sqlx::Error> {
    // IMMEDIATE: take the write lock up front. A deferred transaction that
    // reads first cannot upgrade to a writer once another batch has committed
    // (WAL), and SQLite then fails at once instead of waiting busy_timeout —
    // a 500 for every concurrent batch in a reconnect burst.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    // Taken once the write lock is held, so `received_ms` follows commit
    // order: the organiser's feed pages by it and never skips a batch that
    // waited for the lock (issue 6).
    let received = now_ms();
    // How far the phone's clock is behind the server's: added to a record's
    // device time, it estimates when the record was really made.
    let clock_offset = received.saturating_sub(batch.device_time_ms);
    let mut key_sets = HashMap::new();
    let mut results = Vec::with_capacity(batch.items.len());
    for item in &batch.items {
        let outcome = match stored_outcome(&mut tx, item).await? {
            // Sent before (its answer was lost): never judged again, so that a
            // key revoked since cannot turn a stored record into "rejected".
            Some(outcome) => outcome,
            None => match judge(&mut tx, &mut key_sets, item, clock_offset).await? {
                Judgement::Reject(reason) => ItemOutcome::Rejected(reason.to_string()),
                Judgement::Store(flag) => insert(&mut tx, item, received, flag, submitter).await?,
            },
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

/// `Duplicate` (or `Flagged` with its stored flag) if this id is stored.
async fn stored_outcome(
    tx: &mut sqlx::SqliteConnection,
    item: &CheckIn,
) -> Result<Option<ItemOutcome>, sqlx::Error> {
    let row: Option<(Option<String>,)> = sqlx::query_as("SELECT flag FROM checkins WHERE id = ?")
        .bind(item.id.to_string())
        .fetch_optional(&mut *tx)
        .await?;
    Ok(row.map(|(flag,)| match flag {
        Some(f) => ItemOutcome::Flagged(f),
        None => ItemOutcome::Duplicate,
    }))
}

async fn judge(
    tx: &mut sqlx::SqliteConnection,
    key_sets: &mut HashMap<EventId, Option<EventKeySet>>,
    item: &CheckIn,
    clock_offset: i64,
) -> Result<Judgement, sqlx::Error> {
    if let Err(e) = item.validate() {
        return Ok(Judgement::Reject(e.code()));
    }
    let event_exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM events WHERE id = ?")
        .bind(i64::from(item.event.0))
        .fetch_one(&mut *tx)
        .await?;
    if event_exists == 0 {
        return Ok(Judgement::Reject("unknown_event"));
    }

    if let Some(short) = parse_short_code_checkin(&item.code) {
        let short = match short {
            Ok(s) => s,
            Err(e) => return Ok(Judgement::Reject(e.code())),
        };
        let venue: Option<i64> =
            sqlx::query_scalar("SELECT id FROM venues WHERE event_id = ? AND short_code = ?")
                .bind(i64::from(item.event.0))
                .bind(short.as_str())
                .fetch_optional(&mut *tx)
                .await?;
        return Ok(match venue {
            None => Judgement::Reject("short_code_unknown"),
            Some(v) if v != i64::from(item.venue.0) => Judgement::Reject("code_mismatch"),
            Some(_) => Judgement::Store(Some(SHORT_CODE_FLAG)),
        });
    }

    if let std::collections::hash_map::Entry::Vacant(slot) = key_sets.entry(item.event) {
        slot.insert(match keys::key_set(&mut *tx, item.event).await {
            Ok(set) => Some(set),
            Err(keys::KeyError::Database(e)) => return Err(e),
            Err(e) => {
                tracing::error!(error = %e, event = item.event.0, "cannot load key set");
                None
            }
        });
    }
    let Some(Some(key_set)) = key_sets.get(&item.event) else {
        return Ok(Judgement::Reject("code_key_unknown"));
    };
    let verified = match verify_authentic(&item.code, key_set) {
        Ok(v) => v,
        Err(e) => return Ok(Judgement::Reject(e.code())),
    };
    if verified.event != item.event || verified.venue != item.venue {
        return Ok(Judgement::Reject("code_mismatch"));
    }
    let venue_event: Option<i64> = sqlx::query_scalar("SELECT event_id FROM venues WHERE id = ?")
        .bind(i64::from(item.venue.0))
        .fetch_optional(&mut *tx)
        .await?;
    if venue_event != Some(i64::from(item.event.0)) {
        return Ok(Judgement::Reject("unknown_venue"));
    }
    let when = item.device_time_ms.saturating_add(clock_offset);
    Ok(Judgement::Store(
        assess_at_sync(&verified, when, &SYNC_POLICY).map(|f| f.code()),
    ))
}

async fn insert(
    tx: &mut sqlx::SqliteConnection,
    item: &CheckIn,
    received: i64,
    flag: Option<&str>,
    submitter: Submitter,
) -> Result<ItemOutcome, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO checkins (id, event_id, venue_id, kind, code, device_time_ms, received_ms, name, mobile, organisation, flag, device_id, origin)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(item.id.to_string())
    .bind(i64::from(item.event.0))
    .bind(i64::from(item.venue.0))
    .bind(item.kind.as_str())
    .bind(&item.code)
    .bind(item.device_time_ms)
    .bind(received)
    .bind(&item.volunteer.name)
    .bind(&item.volunteer.mobile)
    .bind(&item.volunteer.organisation)
    .bind(flag)
    .bind(submitter.device)
    .bind(submitter.origin)
    .execute(&mut *tx)
    .await?;
    Ok(match (done.rows_affected(), flag) {
        (1, Some(f)) => ItemOutcome::Flagged(f.to_string()),
        (1, None) => ItemOutcome::Accepted,
        _ => ItemOutcome::Duplicate,
    })
}
