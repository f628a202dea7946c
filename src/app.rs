//! The volunteer app's shell: header, sync banner, and routes. The lead and
//! organiser screens are another bundle ([`crate::console`]).

use crate::components::lang_switch::LangSwitch;
use crate::components::sync_banner::SyncBanner;
use crate::components::update_prompt::UpdatePrompt;
use crate::elder_mode::ElderSwitch;
use crate::i18n::I18n;
use crate::navigation::Location;
use crate::pages::checkin::{CheckInPage, ShortCodePage};
use crate::pages::home::HomePage;
use crate::pages::scan::ScanPage;
use crate::sync::SyncStatus;
use leptos::prelude::*;

/// The volunteer app's screens, by path ([`crate::navigation`]).
#[derive(Clone, Copy, PartialEq)]
enum Screen {
    Home,
    CheckIn,
    ShortCode,
    Scan,
}

impl Screen {
    fn at(path: &str) -> Screen {
        match path.trim_end_matches('/') {
            "/c" => Screen::CheckIn,
            "/code" => Screen::ShortCode,
            "/scan" => Screen::Scan,
            _ => Screen::Home,
        }
    }

    /// The screen's name in the page title ([`crate::page_title`]): its
    /// heading's text where it has a fixed one.
    fn title_key(self) -> &'static str {
        match self {
            Screen::Home => "app-tagline",
            Screen::CheckIn => "checkin-button",
            Screen::ShortCode => "shortcode-title",
            Screen::Scan => "scan-title",
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::provide();
    let sync = SyncStatus::provide();
    let location = Location::provide();
    // Re-rendered when the screen changes, not when the fragment does.
    let screen = Memo::new(move |_| Screen::at(&location.path.get()));
    crate::page_title::show(move |lang| lang.text(screen.get().title_key()));
    view! {
            <header class="app-bar">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"报"</span>
                    <span>{i18n.t("app-title")}</span>
                </a>
                <div class="app-bar-tools">
                    <ElderSwitch />
                    <LangSwitch />
                </div>
            </header>
            <SyncBanner />
            <UpdatePrompt on_sync=Callback::new(move |()| sync.sync_soon()) />
            <main id="main">
                {move || match screen.get() {
                    Screen::Home => view! { <HomePage /> }.into_any(),
                    Screen::CheckIn => view! { <CheckInPage /> }.into_any(),
                    Screen::ShortCode => view! { <ShortCodePage /> }.into_any(),
                    Screen::Scan => view! { <ScanPage /> }.into_any(),
                }}
            </main>
    }
}
