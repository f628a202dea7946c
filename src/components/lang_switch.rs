use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Switches between Chinese and English; the choice is remembered.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button class="lang-switch" type="button" on:click=move |_| i18n.toggle()>
            {i18n.t("lang.switch")}
        </button>
    }
}
