//! Times as people read them: local wall-clock time in the current language.

use crate::i18n::Lang;
use crate::local_store;
use std::cell::Cell;
use wasm_bindgen::JsValue;

/// `localStorage` key of the phone's clock offset learnt at sync: server
/// time minus this phone's clock, in ms.
pub const CLOCK_OFFSET_KEY: &str = "baodao.clock_offset_ms";
/// An answer slower than this says too little about the server's clock.
const MAX_OFFSET_RTT_MS: i64 = 10_000;

thread_local! {
    static OFFSET: Cell<Option<i64>> = const { Cell::new(None) };
}

/// The phone's own clock (what records carry as `device_time_ms`: the
/// server corrects it with the offset it estimates from each batch, so the
/// phone never sends a time it has corrected itself).
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// How far the phone's clock is behind the server's (ms), as learnt at the
/// last sync; 0 before any.
pub fn clock_offset_ms() -> i64 {
    if let Some(o) = OFFSET.with(|o| o.get()) {
        return o;
    }
    let o = local_store::get(CLOCK_OFFSET_KEY)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    OFFSET.with(|c| c.set(Some(o)));
    o
}

/// Forgets the cached offset, so the next read takes the one another tab
/// may have learnt since.
pub fn reload_clock_offset() {
    OFFSET.with(|o| o.set(None));
}

/// Learns the offset from one request: sent and answered at `sent_ms` and
/// `answered_ms` by the phone's clock, stamped `server_ms` by the server
/// (taken as the midpoint; the error is at most half the round trip).
pub fn learn_clock_offset(sent_ms: i64, answered_ms: i64, server_ms: i64) {
    let rtt = answered_ms - sent_ms;
    if !(0..=MAX_OFFSET_RTT_MS).contains(&rtt) {
        return;
    }
    let offset = server_ms - (sent_ms + rtt / 2);
    OFFSET.with(|o| o.set(Some(offset)));
    local_store::set(CLOCK_OFFSET_KEY, &offset.to_string());
}

/// The time now by the server's clock, as well as the phone knows it:
/// what codes are checked against (a phone whose clock is a day off still
/// accepts today's rotating codes once it has synced).
pub fn true_now_ms() -> i64 {
    now_ms() + clock_offset_ms()
}

/// A time read on the phone's clock, corrected by the learnt offset: what
/// the volunteer is shown.
pub fn corrected_ms(device_ms: i64) -> i64 {
    device_ms.saturating_add(clock_offset_ms())
}

/// `14:05` style local time.
pub fn clock(ms: i64, lang: Lang) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"hour".into(), &"2-digit".into());
    let _ = js_sys::Reflect::set(&options, &"minute".into(), &"2-digit".into());
    date.to_locale_time_string_with_options(lang.tag(), &options)
        .into()
}

/// `12月5日 14:05` / `Dec 5, 14:05` style local date and time.
pub fn date_clock(ms: i64, lang: Lang) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    let options = js_sys::Object::new();
    for (k, v) in [
        ("month", "short"),
        ("day", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
    ] {
        let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
    }
    date.to_locale_string(lang.tag(), &options).into()
}
