//! The organiser's live dashboard: the alerts that need someone first, then
//! totals, check-ins over time, per venue (grouped under the main venues,
//! searchable: an event has about 120) and per organisation (about 185),
//! both sortable by any column, and the exports (CSV, and Excel workbooks).
//!
//! Live updates come from the server-sent event stream (`/live`), read with
//! `fetch()` because the session is a header (`EventSource` cannot send
//! one); if the stream cannot be opened or breaks, the page polls the
//! dashboard every few seconds instead.

use crate::components::error_panel::ErrorPanel;
use crate::components::wide_table::WideTable;
use crate::console::api::{self, Counts, Dashboard, OrganisationCounts, VenueCounts};
use crate::console::session;
use crate::i18n::use_i18n;
use crate::pages::organiser::alerts::AlertList;
use crate::pages::organiser::sorting::{Sort, SortHeader, SortKey};
use crate::pages::organiser::timeline_chart::TimelineChart;
use crate::user_error::UserError;
use baodao_core::organisation_search::normalise_query;
use baodao_core::EventId;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;
use wasm_bindgen::prelude::*;

/// Polling interval when the stream is unavailable.
const POLL: Duration = Duration::from_secs(5);

#[wasm_bindgen(inline_js = r#"
// Reads a server-sent event stream with fetch (the token is a header).
// Calls on_event(name, data) per event and on_end(status) when the stream
// ends or cannot open (status 0: ended, -1: network). Returns the abort
// controller.
export function open_live(url, token, on_event, on_end) {
  const ctl = new AbortController();
  (async () => {
    try {
      const r = await fetch(url, { headers: token ? { authorization: 'Bearer ' + token } : {}, signal: ctl.signal });
      if (!r.ok || !r.body) { on_end(r.status); return; }
      const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf = (buf + value).replace(/\r\n/g, '\n');
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          let name = 'message';
          const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) name = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (data.length) on_event(name, data.join('\n'));
        }
      }
      if (!ctl.signal.aborted) on_end(0);
    } catch (e) {
      if (!ctl.signal.aborted) on_end(-1);
    }
  })();
  return ctl;
}
export function close_live(ctl) { try { ctl.abort(); } catch (e) {} }
// Downloads a file that needs the session header: fetch, then save the blob.
// Resolves to the HTTP status (0: network failure).
export async function download_with_token(url, token, filename) {
  try {
    const r = await fetch(url, { headers: token ? { authorization: 'Bearer ' + token } : {} });
    if (!r.ok) return r.status;
    const blob = await r.blob();
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    return r.status;
  } catch (e) {
    return 0;
  }
}
"#)]
extern "C" {
    fn open_live(
        url: &str,
        token: &str,
        on_event: &js_sys::Function,
        on_end: &js_sys::Function,
    ) -> JsValue;
    fn close_live(controller: &JsValue);
    fn download_with_token(url: &str, token: &str, filename: &str) -> js_sys::Promise;
}

/// How the dashboard is kept up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Liveness {
    Connecting,
    Streaming,
    Polling,
}

#[component]
pub fn DashboardPanel(event: EventId) -> impl IntoView {
    let i18n = use_i18n();
    let dashboard = RwSignal::new(None::<Dashboard>);
    let error = RwSignal::new(None::<UserError>);
    let liveness = RwSignal::new(Liveness::Connecting);

    let refresh = move || {
        spawn_local(async move {
            match api::dashboard(event).await {
                Ok(d) => {
                    error.set(None);
                    dashboard.set(Some(d));
                }
                Err(f) => error.set(Some(f.into())),
            }
        })
    };
    refresh();

    // The stream; on failure, polling. Both stop when the panel goes away.
    let on_event = Closure::<dyn Fn(String, String)>::new(move |name: String, data: String| {
        if name == "dashboard" {
            if let Ok(d) = serde_json::from_str::<Dashboard>(&data) {
                liveness.set(Liveness::Streaming);
                error.set(None);
                dashboard.set(Some(d));
            }
        }
    });
    let on_end = Closure::<dyn Fn(i32)>::new(move |status: i32| {
        if status == 401 {
            session::expired();
            return;
        }
        liveness.set(Liveness::Polling);
    });
    let controller = open_live(
        &format!("/api/events/{event}/live"),
        &session::token().unwrap_or_default(),
        on_event.as_ref().unchecked_ref(),
        on_end.as_ref().unchecked_ref(),
    );
    let poll = set_interval_with_handle(
        move || {
            if liveness.get_untracked() == Liveness::Polling {
                refresh();
            }
        },
        POLL,
    )
    .ok();
    // Not Send: kept in the page's local arena, dropped with the page (after
    // the stream is aborted, so no callback runs on a dropped closure).
    let live = StoredValue::new_local((controller, on_event, on_end));
    on_cleanup(move || {
        let _ = live.try_with_value(|(controller, _, _)| close_live(controller));
        if let Some(p) = poll {
            p.clear();
        }
    });

    // Each part re-renders only when its own data changed.
    let venues = Memo::new(move |_| {
        dashboard.with(|d| d.as_ref().map(|d| d.venues.clone()).unwrap_or_default())
    });
    let organisations = Memo::new(move |_| {
        dashboard.with(|d| {
            d.as_ref()
                .map(|d| d.organisations.clone())
                .unwrap_or_default()
        })
    });
    let alerts = Memo::new(move |_| {
        dashboard.with(|d| d.as_ref().map(|d| d.alerts.clone()).unwrap_or_default())
    });

    let export_error = RwSignal::new(None::<UserError>);
    let download = move |path: String, filename: String| {
        spawn_local(async move {
            let token = session::token().unwrap_or_default();
            let status =
                wasm_bindgen_futures::JsFuture::from(download_with_token(&path, &token, &filename))
                    .await
                    .ok()
                    .and_then(|v| v.as_f64())
                    .unwrap_or(0.0) as u16;
            export_error.set(match status {
                200..=299 => None,
                0 => Some(UserError::Network),
                401 => {
                    session::expired();
                    None
                }
                403 => Some(UserError::Other("forbidden".into())),
                _ => Some(UserError::Server),
            });
        })
    };

    view! {
        <section class="card dashboard" aria-labelledby="dashboard-title">
            <div class="section-head">
                <h2 id="dashboard-title">{i18n.t("dashboard-title")}</h2>
                <span class="live" data-live=move || format!("{:?}", liveness.get()).to_lowercase() role="status">
                    {move || match liveness.get() {
                        Liveness::Connecting => i18n.lang.get().text("dashboard-connecting"),
                        Liveness::Streaming => i18n.lang.get().text("dashboard-live"),
                        Liveness::Polling => i18n.lang.get().text("dashboard-polling"),
                    }}
                </span>
            </div>
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
            // Mounted once, with the first answer: the tables keep their
            // sort and search while live updates replace the numbers.
            <Show when=move || dashboard.with(Option::is_some)>
                <AlertList alerts=alerts venues=venues />
                {move || dashboard.get().map(|d| view! { <Totals counts=d.totals /> })}
                <section class="dashboard-part timeline-part" aria-labelledby="dashboard-over-time">
                    <h3 id="dashboard-over-time">{i18n.t("dashboard-over_time")}</h3>
                    {move || dashboard.get().map(|d| view! { <TimelineChart timeline=d.timeline /> })}
                </section>
                <VenueTable venues=venues />
                <OrganisationTable organisations=organisations />
            </Show>
            <section class="dashboard-part export-part" aria-labelledby="dashboard-export">
            <h3 id="dashboard-export">{i18n.t("dashboard-export")}</h3>
            <p class="button-row">
                <button
                    type="button"
                    class="secondary export-csv"
                    on:click=move |_| download(api::export_path(event, "csv"), format!("baodao-event-{event}.csv"))
                >
                    {i18n.t("dashboard-export_records")}
                </button>
                <button
                    type="button"
                    class="secondary export-xlsx"
                    on:click=move |_| download(api::export_path(event, "xlsx"), format!("baodao-event-{event}.xlsx"))
                >
                    {i18n.t("dashboard-export_records_xlsx")}
                </button>
            </p>
            <p class="button-row">
                <button
                    type="button"
                    class="secondary export-hours"
                    on:click=move |_| download(api::hours_path(event, "csv"), format!("baodao-hours-{event}.csv"))
                >
                    {i18n.t("dashboard-export_hours")}
                </button>
                <button
                    type="button"
                    class="secondary export-hours-xlsx"
                    on:click=move |_| download(api::hours_path(event, "xlsx"), format!("baodao-hours-{event}.xlsx"))
                >
                    {i18n.t("dashboard-export_hours_xlsx")}
                </button>
            </p>
            {move || export_error.get().map(|e| view! { <ErrorPanel error=e /> })}
            </section>
        </section>
    }
}

#[component]
fn Totals(counts: Counts) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="totals">
            <div data-total="checked_in">
                <dt>{i18n.t("dashboard-checked_in")}</dt>
                <dd>{counts.checked_in}</dd>
            </div>
            <div data-total="present">
                <dt>{i18n.t("dashboard-present")}</dt>
                <dd>{counts.present}</dd>
            </div>
            <div data-total="checked_out">
                <dt>{i18n.t("dashboard-checked_out")}</dt>
                <dd>{counts.checked_out}</dd>
            </div>
        </dl>
    }
}

/// Whether `text` (already normalised) finds `name`.
fn finds(text: &str, name: &str) -> bool {
    text.is_empty() || normalise_query(name).contains(text)
}

/// The venues' rows in the order shown. Sorted by name: each main venue
/// followed by its sub-venues, both in name order. Sorted by a number: one
/// list of all venues, so the busiest (or emptiest) anywhere come first;
/// a sub-venue then names its main venue.
fn venue_rows(venues: &[VenueCounts], sort: Sort, query: &str) -> Vec<VenueLine> {
    let main_name = |id| venues.iter().find(|m| m.id == id).map(|m| m.name.clone());
    let matching: Vec<VenueLine> = venues
        .iter()
        .map(|v| VenueLine {
            main: v.parent.and_then(main_name),
            venue: v.clone(),
            grouped: false,
        })
        .filter(|l| {
            finds(query, &l.venue.name) || l.main.as_deref().is_some_and(|m| finds(query, m))
        })
        .collect();
    let by = |a: &VenueLine, b: &VenueLine| {
        sort.compare(
            &a.venue.name,
            &a.venue.counts,
            &b.venue.name,
            &b.venue.counts,
        )
    };
    if sort.key != SortKey::Name {
        let mut flat = matching;
        flat.sort_by(by);
        return flat;
    }
    let (mut mains, mut subs): (Vec<_>, Vec<_>) =
        matching.into_iter().partition(|l| l.venue.parent.is_none());
    mains.sort_by(by);
    subs.sort_by(by);
    let mut out = Vec::with_capacity(mains.len() + subs.len());
    for main in mains {
        let id = main.venue.id;
        out.push(main);
        out.extend(
            subs.iter()
                .filter(|s| s.venue.parent == Some(id))
                .cloned()
                .map(|mut s| {
                    s.grouped = true;
                    s
                }),
        );
    }
    // Sub-venues found while their main venue was not.
    let placed: Vec<_> = out.iter().map(|l| l.venue.id).collect();
    out.extend(subs.into_iter().filter(|s| !placed.contains(&s.venue.id)));
    out
}

/// One row of the venues' table.
#[derive(Debug, Clone, PartialEq)]
struct VenueLine {
    venue: VenueCounts,
    /// The main venue's name, for a sub-venue.
    main: Option<String>,
    /// Shown right under its main venue (so its name says enough).
    grouped: bool,
}

#[component]
fn CountCells(counts: Counts) -> impl IntoView {
    view! {
        <td class="num">{counts.checked_in}</td>
        <td class="num">{counts.present}</td>
        <td class="num">{counts.checked_out}</td>
    }
}

/// The three count columns' sortable headers.
#[component]
fn CountHeaders(sort: RwSignal<Sort>) -> impl IntoView {
    view! {
        <SortHeader sort=sort key=SortKey::CheckedIn label="dashboard-checked_in" />
        <SortHeader sort=sort key=SortKey::Present label="dashboard-present" />
        <SortHeader sort=sort key=SortKey::CheckedOut label="dashboard-checked_out" />
    }
}

#[component]
fn VenueTable(venues: Memo<Vec<VenueCounts>>) -> impl IntoView {
    let i18n = use_i18n();
    let sort = RwSignal::new(Sort::new(SortKey::Name));
    let query = RwSignal::new(String::new());
    let rows = Memo::new(move |_| {
        let q = normalise_query(&query.get());
        venues.with(|v| venue_rows(v, sort.get(), &q))
    });
    let shown = move || {
        let (shown, count) = (rows.with(Vec::len), venues.with(Vec::len));
        i18n.lang.get().format(
            "dashboard-venue_shown",
            &[("shown", &shown.to_string()), ("count", &count.to_string())],
        )
    };
    view! {
        <section class="dashboard-part venue-part" aria-labelledby="dashboard-by-venue">
            <h3 id="dashboard-by-venue">{i18n.t("dashboard-by_venue")}</h3>
            <label for="venue-filter">{i18n.t("dashboard-venue_filter")}</label>
            <input id="venue-filter" type="search" bind:value=query />
            <p class="hint venue-shown" role="status" data-shown=move || rows.with(Vec::len)>{shown}</p>
            <WideTable label="dashboard-by_venue">
                <table class="counts-table venue-counts">
                    <thead>
                        <tr>
                            <SortHeader sort=sort key=SortKey::Name label="dashboard-venue" />
                            <CountHeaders sort=sort />
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || rows.get()
                            key=|l| (l.venue.id, l.grouped, l.venue.counts, l.main.clone(), l.venue.name.clone())
                            let(l)
                        >
                            <tr data-venue=l.venue.id.0 class:sub=l.grouped class:main=l.venue.parent.is_none()>
                                <th scope="row">
                                    {l.venue.name.clone()}
                                    {(!l.grouped)
                                        .then_some(l.main.clone())
                                        .flatten()
                                        .map(|m| view! { <span class="hint main-venue">" · " {m}</span> })}
                                </th>
                                <CountCells counts=l.venue.counts />
                            </tr>
                        </For>
                    </tbody>
                </table>
            </WideTable>
        </section>
    }
}

/// Organisations with anyone checked in, busiest first, with a filter (an
/// event has about 185).
#[component]
fn OrganisationTable(organisations: Memo<Vec<OrganisationCounts>>) -> impl IntoView {
    let i18n = use_i18n();
    let filter = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::new(SortKey::CheckedIn));
    let rows = Memo::new(move |_| {
        let f = normalise_query(&filter.get());
        let sort = sort.get();
        let mut list: Vec<OrganisationCounts> =
            organisations.with(|o| o.iter().filter(|o| finds(&f, &o.name)).cloned().collect());
        list.sort_by(|a, b| sort.compare(&a.name, &a.counts, &b.name, &b.counts));
        list
    });
    view! {
        <section class="dashboard-part organisation-part" aria-labelledby="dashboard-by-organisation">
            <h3 id="dashboard-by-organisation">{i18n.t("dashboard-by_organisation")}</h3>
            <label for="organisation-filter">{i18n.t("dashboard-organisation_filter")}</label>
            <input id="organisation-filter" type="search" bind:value=filter />
            <WideTable label="dashboard-by_organisation">
                <table class="counts-table organisation-counts">
                    <thead>
                        <tr>
                            <SortHeader sort=sort key=SortKey::Name label="dashboard-organisation" />
                            <CountHeaders sort=sort />
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|o| (o.name.clone(), o.counts, o.unlisted) let(o)>
                            <tr data-organisation=o.name.clone() data-unlisted=o.unlisted.then_some("true")>
                                <th scope="row">
                                    {o.name.clone()}
                                    {o.unlisted
                                        .then(|| {
                                            view! {
                                                " "
                                                <span class="hint unlisted-mark">
                                                    {i18n.t("dashboard-unlisted")}
                                                </span>
                                            }
                                        })}
                                </th>
                                <CountCells counts=o.counts />
                            </tr>
                        </For>
                    </tbody>
                </table>
            </WideTable>
        </section>
    }
}
