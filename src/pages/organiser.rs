//! The organiser's overview: each event's venues with their QR codes and links.

use crate::api;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;
use crate::user_error::UserError;
use baodao_core::event::EventInfo;
use leptos::prelude::*;

#[component]
pub fn OrganiserPage() -> impl IntoView {
    let i18n = use_i18n();
    let events = LocalResource::new(|| async { api::events().await.map_err(UserError::from) });
    view! {
        <h1 class="page-title">{i18n.t("organiser.title")}</h1>
        {move || {
            events
                .get()
                .map(|r| match r {
                    Err(e) => view! { <ErrorPanel error=e /> }.into_any(),
                    Ok(list) => list.into_iter().map(|e| view! { <EventVenues event=e /> }).collect_view().into_any(),
                })
        }}
    }
}

#[component]
fn EventVenues(event: EventInfo) -> impl IntoView {
    let i18n = use_i18n();
    let venues = event.venues.clone();
    view! {
        <section class="card">
            <h2>{event.name.clone()}</h2>
            <p class="hint">{format!("{} – {} · {}", event.starts_on, event.ends_on, event.time_zone)}</p>
            <h3>{i18n.t("organiser.venues")}</h3>
            <ul class="venue-grid">
                {venues
                    .into_iter()
                    .map(|v| {
                        // The server signs the poster code and redirects to its URL.
                        let link = format!("/api/venues/{}/checkin", v.id);
                        let parent = v.parent.and_then(|p| event.venue(p)).map(|p| p.name.clone());
                        view! {
                            <li class="venue-tile" data-venue=v.id.0>
                                <img src=format!("/api/venues/{}/qr.svg", v.id) alt="" loading="lazy" />
                                <strong>{v.name.clone()}</strong>
                                <span class="hint">
                                    {move || match &parent {
                                        Some(p) => i18n.lang.get().format("organiser.sub_venue_of", &[("parent", p)]),
                                        None => i18n.lang.get().text("organiser.main_venue"),
                                    }}
                                </span>
                                <a href=format!("/lead/{}", v.id)>{i18n.t("organiser.lead_link")}</a>
                                <a href=link.clone() rel="external">{i18n.t("organiser.checkin_link")}</a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}
