//! Lead invites: a link per lead (one or more venues), or one link per
//! venue for many venues at once, shown once to copy, print and send;
//! revoking one signs out every device that used it. The venue picker is
//! searchable: an event has up to about a hundred venues.

use crate::components::error_panel::ErrorPanel;
use crate::components::loaded::Loaded;
use crate::console::api::{self, Invite, VenueRow};
use crate::i18n::use_i18n;
use crate::time_format::date_clock;
use crate::user_error::UserError;
use baodao_core::invites::{NewInvite, VenueInviteLink, VenueInvites};
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
export function print_page() { try { window.print(); } catch (e) {} }
"#)]
extern "C" {
    fn copy_text(text: &str) -> js_sys::Promise;
    fn print_page();
}

/// Copies `text`; whether the clipboard took it.
async fn copy(text: &str) -> bool {
    wasm_bindgen_futures::JsFuture::from(copy_text(text))
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// The lifetime typed: blank is the server's default (until the event is
/// over); anything unreadable goes as 0, for the server's own message.
fn lifetime(typed: &str) -> Option<u32> {
    let typed = typed.trim();
    (!typed.is_empty()).then(|| typed.parse().unwrap_or(0))
}

/// Whether a venue matches the picker's search: its name, or its main
/// venue's (so a main venue's name finds its sub-venues).
fn matches(venue: &VenueRow, all: &[VenueRow], query: &str) -> bool {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return true;
    }
    let parent = venue
        .parent
        .and_then(|p| all.iter().find(|v| v.id == p))
        .map(|p| p.name.to_lowercase());
    venue.name.to_lowercase().contains(&query) || parent.is_some_and(|p| p.contains(&query))
}

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
    let per_venue = RwSignal::new(None::<Vec<VenueInviteLink>>);
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
                                    per_venue.set(None);
                                    created.set(Some(i));
                                    version.update(|n| *n += 1);
                                })
                                created_per_venue=Callback::new(move |links| {
                                    created.set(None);
                                    per_venue.set(Some(links));
                                    version.update(|n| *n += 1);
                                })
                            />
                        }
                    })
            }}
            {move || created.get().and_then(|i| i.url).map(|url| view! { <NewInviteLink url=url /> })}
            {move || per_venue.get().map(|links| view! { <VenueInviteLinks links=links /> })}
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
fn InviteForm(
    event: EventId,
    venues: Vec<VenueRow>,
    created: Callback<Invite>,
    created_per_venue: Callback<Vec<VenueInviteLink>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = RwSignal::new(String::new());
    let hours = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<VenueId>::new());
    let query = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<UserError>);
    let all = StoredValue::new(venues.clone());

    let done = move || {
        error.set(None);
        chosen.set(Vec::new());
        label.set(String::new());
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = NewInvite {
            venues: chosen.get_untracked(),
            label: label.get_untracked().trim().to_string(),
            expires_in_hours: lifetime(&hours.get_untracked()),
        };
        busy.set(true);
        spawn_local(async move {
            match api::create_invite(event, &form).await {
                Ok(i) => {
                    done();
                    created.run(i);
                }
                Err(f) => error.set(Some(f.into())),
            }
            busy.set(false);
        });
    };
    // One invite per venue: the chosen ones, or every venue of the event.
    let per_venue = move |every: bool| {
        let form = VenueInvites {
            venues: (!every).then(|| chosen.get_untracked()),
            label: label.get_untracked().trim().to_string(),
            expires_in_hours: lifetime(&hours.get_untracked()),
        };
        busy.set(true);
        spawn_local(async move {
            match api::create_venue_invites(event, &form).await {
                Ok(links) => {
                    done();
                    created_per_venue.run(links);
                }
                Err(f) => error.set(Some(f.into())),
            }
            busy.set(false);
        });
    };
    let choose_shown = move |_| {
        let q = query.get_untracked();
        all.with_value(|all| {
            chosen.update(|c| {
                for v in all.iter().filter(|v| matches(v, all, &q)) {
                    if !c.contains(&v.id) {
                        c.push(v.id);
                    }
                }
            })
        });
    };

    let count = move || chosen.with(Vec::len);
    let shown = move || {
        let q = query.get();
        all.with_value(|all| all.iter().filter(|v| matches(v, all, &q)).count())
    };

    view! {
        <form class="invite-form" on:submit=submit>
            <fieldset>
                <legend>{i18n.t("invites-venues")}</legend>
                <label for="invite-venue-search">{i18n.t("invites-search")}</label>
                <input id="invite-venue-search" type="search" class="venue-search" bind:value=query />
                <p class="button-row">
                    <button type="button" class="secondary choose-shown" on:click=choose_shown>
                        {i18n.t("invites-choose_shown")}
                    </button>
                    <button type="button" class="secondary choose-none" on:click=move |_| chosen.set(Vec::new())>
                        {i18n.t("invites-choose_none")}
                    </button>
                    <span class="hint chosen-count" role="status">
                        {move || {
                            i18n.lang.get().format(
                                "invites-chosen",
                                &[("chosen", &count().to_string()), ("shown", &shown().to_string())],
                            )
                        }}
                    </span>
                </p>
                <div class="venue-checks">
                    {venues
                        .into_iter()
                        .map(|v| {
                            let id = v.id;
                            // Hidden, not removed, while searching: what was
                            // ticked stays ticked.
                            let row = v.clone();
                            let hidden = move || {
                                let q = query.get();
                                !all.with_value(|all| matches(&row, all, &q))
                            };
                            view! {
                                <label class="check" class:filtered-out=hidden data-venue=id.0>
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
            <p class="hint">{i18n.t("invites-hours_default")}</p>
            {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
            <p class="button-row">
                <button type="submit" class="primary" disabled=move || busy.get()>{i18n.t("invites-create")}</button>
                <button
                    type="button"
                    class="secondary per-venue-chosen"
                    disabled=move || busy.get()
                    on:click=move |_| per_venue(false)
                >
                    {i18n.t("invites-per_venue_chosen")}
                </button>
                <button
                    type="button"
                    class="secondary per-venue-all"
                    disabled=move || busy.get()
                    on:click=move |_| per_venue(true)
                >
                    {i18n.t("invites-per_venue_all")}
                </button>
            </p>
        </form>
    }
}

/// The links of one invite per venue, shown once: copy them all (a line per
/// venue, name and link separated by a tab, so they paste into a sheet or
/// a chat) or print the list.
#[component]
fn VenueInviteLinks(links: Vec<VenueInviteLink>) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(None::<bool>);
    let text: String = links
        .iter()
        .map(|l| format!("{}\t{}\n", l.venue_name, l.url))
        .collect();
    let copy_all = move |_| {
        let text = text.clone();
        spawn_local(async move { copied.set(Some(copy(&text).await)) });
    };
    let count = links.len();
    view! {
        <div class="new-invite invite-links" role="status">
            <h3>{move || i18n.lang.get().format("invites-per_venue_made", &[("count", &count.to_string())])}</h3>
            <p class="hint">{i18n.t("invites-links_shown_once")}</p>
            <p class="button-row no-print">
                <button type="button" class="secondary copy-links" on:click=copy_all>{i18n.t("invites-copy_all")}</button>
                <button type="button" class="secondary print-links" on:click=move |_| print_page()>{i18n.t("invites-print")}</button>
            </p>
            {move || copied.get().map(|ok| {
                let key = if ok { "invites-copied" } else { "invites-copy_all_manually" };
                view! { <p class="hint no-print">{i18n.t(key)}</p> }
            })}
            <table class="invite-link-table">
                <thead>
                    <tr>
                        <th scope="col">{i18n.t("invites-venue")}</th>
                        <th scope="col">{i18n.t("invites-link")}</th>
                    </tr>
                </thead>
                <tbody>
                    {links
                        .into_iter()
                        .map(|l| view! {
                            <tr data-venue=l.venue.0 data-invite=l.invite>
                                <th scope="row">{l.venue_name}</th>
                                <td class="invite-url">{l.url}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
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
        spawn_local(async move { copied.set(Some(copy(&text).await)) });
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
