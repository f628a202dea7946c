//! JSON text and JS values to and from Rust values, through the browser's
//! own `JSON` and serde-wasm-bindgen: the volunteer's bundle then carries no
//! JSON parser or number formatter of its own.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// A plain JS value as `JSON.parse` would give for serde_json's text:
/// objects for maps, `null` for `None`, numbers for integers.
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Option<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
}

pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    js_sys::JSON::stringify(&to_value(value)?).ok()?.as_string()
}

pub fn from_value<T: DeserializeOwned>(value: JsValue) -> Option<T> {
    serde_wasm_bindgen::from_value(value).ok()
}

/// `None` for text that is not JSON or not a `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    from_value(js_sys::JSON::parse(text).ok()?)
}
