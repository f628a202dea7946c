use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Switches between Chinese and English; the choice is remembered.
///
/// The button's label is written in the language it switches to ("English"
/// on the Chinese page), so it carries that language's `lang`: a screen
/// reader then pronounces it in that language.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            class="lang-switch"
            type="button"
            lang=move || i18n.lang.get().other().tag()
            on:click=move |_| i18n.toggle()
        >
            {i18n.t("lang-switch")}
        </button>
    }
}
