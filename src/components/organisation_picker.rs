use crate::components::field::Field;
use crate::components::volunteer_input::{VolunteerInput, ORGANISATION};
use crate::i18n::use_i18n;
use baodao_core::organisation_search::{search, Choice};
use leptos::prelude::*;

/// How many matches are listed at once: enough to see one's organisation
/// after two or three letters, few enough that the list of big buttons
/// stays on one phone screen.
const SHOWN: usize = 6;

/// The organisation field: type part of the name or its pinyin initials
/// (`bjdx` finds 北京大学), then tap the organisation in the list below, or
/// "my organisation is not listed" and type its full name. Typed text alone
/// never becomes an organisation ([`baodao_core::Volunteer::chosen`]):
/// half-typed initials would reach the organiser's counts. Without a list
/// on this phone what is typed is taken, as there is nothing to pick from.
#[component]
pub fn OrganisationPicker(
    /// The input's id.
    id: &'static str,
    /// The organisation is of the person holding the phone (see
    /// [`crate::components::volunteer_input::NameAndMobile`]).
    own: bool,
    /// Pinyin initials of `input`'s listed organisations (same order).
    initials: Vec<String>,
    input: VolunteerInput,
) -> impl IntoView {
    let i18n = use_i18n();
    let value = input.organisation;
    let unlisted = input.unlisted;
    let names = input.listed;
    let has_list = names.with_value(|n| !n.is_empty());
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
    let set_unlisted = move |on: bool| {
        unlisted.set(on);
        input.clear_error(ORGANISATION);
    };
    // Matches stay listed after "not listed": one may still turn up.
    let searching = move || has_list && !value.with(|v| v.trim().is_empty()) && !picked();

    view! {
        <Field
            id=id
            name="organisation"
            label="profile-organisation"
            hint=if has_list { "organisation-search_hint" } else { "profile-organisation_type" }
            placeholder="profile-organisation_pick"
            autocomplete=if own { "organization" } else { "off" }
            value=value
            error=input.message_for(i18n, ORGANISATION)
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
                                                on:click=move |_| {
                                                    value.set(pick.clone());
                                                    set_unlisted(false);
                                                }
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
            // Outside the live region: it is there whatever was typed.
            <Show
                when=move || unlisted.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="link-button organisation-not-listed"
                            on:click=move |_| set_unlisted(true)
                        >
                            {i18n.t("organisation-not_listed")}
                        </button>
                    }
                }
            >
                <p class="organisation-picked organisation-unlisted" role="status">
                    {i18n.t("profile-organisation_type")}
                </p>
            </Show>
        </Show>
    }
}
