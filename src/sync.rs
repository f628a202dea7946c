//! The sync engine: sends pending outbox records to the server in batches and
//! records each answer. One run at a time; a failed run retries with
//! exponential backoff and jitter, and the `online` event retries at once.

use crate::api::{self, ApiFailure};
use crate::outbox::{self, Delivery, OutboxRecord};
use crate::time_format::now_ms;
use crate::user_error::UserError;
use baodao_core::sync::{SyncBatch, MAX_BATCH_ITEMS};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::time::Duration;

const FIRST_RETRY_MS: f64 = 2_000.0;
const MAX_RETRY_MS: f64 = 60_000.0;

thread_local! {
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    /// Set when a sync is asked for while one runs, so the new record is not missed.
    static AGAIN: Cell<bool> = const { Cell::new(false) };
    static FAILURES: Cell<u32> = const { Cell::new(0) };
}

/// What the UI shows about local records and their delivery.
#[derive(Clone, Copy)]
pub struct SyncStatus {
    /// Every record on this phone, oldest first.
    pub records: RwSignal<Vec<OutboxRecord>>,
    pub syncing: RwSignal<bool>,
    /// False after a failed attempt to reach the server, until one succeeds.
    pub reachable: RwSignal<bool>,
    pub last_synced_ms: RwSignal<Option<i64>>,
    /// Set when the phone cannot store records at all.
    pub storage_error: RwSignal<Option<UserError>>,
}

impl SyncStatus {
    /// Creates the status, provides it as context, loads the records and
    /// starts a first sync (app start is a sync trigger).
    pub fn provide() -> SyncStatus {
        let status = SyncStatus {
            records: RwSignal::new(Vec::new()),
            syncing: RwSignal::new(false),
            reachable: RwSignal::new(true),
            last_synced_ms: RwSignal::new(None),
            storage_error: RwSignal::new(None),
        };
        provide_context(status);
        spawn_local(async move {
            status.reload().await;
            status.sync_soon();
        });
        let online = window_event_listener(ev::online, move |_| status.sync_soon());
        on_cleanup(move || online.remove());
        status
    }

    pub fn pending_count(&self) -> usize {
        self.records
            .with(|r| r.iter().filter(|r| r.delivery == Delivery::Pending).count())
    }

    async fn reload(&self) {
        match outbox::all().await {
            Ok(records) => {
                self.records.set(records);
                self.storage_error.set(None);
            }
            Err(_) => self.storage_error.set(Some(UserError::Storage)),
        }
    }

    /// Saves a new record on the phone, then tries to send it.
    /// Succeeds once the record is durable locally, whatever the network does.
    pub async fn record(&self, record: OutboxRecord) -> Result<(), UserError> {
        if let Err(e) = outbox::put(std::slice::from_ref(&record)).await {
            leptos::logging::warn!("outbox write failed: {}", e.0);
            self.storage_error.set(Some(UserError::Storage));
            return Err(UserError::Storage);
        }
        self.reload().await;
        self.sync_soon();
        Ok(())
    }

    /// Starts a sync unless one is running (which will then run again).
    pub fn sync_soon(&self) {
        if RUNNING.with(|r| r.replace(true)) {
            AGAIN.with(|a| a.set(true));
            return;
        }
        let status = *self;
        spawn_local(async move {
            loop {
                AGAIN.with(|a| a.set(false));
                let outcome = status.run().await;
                if outcome.is_err() || !AGAIN.with(|a| a.get()) {
                    break;
                }
            }
            RUNNING.with(|r| r.set(false));
        });
    }

    /// Sends every pending record, a batch at a time.
    async fn run(&self) -> Result<(), ApiFailure> {
        loop {
            let pending: Vec<_> = self.records.with_untracked(|r| {
                r.iter()
                    .filter(|r| r.delivery == Delivery::Pending)
                    .take(MAX_BATCH_ITEMS)
                    .map(|r| r.checkin.clone())
                    .collect()
            });
            if pending.is_empty() {
                return Ok(());
            }
            self.syncing.set(true);
            let result = api::sync(&SyncBatch {
                device_time_ms: now_ms(),
                items: pending,
            })
            .await;
            self.syncing.set(false);
            match result {
                Ok(response) => {
                    FAILURES.with(|f| f.set(0));
                    self.reachable.set(true);
                    self.last_synced_ms.set(Some(now_ms()));
                    match outbox::apply_results(&response.results).await {
                        Ok(records) => self.records.set(records),
                        Err(_) => {
                            self.storage_error.set(Some(UserError::Storage));
                            return Ok(());
                        }
                    }
                }
                Err(failure) => {
                    if failure == ApiFailure::Network {
                        self.reachable.set(false);
                    }
                    self.retry_later();
                    return Err(failure);
                }
            }
        }
    }

    fn retry_later(&self) {
        let failures = FAILURES.with(|f| {
            f.set(f.get().saturating_add(1));
            f.get()
        });
        let base = (FIRST_RETRY_MS * 2f64.powi(failures.min(10) as i32 - 1)).min(MAX_RETRY_MS);
        // Jitter spreads thousands of phones regaining signal at once.
        let delay = base * (0.5 + js_sys::Math::random());
        let status = *self;
        set_timeout(
            move || status.sync_soon(),
            Duration::from_millis(delay as u64),
        );
    }
}

pub fn use_sync_status() -> SyncStatus {
    expect_context::<SyncStatus>()
}
