use crate::components::my_details::MyDetails;
use crate::components::record_list::RecordList;
use crate::components::service_hours::ServiceHours;
use crate::i18n::use_i18n;
use leptos::prelude::*;

/// Opened without a venue code: how to check in, my service hours, my
/// details (and "forget me"), the personal-information notice, my records.
#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card">
            <h1>{i18n.t("app-tagline")}</h1>
            <a class="primary big scan-link" href="/scan">{i18n.t("home-scan_button")}</a>
            <p class="hint">{i18n.t("home-scan_hint")}</p>
            <a class="secondary short-code-link" href="/code">{i18n.t("home-type_code")}</a>
        </section>
        <ServiceHours />
        <RecordList />
        <MyDetails />
    }
}
