//! `visibilitychange`: the scan screen releases the camera while the page is
//! hidden (switched app, locked phone) and reopens it when shown again.

use wasm_bindgen::prelude::*;

/// Whether the page is hidden right now.
pub fn is_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}

/// Calls `on_change(hidden)` on every visibility change until dropped.
pub struct PageVisibility(Closure<dyn Fn()>);

impl PageVisibility {
    pub fn watch(on_change: impl Fn(bool) + 'static) -> PageVisibility {
        let listener = Closure::<dyn Fn()>::new(move || on_change(is_hidden()));
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            let _ = d.add_event_listener_with_callback(
                "visibilitychange",
                listener.as_ref().unchecked_ref(),
            );
        }
        PageVisibility(listener)
    }
}

impl Drop for PageVisibility {
    fn drop(&mut self) {
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            let _ = d.remove_event_listener_with_callback(
                "visibilitychange",
                self.0.as_ref().unchecked_ref(),
            );
        }
    }
}
