use crate::components::privacy_notice::PrivacyNotice;
use crate::event_cache;
use crate::i18n::use_i18n;
use crate::outbox;
use crate::profile::{self, ForgetRefused};
use crate::sync::use_sync_status;
use baodao_core::volunteer::mask_mobile;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where "forget me on this phone" stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Forgetting {
    Idle,
    /// Asked "are you sure?", with what will be removed.
    Confirming,
    /// Refused: records still wait for the server.
    Refused,
    Failed,
    Done,
}

/// The home screen's "my details": who this phone checks in as (mobile
/// masked), the personal-information notice to read again, and "forget me
/// on this phone", which refuses while records wait for the server.
#[component]
pub fn MyDetails() -> impl IntoView {
    let i18n = use_i18n();
    let status = use_sync_status();
    let volunteer = RwSignal::new(profile::load());
    let forgetting = RwSignal::new(Forgetting::Idle);
    // How many records storage said were pending when "forget me" was refused.
    let refused_count = RwSignal::new(0usize);
    // The period of the event of the latest record, else of any cached event.
    let retention_days = {
        let latest_event = status
            .records
            .with_untracked(|r| r.last().map(|r| r.checkin.event));
        let events = event_cache::all_cached();
        latest_event
            .and_then(|id| events.iter().find(|e| e.id == id))
            .or(events.first())
            .and_then(|e| e.retention_days)
    };

    // Decided from storage, not from the list on screen: that list may not
    // be loaded yet right after the page opens.
    let ask = move |_| {
        spawn_local(async move {
            let pending = outbox::pending_count()
                .await
                .unwrap_or_else(|_| status.pending_count());
            refused_count.set(pending);
            forgetting.set(if pending > 0 {
                Forgetting::Refused
            } else {
                Forgetting::Confirming
            });
        });
    };
    let confirm = move |_| {
        spawn_local(async move {
            forgetting.set(match profile::forget(&status).await {
                Ok(()) => {
                    volunteer.set(None);
                    Forgetting::Done
                }
                Err(ForgetRefused::Unsynced(n)) => {
                    refused_count.set(n);
                    Forgetting::Refused
                }
                Err(ForgetRefused::Storage) => Forgetting::Failed,
            });
        });
    };
    let record_count = move || status.records.with(Vec::len).to_string();
    // The live count once the list is loaded, else what storage said.
    let pending = move || {
        if status.records.with(Vec::is_empty) {
            refused_count.get().to_string()
        } else {
            status.pending_count().to_string()
        }
    };
    // A refusal means records exist: an empty list is one not loaded yet,
    // so "all synced now" needs a loaded list with nothing pending.
    let still_unsynced = move || status.records.with(Vec::is_empty) || status.pending_count() > 0;

    view! {
        {move || {
            volunteer
                .get()
                .map(|v| {
                    view! {
                        <section class="card my-details" aria-labelledby="my-details-title">
                            <h2 id="my-details-title">{i18n.t("details-title")}</h2>
                            <dl class="details-list">
                                <dt>{i18n.t("profile-name")}</dt>
                                <dd class="details-name">{v.name.clone()}</dd>
                                <dt>{i18n.t("profile-mobile")}</dt>
                                <dd class="details-mobile">{mask_mobile(&v.mobile)}</dd>
                                <dt>{i18n.t("profile-organisation")}</dt>
                                <dd class="details-organisation">{v.organisation.clone()}</dd>
                            </dl>
                            <p class="hint">{i18n.t("details-edit_hint")}</p>
                            {move || match forgetting.get() {
                                Forgetting::Idle | Forgetting::Done => {
                                    view! {
                                        <button type="button" class="secondary forget-me" on:click=ask>
                                            {i18n.t("forget-button")}
                                        </button>
                                    }
                                        .into_any()
                                }
                                Forgetting::Confirming => {
                                    view! {
                                        <div class="forget-confirm" role="alertdialog" aria-labelledby="forget-question">
                                            <p id="forget-question">
                                                {move || {
                                                    i18n.lang
                                                        .get()
                                                        .format("forget-confirm", &[("count", &record_count())])
                                                }}
                                            </p>
                                            <button type="button" class="primary forget-yes" on:click=confirm>
                                                {i18n.t("forget-yes")}
                                            </button>
                                            <button
                                                type="button"
                                                class="secondary forget-no"
                                                on:click=move |_| forgetting.set(Forgetting::Idle)
                                            >
                                                {i18n.t("forget-no")}
                                            </button>
                                        </div>
                                    }
                                        .into_any()
                                }
                                Forgetting::Refused => {
                                    view! {
                                        <div class="error-panel forget-refused" role="alert">
                                            <Show
                                                when=still_unsynced
                                                fallback=move || {
                                                    view! {
                                                        <p>{i18n.t("forget-now_synced")}</p>
                                                        <button type="button" class="secondary forget-me" on:click=ask>
                                                            {i18n.t("forget-button")}
                                                        </button>
                                                    }
                                                }
                                            >
                                                <p>
                                                    {move || {
                                                        i18n.lang
                                                            .get()
                                                            .format("forget-refused", &[("count", &pending())])
                                                    }}
                                                </p>
                                                <button
                                                    type="button"
                                                    class="secondary sync-now"
                                                    on:click=move |_| status.sync_soon()
                                                >
                                                    {i18n.t("sync-now")}
                                                </button>
                                            </Show>
                                        </div>
                                    }
                                        .into_any()
                                }
                                Forgetting::Failed => {
                                    view! {
                                        <div class="error-panel forget-failed" role="alert">
                                            <p>{i18n.t("forget-failed")}</p>
                                            <button type="button" class="secondary forget-me" on:click=ask>
                                                {i18n.t("forget-button")}
                                            </button>
                                        </div>
                                    }
                                        .into_any()
                                }
                            }}
                        </section>
                    }
                })
        }}
        <Show when=move || forgetting.get() == Forgetting::Done>
            <p class="card forget-done" role="status">{i18n.t("forget-done")}</p>
        </Show>
        <details class="card privacy-review">
            <summary>{i18n.t("privacy-review")}</summary>
            <PrivacyNotice retention_days=retention_days />
        </details>
    }
}
