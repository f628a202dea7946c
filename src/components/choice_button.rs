use crate::i18n::use_i18n;
use leptos::prelude::*;

/// One of a few options of which exactly one is chosen (the organiser's
/// tabs, the roster's filters): a button, pressed while `chosen` holds
/// `value`, choosing it when tapped.
#[component]
pub fn ChoiceButton<T>(
    chosen: RwSignal<T>,
    value: T,
    class: &'static str,
    /// The option's name in `data-choice`.
    name: &'static str,
    /// Translation key of the label.
    label: &'static str,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class=class
            data-choice=name
            aria-pressed=move || (chosen.get() == value).to_string()
            on:click=move |_| chosen.set(value)
        >
            {i18n.t(label)}
        </button>
    }
}
