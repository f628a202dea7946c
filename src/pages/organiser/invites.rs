//! Lead invites: a link per lead (one or more venues), shown once to copy
//! and send; revoking it signs out every device that used it.

use crate::components::error_panel::ErrorPanel;
use crate::components::loaded::Loaded;
use crate::console::api::{self, Invite, InviteForm, VenueRow};
use crate::i18n::use_i18n;
use crate::time_format::date_clock;
use crate::user_error::UserError;
use baodao_core::{EventId, VenueId};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
// Copies text; resolves true if the clipboard took it (it needs a secure
// context), else false and the page selects the link for a manual copy.
export function copy_text(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(() => true, () => false);
    }
  } catch (e) {}
  return Promise.resolve(false);
}
"#)]
extern "C" {
    fn copy_text(text: &str) -> js_sys::Promise;
}

const DEFAULT_HOURS: u32 = 72;

#[component]
pub fn Invites(event: EventId) -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    let invites = LocalResource::new(move || {
        version.track();
        async move { api::invites(event).await.map_err(UserError::from) }
    });
    let venues =
        LocalResource::new(
            move || async move { api::venues(event).await.ok().unwrap_or_default() },
        );
    let created = RwSignal::new(None::<Invite>);
    view! {
        <section class="card invites" aria-labelledby="invites-title">
            <h2 id="invites-title">{i18n.t("invites-title")}</h2>
            <p class="hint">{i18n.t("invites-intro")}</p>
            {move || {
                venues
                    .get()
                    .map(|v| {
                        view! {
                            <InviteForm
                                event=event
                                venues=v
                                created=Callback::new(move |i| {
                                    created.set(Some(i));
                                    version.update(|n| *n += 1);
                                })
                            />
                        }
                    })
            }}
            {move || created.get().and_then(|i| i.url).map(|url| view! { <NewInviteLink url=url /> })}
            <h3>{i18n.t("invites-list")}</h3>
            <Loaded
                answer=invites
                ok={move |list: Vec<Invite>| {
                    if list.is_empty() {
                        return view! { <p class="hint">{i18n.t("invites-none")}</p> }.into_any();
                    }
                    let names = venues.get().unwrap_or_default();
                    view! {
                        <ul class="edit-list invite-list">
                            {list
                                .into_iter()
                                .rev()
                                .map(|i| view! {
                                    <InviteItem invite=i venues=names.clone() revoked=Callback::new(move |()| version.update(|n| *n += 1)) />
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            />
        </section>
    }
}

#[component]
fn InviteForm(event: EventId, venues: Vec<VenueRow>, created: Callback<Invite>) -> impl IntoView {
    let i18n = use_i18n();
    let label = RwSignal::new(String::new());
    let hours = RwSignal::new(DEFAULT_HOURS.to_string());
    let chosen = RwSignal::new(Vec::<VenueId>::new());
    let error = RwSignal::new(None::<UserError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = InviteForm {
            venues: chosen.get_untracked(),
            label: label.get_untracked().trim().to_string(),
            expires_in_hours: hours.get_untracked().trim().parse().unwrap_or(0),
        };
        spawn_local(async move {
            match api::create_invite(event, &form).await {
                Ok(i) => {
                    error.set(None);
                    chosen.set(Vec::new());
                    label.set(String::new());
                    created.run(i);
                }
                Err(f) => error.set(Some(f.into())),
            }
        });
    };
    view! {
        <form class="invite-form" on:submit=submit>
            <fieldset>
                <legend>{i18n.t("invites-venues")}</legend>
                <div class="venue-checks">
                    {venues
                        .into_iter()
                        .map(|v| {
                            let id = v.id;
                            view! {
                                <label class="check">
                                    <input
                                        type="checkbox"
                                        class="visually-hidden"
                                        value=id.0.to_string()
                                        prop:checked=move || chosen.with(|c| c.contains(&id))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen.update(|c| {
                                                c.retain(|x| *x != id);
                                                if on {
                                                    c.push(id);
                                                }
                                            });
                                        }
                                    />
                                    <span>{v.name}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <label for="invite-label">{i18n.t("invites-label")}</label>
            <input id="invite-label" bind:value=label />
            <label for="invite-hours">{i18n.t("invites-hours")}</label>
            <input id="invite-hours" type="number" min="1" max="720" inputmode="numeric" bind:value=hours />
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
            <button type="submit" class="primary">{i18n.t("invites-create")}</button>
        </form>
    }
}

/// The new link, shown once: copy it now.
#[component]
fn NewInviteLink(url: String) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(None::<bool>);
    let text = url.clone();
    let copy = move |_| {
        let text = text.clone();
        spawn_local(async move {
            let ok = wasm_bindgen_futures::JsFuture::from(copy_text(&text))
                .await
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            copied.set(Some(ok));
        });
    };
    view! {
        <div class="new-invite" role="status">
            <label for="invite-url">{i18n.t("invites-new_link")}</label>
            <input id="invite-url" class="invite-url" readonly value=url on:focus=move |ev| {
                use wasm_bindgen::JsCast;
                if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                    input.select();
                }
            } />
            <p class="hint">{i18n.t("invites-shown_once")}</p>
            <button type="button" class="secondary copy-invite" on:click=copy>{i18n.t("invites-copy")}</button>
            {move || copied.get().map(|ok| {
                let key = if ok { "invites-copied" } else { "invites-copy_manually" };
                view! { <p class="hint">{i18n.t(key)}</p> }
            })}
        </div>
    }
}

#[component]
fn InviteItem(invite: Invite, venues: Vec<VenueRow>, revoked: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let id = invite.id;
    let names: Vec<String> = invite
        .venues
        .iter()
        .map(|v| {
            venues
                .iter()
                .find(|r| r.id == *v)
                .map(|r| r.name.clone())
                .unwrap_or_else(|| v.to_string())
        })
        .collect();
    let error = RwSignal::new(None::<UserError>);
    let revoke = move |_| {
        spawn_local(async move {
            match api::revoke_invite(id).await {
                Ok(_) => revoked.run(()),
                Err(f) => error.set(Some(f.into())),
            }
        })
    };
    let expires = invite.expires_ms;
    let is_revoked = invite.revoked;
    let sessions = invite.sessions;
    view! {
        <li data-invite=id data-revoked=is_revoked.to_string()>
            <strong>{if invite.label.is_empty() { "—".to_string() } else { invite.label.clone() }}</strong>
            <span class="hint">{names.join("、")}</span>
            <span class="hint">
                {move || {
                    let lang = i18n.lang.get();
                    if is_revoked {
                        lang.text("invites-revoked")
                    } else {
                        lang.format(
                            "invites-expires",
                            &[("time", &date_clock(expires, lang)), ("sessions", &sessions.to_string())],
                        )
                    }
                }}
            </span>
            {(!is_revoked).then(|| view! {
                <button type="button" class="secondary revoke-invite" on:click=revoke>{i18n.t("invites-revoke")}</button>
            })}
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
        </li>
    }
}
