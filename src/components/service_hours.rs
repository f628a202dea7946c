use crate::event_cache;
use crate::i18n::use_i18n;
use crate::service_hours::{format_duration, totals, visits};
use crate::sync::use_sync_status;
use crate::time_format::clock;
use leptos::prelude::*;

/// Total service hours per event on this phone, visits still open, and the
/// pairing rule in one sentence so that a surprising total explains itself.
#[component]
pub fn ServiceHours() -> impl IntoView {
    let i18n = use_i18n();
    let status = use_sync_status();
    let totals = Memo::new(move |_| status.records.with(|r| totals(r)));
    let open_visits = Memo::new(move |_| {
        status.records.with(|records| {
            visits(records)
                .into_iter()
                .filter(|v| v.in_progress())
                .filter_map(|v| {
                    let at = v.check_in?;
                    let venue = records
                        .iter()
                        .find(|r| r.checkin.id == at.id)
                        .map(|r| r.venue_name.clone())?;
                    Some((venue, at.at_ms))
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || !totals.with(Vec::is_empty)>
            <section class="card service-hours" aria-labelledby="hours-title">
                <h2 id="hours-title">{i18n.t("hours-title")}</h2>
                {move || {
                    totals
                        .get()
                        .into_iter()
                        .map(|(event, ms)| {
                            let name = event_cache::cached(event).map(|e| e.name);
                            view! {
                                <p class="hours-total" data-event=event.0 data-minutes=ms / 60_000>
                                    <span class="hours-event">
                                        {move || name.clone().unwrap_or_else(|| i18n.lang.get().text("hours-this_event"))}
                                    </span>
                                    " "
                                    <strong class="hours-value">{move || format_duration(ms, i18n.lang.get())}</strong>
                                </p>
                            }
                        })
                        .collect_view()
                }}
                {move || {
                    open_visits
                        .get()
                        .into_iter()
                        .map(|(venue, at)| {
                            view! {
                                <p class="hours-open">
                                    {move || {
                                        let lang = i18n.lang.get();
                                        lang.format("hours-open", &[("venue", &venue), ("time", &clock(at, lang))])
                                    }}
                                </p>
                            }
                        })
                        .collect_view()
                }}
                <p class="hint">{i18n.t("hours-rule")}</p>
            </section>
        </Show>
    }
}
