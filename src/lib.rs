//! Baodao's widget: a Leptos client-side app compiled to WebAssembly.
//!
//! Data path on the phone: the check-in URL's fragment → a venue reference
//! ([`baodao_core::venue_link`]) → a check-in written to the [`outbox`] in
//! IndexedDB → [`sync`] sends it to the server.

pub mod api;
pub mod app;
pub mod components;
pub mod console;
pub mod elder_mode;
pub mod embed_bridge;
pub mod event_cache;
pub mod i18n;
pub mod idb;
pub mod json;
pub mod local_store;
pub mod navigation;
pub mod outbox;
pub mod page_title;
pub mod pages;
pub mod privacy;
pub mod profile;
pub mod record_id;
pub mod retention;
pub mod scan_timing;
pub mod scanner;
pub mod service_hours;
pub mod sync;
pub mod tap_guard;
pub mod time_format;
pub mod user_error;
pub mod wechat;

/// Mounts the app on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    embed_bridge::init();
    elder_mode::init();
    leptos::mount::mount_to_body(app::App);
}
