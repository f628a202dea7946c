use crate::i18n::use_i18n;
use crate::outbox::Delivery;
use crate::sync::use_sync_status;
use crate::user_error::UserError;
use leptos::prelude::*;

/// Where one record stands: on the phone, syncing, synced, flagged, rejected.
#[component]
pub fn DeliveryBadge(delivery: Delivery) -> impl IntoView {
    let i18n = use_i18n();
    let status = use_sync_status();
    let state = Memo::new(move |_| match &delivery {
        Delivery::Pending if status.syncing.get() => {
            ("syncing", i18n.lang.get().text("status-syncing"))
        }
        Delivery::Pending => ("saved", i18n.lang.get().text("status-saved")),
        Delivery::Synced => ("synced", i18n.lang.get().text("status-synced")),
        Delivery::Flagged(_) => ("flagged", i18n.lang.get().text("status-flagged")),
        Delivery::Rejected(reason) => {
            let lang = i18n.lang.get();
            let why = UserError::from_code(reason).message(lang);
            (
                "rejected",
                lang.format("status-rejected", &[("reason", &why)]),
            )
        }
    });
    view! {
        <span class="delivery" data-state=move || state.get().0>
            {move || state.get().1}
        </span>
    }
}
