//! The live roster: who is at the venue now, who has left, counts, search.
//! Refreshes itself every few seconds and after the lead changes anything.

use super::proof::ProofLabel;
use crate::components::choice_button::ChoiceButton;
use crate::components::error_panel::ErrorPanel;
use crate::components::wide_table::WideTable;
use crate::console::api::{self, People, PeopleFilter, PersonStatus};
use crate::i18n::use_i18n;
use crate::time_format::clock;
use crate::user_error::UserError;
use baodao_core::VenueId;
use leptos::prelude::*;
use std::time::Duration;

const REFRESH: Duration = Duration::from_secs(10);

#[component]
pub fn LiveRoster(venue: VenueId, changes: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let filter = RwSignal::new(PeopleFilter::All);
    let tick = RwSignal::new(0u32);
    if let Ok(handle) = set_interval_with_handle(move || tick.update(|t| *t += 1), REFRESH) {
        on_cleanup(move || handle.clear());
    }
    // The last answer stays on screen while offline.
    let people = RwSignal::new(None::<People>);
    let error = RwSignal::new(None::<UserError>);
    let load = LocalResource::new(move || {
        tick.track();
        changes.track();
        let q = query.get();
        let f = filter.get();
        async move { api::people(venue, q.trim(), f).await }
    });
    Effect::new(move |_| {
        if let Some(answer) = load.get() {
            match answer {
                Ok(p) => {
                    people.set(Some(p));
                    error.set(None);
                }
                Err(f) => error.set(Some(f.into())),
            }
        }
    });

    let counts = move || people.with(|p| p.as_ref().map(|p| p.counts).unwrap_or_default());
    let filter_button = move |f: PeopleFilter, key: &'static str| {
        view! { <ChoiceButton chosen=filter value=f class="secondary filter" name=f.as_str() label=key /> }
    };
    view! {
        <section class="card live-roster" aria-labelledby="roster-title">
            <h2 id="roster-title">{i18n.t("roster-title")}</h2>
            <dl class="totals roster-counts">
                <div data-total="present">
                    <dt>{i18n.t("roster-present")}</dt>
                    <dd>{move || counts().present}</dd>
                </div>
                <div data-total="left">
                    <dt>{i18n.t("roster-left")}</dt>
                    <dd>{move || counts().left}</dd>
                </div>
                <div data-total="total">
                    <dt>{i18n.t("roster-total")}</dt>
                    <dd>{move || counts().total}</dd>
                </div>
            </dl>
            <label for="roster-search">{i18n.t("roster-search")}</label>
            <input id="roster-search" type="search" placeholder=i18n.t("roster-search_hint") bind:value=query />
            <div class="button-row" role="group" aria-label=i18n.t("roster-show")>
                {filter_button(PeopleFilter::All, "roster-all")}
                {filter_button(PeopleFilter::Present, "roster-present")}
                {filter_button(PeopleFilter::Left, "roster-left")}
            </div>
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
            {move || {
                people
                    .get()
                    .map(|p| {
                        if p.people.is_empty() {
                            // Someone is here, but not whom the search or filter asks for.
                            let key = if p.counts.total > 0 { "roster-no_match" } else { "lead-empty" };
                            return view! { <p class="hint roster-empty" data-empty=key>{i18n.t(key)}</p> }.into_any();
                        }
                        view! {
                            <WideTable label="roster-table">
                                <table class="roster people">
                                    <thead>
                                        <tr>
                                            <th scope="col">{i18n.t("lead-name")}</th>
                                            <th scope="col">{i18n.t("lead-organisation")}</th>
                                            <th scope="col">{i18n.t("roster-status")}</th>
                                            <th scope="col">{i18n.t("lead-time")}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {p.people
                                            .into_iter()
                                            .map(|person| {
                                                let present = person.status == PersonStatus::Present;
                                                let status_key = if present { "roster-is_present" } else { "roster-has_left" };
                                                let last = person.last_ms;
                                                view! {
                                                    <tr data-status=person.status.as_str() data-name=person.name.clone()>
                                                        <td class="name">
                                                            {person.name.clone()}
                                                            <small>{person.mobile_masked.clone()}</small>
                                                            {person.proof.map(|p| view! { <ProofLabel proof=p /> })}
                                                            {person.flagged.then(|| view! { <small class="flag">{i18n.t("lead-flagged")}</small> })}
                                                        </td>
                                                        <td>{person.organisation.clone()}</td>
                                                        <td>{i18n.t(status_key)}</td>
                                                        <td>{move || clock(last, i18n.lang.get())}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </WideTable>
                        }
                        .into_any()
                    })
            }}
        </section>
    }
}
