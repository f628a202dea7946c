//! An event's venues and organisations: import from CSV, add, rename, and
//! (venues) move under a main venue or set the closing time. Organisations
//! are renamed or merged with their records, and the names records carry
//! that are not on the list are reviewed here and mapped onto it.

use crate::components::error_panel::ErrorPanel;
use crate::components::loaded::Loaded;
use crate::console::api::{self, ImportKind, Organisation, VenueForm, VenueRow};
use crate::i18n::use_i18n;
use crate::pages::organiser::csv_import::CsvImport;
use crate::user_error::UserError;
use baodao_core::organisation_search::{normalise_query, search, Choice};
use baodao_core::organisations::UnlistedOrganisation;
use baodao_core::{EventId, VenueId};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Catalogue(event: EventId) -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    let reload = Callback::new(move |()| version.update(|v| *v += 1));
    let venues = LocalResource::new(move || {
        version.track();
        async move { api::venues(event).await.map_err(UserError::from) }
    });
    let organisations = LocalResource::new(move || {
        version.track();
        async move {
            let listed = api::organisations(event).await?;
            Ok::<_, UserError>((listed, api::unlisted_organisations(event).await?))
        }
    });
    view! {
        <section class="card catalogue" aria-labelledby="catalogue-title">
            <h2 id="catalogue-title">{i18n.t("catalogue-title")}</h2>
            <div class="import-pair">
                <CsvImport event=event kind=ImportKind::Venues imported=reload />
                <CsvImport event=event kind=ImportKind::Organisations imported=reload />
            </div>
            <h3>{i18n.t("catalogue-venues")}</h3>
            <Loaded answer=venues ok=move |list| view! { <VenueList event=event venues=list changed=reload /> } />
            <Loaded
                answer=organisations
                ok=move |(list, unlisted): (Vec<Organisation>, Vec<UnlistedOrganisation>)| {
                    let names: Vec<String> = list.iter().map(|o| o.name.clone()).collect();
                    view! {
                        <h3>{i18n.t("catalogue-unlisted_title")}</h3>
                        <UnlistedList event=event names=names unlisted=unlisted changed=reload />
                        <h3>{i18n.t("catalogue-organisations")}</h3>
                        <OrganisationList event=event organisations=list changed=reload />
                    }
                }
            />
        </section>
    }
}

/// Whether a typed search finds a venue: its name or pinyin initials, or its
/// short code (as printed, any case).
fn venue_found(query: &str, v: &VenueRow) -> bool {
    query.is_empty()
        || normalise_query(&v.name).contains(query)
        || v.initials.contains(query)
        || v.short_code
            .as_deref()
            .is_some_and(|c| normalise_query(c).contains(query))
}

/// The venues, each main venue with its sub-venues under it, and a search:
/// a main venue found shows all its sub-venues, a sub-venue found shows
/// under its main venue.
#[component]
fn VenueList(event: EventId, venues: Vec<VenueRow>, changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let mains: Vec<(VenueId, String)> = venues
        .iter()
        .filter(|v| v.parent.is_none())
        .map(|v| (v.id, v.name.clone()))
        .collect();
    let count = venues.len();
    let main_count = mains.len();
    let query = RwSignal::new(String::new());
    let all = StoredValue::new(venues);
    let known_mains = StoredValue::new(mains.clone());
    // (main venue, its sub-venues shown); sub-venues whose main venue is
    // missing get a group of their own.
    let groups = Memo::new(move |_| {
        let q = normalise_query(&query.get());
        all.with_value(|list| {
            let mut groups: Vec<(VenueRow, Vec<VenueRow>)> = Vec::new();
            for main in list.iter().filter(|v| {
                v.parent.is_none()
                    || !known_mains.with_value(|m| m.iter().any(|(id, _)| Some(*id) == v.parent))
            }) {
                let subs: Vec<VenueRow> = list
                    .iter()
                    .filter(|s| s.parent == Some(main.id))
                    .cloned()
                    .collect();
                let main_found = venue_found(&q, main);
                let subs: Vec<VenueRow> = if main_found {
                    subs
                } else {
                    subs.into_iter().filter(|s| venue_found(&q, s)).collect()
                };
                if main_found || !subs.is_empty() {
                    groups.push((main.clone(), subs));
                }
            }
            groups
        })
    });
    let shown = move || groups.with(|g| g.iter().map(|(_, s)| 1 + s.len()).sum::<usize>());
    let summary = move || {
        let lang = i18n.lang.get();
        let q = query.get();
        let n = shown();
        if q.trim().is_empty() {
            lang.format(
                "catalogue-venue_count",
                &[
                    ("count", &count.to_string()),
                    ("mains", &main_count.to_string()),
                    ("subs", &(count - main_count).to_string()),
                ],
            )
        } else if n == 0 {
            lang.format("catalogue-venue_none", &[("query", q.trim())])
        } else {
            lang.format(
                "catalogue-venue_shown",
                &[("shown", &n.to_string()), ("count", &count.to_string())],
            )
        }
    };
    let mains_for_items = StoredValue::new(mains.clone());
    view! {
        <label for="venue-list-filter">{i18n.t("catalogue-venue_search")}</label>
        <input id="venue-list-filter" type="search" bind:value=query autocomplete="off" />
        <p class="hint venue-summary" role="status" data-count=count data-shown=shown>
            {summary}
        </p>
        <ul class="edit-list venue-list">
            <For
                each=move || groups.get()
                key=|(main, subs)| (main.id, subs.iter().map(|s| s.id).collect::<Vec<_>>())
                let((main, subs))
            >
                <VenueGroup main=main subs=subs mains=mains_for_items.get_value() changed=changed />
            </For>
        </ul>
        <details class="add-item">
            <summary>{i18n.t("catalogue-add_venue")}</summary>
            <VenueEditor event=event venue=None mains=mains changed=changed />
        </details>
    }
}

/// A main venue and, under it, its sub-venues (those the search found).
#[component]
fn VenueGroup(
    main: VenueRow,
    subs: Vec<VenueRow>,
    mains: Vec<(VenueId, String)>,
    changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = main.id;
    let sub_count = subs.len().to_string();
    let has_subs = !subs.is_empty();
    let items = subs
        .into_iter()
        .map(|v| {
            let id = v.id.0;
            view! { <li data-venue=id><VenueItem venue=v mains=mains.clone() changed=changed /></li> }
        })
        .collect_view();
    view! {
        <li class="venue-group" data-venue=id.0 data-main="true">
            <VenueItem venue=main mains=mains.clone() changed=changed />
            {has_subs
                .then(|| {
                    view! {
                        <p class="hint sub-count">
                            {move || i18n.lang.get().format("catalogue-sub_count", &[("count", &sub_count)])}
                        </p>
                        <ul class="sub-venues">
                            {items}
                        </ul>
                    }
                })}
        </li>
    }
}

/// One venue, opened to edit it.
#[component]
fn VenueItem(
    venue: VenueRow,
    mains: Vec<(VenueId, String)>,
    changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = venue.id;
    let name = venue.name.clone();
    let closes = venue.closes_at.clone();
    let code = venue.short_code.clone();
    view! {
        <details>
            <summary>
                <span class="item-name">{name}</span>
                {code.map(|c| view! { <span class="hint short-code">" · " {c}</span> })}
                {closes.map(|c| view! { <span class="hint">" · " {c}</span> })}
            </summary>
            <VenueEditor event=EventId(0) venue=Some(venue) mains=mains changed=changed />
            <p class="button-row">
                <a href=format!("/lead/{id}")>{i18n.t("organiser-lead_link")}</a>
                <a href=format!("/lead/{id}/poster")>{i18n.t("poster-print_one")}</a>
            </p>
        </details>
    }
}

/// Add (`venue` None) or edit a venue.
#[component]
fn VenueEditor(
    event: EventId,
    venue: Option<VenueRow>,
    mains: Vec<(VenueId, String)>,
    changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = venue.as_ref().map(|v| v.id);
    let prefix = id
        .map(|i| format!("venue-{i}"))
        .unwrap_or_else(|| "venue-new".into());
    let name = RwSignal::new(venue.as_ref().map(|v| v.name.clone()).unwrap_or_default());
    let parent = RwSignal::new(
        venue
            .as_ref()
            .and_then(|v| v.parent)
            .map(|p| p.0.to_string())
            .unwrap_or_default(),
    );
    let closes = RwSignal::new(
        venue
            .as_ref()
            .and_then(|v| v.closes_at.clone())
            .unwrap_or_default(),
    );
    let contact = RwSignal::new(
        venue
            .as_ref()
            .and_then(|v| v.contact.clone())
            .unwrap_or_default(),
    );
    let screen_only = RwSignal::new(venue.as_ref().is_some_and(|v| v.screen_only));
    let error = RwSignal::new(None::<UserError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = VenueForm {
            screen_only: screen_only.get_untracked(),
            name: name.get_untracked().trim().to_string(),
            parent: parent.get_untracked().parse().ok().map(VenueId),
            closes_at: Some(closes.get_untracked()).filter(|c| !c.is_empty()),
            contact: Some(contact.get_untracked().trim().to_string()).filter(|c| !c.is_empty()),
        };
        spawn_local(async move {
            let answer = match id {
                Some(id) => api::update_venue(id, &form).await,
                None => api::create_venue(event, &form).await,
            };
            match answer {
                Ok(_) => {
                    error.set(None);
                    changed.run(());
                }
                Err(f) => error.set(Some(f.into())),
            }
        });
    };
    let mains: Vec<_> = mains.into_iter().filter(|(m, _)| Some(*m) != id).collect();
    let field = move |s: &str| format!("{prefix}-{s}");
    view! {
        <form class="venue-editor" on:submit=submit>
            <label for=field("name")>{i18n.t("catalogue-venue_name")}</label>
            <input id=field("name") bind:value=name required />
            <label for=field("parent")>{i18n.t("catalogue-main_venue")}</label>
            <select id=field("parent") bind:value=parent>
                <option value="">{i18n.t("catalogue-is_main_venue")}</option>
                {mains
                    .into_iter()
                    .map(|(id, n)| view! { <option value=id.0.to_string()>{n}</option> })
                    .collect_view()}
            </select>
            <label for=field("closes")>{i18n.t("catalogue-closes_at")}</label>
            <input id=field("closes") type="time" bind:value=closes />
            <label for=field("contact")>{i18n.t("catalogue-contact")}</label>
            <input
                id=field("contact")
                bind:value=contact
                maxlength=baodao_core::venues::MAX_CONTACT_CHARS
                placeholder=i18n.t("catalogue-contact_hint")
            />
            <label class="check">
                <input id=field("screen-only") type="checkbox" class="visually-hidden" bind:checked=screen_only />
                {i18n.t("catalogue-screen_only")}
            </label>
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
            <button type="submit" class="secondary">{i18n.t("catalogue-save")}</button>
        </form>
    }
}

#[component]
fn OrganisationList(
    event: EventId,
    organisations: Vec<Organisation>,
    changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let filter = RwSignal::new(String::new());
    let count = organisations.len();
    let all = StoredValue::new(organisations);
    let new_name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<UserError>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = new_name.get_untracked().trim().to_string();
        spawn_local(async move {
            match api::create_organisation(event, &name).await {
                Ok(_) => {
                    new_name.set(String::new());
                    error.set(None);
                    changed.run(());
                }
                Err(f) => error.set(Some(f.into())),
            }
        });
    };
    // Every organisation the search finds, best match first (the same
    // search volunteers use: name or pinyin initials); all of them when
    // nothing is typed.
    let found = Memo::new(move |_| {
        let f = filter.get();
        all.with_value(|list| {
            let choices: Vec<Choice<'_>> = list
                .iter()
                .map(|o| Choice {
                    name: &o.name,
                    initials: &o.initials,
                })
                .collect();
            search(&f, &choices)
                .into_iter()
                .map(|i| list[i].clone())
                .collect::<Vec<_>>()
        })
    });
    let summary = move || {
        let lang = i18n.lang.get();
        let q = filter.get();
        let n = found.with(Vec::len);
        if q.trim().is_empty() {
            lang.format(
                "catalogue-organisation_count",
                &[("count", &count.to_string())],
            )
        } else if n == 0 {
            lang.format("catalogue-organisation_none", &[("query", q.trim())])
        } else {
            lang.format(
                "catalogue-organisation_shown",
                &[("shown", &n.to_string()), ("count", &count.to_string())],
            )
        }
    };
    view! {
        <p class="hint">{i18n.t("catalogue-rename_hint")}</p>
        <label for="organisation-list-filter">{i18n.t("catalogue-filter")}</label>
        <input id="organisation-list-filter" type="search" bind:value=filter autocomplete="off" />
        <p class="hint organisation-summary" role="status" data-count=count data-shown=move || found.with(Vec::len)>
            {summary}
        </p>
        <ul class="edit-list organisation-list">
            <For each=move || found.get() key=|o| (o.id, o.name.clone()) let(o)>
                <OrganisationItem event=event organisation=o changed=changed />
            </For>
        </ul>
        <form class="add-organisation" on:submit=add>
            <label for="organisation-new">{i18n.t("catalogue-add_organisation")}</label>
            <input id="organisation-new" bind:value=new_name />
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
            <button type="submit" class="secondary">{i18n.t("catalogue-add")}</button>
        </form>
    }
}

/// One listed organisation, renamed in place; a name already on the list
/// merges the two (the merge endpoint does both, records included).
#[component]
fn OrganisationItem(
    event: EventId,
    organisation: Organisation,
    changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = organisation.id;
    let old = StoredValue::new(organisation.name.clone());
    let name = RwSignal::new(organisation.name.clone());
    let error = RwSignal::new(None::<UserError>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_string();
        let from = old.get_value();
        spawn_local(async move {
            match api::merge_organisation(event, &from, &n).await {
                Ok(_) => {
                    error.set(None);
                    changed.run(());
                }
                Err(f) => error.set(Some(f.into())),
            }
        });
    };
    let field = format!("organisation-{id}");
    view! {
        <li data-organisation=organisation.name.clone()>
            <form class="inline-edit" on:submit=save>
                <label class="visually-hidden" for=field.clone()>{i18n.t("catalogue-organisation_name")}</label>
                <input id=field bind:value=name />
                <button type="submit" class="secondary">{i18n.t("catalogue-rename")}</button>
            </form>
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
        </li>
    }
}

/// The names on records that are not on the list: typed after "my
/// organisation is not listed", or by older phones. Each is mapped onto a
/// listed organisation, or added to the list (under a corrected name if
/// need be); its records follow.
#[component]
fn UnlistedList(
    event: EventId,
    names: Vec<String>,
    unlisted: Vec<UnlistedOrganisation>,
    changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    if unlisted.is_empty() {
        return view! { <p class="hint unlisted-none">{i18n.t("catalogue-unlisted_none")}</p> }
            .into_any();
    }
    view! {
        <p class="hint">{i18n.t("catalogue-unlisted_hint")}</p>
        <datalist id="listed-organisations">
            {names.into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
        </datalist>
        <ul class="edit-list unlisted-list">
            {unlisted
                .into_iter()
                .enumerate()
                .map(|(i, u)| view! { <UnlistedItem event=event index=i unlisted=u changed=changed /> })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn UnlistedItem(
    event: EventId,
    index: usize,
    unlisted: UnlistedOrganisation,
    changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let from = StoredValue::new(unlisted.name.clone());
    let into = RwSignal::new(String::new());
    let error = RwSignal::new(None::<UserError>);
    let send = move |target: String| {
        let from = from.get_value();
        spawn_local(async move {
            match api::merge_organisation(event, &from, &target).await {
                Ok(_) => {
                    error.set(None);
                    changed.run(());
                }
                Err(f) => error.set(Some(f.into())),
            }
        });
    };
    let map = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send(into.get_untracked());
    };
    let (records, people) = (unlisted.records.to_string(), unlisted.people.to_string());
    let field = format!("unlisted-{index}");
    view! {
        <li data-unlisted=unlisted.name.clone()>
            <span class="item-name">{unlisted.name.clone()}</span>
            <span class="hint">
                {move || {
                    i18n.lang
                        .get()
                        .format("catalogue-unlisted_count", &[("records", &records), ("people", &people)])
                }}
            </span>
            <form class="inline-edit" on:submit=map>
                <label for=field.clone()>{i18n.t("catalogue-map_into")}</label>
                <input id=field list="listed-organisations" bind:value=into />
                <button type="submit" class="secondary map-into">{i18n.t("catalogue-map")}</button>
            </form>
            <button type="button" class="secondary add-to-list" on:click=move |_| send(from.get_value())>
                {i18n.t("catalogue-add_to_list")}
            </button>
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
        </li>
    }
}
