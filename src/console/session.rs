//! Who is using the console: an organiser or a venue lead, known by a
//! session token kept in `localStorage` (`baodao.session`, the key the
//! widget's [`crate::api`] reads too).
//!
//! Links carry secrets only in the URL fragment, which browsers never send
//! to a server or a log (docs/api.md): `#setup=bs_…` (organiser setup link)
//! and `#invite=bi_…` (lead invite) are redeemed for a session;
//! `#token=…` (the demo's ready sessions) is kept once the server confirms
//! it, which only a demo server does. The fragment
//! is removed from the address bar at once so it is not bookmarked or
//! shared by accident.

use crate::api::{clear_fragment, SESSION_KEY};
use crate::local_store;
use leptos::prelude::*;

/// A secret found in the address bar's fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FragmentLink {
    /// A one-time organiser setup link: needs the organiser's name.
    Setup(String),
    /// A lead invite.
    Invite(String),
    /// A ready session (demo).
    Token(String),
}

impl FragmentLink {
    pub fn parse(fragment: &str) -> Option<FragmentLink> {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let (key, value) = fragment.split_once('=')?;
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        match key {
            "setup" => Some(FragmentLink::Setup(value.to_string())),
            "invite" => Some(FragmentLink::Invite(value.to_string())),
            "token" => Some(FragmentLink::Token(value.to_string())),
            _ => None,
        }
    }
}

impl FragmentLink {
    /// Whether this is a `#token=` link to the session already in use.
    pub fn is_session(&self, current: Option<&str>) -> bool {
        matches!((self, current), (FragmentLink::Token(t), Some(c)) if t == c)
    }
}

/// Takes a link secret out of the address bar (once: the fragment is
/// cleared). Nothing is stored until the server has said what it is.
pub fn take_fragment_link() -> Option<FragmentLink> {
    let window = web_sys::window()?;
    let location = window.location();
    let link = FragmentLink::parse(&location.hash().ok()?)?;
    clear_fragment(&window);
    Some(link)
}

pub fn token() -> Option<String> {
    local_store::get(SESSION_KEY).filter(|t| !t.is_empty())
}

pub fn store(token: &str) {
    local_store::set(SESSION_KEY, token);
}

pub fn forget() {
    local_store::remove(SESSION_KEY);
}

thread_local! {
    /// Set by a `401` on any call: the page shows "link expired".
    static ON_EXPIRED: std::cell::RefCell<Option<Callback<()>>> = const { std::cell::RefCell::new(None) };
}

/// The server refused the session (expired, revoked, signed out elsewhere).
pub fn expired() {
    forget();
    if let Some(cb) = ON_EXPIRED.with(|c| *c.borrow()) {
        cb.run(());
    }
}

pub fn on_expired(cb: Callback<()>) {
    ON_EXPIRED.with(|c| *c.borrow_mut() = Some(cb));
}

pub use baodao_core::session::{OrganiserInfo, Role, Session};
