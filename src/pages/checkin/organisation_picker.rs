use crate::components::field::Field;
use crate::i18n::use_i18n;
use baodao_core::organisation_search::{search, Choice};
use leptos::prelude::*;

/// How many matches are listed at once: enough to see one's organisation
/// after two or three letters, few enough that the list of big buttons
/// stays on one phone screen.
const SHOWN: usize = 6;

/// The organisation field: type part of the name or its pinyin initials
/// (`bjdx` finds 北京大学), then tap the organisation in the list below.
/// What is typed is also accepted as is, for an organisation missing from
/// the event's list (or when the list is not on this phone yet).
#[component]
pub fn OrganisationPicker(
    /// The event's organisations with their pinyin initials (same order).
    names: Vec<String>,
    initials: Vec<String>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let has_list = !names.is_empty();
    let names = StoredValue::new(names);
    let initials = StoredValue::new(initials);
    // Matches for the current text; recomputed only when it changes.
    let matches = Memo::new(move |_| {
        let query = value.get();
        names.with_value(|names| {
            initials.with_value(|initials| {
                let choices: Vec<Choice> = names
                    .iter()
                    .enumerate()
                    .map(|(i, name)| Choice {
                        name,
                        initials: initials.get(i).map(String::as_str).unwrap_or(""),
                    })
                    .collect();
                if query.trim().is_empty() {
                    return Vec::new();
                }
                search(&query, &choices)
                    .into_iter()
                    .map(|i| names[i].clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    let picked = move || {
        let v = value.get();
        names.with_value(|n| n.iter().any(|name| *name == v.trim()))
    };
    let searching = move || has_list && !value.with(|v| v.trim().is_empty()) && !picked();

    view! {
        <Field
            id="profile-organisation"
            name="organisation"
            label="profile-organisation"
            hint=if has_list { "organisation-search_hint" } else { "profile-organisation_type" }
            placeholder="profile-organisation_pick"
            autocomplete="organization"
            value=value
            error=error
        />
        <Show when=picked>
            <p class="organisation-picked" role="status">
                {move || i18n.lang.get().format("organisation-picked", &[("name", &value.get())])}
            </p>
        </Show>
        <Show when=searching>
            <div class="organisation-results" role="status" aria-live="polite">
                {move || {
                    let found = matches.get();
                    let lang = i18n.lang.get();
                    if found.is_empty() {
                        return view! {
                            <p class="organisation-none">
                                {lang.format("organisation-none", &[("query", value.get().trim())])}
                            </p>
                        }
                            .into_any();
                    }
                    let more = found.len().saturating_sub(SHOWN);
                    view! {
                        <p class="hint">{lang.text("organisation-tap")}</p>
                        <ul class="organisation-list">
                            {found
                                .into_iter()
                                .take(SHOWN)
                                .map(|name| {
                                    let pick = name.clone();
                                    view! {
                                        <li>
                                            <button
                                                type="button"
                                                class="organisation-option"
                                                on:click=move |_| value.set(pick.clone())
                                            >
                                                {name}
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                        {(more > 0)
                            .then(|| {
                                view! {
                                    <p class="hint organisation-more">
                                        {lang.format("organisation-more", &[("count", &more.to_string())])}
                                    </p>
                                }
                            })}
                    }
                        .into_any()
                }}
            </div>
        </Show>
    }
}
