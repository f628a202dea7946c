use crate::i18n::use_i18n;
use crate::tap_guard::TapGuard;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// "确定签退吗？", asked once before a check-out, in place of the button that
/// asked for it: the question stands where the finger was, and its own
/// buttons (below it) wait out the guard time. Always in the document and
/// shown while `open` holds (toggling `hidden` costs far less code than
/// swapping views on the volunteer's first screen).
#[component]
pub fn ConfirmCheckout(
    /// "确定签退吗？", or with the person's name on the lead's screen.
    question: impl Fn() -> String + Send + Sync + 'static,
    open: impl Fn() -> bool + Send + Sync + 'static,
    guard: TapGuard,
    confirm: Callback<()>,
    cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="confirm-checkout" role="group" aria-labelledby="checkout-question" hidden=move || !open()>
            <p id="checkout-question" class="confirm-question">{question}</p>
            <button
                type="button"
                class="primary checkout-confirm"
                data-kind="out"
                disabled=move || guard.held()
                on:click=guard.on_tap(move || confirm.run(()))
            >
                {i18n.t("checkout-button")}
            </button>
            <button type="button" class="secondary checkout-cancel" on:click=move |_| cancel.run(())>
                {i18n.t("checkout-cancel")}
            </button>
        </div>
    }
}

/// Moves focus to the question's 取消 once it is shown (the tapped button is
/// gone or hidden): a screen reader reads the question with it. After the
/// re-render, since a hidden button cannot take focus.
pub fn focus_answer() {
    set_timeout(
        || {
            if let Ok(Some(b)) = document().query_selector(".checkout-cancel") {
                let _ = b.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        },
        Duration::ZERO,
    );
}
