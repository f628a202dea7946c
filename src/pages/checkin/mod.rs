//! The check-in screen, opened from a venue's QR code (`/c#code`).

mod profile_form;

use crate::components::delivery_badge::DeliveryBadge;
use crate::components::error_panel::ErrorPanel;
use crate::components::record_list::RecordList;
use crate::event_cache;
use crate::i18n::use_i18n;
use crate::outbox::{Delivery, OutboxRecord};
use crate::profile;
use crate::record_id::new_record_id;
use crate::sync::use_sync_status;
use crate::time_format::{clock, now_ms};
use crate::user_error::UserError;
use baodao_core::event::EventInfo;
use baodao_core::venue_link::VenueRef;
use baodao_core::{CheckIn, CheckKind, Volunteer};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;
use profile_form::ProfileForm;

/// The venue named by the URL, once its event is known (or known to be
/// unreachable right now).
#[derive(Clone, PartialEq)]
struct ScannedVenue {
    venue_ref: VenueRef,
    code: String,
    /// `None` when offline with no cached event data.
    event: Option<EventInfo>,
    name: String,
}

#[component]
pub fn CheckInPage() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let code = Memo::new(move |_| location.hash.get().trim_start_matches('#').to_string());
    let scanned = LocalResource::new(move || {
        let code = code.get();
        async move { resolve(&code).await }
    });
    view! {
        {move || match scanned.get() {
            None => view! { <p class="card loading">{i18n.t("checkin.loading")}</p> }.into_any(),
            Some(Err(e)) => view! { <ErrorPanel error=e /> }.into_any(),
            Some(Ok(venue)) => view! { <VenueCheckIn venue=venue /> }.into_any(),
        }}
        <RecordList />
    }
}

/// Reads the code, and finds its venue in the (cached) event data.
async fn resolve(code: &str) -> Result<ScannedVenue, UserError> {
    let venue_ref = VenueRef::parse_code(code).map_err(UserError::Link)?;
    let event = event_cache::load(venue_ref.event)
        .await
        .map_err(UserError::from)?;
    let name = match &event {
        Some(e) => e
            .venue(venue_ref.venue)
            .ok_or(UserError::UnknownVenue)?
            .name
            .clone(),
        // Offline and never seen this event: record anyway, the server judges at sync.
        None => format!("#{}", venue_ref.venue),
    };
    Ok(ScannedVenue {
        venue_ref,
        code: code.to_string(),
        event,
        name,
    })
}

#[component]
fn VenueCheckIn(venue: ScannedVenue) -> impl IntoView {
    let i18n = use_i18n();
    let status = use_sync_status();
    let volunteer = RwSignal::new(profile::load());
    let editing = RwSignal::new(false);
    let error = RwSignal::new(None::<UserError>);
    let busy = RwSignal::new(false);
    let organisations = venue
        .event
        .as_ref()
        .map(|e| e.organisations.clone())
        .unwrap_or_default();
    let venue_id = venue.venue_ref.venue;

    // This venue's latest record decides whether the button checks in or out.
    let latest_here = Memo::new(move |_| {
        status.records.with(|r| {
            r.iter()
                .rev()
                .find(|r| r.checkin.venue == venue_id && r.checkin.event == venue.venue_ref.event)
                .cloned()
        })
    });
    let next_kind = move || match latest_here.get() {
        Some(r) if r.checkin.kind == CheckKind::In => CheckKind::Out,
        _ => CheckKind::In,
    };

    let venue_for_record = venue.clone();
    let record = move |_| {
        let Some(person) = volunteer.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        let checkin = CheckIn {
            id: new_record_id(),
            event: venue_for_record.venue_ref.event,
            venue: venue_for_record.venue_ref.venue,
            kind: next_kind(),
            code: venue_for_record.code.clone(),
            device_time_ms: now_ms(),
            volunteer: person,
        };
        if let Err(e) = checkin.validate() {
            error.set(Some(UserError::CheckIn(e)));
            return;
        }
        let record = OutboxRecord {
            checkin,
            venue_name: venue_for_record.name.clone(),
            delivery: Delivery::Pending,
        };
        busy.set(true);
        spawn_local(async move {
            error.set(status.record(record).await.err());
            busy.set(false);
        });
    };
    let saved = Callback::new(move |v: Volunteer| {
        volunteer.set(Some(v));
        editing.set(false);
    });

    let name = venue.name.clone();
    view! {
        <section class="card venue-card">
            <p class="label">{i18n.t("checkin.venue")}</p>
            <h1 class="venue-name">{name}</h1>
        </section>
        {move || {
            let person = volunteer.get();
            if person.is_none() || editing.get() {
                return view! {
                    <ProfileForm organisations=organisations.clone() initial=person on_saved=saved />
                }
                    .into_any();
            }
            let person = person.unwrap_or_else(|| unreachable!());
            view! {
                <section class="card checkin-card">
                    <p class="who">
                        {move || {
                            i18n.lang
                                .get()
                                .format(
                                    "profile.who",
                                    &[("name", &person.name), ("organisation", &person.organisation)],
                                )
                        }}
                        " "
                        <button type="button" class="link-button" on:click=move |_| editing.set(true)>
                            {i18n.t("profile.edit")}
                        </button>
                    </p>
                    {move || latest_here.get().map(|r| view! { <LatestRecord record=r /> })}
                    {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
                    <button
                        class="primary big"
                        type="button"
                        data-kind=move || next_kind().as_str()
                        disabled=move || busy.get()
                        on:click=record.clone()
                    >
                        {move || match next_kind() {
                            CheckKind::In => i18n.lang.get().text("checkin.button"),
                            CheckKind::Out => i18n.lang.get().text("checkout.button"),
                        }}
                    </button>
                </section>
            }
                .into_any()
        }}
    }
}

/// Big confirmation of the latest record at this venue.
#[component]
fn LatestRecord(record: OutboxRecord) -> impl IntoView {
    let i18n = use_i18n();
    let (done_key, at_key) = match record.checkin.kind {
        CheckKind::In => ("checkin.done", "checkin.at"),
        CheckKind::Out => ("checkout.done", "checkout.at"),
    };
    let time = record.checkin.device_time_ms;
    view! {
        <div class="confirmation" data-kind=record.checkin.kind.as_str() role="status">
            <p class="confirmation-title">{i18n.t(done_key)}</p>
            <p>{move || i18n.lang.get().format(at_key, &[("time", &clock(time, i18n.lang.get()))])}</p>
            <DeliveryBadge delivery=record.delivery.clone() />
        </div>
    }
}
