//! The outbox: every check-in is written here, on the phone, before anything
//! is sent. Records stay until the server has confirmed them, and remain
//! afterwards as the volunteer's history.

use crate::idb::{self, StoreError};
use baodao_core::sync::{ItemOutcome, ItemResult};
use baodao_core::CheckIn;
use js_sys::{Array, JSON};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use wasm_bindgen::JsValue;
use web_sys::{IdbDatabase, IdbObjectStoreParameters};

pub const DB_NAME: &str = "baodao";
/// Schema version; bump it and extend [`upgrade`] for every change.
pub const DB_VERSION: u32 = 1;
const STORE: &str = "outbox";

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
}

fn upgrade(db: &IdbDatabase, old_version: u32) -> Result<(), JsValue> {
    if old_version < 1 {
        let params = IdbObjectStoreParameters::new();
        params.set_key_path(&JsValue::from_str("id"));
        db.create_object_store_with_optional_parameters(STORE, &params)?;
    }
    Ok(())
}

async fn db() -> Result<IdbDatabase, StoreError> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let db = idb::open(DB_NAME, DB_VERSION, upgrade).await?;
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

fn to_js(record: &OutboxRecord) -> Result<JsValue, StoreError> {
    let json = serde_json::to_string(record).map_err(|e| StoreError(e.to_string()))?;
    JSON::parse(&json).map_err(|_| StoreError("serialisation".into()))
}

fn from_js(value: JsValue) -> Option<OutboxRecord> {
    let json: String = JSON::stringify(&value).ok()?.into();
    serde_json::from_str(&json).ok()
}

/// Writes records (insert or replace by id) in one transaction.
pub async fn put(records: &[OutboxRecord]) -> Result<(), StoreError> {
    let values = Array::new();
    for r in records {
        values.push(&to_js(r)?);
    }
    idb::put_all(&db().await?, STORE, &values).await
}

/// All records, oldest first. Unreadable rows (from a future schema) are skipped.
pub async fn all() -> Result<Vec<OutboxRecord>, StoreError> {
    let rows = idb::get_all(&db().await?, STORE).await?;
    let mut records: Vec<OutboxRecord> = rows.iter().filter_map(from_js).collect();
    records.sort_by_key(|r| (r.checkin.device_time_ms, r.checkin.id));
    Ok(records)
}

/// Applies the server's answers to the matching records.
pub async fn apply_results(results: &[ItemResult]) -> Result<Vec<OutboxRecord>, StoreError> {
    let mut records = all().await?;
    let mut changed = Vec::new();
    for record in records.iter_mut() {
        if let Some(result) = results.iter().find(|r| r.id == record.checkin.id) {
            record.delivery = Delivery::from(&result.outcome);
            changed.push(record.clone());
        }
    }
    put(&changed).await?;
    Ok(records)
}

/// Deletes every record (tests and "forget me").
pub async fn clear() -> Result<(), StoreError> {
    idb::clear(&db().await?, STORE).await
}
