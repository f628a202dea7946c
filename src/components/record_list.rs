use crate::components::delivery_badge::DeliveryBadge;
use crate::i18n::use_i18n;
use crate::outbox::OutboxRecord;
use crate::service_hours::{format_duration, visits};
use crate::sync::use_sync_status;
use crate::time_format::{corrected_ms, date_clock};
use baodao_core::CheckKind;
use leptos::prelude::*;

/// The volunteer's own records on this phone, newest first, each with its
/// delivery state, and the hours of the visit each check-out closed.
#[component]
pub fn RecordList() -> impl IntoView {
    let i18n = use_i18n();
    let status = use_sync_status();
    let newest_first = move || {
        let mut r = status.records.get();
        r.reverse();
        r
    };
    // Hours of each closed visit, by its check-out's id: one pairing per
    // change of the records, not one per row. A list (a phone has tens of
    // visits) keeps hash table code out of the first-screen download.
    let hours_by_checkout = Memo::new(move |_| {
        status.records.with(|r| {
            visits(r)
                .into_iter()
                .filter_map(|v| Some((v.check_out?.id, v.check_in.map(|_| v.duration_ms()))))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="records" aria-labelledby="records-title">
            <h2 id="records-title">{i18n.t("checkin-history")}</h2>
            <Show
                when=move || status.records.with(|r| !r.is_empty())
                fallback=move || view! { <p class="hint">{i18n.t("checkin-none")}</p> }
            >
                <ul class="record-list">
                    // Rebuilt whole when the records change: a phone holds
                    // tens of records, and the keyed `<For>` would add
                    // diffing code to the first-screen download.
                    {move || newest_first().into_iter().map(move |r: OutboxRecord| {
                            let kind_key = match r.checkin.kind {
                                CheckKind::In => "checkin-done",
                                CheckKind::Out => "checkout-done",
                            };
                            // The phone's clock corrected by the offset learnt at sync.
                            let time = corrected_ms(r.checkin.device_time_ms);
                            let id = r.checkin.id;
                            let hours = move || {
                                let lang = i18n.lang.get();
                                hours_by_checkout
                                    .with(|h| h.iter().find(|(checkout, _)| *checkout == id).map(|(_, ms)| *ms))
                                    .map(|ms| match ms {
                                        Some(ms) => lang.format("hours-visit", &[("duration", &format_duration(ms, lang))]),
                                        None => lang.text("hours-no_checkin"),
                                    })
                            };
                            view! {
                                <li class="record" data-id=r.checkin.id.to_string()>
                                    <div class="record-main">
                                        <span class="record-venue">{r.venue_name.clone()}</span>
                                        <span class="record-kind">{i18n.t(kind_key)}</span>
                                    </div>
                                    {move || hours().map(|h| view! { <p class="record-hours">{h}</p> })}
                                    <div class="record-meta">
                                        <time>{move || date_clock(time, i18n.lang.get())}</time>
                                        <DeliveryBadge delivery=r.delivery.clone() />
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}
