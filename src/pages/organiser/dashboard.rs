//! The organiser's live dashboard: totals, per venue and per organisation,
//! check-ins over time, and the exports (CSV, and Excel workbooks).
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
use crate::pages::organiser::timeline_chart::TimelineChart;
use crate::user_error::UserError;
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
            {move || {
                dashboard
                    .get()
                    .map(|d| {
                        view! {
                            <Totals counts=d.totals />
                            <h3>{i18n.t("dashboard-over_time")}</h3>
                            <TimelineChart timeline=d.timeline.clone() />
                            <VenueTable venues=d.venues.clone() />
                            <OrganisationTable organisations=d.organisations.clone() />
                        }
                    })
            }}
            <h3>{i18n.t("dashboard-export")}</h3>
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

/// Main venues first, each followed by its sub-venues.
fn grouped(venues: Vec<VenueCounts>) -> Vec<(bool, VenueCounts)> {
    let (mains, subs): (Vec<_>, Vec<_>) = venues.into_iter().partition(|v| v.parent.is_none());
    let mut out = Vec::new();
    for main in mains {
        let id = main.id;
        out.push((false, main));
        out.extend(
            subs.iter()
                .filter(|s| s.parent == Some(id))
                .cloned()
                .map(|s| (true, s)),
        );
    }
    let placed: Vec<_> = out.iter().map(|(_, v)| v.id).collect();
    out.extend(
        subs.into_iter()
            .filter(|s| !placed.contains(&s.id))
            .map(|s| (true, s)),
    );
    out
}

#[component]
fn VenueTable(venues: Vec<VenueCounts>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h3>{i18n.t("dashboard-by_venue")}</h3>
        <WideTable label="dashboard-by_venue">
            <table class="counts-table venue-counts">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t("dashboard-venue")}</th>
                        <th scope="col" class="num">{i18n.t("dashboard-checked_in")}</th>
                        <th scope="col" class="num">{i18n.t("dashboard-present")}</th>
                        <th scope="col" class="num">{i18n.t("dashboard-checked_out")}</th>
                    </tr>
                </thead>
                <tbody>
                    {grouped(venues)
                        .into_iter()
                        .map(|(sub, v)| {
                            view! {
                                <tr data-venue=v.id.0 class:sub=sub>
                                    <th scope="row">{v.name}</th>
                                    <td class="num">{v.counts.checked_in}</td>
                                    <td class="num">{v.counts.present}</td>
                                    <td class="num">{v.counts.checked_out}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </WideTable>
    }
}

/// Organisations with anyone checked in, busiest first, with a filter (an
/// event has about 185).
#[component]
fn OrganisationTable(organisations: Vec<OrganisationCounts>) -> impl IntoView {
    let i18n = use_i18n();
    let filter = RwSignal::new(String::new());
    let mut organisations = organisations;
    organisations.sort_by(|a, b| {
        b.counts
            .checked_in
            .cmp(&a.counts.checked_in)
            .then(a.name.cmp(&b.name))
    });
    let rows = move || {
        let f = filter.get();
        let f = f.trim();
        organisations
            .iter()
            .filter(|o| f.is_empty() || o.name.contains(f))
            .map(|o| {
                let unlisted = o.unlisted;
                view! {
                    <tr data-organisation=o.name.clone() data-unlisted=unlisted.then_some("true")>
                        <th scope="row">
                            {o.name.clone()}
                            {unlisted
                                .then(|| {
                                    view! {
                                        " "
                                        <span class="hint unlisted-mark">
                                            {i18n.t("dashboard-unlisted")}
                                        </span>
                                    }
                                })}
                        </th>
                        <td class="num">{o.counts.checked_in}</td>
                        <td class="num">{o.counts.present}</td>
                        <td class="num">{o.counts.checked_out}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <h3>{i18n.t("dashboard-by_organisation")}</h3>
        <label for="organisation-filter">{i18n.t("dashboard-organisation_filter")}</label>
        <input id="organisation-filter" type="search" bind:value=filter />
        <WideTable label="dashboard-by_organisation">
            <table class="counts-table organisation-counts">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t("dashboard-organisation")}</th>
                        <th scope="col" class="num">{i18n.t("dashboard-checked_in")}</th>
                        <th scope="col" class="num">{i18n.t("dashboard-present")}</th>
                        <th scope="col" class="num">{i18n.t("dashboard-checked_out")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </WideTable>
    }
}
