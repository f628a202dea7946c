//! The sync engine: sends pending outbox records to the server in batches and
//! records each answer. One run at a time per tab, and across tabs through
//! the Web Locks API where the browser has it (elsewhere each tab syncs on
//! its own, which is safe: the server stores each record id once). A failed
//! run retries with exponential backoff and jitter.
//!
//! Triggers: app start, a new record, the `online` event, the page becoming
//! visible again, a periodic timer while anything is pending, the "sync now"
//! button, and the service worker's Background Sync message.

use crate::api::{self, ApiFailure};
use crate::local_store;
use crate::outbox::{self, Delivery, OutboxRecord};
use crate::time_format::{learn_clock_offset, now_ms, reload_clock_offset};
use crate::user_error::UserError;
use baodao_core::sync::{SyncBatch, SyncResponse, MAX_BATCH_ITEMS};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

const FIRST_RETRY_MS: f64 = 2_000.0;
const MAX_RETRY_MS: f64 = 60_000.0;
/// While records wait, how often to try again without any other trigger.
const PERIODIC_MS: u64 = 30_000;
/// Name of the cross-tab sync lock (and Background Sync tag).
pub const SYNC_LOCK: &str = "baodao-sync";
/// `localStorage` key of the last successful sync time (ms since epoch).
pub const LAST_SYNC_KEY: &str = "baodao.last_sync_ms";
const PERSIST_ASKED_KEY: &str = "baodao.persist_asked";

#[wasm_bindgen(inline_js = r#"
// Runs f() holding the cross-tab lock; resolves true if it ran, false if
// another tab holds the lock (that tab is syncing the same shared outbox).
export function sync_with_lock(name, f) {
  try {
    if (navigator.locks && navigator.locks.request) {
      return navigator.locks.request(name, { ifAvailable: true }, (lock) =>
        lock ? Promise.resolve(f()).then(() => true) : false);
    }
  } catch (e) { /* fall through: per-tab only */ }
  return Promise.resolve(f()).then(() => true);
}
let channel = null;
export function outbox_channel(onmessage) {
  try {
    if (typeof BroadcastChannel === 'undefined') return;
    channel = new BroadcastChannel('baodao-outbox');
    channel.onmessage = () => onmessage();
  } catch (e) { channel = null; }
}
export function outbox_changed() {
  try { if (channel) channel.postMessage('changed'); } catch (e) {}
}
// Asks the browser to keep our storage under pressure. Resolves to whether
// storage is persistent; never rejects.
export function storage_persist() {
  try {
    if (navigator.storage && navigator.storage.persist) {
      return navigator.storage.persist().then((p) => !!p, () => false);
    }
  } catch (e) {}
  return Promise.resolve(false);
}
export function page_visible() {
  return typeof document === 'undefined' || document.visibilityState !== 'hidden';
}
// Background Sync: lets the service worker wake us (or post itself) when the
// connection returns. Silently absent where unsupported.
export function request_background_sync(tag) {
  try {
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.ready
        .then((r) => r.sync && r.sync.register(tag))
        .catch(() => {});
    }
  } catch (e) {}
}
"#)]
extern "C" {
    fn sync_with_lock(name: &str, f: &js_sys::Function) -> js_sys::Promise;
    fn outbox_channel(onmessage: &js_sys::Function);
    fn outbox_changed();
    fn storage_persist() -> js_sys::Promise;
    fn page_visible() -> bool;
    fn request_background_sync(tag: &str);
}

/// How a bundle sends a batch when it is not a phone's own records (sent by
/// [`api::sync`] with the device token): the lead's console sends assisted
/// check-ins with the lead's session. Same engine, same retries.
pub type Transport = fn(
    SyncBatch,
) -> std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<SyncResponse, ApiFailure>>>,
>;

/// Chooses how this bundle's outbox is sent; call once at start.
pub fn use_transport(transport: Transport) {
    TRANSPORT.with(|t| t.set(Some(transport)));
}

thread_local! {
    static TRANSPORT: Cell<Option<Transport>> = const { Cell::new(None) };
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    /// Set when a sync is asked for while one runs, so the new record is not missed.
    static AGAIN: Cell<bool> = const { Cell::new(false) };
    static FAILURES: Cell<u32> = const { Cell::new(0) };
    /// No automatic (timer) retry before this time: keeps the backoff.
    static NEXT_RETRY_MS: Cell<f64> = const { Cell::new(0.0) };
}

/// What the UI shows about local records and their delivery.
#[derive(Clone, Copy)]
pub struct SyncStatus {
    /// Every record on this phone, oldest first.
    pub records: RwSignal<Vec<OutboxRecord>>,
    pub syncing: RwSignal<bool>,
    /// False after a failed attempt to reach the server (or the browser
    /// going offline), until one succeeds.
    pub reachable: RwSignal<bool>,
    /// Last time the server answered a batch (by the server's clock);
    /// remembered across reloads.
    pub last_synced_ms: RwSignal<Option<i64>>,
    /// Set when the phone cannot store records at all.
    pub storage_error: RwSignal<Option<UserError>>,
    /// Records are kept in the less safe `localStorage` fallback.
    pub storage_degraded: RwSignal<bool>,
    /// The browser granted persistent storage (`navigator.storage.persist()`).
    pub persisted: RwSignal<bool>,
}

impl SyncStatus {
    /// Creates the status, provides it as context, loads the records and
    /// starts a first sync (app start is a sync trigger).
    pub fn provide() -> SyncStatus {
        let status = SyncStatus {
            records: RwSignal::new(Vec::new()),
            syncing: RwSignal::new(false),
            reachable: RwSignal::new(true),
            last_synced_ms: RwSignal::new(stored_last_sync()),
            storage_error: RwSignal::new(None),
            storage_degraded: RwSignal::new(false),
            persisted: RwSignal::new(false),
        };
        provide_context(status);
        spawn_local(async move {
            // Before the first read, so expired records are never shown.
            crate::retention::remove_expired().await;
            status.reload().await;
            status.sync_soon();
        });
        let online = window_event_listener(ev::online, move |_| status.sync_soon());
        let offline = window_event_listener(ev::offline, move |_| status.reachable.set(false));
        // Back from the lock screen or another app: other tabs or the
        // service worker may have synced, and the network may be back.
        let visible = window_event_listener_untyped("visibilitychange", move |_| {
            if page_visible() {
                spawn_local(async move {
                    status.reload().await;
                    status.sync_soon();
                });
            }
        });
        let periodic = set_interval_with_handle(
            move || {
                let due = NEXT_RETRY_MS.with(|n| n.get()) <= js_sys::Date::now();
                if due && status.pending_count() > 0 && page_visible() {
                    status.sync_soon();
                }
            },
            Duration::from_millis(PERIODIC_MS),
        )
        .ok();
        let changed = Closure::<dyn Fn()>::new(move || {
            spawn_local(async move { status.reload().await });
        });
        outbox_channel(changed.as_ref().unchecked_ref());
        changed.forget();
        on_cleanup(move || {
            online.remove();
            offline.remove();
            visible.remove();
            if let Some(p) = periodic {
                p.clear();
            }
        });
        status
    }

    pub fn pending_count(&self) -> usize {
        self.records
            .with(|r| r.iter().filter(|r| r.delivery == Delivery::Pending).count())
    }

    async fn reload(&self) {
        // Another tab may have learnt the clock offset since, and synced
        // the shared outbox: its last sync is this tab's too.
        reload_clock_offset();
        let last = stored_last_sync();
        if last.is_some() && last != self.last_synced_ms.get_untracked() {
            self.last_synced_ms.set(last);
        }
        match outbox::all().await {
            Ok(records) => {
                self.records.set(records);
                self.storage_error.set(None);
            }
            Err(_) => self.storage_error.set(Some(UserError::Storage)),
        }
        self.storage_degraded.set(outbox::degraded());
    }

    /// Saves new records on the phone (in one transaction: all or none),
    /// then tries to send them. Succeeds once they are durable locally,
    /// whatever the network does.
    pub async fn record(&self, records: &[OutboxRecord]) -> Result<(), UserError> {
        if let Err(e) = outbox::put(records).await {
            leptos::logging::warn!("outbox write failed: {}", e.0);
            self.storage_error.set(Some(UserError::Storage));
            return Err(UserError::Storage);
        }
        crate::scan_timing::mark(crate::scan_timing::CHECKIN_SAVED);
        self.ask_persistence_once();
        self.reload().await;
        outbox_changed();
        self.sync_soon();
        Ok(())
    }

    /// Asks for persistent storage once per phone, when there is first
    /// something worth keeping.
    fn ask_persistence_once(&self) {
        if local_store::get(PERSIST_ASKED_KEY).is_some() {
            return;
        }
        local_store::set(PERSIST_ASKED_KEY, "1");
        let status = *self;
        spawn_local(async move {
            let granted = JsFuture::from(storage_persist())
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            status.persisted.set(granted);
        });
    }

    /// Starts a sync unless one is running (which will then run again).
    pub fn sync_soon(&self) {
        if RUNNING.with(|r| r.replace(true)) {
            AGAIN.with(|a| a.set(true));
            return;
        }
        let status = *self;
        spawn_local(async move {
            // The whole run holds the cross-tab lock: two tabs never send
            // the same pending rows at once.
            let run = Closure::once(move || {
                wasm_bindgen_futures::future_to_promise(async move {
                    loop {
                        AGAIN.with(|a| a.set(false));
                        let outcome = status.run().await;
                        if outcome.is_err() || !AGAIN.with(|a| a.get()) {
                            break;
                        }
                    }
                    Ok(JsValue::UNDEFINED)
                })
            });
            let ran = JsFuture::from(sync_with_lock(SYNC_LOCK, run.as_ref().unchecked_ref()))
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            drop(run);
            RUNNING.with(|r| r.set(false));
            if !ran {
                // Another tab is syncing the shared outbox: look again soon.
                set_timeout(
                    move || {
                        spawn_local(async move {
                            status.reload().await;
                            if status.pending_count() > 0 {
                                status.sync_soon();
                            }
                        })
                    },
                    Duration::from_millis(3_000),
                );
            }
        });
    }

    /// Sends every pending record, a batch at a time. Pending rows are read
    /// from storage through its index (so records another tab saved are
    /// included), never holding a transaction across the request.
    async fn run(&self) -> Result<(), ApiFailure> {
        let mut sent_any = false;
        loop {
            let pending: Vec<_> = match outbox::pending(MAX_BATCH_ITEMS).await {
                Ok(p) => p.into_iter().map(|r| r.checkin).collect(),
                Err(_) => {
                    // Storage unreadable: send what this tab has in memory.
                    self.records.with_untracked(|r| {
                        r.iter()
                            .filter(|r| r.delivery == Delivery::Pending)
                            .take(MAX_BATCH_ITEMS)
                            .map(|r| r.checkin.clone())
                            .collect()
                    })
                }
            };
            if pending.is_empty() {
                if sent_any {
                    outbox_changed();
                }
                return Ok(());
            }
            self.syncing.set(true);
            // The phone's own clock, uncorrected: the server estimates the
            // offset from it and corrects every item's device time.
            let sent = now_ms();
            let batch = SyncBatch {
                device_time_ms: sent,
                items: pending,
            };
            let result = match TRANSPORT.with(|t| t.get()) {
                Some(send) => send(batch).await,
                None => api::sync(&batch).await,
            };
            self.syncing.set(false);
            match result {
                Ok(response) => {
                    FAILURES.with(|f| f.set(0));
                    NEXT_RETRY_MS.with(|n| n.set(0.0));
                    self.reachable.set(true);
                    // Learnt before the results are applied, so the records
                    // shown again show corrected times.
                    learn_clock_offset(sent, now_ms(), response.server_time_ms);
                    let at = response.server_time_ms;
                    self.last_synced_ms.set(Some(at));
                    local_store::set(LAST_SYNC_KEY, &at.to_string());
                    sent_any = true;
                    if let Err(e) = outbox::apply_results(&response.results).await {
                        leptos::logging::warn!("outbox update failed: {}", e.0);
                        self.storage_error.set(Some(UserError::Storage));
                        return Ok(());
                    }
                    let mut missing = Vec::new();
                    self.records.update(|records| {
                        missing = outbox::apply_results_in_memory(records, &response.results);
                    });
                    if !missing.is_empty() {
                        // Saved by another tab since our last reload.
                        self.reload().await;
                    }
                    // Let the page paint between batches.
                    yield_to_browser().await;
                }
                Err(failure) => {
                    if failure == ApiFailure::Network {
                        self.reachable.set(false);
                        request_background_sync(SYNC_LOCK);
                    }
                    if sent_any {
                        outbox_changed();
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
        NEXT_RETRY_MS.with(|n| n.set(js_sys::Date::now() + delay));
        let status = *self;
        set_timeout(
            move || status.sync_soon(),
            Duration::from_millis(delay as u64),
        );
    }
}

/// When the server last answered a batch from this phone (any tab).
fn stored_last_sync() -> Option<i64> {
    local_store::get(LAST_SYNC_KEY).and_then(|v| v.parse().ok())
}

/// Resolves on the next macrotask, so rendering and input run in between.
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

pub fn use_sync_status() -> SyncStatus {
    expect_context::<SyncStatus>()
}
