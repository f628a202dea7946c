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

#[component]
fn VenueList(event: EventId, venues: Vec<VenueRow>, changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let mains: Vec<(VenueId, String)> = venues
        .iter()
        .filter(|v| v.parent.is_none())
        .map(|v| (v.id, v.name.clone()))
        .collect();
    let count = venues.len();
    view! {
        <p class="hint" data-count=count>
            {move || i18n.lang.get().format("catalogue-venue_count", &[("count", &count.to_string())])}
        </p>
        <ul class="edit-list venue-list">
            {venues
                .into_iter()
                .map(|v| view! { <VenueItem venue=v mains=mains.clone() changed=changed /> })
                .collect_view()}
        </ul>
        <details class="add-item">
            <summary>{i18n.t("catalogue-add_venue")}</summary>
            <VenueEditor event=event venue=None mains=mains changed=changed />
        </details>
    }
}

#[component]
fn VenueItem(
    venue: VenueRow,
    mains: Vec<(VenueId, String)>,
    changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let parent = venue.parent.and_then(|p| {
        mains
            .iter()
            .find(|(id, _)| *id == p)
            .map(|(_, n)| n.clone())
    });
    let id = venue.id;
    let name = venue.name.clone();
    let closes = venue.closes_at.clone();
    view! {
        <li data-venue=id.0>
            <details>
                <summary>
                    <span class="item-name">{name}</span>
                    {parent.map(|p| view! { <span class="hint">" · " {p}</span> })}
                    {closes.map(|c| view! { <span class="hint">" · " {c}</span> })}
                </summary>
                <VenueEditor event=EventId(0) venue=Some(venue) mains=mains changed=changed />
                <p class="button-row">
                    <a href=format!("/lead/{id}")>{i18n.t("organiser-lead_link")}</a>
                    <a href=format!("/lead/{id}/poster")>{i18n.t("poster-print_one")}</a>
                </p>
            </details>
        </li>
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
    view! {
        <p class="hint" data-count=count>
            {move || i18n.lang.get().format("catalogue-organisation_count", &[("count", &count.to_string())])}
        </p>
        <p class="hint">{i18n.t("catalogue-rename_hint")}</p>
        <label for="organisation-list-filter">{i18n.t("catalogue-filter")}</label>
        <input id="organisation-list-filter" type="search" bind:value=filter />
        <ul class="edit-list organisation-list">
            {move || {
                let f = filter.get();
                let f = f.trim().to_string();
                all.with_value(|list| {
                    list.iter()
                        .filter(|o| f.is_empty() || o.name.contains(&f))
                        .take(50)
                        .cloned()
                        .map(|o| view! { <OrganisationItem event=event organisation=o changed=changed /> })
                        .collect_view()
                })
            }}
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
