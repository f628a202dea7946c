//! Venue posters for printing: one A4 page per venue with its name, main
//! venue, QR code, short code and the bilingual instruction. The browser's
//! print (or print to PDF) makes the batch; the page layout is print CSS
//! (`style/main.css`, "Posters").

use crate::components::loaded::Loaded;
use crate::console::api::{self, Poster};
use crate::console::sign_in::{use_console_session, NotAllowed};
use crate::i18n::use_i18n;
use crate::page_title::PageTitle;
use crate::user_error::UserError;
use baodao_core::venue_code::ShortCode;
use baodao_core::EventId;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "export function print_page() { try { window.print(); } catch (e) {} }")]
extern "C" {
    fn print_page();
}

/// Posters ready to print: the print bar, then one page each.
#[component]
pub fn Posters(posters: Vec<Poster>) -> impl IntoView {
    view! {
        <PrintBar count=posters.len() />
        <div class="posters">
            {posters.into_iter().map(|p| view! { <PosterSheet poster=p /> }).collect_view()}
        </div>
    }
}

/// One printed page.
#[component]
fn PosterSheet(poster: Poster) -> impl IntoView {
    let i18n = use_i18n();
    let short = poster.short_code.as_deref().map(|raw| {
        ShortCode::parse(raw)
            .map(|c| c.grouped())
            .unwrap_or_else(|_| raw.to_string())
    });
    view! {
        <article class="poster" data-venue=poster.venue.id.0>
            <p class="poster-event">{poster.event_name.clone()}</p>
            <h2 class="poster-venue">{poster.venue.name.clone()}</h2>
            {poster.main_venue.clone().map(|m| view! { <p class="poster-main">{m}</p> })}
            <img class="poster-qr" src=poster.qr_svg.clone() alt=i18n.t("lead-qr") />
            // Both languages on every poster, whatever the console's language.
            <p class="poster-scan">{i18n.t("poster-scan")}</p>
            <p class="poster-scan-detail">{i18n.t("poster-scan_detail")}</p>
            {short
                .map(|s| {
                    view! {
                        <p class="poster-code-label">{i18n.t("display-short_code")}</p>
                        <p class="poster-code">{s}</p>
                    }
                })}
        </article>
    }
}

/// A print button and the hint to choose A4.
#[component]
fn PrintBar(count: usize) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="card print-bar no-print">
            <p class="hint" data-count=count>
                {move || i18n.lang.get().format("poster-count", &[("count", &count.to_string())])}
            </p>
            <p class="hint">{i18n.t("poster-print_hint")}</p>
            <button type="button" class="primary print-posters" on:click=move |_| print_page()>
                {i18n.t("poster-print")}
            </button>
        </div>
    }
}

/// `/organiser/posters?event=N`: every venue's poster.
#[component]
pub fn PostersPage() -> impl IntoView {
    let i18n = use_i18n();
    let console = use_console_session();
    let query = use_query_map();
    let event = move || {
        query
            .with(|q| q.get("event").and_then(|e| e.parse::<u32>().ok()))
            .map(EventId)
    };
    let posters = LocalResource::new(move || {
        let event = event();
        async move {
            let event = match event {
                Some(e) => e,
                None => api::events()
                    .await
                    .map_err(UserError::from)?
                    .first()
                    .map(|e| e.id)
                    .ok_or(UserError::UnknownEvent)?,
            };
            api::posters(event).await.map_err(UserError::from)
        }
    });
    view! {
        <Show when=move || console.is_organiser() fallback=NotAllowed>
            <PageTitle text="poster-all_title" />
            <h1 class="page-title no-print">{i18n.t("poster-all_title")}</h1>
            <p class="no-print button-row"><a href="/organiser">{i18n.t("console-back_to_organiser")}</a></p>
            <Loaded answer=posters ok=|list| view! { <Posters posters=list /> } loading=true />
        </Show>
    }
}
