//! The scan screen (`/scan`). The camera and decoding live in an on-demand
//! module ([`crate::scanner`]); this page decides what a decoded text means:
//! a Baodao venue link opens the check-in page for that venue (`/c#code`),
//! anything else is explained while scanning goes on. The module also shows
//! the way to type the venue's short code (`/code`) instead.
//!
//! Kept this small on purpose: it is part of the first-screen download.

use crate::i18n::use_i18n;
use crate::scanner::{close_scanner, open_scanner};
use baodao_core::venue_link::{code_from_scan, LinkError};
use leptos::html::Section;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Where a volunteer types the venue's short code instead of scanning
/// (scanner-ui links there too).
const SHORT_CODE_ROUTE: &str = "/code";

#[component]
pub fn ScanPage() -> impl IntoView {
    let lang = use_i18n().lang;
    let host = NodeRef::<Section>::new();
    // See `open_scanner`: a text, or the verdict on a decoded text.
    let callback = Closure::<dyn Fn(String, Option<String>) -> String>::new(
        move |key: String, text: Option<String>| match text {
            None => lang.get_untracked().text(&key),
            Some(text) => match code_from_scan(&text) {
                Ok(code) => format!("/c#{code}"),
                Err(LinkError::MissingCode) => "error-missing_code".into(),
                Err(_) => "error-not_baodao".into(),
            },
        },
    );
    // The scanner's handle once loaded, closed on leaving.
    let scanner = StoredValue::new_local(None::<JsValue>);
    let callback = StoredValue::new_local(Some(callback));
    host.on_load(move |el| {
        let f = callback.with_value(|c| c.as_ref().map(|c| c.as_ref().clone()));
        let Some(f) = f else { return };
        spawn_local(async move {
            // Inside WeChat: WeChat's own scanner first (src/wechat/).
            if crate::wechat::scan_first(&el, lang.get_untracked()).await {
                return;
            }
            let tag = lang.get_untracked().tag();
            match JsFuture::from(open_scanner(&el, tag, f.unchecked_ref())).await {
                // Left the screen while loading: close at once.
                Ok(s) if scanner.try_set_value(Some(s.clone())).is_some() => close_scanner(&s),
                Ok(_) => {}
                Err(_) => {
                    // Our own texts (no markup in them), and the other way in.
                    let l = lang.get_untracked();
                    el.set_inner_html(&format!(
                        r#"<p class="error-panel">{}</p><a class="short-code-link" href="{SHORT_CODE_ROUTE}">{}</a>"#,
                        l.text("scan-load_failed"),
                        l.text("home-type_code")
                    ));
                }
            }
        });
    });
    on_cleanup(move || {
        if let Some(Some(s)) = scanner.try_get_value() {
            close_scanner(&s);
        }
    });
    view! { <section class="scanner" node_ref=host></section> }
}
