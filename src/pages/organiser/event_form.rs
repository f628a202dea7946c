//! Creating and editing an event: name, dates, time zone, retention.

use crate::components::error_panel::ErrorPanel;
use crate::console::api::{self, EventForm};
use crate::i18n::use_i18n;
use crate::user_error::UserError;
use baodao_core::event::EventInfo;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Default retention for a new event (docs/api.md: 180 days).
const DEFAULT_RETENTION_DAYS: u32 = 180;

/// The form for a new event (`existing` None) or an existing one; calls
/// `saved` with the server's answer.
#[component]
pub fn EventEditor(existing: Option<EventInfo>, saved: Callback<EventInfo>) -> impl IntoView {
    let i18n = use_i18n();
    let id = existing.as_ref().map(|e| e.id);
    let name = RwSignal::new(
        existing
            .as_ref()
            .map(|e| e.name.clone())
            .unwrap_or_default(),
    );
    let starts_on = RwSignal::new(
        existing
            .as_ref()
            .map(|e| e.starts_on.clone())
            .unwrap_or_default(),
    );
    let ends_on = RwSignal::new(
        existing
            .as_ref()
            .map(|e| e.ends_on.clone())
            .unwrap_or_default(),
    );
    let time_zone = RwSignal::new(
        existing
            .as_ref()
            .map(|e| e.time_zone.clone())
            .unwrap_or_else(|| "Asia/Shanghai".into()),
    );
    let retention = RwSignal::new(
        existing
            .as_ref()
            .and_then(|e| e.retention_days)
            .unwrap_or(DEFAULT_RETENTION_DAYS)
            .to_string(),
    );
    let error = RwSignal::new(None::<UserError>);
    let done = RwSignal::new(false);
    let busy = RwSignal::new(false);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(retention_days) = retention.get_untracked().trim().parse::<u32>() else {
            error.set(Some(UserError::Other("retention_invalid".into())));
            return;
        };
        let form = EventForm {
            name: name.get_untracked().trim().to_string(),
            starts_on: starts_on.get_untracked(),
            ends_on: ends_on.get_untracked(),
            time_zone: time_zone.get_untracked().trim().to_string(),
            retention_days,
        };
        busy.set(true);
        done.set(false);
        spawn_local(async move {
            let answer = match id {
                Some(id) => api::update_event(id, &form).await,
                None => api::create_event(&form).await,
            };
            busy.set(false);
            match answer {
                Ok(event) => {
                    error.set(None);
                    done.set(true);
                    saved.run(event);
                }
                Err(f) => error.set(Some(f.into())),
            }
        });
    };

    let title = if id.is_some() {
        "event-edit_title"
    } else {
        "event-create_title"
    };
    let prefix = id
        .map(|i| format!("event-{i}"))
        .unwrap_or_else(|| "event-new".into());
    let field = move |s: &str| format!("{prefix}-{s}");
    view! {
        <form class="card event-form" on:submit=submit>
            <h2>{i18n.t(title)}</h2>
            <label for=field("name")>{i18n.t("event-name")}</label>
            <input id=field("name") name="name" required bind:value=name />
            <div class="field-pair">
                <div>
                    <label for=field("starts")>{i18n.t("event-starts_on")}</label>
                    <input id=field("starts") name="starts_on" type="date" required bind:value=starts_on />
                </div>
                <div>
                    <label for=field("ends")>{i18n.t("event-ends_on")}</label>
                    <input id=field("ends") name="ends_on" type="date" required bind:value=ends_on />
                </div>
            </div>
            <label for=field("tz")>{i18n.t("event-time_zone")}</label>
            <input id=field("tz") name="time_zone" list="time-zones" bind:value=time_zone />
            <datalist id="time-zones">
                <option value="Asia/Shanghai"></option>
                <option value="Asia/Hong_Kong"></option>
                <option value="Asia/Taipei"></option>
                <option value="Asia/Urumqi"></option>
                <option value="UTC"></option>
            </datalist>
            <label for=field("retention")>{i18n.t("event-retention_days")}</label>
            <input id=field("retention") name="retention_days" type="number" min="0" max="3650" inputmode="numeric" bind:value=retention />
            <p class="hint">{i18n.t("event-retention_hint")}</p>
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
            {move || done.get().then(|| view! { <p class="ok-note" role="status">{i18n.t("event-saved")}</p> })}
            <button type="submit" class="primary" disabled=move || busy.get()>{i18n.t("event-save")}</button>
        </form>
    }
}
