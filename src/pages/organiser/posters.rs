//! Venue posters for printing: one A4 page per venue with its name, main
//! venue, QR code, short code and the bilingual instruction. The browser's
//! print (or print to PDF) makes the batch; the page layout is print CSS
//! (`style/main.css`, "Posters").

use crate::components::loaded::Loaded;
use crate::components::qr_code::qr_svg;
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
    let qr = qr_svg(&poster.checkin_url).unwrap_or_default();
    let dates = poster_dates(&poster.starts_on, &poster.ends_on);
    view! {
        <article class="poster" data-venue=poster.venue.id.0>
            <p class="poster-event">{poster.event_name.clone()}</p>
            <p class="poster-dates">{dates}</p>
            <h2 class="poster-venue">{poster.venue.name.clone()}</h2>
            {poster.main_venue.clone().map(|m| view! { <p class="poster-main">{m}</p> })}
            <div class="poster-qr" role="img" aria-label=i18n.t("lead-qr") inner_html=qr></div>
            // Both languages on every poster, whatever the console's language.
            <p class="poster-scan">{i18n.t("poster-scan")}</p>
            <p class="poster-scan-detail">{i18n.t("poster-scan_detail")}</p>
            <p class="poster-leave">{i18n.t("poster-leave")}</p>
            {short
                .map(|s| {
                    view! {
                        <p class="poster-code-label">{i18n.t("display-short_code")}</p>
                        <p class="poster-code">{s}</p>
                    }
                })}
            {poster
                .contact
                .clone()
                .map(|c| {
                    view! {
                        <p class="poster-contact">
                            <span>{i18n.t("poster-contact")}</span>
                            " "
                            <strong>{c}</strong>
                        </p>
                    }
                })}
        </article>
    }
}

/// The event's days in both languages: "2026年12月5日至6日 · 5–6 Dec 2026".
fn poster_dates(starts_on: &str, ends_on: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parse = |iso: &str| -> Option<(u32, usize, u32)> {
        let mut parts = iso.splitn(3, '-').map(str::parse::<u32>);
        let (y, m, d) = (
            parts.next()?.ok()?,
            parts.next()?.ok()?,
            parts.next()?.ok()?,
        );
        (1..=12).contains(&m).then_some((y, m as usize, d))
    };
    let (Some((y1, m1, d1)), Some((y2, m2, d2))) = (parse(starts_on), parse(ends_on)) else {
        return format!("{starts_on} – {ends_on}");
    };
    let en = |y: u32, m: usize, d: u32| format!("{d} {} {y}", MONTHS[m - 1]);
    if (y1, m1, d1) == (y2, m2, d2) {
        format!("{y1}年{m1}月{d1}日 · {}", en(y1, m1, d1))
    } else if (y1, m1) == (y2, m2) {
        format!("{y1}年{m1}月{d1}日至{d2}日 · {d1}–{}", en(y2, m2, d2))
    } else if y1 == y2 {
        format!(
            "{y1}年{m1}月{d1}日至{m2}月{d2}日 · {d1} {} – {}",
            MONTHS[m1 - 1],
            en(y2, m2, d2)
        )
    } else {
        format!(
            "{y1}年{m1}月{d1}日至{y2}年{m2}月{d2}日 · {} – {}",
            en(y1, m1, d1),
            en(y2, m2, d2)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::poster_dates;

    #[test]
    fn dates_read_naturally_in_both_languages() {
        assert_eq!(
            poster_dates("2026-12-05", "2026-12-05"),
            "2026年12月5日 · 5 Dec 2026"
        );
        assert_eq!(
            poster_dates("2026-12-05", "2026-12-06"),
            "2026年12月5日至6日 · 5–6 Dec 2026"
        );
        assert_eq!(
            poster_dates("2026-11-30", "2026-12-01"),
            "2026年11月30日至12月1日 · 30 Nov – 1 Dec 2026"
        );
        assert_eq!(
            poster_dates("2026-12-31", "2027-01-01"),
            "2026年12月31日至2027年1月1日 · 31 Dec 2026 – 1 Jan 2027"
        );
        assert_eq!(poster_dates("soon", "later"), "soon – later");
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
