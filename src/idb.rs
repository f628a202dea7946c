//! A thin promise bridge to IndexedDB.
//!
//! The request/transaction callbacks are wired in a few lines of JavaScript:
//! each operation is one short transaction, resolved only when the
//! transaction *completes* (the data is durable), never kept open across a
//! network call.

use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbTransaction};

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
    // Missing entirely in some WebViews and private modes (e2e deletes it).
    if (typeof indexedDB === 'undefined' || !indexedDB) { rej(new Error('IndexedDB unavailable')); return; }
    try { r = indexedDB.open(name, version); } catch (e) { rej(e); return; }
    r.onupgradeneeded = (ev) => {
      try { upgrade(r.result, ev.oldVersion, r.transaction); } catch (e) { r.transaction.abort(); rej(e); }
    };
    // Another tab holds an older version open: it is asked to close
    // (onversionchange below); until then we wait rather than fail.
    r.onblocked = () => {};
    r.onsuccess = () => {
      const db = r.result;
      // A newer version of the app in another tab wants to upgrade: let it.
      db.onversionchange = () => db.close();
      res(db);
    };
    r.onerror = () => rej(r.error);
  });
}
export function idb_get_by_index(db, store, index, key, limit) {
  try {
    const tx = db.transaction(store, 'readonly');
    const r = tx.objectStore(store).index(index).getAll(IDBKeyRange.only(key), limit || undefined);
    return done(tx).then(() => r.result);
  } catch (e) { return Promise.reject(e); }
}
export function idb_count_by_index(db, store, index, key) {
  try {
    const tx = db.transaction(store, 'readonly');
    const r = tx.objectStore(store).index(index).count(IDBKeyRange.only(key));
    return done(tx).then(() => r.result);
  } catch (e) { return Promise.reject(e); }
}
export function idb_patch_all(db, store, keys, patches) {
  try {
    const tx = db.transaction(store, 'readwrite');
    const s = tx.objectStore(store);
    keys.forEach((k, i) => {
      const g = s.get(k);
      g.onsuccess = () => { if (g.result !== undefined) s.put(Object.assign(g.result, patches[i])); };
    });
    return done(tx);
  } catch (e) { return Promise.reject(e); }
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
export function idb_delete_all(db, store, keys) {
  try {
    const tx = db.transaction(store, 'readwrite');
    const s = tx.objectStore(store);
    for (const k of keys) s.delete(k);
    return done(tx);
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
    fn idb_get_by_index(
        db: &IdbDatabase,
        store: &str,
        index: &str,
        key: &JsValue,
        limit: u32,
    ) -> js_sys::Promise;
    fn idb_count_by_index(
        db: &IdbDatabase,
        store: &str,
        index: &str,
        key: &JsValue,
    ) -> js_sys::Promise;
    fn idb_patch_all(
        db: &IdbDatabase,
        store: &str,
        keys: &Array,
        patches: &Array,
    ) -> js_sys::Promise;
    fn idb_put_all(db: &IdbDatabase, store: &str, values: &Array) -> js_sys::Promise;
    fn idb_get_all(db: &IdbDatabase, store: &str) -> js_sys::Promise;
    fn idb_delete_all(db: &IdbDatabase, store: &str, keys: &Array) -> js_sys::Promise;
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

/// Opens `name` at `version`; `upgrade(db, old_version, tx)` creates or
/// migrates object stores and runs only when the stored version is older.
/// `tx` is the version-change transaction: requests made on it (e.g. a
/// cursor rewriting old rows) are part of the upgrade, which commits or
/// aborts as a whole. Fails when IndexedDB is missing or refuses to open.
pub async fn open(
    name: &str,
    version: u32,
    upgrade: impl Fn(&IdbDatabase, u32, &IdbTransaction) -> Result<(), JsValue> + 'static,
) -> Result<IdbDatabase, StoreError> {
    let upgrade = Closure::<dyn Fn(IdbDatabase, u32, IdbTransaction) -> Result<(), JsValue>>::new(
        move |db: IdbDatabase, old: u32, tx: IdbTransaction| upgrade(&db, old, &tx),
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

/// Rows whose `index` equals `key`, at most `limit` (0: all), in index order.
pub async fn get_by_index(
    db: &IdbDatabase,
    store: &str,
    index: &str,
    key: &JsValue,
    limit: u32,
) -> Result<Array, StoreError> {
    JsFuture::from(idb_get_by_index(db, store, index, key, limit))
        .await
        .map(|v| v.unchecked_into())
        .map_err(store_error)
}

pub async fn count_by_index(
    db: &IdbDatabase,
    store: &str,
    index: &str,
    key: &JsValue,
) -> Result<u32, StoreError> {
    JsFuture::from(idb_count_by_index(db, store, index, key))
        .await
        .map(|v| v.as_f64().unwrap_or(0.0) as u32)
        .map_err(store_error)
}

/// Merges `patches[i]`'s properties into the row with key `keys[i]` (rows
/// that do not exist are left alone), all in one read-write transaction.
pub async fn patch_all(
    db: &IdbDatabase,
    store: &str,
    keys: &Array,
    patches: &Array,
) -> Result<(), StoreError> {
    JsFuture::from(idb_patch_all(db, store, keys, patches))
        .await
        .map(|_| ())
        .map_err(store_error)
}

/// Deletes the rows with these keys (absent ones are no error), in one
/// read-write transaction.
pub async fn delete_all(db: &IdbDatabase, store: &str, keys: &Array) -> Result<(), StoreError> {
    JsFuture::from(idb_delete_all(db, store, keys))
        .await
        .map(|_| ())
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
