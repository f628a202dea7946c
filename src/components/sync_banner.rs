use crate::i18n::use_i18n;
use crate::sync::use_sync_status;
use leptos::prelude::*;

/// Offline and pending-upload notices, announced to screen readers.
#[component]
pub fn SyncBanner() -> impl IntoView {
    let i18n = use_i18n();
    let status = use_sync_status();
    let pending = move || status.pending_count();
    view! {
        <div class="sync-banner" role="status" aria-live="polite">
            <Show when=move || !status.reachable.get()>
                <p class="offline">{i18n.t("status.offline")}</p>
            </Show>
            <Show when=move || { pending() > 0 }>
                <p class="pending">
                    <span>
                        {move || {
                            i18n.lang.get().format("status.pending", &[("count", &pending().to_string())])
                        }}
                    </span>
                    <button type="button" class="link-button" on:click=move |_| status.sync_soon()>
                        {i18n.t("sync.now")}
                    </button>
                </p>
            </Show>
            <Show when=move || status.storage_error.get().is_some()>
                <p class="storage-error" role="alert">{i18n.t("error.storage")}</p>
            </Show>
        </div>
    }
}
