//! Times as people read them: local wall-clock time in the current language.

use crate::i18n::Lang;
use wasm_bindgen::JsValue;

pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
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
