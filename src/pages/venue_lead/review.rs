//! The review queue: check-ins the server stored but flagged (a typed short
//! code, a screen code far from the phone's time…). The lead accepts them or
//! rejects them with a note; a rejected record stays stored but counts for
//! nothing.

use super::proof::ProofLabel;
use crate::components::error_panel::ErrorPanel;
use crate::components::loaded::Loaded;
use crate::console::api;
use crate::i18n::use_i18n;
use crate::time_format::date_clock;
use crate::user_error::UserError;
use baodao_core::event::RosterEntry;
use baodao_core::{CheckKind, VenueId};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ReviewQueue(venue: VenueId, changes: RwSignal<u32>, changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let queue = LocalResource::new(move || {
        changes.track();
        async move { api::review_queue(venue).await.map_err(UserError::from) }
    });
    view! {
        <section class="card review" aria-labelledby="review-title">
            <h2 id="review-title">{i18n.t("review-title")}</h2>
            <Loaded
                answer=queue
                ok={move |list: Vec<RosterEntry>| {
                    if list.is_empty() {
                        return view! { <p class="hint review-empty">{i18n.t("review-empty")}</p> }.into_any();
                    }
                    view! {
                        <ul class="edit-list review-list">
                            {list.into_iter().map(|e| view! { <ReviewItem entry=e changed=changed /> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            />
        </section>
    }
}

#[component]
fn ReviewItem(entry: RosterEntry, changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let id = entry.id;
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<UserError>);
    let decide = move |accept: bool| {
        let n = note.get_untracked().trim().to_string();
        if !accept && n.is_empty() {
            error.set(Some(UserError::Other("note_required".into())));
            return;
        }
        spawn_local(async move {
            match api::review(id, accept, &n).await {
                Ok(_) => {
                    error.set(None);
                    changed.run(());
                }
                Err(f) => error.set(Some(f.into())),
            }
        });
    };
    let flag = entry.flag.clone().unwrap_or_default();
    let reason = UserError::from_code(&flag);
    let kind_key = match entry.kind {
        CheckKind::In => "checkin-done",
        CheckKind::Out => "checkout-done",
    };
    let time = entry.device_time_ms;
    let field = format!("review-note-{id}");
    view! {
        <li class="review-item" data-id=id.to_string() data-flag=flag>
            <p>
                <strong>{entry.name.clone()}</strong>
                " "
                <span class="hint">{entry.mobile_masked.clone()} " · " {entry.organisation.clone()}</span>
            </p>
            <p class="hint">
                {i18n.t(kind_key)} " · " {move || date_clock(time, i18n.lang.get())}
                {entry.proof.map(|p| view! { " · " <ProofLabel proof=p /> })}
            </p>
            <p class="flag-reason">{move || reason.message(i18n.lang.get())}</p>
            <label for=field.clone()>{i18n.t("review-note")}</label>
            <input id=field maxlength="500" bind:value=note />
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
            <p class="button-row">
                <button type="button" class="secondary review-accept" on:click=move |_| decide(true)>{i18n.t("review-accept")}</button>
                <button type="button" class="secondary review-reject" on:click=move |_| decide(false)>{i18n.t("review-reject")}</button>
            </p>
        </li>
    }
}
