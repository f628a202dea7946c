//! The dashboard's alerts, above everything else: venues where no one has
//! checked in, leads who never signed in, check-ins waiting for review and
//! people still present after closing. Each says how many, and opens to
//! the list (with the venue's lead page, where review and "check out
//! everyone" are).

use crate::console::api::VenueCounts;
use crate::i18n::use_i18n;
use baodao_core::dashboard::{Alerts, VenueTally};
use baodao_core::VenueId;
use leptos::prelude::*;

/// A venue as an alert names it: a sub-venue with its main venue.
fn venue_label(venues: &[VenueCounts], id: VenueId) -> String {
    let name = |id| venues.iter().find(|v| v.id == id);
    match name(id) {
        Some(v) => match v.parent.and_then(name) {
            Some(main) => format!("{} · {}", main.name, v.name),
            None => v.name.clone(),
        },
        None => format!("#{id}"),
    }
}

#[component]
pub fn AlertList(alerts: Memo<Alerts>, venues: Memo<Vec<VenueCounts>>) -> impl IntoView {
    let i18n = use_i18n();
    let list = move || {
        let a = alerts.get();
        if a.is_empty() {
            return view! { <p class="ok-note alerts-none">{i18n.t("dashboard-alerts_none")}</p> }
                .into_any();
        }
        let label = move |id| venues.with(|v| venue_label(v, id));
        let tallies = move |tallies: Vec<VenueTally>, item: &'static str| {
            tallies
                .into_iter()
                .map(|t| {
                    let name = label(t.venue);
                    let count = t.count.to_string();
                    let text = move || {
                        i18n.lang
                            .get()
                            .format(item, &[("venue", &name), ("count", &count)])
                    };
                    view! {
                        <li data-venue=t.venue.0>
                            <a href=format!("/lead/{}", t.venue)>{text}</a>
                        </li>
                    }
                })
                .collect_view()
        };
        let no_check_ins = a.no_check_ins.len();
        let not_signed_in = a.leads_not_signed_in.len();
        let pending: u32 = a.pending_review.iter().map(|t| t.count).sum();
        let after_closing = a.present_after_closing.len();
        view! {
            <ul class="alert-list">
                {(pending > 0)
                    .then(|| {
                        view! {
                            <Alert kind="pending_review" count=pending as usize message="dashboard-alert_pending_review">
                                {tallies(a.pending_review.clone(), "dashboard-alert_venue_records")}
                            </Alert>
                        }
                    })}
                {(after_closing > 0)
                    .then(|| {
                        view! {
                            <Alert
                                kind="present_after_closing"
                                count=after_closing
                                message="dashboard-alert_present_after_closing"
                            >
                                {tallies(a.present_after_closing.clone(), "dashboard-alert_venue_people")}
                            </Alert>
                        }
                    })}
                {(not_signed_in > 0)
                    .then(|| {
                        let items = a
                            .leads_not_signed_in
                            .iter()
                            .map(|invite| {
                                let names: Vec<String> =
                                    invite.venues.iter().map(|v| label(*v)).collect();
                                let names = names.join("、");
                                let (id, label) = (invite.id.to_string(), invite.label.clone());
                                let text = move || {
                                    let lang = i18n.lang.get();
                                    let who = if label.is_empty() {
                                        lang.format("dashboard-alert_invite_unlabelled", &[("id", &id)])
                                    } else {
                                        label.clone()
                                    };
                                    lang.format(
                                        "dashboard-alert_invite",
                                        &[("label", &who), ("venues", &names)],
                                    )
                                };
                                view! { <li data-invite=invite.id>{text}</li> }
                            })
                            .collect_view();
                        view! {
                            <Alert
                                kind="leads_not_signed_in"
                                count=not_signed_in
                                message="dashboard-alert_leads_not_signed_in"
                            >
                                {items}
                            </Alert>
                        }
                    })}
                {(no_check_ins > 0)
                    .then(|| {
                        let items = a
                            .no_check_ins
                            .iter()
                            .map(|v| view! { <li data-venue=v.0>{label(*v)}</li> })
                            .collect_view();
                        view! {
                            <Alert kind="no_check_ins" count=no_check_ins message="dashboard-alert_no_check_ins">
                                {items}
                            </Alert>
                        }
                    })}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="alerts" aria-labelledby="alerts-title">
            <h3 id="alerts-title">{i18n.t("dashboard-alerts")}</h3>
            {list}
        </section>
    }
}

/// One alert: how many, and the list behind it.
#[component]
fn Alert(
    kind: &'static str,
    count: usize,
    message: &'static str,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let count_text = count.to_string();
    view! {
        <li class="alert" data-alert=kind data-count=count>
            <details>
                <summary>
                    {move || i18n.lang.get().format(message, &[("count", &count_text)])}
                </summary>
                <ul class="alert-items">{children()}</ul>
            </details>
        </li>
    }
}
