//! The organiser's console (`/organiser`): the event's live dashboard, its
//! settings, venues and organisations (CSV import, editing), lead invites
//! and the posters. One event at a time (`?event=N`, else the first).

mod alerts;
mod catalogue;
mod csv_import;
mod dashboard;
mod event_form;
mod invites;
mod posters;
mod sorting;
pub mod timeline_chart;

pub use posters::{Posters, PostersPage};

use crate::components::choice_button::ChoiceButton;
use crate::components::loaded::Loaded;
use crate::console::api;
use crate::console::sign_in::{use_console_session, NotAllowed};
use crate::i18n::use_i18n;
use crate::page_title;
use crate::user_error::UserError;
use baodao_core::event::EventInfo;
use baodao_core::EventId;
use catalogue::Catalogue;
use dashboard::DashboardPanel;
use event_form::EventEditor;
use invites::Invites;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The organiser's screens, one shown at a time (phones have no room for all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Dashboard,
    Event,
    Catalogue,
    Invites,
}

impl Tab {
    const ALL: [Tab; 4] = [Tab::Dashboard, Tab::Event, Tab::Catalogue, Tab::Invites];

    fn key(self) -> &'static str {
        match self {
            Tab::Dashboard => "organiser-tab_dashboard",
            Tab::Event => "organiser-tab_event",
            Tab::Catalogue => "organiser-tab_catalogue",
            Tab::Invites => "organiser-tab_invites",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Tab::Dashboard => "dashboard",
            Tab::Event => "event",
            Tab::Catalogue => "catalogue",
            Tab::Invites => "invites",
        }
    }
}

#[component]
pub fn OrganiserPage() -> impl IntoView {
    let console = use_console_session();
    view! {
        <Show when=move || console.is_organiser() fallback=NotAllowed>
            <OrganiserConsole />
        </Show>
    }
}

#[component]
fn OrganiserConsole() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();
    let version = RwSignal::new(0u32);
    let events = LocalResource::new(move || {
        version.track();
        async move { api::events().await.map_err(UserError::from) }
    });
    let wanted = move || {
        query
            .with(|q| q.get("event").and_then(|e| e.parse::<u32>().ok()))
            .map(EventId)
    };
    let tab = RwSignal::new(Tab::Dashboard);
    page_title::show(move |lang| {
        format!(
            "{} · {}",
            lang.text(tab.get().key()),
            lang.text("organiser-title")
        )
    });
    let creating = RwSignal::new(false);
    let open_event = Callback::new(move |e: EventInfo| {
        creating.set(false);
        version.update(|v| *v += 1);
        navigate(&format!("/organiser?event={}", e.id), Default::default());
    });

    view! {
        <h1 class="page-title">{i18n.t("organiser-title")}</h1>
        <Loaded
            answer=events
            loading=true
            ok={move |list: Vec<EventInfo>| {
                let current = wanted()
                    .and_then(|id| list.iter().find(|e| e.id == id))
                    .or(list.first())
                    .cloned();
                match current {
                    None => view! { <EventEditor existing=None saved=open_event /> }.into_any(),
                    Some(event) => view! {
                        <EventSwitcher events=list.clone() current=event.id creating=creating />
                        <Show when=move || creating.get()>
                            <EventEditor existing=None saved=open_event />
                        </Show>
                        <EventScreens event=event tab=tab saved=open_event />
                    }
                    .into_any(),
                }
            }}
        />
    }
}

/// Which event is shown, and "new event".
#[component]
fn EventSwitcher(
    events: Vec<EventInfo>,
    current: EventId,
    creating: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    view! {
        <div class="event-switcher">
            <label for="event-select">{i18n.t("organiser-event")}</label>
            <select
                id="event-select"
                on:change=move |ev| navigate(&format!("/organiser?event={}", event_target_value(&ev)), Default::default())
            >
                {events
                    .into_iter()
                    .map(|e| {
                        view! {
                            <option value=e.id.0.to_string() selected=e.id == current>
                                {format!("{} ({} – {})", e.name, e.starts_on, e.ends_on)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <button type="button" class="secondary new-event" on:click=move |_| creating.update(|c| *c = !*c)>
                {i18n.t("organiser-new_event")}
            </button>
        </div>
    }
}

#[component]
fn EventScreens(event: EventInfo, tab: RwSignal<Tab>, saved: Callback<EventInfo>) -> impl IntoView {
    let i18n = use_i18n();
    let id = event.id;
    let event = StoredValue::new(event);
    view! {
        <nav class="tabs" aria-label=i18n.t("organiser-sections")>
            {Tab::ALL
                .into_iter()
                .map(|t| view! { <ChoiceButton chosen=tab value=t class="tab" name=t.name() label=t.key() /> })
                .collect_view()}
            <a class="tab" href=format!("/organiser/posters?event={id}")>{i18n.t("poster-all_title")}</a>
        </nav>
        {move || match tab.get() {
            Tab::Dashboard => view! { <DashboardPanel event=id /> }.into_any(),
            Tab::Event => view! { <EventEditor existing=Some(event.get_value()) saved=saved /> }.into_any(),
            Tab::Catalogue => view! { <Catalogue event=id /> }.into_any(),
            Tab::Invites => view! { <Invites event=id /> }.into_any(),
        }}
    }
}
