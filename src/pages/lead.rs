//! A venue's display screen (`/lead/{venue}/display`), which shows a rotating
//! signed code that changes every 30 seconds, with no connection needed once
//! it has been set up. The lead's roster and tools are
//! [`crate::pages::venue_lead`].

use crate::api;
use crate::components::error_panel::ErrorPanel;
use crate::components::qr_code::qr_svg;
use crate::i18n::use_i18n;
use crate::local_store;
use crate::page_title;
use crate::time_format::{date_clock, true_now_ms};
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

/// Where a lead's "renew" tap stands: the screen says what it did.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Renewal {
    Idle,
    Working,
    Done,
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

    let renewal = RwSignal::new(Renewal::Idle);
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
        if fresh {
            renewal.set(Renewal::Working);
        }
        spawn_local(async move {
            match api::provision_display(venue).await {
                Ok(p) => {
                    local_store::set_json(&display_storage_key(venue), &p);
                    error.set(None);
                    provisioning.set(Some(p));
                    if fresh {
                        renewal.set(Renewal::Done);
                        // Said once; the screen is for the volunteers.
                        set_timeout(
                            move || {
                                if renewal.get_untracked() == Renewal::Done {
                                    renewal.set(Renewal::Idle);
                                }
                            },
                            Duration::from_secs(20),
                        );
                    }
                }
                Err(e) => {
                    renewal.set(Renewal::Idle);
                    error.set(Some(e.into()));
                }
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
        <div class="display-page">
            {move || {
                provisioning
                    .get()
                    .map(|p| {
                        let short = p.venue.short_code.map(|c| c.grouped());
                        view! {
                            <header class="display-head">
                                <h1 class="display-venue">{p.venue.name.clone()}</h1>
                                <p class="display-scan">{i18n.t("display-scan")}</p>
                            </header>
                            <div class="display-qr-box">
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
                                            inner_html=svg
                                        ></div>
                                    }
                                }}
                            </div>
                            <div class="display-side">
                                <p class="display-countdown">
                                    {move || i18n.lang.get().format("display-next", &[("seconds", &seconds_left())])}
                                </p>
                                {short
                                    .map(|s| {
                                        view! {
                                            <p class="display-short-label">{i18n.t("display-short_code")}</p>
                                            <p class="display-short-code">{s}</p>
                                        }
                                    })}
                            </div>
                        }
                    })
            }}
            <div class="display-tools">
                {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
                {move || {
                    expired
                        .get()
                        .then(|| view! { <p class="error-panel" role="alert">{i18n.t("display-expired")}</p> })
                }}
                <p class="display-status" role="status" aria-live="polite">
                    {move || match renewal.get() {
                        Renewal::Idle => String::new(),
                        Renewal::Working => i18n.lang.get().text("display-renewing"),
                        Renewal::Done => {
                            let lang = i18n.lang.get();
                            let until = provisioning
                                .with(|p| p.as_ref().map(|p| i64::from(p.certificate.validity.until) * 1000))
                                .map(|ms| date_clock(ms, lang))
                                .unwrap_or_default();
                            lang.format("display-renewed", &[("until", &until)])
                        }
                    }}
                </p>
                <p class="display-actions">
                    <button
                        type="button"
                        class="secondary display-renew"
                        disabled=move || renewal.get() == Renewal::Working
                        on:click=move |_| provision(true)
                    >
                        {i18n.t("display-renew")}
                    </button>
                    {venue
                        .map(|v| {
                            view! {
                                <a class="secondary" href=format!("/lead/{v}")>
                                    {i18n.t("display-back")}
                                </a>
                            }
                        })}
                </p>
            </div>
        </div>
    }
}
