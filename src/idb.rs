//! A thin promise bridge to IndexedDB.
//!
//! The request/transaction callbacks are wired in a few lines of JavaScript:
//! each operation is one short transaction, resolved only when the
//! transaction *completes* (the data is durable), never kept open across a
//! network call.

use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::IdbDatabase;

#[wasm_bindgen(inline_js = r#"
function done(tx) {
  return new Promise((res, rej) => {
    tx.oncomplete = () => res();
    tx.onerror = () => rej(tx.error);
    tx.onabort = () => rej(tx.error || new DOMException('transaction aborted', 'AbortError'));
  });
}
export function idb_open(name, version, upgrade) {
  return new Promise((res, rej) => {
    let r;
    try { r = indexedDB.open(name, version); } catch (e) { rej(e); return; }
    r.onupgradeneeded = (ev) => {
      try { upgrade(r.result, ev.oldVersion, r.transaction); } catch (e) { r.transaction.abort(); rej(e); }
    };
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
}
export function idb_put_all(db, store, values) {
  try {
    const tx = db.transaction(store, 'readwrite');
    const s = tx.objectStore(store);
    for (const v of values) s.put(v);
    return done(tx);
  } catch (e) { return Promise.reject(e); }
}
export function idb_get_all(db, store) {
  try {
    const tx = db.transaction(store, 'readonly');
    const r = tx.objectStore(store).getAll();
    return done(tx).then(() => r.result);
  } catch (e) { return Promise.reject(e); }
}
export function idb_clear(db, store) {
  try {
    const tx = db.transaction(store, 'readwrite');
    tx.objectStore(store).clear();
    return done(tx);
  } catch (e) { return Promise.reject(e); }
}
export function idb_delete_database(name) {
  return new Promise((res, rej) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = () => res();
    r.onerror = () => rej(r.error);
    r.onblocked = () => res();
  });
}
"#)]
extern "C" {
    fn idb_open(name: &str, version: u32, upgrade: &Function) -> js_sys::Promise;
    fn idb_put_all(db: &IdbDatabase, store: &str, values: &Array) -> js_sys::Promise;
    fn idb_get_all(db: &IdbDatabase, store: &str) -> js_sys::Promise;
    fn idb_clear(db: &IdbDatabase, store: &str) -> js_sys::Promise;
    fn idb_delete_database(name: &str) -> js_sys::Promise;
}

/// Why a storage operation failed, with the browser's own words for logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError(pub String);

fn store_error(e: JsValue) -> StoreError {
    let text = js_sys::Reflect::get(&e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "IndexedDB unavailable".to_string());
    StoreError(text)
}

/// Opens `name` at `version`; `upgrade(db, old_version)` creates or migrates
/// object stores and runs only when the stored version is older.
pub async fn open(
    name: &str,
    version: u32,
    upgrade: impl Fn(&IdbDatabase, u32) -> Result<(), JsValue> + 'static,
) -> Result<IdbDatabase, StoreError> {
    let upgrade = Closure::<dyn Fn(IdbDatabase, u32) -> Result<(), JsValue>>::new(
        move |db: IdbDatabase, old: u32| upgrade(&db, old),
    );
    let result = JsFuture::from(idb_open(name, version, upgrade.as_ref().unchecked_ref())).await;
    drop(upgrade);
    result.map(|db| db.unchecked_into()).map_err(store_error)
}

pub async fn put_all(db: &IdbDatabase, store: &str, values: &Array) -> Result<(), StoreError> {
    JsFuture::from(idb_put_all(db, store, values))
        .await
        .map(|_| ())
        .map_err(store_error)
}

pub async fn get_all(db: &IdbDatabase, store: &str) -> Result<Array, StoreError> {
    JsFuture::from(idb_get_all(db, store))
        .await
        .map(|v| v.unchecked_into())
        .map_err(store_error)
}

pub async fn clear(db: &IdbDatabase, store: &str) -> Result<(), StoreError> {
    JsFuture::from(idb_clear(db, store))
        .await
        .map(|_| ())
        .map_err(store_error)
}

pub async fn delete_database(name: &str) -> Result<(), StoreError> {
    JsFuture::from(idb_delete_database(name))
        .await
        .map(|_| ())
        .map_err(store_error)
}
