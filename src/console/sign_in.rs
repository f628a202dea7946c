//! Signing in to the console: a link from the organiser (lead invite) or the
//! server (organiser setup) is redeemed for a session, kept on the device,
//! and checked with the server at start. Every console screen sits behind
//! [`SignInGate`], which shows what to do when there is no usable session.
//!
//! Offline, the last session the server confirmed is trusted as it is, so a
//! lead's roster page (assisted check-in) and display screen keep working
//! without a connection; the server checks the token again at sync.

use crate::api::ApiFailure;
use crate::components::error_panel::ErrorPanel;
use crate::components::field::Field;
use crate::console::api;
use crate::console::client::CallFailure;
use crate::console::session::{self, FragmentLink, Role, Session};
use crate::i18n::use_i18n;
use crate::local_store;
use crate::page_title;
use crate::user_error::UserError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The last session the server confirmed, for starting offline.
const SESSION_INFO_KEY: &str = "baodao.session_info";

/// Where sign-in stands.
#[derive(Debug, Clone, PartialEq)]
pub enum SignIn {
    Checking,
    SignedIn(Session),
    /// An organiser setup link, waiting for the organiser's name.
    NeedsName(String),
    /// No session on this device: open a link.
    NoSession,
    /// The link or session has expired, was revoked or already used.
    Expired,
    /// Could not check (network, server): try again.
    Failed(UserError),
    /// Signed out by the user.
    SignedOut,
}

/// The console's sign-in state, shared through context.
#[derive(Clone, Copy)]
pub struct ConsoleSession {
    pub state: RwSignal<SignIn>,
    /// A link opened while another session works: the user is asked before
    /// it replaces that session.
    pub pending: RwSignal<Option<FragmentLink>>,
    /// Why the last link could not be used, while the session carries on.
    pub notice: RwSignal<Option<UserError>>,
}

impl ConsoleSession {
    pub fn provide() -> ConsoleSession {
        let console = ConsoleSession {
            state: RwSignal::new(SignIn::Checking),
            pending: RwSignal::new(None),
            notice: RwSignal::new(None),
        };
        provide_context(console);
        session::on_expired(Callback::new(move |()| {
            local_store::remove(SESSION_INFO_KEY);
            console.state.set(SignIn::Expired);
        }));
        console.start();
        // A link pasted into the address bar of an open console changes
        // only the fragment: no page load, so read it here.
        let pasted = window_event_listener(leptos::ev::hashchange, move |_| {
            if let Some(link) = session::take_fragment_link() {
                console.follow(link);
            }
        });
        on_cleanup(move || pasted.remove());
        console
    }

    /// The signed-in session, if any (reactive).
    pub fn session(&self) -> Option<Session> {
        self.state.with(|s| match s {
            SignIn::SignedIn(session) => Some(session.clone()),
            _ => None,
        })
    }

    /// Whether an organiser is signed in (reactive).
    pub fn is_organiser(&self) -> bool {
        self.state
            .with(|s| matches!(s, SignIn::SignedIn(s) if s.role == Role::Organiser))
    }

    /// Whether the signed-in session may open the lead's screens of `venue`
    /// (reactive); `None` (no venue in the address) may not.
    pub fn may_lead(&self, venue: Option<baodao_core::VenueId>) -> bool {
        self.state.with(|s| match (s, venue) {
            (SignIn::SignedIn(session), Some(v)) => session.may_lead(v),
            _ => false,
        })
    }

    fn start(self) {
        match session::take_fragment_link() {
            Some(link) if link.is_session(session::token().as_deref()) => self.check(),
            // Is the session on this device still working? If so, ask.
            Some(link) if session::token().is_some() => {
                self.pending.set(Some(link));
                self.check();
            }
            Some(link) => self.use_link(link),
            None => self.check(),
        }
    }

    /// A link pasted into an open console.
    fn follow(self, link: FragmentLink) {
        if link.is_session(session::token().as_deref()) {
            self.check();
        } else if self.session().is_some() {
            self.pending.set(Some(link));
        } else {
            self.use_link(link);
        }
    }

    fn use_link(self, link: FragmentLink) {
        self.notice.set(None);
        match link {
            FragmentLink::Setup(link) => self.state.set(SignIn::NeedsName(link)),
            FragmentLink::Invite(link) => self.redeem(link, String::new()),
            FragmentLink::Token(token) => self.adopt(token),
        }
    }

    /// The answer to "replace the session with this link?".
    pub fn answer_pending(self, replace: bool) {
        if let Some(link) = self.pending.try_update(Option::take).flatten() {
            if replace {
                self.use_link(link);
            }
        }
    }

    /// Signs in with a `#token=` link once the server has confirmed it.
    fn adopt(self, token: String) {
        self.state.set(SignIn::Checking);
        spawn_local(async move {
            match api::token_link(&token).await {
                Ok(s) => {
                    session::store(&token);
                    self.signed_in(s);
                }
                Err(f) => self.link_failed(f),
            }
        });
    }

    /// A link that could not be used never ends the session that works.
    fn link_failed(self, failure: CallFailure) {
        if session::token().is_some() {
            self.notice.set(Some(failure.into()));
            self.check();
        } else {
            self.failed(failure);
        }
    }

    /// Asks the server who the stored token belongs to.
    pub fn check(self) {
        if session::token().is_none() {
            self.state.set(SignIn::NoSession);
            return;
        }
        self.state.set(SignIn::Checking);
        spawn_local(async move {
            match api::me().await {
                Ok(me) => self.signed_in(me),
                Err(f) => self.failed(f),
            }
        });
    }

    pub fn redeem(self, link: String, name: String) {
        self.state.set(SignIn::Checking);
        spawn_local(async move {
            match api::redeem(&link, &name).await {
                Ok(s) => {
                    if let Some(token) = &s.token {
                        session::store(token);
                    }
                    self.signed_in(s);
                }
                // A name is required for a setup link: ask again.
                Err(CallFailure {
                    failure: ApiFailure::Api { error, .. },
                    ..
                }) if error == "name_empty" => self.state.set(SignIn::NeedsName(link)),
                Err(f) => self.link_failed(f),
            }
        });
    }

    fn signed_in(self, session: Session) {
        local_store::set_json(SESSION_INFO_KEY, &StoredSession::from(&session));
        self.state.set(SignIn::SignedIn(session));
    }

    fn failed(self, failure: CallFailure) {
        match failure.failure {
            ApiFailure::Api { status: 401, .. } => {
                session::forget();
                local_store::remove(SESSION_INFO_KEY);
                // The session had ended: the link opened with it is used
                // without asking.
                match self.pending.try_update(Option::take).flatten() {
                    Some(link) => self.use_link(link),
                    None => self.state.set(SignIn::Expired),
                }
            }
            ApiFailure::Network => {
                // Offline: carry on with the last confirmed session.
                let stored: Option<StoredSession> = local_store::get_json(SESSION_INFO_KEY);
                match stored.filter(|_| session::token().is_some()) {
                    Some(s) => self.state.set(SignIn::SignedIn(s.into())),
                    None => self.state.set(SignIn::Failed(UserError::Network)),
                }
            }
            other => self.state.set(SignIn::Failed(other.into())),
        }
    }

    pub fn sign_out(self) {
        spawn_local(async move {
            // Ends the session on the server; forgotten here either way.
            let _ = api::logout().await;
            session::forget();
            local_store::remove(SESSION_INFO_KEY);
            self.state.set(SignIn::SignedOut);
        });
    }
}

/// [`Session`] as kept on the device (without the token, which has its own key).
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredSession {
    role: String,
    expires_ms: Option<i64>,
    event: Option<baodao_core::EventId>,
    venues: Vec<baodao_core::event::VenueInfo>,
    organiser: Option<(i64, String)>,
}

impl From<&Session> for StoredSession {
    fn from(s: &Session) -> Self {
        StoredSession {
            role: match s.role {
                Role::Organiser => "organiser",
                Role::Lead => "lead",
                Role::Device => "device",
            }
            .into(),
            expires_ms: s.expires_ms,
            event: s.event,
            venues: s.venues.clone(),
            organiser: s.organiser.as_ref().map(|o| (o.id, o.name.clone())),
        }
    }
}

impl From<StoredSession> for Session {
    fn from(s: StoredSession) -> Self {
        Session {
            token: None,
            role: match s.role.as_str() {
                "organiser" => Role::Organiser,
                "lead" => Role::Lead,
                _ => Role::Device,
            },
            expires_ms: s.expires_ms,
            event: s.event,
            venues: s.venues,
            organiser: s
                .organiser
                .map(|(id, name)| session::OrganiserInfo { id, name }),
        }
    }
}

pub fn use_console_session() -> ConsoleSession {
    expect_context::<ConsoleSession>()
}

/// Shows `children` only with a session; otherwise the sign-in screens.
#[component]
pub fn SignInGate(children: ChildrenFn) -> impl IntoView {
    let console = use_console_session();
    // A memo: the screens below re-render only when signing in or out, not
    // on every state change.
    let signed_in = Memo::new(move |_| matches!(console.state.get(), SignIn::SignedIn(_)));
    view! {
        <Show when=move || signed_in.get() fallback=SignInScreens>
            <LinkQuestion />
            {children()}
        </Show>
    }
}

/// Above a working session: "replace it with the link just opened?", or
/// why that link was not used.
#[component]
fn LinkQuestion() -> impl IntoView {
    let console = use_console_session();
    let i18n = use_i18n();
    let who = move || {
        let lang = i18n.lang.get();
        match console.session() {
            Some(Session {
                role: Role::Organiser,
                organiser,
                ..
            }) => {
                let name = organiser.map(|o| o.name).unwrap_or_default();
                lang.format("console-who_organiser", &[("name", &name)])
            }
            Some(s) => {
                let venues: Vec<String> = s.venues.into_iter().map(|v| v.name).collect();
                lang.format("console-who_lead", &[("venues", &venues.join("、"))])
            }
            None => String::new(),
        }
    };
    view! {
        {move || {
            console
                .pending
                .get()
                .map(|link| {
                    let what = match link {
                        FragmentLink::Setup(_) => "console-switch_setup",
                        FragmentLink::Invite(_) => "console-switch_invite",
                        FragmentLink::Token(_) => "console-switch_token",
                    };
                    view! {
                        <section class="card link-question" role="alertdialog" aria-labelledby="link-question-title">
                            <h2 id="link-question-title">{i18n.t("console-switch_title")}</h2>
                            <p>{move || i18n.lang.get().format("console-switch_current", &[("who", &who())])}</p>
                            <p>{i18n.t(what)}</p>
                            <p class="button-row">
                                <button type="button" class="secondary switch-keep" on:click=move |_| console.answer_pending(false)>
                                    {i18n.t("console-switch_keep")}
                                </button>
                                <button type="button" class="secondary switch-replace" on:click=move |_| console.answer_pending(true)>
                                    {i18n.t("console-switch_replace")}
                                </button>
                            </p>
                        </section>
                    }
                })
        }}
        {move || {
            console
                .notice
                .get()
                .map(|error| {
                    view! {
                        <section class="card link-notice">
                            <p>{i18n.t("console-link_failed")}</p>
                            <ErrorPanel error=error />
                            <button type="button" class="secondary" on:click=move |_| console.notice.set(None)>
                                {i18n.t("console-dismiss")}
                            </button>
                        </section>
                    }
                })
        }}
    }
}

/// What to do without a usable session.
#[component]
fn SignInScreens() -> impl IntoView {
    let console = use_console_session();
    let i18n = use_i18n();
    // Signed in, the screen shown sets its own.
    Effect::new(move |_| {
        let lang = i18n.lang.get();
        let key = match console.state.get() {
            SignIn::SignedIn(_) => return,
            SignIn::NeedsName(_) => "console-setup_title",
            SignIn::SignedOut => "console-signed_out_title",
            SignIn::Expired => "console-expired_title",
            SignIn::Checking | SignIn::NoSession | SignIn::Failed(_) => "console-sign_in_title",
        };
        page_title::set(lang, &lang.text(key));
    });
    move || match console.state.get() {
        SignIn::Checking | SignIn::SignedIn(_) => {
            view! { <p class="card loading" role="status">{i18n.t("console-checking")}</p> }
                .into_any()
        }
        SignIn::NeedsName(link) => view! { <OrganiserNameForm link=link /> }.into_any(),
        SignIn::NoSession => view! {
            <section class="card sign-in" data-state="no-session">
                <h1>{i18n.t("console-sign_in_title")}</h1>
                <p>{i18n.t("console-no_session")}</p>
            </section>
        }
        .into_any(),
        SignIn::SignedOut => view! {
            <section class="card sign-in" data-state="signed-out">
                <h1>{i18n.t("console-signed_out_title")}</h1>
                <p>{i18n.t("console-signed_out")}</p>
            </section>
        }
        .into_any(),
        SignIn::Expired => view! {
            <section class="card sign-in" data-state="expired">
                <h1>{i18n.t("console-expired_title")}</h1>
                <p class="error-panel" role="alert">{i18n.t("console-expired")}</p>
            </section>
        }
        .into_any(),
        SignIn::Failed(error) => view! {
            <section class="card sign-in" data-state="failed">
                <h1>{i18n.t("console-sign_in_title")}</h1>
                <ErrorPanel error=error />
                <button type="button" class="secondary" on:click=move |_| console.check()>
                    {i18n.t("console-retry")}
                </button>
            </section>
        }
        .into_any(),
    }
}

/// The first organiser names themselves when redeeming the setup link.
#[component]
fn OrganiserNameForm(link: String) -> impl IntoView {
    let console = use_console_session();
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let empty = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            empty.set(true);
            return;
        }
        console.redeem(link.clone(), n);
    };
    view! {
        <form class="card sign-in" data-state="setup" on:submit=submit>
            <h1>{i18n.t("console-setup_title")}</h1>
            <p>{i18n.t("console-setup_intro")}</p>
            <Field
                id="organiser-name"
                name="name"
                label="console-organiser_name"
                autocomplete="name"
                value=name
                error=Signal::derive(move || empty.get().then(|| i18n.lang.get().text("error-name_empty")))
            />
            <button type="submit" class="primary">{i18n.t("console-setup_submit")}</button>
        </form>
    }
}

/// "You may not open this": the session is valid but not for this screen.
#[component]
pub fn NotAllowed() -> impl IntoView {
    let i18n = use_i18n();
    let console = use_console_session();
    let venues = move || console.session().map(|s| s.venues).unwrap_or_default();
    page_title::show_text("console-forbidden_title");
    view! {
        <section class="card not-allowed" data-state="forbidden">
            <h1>{i18n.t("console-forbidden_title")}</h1>
            <p class="error-panel" role="alert">{i18n.t("console-forbidden")}</p>
            <Show when=move || !venues().is_empty()>
                <h2>{i18n.t("console-your_venues")}</h2>
                <ul class="link-list">
                    {move || {
                        venues()
                            .into_iter()
                            .map(|v| view! { <li><a href=format!("/lead/{}", v.id)>{v.name}</a></li> })
                            .collect_view()
                    }}
                </ul>
            </Show>
        </section>
    }
}
