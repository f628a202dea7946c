//! The check-in screen, opened from a venue's QR code (`/c#code`), or from
//! the short-code form (`/c#s.{SHORTCODE}`).
//!
//! The code is verified on the phone, with the event's cached public keys and
//! the phone's clock, before anything is stored: a forged, altered, expired
//! or foreign code gets its own message and no record.

mod profile_form;
mod short_code;

pub use short_code::ShortCodePage;

use crate::api::ApiFailure;
use crate::components::confirm_checkout::{focus_answer, ConfirmCheckout};
use crate::components::delivery_badge::DeliveryBadge;
use crate::components::error_panel::ErrorPanel;
use crate::components::privacy_notice::PrivacyNotice;
use crate::components::record_list::RecordList;
use crate::event_cache;
use crate::i18n::use_i18n;
use crate::navigation::use_location;
use crate::outbox::{Delivery, OutboxRecord};
use crate::privacy;
use crate::profile;
use crate::record_id::new_record_id;
use crate::scan_timing;
use crate::service_hours::{format_duration, visits};
use crate::sync::use_sync_status;
use crate::tap_guard::TapGuard;
use crate::time_format::{clock, corrected_ms, now_ms, true_now_ms};
use crate::user_error::UserError;
use baodao_core::checkin::MAX_CODE_LEN;
use baodao_core::event::EventInfo;
use baodao_core::venue_code::{
    resolve_short_code, verify_code, CodeError, SignedCode, VerifyPolicy,
};
use baodao_core::venue_link::{
    code_from_scan, parse_short_code_checkin, short_code_checkin, LinkError, VenueRef,
};
use baodao_core::volunteer::mask_mobile;
use baodao_core::{CheckIn, CheckKind, Volunteer};
use leptos::prelude::*;
use leptos::task::spawn_local;
use profile_form::ProfileForm;

/// The venue named by the URL, once its event is known (or known to be
/// unreachable right now).
#[derive(Clone, PartialEq)]
struct ScannedVenue {
    venue_ref: VenueRef,
    code: String,
    /// `None` when offline with no cached event data.
    event: Option<EventInfo>,
    name: String,
}

#[component]
pub fn CheckInPage() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let code = Memo::new(move |_| location.hash.get().trim_start_matches('#').to_string());
    // `None` while the server is asked.
    let scanned = RwSignal::new(None::<Result<ScannedVenue, UserError>>);
    let open = move |raw: String| {
        let (shown, ask_server) = match check_on_phone(&raw) {
            OnPhone::Final(result) => (Some(result), false),
            OnPhone::Cached(venue) => (Some(Ok(venue)), true),
            OnPhone::AskServer => (None, true),
        };
        scanned.set(shown);
        if ask_server {
            spawn_local(async move {
                let answer = check_with_server(&raw).await;
                // Unless another code was opened meanwhile. A venue shown from
                // the cache stays (a form being filled in is not reset)
                // unless the server's data say otherwise.
                let current = code.try_get_untracked().is_some_and(|c| c == raw);
                let changed = scanned
                    .try_with_untracked(|shown| !same_outcome(shown.as_ref(), &answer))
                    .unwrap_or(false);
                if current && changed {
                    scanned.set(Some(answer));
                }
            });
        }
    };
    // Decided in this first render whenever the phone can (most scans).
    open(code.get_untracked());
    // Another venue's code opened while this page is shown.
    Effect::new(move |first_run_done: Option<()>| {
        let raw = code.get();
        if first_run_done.is_some() {
            open(raw);
        }
    });
    view! {
        {move || match scanned.get() {
            None => view! { <p class="card loading">{i18n.t("checkin-loading")}</p> }.into_any(),
            Some(Err(e)) => {
                view! {
                    // Every screen has a heading to jump to; here it names the outcome.
                    <h1 class="page-title">{i18n.t("checkin-error_title")}</h1>
                    <ErrorPanel error=e />
                    <a class="secondary short-code-link" href=SHORT_CODE_ROUTE>
                        {i18n.t("checkin-type_code")}
                    </a>
                }
                    .into_any()
            }
            Some(Ok(venue)) => view! { <VenueCheckIn venue=venue /> }.into_any(),
        }}
        <RecordList />
    }
}

/// Route of the "type the short code" form.
pub const SHORT_CODE_ROUTE: &str = "/code";

/// A code as far as the phone can decide it without the network.
enum OnPhone {
    /// Decided: a malformed or unsigned code, or a typed short code (resolved
    /// from the cached event data the short-code form refreshed).
    Final(Result<ScannedVenue, UserError>),
    /// Verified with the cached event data. Shown at once, so that no round
    /// trip stands between the scan and the venue on screen (a 50 ms goal),
    /// then checked again with the server's data: a key withdrawn or a venue
    /// renamed since the phone cached the event replaces it (offline, the
    /// server checks the signature at sync, as for any offline check-in).
    Cached(ScannedVenue),
    /// A well-formed signed code of an event not cached here, or one the
    /// cached keys do not accept: the server's event data decide.
    AskServer,
}

/// Checks what the URL's fragment holds, on the phone only.
fn check_on_phone(raw: &str) -> OnPhone {
    let (code, named) = match read_fragment(raw) {
        Ok(Fragment::Signed(code, named)) => (code, named),
        Ok(Fragment::Typed(code)) => return OnPhone::Final(resolve_typed(code)),
        Err(e) => return OnPhone::Final(Err(e)),
    };
    match event_cache::cached(named.event).map(|event| verify_with(code, event)) {
        Some(Ok(venue)) => OnPhone::Cached(venue),
        _ => OnPhone::AskServer,
    }
}

/// Whether showing `answer` instead of `shown` would change what matters: the
/// outcome, the venue or its name (not, say, a refreshed organisation list).
fn same_outcome(
    shown: Option<&Result<ScannedVenue, UserError>>,
    answer: &Result<ScannedVenue, UserError>,
) -> bool {
    match (shown, answer) {
        (Some(Ok(a)), Ok(b)) => a.venue_ref == b.venue_ref && a.name == b.name,
        (Some(a), b) => a == b,
        (None, _) => false,
    }
}

/// What a check-in URL's fragment names.
enum Fragment<'a> {
    /// A typed short code (`s.{SHORTCODE}`), checked for form.
    Typed(&'a str),
    /// A signed venue code, checked for form only (not its signature), and
    /// the venue it names.
    Signed(&'a str, VenueRef),
}

/// Reads the fragment (or a whole scanned URL) as a venue code.
fn read_fragment(raw: &str) -> Result<Fragment<'_>, UserError> {
    if raw.is_empty() {
        return Err(UserError::Link(LinkError::MissingCode));
    }
    // A whole scanned URL (e.g. `/c#https://…` from a scanner): its fragment.
    let code = if raw.contains("://") {
        code_from_scan(raw).map_err(|e| {
            UserError::Code(match e {
                LinkError::NotBaodao => CodeError::NotBaodao,
                LinkError::MissingCode => CodeError::Truncated,
                LinkError::Malformed => CodeError::Garbage,
            })
        })?
    } else {
        raw
    };
    if let Some(short) = parse_short_code_checkin(code) {
        short.map_err(UserError::ShortCode)?;
        return Ok(Fragment::Typed(code));
    }
    // The checks `verify_code` makes first, so that they are reported as
    // such before the event (named in the code) is looked up.
    if code.len() > MAX_CODE_LEN {
        return Err(UserError::Code(CodeError::Garbage));
    }
    if code.starts_with("u.") {
        return Err(UserError::Code(CodeError::Unsigned));
    }
    let signed = SignedCode::decode(code).map_err(UserError::Code)?;
    let named = VenueRef {
        event: signed.event(),
        venue: signed.venue(),
    };
    Ok(Fragment::Signed(code, named))
}

/// Verifies a signed code with the server's event data (refreshing the
/// cache), or the cached data when offline.
async fn check_with_server(raw: &str) -> Result<ScannedVenue, UserError> {
    let (code, named) = match read_fragment(raw)? {
        Fragment::Signed(code, named) => (code, named),
        Fragment::Typed(code) => return resolve_typed(code),
    };
    let event = match event_cache::load(named.event).await {
        Ok(event) => event,
        // A well-formed code of an event this server does not have.
        Err(ApiFailure::Api { error, .. }) if error == "unknown_event" => {
            return Err(UserError::Code(CodeError::WrongEvent))
        }
        Err(e) => return Err(e.into()),
    };
    let Some(event) = event else {
        // Offline and this event never fetched: its keys are unknown, so only
        // the format could be checked. The record is kept (nothing is lost)
        // and the server verifies the signature at sync.
        return Ok(ScannedVenue {
            venue_ref: named,
            code: code.to_string(),
            event: None,
            name: format!("#{}", named.venue),
        });
    };
    verify_with(code, event)
}

/// Verifies `code` with `event`'s keys (and the phone's corrected clock) and
/// finds its venue.
fn verify_with(code: &str, event: EventInfo) -> Result<ScannedVenue, UserError> {
    let keys = event.keys.as_ref().ok_or(UserError::EventKeysMissing)?;
    let verified = verify_code(code, keys, true_now_ms(), &VerifyPolicy::default())
        .map_err(UserError::Code)?;
    let name = event
        .venue(verified.venue)
        .ok_or(UserError::UnknownVenue)?
        .name
        .clone();
    Ok(ScannedVenue {
        venue_ref: verified.venue_ref(),
        code: code.to_string(),
        event: Some(event),
        name,
    })
}

/// A `s.{SHORTCODE}` check-in: the venue from the cached event data (the
/// short-code form refreshed it). The server stores such records flagged
/// for the lead's review.
fn resolve_typed(code: &str) -> Result<ScannedVenue, UserError> {
    let typed = code.trim_start_matches(baodao_core::venue_link::SHORT_CODE_PREFIX);
    let venue_ref = resolve_short_code(typed, &event_cache::short_code_entries())
        .map_err(UserError::ShortCode)?;
    let event = event_cache::cached(venue_ref.event).ok_or(UserError::UnknownEvent)?;
    let venue = event
        .venue(venue_ref.venue)
        .ok_or(UserError::UnknownVenue)?;
    let canonical = venue
        .short_code
        .map(|c| short_code_checkin(&c))
        .unwrap_or_else(|| code.to_string());
    Ok(ScannedVenue {
        venue_ref,
        code: canonical,
        name: venue.name.clone(),
        event: Some(event.clone()),
    })
}

#[component]
fn VenueCheckIn(venue: ScannedVenue) -> impl IntoView {
    let i18n = use_i18n();
    let status = use_sync_status();
    let volunteer = RwSignal::new(profile::load());
    let editing = RwSignal::new(false);
    let error = RwSignal::new(None::<UserError>);
    let busy = RwSignal::new(false);
    let guard = TapGuard::new();
    // "确定签退吗？" shown in place of the check-out button.
    let confirming = RwSignal::new(false);
    // The venue whose open visit the last check-in here closed.
    let moved_from = RwSignal::new(None::<String>);
    // Before the first check-in (and again when the notice changes).
    let accepted = RwSignal::new(privacy::accepted());
    let (organisations, organisation_initials, retention_days) = venue
        .event
        .as_ref()
        .map(|e| {
            (
                e.organisations.clone(),
                e.organisation_initials.clone(),
                e.retention_days,
            )
        })
        .unwrap_or_default();
    let here = venue.venue_ref;

    // This venue's latest record decides whether the button checks in or out.
    let latest_here = Memo::new(move |_| {
        status.records.with(|r| {
            r.iter()
                .rev()
                .find(|r| r.checkin.venue == here.venue && r.checkin.event == here.event)
                .cloned()
        })
    });
    let next_kind = move || match latest_here.get() {
        Some(r) if r.checkin.kind == CheckKind::In => CheckKind::Out,
        _ => CheckKind::In,
    };
    // The check-in of a visit still open at another venue: one place at a
    // time, so checking in here checks out there first.
    let open_elsewhere = move || {
        status.records.with(|r| {
            let open = visits(r)
                .into_iter()
                .find(|v| v.in_progress() && (v.event, v.venue) != (here.event, here.venue))?;
            let id = open.check_in?.id;
            r.iter().find(|r| r.checkin.id == id).cloned()
        })
    };

    let venue_for_record = venue.clone();
    let write = move |kind: CheckKind| {
        let Some(person) = volunteer.get_untracked() else {
            return;
        };
        scan_timing::mark(scan_timing::CHECKIN_TAP);
        let now = now_ms();
        let checkin = CheckIn {
            id: new_record_id(),
            event: here.event,
            venue: here.venue,
            kind,
            code: venue_for_record.code.clone(),
            device_time_ms: now,
            volunteer: person,
        };
        if let Err(e) = checkin.validate() {
            error.set(Some(UserError::CheckIn(e)));
            return;
        }
        let mut records = vec![OutboxRecord {
            checkin,
            venue_name: venue_for_record.name.clone(),
            delivery: Delivery::Pending,
        }];
        // The check-out there, a millisecond earlier so that every ordering
        // puts it first, as the same person who checked in there.
        let moved = (kind == CheckKind::In)
            .then(open_elsewhere)
            .flatten()
            .map(|mut there| {
                there.checkin.id = new_record_id();
                there.checkin.kind = CheckKind::Out;
                there.checkin.device_time_ms = now - 1;
                there.delivery = Delivery::Pending;
                let name = there.venue_name.clone();
                records.insert(0, there);
                name
            });
        busy.set(true);
        spawn_local(async move {
            let result = status.record(&records).await;
            if result.is_ok() {
                moved_from.set(moved);
            }
            error.set(result.err());
            busy.set(false);
            confirming.set(false);
            // The next control has just appeared: a late second tap waits too.
            guard.hold();
        });
    };
    let write_out = write.clone();
    let confirm = Callback::new(move |()| write_out(CheckKind::Out));
    let tap = move |_| {
        if busy.get_untracked() || !guard.take() {
            return;
        }
        match next_kind() {
            CheckKind::Out => {
                confirming.set(true);
                focus_answer();
            }
            CheckKind::In => write(CheckKind::In),
        }
    };
    let saved = Callback::new(move |v: Volunteer| {
        volunteer.set(Some(v));
        editing.set(false);
        // The check-in button appears where the save button was.
        guard.hold();
    });
    let accept = Callback::new(move |()| {
        // Not being able to remember it only means it is shown again.
        privacy::accept();
        accepted.set(true);
    });

    let name = venue.name.clone();
    view! {
        <section class="card venue-card">
            <p class="label">{i18n.t("checkin-venue")}</p>
            <h1 class="venue-name">{name}</h1>
        </section>
        {move || {
            if !accepted.get() {
                return view! {
                    <section class="card">
                        <PrivacyNotice retention_days=retention_days on_accept=accept />
                    </section>
                }
                    .into_any();
            }
            let person = volunteer.get();
            if person.is_none() || editing.get() {
                return view! {
                    <ProfileForm
                        organisations=organisations.clone()
                        organisation_initials=organisation_initials.clone()
                        initial=person
                        on_saved=saved
                    />
                }
                    .into_any();
            }
            let person = person.unwrap_or_else(|| unreachable!());
            scan_timing::mark(scan_timing::CHECKIN_READY);
            let tap = tap.clone();
            // The venue to check out at first, while checking in is next.
            let elsewhere = move || {
                (next_kind() == CheckKind::In)
                    .then(|| open_elsewhere().map(|r| r.venue_name))
                    .flatten()
            };
            let note = move || {
                let (key, venue) = match (moved_from.get(), elsewhere()) {
                    (Some(venue), _) => ("checkin-moved", venue),
                    (_, Some(venue)) => ("checkin-open_elsewhere", venue),
                    _ => return String::new(),
                };
                i18n.lang.get().format(key, &[("venue", &venue)])
            };
            view! {
                <section class="card checkin-card">
                    <p class="who">
                        {move || {
                            i18n.lang
                                .get()
                                .format(
                                    "profile-who",
                                    &[
                                        ("name", &person.name),
                                        ("organisation", &person.organisation),
                                        ("mobile", &mask_mobile(&person.mobile)),
                                    ],
                                )
                        }}
                        " "
                        <button
                            type="button"
                            class="link-button"
                            disabled=move || guard.held()
                            on:click=guard.on_tap(move || editing.set(true))
                        >
                            {i18n.t("profile-edit")}
                        </button>
                    </p>
                    // Where the check-in button was: the second tap of a
                    // double tap lands on this, never on the next action.
                    {move || latest_here.get().map(|r| view! { <LatestRecord record=r /> })}
                    // The visit elsewhere: still open, or just closed here.
                    <p class="venue-note" role="status">{note}</p>
                    {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
                    <button
                        class="primary big"
                        type="button"
                        data-kind=move || next_kind().as_str()
                        hidden=move || confirming.get()
                        disabled=move || busy.get() || guard.held()
                        on:click=tap.clone()
                    >
                        {move || {
                            let lang = i18n.lang.get();
                            match (next_kind(), elsewhere()) {
                                (CheckKind::Out, _) => lang.text("checkout-button"),
                                (_, Some(venue)) => lang.format("checkin-move", &[("venue", &venue)]),
                                _ => lang.text("checkin-button"),
                            }
                        }}
                    </button>
                    <ConfirmCheckout
                        question=i18n.t("checkout-confirm_question")
                        open=move || confirming.get()
                        guard=guard
                        confirm=confirm
                        cancel=Callback::new(move |()| confirming.set(false))
                    />
                </section>
            }
                .into_any()
        }}
    }
}

/// Big confirmation of the latest record at this venue.
#[component]
fn LatestRecord(record: OutboxRecord) -> impl IntoView {
    let i18n = use_i18n();
    let (done_key, at_key) = match record.checkin.kind {
        CheckKind::In => ("checkin-done", "checkin-at"),
        CheckKind::Out => ("checkout-done", "checkout-at"),
    };
    let time = corrected_ms(record.checkin.device_time_ms);
    let status = use_sync_status();
    let id = record.checkin.id;
    // A check-out shows the hours of the visit it closed.
    let visit_hours = (record.checkin.kind == CheckKind::Out).then(|| {
        status.records.with_untracked(|r| {
            visits(r)
                .into_iter()
                .find(|v| v.check_out.map(|s| s.id) == Some(id))
                .and_then(|v| v.check_in.map(|_| v.duration_ms()))
        })
    });
    let hours = move || {
        let lang = i18n.lang.get();
        visit_hours.map(|ms| match ms {
            Some(ms) => lang.format("hours-visit", &[("duration", &format_duration(ms, lang))]),
            None => lang.text("hours-no_checkin"),
        })
    };
    view! {
        <div class="confirmation" data-kind=record.checkin.kind.as_str() role="status">
            <p class="confirmation-title">{i18n.t(done_key)}</p>
            <p>{move || i18n.lang.get().format(at_key, &[("time", &clock(time, i18n.lang.get()))])}</p>
            {move || hours().map(|h| view! { <p class="confirmation-hours">{h}</p> })}
            <DeliveryBadge delivery=record.delivery.clone() />
        </div>
    }
}
