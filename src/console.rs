//! The console: the venue lead's roster, assisted check-in, review queue and
//! display screen (`/lead/…`), and the organiser's event set-up, dashboard,
//! invites and posters (`/organiser…`).
//!
//! It is a second trunk app (`console.html`, binary `baodao-console`, built
//! into `dist/console/` with public URL `/console/`; the server answers
//! `/lead/*` and `/organiser*` with its index.html). A volunteer's phone
//! never downloads it: the QR encoder, the display's signing code, the
//! roster and the dashboard stay out of the first screen's bundle
//! (`app.rs`). Both binaries link the same library and keep only what their
//! routes reach.

pub mod api;
pub mod client;
pub mod session;
pub mod sign_in;

use crate::api::ApiFailure;
use crate::components::lang_switch::LangSwitch;
use crate::components::update_prompt::UpdatePrompt;
use crate::elder_mode::ElderSwitch;
use crate::i18n::I18n;
use crate::outbox;
use crate::pages::lead::LeadDisplayPage;
use crate::pages::organiser::{OrganiserPage, PostersPage};
use crate::pages::venue_lead::{LeadHomePage, LeadPage, VenuePosterPage};
use crate::sync::{self, SyncStatus};
use baodao_core::sync::{SyncBatch, SyncResponse};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use sign_in::{ConsoleSession, SignIn, SignInGate};
use std::future::Future;
use std::pin::Pin;

/// Mounts the console on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    crate::i18n::add_console_texts(crate::i18n::CONSOLE_TEXTS);
    crate::i18n::add_english(baodao_locales::EN.widget);
    // A lead who reads large text on this phone gets it here too.
    crate::elder_mode::init();
    // Assisted check-ins: the phone's outbox and sync engine, in a database
    // of their own and sent with the lead's session.
    outbox::use_place(outbox::ASSISTED_OUTBOX);
    sync::use_transport(send_assisted);
    leptos::mount::mount_to_body(ConsoleApp);
}

fn send_assisted(
    batch: SyncBatch,
) -> Pin<Box<dyn Future<Output = Result<SyncResponse, ApiFailure>>>> {
    Box::pin(async move { api::sync_assisted(&batch).await })
}

#[component]
pub fn ConsoleApp() -> impl IntoView {
    let i18n = I18n::provide();
    let console = ConsoleSession::provide();
    // The assisted check-ins' outbox and sync: for the app's lifetime, as in
    // the volunteer app (a lead's records keep syncing on any console page).
    SyncStatus::provide();
    let signed_in = move || matches!(console.state.get(), SignIn::SignedIn(_));
    view! {
        <Router>
            <header class="app-bar">
                // The volunteer app is another bundle: a full page load.
                <a class="brand" href="/" rel="external">
                    <span class="brand-mark" aria-hidden="true">"报"</span>
                    <span>{i18n.t("app-title")}</span>
                </a>
                <div class="app-bar-tools">
                    <ElderSwitch />
                    <Show when=signed_in>
                        <button type="button" class="lang-switch sign-out" on:click=move |_| console.sign_out()>
                            {i18n.t("console-sign_out")}
                        </button>
                    </Show>
                    <LangSwitch />
                </div>
            </header>
            <UpdatePrompt />
            <main id="main" class="console">
                <SignInGate>
                    <Routes fallback=OrganiserPage>
                        <Route path=path!("/lead/:venue/display") view=LeadDisplayPage />
                        <Route path=path!("/lead/:venue/poster") view=VenuePosterPage />
                        <Route path=path!("/lead/:venue") view=LeadPage />
                        <Route path=path!("/lead") view=LeadHomePage />
                        <Route path=path!("/organiser/posters") view=PostersPage />
                        <Route path=path!("/organiser") view=OrganiserPage />
                    </Routes>
                </SignInGate>
            </main>
        </Router>
    }
}
