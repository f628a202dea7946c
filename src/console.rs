//! The console: the venue lead's roster and display screen (`/lead/…`) and
//! the organiser's overview (`/organiser`).
//!
//! It is a second trunk app (`console.html`, binary `baodao-console`, built
//! into `dist/console/` with public URL `/console/`; the server answers
//! `/lead/*` and `/organiser` with its index.html). A volunteer's phone never
//! downloads it: the QR encoder, the display's signing code and the roster
//! stay out of the first screen's bundle (`app.rs`). Both binaries link the
//! same library and keep only what their routes reach.

use crate::components::lang_switch::LangSwitch;
use crate::components::update_prompt::UpdatePrompt;
use crate::elder_mode::ElderSwitch;
use crate::i18n::I18n;
use crate::pages::lead::{LeadDisplayPage, LeadPage};
use crate::pages::organiser::OrganiserPage;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// Mounts the console on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    // A lead who reads large text on this phone gets it here too.
    crate::elder_mode::init();
    leptos::mount::mount_to_body(ConsoleApp);
}

#[component]
pub fn ConsoleApp() -> impl IntoView {
    let i18n = I18n::provide();
    view! {
        <Router>
            <header class="app-bar">
                // The volunteer app is another bundle: a full page load.
                <a class="brand" href="/" rel="external">
                    <span class="brand-mark" aria-hidden="true">"报"</span>
                    <span>{i18n.t("app.title")}</span>
                </a>
                <div class="app-bar-tools">
                    <ElderSwitch />
                    <LangSwitch />
                </div>
            </header>
            <UpdatePrompt />
            <main id="main">
                <Routes fallback=OrganiserPage>
                    <Route path=path!("/lead/:venue/display") view=LeadDisplayPage />
                    <Route path=path!("/lead/:venue") view=LeadPage />
                    <Route path=path!("/organiser") view=OrganiserPage />
                </Routes>
            </main>
        </Router>
    }
}
