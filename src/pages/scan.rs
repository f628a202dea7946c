//! The scan screen (`/scan`). The camera and decoding live in an on-demand
//! module ([`crate::scanner`]); this page decides what a decoded text means:
//! a Baodao venue link opens the check-in page for that venue (`/c#code`),
//! anything else is explained while scanning goes on. Typing the venue's
//! short code is always one tap away.

use crate::i18n::use_i18n;
use crate::scanner::{close_scanner, open_scanner};
use baodao_core::venue_link::{code_from_scan, LinkError};
use leptos::html::Section;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::prelude::*;

/// Where a volunteer types the venue's short code instead of scanning.
const SHORT_CODE_ROUTE: &str = "/code";

#[component]
pub fn ScanPage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let host = NodeRef::<Section>::new();
    let lang = i18n.lang;
    let t = Closure::<dyn Fn(String) -> String>::new(move |key: String| {
        lang.get_untracked().text(&key)
    });
    // `None` accepts the text (the screen beeps and stops); else a message key.
    let on_text = Closure::<dyn Fn(String) -> Option<String>>::new(move |text: String| {
        match code_from_scan(&text) {
            Ok(code) => {
                let to = format!("/c#{code}");
                let navigate = navigate.clone();
                // After the scanner's call has returned: leaving closes it.
                spawn_local(async move { navigate(&to, Default::default()) });
                None
            }
            Err(LinkError::MissingCode) => Some("error.missing_code".into()),
            Err(_) => Some("error.not_baodao".into()),
        }
    });
    // `None`: still loading; then the scanner's handle (kept until cleanup).
    let scanner = StoredValue::new_local(None::<JsValue>);
    let callbacks = StoredValue::new_local(Some((t, on_text)));
    Effect::new(move |_| {
        let Some(el) = host.get() else { return };
        spawn_local(async move {
            let opened = callbacks.with_value(|c| {
                c.as_ref()
                    .map(|(t, o)| (t.as_ref().clone(), o.as_ref().clone()))
            });
            let Some((t, on_text)) = opened else { return };
            match open_scanner(&el, t.unchecked_ref(), on_text.unchecked_ref()).await {
                // Left the screen while loading: close at once.
                Ok(s) if scanner.try_set_value(Some(s.clone())).is_some() => close_scanner(&s),
                Ok(_) => {}
                Err(_) => el.set_text_content(Some(&lang.get_untracked().text("scan.load_failed"))),
            }
        });
    });
    on_cleanup(move || {
        if let Some(Some(s)) = scanner.try_get_value() {
            close_scanner(&s);
        }
    });
    view! {
        <section class="scanner" node_ref=host>
            <p class="card loading">{i18n.t("scan.starting")}</p>
        </section>
        <a class="short-code-link" href=SHORT_CODE_ROUTE>{i18n.t("scan.type_code")}</a>
    }
}
