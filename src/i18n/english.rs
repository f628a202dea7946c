//! The English texts of the volunteer app, fetched for English readers only:
//! from the phone's copy at once when there is one (offline too, with or
//! without a service worker), and from the server, which refreshes that copy
//! for the next start.

use super::Lang;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::Cell;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// Copied there by the build (index.html); no hash in the name, so it is
/// revalidated, and the phone's copy is refreshed from it.
const URL: &str = "/locales/en/widget.ftl";
const STORAGE_KEY: &str = "baodao.texts.en";

thread_local! {
    static ASKED: Cell<bool> = const { Cell::new(false) };
}

/// For an English reader, adds the English texts as soon as the phone has
/// them, and re-renders the texts shown (`lang` notified) when they arrive.
/// Once per page.
pub(super) fn load_if_english(lang: RwSignal<Lang>) {
    if lang.get_untracked() != Lang::En || super::has_english() || ASKED.with(|a| a.replace(true)) {
        return;
    }
    let stored: Option<&'static str> = crate::local_store::get(STORAGE_KEY).map(|t| &*t.leak());
    if let Some(text) = stored {
        super::add_english(text);
        lang.update(|_| {});
    }
    spawn_local(async move {
        let Some(text) = fetch().await else { return };
        if stored != Some(text.as_str()) {
            crate::local_store::set(STORAGE_KEY, &text);
        }
        // A copy shown stays for this page; the refreshed one is for the next.
        if stored.is_none() {
            super::add_english(text.leak());
            lang.update(|_| {});
        }
    });
}

async fn fetch() -> Option<String> {
    let response: Response = JsFuture::from(window().fetch_with_str(URL))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = crate::api::body_text(&response).await.ok()?;
    // A proxy's error page or the app's own index.html is not the texts.
    let readable = baodao_locales::messages(&text).next().is_some();
    readable.then_some(text)
}
