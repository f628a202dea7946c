use crate::components::delivery_badge::DeliveryBadge;
use crate::i18n::use_i18n;
use crate::outbox::OutboxRecord;
use crate::sync::use_sync_status;
use crate::time_format::date_clock;
use baodao_core::CheckKind;
use leptos::prelude::*;

/// The volunteer's own records on this phone, newest first, each with its
/// delivery state.
#[component]
pub fn RecordList() -> impl IntoView {
    let i18n = use_i18n();
    let status = use_sync_status();
    let newest_first = move || {
        let mut r = status.records.get();
        r.reverse();
        r
    };
    view! {
        <section class="records" aria-labelledby="records-title">
            <h2 id="records-title">{i18n.t("checkin.history")}</h2>
            <Show
                when=move || status.records.with(|r| !r.is_empty())
                fallback=move || view! { <p class="hint">{i18n.t("checkin.none")}</p> }
            >
                <ul class="record-list">
                    <For
                        each=newest_first
                        key=|r: &OutboxRecord| (r.checkin.id, format!("{:?}", r.delivery))
                        children=move |r: OutboxRecord| {
                            let kind_key = match r.checkin.kind {
                                CheckKind::In => "checkin.done",
                                CheckKind::Out => "checkout.done",
                            };
                            let time = r.checkin.device_time_ms;
                            view! {
                                <li class="record" data-id=r.checkin.id.to_string()>
                                    <div class="record-main">
                                        <span class="record-venue">{r.venue_name.clone()}</span>
                                        <span class="record-kind">{i18n.t(kind_key)}</span>
                                    </div>
                                    <div class="record-meta">
                                        <time>{move || date_clock(time, i18n.lang.get())}</time>
                                        <DeliveryBadge delivery=r.delivery.clone() />
                                    </div>
                                </li>
                            }
                        }
                    />
                </ul>
            </Show>
        </section>
    }
}
