//! A venue lead's console (`/lead/{venue}`): the live roster, assisted
//! check-in for people without a smartphone, the review queue, checking
//! everyone out, and links to the venue's display screen and poster. The
//! display screen itself is [`crate::pages::lead`].

mod assisted;
mod checkout_all;
mod proof;
mod review;
mod roster;

use crate::components::error_panel::ErrorPanel;
use crate::components::loaded::Loaded;
use crate::console::api::{self, VenueDetail};
use crate::console::sign_in::{use_console_session, NotAllowed};
use crate::i18n::use_i18n;
use crate::local_store;
use crate::page_title::{self, PageTitle};
use crate::pages::organiser::Posters;
use crate::sync::use_sync_status;
use crate::user_error::UserError;
use assisted::AssistedCheckIn;
use baodao_core::VenueId;
use checkout_all::CheckoutAll;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use review::ReviewQueue;
use roster::LiveRoster;

fn venue_param() -> Memo<Option<VenueId>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("venue").and_then(|v| v.parse::<VenueId>().ok())))
}

/// Where a venue's details are kept, so assisted check-in works offline
/// once the page has been opened online.
fn detail_key(venue: VenueId) -> String {
    format!("baodao.lead.venue.{venue}")
}

/// `/lead`: after redeeming an invite, the lead's venues.
#[component]
pub fn LeadHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let console = use_console_session();
    let venues = move || console.session().map(|s| s.venues).unwrap_or_default();
    page_title::show_text("lead-your_venues");
    view! {
        <section class="card lead-home">
            <h1>{i18n.t("lead-your_venues")}</h1>
            <Show when=move || !venues().is_empty() fallback=move || view! { <p class="hint">{i18n.t("lead-no_venues")}</p> }>
                <ul class="link-list">
                    {move || {
                        venues()
                            .into_iter()
                            .map(|v| view! { <li><a class="venue-link" href=format!("/lead/{}", v.id)>{v.name}</a></li> })
                            .collect_view()
                    }}
                </ul>
            </Show>
        </section>
    }
}

#[component]
pub fn LeadPage() -> impl IntoView {
    let console = use_console_session();
    let venue = venue_param();
    let allowed = move || console.may_lead(venue.get());
    view! {
        <Show when=allowed fallback=NotAllowed>
            {move || venue.get().map(|v| view! { <LeadConsole venue=v /> })}
        </Show>
    }
}

#[component]
fn LeadConsole(venue: VenueId) -> impl IntoView {
    let i18n = use_i18n();
    // The assisted check-ins' outbox and sync (provided by the console app,
    // which outlives this page: its timers must not outlive their signals).
    let status = use_sync_status();
    let detail = RwSignal::new(local_store::get_json::<VenueDetail>(&detail_key(venue)));
    let error = RwSignal::new(None::<UserError>);
    let forbidden = RwSignal::new(false);
    // Bumped after any change, so the roster and review queue reload.
    let changes = RwSignal::new(0u32);
    leptos::task::spawn_local(async move {
        match api::venue(venue).await {
            Ok(d) => {
                local_store::set_json(&detail_key(venue), &d);
                detail.set(Some(d));
                error.set(None);
            }
            Err(f) if f.status() == Some(403) => forbidden.set(true),
            // Offline with a kept copy: carry on with it.
            Err(f)
                if detail.get_untracked().is_some()
                    && f.failure == crate::api::ApiFailure::Network => {}
            Err(f) => error.set(Some(f.into())),
        }
    });
    let changed = Callback::new(move |()| changes.update(|c| *c += 1));
    page_title::show(move |lang| {
        let screen = lang.text(if forbidden.get() {
            "console-forbidden_title"
        } else {
            "lead-title"
        });
        match detail.with(|d| d.as_ref().map(|d| d.venue.name.clone())) {
            Some(venue) if !forbidden.get() => format!("{venue} · {screen}"),
            _ => screen,
        }
    });
    // Assisted records reach the roster once synced: reload then.
    Effect::watch(
        move || status.last_synced_ms.get(),
        move |_, _, _| changes.update(|c| *c += 1),
        false,
    );

    view! {
        <Show when=move || !forbidden.get() fallback=NotAllowed>
            <section class="card lead-header">
                <p class="label">{i18n.t("lead-title")}</p>
                <h1 class="venue-name">{move || detail.with(|d| d.as_ref().map(|d| d.venue.name.clone()))}</h1>
                {move || detail.with(|d| d.as_ref().and_then(|d| d.main_venue.clone())).map(|m| view! { <p class="hint">{m}</p> })}
                <p class="button-row">
                    <a class="secondary display-link" href=format!("/lead/{venue}/display")>{i18n.t("lead-display_link")}</a>
                    <a class="secondary poster-link" href=format!("/lead/{venue}/poster")>{i18n.t("poster-print_one")}</a>
                </p>
                <p class="hint">{i18n.t("lead-display_hint")}</p>
            </section>
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
            <LiveRoster venue=venue changes=changes />
            {move || detail.get().map(|d| view! { <AssistedCheckIn detail=d changes=changes changed=changed /> })}
            <ReviewQueue venue=venue changes=changes changed=changed />
            <CheckoutAll venue=venue changed=changed />
        </Show>
    }
}

/// `/lead/{venue}/poster`: the venue's poster for printing.
#[component]
pub fn VenuePosterPage() -> impl IntoView {
    let i18n = use_i18n();
    let console = use_console_session();
    let venue = venue_param();
    let allowed = move || console.may_lead(venue.get());
    let poster = LocalResource::new(move || {
        let venue = venue.get();
        async move {
            match venue {
                Some(v) => api::poster(v).await.map_err(UserError::from),
                None => Err(UserError::UnknownVenue),
            }
        }
    });
    view! {
        <Show when=allowed fallback=NotAllowed>
            <PageTitle text="poster-print_one" />
            <h1 class="page-title no-print">{i18n.t("poster-print_one")}</h1>
            <p class="no-print button-row">
                {move || venue.get().map(|v| view! { <a href=format!("/lead/{v}")>{i18n.t("display-back")}</a> })}
            </p>
            <Loaded answer=poster ok=|p| view! { <Posters posters=vec![p] /> } loading=true />
        </Show>
    }
}
