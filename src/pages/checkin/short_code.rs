//! "Type the short code": for phones whose camera cannot read the venue's QR.
//! The 8-character code printed under the QR is resolved offline from the
//! cached event data (refreshed first when online), then the normal check-in
//! continues at `/c#s.{SHORTCODE}`.

use crate::components::error_panel::ErrorPanel;
use crate::event_cache;
use crate::i18n::use_i18n;
use crate::navigation::use_navigate;
use crate::user_error::UserError;
use baodao_core::venue_code::{resolve_short_code, ShortCode, ShortCodeError};
use baodao_core::venue_link::short_code_checkin;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ShortCodePage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let input = RwSignal::new(String::new());
    let error = RwSignal::new(None::<UserError>);
    let busy = RwSignal::new(false);
    // Warm the cache while the volunteer types; offline, the cache is used.
    let refreshed = RwSignal::new(false);
    spawn_local(async move {
        let _ = event_cache::refresh_all().await;
        let _ = refreshed.try_set(true);
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let typed = input.get_untracked();
        // Typos are caught by the check character before any lookup.
        if let Err(e) = ShortCode::parse(&typed) {
            error.set(Some(UserError::ShortCode(e)));
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let mut found = resolve_short_code(&typed, &event_cache::short_code_entries());
            if found == Err(ShortCodeError::Unknown)
                && !refreshed.try_get_untracked().unwrap_or(true)
            {
                // The first refresh may still be running: wait for one.
                let _ = event_cache::refresh_all().await;
                found = resolve_short_code(&typed, &event_cache::short_code_entries());
            }
            busy.set(false);
            match (found, ShortCode::parse(&typed)) {
                (Ok(_), Ok(code)) => {
                    error.set(None);
                    navigate(
                        &format!("/c#{}", short_code_checkin(&code)),
                        Default::default(),
                    );
                }
                (Err(e), _) | (_, Err(e)) => error.set(Some(UserError::ShortCode(e))),
            }
        });
    };

    view! {
        <form class="card short-code-form" on:submit=submit novalidate>
            <h1>{i18n.t("shortcode-title")}</h1>
            <p class="hint">{i18n.t("shortcode-intro")}</p>
            <label for="short-code">{i18n.t("shortcode-label")}</label>
            <input
                id="short-code"
                name="short-code"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                maxlength="16"
                placeholder="ABCD-EFGH"
                style="font-size: 1.6rem; letter-spacing: 0.15em; text-transform: uppercase; font-family: ui-monospace, monospace;"
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=input
                on:input=move |ev| {
                    input.set(event_target_value(&ev));
                    error.set(None);
                }
            />
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
            <button class="primary big" type="submit" disabled=move || busy.get()>
                {i18n.t("shortcode-submit")}
            </button>
        </form>
    }
}
