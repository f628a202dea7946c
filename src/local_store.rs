//! `localStorage` for small things remembered on the device (language,
//! profile, cached event data). Every call tolerates a missing or failing
//! store (private modes, some WebViews): the app degrades, never crashes.

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Returns false when the value could not be stored (quota, disabled storage).
pub fn set(key: &str, value: &str) -> bool {
    storage()
        .map(|s| s.set_item(key, value).is_ok())
        .unwrap_or(false)
}

pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Reads a JSON value; a corrupt entry reads as absent.
pub fn get_json<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
    crate::json::from_str(&get(key)?)
}

pub fn set_json<T: serde::Serialize>(key: &str, value: &T) -> bool {
    crate::json::to_string(value).is_some_and(|s| set(key, &s))
}
