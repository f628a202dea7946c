//! The outbox: every check-in is written here, on the phone, before anything
//! is sent. Records stay until the server has confirmed them, and remain
//! afterwards as the volunteer's history.
//!
//! Storage is IndexedDB (one short transaction per operation, never held
//! across a network call). Where IndexedDB is missing or fails (private
//! modes, some WebViews, quota), records go to `localStorage` instead
//! ([`FALLBACK_KEY`]) and [`degraded`] turns true so the UI can warn; once
//! IndexedDB opens again those records are moved into it. Reads merge both.
//!
//! Schema (IndexedDB `baodao`):
//! - v1: object store `outbox`, key path `id`, the record's JSON.
//! - v2: every row also has `pending` (1 while the server has not answered,
//!   else 0; booleans are not valid IndexedDB keys) and an index `pending`
//!   on it, so sync reads a batch of pending rows without loading them all.

use crate::idb::{self, StoreError};
use crate::local_store;
use baodao_core::stable_sort::sort_by_key;
use baodao_core::sync::{ItemOutcome, ItemResult};
use baodao_core::CheckIn;
use js_sys::{Array, Object, Reflect};
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use uuid::Uuid;
use wasm_bindgen::prelude::*;
use web_sys::{IdbDatabase, IdbObjectStoreParameters, IdbTransaction};

pub const DB_NAME: &str = "baodao";
/// Schema version; bump it and extend [`upgrade`] for every change.
pub const DB_VERSION: u32 = 2;
pub const STORE: &str = "outbox";
/// Index (v2) on the `pending` field: 1 = not yet answered by the server.
pub const PENDING_INDEX: &str = "pending";
/// `localStorage` key holding records written while IndexedDB failed.
pub const FALLBACK_KEY: &str = "baodao.outbox.fallback";

/// Where this bundle keeps its outbox. The volunteer app uses [`DB_NAME`];
/// the lead's console keeps the check-ins it makes for other people
/// (assisted check-in) in a database of its own, with the same schema and
/// code, because those are sent with the lead's session rather than the
/// phone's device token: a phone used both ways never mixes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutboxPlace {
    pub db_name: &'static str,
    pub fallback_key: &'static str,
}

pub const VOLUNTEER_OUTBOX: OutboxPlace = OutboxPlace {
    db_name: DB_NAME,
    fallback_key: FALLBACK_KEY,
};

pub const ASSISTED_OUTBOX: OutboxPlace = OutboxPlace {
    db_name: "baodao-assisted",
    fallback_key: "baodao.assisted.fallback",
};

/// Chooses the outbox of this bundle; call once at start, before any record.
/// A connection opened for another place is dropped, so that no read or
/// write reaches the other outbox.
pub fn use_place(place: OutboxPlace) {
    if PLACE.with(|p| p.replace(place)) != place {
        DB.with(|d| *d.borrow_mut() = None);
    }
}

fn place() -> OutboxPlace {
    PLACE.with(|p| p.get())
}

#[wasm_bindgen(inline_js = r#"
// v1 -> v2, inside the version-change transaction: tag every row with
// `pending` and index it. The cursor's requests keep the upgrade
// transaction alive until every row is rewritten; any failure aborts the
// whole upgrade and the data stays at v1.
export function outbox_upgrade_v2(tx, store, index) {
  const s = tx.objectStore(store);
  if (!s.indexNames.contains(index)) s.createIndex(index, 'pending', { unique: false });
  const c = s.openCursor();
  c.onsuccess = () => {
    const cur = c.result;
    if (!cur) return;
    const v = cur.value;
    const state = v && v.delivery && v.delivery.state;
    v.pending = (state === undefined || state === 'pending') ? 1 : 0;
    cur.update(v);
    cur.continue();
  };
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn outbox_upgrade_v2(tx: &IdbTransaction, store: &str, index: &str) -> Result<(), JsValue>;
}

/// Where a record stands between the phone and the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", content = "reason", rename_all = "snake_case")]
pub enum Delivery {
    /// Saved on the phone, not yet confirmed by the server.
    Pending,
    Synced,
    /// Stored by the server, marked for a lead's review.
    Flagged(String),
    /// Refused by the server; retrying will not help.
    Rejected(String),
}

impl From<&ItemOutcome> for Delivery {
    fn from(outcome: &ItemOutcome) -> Self {
        match outcome {
            ItemOutcome::Accepted | ItemOutcome::Duplicate => Delivery::Synced,
            ItemOutcome::Flagged(r) => Delivery::Flagged(r.clone()),
            ItemOutcome::Rejected(r) => Delivery::Rejected(r.clone()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxRecord {
    #[serde(flatten)]
    pub checkin: CheckIn,
    /// Shown in the history without needing the event data.
    pub venue_name: String,
    pub delivery: Delivery,
}

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    /// Set once a record had to go to the `localStorage` fallback.
    static DEGRADED: Cell<bool> = const { Cell::new(false) };
    static PLACE: Cell<OutboxPlace> = const { Cell::new(VOLUNTEER_OUTBOX) };
}

/// Creates (v1) and migrates (v2) the schema; runs only when the stored
/// version is older than [`DB_VERSION`].
pub fn upgrade(db: &IdbDatabase, old_version: u32, tx: &IdbTransaction) -> Result<(), JsValue> {
    if old_version < 1 {
        let params = IdbObjectStoreParameters::new();
        params.set_key_path(&JsValue::from_str("id"));
        db.create_object_store_with_optional_parameters(STORE, &params)?;
    }
    if old_version < 2 {
        outbox_upgrade_v2(tx, STORE, PENDING_INDEX)?;
    }
    Ok(())
}

async fn db() -> Result<IdbDatabase, StoreError> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let db = idb::open(place().db_name, DB_VERSION, upgrade).await?;
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    adopt_fallback(&db).await;
    Ok(db)
}

/// Runs `op` on the database, reopening it once if the cached connection
/// went away (closed for another tab's upgrade, or a WebView hiccup).
async fn with_db<T, F, Fut>(op: F) -> Result<T, StoreError>
where
    F: Fn(IdbDatabase) -> Fut,
    Fut: std::future::Future<Output = Result<T, StoreError>>,
{
    let first = op(db().await?).await;
    if first.is_ok() {
        return first;
    }
    DB.with(|d| *d.borrow_mut() = None);
    op(db().await?).await
}

/// Moves records saved in `localStorage` while IndexedDB failed into it.
async fn adopt_fallback(db: &IdbDatabase) {
    let local = local_all();
    if local.is_empty() {
        return;
    }
    let Ok(values) = to_js_all(&local) else {
        return;
    };
    if idb::put_all(db, STORE, &values).await.is_ok() {
        local_store::remove(place().fallback_key);
    }
}

fn pending_flag(record: &OutboxRecord) -> u32 {
    u32::from(record.delivery == Delivery::Pending)
}

fn to_js(record: &OutboxRecord) -> Result<JsValue, StoreError> {
    let value = crate::json::to_value(record).ok_or_else(|| StoreError("serialisation".into()))?;
    Reflect::set(&value, &"pending".into(), &pending_flag(record).into())
        .map_err(|_| StoreError("serialisation".into()))?;
    Ok(value)
}

fn to_js_all(records: &[OutboxRecord]) -> Result<Array, StoreError> {
    let values = Array::new();
    for r in records {
        values.push(&to_js(r)?);
    }
    Ok(values)
}

fn from_js(value: JsValue) -> Option<OutboxRecord> {
    crate::json::from_value(value)
}

fn local_all() -> Vec<OutboxRecord> {
    local_store::get_json(place().fallback_key).unwrap_or_default()
}

fn local_write(records: &[OutboxRecord]) -> Result<(), StoreError> {
    if local_store::set_json(place().fallback_key, &records) {
        Ok(())
    } else {
        Err(StoreError("localStorage unavailable or full".into()))
    }
}

/// Inserts or replaces by id in the `localStorage` fallback.
fn local_put(records: &[OutboxRecord]) -> Result<(), StoreError> {
    let mut all = local_all();
    for r in records {
        match all.iter_mut().find(|a| a.checkin.id == r.checkin.id) {
            Some(a) => *a = r.clone(),
            None => all.push(r.clone()),
        }
    }
    local_write(&all)?;
    DEGRADED.with(|d| d.set(true));
    Ok(())
}

/// True when records are (or were this session) kept in the less safe
/// `localStorage` fallback because IndexedDB failed.
pub fn degraded() -> bool {
    DEGRADED.with(|d| d.get()) || local_store::get(place().fallback_key).is_some()
}

fn sort(records: &mut Vec<OutboxRecord>) {
    sort_by_key(records, |r| (r.checkin.device_time_ms, r.checkin.id));
}

/// Writes records (insert or replace by id) in one transaction; falls back
/// to `localStorage` when IndexedDB is unavailable or refuses the write.
pub async fn put(records: &[OutboxRecord]) -> Result<(), StoreError> {
    let values = to_js_all(records)?;
    let stored = with_db(|db| {
        let values = values.clone();
        async move { idb::put_all(&db, STORE, &values).await }
    })
    .await;
    match stored {
        Ok(()) => Ok(()),
        Err(e) => {
            leptos::logging::warn!("IndexedDB write failed ({}), using localStorage", e.0);
            local_put(records)
        }
    }
}

/// Merges IndexedDB rows with fallback rows (IndexedDB wins on the same id).
fn merge(mut records: Vec<OutboxRecord>, local: Vec<OutboxRecord>) -> Vec<OutboxRecord> {
    for l in local {
        if !records.iter().any(|r| r.checkin.id == l.checkin.id) {
            records.push(l);
        }
    }
    sort(&mut records);
    records
}

/// All records, oldest first. Unreadable rows (from a future schema) are skipped.
pub async fn all() -> Result<Vec<OutboxRecord>, StoreError> {
    let rows = with_db(|db| async move { idb::get_all(&db, STORE).await }).await;
    let local = local_all();
    match rows {
        Ok(rows) => Ok(merge(rows.iter().filter_map(from_js).collect(), local)),
        Err(e) if !local.is_empty() || DEGRADED.with(|d| d.get()) => {
            let _ = e;
            let mut local = local;
            sort(&mut local);
            Ok(local)
        }
        Err(e) => {
            // Nothing was ever stored: an empty history, storage marked degraded.
            leptos::logging::warn!("IndexedDB unavailable ({}), using localStorage", e.0);
            DEGRADED.with(|d| d.set(true));
            Ok(Vec::new())
        }
    }
}

/// At most `limit` pending records, oldest first, read through the
/// `pending` index (not the whole store). This reads the shared store, so
/// records saved by another tab are included.
pub async fn pending(limit: usize) -> Result<Vec<OutboxRecord>, StoreError> {
    let rows = with_db(|db| async move {
        idb::get_by_index(&db, STORE, PENDING_INDEX, &JsValue::from(1), limit as u32).await
    })
    .await;
    let local: Vec<_> = local_all()
        .into_iter()
        .filter(|r| r.delivery == Delivery::Pending)
        .collect();
    let mut records = match rows {
        Ok(rows) => merge(rows.iter().filter_map(from_js).collect(), local),
        Err(_) if DEGRADED.with(|d| d.get()) || !local.is_empty() => merge(Vec::new(), local),
        Err(e) => return Err(e),
    };
    records.retain(|r| r.delivery == Delivery::Pending);
    records.truncate(limit);
    Ok(records)
}

/// How many records wait for the server (index count, no rows loaded).
pub async fn pending_count() -> Result<usize, StoreError> {
    let n = with_db(|db| async move {
        idb::count_by_index(&db, STORE, PENDING_INDEX, &JsValue::from(1)).await
    })
    .await;
    let local = local_all()
        .iter()
        .filter(|r| r.delivery == Delivery::Pending)
        .count();
    match n {
        Ok(n) => Ok(n as usize + local),
        Err(_) if DEGRADED.with(|d| d.get()) => Ok(local),
        Err(e) => Err(e),
    }
}

/// Applies the server's answers to the matching records, in one
/// transaction that touches only those rows.
pub async fn apply_results(results: &[ItemResult]) -> Result<(), StoreError> {
    if results.is_empty() {
        return Ok(());
    }
    let keys = Array::new();
    let patches = Array::new();
    for r in results {
        let delivery = Delivery::from(&r.outcome);
        let delivery =
            crate::json::to_value(&delivery).ok_or_else(|| StoreError("serialisation".into()))?;
        let patch = Object::new();
        let _ = Reflect::set(&patch, &"delivery".into(), &delivery);
        let _ = Reflect::set(&patch, &"pending".into(), &JsValue::from(0));
        keys.push(&JsValue::from_str(&r.id.to_string()));
        patches.push(&patch);
    }
    let idb_result = with_db(|db| {
        let (keys, patches) = (keys.clone(), patches.clone());
        async move { idb::patch_all(&db, STORE, &keys, &patches).await }
    })
    .await;
    let mut local = local_all();
    let mut local_changed = false;
    for record in local.iter_mut() {
        if let Some(result) = results.iter().find(|r| r.id == record.checkin.id) {
            record.delivery = Delivery::from(&result.outcome);
            local_changed = true;
        }
    }
    if local_changed {
        local_write(&local)?;
    }
    match idb_result {
        Err(e) if !local_changed => Err(e),
        _ => Ok(()),
    }
}

/// Updates records in memory the way [`apply_results`] updated storage;
/// returns the ids it did not find. Searched in lists: a batch has at most
/// [`baodao_core::sync::MAX_BATCH_ITEMS`] results and a phone hundreds of
/// records, and hash tables would add their code to the first screen.
pub fn apply_results_in_memory(records: &mut [OutboxRecord], results: &[ItemResult]) -> Vec<Uuid> {
    let mut found = Vec::new();
    for record in records.iter_mut() {
        if let Some(result) = results.iter().find(|r| r.id == record.checkin.id) {
            record.delivery = Delivery::from(&result.outcome);
            found.push(record.checkin.id);
        }
    }
    results
        .iter()
        .map(|r| r.id)
        .filter(|id| !found.contains(id))
        .collect()
}

/// Deletes these records from IndexedDB and the `localStorage` fallback
/// ("forget me", retention). Callers pass only records the server has
/// answered: a pending record removed here would be lost.
pub async fn remove(ids: &[Uuid]) -> Result<(), StoreError> {
    if ids.is_empty() {
        return Ok(());
    }
    let local = local_all();
    if local.iter().any(|r| ids.contains(&r.checkin.id)) {
        let kept: Vec<_> = local
            .into_iter()
            .filter(|r| !ids.contains(&r.checkin.id))
            .collect();
        if kept.is_empty() {
            local_store::remove(place().fallback_key);
        } else {
            local_write(&kept)?;
        }
    }
    let keys: Array = ids
        .iter()
        .map(|id| JsValue::from_str(&id.to_string()))
        .collect();
    match with_db(|db| {
        let keys = keys.clone();
        async move { idb::delete_all(&db, STORE, &keys).await }
    })
    .await
    {
        // No IndexedDB at all: the records were only in the fallback.
        Err(_) if DEGRADED.with(|d| d.get()) => Ok(()),
        other => other,
    }
}

/// Deletes every record (tests).
pub async fn clear() -> Result<(), StoreError> {
    local_store::remove(place().fallback_key);
    DEGRADED.with(|d| d.set(false));
    with_db(|db| async move { idb::clear(&db, STORE).await }).await
}
