use crate::i18n::use_i18n;
use leptos::prelude::*;

/// A labelled text input with its hint and error message, linked to it for
/// screen readers (`aria-describedby`, `aria-invalid`). Forms build their
/// fields from this so that every field behaves the same way: large target,
/// label above, the error right below the input it is about.
#[component]
pub fn Field(
    /// The input's id; the hint and error get `{id}-hint` / `{id}-error`.
    id: &'static str,
    name: &'static str,
    /// Translation key of the label.
    label: &'static str,
    value: RwSignal<String>,
    /// The error to show (already translated); `None` while the field is fine.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Translation key of a hint shown between label and input.
    #[prop(optional)]
    hint: Option<&'static str>,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// Translation key of the placeholder.
    #[prop(optional)]
    placeholder: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids: Vec<&str> = Vec::new();
            if hint.is_some() {
                ids.push(&hint_id);
            }
            if error.with(Option::is_some) {
                ids.push(&error_id);
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <label for=id>{i18n.t(label)}</label>
        {hint.map(|key| view! { <p class="hint field-hint" id=hint_id>{i18n.t(key)}</p> })}
        <input
            id=id
            name=name
            type=input_type
            inputmode=inputmode
            autocomplete=autocomplete
            placeholder=move || placeholder.map(|key| i18n.lang.get().text(key))
            aria-invalid=move || error.with(Option::is_some).to_string()
            aria-describedby=described_by
            prop:value=value
            on:input=move |ev| value.set(event_target_value(&ev))
        />
        {move || {
            error
                .get()
                .map(|message| {
                    view! {
                        <p class="field-error" id=error_id.clone() role="alert">
                            {message}
                        </p>
                    }
                })
        }}
    }
}
