use crate::i18n::use_i18n;
use crate::sync::use_sync_status;
use crate::time_format::date_clock;
use leptos::prelude::*;

/// Offline and pending-upload notices, announced to screen readers: how many
/// records wait, when the phone last synced, "sync now", and the warnings
/// that matter while records exist only on this phone.
#[component]
pub fn SyncBanner() -> impl IntoView {
    let i18n = use_i18n();
    let status = use_sync_status();
    let pending = move || status.pending_count();
    let last_sync = move || {
        status.last_synced_ms.get().map(|ms| {
            let lang = i18n.lang.get();
            lang.format("status-last_sync", &[("time", &date_clock(ms, lang))])
        })
    };
    view! {
        <div class="sync-banner" role="status" aria-live="polite">
            <Show when=move || !status.reachable.get()>
                <p class="offline">{i18n.t("status-offline")}</p>
            </Show>
            <Show when=move || { pending() > 0 }>
                <p class="pending" data-count=move || pending().to_string()>
                    <span>
                        {move || {
                            i18n.lang.get().format("status-pending", &[("count", &pending().to_string())])
                        }}
                    </span>
                    <button type="button" class="link-button sync-now" on:click=move |_| status.sync_soon()>
                        {i18n.t("sync-now")}
                    </button>
                </p>
                <p class="cache-warning">{i18n.t("status-cache_warning")}</p>
            </Show>
            <Show when=move || status.storage_degraded.get()>
                <p class="storage-fallback" role="alert">{i18n.t("status-fallback")}</p>
            </Show>
            <Show when=move || status.storage_error.get().is_some()>
                <p class="storage-error" role="alert">{i18n.t("error-storage")}</p>
            </Show>
            <Show when=move || last_sync().is_some()>
                <p class="last-sync" data-ms=move || status.last_synced_ms.get().map(|m| m.to_string())>
                    {last_sync}
                </p>
            </Show>
        </div>
    }
}
