//! A venue lead's page: the venue's QR code and who has checked in.

use crate::api;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;
use crate::time_format::clock;
use crate::user_error::UserError;
use baodao_core::event::RosterEntry;
use baodao_core::{CheckKind, VenueId};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::time::Duration;

/// How often the roster refreshes itself while the page is open.
const REFRESH: Duration = Duration::from_secs(10);

#[component]
pub fn LeadPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let venue =
        Memo::new(move |_| params.with(|p| p.get("venue").and_then(|v| v.parse::<VenueId>().ok())));
    let tick = RwSignal::new(0u32);
    let roster = LocalResource::new(move || {
        tick.track();
        let venue = venue.get();
        async move {
            match venue {
                Some(v) => api::roster(v).await.map_err(UserError::from),
                None => Err(UserError::UnknownVenue),
            }
        }
    });
    if let Ok(handle) = set_interval_with_handle(move || tick.update(|t| *t += 1), REFRESH) {
        on_cleanup(move || handle.clear());
    }

    view! {
        <Transition fallback=move || view! { <p class="card loading">{i18n.t("checkin.loading")}</p> }>
            {move || {
                roster
                    .get()
                    .map(|r| match r {
                        Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                        Ok(roster) => {
                            let qr = format!("/api/venues/{}/qr.svg", roster.venue.id);
                            let count = roster.entries.len();
                            view! {
                                <section class="card lead-header">
                                    <p class="label">{i18n.t("lead.title")}</p>
                                    <h1 class="venue-name">{roster.venue.name.clone()}</h1>
                                    <p class="count" data-count=count>
                                        {move || i18n.lang.get().format("lead.count", &[("count", &count.to_string())])}
                                    </p>
                                    <button type="button" class="secondary" on:click=move |_| tick.update(|t| *t += 1)>
                                        {i18n.t("lead.refresh")}
                                    </button>
                                </section>
                                <RosterTable entries=roster.entries />
                                <section class="card qr-card">
                                    <h2>{i18n.t("lead.qr")}</h2>
                                    <img class="venue-qr" src=qr alt=i18n.t("lead.qr") />
                                </section>
                            }
                                .into_any()
                        }
                    })
            }}
        </Transition>
    }
}

#[component]
fn RosterTable(entries: Vec<RosterEntry>) -> impl IntoView {
    let i18n = use_i18n();
    if entries.is_empty() {
        return view! { <p class="card hint">{i18n.t("lead.empty")}</p> }.into_any();
    }
    view! {
        <div class="card table-wrap">
            <table class="roster">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t("lead.name")}</th>
                        <th scope="col">{i18n.t("lead.organisation")}</th>
                        <th scope="col">{i18n.t("lead.kind")}</th>
                        <th scope="col">{i18n.t("lead.time")}</th>
                    </tr>
                </thead>
                <tbody>
                    {entries
                        .into_iter()
                        .map(|e| {
                            let kind = match e.kind {
                                CheckKind::In => "checkin.done",
                                CheckKind::Out => "checkout.done",
                            };
                            let time = e.device_time_ms;
                            view! {
                                <tr data-id=e.id.to_string()>
                                    <td class="name">{e.name}<small>{e.mobile_masked}</small></td>
                                    <td>{e.organisation}</td>
                                    <td>{i18n.t(kind)}</td>
                                    <td>{move || clock(time, i18n.lang.get())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}
