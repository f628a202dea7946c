//! Named moments of the scan → check-in pipeline, as `performance.mark`
//! entries, so the time from decoded to saved can be measured
//! (tests/e2e/scan_latency.spec.ts reads them), and marks cost nothing
//! when nobody reads them. `baodao:scan-decoded` is set by the scanner's
//! glue ([`crate::scanner`]) when a decoded text is accepted.
//!
//! Called through `js_sys` (no web-sys feature, no snippet): the widget's
//! first-screen download stays the same.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The check-in page shows the scanned venue and its button.
pub const CHECKIN_READY: &str = "baodao:checkin-ready";
/// The volunteer tapped check in (or out).
pub const CHECKIN_TAP: &str = "baodao:checkin-tap";
/// The record's IndexedDB (or fallback) outbox write committed.
pub const CHECKIN_SAVED: &str = "baodao:checkin-saved";

/// `performance.mark(name)`; does nothing where there is no Performance API.
pub fn mark(name: &str) {
    let Ok(performance) = Reflect::get(&js_sys::global(), &JsValue::from_str("performance")) else {
        return;
    };
    if let Ok(f) = Reflect::get(&performance, &JsValue::from_str("mark")) {
        if let Ok(f) = f.dyn_into::<Function>() {
            let _ = f.call1(&performance, &JsValue::from_str(name));
        }
    }
}
