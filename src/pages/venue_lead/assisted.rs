//! Assisted check-in: the lead checks in or out someone without a
//! smartphone (many are elderly), found by name or mobile number, or added
//! as a new person.
//!
//! The records take the same path as a phone's: written to the outbox on
//! this device first (so they survive a lost connection or a closed page),
//! then sent by the sync engine, with the venue's poster code as their
//! `code` and the lead's session as credential (docs/api.md, "Assisted
//! check-in and check-out").

use crate::components::confirm_checkout::{focus_answer, ConfirmCheckout};
use crate::components::delivery_badge::DeliveryBadge;
use crate::components::error_panel::ErrorPanel;
use crate::components::organisation_picker::OrganisationPicker;
use crate::components::volunteer_input::{NameAndMobile, VolunteerInput};
use crate::console::api::{self, VenueDetail, VolunteerMatch};
use crate::i18n::use_i18n;
use crate::outbox::{Delivery, OutboxRecord};
use crate::record_id::new_record_id;
use crate::sync::{use_sync_status, SyncStatus};
use crate::tap_guard::TapGuard;
use crate::time_format::{clock, now_ms};
use crate::user_error::UserError;
use baodao_core::{CheckIn, CheckKind, Volunteer};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The latest record this device holds for each person at this venue, to
/// find people offline and to know who is in.
fn local_people(
    records: &[OutboxRecord],
    venue: baodao_core::VenueId,
) -> Vec<(Volunteer, CheckKind, i64)> {
    let mut people: Vec<(Volunteer, CheckKind, i64)> = Vec::new();
    for r in records.iter().filter(|r| r.checkin.venue == venue) {
        let c = &r.checkin;
        match people
            .iter_mut()
            .find(|(v, _, _)| v.name == c.volunteer.name && v.mobile == c.volunteer.mobile)
        {
            Some(p) if p.2 <= c.device_time_ms => {
                p.1 = c.kind;
                p.2 = c.device_time_ms;
            }
            Some(_) => {}
            None => people.push((c.volunteer.clone(), c.kind, c.device_time_ms)),
        }
    }
    people
}

/// Matches `query` like the server does: a substring of the name, or 4+
/// digits of the mobile.
fn matches(v: &Volunteer, query: &str) -> bool {
    let digits: String = query.chars().filter(char::is_ascii_digit).collect();
    v.name.contains(query) || (digits.len() >= 4 && v.mobile.contains(&digits))
}

#[component]
pub fn AssistedCheckIn(
    detail: VenueDetail,
    changes: RwSignal<u32>,
    changed: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = use_sync_status();
    let venue = detail.venue.id;
    let detail = StoredValue::new(detail);
    let query = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Vec<VolunteerMatch>>);
    let offline = RwSignal::new(false);
    let error = RwSignal::new(None::<UserError>);
    let last_done = RwSignal::new(None::<(String, CheckKind)>);
    // The event's organisations for the new-person form, as on a phone
    // (cached, so the form works offline); none when never loaded.
    let organisations = RwSignal::new(None::<(Vec<String>, Vec<String>)>);
    let event = detail.with_value(|d| d.event);
    spawn_local(async move {
        let list = crate::event_cache::load(event)
            .await
            .ok()
            .flatten()
            .map(|e| (e.organisations, e.organisation_initials));
        organisations.set(Some(list.unwrap_or_default()));
    });
    // One for the whole section: a reloaded roster above shifts every row,
    // so the second tap of a double tap may land on another row's button.
    let guard = TapGuard::new();
    // The person (name, mobile) asked "确定为…签退吗？", one at a time.
    let confirming = RwSignal::new(None::<(String, String)>);

    // Writes the record to the outbox; the sync engine sends it.
    let record = move |volunteer: Volunteer, kind: CheckKind| {
        let d = detail.get_value();
        let name = volunteer.name.clone();
        let record = OutboxRecord {
            checkin: CheckIn {
                id: new_record_id(),
                event: d.event,
                venue: d.venue.id,
                kind,
                code: d.poster_code.clone(),
                device_time_ms: now_ms(),
                volunteer,
            },
            venue_name: d.venue.name.clone(),
            delivery: Delivery::Pending,
        };
        spawn_local(async move {
            match status.record(std::slice::from_ref(&record)).await {
                Ok(()) => {
                    error.set(None);
                    last_done.set(Some((name, kind)));
                    changed.run(());
                }
                Err(e) => error.set(Some(e)),
            }
            confirming.set(None);
            // The row now offers the opposite action: a late second tap waits.
            guard.hold();
        });
    };

    let find = move || {
        let q = query.get_untracked().trim().to_string();
        if q.is_empty() {
            return;
        }
        spawn_local(async move {
            match api::find_volunteers(venue, &q).await {
                Ok(list) => {
                    offline.set(false);
                    error.set(None);
                    found.set(Some(list));
                }
                Err(f) if f.failure == crate::api::ApiFailure::Network => {
                    // Offline: the people this device has checked in here.
                    offline.set(true);
                    let local = status.records.with_untracked(|r| local_people(r, venue));
                    found.set(Some(
                        local
                            .into_iter()
                            .filter(|(v, _, _)| matches(v, &q))
                            .map(|(volunteer, kind, t)| VolunteerMatch {
                                volunteer,
                                present: kind == CheckKind::In,
                                last_ms: Some(t),
                            })
                            .collect(),
                    ));
                }
                Err(f) => error.set(Some(f.into())),
            }
        });
    };
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        find();
    };
    // Results shown stay true after anything changes here ("check out
    // everyone", a review, this section's own records).
    Effect::new(move |first: Option<()>| {
        changes.track();
        if first.is_some() && found.with_untracked(Option::is_some) {
            find();
        }
    });

    // This device's latest record for a person overrides the server's view
    // until the record has synced and the search is repeated.
    let present_now = move |m: &VolunteerMatch| {
        status.records.with(|r| {
            local_people(r, venue)
                .into_iter()
                .find(|(v, _, t)| {
                    v.name == m.volunteer.name
                        && v.mobile == m.volunteer.mobile
                        && Some(*t) >= m.last_ms
                })
                .map(|(_, k, _)| k == CheckKind::In)
                .unwrap_or(m.present)
        })
    };

    let recent = move || {
        status.records.with(|r| {
            let mut here: Vec<OutboxRecord> = r
                .iter()
                .filter(|r| r.checkin.venue == venue)
                .cloned()
                .collect();
            here.reverse();
            here.truncate(10);
            here
        })
    };
    let pending = move || status.pending_count();

    view! {
        <section class="card assisted" aria-labelledby="assisted-title">
            <h2 id="assisted-title">{i18n.t("assisted-title")}</h2>
            <p class="hint">{i18n.t("assisted-intro")}</p>
            <form class="assisted-search" on:submit=search>
                <label for="assisted-query">{i18n.t("assisted-search")}</label>
                <input id="assisted-query" type="search" bind:value=query />
                <button type="submit" class="secondary">{i18n.t("assisted-find")}</button>
            </form>
            {move || offline.get().then(|| view! { <p class="hint offline-note" role="status">{i18n.t("assisted-offline_search")}</p> })}
            {move || {
                found
                    .get()
                    .map(|list| {
                        if list.is_empty() {
                            return view! { <p class="hint">{i18n.t("assisted-no_match")}</p> }.into_any();
                        }
                        view! {
                            <ul class="edit-list matches">
                                {list
                                    .into_iter()
                                    .map(|m| {
                                        let v = m.volunteer.clone();
                                        let here = Memo::new(move |_| present_now(&m));
                                        let person = v.clone();
                                        view! {
                                            <li class="match" data-name=v.name.clone()>
                                                <span>
                                                    <strong>{v.name.clone()}</strong>
                                                    " "
                                                    <span class="hint">{v.organisation.clone()}</span>
                                                </span>
                                                <span class="hint">{move || if here.get() { i18n.lang.get().text("roster-is_present") } else { String::new() }}</span>
                                                {move || {
                                                    let v = person.clone();
                                                    let key = (v.name.clone(), v.mobile.clone());
                                                    if !here.get() {
                                                        return view! {
                                                            <button
                                                                type="button"
                                                                class="secondary assisted-in"
                                                                disabled=move || guard.held()
                                                                on:click=guard.on_tap(move || record(v.clone(), CheckKind::In))
                                                            >
                                                                {i18n.t("checkin-button")}
                                                            </button>
                                                        }
                                                            .into_any();
                                                    }
                                                    if confirming.with(|c| c.as_ref() == Some(&key)) {
                                                        let name = v.name.clone();
                                                        return view! {
                                                            <ConfirmCheckout
                                                                question=move || i18n.lang.get().format("assisted-confirm_out", &[("name", &name)])
                                                                open=|| true
                                                                guard=guard
                                                                confirm=Callback::new(move |()| record(v.clone(), CheckKind::Out))
                                                                cancel=Callback::new(move |()| confirming.set(None))
                                                            />
                                                        }
                                                            .into_any();
                                                    }
                                                    view! {
                                                        <button
                                                            type="button"
                                                            class="secondary assisted-out"
                                                            disabled=move || guard.held()
                                                            on:click=guard.on_tap(move || {
                                                                confirming.set(Some(key.clone()));
                                                                focus_answer();
                                                            })
                                                        >
                                                            {i18n.t("checkout-button")}
                                                        </button>
                                                    }
                                                        .into_any()
                                                }}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any()
                    })
            }}
            <details class="add-person">
                <summary>{i18n.t("assisted-add_person")}</summary>
                {move || {
                    organisations
                        .get()
                        .map(|(names, initials)| {
                            view! {
                                <NewPersonForm
                                    guard=guard
                                    names=names
                                    initials=initials
                                    record=Callback::new(move |v: Volunteer| record(v, CheckKind::In))
                                />
                            }
                        })
                }}
            </details>
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
            {move || {
                last_done
                    .get()
                    .map(|(name, kind)| {
                        let key = match kind {
                            CheckKind::In => "assisted-done_in",
                            CheckKind::Out => "assisted-done_out",
                        };
                        view! {
                            <p class="ok-note assisted-done" role="status">
                                {move || i18n.lang.get().format(key, &[("name", &name)])}
                            </p>
                        }
                    })
            }}
            <h3>{i18n.t("assisted-recent")}</h3>
            <p class="hint pending-count" data-pending=pending>
                {move || {
                    let n = pending();
                    if n == 0 { String::new() } else { i18n.lang.get().format("status-pending", &[("count", &n.to_string())]) }
                }}
            </p>
            <SyncNow status=status />
            <ul class="record-list assisted-records">
                <For
                    each=recent
                    key=|r: &OutboxRecord| (r.checkin.id, format!("{:?}", r.delivery))
                    children=move |r: OutboxRecord| {
                        let kind_key = match r.checkin.kind {
                            CheckKind::In => "checkin-done",
                            CheckKind::Out => "checkout-done",
                        };
                        let time = r.checkin.device_time_ms;
                        view! {
                            <li class="record" data-id=r.checkin.id.to_string()>
                                <div class="record-main">
                                    <span class="record-venue">{r.checkin.volunteer.name.clone()}</span>
                                    <span class="record-kind">{i18n.t(kind_key)}</span>
                                </div>
                                <div class="record-meta">
                                    <time>{move || clock(time, i18n.lang.get())}</time>
                                    <DeliveryBadge delivery=r.delivery.clone() />
                                </div>
                            </li>
                        }
                    }
                />
            </ul>
        </section>
    }
}

#[component]
fn SyncNow(status: SyncStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || { status.pending_count() > 0 }>
            <button type="button" class="secondary sync-now" on:click=move |_| status.sync_soon()>
                {i18n.t("sync-now")}
            </button>
        </Show>
    }
}

/// A person not found: name, mobile, organisation, checked as a phone does
/// (the same fields, picker and messages as a volunteer's own form).
/// Nothing is filled in from the browser: the details are someone else's.
#[component]
fn NewPersonForm(
    guard: TapGuard,
    /// The event's organisations and their pinyin initials (same order).
    names: Vec<String>,
    initials: Vec<String>,
    record: Callback<Volunteer>,
) -> impl IntoView {
    let i18n = use_i18n();
    let input = VolunteerInput::new(None, names);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A second tap would find the cleared form and flag every field.
        if !guard.take() {
            return;
        }
        if let Some(v) = input.checked() {
            record.run(v);
            input.clear();
        }
    };
    view! {
        <form class="new-person" on:submit=submit novalidate>
            <NameAndMobile input=input ids=("new-person-name", "new-person-mobile") own=false />
            <OrganisationPicker id="new-person-organisation" own=false initials=initials input=input />
            <button type="submit" class="primary" disabled=move || guard.held()>
                {i18n.t("assisted-add_and_check_in")}
            </button>
        </form>
    }
}
