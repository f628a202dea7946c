//! A venue's display screen (`/lead/{venue}/display`), which shows a rotating
//! signed code that changes every 30 seconds, with no connection needed once
//! it has been set up. The lead's roster and tools are
//! [`crate::pages::venue_lead`].

use crate::api;
use crate::components::error_panel::ErrorPanel;
use crate::i18n::use_i18n;
use crate::local_store;
use crate::page_title;
use crate::time_format::true_now_ms;
use crate::user_error::UserError;
use baodao_core::event::DisplayProvisioning;
use baodao_core::venue_code::{slot_at, DisplaySigner, SLOT_SECONDS};
use baodao_core::venue_link::checkin_url;
use baodao_core::VenueId;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use std::time::Duration;

fn display_storage_key(venue: VenueId) -> String {
    format!("baodao.display.{venue}")
}

/// A QR code as inline SVG: one path of unit squares, with the quiet zone,
/// scaled by the page (crisp at any size).
fn qr_svg(text: &str) -> Option<String> {
    use qrcode::{Color, EcLevel, QrCode};
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut path = String::new();
    for (i, c) in code.to_colors().iter().enumerate() {
        if *c == Color::Dark {
            let (x, y) = (i % width + quiet, i / width + quiet);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges" width="100%" height="100%"><rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##
    ))
}

/// Full-screen rotating code for a venue's screen or tablet. The display key
/// and its certificate are fetched once and kept in `localStorage`, so the
/// screen keeps rotating with no connection until the certificate (the
/// event's dates) ends.
#[component]
pub fn LeadDisplayPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let venue = params.with_untracked(|p| p.get("venue").and_then(|v| v.parse::<VenueId>().ok()));
    let provisioning = RwSignal::new(None::<DisplayProvisioning>);
    let error = RwSignal::new(None::<UserError>);
    let now = RwSignal::new(true_now_ms());
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(true_now_ms()), Duration::from_millis(500))
    {
        on_cleanup(move || handle.clear());
    }

    let provision = move |fresh: bool| {
        let Some(venue) = venue else {
            error.set(Some(UserError::UnknownVenue));
            return;
        };
        if !fresh {
            let stored: Option<DisplayProvisioning> =
                local_store::get_json(&display_storage_key(venue));
            let usable = stored.filter(|p| {
                p.venue.id == venue
                    && p.seed_bytes().is_some()
                    && i64::from(p.certificate.validity.until) * 1000 > true_now_ms()
            });
            if let Some(p) = usable {
                provisioning.set(Some(p));
                return;
            }
        }
        spawn_local(async move {
            match api::provision_display(venue).await {
                Ok(p) => {
                    local_store::set_json(&display_storage_key(venue), &p);
                    error.set(None);
                    provisioning.set(Some(p));
                }
                Err(e) => error.set(Some(e.into())),
            }
        });
    };
    provision(false);

    // The code changes only when the slot does; the memo keeps the QR still
    // in between.
    let code = Memo::new(move |_| {
        let slot_start = i64::from(slot_at(now.get())) * SLOT_SECONDS * 1000;
        provisioning.with(|p| {
            let p = p.as_ref()?;
            let signer = DisplaySigner::new(&p.seed_bytes()?, p.certificate).ok()?;
            Some(checkin_url(&p.base_url, &signer.code_at(slot_start)))
        })
    });
    let expired = Memo::new(move |_| {
        provisioning.with(|p| {
            p.as_ref()
                .is_some_and(|p| i64::from(p.certificate.validity.until) * 1000 <= now.get())
        })
    });
    page_title::show(move |lang| {
        let screen = lang.text("display-title");
        match provisioning.with(|p| p.as_ref().map(|p| p.venue.name.clone())) {
            Some(venue) => format!("{venue} · {screen}"),
            None => screen,
        }
    });
    let seconds_left = move || {
        let elapsed = now.get().rem_euclid(SLOT_SECONDS * 1000) / 1000;
        (SLOT_SECONDS - elapsed).to_string()
    };

    view! {
        <div
            class="display-page"
            style="position: fixed; inset: 0; z-index: 50; overflow: auto; background: #fff; color: #000; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 1vh; padding: 2vh 2vw; text-align: center;"
        >
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
            {move || {
                provisioning
                    .get()
                    .map(|p| {
                        let short = p.venue.short_code.map(|c| c.grouped());
                        view! {
                            <h1 class="display-venue" style="font-size: clamp(1.5rem, 5vmin, 3.5rem); margin: 0;">
                                {p.venue.name.clone()}
                            </h1>
                            <p style="font-size: clamp(1rem, 3vmin, 2rem); margin: 0;">{i18n.t("display-scan")}</p>
                            {move || {
                                let url = code.get();
                                let svg = url.as_deref().and_then(qr_svg).unwrap_or_default();
                                let fragment = url
                                    .as_deref()
                                    .and_then(|u| u.split_once('#'))
                                    .map(|(_, c)| c.to_string())
                                    .unwrap_or_default();
                                view! {
                                    <div
                                        class="display-qr"
                                        data-code=fragment
                                        role="img"
                                        aria-label=i18n.t("lead-qr")
                                        style="width: min(92vw, 68vh); height: min(92vw, 68vh);"
                                        inner_html=svg
                                    ></div>
                                }
                            }}
                            <p class="display-countdown" style="font-size: clamp(0.9rem, 2.5vmin, 1.6rem); margin: 0; color: #444;">
                                {move || i18n.lang.get().format("display-next", &[("seconds", &seconds_left())])}
                            </p>
                            {short
                                .map(|s| {
                                    view! {
                                        <p style="font-size: clamp(1rem, 3vmin, 2rem); margin: 0;">
                                            {i18n.t("display-short_code")}
                                        </p>
                                        <p
                                            class="display-short-code"
                                            style="font-size: clamp(2.5rem, 10vmin, 7rem); font-weight: 800; letter-spacing: 0.08em; margin: 0; font-family: ui-monospace, monospace;"
                                        >
                                            {s}
                                        </p>
                                    }
                                })}
                        }
                    })
            }}
            {move || {
                expired
                    .get()
                    .then(|| view! { <p class="error-panel" role="alert">{i18n.t("display-expired")}</p> })
            }}
            <p style="margin: 1vh 0 0; display: flex; gap: 1rem; flex-wrap: wrap; justify-content: center;">
                <button type="button" class="secondary display-renew" on:click=move |_| provision(true)>
                    {i18n.t("display-renew")}
                </button>
                {venue
                    .map(|v| {
                        view! {
                            <a class="secondary" style="display: inline-flex; align-items: center;" href=format!("/lead/{v}")>
                                {i18n.t("display-back")}
                            </a>
                        }
                    })}
            </p>
        </div>
    }
}
