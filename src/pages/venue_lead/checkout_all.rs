//! "Check out everyone" at the end of the day: one `out` record per person
//! still present, made by the server. Asks once more before doing it.

use crate::components::error_panel::ErrorPanel;
use crate::console::api;
use crate::i18n::use_i18n;
use crate::tap_guard::TapGuard;
use crate::user_error::UserError;
use baodao_core::VenueId;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn CheckoutAll(venue: VenueId, changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let done = RwSignal::new(None::<u32>);
    let error = RwSignal::new(None::<UserError>);
    // The question takes the button's place; its answer waits out a double tap.
    let guard = TapGuard::new();
    let confirm = move |_| {
        if !guard.take() {
            return;
        }
        confirming.set(false);
        spawn_local(async move {
            match api::checkout_all(venue).await {
                Ok(r) => {
                    error.set(None);
                    done.set(Some(r.checked_out));
                    changed.run(());
                }
                Err(f) => error.set(Some(f.into())),
            }
        });
    };
    view! {
        <section class="card checkout-all" aria-labelledby="checkout-all-title">
            <h2 id="checkout-all-title">{i18n.t("checkout_all-title")}</h2>
            <p class="hint">{i18n.t("checkout_all-intro")}</p>
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button type="button" class="secondary checkout-all-start" on:click=guard.on_tap(move || confirming.set(true))>
                        {i18n.t("checkout_all-button")}
                    </button>
                }
            >
                <p role="alert">{i18n.t("checkout_all-confirm_question")}</p>
                <p class="button-row">
                    <button type="button" class="primary checkout-all-confirm" disabled=move || guard.held() on:click=confirm>{i18n.t("checkout_all-confirm")}</button>
                    <button type="button" class="secondary" on:click=move |_| confirming.set(false)>{i18n.t("checkout_all-cancel")}</button>
                </p>
            </Show>
            {move || done.get().map(|n| view! {
                <p class="ok-note checkout-all-done" role="status" data-count=n>
                    {move || i18n.lang.get().format("checkout_all-done", &[("count", &n.to_string())])}
                </p>
            })}
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
        </section>
    }
}
