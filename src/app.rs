//! The volunteer app's shell: header, sync banner, and routes. The lead and
//! organiser screens are another bundle ([`crate::console`]).

use crate::components::lang_switch::LangSwitch;
use crate::components::sync_banner::SyncBanner;
use crate::components::update_prompt::UpdatePrompt;
use crate::elder_mode::ElderSwitch;
use crate::i18n::I18n;
use crate::pages::checkin::{CheckInPage, ShortCodePage};
use crate::pages::home::HomePage;
use crate::pages::scan::ScanPage;
use crate::sync::SyncStatus;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::provide();
    let sync = SyncStatus::provide();
    view! {
        <Router>
            <header class="app-bar">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"报"</span>
                    <span>{i18n.t("app.title")}</span>
                </a>
                <div class="app-bar-tools">
                    <ElderSwitch />
                    <LangSwitch />
                </div>
            </header>
            <SyncBanner />
            <UpdatePrompt on_sync=Callback::new(move |()| sync.sync_soon()) />
            <main id="main">
                <Routes fallback=HomePage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/c") view=CheckInPage />
                    <Route path=path!("/code") view=ShortCodePage />
                    <Route path=path!("/scan") view=ScanPage />
                </Routes>
            </main>
        </Router>
    }
}
