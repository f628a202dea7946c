//! Elder mode (长辈模式): one switch in the app bar for larger text (at
//! least 20 px body text at the browser's default size, and it follows the
//! system font size because everything is in rem), larger touch targets and
//! higher contrast (`html.elder` in style/main.css). Remembered on this
//! phone; applied before the first paint.

use crate::i18n::use_i18n;
use leptos::prelude::*;

const STORAGE_KEY: &str = "baodao.elder";
const CLASS: &str = "elder";

fn apply(on: bool) {
    if let Some(root) = document().document_element() {
        let _ = root.class_list().toggle_with_force(CLASS, on);
    }
}

/// Whether elder mode was switched on here.
pub fn remembered() -> bool {
    crate::local_store::get(STORAGE_KEY).as_deref() == Some("1")
}

/// Before mounting: apply the remembered choice.
pub fn init() {
    apply(remembered());
}

#[component]
pub fn ElderSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let on = RwSignal::new(remembered());
    let toggle = move |_| {
        let next = !on.get_untracked();
        crate::local_store::set(STORAGE_KEY, if next { "1" } else { "0" });
        apply(next);
        on.set(next);
    };
    view! {
        <button
            class="elder-switch"
            type="button"
            aria-pressed=move || on.get().to_string()
            title=i18n.t("elder-switch_label")
            on:click=toggle
        >
            {i18n.t("elder-switch")}
        </button>
    }
}
